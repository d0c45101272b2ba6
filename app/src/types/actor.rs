//! Who is signed in and what role they hold in each country: the server
//! decides with these, and pages use them to show what a user may do.

use serde::{Deserialize, Serialize};

/// A user's role in one country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages organisations and accounts.
    Admin,
    /// Government planner: strategy, transition plan, budget, government
    /// commitments, reporting rounds, endorsement.
    Planner,
    /// A partner's reporter: only its own organisation's data.
    PartnerReporter,
    /// Reads everything and comments.
    Reviewer,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Admin,
        Role::Planner,
        Role::PartnerReporter,
        Role::Reviewer,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Planner => "planner",
            Role::PartnerReporter => "partner_reporter",
            Role::Reviewer => "reviewer",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The role's name in the interface language.
    pub fn label(self) -> &'static str {
        use crate::i18n::td_string;
        let locale = crate::language::current();
        match self {
            Role::Admin => td_string!(locale, labels.role_admin),
            Role::Planner => td_string!(locale, labels.role_planner),
            Role::PartnerReporter => td_string!(locale, labels.role_partner_reporter),
            Role::Reviewer => td_string!(locale, labels.role_reviewer),
        }
    }
}

/// A role held in a country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub country_id: i32,
    pub country_code: String,
    pub role: Role,
}

/// The signed-in user, as the server knows them. Carries no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: i32,
    pub email: String,
    pub display_name: String,
    pub organisation_id: i32,
    pub organisation_name: String,
    pub signatory: bool,
    pub must_change_password: bool,
    pub memberships: Vec<Membership>,
}

impl Actor {
    pub fn role_in(&self, country_id: i32) -> Option<Role> {
        self.memberships
            .iter()
            .find(|m| m.country_id == country_id)
            .map(|m| m.role)
    }

    /// The actor's first country, where their pages start.
    pub fn home_country(&self) -> Option<&Membership> {
        self.memberships.first()
    }
}
