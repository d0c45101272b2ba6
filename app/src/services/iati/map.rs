//! From an activity as the file writes it to the app's fields, with a
//! warning for everything the app does not record.

use std::collections::HashMap;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::codelists::{
    AID_TYPES, BUDGET_IDENTIFIER_VOCABULARIES, BUDGET_IDENTIFIERS, CURRENCIES, FINANCE_TYPES,
    FLOW_TYPES, ORGANISATION_ROLES, SECTORS,
};
use crate::types::{ActivityStatus, Channel, CountrySystems, MoneyType, ParticipantRole, Share};

use super::fields::Fields;
use super::orgs::OrgIndex;
use super::parse::{Coded, IatiActivity};

/// What the mapping needs to know of the country.
pub struct Context<'a> {
    pub country_code: &'a str,
    pub country_currency: &'a str,
    /// Budget line id by code.
    pub budget_lines: &'a HashMap<String, i32>,
    /// Activity id by IATI identifier.
    pub activities: &'a HashMap<String, i32>,
    pub orgs: &'a OrgIndex,
}

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// An IATI date (or date-time) within the years the app accepts.
pub fn date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let day = match text.get(10..11) {
        Some("T") => text.get(..10)?,
        _ => text,
    };
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .filter(|d| crate::types::input::YEARS.contains(&chrono::Datelike::year(d)))
}

fn percent(text: Option<&str>) -> Option<Decimal> {
    text.and_then(|t| Decimal::from_str(t.trim()).ok())
}

