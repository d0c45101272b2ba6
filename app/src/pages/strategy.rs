//! The integrated peacebuilding strategy of a country: the version shown,
//! its priorities and yearly costs, and (for planners) the forms that draft
//! it and move it from draft to endorsed.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use rust_decimal::Decimal;

use super::agreements::Agreements;
use super::country_code_param;
use super::pillar_forms::{AddPillarForm, RenamePillarForm};
use super::priority_fields::PriorityFields;
use crate::components::{CsrfField, ErrorPanel, FormErrors, form_error};
use crate::server_fns::{
    AddAgreement, AddComment, AddPillar, AddPriority, AddProvision, CreateStrategy,
    EndorseStrategy, RedraftStrategy, RenamePillar, ResolveComment, SendStrategyToConsultation,
    SetPriorityCost, StrategyView, compare_strategy_versions, load_strategy,
};
use crate::types::money::display as money;
use crate::types::{Comment, FiscalYear, Strategy, StrategyStatus};

/// The actions of the page, so that any of them refreshes it.
#[derive(Clone, Copy)]
struct Actions {
    create: ServerAction<CreateStrategy>,
    add: ServerAction<AddPriority>,
    cost: ServerAction<SetPriorityCost>,
    consult: ServerAction<SendStrategyToConsultation>,
    endorse: ServerAction<EndorseStrategy>,
    redraft: ServerAction<RedraftStrategy>,
    comment: ServerAction<AddComment>,
    resolve: ServerAction<ResolveComment>,
    agreement: ServerAction<AddAgreement>,
    provision: ServerAction<AddProvision>,
    add_pillar: ServerAction<AddPillar>,
    rename_pillar: ServerAction<RenamePillar>,
}

impl Actions {
    fn new() -> Self {
        Self {
            create: ServerAction::new(),
            add: ServerAction::new(),
            cost: ServerAction::new(),
            consult: ServerAction::new(),
            endorse: ServerAction::new(),
            redraft: ServerAction::new(),
            comment: ServerAction::new(),
            resolve: ServerAction::new(),
            agreement: ServerAction::new(),
            provision: ServerAction::new(),
            add_pillar: ServerAction::new(),
            rename_pillar: ServerAction::new(),
        }
    }

    fn version(&self) -> usize {
        self.create.version().get()
            + self.add.version().get()
            + self.cost.version().get()
            + self.consult.version().get()
            + self.endorse.version().get()
            + self.redraft.version().get()
            + self.comment.version().get()
            + self.resolve.version().get()
            + self.agreement.version().get()
            + self.provision.version().get()
            + self.add_pillar.version().get()
            + self.rename_pillar.version().get()
    }

    fn error(&self) -> Signal<Option<crate::AppError>> {
        let errors = [
            form_error(self.create.value()),
            form_error(self.add.value()),
            form_error(self.cost.value()),
            form_error(self.consult.value()),
            form_error(self.endorse.value()),
            form_error(self.redraft.value()),
            form_error(self.comment.value()),
            form_error(self.resolve.value()),
            form_error(self.agreement.value()),
            form_error(self.provision.value()),
            form_error(self.add_pillar.value()),
            form_error(self.rename_pillar.value()),
        ];
        Signal::derive(move || errors.iter().find_map(|e| e.get()))
    }
}

fn year_label(strategy: &Strategy, year: i32) -> String {
    FiscalYear {
        start_year: year,
        start_month: strategy.fiscal_year_start_month,
    }
    .label()
}

