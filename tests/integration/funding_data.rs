//! A small hand-built funding dataset whose totals are worked out by hand
//! in the tests: Timor-Leste (USD, fiscal year from July), three partners,
//! one pooled fund, flows in USD and EUR over two fiscal years, and one
//! GBP flow with no rate.

use std::str::FromStr;

use app::services::accounts::audit::Author;
use app::services::{
    accounts::countries, accounts::organisations, funding::activities, funding::chart,
    funding::rates, strategy::lifecycle, strategy::priorities,
};
use app::types::{
    ActivityStatus, Channel, CountrySystems, ExchangeRate, MoneyType, NewActivity, NewBudgetLine,
    NewCountry, NewOrganisation, NewPlannedDisbursement, NewPriority, NewStrategy, NewTransaction,
    OrganisationKind, ParticipantRole, Phase, Share, SystemOverrides, ThematicArea,
    TransactionKind, YearCost,
};
use rust_decimal::Decimal;
use tests::TestDb;

use crate::fixtures::d;

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub struct Funding {
    pub country_id: i32,
    pub norway: i32,
    pub undp: i32,
    pub uk: i32,
    pub finance: i32,
    pub security_line: i32,
    /// Norway's EUR activity on priority 1.1.
    pub norway_activity: i32,
}

pub fn activity(reporter: i32, title: &str, currency: &str) -> NewActivity {
    NewActivity {
        reporting_org_id: reporter,
        iati_identifier: None,
        title: title.into(),
        description: String::new(),
        status: ActivityStatus::Implementation,
        planned_start: None,
        planned_end: None,
        actual_start: None,
        actual_end: None,
        money_type: MoneyType::Development,
        aid_type: None,
        finance_type: None,
        earmarking: None,
        channel: Channel::Treasury,
        default_currency: currency.into(),
        systems: CountrySystems::default(),
        published: true,
        participants: Vec::new(),
        sectors: Vec::new(),
        priorities: Vec::new(),
        budget_lines: Vec::new(),
    }
}

pub fn flow(kind: TransactionKind, date: &str, amount: &str) -> NewTransaction {
    NewTransaction {
        kind,
        transaction_date: d(date),
        value_date: None,
        amount: dec(amount),
        currency: None,
        provider_org_id: None,
        receiver_org_id: None,
        provider_activity_id: None,
        description: String::new(),
        overrides: SystemOverrides::default(),
    }
}

fn share(code: &str, percent: &str) -> Share {
    Share {
        code: code.into(),
        percent: dec(percent),
    }
}

async fn org(t: &TestDb, country_id: i32, name: &str, kind: OrganisationKind) -> i32 {
    let new = NewOrganisation {
        name: name.into(),
        acronym: None,
        kind,
        iati_id: None,
        iati_type_code: None,
    };
    organisations::create(&t.db, &Author::system("test"), country_id, new)
        .await
        .unwrap()
        .id
}

async fn add(t: &TestDb, activity_id: i32, flows: Vec<NewTransaction>) {
    for f in flows {
        activities::add_transaction(&t.db, &Author::system("test"), activity_id, f)
            .await
            .unwrap();
    }
}

