//! The administrators' accounts page of a country: every account with the
//! forms that change a role, reset a password, disable or enable the
//! account and remove its membership of the country, and create an account.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{CsrfField, ErrorPanel, FormErrors, OnceField, form_error, successes};
use crate::i18n::td_string;
use crate::pages::params::country_code_param;
use crate::server_fns::{
    AccountsView, CreateUser, DisableUser, EnableUser, RemoveMembership, ResetPassword, UpdateUser,
    load_accounts,
};
use crate::types::{Role, UserSummary};

/// What the forms that end or restore an account's access submit to.
#[derive(Clone, Copy)]
struct AccessActions {
    disable: ServerAction<DisableUser>,
    enable: ServerAction<EnableUser>,
    remove: ServerAction<RemoveMembership>,
}

impl AccessActions {
    /// Moves on whenever one of them succeeds.
    fn changes(self) -> Signal<usize> {
        let all = [
            successes(self.disable),
            successes(self.enable),
            successes(self.remove),
        ];
        Signal::derive(move || all.iter().map(|s| s.get()).fold(0, usize::saturating_add))
    }

    fn errors(self) -> impl IntoView {
        view! {
            <FormErrors error=form_error(self.disable.value()) />
            <FormErrors error=form_error(self.enable.value()) />
            <FormErrors error=form_error(self.remove.value()) />
        }
    }
}

