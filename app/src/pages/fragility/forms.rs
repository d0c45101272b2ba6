//! The planners' forms: start a round, correct its details, add, correct
//! and remove its rows, and move it on. Each is a plain post with the CSRF
//! token; corrections carry the version they were opened at.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::components::{CsrfField, OnceField};
use crate::i18n::td_string;
use crate::server_fns::{
    AddFragilityStage, RemoveFragilityStage, SetFragilityStatus, StartFragilityRound,
    UpdateFragilityRound, UpdateFragilityStage,
};
use crate::types::{
    FragilityRound, FragilityStage, Kept, KeptInput, MAX_DIMENSION, MAX_EVIDENCE, MAX_METHOD_NOTES,
    MAX_PARTICIPANTS, Psg, RoundStatus, Stage,
};

use super::published::stage_text;

/// The inputs of a round's details, as `value` has them or as `kept` has
/// them when the server refused them; ids start with `prefix`.
#[component]
fn RoundFields(prefix: String, value: Option<FragilityRound>, kept: Kept) -> impl IntoView {
    let id = move |field: &str| format!("{prefix}{field}");
    let v = value.as_ref();
    let year = kept.text(
        "round[year]",
        v.map(|r| r.year.to_string()).unwrap_or_default(),
    );
    let text = |name: &str, f: fn(&FragilityRound) -> String| {
        kept.text(name, v.map(f).unwrap_or_default())
    };
    let government = text("round[government]", |r| r.government.clone());
    let civil_society = text("round[civil_society]", |r| r.civil_society.clone());
    let partners = text("round[partners]", |r| r.partners.clone());
    let method = text("round[method_notes]", |r| r.method_notes.clone());
    let locale = crate::language::current();
    view! {
        <label for=id("year")>{td_string!(locale, fragility.field_year)}</label>
        <input id=id("year") name="round[year]" type="number" min="1990" max="2100" required=true value=year />
        <label for=id("government")>{td_string!(locale, fragility.field_government)}</label>
        <textarea id=id("government") name="round[government]" rows="2" maxlength=MAX_PARTICIPANTS>{government}</textarea>
        <label for=id("civil_society")>{td_string!(locale, fragility.field_civil_society)}</label>
        <textarea id=id("civil_society") name="round[civil_society]" rows="2" maxlength=MAX_PARTICIPANTS>{civil_society}</textarea>
        <label for=id("partners")>{td_string!(locale, fragility.field_partners)}</label>
        <textarea id=id("partners") name="round[partners]" rows="2" maxlength=MAX_PARTICIPANTS>{partners}</textarea>
        <label for=id("method_notes")>{td_string!(locale, fragility.field_method_notes)}</label>
        <textarea id=id("method_notes") name="round[method_notes]" rows="3" maxlength=MAX_METHOD_NOTES>{method}</textarea>
    }
}

#[component]
pub(super) fn StartRoundForm(code: String, kept: Option<KeptInput>) -> impl IntoView {
    let kept = KeptInput::of(kept.as_ref(), StartFragilityRound::PATH, "country", &code);
    let locale = crate::language::current();
    view! {
        <section aria-labelledby="start-round-heading">
            <h2 id="start-round-heading">{td_string!(locale, fragility.start_heading)}</h2>
            <form method="post" action=StartFragilityRound::PATH class="stack narrow">
                <CsrfField />
                <OnceField fresh=Signal::derive(|| 0usize) />
                <input type="hidden" name="country" value=code />
                <RoundFields prefix="new-round-".to_string() value=None kept />
                <button type="submit">{td_string!(locale, fragility.start_button)}</button>
            </form>
        </section>
    }
}

/// Corrects a draft round's details.
#[component]
pub(super) fn RoundDetailsForm(
    code: String,
    round: FragilityRound,
    kept: Option<KeptInput>,
) -> impl IntoView {
    let kept = KeptInput::of(
        kept.as_ref(),
        UpdateFragilityRound::PATH,
        "round_id",
        round.id,
    );
    let open = kept.is_kept();
    let (id, version) = (round.id, round.version);
    let locale = crate::language::current();
    view! {
        <details class="edit" open=open>
            <summary>{td_string!(locale, fragility.details_summary)}</summary>
            <form method="post" action=UpdateFragilityRound::PATH class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <input type="hidden" name="round_id" value=id />
                <input type="hidden" name="version" value=version />
                <RoundFields prefix=format!("round-{id}-") value=Some(round) kept />
                <button type="submit">{td_string!(locale, fragility.save_details)}</button>
            </form>
        </details>
    }
}

