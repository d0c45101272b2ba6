//! An activity imported from IATI is completed in the app like any other:
//! its country-systems flags, priority and budget split move GPEDC 6 and
//! 9b, the priority's funding gap and the budget page by amounts worked
//! out by hand, and survive re-importing the same file and a newer one.
//! What the file says is read (treasury channel, budget support, the
//! country's own budget codes); a donor government is never taken for the
//! recipient's.

use std::io::Cursor;

use app::services::accounts::audit::Author;
use app::services::funding::{activities, budget, chart, report};
use app::services::{accounts::organisations, iati, indicators::computation};
use app::types::{
    Formula, GroupBy, IndicatorValue, NewActivity, NewBudgetLine, OrganisationKind, Share,
};
use rust_decimal::Decimal;
use tests::{TestDb, both_backends};

use crate::funding_data::{Funding, build, dec};

const FILE: &str = r#"<iati-activities version="2.03">
  <iati-activity default-currency="USD" last-updated-datetime="2026-01-10T09:00:00Z">
    <iati-identifier>XM-SE-001</iati-identifier>
    <reporting-org ref="XM-SE" type="10"><narrative>Sweden</narrative></reporting-org>
    <title><narrative>Land registry</narrative></title>
    <participating-org ref="XM-SE" role="1" type="10"><narrative>Sweden</narrative></participating-org>
    <participating-org role="4" type="10"><narrative>Ministry of Finance</narrative></participating-org>
    <activity-status code="2"/>
    <recipient-country code="TL"/>
    <sector vocabulary="1" code="15210"/>
    <default-aid-type code="C01" vocabulary="1"/>
    <planned-disbursement type="1">
      <period-start iso-date="2025-07-01"/><period-end iso-date="2026-06-30"/>
      <value value-date="2025-07-01">100000</value>
    </planned-disbursement>
    <transaction><transaction-type code="2"/><transaction-date iso-date="2025-08-01"/><value value-date="2025-08-01">200000</value></transaction>
    <transaction><transaction-type code="3"/><transaction-date iso-date="2025-10-01"/><value value-date="2025-10-01">80000</value></transaction>
  </iati-activity>
  <iati-activity default-currency="USD" last-updated-datetime="2026-01-10T09:00:00Z">
    <iati-identifier>XM-DK-002</iati-identifier>
    <reporting-org ref="XM-DK" type="10"><narrative>Denmark</narrative></reporting-org>
    <title><narrative>Court administration</narrative></title>
    <participating-org ref="DK-CVR-12345678" role="2" type="10"><narrative>Danish Ministry of Foreign Affairs</narrative></participating-org>
    <activity-status code="2"/>
    <recipient-country code="TL"/>
    <planned-disbursement type="1">
      <period-start iso-date="2025-07-01"/><period-end iso-date="2026-06-30"/>
      <value value-date="2025-07-01">50000</value>
    </planned-disbursement>
    <transaction><transaction-type code="3"/><transaction-date iso-date="2025-10-01"/><value value-date="2025-10-01">50000</value></transaction>
  </iati-activity>
  <iati-activity default-currency="USD" last-updated-datetime="2026-01-10T09:00:00Z">
    <iati-identifier>XM-SE-003</iati-identifier>
    <reporting-org ref="XM-SE" type="10"><narrative>Sweden</narrative></reporting-org>
    <title><narrative>Budget support</narrative></title>
    <participating-org role="4" type="10"><narrative>Ministry of Finance</narrative></participating-org>
    <activity-status code="2"/>
    <recipient-country code="TL"/>
    <default-aid-type code="A01" vocabulary="1"/>
    <country-budget-items vocabulary="2"><budget-item code="04-110" percentage="100"/></country-budget-items>
    <transaction><transaction-type code="3"/><transaction-date iso-date="2025-10-01"/><value value-date="2025-10-01">1000</value><disbursement-channel code="1"/></transaction>
  </iati-activity>
</iati-activities>"#;

async fn import(t: &TestDb, f: &Funding, xml: &str) -> app::types::ImportReport {
    iati::import(
        &t.db,
        &Author::system("test"),
        f.country_id,
        None,
        "partners.xml",
        Cursor::new(xml.as_bytes().to_vec()),
    )
    .await
    .unwrap()
}

async fn org(t: &TestDb, f: &Funding, name: &str) -> (i32, OrganisationKind) {
    organisations::list(&t.db, f.country_id)
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.name == name)
        .map(|o| (o.id, o.kind))
        .unwrap()
}

