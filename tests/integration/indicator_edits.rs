//! Correcting indicators: a definition's correction and the list of
//! changes its page shows beside past readings, refusal of a save opened at
//! an older version, removal of a target, and the audit's before and after
//! for target changes and measurement corrections.

use app::AppError;
use app::server_fns::{RemoveIndicatorTarget, SetIndicatorTarget, UpdateIndicator};
use app::services::accounts::audit::{self, Author};
use app::services::accounts::{countries, users};
use app::services::demo;
use app::services::indicators::definitions;
use app::services::indicators::readings::{self, Filter};
use app::types::{Direction, Formula, Indicator, IndicatorEdit, NewMeasurement, Unit};
use entities::indicator_measurement;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;
use tests::{Client, TestApp, TestDb, both_backends, demo as accounts};

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// The demo country's id and one of its indicators, as it now stands.
async fn demo_indicator(t: &TestDb, code: &str) -> (i32, Indicator) {
    let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
    (country_id, indicator(t, country_id, code).await)
}

async fn indicator(t: &TestDb, country_id: i32, code: &str) -> Indicator {
    definitions::list(&t.db, country_id, 7)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.code == code)
        .unwrap()
}

fn edit_of(i: &Indicator) -> IndicatorEdit {
    IndicatorEdit {
        name: i.name.clone(),
        definition: i.definition.clone(),
        unit: Some(i.unit),
        direction: Some(i.direction),
        pillar: i.pillar,
        owner_id: i.owner.as_ref().map(|o| o.id),
        baseline: i.baseline.clone(),
    }
}

/// The latest audit entry of an object, with its before and after.
async fn last(t: &TestDb, object_type: &str, id: i32) -> (String, Value, Value) {
    let entry = audit::history(&t.db, object_type, id)
        .await
        .unwrap()
        .remove(0);
    let json =
        |text: Option<String>| text.map_or(Value::Null, |t| serde_json::from_str(&t).unwrap());
    (entry.action, json(entry.before), json(entry.after))
}

both_backends! {
    async fn a_definition_is_corrected_and_its_page_lists_the_change(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, revenue) = demo_indicator(&t, "revenue-gdp").await;
        assert_eq!((revenue.version, revenue.unit), (1, Unit::Share));
        let planner = Author::system("first planner");
        let change = IndicatorEdit {
            name: "  Revenue over GDP ".into(),
            unit: Some(Unit::Number),
            pillar: Some(2),
            baseline: None,
            ..edit_of(&revenue)
        };
        definitions::update(&t.db, &planner, (country_id, revenue.id), 1, change.clone()).await.unwrap();
        let corrected = indicator(&t, country_id, "revenue-gdp").await;
        assert_eq!(
            (corrected.name.as_str(), corrected.unit, corrected.pillar, corrected.version),
            ("Revenue over GDP", Unit::Number, Some(2), 2)
        );
        assert_eq!(corrected.measurements, revenue.measurements, "past readings keep their values");
        assert_eq!(corrected.targets, revenue.targets);

        // Past years read under the definition as it stands, and the page
        // lists what changed, when and by whom.
        let past = readings::of_year(&t.db, country_id, 2024, Filter::default()).await.unwrap();
        let reading = past.get("revenue-gdp").unwrap();
        assert_eq!((reading.unit, reading.value), (Unit::Number, Some(dec("0.078"))));
        let changes = definitions::changes(&t.db, revenue.id, true).await.unwrap();
        assert_eq!(changes.len(), 1);
        let fields: Vec<&str> = changes[0].changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["name", "unit", "pillar", "baseline"]);
        let sentence = changes[0].sentence();
        assert!(sentence.starts_with("Definition changed on "), "{sentence}");
        assert!(sentence.contains("by first planner: name from “Domestic revenue as a share of GDP” to “Revenue over GDP”"), "{sentence}");
        assert!(sentence.contains("unit from “Share (shown as a percentage)” to “Number”"), "{sentence}");
        assert!(sentence.contains("pillar from “pillar 5” to “pillar 2”"), "{sentence}");
        assert!(sentence.contains("baseline from “0.071 (2023-06-30)” to “none”"), "{sentence}");
        let public = definitions::changes(&t.db, revenue.id, false).await.unwrap();
        assert_eq!(public[0].by, None, "who changed it is for members who read the history");

        // The audit keeps the definition before and after, with versions.
        let (action, before, after) = last(&t, "indicator", revenue.id).await;
        assert_eq!(action, "update");
        assert_eq!((before["version"].as_i64(), before["unit"].as_str()), (Some(1), Some("share")));
        assert_eq!((after["version"].as_i64(), after["name"].as_str()), (Some(2), Some("Revenue over GDP")));

        // A save from a form opened at version 1 is refused, naming who
        // saved version 2; nothing changes.
        let other = Author::system("second planner");
        let late = IndicatorEdit { name: "Overwritten".into(), ..change.clone() };
        let err = definitions::update(&t.db, &other, (country_id, revenue.id), 1, late).await.unwrap_err();
        let AppError::Stale(message) = &err else { panic!("{err:?}") };
        assert!(message.contains("first planner"), "{message}");
        assert_eq!(indicator(&t, country_id, "revenue-gdp").await.name, "Revenue over GDP");

        // A unit the recorded values do not fit is refused, naming one.
        definitions::set_target(&t.db, &planner, country_id, "revenue-gdp", (2027, None), dec("12")).await.unwrap();
        let back = IndicatorEdit { unit: Some(Unit::Share), ..change.clone() };
        let err = definitions::update(&t.db, &planner, (country_id, revenue.id), 2, back).await.unwrap_err();
        assert_eq!(err.field_message("unit").map(|m| m.contains("target of fiscal year 2027")), Some(true), "{err:?}");

        // A computed indicator keeps its formula's unit.
        let computed = indicator(&t, country_id, Formula::AidOnBudget.code()).await;
        let err = definitions::update(
            &t.db,
            &planner,
            (country_id, computed.id),
            1,
            IndicatorEdit { unit: Some(Unit::Number), ..edit_of(&computed) },
        )
        .await
        .unwrap_err();
        assert!(err.field_message("unit").is_some(), "{err:?}");
        let renamed = IndicatorEdit { name: "Aid on the budget".into(), unit: None, direction: None, ..edit_of(&computed) };
        definitions::update(&t.db, &planner, (country_id, computed.id), 1, renamed).await.unwrap();
        let computed = indicator(&t, country_id, Formula::AidOnBudget.code()).await;
        assert_eq!((computed.name.as_str(), computed.unit, computed.direction), ("Aid on the budget", Unit::Share, Direction::HigherIsBetter));
    }
}

