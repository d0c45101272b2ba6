//! The exchange rates page: the country's rates to its reporting currency
//! with their sources, and the forms that enter, load, correct and remove
//! them. Every form is a plain post that also works once the page hydrates;
//! a correction carries the version of the rate it was opened at.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::components::{
    CsrfField, ErrorPanel, FormErrors, OnceField, form_error, kept_input, successes,
};
use crate::i18n::td_string;
use crate::language::Locale;
use crate::pages::params::country_code_param;
use crate::server_fns::{
    AddExchangeRate, ImportRates, RatesView, RemoveExchangeRate, UpdateExchangeRate, load_rates,
};
use crate::types::{Kept, KeptInput, StoredRate};

/// What the rates page's forms submit to.
#[derive(Clone, Copy)]
struct Actions {
    add: ServerAction<AddExchangeRate>,
    import: ServerAction<ImportRates>,
    update: ServerAction<UpdateExchangeRate>,
    remove: ServerAction<RemoveExchangeRate>,
}

impl Actions {
    fn new() -> Self {
        Self {
            add: ServerAction::new(),
            import: ServerAction::new(),
            update: ServerAction::new(),
            remove: ServerAction::new(),
        }
    }

    /// Moves on whenever one of them succeeds; a refused form keeps what
    /// was typed.
    fn changes(self) -> Signal<usize> {
        let all = [
            successes(self.add),
            successes(self.import),
            successes(self.update),
            successes(self.remove),
        ];
        Signal::derive(move || all.iter().map(|s| s.get()).fold(0, usize::saturating_add))
    }
}

