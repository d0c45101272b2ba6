//! Accounts: creation, passwords, and who a signed-in user is.

use crate::i18n::td_string;
use entities::{country, membership, organisation, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use crate::services::accounts::password;
use crate::types::{Actor, Membership, Role};
use crate::types::{IssuedPassword, NewUser, UserChanges, UserSummary};
use crate::{AppError, FieldError};

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::accounts::organisations;
use crate::services::versions;

const OBJECT_TYPE: &str = "user";

/// An email as accounts are kept and looked up: trimmed, lower-case.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

fn validate(new: NewUser) -> Result<NewUser, AppError> {
    let email = normalise_email(&new.email);
    let display_name = new.display_name.trim().to_string();
    let mut errors = Vec::new();
    let well_formed = email.len() <= 254
        && !email.contains(char::is_whitespace)
        && email
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'));
    if !well_formed {
        errors.push(FieldError::new(
            "email",
            td_string!(crate::language::current(), rules.email_format),
        ));
    }
    if display_name.is_empty() || display_name.chars().count() > 200 {
        errors.push(FieldError::new(
            "display_name",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 200
            )
            .to_string(),
        ));
    }
    if errors.is_empty() {
        Ok(NewUser {
            email,
            display_name,
            ..new
        })
    } else {
        Err(AppError::Invalid(errors))
    }
}

pub(crate) async fn summary(
    db: &impl ConnectionTrait,
    model: &user::Model,
) -> Result<UserSummary, AppError> {
    let org = organisations::get_model(db, model.organisation_id).await?;
    let role = membership::Entity::find()
        .filter(membership::Column::UserId.eq(model.id))
        .filter(membership::Column::CountryId.eq(org.country_id))
        .one(db)
        .await?
        .and_then(|m| Role::from_code(&m.role));
    Ok(UserSummary {
        id: model.id,
        email: model.email.clone(),
        display_name: model.display_name.clone(),
        organisation_id: org.id,
        organisation_name: org.name,
        role,
        signatory: model.is_signatory,
        must_change_password: model.must_change_password,
        disabled: model.disabled_at.is_some(),
        language: model.language.clone(),
        version: model.version,
    })
}

pub(crate) async fn get_model(db: &impl ConnectionTrait, id: i32) -> Result<user::Model, AppError> {
    user::Entity::find_by_id(id).one(db).await?.ok_or_else(|| {
        AppError::NotFound(td_string!(crate::language::current(), rules.what_user, id).to_string())
    })
}

pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<user::Model>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(normalise_email(email)))
        .one(db)
        .await?)
}

