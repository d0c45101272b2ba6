//! IATI import and export: the standard's samples and broken copies of
//! them, re-imports, conflicts with values edited in the app, and exports
//! checked against the 2.03 schema and imported again.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Cursor};
use std::path::{Path, PathBuf};

use app::services::accounts::audit::Author;
use app::services::{
    accounts::countries, accounts::organisations, funding::activities, funding::chart, iati,
};
use app::types::{
    ImportOutcome, ImportProblem, ImportReport, NewBudgetLine, NewCountry, NewOrganisation,
    OrganisationKind, Share, TransactionKind,
};
use entities::{activity, organisation, planned_disbursement, transaction};
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use tests::{TestDb, both_backends};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/iati")
        .join(name)
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

async fn country(t: &TestDb, code: &str, fiscal_year_start_month: u32) -> i32 {
    countries::create(
        &t.db,
        &Author::system("test"),
        NewCountry {
            code: code.into(),
            name: format!("Country {code}"),
            currency: "USD".into(),
            fiscal_year_start_month,
        },
    )
    .await
    .unwrap();
    countries::get_with_id(&t.db, code).await.unwrap().0
}

async fn import_file(t: &TestDb, country_id: i32, name: &str) -> ImportReport {
    let file = BufReader::new(File::open(data(name)).unwrap());
    iati::import(&t.db, &Author::system("test"), country_id, None, name, file)
        .await
        .unwrap()
}

async fn import_text(t: &TestDb, country_id: i32, xml: String) -> ImportReport {
    iati::import(
        &t.db,
        &Author::system("test"),
        country_id,
        None,
        "text",
        Cursor::new(xml.into_bytes()),
    )
    .await
    .unwrap()
}

fn mentions(problems: &[ImportProblem], activity: &str, needle: &str) -> bool {
    problems
        .iter()
        .any(|p| p.activity.as_deref() == Some(activity) && p.message.contains(needle))
}

fn assert_mentions(problems: &[ImportProblem], activity: &str, needle: &str) {
    assert!(
        mentions(problems, activity, needle),
        "no line about {activity} saying {needle:?} in {problems:#?}"
    );
}

/// Transaction amounts by currency in the country.
async fn by_currency(t: &TestDb, country_id: i32) -> BTreeMap<String, Decimal> {
    let mut sums = BTreeMap::new();
    for tx in transaction::Entity::find()
        .filter(transaction::Column::CountryId.eq(country_id))
        .all(&t.db)
        .await
        .unwrap()
    {
        *sums.entry(tx.currency).or_default() += Decimal::new(tx.amount_minor, 2);
    }
    sums
}

/// Transaction amounts by reporting partner, fiscal year, type and currency.
async fn by_partner_and_year(
    t: &TestDb,
    country_id: i32,
) -> BTreeMap<(String, i32, i16, String), Decimal> {
    let names: BTreeMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::CountryId.eq(country_id))
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let partners: BTreeMap<i32, i32> = activity::Entity::find()
        .filter(activity::Column::CountryId.eq(country_id))
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.id, a.reporting_org_id))
        .collect();
    let mut sums = BTreeMap::new();
    for tx in transaction::Entity::find()
        .filter(transaction::Column::CountryId.eq(country_id))
        .all(&t.db)
        .await
        .unwrap()
    {
        let partner = names[&partners[&tx.activity_id]].clone();
        *sums
            .entry((partner, tx.fiscal_year, tx.kind, tx.currency))
            .or_default() += Decimal::new(tx.amount_minor, 2);
    }
    sums
}

async fn planned_by_currency(t: &TestDb) -> BTreeMap<String, Decimal> {
    let mut sums = BTreeMap::new();
    for p in planned_disbursement::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
    {
        *sums.entry(p.currency).or_default() += Decimal::new(p.amount_minor, 2);
    }
    sums
}

async fn activity_by_identifier(t: &TestDb, identifier: &str) -> activity::Model {
    activity::Entity::find()
        .filter(activity::Column::IatiIdentifier.eq(identifier))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
}

