use crate::i18n::td_string;
use chrono::Utc;
use entities::organisation;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use crate::codelists::ORGANISATION_TYPES;
use crate::types::{NewOrganisation, Organisation, OrganisationKind};
use crate::{AppError, FieldError};

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::versions;

const OBJECT_TYPE: &str = "organisation";

pub(crate) fn to_wire(model: organisation::Model) -> Result<Organisation, AppError> {
    let kind = OrganisationKind::from_code(&model.kind).ok_or_else(|| {
        AppError::internal(format!(
            "organisation {} has unknown kind {:?}",
            model.id, model.kind
        ))
    })?;
    Ok(Organisation {
        id: model.id,
        name: model.name,
        acronym: model.acronym,
        kind,
        iati_id: model.iati_id,
        iati_type_code: model.iati_type_code,
        active: model.deactivated_at.is_none(),
        version: model.version,
    })
}

/// Checks and normalises a new organisation; blank optional fields become `None`.
pub fn validate(new: NewOrganisation) -> Result<NewOrganisation, AppError> {
    let blank_to_none =
        |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let name = new.name.trim().to_string();
    let acronym = blank_to_none(new.acronym);
    let iati_id = blank_to_none(new.iati_id);
    let iati_type_code = blank_to_none(new.iati_type_code);
    let mut errors = Vec::new();
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
    if acronym.as_ref().is_some_and(|a| a.chars().count() > 40) {
        errors.push(FieldError::new(
            "acronym",
            td_string!(crate::language::current(), rules.too_long, max = 40).to_string(),
        ));
    }
    if iati_id
        .as_ref()
        .is_some_and(|id| id.chars().count() > 100 || id.contains(char::is_whitespace))
    {
        errors.push(FieldError::new(
            "iati_id",
            td_string!(crate::language::current(), rules.iati_org_id_format),
        ));
    }
    if let Some(code) = &iati_type_code
        && !ORGANISATION_TYPES.is_active(code)
    {
        errors.push(FieldError::new(
            "iati_type_code",
            td_string!(
                crate::language::current(),
                rules.not_an_org_type,
                code = format!("{code:?}")
            )
            .to_string(),
        ));
    }
    if errors.is_empty() {
        Ok(NewOrganisation {
            name,
            acronym,
            kind: new.kind,
            iati_id,
            iati_type_code,
        })
    } else {
        Err(AppError::Invalid(errors))
    }
}

pub async fn list(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Vec<Organisation>, AppError> {
    organisation::Entity::find()
        .filter(organisation::Column::CountryId.eq(country_id))
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(to_wire)
        .collect()
}

/// The country's organisations that forms offer: those not deactivated.
pub async fn active(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Vec<Organisation>, AppError> {
    Ok(list(db, country_id)
        .await?
        .into_iter()
        .filter(|o| o.active)
        .collect())
}

pub(crate) async fn get_model(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<organisation::Model, AppError> {
    organisation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(crate::language::current(), rules.what_organisation, id).to_string(),
            )
        })
}

pub async fn get(db: &impl ConnectionTrait, id: i32) -> Result<(i32, Organisation), AppError> {
    let model = get_model(db, id).await?;
    Ok((model.country_id, to_wire(model)?))
}

