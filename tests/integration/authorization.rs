//! Every mutating server function, called over HTTP by every kind of user,
//! is allowed or refused exactly as `app::policy::matrix` says.

use crate::fixtures;
use crate::fixtures::{
    close_open_compacts, close_open_rounds, close_open_versions, commitment, fresh_compact,
    open_round, ready_for_compact, signed_compact,
};
use app::policy::Role;
use app::policy::matrix::{Asker, MATRIX, expected};
use app::server_fns::ImportIati;
use app::server_fns::{
    AddAgreement, AddComment, AddCommitment, AddDrawdownPhase, AddPillar, AddPriority,
    AddProvision, AddTransitionFunction, AmendCompact, AssessCommitment, ChangePassword,
    CloseReview, CommentOnCommitment, CreateCompact, CreateOrganisation, CreateStrategy,
    CreateUser, EndorseStrategy, FreezeCompact, OpenReview, RedraftStrategy, RemovePriority,
    RenamePillar, ReportProgress, ResetPassword, ResolveComment, SendStrategyToConsultation,
    SetPriorityCost, SetTransitionPlan, SignCompact, UpdateCommitment, UpdateOrganisation,
    UpdatePriority, UpdateUser,
};
use app::server_fns::{
    AddBudgetLine, AddExchangeRate, AddPlannedDisbursement, AddTransaction, CloseReportingRound,
    CommentOnIndicator, CreateActivity, DefineIndicator, ImportRates, ImportTransactions,
    OpenReportingRound, RecordMeasurement, RespondToRound, SetBudgetAmounts, SetIndicatorTarget,
};
use app::services::audit::Author;
use app::services::{activities, budget, reporting};
use app::services::{
    agreements, comments, commitments, compacts, countries, demo, organisations, priorities,
    strategies, users,
};
use app::types::{
    CommitmentKind, NewAgreement, NewPriority, NewUser, Phase, Strategy, ThematicArea,
};
use app::types::{NewBudgetLine, NewReportingRound};
use tests::{Answer, Client, TestApp, TestDb, both_backends, demo as accounts};

struct World {
    country_id: i32,
    reviewer: i32,
    norad: String,
    finance: String,
    planning: String,
    target_user: String,
}

async fn world(t: &TestDb) -> World {
    demo::seed(&t.db).await.unwrap();
    let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
    let orgs = organisations::list(&t.db, country_id).await.unwrap();
    let id_of = |name: &str| orgs.iter().find(|o| o.name == name).unwrap().id.to_string();
    // The account whose password the table's resets hit: nobody signs in as it.
    let target = users::create(
        &t.db,
        &Author::system("test"),
        NewUser {
            email: "target@kalinda.example".into(),
            display_name: "Reset target".into(),
            organisation_id: orgs[0].id,
            role: Role::Reviewer,
            signatory: false,
        },
        None,
    )
    .await
    .unwrap()
    .user;
    let reviewer = users::find_by_email(&t.db, accounts::REVIEWER.0)
        .await
        .unwrap()
        .unwrap()
        .id;
    World {
        country_id,
        reviewer,
        norad: id_of("Norway (Norad)"),
        finance: id_of("Ministry of Finance"),
        planning: id_of("Ministry of Planning and Development"),
        target_user: target.id.to_string(),
    }
}

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

/// A fresh draft (with the demo's priorities) that no other call has touched.
async fn fresh_draft(t: &TestDb, country_id: i32) -> Strategy {
    let endorsed = close_open_versions(t, country_id).await;
    strategies::new_draft_from(&t.db, &Author::system("test"), endorsed)
        .await
        .unwrap()
}

/// A fresh draft with one priority `code` in it: `(draft, priority id)`.
async fn draft_priority(t: &TestDb, world: &World, code: &str) -> (Strategy, i32) {
    let draft = fresh_draft(t, world.country_id).await;
    let new = NewPriority {
        pillar_id: draft.pillars[0].id,
        code: code.into(),
        title: format!("Priority {code}"),
        objective: String::new(),
        lead_organisation_id: world.finance.parse().unwrap(),
        phase: Phase::Immediate,
        thematic_area: ThematicArea::Other,
        partner_ids: Vec::new(),
        provision_ids: Vec::new(),
        costs: Vec::new(),
    };
    let priority = priorities::add(&t.db, &Author::system("test"), draft.id, new)
        .await
        .unwrap()
        .id;
    (draft, priority)
}