const ANNOTATED: &str = "activity-standard-example-annotated.xml";
const ANNOTATED_ID: &str = "AA-AAA-123456789-ABC123";
const WORKED_ID: &str = "http://www.example.org/activities/12345.xml";

both_backends! {
    async fn annotated_sample_imports_afghanistan_share(t) {
        let af = country(&t, "AF", 1).await;
        let report = import_file(&t, af, ANNOTATED).await;
        assert_eq!(report.error, None);
        assert_eq!(report.totals.activities_imported, 1);
        assert_eq!(report.totals.transactions_imported, 0);
        assert!(report.totals.amounts.is_empty());
        // The one transaction is for Turkmenistan: named, with its money.
        assert_mentions(&report.warnings, ANNOTATED_ID, "transaction for another country (TM, not AF): EUR 1000 not imported");
        assert_mentions(&report.warnings, ANNOTATED_ID, "recipient-country AF has 25%: only that share");
        assert_mentions(&report.warnings, ANNOTATED_ID, "budget 1 (EUR 3000) not recorded");
        assert_mentions(&report.warnings, ANNOTATED_ID, "sector 111 of vocabulary 2");
        assert_mentions(&report.warnings, ANNOTATED_ID, "country-budget-items of vocabulary 4");
        // Two planned disbursements of EUR 3000, a quarter each for AF.
        assert_eq!(planned_by_currency(&t).await, BTreeMap::from([("EUR".into(), dec("1500.00"))]));
        let a = activity_by_identifier(&t, ANNOTATED_ID).await;
        assert_eq!((a.title.as_str(), a.status, a.money_type.as_str()), ("Activity title", 2, "humanitarian"));
        assert_eq!((a.planned_start, a.planned_end), (Some(fixtures_date("2012-04-15")), Some(fixtures_date("2015-12-31"))));
        assert_eq!(a.default_currency, "USD");
        let orgs = organisation::Entity::find().filter(organisation::Column::CountryId.eq(af)).all(&t.db).await.unwrap();
        let mut refs: Vec<_> = orgs.iter().filter_map(|o| o.iati_id.clone()).collect();
        refs.sort();
        assert_eq!(refs, ["AA-AAA-123456789", "BB-BBB-123456789", "CC-CCC-123456789"]);
    }
}

fn fixtures_date(text: &str) -> chrono::NaiveDate {
    text.parse().unwrap()
}

both_backends! {
    async fn worked_example_without_reporting_org_is_skipped_naming_its_money(t) {
        let ht = country(&t, "HT", 10).await;
        let report = import_file(&t, ht, "worked-example.xml").await;
        assert_eq!(report.error, None);
        assert_eq!((report.totals.activities_imported, report.totals.activities_skipped), (0, 1));
        assert_mentions(&report.errors, WORKED_ID, "no reporting-org");
        assert_mentions(&report.errors, WORKED_ID, "2 transactions not imported: GBP 1000000, GBP 500000");
        assert_eq!(activity::Entity::find().all(&t.db).await.unwrap().len(), 0);
    }
}

