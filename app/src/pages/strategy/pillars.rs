//! The forms that rename a draft's pillar and add a pillar.

use leptos::prelude::*;

use crate::components::{CsrfField, OnceField};
use crate::server_fns::{AddPillar, RenamePillar};
use crate::types::Pillar;

#[component]
pub fn RenamePillarForm(
    strategy_id: i32,
    pillar: Pillar,
    action: ServerAction<RenamePillar>,
) -> impl IntoView {
    let field = format!("pillar-title-{}", pillar.id);
    view! {
        <details class="edit">
            <summary>{format!("Rename pillar {}", pillar.number)}</summary>
            <ActionForm action attr:class="filters">
                <CsrfField />
                <input type="hidden" name="strategy_id" value=strategy_id />
                <input type="hidden" name="pillar_id" value=pillar.id />
                <label for=field.clone()>"Title"</label>
                <input id=field name="pillar_title" required=true maxlength="200" value=pillar.title />
                <button type="submit">"Rename"</button>
            </ActionForm>
        </details>
    }
}

#[component]
pub fn AddPillarForm(strategy_id: i32, action: ServerAction<AddPillar>) -> impl IntoView {
    view! {
        <details class="edit">
            <summary>"Add a pillar"</summary>
            <ActionForm action attr:class="filters">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || action.version().get()) />
                <input type="hidden" name="strategy_id" value=strategy_id />
                <label for="new-pillar-title">"Title"</label>
                <input id="new-pillar-title" name="pillar_title" required=true maxlength="200" />
                <button type="submit">"Add pillar"</button>
            </ActionForm>
        </details>
    }
}