/// The inputs of a row, blank or as `value` has them, or as `kept` has
/// them when the server refused them; ids start with `prefix`.
#[component]
fn StageFields(prefix: String, value: Option<FragilityStage>, kept: Kept) -> impl IntoView {
    let id = move |field: &str| format!("{prefix}{field}");
    let v = value.as_ref();
    let (psg, stage) = (v.map(|s| s.psg), v.map(|s| s.stage));
    let dimension = kept.text(
        "row[dimension]",
        v.map(|s| s.dimension.clone()).unwrap_or_default(),
    );
    let evidence = kept.text(
        "row[evidence]",
        v.map(|s| s.evidence.clone()).unwrap_or_default(),
    );
    let dissent = kept.text(
        "row[dissent]",
        v.and_then(|s| s.dissent.clone()).unwrap_or_default(),
    );
    let dimension_hint = id("dimension-hint");
    let locale = crate::language::current();
    view! {
        <label for=id("psg")>{td_string!(locale, fragility.field_psg)}</label>
        <select id=id("psg") name="row[psg]">
            {Psg::ALL
                .into_iter()
                .map(|p| view! {
                    <option value=p.code() selected=kept.chosen("row[psg]", p.code(), psg == Some(p))>{p.label()}</option>
                })
                .collect_view()}
        </select>
        <label for=id("dimension")>{td_string!(locale, fragility.field_dimension)}</label>
        <p class="hint" id=dimension_hint.clone()>{td_string!(locale, fragility.dimension_hint)}</p>
        <input id=id("dimension") name="row[dimension]" maxlength=MAX_DIMENSION aria-describedby=dimension_hint value=dimension />
        <label for=id("stage")>{td_string!(locale, fragility.field_stage)}</label>
        <select id=id("stage") name="row[stage]">
            {Stage::ALL
                .into_iter()
                .map(|s| view! {
                    <option value=s.number() selected=kept.chosen("row[stage]", s.number(), stage == Some(s))>{stage_text(s)}</option>
                })
                .collect_view()}
        </select>
        <label for=id("evidence")>{td_string!(locale, fragility.field_evidence)}</label>
        <textarea id=id("evidence") name="row[evidence]" rows="3" required=true maxlength=MAX_EVIDENCE>{evidence}</textarea>
        <label for=id("dissent")>{td_string!(locale, fragility.field_dissent_optional)}</label>
        <textarea id=id("dissent") name="row[dissent]" rows="2" maxlength=MAX_EVIDENCE>{dissent}</textarea>
    }
}

#[component]
pub(super) fn AddStageForm(code: String, round_id: i32, kept: Option<KeptInput>) -> impl IntoView {
    let kept = KeptInput::of(kept.as_ref(), AddFragilityStage::PATH, "round_id", round_id);
    let open = kept.is_kept();
    let locale = crate::language::current();
    view! {
        <details class="edit" open=open>
            <summary>{td_string!(locale, fragility.add_row_heading)}</summary>
            <form method="post" action=AddFragilityStage::PATH class="stack narrow">
                <CsrfField />
                <OnceField fresh=Signal::derive(|| 0usize) />
                <input type="hidden" name="country" value=code />
                <input type="hidden" name="round_id" value=round_id />
                <StageFields prefix=format!("round-{round_id}-new-") value=None kept />
                <button type="submit">{td_string!(locale, fragility.add_row_button)}</button>
            </form>
        </details>
    }
}

/// Corrects or removes one row, as it was when the page opened.
#[component]
pub(super) fn StageEditForm(
    code: String,
    stage: FragilityStage,
    kept: Option<KeptInput>,
) -> impl IntoView {
    let kept = KeptInput::of(
        kept.as_ref(),
        UpdateFragilityStage::PATH,
        "stage_id",
        stage.id,
    );
    let open = kept.is_kept();
    let (id, version) = (stage.id, stage.version);
    let locale = crate::language::current();
    let row = if stage.dimension.is_empty() {
        stage.psg.label().to_string()
    } else {
        format!("{}, {}", stage.psg.label(), stage.dimension)
    };
    let summary = td_string!(locale, fragility.edit_row_summary, row).to_string();
    let country = code.clone();
    view! {
        <details class="edit" open=open>
            <summary>{summary}</summary>
            <form method="post" action=UpdateFragilityStage::PATH class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=country />
                <input type="hidden" name="stage_id" value=id />
                <input type="hidden" name="version" value=version />
                <StageFields prefix=format!("stage-{id}-") value=Some(stage) kept />
                <button type="submit">{td_string!(locale, fragility.save_row)}</button>
            </form>
            <form method="post" action=RemoveFragilityStage::PATH class="inline-form">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <input type="hidden" name="stage_id" value=id />
                <input type="hidden" name="version" value=version />
                <button type="submit" class="danger">{td_string!(locale, fragility.remove_row)}</button>
            </form>
        </details>
    }
}

/// One button that moves the round to `to`.
fn move_button(code: &str, round: &FragilityRound, to: RoundStatus) -> impl IntoView + use<> {
    let locale = crate::language::current();
    let label = match to {
        RoundStatus::Draft => td_string!(locale, fragility.back_to_draft_button),
        RoundStatus::Validated => td_string!(locale, fragility.validate_button),
        RoundStatus::Published => td_string!(locale, fragility.publish_button),
    };
    view! {
        <form method="post" action=SetFragilityStatus::PATH class="inline-form">
            <CsrfField />
            <input type="hidden" name="country" value=code.to_string() />
            <input type="hidden" name="round_id" value=round.id />
            <input type="hidden" name="version" value=round.version />
            <input type="hidden" name="status" value=to.code() />
            <button type="submit">{label}</button>
        </form>
    }
}

/// The moves open to the round: validate a draft; publish a validated
/// round or put it back to draft.
#[component]
pub(super) fn StatusForms(code: String, round: FragilityRound) -> impl IntoView {
    let moves: Vec<RoundStatus> = RoundStatus::ALL
        .into_iter()
        .filter(|to| round.status.may_become(*to))
        .collect();
    view! {
        <div class="actions">
            {moves
                .into_iter()
                .map(|to| move_button(&code, &round, to))
                .collect_view()}
        </div>
    }
}