both_backends! {
    async fn partners_file_imports_its_counts_and_totals(t) {
        let xd = country(&t, "XD", 7).await;
        let report = import_file(&t, xd, "partners.xml").await;
        assert_eq!(report.error, None);
        let totals = &report.totals;
        assert_eq!((totals.activities_imported, totals.activities_updated, totals.activities_skipped), (2, 0, 1));
        assert_eq!(totals.transactions_imported, 5);
        let expected = BTreeMap::from([
            ("EUR".to_string(), dec("1400000.50")),
            ("GBP".to_string(), dec("350000.00")),
            ("USD".to_string(), dec("100.00")),
        ]);
        assert_eq!(totals.amounts.iter().cloned().collect::<BTreeMap<_, _>>(), expected);
        assert_eq!(by_currency(&t, xd).await, expected);
        assert_mentions(&report.warnings, "XM-UK-003", "not for XD: its recipient countries are XY; 1 transactions not imported: USD 75000");
        assert_mentions(&report.warnings, "XM-UK-002", "50%");
        // The planned year is split at the country's fiscal year (July).
        let planned = planned_disbursement::Entity::find().all(&t.db).await.unwrap();
        let mut parts: Vec<_> = planned.iter().map(|p| (p.fiscal_year, p.amount_minor)).collect();
        parts.sort();
        assert_eq!(parts, [(2025, 29_753_424), (2026, 30_246_576)]);
        let roads = activity_by_identifier(&t, "XM-NOR-001").await;
        assert_eq!((roads.aid_type.as_deref(), roads.finance_type.as_deref(), roads.channel.as_str()), (Some("C01"), Some("110"), "1"));
        let fiscal_years: Vec<i32> = transaction::Entity::find()
            .filter(transaction::Column::ActivityId.eq(roads.id))
            .all(&t.db).await.unwrap().iter().map(|t| t.fiscal_year).collect();
        assert_eq!(fiscal_years, [2024, 2025]);
        let ministry = organisation::Entity::find()
            .filter(organisation::Column::IatiId.eq("XD-MPW"))
            .one(&t.db).await.unwrap().unwrap();
        assert_eq!(ministry.kind, "government_ministry");
    }
}

both_backends! {
    async fn broken_copies_report_each_problem(t) {
        let af = country(&t, "AF", 1).await;
        let report = import_file(&t, af, "annotated-bad-date.xml").await;
        assert_mentions(&report.warnings, ANNOTATED_ID, "activity-date type 1: \"2012-04-31\" is not a date");
        assert_mentions(&report.warnings, ANNOTATED_ID, "transaction-date \"2012-13-01\" is not a date");
        assert_eq!(activity_by_identifier(&t, ANNOTATED_ID).await.planned_start, None);

        let af2 = country(&t, "AG", 1).await;
        let report = import_file(&t, af2, "annotated-unknown-transaction-type.xml").await;
        assert_mentions(&report.warnings, ANNOTATED_ID, "unknown transaction type code \"99\" (not in the IATI TransactionType codelist)");
        assert_mentions(&report.warnings, ANNOTATED_ID, "EUR 1000 not imported");

        let tm = country(&t, "TM", 1).await;
        // For Turkmenistan the activity is skipped: its countries are AF and AG.
        let report = import_file(&t, tm, ANNOTATED).await;
        assert_mentions(&report.warnings, ANNOTATED_ID, "not for TM");

        let missing = import_file(&t, af2, "annotated-missing-currency.xml").await;
        assert_eq!(missing.error, None);
        assert_mentions(&missing.warnings, ANNOTATED_ID, "missing currency: no default-currency");
        assert_mentions(&missing.warnings, ANNOTATED_ID, "planned-disbursement 1: missing currency");
        assert_mentions(&missing.warnings, ANNOTATED_ID, "transaction 1: missing currency");
    }
}

both_backends! {
    async fn truncated_files_write_nothing(t) {
        let af = country(&t, "AF", 1).await;
        let before = t.row_counts().await;
        for name in ["annotated-truncated.xml", "worked-example-truncated.xml"] {
            let report = import_file(&t, af, name).await;
            let error = report.error.clone().unwrap_or_default();
            assert!(error.contains("not well-formed XML, nothing imported: line "), "{name}: {error}");
            assert!(error.contains(", column "), "{name}: {error}");
            assert_eq!(report.totals.activities_imported, 0);
        }
        let report = import_file(&t, af, "annotated-truncated.xml").await;
        assert!(report.error.unwrap_or_default().contains("line 153"));
        assert_eq!(t.row_counts().await, before);
    }
}

