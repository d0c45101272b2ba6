//! Where the compiled site (wasm, JS, CSS) is and what it is called.
//!
//! `scripts/site.sh` builds the site under these names; deploying is the
//! release binary plus its site folder.

use std::net::SocketAddr;

use leptos::config::LeptosOptions;

/// The name of the wasm, JS and CSS files (`LEPTOS_OUTPUT_NAME` in
/// `.cargo/config.toml`, which the hydration script reads when compiled).
pub const OUTPUT_NAME: &str = "compact-tracker";
pub const DEFAULT_SITE_ROOT: &str = "target/site";

pub fn leptos_options(site_root: &str, addr: SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build()
}