/// Creates an account with a role in its organisation's country. Without a
/// `password` a one-time password is issued, to be replaced at first sign-in.
#[tracing::instrument(skip(db, password))]
pub async fn create(
    db: &impl TransactionTrait,
    author: &Author,
    new: NewUser,
    password: Option<String>,
) -> Result<IssuedPassword, AppError> {
    let new = validate(new)?;
    if let Some(p) = &password {
        password::validate("password", p)?;
    }
    let must_change = password.is_none();
    let password = password.unwrap_or_else(password::one_time_password);
    let hash = password::hash(password.clone()).await?;
    let txn = crate::services::locks::begin(db).await?;
    if find_by_email(&txn, &new.email).await?.is_some() {
        return Err(AppError::invalid(
            "email",
            td_string!(
                crate::language::current(),
                rules.account_exists,
                email = new.email
            )
            .to_string(),
        ));
    }
    let org = organisation::Entity::find_by_id(new.organisation_id)
        .one(&txn)
        .await?
        .ok_or_else(|| {
            AppError::invalid(
                "organisation_id",
                td_string!(crate::language::current(), rules.existing_organisation),
            )
        })?;
    if org.deactivated_at.is_some() {
        return Err(AppError::invalid(
            "organisation_id",
            td_string!(
                crate::language::current(),
                rules.organisation_deactivated,
                name = org.name
            )
            .to_string(),
        ));
    }
    let model = user::ActiveModel {
        email: Set(new.email),
        display_name: Set(new.display_name),
        organisation_id: Set(org.id),
        password_hash: Set(hash),
        must_change_password: Set(must_change),
        is_signatory: Set(new.signatory),
        created_at: Set(crate::services::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    membership::ActiveModel {
        user_id: Set(model.id),
        country_id: Set(org.country_id),
        role: Set(new.role.code().to_string()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let user = summary(&txn, &model).await?;
    audit::record(
        &txn,
        author,
        Some(org.country_id),
        OBJECT_TYPE,
        user.id,
        Change::Create,
        None,
        Some(&user),
    )
    .await?;
    txn.commit().await?;
    Ok(IssuedPassword {
        user,
        one_time_password: password,
    })
}

/// Changes an account's name, role in its organisation's country, and
/// signatory flag.
#[tracing::instrument(skip(db))]
pub async fn update(
    db: &impl TransactionTrait,
    author: &Author,
    user_id: i32,
    changes: UserChanges,
    opened_at: i32,
) -> Result<UserSummary, AppError> {
    let display_name = changes.display_name.trim().to_string();
    if display_name.is_empty() || display_name.chars().count() > 200 {
        return Err(AppError::invalid(
            "display_name",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 200
            )
            .to_string(),
        ));
    }
    let txn = crate::services::locks::begin(db).await?;
    let columns = (user::Column::Id, user::Column::Version);
    let object = (OBJECT_TYPE, user_id);
    let was =
        versions::advance::<user::Entity>(&txn, "the account", object, columns, opened_at).await?;
    let model = get_model(&txn, user_id).await?;
    let before = UserSummary {
        version: was,
        ..summary(&txn, &model).await?
    };
    let country_id = organisations::get_model(&txn, model.organisation_id)
        .await?
        .country_id;
    let mut active: user::ActiveModel = model.into();
    active.display_name = Set(display_name);
    active.is_signatory = Set(changes.signatory);
    let updated = active.update(&txn).await?;
    let existing = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::CountryId.eq(country_id))
        .one(&txn)
        .await?;
    match existing {
        Some(m) => {
            let mut m: membership::ActiveModel = m.into();
            m.role = Set(changes.role.code().to_string());
            m.update(&txn).await?;
        }
        None => {
            membership::ActiveModel {
                user_id: Set(user_id),
                country_id: Set(country_id),
                role: Set(changes.role.code().to_string()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    let after = summary(&txn, &updated).await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        OBJECT_TYPE,
        user_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Replaces a user's password with a one-time password they must change.
#[tracing::instrument(skip(db))]
pub async fn reset_password(
    db: &impl TransactionTrait,
    author: &Author,
    user_id: i32,
) -> Result<IssuedPassword, AppError> {
    let password = password::one_time_password();
    let hash = password::hash(password.clone()).await?;
    let txn = crate::services::locks::begin(db).await?;
    let model = get_model(&txn, user_id).await?;
    let before = summary(&txn, &model).await?;
    let model_epoch = model.session_epoch;
    let mut active: user::ActiveModel = model.into();
    let epoch = model_epoch.saturating_add(1);
    active.password_hash = Set(hash);
    active.must_change_password = Set(true);
    active.session_epoch = Set(epoch);
    let after = summary(&txn, &active.update(&txn).await?).await?;
    let country_id = organisations::get_model(&txn, after.organisation_id)
        .await?
        .country_id;
    audit::record(
        &txn,
        author,
        Some(country_id),
        OBJECT_TYPE,
        user_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(IssuedPassword {
        user: after,
        one_time_password: password,
    })
}

/// The signed-in user replaces their own password.
#[tracing::instrument(skip(db, current, new))]
pub async fn change_password(
    db: &impl TransactionTrait,
    actor: &Actor,
    current: String,
    new: String,
) -> Result<(), AppError> {
    password::validate("new_password", &new)?;
    if new == current {
        return Err(AppError::invalid(
            "new_password",
            td_string!(crate::language::current(), rules.password_same),
        ));
    }
    let txn = crate::services::locks::begin(db).await?;
    let model = get_model(&txn, actor.user_id).await?;
    if !password::verify(current, Some(model.password_hash.clone())).await? {
        return Err(AppError::invalid(
            "current_password",
            td_string!(crate::language::current(), rules.not_current_password),
        ));
    }
    let hash = password::hash(new).await?;
    let before = summary(&txn, &model).await?;
    let model_epoch = model.session_epoch;
    let mut active: user::ActiveModel = model.into();
    let epoch = model_epoch.saturating_add(1);
    active.password_hash = Set(hash);
    active.must_change_password = Set(false);
    active.session_epoch = Set(epoch);
    update_own(txn, actor, &before, active).await
}

/// Writes a change the user made to their own account, with its audit
/// entry, and commits.
async fn update_own<T: ConnectionTrait + TransactionSession>(
    txn: T,
    actor: &Actor,
    before: &UserSummary,
    active: user::ActiveModel,
) -> Result<(), AppError> {
    let after = summary(&txn, &active.update(&txn).await?).await?;
    audit::record(
        &txn,
        &Author::user(actor),
        actor.home_country().map(|m| m.country_id),
        OBJECT_TYPE,
        actor.user_id,
        Change::Update,
        Some(before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The signed-in user's choice of interface language (`en`, `fr`, `pt`),
/// kept on the account so that it follows them to every browser they sign
/// in from. Choosing the language already chosen writes nothing.
#[tracing::instrument(skip(db))]
pub async fn set_language(
    db: &impl TransactionTrait,
    actor: &Actor,
    language: crate::language::Locale,
) -> Result<(), AppError> {
    let code = crate::language::code(language).to_string();
    let txn = crate::services::locks::begin(db).await?;
    let model = get_model(&txn, actor.user_id).await?;
    if model.language.as_deref() == Some(code.as_str()) {
        return Ok(());
    }
    let before = summary(&txn, &model).await?;
    let mut active: user::ActiveModel = model.into();
    active.language = Set(Some(code));
    update_own(txn, actor, &before, active).await
}

/// The user whose email and password these are; `None` for a wrong
/// password and an unknown email alike, after the same work.
pub async fn authenticate(
    db: &impl ConnectionTrait,
    email: &str,
    password: &str,
) -> Result<Option<user::Model>, AppError> {
    let model = find_by_email(db, email).await?;
    let stored = model.as_ref().map(|m| m.password_hash.clone());
    let ok = password::verify(password.to_string(), stored).await?;
    Ok(model.filter(|_| ok))
}

/// The user's session epoch; `None` when the account is gone or disabled,
/// which ends its sessions.
pub async fn session_epoch(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Option<i32>, AppError> {
    Ok(user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .filter(|u| u.disabled_at.is_none())
        .map(|u| u.session_epoch))
}

/// Everything the policy needs to know about a user.
pub async fn actor(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<Actor>, AppError> {
    let Some(model) = user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(None);
    };
    let org = organisations::get_model(db, model.organisation_id).await?;
    let rows = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .find_also_related(country::Entity)
        .order_by_asc(membership::Column::Id)
        .all(db)
        .await?;
    let memberships = rows
        .into_iter()
        .filter_map(|(m, c)| {
            Some(Membership {
                country_id: m.country_id,
                country_code: c?.code,
                role: Role::from_code(&m.role)?,
            })
        })
        .collect();
    Ok(Some(Actor {
        user_id: model.id,
        email: model.email,
        display_name: model.display_name,
        organisation_id: org.id,
        organisation_name: org.name,
        signatory: model.is_signatory,
        must_change_password: model.must_change_password,
        memberships,
    }))
}

/// The accounts whose organisation is in the country, with their role there.
pub async fn list(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Vec<UserSummary>, AppError> {
    let rows = user::Entity::find()
        .find_also_related(organisation::Entity)
        .filter(organisation::Column::CountryId.eq(country_id))
        .order_by_asc(user::Column::Email)
        .all(db)
        .await?;
    let roles = membership::Entity::find()
        .filter(membership::Column::CountryId.eq(country_id))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(u, org)| {
            let org = org?;
            let role = roles
                .iter()
                .find(|m| m.user_id == u.id)
                .and_then(|m| Role::from_code(&m.role));
            Some(UserSummary {
                id: u.id,
                email: u.email,
                display_name: u.display_name,
                organisation_id: org.id,
                organisation_name: org.name,
                role,
                signatory: u.is_signatory,
                must_change_password: u.must_change_password,
                disabled: u.disabled_at.is_some(),
                language: u.language,
                version: u.version,
            })
        })
        .collect())
}
