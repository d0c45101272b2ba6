//! Compact Tracker's application crate: pages, components, server functions
//! and the wire types they exchange. Everything that touches the database sits
//! behind the `ssr` feature; the `hydrate` build is the browser's wasm.

// The wasm build lays out the nested view types of the larger pages.
#![recursion_limit = "256"]

pub mod app;
pub mod components;
pub mod error;
pub mod pages;
pub mod server_fns;
pub mod types;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod codelists;
#[cfg(feature = "ssr")]
pub mod policy;
#[cfg(feature = "ssr")]
pub mod services;
#[cfg(feature = "ssr")]
pub mod state;

pub use app::{App, shell};
pub use error::{AppError, FieldError};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
