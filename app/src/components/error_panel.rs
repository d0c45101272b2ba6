use leptos::prelude::*;

use crate::AppError;

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
    let heading = match &error {
        AppError::NotFound(_) => "Not found",
        AppError::Forbidden | AppError::CsrfRejected => "Not allowed",
        AppError::PasswordChangeRequired => "Choose your password",
        AppError::Throttled => "Please wait",
        AppError::Unauthenticated => "Sign in needed",
        AppError::Invalid(_) => "Please correct the form",
        AppError::Stale(_) => "Changed in the meantime",
        AppError::Internal | AppError::OutOfRange(_) | AppError::Request(_) => {
            "Something went wrong"
        }
    };
    view! {
        <section class="error-panel" role="alert">
            <h1>{heading}</h1>
            <p>{error.to_string()}</p>
            {matches!(error, AppError::Unauthenticated).then(|| view! {
                <p><a href="/sign-in">"Sign in"</a></p>
            })}
            <p>
                <a href="/">"Back to the start page"</a>
            </p>
        </section>
    }
}
