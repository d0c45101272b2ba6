//! Accounts: signing in and the user's own account, the administrators'
//! organisations and accounts pages, one organisation's page, and the audit
//! trail.

mod audit;
mod organisations;
mod session;
mod users;

pub use audit::AuditPage;
pub use organisations::{OrganisationPage, OrganisationsPage};
pub use session::{AccountPage, SignInPage};
pub use users::AccountsPage;

use crate::i18n::td_string;
use crate::language::Locale;
use crate::types::Role;

/// A role's name in the interface language.
fn role_name(role: Role, locale: Locale) -> &'static str {
    match role {
        Role::Admin => td_string!(locale, accounts.role_admin),
        Role::Planner => td_string!(locale, accounts.role_planner),
        Role::PartnerReporter => td_string!(locale, accounts.role_partner_reporter),
        Role::Reviewer => td_string!(locale, accounts.role_reviewer),
    }
}
