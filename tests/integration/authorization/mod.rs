//! Every mutating server function, called over HTTP by every kind of user,
//! is allowed or refused exactly as the table in `matrix.rs` says.
//!
//! This file holds the test that walks the table, the clients it signs in,
//! and the check that the table lists every mutating server function; the
//! seeded world is in `world.rs` and the calls, by domain, under `calls/`.

mod calls;
mod matrix;
mod world;

use calls::call;
use matrix::{Asker, MATRIX, expected};
use tests::{Client, TestApp, both_backends, demo as accounts};
use world::world;

/// Signs in as `asker`; the anonymous client only fetches a CSRF token.
async fn client(app: &TestApp, asker: Asker) -> Client {
    let account = match asker {
        Asker::Anonymous => return Client::new(app),
        Asker::Admin => accounts::ADMIN,
        Asker::Planner => accounts::PLANNER,
        Asker::ReporterOwnOrganisation => accounts::NORAD,
        Asker::ReporterOtherOrganisation => accounts::FCDO,
        Asker::Reviewer => accounts::REVIEWER,
    };
    Client::signed_in(app, account.0, account.1).await
}

both_backends! {
    async fn every_mutation_follows_the_policy_table(t) {
        let world = world(&t).await;
        let app = TestApp::spawn(&t).await;
        // Everyone signs in first: a password reset in the table must not
        // lock a later column out.
        let mut clients = Vec::new();
        for asker in Asker::ALL {
            clients.push((asker, client(&app, asker).await));
        }
        let mut n = 0;
        let mut mismatches = Vec::new();
        for (asker, client) in &clients {
            let asker = *asker;
            for (row, _) in MATRIX {
                n += 1;
                let answer = call(&t, row, asker, client, &world, n).await;
                let allowed = expected(row, asker).unwrap();
                let refused = matches!(answer.status, 401 | 403);
                if allowed == refused || !(answer.is_success() || refused) {
                    mismatches.push(format!(
                        "{row} as {asker:?}: expected {}, got {} {}",
                        if allowed { "allowed" } else { "refused" },
                        answer.status,
                        answer.body
                    ));
                }
            }
        }
        assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
        app.stop().await;
    }
}

/// Server functions that change nothing: reads, and the session's own
/// sign in and out and choice of language (which every visitor may call;
/// the language is written only on the caller's own account).
const READS: &[&str] = &[
    "browse_projects",
    "compare_strategy_versions",
    "current_session",
    "form_token",
    "kept_form_input",
    "get_country_summary",
    "can_configure_country",
    "load_compact",
    "load_dashboard",
    "load_indicator_detail",
    "load_indicators",
    "load_scorecard",
    "list_countries",
    "load_accounts",
    "load_activities",
    "load_admin_organisations",
    "load_budget",
    "load_fragility",
    "load_funding",
    "load_iati",
    "load_organisation",
    "load_priority",
    "load_project",
    "load_rates",
    "load_review",
    "load_strategy",
    "load_transition",
    "load_validation_queue",
    "sign_in",
    "stored_form_error",
    "sign_out",
    "set_language",
];

/// `add_priority` from `/api/add_priority1234` (the suffix tells apart
/// functions of the same name in different modules).
fn function_name(path: &str) -> &str {
    path.rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(|c: char| c.is_ascii_digit())
}

#[test]
fn the_table_lists_every_mutating_server_function() {
    let rows: Vec<&str> = MATRIX.iter().map(|(name, _)| *name).collect();
    let mut functions: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| function_name(path))
        .filter(|name| !READS.contains(name))
        .collect();
    functions.sort_unstable();
    functions.dedup();
    assert!(
        functions.contains(&"add_priority"),
        "the registry lists the app's functions: {functions:?}"
    );
    let expected_rows: Vec<&str> = functions
        .iter()
        .flat_map(|f| match *f {
            "update_organisation" => {
                vec![
                    "update_partner_organisation",
                    "update_government_organisation",
                    "change_partner_kind",
                    "change_partner_acronym",
                    "change_partner_iati_id",
                ]
            }
            "object_history" => vec!["read_organisation_history", "read_user_history"],
            "assess_commitment" => vec![
                "assess_for_government",
                "assess_for_partner",
                "assess_after_another_partner",
            ],
            "record_measurement" => vec![
                "record_government_measurement",
                "record_partner_measurement",
            ],
            other => vec![other],
        })
        .collect();
    let mut sorted_rows = rows.clone();
    sorted_rows.sort_unstable();
    let mut sorted_expected = expected_rows;
    sorted_expected.sort_unstable();
    assert_eq!(
        sorted_rows, sorted_expected,
        "the policy table and the server functions differ"
    );
}
