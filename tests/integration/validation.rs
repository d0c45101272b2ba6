//! The government validates what partners report: a partner's new
//! activity counts nowhere until validated; a change to a validated one
//! leaves the validated figures counting until the change is validated; a
//! returned entry shows its reason to the partner; with validation off,
//! a partner's entries count at once. Imports follow the same rule.

use app::AppError;
use app::server_fns::ReturnActivity;
use app::services::accounts::audit::{self, Author};
use app::services::funding::activities::{self, validation};
use app::services::funding::{report, transaction_import};
use app::services::{accounts::countries, demo};
use app::services::{accounts::users, iati};
use app::types::{Activity, GroupBy, NewUser, Role, TransactionKind::Disbursement, Validation};
use entities::activity;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tests::{Client, TestApp, TestDb, both_backends, demo as accounts};

use crate::funding_data::{Funding, activity, build, dec, flow};

/// An account of `role` in `organisation_id`, as the author of writes.
pub async fn author(t: &TestDb, email: &str, organisation_id: i32, role: Role) -> Author {
    let user = users::create(
        &t.db,
        &Author::system("test"),
        NewUser {
            email: email.into(),
            display_name: email.into(),
            organisation_id,
            role,
            signatory: false,
        },
        None,
    )
    .await
    .unwrap();
    Author {
        user_id: Some(user.user.id),
        label: user.user.email,
    }
}

/// Norway's disbursements on the funding page, in US dollars.
async fn norway_disbursed(t: &TestDb, f: &Funding) -> Decimal {
    report::build(&t.db, f.country_id, GroupBy::Partner, None)
        .await
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.key == f.norway.to_string())
        .map(|r| r.totals.disbursed)
        .unwrap_or_default()
}

/// Norway's activity titled `title` as its reporter sees it.
async fn seen_by_partner(t: &TestDb, f: &Funding, title: &str) -> Activity {
    activities::of_organisation(&t.db, f.country_id, f.norway)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.title == title)
        .unwrap()
}

async fn waiting_changes(t: &TestDb) -> u64 {
    activity::Entity::find()
        .filter(activity::Column::PendingFor.is_not_null())
        .count(&t.db)
        .await
        .unwrap()
}

