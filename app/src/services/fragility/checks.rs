//! The rules a round and a row must meet, each refusal naming its field
//! and the rule in the request's language.

use crate::i18n::td_string;
use crate::types::input::YEARS;
use crate::types::{
    MAX_DIMENSION, MAX_EVIDENCE, MAX_METHOD_NOTES, MAX_PARTICIPANTS, NewFragilityRound,
    NewFragilityStage, Psg, Stage,
};
use crate::{AppError, FieldError};

/// A round's details, checked and trimmed.
pub struct CheckedRound {
    pub year: i32,
    pub government: String,
    pub civil_society: String,
    pub partners: String,
    pub method_notes: String,
}

/// A row, checked and trimmed.
pub struct CheckedStage {
    pub psg: Psg,
    pub dimension: String,
    pub stage: Stage,
    pub evidence: String,
    pub dissent: Option<String>,
}

/// `text` trimmed, or a refusal of `field` (named `name` for people) when
/// it is longer than `max` characters or, with `required`, empty.
fn bounded(
    errors: &mut Vec<FieldError>,
    (field, name): (&str, &str),
    text: &str,
    max: usize,
    required: bool,
) -> String {
    let text = text.trim().to_string();
    let count = text.chars().count();
    if count > max || (required && count == 0) {
        let locale = crate::language::current();
        let message = if required {
            td_string!(locale, fragility.rule_length_between, field = name, max).to_string()
        } else {
            td_string!(locale, fragility.rule_too_long, field = name, max).to_string()
        };
        errors.push(FieldError::new(field, message));
    }
    text
}

/// Refuses a year outside 1990-2100, naming `year`.
pub fn year(year: i32) -> Result<i32, AppError> {
    if YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(AppError::invalid(
            "year",
            td_string!(
                crate::language::current(),
                fragility.rule_year,
                first = *YEARS.start(),
                last = *YEARS.end()
            )
            .to_string(),
        ))
    }
}

pub fn round(new: &NewFragilityRound) -> Result<CheckedRound, AppError> {
    let locale = crate::language::current();
    let mut errors = Vec::new();
    if let Err(AppError::Invalid(mut refused)) = year(new.year) {
        errors.append(&mut refused);
    }
    let government = bounded(
        &mut errors,
        ("government", td_string!(locale, fragility.field_government)),
        &new.government,
        MAX_PARTICIPANTS,
        false,
    );
    let civil_society = bounded(
        &mut errors,
        (
            "civil_society",
            td_string!(locale, fragility.field_civil_society),
        ),
        &new.civil_society,
        MAX_PARTICIPANTS,
        false,
    );
    let partners = bounded(
        &mut errors,
        ("partners", td_string!(locale, fragility.field_partners)),
        &new.partners,
        MAX_PARTICIPANTS,
        false,
    );
    let method_notes = bounded(
        &mut errors,
        (
            "method_notes",
            td_string!(locale, fragility.field_method_notes),
        ),
        &new.method_notes,
        MAX_METHOD_NOTES,
        false,
    );
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(CheckedRound {
        year: new.year,
        government,
        civil_society,
        partners,
        method_notes,
    })
}

pub fn stage(new: &NewFragilityStage) -> Result<CheckedStage, AppError> {
    let locale = crate::language::current();
    let mut errors = Vec::new();
    let psg = Psg::from_code(new.psg.trim());
    if psg.is_none() {
        errors.push(FieldError::new(
            "psg",
            td_string!(locale, fragility.rule_psg),
        ));
    }
    let stage = Stage::from_number(new.stage);
    if stage.is_none() {
        errors.push(FieldError::new(
            "stage",
            td_string!(locale, fragility.rule_stage),
        ));
    }
    let dimension = bounded(
        &mut errors,
        ("dimension", td_string!(locale, fragility.field_dimension)),
        &new.dimension,
        MAX_DIMENSION,
        false,
    );
    let evidence = bounded(
        &mut errors,
        ("evidence", td_string!(locale, fragility.field_evidence)),
        &new.evidence,
        MAX_EVIDENCE,
        true,
    );
    let dissent = bounded(
        &mut errors,
        ("dissent", td_string!(locale, fragility.field_dissent)),
        &new.dissent,
        MAX_EVIDENCE,
        false,
    );
    match (psg, stage) {
        (Some(psg), Some(stage)) if errors.is_empty() => Ok(CheckedStage {
            psg,
            dimension,
            stage,
            evidence,
            dissent: (!dissent.is_empty()).then_some(dissent),
        }),
        _ => Err(AppError::Invalid(errors)),
    }
}
