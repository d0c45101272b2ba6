use app::AppError;
use app::services::accounts::audit::Author;
use app::services::{
    funding::activities, funding::budget, funding::rates, funding::report, funding::reporting,
    funding::transaction_import,
};
use app::types::{
    BudgetAmounts, ExchangeRate, FundingReport, GroupBy, NewReportingRound, ResponseStatus, Share,
    Totals, TransactionKind,
};
use tests::both_backends;

use crate::fixtures::d;
use crate::funding_data::{activity, build, dec, flow};

fn totals(pledged: &str, committed: &str, disbursed: &str) -> Totals {
    Totals {
        pledged: dec(pledged),
        committed: dec(committed),
        disbursed: dec(disbursed),
        spent: dec("0"),
    }
}

/// `(key, totals, unconverted)` of each row.
fn rows(report: &FundingReport) -> Vec<(String, Totals, u32)> {
    report
        .rows
        .iter()
        .map(|r| (r.key.clone(), r.totals, r.unconverted))
        .collect()
}

fn fields(err: AppError) -> Vec<String> {
    match err {
        AppError::Invalid(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

both_backends! {
    async fn totals_count_each_dollar_once(t) {
        let f = build(&t).await;
        let by_partner = report::build(&t.db, f.country_id, GroupBy::Partner, None).await.unwrap();
        assert_eq!(rows(&by_partner), [
            (f.norway.to_string(), totals("300000", "1210000", "1150000"), 0),
            (f.undp.to_string(), totals("0", "800000", "500000"), 0),
            (f.uk.to_string(), totals("0", "600000", "600000"), 1),
        ]);
        assert_eq!(
            by_partner.rows.iter().map(|r| r.label.as_str()).collect::<Vec<_>>(),
            ["Norway", "UNDP", "United Kingdom"]
        );
        let grand = totals("300000", "2610000", "2250000");
        assert_eq!(by_partner.total, grand);

        // By priority the fund's allocations count, its receipts do not,
        // and what it still holds is a row of its own: the same grand total.
        let by_priority = report::build(&t.db, f.country_id, GroupBy::Priority, None).await.unwrap();
        assert_eq!(rows(&by_priority), [
            ("1.1".into(), totals("300000", "1100000", "1040000"), 0),
            ("1.2".into(), totals("0", "480000", "300000"), 0),
            ("2.1".into(), totals("0", "820000", "650000"), 0),
            ("unaligned".into(), totals("0", "0", "0"), 1),
            ("pooled_unallocated".into(), totals("0", "210000", "260000"), 0),
        ]);
        assert_eq!(by_priority.total, grand);
        let gaps: Vec<_> = by_priority.rows.iter().map(|r| (r.estimated_cost, r.funding_gap)).collect();
        assert_eq!(gaps[..3], [
            (Some(dec("2500000")), Some(dec("1400000"))),
            (Some(dec("800000")), Some(dec("320000"))),
            (Some(dec("1000000")), Some(dec("180000"))),
        ]);

        let by_pillar = report::build(&t.db, f.country_id, GroupBy::Pillar, None).await.unwrap();
        assert_eq!(rows(&by_pillar)[..2], [
            ("1".into(), totals("300000", "1580000", "1340000"), 0),
            ("2".into(), totals("0", "820000", "650000"), 0),
        ]);
        assert_eq!(by_pillar.total, grand);

        let by_year = report::build(&t.db, f.country_id, GroupBy::FiscalYear, None).await.unwrap();
        assert_eq!(rows(&by_year), [
            ("2025".into(), totals("0", "2610000", "1450000"), 1),
            ("2026".into(), totals("300000", "0", "800000"), 0),
        ]);
        assert_eq!(by_year.rows[0].label, "FY 2025/26");
        assert_eq!(by_year.total, grand);

        for report in [&by_partner, &by_priority, &by_pillar, &by_year] {
            assert_eq!(report.on_budget_disbursed, dec("1690000"));
            assert_eq!(report.on_budget_share, Some(dec("0.8492")));
            assert_eq!(report.outside_government_disbursed, dec("500000"));
            assert_eq!(report.unconverted_count, 1);
        }
        let by_channel = report::build(&t.db, f.country_id, GroupBy::Channel, None).await.unwrap();
        assert_eq!(by_channel.total, grand);
        let by_money = report::build(&t.db, f.country_id, GroupBy::MoneyType, None).await.unwrap();
        assert_eq!(by_money.total, grand);
    }
}

both_backends! {
    async fn a_fiscal_year_filter_keeps_its_own_flows_and_costs(t) {
        let f = build(&t).await;
        let report = report::build(&t.db, f.country_id, GroupBy::Priority, Some(2026)).await.unwrap();
        assert_eq!(rows(&report)[..3], [
            ("1.1".into(), totals("300000", "0", "600000"), 0),
            ("1.2".into(), totals("0", "0", "120000"), 0),
            ("2.1".into(), totals("0", "0", "80000"), 0),
        ]);
        assert_eq!(report.rows[0].estimated_cost, Some(dec("1500000")));
        assert_eq!(report.rows[0].funding_gap, Some(dec("1200000")));
        assert_eq!(report.total, totals("300000", "0", "800000"));
        assert_eq!(report.unconverted_count, 0);
        // 600,000 from Norway and UNDP's 200,000 recorded on budget by itself.
        assert_eq!(report.on_budget_share, Some(dec("1")));
    }
}

both_backends! {
    async fn conversions_name_their_rates_and_flag_missing_ones(t) {
        let f = build(&t).await;
        let report = report::build(&t.db, f.country_id, GroupBy::Partner, None).await.unwrap();
        let used: Vec<_> = report
            .rates_used
            .iter()
            .map(|u| (u.rate.currency.as_str(), u.rate.rate_date, u.rate.rate, u.rate.source.as_str(), u.transactions))
            .collect();
        assert_eq!(used, [
            ("EUR", d("2025-07-01"), dec("1.10"), "Banco Central de Timor-Leste", 4),
            ("EUR", d("2026-07-01"), dec("1.20"), "Banco Central de Timor-Leste", 2),
        ]);
        assert_eq!(report.unconverted.len(), 1);
        let missing = &report.unconverted[0];
        assert_eq!((missing.currency.as_str(), missing.value_date, missing.amount, missing.transactions),
            ("GBP", d("2026-05-01"), dec("50000"), 1));

        // A rate dated after the value date does not convert it; one on or before it does.
        let gbp = |date: &str| ExchangeRate {
            currency: app::types::Currency::stored("GBP"),
            quote_currency: app::types::Currency::stored("USD"),
            rate_date: d(date),
            rate: dec("1.25"),
            source: "Central bank".into(),
        };
        rates::store(&t.db, &Author::system("test"), f.country_id, vec![gbp("2026-05-02")]).await.unwrap();
        let still = report::build(&t.db, f.country_id, GroupBy::Partner, None).await.unwrap();
        assert_eq!(still.unconverted_count, 1);
        rates::store(&t.db, &Author::system("test"), f.country_id, vec![gbp("2026-04-30")]).await.unwrap();
        let converted = report::build(&t.db, f.country_id, GroupBy::Partner, None).await.unwrap();
        assert_eq!(converted.unconverted_count, 0);
        assert_eq!(converted.rows[2].totals, totals("0", "600000", "662500"));
    }
}

both_backends! {
    async fn rates_load_from_csv_whole_or_not_at_all(t) {
        let f = build(&t).await;
        let bad = "currency,date,rate,source\nEUR,2026-01-01,1.08,ECB\nXXX,2026-13-01,-1,\n";
        let err = rates::parse_csv(bad, "USD").unwrap_err();
        assert_eq!(fields(err), ["line 3: date"]);
        let bad = "currency,date,rate,source\nEUR,2026-01-01,1.08,ECB\nXXX,2026-01-01,-1,\n";
        let err = rates::parse_csv(bad, "USD").unwrap_err();
        assert_eq!(fields(err), ["line 3: currency", "line 3: rate", "line 3: source"]);
        let good = "currency,date,rate,source\nEUR,2026-01-01,1.0842,ECB\nGBP,2026-01-01,1.2731,Bank of England\n";
        let parsed = rates::parse_csv(good, "USD").unwrap();
        assert_eq!(rates::store(&t.db, &Author::system("test"), f.country_id, parsed).await.unwrap(), 2);
        let stored = rates::list(&t.db, f.country_id, "USD").await.unwrap();
        let day: Vec<_> = stored.iter().filter(|s| s.rate.rate_date == d("2026-01-01")).collect();
        assert_eq!(day.len(), 2);
        assert_eq!(day[0].rate.rate, dec("1.0842"));
    }
}

both_backends! {
    async fn activities_refuse_bad_shares_and_codes(t) {
        let f = build(&t).await;
        let system = Author::system("test");
        let share = |code: &str, p: &str| Share { code: code.into(), percent: dec(p) };
        let bad = app::types::NewActivity {
            sectors: vec![share("15210", "60"), share("99999", "30")],
            priorities: vec![share("1.1", "50"), share("9.9", "50")],
            budget_lines: vec![(f.security_line, dec("50"))],
            aid_type: Some("Z99".into()),
            default_currency: "EURO".into(),
            ..activity(f.norway, "  ", "EUR")
        };
        let err = activities::create(&t.db, &system, f.country_id, bad).await.unwrap_err();
        assert_eq!(fields(err), [
            "title", "aid_type", "default_currency", "sectors", "sectors", "priorities", "budget_lines",
        ]);
        let government = activity(f.finance, "Own spending", "USD");
        let err = activities::create(&t.db, &system, f.country_id, government).await.unwrap_err();
        assert_eq!(fields(err), ["reporting_org_id"]);

        let negative = flow(TransactionKind::Disbursement, "2026-01-01", "-5");
        let err = activities::add_transaction(&t.db, &system, f.norway_activity, negative).await.unwrap_err();
        assert_eq!(fields(err), ["amount"]);
        let mut unknown = flow(TransactionKind::Disbursement, "2026-01-01", "5");
        unknown.currency = Some("ZZZ".into());
        let err = activities::add_transaction(&t.db, &system, f.norway_activity, unknown).await.unwrap_err();
        assert_eq!(fields(err), ["currency"]);
        // Norway plans by calendar year; the country's year starts in July.
        let plan = app::types::NewPlannedDisbursement {
            period_start: d("2027-01-01"),
            period_end: d("2027-12-31"),
            amount: dec("365000"),
            currency: None,
        };
        let parts = activities::add_planned_disbursement(&t.db, &system, f.norway_activity, plan)
            .await
            .unwrap();
        let split: Vec<_> = parts.iter().map(|p| (p.fiscal_year, p.period_end, p.amount, p.currency.as_str())).collect();
        assert_eq!(split, [
            (2026, d("2027-06-30"), dec("181000"), "EUR"),
            (2027, d("2027-12-31"), dec("184000"), "EUR"),
        ]);
        let before = activities::of_organisation(&t.db, f.country_id, f.norway).await.unwrap();
        assert_eq!(before.iter().map(|a| a.transactions.len()).sum::<usize>(), 6);
        assert_eq!(before[1].transactions[2].fiscal_year, 2026);
        assert_eq!(before[1].transactions[2].currency, "EUR");
    }
}

both_backends! {
    async fn csv_import_takes_every_row_or_none(t) {
        let f = build(&t).await;
        let system = Author::system("test");
        let id = f.norway_activity.to_string();
        let header = transaction_import::COLUMNS.join(",");
        let bad = format!(
            "{header}\n\
             {id},disbursement,2026-09-30,,1000.00,,,,Good row\n\
             {id},disbursement,2026-02-30,,1000.00,,,,Bad date\n\
             {id},3,2026-10-01,,1000.00,XYZ,,,Unknown currency\n\
             {id},disbursement,2026-10-02,,-250.00,,,,Negative\n"
        );
        let err = transaction_import::import(&t.db, &system, f.country_id, Some(f.norway), &bad)
            .await
            .unwrap_err();
        assert_eq!(fields(err), ["line 3: date", "line 4: currency", "line 5: amount"]);
        let count = |t: &tests::TestDb| {
            let db = t.db.clone();
            let country = f.country_id;
            let norway = f.norway;
            async move {
                activities::of_organisation(&db, country, norway)
                    .await
                    .unwrap()
                    .iter()
                    .map(|a| a.transactions.len())
                    .sum::<usize>()
            }
        };
        assert_eq!(count(&t).await, 6);

        // Another partner's activity is not the importer's to touch.
        let theirs = format!("{header}\n{id},disbursement,2026-09-30,,1000.00,,,,x\n");
        let err = transaction_import::import(&t.db, &system, f.country_id, Some(f.undp), &theirs)
            .await
            .unwrap_err();
        assert_eq!(fields(err), ["line 2: activity"]);

        let good = format!(
            "{header}\n\
             {id},disbursement,2026-09-30,,1000.00,,,,Good row\n\
             {id},disbursement,2026-02-28,,1000.00,,,,Fixed date\n\
             {id},3,2026-10-01,2026-09-15,1000.00,USD,,Ministry of Finance,Fixed currency\n\
             {id},expenditure,2026-10-02,,250.00,,,,Fixed sign\n"
        );
        let imported = transaction_import::import(&t.db, &system, f.country_id, Some(f.norway), &good)
            .await
            .unwrap();
        assert_eq!(imported, 4);
        assert_eq!(count(&t).await, 10);
        let activity = activities::of_organisation(&t.db, f.country_id, f.norway)
            .await
            .unwrap()
            .into_iter()
            .find(|a| a.id == f.norway_activity)
            .unwrap();
        let fixed = activity.transactions.iter().find(|t| t.description == "Fixed currency").unwrap();
        assert_eq!((fixed.currency.as_str(), fixed.value_date), ("USD", d("2026-09-15")));
        assert_eq!(fixed.receiver.as_ref().map(|r| r.id), Some(f.finance));
        assert_eq!(fixed.fiscal_year, 2026);
        assert!(transaction_import::template().starts_with(&header));
    }
}

both_backends! {
    async fn the_budget_view_sets_external_flows_beside_each_line(t) {
        let f = build(&t).await;
        let system = Author::system("test");
        budget::set_amounts(&t.db, &system, f.security_line, (2025, None), BudgetAmounts {
            appropriation: dec("2000000"),
            expected_external: dec("1500000"),
            execution: dec("1200000.50"),
        })
        .await
        .unwrap();
        let view = budget::view(&t.db, f.country_id, 2025).await.unwrap();
        assert_eq!(view.fiscal_year_label, "FY 2025/26");
        let row = &view.rows[0];
        assert!(row.line.security);
        assert_eq!(row.amounts.execution, dec("1200000.50"));
        assert_eq!(row.on_budget_committed, dec("1100000"));
        assert_eq!(row.on_budget_disbursed, dec("440000"));
        assert_eq!(row.off_budget_disbursed, dec("300000"));
        let next = budget::view(&t.db, f.country_id, 2026).await.unwrap();
        assert_eq!(next.rows[0].on_budget_disbursed, dec("600000"));
        assert_eq!(next.rows[0].off_budget_disbursed, dec("0"));
        assert_eq!(next.rows[0].amounts, BudgetAmounts::default());
    }
}

both_backends! {
    async fn a_reporting_round_lists_who_answered(t) {
        let f = build(&t).await;
        let planner = Author::system("test");
        let round = NewReportingRound { title: "FY 2025/26 data call".into(), fiscal_year: 2025, due_on: d("2026-12-31") };
        let err = reporting::open(&t.db, &planner, f.country_id, round.clone(), d("2027-01-01")).await.unwrap_err();
        assert_eq!(fields(err), ["due_on"]);
        let opened = reporting::open(&t.db, &planner, f.country_id, round, d("2026-11-01")).await.unwrap();
        // Partners report; the ministry does not.
        let names: Vec<_> = opened.compliance.iter().map(|c| c.organisation.name.as_str()).collect();
        assert_eq!(names, ["Norway", "Peacebuilding Fund", "UNDP", "United Kingdom"]);
        assert_eq!(opened.answered(), (0, 4));
        let user = app::services::accounts::users::create(&t.db, &planner, app::types::NewUser {
            email: "reporter@norway.example".into(),
            display_name: "Norway reporter".into(),
            organisation_id: f.norway,
            role: app::types::Role::PartnerReporter,
            signatory: false,
        }, None)
        .await
        .unwrap();
        let reporter = Author { user_id: Some(user.user.id), label: user.user.email };
        reporting::respond(&t.db, &reporter, (opened.id, f.norway), ResponseStatus::Submitted, None).await.unwrap();
        reporting::respond(&t.db, &reporter, (opened.id, f.uk), ResponseStatus::NothingToReport, None).await.unwrap();
        let err = reporting::respond(&t.db, &reporter, (opened.id, f.finance), ResponseStatus::Submitted, None).await.unwrap_err();
        assert_eq!(fields(err), ["organisation"]);
        let round = reporting::of_country(&t.db, f.country_id).await.unwrap().remove(0);
        let statuses: Vec<_> = round.compliance.iter().map(|c| c.status).collect();
        assert_eq!(statuses, [Some(ResponseStatus::Submitted), None, None, Some(ResponseStatus::NothingToReport)]);
        reporting::close(&t.db, &planner, round.id, d("2027-01-05")).await.unwrap();
        let late = reporting::respond(&t.db, &reporter, (round.id, f.undp), ResponseStatus::Submitted, None).await;
        assert_eq!(fields(late.unwrap_err()), ["round"]);
    }
}
