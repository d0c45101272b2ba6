//! Correcting the chart of accounts: a line's fields, its removal (refused
//! while flows map to it or lines sit under it), a save opened at an older
//! version, and a whole chart loaded from a file, all or nothing.

use app::AppError;
use app::server_fns::{ImportChartOfAccounts, UpdateBudgetLine};
use app::services::accounts::audit::{self, Author};
use app::services::funding::{budget, chart, chart_import};
use app::services::{accounts::countries, demo};
use app::types::{BudgetLine, NewBudgetLine};
use tests::{Client, TestApp, TestDb, both_backends, demo as accounts};

fn invalid(err: AppError) -> Vec<(String, String)> {
    match err {
        AppError::Invalid(errors) => errors.into_iter().map(|e| (e.field, e.message)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

async fn line(t: &TestDb, country_id: i32, code: &str) -> BudgetLine {
    budget::lines(&t.db, country_id)
        .await
        .unwrap()
        .into_iter()
        .find(|l| l.code == code)
        .unwrap_or_else(|| panic!("no line {code}"))
}

fn as_new(line: &BudgetLine) -> NewBudgetLine {
    NewBudgetLine {
        code: line.code.clone(),
        name: line.name.clone(),
        admin_unit: line.admin_unit.clone(),
        function_name: line.function_name.clone(),
        security: line.security,
        sector_code: line.sector_code.clone(),
        parent_code: line.parent_code.clone(),
    }
}

async fn demo_country(t: &TestDb) -> i32 {
    demo::seed(&t.db).await.unwrap();
    countries::get_with_id(&t.db, "XD").await.unwrap().0
}

both_backends! {
    async fn a_line_is_corrected_and_a_stale_save_names_who_saved_first(t) {
        let country_id = demo_country(&t).await;
        let (planner, other) = (Author::system("planner"), Author::system("another planner"));
        let academy = line(&t, country_id, "01-110").await;
        let mut change = as_new(&academy);
        change.name = "National Police Academy".into();
        change.parent_code = None;
        change.sector_code = Some("151".into());
        let changed = chart::update_line(&t.db, &other, academy.id, academy.version, change.clone())
            .await
            .unwrap();
        assert_eq!((changed.name.as_str(), changed.parent_code.as_deref()), ("National Police Academy", None));
        assert_eq!((changed.sector_code.as_deref(), changed.version), (Some("151"), academy.version + 1));

        // The audit keeps the line before and after.
        let trail = audit::history(&t.db, "budget_line", academy.id).await.unwrap();
        let before: BudgetLine = serde_json::from_str(trail[0].before.as_deref().unwrap()).unwrap();
        let after: BudgetLine = serde_json::from_str(trail[0].after.as_deref().unwrap()).unwrap();
        assert_eq!((before.name, before.parent_code.as_deref()), ("Police training academy".to_string(), Some("01-100")));
        assert_eq!(after, changed);

        // A save from the form opened before is refused, naming who saved.
        let mut late = change.clone();
        late.name = "Overwritten".into();
        let err = chart::update_line(&t.db, &planner, academy.id, academy.version, late).await.unwrap_err();
        let AppError::Stale(message) = &err else { panic!("{err:?}") };
        assert!(message.contains("another planner"), "{message}");
        assert_eq!(line(&t, country_id, "01-110").await.name, "National Police Academy");

        // A code already taken, a parent that is the line itself or under
        // it, and a bad sector are refused by field.
        let police = line(&t, country_id, "01-100").await;
        let mut taken = change.clone();
        taken.code = "01-200".into();
        let err = chart::update_line(&t.db, &planner, academy.id, changed.version, taken).await.unwrap_err();
        assert_eq!(invalid(err)[0].0, "line_code");
        let mut cycle = as_new(&police);
        cycle.parent_code = Some("01-100".into());
        let err = chart::update_line(&t.db, &planner, police.id, police.version, cycle).await.unwrap_err();
        assert_eq!(invalid(err)[0], ("parent_code".into(), "must not be the line itself or a line under it".into()));
        let mut bad = change.clone();
        bad.sector_code = Some("15".into());
        let err = chart::update_line(&t.db, &planner, academy.id, changed.version, bad).await.unwrap_err();
        assert_eq!(invalid(err)[0].0, "sector_code");
    }
}

both_backends! {
    async fn a_line_in_use_or_with_lines_under_it_stays_and_a_free_one_goes(t) {
        let country_id = demo_country(&t).await;
        let system = Author::system("test");

        // Flows map to 01-300: refused, naming the activity.
        let mine_action = line(&t, country_id, "01-300").await;
        let err = chart::remove_line(&t.db, &system, mine_action.id, mine_action.version).await.unwrap_err();
        let (field, message) = invalid(err).remove(0);
        assert_eq!(field, "line_id");
        assert!(message.contains("are mapped to line 01-300") && message.contains('“'), "{message}");

        // A line with a line under it stays; a line at an older version
        // stays; then the line under it goes, and then the line itself.
        let line = |code: &str, parent: Option<&str>| NewBudgetLine {
            code: code.into(),
            name: format!("Electoral commission {code}"),
            admin_unit: "Electoral Commission".into(),
            function_name: "Executive organs".into(),
            security: false,
            sector_code: Some("151".into()),
            parent_code: parent.map(String::from),
        };
        let parent = chart::add_line(&t.db, &system, country_id, line("09-100", None)).await.unwrap();
        let child = chart::add_line(&t.db, &system, country_id, line("09-110", Some("09-100"))).await.unwrap();
        let err = chart::remove_line(&t.db, &system, parent.id, parent.version).await.unwrap_err();
        let (_, message) = invalid(err).remove(0);
        assert!(message.contains("lines 09-110 sit under line 09-100"), "{message}");
        let err = chart::remove_line(&t.db, &system, child.id, child.version + 1).await.unwrap_err();
        assert!(matches!(err, AppError::Stale(_)), "{err:?}");
        chart::remove_line(&t.db, &system, child.id, child.version).await.unwrap();
        chart::remove_line(&t.db, &system, parent.id, parent.version).await.unwrap();
        assert!(budget::lines(&t.db, country_id).await.unwrap().iter().all(|l| !l.code.starts_with("09-")));
        let trail = audit::history(&t.db, "budget_line", child.id).await.unwrap();
        assert_eq!((trail[0].action.as_str(), trail[0].after.as_deref()), ("delete", None));
        assert!(trail[0].before.as_deref().unwrap().contains("Electoral commission 09-110"));
    }
}

both_backends! {
    async fn a_chart_loads_whole_or_not_at_all(t) {
        let country_id = demo_country(&t).await;
        let system = Author::system("test");
        let count = budget::lines(&t.db, country_id).await.unwrap().len();

        // Two problems, each with its line and column: nothing is added.
        let bad = "code,name,parent_code,holder,function,security,sector\n\
                   10,Ministry of Health,,Ministry of Health,Health,no,\n\
                   10.01,Hospitals,99,Ministry of Health,Hospital services,no,121\n\
                   10.02,Clinics,10,Ministry of Health,Outpatient services,no,12\n";
        let errors = invalid(chart_import::import(&t.db, &system, country_id, bad).await.unwrap_err());
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["line 3: parent_code", "line 4: sector_code"], "{errors:?}");
        assert!(errors[0].1.contains("99 is not a line"), "{errors:?}");
        let unreadable = bad.replace("Outpatient services,no,12", "Outpatient services,perhaps,121");
        let errors = invalid(chart_import::import(&t.db, &system, country_id, &unreadable).await.unwrap_err());
        assert_eq!(errors[0].0, "line 4: security", "{errors:?}");
        assert_eq!(budget::lines(&t.db, country_id).await.unwrap().len(), count);

        // A parent's row first, then the rows under it: all three load.
        let good = "code,name,parent_code,holder,function,security,sector\n\
                    10,Ministry of Health,,Ministry of Health,Health,no,\n\
                    10.01,Hospitals,10,Ministry of Health,Hospital services,no,121\n\
                    10.02,Military hospitals,10,Ministry of Defence,Hospital services,yes,121\n";
        assert_eq!(chart_import::import(&t.db, &system, country_id, good).await.unwrap(), 3);
        let military = line(&t, country_id, "10.02").await;
        assert_eq!((military.parent_code.as_deref(), military.security), (Some("10"), true));
        // Loading it again is refused: the codes are taken.
        let errors = invalid(chart_import::import(&t.db, &system, country_id, good).await.unwrap_err());
        assert_eq!(errors[0].0, "line 2: line_code");
    }
}

both_backends! {
    async fn the_planner_loads_and_corrects_the_chart_over_http_and_a_partner_cannot(t) {
        let country_id = demo_country(&t).await;
        let app = TestApp::spawn(&t).await;
        let file = chart_import::template();
        let norad = Client::signed_in(&app, accounts::NORAD.0, accounts::NORAD.1).await;
        let csrf = norad.csrf().await;
        let refused = norad
            .call::<ImportChartOfAccounts>(&[("csrf", &csrf), ("country", "XD"), ("file", &file)])
            .await;
        assert_eq!(refused.status, 403);
        assert!(budget::lines(&t.db, country_id).await.unwrap().iter().all(|l| l.code != "05.01"));

        let planner = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        let csrf = planner.csrf().await;
        let loaded = planner
            .call::<ImportChartOfAccounts>(&[("csrf", &csrf), ("country", "XD"), ("file", &file)])
            .await;
        assert!(loaded.is_success(), "{}", loaded.body);
        let police = line(&t, country_id, "05.01").await;
        assert_eq!(police.parent_code.as_deref(), Some("05"));

        let id = police.id.to_string();
        let version = police.version.to_string();
        let fields = |name: &'static str| {
            vec![
                ("csrf", csrf.clone()),
                ("country", "XD".to_string()),
                ("line_id", id.clone()),
                ("version", version.clone()),
                ("line[line_code]", "05.01".to_string()),
                ("line[line_name]", name.to_string()),
                ("line[parent_code]", "05".to_string()),
                ("line[sector_code]", "152".to_string()),
            ]
        };
        let call = |fields: Vec<(&'static str, String)>| {
            let planner = &planner;
            async move {
                let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                planner.call::<UpdateBudgetLine>(&borrowed).await
            }
        };
        let saved = call(fields("National Police Service")).await;
        assert!(saved.is_success(), "{}", saved.body);
        assert_eq!(line(&t, country_id, "05.01").await.name, "National Police Service");
        // The same form again, opened at the old version: refused, 409.
        let stale = call(fields("Police")).await;
        assert_eq!(stale.status, 409, "{}", stale.body);
        assert!(stale.body.contains(accounts::PLANNER.0), "{}", stale.body);
    }
}
