use serde::{Deserialize, Serialize};

/// What a user entered in a form the server refused, given back to the page
/// so that a plain form post (before the wasm loads, or without JavaScript)
/// keeps the input as the live page does: `path` is the server function
/// posted to, `fields` the form's names and values in order. Tokens and
/// passwords are never kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptInput {
    pub path: String,
    pub fields: Vec<(String, String)>,
}

impl KeptInput {
    /// Fields never given back: the CSRF and one-time tokens, passwords.
    pub fn keeps(name: &str) -> bool {
        !matches!(name, "csrf" | "once") && !name.contains("password")
    }

    /// The input of the form posted to `path` about the row whose `key`
    /// field was `value`; an empty [`Kept`] when the refused form was
    /// another.
    pub fn of(kept: Option<&KeptInput>, path: &str, key: &str, value: impl ToString) -> Kept {
        let value = value.to_string();
        Kept(
            kept.filter(|k| k.path == path && k.value(key) == Some(value.as_str()))
                .map(|k| k.fields.clone()),
        )
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One form's kept input, or nothing: a field shows what was entered when
/// there is some, and the stored value otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kept(Option<Vec<(String, String)>>);

impl Kept {
    /// A text field's value.
    pub fn text(&self, name: &str, stored: impl Into<String>) -> String {
        match &self.0 {
            Some(fields) => fields
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default(),
            None => stored.into(),
        }
    }

    /// Whether an option or a checkbox with `value` is chosen.
    pub fn chosen(&self, name: &str, value: impl ToString, stored: bool) -> bool {
        match &self.0 {
            Some(fields) => {
                let value = value.to_string();
                fields.iter().any(|(n, v)| n == name && *v == value)
            }
            None => stored,
        }
    }

    /// Whether anything was kept.
    pub fn is_kept(&self) -> bool {
        self.0.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused() -> KeptInput {
        KeptInput {
            path: "/api/update_priority".into(),
            fields: vec![
                ("priority_id".into(), "7".into()),
                ("priority[title]".into(), "Roads".into()),
                ("priority[partner_ids][]".into(), "3".into()),
            ],
        }
    }

    #[test]
    fn the_refused_form_shows_its_input_and_others_their_stored_values() {
        let kept = refused();
        let same = KeptInput::of(Some(&kept), "/api/update_priority", "priority_id", 7);
        assert_eq!(same.text("priority[title]", "Bridges"), "Roads");
        assert!(same.chosen("priority[partner_ids][]", 3, false));
        assert!(!same.chosen("priority[partner_ids][]", 4, true));
        let other_row = KeptInput::of(Some(&kept), "/api/update_priority", "priority_id", 8);
        assert_eq!(other_row.text("priority[title]", "Bridges"), "Bridges");
        let other_form = KeptInput::of(Some(&kept), "/api/remove_priority", "priority_id", 7);
        assert!(!other_form.is_kept());
        assert!(KeptInput::keeps("priority[title]"));
        assert!(!KeptInput::keeps("csrf"));
        assert!(!KeptInput::keeps("new_password"));
    }
}
