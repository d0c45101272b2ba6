//! The parties to a compact version and their signatures, and the forms
//! that freeze a draft for signature, sign it, and start an amendment.

use leptos::prelude::*;

use crate::components::CsrfField;
use crate::server_fns::{AmendCompact, CompactView, FreezeCompact, SignCompact};
use crate::types::{Compact, CompactStatus, Party};

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
    let button = |label: String| view! { <button type="submit">{label}</button> };
    match compact.status {
        CompactStatus::Draft if view.can_manage => view! {
            <ActionForm action=freeze attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="compact_id" value=id />
                {button("Freeze for signature".into())}
            </ActionForm>
            <p class="muted">"Once frozen, its text is fixed and each party's signatory signs it."</p>
        }
        .into_any(),
        CompactStatus::ForSignature if view.can_sign => view! {
            <ActionForm action=sign attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="compact_id" value=id />
                {button("Sign this version".into())}
            </ActionForm>
        }
        .into_any(),
        CompactStatus::Signed if view.can_manage && latest => view! {
            <ActionForm action=amend attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="compact_id" value=id />
                {button("Start an amendment".into())}
            </ActionForm>
            <p class="muted">"An amendment is a new version; every party signs it again."</p>
        }
        .into_any(),
        _ => ().into_any(),
    }
}

#[component]
pub(super) fn Parties(parties: Vec<Party>) -> impl IntoView {
    view! {
        <h2>"Parties and signatures"</h2>
        <ul class="parties">
            {parties
                .into_iter()
                .map(|p| {
                    let signed = match &p.signature {
                        Some(s) => format!(
                            "signed by {} on {}",
                            s.signatory,
                            s.signed_at.format("%Y-%m-%d %H:%M UTC")
                        ),
                        None => "not signed".into(),
                    };
                    view! { <li><strong>{p.name}</strong>{format!(": {signed}")}</li> }
                })
                .collect_view()}
        </ul>
    }
}
