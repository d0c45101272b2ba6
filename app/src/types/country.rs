use serde::{Deserialize, Serialize};

use super::Currency;

use super::{FiscalYear, Organisation, OrganisationKind};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    pub name: String,
    /// ISO 4217 code of the reporting currency.
    pub currency: Currency,
    /// 1-12.
    pub fiscal_year_start_month: u32,
    /// The interface language for visitors whose browser asks for none the
    /// site speaks: `en`, `fr` or `pt`.
    pub language: String,
}

impl Country {
    pub fn fiscal_year_of(&self, date: chrono::NaiveDate) -> FiscalYear {
        FiscalYear::containing(date, self.fiscal_year_start_month)
    }
}

/// What a user submits to create a country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCountry {
    pub code: String,
    pub name: String,
    pub currency: String,
    pub fiscal_year_start_month: u32,
}

/// The home page's picture of one country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountrySummary {
    pub country: Country,
    pub current_fiscal_year: FiscalYear,
    pub organisations: Vec<Organisation>,
    pub kinds: Vec<KindCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCount {
    pub kind: OrganisationKind,
    pub count: usize,
}