both_backends! {
    async fn partners_entries_count_once_the_government_validates_them(t) {
        let f = build(&t).await;
        let reporter = author(&t, "reporter@norway.example", f.norway, Role::PartnerReporter).await;
        let planner = author(&t, "planner@finance.example", f.finance, Role::Planner).await;
        let before = norway_disbursed(&t, &f).await;

        // A new activity waits, counting nowhere: not in the totals, the
        // public browser or the API.
        let roads = activities::create(&t.db, &reporter, f.country_id, activity(f.norway, "Roads", "USD")).await.unwrap();
        assert_eq!(roads.validation, Validation::Awaiting);
        let paid = activities::add_transaction(&t.db, &reporter, roads.id, flow(Disbursement, "2025-10-01", "1000")).await.unwrap();
        assert_eq!(norway_disbursed(&t, &f).await, before);
        let public = activities::browse(&t.db, f.country_id, "Roads", 1).await.unwrap();
        assert_eq!(public.total, 0);
        assert!(activities::published(&t.db, f.country_id).await.unwrap().iter().all(|a| a.id != roads.id));
        assert!(matches!(activities::public_activity(&t.db, f.country_id, roads.id).await, Err(AppError::NotFound(_))));

        let queue = validation::queue(&t.db, f.country_id).await.unwrap();
        assert_eq!(queue.total, 1);
        let waiting = &queue.waiting[0];
        assert!(waiting.new);
        assert!(waiting.differences.iter().any(|d| d.what == "Title" && d.after == "Roads"));

        validation::validate(&t.db, &planner, f.country_id, &[roads.id]).await.unwrap();
        assert_eq!(norway_disbursed(&t, &f).await, before + dec("1000"));
        assert_eq!(activities::browse(&t.db, f.country_id, "Roads", 1).await.unwrap().total, 1);
        assert!(validation::queue(&t.db, f.country_id).await.unwrap().waiting.is_empty());

        // A correction of the validated disbursement waits: the validated
        // figure counts until then; the partner sees its correction.
        activities::update_transaction(&t.db, &reporter, paid.id, 1, flow(Disbursement, "2025-10-01", "1500")).await.unwrap();
        assert_eq!(norway_disbursed(&t, &f).await, before + dec("1000"));
        let mine = seen_by_partner(&t, &f, "Roads").await;
        assert_eq!((mine.change_of, mine.validation), (Some(roads.id), Validation::Awaiting));
        assert_eq!(mine.transactions[0].amount, dec("1500"));
        let queue = validation::queue(&t.db, f.country_id).await.unwrap();
        let change = &queue.waiting[0];
        assert!(!change.new);
        let shown: Vec<(&str, &str, &str)> = change.differences.iter().map(|d| (d.what.as_str(), d.before.as_str(), d.after.as_str())).collect();
        assert_eq!(shown, [("Transaction", "2025-10-01 disbursement USD 1,000.00", "2025-10-01 disbursement USD 1,500.00")]);

        // Returned with a reason the partner reads; the figure still counts.
        let no_reason = validation::send_back(&t.db, &planner, f.country_id, mine.id, "  ").await.unwrap_err();
        assert!(matches!(&no_reason, AppError::Invalid(e) if e[0].field == "reason"), "{no_reason:?}");
        validation::send_back(&t.db, &planner, f.country_id, mine.id, "The bank statement says 1,200.").await.unwrap();
        let returned = seen_by_partner(&t, &f, "Roads").await;
        assert_eq!(returned.validation, Validation::Returned);
        assert_eq!(returned.return_reason.as_deref(), Some("The bank statement says 1,200."));
        assert_eq!(norway_disbursed(&t, &f).await, before + dec("1000"));
        let not_waiting = validation::validate(&t.db, &planner, f.country_id, &[returned.id]).await.unwrap_err();
        assert!(matches!(not_waiting, AppError::Invalid(_)));

        // Corrected again, it waits again; validated, it takes the place of
        // the validated activity, whose rows keep their ids.
        let row = &returned.transactions[0];
        activities::update_transaction(&t.db, &reporter, row.id, row.version, flow(Disbursement, "2025-10-01", "1200")).await.unwrap();
        let again = seen_by_partner(&t, &f, "Roads").await;
        assert_eq!((again.validation, again.return_reason.clone()), (Validation::Awaiting, None));
        validation::validate(&t.db, &planner, f.country_id, &[again.id]).await.unwrap();
        assert_eq!(norway_disbursed(&t, &f).await, before + dec("1200"));
        let validated = seen_by_partner(&t, &f, "Roads").await;
        assert_eq!((validated.id, validated.change_of, validated.validation), (roads.id, None, Validation::Validated));
        assert_eq!(validated.transactions.iter().map(|t| (t.id, t.amount)).collect::<Vec<_>>(), [(paid.id, dec("1200"))]);
        assert_eq!(waiting_changes(&t).await, 0);

        // A removal waits the same way.
        activities::delete_transaction(&t.db, &reporter, paid.id, validated.transactions[0].version).await.unwrap();
        assert_eq!(norway_disbursed(&t, &f).await, before + dec("1200"));
        let change = seen_by_partner(&t, &f, "Roads").await;
        assert!(change.transactions.is_empty());
        validation::validate(&t.db, &planner, f.country_id, &[change.id]).await.unwrap();
        assert_eq!(norway_disbursed(&t, &f).await, before);

        // A change discarded by its partner leaves the activity as it was.
        activities::update(&t.db, &reporter, roads.id, seen_by_partner(&t, &f, "Roads").await.version,
            app::types::NewActivity { title: "Roads and bridges".into(), ..activity(f.norway, "Roads", "USD") }).await.unwrap();
        let change = seen_by_partner(&t, &f, "Roads and bridges").await;
        activities::delete(&t.db, &reporter, change.id, change.version).await.unwrap();
        assert_eq!(seen_by_partner(&t, &f, "Roads").await.id, roads.id);
        assert_eq!(waiting_changes(&t).await, 0);

        // Each decision is in the audit trail, before and after.
        let trail = audit::history(&t.db, "activity_validation", roads.id).await.unwrap();
        assert_eq!(trail.len(), 3);
        assert!(trail.iter().all(|e| e.before.is_some() && e.after.is_some()));
    }
}

both_backends! {
    async fn with_validation_off_a_partners_entry_counts_at_once(t) {
        let f = build(&t).await;
        let reporter = author(&t, "reporter@norway.example", f.norway, Role::PartnerReporter).await;
        let before = norway_disbursed(&t, &f).await;
        validation::set_required(&t.db, &Author::system("test"), f.country_id, false).await.unwrap();
        let roads = activities::create(&t.db, &reporter, f.country_id, activity(f.norway, "Roads", "USD")).await.unwrap();
        assert_eq!(roads.validation, Validation::Validated);
        let paid = activities::add_transaction(&t.db, &reporter, roads.id, flow(Disbursement, "2025-10-01", "1000")).await.unwrap();
        assert_eq!(norway_disbursed(&t, &f).await, before + dec("1000"));
        activities::update_transaction(&t.db, &reporter, paid.id, 1, flow(Disbursement, "2025-10-01", "700")).await.unwrap();
        assert_eq!(norway_disbursed(&t, &f).await, before + dec("700"));
        assert_eq!(waiting_changes(&t).await, 0);
        assert_eq!(validation::queue(&t.db, f.country_id).await.unwrap().total, 0);
    }
}

