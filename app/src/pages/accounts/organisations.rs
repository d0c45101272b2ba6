//! Organisations: the administrators' list of a country's organisations
//! with the forms that deactivate, reactivate, merge and add them, and one
//! organisation's page with its details, the form that edits them (opened
//! at a version) and their history.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::{
    CsrfField, ErrorPanel, FormErrors, History, form_error, kept_input, successes,
};
use crate::i18n::td_string;
use crate::language::Locale;
use crate::pages::params::country_code_param;
use crate::server_fns::{
    CreateOrganisation, DeactivateOrganisation, MergeOrganisations, OrganisationView,
    ReactivateOrganisation, UpdateOrganisation, load_admin_organisations, load_organisation,
};
use crate::types::{Kept, KeptInput, MergeOutcome, Organisation, OrganisationKind};

/// What the organisations page's forms submit to.
#[derive(Clone, Copy)]
struct Actions {
    create: ServerAction<CreateOrganisation>,
    deactivate: ServerAction<DeactivateOrganisation>,
    reactivate: ServerAction<ReactivateOrganisation>,
    merge: ServerAction<MergeOrganisations>,
}

impl Actions {
    /// Moves on whenever one of them succeeds; a refused form keeps its input.
    fn changes(self) -> Signal<usize> {
        let all = [
            successes(self.create),
            successes(self.deactivate),
            successes(self.reactivate),
            successes(self.merge),
        ];
        Signal::derive(move || all.iter().map(|s| s.get()).fold(0, usize::saturating_add))
    }
}

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let code = country_code_param();
    let actions = Actions {
        create: ServerAction::new(),
        deactivate: ServerAction::new(),
        reactivate: ServerAction::new(),
        merge: ServerAction::new(),
    };
    let changes = actions.changes();
    let list = Resource::new(
        move || (code.get(), changes.get()),
        |(code, _)| load_admin_organisations(code),
    );
    let error = form_error(actions.create.value());
    let locale = crate::language::current();
    view! {
        <Title text=td_string!(locale, common.organisations) />
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(orgs) => view! {
                        <h1>{td_string!(locale, common.organisations)}</h1>
                        <OrganisationTable orgs=orgs.clone() actions />
                        <MergeForm orgs action=actions.merge />
                        <h2>{td_string!(locale, accounts.add_an_organisation)}</h2>
                        <FormErrors error />
                        <ActionForm action=actions.create attr:class="stack narrow">
                            <CsrfField />
                            <input type="hidden" name="country" value=code.get_untracked() />
                            <OrganisationFields org=None identify=true />
                            <button type="submit">{td_string!(locale, accounts.add_organisation)}</button>
                        </ActionForm>
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrganisationTable(orgs: Vec<Organisation>, actions: Actions) -> impl IntoView {
    let locale = crate::language::current();
    view! {
        <FormErrors error=form_error(actions.deactivate.value()) />
        <FormErrors error=form_error(actions.reactivate.value()) />
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, accounts.name)}</th>
                        <th scope="col">{td_string!(locale, accounts.kind)}</th>
                        <th scope="col">{td_string!(locale, accounts.iati_identifier)}</th>
                        <th scope="col">{td_string!(locale, accounts.in_the_forms)}</th>
                    </tr>
                </thead>
                <tbody>
                    {orgs
                        .into_iter()
                        .map(|o| {
                            let deactivate_label = td_string!(locale, accounts.deactivate_label, name = o.name.clone()).to_string();
                            let reactivate_label = td_string!(locale, accounts.reactivate_label, name = o.name.clone()).to_string();
                            let toggle = if o.active {
                                view! {
                                    <ActionForm action=actions.deactivate attr:class="inline-form">
                                        <CsrfField />
                                        <input type="hidden" name="id" value=o.id />
                                        <button type="submit" aria-label=deactivate_label>
                                            {td_string!(locale, accounts.deactivate)}
                                        </button>
                                    </ActionForm>
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <ActionForm action=actions.reactivate attr:class="inline-form">
                                        <CsrfField />
                                        <input type="hidden" name="id" value=o.id />
                                        <button type="submit" aria-label=reactivate_label>
                                            {td_string!(locale, accounts.reactivate)}
                                        </button>
                                    </ActionForm>
                                }
                                    .into_any()
                            };
                            view! {
                                <tr>
                                    <th scope="row"><a href=format!("/organisations/{}", o.id)>{o.name.clone()}</a></th>
                                    <td>{o.kind.name(locale)}</td>
                                    <td>{o.iati_id.clone().unwrap_or_default()}</td>
                                    <td>
                                        {(!o.active).then(|| view! { <span class="badge">{td_string!(locale, accounts.deactivated)}</span> " " })}
                                        {toggle}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Merging a duplicate into the organisation kept, and what the last merge
/// did.
#[component]
fn MergeForm(orgs: Vec<Organisation>, action: ServerAction<MergeOrganisations>) -> impl IntoView {
    let locale = crate::language::current();
    let options = move |orgs: &[Organisation]| {
        orgs.iter()
            .map(|o| {
                let label = if o.active {
                    o.name.clone()
                } else {
                    td_string!(locale, accounts.name_deactivated, name = o.name.clone()).to_string()
                };
                view! { <option value=o.id>{label}</option> }
            })
            .collect_view()
    };
    let done = move || {
        action
            .value()
            .get()
            .and_then(Result::ok)
            .map(|outcome| merged(outcome, locale))
    };
    view! {
        <h2 id="merge-heading">{td_string!(locale, accounts.merge_heading)}</h2>
        <p class="hint">{td_string!(locale, accounts.merge_hint)}</p>
        <FormErrors error=form_error(action.value()) />
        <div role="status">{done}</div>
        <ActionForm action attr:class="stack narrow" attr:aria-labelledby="merge-heading">
            <CsrfField />
            <label for="kept_id">{td_string!(locale, accounts.organisation_to_keep)}</label>
            <select id="kept_id" name="kept_id">{options(&orgs)}</select>
            <label for="duplicate_id">{td_string!(locale, accounts.duplicate_to_merge)}</label>
            <select id="duplicate_id" name="duplicate_id">{options(&orgs)}</select>
            <button type="submit">{td_string!(locale, accounts.merge_submit)}</button>
        </ActionForm>
    }
}

/// What a merge did, in words.
fn merged(outcome: MergeOutcome, locale: Locale) -> impl IntoView {
    let m = outcome.moved;
    let counts = [
        td_string!(locale, accounts.moved_activities, count = m.activities).to_string(),
        td_string!(locale, accounts.moved_transactions, count = m.transactions).to_string(),
        td_string!(locale, accounts.moved_accounts, count = m.users).to_string(),
        td_string!(locale, accounts.moved_commitments, count = m.commitments).to_string(),
        td_string!(
            locale,
            accounts.moved_compact_parties,
            count = m.compact_parties
        )
        .to_string(),
    ]
    .join(", ");
    let duplicate = outcome.duplicate.name;
    let kept = outcome.kept.name;
    let end = if outcome.duplicate_deleted {
        td_string!(locale, accounts.duplicate_deleted, name = duplicate.clone()).to_string()
    } else {
        td_string!(
            locale,
            accounts.duplicate_deactivated,
            duplicate = duplicate.clone(),
            kept = kept.clone(),
        )
        .to_string()
    };
    view! {
        <p class="notice">
            {td_string!(locale, accounts.merged, duplicate, kept, counts, end).to_string()}
        </p>
    }
}

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
            .unwrap_or_default()
    });
    let update = ServerAction::<UpdateOrganisation>::new();
    // A refused save keeps what was typed: the page reloads only on a
    // successful one.
    let saved = successes(update);
    let kept = kept_input();
    let view_data = Resource::new(
        move || (id.get(), saved.get()),
        |(id, _)| load_organisation(id),
    );
    let error = form_error(update.value());
    let locale = crate::language::current();
    view! {
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let kept = kept.await;
                match view_data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(data) => {
                        let kept = KeptInput::of(kept.as_ref(), UpdateOrganisation::PATH, "id", data.organisation.id);
                        view! { <OrganisationDetails data update error kept /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrganisationDetails(
    data: OrganisationView,
    update: ServerAction<UpdateOrganisation>,
    error: Signal<Option<crate::AppError>>,
    kept: Kept,
) -> impl IntoView {
    let OrganisationView {
        organisation: org,
        country_code,
        country_name,
        can_edit,
        can_identify,
    } = data;
    let id = org.id;
    let locale = crate::language::current();
    view! {
        <Title text=org.name.clone() />
        <p class="breadcrumb">
            <a href=format!("/countries/{country_code}")>{country_name}</a>
        </p>
        <h1>{org.name.clone()}</h1>
        {(!org.active).then(|| view! {
            <p class="notice">{td_string!(locale, accounts.deactivated_notice)}</p>
        })}
        <dl class="facts">
            <dt>{td_string!(locale, accounts.acronym)}</dt>
            <dd>{org.acronym.clone().unwrap_or_default()}</dd>
            <dt>{td_string!(locale, accounts.kind)}</dt>
            <dd>{org.kind.name(locale)}</dd>
            <dt>{td_string!(locale, accounts.iati_identifier)}</dt>
            <dd>{org.iati_id.clone().unwrap_or_default()}</dd>
            <dt>{td_string!(locale, accounts.iati_organisation_type)}</dt>
            <dd>{org.iati_type_code.clone().unwrap_or_default()}</dd>
        </dl>
        {can_edit.then(|| view! {
            <h2>{td_string!(locale, accounts.edit_details)}</h2>
            <FormErrors error />
            <ActionForm action=update attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="id" value=org.id />
                <input type="hidden" name="version" value=org.version />
                <OrganisationFields org=Some(org.clone()) identify=can_identify kept />
                <button type="submit">{td_string!(locale, accounts.save)}</button>
            </ActionForm>
        })}
        <History object_type="organisation" object_id=id />
    }
}

/// The fields of an organisation (`organisation[name]` and so on), empty or
/// filled with `org`, or with what was `kept` of a refused save. Without
/// `identify`, kind, acronym and IATI codes are kept as they are: only an
/// administrator changes them.
#[component]
fn OrganisationFields(
    org: Option<Organisation>,
    identify: bool,
    #[prop(optional)] kept: Kept,
) -> impl IntoView {
    let current = org.as_ref().map(|o| o.kind);
    let stored =
        |f: fn(&Organisation) -> Option<String>| org.as_ref().and_then(f).unwrap_or_default();
    let value = |name: &str, f: fn(&Organisation) -> Option<String>| kept.text(name, stored(f));
    let locale = crate::language::current();
    let name = view! {
        <label for="name">{td_string!(locale, accounts.name)}</label>
        <input id="name" name="organisation[name]" required=true maxlength="200" value=value("organisation[name]", |o| Some(o.name.clone())) />
    };
    if !identify {
        return view! {
            {name}
            <input type="hidden" name="organisation[acronym]" value=stored(|o| o.acronym.clone()) />
            <input type="hidden" name="organisation[kind]" value=current.map(|k| k.code()).unwrap_or_default() />
            <input type="hidden" name="organisation[iati_id]" value=stored(|o| o.iati_id.clone()) />
            <input type="hidden" name="organisation[iati_type_code]" value=stored(|o| o.iati_type_code.clone()) />
            <p class="hint">{td_string!(locale, accounts.only_admin_identifies)}</p>
        }
        .into_any();
    }
    view! {
        {name}
        <label for="acronym">{td_string!(locale, accounts.acronym_optional)}</label>
        <input id="acronym" name="organisation[acronym]" maxlength="40" value=value("organisation[acronym]", |o| o.acronym.clone()) />
        <label for="kind">{td_string!(locale, accounts.kind)}</label>
        <select id="kind" name="organisation[kind]">
            {OrganisationKind::ALL
                .into_iter()
                .map(|k| view! {
                    <option value=k.code() selected=kept.chosen("organisation[kind]", k.code(), current == Some(k))>{k.name(locale)}</option>
                })
                .collect_view()}
        </select>
        <label for="iati_id">{td_string!(locale, accounts.iati_id_field)}</label>
        <input id="iati_id" name="organisation[iati_id]" maxlength="100" value=value("organisation[iati_id]", |o| o.iati_id.clone()) />
        <label for="iati_type_code">{td_string!(locale, accounts.iati_type_code_field)}</label>
        <input id="iati_type_code" name="organisation[iati_type_code]" maxlength="4" value=value("organisation[iati_type_code]", |o| o.iati_type_code.clone()) />
    }
    .into_any()
}
