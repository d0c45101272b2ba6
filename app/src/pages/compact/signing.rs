//! The parties to a compact version and their signatures, and the forms
//! that change a draft's parties, freeze it for signature, sign it, and
//! start an amendment.

use leptos::prelude::*;

use crate::components::CsrfField;
use crate::i18n::td_string;
use crate::server_fns::{
    AddCompactParty, AmendCompact, CompactView, FreezeCompact, RemoveCompactParty, SignCompact,
};
use crate::types::{Compact, CompactStatus, Organisation, Party};

/// The form of the next step for this reader: freeze a draft, sign it, or
/// start an amendment of the latest signed version.
#[component]
pub(super) fn Lifecycle(
    compact: Compact,
    latest: bool,
    view: CompactView,
    freeze: ServerAction<FreezeCompact>,
    sign: ServerAction<SignCompact>,
    amend: ServerAction<AmendCompact>,
) -> impl IntoView {
    let id = compact.id;
    let locale = crate::language::current();
    let button = |label: String| view! { <button type="submit">{label}</button> };
    match compact.status {
        CompactStatus::Draft if view.can_manage => view! {
            <ActionForm action=freeze attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="compact_id" value=id />
                {button(td_string!(locale, compact.freeze).into())}
            </ActionForm>
            <p class="muted">{td_string!(locale, compact.frozen_note)}</p>
        }
        .into_any(),
        CompactStatus::ForSignature if view.can_sign => view! {
            <ActionForm action=sign attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="compact_id" value=id />
                {button(td_string!(locale, compact.sign_version).into())}
            </ActionForm>
        }
        .into_any(),
        CompactStatus::Signed if view.can_manage && latest => view! {
            <ActionForm action=amend attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="compact_id" value=id />
                {button(td_string!(locale, compact.start_amendment).into())}
            </ActionForm>
            <p class="muted">{td_string!(locale, compact.amendment_note)}</p>
        }
        .into_any(),
        _ => ().into_any(),
    }
}

#[component]
pub(super) fn Parties(
    parties: Vec<Party>,
    /// The compact and the organisations that may join it, for a planner
    /// changing a draft's parties.
    editing: Option<(i32, Vec<Organisation>)>,
    add: ServerAction<AddCompactParty>,
    remove: ServerAction<RemoveCompactParty>,
) -> impl IntoView {
    let compact_id = editing.as_ref().map(|(id, _)| *id);
    let joining: Vec<Organisation> = editing
        .map(|(_, organisations)| organisations)
        .unwrap_or_default()
        .into_iter()
        .filter(|o| o.active && !parties.iter().any(|p| p.id == o.id))
        .collect();
    let locale = crate::language::current();
    view! {
        <h2>{td_string!(locale, compact.parties_and_signatures)}</h2>
        <ul class="parties">
            {parties
                .into_iter()
                .map(|p| {
                    let signed = match &p.signature {
                        Some(s) => td_string!(
                            locale,
                            compact.signed_by,
                            name = s.signatory.clone(),
                            date = s.signed_at.format("%Y-%m-%d %H:%M UTC"),
                        )
                        .to_string(),
                        None => td_string!(locale, compact.not_signed).to_string(),
                    };
                    let leave_label =
                        td_string!(locale, compact.remove_party, name = p.name.clone()).to_string();
                    let leave = compact_id.map(|compact_id| view! {
                        <ActionForm action=remove attr:class="inline-form">
                            <CsrfField />
                            <input type="hidden" name="compact_id" value=compact_id />
                            <input type="hidden" name="organisation_id" value=p.id />
                            <button type="submit" class="danger">{leave_label}</button>
                        </ActionForm>
                    });
                    view! { <li><strong>{p.name}</strong>{td_string!(locale, compact.party_signature, signature = signed).to_string()} {leave}</li> }
                })
                .collect_view()}
        </ul>
        {compact_id.filter(|_| !joining.is_empty()).map(|compact_id| view! {
            <ActionForm action=add attr:class="filters">
                <CsrfField />
                <input type="hidden" name="compact_id" value=compact_id />
                <label for="joining-party">{td_string!(locale, compact.add_a_party)}</label>
                <select id="joining-party" name="organisation_id">
                    {joining
                        .into_iter()
                        .map(|o| view! { <option value=o.id>{o.name}</option> })
                        .collect_view()}
                </select>
                <button type="submit">{td_string!(locale, compact.add_party)}</button>
            </ActionForm>
        })}
    }
}
