use crate::i18n::td_string;
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
            td_string!(crate::language::current(), rules.country_code_format),
        ));
    } else if COUNTRIES.get(&code).is_none() && !is_user_assigned_country_code(&code) {
        errors.push(FieldError::new(
            "code",
            td_string!(
                crate::language::current(),
                rules.not_a_country_code,
                code = &code
            )
            .to_string(),
        ));
    }
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(FieldError::new(
            "name",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 200
            )
            .to_string(),
        ));
    }
    let currency = Currency::check("currency", &new.currency)
        .map_err(|error| errors.push(error))
        .ok();
    if !(1..=12).contains(&new.fiscal_year_start_month) {
        errors.push(FieldError::new(
            "fiscal_year_start_month",
            td_string!(crate::language::current(), rules.month_number),
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
            td_string!(
                crate::language::current(),
                rules.country_exists,
                code = new.code
            )
            .to_string(),
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

/// Sets the language the country's pages speak to a visitor who has chosen
/// none the site speaks. `shown` is the language the form showed: when
/// another administrator changed it since, nothing is written.
#[tracing::instrument(skip(db))]
pub async fn set_language(
    db: &impl TransactionTrait,
    author: &Author,
    code: &str,
    language: crate::language::Locale,
    shown: &str,
) -> Result<Country, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let model = get_model(&txn, code).await?;
    if model.language != shown {
        return Err(AppError::Stale(
            td_string!(crate::language::current(), rules.country_language_changed).to_string(),
        ));
    }
    let id = model.id;
    let before = to_wire(model.clone());
    let mut active = sea_orm::IntoActiveModel::into_active_model(model);
    active.language = Set(crate::language::code(language).to_string());
    let after = to_wire(active.update(&txn).await?);
    if after != before {
        audit::record(
            &txn,
            author,
            Some(id),
            "country",
            id,
            Change::Update,
            Some(&before),
            Some(&after),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(after)
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
    find_model(db, code).await?.ok_or_else(|| {
        AppError::NotFound(
            td_string!(crate::language::current(), rules.what_country, id = code).to_string(),
        )
    })
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
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(crate::language::current(), rules.what_country, id).to_string(),
            )
        })
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
