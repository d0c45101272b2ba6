//! The forms that rename, remove and add a draft's pillars.

use leptos::prelude::*;

use crate::components::{CsrfField, OnceField};
use crate::i18n::td_string;
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
    let locale = crate::language::current();
    let number = pillar.number.to_string();
    view! {
        <details class="edit">
            <summary>{td_string!(locale, strategy.rename_pillar, number = number.clone()).to_string()}</summary>
            <ActionForm action=rename attr:class="filters">
                <CsrfField />
                <input type="hidden" name="strategy_id" value=strategy_id />
                <input type="hidden" name="pillar_id" value=id />
                <input type="hidden" name="version" value=version />
                <label for=field.clone()>{td_string!(locale, strategy.title)}</label>
                <input id=field name="pillar_title" required=true maxlength="200" value=pillar.title />
                <button type="submit">{td_string!(locale, strategy.rename)}</button>
            </ActionForm>
            {empty.then(|| view! {
                <ActionForm action=remove attr:class="inline-form">
                    <CsrfField />
                    <input type="hidden" name="strategy_id" value=strategy_id />
                    <input type="hidden" name="pillar_id" value=id />
                    <input type="hidden" name="version" value=version />
                    <button type="submit" class="danger">{td_string!(locale, strategy.remove_pillar, number).to_string()}</button>
                </ActionForm>
            })}
        </details>
    }
}

#[component]
pub fn AddPillarForm(strategy_id: i32, action: ServerAction<AddPillar>) -> impl IntoView {
    let locale = crate::language::current();
    view! {
        <details class="edit">
            <summary>{td_string!(locale, strategy.add_a_pillar)}</summary>
            <ActionForm action attr:class="filters">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || action.version().get()) />
                <input type="hidden" name="strategy_id" value=strategy_id />
                <label for="new-pillar-title">{td_string!(locale, strategy.title)}</label>
                <input id="new-pillar-title" name="pillar_title" required=true maxlength="200" />
                <button type="submit">{td_string!(locale, strategy.add_pillar)}</button>
            </ActionForm>
        </details>
    }
}