both_backends! {
    async fn importing_twice_changes_no_count(t) {
        let xd = country(&t, "XD", 7).await;
        let af = country(&t, "AF", 1).await;
        import_file(&t, xd, "partners.xml").await;
        import_file(&t, af, ANNOTATED).await;
        let counts = t.row_counts().await;
        let again = import_file(&t, xd, "partners.xml").await;
        let annotated = import_file(&t, af, ANNOTATED).await;
        assert_eq!(t.row_counts().await, counts);
        assert_eq!((again.totals.activities_imported, again.totals.activities_updated, again.totals.activities_skipped), (0, 0, 3));
        assert_eq!(again.totals.transactions_imported, 0);
        assert!(again.activities.iter().filter(|a| a.identifier != "XM-UK-003").all(|a| a.note == "unchanged since the last import"));
        assert_eq!(annotated.totals.activities_skipped, 1);
        assert!(again.conflicts.is_empty());
    }
}

both_backends! {
    async fn newer_version_updates_and_keeps_values_edited_here(t) {
        let xd = country(&t, "XD", 7).await;
        import_file(&t, xd, "partners.xml").await;
        // Someone corrects the title in the app.
        let roads = activity_by_identifier(&t, "XM-NOR-001").await;
        let mut edit: activity::ActiveModel = roads.clone().into();
        edit.title = Set("Rural roads (North)".into());
        edit.update(&t.db).await.unwrap();

        let v1 = std::fs::read_to_string(data("partners.xml")).unwrap();
        let v2 = v1
            .replace("2026-01-10T09:00:00Z", "2026-02-10T09:00:00Z")
            .replace("<narrative>Rural roads</narrative>", "<narrative>Rural roads, phase 1</narrative>")
            .replace("Feeder roads in two provinces.", "Feeder roads in three provinces.")
            .replace(">200000</value>", ">300000</value>");
        let report = import_text(&t, xd, v2).await;
        assert_eq!((report.totals.activities_imported, report.totals.activities_updated), (0, 2));
        let outcomes: Vec<_> = report.activities.iter().map(|a| (a.identifier.as_str(), a.outcome)).collect();
        assert_eq!(outcomes, [("XM-NOR-001", ImportOutcome::Updated), ("XM-UK-002", ImportOutcome::Updated), ("XM-UK-003", ImportOutcome::Skipped)]);
        assert_eq!(report.conflicts.len(), 1, "{:?}", report.conflicts);
        let c = &report.conflicts[0];
        assert_eq!((c.activity.as_str(), c.field.as_str(), c.imported.as_str(), c.local.as_str()),
            ("XM-NOR-001", "title", "Rural roads, phase 1", "Rural roads (North)"));
        let roads = activity_by_identifier(&t, "XM-NOR-001").await;
        assert_eq!(roads.title, "Rural roads (North)");
        assert_eq!(roads.description, "Feeder roads in three provinces.");
        // The UK's disbursement went from 200,000 to 300,000 (half for XD).
        assert_eq!(by_currency(&t, xd).await.get("GBP"), Some(&dec("400000.00")));
        assert_eq!(transaction::Entity::find().all(&t.db).await.unwrap().len(), 5);

        // The older file changes nothing now.
        let counts = t.row_counts().await;
        let older = import_file(&t, xd, "partners.xml").await;
        assert_eq!(older.totals.activities_updated, 0);
        assert!(older.activities[0].note.starts_with("older"), "{:?}", older.activities[0]);
        assert_eq!(t.row_counts().await, counts);
    }
}

/// Checks `xml` against the IATI 2.03 activity schema with xmllint.
fn assert_schema_valid(xml: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.xml");
    std::fs::write(&file, xml).unwrap();
    let output = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(data("schema/iati-activities-schema.xsd"))
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("xmllint (Debian package libxml2-utils) is needed: {e}"));
    assert!(
        output.status.success(),
        "the export is not valid IATI 2.03:\n{}\n{xml}",
        String::from_utf8_lossy(&output.stderr)
    );
}

