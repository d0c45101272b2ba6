//! Reference codelists compiled into the server (see `app/codelists/README.md`).
//!
//! Each item keeps its name in English (IATI's), French (IATI's where it
//! publishes one, else `names.json`) and Portuguese (`names.json`).

use crate::language::Locale;
use quick_xml::Reader;
use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodelistItem {
    /// The English name, as IATI publishes it.
    pub name: String,
    /// The French name, when there is one.
    pub name_fr: Option<String>,
    /// The Portuguese name, when there is one.
    pub name_pt: Option<String>,
    pub withdrawn: bool,
}

impl CodelistItem {
    /// The name in `locale`; English when there is none in that language
    /// (only withdrawn codes lack one, see the tests).
    pub fn name_in(&self, locale: Locale) -> &str {
        let translated = match locale {
            Locale::en => None,
            Locale::fr => self.name_fr.as_deref(),
            Locale::pt => self.name_pt.as_deref(),
        };
        translated.unwrap_or(&self.name)
    }

    /// The name in the language of the request being answered (English
    /// outside a request).
    pub fn label(&self) -> &str {
        self.name_in(crate::language::current())
    }
}

#[derive(Default)]
struct ItemBuilder {
    code: String,
    name: Option<String>,
    name_fr: Option<String>,
    withdrawn: bool,
}

/// Which language a `<narrative>` is in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Language {
    English,
    French,
    Other,
}

#[derive(Debug, Clone, Default)]
pub struct Codelist {
    items: BTreeMap<String, CodelistItem>,
}

