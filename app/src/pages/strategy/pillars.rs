//! The forms that rename, remove and add a draft's pillars.

use leptos::prelude::*;

use crate::components::{CsrfField, OnceField};
use crate::server_fns::{AddPillar, RemovePillar, RenamePillar};
use crate::types::Pillar;

/// Renames a pillar, or removes it while it has no priorities; both carry
/// the pillar's version.
#[component]
pub fn RenamePillarForm(
    strategy_id: i32,
    pillar: Pillar,
    rename: ServerAction<RenamePillar>,
    remove: ServerAction<RemovePillar>,
) -> impl IntoView {
    let field = format!("pillar-title-{}", pillar.id);
    let (id, version) = (pillar.id, pillar.version);
    let empty = pillar.priorities.is_empty();
    view! {
        <details class="edit">
            <summary>{format!("Rename pillar {}", pillar.number)}</summary>
            <ActionForm action=rename attr:class="filters">
                <CsrfField />
                <input type="hidden" name="strategy_id" value=strategy_id />
                <input type="hidden" name="pillar_id" value=id />
                <input type="hidden" name="version" value=version />
                <label for=field.clone()>"Title"</label>
                <input id=field name="pillar_title" required=true maxlength="200" value=pillar.title />
                <button type="submit">"Rename"</button>
            </ActionForm>
            {empty.then(|| view! {
                <ActionForm action=remove attr:class="inline-form">
                    <CsrfField />
                    <input type="hidden" name="strategy_id" value=strategy_id />
                    <input type="hidden" name="pillar_id" value=id />
                    <input type="hidden" name="version" value=version />
                    <button type="submit" class="danger">{format!("Remove pillar {}", pillar.number)}</button>
                </ActionForm>
            })}
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
