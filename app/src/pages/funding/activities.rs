//! The activities page: an organisation's activities with their
//! transactions and planned disbursements, the forms that record them, and
//! the spreadsheet import.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::activity_form::{ActivityChoices, ActivityEdit, NewActivityForm};
use super::flows::{FlowActions, FlowContext, PlannedDisbursements, Transactions};
use crate::components::{CsrfField, ErrorPanel, FormErrors, form_error};
use crate::i18n::td_string;
use crate::language::Locale;
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
    let locale = crate::language::current();
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
        import.value().get().and_then(Result::ok).map(|n| {
            view! {
                <p role="status">
                    {td_string!(locale, activities.imported_transactions, count = n).to_string()}
                </p>
            }
        })
    };
    view! {
        <Title text=td_string!(locale, activities.title) />
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(ActivitiesView { organisation, list, filter, can_edit, priorities, budget_lines, organisations, reporting_currency }) => {
                        let code = code.get_untracked();
                        let heading = match &organisation {
                            Some(o) => td_string!(locale, activities.activities_of, name = o.name.clone()).to_string(),
                            None => td_string!(locale, activities.partners_activities).to_string(),
                        };
                        let pages = Pages { locale, code: code.clone(), filter: filter.clone(), page: list.page, pages: list.pages };
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
                                {td_string!(locale, activities.list_count, total = list.total, page = list.page, pages = list.pages).to_string()}
                                " "
                                {td_string!(locale, activities.amounts_own_currency)}
                                " "
                                <a href=format!("/countries/{code}/funding")>{td_string!(locale, activities.funding_page)}</a>
                                " "
                                {td_string!(locale, activities.converts_them, currency = reporting_currency.clone()).to_string()}
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
    let locale = crate::language::current();
    let chosen = filter.organisation_id;
    view! {
        <form method="get" class="filters" aria-label=td_string!(locale, activities.filter_activities)>
            <label for="organisation">{td_string!(locale, activities.partner)}</label>
            <select id="organisation" name="organisation">
                <option value="all" selected=chosen.is_none()>{td_string!(locale, activities.all_partners)}</option>
                {partners
                    .into_iter()
                    .map(|o| view! { <option value=o.id selected=chosen == Some(o.id)>{o.name}</option> })
                    .collect_view()}
            </select>
            <label for="q">{td_string!(locale, activities.title_or_identifier)}</label>
            <input id="q" name="q" type="search" maxlength="200" value=filter.search />
            <label for="status">{td_string!(locale, activities.status)}</label>
            <select id="status" name="status">
                <option value="">{td_string!(locale, activities.any)}</option>
                {ActivityStatus::ALL
                    .iter()
                    .map(|s| view! { <option value=s.code() selected=filter.status == Some(*s)>{s.label()}</option> })
                    .collect_view()}
            </select>
            <label for="validation">{td_string!(locale, activities.validation)}</label>
            <select id="validation" name="validation">
                <option value="">{td_string!(locale, activities.any)}</option>
                {Validation::ALL
                    .iter()
                    .map(|v| view! { <option value=v.code() selected=filter.validation == Some(*v)>{v.label()}</option> })
                    .collect_view()}
            </select>
            <label for="fiscal_year">{td_string!(locale, activities.fiscal_year_start)}</label>
            <input id="fiscal_year" name="fiscal_year" inputmode="numeric" maxlength="4"
                value=filter.fiscal_year.map(|y| y.to_string()).unwrap_or_default() />
            <button type="submit">{td_string!(locale, activities.show)}</button>
        </form>
    }
}

/// Links to the list's other pages, its filter kept.
struct Pages {
    locale: Locale,
    code: String,
    filter: ActivityFilter,
    page: u64,
    pages: u64,
}

impl Pages {
    fn view(self) -> impl IntoView {
        let locale = self.locale;
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
                <nav class="pagination" aria-label=td_string!(locale, activities.pages_of_activities)>
                    {(self.page > 1).then(|| link(self.page - 1, td_string!(locale, activities.previous_page), "prev"))}
                    <span>{td_string!(locale, activities.page_of, page = self.page, pages = self.pages).to_string()}</span>
                    {(self.page < self.pages).then(|| link(self.page + 1, td_string!(locale, activities.next_page), "next"))}
                </nav>
            }
        })
    }
}

