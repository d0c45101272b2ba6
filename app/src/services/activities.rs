//! Partners' activities and their flows: transactions and planned
//! disbursements. Every write is one database transaction with its audit
//! entry; every amount is stored as integer hundredths of its currency.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use entities::{
    activity, activity_budget_line, activity_participant, activity_priority, activity_sector,
    budget_line, country, organisation, planned_disbursement, priority, strategy, transaction,
};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};

use crate::codelists::{AID_TYPES, CURRENCIES, EARMARKING, FINANCE_TYPES, SECTORS};
use crate::types::money::{from_minor, to_minor};
use crate::types::{
    Activity, ActivityStatus, Channel, CountrySystems, FiscalYear, MoneyType, NewActivity,
    NewPlannedDisbursement, NewTransaction, OrganisationKind, OrganisationRef, ParticipantRole,
    PlannedDisbursement, Share, SystemOverrides, Transaction, TransactionKind,
    split_by_fiscal_year,
};
use crate::{AppError, FieldError};

use super::audit::{self, Author, Change};

/// Shares are stored in hundredths of a percent.
const FULL_SHARE_BP: i32 = 10_000;

fn percent_to_bp(percent: Decimal) -> Option<i32> {
    to_minor(percent).and_then(|bp| i32::try_from(bp).ok())
}

fn bp_to_percent(bp: i32) -> Decimal {
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
            .ok_or_else(|| AppError::NotFound(format!("country {country_id}")))?;
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

    fn organisation_ref(&self, id: i32) -> OrganisationRef {
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

fn blank_to_none(value: Option<String>) -> Option<String> {
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
                    "each percentage must be more than 0 and at most 100, with two decimals at most",
                ));
                return;
            }
        }
    }
    if any && total != i64::from(FULL_SHARE_BP) {
        errors.push(FieldError::new(
            field,
            format!(
                "percentages must add up to 100 (they add up to {})",
                from_minor(total).normalize()
            ),
        ));
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
        default_currency: new.default_currency.trim().to_uppercase(),
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
            "must be an organisation of this country",
        )),
        Some((_, kind)) if kind.is_government() => errors.push(FieldError::new(
            "reporting_org_id",
            "must be a partner; government spending belongs in the budget",
        )),
        Some(_) => {}
    }
    if new.title.is_empty() || new.title.chars().count() > 300 {
        errors.push(FieldError::new("title", "must be 1 to 300 characters"));
    }
    if new.description.chars().count() > 4000 {
        errors.push(FieldError::new(
            "description",
            "must be at most 4000 characters",
        ));
    }
    if new
        .iati_identifier
        .as_ref()
        .is_some_and(|id| id.chars().count() > 200 || id.contains(char::is_whitespace))
    {
        errors.push(FieldError::new(
            "iati_identifier",
            "must be an IATI activity identifier: no spaces, at most 200 characters",
        ));
    }
    for (field, start, end) in [
        ("planned_end", new.planned_start, new.planned_end),
        ("actual_end", new.actual_start, new.actual_end),
    ] {
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            errors.push(FieldError::new(field, "must not be before the start date"));
        }
    }
    for (field, value, list, what) in [
        (
            "aid_type",
            &new.aid_type,
            &AID_TYPES,
            "an IATI aid type code",
        ),
        (
            "finance_type",
            &new.finance_type,
            &FINANCE_TYPES,
            "an IATI finance type code",
        ),
        (
            "earmarking",
            &new.earmarking,
            &EARMARKING,
            "an IATI earmarking category",
        ),
    ] {
        if let Some(code) = value
            && !list.is_active(code)
        {
            errors.push(FieldError::new(field, format!("{code:?} is not {what}")));
        }
    }
    if !CURRENCIES.is_active(&new.default_currency) {
        errors.push(FieldError::new(
            "default_currency",
            format!(
                "{:?} is not an ISO 4217 currency code",
                new.default_currency
            ),
        ));
    }
    if new
        .participants
        .iter()
        .any(|(id, _)| !facts.organisations.contains_key(id))
    {
        errors.push(FieldError::new(
            "participants",
            "must be organisations of this country",
        ));
    }
    if let Some(bad) = new.sectors.iter().find(|s| !SECTORS.is_active(&s.code)) {
        errors.push(FieldError::new(
            "sectors",
            format!("{:?} is not a DAC 5-digit sector code", bad.code),
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
            format!(
                "{:?} is not a priority of this country's strategy",
                bad.code
            ),
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
            "must be budget lines of this country",
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
            errors.push(FieldError::new(field, "must not list the same one twice"));
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
            "must be greater than zero",
        ));
    } else if to_minor(new.amount).is_none() {
        errors.push(FieldError::new(
            field("amount"),
            "must have at most two decimal places",
        ));
    }
    if let Some(currency) = &new.currency
        && !CURRENCIES.is_active(currency)
    {
        errors.push(FieldError::new(
            field("currency"),
            format!("{currency:?} is not an ISO 4217 currency code"),
        ));
    }
    for (name, id) in [
        ("provider_org_id", new.provider_org_id),
        ("receiver_org_id", new.receiver_org_id),
    ] {
        if id.is_some_and(|id| !facts.organisations.contains_key(&id)) {
            errors.push(FieldError::new(
                field(name),
                "must be an organisation of this country",
            ));
        }
    }
    if new
        .provider_activity_id
        .is_some_and(|id| !facts.activity_ids.contains(&id))
    {
        errors.push(FieldError::new(
            field("provider_activity_id"),
            "must be an activity of this country",
        ));
    }
    if new.description.chars().count() > 300 {
        errors.push(FieldError::new(
            field("description"),
            "must be at most 300 characters",
        ));
    }
    errors
}