both_backends! {
    async fn export_is_valid_iati_and_imports_to_the_same_totals(t) {
        let xd = country(&t, "XD", 7).await;
        import_file(&t, xd, "partners.xml").await;
        // An activity recorded in the app, by a partner with no IATI identifier.
        let system = Author::system("test");
        let fund = organisations::create(&t.db, &system, xd, NewOrganisation {
            name: "Kalinda Peace Fund".into(),
            acronym: None,
            kind: OrganisationKind::PooledFund,
            iati_id: None,
            iati_type_code: None,
        }).await.unwrap();
        let mut new = crate::funding_data::activity(fund.id, "Community dialogue & mediation", "USD");
        new.sectors = vec![Share { code: "15220".into(), percent: dec("100") }];
        let recorded = activities::create(&t.db, &system, xd, new).await.unwrap();
        activities::add_transaction(&t.db, &system, recorded.id, crate::funding_data::flow(TransactionKind::Disbursement, "2026-03-31", "12500.25")).await.unwrap();
        let xml = iati::export(&t.db, xd).await.unwrap();
        assert_schema_valid(&xml);
        assert_eq!(xml.matches("<iati-activity ").count(), 3);
        assert_eq!(xml.matches("<transaction>").count(), 6);
        assert!(xml.contains(&format!("<reporting-org ref=\"XD-CT-{}\"", fund.id)));
        assert!(xml.contains("Community dialogue &amp; mediation"));
        let totals = by_partner_and_year(&t, xd).await;
        assert_eq!(totals.len(), 6);
        let planned = planned_by_currency(&t).await;
        tests::run(t.backend, move |fresh| async move {
            let xd = country(&fresh, "XD", 7).await;
            let report = import_text(&fresh, xd, xml).await;
            assert_eq!(report.error, None);
            assert!(report.errors.is_empty(), "{:?}", report.errors);
            assert_eq!(report.totals.activities_imported, 3);
            assert_eq!(by_partner_and_year(&fresh, xd).await, totals);
            assert_eq!(planned_by_currency(&fresh).await, planned);
        }).await;
    }
}

both_backends! {
    async fn command_line_import_reports_json_and_unreadable_files(t) {
        country(&t, "XD", 7).await;
        let files = [data("partners.xml"), data("no-such-file.xml"), data("annotated-truncated.xml")];
        let (summary, all_read) = server::iati::import_files(&t.db, "XD", &files).await.unwrap();
        assert!(!all_read);
        assert_eq!(summary.totals.activities_imported, 2);
        assert_eq!(summary.totals.transactions_imported, 5);
        let json = serde_json::to_value(&summary).unwrap();
        assert_eq!(json["totals"]["activities_skipped"], 1);
        assert_eq!(json["totals"]["amounts"][0], serde_json::json!(["EUR", "1400000.50"]));
        let warnings = json["files"][0]["warnings"].as_array().unwrap();
        assert!(warnings.iter().any(|w| w["activity"] == "XM-UK-003"), "{warnings:?}");
        assert!(warnings.iter().any(|w| w["activity"].is_null() && w["message"].as_str().unwrap().contains("added to XD's organisations")));
        assert!(json["files"][1]["error"].as_str().unwrap().starts_with("cannot be read"));
        assert!(json["files"][2]["error"].as_str().unwrap().contains("line 153"));
        let mut text = Vec::new();
        server::iati::print_summary(&mut text, &summary).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(text.contains("Activities: 2 imported, 0 updated, 1 skipped. Transactions imported: 5"), "{text}");
    }
}

