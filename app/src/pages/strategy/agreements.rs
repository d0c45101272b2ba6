//! The peace agreements a strategy version builds on, with their numbered
//! provisions, and (in a draft) the forms that add, correct and remove
//! them.

use leptos::prelude::*;

use super::actions::Actions;
use crate::components::{CsrfField, OnceField};
use crate::i18n::td_string;
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
    let locale = crate::language::current();
    view! {
        <section aria-labelledby="agreements-heading">
            <h2 id="agreements-heading">{td_string!(locale, strategy.peace_agreements)}</h2>
            {agreements
                .into_iter()
                .map(|a| {
                    let heading = format!("agreement-{}", a.id);
                    let labelled_by = heading.clone();
                    view! {
                        <article class="agreement" aria-labelledby=labelled_by>
                            <h3 id=heading>{a.title.clone()}</h3>
                            {a.signed_on.map(|d| view! { <p class="muted">{td_string!(locale, strategy.signed_date, date = d).to_string()}</p> })}
                            <dl class="provisions">
                                {a.provisions
                                    .iter()
                                    .map(|p| view! {
                                        <dt>{td_string!(locale, strategy.article, number = p.number.clone()).to_string()}</dt>
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
    let locale = crate::language::current();
    view! {
        <details class="edit">
            <summary>{td_string!(locale, strategy.reference_agreement)}</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || action.version().get()) />
                <input type="hidden" name="strategy_id" value=strategy_id />
                <label for="agreement_title">{td_string!(locale, strategy.agreement)}</label>
                <input id="agreement_title" name="agreement_title" required=true maxlength="300" />
                <label for="signed_on">{td_string!(locale, strategy.signed_on_optional)}</label>
                <input id="signed_on" name="signed_on" type="date" />
                <button type="submit">{td_string!(locale, strategy.add_agreement)}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn ProvisionForm(agreement_id: i32, action: ServerAction<AddProvision>) -> impl IntoView {
    let number = format!("provision-number-{agreement_id}");
    let text = format!("provision-text-{agreement_id}");
    let locale = crate::language::current();
    view! {
        <details class="edit">
            <summary>{td_string!(locale, strategy.add_a_provision)}</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || action.version().get()) />
                <input type="hidden" name="agreement_id" value=agreement_id />
                <label for=number.clone()>{td_string!(locale, strategy.article_number_example)}</label>
                <input id=number name="provision_number" required=true maxlength="16" />
                <label for=text.clone()>{td_string!(locale, strategy.what_it_provides)}</label>
                <textarea id=text name="provision_text" rows="2" required=true></textarea>
                <button type="submit">{td_string!(locale, strategy.add_provision)}</button>
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
    let locale = crate::language::current();
    view! {
        <details class="edit">
            <summary>{td_string!(locale, strategy.correct_agreement)}</summary>
            <ActionForm action=actions.update_agreement attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="agreement_id" value=id />
                <input type="hidden" name="version" value=version />
                <label for=title.clone()>{td_string!(locale, strategy.agreement)}</label>
                <input id=title name="agreement_title" required=true maxlength="300" value=agreement.title />
                <label for=signed.clone()>{td_string!(locale, strategy.signed_on_optional)}</label>
                <input id=signed name="signed_on" type="date" value=agreement.signed_on.map(|d| d.to_string()) />
                <button type="submit">{td_string!(locale, strategy.save_agreement)}</button>
            </ActionForm>
            <ActionForm action=actions.remove_agreement attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="agreement_id" value=id />
                <input type="hidden" name="version" value=version />
                <button type="submit" class="danger">{td_string!(locale, strategy.remove_agreement)}</button>
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
    let locale = crate::language::current();
    let (summary, remove) = (
        td_string!(
            locale,
            strategy.correct_article,
            number = provision.number.clone()
        )
        .to_string(),
        td_string!(
            locale,
            strategy.remove_article,
            number = provision.number.clone()
        )
        .to_string(),
    );
    view! {
        <details class="edit">
            <summary>{summary}</summary>
            <ActionForm action=actions.update_provision attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="provision_id" value=id />
                <input type="hidden" name="version" value=version />
                <label for=number.clone()>{td_string!(locale, strategy.article_number)}</label>
                <input id=number name="provision_number" required=true maxlength="16" value=provision.number.clone() />
                <label for=text.clone()>{td_string!(locale, strategy.what_it_provides)}</label>
                <textarea id=text name="provision_text" rows="2" required=true>{provision.text}</textarea>
                <button type="submit">{td_string!(locale, strategy.save_provision)}</button>
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
