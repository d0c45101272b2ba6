//! The transition plan: the mission's drawdown phases and the functions it
//! hands over.

use app::server_fns::{AddDrawdownPhase, AddTransitionFunction, SetTransitionPlan};
use tests::Answer;

use super::request::Request;

pub(super) async fn call(name: &str, r: &Request<'_>) -> Option<Answer> {
    let (csrf, world, n) = (&r.csrf, r.world, r.n);
    let answer = match name {
        "set_transition_plan" => {
            r.send::<SetTransitionPlan>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("mission_name", format!("Mission {n}")),
                ("mandate_end", "2029-06-30".into()),
                ("drawdown_start", "2026-07-01".into()),
                ("drawdown_end", "2029-06-30".into()),
            ])
            .await
        }
        "add_drawdown_phase" => {
            r.send::<AddDrawdownPhase>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("phase_name", format!("Phase {n}")),
                ("phase_start", "2027-01-01".into()),
                ("phase_end", "2027-12-31".into()),
            ])
            .await
        }
        "add_transition_function" => {
            r.send::<AddTransitionFunction>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("function[kind]", "mine_action".into()),
                ("function[name]", format!("Function {n}")),
                ("function[current_provider]", "UN mission".into()),
                ("function[future_owner_id]", world.finance.clone()),
                ("function[target_handover]", "2027-01-01".into()),
                ("function[readiness]", "planning".into()),
                ("function[mission_cost]", "1,000".into()),
                ("function[after_cost]", "500".into()),
                ("function[secured]", "".into()),
            ])
            .await
        }
        _ => return None,
    };
    Some(answer)
}
