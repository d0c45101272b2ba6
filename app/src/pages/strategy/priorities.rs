//! A strategy's priorities: the form that adds one to a draft, and the page
//! of one priority (facts, costs, provisions, mission functions, peers)
//! where planners change or remove it.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::fields::PriorityFields;
use crate::components::{
    CsrfField, ErrorPanel, FormErrors, OnceField, form_error, kept_input, successes,
};
use crate::i18n::td_string;
use crate::pages::params::country_code_param;
use crate::server_fns::{AddPriority, PriorityView, RemovePriority, UpdatePriority, load_priority};
use crate::types::money::display as money;
use crate::types::{
    FiscalYear, KeptInput, Organisation, PeerPriority, Priority, Strategy, TransitionFunction,
};

/// The form that adds a priority to a draft.
#[component]
pub(super) fn AddPriorityForm(
    strategy: Strategy,
    ministries: Vec<Organisation>,
    organisations: Vec<Organisation>,
    action: ServerAction<AddPriority>,
) -> impl IntoView {
    let locale = crate::language::current();
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
            <h2 id="add-priority-heading">{td_string!(locale, strategy.add_a_priority)}</h2>
            <ActionForm action node_ref=form attr:class="stack narrow">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || action.version().get()) />
                <input type="hidden" name="strategy_id" value=strategy.id />
                <PriorityFields strategy ministries organisations current=None />
                <button type="submit">{td_string!(locale, strategy.add_priority)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn PriorityPage() -> impl IntoView {
    let locale = crate::language::current();
    let code = country_code_param();
    let params = use_params_map();
    let priority = Memo::new(move |_| params.read().get("priority").unwrap_or_default());
    let query = use_query_map();
    let version = Memo::new(move |_| {
        query
            .read()
            .get("version")
            .and_then(|v| v.parse::<i32>().ok())
    });
    let update = ServerAction::<UpdatePriority>::new();
    let remove = ServerAction::<RemovePriority>::new();
    // A refused save keeps what was typed: the page reloads only on a
    // successful one.
    let saved = successes(update);
    let kept = kept_input();
    let data = Resource::new(
        move || (code.get(), priority.get(), version.get(), saved.get()),
        |(code, priority, version, _)| load_priority(code, priority, version),
    );
    let update_error = form_error(update.value());
    let remove_error = form_error(remove.value());
    view! {
        <Title text=td_string!(locale, strategy.priority) />
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let kept = kept.await;
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(view) => view! {
                        <PriorityBody view kept update remove update_error remove_error />
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PriorityBody(
    view: PriorityView,
    kept: Option<KeptInput>,
    update: ServerAction<UpdatePriority>,
    remove: ServerAction<RemovePriority>,
    update_error: Signal<Option<crate::AppError>>,
    remove_error: Signal<Option<crate::AppError>>,
) -> impl IntoView {
    let PriorityView {
        strategy,
        code,
        can_edit,
        ministries,
        organisations,
        peers,
        functions,
    } = view;
    let locale = crate::language::current();
    let Some((pillar, priority)) = strategy
        .priority(&code)
        .map(|(pillar, p)| (pillar.clone(), p.clone()))
    else {
        return view! { <p>{td_string!(locale, strategy.not_in_version)}</p> }.into_any();
    };
    let back = format!(
        "/countries/{}/strategy?version={}",
        strategy.country_code, strategy.version
    );
    let country = strategy.country_code.clone();
    let heading = format!("{} {}", priority.code, priority.title);
    let status_line = format!(
        " {}",
        td_string!(
            locale,
            strategy.priority_status,
            version = strategy.version,
            number = pillar.number,
            title = pillar.title.clone(),
        )
    );
    let badge = (strategy.status.code(), strategy.status.label());
    let version = strategy.version;
    view! {
        <p><a href=back>{td_string!(locale, strategy.back_to_version, version).to_string()}</a></p>
        <h1>{heading}</h1>
        <p class="status-line">
            <span class=format!("badge badge-{}", badge.0)>{badge.1}</span>
            {status_line}
        </p>
        {(!priority.objective.is_empty()).then(|| view! { <p class="lead">{priority.objective.clone()}</p> })}
        <Facts priority=priority.clone() />
        <Costs strategy=strategy.clone() priority=priority.clone() />
        <section aria-labelledby="provisions-heading">
            <h2 id="provisions-heading">{td_string!(locale, strategy.provisions_implemented)}</h2>
            {if priority.provisions.is_empty() {
                view! { <p class="muted">{td_string!(locale, strategy.no_provisions_recorded)}</p> }.into_any()
            } else {
                view! {
                    <dl class="provisions">
                        {priority
                            .provisions
                            .iter()
                            .map(|p| view! { <dt>{p.citation()}</dt><dd>{p.text.clone()}</dd> })
                            .collect_view()}
                    </dl>
                }
                    .into_any()
            }}
        </section>
        <Functions functions country />
        <Peers peers area=priority.thematic_area.label() />
        {can_edit.then(move || {
            let current = priority.as_new(pillar.id);
            let (strategy_id, priority_id, version) = (strategy.id, priority.id, priority.version);
            let kept = KeptInput::of(kept.as_ref(), UpdatePriority::PATH, "priority_id", priority_id);
            let remove_label =
                td_string!(locale, strategy.remove_from_draft, code = priority.code.clone()).to_string();
            view! {
                <section aria-labelledby="edit-heading">
                    <h2 id="edit-heading">{td_string!(locale, strategy.change_priority)}</h2>
                    <FormErrors error=update_error />
                    <ActionForm action=update attr:class="stack narrow">
                        <CsrfField />
                        <input type="hidden" name="strategy_id" value=strategy_id />
                        <input type="hidden" name="priority_id" value=priority_id />
                        <input type="hidden" name="version" value=version />
                        <PriorityFields strategy ministries organisations current=Some(current) kept />
                        <button type="submit">{td_string!(locale, strategy.save_changes)}</button>
                    </ActionForm>
                    <h2>{td_string!(locale, strategy.remove_priority)}</h2>
                    <FormErrors error=remove_error />
                    <ActionForm action=remove attr:class="inline-form">
                        <CsrfField />
                        <input type="hidden" name="strategy_id" value=strategy_id />
                        <input type="hidden" name="priority_id" value=priority_id />
                        <input type="hidden" name="version" value=version />
                        <button type="submit" class="danger">{remove_label}</button>
                    </ActionForm>
                </section>
            }
        })}
    }
    .into_any()
}

#[component]
fn Facts(priority: Priority) -> impl IntoView {
    let locale = crate::language::current();
    let partners = if priority.partners.is_empty() {
        td_string!(locale, strategy.no_partners_recorded).to_string()
    } else {
        priority
            .partners
            .iter()
            .map(|o| o.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    view! {
        <dl class="facts">
            <dt>{td_string!(locale, strategy.lead_ministry)}</dt>
            <dd>{priority.lead_organisation}</dd>
            <dt>{td_string!(locale, strategy.supporting_partners)}</dt>
            <dd>{partners}</dd>
            <dt>{td_string!(locale, strategy.phase)}</dt>
            <dd>{priority.phase.label()}</dd>
            <dt>{td_string!(locale, strategy.thematic_area)}</dt>
            <dd>{priority.thematic_area.label()}</dd>
        </dl>
    }
}

#[component]
fn Costs(strategy: Strategy, priority: Priority) -> impl IntoView {
    let locale = crate::language::current();
    view! {
        <section aria-labelledby="costs-heading">
            <h2 id="costs-heading">{td_string!(locale, strategy.estimated_cost_in, currency = strategy.currency.clone()).to_string()}</h2>
            <dl class="facts">
                {strategy
                    .fiscal_years()
                    .map(|y| {
                        let label = FiscalYear {
                            start_year: y,
                            start_month: strategy.fiscal_year_start_month,
                        }
                        .label();
                        view! { <dt>{label}</dt><dd class="num">{money(priority.cost_in(y))}</dd> }
                    })
                    .collect_view()}
                <dt>{td_string!(locale, strategy.all_years)}</dt>
                <dd class="num"><strong>{money(priority.total_cost())}</strong></dd>
            </dl>
        </section>
    }
}

/// The mission functions whose handover serves this priority.
#[component]
fn Functions(functions: Vec<TransitionFunction>, country: String) -> impl IntoView {
    let locale = crate::language::current();
    (!functions.is_empty()).then(|| {
        view! {
            <section aria-labelledby="functions-heading">
                <h2 id="functions-heading">{td_string!(locale, strategy.mission_functions)}</h2>
                <ul>
                    {functions
                        .into_iter()
                        .map(|f| view! {
                            <li>
                                {td_string!(
                                    locale,
                                    strategy.mission_function,
                                    name = f.name,
                                    kind = f.kind.label(),
                                    owner = f.future_owner,
                                    date = f.target_handover,
                                    readiness = f.readiness.label().to_lowercase(),
                                )
                                    .to_string()}
                            </li>
                        })
                        .collect_view()}
                </ul>
                <p><a href=format!("/countries/{country}/transition")>{td_string!(locale, strategy.whole_transition_plan)}</a></p>
            </section>
        }
    })
}

/// What peers did in the same thematic area (Fragile-to-Fragile learning).
#[component]
fn Peers(peers: Vec<PeerPriority>, area: &'static str) -> impl IntoView {
    let locale = crate::language::current();
    view! {
        <section aria-labelledby="peers-heading">
            <h2 id="peers-heading">{td_string!(locale, strategy.peers_working_on, area = area.to_lowercase()).to_string()}</h2>
            {if peers.is_empty() {
                view! {
                    <p class="muted">{td_string!(locale, strategy.no_peers)}</p>
                }
                    .into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">{td_string!(locale, common.country)}</th>
                                    <th scope="col">{td_string!(locale, strategy.priority)}</th>
                                    <th scope="col" class="num">{td_string!(locale, strategy.estimated_cost)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {peers
                                    .into_iter()
                                    .map(|p| view! {
                                        <tr>
                                            <td>{p.country_name}</td>
                                            <td>
                                                <a href=format!("/countries/{}/strategy/priorities/{}", p.country_code, p.code)>
                                                    {format!("{} {}", p.code, p.title)}
                                                </a>
                                            </td>
                                            <td class="num">{format!("{} {}", money(p.total_cost), p.currency)}</td>
                                        </tr>
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
        </section>
    }
}
