//! Every catalogue holds every key, with the same placeholders and some
//! text: a key missing from French or Portuguese would otherwise fall back
//! to English without a word.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn locales_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

/// `namespace.key` to text, for one language.
fn catalogue(language: &str) -> BTreeMap<String, String> {
    let dir = locales_dir().join(language);
    let mut entries = BTreeMap::new();
    let files = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for file in files.filter_map(Result::ok) {
        let path = file.path();
        let namespace = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let values: BTreeMap<String, String> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for (key, value) in values {
            entries.insert(format!("{namespace}.{key}"), value);
        }
    }
    entries
}

/// The `{{ name }}` placeholders of a text.
fn placeholders(text: &str) -> BTreeSet<String> {
    text.split("{{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}"))
        .map(|(name, _)| name.trim().to_string())
        .collect()
}

#[test]
fn every_language_has_every_key_with_its_placeholders() {
    let english = catalogue("en");
    assert!(
        english.len() > 50,
        "the English catalogue is read: {}",
        english.len()
    );
    for language in ["fr", "pt"] {
        let other = catalogue(language);
        let missing: Vec<&String> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<&String> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{language} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{language} has keys English lacks: {extra:?}"
        );
        for (key, text) in &other {
            assert!(!text.trim().is_empty(), "{language} {key} is empty");
            assert_eq!(
                placeholders(text),
                placeholders(&english[key]),
                "{language} {key} has other placeholders than English"
            );
        }
    }
}

#[test]
fn the_catalogues_folder_holds_the_three_languages() {
    let mut found: Vec<String> = std::fs::read_dir(locales_dir())
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    assert_eq!(found, ["en", "fr", "pt"]);
}
