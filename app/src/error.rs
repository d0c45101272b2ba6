//! The one error type of the application, shared by services and server
//! functions. Internal causes are logged on the server and reach the browser
//! only as a generic message; validation errors name the field and the rule.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A rule a submitted field broke: `field` is the form's field name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("{}", join(.0))]
    Invalid(Vec<FieldError>),
    #[error("{0} was not found")]
    NotFound(String),
    #[error("please sign in first")]
    Unauthenticated,
    #[error("you are not allowed to do this")]
    Forbidden,
    #[error("the form has expired or did not come from this site; reload the page and try again")]
    CsrfRejected,
    #[error("choose your own password first (on your account page)")]
    PasswordChangeRequired,
    #[error("too many sign-in attempts; wait a minute and try again")]
    Throttled,
    #[error("something went wrong on our side; it has been logged")]
    Internal,
    #[error("{0} is too large to compute; correct the amounts or rates behind it")]
    OutOfRange(String),
    #[error("the request could not be completed: {0}")]
    Request(String),
    #[error(
        "{0}, after you opened it; your input is kept: reload the page to see that change, then make yours again"
    )]
    Stale(String),
}

fn join(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl AppError {
    /// What the error says to a person reading `locale`. Field errors are
    /// already written in the language of the request that made them.
    pub fn message(&self, locale: crate::language::Locale) -> String {
        use crate::i18n::td_string;
        match self {
            Self::Invalid(errors) => join(errors),
            Self::NotFound(what) => td_string!(locale, common.msg_not_found, what).to_string(),
            Self::Unauthenticated => td_string!(locale, common.msg_unauthenticated).to_string(),
            Self::Forbidden => td_string!(locale, common.msg_forbidden).to_string(),
            Self::CsrfRejected => td_string!(locale, common.msg_csrf).to_string(),
            Self::PasswordChangeRequired => {
                td_string!(locale, common.msg_password_change).to_string()
            }
            Self::Throttled => td_string!(locale, common.msg_throttled).to_string(),
            Self::Internal => td_string!(locale, common.msg_internal).to_string(),
            Self::OutOfRange(what) => td_string!(locale, common.msg_out_of_range, what).to_string(),
            Self::Request(why) => td_string!(locale, common.msg_request, why).to_string(),
            Self::Stale(what) => td_string!(locale, common.msg_stale, what).to_string(),
        }
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid(vec![FieldError::new(field, message)])
    }

    /// The message for one field, for showing beside its input.
    pub fn field_message(&self, field: &str) -> Option<&str> {
        match self {
            Self::Invalid(errors) => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.as_str()),
            _ => None,
        }
    }

    /// The HTTP status a page or API answer should carry for this error.
    pub fn status_code(&self) -> u16 {
        match self {
            Self::Invalid(_) => 422,
            Self::NotFound(_) => 404,
            Self::Unauthenticated => 401,
            Self::Forbidden | Self::CsrfRejected | Self::PasswordChangeRequired => 403,
            Self::Throttled => 429,
            Self::Internal | Self::OutOfRange(_) => 500,
            Self::Request(_) => 400,
            Self::Stale(_) => 409,
        }
    }

    /// Logs an internal failure in full and returns the generic error.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: impl fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::Internal
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::ServerError(message) => {
                #[cfg(feature = "ssr")]
                tracing::error!(%message, "server function failed");
                let _ = message;
                Self::Internal
            }
            other => Self::Request(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::internal(err)
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(err: sea_orm::TransactionError<AppError>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(app) => app,
        }
    }
}