async fn value(t: &TestDb, f: &Funding, partner: i32, formula: Formula) -> IndicatorValue {
    computation::compute(&t.db, f.country_id, 2025, Some(partner))
        .await
        .unwrap()
        .values
        .into_iter()
        .find(|v| v.formula == formula)
        .unwrap()
}

async fn gap_of(t: &TestDb, f: &Funding, priority: &str) -> Decimal {
    report::build(&t.db, f.country_id, GroupBy::Priority, Some(2025))
        .await
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.key == priority)
        .and_then(|r| r.funding_gap)
        .unwrap()
}

/// `(on-budget committed, on-budget disbursed)` of each budget line.
async fn on_budget(t: &TestDb, f: &Funding) -> Vec<(String, Decimal, Decimal)> {
    budget::view(&t.db, f.country_id, 2025)
        .await
        .unwrap()
        .rows
        .into_iter()
        .map(|r| (r.line.code, r.on_budget_committed, r.on_budget_disbursed))
        .collect()
}

both_backends! {
    async fn an_imported_activity_completed_in_the_app_counts_and_keeps_its_completions(t) {
        let f = build(&t).await;
        let system = Author::system("test");
        let justice = chart::add_line(&t.db, &system, f.country_id, NewBudgetLine {
            code: "05-200".into(),
            name: "Courts".into(),
            admin_unit: "Ministry of Justice".into(),
            function_name: "Public order and safety".into(),
            security: false,
            sector_code: Some("151".into()),
            parent_code: None,
        }).await.unwrap().id;
        let report = import(&t, &f, FILE).await;
        assert_eq!(report.totals.activities_imported, 3, "{report:#?}");

        // What the file says is read, and named in the report.
        let said: Vec<(&str, &str)> = report.inferences.iter()
            .map(|p| (p.activity.as_deref().unwrap_or(""), p.message.as_str())).collect();
        assert!(said.iter().any(|(a, m)| *a == "XM-SE-003" && m.starts_with("disbursement-channel 1")), "{said:?}");
        assert!(said.iter().any(|(a, m)| *a == "XM-SE-003" && m.starts_with("aid type A01 (budget support)")), "{said:?}");
        assert!(said.iter().any(|(a, m)| *a == "XM-SE-003" && m.starts_with("country-budget-items of vocabulary 2")), "{said:?}");
        assert!(said.iter().all(|(a, _)| *a == "XM-SE-003"), "{said:?}");
        let support = activities::of_organisation(&t.db, f.country_id, org(&t, &f, "Sweden").await.0).await.unwrap()
            .into_iter().find(|a| a.title == "Budget support").unwrap();
        assert!(support.systems.on_budget && support.systems.on_treasury && !support.systems.on_audit);

        // A donor government's ministry is not the recipient's.
        assert_eq!(org(&t, &f, "Danish Ministry of Foreign Affairs").await.1, OrganisationKind::Bilateral);
        let denmark = org(&t, &f, "Denmark").await.0;
        let dk = value(&t, &f, denmark, Formula::AidOnBudget).await;
        assert_eq!((dk.numerator, dk.denominator, dk.value), (Decimal::ZERO, Decimal::ZERO, None));

        // Sweden's land registry, imported: off budget, outside country
        // systems, on no priority or budget line.
        let sweden = org(&t, &f, "Sweden").await.0;
        let registry = activities::of_organisation(&t.db, f.country_id, sweden).await.unwrap()
            .into_iter().find(|a| a.title == "Land registry").unwrap();
        let on_budget_before = value(&t, &f, sweden, Formula::AidOnBudget).await;
        let systems_before = value(&t, &f, sweden, Formula::CountrySystems).await;
        let gap_before = gap_of(&t, &f, "2.1").await;
        let lines_before = on_budget(&t, &f).await;
        // Budget support's 1,000 to the ministry is on budget already;
        // scheduled to the ministry: 100,000.
        assert_eq!((on_budget_before.numerator, on_budget_before.denominator), (dec("1000"), dec("100000")));

        // Completed in the app: on budget, treasury, audit, procurement;
        // priority 2.1 at 100%; budget lines 60/40.
        let mut completed = NewActivity {
            reporting_org_id: sweden,
            iati_identifier: registry.iati_identifier.clone(),
            title: registry.title.clone(),
            description: registry.description.clone(),
            status: registry.status,
            planned_start: registry.planned_start,
            planned_end: registry.planned_end,
            actual_start: registry.actual_start,
            actual_end: registry.actual_end,
            money_type: registry.money_type,
            aid_type: registry.aid_type.clone(),
            finance_type: registry.finance_type.clone(),
            earmarking: Some("1".into()),
            channel: registry.channel,
            default_currency: registry.default_currency.to_string(),
            systems: registry.systems,
            published: true,
            participants: registry.participants.iter().map(|(o, r)| (o.id, *r)).collect(),
            sectors: registry.sectors.clone(),
            priorities: vec![Share { code: "2.1".into(), percent: dec("100") }],
            budget_lines: vec![(f.security_line, dec("60")), (justice, dec("40"))],
        };
        completed.systems.on_budget = true;
        completed.systems.on_treasury = true;
        completed.systems.on_audit = true;
        completed.systems.on_procurement = true;
        activities::update(&t.db, &system, registry.id, registry.version, completed).await.unwrap();

        // GPEDC 6: + 80,000 of disbursements to the ministry on budget.
        let after = value(&t, &f, sweden, Formula::AidOnBudget).await;
        assert_eq!((after.numerator, after.denominator), (dec("81000"), dec("100000")));
        // GPEDC 9b, the average of the treasury, reporting, audit and
        // procurement shares of the 81,000 to the ministry: before, only
        // budget support's 1,000 on treasury; after, 81,000 on treasury and
        // 80,000 each audited and procured the country's way.
        assert_eq!((systems_before.numerator, systems_before.denominator), (dec("1000"), dec("324000")));
        let systems_after = value(&t, &f, sweden, Formula::CountrySystems).await;
        assert_eq!((systems_after.numerator, systems_after.denominator), (dec("241000"), dec("324000")));
        // Priority 2.1's gap closes by the 200,000 committed.
        assert_eq!(gap_before - gap_of(&t, &f, "2.1").await, dec("200000"));
        // The budget page: 60% of it on police operations, 40% on courts.
        let lines_after = on_budget(&t, &f).await;
        let moved = |code: &str| {
            let before = lines_before.iter().find(|l| l.0 == code).map_or((Decimal::ZERO, Decimal::ZERO), |l| (l.1, l.2));
            let after = lines_after.iter().find(|l| l.0 == code).unwrap();
            (after.1 - before.0, after.2 - before.1)
        };
        assert_eq!(moved("04-110"), (dec("120000"), dec("48000")));
        assert_eq!(moved("05-200"), (dec("80000"), dec("32000")));

        // Re-importing the same file keeps everything; a newer file keeps
        // the completions and names the conflicts.
        let again = import(&t, &f, FILE).await;
        assert_eq!(again.totals.activities_updated, 0, "{again:#?}");
        assert_eq!(value(&t, &f, sweden, Formula::AidOnBudget).await.numerator, dec("81000"));
        let newer = FILE
            .replace("2026-01-10T09:00:00Z", "2026-03-01T09:00:00Z")
            .replace("<narrative>Land registry</narrative>", "<narrative>Land registry, phase 2</narrative>")
            .replace(
                r#"<sector vocabulary="1" code="15210"/>"#,
                r#"<sector vocabulary="1" code="15210"/><country-budget-items vocabulary="2"><budget-item code="05-200" percentage="100"/></country-budget-items>"#,
            );
        let newer = import(&t, &f, &newer).await;
        let registry = activities::of_organisation(&t.db, f.country_id, sweden).await.unwrap()
            .into_iter().find(|a| a.iati_identifier.as_deref() == Some("XM-SE-001")).unwrap();
        assert_eq!(registry.title, "Land registry, phase 2");
        assert!(registry.systems.on_audit && registry.systems.on_procurement && registry.systems.on_budget);
        assert_eq!(registry.priorities, vec![Share { code: "2.1".into(), percent: dec("100") }]);
        assert_eq!(registry.budget_lines.iter().map(|(c, _, p)| (c.as_str(), *p)).collect::<Vec<_>>(), [("04-110", dec("60")), ("05-200", dec("40"))]);
        assert_eq!(registry.earmarking.as_deref(), Some("1"));
        let conflicts: Vec<(&str, &str)> = newer.conflicts.iter().map(|c| (c.activity.as_str(), c.field.as_str())).collect();
        assert!(conflicts.contains(&("XM-SE-001", "budget_lines")), "{conflicts:?}");
        assert!(conflicts.contains(&("XM-SE-001", "country_systems")), "{conflicts:?}");
        assert_eq!(value(&t, &f, sweden, Formula::AidOnBudget).await.numerator, dec("81000"));
    }
}
