//! A round in preparation, as the country's members read it, with the
//! planners' forms while it is a draft and its moves.

use leptos::prelude::*;

use crate::i18n::td_string;
use crate::types::{FragilityRound, KeptInput, RoundStatus};

use super::forms::{AddStageForm, RoundDetailsForm, StageEditForm, StatusForms};
use super::published::{RoundFacts, StagesTable};

/// A draft or validated round; `editing` (with what the server refused,
/// if anything) for a planner.
#[component]
pub(super) fn OpenRound(
    round: FragilityRound,
    code: String,
    editing: Option<Option<KeptInput>>,
) -> impl IntoView {
    let locale = crate::language::current();
    let heading = td_string!(
        locale,
        fragility.round_heading,
        year = round.year,
        status = round.status.label()
    )
    .to_string();
    let caption = td_string!(locale, fragility.round_caption, year = round.year).to_string();
    let draft = round.status == RoundStatus::Draft;
    let forms = editing.map(|kept| {
        let edits = draft.then(|| {
            let rows = round
                .stages
                .iter()
                .cloned()
                .map(|stage| view! { <StageEditForm code=code.clone() stage kept=kept.clone() /> })
                .collect_view();
            view! {
                <RoundDetailsForm code=code.clone() round=round.clone() kept=kept.clone() />
                <AddStageForm code=code.clone() round_id=round.id kept=kept.clone() />
                {rows}
            }
        });
        view! {
            {edits}
            <StatusForms code=code.clone() round=round.clone() />
        }
    });
    view! {
        <section class="round">
            <h3>{heading}</h3>
            <RoundFacts round=round.clone() />
            <StagesTable caption stages=round.stages.clone() />
            {forms}
        </section>
    }
}
