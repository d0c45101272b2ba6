//! The transition plan: the mission's drawdown phases and the functions it
//! hands over.

use app::server_fns::{
    AddDrawdownPhase, AddTransitionFunction, RemoveDrawdownPhase, RemoveTransitionFunction,
    SetTransitionPlan, UpdateDrawdownPhase, UpdateTransitionFunction,
};
use app::services::accounts::audit::Author;
use app::services::transition::{drawdown, functions};
use app::types::{FunctionKind, NewDrawdownPhase, NewFunction, Readiness};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tests::TestDb;

use crate::authorization::world::World;
use tests::Answer;

use super::request::Request;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A fresh function of the demo plan, at version 1.
async fn function(t: &TestDb, world: &World, n: usize) -> String {
    let new = NewFunction {
        kind: FunctionKind::MineAction,
        name: format!("Fixture function {n}"),
        current_provider: "UN mission".into(),
        future_owner_id: world.finance.parse().unwrap(),
        target_handover: day(2027, 1, 1),
        readiness: Readiness::Planning,
        mission_cost: 1000.into(),
        after_cost: 500.into(),
        secured: 0.into(),
        priority_code: None,
    };
    let author = Author::system("test");
    let added = functions::add_function(&t.db, &author, world.country_id, new);
    added.await.unwrap().id.to_string()
}

/// A fresh phase of the demo plan, at version 1.
async fn phase(t: &TestDb, world: &World, n: usize) -> String {
    let new = NewDrawdownPhase {
        name: format!("Fixture phase {n}"),
        starts_on: day(2027, 1, 1),
        ends_on: day(2027, 6, 30),
    };
    let author = Author::system("test");
    let added = drawdown::add_phase(&t.db, &author, world.country_id, new);
    added.await.unwrap().id.to_string()
}

pub(super) async fn call(name: &str, r: &Request<'_>) -> Option<Answer> {
    let (csrf, world, n) = (&r.csrf, r.world, r.n);
    let answer = match name {
        "set_transition_plan" => {
            // The form carries the version of the plan as it stands.
            let plan = entities::transition_plan::Entity::find()
                .filter(entities::transition_plan::Column::CountryId.eq(world.country_id))
                .one(&r.t.db)
                .await
                .unwrap();
            let mut fields = vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("mission_name", format!("Mission {n}")),
                ("mandate_end", "2029-06-30".into()),
                ("drawdown_start", "2026-07-01".into()),
                ("drawdown_end", "2029-06-30".into()),
            ];
            fields.extend(plan.map(|p| ("version", p.version.to_string())));
            r.send::<SetTransitionPlan>(fields).await
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
        "update_transition_function" | "remove_transition_function" => {
            let mut fields = vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("function_id", function(r.t, world, n).await),
                ("version", "1".into()),
            ];
            if name == "remove_transition_function" {
                return Some(r.send::<RemoveTransitionFunction>(fields).await);
            }
            fields.extend([
                ("function[kind]", "mine_action".into()),
                ("function[name]", format!("Corrected function {n}")),
                ("function[current_provider]", "UN mission".into()),
                ("function[future_owner_id]", world.finance.clone()),
                ("function[target_handover]", "2027-03-01".into()),
                ("function[readiness]", "in_progress".into()),
                ("function[mission_cost]", "1,000".into()),
                ("function[after_cost]", "600".into()),
                ("function[secured]", "100".into()),
            ]);
            r.send::<UpdateTransitionFunction>(fields).await
        }
        "update_drawdown_phase" | "remove_drawdown_phase" => {
            let mut fields = vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("phase_id", phase(r.t, world, n).await),
                ("version", "1".into()),
            ];
            if name == "remove_drawdown_phase" {
                return Some(r.send::<RemoveDrawdownPhase>(fields).await);
            }
            fields.extend([
                ("phase_name", format!("Corrected phase {n}")),
                ("phase_start", "2027-02-01".into()),
                ("phase_end", "2027-05-31".into()),
            ]);
            r.send::<UpdateDrawdownPhase>(fields).await
        }
        _ => return None,
    };
    Some(answer)
}
