//! The checks of an activity and its transactions against what its country
//! holds: organisations, priorities, budget lines, codelists and shares.

use crate::i18n::td_string;
use std::collections::{HashMap, HashSet};

use entities::{activity, budget_line, country, organisation, priority, strategy};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::codelists::{AID_TYPES, EARMARKING, FINANCE_TYPES, SECTORS};
use crate::types::Currency;
use crate::types::money::{MAX_AMOUNT, from_minor, to_minor, too_large};
use crate::types::{FiscalYear, NewActivity, NewTransaction, OrganisationKind, OrganisationRef};
use crate::{AppError, FieldError};

/// Shares are stored in hundredths of a percent.
pub(super) const FULL_SHARE_BP: i32 = 10_000;

pub(super) fn percent_to_bp(percent: Decimal) -> Option<i32> {
    to_minor(percent).and_then(|bp| i32::try_from(bp).ok())
}

pub(super) fn bp_to_percent(bp: i32) -> Decimal {
    from_minor(i64::from(bp))
}

/// What the checks of an activity or transaction need to know of its country.
pub struct CountryFacts {
    pub country_id: i32,
    pub fiscal_year_start_month: u32,
    /// Organisation id to its name and kind.
    pub organisations: HashMap<i32, (String, OrganisationKind)>,
    pub priority_codes: HashSet<String>,
    pub budget_lines: HashMap<i32, (String, String)>,
    pub activity_ids: HashSet<i32>,
}

impl CountryFacts {
    pub async fn load(db: &impl ConnectionTrait, country_id: i32) -> Result<Self, AppError> {
        let country = country::Entity::find_by_id(country_id)
            .one(db)
            .await?
            .ok_or_else(|| {
                AppError::NotFound(
                    td_string!(
                        crate::language::current(),
                        rules.what_country,
                        id = country_id
                    )
                    .to_string(),
                )
            })?;
        let organisations = organisation::Entity::find()
            .filter(organisation::Column::CountryId.eq(country_id))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|o| Some((o.id, (o.name, OrganisationKind::from_code(&o.kind)?))))
            .collect();
        let priority_codes = priority::Entity::find()
            .select_only()
            .column(priority::Column::Code)
            .inner_join(strategy::Entity)
            .filter(strategy::Column::CountryId.eq(country_id))
            .distinct()
            .into_tuple::<String>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        let budget_lines = budget_line::Entity::find()
            .filter(budget_line::Column::CountryId.eq(country_id))
            .all(db)
            .await?
            .into_iter()
            .map(|l| (l.id, (l.code, l.name)))
            .collect();
        let activity_ids = activity::Entity::find()
            .select_only()
            .column(activity::Column::Id)
            .filter(activity::Column::CountryId.eq(country_id))
            .into_tuple::<i32>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        Ok(Self {
            country_id,
            fiscal_year_start_month: u32::try_from(country.fiscal_year_start_month).unwrap_or(1),
            organisations,
            priority_codes,
            budget_lines,
            activity_ids,
        })
    }

    pub fn fiscal_year(&self, date: chrono::NaiveDate) -> i32 {
        FiscalYear::containing(date, self.fiscal_year_start_month).start_year
    }

    pub(super) fn organisation_ref(&self, id: i32) -> OrganisationRef {
        OrganisationRef {
            id,
            name: self
                .organisations
                .get(&id)
                .map(|(name, _)| name.clone())
                .unwrap_or_default(),
        }
    }

    /// The ids of the country's pooled funds.
    pub fn pooled_funds(&self) -> Vec<i32> {
        self.organisations
            .iter()
            .filter(|(_, (_, kind))| *kind == OrganisationKind::PooledFund)
            .map(|(id, _)| *id)
            .collect()
    }
}

