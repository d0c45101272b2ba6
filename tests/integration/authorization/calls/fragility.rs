//! Fragility assessment rounds and their rows.

use app::server_fns::{
    AddFragilityStage, RemoveFragilityStage, SetFragilityStatus, StartFragilityRound,
    UpdateFragilityRound, UpdateFragilityStage,
};
use app::services::accounts::audit::Author;
use app::services::fragility::{rounds, stages};
use app::types::{NewFragilityRound, NewFragilityStage};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tests::{Answer, TestDb};

use crate::authorization::world::World;

use super::request::Request;

/// A year no round of the country has yet, from 2100 down.
async fn free_year(t: &TestDb, world: &World) -> i32 {
    let taken: Vec<i32> = entities::fragility_round::Entity::find()
        .filter(entities::fragility_round::Column::CountryId.eq(world.country_id))
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.year)
        .collect();
    (1990..=2100).rev().find(|y| !taken.contains(y)).unwrap()
}

/// A fresh draft round, at version 1, with one row at version 1.
async fn round_with_row(t: &TestDb, world: &World) -> (i32, i32) {
    let author = Author::system("test");
    let new = NewFragilityRound {
        year: free_year(t, world).await,
        government: "Ministry of Planning".into(),
        civil_society: String::new(),
        partners: String::new(),
        method_notes: String::new(),
    };
    let round = rounds::start_round(&t.db, &author, world.country_id, new)
        .await
        .unwrap();
    let row = NewFragilityStage {
        psg: "security".into(),
        dimension: String::new(),
        stage: 2,
        evidence: "Fixture evidence".into(),
        dissent: String::new(),
    };
    let stage = stages::add_stage(&t.db, &author, world.country_id, round.id, row)
        .await
        .unwrap();
    (round.id, stage.id)
}

fn row_fields(n: usize) -> [(&'static str, String); 5] {
    [
        ("row[psg]", "justice".into()),
        ("row[dimension]", format!("Dimension {n}")),
        ("row[stage]", "3".into()),
        ("row[evidence]", format!("Evidence {n}")),
        ("row[dissent]", String::new()),
    ]
}

pub(super) async fn call(name: &str, r: &Request<'_>) -> Option<Answer> {
    let (csrf, world, n) = (&r.csrf, r.world, r.n);
    let round_fields = |year: i32| {
        [
            ("round[year]", year.to_string()),
            ("round[government]", format!("Government {n}")),
            ("round[civil_society]", "Civil society platform".to_string()),
            ("round[partners]", "Partners' group".to_string()),
            (
                "round[method_notes]",
                "Workshops in every province".to_string(),
            ),
        ]
    };
    let answer = match name {
        "start_fragility_round" => {
            let mut fields = vec![("csrf", csrf.clone()), ("country", "XD".into())];
            fields.extend(round_fields(free_year(r.t, world).await));
            r.send::<StartFragilityRound>(fields).await
        }
        "update_fragility_round" | "set_fragility_status" => {
            let (round_id, _) = round_with_row(r.t, world).await;
            let mut fields = vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("round_id", round_id.to_string()),
                ("version", "1".into()),
            ];
            if name == "set_fragility_status" {
                fields.push(("status", "validated".into()));
                return Some(r.send::<SetFragilityStatus>(fields).await);
            }
            fields.extend(round_fields(free_year(r.t, world).await));
            r.send::<UpdateFragilityRound>(fields).await
        }
        "add_fragility_stage" => {
            let (round_id, _) = round_with_row(r.t, world).await;
            let mut fields = vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("round_id", round_id.to_string()),
            ];
            fields.extend(row_fields(n));
            r.send::<AddFragilityStage>(fields).await
        }
        "update_fragility_stage" | "remove_fragility_stage" => {
            let (_, stage_id) = round_with_row(r.t, world).await;
            let mut fields = vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("stage_id", stage_id.to_string()),
                ("version", "1".into()),
            ];
            if name == "remove_fragility_stage" {
                return Some(r.send::<RemoveFragilityStage>(fields).await);
            }
            fields.extend(row_fields(n));
            r.send::<UpdateFragilityStage>(fields).await
        }
        _ => return None,
    };
    Some(answer)
}
