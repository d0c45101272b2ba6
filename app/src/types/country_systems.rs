//! How far an activity, or one of its transactions, uses the country's
//! own systems.

use serde::{Deserialize, Serialize};

/// How far an activity uses the country's own systems (the Busan and New
/// Deal "country systems" dimensions).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountrySystems {
    pub on_plan: bool,
    pub on_budget: bool,
    pub on_treasury: bool,
    pub on_parliament: bool,
    pub on_procurement: bool,
    pub on_accounting: bool,
    pub on_audit: bool,
    pub on_report: bool,
}

impl CountrySystems {
    /// `(field name, label, value)` of each flag, in a stable order; the
    /// label in the interface language.
    pub fn flags(&self) -> [(&'static str, &'static str, bool); 8] {
        use crate::i18n::td_string;
        let locale = crate::language::current();
        [
            (
                "on_plan",
                td_string!(locale, labels.system_on_plan),
                self.on_plan,
            ),
            (
                "on_budget",
                td_string!(locale, labels.system_on_budget),
                self.on_budget,
            ),
            (
                "on_treasury",
                td_string!(locale, labels.system_on_treasury),
                self.on_treasury,
            ),
            (
                "on_parliament",
                td_string!(locale, labels.system_on_parliament),
                self.on_parliament,
            ),
            (
                "on_procurement",
                td_string!(locale, labels.system_on_procurement),
                self.on_procurement,
            ),
            (
                "on_accounting",
                td_string!(locale, labels.system_on_accounting),
                self.on_accounting,
            ),
            (
                "on_audit",
                td_string!(locale, labels.system_on_audit),
                self.on_audit,
            ),
            (
                "on_report",
                td_string!(locale, labels.system_on_report),
                self.on_report,
            ),
        ]
    }
}

/// A transaction's own answers where they differ from its activity's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemOverrides {
    pub on_budget: Option<bool>,
    pub on_treasury: Option<bool>,
    pub on_procurement: Option<bool>,
    pub on_accounting: Option<bool>,
    pub on_audit: Option<bool>,
    pub on_report: Option<bool>,
}
