//! The UN transition page: the plan with its drawdown phases, financing
//! cliff and functions to hand over, and the forms that record and correct
//! them.

mod forms;
mod plan;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{ErrorPanel, FormErrors, form_error, kept_input, successes};
use crate::i18n::td_string;
use crate::pages::params::country_code_param;
use crate::server_fns::{
    AddDrawdownPhase, AddTransitionFunction, RemoveDrawdownPhase, RemoveTransitionFunction,
    SetTransitionPlan, TransitionView, UpdateDrawdownPhase, UpdateTransitionFunction,
    load_transition,
};

use forms::{FunctionForm, PhaseForm, PlanForm};
use plan::Plan;

/// What the transition page's forms submit to.
#[derive(Clone, Copy)]
struct Actions {
    set_plan: ServerAction<SetTransitionPlan>,
    add: ServerAction<AddTransitionFunction>,
    update: ServerAction<UpdateTransitionFunction>,
    remove: ServerAction<RemoveTransitionFunction>,
    add_phase: ServerAction<AddDrawdownPhase>,
    update_phase: ServerAction<UpdateDrawdownPhase>,
    remove_phase: ServerAction<RemoveDrawdownPhase>,
}

impl Actions {
    fn new() -> Self {
        Self {
            set_plan: ServerAction::new(),
            add: ServerAction::new(),
            update: ServerAction::new(),
            remove: ServerAction::new(),
            add_phase: ServerAction::new(),
            update_phase: ServerAction::new(),
            remove_phase: ServerAction::new(),
        }
    }

    /// Moves on whenever one of them succeeds.
    fn changes(self) -> Signal<usize> {
        let all = [
            successes(self.set_plan),
            successes(self.add),
            successes(self.update),
            successes(self.remove),
            successes(self.add_phase),
            successes(self.update_phase),
            successes(self.remove_phase),
        ];
        Signal::derive(move || all.iter().map(|s| s.get()).fold(0, usize::saturating_add))
    }

    /// The error of the corrections and removals, which share one place on
    /// the page.
    fn correction_errors(self) -> impl IntoView {
        view! {
            <FormErrors error=form_error(self.update.value()) />
            <FormErrors error=form_error(self.remove.value()) />
            <FormErrors error=form_error(self.update_phase.value()) />
            <FormErrors error=form_error(self.remove_phase.value()) />
        }
    }
}

/// The UN transition: the functions the mission hands over and the
/// financing cliff they open.
#[component]
pub fn TransitionPage() -> impl IntoView {
    let code = country_code_param();
    let actions = Actions::new();
    let changes = actions.changes();
    let kept = kept_input();
    let plan = Resource::new(
        move || (code.get(), changes.get()),
        |(code, _)| load_transition(code),
    );
    let plan_error = form_error(actions.set_plan.value());
    let add_error = form_error(actions.add.value());
    let phase_error = form_error(actions.add_phase.value());
    let locale = crate::language::current();
    view! {
        <Title text=td_string!(locale, common.area_transition) />
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let kept = kept.await;
                match plan.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(TransitionView { plan, can_edit, organisations, priorities }) => {
                        let code = code.get_untracked();
                        let editing = can_edit.then(|| (actions, organisations.clone(), kept));
                        view! {
                            {can_edit.then(|| actions.correction_errors())}
                            {match plan.clone() {
                                None => view! {
                                    <h1>{td_string!(locale, transition.un_transition)}</h1>
                                    <p>{td_string!(locale, transition.no_plan)}</p>
                                }
                                    .into_any(),
                                Some(plan) => view! {
                                    <Plan plan priorities=priorities.clone() editing />
                                }
                                    .into_any(),
                            }}
                            {can_edit.then(|| view! {
                                <FormErrors error=plan_error />
                                <PlanForm code=code.clone() plan=plan.clone() action=actions.set_plan />
                                {plan.is_some().then(|| view! {
                                    <FormErrors error=phase_error />
                                    <PhaseForm code=code.clone() action=actions.add_phase />
                                    <FormErrors error=add_error />
                                    <FunctionForm
                                        code=code.clone()
                                        organisations=organisations.clone()
                                        priorities=priorities.clone()
                                        action=actions.add
                                    />
                                })}
                            })}
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
