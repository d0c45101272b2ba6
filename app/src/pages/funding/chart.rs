//! The chart of accounts on the budget page: the forms that add a line,
//! correct or remove one (each carrying the version it was opened at), and
//! load the whole chart from a CSV file.

use leptos::prelude::*;

use crate::components::{CsrfField, FormErrors, OnceField, form_error, successes};
use crate::i18n::td_string;
use crate::server_fns::{AddBudgetLine, ImportChartOfAccounts, RemoveBudgetLine, UpdateBudgetLine};
use crate::types::BudgetLine;

#[derive(Clone, Copy)]
pub(super) struct ChartActions {
    add: ServerAction<AddBudgetLine>,
    update: ServerAction<UpdateBudgetLine>,
    remove: ServerAction<RemoveBudgetLine>,
    import: ServerAction<ImportChartOfAccounts>,
}

impl ChartActions {
    pub fn new() -> Self {
        Self {
            add: ServerAction::new(),
            update: ServerAction::new(),
            remove: ServerAction::new(),
            import: ServerAction::new(),
        }
    }

    /// Counts the successes of every action.
    pub fn done(&self) -> Signal<usize> {
        let counts = [
            successes(self.add),
            successes(self.update),
            successes(self.remove),
            successes(self.import),
        ];
        Signal::derive(move || counts.iter().map(|c| c.get()).sum())
    }
}

/// The forms of the chart of accounts, each with its errors.
#[component]
pub(super) fn ChartForms(
    code: String,
    lines: Vec<BudgetLine>,
    actions: ChartActions,
) -> impl IntoView {
    let imported = actions.import.value();
    let (add_code, import_code, edit_code) = (code.clone(), code.clone(), code);
    let locale = crate::language::current();
    view! {
        <FormErrors error=form_error(actions.add.value()) />
        <details class="edit">
            <summary>{td_string!(locale, funding.add_budget_line)}</summary>
            <ActionForm action=actions.add attr:class="stack narrow">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || actions.add.version().get()) />
                <input type="hidden" name="country" value=add_code />
                <LineFields prefix=String::new() value=None />
                <button type="submit">{td_string!(locale, funding.add_line)}</button>
            </ActionForm>
        </details>
        <FormErrors error=form_error(actions.update.value()) />
        <FormErrors error=form_error(actions.remove.value()) />
        <details class="edit">
            <summary>{td_string!(locale, funding.correct_or_remove_line)}</summary>
            {lines
                .into_iter()
                .map(|line| view! { <LineEditForm code=edit_code.clone() line actions /> })
                .collect_view()}
        </details>
        <FormErrors error=form_error(imported) />
        {move || imported.get().and_then(Result::ok).map(|count| view! {
            <p role="status">{td_string!(locale, funding.lines_loaded, count).to_string()}</p>
        })}
        <details class="edit">
            <summary>{td_string!(locale, funding.load_chart_csv)}</summary>
            <ActionForm action=actions.import attr:class="stack">
                <CsrfField />
                <input type="hidden" name="country" value=import_code />
                <p class="muted">
                    {td_string!(locale, funding.csv_columns)}
                    {td_string!(locale, funding.csv_rules)}
                </p>
                <label for="chart-file">{td_string!(locale, funding.file_content)}</label>
                <textarea id="chart-file" name="file" rows="8" required=true></textarea>
                <button type="submit">{td_string!(locale, funding.load_lines)}</button>
            </ActionForm>
        </details>
    }
}

/// The inputs of a line, blank or as `value` has them; ids start with
/// `prefix`.
#[component]
fn LineFields(prefix: String, value: Option<BudgetLine>) -> impl IntoView {
    let id = move |field: &str| format!("{prefix}{field}");
    let v = value.as_ref();
    let text = |f: fn(&BudgetLine) -> String| v.map(f).unwrap_or_default();
    let locale = crate::language::current();
    view! {
        <label for=id("line_code")>{td_string!(locale, funding.line_code)}</label>
        <input id=id("line_code") name="line[line_code]" required=true maxlength="40" value=text(|l| l.code.clone()) />
        <label for=id("line_name")>{td_string!(locale, funding.name)}</label>
        <input id=id("line_name") name="line[line_name]" required=true maxlength="200" value=text(|l| l.name.clone()) />
        <label for=id("admin_unit")>{td_string!(locale, funding.held_by_ministry)}</label>
        <input id=id("admin_unit") name="line[admin_unit]" maxlength="200" value=text(|l| l.admin_unit.clone()) />
        <label for=id("function_name")>{td_string!(locale, funding.function)}</label>
        <input id=id("function_name") name="line[function_name]" maxlength="200" value=text(|l| l.function_name.clone()) />
        <label for=id("sector_code")>{td_string!(locale, funding.dac_sector)}</label>
        <input id=id("sector_code") name="line[sector_code]" maxlength="3" inputmode="numeric" value=text(|l| l.sector_code.clone().unwrap_or_default()) />
        <label for=id("parent_code")>{td_string!(locale, funding.parent_code)}</label>
        <input id=id("parent_code") name="line[parent_code]" maxlength="40" value=text(|l| l.parent_code.clone().unwrap_or_default()) />
        <label class="check">
            <input type="checkbox" id=id("security") name="line[security]" checked=v.is_some_and(|l| l.security) />
            {td_string!(locale, funding.security_line)}
        </label>
    }
}

#[component]
fn LineEditForm(code: String, line: BudgetLine, actions: ChartActions) -> impl IntoView {
    let (id, version) = (line.id, line.version);
    let label = format!("{} {}", line.code, line.name);
    let locale = crate::language::current();
    let update_code = code.clone();
    let remove_label = td_string!(locale, funding.remove_line, line = label.clone()).to_string();
    view! {
        <details class="edit">
            <summary>{td_string!(locale, funding.correct_line, line = label).to_string()}</summary>
            <ActionForm action=actions.update attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=update_code />
                <input type="hidden" name="line_id" value=id />
                <input type="hidden" name="version" value=version />
                <LineFields prefix=format!("line-{id}-") value=Some(line) />
                <button type="submit">{td_string!(locale, funding.save_line)}</button>
            </ActionForm>
            <ActionForm action=actions.remove attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <input type="hidden" name="line_id" value=id />
                <input type="hidden" name="version" value=version />
                <button type="submit" class="danger">{remove_label}</button>
            </ActionForm>
        </details>
    }
}