both_backends! {
    async fn a_target_is_changed_and_removed_and_the_audit_keeps_each_before(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, revenue) = demo_indicator(&t, "revenue-gdp").await;
        let first = Author::system("first planner");
        let second = Author::system("second planner");
        definitions::set_target(&t.db, &first, country_id, "revenue-gdp", (2027, None), dec("0.095")).await.unwrap();
        let target = |i: &Indicator| i.targets.iter().find(|t| t.fiscal_year == 2027).cloned();
        let set = target(&indicator(&t, country_id, "revenue-gdp").await).unwrap();
        assert_eq!((set.value, set.version), (dec("0.095"), 1));
        let (action, before, after) = last(&t, "indicator_target", set.id).await;
        assert_eq!((action.as_str(), before, after["value"].as_str()), ("create", Value::Null, Some("0.095")));

        // A form for a year without a target does not overwrite one.
        let err = definitions::set_target(&t.db, &second, country_id, "revenue-gdp", (2027, None), dec("0.2")).await.unwrap_err();
        assert_eq!(err.field_message("target_fiscal_year").map(|m| m.contains("already has a target (0.095)")), Some(true), "{err:?}");

        // Changing the target at its version; the audit keeps the old value.
        definitions::set_target(&t.db, &second, country_id, "revenue-gdp", (2027, Some(1)), dec("0.1")).await.unwrap();
        let err = definitions::set_target(&t.db, &first, country_id, "revenue-gdp", (2027, Some(1)), dec("0.3")).await.unwrap_err();
        let AppError::Stale(message) = &err else { panic!("{err:?}") };
        assert!(message.contains("second planner"), "{message}");
        let changed = target(&indicator(&t, country_id, "revenue-gdp").await).unwrap();
        assert_eq!((changed.id, changed.value, changed.version), (set.id, dec("0.1"), 2));
        let (action, before, after) = last(&t, "indicator_target", set.id).await;
        assert_eq!(action, "update");
        assert_eq!((before["value"].as_str(), before["version"].as_i64()), (Some("0.095"), Some(1)));
        assert_eq!((after["value"].as_str(), after["version"].as_i64()), (Some("0.1"), Some(2)));

        // A removal from the page as it was at version 1 is refused.
        let err = definitions::remove_target(&t.db, &first, country_id, "revenue-gdp", 2027, 1).await.unwrap_err();
        let AppError::Stale(message) = &err else { panic!("{err:?}") };
        assert!(message.contains("second planner"), "{message}");
        definitions::remove_target(&t.db, &first, country_id, "revenue-gdp", 2027, 2).await.unwrap();
        let now = indicator(&t, country_id, "revenue-gdp").await;
        assert!(target(&now).is_none());
        assert_eq!(now.targets.len(), revenue.targets.len(), "the other years stay");
        let (action, before, after) = last(&t, "indicator_target", set.id).await;
        assert_eq!((action.as_str(), before["value"].as_str(), after), ("delete", Some("0.1"), Value::Null));
        let err = definitions::remove_target(&t.db, &first, country_id, "revenue-gdp", 2027, 3).await.unwrap_err();
        assert!(matches!(err, AppError::NotFound(_)), "{err:?}");
    }
}