/// Inserts a checked transaction.
pub async fn insert_transaction(
    db: &impl ConnectionTrait,
    facts: &CountryFacts,
    activity: &activity::Model,
    new: NewTransaction,
) -> Result<transaction::Model, AppError> {
    let amount_minor = to_minor(new.amount)
        .ok_or_else(|| AppError::invalid("amount", "must have at most two decimal places"))?;
    let o = new.overrides;
    Ok(transaction::ActiveModel {
        country_id: Set(facts.country_id),
        activity_id: Set(activity.id),
        kind: Set(new.kind.number()),
        transaction_date: Set(new.transaction_date),
        value_date: Set(new.value_date.unwrap_or(new.transaction_date)),
        amount_minor: Set(amount_minor),
        currency: Set(new
            .currency
            .unwrap_or_else(|| activity.default_currency.clone())),
        fiscal_year: Set(facts.fiscal_year(new.transaction_date)),
        provider_org_id: Set(new.provider_org_id),
        receiver_org_id: Set(new.receiver_org_id),
        provider_activity_id: Set(new.provider_activity_id),
        description: Set(new.description.trim().to_string()),
        on_budget: Set(o.on_budget),
        on_treasury: Set(o.on_treasury),
        on_procurement: Set(o.on_procurement),
        on_accounting: Set(o.on_accounting),
        on_audit: Set(o.on_audit),
        on_report: Set(o.on_report),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

async fn identifier_taken(
    db: &impl ConnectionTrait,
    country_id: i32,
    identifier: &str,
) -> Result<bool, AppError> {
    Ok(activity::Entity::find()
        .filter(activity::Column::CountryId.eq(country_id))
        .filter(activity::Column::IatiIdentifier.eq(identifier))
        .one(db)
        .await?
        .is_some())
}

/// Records an activity with its participants and shares.
#[tracing::instrument(skip(db, new), fields(title = %new.title))]
pub async fn create(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    new: NewActivity,
) -> Result<Activity, AppError> {
    let txn = db.begin().await?;
    let facts = CountryFacts::load(&txn, country_id).await?;
    let new = validate(&facts, new)?;
    if let Some(identifier) = &new.iati_identifier
        && identifier_taken(&txn, country_id, identifier).await?
    {
        return Err(AppError::invalid(
            "iati_identifier",
            format!("an activity with identifier {identifier:?} already exists in this country"),
        ));
    }
    let s = new.systems;
    let model = activity::ActiveModel {
        country_id: Set(country_id),
        reporting_org_id: Set(new.reporting_org_id),
        iati_identifier: Set(new.iati_identifier.clone()),
        title: Set(new.title.clone()),
        description: Set(new.description.clone()),
        status: Set(new.status.number()),
        planned_start: Set(new.planned_start),
        planned_end: Set(new.planned_end),
        actual_start: Set(new.actual_start),
        actual_end: Set(new.actual_end),
        money_type: Set(new.money_type.code().to_string()),
        aid_type: Set(new.aid_type.clone()),
        finance_type: Set(new.finance_type.clone()),
        earmarking: Set(new.earmarking.clone()),
        channel: Set(new.channel.code().to_string()),
        default_currency: Set(new.default_currency.clone()),
        on_plan: Set(s.on_plan),
        on_budget: Set(s.on_budget),
        on_treasury: Set(s.on_treasury),
        on_parliament: Set(s.on_parliament),
        on_procurement: Set(s.on_procurement),
        on_accounting: Set(s.on_accounting),
        on_audit: Set(s.on_audit),
        on_report: Set(s.on_report),
        published: Set(new.published),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (organisation_id, role) in &new.participants {
        activity_participant::ActiveModel {
            activity_id: Set(model.id),
            organisation_id: Set(*organisation_id),
            role: Set(role.number()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    for share in &new.sectors {
        activity_sector::ActiveModel {
            activity_id: Set(model.id),
            sector_code: Set(share.code.clone()),
            share_bp: Set(percent_to_bp(share.percent).unwrap_or_default()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    for share in &new.priorities {
        activity_priority::ActiveModel {
            activity_id: Set(model.id),
            priority_code: Set(share.code.clone()),
            share_bp: Set(percent_to_bp(share.percent).unwrap_or_default()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    for (line_id, percent) in &new.budget_lines {
        activity_budget_line::ActiveModel {
            activity_id: Set(model.id),
            budget_line_id: Set(*line_id),
            share_bp: Set(percent_to_bp(*percent).unwrap_or_default()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    audit::record(
        &txn,
        author,
        Some(country_id),
        "activity",
        model.id,
        Change::Create,
        None,
        Some(&new),
    )
    .await?;
    let created = load_many(&txn, &facts, vec![model]).await?;
    txn.commit().await?;
    created
        .into_iter()
        .next()
        .ok_or_else(|| AppError::internal("created activity did not load"))
}

/// An activity's row, with the country it belongs to.
pub async fn get_model(db: &impl ConnectionTrait, id: i32) -> Result<activity::Model, AppError> {
    activity::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("activity {id}")))
}

/// Adds a transaction to an activity.
#[tracing::instrument(skip(db))]
pub async fn add_transaction(
    db: &impl TransactionTrait,
    author: &Author,
    activity_id: i32,
    new: NewTransaction,
) -> Result<Transaction, AppError> {
    let txn = db.begin().await?;
    let activity = get_model(&txn, activity_id).await?;
    let facts = CountryFacts::load(&txn, activity.country_id).await?;
    let errors = check_transaction(&facts, &new, "");
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let model = insert_transaction(&txn, &facts, &activity, new).await?;
    let added = transaction_to_wire(&facts, model)?;
    audit::record(
        &txn,
        author,
        Some(activity.country_id),
        "transaction",
        added.id,
        Change::Create,
        None,
        Some(&added),
    )
    .await?;
    touch(&txn, activity).await?;
    txn.commit().await?;
    Ok(added)
}

async fn touch(db: &impl ConnectionTrait, activity: activity::Model) -> Result<(), AppError> {
    let mut model: activity::ActiveModel = activity.into();
    model.updated_at = Set(Utc::now());
    model.update(db).await?;
    Ok(())
}

/// Adds a planned disbursement to an activity; a period that spans country
/// fiscal years is split between them in proportion to its days.
#[tracing::instrument(skip(db))]
pub async fn add_planned_disbursement(
    db: &impl TransactionTrait,
    author: &Author,
    activity_id: i32,
    new: NewPlannedDisbursement,
) -> Result<Vec<PlannedDisbursement>, AppError> {
    let txn = db.begin().await?;
    let activity = get_model(&txn, activity_id).await?;
    let facts = CountryFacts::load(&txn, activity.country_id).await?;
    let mut errors = Vec::new();
    let amount_minor = match to_minor(new.amount) {
        Some(minor) if minor > 0 => minor,
        _ => {
            errors.push(FieldError::new(
                "planned_amount",
                "must be greater than zero, with two decimals at most",
            ));
            0
        }
    };
    if new.period_end < new.period_start {
        errors.push(FieldError::new(
            "period_end",
            "must not be before the period starts",
        ));
    }
    let currency = new
        .currency
        .map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| activity.default_currency.clone());
    if !CURRENCIES.is_active(&currency) {
        errors.push(FieldError::new(
            "planned_currency",
            format!("{currency:?} is not an ISO 4217 currency code"),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    // A period over two country fiscal years is kept as one row per year,
    // its amount shared by days.
    let mut added = Vec::new();
    for part in split_by_fiscal_year(
        new.period_start,
        new.period_end,
        amount_minor,
        facts.fiscal_year_start_month,
    ) {
        let model = planned_disbursement::ActiveModel {
            activity_id: Set(activity.id),
            period_start: Set(part.first_day),
            period_end: Set(part.last_day),
            amount_minor: Set(part.amount_minor),
            currency: Set(currency.clone()),
            fiscal_year: Set(part.fiscal_year.start_year),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        added.push(planned_to_wire(model));
    }
    audit::record(
        &txn,
        author,
        Some(activity.country_id),
        "planned_disbursement",
        activity.id,
        Change::Create,
        None,
        Some(&added),
    )
    .await?;
    touch(&txn, activity).await?;
    txn.commit().await?;
    Ok(added)
}

fn planned_to_wire(model: planned_disbursement::Model) -> PlannedDisbursement {
    PlannedDisbursement {
        id: model.id,
        period_start: model.period_start,
        period_end: model.period_end,
        amount: from_minor(model.amount_minor),
        currency: model.currency,
        fiscal_year: model.fiscal_year,
    }
}

fn transaction_to_wire(
    facts: &CountryFacts,
    model: transaction::Model,
) -> Result<Transaction, AppError> {
    let kind = TransactionKind::from_number(model.kind).ok_or_else(|| {
        AppError::internal(format!("transaction {} has kind {}", model.id, model.kind))
    })?;
    Ok(Transaction {
        id: model.id,
        activity_id: model.activity_id,
        kind,
        transaction_date: model.transaction_date,
        value_date: model.value_date,
        amount: from_minor(model.amount_minor),
        currency: model.currency,
        fiscal_year: model.fiscal_year,
        provider: model.provider_org_id.map(|id| facts.organisation_ref(id)),
        receiver: model.receiver_org_id.map(|id| facts.organisation_ref(id)),
        provider_activity_id: model.provider_activity_id,
        description: model.description,
        overrides: SystemOverrides {
            on_budget: model.on_budget,
            on_treasury: model.on_treasury,
            on_procurement: model.on_procurement,
            on_accounting: model.on_accounting,
            on_audit: model.on_audit,
            on_report: model.on_report,
        },
    })
}

/// Activities with everything that hangs off them, in a few queries
/// whatever their number.
async fn load_many(
    db: &impl ConnectionTrait,
    facts: &CountryFacts,
    models: Vec<activity::Model>,
) -> Result<Vec<Activity>, AppError> {
    let ids: Vec<i32> = models.iter().map(|m| m.id).collect();
    let mut participants: HashMap<i32, Vec<(OrganisationRef, ParticipantRole)>> = HashMap::new();
    for p in activity_participant::Entity::find()
        .filter(activity_participant::Column::ActivityId.is_in(ids.clone()))
        .order_by_asc(activity_participant::Column::Id)
        .all(db)
        .await?
    {
        if let Some(role) = ParticipantRole::from_number(p.role) {
            participants
                .entry(p.activity_id)
                .or_default()
                .push((facts.organisation_ref(p.organisation_id), role));
        }
    }
    let mut sectors: HashMap<i32, Vec<Share>> = HashMap::new();
    for s in activity_sector::Entity::find()
        .filter(activity_sector::Column::ActivityId.is_in(ids.clone()))
        .order_by_asc(activity_sector::Column::Id)
        .all(db)
        .await?
    {
        sectors.entry(s.activity_id).or_default().push(Share {
            code: s.sector_code,
            percent: bp_to_percent(s.share_bp),
        });
    }
    let mut priorities: HashMap<i32, Vec<Share>> = HashMap::new();
    for s in activity_priority::Entity::find()
        .filter(activity_priority::Column::ActivityId.is_in(ids.clone()))
        .order_by_asc(activity_priority::Column::Id)
        .all(db)
        .await?
    {
        priorities.entry(s.activity_id).or_default().push(Share {
            code: s.priority_code,
            percent: bp_to_percent(s.share_bp),
        });
    }
    let mut lines: HashMap<i32, Vec<(String, String, Decimal)>> = HashMap::new();
    for l in activity_budget_line::Entity::find()
        .filter(activity_budget_line::Column::ActivityId.is_in(ids.clone()))
        .order_by_asc(activity_budget_line::Column::Id)
        .all(db)
        .await?
    {
        let (code, name) = facts
            .budget_lines
            .get(&l.budget_line_id)
            .cloned()
            .unwrap_or_default();
        lines
            .entry(l.activity_id)
            .or_default()
            .push((code, name, bp_to_percent(l.share_bp)));
    }
    let mut transactions: HashMap<i32, Vec<Transaction>> = HashMap::new();
    for t in transaction::Entity::find()
        .filter(transaction::Column::ActivityId.is_in(ids.clone()))
        .order_by_asc(transaction::Column::TransactionDate)
        .order_by_asc(transaction::Column::Id)
        .all(db)
        .await?
    {
        transactions
            .entry(t.activity_id)
            .or_default()
            .push(transaction_to_wire(facts, t)?);
    }
    let mut planned: HashMap<i32, Vec<PlannedDisbursement>> = HashMap::new();
    for p in planned_disbursement::Entity::find()
        .filter(planned_disbursement::Column::ActivityId.is_in(ids))
        .order_by_asc(planned_disbursement::Column::PeriodStart)
        .all(db)
        .await?
    {
        planned
            .entry(p.activity_id)
            .or_default()
            .push(planned_to_wire(p));
    }
    models
        .into_iter()
        .map(|m| {
            let bad = |what: &str| AppError::internal(format!("activity {} has bad {what}", m.id));
            Ok(Activity {
                id: m.id,
                reporting_org: facts.organisation_ref(m.reporting_org_id),
                status: ActivityStatus::from_number(m.status).ok_or_else(|| bad("status"))?,
                money_type: MoneyType::from_code(&m.money_type).ok_or_else(|| bad("money type"))?,
                channel: Channel::from_code(&m.channel).ok_or_else(|| bad("channel"))?,
                systems: CountrySystems {
                    on_plan: m.on_plan,
                    on_budget: m.on_budget,
                    on_treasury: m.on_treasury,
                    on_parliament: m.on_parliament,
                    on_procurement: m.on_procurement,
                    on_accounting: m.on_accounting,
                    on_audit: m.on_audit,
                    on_report: m.on_report,
                },
                participants: participants.remove(&m.id).unwrap_or_default(),
                sectors: sectors.remove(&m.id).unwrap_or_default(),
                priorities: priorities.remove(&m.id).unwrap_or_default(),
                budget_lines: lines.remove(&m.id).unwrap_or_default(),
                transactions: transactions.remove(&m.id).unwrap_or_default(),
                planned_disbursements: planned.remove(&m.id).unwrap_or_default(),
                iati_identifier: m.iati_identifier,
                title: m.title,
                description: m.description,
                planned_start: m.planned_start,
                planned_end: m.planned_end,
                actual_start: m.actual_start,
                actual_end: m.actual_end,
                aid_type: m.aid_type,
                finance_type: m.finance_type,
                earmarking: m.earmarking,
                default_currency: m.default_currency,
                published: m.published,
            })
        })
        .collect()
}

/// One organisation's activities in a country, published or not.
pub async fn of_organisation(
    db: &impl ConnectionTrait,
    country_id: i32,
    organisation_id: i32,
) -> Result<Vec<Activity>, AppError> {
    let facts = CountryFacts::load(db, country_id).await?;
    let models = activity::Entity::find()
        .filter(activity::Column::CountryId.eq(country_id))
        .filter(activity::Column::ReportingOrgId.eq(organisation_id))
        .order_by_asc(activity::Column::Title)
        .all(db)
        .await?;
    load_many(db, &facts, models).await
}

/// A country's published activities with their flows (the public API).
pub async fn published(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Vec<Activity>, AppError> {
    let facts = CountryFacts::load(db, country_id).await?;
    let models = activity::Entity::find()
        .filter(activity::Column::CountryId.eq(country_id))
        .filter(activity::Column::Published.eq(true))
        .order_by_asc(activity::Column::ReportingOrgId)
        .order_by_asc(activity::Column::Title)
        .all(db)
        .await?;
    load_many(db, &facts, models).await
}
