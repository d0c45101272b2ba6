//! Accounts and organisations reach the end of their life: a disabled
//! account is signed out at its next request and cannot sign in; a
//! membership is removed; a deactivated organisation leaves the forms while
//! its flows still count; two duplicates are merged; an edit opened at an
//! older version is refused.

use app::AppError;
use app::server_fns::{
    AccountsView, ChangePassword, DeactivateOrganisation, DisableUser, EnableUser, LoadAccounts,
    MergeOrganisations, RemoveMembership, UpdateOrganisation,
};
use app::services::accounts::audit::{self, Author};
use app::services::accounts::{countries, merge, organisations, users};
use app::services::{demo, funding::report};
use app::types::{GroupBy, NewCountry, NewOrganisation, OrganisationKind, Totals};
use entities::{activity, commitment, transaction, user};
use leptos::server_fn::ServerFn;
use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;
use tests::{Client, TestApp, TestDb, both_backends, demo as accounts};

use crate::fixtures::org;

async fn user_id(t: &TestDb, email: &str) -> i32 {
    users::find_by_email(&t.db, email)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The `before` and `after` of the newest audit entry of an object.
async fn last_change(t: &TestDb, object_type: &str, id: i32) -> (String, Value, Value) {
    let entry = audit::history(&t.db, object_type, id)
        .await
        .unwrap()
        .remove(0);
    let parse =
        |json: Option<String>| json.map_or(Value::Null, |j| serde_json::from_str(&j).unwrap());
    (entry.action, parse(entry.before), parse(entry.after))
}

fn partner(name: &str) -> NewOrganisation {
    NewOrganisation {
        name: name.into(),
        acronym: None,
        kind: OrganisationKind::Bilateral,
        iati_id: None,
        iati_type_code: None,
    }
}

async fn total(t: &TestDb, country_id: i32) -> Totals {
    report::build(&t.db, country_id, GroupBy::Partner, None)
        .await
        .unwrap()
        .total
}

both_backends! {
    async fn a_disabled_account_is_signed_out_at_its_next_request_and_cannot_sign_in(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let norad = user_id(&t, accounts::NORAD.0).await;
        let reporter = Client::signed_in(&app, accounts::NORAD.0, accounts::NORAD.1).await;
        assert!(reporter.session().await.actor.is_some());
        let admin = Client::signed_in(&app, accounts::ADMIN.0, accounts::ADMIN.1).await;
        let csrf = admin.csrf().await;
        let disabled = admin.call::<DisableUser>(&[("csrf", &csrf), ("user_id", &norad.to_string())]).await;
        assert!(disabled.is_success(), "{disabled:?}");

        // The open session is refused on its very next request.
        assert!(reporter.session().await.actor.is_none());
        let csrf = reporter.csrf().await;
        let refused = reporter
            .call::<ChangePassword>(&[("csrf", &csrf), ("current_password", accounts::NORAD.1), ("new_password", "another-long-password")])
            .await;
        assert_eq!(refused.status, 401, "{refused:?}");

        // Signing in is refused, saying why, to whoever knows the password;
        // a wrong password reads as before.
        let again = Client::new(&app);
        let answer = again.sign_in(accounts::NORAD.0, accounts::NORAD.1).await;
        assert_eq!(answer.status, 422, "{answer:?}");
        assert!(answer.body.contains("this account is disabled"), "{}", answer.body);
        let wrong = again.sign_in(accounts::NORAD.0, "not-the-password").await;
        assert!(wrong.body.contains("the email or password is not right"), "{}", wrong.body);
        assert!(again.session().await.actor.is_none());

        // Audited with before and after.
        let (action, before, after) = last_change(&t, "user", norad).await;
        assert_eq!(action, "update");
        assert_eq!((&before["disabled"], &after["disabled"]), (&Value::Bool(false), &Value::Bool(true)));

        // Enabled again, the account signs in afresh.
        let csrf = admin.csrf().await;
        let enabled = admin.call::<EnableUser>(&[("csrf", &csrf), ("user_id", &norad.to_string())]).await;
        assert!(enabled.is_success(), "{enabled:?}");
        assert!(again.sign_in(accounts::NORAD.0, accounts::NORAD.1).await.is_success());
        assert!(again.session().await.actor.is_some());

        // Nobody disables their own account; a planner none at all.
        let admin_id = user_id(&t, accounts::ADMIN.0).await;
        let csrf = admin.csrf().await;
        let own = admin.call::<DisableUser>(&[("csrf", &csrf), ("user_id", &admin_id.to_string())]).await;
        assert_eq!(own.status, 422, "{own:?}");
        assert!(own.body.contains("user_id"), "{}", own.body);
        let planner = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        let csrf = planner.csrf().await;
        let answer = planner.call::<DisableUser>(&[("csrf", &csrf), ("user_id", &norad.to_string())]).await;
        assert_eq!(answer.status, 403, "{answer:?}");
        app.stop().await;
    }
}

both_backends! {
    async fn a_removed_membership_ends_the_role_at_once_and_is_audited(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let planner_id = user_id(&t, accounts::PLANNER.0).await;
        let planner = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        assert_eq!(planner.session().await.actor.unwrap().memberships.len(), 1);
        let admin = Client::signed_in(&app, accounts::ADMIN.0, accounts::ADMIN.1).await;
        let fields = |csrf: String, id: i32| vec![("csrf".to_string(), csrf), ("user_id".into(), id.to_string()), ("country".into(), "XD".into())];
        let send = async |fields: Vec<(String, String)>| {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            admin.call::<RemoveMembership>(&fields).await
        };
        let removed = send(fields(admin.csrf().await, planner_id)).await;
        assert!(removed.is_success(), "{removed:?}");
        assert!(planner.session().await.actor.unwrap().memberships.is_empty());
        let (action, before, after) = last_change(&t, "user", planner_id).await;
        assert_eq!(action, "update");
        assert_eq!(before["memberships"][0]["role"], "planner");
        assert_eq!(after["memberships"], Value::Array(Vec::new()));

        // Gone, it cannot be removed again; nobody removes their own.
        let again = send(fields(admin.csrf().await, planner_id)).await;
        assert_eq!(again.status, 404, "{again:?}");
        let own = send(fields(admin.csrf().await, user_id(&t, accounts::ADMIN.0).await)).await;
        assert_eq!(own.status, 422, "{own:?}");
        app.stop().await;
    }
}

both_backends! {
    async fn a_deactivated_organisation_leaves_the_forms_but_its_flows_still_count(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let norad = org(&t, country_id, "Norway (Norad)").await;
        let before = total(&t, country_id).await;
        let app = TestApp::spawn(&t).await;
        let admin = Client::signed_in(&app, accounts::ADMIN.0, accounts::ADMIN.1).await;
        let csrf = admin.csrf().await;
        let answer = admin.call::<DeactivateOrganisation>(&[("csrf", &csrf), ("id", &norad.to_string())]).await;
        assert!(answer.is_success(), "{answer:?}");

        // The accounts page's form no longer offers it, nor do the lists
        // forms are built from; the full list keeps it, marked.
        let page = admin.call::<LoadAccounts>(&[("country", "XD")]).await;
        let view: AccountsView = serde_json::from_str(&page.body).unwrap();
        assert!(!view.organisations.iter().any(|o| o.id == norad), "{:?}", view.organisations);
        assert!(!organisations::active(&t.db, country_id).await.unwrap().iter().any(|o| o.id == norad));
        let all = organisations::list(&t.db, country_id).await.unwrap();
        assert!(all.iter().any(|o| o.id == norad && !o.active));
        let csrf = admin.csrf().await;
        let twice = admin.call::<DeactivateOrganisation>(&[("csrf", &csrf), ("id", &norad.to_string())]).await;
        assert_eq!(twice.status, 422, "{twice:?}");

        // Its flows still count, in its own row.
        assert_eq!(total(&t, country_id).await, before);
        let rows = report::build(&t.db, country_id, GroupBy::Partner, None).await.unwrap().rows;
        assert!(rows.iter().any(|r| r.label == "Norway (Norad)"), "{rows:?}");
        let (action, before_entry, after_entry) = last_change(&t, "organisation", norad).await;
        assert_eq!(action, "update");
        assert_eq!((&before_entry["active"], &after_entry["active"]), (&Value::Bool(true), &Value::Bool(false)));

        // Back in the forms once reactivated.
        organisations::set_active(&t.db, &Author::system("test"), norad, true).await.unwrap();
        assert!(organisations::active(&t.db, country_id).await.unwrap().iter().any(|o| o.id == norad));
        app.stop().await;
    }
}

/// `(activities reported, transactions naming it, accounts, commitments)`
/// of an organisation, counted in the tables themselves.
async fn counts(t: &TestDb, id: i32) -> (u64, u64, u64, u64) {
    let activities = activity::Entity::find()
        .filter(activity::Column::ReportingOrgId.eq(id))
        .count(&t.db)
        .await
        .unwrap();
    let transactions = transaction::Entity::find()
        .filter(
            Condition::any()
                .add(transaction::Column::ProviderOrgId.eq(id))
                .add(transaction::Column::ReceiverOrgId.eq(id)),
        )
        .count(&t.db)
        .await
        .unwrap();
    let users = user::Entity::find()
        .filter(user::Column::OrganisationId.eq(id))
        .count(&t.db)
        .await
        .unwrap();
    let commitments = commitment::Entity::find()
        .filter(commitment::Column::PartyId.eq(id))
        .count(&t.db)
        .await
        .unwrap();
    (activities, transactions, users, commitments)
}

both_backends! {
    async fn a_merge_moves_everything_to_the_organisation_kept_and_is_audited(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let system = Author::system("test");
        // Norway, entered twice: the demo's, and a later entry to keep.
        let duplicate = org(&t, country_id, "Norway (Norad)").await;
        let kept = organisations::create(&t.db, &system, country_id, partner("Norwegian Agency for Development Cooperation")).await.unwrap().id;
        let before = counts(&t, duplicate).await;
        assert!(before.0 > 0 && before.1 > 0 && before.2 > 0 && before.3 > 0, "{before:?}");
        assert_eq!(counts(&t, kept).await, (0, 0, 0, 0));
        let holdings = merge::holdings(&t.db, duplicate).await.unwrap();
        let funding = total(&t, country_id).await;
        // The version each moved row was at, as an edit form opened now has it.
        let moved = activity::Entity::find()
            .filter(activity::Column::ReportingOrgId.eq(duplicate))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let commitment_before = commitment::Entity::find()
            .filter(commitment::Column::PartyId.eq(duplicate))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();

        let app = TestApp::spawn(&t).await;
        let admin = Client::signed_in(&app, accounts::ADMIN.0, accounts::ADMIN.1).await;
        let csrf = admin.csrf().await;
        let answer = admin
            .call::<MergeOrganisations>(&[("csrf", &csrf), ("kept_id", &kept.to_string()), ("duplicate_id", &duplicate.to_string())])
            .await;
        assert!(answer.is_success(), "{answer:?}");
        let outcome: app::types::MergeOutcome = serde_json::from_str(&answer.body).unwrap();
        assert!(outcome.duplicate_deleted);
        assert_eq!(outcome.moved, holdings);

        // Everything moved; the duplicate is gone; the money still counts.
        assert_eq!(counts(&t, kept).await, before);
        assert_eq!(counts(&t, duplicate).await, (0, 0, 0, 0));
        assert!(organisations::get(&t.db, duplicate).await.is_err());
        assert_eq!(merge::holdings(&t.db, kept).await.unwrap(), holdings);
        assert_eq!(total(&t, country_id).await, funding);
        // A moved row is a changed row: a form opened before the merge is stale.
        let moved_after = activity::Entity::find_by_id(moved.id).one(&t.db).await.unwrap().unwrap();
        assert_eq!((moved_after.reporting_org_id, moved_after.version), (kept, moved.version + 1));
        let commitment_after = commitment::Entity::find_by_id(commitment_before.id).one(&t.db).await.unwrap().unwrap();
        assert_eq!(commitment_after.version, commitment_before.version + 1);
        // Norway's reporter now belongs to the organisation kept.
        let reporter = Client::signed_in(&app, accounts::NORAD.0, accounts::NORAD.1).await;
        assert_eq!(reporter.session().await.actor.unwrap().organisation_id, kept);

        // Audited on both, with before and after.
        let (action, before_entry, after_entry) = last_change(&t, "organisation", kept).await;
        assert_eq!(action, "update");
        assert_eq!(before_entry["holdings"]["activities"], 0);
        assert_eq!(after_entry["holdings"]["activities"], before.0);
        assert_eq!(after_entry["merged_from"], duplicate);
        let (action, before_entry, after_entry) = last_change(&t, "organisation", duplicate).await;
        assert_eq!(action, "delete");
        assert_eq!(before_entry["organisation"]["name"], "Norway (Norad)");
        assert_eq!(before_entry["holdings"]["commitments"], before.3);
        assert_eq!(after_entry, Value::Null);
        app.stop().await;
    }
}

both_backends! {
    async fn what_both_recorded_for_themselves_stays_and_the_duplicate_is_deactivated(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let system = Author::system("test");
        let kept = org(&t, country_id, "Norway (Norad)").await;
        let duplicate = org(&t, country_id, "United Kingdom (Foreign, Commonwealth and Development Office)").await;
        let kept_before = merge::holdings(&t.db, kept).await.unwrap();
        let duplicate_before = merge::holdings(&t.db, duplicate).await.unwrap();
        // Both signed the demo compact: the duplicate's signature stays.
        assert!(kept_before.signatures > 0 && duplicate_before.signatures > 0);
        let outcome = merge::merge(&t.db, &system, kept, duplicate).await.unwrap();
        assert!(!outcome.duplicate_deleted);
        assert!(outcome.left.signatures > 0, "{:?}", outcome.left);
        assert_eq!(outcome.left.activities + outcome.left.transactions + outcome.left.users + outcome.left.commitments, 0);
        let (_, left) = organisations::get(&t.db, duplicate).await.unwrap();
        assert!(!left.active);
        let kept_after = merge::holdings(&t.db, kept).await.unwrap();
        assert_eq!(kept_after.activities, kept_before.activities + duplicate_before.activities);
        assert_eq!(kept_after.commitments, kept_before.commitments + duplicate_before.commitments);
        assert_eq!(kept_after.signatures, kept_before.signatures);
        let (action, _, after) = last_change(&t, "organisation", duplicate).await;
        assert_eq!((action.as_str(), &after["organisation"]["active"]), ("update", &Value::Bool(false)));
    }
}

both_backends! {
    async fn merges_across_countries_into_itself_or_by_a_planner_are_refused(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let system = Author::system("test");
        let norad = org(&t, country_id, "Norway (Norad)").await;
        let holdings = merge::holdings(&t.db, norad).await.unwrap();
        let err = merge::merge(&t.db, &system, norad, norad).await.unwrap_err();
        assert!(matches!(&err, AppError::Invalid(e) if e[0].field == "duplicate_id" && e[0].message.contains("itself")), "{err:?}");
        let timor = countries::create(&t.db, &system, NewCountry {
            code: "TL".into(),
            name: "Timor-Leste".into(),
            currency: "USD".into(),
            fiscal_year_start_month: 1,
        })
        .await
        .unwrap();
        let (timor_id, _) = countries::get_with_id(&t.db, &timor.code).await.unwrap();
        let elsewhere = organisations::create(&t.db, &system, timor_id, partner("Norway (Timor)")).await.unwrap().id;
        let err = merge::merge(&t.db, &system, elsewhere, norad).await.unwrap_err();
        assert!(matches!(&err, AppError::Invalid(e) if e[0].field == "duplicate_id" && e[0].message.contains("same country")), "{err:?}");
        // Nothing moved, and the versions did not move on.
        assert_eq!(merge::holdings(&t.db, norad).await.unwrap(), holdings);
        assert_eq!(organisations::get(&t.db, norad).await.unwrap().1.version, 1);

        let app = TestApp::spawn(&t).await;
        let planner = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        let kept = org(&t, country_id, "United Kingdom (Foreign, Commonwealth and Development Office)").await.to_string();
        let csrf = planner.csrf().await;
        let answer = planner
            .call::<MergeOrganisations>(&[("csrf", &csrf), ("kept_id", &kept), ("duplicate_id", &norad.to_string())])
            .await;
        assert_eq!(answer.status, 403, "{answer:?}");
        app.stop().await;
    }
}

both_backends! {
    async fn an_organisation_edit_opened_before_another_change_is_refused(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let norad = org(&t, country_id, "Norway (Norad)").await;
        let app = TestApp::spawn(&t).await;
        let admin = Client::signed_in(&app, accounts::ADMIN.0, accounts::ADMIN.1).await;
        let save = async |name: &str, version: &str| {
            let csrf = admin.csrf().await;
            let (_, o) = organisations::get(&t.db, norad).await.unwrap();
            let id = norad.to_string();
            let fields = [
                ("csrf", csrf.as_str()), ("id", &id), ("version", version), ("organisation[name]", name),
                ("organisation[acronym]", o.acronym.as_deref().unwrap_or_default()), ("organisation[kind]", o.kind.code()),
                ("organisation[iati_id]", o.iati_id.as_deref().unwrap_or_default()),
                ("organisation[iati_type_code]", o.iati_type_code.as_deref().unwrap_or_default()),
            ];
            admin.call::<UpdateOrganisation>(&fields).await
        };
        let first = save("Norway (Norad, renamed)", "1").await;
        assert!(first.is_success(), "{first:?}");
        let late = save("Norway (overwritten)", "1").await;
        assert_eq!(late.status, 409, "{late:?}");
        assert!(late.body.contains(accounts::ADMIN.0), "{}", late.body);
        let (_, now) = organisations::get(&t.db, norad).await.unwrap();
        assert_eq!((now.name.as_str(), now.version), ("Norway (Norad, renamed)", 2));

        // Deactivation moves the version on too: a form opened before it
        // is refused.
        organisations::set_active(&t.db, &Author::system("test"), norad, false).await.unwrap();
        let err = organisations::update(&t.db, &Author::system("test"), norad, 2, partner("Norway")).await.unwrap_err();
        assert!(matches!(err, AppError::Stale(_)), "{err:?}");
        app.stop().await;
    }
}

both_backends! {
    async fn the_pages_offer_the_controls_as_plain_forms_that_work_without_javascript(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let norad = org(&t, country_id, "Norway (Norad)").await;
        let app = TestApp::spawn(&t).await;
        let admin = Client::signed_in(&app, accounts::ADMIN.0, accounts::ADMIN.1).await;
        let (status, page) = admin.get_text("/countries/XD/admin/organisations").await;
        assert_eq!(status, 200);
        for text in ["Deactivate: take out of the forms", "<label for=\"kept_id\">", "<label for=\"duplicate_id\">", "Merge the duplicate into the organisation kept"] {
            assert!(page.contains(text), "{text} is missing");
        }
        let (_, page) = admin.get_text("/countries/XD/admin/users").await;
        assert!(page.contains("Disable account: sign out now") && page.contains("Remove role in XD"));

        // A plain post (no JavaScript) deactivates and goes back to the page.
        let back = app.url("/countries/XD/admin/organisations");
        let csrf = admin.csrf().await;
        let response = admin
            .http
            .post(app.url(DeactivateOrganisation::PATH))
            .header("accept", "text/html")
            .header("referer", &back)
            .form(&[("csrf", csrf.as_str()), ("id", &norad.to_string())])
            .send()
            .await
            .unwrap();
        assert!(response.status().is_redirection(), "{response:?}");
        let location = response.headers().get("location").unwrap().to_str().unwrap();
        assert_eq!(location.trim_end_matches('?'), back);
        assert!(!organisations::get(&t.db, norad).await.unwrap().1.active);
        let (_, page) = admin.get_text("/countries/XD/admin/organisations").await;
        assert!(page.contains("Reactivate: offer in the forms again"));
        app.stop().await;
    }
}
