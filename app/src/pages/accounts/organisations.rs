//! Organisations: the administrators' list of a country's organisations
//! with the form that adds one, and one organisation's page with its
//! details, the form that edits them and their history.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::{CsrfField, ErrorPanel, FormErrors, History, form_error};
use crate::pages::params::country_code_param;
use crate::server_fns::{
    CreateOrganisation, OrganisationView, UpdateOrganisation, load_admin_organisations,
    load_organisation,
};
use crate::types::{Organisation, OrganisationKind};

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    let code = country_code_param();
    let create = ServerAction::<CreateOrganisation>::new();
    let list = Resource::new(
        move || (code.get(), create.version().get()),
        |(code, _)| load_admin_organisations(code),
    );
    let error = form_error(create.value());
    view! {
        <Title text="Organisations" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(orgs) => view! {
                        <h1>"Organisations"</h1>
                        <OrganisationTable orgs />
                        <h2>"Add an organisation"</h2>
                        <FormErrors error />
                        <ActionForm action=create attr:class="stack narrow">
                            <CsrfField />
                            <input type="hidden" name="country" value=code.get_untracked() />
                            <OrganisationFields org=None identify=true />
                            <button type="submit">"Add organisation"</button>
                        </ActionForm>
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrganisationTable(orgs: Vec<Organisation>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Kind"</th>
                        <th scope="col">"IATI identifier"</th>
                    </tr>
                </thead>
                <tbody>
                    {orgs
                        .into_iter()
                        .map(|o| view! {
                            <tr>
                                <th scope="row"><a href=format!("/organisations/{}", o.id)>{o.name}</a></th>
                                <td>{o.kind.label()}</td>
                                <td>{o.iati_id.unwrap_or_default()}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
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
    let view_data = Resource::new(
        move || (id.get(), update.version().get()),
        |(id, _)| load_organisation(id),
    );
    let error = form_error(update.value());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match view_data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(data) => view! { <OrganisationDetails data update error /> }.into_any(),
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
) -> impl IntoView {
    let OrganisationView {
        organisation: org,
        country_code,
        country_name,
        can_edit,
        can_identify,
    } = data;
    let id = org.id;
    view! {
        <Title text=org.name.clone() />
        <p class="breadcrumb">
            <a href=format!("/countries/{country_code}")>{country_name}</a>
        </p>
        <h1>{org.name.clone()}</h1>
        <dl class="facts">
            <dt>"Acronym"</dt>
            <dd>{org.acronym.clone().unwrap_or_default()}</dd>
            <dt>"Kind"</dt>
            <dd>{org.kind.label()}</dd>
            <dt>"IATI identifier"</dt>
            <dd>{org.iati_id.clone().unwrap_or_default()}</dd>
            <dt>"IATI organisation type"</dt>
            <dd>{org.iati_type_code.clone().unwrap_or_default()}</dd>
        </dl>
        {can_edit.then(|| view! {
            <h2>"Edit details"</h2>
            <FormErrors error />
            <ActionForm action=update attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="id" value=org.id />
                <OrganisationFields org=Some(org.clone()) identify=can_identify />
                <button type="submit">"Save"</button>
            </ActionForm>
        })}
        <History object_type="organisation" object_id=id />
    }
}

/// The fields of an organisation, empty or filled with `org`. Without
/// `identify`, kind, acronym and IATI codes are kept as they are: only an
/// administrator changes them.
#[component]
fn OrganisationFields(org: Option<Organisation>, identify: bool) -> impl IntoView {
    let current = org.as_ref().map(|o| o.kind);
    let value =
        |f: fn(&Organisation) -> Option<String>| org.as_ref().and_then(f).unwrap_or_default();
    let name = view! {
        <label for="name">"Name"</label>
        <input id="name" name="name" required=true maxlength="200" value=value(|o| Some(o.name.clone())) />
    };
    if !identify {
        return view! {
            {name}
            <input type="hidden" name="acronym" value=value(|o| o.acronym.clone()) />
            <input type="hidden" name="kind" value=current.map(|k| k.code()).unwrap_or_default() />
            <input type="hidden" name="iati_id" value=value(|o| o.iati_id.clone()) />
            <input type="hidden" name="iati_type_code" value=value(|o| o.iati_type_code.clone()) />
            <p class="hint">"Only an administrator changes the acronym, kind and IATI codes."</p>
        }
        .into_any();
    }
    view! {
        {name}
        <label for="acronym">"Acronym (optional)"</label>
        <input id="acronym" name="acronym" maxlength="40" value=value(|o| o.acronym.clone()) />
        <label for="kind">"Kind"</label>
        <select id="kind" name="kind">
            {OrganisationKind::ALL
                .into_iter()
                .map(|k| view! {
                    <option value=k.code() selected=current == Some(k)>{k.label()}</option>
                })
                .collect_view()}
        </select>
        <label for="iati_id">"IATI organisation identifier (optional), e.g. GB-GOV-1"</label>
        <input id="iati_id" name="iati_id" maxlength="100" value=value(|o| o.iati_id.clone()) />
        <label for="iati_type_code">"IATI organisation type code (optional), e.g. 10 for government"</label>
        <input id="iati_type_code" name="iati_type_code" maxlength="4" value=value(|o| o.iati_type_code.clone()) />
    }
    .into_any()
}
