//! Strategies: drafts, pillars, priorities and their costs, agreements and
//! provisions, consultation comments, endorsement and redrafting.

use app::server_fns::{
    AddAgreement, AddComment, AddPillar, AddPriority, AddProvision, CreateStrategy,
    EndorseStrategy, RedraftStrategy, RemoveAgreement, RemovePillar, RemovePriority,
    RemoveProvision, RenamePillar, ResolveComment, ReviseStrategy, SendStrategyToConsultation,
    SetPriorityCost, UpdateAgreement, UpdatePriority, UpdateProvision,
};
use app::services::accounts::audit::Author;
use app::services::{
    accounts::users, strategy::agreements, strategy::comments, strategy::lifecycle,
    strategy::provisions,
};
use app::types::{NewAgreement, NewProvision};
use tests::Answer;

use super::request::Request;
use crate::authorization::world::{draft_priority, fresh_draft};
use crate::fixtures::close_open_versions;

pub(super) async fn call(name: &str, r: &Request<'_>) -> Option<Answer> {
    let (t, csrf, world, n) = (r.t, &r.csrf, r.world, r.n);
    let answer = match name {
        "create_strategy" => {
            r.send::<CreateStrategy>(vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("title", format!("Strategy {n}")),
                ("first_fiscal_year", "2030".into()),
                ("last_fiscal_year", "2033".into()),
                ("vision", String::new()),
            ])
            .await
        }
        "add_priority" => {
            let draft = fresh_draft(t, world.country_id).await;
            r.send::<AddPriority>(vec![
                ("csrf", csrf.clone()),
                ("strategy_id", draft.id.to_string()),
                ("priority[pillar_id]", draft.pillars[0].id.to_string()),
                ("priority[code]", format!("9.{n}")),
                ("priority[title]", "A new priority".into()),
                ("priority[objective]", String::new()),
                ("priority[lead_organisation_id]", world.finance.clone()),
                ("priority[phase]", "immediate".into()),
                ("priority[thematic_area]", "other".into()),
                (
                    "priority[costs][0][fiscal_year]",
                    draft.first_fiscal_year.to_string(),
                ),
                ("priority[costs][0][amount]", "1000".into()),
            ])
            .await
        }
        "set_priority_cost" => {
            let (draft, priority) = draft_priority(t, world, &format!("8.{n}")).await;
            r.send::<SetPriorityCost>(vec![
                ("csrf", csrf.clone()),
                ("strategy_id", draft.id.to_string()),
                ("priority_id", priority.to_string()),
                ("version", "1".into()),
                ("fiscal_year", draft.last_fiscal_year.to_string()),
                ("amount", "42.50".into()),
            ])
            .await
        }
        "update_priority" => {
            let (draft, priority) = draft_priority(t, world, &format!("6.{n}")).await;
            r.send::<UpdatePriority>(vec![
                ("csrf", csrf.clone()),
                ("strategy_id", draft.id.to_string()),
                ("priority_id", priority.to_string()),
                ("version", "1".into()),
                ("priority[pillar_id]", draft.pillars[1].id.to_string()),
                ("priority[code]", format!("6.{n}")),
                ("priority[title]", "Renamed".into()),
                ("priority[objective]", String::new()),
                ("priority[lead_organisation_id]", world.finance.clone()),
                ("priority[partner_ids][0]", world.norad.clone()),
                ("priority[phase]", "medium_term".into()),
                ("priority[thematic_area]", "justice".into()),
            ])
            .await
        }
        "remove_priority" => {
            let (draft, priority) = draft_priority(t, world, &format!("5.{n}")).await;
            r.send::<RemovePriority>(vec![
                ("csrf", csrf.clone()),
                ("strategy_id", draft.id.to_string()),
                ("priority_id", priority.to_string()),
                ("version", "1".into()),
            ])
            .await
        }
        "add_pillar" | "rename_pillar" => {
            let draft = fresh_draft(t, world.country_id).await;
            let fields = vec![
                ("csrf", csrf.clone()),
                ("strategy_id", draft.id.to_string()),
                ("pillar_id", draft.pillars[4].id.to_string()),
                ("version", "1".into()),
                ("pillar_title", format!("Pillar {n}")),
            ];
            if name == "add_pillar" {
                r.send::<AddPillar>(fields).await
            } else {
                r.send::<RenamePillar>(fields).await
            }
        }
        "remove_pillar" => {
            let draft = fresh_draft(t, world.country_id).await;
            let spare = app::services::strategy::pillars::add(
                &t.db,
                &Author::system("test"),
                draft.id,
                "Spare",
            )
            .await
            .unwrap();
            r.send::<RemovePillar>(vec![
                ("csrf", csrf.clone()),
                ("strategy_id", draft.id.to_string()),
                ("pillar_id", spare.id.to_string()),
                ("version", spare.version.to_string()),
            ])
            .await
        }
        "add_agreement" => {
            let draft = fresh_draft(t, world.country_id).await;
            r.send::<AddAgreement>(vec![
                ("csrf", csrf.clone()),
                ("strategy_id", draft.id.to_string()),
                ("agreement_title", format!("Agreement {n}")),
                ("signed_on", "2024-03-14".into()),
            ])
            .await
        }
        "add_provision" => {
            let draft = fresh_draft(t, world.country_id).await;
            let new = NewAgreement {
                title: format!("Agreement {n}"),
                signed_on: None,
            };
            let agreement = agreements::add(&t.db, &Author::system("test"), draft.id, new)
                .await
                .unwrap();
            r.send::<AddProvision>(vec![
                ("csrf", csrf.clone()),
                ("agreement_id", agreement.id.to_string()),
                ("provision_number", "4.2".into()),
                ("provision_text", "Something agreed".into()),
            ])
            .await
        }
        "update_agreement" | "remove_agreement" | "update_provision" | "remove_provision" => {
            let draft = fresh_draft(t, world.country_id).await;
            let system = Author::system("test");
            let new = NewAgreement {
                title: format!("Agreement {n}"),
                signed_on: None,
            };
            let agreement = agreements::add(&t.db, &system, draft.id, new)
                .await
                .unwrap();
            let provision = NewProvision {
                number: "9.9".into(),
                text: "Something agreed".into(),
            };
            let with = provisions::add(&t.db, &system, agreement.id, provision)
                .await
                .unwrap();
            let provision = with.provisions[0].id.to_string();
            let agreement = agreement.id.to_string();
            let base = |key: &'static str, id: &str| {
                vec![
                    ("csrf", csrf.clone()),
                    (key, id.to_string()),
                    ("version", "1".to_string()),
                ]
            };
            match name {
                "update_agreement" => {
                    let mut fields = base("agreement_id", &agreement);
                    fields.push(("agreement_title", format!("Agreement {n}, corrected")));
                    r.send::<UpdateAgreement>(fields).await
                }
                "remove_agreement" => {
                    r.send::<RemoveAgreement>(base("agreement_id", &agreement))
                        .await
                }
                "update_provision" => {
                    let mut fields = base("provision_id", &provision);
                    fields.push(("provision_number", "9.10".into()));
                    fields.push(("provision_text", "Corrected".into()));
                    r.send::<UpdateProvision>(fields).await
                }
                _ => {
                    r.send::<RemoveProvision>(base("provision_id", &provision))
                        .await
                }
            }
        }
        "send_strategy_to_consultation" => {
            let draft = fresh_draft(t, world.country_id).await;
            r.send::<SendStrategyToConsultation>(vec![
                ("csrf", csrf.clone()),
                ("strategy_id", draft.id.to_string()),
            ])
            .await
        }
        "endorse_strategy" => {
            let draft = fresh_draft(t, world.country_id).await;
            lifecycle::send_to_consultation(&t.db, &Author::system("test"), draft.id)
                .await
                .unwrap();
            r.send::<EndorseStrategy>(vec![
                ("csrf", csrf.clone()),
                ("strategy_id", draft.id.to_string()),
                ("endorsed_by", "Joint Steering Committee".into()),
                ("endorsed_on", "2026-01-15".into()),
            ])
            .await
        }
        "revise_strategy" => {
            let draft = fresh_draft(t, world.country_id).await;
            r.send::<ReviseStrategy>(vec![
                ("csrf", csrf.clone()),
                ("strategy_id", draft.id.to_string()),
                ("revision", draft.revision.to_string()),
                ("title", format!("Strategy revised {n}")),
                ("first_fiscal_year", draft.first_fiscal_year.to_string()),
                ("last_fiscal_year", draft.last_fiscal_year.to_string()),
                ("vision", "Peace".into()),
            ])
            .await
        }
        "redraft_strategy" => {
            let endorsed = close_open_versions(t, world.country_id).await;
            r.send::<RedraftStrategy>(vec![
                ("csrf", csrf.clone()),
                ("strategy_id", endorsed.to_string()),
            ])
            .await
        }
        "add_comment" | "resolve_comment" => {
            let (draft, priority) = draft_priority(t, world, &format!("7.{n}")).await;
            let system = Author::system("test");
            lifecycle::send_to_consultation(&t.db, &system, draft.id)
                .await
                .unwrap();
            if name == "add_comment" {
                r.send::<AddComment>(vec![
                    ("csrf", csrf.clone()),
                    ("priority_id", priority.to_string()),
                    ("body", "A comment".into()),
                ])
                .await
            } else {
                let author = users::actor(&t.db, world.reviewer).await.unwrap().unwrap();
                let comment = comments::add(&t.db, &author, priority, None, "Please look".into())
                    .await
                    .unwrap();
                r.send::<ResolveComment>(vec![
                    ("csrf", csrf.clone()),
                    ("comment_id", comment.id.to_string()),
                ])
                .await
            }
        }
        _ => return None,
    };
    Some(answer)
}
