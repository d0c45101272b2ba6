//! Text that reaches the app through a form is free of control characters:
//! they are invisible, mean nothing in a title or a note, and would make the
//! IATI export invalid XML. Tabs and line breaks stay. The form goes on
//! with the request, so a refused plain post can give its input back.

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use app::server_fns::PostedForm;

use crate::limits::limit_of;

/// The largest form whose input a refused plain post gives back.
const KEPT_FORM_LIMIT: usize = 64 * 1024;

fn is_form(request: &Request) -> bool {
    request.method() == Method::POST
        && request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

fn unwanted(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The form with control characters taken out of every name and value, or
/// `None` when it holds none.
pub fn cleaned(form: &[u8]) -> Option<String> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(form).into_owned().collect();
    if !pairs
        .iter()
        .any(|(name, value)| name.chars().chain(value.chars()).any(unwanted))
    {
        return None;
    }
    let strip = |text: &str| text.chars().filter(|c| !unwanted(*c)).collect::<String>();
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (name, value) in &pairs {
        out.append_pair(&strip(name), &strip(value));
    }
    Some(out.finish())
}

/// Middleware: strips control characters from form posts. The body limit
/// runs first, so the body read here is bounded.
pub async fn strip_control_characters(request: Request, next: Next) -> Response {
    if !is_form(&request) {
        return next.run(request).await;
    }
    let limit = limit_of(request.uri().path());
    let (mut parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "the form is too large").into_response();
    };
    let text = match cleaned(&bytes) {
        Some(text) => {
            parts
                .headers
                .insert(CONTENT_LENGTH, HeaderValue::from(text.len()));
            text
        }
        None => String::from_utf8_lossy(&bytes).into_owned(),
    };
    // Only a form of ordinary size comes back to the page: an import's file
    // is neither copied nor kept in the session.
    if text.len() <= KEPT_FORM_LIMIT {
        parts.extensions.insert(PostedForm(text.clone()));
    }
    let body = Body::from(text);
    next.run(Request::from_parts(parts, body)).await
}

#[cfg(test)]
mod tests {
    use super::cleaned;

    #[test]
    fn control_characters_go_and_line_breaks_stay() {
        let form = b"title=Roads%01%0B+and%C2%85+bridges&note=a%0D%0Ab%09c";
        let text = cleaned(form).unwrap_or_default();
        let pairs: Vec<(String, String)> = form_urlencoded::parse(text.as_bytes())
            .into_owned()
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("title".to_string(), "Roads and bridges".to_string()),
                ("note".to_string(), "a\r\nb\tc".to_string()),
            ]
        );
        assert_eq!(cleaned(b"title=Roads&note=a%0D%0Ab"), None);
    }
}
