//! The IATI page: the export of the country's published activities, and
//! the import of a partner's own file with its report.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::{CsrfField, ErrorPanel, FormErrors, form_error};
use crate::i18n::td_string;
use crate::pages::params::country_code_param;
use crate::server_fns::{IatiView, ImportIati, REPORT_PARAM, load_iati};
use crate::types::ImportReport;

/// IATI files: download the country's published activities, and import a
/// partner's own file with a report of every problem.
#[component]
pub fn IatiPage() -> impl IntoView {
    let locale = crate::language::current();
    let code = country_code_param();
    let query = use_query_map();
    let import = ServerAction::<ImportIati>::new();
    let data = Resource::new(move || code.get(), load_iati);
    let error = form_error(import.value());
    let report = Signal::derive(move || {
        import.value().get().and_then(Result::ok).or_else(|| {
            query
                .read()
                .get(REPORT_PARAM)
                .and_then(|json| serde_json::from_str::<ImportReport>(&json).ok())
        })
    });
    view! {
        <Title text=td_string!(locale, activities.iati_files) />
        <h1>{td_string!(locale, activities.iati_files)}</h1>
        <section aria-labelledby="export-heading">
            <h2 id="export-heading">{td_string!(locale, activities.export)}</h2>
            <p>
                {td_string!(locale, activities.export_text)}
                " "
                <a href=move || format!("/countries/{}/iati-activities.xml", code.get()) download="">
                    {td_string!(locale, activities.download_iati_file)}
                </a>
            </p>
        </section>
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(view) => view! {
                        <ImportSection code=code.get_untracked() view action=import />
                    }
                        .into_any(),
                }
            })}
        </Suspense>
        <FormErrors error />
        {move || report.get().map(|report| view! { <ReportView report /> })}
    }
}

#[component]
fn ImportSection(code: String, view: IatiView, action: ServerAction<ImportIati>) -> impl IntoView {
    let locale = crate::language::current();
    if view.organisations.is_empty() && !view.any_organisation {
        return view! {
            <p>{td_string!(locale, activities.iati_who_imports)}</p>
        }
        .into_any();
    }
    view! {
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">{td_string!(locale, activities.import_section)}</h2>
            <p>{td_string!(locale, activities.iati_import_text)}</p>
            <ActionForm action attr:class="stack">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <label for="organisation_id">{td_string!(locale, activities.reported_by)}</label>
                <select id="organisation_id" name="organisation_id">
                    {view.any_organisation.then(|| view! {
                        <option value="">{td_string!(locale, activities.organisation_in_file)}</option>
                    })}
                    {view
                        .organisations
                        .into_iter()
                        .map(|o| view! { <option value=o.id.to_string()>{o.name}</option> })
                        .collect_view()}
                </select>
                <label for="file">{td_string!(locale, activities.iati_xml)}</label>
                <textarea id="file" name="file" rows="10" required=true class="mono"></textarea>
                <button type="submit">{td_string!(locale, activities.import)}</button>
            </ActionForm>
        </section>
    }
        .into_any()
}

#[component]
fn ReportView(report: ImportReport) -> impl IntoView {
    let locale = crate::language::current();
    let t = report.totals.clone();
    let amounts = t
        .amounts
        .iter()
        .map(|(currency, amount)| crate::language::amount_with_currency(locale, *amount, currency))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <section aria-labelledby="report-heading" role="status">
            <h2 id="report-heading">{td_string!(locale, activities.import_report)}</h2>
            {report.error.clone().map(|e| view! { <p class="error">{e}</p> })}
            <p>
                {if amounts.is_empty() {
                    td_string!(
                        locale,
                        activities.report_totals,
                        imported = t.activities_imported,
                        updated = t.activities_updated,
                        skipped = t.activities_skipped,
                        transactions = t.transactions_imported,
                    )
                        .to_string()
                } else {
                    td_string!(
                        locale,
                        activities.report_totals_amounts,
                        imported = t.activities_imported,
                        updated = t.activities_updated,
                        skipped = t.activities_skipped,
                        transactions = t.transactions_imported,
                        amounts = amounts.clone(),
                    )
                        .to_string()
                }}
            </p>
            {(!report.activities.is_empty()).then(|| view! {
                <table>
                    <thead><tr><th>{td_string!(locale, activities.activity)}</th><th>{td_string!(locale, activities.outcome)}</th><th>{td_string!(locale, activities.transactions)}</th><th>{td_string!(locale, activities.note)}</th></tr></thead>
                    <tbody>
                        {report.activities.iter().map(|a| view! {
                            <tr>
                                <td class="mono">{a.identifier.clone()}</td>
                                <td>{a.outcome.label()}</td>
                                <td>{a.transactions_imported}</td>
                                <td>{a.note.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            <Problems title=td_string!(locale, activities.errors) items=report.errors.iter().map(|p| (p.activity.clone(), p.message.clone())).collect() />
            <Problems title=td_string!(locale, activities.warnings) items=report.warnings.iter().map(|p| (p.activity.clone(), p.message.clone())).collect() />
            <Problems title=td_string!(locale, activities.read_from_file) items=report.inferences.iter().map(|p| (p.activity.clone(), p.message.clone())).collect() />
            {(!report.conflicts.is_empty()).then(|| view! {
                <h3>{td_string!(locale, activities.conflicts_heading)}</h3>
                <table>
                    <thead><tr><th>{td_string!(locale, activities.activity)}</th><th>{td_string!(locale, activities.field)}</th><th>{td_string!(locale, activities.in_the_file)}</th><th>{td_string!(locale, activities.in_this_app)}</th></tr></thead>
                    <tbody>
                        {report.conflicts.iter().map(|c| view! {
                            <tr>
                                <td class="mono">{c.activity.clone()}</td>
                                <td>{c.field.clone()}</td>
                                <td>{c.imported.clone()}</td>
                                <td>{c.local.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}

#[component]
fn Problems(title: &'static str, items: Vec<(Option<String>, String)>) -> impl IntoView {
    let locale = crate::language::current();
    (!items.is_empty()).then(|| {
        view! {
            <h3>{td_string!(locale, activities.with_count, title, count = items.len()).to_string()}</h3>
            <ul>
                {items.into_iter().map(|(activity, message)| view! {
                    <li>
                        {activity.map(|a| view! { <span class="mono">{a}</span>{td_string!(locale, activities.separator)}" " })}
                        {message}
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}
