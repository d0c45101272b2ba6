//! Reference codelists compiled into the server (see `app/codelists/README.md`).

use quick_xml::Reader;
use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodelistItem {
    pub name: String,
    pub withdrawn: bool,
}

#[derive(Default)]
struct ItemBuilder {
    code: String,
    name: Option<String>,
    withdrawn: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Codelist {
    items: BTreeMap<String, CodelistItem>,
}

impl Codelist {
    /// Parses an IATI codelist file: each `<codelist-item>` with its `<code>`
    /// and the first English `<name><narrative>`.
    pub fn parse(xml: &str) -> Result<Self, quick_xml::Error> {
        let mut reader = Reader::from_str(xml);
        reader.config_mut().trim_text(true);
        let mut items = BTreeMap::new();
        let mut path: Vec<Vec<u8>> = Vec::new();
        let mut text = String::new();
        let mut item: Option<ItemBuilder> = None;
        let mut english = true;
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
                        english = e
                            .try_get_attribute("xml:lang")?
                            .is_none_or(|a| a.value.as_ref() == b"en");
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
                        (b"narrative", Some(b"name"), Some(b)) if english && b.name.is_none() => {
                            b.name = Some(std::mem::take(&mut text))
                        }
                        (b"codelist-item", _, _) => {
                            if let Some(b) = item.take() {
                                let name = b.name.unwrap_or_else(|| b.code.clone());
                                items.insert(
                                    b.code,
                                    CodelistItem {
                                        name,
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

fn load(name: &str, xml: &str) -> Codelist {
    Codelist::parse(xml).unwrap_or_else(|err| {
        tracing::error!(codelist = name, error = %err, "bundled codelist does not parse");
        Codelist::default()
    })
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

    #[test]
    fn user_assigned_codes() {
        assert!(is_user_assigned_country_code("XD"));
        assert!(is_user_assigned_country_code("QM"));
        assert!(!is_user_assigned_country_code("QA"));
        assert!(!is_user_assigned_country_code("TL"));
    }
}
