use leptos::prelude::*;

use crate::AppError;
use crate::i18n::td_string;

/// Shows an error to the user and, while rendering on the server, gives the
/// response the matching HTTP status.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = axum::http::StatusCode::from_u16(error.status_code())
    {
        response.set_status(status);
    }
    let locale = crate::language::current();
    let heading = match &error {
        AppError::NotFound(_) => td_string!(locale, common.error_not_found),
        AppError::Forbidden | AppError::CsrfRejected => {
            td_string!(locale, common.error_not_allowed)
        }
        AppError::PasswordChangeRequired => td_string!(locale, common.error_choose_password),
        AppError::Throttled => td_string!(locale, common.error_please_wait),
        AppError::Unauthenticated => td_string!(locale, common.error_sign_in_needed),
        AppError::Invalid(_) => td_string!(locale, common.error_correct_form),
        AppError::Stale(_) => td_string!(locale, common.error_changed_meanwhile),
        AppError::Internal | AppError::OutOfRange(_) | AppError::Request(_) => {
            td_string!(locale, common.error_went_wrong)
        }
    };
    view! {
        <section class="error-panel" role="alert">
            <h1>{heading}</h1>
            <p>{error.message(locale)}</p>
            {matches!(error, AppError::Unauthenticated).then(|| view! {
                <p><a href="/sign-in">{td_string!(locale, common.sign_in)}</a></p>
            })}
            <p>
                <a href="/">{td_string!(locale, common.back_to_start)}</a>
            </p>
        </section>
    }
}