both_backends! {
    async fn a_measurement_correction_keeps_the_value_before(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, revenue) = demo_indicator(&t, "revenue-gdp").await;
        let user = users::find_by_email(&t.db, accounts::PLANNER.0).await.unwrap().unwrap();
        let planner = Author { user_id: Some(user.id), label: accounts::PLANNER.0.into() };
        let measured = |value: &str, note: &str| NewMeasurement {
            fiscal_year: 2025,
            value: dec(value),
            source: "Fiscal outturn".into(),
            note: note.into(),
        };
        let stored = || {
            indicator_measurement::Entity::find()
                .filter(indicator_measurement::Column::IndicatorId.eq(revenue.id))
                .filter(indicator_measurement::Column::FiscalYear.eq(2025))
                .one(&t.db)
        };
        let opened = stored().await.unwrap().unwrap();
        definitions::record_measurement(&t.db, &planner, (country_id, "revenue-gdp"), measured("0.084", "Revised outturn"), Some(opened.version))
            .await
            .unwrap();
        let row = stored().await.unwrap().unwrap();
        assert_eq!(row.version, opened.version + 1);
        // A second correction opened before the first is refused, naming
        // who made the first; a new entry for a year that has one is
        // refused too, pointing at the correction.
        let stale = definitions::record_measurement(&t.db, &planner, (country_id, "revenue-gdp"), measured("0.07", ""), Some(opened.version)).await;
        assert!(matches!(&stale, Err(AppError::Stale(m)) if m.contains(accounts::PLANNER.0)), "{stale:?}");
        let again = definitions::record_measurement(&t.db, &planner, (country_id, "revenue-gdp"), measured("0.07", ""), None).await;
        assert!(matches!(&again, Err(AppError::Invalid(e)) if e[0].field == "measurement_fiscal_year"), "{again:?}");
        assert_eq!(stored().await.unwrap().unwrap().value, "0.084", "neither refused save wrote");
        let (action, before, after) = last(&t, "indicator_measurement", row.id).await;
        assert_eq!(action, "update");
        assert_eq!((before["value"].as_str(), before["note"].as_str()), (Some("0.083"), Some("")));
        assert_eq!((after["value"].as_str(), after["note"].as_str()), (Some("0.084"), Some("Revised outturn")));

        // A first measurement of a year is a creation, with no before.
        definitions::record_measurement(&t.db, &planner, (country_id, "revenue-gdp"), NewMeasurement { fiscal_year: 2026, ..measured("0.09", "") }, None)
            .await
            .unwrap();
        let id = indicator_measurement::Entity::find()
            .filter(indicator_measurement::Column::IndicatorId.eq(revenue.id))
            .filter(indicator_measurement::Column::FiscalYear.eq(2026))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let (action, before, _) = last(&t, "indicator_measurement", id).await;
        assert_eq!((action.as_str(), before), ("create", Value::Null));
    }
}

