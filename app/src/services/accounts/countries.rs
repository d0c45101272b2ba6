use entities::country;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use crate::codelists::{COUNTRIES, is_user_assigned_country_code};
use crate::types::{Country, CountrySummary, FiscalYear, KindCount, NewCountry};
use crate::{AppError, FieldError};

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::accounts::organisations;
use crate::types::Currency;

pub(crate) fn to_wire(model: country::Model) -> Country {
    Country {
        code: model.code,
        name: model.name,
        currency: Currency::stored(model.currency),
        fiscal_year_start_month: u32::try_from(model.fiscal_year_start_month).unwrap_or(1),
        language: model.language,
    }
}

/// Checks and normalises a new country: codes upper-cased, names trimmed.
pub fn validate(new: NewCountry) -> Result<NewCountry, AppError> {
    let code = new.code.trim().to_ascii_uppercase();
    let name = new.name.trim().to_string();
    let mut errors = Vec::new();
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        errors.push(FieldError::new(
            "code",
            "must be an ISO 3166-1 alpha-2 code: two letters, such as TL",
        ));
    } else if COUNTRIES.get(&code).is_none() && !is_user_assigned_country_code(&code) {
        errors.push(FieldError::new(
            "code",
            format!("{code} is not an ISO 3166-1 country code"),
        ));
    }
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(FieldError::new("name", "must be 1 to 200 characters"));
    }
    let currency = Currency::check("currency", &new.currency)
        .map_err(|error| errors.push(error))
        .ok();
    if !(1..=12).contains(&new.fiscal_year_start_month) {
        errors.push(FieldError::new(
            "fiscal_year_start_month",
            "must be a month number from 1 to 12",
        ));
    }
    match (errors.is_empty(), currency) {
        (true, Some(currency)) => Ok(NewCountry {
            code,
            name,
            currency: currency.into(),
            fiscal_year_start_month: new.fiscal_year_start_month,
        }),
        _ => Err(AppError::Invalid(errors)),
    }
}

/// Adds a country, with its audit entry, in one transaction.
#[tracing::instrument(skip(db))]
pub async fn create(
    db: &impl TransactionTrait,
    author: &Author,
    new: NewCountry,
) -> Result<Country, AppError> {
    let new = validate(new)?;
    let txn = crate::services::locks::begin(db).await?;
    if find_model(&txn, &new.code).await?.is_some() {
        return Err(AppError::invalid(
            "code",
            format!("a country with code {} already exists", new.code),
        ));
    }
    let model = country::ActiveModel {
        code: Set(new.code),
        name: Set(new.name),
        currency: Set(new.currency),
        fiscal_year_start_month: Set(i16::try_from(new.fiscal_year_start_month).unwrap_or(1)),
        created_at: Set(crate::services::now()),
        language: Set(crate::language::code(crate::language::Locale::default()).to_string()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let id = model.id;
    let country = to_wire(model);
    audit::record(
        &txn,
        author,
        Some(id),
        "country",
        id,
        Change::Create,
        None,
        Some(&country),
    )
    .await?;
    txn.commit().await?;
    Ok(country)
}

pub(crate) async fn find_model(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<country::Model>, AppError> {
    Ok(country::Entity::find()
        .filter(country::Column::Code.eq(code.to_ascii_uppercase()))
        .one(db)
        .await?)
}

pub(crate) async fn get_model(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<country::Model, AppError> {
    find_model(db, code)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("country {code}")))
}

/// The country's database id and its wire form.
pub async fn get_with_id(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<(i32, Country), AppError> {
    let model = get_model(db, code).await?;
    Ok((model.id, to_wire(model)))
}

pub async fn get(db: &impl ConnectionTrait, code: &str) -> Result<Country, AppError> {
    get_model(db, code).await.map(to_wire)
}

pub async fn get_by_id(db: &impl ConnectionTrait, id: i32) -> Result<Country, AppError> {
    country::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(to_wire)
        .ok_or_else(|| AppError::NotFound(format!("country {id}")))
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Country>, AppError> {
    let models = country::Entity::find()
        .order_by_asc(country::Column::Name)
        .all(db)
        .await?;
    Ok(models.into_iter().map(to_wire).collect())
}

#[tracing::instrument(skip(db))]
pub async fn summary(db: &impl ConnectionTrait, code: &str) -> Result<CountrySummary, AppError> {
    let model = get_model(db, code).await?;
    let organisations = organisations::list(db, model.id).await?;
    let country = to_wire(model);
    let mut kinds: Vec<KindCount> = Vec::new();
    for org in &organisations {
        match kinds.iter_mut().find(|k| k.kind == org.kind) {
            Some(k) => k.count += 1,
            None => kinds.push(KindCount {
                kind: org.kind,
                count: 1,
            }),
        }
    }
    kinds.sort_by_key(|k| k.kind);
    Ok(CountrySummary {
        current_fiscal_year: FiscalYear::containing(
            crate::services::now().date_naive(),
            country.fiscal_year_start_month,
        ),
        country,
        organisations,
        kinds,
    })
}