#[component]
pub fn AccountsPage() -> impl IntoView {
    let code = country_code_param();
    let create = ServerAction::<CreateUser>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let update = ServerAction::<UpdateUser>::new();
    let access = AccessActions {
        disable: ServerAction::new(),
        enable: ServerAction::new(),
        remove: ServerAction::new(),
    };
    let access_changes = access.changes();
    let data = Resource::new(
        move || {
            (
                code.get(),
                create.version().get(),
                reset.version().get(),
                update.version().get(),
                access_changes.get(),
            )
        },
        |(code, ..)| load_accounts(code),
    );
    let create_error = form_error(create.value());
    let reset_error = form_error(reset.value());
    let update_error = form_error(update.value());
    let locale = crate::language::current();
    view! {
        <Title text=td_string!(locale, common.accounts) />
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(data) => view! {
                        <Accounts
                            data
                            code=code.get_untracked()
                            create
                            reset
                            update
                            access
                            create_error
                            row_error=Signal::derive(move || update_error.get().or_else(|| reset_error.get()))
                        />
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Accounts(
    data: AccountsView,
    code: String,
    create: ServerAction<CreateUser>,
    reset: ServerAction<ResetPassword>,
    update: ServerAction<UpdateUser>,
    access: AccessActions,
    create_error: Signal<Option<crate::AppError>>,
    row_error: Signal<Option<crate::AppError>>,
) -> impl IntoView {
    let AccountsView {
        users,
        organisations,
        issued,
    } = data;
    let locale = crate::language::current();
    view! {
        <h1>{td_string!(locale, common.accounts)}</h1>
        {issued.map(|i| view! {
            <div class="notice" role="status">
                <p>
                    {one_time_password_for(&i.user.email, locale)}
                    " "
                    <code class="one-time-password">{i.one_time_password}</code>
                </p>
                <p>{td_string!(locale, accounts.one_time_password_shown_once)}</p>
            </div>
        })}
        <FormErrors error=row_error />
        {access.errors()}
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, common.email)}</th>
                        <th scope="col">{td_string!(locale, accounts.name)}</th>
                        <th scope="col">{td_string!(locale, accounts.organisation)}</th>
                        <th scope="col">{td_string!(locale, accounts.role_and_signature)}</th>
                        <th scope="col">{td_string!(locale, common.password)}</th>
                        <th scope="col">{td_string!(locale, accounts.access)}</th>
                    </tr>
                </thead>
                <tbody>
                    {users
                        .into_iter()
                        .map(|u| {
                            let access_cell = view! { <Access user=u.clone() code=code.clone() actions=access /> };
                            let role_id = format!("role-{}", u.id);
                            let signatory_id = format!("signatory-{}", u.id);
                            let role_label = td_string!(locale, accounts.role_of, email = u.email.clone()).to_string();
                            let save_label = td_string!(locale, accounts.save_role_of, email = u.email.clone()).to_string();
                            let reset_label = td_string!(locale, accounts.reset_password_of, email = u.email.clone()).to_string();
                            let history = format!(
                                "/countries/{code}/admin/audit?object_type=user&object_id={}",
                                u.id
                            );
                            view! {
                            <tr>
                                <th scope="row">{u.email.clone()}</th>
                                <td>{u.display_name.clone()}</td>
                                <td>{u.organisation_name}</td>
                                <td>
                                    <ActionForm action=update attr:class="inline-form">
                                        <CsrfField />
                                        <input type="hidden" name="user_id" value=u.id />
                                        <input type="hidden" name="version" value=u.version />
                                        <input type="hidden" name="display_name" value=u.display_name.clone() />
                                        <label class="visually-hidden" for=role_id.clone()>
                                            {role_label}
                                        </label>
                                        <select id=role_id name="role">
                                            {u.role.is_none().then(|| view! {
                                                <option value="" selected=true disabled=true>{td_string!(locale, accounts.no_role_here)}</option>
                                            })}
                                            {Role::ALL
                                                .into_iter()
                                                .map(|r| view! {
                                                    <option value=r.code() selected=u.role == Some(r)>{super::role_name(r, locale)}</option>
                                                })
                                                .collect_view()}
                                        </select>
                                        <input
                                            id=signatory_id.clone()
                                            name="signatory"
                                            type="checkbox"
                                            checked=u.signatory
                                        />
                                        <label for=signatory_id>{td_string!(locale, accounts.signs)}</label>
                                        <button type="submit" aria-label=save_label>
                                            {td_string!(locale, accounts.save)}
                                        </button>
                                    </ActionForm>
                                </td>
                                <td>
                                    <ActionForm action=reset attr:class="inline-form">
                                        <CsrfField />
                                        <input type="hidden" name="user_id" value=u.id />
                                        <a href=history>{td_string!(locale, accounts.history)}</a>
                                        " "
                                        <button type="submit" aria-label=reset_label>
                                            {td_string!(locale, accounts.reset)}
                                        </button>
                                    </ActionForm>
                                </td>
                                <td>{access_cell}</td>
                            </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <h2>{td_string!(locale, accounts.add_an_account)}</h2>
        <FormErrors error=create_error />
        <ActionForm action=create attr:class="stack narrow">
            <CsrfField />
            <OnceField fresh=Signal::derive(move || create.version().get()) />
            <input type="hidden" name="country" value=code />
            <label for="email">{td_string!(locale, common.email)}</label>
            <input id="email" name="email" type="email" required=true />
            <label for="display_name">{td_string!(locale, accounts.name)}</label>
            <input id="display_name" name="display_name" required=true maxlength="200" />
            <label for="organisation_id">{td_string!(locale, accounts.organisation)}</label>
            <select id="organisation_id" name="organisation_id">
                {organisations
                    .into_iter()
                    .map(|o| view! { <option value=o.id>{o.name}</option> })
                    .collect_view()}
            </select>
            <label for="role">{td_string!(locale, accounts.role)}</label>
            <select id="role" name="role">
                {Role::ALL
                    .into_iter()
                    .map(|r| view! { <option value=r.code()>{super::role_name(r, locale)}</option> })
                    .collect_view()}
            </select>
            <div class="check">
                <input id="signatory" name="signatory" type="checkbox" />
                <label for="signatory">{td_string!(locale, accounts.may_sign_for_organisation)}</label>
            </div>
            <button type="submit">{td_string!(locale, accounts.add_account)}</button>
        </ActionForm>
    }
}

/// "One-time password for <email>:", the address in bold.
fn one_time_password_for(email: &str, locale: crate::language::Locale) -> impl IntoView + use<> {
    // Marks where the address goes in the translated sentence.
    const EMAIL: char = '\u{1}';
    let text = td_string!(locale, accounts.one_time_password_for, email = EMAIL).to_string();
    let (before, after) = text.split_once(EMAIL).unwrap_or((text.as_str(), ""));
    let (before, after) = (before.to_string(), after.to_string());
    view! { {before} <strong>{email.to_string()}</strong> {after} }
}

/// An account's access: disable or enable it, remove its membership.
#[component]
fn Access(user: UserSummary, code: String, actions: AccessActions) -> impl IntoView {
    let u = user;
    let locale = crate::language::current();
    let enable_label =
        td_string!(locale, accounts.enable_account_of, email = u.email.clone()).to_string();
    let disable_label =
        td_string!(locale, accounts.disable_account_of, email = u.email.clone()).to_string();
    let remove_label = td_string!(
        locale,
        accounts.remove_membership_of,
        email = u.email.clone(),
        country = code.clone(),
    )
    .to_string();
    let remove_text =
        td_string!(locale, accounts.remove_role_in, country = code.clone()).to_string();
    let toggle = if u.disabled {
        view! {
            <span class="badge">{td_string!(locale, accounts.disabled)}</span>
            " "
            <ActionForm action=actions.enable attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="user_id" value=u.id />
                <button type="submit" aria-label=enable_label>
                    {td_string!(locale, accounts.enable_account)}
                </button>
            </ActionForm>
        }
        .into_any()
    } else {
        view! {
            <ActionForm action=actions.disable attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="user_id" value=u.id />
                <button type="submit" aria-label=disable_label>
                    {td_string!(locale, accounts.disable_account)}
                </button>
            </ActionForm>
        }
        .into_any()
    };
    let remove = u.role.map(|_| {
        view! {
            <ActionForm action=actions.remove attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="user_id" value=u.id />
                <input type="hidden" name="country" value=code />
                <button type="submit" aria-label=remove_label>
                    {remove_text}
                </button>
            </ActionForm>
        }
    });
    view! { {toggle} {remove} }
}
