//! Where the compiled site (wasm, JS, CSS) is and what it is called.
//!
//! cargo-leptos sets `LEPTOS_*` variables when it runs the server; a release
//! binary started on its own falls back to the same values, so deploying is
//! the binary plus its site folder.

use std::net::SocketAddr;

use leptos::config::LeptosOptions;

/// The name cargo-leptos gives the wasm, JS and CSS files.
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
