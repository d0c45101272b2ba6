//! The session: the sign-in page, and the signed-in user's own account with
//! the form that sets their password.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::AppError;
use crate::components::{CsrfField, ErrorPanel, FormErrors, form_error, query_error, use_actor};
use crate::i18n::td_string;
use crate::server_fns::{ChangePassword, SignIn};

/// The sign-in form; signing in goes on to `?next=`.
#[component]
pub fn SignInPage() -> impl IntoView {
    let error = query_error();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let locale = crate::language::current();
    let sign_in = crate::i18n::td_string!(locale, common.sign_in);
    view! {
        <Title text=sign_in />
        <h1>{sign_in}</h1>
        <FormErrors error />
        // A plain form: signing in loads the next page afresh.
        <form method="post" action=SignIn::PATH class="stack narrow">
            <CsrfField />
            <input type="hidden" name="next" value=next />
            <label for="email">{crate::i18n::td_string!(locale, common.email)}</label>
            <input id="email" name="email" type="email" autocomplete="username" required=true />
            <label for="password">{crate::i18n::td_string!(locale, common.password)}</label>
            <input
                id="password"
                name="password"
                type="password"
                autocomplete="current-password"
                required=true
            />
            <button type="submit">{sign_in}</button>
        </form>
    }
}

/// Who the user is, and where they set their own password (required after
/// a one-time password).
#[component]
pub fn AccountPage() -> impl IntoView {
    let actor = use_actor();
    let action = ServerAction::<ChangePassword>::new();
    let error = form_error(action.value());
    let locale = crate::language::current();
    let your_account = td_string!(locale, common.your_account);
    view! {
        <Title text=your_account />
        <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || match actor.get() {
                None => view! { <ErrorPanel error=AppError::Unauthenticated /> }.into_any(),
                Some(actor) => {
                    let roles = actor
                        .memberships
                        .iter()
                        .map(|m| {
                            td_string!(
                                locale,
                                accounts.role_in_country,
                                role = super::role_name(m.role, locale),
                                country = m.country_code.clone(),
                            )
                            .to_string()
                        })
                        .collect::<Vec<_>>()
                        .join(td_string!(locale, accounts.role_separator));
                    view! {
                        <h1>{your_account}</h1>
                        <dl class="facts">
                            <dt>{td_string!(locale, accounts.name)}</dt>
                            <dd>{actor.display_name.clone()}</dd>
                            <dt>{td_string!(locale, common.email)}</dt>
                            <dd>{actor.email.clone()}</dd>
                            <dt>{td_string!(locale, accounts.organisation)}</dt>
                            <dd>{actor.organisation_name.clone()}</dd>
                            <dt>{td_string!(locale, accounts.roles)}</dt>
                            <dd>{roles}</dd>
                            <dt>{td_string!(locale, accounts.may_sign_compacts)}</dt>
                            <dd>
                                {if actor.signatory {
                                    td_string!(locale, accounts.yes)
                                } else {
                                    td_string!(locale, accounts.no)
                                }}
                            </dd>
                        </dl>
                        <h2>{td_string!(locale, accounts.change_your_password)}</h2>
                        {actor.must_change_password.then(|| view! {
                            <p class="notice">
                                {td_string!(locale, accounts.one_time_password_notice)}
                            </p>
                        })}
                        <FormErrors error />
                        <ActionForm action attr:class="stack narrow">
                            <CsrfField />
                            <label for="current_password">{td_string!(locale, accounts.current_password)}</label>
                            <input id="current_password" name="current_password" type="password" autocomplete="current-password" required=true />
                            <label for="new_password">{td_string!(locale, accounts.new_password)}</label>
                            <input id="new_password" name="new_password" type="password" autocomplete="new-password" minlength="10" required=true />
                            <button type="submit">{td_string!(locale, accounts.change_password)}</button>
                        </ActionForm>
                    }
                        .into_any()
                }
            }}
        </Transition>
    }
}