pub(super) fn round(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

pub(super) fn clip(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// The part of the activity that is this country's, from its
/// `<recipient-country>`s; an error when it is for other countries only.
pub fn country_share(
    a: &IatiActivity,
    code: &str,
    warnings: &mut Vec<String>,
) -> Result<Decimal, String> {
    if a.recipient_countries.is_empty() {
        return Ok(Decimal::ONE);
    }
    let Some(ours) = a
        .recipient_countries
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(code))
    else {
        let listed: Vec<&str> = a
            .recipient_countries
            .iter()
            .map(|c| c.code.as_str())
            .collect();
        return Err(say!(
            iati_not_for_country,
            code,
            countries = listed.join(", ")
        ));
    };
    match ours.percentage.as_deref() {
        None => Ok(Decimal::ONE),
        Some(text) => match percent(Some(text)) {
            Some(p) if p > Decimal::ZERO && p <= HUNDRED => {
                if p < HUNDRED {
                    warnings.push(say!(iati_country_share, code, percent = p.normalize()));
                }
                Ok(p / HUNDRED)
            }
            _ => {
                warnings.push(say!(
                    iati_country_percentage_invalid,
                    code,
                    value = format!("{text:?}")
                ));
                Ok(Decimal::ONE)
            }
        },
    }
}

fn role(code: Option<&str>) -> Result<ParticipantRole, String> {
    match code {
        Some(code) => ParticipantRole::from_code(code).ok_or_else(|| {
            if ORGANISATION_ROLES.get(code).is_some() {
                say!(iati_role_not_recorded, code)
            } else {
                say!(iati_unknown_role, code = format!("{code:?}"))
            }
        }),
        None => Err(say!(iati_participant_no_role)),
    }
}

/// `what` names the kind of code: `aid type code`.
fn check_code(
    list: &crate::codelists::Codelist,
    code: &str,
    what: String,
) -> Result<String, String> {
    match list.get(code) {
        Some(item) if !item.withdrawn => Ok(code.to_string()),
        Some(_) => Err(say!(iati_code_withdrawn, what, code = format!("{code:?}"))),
        None => Err(say!(iati_code_unknown, what, code = format!("{code:?}"))),
    }
}

/// What a list of percentages shares out.
#[derive(Clone, Copy)]
enum Shared {
    Sectors,
    BudgetLines,
}

fn shares(
    items: Vec<(String, Option<Decimal>)>,
    what: Shared,
    warnings: &mut Vec<String>,
) -> Vec<(String, Decimal)> {
    if items.len() == 1 && items[0].1.is_none() {
        return vec![(items[0].0.clone(), HUNDRED)];
    }
    let total: Decimal = items.iter().filter_map(|(_, p)| *p).sum();
    if items.is_empty() {
        return Vec::new();
    }
    if items
        .iter()
        .any(|(_, p)| p.is_none_or(|p| p <= Decimal::ZERO || p.normalize().scale() > 2))
        || total != HUNDRED
    {
        let total = total.normalize();
        warnings.push(match what {
            Shared::Sectors => say!(iati_sector_shares, total),
            Shared::BudgetLines => say!(iati_budget_line_shares, total),
        });
        return Vec::new();
    }
    items
        .into_iter()
        .filter_map(|(c, p)| Some((c, p?)))
        .collect()
}

fn activity_dates(a: &IatiActivity, warnings: &mut Vec<String>) -> [Option<NaiveDate>; 4] {
    let mut dates = [None; 4];
    for (kind, iso) in &a.dates {
        let slot = match kind.as_str() {
            "1" | "start-planned" => 0,
            "3" | "end-planned" => 1,
            "2" | "start-actual" => 2,
            "4" | "end-actual" => 3,
            other => {
                warnings.push(say!(iati_date_type_unknown, value = format!("{other:?}")));
                continue;
            }
        };
        match iso.as_deref().map(|d| (d, date(d))) {
            Some((_, Some(d))) => dates[slot] = Some(d),
            Some((text, None)) => warnings.push(say!(
                iati_activity_date_format,
                kind,
                value = format!("{text:?}")
            )),
            None => warnings.push(say!(iati_activity_date_missing, kind)),
        }
    }
    for (start, end, planned) in [(0, 1, true), (2, 3, false)] {
        if let (Some(s), Some(e)) = (dates[start], dates[end])
            && e < s
        {
            warnings.push(if planned {
                say!(iati_planned_end_before_start, end = e, start = s)
            } else {
                say!(iati_actual_end_before_start, end = e, start = s)
            });
            dates[end] = None;
        }
    }
    dates
}

/// The activity's fields, its flows, and a warning for everything left out.
pub fn map(
    a: &IatiActivity,
    identifier: &str,
    cx: &Context<'_>,
    warnings: &mut Vec<String>,
) -> Fields {
    let title = match a.title.as_deref() {
        Some(t) => {
            if t.chars().count() > 300 {
                warnings.push(say!(iati_title_shortened));
            }
            clip(t, 300)
        }
        None => {
            warnings.push(say!(iati_no_title));
            clip(identifier, 300)
        }
    };
    let description = a.description.as_deref().unwrap_or("");
    if description.chars().count() > 4000 {
        warnings.push(say!(iati_description_shortened));
    }
    let status = match a.status.as_deref() {
        Some(code) => ActivityStatus::from_code(code).unwrap_or_else(|| {
            warnings.push(say!(
                iati_unknown_status,
                code = format!("{code:?}"),
                status = ActivityStatus::Implementation.label()
            ));
            ActivityStatus::Implementation
        }),
        None => {
            warnings.push(say!(
                iati_no_status,
                status = ActivityStatus::Implementation.label()
            ));
            ActivityStatus::Implementation
        }
    };
    let [planned_start, planned_end, actual_start, actual_end] = activity_dates(a, warnings);
    let aid_type = a
        .aid_types
        .iter()
        .find(|c| matches!(c.vocabulary.as_deref(), None | Some("1")))
        .and_then(|c| {
            check_code(&AID_TYPES, &c.code, say!(iati_aid_type_code))
                .map_err(|w| warnings.push(w))
                .ok()
        });
    let finance_type = a.finance_type.as_deref().and_then(|c| {
        check_code(&FINANCE_TYPES, c, say!(iati_finance_type_code))
            .map_err(|w| warnings.push(w))
            .ok()
    });
    if let Some(code) = a.flow_type.as_deref()
        && let Err(w) = check_code(&FLOW_TYPES, code, say!(iati_flow_type_code))
    {
        warnings.push(w);
    }
    let channel = a
        .transactions
        .iter()
        .find_map(|t| t.disbursement_channel.as_deref())
        .and_then(|code| {
            Channel::from_code(code).or_else(|| {
                warnings.push(say!(iati_unknown_channel, code = format!("{code:?}")));
                None
            })
        })
        .unwrap_or(Channel::ThirdParty);
    let default_currency = match a.default_currency.as_deref().map(str::to_uppercase) {
        Some(c) if CURRENCIES.is_active(&c) => c,
        Some(c) => {
            warnings.push(say!(iati_unknown_default_currency, code = format!("{c:?}")));
            cx.country_currency.to_string()
        }
        None => {
            warnings.push(say!(
                iati_no_default_currency,
                currency = cx.country_currency
            ));
            cx.country_currency.to_string()
        }
    };
    let mut participants = Vec::new();
    for p in &a.participants {
        let name = p
            .org
            .name
            .clone()
            .or(p.org.reference.clone())
            .unwrap_or_default();
        match (cx.orgs.find(&p.org), role(p.role.as_deref())) {
            (Some(id), Ok(role)) if !participants.contains(&(id, role)) => {
                participants.push((id, role))
            }
            (Some(_), Ok(_)) => {}
            (None, _) => warnings.push(say!(
                iati_participant_unknown,
                name = format!("{name:?}"),
                country = cx.country_code
            )),
            (_, Err(w)) => warnings.push(say!(
                iati_participant_refused,
                name = format!("{name:?}"),
                problem = w
            )),
        }
    }
    let mut sector_items = Vec::new();
    for s in &a.sectors {
        if !matches!(s.vocabulary.as_deref(), None | Some("1")) {
            warnings.push(say!(
                iati_sector_vocabulary,
                code = &s.code,
                vocabulary = s.vocabulary.as_deref().unwrap_or("")
            ));
        } else if SECTORS.is_active(&s.code) {
            sector_items.push((s.code.clone(), percent(s.percentage.as_deref())));
        } else {
            warnings.push(say!(iati_unknown_sector, code = format!("{:?}", s.code)));
        }
    }
    let sectors = shares(sector_items, Shared::Sectors, warnings)
        .into_iter()
        .map(|(code, percent)| Share { code, percent })
        .collect();
    let budget_lines = budget_lines(a, cx, warnings);
    Fields {
        title,
        description: clip(description, 4000),
        status,
        planned_start,
        planned_end,
        actual_start,
        actual_end,
        money_type: if a.humanitarian {
            MoneyType::Humanitarian
        } else {
            MoneyType::Development
        },
        aid_type,
        finance_type,
        channel,
        default_currency,
        participants,
        sectors,
        budget_lines,
        systems: CountrySystems::default(),
    }
}

/// The country-systems flags the file states, each with the reason the
/// report gives: disbursement-channel 1 puts the money on treasury;
/// budget support (aid types A01, A02) on budget and treasury;
/// country-budget-items in the country's own chart of accounts
/// (vocabulary 2) on budget.
pub fn systems(a: &IatiActivity, fields: &Fields) -> (CountrySystems, Vec<String>) {
    let mut systems = CountrySystems::default();
    let mut reasons = Vec::new();
    if fields.channel == Channel::Treasury {
        systems.on_treasury = true;
        reasons.push(say!(iati_inferred_treasury));
    }
    if let Some(code @ ("A01" | "A02")) = fields.aid_type.as_deref() {
        systems.on_budget = true;
        systems.on_treasury = true;
        reasons.push(say!(iati_inferred_budget_support, code));
    }
    if a.budget_vocabulary.as_deref() == Some("2") && !fields.budget_lines.is_empty() {
        systems.on_budget = true;
        reasons.push(say!(iati_inferred_chart));
    }
    (systems, reasons)
}

fn budget_lines(
    a: &IatiActivity,
    cx: &Context<'_>,
    warnings: &mut Vec<String>,
) -> Vec<(i32, Decimal)> {
    if a.budget_items.is_empty() {
        return Vec::new();
    }
    let vocabulary = a.budget_vocabulary.as_deref().unwrap_or("");
    match BUDGET_IDENTIFIER_VOCABULARIES.get(vocabulary) {
        None => {
            warnings.push(say!(
                iati_unknown_budget_vocabulary,
                value = format!("{vocabulary:?}")
            ));
            return Vec::new();
        }
        Some(item) if item.withdrawn => warnings.push(say!(
            iati_budget_vocabulary_withdrawn,
            vocabulary,
            name = item.label()
        )),
        Some(_) => {}
    }
    if !matches!(vocabulary, "1" | "2") {
        warnings.push(say!(iati_budget_vocabulary_unmatched, vocabulary));
        return Vec::new();
    }
    let mut items = Vec::new();
    for Coded {
        code, percentage, ..
    } in &a.budget_items
    {
        if vocabulary == "1" && !BUDGET_IDENTIFIERS.is_active(code) {
            warnings.push(say!(
                iati_unknown_budget_identifier,
                code = format!("{code:?}")
            ));
        }
        match cx.budget_lines.get(code) {
            Some(id) => items.push((id.to_string(), percent(percentage.as_deref()))),
            None => warnings.push(say!(
                iati_budget_item_unmatched,
                code,
                country = cx.country_code
            )),
        }
    }
    shares(items, Shared::BudgetLines, warnings)
        .into_iter()
        .filter_map(|(id, p)| Some((id.parse().ok()?, p)))
        .collect()
}