/// Refuses a name, acronym or IATI identifier that another organisation of
/// the country already has (acronyms whatever their case): a file's rows
/// are matched to organisations by them.
async fn ensure_unique(
    db: &impl ConnectionTrait,
    country_id: i32,
    new: &NewOrganisation,
    except: Option<i32>,
) -> Result<(), AppError> {
    let others = || {
        let query =
            organisation::Entity::find().filter(organisation::Column::CountryId.eq(country_id));
        match except {
            Some(id) => query.filter(organisation::Column::Id.ne(id)),
            None => query,
        }
    };
    let mut errors = Vec::new();
    if others()
        .filter(organisation::Column::Name.eq(new.name.as_str()))
        .one(db)
        .await?
        .is_some()
    {
        errors.push(FieldError::new(
            "name",
            td_string!(
                crate::language::current(),
                rules.org_name_taken,
                name = format!("{:?}", new.name)
            )
            .to_string(),
        ));
    }
    if let Some(acronym) = &new.acronym {
        let lower = Expr::expr(Func::lower(Expr::col(organisation::Column::Acronym)));
        if others()
            .filter(lower.eq(acronym.to_lowercase()))
            .one(db)
            .await?
            .is_some()
        {
            errors.push(FieldError::new(
                "acronym",
                td_string!(
                    crate::language::current(),
                    rules.org_acronym_taken,
                    acronym = format!("{acronym:?}")
                )
                .to_string(),
            ));
        }
    }
    if let Some(iati_id) = &new.iati_id
        && others()
            .filter(organisation::Column::IatiId.eq(iati_id.as_str()))
            .one(db)
            .await?
            .is_some()
    {
        errors.push(FieldError::new(
            "iati_id",
            td_string!(
                crate::language::current(),
                rules.org_iati_taken,
                id = format!("{iati_id:?}")
            )
            .to_string(),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// Adds an organisation to a country, with its audit entry, in one transaction.
#[tracing::instrument(skip(db))]
pub async fn create(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    new: NewOrganisation,
) -> Result<Organisation, AppError> {
    let new = validate(new)?;
    let txn = crate::services::locks::begin(db).await?;
    ensure_unique(&txn, country_id, &new, None).await?;
    let model = organisation::ActiveModel {
        country_id: Set(country_id),
        name: Set(new.name),
        acronym: Set(new.acronym),
        kind: Set(new.kind.code().to_string()),
        iati_id: Set(new.iati_id),
        iati_type_code: Set(new.iati_type_code),
        created_at: Set(crate::services::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let created = to_wire(model)?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        OBJECT_TYPE,
        created.id,
        Change::Create,
        None,
        Some(&created),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Moves organisation `id` on to its next version as a change's first
/// write (which locks the row until the change commits); refuses unless it
/// was at `opened_at`, when given. Returns the row, at its new version.
pub(crate) async fn advance(
    db: &impl ConnectionTrait,
    id: i32,
    opened_at: Option<i32>,
) -> Result<organisation::Model, AppError> {
    organisation::Entity::update_many()
        .col_expr(
            organisation::Column::Version,
            Expr::col(organisation::Column::Version).add(1),
        )
        .filter(organisation::Column::Id.eq(id))
        .exec(db)
        .await?;
    let model = get_model(db, id).await?;
    if let Some(opened_at) = opened_at {
        let was = model.version.saturating_sub(1);
        versions::ensure(db, "the organisation", (OBJECT_TYPE, id), was, opened_at).await?;
    }
    Ok(model)
}

/// An organisation as it was before [`advance`] moved its version on: the
/// audit's "before".
pub(crate) fn as_was(model: &organisation::Model) -> Result<Organisation, AppError> {
    to_wire(organisation::Model {
        version: model.version.saturating_sub(1),
        ..model.clone()
    })
}

/// Changes an organisation's details, opened at version `opened_at`, with
/// its audit entry, in one transaction.
#[tracing::instrument(skip(db))]
pub async fn update(
    db: &impl TransactionTrait,
    author: &Author,
    id: i32,
    opened_at: i32,
    changes: NewOrganisation,
) -> Result<Organisation, AppError> {
    let changes = validate(changes)?;
    let txn = crate::services::locks::begin(db).await?;
    let model = advance(&txn, id, Some(opened_at)).await?;
    let country_id = model.country_id;
    ensure_unique(&txn, country_id, &changes, Some(id)).await?;
    let before = as_was(&model)?;
    let mut active: organisation::ActiveModel = model.into();
    active.name = Set(changes.name);
    active.acronym = Set(changes.acronym);
    active.kind = Set(changes.kind.code().to_string());
    active.iati_id = Set(changes.iati_id);
    active.iati_type_code = Set(changes.iati_type_code);
    let after = to_wire(active.update(&txn).await?)?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        OBJECT_TYPE,
        id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    if before.kind != after.kind {
        // Whether it is a pooled fund or a ministry places every flow.
        crate::services::funding::cells::rebuild(&txn, country_id).await?;
    }
    txn.commit().await?;
    Ok(after)
}

/// Returns the country's organisation of that name, creating it when absent.
pub async fn ensure(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    new: NewOrganisation,
) -> Result<Organisation, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let existing = organisation::Entity::find()
        .filter(organisation::Column::CountryId.eq(country_id))
        .filter(organisation::Column::Name.eq(new.name.trim()))
        .one(&txn)
        .await?;
    txn.commit().await?;
    match existing {
        Some(model) => to_wire(model),
        None => create(db, author, country_id, new).await,
    }
}

/// Deactivates an organisation (`active: false`) or brings it back: it
/// leaves or rejoins the forms' choices; its history and flows stay.
#[tracing::instrument(skip(db))]
pub async fn set_active(
    db: &impl TransactionTrait,
    author: &Author,
    id: i32,
    active: bool,
) -> Result<Organisation, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let model = advance(&txn, id, None).await?;
    if model.deactivated_at.is_none() == active {
        let name = &model.name;
        let message = if active {
            td_string!(crate::language::current(), rules.org_already_active, name).to_string()
        } else {
            td_string!(
                crate::language::current(),
                rules.org_already_deactivated,
                name
            )
            .to_string()
        };
        return Err(AppError::invalid("id", message));
    }
    let before = as_was(&model)?;
    let country_id = model.country_id;
    let mut row: organisation::ActiveModel = model.into();
    row.deactivated_at = Set((!active).then(Utc::now));
    let after = to_wire(row.update(&txn).await?)?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        OBJECT_TYPE,
        id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
