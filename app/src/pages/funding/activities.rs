//! The activities page: an organisation's activities with their
//! transactions and planned disbursements, the forms that record them, and
//! the spreadsheet import.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::{CsrfField, ErrorPanel, FormErrors, form_error};
use crate::pages::params::country_code_param;
use crate::server_fns::{
    ActivitiesView, AddPlannedDisbursement, AddTransaction, CreateActivity, ImportTransactions,
    load_activities,
};
use crate::types::money::display as money;
use crate::types::{
    Activity, ActivityStatus, BudgetLine, Channel, CountrySystems, MoneyType, Organisation, Share,
    TransactionKind,
};

/// An organisation's activities and flows, and the forms and import that
/// record them.
#[component]
pub fn ActivitiesPage() -> impl IntoView {
    let code = country_code_param();
    let query = use_query_map();
    let organisation = move || {
        query
            .read()
            .get("organisation")
            .and_then(|id| id.parse::<i32>().ok())
    };
    let create = ServerAction::<CreateActivity>::new();
    let add = ServerAction::<AddTransaction>::new();
    let plan = ServerAction::<AddPlannedDisbursement>::new();
    let import = ServerAction::<ImportTransactions>::new();
    let data = Resource::new(
        move || {
            let changes = create.version().get()
                + add.version().get()
                + plan.version().get()
                + import.version().get();
            (code.get(), organisation(), changes)
        },
        |(code, organisation, _)| load_activities(code, organisation),
    );
    let create_error = form_error(create.value());
    let add_error = form_error(add.value());
    let plan_error = form_error(plan.value());
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
                    Ok(ActivitiesView { organisation, activities, can_edit, priorities, budget_lines, organisations, reporting_currency }) => {
                        let code = code.get_untracked();
                        let count = activities.len();
                        view! {
                            <h1>{format!("Activities of {}", organisation.name)}</h1>
                            <p>
                                {format!("{count} activities. Amounts are in each flow's own currency; the ")}
                                <a href=format!("/countries/{code}/funding")>"funding page"</a>
                                {format!(" converts them to {reporting_currency}.")}
                            </p>
                            <FormErrors error=add_error />
                            <FormErrors error=plan_error />
                            {activities
                                .into_iter()
                                .map(|activity| view! {
                                    <ActivityCard
                                        activity
                                        code=code.clone()
                                        can_edit
                                        organisations=organisations.clone()
                                        add
                                        plan
                                    />
                                })
                                .collect_view()}
                            {can_edit.then(|| view! {
                                <FormErrors error=create_error />
                                <ActivityForm
                                    code=code.clone()
                                    organisation_id=organisation.id
                                    priorities=priorities.clone()
                                    budget_lines=budget_lines.clone()
                                    action=create
                                />
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

fn shares(shares: &[Share]) -> String {
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

#[component]
fn ActivityCard(
    activity: Activity,
    code: String,
    can_edit: bool,
    organisations: Vec<Organisation>,
    add: ServerAction<AddTransaction>,
    plan: ServerAction<AddPlannedDisbursement>,
) -> impl IntoView {
    let id = activity.id;
    let heading = format!("activity-{id}");
    view! {
        <section class="activity" aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>
                {activity.title.clone()}
                {(!activity.published).then(|| view! { <span class="badge">"Draft, not published"</span> })}
            </h2>
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
            <div class="table-wrap">
                <table>
                    <caption>{format!("Transactions of {}", activity.title)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Date"</th>
                            <th scope="col">"Type"</th>
                            <th scope="col" class="num">"Amount"</th>
                            <th scope="col">"Currency"</th>
                            <th scope="col">"Value date"</th>
                            <th scope="col">"From"</th>
                            <th scope="col">"To"</th>
                            <th scope="col">"Description"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {activity
                            .transactions
                            .into_iter()
                            .map(|t| view! {
                                <tr>
                                    <td>{t.transaction_date.to_string()}</td>
                                    <td>{t.kind.label()}</td>
                                    <td class="num">{money(t.amount)}</td>
                                    <td>{t.currency.to_string()}</td>
                                    <td>{t.value_date.to_string()}</td>
                                    <td>{t.provider.map(|o| o.name)}</td>
                                    <td>{t.receiver.map(|o| o.name)}</td>
                                    <td>{t.description}</td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            {(!activity.planned_disbursements.is_empty()).then(|| view! {
                <h3>"Planned disbursements"</h3>
                <ul>
                    {activity
                        .planned_disbursements
                        .into_iter()
                        .map(|p| view! {
                            <li>{format!("{} to {}: {} {}", p.period_start, p.period_end, p.currency, money(p.amount))}</li>
                        })
                        .collect_view()}
                </ul>
            })}
            {can_edit.then(|| view! {
                <TransactionForm code=code.clone() activity_id=id currency=String::from(activity.default_currency.clone()) organisations action=add />
                <PlannedForm code=code.clone() activity_id=id action=plan />
            })}
        </section>
    }
}

#[component]
fn TransactionForm(
    code: String,
    activity_id: i32,
    currency: String,
    organisations: Vec<Organisation>,
    action: ServerAction<AddTransaction>,
) -> impl IntoView {
    let id = move |name: &str| format!("{name}-{activity_id}");
    let organisation_options = move || {
        organisations
            .iter()
            .map(|o| view! { <option value=o.id>{o.name.clone()}</option> })
            .collect_view()
    };
    let receivers = organisation_options.clone();
    view! {
        <details class="edit">
            <summary>"Add a transaction"</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <input type="hidden" name="activity_id" value=activity_id />
                <label for=id("kind")>"Type"</label>
                <select id=id("kind") name="transaction[kind]">
                    {TransactionKind::ALL
                        .iter()
                        .map(|k| view! { <option value=k.code() selected=*k == TransactionKind::Disbursement>{k.label()}</option> })
                        .collect_view()}
                </select>
                <label for=id("transaction_date")>"Date"</label>
                <input id=id("transaction_date") name="transaction[transaction_date]" type="date" required=true />
                <label for=id("amount")>"Amount"</label>
                <input id=id("amount") name="transaction[amount]" inputmode="decimal" required=true />
                <label for=id("currency")>"Currency (ISO 4217)"</label>
                <input id=id("currency") name="transaction[currency]" value=currency maxlength="3" />
                <label for=id("value_date")>"Value date, for the exchange rate (blank: the date above)"</label>
                <input id=id("value_date") name="transaction[value_date]" type="date" />
                <label for=id("provider_org_id")>"From (optional)"</label>
                <select id=id("provider_org_id") name="transaction[provider_org_id]">
                    <option value="">"Not stated"</option>
                    {organisation_options()}
                </select>
                <label for=id("receiver_org_id")>"To (optional; a pooled fund makes this a contribution)"</label>
                <select id=id("receiver_org_id") name="transaction[receiver_org_id]">
                    <option value="">"Not stated"</option>
                    {receivers()}
                </select>
                <label for=id("description")>"Description"</label>
                <input id=id("description") name="transaction[description]" maxlength="300" />
                <label for=id("on_budget")>"On budget"</label>
                <select id=id("on_budget") name="transaction[on_budget]">
                    <option value="">"As the activity"</option>
                    <option value="yes">"Yes"</option>
                    <option value="no">"No"</option>
                </select>
                <button type="submit">"Add transaction"</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn PlannedForm(
    code: String,
    activity_id: i32,
    action: ServerAction<AddPlannedDisbursement>,
) -> impl IntoView {
    let id = move |name: &str| format!("{name}-{activity_id}");
    view! {
        <details class="edit">
            <summary>"Add a planned disbursement"</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <input type="hidden" name="activity_id" value=activity_id />
                <label for=id("period_start")>"Period starts (your fiscal year is fine)"</label>
                <input id=id("period_start") name="period_start" type="date" required=true />
                <label for=id("period_end")>"Period ends"</label>
                <input id=id("period_end") name="period_end" type="date" required=true />
                <label for=id("planned_amount")>"Amount"</label>
                <input id=id("planned_amount") name="planned_amount" inputmode="decimal" required=true />
                <label for=id("planned_currency")>"Currency (blank: the activity's)"</label>
                <input id=id("planned_currency") name="planned_currency" maxlength="3" />
                <button type="submit">"Add planned disbursement"</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn ActivityForm(
    code: String,
    organisation_id: i32,
    priorities: Vec<(String, String)>,
    budget_lines: Vec<BudgetLine>,
    action: ServerAction<CreateActivity>,
) -> impl IntoView {
    let codes = priorities
        .iter()
        .map(|(code, title)| format!("{code} {title}"))
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <section aria-labelledby="new-activity-heading">
            <h2 id="new-activity-heading">"Record an activity"</h2>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <input type="hidden" name="organisation_id" value=organisation_id />
                <label for="title">"Title"</label>
                <input id="title" name="activity[title]" required=true maxlength="300" />
                <label for="description">"Description"</label>
                <textarea id="description" name="activity[description]" rows="3"></textarea>
                <label for="iati_identifier">"IATI identifier (if published)"</label>
                <input id="iati_identifier" name="activity[iati_identifier]" maxlength="200" />
                <label for="status">"Status"</label>
                <select id="status" name="activity[status]">
                    {ActivityStatus::ALL
                        .iter()
                        .map(|s| view! { <option value=s.code() selected=*s == ActivityStatus::Implementation>{s.label()}</option> })
                        .collect_view()}
                </select>
                <label for="money_type">"Type of money"</label>
                <select id="money_type" name="activity[money_type]">
                    {MoneyType::ALL.iter().map(|m| view! { <option value=m.code()>{m.label()}</option> }).collect_view()}
                </select>
                <label for="channel">"Channel"</label>
                <select id="channel" name="activity[channel]">
                    {Channel::ALL.iter().map(|c| view! { <option value=c.code()>{c.label()}</option> }).collect_view()}
                </select>
                <label for="default_currency">"Currency (ISO 4217)"</label>
                <input id="default_currency" name="activity[default_currency]" value="USD" maxlength="3" required=true />
                <label for="aid_type">"IATI aid type (e.g. C01 project, B03 pooled fund)"</label>
                <input id="aid_type" name="activity[aid_type]" maxlength="8" />
                <label for="finance_type">"IATI finance type (e.g. 110 grant)"</label>
                <input id="finance_type" name="activity[finance_type]" maxlength="8" />
                <label for="sectors">"DAC sectors with percentages (e.g. 15210 60; 15220 40)"</label>
                <input id="sectors" name="activity[sectors]" />
                <label for="priorities">"Strategy priorities with percentages"</label>
                <input id="priorities" name="activity[priorities]" aria-describedby="priority-codes" />
                <p id="priority-codes" class="hint">{format!("Priorities: {codes}")}</p>
                <label for="budget_line_id">"National budget line"</label>
                <select id="budget_line_id" name="activity[budget_line_id]">
                    <option value="">"None"</option>
                    {budget_lines
                        .into_iter()
                        .map(|l| view! { <option value=l.id>{format!("{} {}", l.code, l.name)}</option> })
                        .collect_view()}
                </select>
                <fieldset>
                    <legend>"Uses the country's systems"</legend>
                    {CountrySystems::default()
                        .flags()
                        .into_iter()
                        .map(|(name, label, _)| view! {
                            <label class="check"><input type="checkbox" name=format!("activity[{name}]") />{label}</label>
                        })
                        .collect_view()}
                </fieldset>
                <label class="check"><input type="checkbox" name="activity[published]" checked=true />"Publish (count it in the funding views and the API)"</label>
                <button type="submit">"Record activity"</button>
            </ActionForm>
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