both_backends! {
    async fn a_partners_imports_wait_for_validation_too(t) {
        let f = build(&t).await;
        let reporter = author(&t, "reporter@norway.example", f.norway, Role::PartnerReporter).await;
        let planner = author(&t, "planner@finance.example", f.finance, Role::Planner).await;
        let before = norway_disbursed(&t, &f).await;

        // Transactions from a spreadsheet go to a change of the activity.
        let csv = format!(
            "{}\n{},3,2025-11-01,,2500,EUR,,,Second tranche\n",
            transaction_import::COLUMNS.join(","),
            f.norway_activity
        );
        transaction_import::import(&t.db, &reporter, f.country_id, Some(f.norway), &csv).await.unwrap();
        assert_eq!(norway_disbursed(&t, &f).await, before);
        let queue = validation::queue(&t.db, f.country_id).await.unwrap();
        assert_eq!(queue.waiting.len(), 1);
        assert_eq!(queue.waiting[0].proposed.change_of, Some(f.norway_activity));
        validation::validate(&t.db, &planner, f.country_id, &[queue.waiting[0].proposed.id]).await.unwrap();
        // 2,500 EUR at the rate of 2025-07-01, 1.10.
        assert_eq!(norway_disbursed(&t, &f).await, before + dec("2750"));

        // An IATI file of Norway's waits as new activities.
        let xml = r#"<iati-activities version="2.03"><iati-activity default-currency="USD" last-updated-datetime="2026-01-10T09:00:00Z">
            <iati-identifier>XM-NOR-900</iati-identifier>
            <reporting-org ref="XM-NOR" type="10"><narrative>Norway</narrative></reporting-org>
            <title><narrative>Imported roads</narrative></title>
            <activity-status code="2"/>
            <recipient-country code="TL"/>
            <transaction><transaction-type code="3"/><transaction-date iso-date="2025-09-15"/><value value-date="2025-09-15">900</value></transaction>
        </iati-activity></iati-activities>"#;
        let report = iati::import(&t.db, &reporter, f.country_id, Some(f.norway), "norway.xml", std::io::Cursor::new(xml.as_bytes().to_vec())).await.unwrap();
        assert_eq!(report.totals.activities_imported, 1, "{report:?}");
        assert_eq!(norway_disbursed(&t, &f).await, before + dec("2750"));
        let imported = seen_by_partner(&t, &f, "Imported roads").await;
        assert_eq!(imported.validation, Validation::Awaiting);
        validation::validate(&t.db, &planner, f.country_id, &[imported.id]).await.unwrap();
        assert_eq!(norway_disbursed(&t, &f).await, before + dec("3650"));
    }
}

both_backends! {
    async fn the_queue_page_shows_the_demos_waiting_entries_and_a_return_reaches_the_partner(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let app = TestApp::spawn(&t).await;
        let planner = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        let (status, page) = planner.get_text("/countries/XD/funding/validation").await;
        assert_eq!(status, 200);
        let main = crate::fixtures::main_of(&page);
        assert!(main.contains("New activity: Voter registration in the northern districts"), "{main}");
        assert!(main.contains("Change: ") && main.contains("Corrected: the second tranche was paid with the first"), "{main}");
        assert!(main.contains("Validate the selected activities"));

        // Returned with a reason, which the partner reads on its page.
        let undp = validation::queue(&t.db, country_id).await.unwrap().waiting.into_iter()
            .find(|w| w.new).unwrap().proposed.id.to_string();
        let csrf = planner.csrf().await;
        let answer = planner.call::<ReturnActivity>(&[
            ("csrf", csrf.as_str()), ("country", "XD"), ("activity_id", &undp),
            ("reason", "Say which districts the teams cover."),
        ]).await;
        assert!(answer.is_success(), "{answer:?}");
        let partner = Client::signed_in(&app, accounts::UNDP.0, accounts::UNDP.1).await;
        let (_, page) = partner.get_text("/countries/XD/funding/activities").await;
        assert!(page.contains("Returned by the government:") && page.contains("Say which districts the teams cover."), "{page}");

        // Only the government validates: a reviewer and a partner are refused.
        for who in [accounts::REVIEWER, accounts::UNDP] {
            let client = Client::signed_in(&app, who.0, who.1).await;
            let (_, page) = client.get_text("/countries/XD/funding/validation").await;
            assert!(!page.contains("Validate the selected activities"), "{}", who.0);
        }
        app.stop().await;
    }
}