both_backends! {
    async fn a_planner_corrects_a_definition_and_removes_a_target_through_http(t) {
        demo::seed(&t.db).await.unwrap();
        let (_, revenue) = demo_indicator(&t, "revenue-gdp").await;
        let app = TestApp::spawn(&t).await;
        let planner = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        let csrf = planner.csrf().await;
        let id = revenue.id.to_string();
        let owner = revenue.owner.as_ref().unwrap().id.to_string();
        let form = |csrf: &str, name: &str, unit: &str| {
            vec![
                ("csrf", csrf.to_string()),
                ("country", "XD".to_string()),
                ("indicator_id", id.clone()),
                ("version", "1".to_string()),
                ("indicator[name]", name.to_string()),
                ("indicator[definition]", revenue.definition.clone()),
                ("indicator[unit]", unit.to_string()),
                ("indicator[direction]", "higher".to_string()),
                ("indicator[pillar]", "5".to_string()),
                ("indicator[owner]", owner.clone()),
                ("indicator[baseline_value]", "0.07".to_string()),
                ("indicator[baseline_date]", "2023-06-30".to_string()),
            ]
        };
        let fields = form(&csrf, "Revenue collected over GDP", "share");
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let answer = planner.call::<UpdateIndicator>(&pairs).await;
        assert!(answer.is_success(), "{answer:?}");
        let page_path = "/countries/XD/dashboard/revenue-gdp";
        let (status, page) = planner.get_text(page_path).await;
        assert_eq!(status, 200);
        assert!(page.contains("Revenue collected over GDP"));
        assert!(page.contains("Definition changed on"), "the page lists the correction");
        assert!(page.contains("baseline from “0.071 (2023-06-30)” to “0.07 (2023-06-30)”"));
        assert!(page.contains("Correct the definition"), "a planner may correct it");

        // The public reads the change, without who made it or the forms.
        let (status, public) = app.get_text(page_path).await;
        assert_eq!(status, 200);
        assert!(public.contains("Definition changed on"));
        assert!(!public.contains(&format!("by {}", accounts::PLANNER.0)));
        assert!(!public.contains("Correct the definition"));

        // Another planner's save from the page as it was is refused, naming
        // who saved first, and the typed input comes back (a plain post).
        accounts::second_planner(&t).await;
        let second = accounts::SECOND_PLANNER;
        let other = Client::signed_in(&app, second.0, second.1).await;
        let other_csrf = other.csrf().await;
        let late = form(&other_csrf, "Typed by the second planner", "share");
        let pairs: Vec<(&str, &str)> = late.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused = other.call::<UpdateIndicator>(&pairs).await;
        assert_eq!(refused.status, 409, "{refused:?}");
        assert!(refused.body.contains(accounts::PLANNER.0), "{}", refused.body);
        let refused = other.post_form::<UpdateIndicator>(page_path, &pairs).await;
        assert_eq!(refused.status, 302, "{refused:?}");
        let (status, page) = other.get_text(&other.location(&refused)).await;
        assert_eq!(status, 200);
        assert!(page.contains(accounts::PLANNER.0), "the refusal names who saved first");
        assert!(page.contains("value=\"Typed by the second planner\""), "the input is kept");

        // A target is changed from its row's form at the version it showed;
        // the same form sent again is stale and names who changed it.
        let target = revenue.targets.iter().find(|t| t.fiscal_year == 2026).unwrap();
        let opened = target.version.to_string();
        let change = [
            ("csrf", csrf.as_str()),
            ("country", "XD"),
            ("indicator", "revenue-gdp"),
            ("target_fiscal_year", "2026"),
            ("target_value", "0.125"),
            ("target_version", opened.as_str()),
        ];
        let answer = planner.call::<SetIndicatorTarget>(&change).await;
        assert!(answer.is_success(), "{answer:?}");
        let refused = other.call::<SetIndicatorTarget>(&[("csrf", other_csrf.as_str()), ("country", "XD"), ("indicator", "revenue-gdp"), ("target_fiscal_year", "2026"), ("target_value", "0.2"), ("target_version", opened.as_str())]).await;
        assert_eq!(refused.status, 409, "{refused:?}");
        assert!(refused.body.contains(accounts::PLANNER.0), "{}", refused.body);
        let (_, now) = demo_indicator(&t, "revenue-gdp").await;
        let changed = now.targets.iter().find(|t| t.fiscal_year == 2026).unwrap();
        assert_eq!((changed.value, changed.version), (dec("0.125"), target.version + 1));

        // It is removed at the version the page now shows.
        let version = changed.version.to_string();
        let answer = planner
            .call::<RemoveIndicatorTarget>(&[
                ("csrf", &csrf),
                ("country", "XD"),
                ("indicator", "revenue-gdp"),
                ("fiscal_year", "2026"),
                ("version", &version),
            ])
            .await;
        assert!(answer.is_success(), "{answer:?}");
        let (_, now) = demo_indicator(&t, "revenue-gdp").await;
        assert!(now.targets.iter().all(|t| t.fiscal_year != 2026));
        assert_eq!(now.name, "Revenue collected over GDP");
        app.stop().await;
    }
}
