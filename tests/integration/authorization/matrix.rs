//! The expected outcome of every mutating server function, and of reading
//! an object's history, for every kind of user. The authorization test signs in as each column and calls each row
//! over HTTP: a policy change that this table does not also make fails it.
//!
//! Columns: anonymous, admin, government planner, partner reporter acting on
//! its own organisation, partner reporter acting on another organisation,
//! reviewer. `true` means allowed.

/// Who is asking, in the order of the columns below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asker {
    Anonymous,
    Admin,
    Planner,
    ReporterOwnOrganisation,
    ReporterOtherOrganisation,
    Reviewer,
}

impl Asker {
    pub const ALL: [Asker; 6] = [
        Asker::Anonymous,
        Asker::Admin,
        Asker::Planner,
        Asker::ReporterOwnOrganisation,
        Asker::ReporterOtherOrganisation,
        Asker::Reviewer,
    ];
}

/// `(server function, [anonymous, admin, planner, reporter own, reporter other, reviewer])`.
pub const MATRIX: &[(&str, [bool; 6])] = &[
    (
        "create_organisation",
        [false, true, false, false, false, false],
    ),
    (
        "update_partner_organisation",
        [false, true, false, true, false, false],
    ),
    (
        "update_government_organisation",
        [false, true, true, false, false, false],
    ),
    (
        "change_partner_kind",
        [false, true, false, false, false, false],
    ),
    (
        "change_partner_acronym",
        [false, true, false, false, false, false],
    ),
    (
        "change_partner_iati_id",
        [false, true, false, false, false, false],
    ),
    (
        "read_organisation_history",
        [false, true, true, true, true, true],
    ),
    (
        "read_user_history",
        [false, true, false, false, false, false],
    ),
    ("audit_trail", [false, true, false, false, false, true]),
    ("create_user", [false, true, false, false, false, false]),
    ("update_user", [false, true, false, false, false, false]),
    ("reset_password", [false, true, false, false, false, false]),
    ("disable_user", [false, true, false, false, false, false]),
    ("enable_user", [false, true, false, false, false, false]),
    (
        "remove_membership",
        [false, true, false, false, false, false],
    ),
    (
        "deactivate_organisation",
        [false, true, false, false, false, false],
    ),
    (
        "reactivate_organisation",
        [false, true, false, false, false, false],
    ),
    (
        "merge_organisations",
        [false, true, false, false, false, false],
    ),
    ("change_password", [false, true, true, true, true, true]),
    ("create_strategy", [false, false, true, false, false, false]),
    ("add_priority", [false, false, true, false, false, false]),
    ("update_priority", [false, false, true, false, false, false]),
    ("remove_priority", [false, false, true, false, false, false]),
    ("add_agreement", [false, false, true, false, false, false]),
    ("add_pillar", [false, false, true, false, false, false]),
    ("rename_pillar", [false, false, true, false, false, false]),
    ("remove_pillar", [false, false, true, false, false, false]),
    ("add_provision", [false, false, true, false, false, false]),
    (
        "update_agreement",
        [false, false, true, false, false, false],
    ),
    (
        "remove_agreement",
        [false, false, true, false, false, false],
    ),
    (
        "update_provision",
        [false, false, true, false, false, false],
    ),
    (
        "remove_provision",
        [false, false, true, false, false, false],
    ),
    (
        "set_priority_cost",
        [false, false, true, false, false, false],
    ),
    (
        "send_strategy_to_consultation",
        [false, false, true, false, false, false],
    ),
    (
        "endorse_strategy",
        [false, false, true, false, false, false],
    ),
    ("revise_strategy", [false, false, true, false, false, false]),
    (
        "redraft_strategy",
        [false, false, true, false, false, false],
    ),
    ("add_comment", [false, true, true, true, true, true]),
    ("resolve_comment", [false, false, true, false, false, false]),
    (
        "set_transition_plan",
        [false, false, true, false, false, false],
    ),
    ("create_compact", [false, false, true, false, false, false]),
    (
        "add_compact_party",
        [false, false, true, false, false, false],
    ),
    (
        "remove_compact_party",
        [false, false, true, false, false, false],
    ),
    ("add_commitment", [false, false, true, true, false, false]),
    (
        "update_commitment",
        [false, false, true, true, false, false],
    ),
    (
        "remove_commitment",
        [false, false, true, true, false, false],
    ),
    ("report_progress", [false, false, true, true, false, false]),
    ("freeze_compact", [false, false, true, false, false, false]),
    ("sign_compact", [false, false, true, true, false, false]),
    ("amend_compact", [false, false, true, false, false, false]),
    ("open_review", [false, false, true, false, false, false]),
    (
        "comment_on_commitment",
        [false, true, true, true, true, true],
    ),
    ("close_review", [false, false, true, false, false, false]),
    (
        "assess_for_government",
        [false, false, true, false, false, false],
    ),
    (
        "assess_for_partner",
        [false, false, false, true, false, false],
    ),
    (
        "assess_after_another_partner",
        [false, false, false, true, false, false],
    ),
    (
        "add_drawdown_phase",
        [false, false, true, false, false, false],
    ),
    (
        "add_transition_function",
        [false, false, true, false, false, false],
    ),
    (
        "update_transition_function",
        [false, false, true, false, false, false],
    ),
    (
        "remove_transition_function",
        [false, false, true, false, false, false],
    ),
    (
        "update_drawdown_phase",
        [false, false, true, false, false, false],
    ),
    (
        "remove_drawdown_phase",
        [false, false, true, false, false, false],
    ),
    (
        "start_fragility_round",
        [false, false, true, false, false, false],
    ),
    (
        "update_fragility_round",
        [false, false, true, false, false, false],
    ),
    (
        "set_fragility_status",
        [false, false, true, false, false, false],
    ),
    (
        "add_fragility_stage",
        [false, false, true, false, false, false],
    ),
    (
        "update_fragility_stage",
        [false, false, true, false, false, false],
    ),
    (
        "remove_fragility_stage",
        [false, false, true, false, false, false],
    ),
    ("create_activity", [false, true, false, true, false, false]),
    ("update_activity", [false, true, false, true, false, false]),
    ("remove_activity", [false, true, false, true, false, false]),
    ("add_transaction", [false, true, false, true, false, false]),
    (
        "add_planned_disbursement",
        [false, true, false, true, false, false],
    ),
    (
        "update_transaction",
        [false, true, false, true, false, false],
    ),
    (
        "delete_transaction",
        [false, true, false, true, false, false],
    ),
    (
        "update_planned_disbursement",
        [false, true, false, true, false, false],
    ),
    (
        "delete_planned_disbursement",
        [false, true, false, true, false, false],
    ),
    (
        "import_transactions",
        [false, true, false, true, false, false],
    ),
    ("import_iati", [false, true, false, true, false, false]),
    (
        "validate_activities",
        [false, true, true, false, false, false],
    ),
    ("return_activity", [false, true, true, false, false, false]),
    (
        "set_validation_required",
        [false, true, false, false, false, false],
    ),
    (
        "set_country_language",
        [false, true, false, false, false, false],
    ),
    (
        "add_exchange_rate",
        [false, true, false, false, false, false],
    ),
    ("import_rates", [false, true, false, false, false, false]),
    (
        "update_exchange_rate",
        [false, true, false, false, false, false],
    ),
    (
        "remove_exchange_rate",
        [false, true, false, false, false, false],
    ),
    ("add_budget_line", [false, false, true, false, false, false]),
    (
        "update_budget_line",
        [false, false, true, false, false, false],
    ),
    (
        "remove_budget_line",
        [false, false, true, false, false, false],
    ),
    (
        "import_chart_of_accounts",
        [false, false, true, false, false, false],
    ),
    (
        "set_budget_amounts",
        [false, false, true, false, false, false],
    ),
    (
        "open_reporting_round",
        [false, false, true, false, false, false],
    ),
    (
        "close_reporting_round",
        [false, false, true, false, false, false],
    ),
    (
        "respond_to_round",
        [false, false, false, true, false, false],
    ),
    (
        "define_indicator",
        [false, false, true, false, false, false],
    ),
    (
        "set_indicator_target",
        [false, false, true, false, false, false],
    ),
    (
        "update_indicator",
        [false, false, true, false, false, false],
    ),
    (
        "remove_indicator_target",
        [false, false, true, false, false, false],
    ),
    (
        "record_government_measurement",
        [false, false, true, false, false, false],
    ),
    (
        "record_partner_measurement",
        [false, false, false, true, false, false],
    ),
    (
        "comment_on_indicator",
        [false, true, true, true, true, true],
    ),
];

/// The expected outcome of `function` for `asker`, or `None` for a function
/// the table does not list.
pub fn expected(function: &str, asker: Asker) -> Option<bool> {
    let column = Asker::ALL.iter().position(|a| *a == asker)?;
    MATRIX
        .iter()
        .find(|(name, _)| *name == function)
        .and_then(|(_, row)| row.get(column).copied())
}
