//! The peace agreements a strategy version builds on, with their numbered
//! provisions, and (in a draft) the forms that add them.

use leptos::prelude::*;

use crate::components::{CsrfField, OnceField};
use crate::server_fns::{AddAgreement, AddProvision};
use crate::types::Agreement;

#[component]
pub fn Agreements(
    agreements: Vec<Agreement>,
    strategy_id: i32,
    editable: bool,
    add: ServerAction<AddAgreement>,
    add_provision: ServerAction<AddProvision>,
) -> impl IntoView {
    if agreements.is_empty() && !editable {
        return ().into_any();
    }
    view! {
        <section aria-labelledby="agreements-heading">
            <h2 id="agreements-heading">"Peace agreements"</h2>
            {agreements
                .into_iter()
                .map(|a| {
                    let heading = format!("agreement-{}", a.id);
                    let labelled_by = heading.clone();
                    view! {
                        <article class="agreement" aria-labelledby=labelled_by>
                            <h3 id=heading>{a.title.clone()}</h3>
                            {a.signed_on.map(|d| view! { <p class="muted">{format!("Signed {d}")}</p> })}
                            <dl class="provisions">
                                {a.provisions
                                    .iter()
                                    .map(|p| view! {
                                        <dt>{format!("Art. {}", p.number)}</dt>
                                        <dd>{p.text.clone()}</dd>
                                    })
                                    .collect_view()}
                            </dl>
                            {editable.then(|| view! {
                                <ProvisionForm agreement_id=a.id action=add_provision />
                            })}
                        </article>
                    }
                })
                .collect_view()}
            {editable.then(|| view! { <AgreementForm strategy_id action=add /> })}
        </section>
    }
    .into_any()
}

#[component]
fn AgreementForm(strategy_id: i32, action: ServerAction<AddAgreement>) -> impl IntoView {
    view! {
        <details class="edit">
            <summary>"Reference a peace agreement"</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || action.version().get()) />
                <input type="hidden" name="strategy_id" value=strategy_id />
                <label for="agreement_title">"Agreement"</label>
                <input id="agreement_title" name="agreement_title" required=true maxlength="300" />
                <label for="signed_on">"Signed on (optional)"</label>
                <input id="signed_on" name="signed_on" type="date" />
                <button type="submit">"Add agreement"</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn ProvisionForm(agreement_id: i32, action: ServerAction<AddProvision>) -> impl IntoView {
    let number = format!("provision-number-{agreement_id}");
    let text = format!("provision-text-{agreement_id}");
    view! {
        <details class="edit">
            <summary>"Add a provision"</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || action.version().get()) />
                <input type="hidden" name="agreement_id" value=agreement_id />
                <label for=number.clone()>"Article number, e.g. 4.2"</label>
                <input id=number name="provision_number" required=true maxlength="16" />
                <label for=text.clone()>"What it provides"</label>
                <textarea id=text name="provision_text" rows="2" required=true></textarea>
                <button type="submit">"Add provision"</button>
            </ActionForm>
        </details>
    }
}