#[component]
pub fn StrategyPage() -> impl IntoView {
    let code = country_code_param();
    let query = use_query_map();
    let version = Memo::new(move |_| {
        query
            .read()
            .get("version")
            .and_then(|v| v.parse::<i32>().ok())
    });
    let actions = Actions::new();
    let view_data = Resource::new(
        move || (code.get(), version.get(), actions.version()),
        |(code, version, _)| load_strategy(code, version),
    );
    let error = actions.error();
    view! {
        <Title text="Strategy" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match view_data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(data) => view! { <StrategyBody data code=code.get_untracked() actions error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StrategyBody(
    data: StrategyView,
    code: String,
    actions: Actions,
    error: Signal<Option<crate::AppError>>,
) -> impl IntoView {
    let StrategyView {
        strategy,
        versions,
        can_edit,
        ministries,
        organisations,
        comments,
        can_comment,
        can_resolve,
    } = data;
    let Some(strategy) = strategy else {
        return view! {
            <h1>"Peacebuilding strategy"</h1>
            <p>"No strategy has been published yet."</p>
            <FormErrors error />
            {can_edit.then(|| view! { <NewStrategyForm code=code.clone() action=actions.create /> })}
        }
        .into_any();
    };
    let latest = versions.last().map(|v| v.version) == Some(strategy.version);
    let open_draft = versions
        .iter()
        .any(|v| v.status != StrategyStatus::Endorsed);
    let editable = can_edit && strategy.status == StrategyStatus::Draft;
    let years: Vec<i32> = strategy.fiscal_years().collect();
    let period = format!(
        "{} to {}",
        year_label(&strategy, strategy.first_fiscal_year),
        year_label(&strategy, strategy.last_fiscal_year)
    );
    view! {
        <h1>{strategy.title.clone()}</h1>
        <p class="status-line">
            <span class=format!("badge badge-{}", strategy.status.code())>{strategy.status.label()}</span>
            {format!(" Version {} · {period} · costs in {}", strategy.version, strategy.currency)}
            {strategy.based_on_version.map(|v| format!(" · based on version {v}"))}
        </p>
        <p class="lead">{strategy.vision.clone()}</p>
        <VersionNav code=code.clone() versions=versions.clone() shown=strategy.version />
        {versions.iter().any(|v| v.status == StrategyStatus::Endorsed).then(|| view! {
            <p>
                <a href=format!("/countries/{code}/strategy.csv") download="">
                    "Download the endorsed strategy's priorities and costs (CSV)"
                </a>
            </p>
        })}
        <FormErrors error />
        {(can_edit && latest).then(|| view! {
            <Lifecycle strategy_id=strategy.id status=strategy.status open_draft actions />
        })}
        {strategy
            .pillars
            .iter()
            .map(|pillar| {
                let rows = pillar.priorities.clone();
                let years = years.clone();
                let strategy = strategy.clone();
                let rename = editable.then(|| {
                    let pillar = pillar.clone();
                    view! { <RenamePillarForm strategy_id=strategy.id pillar action=actions.rename_pillar /> }
                });
                view! {
                    <section class="pillar" aria-labelledby=format!("pillar-{}", pillar.number)>
                        <h2 id=format!("pillar-{}", pillar.number)>
                            {format!("{}. {}", pillar.number, pillar.title)}
                        </h2>
                        {rename}
                        {if rows.is_empty() {
                            view! { <p class="muted">"No priorities yet."</p> }.into_any()
                        } else {
                            view! { <PriorityTable strategy rows years editable actions /> }.into_any()
                        }}
                    </section>
                }
            })
            .collect_view()}
        {editable.then(|| view! { <AddPillarForm strategy_id=strategy.id action=actions.add_pillar /> })}
        <Totals strategy=strategy.clone() years=years.clone() />
        {(strategy.status == StrategyStatus::Consultation || !comments.is_empty()).then(|| {
            let open = strategy.status == StrategyStatus::Consultation && can_comment;
            view! { <Consultation strategy=strategy.clone() comments open can_resolve actions /> }
        })}
        <Agreements
            agreements=strategy.agreements.clone()
            strategy_id=strategy.id
            editable
            add=actions.agreement
            add_provision=actions.provision
        />
        {editable.then(|| view! {
            <AddPriorityForm strategy=strategy.clone() ministries organisations action=actions.add />
        })}
    }
    .into_any()
}

#[component]
fn VersionNav(
    code: String,
    versions: Vec<crate::server_fns::VersionSummary>,
    shown: i32,
) -> impl IntoView {
    let options = versions.clone();
    view! {
        <nav class="versions" aria-label="Versions">
            <span>"Versions: "</span>
            {versions
                .into_iter()
                .map(|v| {
                    let label = format!("{} ({})", v.version, v.status.label().to_lowercase());
                    if v.version == shown {
                        view! { <strong aria-current="page">{label}</strong> }.into_any()
                    } else {
                        view! { <a href=format!("/countries/{code}/strategy?version={}", v.version)>{label}</a> }.into_any()
                    }
                })
                .collect_view()}
        </nav>
        {(options.len() > 1).then(|| view! {
            <form method="get" action=format!("/countries/{code}/strategy/compare") class="filters">
                <label for="from">"Compare version"</label>
                <select id="from" name="from">
                    {options.iter().map(|v| view! { <option value=v.version>{v.version}</option> }).collect_view()}
                </select>
                <label for="to">"with version"</label>
                <select id="to" name="to">
                    {options
                        .iter()
                        .map(|v| view! { <option value=v.version selected=v.version == shown>{v.version}</option> })
                        .collect_view()}
                </select>
                <button type="submit">"Compare"</button>
            </form>
        })}
    }
}

#[component]
fn Lifecycle(
    strategy_id: i32,
    status: StrategyStatus,
    open_draft: bool,
    actions: Actions,
) -> impl IntoView {
    let step = |label: &'static str, form: AnyView| {
        view! {
            <div class="lifecycle">
                {form}
                <span class="muted">{label}</span>
            </div>
        }
    };
    match status {
        StrategyStatus::Draft => step(
            "Reviewers and partners comment while a version is in consultation; it can no longer be edited.",
            view! {
                <ActionForm action=actions.consult attr:class="inline-form">
                    <CsrfField />
                    <input type="hidden" name="strategy_id" value=strategy_id />
                    <button type="submit">"Send to consultation"</button>
                </ActionForm>
            }
            .into_any(),
        )
        .into_any(),
        StrategyStatus::Consultation => step(
            "Endorsing freezes this version for good.",
            view! {
                <ActionForm action=actions.endorse attr:class="inline-form">
                    <CsrfField />
                    <input type="hidden" name="strategy_id" value=strategy_id />
                    <button type="submit">"Endorse"</button>
                </ActionForm>
            }
            .into_any(),
        )
        .into_any(),
        StrategyStatus::Endorsed if !open_draft => step(
            "The new draft starts as a copy of this version.",
            view! {
                <ActionForm action=actions.redraft attr:class="inline-form">
                    <CsrfField />
                    <input type="hidden" name="strategy_id" value=strategy_id />
                    <button type="submit">"Start a new draft"</button>
                </ActionForm>
            }
            .into_any(),
        )
        .into_any(),
        StrategyStatus::Endorsed => ().into_any(),
    }
}

#[component]
fn PriorityTable(
    strategy: Strategy,
    rows: Vec<crate::types::Priority>,
    years: Vec<i32>,
    editable: bool,
    actions: Actions,
) -> impl IntoView {
    let headers = years.clone();
    let labels = strategy.clone();
    view! {
        <div class="table-wrap">
            <table class="priorities">
                <thead>
                    <tr>
                        <th scope="col">"Code"</th>
                        <th scope="col">"Priority"</th>
                        <th scope="col">"Lead"</th>
                        <th scope="col">"Phase"</th>
                        {headers.iter().map(|y| view! { <th scope="col" class="num">{year_label(&labels, *y)}</th> }).collect_view()}
                        <th scope="col" class="num">"Total"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|p| {
                            let years = years.clone();
                            let strategy = strategy.clone();
                            view! {
                                <tr>
                                    <th scope="row">{p.code.clone()}</th>
                                    <td>
                                        <a href=format!(
                                            "/countries/{}/strategy/priorities/{}?version={}",
                                            strategy.country_code,
                                            p.code,
                                            strategy.version,
                                        )>{p.title.clone()}</a>
                                        <div class="muted">{p.thematic_area.label()}</div>
                                        {editable.then(|| view! {
                                            <CostForm strategy=strategy.clone() priority=p.clone() action=actions.cost />
                                        })}
                                    </td>
                                    <td>{p.lead_organisation.clone()}</td>
                                    <td>{p.phase.label()}</td>
                                    {years.iter().map(|y| view! { <td class="num">{money(p.cost_in(*y))}</td> }).collect_view()}
                                    <td class="num"><strong>{money(p.total_cost())}</strong></td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Totals(strategy: Strategy, years: Vec<i32>) -> impl IntoView {
    let by_year: Vec<(String, Decimal)> = years
        .iter()
        .map(|y| {
            (
                year_label(&strategy, *y),
                strategy.priorities().map(|p| p.cost_in(*y)).sum(),
            )
        })
        .collect();
    let total: Decimal = strategy.priorities().map(|p| p.total_cost()).sum();
    view! {
        <section aria-labelledby="totals-heading">
            <h2 id="totals-heading">"Estimated cost by fiscal year"</h2>
            <dl class="facts">
                {by_year
                    .into_iter()
                    .map(|(label, amount)| view! { <dt>{label}</dt><dd class="num">{money(amount)}</dd> })
                    .collect_view()}
                <dt>"All years"</dt>
                <dd class="num"><strong>{format!("{} {}", money(total), strategy.currency)}</strong></dd>
            </dl>
        </section>
    }
}

#[component]
fn CostForm(
    strategy: Strategy,
    priority: crate::types::Priority,
    action: ServerAction<SetPriorityCost>,
) -> impl IntoView {
    let id = priority.id;
    view! {
        <details class="cost-edit">
            <summary>{format!("Change a cost of {}", priority.code)}</summary>
            <ActionForm action attr:class="filters">
                <CsrfField />
                <input type="hidden" name="strategy_id" value=strategy.id />
                <input type="hidden" name="priority_id" value=id />
                <label for=format!("year-{id}")>"Fiscal year"</label>
                <select id=format!("year-{id}") name="fiscal_year">
                    {strategy
                        .fiscal_years()
                        .map(|y| view! { <option value=y>{year_label(&strategy, y)}</option> })
                        .collect_view()}
                </select>
                <label for=format!("amount-{id}")>{format!("Amount ({})", strategy.currency)}</label>
                <input id=format!("amount-{id}") name="amount" inputmode="decimal" required=true />
                <button type="submit">"Save cost"</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn NewStrategyForm(code: String, action: ServerAction<CreateStrategy>) -> impl IntoView {
    view! {
        <h2>"Start the strategy"</h2>
        <ActionForm action attr:class="stack narrow">
            <CsrfField />
            <input type="hidden" name="country" value=code />
            <label for="title">"Title"</label>
            <input id="title" name="title" required=true maxlength="300" />
            <label for="first_fiscal_year">"First fiscal year (the year it starts in)"</label>
            <input id="first_fiscal_year" name="first_fiscal_year" type="number" min="2000" max="2100" required=true />
            <label for="last_fiscal_year">"Last fiscal year"</label>
            <input id="last_fiscal_year" name="last_fiscal_year" type="number" min="2000" max="2100" required=true />
            <label for="vision">"Vision"</label>
            <textarea id="vision" name="vision" rows="3"></textarea>
            <button type="submit">"Create draft"</button>
        </ActionForm>
    }
}

#[component]
fn AddPriorityForm(
    strategy: Strategy,
    ministries: Vec<crate::types::Organisation>,
    organisations: Vec<crate::types::Organisation>,
    action: ServerAction<AddPriority>,
) -> impl IntoView {
    // Once a priority is added, the form starts empty for the next one.
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(())))
            && let Some(form) = form.get()
        {
            form.reset();
        }
    });
    view! {
        <section aria-labelledby="add-priority-heading">
            <h2 id="add-priority-heading">"Add a priority"</h2>
            <ActionForm action node_ref=form attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="strategy_id" value=strategy.id />
                <PriorityFields strategy ministries organisations current=None />
                <button type="submit">"Add priority"</button>
            </ActionForm>
        </section>
    }
}

/// What changed between two versions, priority by priority.
#[component]
pub fn StrategyComparePage() -> impl IntoView {
    let code = country_code_param();
    let query = use_query_map();
    let pair = Memo::new(move |_| {
        let read = |k: &str| {
            query
                .read()
                .get(k)
                .and_then(|v| v.parse::<i32>().ok())
                .unwrap_or(0)
        };
        (read("from"), read("to"))
    });
    let comparison = Resource::new(
        move || (code.get(), pair.get()),
        |(code, (from, to))| compare_strategy_versions(code, from, to),
    );
    view! {
        <Title text="Compare strategy versions" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match comparison.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(c) => {
                        let nothing = c.added.is_empty() && c.removed.is_empty() && c.changed.is_empty();
                        view! {
                            <h1>{format!("Version {} compared with version {}", c.to_version, c.from_version)}</h1>
                            <p><a href=format!("/countries/{}/strategy", code.get_untracked())>"Back to the strategy"</a></p>
                            {nothing.then(|| view! { <p>"The two versions have the same priorities and costs."</p> })}
                            {(!c.added.is_empty()).then(|| view! {
                                <h2>"Priorities added"</h2>
                                <ul>{c.added.iter().map(|p| view! { <li>{format!("{} {}", p.code, p.title)}</li> }).collect_view()}</ul>
                            })}
                            {(!c.removed.is_empty()).then(|| view! {
                                <h2>"Priorities removed"</h2>
                                <ul>{c.removed.iter().map(|p| view! { <li>{format!("{} {}", p.code, p.title)}</li> }).collect_view()}</ul>
                            })}
                            {(!c.changed.is_empty()).then(|| view! {
                                <h2>"Priorities changed"</h2>
                                <div class="table-wrap">
                                    <table class="comparison">
                                        <thead>
                                            <tr>
                                                <th scope="col">"Priority"</th>
                                                <th scope="col">"What"</th>
                                                <th scope="col">"Before"</th>
                                                <th scope="col">"After"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {c.changed
                                                .iter()
                                                .flat_map(|p| p.changes.iter().map(move |f| (p.code.clone(), f.clone())))
                                                .map(|(code, f)| view! {
                                                    <tr>
                                                        <th scope="row">{code}</th>
                                                        <td>{f.field}</td>
                                                        <td>{f.before}</td>
                                                        <td>{f.after}</td>
                                                    </tr>
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            })}
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// Comments on each priority while the version is in consultation, and the
/// threads kept afterwards.
#[component]
fn Consultation(
    strategy: Strategy,
    comments: Vec<Comment>,
    open: bool,
    can_resolve: bool,
    actions: Actions,
) -> impl IntoView {
    view! {
        <section aria-labelledby="consultation-heading">
            <h2 id="consultation-heading">"Consultation"</h2>
            {strategy
                .priorities()
                .map(|p| {
                    let thread: Vec<Comment> =
                        comments.iter().filter(|c| c.priority_id == p.id).cloned().collect();
                    let count = thread.len();
                    view! {
                        <details class="thread" open=count > 0>
                            <summary>{format!("{} {} ({count} comments)", p.code, p.title)}</summary>
                            <ul class="comments">
                                {thread
                                    .into_iter()
                                    .map(|c| comment_item(c, open, can_resolve, actions))
                                    .collect_view()}
                            </ul>
                            {open.then(|| view! { <CommentForm priority_id=p.id parent_id=None action=actions.comment /> })}
                        </details>
                    }
                })
                .collect_view()}
        </section>
    }
}

fn comment_item(comment: Comment, open: bool, can_resolve: bool, actions: Actions) -> AnyView {
    let Comment {
        id,
        priority_id,
        author,
        organisation,
        body,
        at,
        resolved,
        replies,
    } = comment;
    view! {
        <li class="comment" class:resolved=resolved>
            <p class="muted">
                {format!("{author} ({organisation}), {}", at.format("%Y-%m-%d %H:%M UTC"))}
                {resolved.then_some(" · resolved")}
            </p>
            <p>{body}</p>
            {(can_resolve && !resolved).then(|| view! {
                <ActionForm action=actions.resolve attr:class="inline-form">
                    <CsrfField />
                    <input type="hidden" name="comment_id" value=id />
                    <button type="submit">"Mark resolved"</button>
                </ActionForm>
            })}
            {open.then(|| view! {
                <details class="reply">
                    <summary>"Reply"</summary>
                    <CommentForm priority_id parent_id=Some(id) action=actions.comment />
                </details>
            })}
            <ul class="comments">
                {replies
                    .into_iter()
                    .map(|r| comment_item(r, open, can_resolve, actions))
                    .collect_view()}
            </ul>
        </li>
    }
    .into_any()
}

#[component]
fn CommentForm(
    priority_id: i32,
    parent_id: Option<i32>,
    action: ServerAction<AddComment>,
) -> impl IntoView {
    let field = match parent_id {
        Some(parent) => format!("reply-{parent}"),
        None => format!("comment-{priority_id}"),
    };
    let reply = parent_id.is_some();
    view! {
        <ActionForm action attr:class="stack narrow">
            <CsrfField />
            <input type="hidden" name="priority_id" value=priority_id />
            {parent_id.map(|p| view! { <input type="hidden" name="parent_id" value=p /> })}
            <label for=field.clone()>{if reply { "Your reply" } else { "Your comment" }}</label>
            <textarea id=field name="body" rows="3" required=true></textarea>
            <button type="submit">{if reply { "Post reply" } else { "Post comment" }}</button>
        </ActionForm>
    }
}
