//! The seeded country every call acts in, and the fixtures several domains'
//! calls share: fresh drafts, draft priorities and Norway's activities.

use app::services::accounts::audit::Author;
use app::services::{
    accounts::countries, accounts::organisations, accounts::users, demo, funding::activities,
    strategy::lifecycle, strategy::priorities,
};
use app::types::Role;
use app::types::{NewPriority, NewUser, Phase, Strategy, ThematicArea};
use tests::{TestDb, demo as accounts};

use crate::fixtures::close_open_versions;

/// The demo country's ids that the calls' fields name.
pub(super) struct World {
    pub(super) country_id: i32,
    pub(super) reviewer: i32,
    pub(super) norad: String,
    pub(super) finance: String,
    pub(super) planning: String,
    pub(super) target_user: String,
}

/// Seeds the demo and adds the account whose password the table resets.
pub(super) async fn world(t: &TestDb) -> World {
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

/// A fresh draft (with the demo's priorities) that no other call has touched.
pub(super) async fn fresh_draft(t: &TestDb, country_id: i32) -> Strategy {
    let endorsed = close_open_versions(t, country_id).await;
    lifecycle::new_draft_from(&t.db, &Author::system("test"), endorsed)
        .await
        .unwrap()
}

/// A fresh draft with one priority `code` in it: `(draft, priority id)`.
pub(super) async fn draft_priority(t: &TestDb, world: &World, code: &str) -> (Strategy, i32) {
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
pub(super) async fn norad_activity(t: &TestDb, world: &World, n: usize) -> i32 {
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

/// A fresh activity of Norway's waiting for validation.
pub(super) async fn norad_waiting(t: &TestDb, world: &World, n: usize) -> i32 {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    let id = norad_activity(t, world, n).await;
    entities::activity::Entity::update_many()
        .col_expr(
            entities::activity::Column::Validation,
            Expr::value("awaiting"),
        )
        .filter(entities::activity::Column::Id.eq(id))
        .exec(&t.db)
        .await
        .unwrap();
    id
}

/// A transaction of a fresh activity of Norway's, at version 1.
pub(super) async fn norad_transaction(t: &TestDb, world: &World, n: usize) -> i32 {
    let activity = norad_activity(t, world, n).await;
    let new = app::types::NewTransaction {
        kind: app::types::TransactionKind::Disbursement,
        transaction_date: chrono::NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
        value_date: None,
        amount: rust_decimal::Decimal::from(1000),
        currency: None,
        provider_org_id: None,
        receiver_org_id: None,
        provider_activity_id: None,
        description: String::new(),
        overrides: app::types::SystemOverrides::default(),
    };
    activities::add_transaction(&t.db, &Author::system("test"), activity, new)
        .await
        .unwrap()
        .id
}

/// A planned disbursement of a fresh activity of Norway's, at version 1.
pub(super) async fn norad_planned(t: &TestDb, world: &World, n: usize) -> i32 {
    let activity = norad_activity(t, world, n).await;
    let new = app::types::NewPlannedDisbursement {
        period_start: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        period_end: chrono::NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
        amount: rust_decimal::Decimal::from(5000),
        currency: None,
    };
    activities::add_planned_disbursement(&t.db, &Author::system("test"), activity, new)
        .await
        .unwrap()[0]
        .id
}
