//! Generates the `i18n` module from the catalogues in `locales/`: one
//! folder per language, one file per part of the interface. A key missing
//! from a language is reported here, and the catalogue test fails on it.

use leptos_i18n_build::options::CodegenOptions;
use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

/// The parts of the interface, each a file in every language's folder.
const NAMESPACES: &[&str] = &[
    "common",
    "country",
    "strategy",
    "transition",
    "compact",
    "activities",
    "funding",
    "indicators",
    "accounts",
    "labels",
    "codelists",
    "rules",
    "fields",
    "fragility",
];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out = std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?;
    let config = Config::new("en")?
        .add_locale("fr")?
        .add_locale("pt")?
        .add_namespaces(NAMESPACES)?
        .parse_options(ParseOptions::default().interpolate_display(true));
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    // The generated code parses its own locale names with `expect`.
    let attributes = "#![allow(clippy::expect_used)]".parse()?;
    let options = CodegenOptions::default().top_level_attributes(Some(attributes));
    translations.generate_i18n_module_with_options(PathBuf::from(out).join("i18n"), options)?;
    Ok(())
}