/// Shares as a page shows them: `15210 (60%), 15220 (40%)`, the
/// percentages written as `locale` writes them.
pub(super) fn shares(locale: Locale, shares: &[Share]) -> String {
    shares
        .iter()
        .map(|s| format!("{} ({})", s.code, percentage(locale, s.percent)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A percentage (0 to 100) as `locale` writes it: `60%`, `60 %`.
fn percentage(locale: Locale, percent: rust_decimal::Decimal) -> String {
    crate::language::percent(locale, percent / rust_decimal::Decimal::ONE_HUNDRED)
}

fn flags(locale: Locale, systems: &CountrySystems) -> String {
    let on: Vec<&str> = systems
        .flags()
        .iter()
        .filter(|(_, _, on)| *on)
        .map(|(_, label, _)| *label)
        .collect();
    if on.is_empty() {
        td_string!(locale, activities.none).to_string()
    } else {
        on.join(", ")
    }
}

/// Where the activity stands with the government, for its reporter.
fn state_badge(locale: Locale, activity: &Activity) -> Option<impl IntoView + use<>> {
    let text = match (activity.validation, activity.change_of.is_some()) {
        (Validation::Validated, _) => return None,
        (Validation::Awaiting, true) => td_string!(locale, activities.change_awaiting),
        (Validation::Returned, true) => td_string!(locale, activities.change_returned),
        (Validation::Awaiting, false) if !activity.published => return None,
        (Validation::Awaiting, false) => td_string!(locale, activities.awaiting_validation),
        (Validation::Returned, false) => td_string!(locale, activities.returned),
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
    let locale = crate::language::current();
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
                {(!activity.published).then(|| view! { <span class="badge">{td_string!(locale, activities.draft_not_published)}</span> })}
                {state_badge(locale, &activity)}
            </h2>
            {activity.return_reason.clone().map(|reason| view! {
                <p class="returned" role="note">
                    <strong>{td_string!(locale, activities.returned_by_government)}</strong>
                    " "
                    {reason}
                    " "
                    {td_string!(locale, activities.correct_and_resubmit)}
                </p>
            })}
            <dl class="facts">
                <dt>{td_string!(locale, activities.iati_identifier)}</dt>
                <dd>
                    {activity
                        .iati_identifier
                        .clone()
                        .unwrap_or_else(|| td_string!(locale, activities.none).to_string())}
                </dd>
                <dt>{td_string!(locale, activities.status)}</dt>
                <dd>{activity.status.label()}</dd>
                <dt>{td_string!(locale, activities.money_type)}</dt>
                <dd>{activity.money_type.label()}</dd>
                <dt>{td_string!(locale, activities.channel)}</dt>
                <dd>{activity.channel.label()}</dd>
                <dt>{td_string!(locale, activities.sectors)}</dt>
                <dd>{shares(locale, &activity.sectors)}</dd>
                <dt>{td_string!(locale, activities.strategy_priorities)}</dt>
                <dd>{shares(locale, &activity.priorities)}</dd>
                <dt>{td_string!(locale, activities.budget_lines)}</dt>
                <dd>
                    {activity
                        .budget_lines
                        .iter()
                        .map(|(code, name, p)| format!("{code} {name} ({})", percentage(locale, *p)))
                        .collect::<Vec<_>>()
                        .join(", ")}
                </dd>
                <dt>{td_string!(locale, activities.country_systems)}</dt>
                <dd>{flags(locale, &activity.systems)}</dd>
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
    let locale = crate::language::current();
    let template = format!("/countries/{code}/funding/transactions-template.csv");
    view! {
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">{td_string!(locale, activities.import_heading)}</h2>
            <p>
                {td_string!(locale, activities.import_save_as_csv)}
                " "
                <a href=template download="">{td_string!(locale, activities.import_template)}</a>
                " "
                {td_string!(locale, activities.import_paste_below)}
                " "
                {td_string!(locale, activities.import_iati_before)}
                " "
                <a href=format!("/countries/{code}/funding/iati")>{td_string!(locale, activities.import_iati_link)}</a>
                "."
            </p>
            <ActionForm action attr:class="stack">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <input type="hidden" name="organisation_id" value=organisation_id />
                <label for="file">"CSV"</label>
                <textarea id="file" name="file" rows="8" required=true class="mono"></textarea>
                <button type="submit">{td_string!(locale, activities.import)}</button>
            </ActionForm>
        </section>
    }
}
