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
