//! The CSV transaction import, without a database: `transaction_import::parse`
//! on arbitrary UTF-8 against a country built in memory. It either returns
//! rows that passed every check, or the list of what is wrong.

#![no_main]

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use app::AppError;
use app::services::funding::activities::CountryFacts;
use app::services::funding::transaction_import;
use app::types::OrganisationKind;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

struct Country {
    facts: CountryFacts,
    /// Activity id by the references a file may use: id and IATI identifier.
    activities: HashMap<String, i32>,
    /// Organisation id by lower-cased name, acronym and IATI identifier.
    organisations: HashMap<String, i32>,
}

static COUNTRY: LazyLock<Country> = LazyLock::new(|| {
    let orgs = [
        (
            1,
            "Ministry of Finance",
            Some("MoF"),
            Some("XD-MOF"),
            OrganisationKind::GovernmentMinistry,
        ),
        (
            2,
            "Norway (Norad)",
            Some("Norad"),
            Some("XM-DAC-8"),
            OrganisationKind::Bilateral,
        ),
        (
            3,
            "UNDP",
            None,
            Some("XM-DAC-41114"),
            OrganisationKind::UnAgency,
        ),
        (
            4,
            "Kalinda Pooled Fund",
            Some("KPF"),
            None,
            OrganisationKind::PooledFund,
        ),
    ];
    let mut organisations = HashMap::new();
    for (id, name, acronym, iati_id, _) in orgs {
        for n in [Some(name), acronym, iati_id].into_iter().flatten() {
            organisations.insert(n.to_lowercase(), id);
        }
    }
    let mut activities = HashMap::new();
    for (id, identifier) in [(10, "XM-EXAMPLE-1"), (11, "XM-DAC-8-XD-2026-1"), (12, "")] {
        activities.insert(id.to_string(), id);
        if !identifier.is_empty() {
            activities.insert(identifier.to_string(), id);
        }
    }
    let facts = CountryFacts {
        country_id: 1,
        fiscal_year_start_month: 7,
        organisations: orgs
            .iter()
            .map(|(id, name, _, _, kind)| (*id, (name.to_string(), *kind)))
            .collect(),
        priority_codes: HashSet::from(["1.1".to_string(), "5.2".to_string()]),
        budget_lines: HashMap::from([
            (100, ("01.02".to_string(), "Roads".to_string())),
            (101, ("07.01".to_string(), "Schools".to_string())),
        ]),
        activity_ids: HashSet::from([10, 11, 12]),
    };
    Country {
        facts,
        activities,
        organisations,
    }
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let c = &*COUNTRY;
    match transaction_import::parse(text, &c.facts, &c.activities, &c.organisations) {
        Ok(rows) => {
            assert!(!rows.is_empty(), "a file without rows was accepted");
            for (activity, t) in &rows {
                assert!(c.facts.activity_ids.contains(activity));
                assert!(t.amount > Decimal::ZERO, "{t:?}");
                assert!(t.amount.normalize().scale() <= 2, "{t:?}");
                assert!(t.description.chars().count() <= 300);
                for org in [t.provider_org_id, t.receiver_org_id].into_iter().flatten() {
                    assert!(c.facts.organisations.contains_key(&org));
                }
            }
        }
        Err(AppError::Invalid(errors)) => {
            assert!(!errors.is_empty(), "refused without saying why");
        }
        Err(other) => panic!("parse failed with {other:?}, not a list of problems"),
    }
});