/// A fresh activity of Norway's, in EUR, for a call to add flows to.
async fn norad_activity(t: &TestDb, world: &World, n: usize) -> i32 {
    let new = crate::funding_data::activity(
        world.norad.parse().unwrap(),
        &format!("Activity {n}"),
        "EUR",
    );
    activities::create(&t.db, &Author::system("test"), world.country_id, new)
        .await
        .unwrap()
        .id
}

/// Calls the server function a matrix row names, as `asker`. Each call gets
/// a target in the state it needs, so earlier calls cannot spoil it.
async fn call(
    t: &TestDb,
    row: &str,
    asker: Asker,
    client: &Client,
    world: &World,
    n: usize,
) -> Answer {
    let csrf = client.csrf().await;
    let org = |id: &str, name: &str, kind: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("id", id.to_string()),
            ("name", name.to_string()),
            ("acronym", String::new()),
            ("kind", kind.to_string()),
            ("iati_id", String::new()),
            ("iati_type_code", String::new()),
        ]
    };
    let fields: Vec<(&str, String)> = match row {
        "create_organisation" => {
            let mut f = org("", &format!("New partner {n}"), "bilateral");
            f.retain(|(k, _)| *k != "id");
            f.push(("country", "XD".into()));
            f
        }
        "update_partner_organisation" => org(&world.norad, "Norway (Norad)", "bilateral"),
        "update_government_organisation" => {
            org(&world.finance, "Ministry of Finance", "government_ministry")
        }
        "create_user" => vec![
            ("csrf", csrf.clone()),
            ("country", "XD".into()),
            ("email", format!("person{n}@kalinda.example")),
            ("display_name", "Someone".into()),
            ("organisation_id", world.norad.clone()),
            ("role", "reviewer".into()),
        ],
        "update_user" => vec![
            ("csrf", csrf.clone()),
            ("user_id", world.target_user.clone()),
            ("display_name", "Reset target".into()),
            ("role", "reviewer".into()),
            ("signatory", "on".into()),
        ],
        "reset_password" => vec![
            ("csrf", csrf.clone()),
            ("user_id", world.target_user.clone()),
        ],
        "change_password" => {
            let current = match asker {
                Asker::Admin => accounts::ADMIN.1,
                Asker::Planner => accounts::PLANNER.1,
                Asker::ReporterOwnOrganisation => accounts::NORAD.1,
                Asker::ReporterOtherOrganisation => accounts::FCDO.1,
                Asker::Reviewer => accounts::REVIEWER.1,
                Asker::Anonymous => "whatever-it-was",
            };
            vec![
                ("csrf", csrf.clone()),
                ("current_password", current.into()),
                ("new_password", format!("a-new-password-{n}")),
            ]
        }
        "create_strategy" => vec![
            ("csrf", csrf.clone()),
            ("country", "XD".into()),
            ("title", format!("Strategy {n}")),
            ("first_fiscal_year", "2030".into()),
            ("last_fiscal_year", "2033".into()),
            ("vision", String::new()),
        ],
        "add_priority" => {
            let draft = fresh_draft(t, world.country_id).await;
            vec![
                ("csrf", csrf.clone()),
                ("strategy_id", draft.id.to_string()),
                ("pillar_id", draft.pillars[0].id.to_string()),
                ("code", format!("9.{n}")),
                ("title", "A new priority".into()),
                ("objective", String::new()),
                ("lead_organisation_id", world.finance.clone()),
                ("phase", "immediate".into()),
                ("thematic_area", "other".into()),
                ("costs[0][fiscal_year]", draft.first_fiscal_year.to_string()),
                ("costs[0][amount]", "1000".into()),
            ]
        }
        "set_priority_cost" => {
            let (draft, priority) = draft_priority(t, world, &format!("8.{n}")).await;
            vec![
                ("csrf", csrf.clone()),
                ("strategy_id", draft.id.to_string()),
                ("priority_id", priority.to_string()),
                ("fiscal_year", draft.last_fiscal_year.to_string()),
                ("amount", "42.50".into()),
            ]
        }
        "update_priority" => {
            let (draft, priority) = draft_priority(t, world, &format!("6.{n}")).await;
            vec![
                ("csrf", csrf.clone()),
                ("strategy_id", draft.id.to_string()),
                ("priority_id", priority.to_string()),
                ("pillar_id", draft.pillars[1].id.to_string()),
                ("code", format!("6.{n}")),
                ("title", "Renamed".into()),
                ("objective", String::new()),
                ("lead_organisation_id", world.finance.clone()),
                ("partner_ids[0]", world.norad.clone()),
                ("phase", "medium_term".into()),
                ("thematic_area", "justice".into()),
            ]
        }
        "remove_priority" => {
            let (draft, priority) = draft_priority(t, world, &format!("5.{n}")).await;
            vec![
                ("csrf", csrf.clone()),
                ("strategy_id", draft.id.to_string()),
                ("priority_id", priority.to_string()),
            ]
        }
        "add_pillar" | "rename_pillar" => {
            let draft = fresh_draft(t, world.country_id).await;
            vec![
                ("csrf", csrf.clone()),
                ("strategy_id", draft.id.to_string()),
                ("pillar_id", draft.pillars[4].id.to_string()),
                ("pillar_title", format!("Pillar {n}")),
            ]
        }
        "add_agreement" => {
            let draft = fresh_draft(t, world.country_id).await;
            vec![
                ("csrf", csrf.clone()),
                ("strategy_id", draft.id.to_string()),
                ("agreement_title", format!("Agreement {n}")),
                ("signed_on", "2024-03-14".into()),
            ]
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
            vec![
                ("csrf", csrf.clone()),
                ("agreement_id", agreement.id.to_string()),
                ("provision_number", "4.2".into()),
                ("provision_text", "Something agreed".into()),
            ]
        }
        "send_strategy_to_consultation" => {
            let draft = fresh_draft(t, world.country_id).await;
            vec![
                ("csrf", csrf.clone()),
                ("strategy_id", draft.id.to_string()),
            ]
        }
        "endorse_strategy" => {
            let draft = fresh_draft(t, world.country_id).await;
            strategies::send_to_consultation(&t.db, &Author::system("test"), draft.id)
                .await
                .unwrap();
            vec![
                ("csrf", csrf.clone()),
                ("strategy_id", draft.id.to_string()),
            ]
        }
        "redraft_strategy" => {
            let endorsed = close_open_versions(t, world.country_id).await;
            vec![
                ("csrf", csrf.clone()),
                ("strategy_id", endorsed.to_string()),
            ]
        }
        "add_comment" | "resolve_comment" => {
            let (draft, priority) = draft_priority(t, world, &format!("7.{n}")).await;
            let system = Author::system("test");
            strategies::send_to_consultation(&t.db, &system, draft.id)
                .await
                .unwrap();
            if row == "add_comment" {
                vec![
                    ("csrf", csrf.clone()),
                    ("priority_id", priority.to_string()),
                    ("body", "A comment".into()),
                ]
            } else {
                let author = users::actor(&t.db, world.reviewer).await.unwrap().unwrap();
                let comment = comments::add(&t.db, &author, priority, None, "Please look".into())
                    .await
                    .unwrap();
                vec![
                    ("csrf", csrf.clone()),
                    ("comment_id", comment.id.to_string()),
                ]
            }
        }
        "set_transition_plan" => vec![
            ("csrf", csrf.clone()),
            ("country", "XD".into()),
            ("mission_name", format!("Mission {n}")),
            ("mandate_end", "2029-06-30".into()),
            ("drawdown_start", "2026-07-01".into()),
            ("drawdown_end", "2029-06-30".into()),
        ],
        "create_compact" => {
            ready_for_compact(t, world.country_id).await;
            vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("title", format!("Compact {n}")),
                ("starts_on", "2026-07-01".into()),
                ("ends_on", "2029-06-30".into()),
                ("principles", String::new()),
                ("party_ids[0]", world.planning.clone()),
                ("party_ids[1]", world.norad.clone()),
            ]
        }
        "add_commitment" | "update_commitment" => {
            let draft = fresh_compact(t, world.country_id).await;
            let mut fields = vec![
                ("csrf", csrf.clone()),
                ("party_id", world.norad.clone()),
                ("kind", "partner".into()),
                ("category", "transparency".into()),
                ("text", format!("Commitment {n}")),
                ("priority_code", "5.2".into()),
                ("due_on", "2027-06-30".into()),
            ];
            if row == "add_commitment" {
                fields.push(("compact_id", draft.id.to_string()));
            } else {
                let norad = world.norad.parse().unwrap();
                let new = commitment(norad, CommitmentKind::Partner, "Publish all aid");
                let id = commitments::add(&t.db, &Author::system("test"), draft.id, new)
                    .await
                    .unwrap()
                    .id;
                fields.push(("commitment_id", id.to_string()));
            }
            fields
        }
        "report_progress" => {
            let draft = fresh_compact(t, world.country_id).await;
            let new = commitment(
                world.norad.parse().unwrap(),
                CommitmentKind::Joint,
                "Together",
            );
            let id = commitments::add(&t.db, &Author::system("test"), draft.id, new)
                .await
                .unwrap()
                .id;
            vec![
                ("csrf", csrf.clone()),
                ("commitment_id", id.to_string()),
                ("on_date", "2026-09-01".into()),
                ("progress_text", "Started".into()),
                ("status", "on_track".into()),
            ]
        }
        "freeze_compact" | "sign_compact" | "amend_compact" => {
            let draft = fresh_compact(t, world.country_id).await;
            let system = Author::system("test");
            let new = commitment(
                world.norad.parse().unwrap(),
                CommitmentKind::Partner,
                "Report",
            );
            commitments::add(&t.db, &system, draft.id, new)
                .await
                .unwrap();
            if row != "freeze_compact" {
                compacts::freeze(&t.db, &system, draft.id).await.unwrap();
            }
            if row == "amend_compact" {
                close_open_compacts(t, world.country_id).await;
            }
            vec![("csrf", csrf.clone()), ("compact_id", draft.id.to_string())]
        }
        "comment_on_commitment" => {
            let signed = signed_compact(t, world.country_id).await;
            vec![
                ("csrf", csrf.clone()),
                ("commitment_id", signed.commitments[0].id.to_string()),
                ("body", format!("Comment {n}")),
            ]
        }
        "open_review" => {
            close_open_rounds(t, world.country_id).await;
            let signed = signed_compact(t, world.country_id).await;
            vec![
                ("csrf", csrf.clone()),
                ("compact_id", signed.id.to_string()),
                ("round_title", format!("Review {n}")),
                ("opened_on", "2026-11-01".into()),
            ]
        }
        "close_review" => {
            let (round, _) = open_round(t, world.country_id).await;
            vec![("csrf", csrf.clone()), ("round_id", round.to_string())]
        }
        "assess_for_government" | "assess_for_partner" => {
            let (round, compact) = open_round(t, world.country_id).await;
            let side = if row == "assess_for_government" {
                "government"
            } else {
                "partner"
            };
            vec![
                ("csrf", csrf.clone()),
                ("round_id", round.to_string()),
                ("commitment_id", compact.commitments[0].id.to_string()),
                ("side", side.into()),
                ("status", "on_track".into()),
                ("rating", "3".into()),
            ]
        }
        "add_drawdown_phase" => vec![
            ("csrf", csrf.clone()),
            ("country", "XD".into()),
            ("phase_name", format!("Phase {n}")),
            ("phase_start", "2027-01-01".into()),
            ("phase_end", "2027-12-31".into()),
        ],
        "add_transition_function" => vec![
            ("csrf", csrf.clone()),
            ("country", "XD".into()),
            ("kind", "mine_action".into()),
            ("name", format!("Function {n}")),
            ("current_provider", "UN mission".into()),
            ("future_owner_id", world.finance.clone()),
            ("target_handover", "2027-01-01".into()),
            ("readiness", "planning".into()),
            ("mission_cost", "1,000".into()),
            ("after_cost", "500".into()),
            ("secured", "".into()),
        ],
        "create_activity" | "import_transactions" => {
            let mut fields = vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("organisation_id", world.norad.clone()),
            ];
            if row == "create_activity" {
                fields.extend([
                    ("title", format!("Activity {n}")),
                    ("status", "2".into()),
                    ("money_type", "development".into()),
                    ("channel", "1".into()),
                    ("default_currency", "EUR".into()),
                    ("published", "on".into()),
                ]);
            } else {
                let activity = norad_activity(t, world, n).await;
                let header = app::services::transaction_import::COLUMNS.join(",");
                fields.push((
                    "file",
                    format!("{header}\n{activity},disbursement,2026-09-30,,100.00,,,,Row {n}\n"),
                ));
            }
            fields
        }
        "import_iati" => vec![
            ("csrf", csrf.clone()),
            ("country", "XD".into()),
            ("organisation_id", world.norad.clone()),
            (
                "file",
                format!(
                    "<iati-activities version=\"2.03\"><iati-activity><iati-identifier>XM-AUTH-{n}</iati-identifier></iati-activity></iati-activities>"
                ),
            ),
        ],
        "add_transaction" => vec![
            ("csrf", csrf.clone()),
            ("country", "XD".into()),
            ("activity_id", norad_activity(t, world, n).await.to_string()),
            ("kind", "3".into()),
            ("transaction_date", "2026-09-30".into()),
            ("amount", "1,000.00".into()),
        ],
        "add_planned_disbursement" => vec![
            ("csrf", csrf.clone()),
            ("country", "XD".into()),
            ("activity_id", norad_activity(t, world, n).await.to_string()),
            ("period_start", "2027-01-01".into()),
            ("period_end", "2027-12-31".into()),
            ("planned_amount", "5000".into()),
        ],
        "add_exchange_rate" => vec![
            ("csrf", csrf.clone()),
            ("country", "XD".into()),
            ("currency", "NOK".into()),
            ("rate_date", "2026-01-01".into()),
            ("rate", format!("0.09{n}")),
            ("source", "Norges Bank".into()),
        ],
        "import_rates" => vec![
            ("csrf", csrf.clone()),
            ("country", "XD".into()),
            (
                "file",
                format!("currency,date,rate,source\nSEK,2026-01-01,0.09{n},Riksbank\n"),
            ),
        ],
        "add_budget_line" => vec![
            ("csrf", csrf.clone()),
            ("country", "XD".into()),
            ("line_code", format!("99-{n}")),
            ("line_name", format!("Line {n}")),
        ],
        "set_budget_amounts" => {
            let line = budget::add_line(
                &t.db,
                &Author::system("test"),
                world.country_id,
                NewBudgetLine {
                    code: format!("98-{n}"),
                    name: format!("Line {n}"),
                    admin_unit: String::new(),
                    function_name: String::new(),
                    security: false,
                    sector_code: None,
                    parent_code: None,
                },
            )
            .await
            .unwrap();
            vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("line_id", line.id.to_string()),
                ("fiscal_year", "2026".into()),
                ("appropriation", "1000".into()),
                ("expected_external", "".into()),
                ("execution", "".into()),
            ]
        }
        "open_reporting_round" => vec![
            ("csrf", csrf.clone()),
            ("country", "XD".into()),
            ("round_title", format!("Round {n}")),
            ("round_fiscal_year", "2026".into()),
            ("due_on", "2099-12-31".into()),
        ],
        "define_indicator" => vec![
            ("csrf", csrf.clone()),
            ("country", "XD".into()),
            ("code", format!("test-{n}")),
            ("name", format!("Indicator {n}")),
            ("definition", "Counted by hand.".into()),
            ("formula", "".into()),
            ("unit", "number".into()),
            ("direction", "higher".into()),
            ("pillar", "".into()),
            ("owner", "".into()),
            ("baseline_value", "".into()),
            ("baseline_date", "".into()),
        ],
        "set_indicator_target" => vec![
            ("csrf", csrf.clone()),
            ("country", "XD".into()),
            ("indicator", "revenue-gdp".into()),
            ("target_fiscal_year", "2027".into()),
            ("target_value", "0.095".into()),
        ],
        "record_government_measurement" | "record_partner_measurement" => vec![
            ("csrf", csrf.clone()),
            ("country", "XD".into()),
            (
                "indicator",
                if row == "record_government_measurement" {
                    "revenue-gdp".into()
                } else {
                    "norad-evaluations".into()
                },
            ),
            ("measurement_fiscal_year", "2026".into()),
            ("value", "0.08".into()),
            ("source", "Test".into()),
            ("note", "".into()),
        ],
        "comment_on_indicator" => vec![
            ("csrf", csrf.clone()),
            ("country", "XD".into()),
            ("indicator", "revenue-gdp".into()),
            ("fiscal_year", "2025".into()),
            ("body", format!("Comment {n}")),
        ],
        "close_reporting_round" | "respond_to_round" => {
            let round = reporting::open(
                &t.db,
                &Author::system("test"),
                world.country_id,
                NewReportingRound {
                    title: format!("Round {n}"),
                    fiscal_year: 2026,
                    due_on: fixtures::d("2099-12-31"),
                },
                fixtures::d("2026-11-01"),
            )
            .await
            .unwrap();
            let mut fields = vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("round_id", round.id.to_string()),
            ];
            if row == "respond_to_round" {
                fields.push(("organisation_id", world.norad.clone()));
                fields.push(("status", "submitted".into()));
            }
            fields
        }
        other => panic!("the matrix names {other}, which this test cannot call"),
    };
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    match row {
        "create_organisation" => client.call::<CreateOrganisation>(&fields).await,
        "update_partner_organisation" | "update_government_organisation" => {
            client.call::<UpdateOrganisation>(&fields).await
        }
        "create_user" => client.call::<CreateUser>(&fields).await,
        "update_user" => client.call::<UpdateUser>(&fields).await,
        "create_strategy" => client.call::<CreateStrategy>(&fields).await,
        "add_priority" => client.call::<AddPriority>(&fields).await,
        "set_priority_cost" => client.call::<SetPriorityCost>(&fields).await,
        "update_priority" => client.call::<UpdatePriority>(&fields).await,
        "remove_priority" => client.call::<RemovePriority>(&fields).await,
        "add_agreement" => client.call::<AddAgreement>(&fields).await,
        "add_pillar" => client.call::<AddPillar>(&fields).await,
        "rename_pillar" => client.call::<RenamePillar>(&fields).await,
        "add_provision" => client.call::<AddProvision>(&fields).await,
        "send_strategy_to_consultation" => client.call::<SendStrategyToConsultation>(&fields).await,
        "endorse_strategy" => client.call::<EndorseStrategy>(&fields).await,
        "redraft_strategy" => client.call::<RedraftStrategy>(&fields).await,
        "add_comment" => client.call::<AddComment>(&fields).await,
        "resolve_comment" => client.call::<ResolveComment>(&fields).await,
        "set_transition_plan" => client.call::<SetTransitionPlan>(&fields).await,
        "add_transition_function" => client.call::<AddTransitionFunction>(&fields).await,
        "add_drawdown_phase" => client.call::<AddDrawdownPhase>(&fields).await,
        "create_compact" => client.call::<CreateCompact>(&fields).await,
        "add_commitment" => client.call::<AddCommitment>(&fields).await,
        "update_commitment" => client.call::<UpdateCommitment>(&fields).await,
        "report_progress" => client.call::<ReportProgress>(&fields).await,
        "freeze_compact" => client.call::<FreezeCompact>(&fields).await,
        "sign_compact" => client.call::<SignCompact>(&fields).await,
        "amend_compact" => client.call::<AmendCompact>(&fields).await,
        "open_review" => client.call::<OpenReview>(&fields).await,
        "comment_on_commitment" => client.call::<CommentOnCommitment>(&fields).await,
        "close_review" => client.call::<CloseReview>(&fields).await,
        "assess_for_government" | "assess_for_partner" => {
            client.call::<AssessCommitment>(&fields).await
        }
        "reset_password" => client.call::<ResetPassword>(&fields).await,
        "change_password" => client.call::<ChangePassword>(&fields).await,
        "create_activity" => client.call::<CreateActivity>(&fields).await,
        "import_transactions" => client.call::<ImportTransactions>(&fields).await,
        "import_iati" => client.call::<ImportIati>(&fields).await,
        "add_transaction" => client.call::<AddTransaction>(&fields).await,
        "add_planned_disbursement" => client.call::<AddPlannedDisbursement>(&fields).await,
        "add_exchange_rate" => client.call::<AddExchangeRate>(&fields).await,
        "import_rates" => client.call::<ImportRates>(&fields).await,
        "add_budget_line" => client.call::<AddBudgetLine>(&fields).await,
        "set_budget_amounts" => client.call::<SetBudgetAmounts>(&fields).await,
        "open_reporting_round" => client.call::<OpenReportingRound>(&fields).await,
        "close_reporting_round" => client.call::<CloseReportingRound>(&fields).await,
        "respond_to_round" => client.call::<RespondToRound>(&fields).await,
        "define_indicator" => client.call::<DefineIndicator>(&fields).await,
        "set_indicator_target" => client.call::<SetIndicatorTarget>(&fields).await,
        "record_government_measurement" | "record_partner_measurement" => {
            client.call::<RecordMeasurement>(&fields).await
        }
        "comment_on_indicator" => client.call::<CommentOnIndicator>(&fields).await,
        other => panic!("no call for {other}"),
    }
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
/// sign in and out (which every visitor may call).
const READS: &[&str] = &[
    "audit_trail",
    "compare_strategy_versions",
    "current_session",
    "get_country_summary",
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
    "load_funding",
    "load_iati",
    "load_organisation",
    "load_priority",
    "load_rates",
    "load_review",
    "load_strategy",
    "load_transition",
    "object_history",
    "sign_in",
    "sign_out",
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
                ]
            }
            "assess_commitment" => vec!["assess_for_government", "assess_for_partner"],
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