both_backends! {
    async fn a_transaction_changed_here_is_kept(t) {
        let xd = country(&t, "XD", 7).await;
        import_file(&t, xd, "partners.xml").await;
        let health = activity_by_identifier(&t, "XM-UK-002").await;
        let disbursement = transaction::Entity::find()
            .filter(transaction::Column::ActivityId.eq(health.id))
            .filter(transaction::Column::Kind.eq(3))
            .one(&t.db).await.unwrap().unwrap();
        let mut edit: transaction::ActiveModel = disbursement.into();
        edit.amount_minor = Set(12_000_000);
        edit.update(&t.db).await.unwrap();

        let v2 = std::fs::read_to_string(data("partners.xml")).unwrap()
            .replace("2026-01-10T09:00:00Z", "2026-02-10T09:00:00Z")
            .replace(">200000</value>", ">300000</value>")
            .replace(">500000</value>", ">600000</value>");
        let report = import_text(&t, xd, v2).await;
        assert_eq!(report.totals.activities_updated, 1);
        assert_eq!(report.conflicts.len(), 1, "{:?}", report.conflicts);
        let c = &report.conflicts[0];
        assert_eq!((c.activity.as_str(), c.field.as_str()), ("XM-UK-002", "transaction 2"));
        assert!(c.imported.contains("|150000.00|GBP|"), "{c:?}");
        assert!(c.local.contains("changed in the app"), "{c:?}");
        // The commitment is replaced, the edited disbursement kept, nothing doubled.
        assert_eq!(by_currency(&t, xd).await.get("GBP"), Some(&dec("420000.00")));
        assert_eq!(transaction::Entity::find().all(&t.db).await.unwrap().len(), 5);
    }
}

both_backends! {
    async fn country_budget_items_map_to_budget_lines_by_code(t) {
        let xd = country(&t, "XD", 1).await;
        let system = Author::system("test");
        let mut lines = Vec::new();
        for (code, name) in [("04-110", "Police operations"), ("04-120", "Border management")] {
            let line = chart::add_line(&t.db, &system, xd, NewBudgetLine {
                code: code.into(),
                name: name.into(),
                admin_unit: "Ministry of Interior".into(),
                function_name: "Public order and safety".into(),
                security: true,
                sector_code: Some("152".into()),
                parent_code: None,
            }).await.unwrap();
            lines.push(line.id);
        }
        let activity = |id: &str, items: &str| format!(
            r#"<iati-activity default-currency="USD">
  <iati-identifier>{id}</iati-identifier>
  <reporting-org ref="XM-EU" type="40"><narrative>European Union</narrative></reporting-org>
  <title><narrative>Security sector {id}</narrative></title>
  <recipient-country code="XD"/>
  {items}
</iati-activity>"#);
        let xml = format!(
            "<iati-activities version=\"2.02\">{}{}{}</iati-activities>",
            activity("XM-EU-1", r#"<country-budget-items vocabulary="2"><budget-item code="04-110" percentage="70"/><budget-item code="04-120" percentage="30"/></country-budget-items>"#),
            activity("XM-EU-2", r#"<country-budget-items vocabulary="1"><budget-item code="1.1.1" percentage="100"/></country-budget-items>"#),
            activity("XM-EU-3", r#"<country-budget-items vocabulary="2"><budget-item code="04-110" percentage="50"/><budget-item code="09-999" percentage="50"/></country-budget-items>"#),
        );
        let report = import_text(&t, xd, xml).await;
        assert_eq!(report.totals.activities_imported, 3, "{report:?}");
        let mapped = entities::activity_budget_line::Entity::find()
            .filter(entities::activity_budget_line::Column::ActivityId.eq(activity_by_identifier(&t, "XM-EU-1").await.id))
            .all(&t.db).await.unwrap();
        let mut shares: Vec<_> = mapped.iter().map(|l| (l.budget_line_id, l.share_bp)).collect();
        shares.sort();
        assert_eq!(shares, [(lines[0], 7000), (lines[1], 3000)]);
        assert_mentions(&report.warnings, "XM-EU-2", "budget-item 1.1.1 matches no budget line of XD");
        assert_mentions(&report.warnings, "XM-EU-3", "budget-item 09-999 matches no budget line of XD");
        assert_mentions(&report.warnings, "XM-EU-3", "budget line percentages add up to 50");
        assert_eq!(entities::activity_budget_line::Entity::find().all(&t.db).await.unwrap().len(), 2);
    }
}