/// The exchange rates every converted figure uses, with their sources.
#[component]
pub fn RatesPage() -> impl IntoView {
    let locale = crate::language::current();
    let code = country_code_param();
    let actions = Actions::new();
    let changes = actions.changes();
    let kept = kept_input();
    let data = Resource::new(
        move || (code.get(), changes.get()),
        |(code, _)| load_rates(code),
    );
    let add_error = form_error(actions.add.value());
    let import_error = form_error(actions.import.value());
    let update_error = form_error(actions.update.value());
    let remove_error = form_error(actions.remove.value());
    view! {
        <Title text=td_string!(locale, activities.exchange_rates) />
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let kept = kept.await;
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(RatesView { reporting_currency, rates, can_edit }) => {
                        let code = code.get_untracked();
                        let editing = can_edit.then(|| Editing { code: code.clone(), actions, kept: kept.clone() });
                        let kept_new = KeptInput::of(kept.as_ref(), AddExchangeRate::PATH, "country", &code);
                        view! {
                            <h1>{td_string!(locale, activities.exchange_rates_to, currency = reporting_currency.clone()).to_string()}</h1>
                            <p>{td_string!(locale, activities.rates_lead)}</p>
                            {can_edit.then(|| view! {
                                <FormErrors error=add_error />
                                <RateForm code=code.clone() action=actions.add kept=kept_new />
                                <FormErrors error=import_error />
                                <RatesImport code=code.clone() action=actions.import />
                                <FormErrors error=update_error />
                                <FormErrors error=remove_error />
                            })}
                            <RatesTable reporting_currency rates editing />
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// What an administrator's rows need: the country's code, the forms, and
/// what a refused plain post entered.
#[derive(Clone)]
struct Editing {
    code: String,
    actions: Actions,
    kept: Option<KeptInput>,
}

#[component]
fn RatesTable(
    reporting_currency: String,
    rates: Vec<StoredRate>,
    /// For administrators.
    editing: Option<Editing>,
) -> impl IntoView {
    let locale = crate::language::current();
    let can_edit = editing.is_some();
    view! {
        <div class="table-wrap">
            <table>
                <caption>{td_string!(locale, activities.rates_caption, count = rates.len()).to_string()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, activities.currency)}</th>
                        <th scope="col">{td_string!(locale, activities.from)}</th>
                        <th scope="col" class="num">{td_string!(locale, activities.per_unit, currency = reporting_currency.clone()).to_string()}</th>
                        <th scope="col">{td_string!(locale, activities.source)}</th>
                        {can_edit.then(|| view! { <th scope="col">{td_string!(locale, activities.change_column)}</th> })}
                    </tr>
                </thead>
                <tbody>
                    {rates
                        .into_iter()
                        .map(|stored| {
                            let r = stored.rate.clone();
                            let change = editing.clone().map(|Editing { code, actions, kept }| {
                                let kept = KeptInput::of(kept.as_ref(), UpdateExchangeRate::PATH, "rate_id", stored.id);
                                view! { <td><RateEdit code stored actions kept /></td> }
                            });
                            view! {
                                <tr>
                                    <th scope="row">{r.currency.to_string()}</th>
                                    <td>{r.rate_date.to_string()}</td>
                                    <td class="num">{rate_text(locale, r.rate)}</td>
                                    <td>{r.source}</td>
                                    {change}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A rate as the table shows it: all its digits, with the decimal mark of
/// `locale` (`655.957`, `655,957`).
fn rate_text(locale: Locale, rate: rust_decimal::Decimal) -> String {
    let mark = crate::language::numbers::Marks::of(locale).decimal;
    rate.normalize().to_string().replace('.', &mark.to_string())
}

/// The inputs of a rate: what a refused post entered, else blank or as
/// `value` has it. Their ids start with `prefix`, so several forms can share
/// the page.
#[component]
fn RateFields(prefix: String, value: Option<StoredRate>, kept: Kept) -> impl IntoView {
    let locale = crate::language::current();
    let id = move |field: &str| format!("{prefix}{field}");
    let v = value.as_ref().map(|s| &s.rate);
    let field = |name: &str, stored: Option<String>| {
        kept.text(&format!("entry[{name}]"), stored.unwrap_or_default())
    };
    view! {
        <label for=id("currency")>{td_string!(locale, activities.currency_iso)}</label>
        <input
            id=id("currency")
            name="entry[currency]"
            required=true
            maxlength="3"
            value=field("currency", v.map(|r| r.currency.to_string()))
        />
        <label for=id("rate_date")>{td_string!(locale, activities.valid_from)}</label>
        <input
            id=id("rate_date")
            name="entry[rate_date]"
            type="date"
            required=true
            value=field("rate_date", v.map(|r| r.rate_date.to_string()))
        />
        <label for=id("rate")>{td_string!(locale, activities.rate_field)}</label>
        <input
            id=id("rate")
            name="entry[rate]"
            inputmode="decimal"
            required=true
            value=field("rate", v.map(|r| r.rate.normalize().to_string()))
        />
        <label for=id("source")>{td_string!(locale, activities.source)}</label>
        <input
            id=id("source")
            name="entry[source]"
            required=true
            maxlength="200"
            value=field("source", v.map(|r| r.source.clone()))
        />
    }
}

/// Corrects or removes one rate, as it was when the page opened.
#[component]
fn RateEdit(code: String, stored: StoredRate, actions: Actions, kept: Kept) -> impl IntoView {
    let locale = crate::language::current();
    let (id, version) = (stored.id, stored.version);
    let what = format!(
        " {}",
        td_string!(
            locale,
            activities.rate_what,
            currency = stored.rate.currency.to_string(),
            date = stored.rate.rate_date,
        )
    );
    let (save_what, remove_what) = (what.clone(), what.clone());
    let prefix = format!("rate-{id}-");
    let country = code.clone();
    let reopen = kept.is_kept();
    view! {
        <details class="edit" open=reopen>
            <summary>{td_string!(locale, activities.correct)}<span class="visually-hidden">{what}</span></summary>
            <ActionForm action=actions.update attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=country />
                <input type="hidden" name="rate_id" value=id />
                <input type="hidden" name="version" value=version />
                <RateFields prefix value=Some(stored) kept />
                <button type="submit">{td_string!(locale, activities.save)}<span class="visually-hidden">{save_what}</span></button>
            </ActionForm>
        </details>
        <ActionForm action=actions.remove attr:class="inline-form">
            <CsrfField />
            <input type="hidden" name="country" value=code />
            <input type="hidden" name="rate_id" value=id />
            <input type="hidden" name="version" value=version />
            <button type="submit" class="danger">{td_string!(locale, activities.remove)}<span class="visually-hidden">{remove_what}</span></button>
        </ActionForm>
    }
}

#[component]
fn RateForm(code: String, action: ServerAction<AddExchangeRate>, kept: Kept) -> impl IntoView {
    let locale = crate::language::current();
    let reopen = kept.is_kept();
    view! {
        <details class="edit" open=reopen>
            <summary>{td_string!(locale, activities.enter_rate)}</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || action.version().get()) />
                <input type="hidden" name="country" value=code />
                <RateFields prefix=String::new() value=None kept />
                <button type="submit">{td_string!(locale, activities.save_rate)}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn RatesImport(code: String, action: ServerAction<ImportRates>) -> impl IntoView {
    let locale = crate::language::current();
    view! {
        <details class="edit">
            <summary>{td_string!(locale, activities.load_rates_heading)}</summary>
            <ActionForm action attr:class="stack">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || action.version().get()) />
                <input type="hidden" name="country" value=code />
                <label for="rates-file">{td_string!(locale, activities.rates_csv_label)}</label>
                <textarea id="rates-file" name="file" rows="8" required=true class="mono"></textarea>
                <button type="submit">{td_string!(locale, activities.load_rates)}</button>
            </ActionForm>
        </details>
    }
}
