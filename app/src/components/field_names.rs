//! The names of form fields as an error summary gives them: what the
//! field's label reads on the page, in the page's language.

use crate::i18n::{Locale, td_string};

/// The name of the form field `field` (`display_name`,
/// `transaction[amount]`, `shares[2]`) in `locale`; a field it does not
/// know reads as its code, humanised (`some_field[2]` reads `Some field`).
pub(super) fn field_label(locale: Locale, field: &str) -> String {
    let code = bare(field);
    if let Some(year) = code
        .strip_prefix("cost_")
        .filter(|y| !y.is_empty() && y.bytes().all(|b| b.is_ascii_digit()))
    {
        return td_string!(locale, fields.cost_in_year, year).to_string();
    }
    known(locale, code).map_or_else(|| humanised(code), str::to_string)
}

/// The field's own name: `amount` from `transaction[amount]`, `shares`
/// from `shares[2]`, `amount` from `priority[costs][0][amount]`.
fn bare(field: &str) -> &str {
    field
        .split('[')
        .map(|part| part.strip_suffix(']').unwrap_or(part))
        .rfind(|part| !part.is_empty() && !part.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or(field)
}

/// The name of a field the forms and checks use, by its code.
fn known(locale: Locale, code: &str) -> Option<&'static str> {
    Some(match code {
        // A fragility assessment's round and its rows.
        "civil_society" => td_string!(locale, fragility.field_civil_society),
        "dimension" => td_string!(locale, fragility.field_dimension),
        "dissent" => td_string!(locale, fragility.field_dissent),
        "evidence" => td_string!(locale, fragility.field_evidence),
        "government" => td_string!(locale, fragility.field_government),
        "method_notes" => td_string!(locale, fragility.field_method_notes),
        "partners" => td_string!(locale, fragility.field_partners),
        "psg" => td_string!(locale, fragility.field_psg),
        "stage" => td_string!(locale, fragility.field_stage),
        "year" => td_string!(locale, fragility.field_year),
        "acronym" => td_string!(locale, fields.acronym),
        "activity_id" => td_string!(locale, fields.activity),
        "activity_ids" => td_string!(locale, fields.activities),
        "actual_end" => td_string!(locale, fields.actual_end),
        "actual_start" => td_string!(locale, fields.actual_start),
        "admin_unit" => td_string!(locale, fields.admin_unit),
        "after_cost" => td_string!(locale, fields.after_cost),
        "agreement_id" | "agreement_title" => td_string!(locale, fields.agreement),
        "aid_type" => td_string!(locale, fields.aid_type),
        "amount" | "planned_amount" => td_string!(locale, fields.amount),
        "appropriation" => td_string!(locale, fields.appropriation),
        "baseline_date" => td_string!(locale, fields.baseline_date),
        "baseline_value" => td_string!(locale, fields.baseline_value),
        "body" => td_string!(locale, fields.body),
        "budget_lines" => td_string!(locale, fields.budget_lines),
        "closed_on" => td_string!(locale, fields.closed_on),
        "code" => td_string!(locale, fields.code),
        "comment" => td_string!(locale, fields.comment),
        "commitments" => td_string!(locale, fields.commitments),
        "currency" | "default_currency" | "planned_currency" => {
            td_string!(locale, fields.currency)
        }
        "current_password" => td_string!(locale, fields.current_password),
        "current_provider" => td_string!(locale, fields.current_provider),
        "date" | "on_date" | "transaction_date" => td_string!(locale, fields.date),
        "definition" => td_string!(locale, fields.definition),
        "description" => td_string!(locale, fields.description),
        "direction" => td_string!(locale, fields.direction),
        "display_name" | "name" => td_string!(locale, fields.name),
        "drawdown_end" => td_string!(locale, fields.drawdown_end),
        "drawdown_start" => td_string!(locale, fields.drawdown_start),
        "due_on" => td_string!(locale, fields.due_on),
        "duplicate_id" => td_string!(locale, fields.duplicate),
        "earmarking" => td_string!(locale, fields.earmarking),
        "email" => td_string!(locale, common.email),
        "endorsed_by" => td_string!(locale, fields.endorsed_by),
        "endorsed_on" => td_string!(locale, fields.endorsed_on),
        "endorsement_url" => td_string!(locale, fields.endorsement_url),
        "ends_on" | "phase_end" => td_string!(locale, fields.ends),
        "evidence_url" => td_string!(locale, fields.evidence_url),
        "execution" => td_string!(locale, fields.execution),
        "expected_external" => td_string!(locale, fields.expected_external),
        "file" => td_string!(locale, fields.file),
        "finance_type" => td_string!(locale, fields.finance_type),
        "first_fiscal_year" => td_string!(locale, fields.first_fiscal_year),
        "fiscal_year" | "measurement_fiscal_year" | "round_fiscal_year" | "target_fiscal_year" => {
            td_string!(locale, fields.fiscal_year)
        }
        "fiscal_year_start_month" => td_string!(locale, fields.fiscal_year_start_month),
        "formula" => td_string!(locale, fields.formula),
        "from" => td_string!(locale, fields.from),
        "function_name" => td_string!(locale, fields.function_name),
        "future_owner_id" => td_string!(locale, fields.future_owner),
        "group_by" => td_string!(locale, fields.group_by),
        "iati_id" => td_string!(locale, fields.iati_id),
        "iati_identifier" => td_string!(locale, fields.iati_identifier),
        "iati_type_code" => td_string!(locale, fields.iati_type_code),
        "id" | "organisation_id" => td_string!(locale, fields.organisation),
        "indicator" => td_string!(locale, fields.indicator),
        "kept_id" => td_string!(locale, fields.kept_organisation),
        "language" => td_string!(locale, common.language),
        "last_fiscal_year" => td_string!(locale, fields.last_fiscal_year),
        "lead_organisation_id" => td_string!(locale, fields.lead_ministry),
        "line_code" => td_string!(locale, fields.line_code),
        "line_id" => td_string!(locale, fields.budget_line),
        "line_name" => td_string!(locale, fields.line_name),
        "mandate_end" => td_string!(locale, fields.mandate_end),
        "mission_cost" => td_string!(locale, fields.mission_cost),
        "mission_name" => td_string!(locale, fields.mission_name),
        "new_password" => td_string!(locale, fields.new_password),
        "note" => td_string!(locale, fields.note),
        "object_id" => td_string!(locale, fields.object_id),
        "on_accounting" => td_string!(locale, fields.on_accounting),
        "on_audit" => td_string!(locale, fields.on_audit),
        "on_budget" => td_string!(locale, fields.on_budget),
        "on_procurement" => td_string!(locale, fields.on_procurement),
        "on_report" => td_string!(locale, fields.on_report),
        "on_treasury" => td_string!(locale, fields.on_treasury),
        "once" => td_string!(locale, fields.form),
        "opened_on" => td_string!(locale, fields.opened_on),
        "organisation" | "partner" => td_string!(locale, fields.partner),
        "owner" => td_string!(locale, fields.owner),
        "parent_code" => td_string!(locale, fields.parent_code),
        "parent_id" => td_string!(locale, fields.parent_comment),
        "participants" => td_string!(locale, fields.participants),
        "partner_ids" => td_string!(locale, fields.partner_ids),
        "party_id" => td_string!(locale, fields.party),
        "party_ids" => td_string!(locale, fields.parties),
        "password" => td_string!(locale, common.password),
        "period_end" => td_string!(locale, fields.period_end),
        "period_start" => td_string!(locale, fields.period_start),
        "phase_name" => td_string!(locale, fields.phase),
        "phase_start" | "starts_on" => td_string!(locale, fields.starts),
        "pillar" | "pillar_id" => td_string!(locale, fields.pillar),
        "pillar_title" => td_string!(locale, fields.pillar_title),
        "plan" => td_string!(locale, fields.plan),
        "planned_end" => td_string!(locale, fields.planned_end),
        "planned_start" => td_string!(locale, fields.planned_start),
        "priorities" => td_string!(locale, fields.priorities),
        "priority_code" => td_string!(locale, fields.priority_code),
        "progress_text" => td_string!(locale, fields.progress_text),
        "provider_activity_id" => td_string!(locale, fields.provider_activity),
        "provider_org_id" => td_string!(locale, fields.provider_org),
        "provision_id" => td_string!(locale, fields.provision),
        "provision_ids" => td_string!(locale, fields.provision_ids),
        "provision_number" => td_string!(locale, fields.provision_number),
        "provision_text" => td_string!(locale, fields.provision_text),
        "published" => td_string!(locale, fields.published),
        "q" => td_string!(locale, fields.search),
        "rate" => td_string!(locale, fields.rate),
        "rate_date" => td_string!(locale, fields.rate_date),
        "rating" => td_string!(locale, fields.rating),
        "reason" | "status_reason" => td_string!(locale, fields.reason),
        "receiver_org_id" => td_string!(locale, fields.receiver_org),
        "reporting_org_id" => td_string!(locale, fields.reporting_org),
        "responsible_office" => td_string!(locale, fields.responsible_office),
        "round" => td_string!(locale, fields.round),
        "sector_code" => td_string!(locale, fields.sector_code),
        "sectors" => td_string!(locale, fields.sectors),
        "secured" => td_string!(locale, fields.secured),
        "security" => td_string!(locale, fields.security),
        "signature" => td_string!(locale, fields.signature),
        "signed_on" => td_string!(locale, fields.signed_on),
        "source" => td_string!(locale, fields.source),
        "status" => td_string!(locale, fields.status),
        "strategy" => td_string!(locale, fields.strategy),
        "target_handover" => td_string!(locale, fields.target_handover),
        "target_value" => td_string!(locale, fields.target_value),
        "text" => td_string!(locale, fields.text),
        "title" | "round_title" => td_string!(locale, fields.title),
        "to" => td_string!(locale, fields.to),
        "unit" => td_string!(locale, fields.unit),
        "user_id" => td_string!(locale, fields.user),
        "validation" => td_string!(locale, fields.validation),
        "value" => td_string!(locale, fields.value),
        "value_date" => td_string!(locale, fields.value_date),
        _ => return None,
    })
}

/// A code as words: `display_name` reads `Display name`.
fn humanised(field: &str) -> String {
    let spaced = field.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_a_field_in_the_language_of_the_page() {
        assert_eq!(field_label(Locale::fr, "transaction[amount]"), "Montant");
        assert_eq!(
            field_label(Locale::pt, "activity[participants][3]"),
            "Organizações participantes e as suas funções IATI"
        );
        assert_eq!(field_label(Locale::en, "display_name"), "Name");
        assert_eq!(
            field_label(Locale::fr, "activity[sectors]"),
            "Secteurs du CAD avec leurs pourcentages"
        );
        assert_eq!(
            field_label(Locale::en, "priority[costs][0][amount]"),
            "Amount"
        );
        assert_eq!(
            field_label(Locale::fr, "cost_2025"),
            "Coût de l'exercice 2025"
        );
    }

    #[test]
    fn an_unknown_field_reads_as_its_code() {
        assert_eq!(field_label(Locale::fr, "some_new_field"), "Some new field");
        assert_eq!(field_label(Locale::fr, "form[shares][2]"), "Shares");
        assert_eq!(field_label(Locale::en, "line 4: amount"), "Line 4: amount");
    }
}