pub(super) fn blank_to_none(value: Option<String>) -> Option<String> {
    value
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Checks a list of shares: each in (0, 100] with at most two decimals, and
/// together exactly 100 when any is given.
fn check_shares<'a>(
    field: &str,
    percents: impl Iterator<Item = &'a Decimal>,
    errors: &mut Vec<FieldError>,
) {
    let mut total = 0_i64;
    let mut any = false;
    for percent in percents {
        any = true;
        match percent_to_bp(*percent) {
            Some(bp) if bp > 0 && bp <= FULL_SHARE_BP => total += i64::from(bp),
            _ => {
                errors.push(FieldError::new(
                    field,
                    td_string!(crate::language::current(), rules.percentage_range),
                ));
                return;
            }
        }
    }
    if any && total != i64::from(FULL_SHARE_BP) {
        errors.push(FieldError::new(field, {
            let mark = crate::language::numbers::Marks::of(crate::language::current()).decimal;
            let total = from_minor(total)
                .normalize()
                .to_string()
                .replace('.', &mark.to_string());
            td_string!(crate::language::current(), rules.percentages_sum, total).to_string()
        }));
    }
}

/// Checks and normalises an activity.
pub fn validate(facts: &CountryFacts, new: NewActivity) -> Result<NewActivity, AppError> {
    let mut new = NewActivity {
        iati_identifier: blank_to_none(new.iati_identifier),
        aid_type: blank_to_none(new.aid_type),
        finance_type: blank_to_none(new.finance_type),
        earmarking: blank_to_none(new.earmarking),
        title: new.title.trim().to_string(),
        description: new.description.trim().to_string(),
        ..new
    };
    new.sectors
        .iter_mut()
        .for_each(|s| s.code = s.code.trim().to_string());
    new.priorities
        .iter_mut()
        .for_each(|s| s.code = s.code.trim().to_uppercase());
    let mut errors = Vec::new();
    match facts.organisations.get(&new.reporting_org_id) {
        None => errors.push(FieldError::new(
            "reporting_org_id",
            td_string!(crate::language::current(), rules.organisation_of_country),
        )),
        Some((_, kind)) if kind.is_government() => errors.push(FieldError::new(
            "reporting_org_id",
            td_string!(crate::language::current(), rules.partner_not_government),
        )),
        Some(_) => {}
    }
    if new.title.is_empty() || new.title.chars().count() > 300 {
        errors.push(FieldError::new(
            "title",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 300
            )
            .to_string(),
        ));
    }
    if new.description.chars().count() > 4000 {
        errors.push(FieldError::new(
            "description",
            td_string!(crate::language::current(), rules.too_long, max = 4000).to_string(),
        ));
    }
    if new
        .iati_identifier
        .as_ref()
        .is_some_and(|id| id.chars().count() > 200 || id.contains(char::is_whitespace))
    {
        errors.push(FieldError::new(
            "iati_identifier",
            td_string!(crate::language::current(), rules.iati_activity_id_format),
        ));
    }
    for (field, start, end) in [
        ("planned_end", new.planned_start, new.planned_end),
        ("actual_end", new.actual_start, new.actual_end),
    ] {
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            errors.push(FieldError::new(
                field,
                td_string!(crate::language::current(), rules.before_start_date),
            ));
        }
    }
    for (field, value, list, what) in [
        (
            "aid_type",
            &new.aid_type,
            &AID_TYPES,
            td_string!(crate::language::current(), rules.what_aid_type),
        ),
        (
            "finance_type",
            &new.finance_type,
            &FINANCE_TYPES,
            td_string!(crate::language::current(), rules.what_finance_type),
        ),
        (
            "earmarking",
            &new.earmarking,
            &EARMARKING,
            td_string!(crate::language::current(), rules.what_earmarking),
        ),
    ] {
        if let Some(code) = value
            && !list.is_active(code)
        {
            errors.push(FieldError::new(
                field,
                td_string!(
                    crate::language::current(),
                    rules.is_not,
                    value = format!("{code:?}"),
                    what
                )
                .to_string(),
            ));
        }
    }
    match Currency::check("default_currency", &new.default_currency) {
        Ok(currency) => new.default_currency = currency.into(),
        Err(error) => errors.push(error),
    }
    if new
        .participants
        .iter()
        .any(|(id, _)| !facts.organisations.contains_key(id))
    {
        errors.push(FieldError::new(
            "participants",
            td_string!(crate::language::current(), rules.organisations_of_country),
        ));
    }
    if let Some(bad) = new.sectors.iter().find(|s| !SECTORS.is_active(&s.code)) {
        errors.push(FieldError::new(
            "sectors",
            td_string!(
                crate::language::current(),
                rules.not_dac5,
                value = format!("{:?}", bad.code)
            )
            .to_string(),
        ));
    }
    check_shares(
        "sectors",
        new.sectors.iter().map(|s| &s.percent),
        &mut errors,
    );
    if let Some(bad) = new
        .priorities
        .iter()
        .find(|s| !facts.priority_codes.contains(&s.code))
    {
        errors.push(FieldError::new(
            "priorities",
            td_string!(
                crate::language::current(),
                rules.not_priority_of_strategy,
                value = format!("{:?}", bad.code)
            )
            .to_string(),
        ));
    }
    check_shares(
        "priorities",
        new.priorities.iter().map(|s| &s.percent),
        &mut errors,
    );
    if new
        .budget_lines
        .iter()
        .any(|(id, _)| !facts.budget_lines.contains_key(id))
    {
        errors.push(FieldError::new(
            "budget_lines",
            td_string!(crate::language::current(), rules.budget_lines_of_country),
        ));
    }
    check_shares(
        "budget_lines",
        new.budget_lines.iter().map(|(_, p)| p),
        &mut errors,
    );
    for (field, codes) in [
        (
            "sectors",
            new.sectors
                .iter()
                .map(|s| s.code.clone())
                .collect::<Vec<_>>(),
        ),
        (
            "priorities",
            new.priorities.iter().map(|s| s.code.clone()).collect(),
        ),
        (
            "budget_lines",
            new.budget_lines
                .iter()
                .map(|(id, _)| id.to_string())
                .collect(),
        ),
    ] {
        if codes.iter().collect::<HashSet<_>>().len() != codes.len() {
            errors.push(FieldError::new(
                field,
                td_string!(crate::language::current(), rules.not_twice),
            ));
        }
    }
    if errors.is_empty() {
        Ok(new)
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// Checks a transaction of an activity in `currency` by default; field
/// names start with `prefix` (a file's line, or nothing on a form).
pub fn check_transaction(
    facts: &CountryFacts,
    new: &NewTransaction,
    prefix: &str,
) -> Vec<FieldError> {
    let field = |name: &str| format!("{prefix}{name}");
    let mut errors = Vec::new();
    if new.amount <= Decimal::ZERO {
        errors.push(FieldError::new(
            field("amount"),
            td_string!(crate::language::current(), rules.greater_than_zero),
        ));
    } else if new.amount > Decimal::from(MAX_AMOUNT) {
        errors.push(FieldError::new(field("amount"), too_large()));
    } else if to_minor(new.amount).is_none() {
        errors.push(FieldError::new(
            field("amount"),
            td_string!(crate::language::current(), rules.two_decimals),
        ));
    }
    for (name, id) in [
        ("provider_org_id", new.provider_org_id),
        ("receiver_org_id", new.receiver_org_id),
    ] {
        if id.is_some_and(|id| !facts.organisations.contains_key(&id)) {
            errors.push(FieldError::new(
                field(name),
                td_string!(crate::language::current(), rules.organisation_of_country),
            ));
        }
    }
    if let Some(currency) = &new.currency
        && let Err(error) = Currency::check(&field("currency"), currency)
    {
        errors.push(error);
    }
    if new
        .provider_activity_id
        .is_some_and(|id| !facts.activity_ids.contains(&id))
    {
        errors.push(FieldError::new(
            field("provider_activity_id"),
            td_string!(crate::language::current(), rules.activity_of_country),
        ));
    }
    if new.description.chars().count() > 300 {
        errors.push(FieldError::new(
            field("description"),
            td_string!(crate::language::current(), rules.too_long, max = 300).to_string(),
        ));
    }
    errors
}
