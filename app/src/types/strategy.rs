use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Currency;

coded_enum! {
    /// Where a strategy version is in its life.
    StrategyStatus {
        Draft => ("draft", strategy_status_draft),
        Consultation => ("consultation", strategy_status_consultation),
        Endorsed => ("endorsed", strategy_status_endorsed),
    }
}

coded_enum! {
    Phase {
        Immediate => ("immediate", phase_immediate),
        MediumTerm => ("medium_term", phase_medium_term),
    }
}

coded_enum! {
    /// The areas countries compare experience in (peer learning).
    ThematicArea {
        NaturalResources => ("natural_resources", thematic_area_natural_resources),
        PublicFinance => ("public_finance", thematic_area_public_finance),
        Justice => ("justice", thematic_area_justice),
        Elections => ("elections", thematic_area_elections),
        Reconciliation => ("reconciliation", thematic_area_reconciliation),
        SecurityTransition => ("security_transition", thematic_area_security_transition),
        ServiceDelivery => ("service_delivery", thematic_area_service_delivery),
        Other => ("other", thematic_area_other),
    }
}

/// The five Peacebuilding and Statebuilding Goals: the default pillars.
pub const DEFAULT_PILLARS: [&str; 5] = [
    "Legitimate politics",
    "Security",
    "Justice",
    "Economic foundations",
    "Revenues and services",
];

/// What a planner submits to start a strategy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewStrategy {
    pub title: String,
    pub first_fiscal_year: i32,
    pub last_fiscal_year: i32,
    pub vision: String,
}

/// A priority's estimated cost in one fiscal year (the reporting currency).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearCost {
    /// Start year of the country fiscal year.
    pub fiscal_year: i32,
    pub amount: Decimal,
}

/// What a planner submits to add a priority to a draft, or to change one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPriority {
    pub pillar_id: i32,
    pub code: String,
    pub title: String,
    pub objective: String,
    pub lead_organisation_id: i32,
    /// Organisations supporting the priority besides the lead ministry.
    pub partner_ids: Vec<i32>,
    /// Provisions of this version's peace agreements the priority implements.
    pub provision_ids: Vec<i32>,
    pub phase: Phase,
    pub thematic_area: ThematicArea,
    pub costs: Vec<YearCost>,
}

/// A numbered provision of a peace agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provision {
    pub id: i32,
    pub number: String,
    pub text: String,
    pub version: i32,
}

/// A peace agreement a strategy builds on, with its provisions in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub id: i32,
    pub title: String,
    pub signed_on: Option<chrono::NaiveDate>,
    pub provisions: Vec<Provision>,
    pub version: i32,
}

/// What a planner submits to reference a peace agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAgreement {
    pub title: String,
    pub signed_on: Option<chrono::NaiveDate>,
}

/// What a planner submits to add a provision to an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewProvision {
    pub number: String,
    pub text: String,
}

/// A provision a priority implements, named as a reader cites it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvisionRef {
    pub id: i32,
    pub agreement: String,
    pub number: String,
    pub text: String,
}

impl ProvisionRef {
    /// e.g. `Kalinda Peace Agreement, art. 4.2`.
    pub fn citation(&self) -> String {
        format!("{}, art. {}", self.agreement, self.number)
    }
}

/// An organisation named in a priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationRef {
    pub id: i32,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Priority {
    pub id: i32,
    pub code: String,
    pub title: String,
    pub objective: String,
    pub lead_organisation_id: i32,
    pub lead_organisation: String,
    pub partners: Vec<OrganisationRef>,
    pub provisions: Vec<ProvisionRef>,
    pub phase: Phase,
    pub thematic_area: ThematicArea,
    pub costs: Vec<YearCost>,
    /// Moves on with every change; an edit form carries it.
    pub version: i32,
}

impl Priority {
    /// What a form editing this priority starts from.
    pub fn as_new(&self, pillar_id: i32) -> NewPriority {
        NewPriority {
            pillar_id,
            code: self.code.clone(),
            title: self.title.clone(),
            objective: self.objective.clone(),
            lead_organisation_id: self.lead_organisation_id,
            partner_ids: self.partners.iter().map(|o| o.id).collect(),
            provision_ids: self.provisions.iter().map(|p| p.id).collect(),
            phase: self.phase,
            thematic_area: self.thematic_area,
            costs: self.costs.clone(),
        }
    }

    pub fn total_cost(&self) -> Decimal {
        self.costs.iter().map(|c| c.amount).sum()
    }

    pub fn cost_in(&self, fiscal_year: i32) -> Decimal {
        self.costs
            .iter()
            .filter(|c| c.fiscal_year == fiscal_year)
            .map(|c| c.amount)
            .sum()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pillar {
    pub id: i32,
    pub number: i32,
    pub title: String,
    pub priorities: Vec<Priority>,
    pub version: i32,
}

/// One version of a strategy, whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Strategy {
    pub id: i32,
    pub country_code: String,
    pub version: i32,
    pub status: StrategyStatus,
    pub title: String,
    pub first_fiscal_year: i32,
    pub last_fiscal_year: i32,
    pub vision: String,
    /// ISO 4217 code every cost is in.
    pub currency: Currency,
    /// The month the country's fiscal year starts (1-12).
    pub fiscal_year_start_month: u32,
    pub based_on_version: Option<i32>,
    pub agreements: Vec<Agreement>,
    pub pillars: Vec<Pillar>,
    /// Counts the changes to a draft's title, vision and period; an edit
    /// form carries it.
    pub revision: i32,
    /// Who endorsed the version, when, and the record; none before.
    pub endorsement: Option<Endorsement>,
}

/// The record of a version's endorsement: the body that endorsed it (the
/// joint steering committee, the cabinet), the day, and where the record
/// (minutes, decision) is published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endorsement {
    pub by: String,
    pub on: chrono::NaiveDate,
    pub url: Option<String>,
}

