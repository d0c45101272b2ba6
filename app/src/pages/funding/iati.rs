//! The IATI page: the export of the country's published activities, and
//! the import of a partner's own file with its report.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::{CsrfField, ErrorPanel, FormErrors, form_error};
use crate::pages::params::country_code_param;
use crate::server_fns::{IatiView, ImportIati, REPORT_PARAM, load_iati};
use crate::types::ImportReport;
use crate::types::money::display as money;

/// IATI files: download the country's published activities, and import a
/// partner's own file with a report of every problem.
#[component]
pub fn IatiPage() -> impl IntoView {
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
        <Title text="IATI files" />
        <h1>"IATI files"</h1>
        <section aria-labelledby="export-heading">
            <h2 id="export-heading">"Export"</h2>
            <p>
                "The country's published activities with their transactions and planned disbursements, as IATI 2.03 activity XML: "
                <a href=move || format!("/countries/{}/iati-activities.xml", code.get()) download="">
                    "download iati-activities.xml"
                </a>
            </p>
        </section>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
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
    if view.organisations.is_empty() && !view.any_organisation {
        return view! {
            <p>"Partner reporters import their own organisation's file here; administrators any file."</p>
        }
            .into_any();
    }
    view! {
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">"Import"</h2>
            <p>
                "Paste an IATI activity file (versions 2.01 to 2.03). Activities already here, by their IATI identifier, are updated; "
                "a value changed in this app since the last import is kept and listed as a conflict. "
                "A file that is not well-formed XML imports nothing."
            </p>
            <ActionForm action attr:class="stack">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <label for="organisation_id">"Reported by"</label>
                <select id="organisation_id" name="organisation_id">
                    {view.any_organisation.then(|| view! {
                        <option value="">"Whichever organisation the file names"</option>
                    })}
                    {view
                        .organisations
                        .into_iter()
                        .map(|o| view! { <option value=o.id.to_string()>{o.name}</option> })
                        .collect_view()}
                </select>
                <label for="file">"IATI XML"</label>
                <textarea id="file" name="file" rows="10" required=true class="mono"></textarea>
                <button type="submit">"Import"</button>
            </ActionForm>
        </section>
    }
        .into_any()
}

#[component]
fn ReportView(report: ImportReport) -> impl IntoView {
    let t = report.totals.clone();
    let amounts = t
        .amounts
        .iter()
        .map(|(currency, amount)| format!("{currency} {}", money(*amount)))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <section aria-labelledby="report-heading" role="status">
            <h2 id="report-heading">"Import report"</h2>
            {report.error.clone().map(|e| view! { <p class="error">{e}</p> })}
            <p>
                {format!(
                    "{} activities imported, {} updated, {} skipped; {} transactions imported{}.",
                    t.activities_imported,
                    t.activities_updated,
                    t.activities_skipped,
                    t.transactions_imported,
                    if amounts.is_empty() { String::new() } else { format!(" ({amounts})") },
                )}
            </p>
            {(!report.activities.is_empty()).then(|| view! {
                <table>
                    <thead><tr><th>"Activity"</th><th>"Outcome"</th><th>"Transactions"</th><th>"Note"</th></tr></thead>
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
            <Problems title="Errors" items=report.errors.iter().map(|p| (p.activity.clone(), p.message.clone())).collect() />
            <Problems title="Warnings" items=report.warnings.iter().map(|p| (p.activity.clone(), p.message.clone())).collect() />
            <Problems title="Read from the file" items=report.inferences.iter().map(|p| (p.activity.clone(), p.message.clone())).collect() />
            {(!report.conflicts.is_empty()).then(|| view! {
                <h3>"Conflicts: kept as changed in this app"</h3>
                <table>
                    <thead><tr><th>"Activity"</th><th>"Field"</th><th>"In the file"</th><th>"In this app"</th></tr></thead>
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
    (!items.is_empty()).then(|| {
        view! {
            <h3>{format!("{title} ({})", items.len())}</h3>
            <ul>
                {items.into_iter().map(|(activity, message)| view! {
                    <li>
                        {activity.map(|a| view! { <span class="mono">{a}</span>": " })}
                        {message}
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}