impl Codelist {
    /// Parses an IATI codelist file: each `<codelist-item>` with its `<code>`
    /// and the first English and the first French `<name><narrative>`.
    pub fn parse(xml: &str) -> Result<Self, quick_xml::Error> {
        let mut reader = Reader::from_str(xml);
        reader.config_mut().trim_text(true);
        let mut items = BTreeMap::new();
        let mut path: Vec<Vec<u8>> = Vec::new();
        let mut text = String::new();
        let mut item: Option<ItemBuilder> = None;
        let mut language = Language::English;
        loop {
            match reader.read_event()? {
                Event::Start(e) => {
                    let name = e.name().as_ref().to_vec();
                    if name == b"codelist-item" {
                        let withdrawn = e
                            .try_get_attribute("status")?
                            .is_some_and(|a| a.value.as_ref() == b"withdrawn");
                        item = Some(ItemBuilder {
                            withdrawn,
                            ..ItemBuilder::default()
                        });
                    }
                    if name == b"narrative" {
                        language = match e.try_get_attribute("xml:lang")? {
                            None => Language::English,
                            Some(a) if a.value.as_ref() == b"en" => Language::English,
                            Some(a) if a.value.as_ref() == b"fr" => Language::French,
                            Some(_) => Language::Other,
                        };
                    }
                    text.clear();
                    path.push(name);
                }
                Event::Text(t) => text.push_str(&t.xml_content()?),
                Event::GeneralRef(r) => {
                    let name = r.decode()?;
                    if let Some(resolved) = quick_xml::escape::resolve_predefined_entity(&name) {
                        text.push_str(resolved);
                    }
                }
                Event::End(_) => {
                    let tag = path.pop().unwrap_or_default();
                    let parent = path.last().map(Vec::as_slice);
                    match (tag.as_slice(), parent, item.as_mut()) {
                        (b"code", Some(b"codelist-item"), Some(b)) => {
                            b.code = std::mem::take(&mut text)
                        }
                        (b"narrative", Some(b"name"), Some(b)) => {
                            let slot = match language {
                                Language::English => Some(&mut b.name),
                                Language::French => Some(&mut b.name_fr),
                                Language::Other => None,
                            };
                            if let Some(slot) = slot.filter(|s| s.is_none()) {
                                *slot = Some(std::mem::take(&mut text));
                            }
                        }
                        (b"codelist-item", _, _) => {
                            if let Some(b) = item.take() {
                                let name = b.name.unwrap_or_else(|| b.code.clone());
                                items.insert(
                                    b.code,
                                    CodelistItem {
                                        name,
                                        name_fr: b.name_fr,
                                        name_pt: None,
                                        withdrawn: b.withdrawn,
                                    },
                                );
                            }
                        }
                        _ => {}
                    }
                    text.clear();
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(Self { items })
    }

    pub fn get(&self, code: &str) -> Option<&CodelistItem> {
        self.items.get(code)
    }

    /// The name of `code` in the language of the request being answered
    /// (English outside a request); `None` for a code not in the list.
    pub fn label(&self, code: &str) -> Option<&str> {
        self.get(code).map(CodelistItem::label)
    }

    /// The name of `code` in `locale`; `None` for a code not in the list.
    pub fn name_in(&self, code: &str, locale: Locale) -> Option<&str> {
        self.get(code).map(|item| item.name_in(locale))
    }

    /// Every item with its code, in code order.
    pub fn items(&self) -> impl Iterator<Item = (&str, &CodelistItem)> {
        self.items.iter().map(|(code, item)| (code.as_str(), item))
    }

    /// Adds the names IATI does not publish, from `names.json`: a French
    /// name only where the file has none, every Portuguese name.
    fn add_names(&mut self, names: Option<&BTreeMap<String, ItemNames>>) {
        for (code, given) in names.into_iter().flatten() {
            if let Some(item) = self.items.get_mut(code) {
                if item.name_fr.is_none() {
                    item.name_fr.clone_from(&given.fr);
                }
                if given.pt.is_some() {
                    item.name_pt.clone_from(&given.pt);
                }
            }
        }
    }

    /// True when `code` is listed and not withdrawn.
    pub fn is_active(&self, code: &str) -> bool {
        self.get(code).is_some_and(|item| !item.withdrawn)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// An item's names in the languages IATI lacks (`names.json`).
#[derive(Debug, Default, serde::Deserialize)]
struct ItemNames {
    fr: Option<String>,
    pt: Option<String>,
}

/// `names.json`: codelist name, then code, then the names.
type Names = BTreeMap<String, BTreeMap<String, ItemNames>>;

static NAMES: LazyLock<Names> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../codelists/names.json")).unwrap_or_else(|err| {
        tracing::error!(error = %err, "bundled codelist names do not parse");
        Names::default()
    })
});

fn load(name: &str, xml: &str) -> Codelist {
    let mut list = Codelist::parse(xml).unwrap_or_else(|err| {
        tracing::error!(codelist = name, error = %err, "bundled codelist does not parse");
        Codelist::default()
    });
    list.add_names(NAMES.get(name));
    list
}

pub static COUNTRIES: LazyLock<Codelist> =
    LazyLock::new(|| load("Country", include_str!("../codelists/iati/Country.xml")));
pub static CURRENCIES: LazyLock<Codelist> =
    LazyLock::new(|| load("Currency", include_str!("../codelists/iati/Currency.xml")));
pub static ORGANISATION_TYPES: LazyLock<Codelist> = LazyLock::new(|| {
    load(
        "OrganisationType",
        include_str!("../codelists/iati/OrganisationType.xml"),
    )
});

pub static SECTORS: LazyLock<Codelist> =
    LazyLock::new(|| load("Sector", include_str!("../codelists/iati/Sector.xml")));
pub static AID_TYPES: LazyLock<Codelist> =
    LazyLock::new(|| load("AidType", include_str!("../codelists/iati/AidType.xml")));
pub static FINANCE_TYPES: LazyLock<Codelist> = LazyLock::new(|| {
    load(
        "FinanceType",
        include_str!("../codelists/iati/FinanceType.xml"),
    )
});
pub static EARMARKING: LazyLock<Codelist> = LazyLock::new(|| {
    load(
        "EarmarkingCategory",
        include_str!("../codelists/iati/EarmarkingCategory.xml"),
    )
});

pub static TRANSACTION_TYPES: LazyLock<Codelist> = LazyLock::new(|| {
    load(
        "TransactionType",
        include_str!("../codelists/iati/TransactionType.xml"),
    )
});
pub static ACTIVITY_STATUSES: LazyLock<Codelist> = LazyLock::new(|| {
    load(
        "ActivityStatus",
        include_str!("../codelists/iati/ActivityStatus.xml"),
    )
});
pub static ORGANISATION_ROLES: LazyLock<Codelist> = LazyLock::new(|| {
    load(
        "OrganisationRole",
        include_str!("../codelists/iati/OrganisationRole.xml"),
    )
});
pub static FLOW_TYPES: LazyLock<Codelist> =
    LazyLock::new(|| load("FlowType", include_str!("../codelists/iati/FlowType.xml")));
pub static BUDGET_IDENTIFIERS: LazyLock<Codelist> = LazyLock::new(|| {
    load(
        "BudgetIdentifier",
        include_str!("../codelists/iati/BudgetIdentifier.xml"),
    )
});
pub static BUDGET_IDENTIFIER_VOCABULARIES: LazyLock<Codelist> = LazyLock::new(|| {
    load(
        "BudgetIdentifierVocabulary",
        include_str!("../codelists/iati/BudgetIdentifierVocabulary.xml"),
    )
});

/// ISO 3166 leaves these alpha-2 codes to its users; a fictional or training
/// country takes one of them.
pub fn is_user_assigned_country_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    match bytes {
        [b'A', b'A'] | [b'Z', b'Z'] => true,
        [b'Q', second] => (b'M'..=b'Z').contains(second),
        [b'X', second] => second.is_ascii_uppercase(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_codelists_parse() {
        assert!(COUNTRIES.len() > 240);
        assert_eq!(
            COUNTRIES.get("TL").map(|c| c.name.as_str()),
            Some("Timor-Leste")
        );
        assert!(CURRENCIES.is_active("USD"));
        assert!(CURRENCIES.get("EEK").is_some_and(|c| c.withdrawn));
        assert!(!CURRENCIES.is_active("EEK"));
        assert_eq!(
            ORGANISATION_TYPES.get("10").map(|c| c.name.as_str()),
            Some("Government")
        );
    }

    /// The lists whose names the interface shows: every code in use has a
    /// French and a Portuguese name.
    #[test]
    fn shown_codelists_speak_every_language() {
        let lists: [(&str, &Codelist); 9] = [
            ("Sector", &SECTORS),
            ("AidType", &AID_TYPES),
            ("FinanceType", &FINANCE_TYPES),
            ("FlowType", &FLOW_TYPES),
            ("TransactionType", &TRANSACTION_TYPES),
            ("OrganisationType", &ORGANISATION_TYPES),
            ("ActivityStatus", &ACTIVITY_STATUSES),
            ("EarmarkingCategory", &EARMARKING),
            ("OrganisationRole", &ORGANISATION_ROLES),
        ];
        let mut missing = Vec::new();
        for (name, list) in lists {
            assert!(!list.is_empty(), "{name} parses");
            for (code, item) in list.items().filter(|(_, item)| !item.withdrawn) {
                for (language, text) in [("fr", &item.name_fr), ("pt", &item.name_pt)] {
                    if text.as_deref().is_none_or(|t| t.trim().is_empty()) {
                        missing.push(format!("{name} {code} {language}"));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "names missing: {missing:?}");
    }

    /// Every name in `names.json` belongs to a code of its list, so that a
    /// mistyped code or list does not go unnoticed.
    #[test]
    fn names_file_names_listed_codes() {
        let lists: BTreeMap<&str, &Codelist> = [
            ("Sector", &*SECTORS),
            ("AidType", &*AID_TYPES),
            ("FinanceType", &*FINANCE_TYPES),
            ("FlowType", &*FLOW_TYPES),
            ("TransactionType", &*TRANSACTION_TYPES),
            ("OrganisationType", &*ORGANISATION_TYPES),
            ("ActivityStatus", &*ACTIVITY_STATUSES),
            ("EarmarkingCategory", &*EARMARKING),
            ("OrganisationRole", &*ORGANISATION_ROLES),
        ]
        .into_iter()
        .collect();
        assert!(!NAMES.is_empty(), "names.json parses");
        for (list, codes) in NAMES.iter() {
            let known = lists.get(list.as_str());
            assert!(known.is_some(), "names.json: unknown codelist {list}");
            for code in codes.keys() {
                assert!(
                    known.is_some_and(|l| l.get(code).is_some()),
                    "names.json: {list} has no code {code}"
                );
            }
        }
    }

    #[test]
    fn names_follow_the_language() {
        assert_eq!(SECTORS.name_in("15220", Locale::en), SECTORS.label("15220"));
        assert_eq!(
            SECTORS.name_in("12262", Locale::fr),
            Some("Lutte contre le paludisme")
        );
        assert_eq!(
            SECTORS.name_in("12262", Locale::pt),
            Some("Luta contra a malária")
        );
        assert_eq!(EARMARKING.name_in("1", Locale::fr), Some("Non affecté"));
        assert_eq!(
            ORGANISATION_TYPES.name_in("10", Locale::en),
            Some("Government")
        );
        let withdrawn = FINANCE_TYPES
            .items()
            .find(|(_, item)| item.withdrawn && item.name_pt.is_none())
            .map(|(code, item)| (code, item.name.clone()));
        if let Some((code, english)) = withdrawn {
            assert_eq!(
                FINANCE_TYPES.name_in(code, Locale::pt),
                Some(english.as_str())
            );
        }
    }

    #[test]
    fn user_assigned_codes() {
        assert!(is_user_assigned_country_code("XD"));
        assert!(is_user_assigned_country_code("QM"));
        assert!(!is_user_assigned_country_code("QA"));
        assert!(!is_user_assigned_country_code("TL"));
    }
}
