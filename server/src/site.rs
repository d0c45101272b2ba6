//! Where the compiled site (wasm, JS, CSS) is and what it is called.
//!
//! `scripts/site.sh` builds the site: `pkg/compact-tracker.<hash>.{js,wasm,css}`,
//! named by a digest of their contents, and `output-name`, which holds
//! `compact-tracker.<hash>`. Deploying is the release binary plus its site
//! folder. Files named by their digest never change, so browsers may keep
//! them for good ([`cache_assets`]).

use std::net::SocketAddr;
use std::path::Path;

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::http::header::CACHE_CONTROL;
use axum::middleware::Next;
use axum::response::Response;
use leptos::config::LeptosOptions;

/// The name of the site's files before their digest (`LEPTOS_OUTPUT_NAME`
/// in `.cargo/config.toml`, which the hydration script reads when compiled).
pub const OUTPUT_NAME: &str = "compact-tracker";
pub const DEFAULT_SITE_ROOT: &str = "target/site";
const PKG_DIR: &str = "pkg";

/// The name the site's files carry: what `output-name` in the site holds,
/// else the plain name.
fn output_name(site_root: &str) -> String {
    let file = Path::new(site_root).join("output-name");
    match std::fs::read_to_string(&file) {
        Ok(text) if is_hashed_name(text.trim()) => text.trim().to_string(),
        Ok(text) => {
            tracing::warn!(file = %file.display(), name = %text.trim(), "the site's output name is not one site.sh writes");
            OUTPUT_NAME.to_string()
        }
        Err(err) => {
            tracing::warn!(file = %file.display(), error = %err, "no output name: the site was not built by site.sh");
            OUTPUT_NAME.to_string()
        }
    }
}

/// `compact-tracker.` and sixteen hexadecimal digits.
fn is_hashed_name(name: &str) -> bool {
    name.strip_prefix(OUTPUT_NAME)
        .and_then(|rest| rest.strip_prefix('.'))
        .is_some_and(|hash| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

pub fn leptos_options(site_root: &str, addr: SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(output_name(site_root))
        .site_root(site_root)
        .site_pkg_dir(PKG_DIR)
        .site_addr(addr)
        .build()
}

/// Marks the site's files named by their digest as never changing:
/// `Cache-Control: public, max-age=31536000, immutable`.
pub async fn cache_assets(request: Request, next: Next) -> Response {
    let hashed = request
        .uri()
        .path()
        .strip_prefix("/pkg/")
        .and_then(|file| file.rsplit_once('.'))
        .is_some_and(|(stem, ext)| matches!(ext, "js" | "wasm" | "css") && is_hashed_name(stem));
    let mut response = next.run(request).await;
    if hashed && response.status().is_success() {
        response.headers_mut().insert(
            CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_site_sh_writes_count_as_hashed() {
        assert!(is_hashed_name("compact-tracker.0123456789abcdef"));
        assert!(!is_hashed_name("compact-tracker"));
        assert!(!is_hashed_name("compact-tracker.0123456789abcde"));
        assert!(!is_hashed_name("compact-tracker.0123456789abcdeg"));
        assert!(!is_hashed_name("other.0123456789abcdef"));
    }
}