impl Strategy {
    pub fn fiscal_years(&self) -> impl Iterator<Item = i32> {
        self.first_fiscal_year..=self.last_fiscal_year
    }

    pub fn priorities(&self) -> impl Iterator<Item = &Priority> {
        self.pillars.iter().flat_map(|p| p.priorities.iter())
    }

    /// A priority with the pillar it sits under.
    pub fn priority(&self, code: &str) -> Option<(&Pillar, &Priority)> {
        self.pillars
            .iter()
            .find_map(|pillar| Some((pillar, pillar.priorities.iter().find(|p| p.code == code)?)))
    }
}

/// One field of a priority that differs between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityChange {
    pub code: String,
    pub title: String,
    pub changes: Vec<FieldChange>,
}

/// What changed from one version to another, priority by priority (matched
/// by code).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyComparison {
    pub from_version: i32,
    pub to_version: i32,
    pub added: Vec<PriorityChange>,
    pub removed: Vec<PriorityChange>,
    pub changed: Vec<PriorityChange>,
}

impl StrategyComparison {
    /// Compares two versions of a strategy.
    pub fn between(from: &Strategy, to: &Strategy) -> Self {
        let summary = |p: &Priority| PriorityChange {
            code: p.code.clone(),
            title: p.title.clone(),
            changes: Vec::new(),
        };
        let find = |s: &Strategy, code: &str| s.priorities().find(|p| p.code == code).cloned();
        let mut comparison = StrategyComparison {
            from_version: from.version,
            to_version: to.version,
            ..Default::default()
        };
        for old in from.priorities() {
            match find(to, &old.code) {
                None => comparison.removed.push(summary(old)),
                Some(new) => {
                    let changes = field_changes(from, old, &new);
                    if !changes.is_empty() {
                        comparison.changed.push(PriorityChange {
                            changes,
                            ..summary(&new)
                        });
                    }
                }
            }
        }
        for new in to.priorities() {
            if find(from, &new.code).is_none() {
                comparison.added.push(summary(new));
            }
        }
        comparison
    }
}

fn field_changes(from: &Strategy, old: &Priority, new: &Priority) -> Vec<FieldChange> {
    use crate::i18n::td_string;
    let locale = crate::language::current();
    let mut changes = Vec::new();
    let mut compare = |field: &str, before: String, after: String| {
        if before != after {
            changes.push(FieldChange {
                field: field.into(),
                before,
                after,
            });
        }
    };
    compare(
        td_string!(locale, labels.change_title),
        old.title.clone(),
        new.title.clone(),
    );
    compare(
        td_string!(locale, labels.change_objective),
        old.objective.clone(),
        new.objective.clone(),
    );
    compare(
        td_string!(locale, labels.change_lead_ministry),
        old.lead_organisation.clone(),
        new.lead_organisation.clone(),
    );
    let names = |p: &Priority| {
        p.partners
            .iter()
            .map(|o| o.name.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    compare(
        td_string!(locale, labels.change_supporting_partners),
        names(old),
        names(new),
    );
    let citations = |p: &Priority| {
        p.provisions
            .iter()
            .map(ProvisionRef::citation)
            .collect::<Vec<_>>()
            .join("; ")
    };
    compare(
        td_string!(locale, labels.change_provisions),
        citations(old),
        citations(new),
    );
    compare(
        td_string!(locale, labels.change_phase),
        old.phase.label().into(),
        new.phase.label().into(),
    );
    compare(
        td_string!(locale, labels.change_thematic_area),
        old.thematic_area.label().into(),
        new.thematic_area.label().into(),
    );
    let mut years: Vec<i32> = old
        .costs
        .iter()
        .chain(&new.costs)
        .map(|c| c.fiscal_year)
        .collect();
    years.sort_unstable();
    years.dedup();
    for year in years {
        let label = crate::types::FiscalYear {
            start_year: year,
            start_month: from.fiscal_year_start_month,
        }
        .label();
        compare(
            &td_string!(locale, labels.change_cost, year = label).to_string(),
            old.cost_in(year).to_string(),
            new.cost_in(year).to_string(),
        );
    }
    changes
}

/// A comment on a priority, with its replies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: i32,
    pub priority_id: i32,
    pub author: String,
    pub organisation: String,
    pub body: String,
    pub at: chrono::DateTime<chrono::Utc>,
    pub resolved: bool,
    pub replies: Vec<Comment>,
}

/// A priority of another country's endorsed strategy in a thematic area
/// this strategy also works in: where peers' experience can be found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerPriority {
    pub country_code: String,
    pub country_name: String,
    pub code: String,
    pub title: String,
    pub thematic_area: ThematicArea,
    pub total_cost: Decimal,
    pub currency: Currency,
}
