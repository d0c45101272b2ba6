use app::services::accounts::audit::{self, Author, Cursor};
use app::services::{accounts::countries, accounts::organisations, demo};
use app::types::{AuditFilter, NewOrganisation, OrganisationKind};
use sea_orm::ConnectionTrait;
use tests::both_backends;

fn partner(name: &str) -> NewOrganisation {
    NewOrganisation {
        name: name.into(),
        acronym: None,
        kind: OrganisationKind::Bilateral,
        iati_id: None,
        iati_type_code: Some("10".into()),
    }
}

both_backends! {
    async fn a_change_is_recorded_with_before_and_after(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let author = Author::system("test");
        let created = organisations::create(&t.db, &author, country_id, partner("Sweden (Sida)"))
            .await
            .unwrap();
        let mut changes = partner("Sweden (Sida)");
        changes.acronym = Some("Sida".into());
        organisations::update(&t.db, &author, created.id, created.version, changes).await.unwrap();
        let history = audit::history(&t.db, "organisation", created.id).await.unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].action, "update");
        assert_eq!(history[0].actor, "test");
        assert!(history[0].before.as_deref().unwrap().contains("\"acronym\":null"));
        assert!(history[0].after.as_deref().unwrap().contains("\"acronym\":\"Sida\""));
        assert_eq!(history[1].action, "create");
        assert!(history[1].before.is_none());
    }
}

both_backends! {
    async fn a_change_whose_audit_fails_is_rolled_back(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let before = organisations::list(&t.db, country_id).await.unwrap();
        t.db.execute_unprepared("DROP TABLE audit_log").await.unwrap();

        let created = organisations::create(
            &t.db,
            &Author::system("test"),
            country_id,
            partner("Sweden (Sida)"),
        )
        .await;
        assert_eq!(created, Err(app::AppError::Internal));
        let norad = before.iter().find(|o| o.name == "Norway (Norad)").unwrap();
        let mut renamed = partner("Norway (renamed)");
        renamed.kind = norad.kind;
        let updated = organisations::update(&t.db, &Author::system("test"), norad.id, norad.version, renamed).await;
        assert_eq!(updated, Err(app::AppError::Internal));

        assert_eq!(organisations::list(&t.db, country_id).await.unwrap(), before);
    }
}

both_backends! {
    async fn the_trail_filters_by_user_object_and_date(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let created = organisations::create(
            &t.db,
            &Author::system("someone@kalinda.example"),
            country_id,
            partner("Sweden (Sida)"),
        )
        .await
        .unwrap();
        let filter = |user: Option<&str>, kind: Option<&str>, id: Option<i32>| AuditFilter {
            user: user.map(Into::into),
            object_type: kind.map(Into::into),
            object_id: id,
            from: None,
            to: None,
        };
        let by_user = audit::search(&t.db, country_id, &filter(Some("someone@kalinda.example"), None, None), Cursor::Newest)
            .await
            .unwrap()
            .entries;
        assert_eq!(by_user.len(), 1);
        assert_eq!(by_user[0].object_id, created.id);
        let users = audit::search(&t.db, country_id, &filter(None, Some("user"), None), Cursor::Newest).await.unwrap().entries;
        assert_eq!(users.len(), 9, "the nine demo accounts");
        let one = audit::search(&t.db, country_id, &filter(None, Some("organisation"), Some(created.id)), Cursor::Newest)
            .await
            .unwrap()
            .entries;
        assert_eq!(one.len(), 1);
        let today = chrono::Utc::now().date_naive();
        let tomorrow = AuditFilter { from: today.succ_opt(), ..AuditFilter::default() };
        assert!(audit::search(&t.db, country_id, &tomorrow, Cursor::Newest).await.unwrap().entries.is_empty());
        let until_today = AuditFilter { to: Some(today), ..AuditFilter::default() };
        assert!(!audit::search(&t.db, country_id, &until_today, Cursor::Newest).await.unwrap().entries.is_empty());
    }
}

both_backends! {
    async fn history_is_for_members_only(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let norad = organisations::list(&t.db, country_id).await.unwrap()
            .into_iter().find(|o| o.name == "Norway (Norad)").unwrap();
        let app = tests::TestApp::spawn(&t).await;
        let fields = [("object_type", "organisation".to_string()), ("object_id", norad.id.to_string())];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let anonymous = tests::Client::new(&app).call::<app::server_fns::ObjectHistory>(&fields).await;
        assert_eq!(anonymous.status, 401);
        let (email, password) = tests::demo::REVIEWER;
        let reviewer = tests::Client::signed_in(&app, email, password).await;
        let answer = reviewer.call::<app::server_fns::ObjectHistory>(&fields).await;
        assert_eq!(answer.status, 200, "{answer:?}");
        let entries: Vec<app::types::AuditEntry> = serde_json::from_str(&answer.body).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].action, "create");
        app.stop().await;
    }
}
