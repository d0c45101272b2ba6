//! Components shared by several pages.

mod bar_chart;
mod cliff_chart;
mod country_switcher;
mod error_panel;
mod field_names;
mod footer;
mod form_error;
mod header;
mod history;
mod line_chart;
mod readings;
mod series_figures;
mod session;
mod stacked_bar_chart;

pub use bar_chart::{Bar, BarChart};
pub use cliff_chart::CliffChart;
pub use country_switcher::{CountryChoice, CountryChooser, CountrySwitcher, SwitcherWords};
pub use error_panel::ErrorPanel;
pub use footer::SiteFooter;
pub use form_error::{FormErrors, form_error, kept_input, query_error, successes};
pub use header::{SiteHeader, country_and_area};
pub use history::{History, HistoryPanel};
pub use line_chart::LineChart;
pub use readings::{ReadingsTable, StatusBadge, shown, value_text};
pub use series_figures::Series;
pub use session::{CsrfField, OnceField, SessionResource, provide_session, use_actor};
pub use stacked_bar_chart::StackedBarChart;
