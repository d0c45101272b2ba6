//! The activities page: an organisation's activities with their
//! transactions and planned disbursements, the forms that record them, and
//! the spreadsheet import.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::activity_form::{ActivityChoices, ActivityEdit, NewActivityForm};
use super::flows::{FlowActions, FlowContext, PlannedDisbursements, Transactions};
use crate::components::{CsrfField, ErrorPanel, FormErrors, form_error};
use crate::pages::params::country_code_param;
use crate::server_fns::{
    ActivitiesView, CreateActivity, ImportTransactions, ListQuery, RemoveActivity, UpdateActivity,
    load_activities,
};
use crate::types::{
    Activity, ActivityFilter, ActivityStatus, CountrySystems, Organisation, Share, Validation,
};

/// An organisation's activities and flows, and the forms and import that
/// record them.
#[component]
pub fn ActivitiesPage() -> impl IntoView {
    let code = country_code_param();
    let query = use_query_map();
    let list_query = move || {
        let q = query.read();
        ListQuery {
            organisation: q.get("organisation"),
            q: q.get("q"),
            status: q.get("status"),
            validation: q.get("validation"),
            fiscal_year: q.get("fiscal_year"),
            page: q.get("page"),
        }
    };
    let create = ServerAction::<CreateActivity>::new();
    let update = ServerAction::<UpdateActivity>::new();
    let remove = ServerAction::<RemoveActivity>::new();
    let flows = FlowActions::new();
    let import = ServerAction::<ImportTransactions>::new();
    let data = Resource::new(
        move || {
            let changes = create.version().get()
                + update.version().get()
                + remove.version().get()
                + flows.version()
                + import.version().get();
            (code.get(), list_query(), changes)
        },
        |(code, query, _)| load_activities(code, query),
    );
    let create_error = form_error(create.value());
    let update_error = form_error(update.value());
    let remove_error = form_error(remove.value());
    let import_error = form_error(import.value());
    let imported = move || {
        import
            .value()
            .get()
            .and_then(Result::ok)
            .map(|n| view! { <p role="status">{format!("Imported {n} transactions.")}</p> })
    };
    view! {
        <Title text="Activities" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(ActivitiesView { organisation, list, filter, can_edit, priorities, budget_lines, organisations, reporting_currency }) => {
                        let code = code.get_untracked();
                        let heading = match &organisation {
                            Some(o) => format!("Activities of {}", o.name),
                            None => "Partners' activities".to_string(),
                        };
                        let pages = Pages { code: code.clone(), filter: filter.clone(), page: list.page, pages: list.pages };
                        let choices = ActivityChoices {
                            code: code.clone(),
                            priorities,
                            budget_lines,
                            organisations: organisations.iter().filter(|o| o.active).map(|o| (o.id, o.name.clone())).collect(),
                        };
                        view! {
                            <h1>{heading}</h1>
                            <ListFilter filter partners=organisations.clone() />
                            <p>
                                {format!("{} activities, page {} of {}. Amounts are in each flow's own currency; the ", list.total, list.page, list.pages)}
                                <a href=format!("/countries/{code}/funding")>"funding page"</a>
                                {format!(" converts them to {reporting_currency}.")}
                            </p>
                            <FormErrors error=update_error />
                            <FormErrors error=remove_error />
                            {flows.errors()}
                            {list
                                .activities
                                .into_iter()
                                .map(|activity| view! {
                                    <ActivityCard
                                        activity
                                        code=code.clone()
                                        can_edit
                                        organisations=organisations.clone()
                                        flows
                                        choices=choices.clone()
                                        update
                                        remove
                                    />
                                })
                                .collect_view()}
                            {pages.view()}
                            {organisation.filter(|_| can_edit).map(|organisation| view! {
                                <FormErrors error=create_error />
                                <NewActivityForm organisation_id=organisation.id choices=choices.clone() action=create />
                                <FormErrors error=import_error />
                                {imported}
                                <ImportForm code=code.clone() organisation_id=organisation.id action=import />
                            })}
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The list's filters: a plain GET form, so it works before any script.
#[component]
fn ListFilter(filter: ActivityFilter, partners: Vec<Organisation>) -> impl IntoView {
    let chosen = filter.organisation_id;
    view! {
        <form method="get" class="filters" aria-label="Filter the activities">
            <label for="organisation">"Partner"</label>
            <select id="organisation" name="organisation">
                <option value="all" selected=chosen.is_none()>"All partners"</option>
                {partners
                    .into_iter()
                    .map(|o| view! { <option value=o.id selected=chosen == Some(o.id)>{o.name}</option> })
                    .collect_view()}
            </select>
            <label for="q">"Title or identifier"</label>
            <input id="q" name="q" type="search" maxlength="200" value=filter.search />
            <label for="status">"Status"</label>
            <select id="status" name="status">
                <option value="">"Any"</option>
                {ActivityStatus::ALL
                    .iter()
                    .map(|s| view! { <option value=s.code() selected=filter.status == Some(*s)>{s.label()}</option> })
                    .collect_view()}
            </select>
            <label for="validation">"Validation"</label>
            <select id="validation" name="validation">
                <option value="">"Any"</option>
                {Validation::ALL
                    .iter()
                    .map(|v| view! { <option value=v.code() selected=filter.validation == Some(*v)>{v.label()}</option> })
                    .collect_view()}
            </select>
            <label for="fiscal_year">"Fiscal year (start year)"</label>
            <input id="fiscal_year" name="fiscal_year" inputmode="numeric" maxlength="4"
                value=filter.fiscal_year.map(|y| y.to_string()).unwrap_or_default() />
            <button type="submit">"Show"</button>
        </form>
    }
}

/// Links to the list's other pages, its filter kept.
struct Pages {
    code: String,
    filter: ActivityFilter,
    page: u64,
    pages: u64,
}

impl Pages {
    fn view(self) -> impl IntoView {
        let link = |page: u64, text: &'static str, rel: &'static str| {
            let href = format!(
                "/countries/{}/funding/activities?{}",
                self.code,
                self.filter.query(page)
            );
            view! { <a href=href rel=rel>{text}</a> }
        };
        (self.pages > 1).then(|| {
            view! {
                <nav class="pagination" aria-label="Pages of activities">
                    {(self.page > 1).then(|| link(self.page - 1, "Previous page", "prev"))}
                    <span>{format!("Page {} of {}", self.page, self.pages)}</span>
                    {(self.page < self.pages).then(|| link(self.page + 1, "Next page", "next"))}
                </nav>
            }
        })
    }
}

/// Shares as a page shows them: `15210 (60%), 15220 (40%)`.
pub(super) fn shares(shares: &[Share]) -> String {
    shares
        .iter()
        .map(|s| format!("{} ({}%)", s.code, s.percent.normalize()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn flags(systems: &CountrySystems) -> String {
    let on: Vec<&str> = systems
        .flags()
        .iter()
        .filter(|(_, _, on)| *on)
        .map(|(_, label, _)| *label)
        .collect();
    if on.is_empty() {
        "None".to_string()
    } else {
        on.join(", ")
    }
}

/// Where the activity stands with the government, for its reporter.
fn state_badge(activity: &Activity) -> Option<impl IntoView + use<>> {
    let text = match (activity.validation, activity.change_of.is_some()) {
        (Validation::Validated, _) => return None,
        (Validation::Awaiting, true) => {
            "Change awaiting validation: the validated figures count until then"
        }
        (Validation::Returned, true) => "Change returned: the validated figures still count",
        (Validation::Awaiting, false) if !activity.published => return None,
        (Validation::Awaiting, false) => "Awaiting validation: counts once validated",
        (Validation::Returned, false) => "Returned",
    };
    Some(view! { <span class="badge state">{text}</span> })
}

#[component]
fn ActivityCard(
    activity: Activity,
    code: String,
    can_edit: bool,
    organisations: Vec<Organisation>,
    flows: FlowActions,
    choices: ActivityChoices,
    update: ServerAction<UpdateActivity>,
    remove: ServerAction<RemoveActivity>,
) -> impl IntoView {
    let edit = can_edit.then(|| {
        let activity = activity.clone();
        view! { <ActivityEdit activity choices update remove /> }
    });
    let heading = format!("activity-{}", activity.id);
    let context = FlowContext {
        code,
        activity_id: activity.id,
        title: activity.title.clone(),
        currency: activity.default_currency.to_string(),
        organisations,
        can_edit,
        actions: flows,
    };
    view! {
        <section class="activity" aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>
                {activity.title.clone()}
                {(!activity.published).then(|| view! { <span class="badge">"Draft, not published"</span> })}
                {state_badge(&activity)}
            </h2>
            {activity.return_reason.clone().map(|reason| view! {
                <p class="returned" role="note">
                    <strong>"Returned by the government: "</strong>
                    {reason}
                    " Correct the activity and save it to submit it again."
                </p>
            })}
            <dl class="facts">
                <dt>"IATI identifier"</dt>
                <dd>{activity.iati_identifier.clone().unwrap_or_else(|| "None".into())}</dd>
                <dt>"Status"</dt>
                <dd>{activity.status.label()}</dd>
                <dt>"Type of money"</dt>
                <dd>{activity.money_type.label()}</dd>
                <dt>"Channel"</dt>
                <dd>{activity.channel.label()}</dd>
                <dt>"Sectors"</dt>
                <dd>{shares(&activity.sectors)}</dd>
                <dt>"Strategy priorities"</dt>
                <dd>{shares(&activity.priorities)}</dd>
                <dt>"Budget lines"</dt>
                <dd>
                    {activity
                        .budget_lines
                        .iter()
                        .map(|(code, name, p)| format!("{code} {name} ({}%)", p.normalize()))
                        .collect::<Vec<_>>()
                        .join(", ")}
                </dd>
                <dt>"Country systems"</dt>
                <dd>{flags(&activity.systems)}</dd>
            </dl>
            {edit}
            <Transactions transactions=activity.transactions context=context.clone() />
            <PlannedDisbursements planned=activity.planned_disbursements context />
        </section>
    }
}

#[component]
fn ImportForm(
    code: String,
    organisation_id: i32,
    action: ServerAction<ImportTransactions>,
) -> impl IntoView {
    let template = format!("/countries/{code}/funding/transactions-template.csv");
    view! {
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">"Import transactions from a spreadsheet"</h2>
            <p>
                "Save your sheet as CSV with the columns of the "
                <a href=template download="">"template"</a>
                " and paste it below. A file with any bad row imports nothing; each problem is listed with its line. "
                "Activities your organisation already publishes in IATI can be "
                <a href=format!("/countries/{code}/funding/iati")>"imported from the IATI file"</a>
                "."
            </p>
            <ActionForm action attr:class="stack">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <input type="hidden" name="organisation_id" value=organisation_id />
                <label for="file">"CSV"</label>
                <textarea id="file" name="file" rows="8" required=true class="mono"></textarea>
                <button type="submit">"Import"</button>
            </ActionForm>
        </section>
    }
}
