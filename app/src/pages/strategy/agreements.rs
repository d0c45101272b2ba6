//! The peace agreements a strategy version builds on, with their numbered
//! provisions, and (in a draft) the forms that add, correct and remove
//! them.

use leptos::prelude::*;

use super::actions::Actions;
use crate::components::{CsrfField, OnceField};
use crate::server_fns::{AddAgreement, AddProvision};
use crate::types::{Agreement, Provision};

#[component]
pub(super) fn Agreements(
    agreements: Vec<Agreement>,
    strategy_id: i32,
    editable: bool,
    actions: Actions,
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
                                        <dd>
                                            {p.text.clone()}
                                            {editable.then(|| view! { <ProvisionEditForm provision=p.clone() actions /> })}
                                        </dd>
                                    })
                                    .collect_view()}
                            </dl>
                            {editable.then(|| view! {
                                <AgreementEditForm agreement=a.clone() actions />
                                <ProvisionForm agreement_id=a.id action=actions.provision />
                            })}
                        </article>
                    }
                })
                .collect_view()}
            {editable.then(|| view! { <AgreementForm strategy_id action=actions.agreement /> })}
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

/// Corrects an agreement's title and date, or removes it; both carry its
/// version.
#[component]
fn AgreementEditForm(agreement: Agreement, actions: Actions) -> impl IntoView {
    let (id, version) = (agreement.id, agreement.version);
    let title = format!("agreement-title-{id}");
    let signed = format!("agreement-signed-{id}");
    view! {
        <details class="edit">
            <summary>"Correct this agreement"</summary>
            <ActionForm action=actions.update_agreement attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="agreement_id" value=id />
                <input type="hidden" name="version" value=version />
                <label for=title.clone()>"Agreement"</label>
                <input id=title name="agreement_title" required=true maxlength="300" value=agreement.title />
                <label for=signed.clone()>"Signed on (optional)"</label>
                <input id=signed name="signed_on" type="date" value=agreement.signed_on.map(|d| d.to_string()) />
                <button type="submit">"Save agreement"</button>
            </ActionForm>
            <ActionForm action=actions.remove_agreement attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="agreement_id" value=id />
                <input type="hidden" name="version" value=version />
                <button type="submit" class="danger">"Remove this agreement"</button>
            </ActionForm>
        </details>
    }
}

/// Corrects a provision's number and text, or removes it; both carry its
/// version.
#[component]
fn ProvisionEditForm(provision: Provision, actions: Actions) -> impl IntoView {
    let (id, version) = (provision.id, provision.version);
    let number = format!("provision-{id}-number");
    let text = format!("provision-{id}-text");
    let (summary, remove) = (
        format!("Correct art. {}", provision.number),
        format!("Remove art. {}", provision.number),
    );
    view! {
        <details class="edit">
            <summary>{summary}</summary>
            <ActionForm action=actions.update_provision attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="provision_id" value=id />
                <input type="hidden" name="version" value=version />
                <label for=number.clone()>"Article number"</label>
                <input id=number name="provision_number" required=true maxlength="16" value=provision.number.clone() />
                <label for=text.clone()>"What it provides"</label>
                <textarea id=text name="provision_text" rows="2" required=true>{provision.text}</textarea>
                <button type="submit">"Save provision"</button>
            </ActionForm>
            <ActionForm action=actions.remove_provision attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="provision_id" value=id />
                <input type="hidden" name="version" value=version />
                <button type="submit" class="danger">{remove}</button>
            </ActionForm>
        </details>
    }
}