/// Builds the dataset; see the tests for the totals it must give.
pub async fn build(t: &TestDb) -> Funding {
    use TransactionKind::*;
    let system = Author::system("test");
    countries::create(
        &t.db,
        &system,
        NewCountry {
            code: "TL".into(),
            name: "Timor-Leste".into(),
            currency: "USD".into(),
            fiscal_year_start_month: 7,
        },
    )
    .await
    .unwrap();
    let (country_id, _) = countries::get_with_id(&t.db, "TL").await.unwrap();
    let finance = org(
        t,
        country_id,
        "Ministry of Finance",
        OrganisationKind::GovernmentMinistry,
    )
    .await;
    let norway = org(t, country_id, "Norway", OrganisationKind::Bilateral).await;
    let undp = org(t, country_id, "UNDP", OrganisationKind::UnAgency).await;
    let uk = org(t, country_id, "United Kingdom", OrganisationKind::Bilateral).await;
    let fund = org(
        t,
        country_id,
        "Peacebuilding Fund",
        OrganisationKind::PooledFund,
    )
    .await;

    // An endorsed strategy: 1.1 and 1.2 under pillar 1, 2.1 under pillar 2.
    let strategy = lifecycle::create(
        &t.db,
        &system,
        country_id,
        NewStrategy {
            title: "National Peacebuilding Plan".into(),
            first_fiscal_year: 2025,
            last_fiscal_year: 2026,
            vision: "Peace".into(),
        },
    )
    .await
    .unwrap();
    for (pillar, code, costs) in [
        (0, "1.1", [("2025", "1000000"), ("2026", "1500000")]),
        (0, "1.2", [("2025", "400000"), ("2026", "400000")]),
        (1, "2.1", [("2025", "900000"), ("2026", "100000")]),
    ] {
        priorities::add(
            &t.db,
            &system,
            strategy.id,
            NewPriority {
                pillar_id: strategy.pillars[pillar].id,
                code: code.into(),
                title: format!("Priority {code}"),
                objective: "An objective".into(),
                lead_organisation_id: finance,
                phase: Phase::Immediate,
                thematic_area: ThematicArea::Justice,
                partner_ids: Vec::new(),
                provision_ids: Vec::new(),
                costs: costs
                    .iter()
                    .map(|(year, amount)| YearCost {
                        fiscal_year: year.parse().unwrap(),
                        amount: dec(amount),
                    })
                    .collect(),
            },
        )
        .await
        .unwrap();
    }
    lifecycle::send_to_consultation(&t.db, &system, strategy.id)
        .await
        .unwrap();
    lifecycle::endorse(&t.db, &system, strategy.id, crate::fixtures::endorsement())
        .await
        .unwrap();

    let rate = |date: &str, rate: &str| ExchangeRate {
        currency: app::types::Currency::stored("EUR"),
        quote_currency: app::types::Currency::stored("USD"),
        rate_date: d(date),
        rate: dec(rate),
        source: "Banco Central de Timor-Leste".into(),
    };
    rates::store(
        &t.db,
        &system,
        country_id,
        vec![rate("2025-07-01", "1.10"), rate("2026-07-01", "1.20")],
    )
    .await
    .unwrap();

    let security_line = chart::add_line(
        &t.db,
        &system,
        country_id,
        NewBudgetLine {
            code: "04-110".into(),
            name: "National Police operations".into(),
            admin_unit: "Ministry of Interior".into(),
            function_name: "Public order and safety".into(),
            security: true,
            sector_code: Some("152".into()),
            parent_code: None,
        },
    )
    .await
    .unwrap()
    .id;

    let create = |new: NewActivity| {
        let db = t.db.clone();
        let system = system.clone();
        async move {
            activities::create(&db, &system, country_id, new)
                .await
                .unwrap()
                .id
        }
    };

    // Norway, in EUR, with the Ministry of Finance: on budget, through the
    // treasury and audited, for 1.1.
    let norway_activity = create(NewActivity {
        priorities: vec![share("1.1", "100")],
        participants: vec![(finance, ParticipantRole::Implementing)],
        systems: CountrySystems {
            on_budget: true,
            on_treasury: true,
            on_audit: true,
            ..Default::default()
        },
        budget_lines: vec![(security_line, dec("100"))],
        sectors: vec![share("15210", "100")],
        ..activity(norway, "Police support", "EUR")
    })
    .await;
    add(
        t,
        norway_activity,
        vec![
            flow(Commitment, "2025-08-15", "1000000.00"),
            flow(Disbursement, "2025-10-01", "400000.00"),
            flow(Disbursement, "2026-08-01", "500000.00"),
            flow(Pledge, "2026-09-01", "250000.00"),
        ],
    )
    .await;
    // Norway's contribution to the pooled fund, in EUR.
    let contribution = create(activity(
        norway,
        "Contribution to the Peacebuilding Fund",
        "EUR",
    ))
    .await;
    add(
        t,
        contribution,
        vec![
            NewTransaction {
                receiver_org_id: Some(fund),
                ..flow(Commitment, "2026-02-01", "100000.00")
            },
            NewTransaction {
                receiver_org_id: Some(fund),
                ..flow(Disbursement, "2026-02-01", "100000.00")
            },
        ],
    )
    .await;
    // UNDP, in USD, off budget, split 60/40 between 1.2 and 2.1; one
    // disbursement recorded on budget by itself.
    let undp_activity = create(NewActivity {
        priorities: vec![share("1.2", "60"), share("2.1", "40")],
        participants: vec![(finance, ParticipantRole::Implementing)],
        channel: Channel::SeparateAccount,
        money_type: MoneyType::Humanitarian,
        sectors: vec![share("15210", "100")],
        ..activity(undp, "Community security", "USD")
    })
    .await;
    add(
        t,
        undp_activity,
        vec![
            flow(Commitment, "2025-07-10", "800000.00"),
            flow(Disbursement, "2026-01-15", "300000.00"),
            NewTransaction {
                overrides: SystemOverrides {
                    on_budget: Some(true),
                    ..Default::default()
                },
                ..flow(Disbursement, "2026-07-15", "200000.00")
            },
        ],
    )
    .await;
    // The United Kingdom pays only into the fund, and reports one GBP
    // disbursement that no rate converts.
    let uk_contribution = create(NewActivity {
        money_type: MoneyType::Peacebuilding,
        channel: Channel::ThirdParty,
        ..activity(uk, "Contribution to the Peacebuilding Fund", "USD")
    })
    .await;
    add(
        t,
        uk_contribution,
        vec![
            NewTransaction {
                receiver_org_id: Some(fund),
                ..flow(Commitment, "2025-09-01", "600000.00")
            },
            NewTransaction {
                receiver_org_id: Some(fund),
                ..flow(Disbursement, "2025-11-01", "600000.00")
            },
        ],
    )
    .await;
    let uk_gbp = create(activity(uk, "Justice advisers", "GBP")).await;
    add(
        t,
        uk_gbp,
        vec![flow(Disbursement, "2026-05-01", "50000.00")],
    )
    .await;
    // The fund receives the money (not counted again) and allocates to 2.1.
    let allocation = create(NewActivity {
        priorities: vec![share("2.1", "100")],
        money_type: MoneyType::Peacebuilding,
        systems: CountrySystems {
            on_budget: true,
            ..Default::default()
        },
        ..activity(fund, "Reconciliation window", "USD")
    })
    .await;
    add(
        t,
        allocation,
        vec![
            NewTransaction {
                provider_org_id: Some(uk),
                ..flow(IncomingFunds, "2025-11-01", "600000.00")
            },
            flow(Commitment, "2025-12-01", "500000.00"),
            flow(Disbursement, "2026-03-01", "450000.00"),
        ],
    )
    .await;

    // Schedules: Norway for the first year; UNDP for it and the three after.
    for (activity_id, start, end, amount) in [
        (norway_activity, "2025-07-01", "2026-06-30", "500000.00"),
        (undp_activity, "2025-07-01", "2026-06-30", "250000.00"),
        (undp_activity, "2026-07-01", "2027-06-30", "100000.00"),
        (undp_activity, "2027-07-01", "2028-06-30", "100000.00"),
        (undp_activity, "2028-07-01", "2029-06-30", "100000.00"),
    ] {
        let plan = NewPlannedDisbursement {
            period_start: d(start),
            period_end: d(end),
            amount: dec(amount),
            currency: None,
        };
        activities::add_planned_disbursement(&t.db, &system, activity_id, plan)
            .await
            .unwrap();
    }

    Funding {
        country_id,
        norway,
        undp,
        uk,
        finance,
        security_line,
        norway_activity,
    }
}
