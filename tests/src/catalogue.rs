//! The interface's catalogues (`app/locales`), for tests that check a page
//! speaks one language with no English interface string left in it.

use std::collections::BTreeMap;
use std::path::Path;

/// `namespace.key` to text, over every catalogue file of `language`.
pub fn read(language: &str) -> BTreeMap<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../app/locales")
        .join(language);
    let files = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut entries = BTreeMap::new();
    for path in files.filter_map(Result::ok).map(|f| f.path()) {
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

/// The English interface strings that `language` writes otherwise: each
/// whole text, or for a text with placeholders its longest fixed part.
/// Words the languages share (such as "Budget" or "Page") and fragments
/// too short to mean anything say nothing.
pub fn english_left_out_of(language: &str) -> Vec<String> {
    let other = read(language);
    let mut phrases: Vec<String> = read("en")
        .into_iter()
        .filter(|(key, text)| other.get(key) != Some(text))
        .filter_map(|(_, text)| fixed_part(&text))
        .filter(|phrase| phrase.chars().count() >= 4)
        // A phrase the other language writes too ("Version", "Page").
        .filter(|phrase| !other.values().any(|text| says(text, phrase)))
        .collect();
    phrases.sort();
    phrases.dedup();
    phrases
}

/// The longest stretch of `text` outside `{{ … }}` placeholders, trimmed of
/// spaces and punctuation at its ends.
fn fixed_part(text: &str) -> Option<String> {
    let mut parts = vec![];
    let mut rest = text;
    while let Some((before, after)) = rest.split_once("{{") {
        parts.push(before);
        rest = after.split_once("}}").map_or("", |(_, after)| after);
    }
    parts.push(rest);
    parts
        .into_iter()
        .map(|p| p.trim_matches(|c: char| c.is_whitespace() || ",.;:()·–-".contains(c)))
        .max_by_key(|p| p.chars().count())
        .map(str::to_string)
}

/// Whether `phrase` stands in `text` as words of its own ("Change" is not
/// in "Changer").
pub fn says(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The English interface strings `text` (a page's visible text in
/// `language`) still says, once `data` (what people wrote, shown as
/// written: longest first) is set aside.
pub fn english_in(text: &str, language: &str, data: &[String]) -> Vec<String> {
    // The product's name is the same in every language.
    let mut text = text.replace("Compact Tracker", "");
    for written in data {
        if text.contains(written.as_str()) {
            text = text.replace(written.as_str(), " ");
        }
    }
    english_left_out_of(language)
        .into_iter()
        .filter(|phrase| says(&text, phrase))
        .collect()
}

/// The visible text of an HTML page: what lies outside tags, scripts and
/// styles, with the common entities decoded.
pub fn visible_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        let tag = &rest[open..];
        let skip_to = ["<script", "<style", "<template"]
            .into_iter()
            .find(|t| tag.starts_with(t))
            .map(|t| format!("</{}", &t[1..]));
        rest = match skip_to {
            Some(end) => tag.find(&end).map_or("", |at| &tag[at..]),
            None => tag,
        };
        rest = rest.find('>').map_or("", |close| &rest[close + 1..]);
    }
    text.push_str(rest);
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
}

/// Catalogue keys (`namespace.key`) or unfilled `{{ placeholders }}` that
/// `text` shows where their text should be.
pub fn keys_in(text: &str) -> Vec<String> {
    let mut found: Vec<String> = read("en")
        .into_keys()
        .filter(|key| says(text, key))
        .collect();
    if text.contains("{{") {
        found.push("{{".into());
    }
    found
}
