//! The validation queue: what partners submitted, oldest first, each with
//! what it would change; planners validate one or several at once, or
//! return one with a reason.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{CsrfField, ErrorPanel, FormErrors, form_error};
use crate::i18n::td_string;
use crate::pages::params::country_code_param;
use crate::server_fns::{
    ReturnActivity, SetValidationRequired, ValidateActivities, ValidationView,
    load_validation_queue,
};
use crate::types::{Difference, Waiting};

const MANY: &str = "validate-many";

/// The queue of partners' activities and changes waiting for validation.
#[component]
pub fn ValidationPage() -> impl IntoView {
    let locale = crate::language::current();
    let code = country_code_param();
    let validate = ServerAction::<ValidateActivities>::new();
    let send_back = ServerAction::<ReturnActivity>::new();
    let configure = ServerAction::<SetValidationRequired>::new();
    let data = Resource::new(
        move || {
            let changes =
                validate.version().get() + send_back.version().get() + configure.version().get();
            (code.get(), changes)
        },
        |(code, _)| load_validation_queue(code),
    );
    let validate_error = form_error(validate.value());
    let return_error = form_error(send_back.value());
    let configure_error = form_error(configure.value());
    let validated = move || {
        validate.value().get().and_then(Result::ok).map(
            |n| view! { <p role="status">{td_string!(locale, activities.validated_count, count = n).to_string()}</p> },
        )
    };
    view! {
        <Title text=td_string!(locale, activities.validation_queue) />
        <h1>{td_string!(locale, activities.validation_queue)}</h1>
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(ValidationView { queue, can_configure }) => {
                        let code = code.get_untracked();
                        let shown = queue.waiting.len();
                        let required = queue.validation_required;
                        view! {
                            <p>
                                {if required {
                                    td_string!(locale, activities.validation_on_text)
                                } else {
                                    td_string!(locale, activities.validation_off_text)
                                }}
                                " "
                                {td_string!(locale, activities.waiting_count, count = queue.total).to_string()}
                            </p>
                            {can_configure.then(|| view! {
                                <FormErrors error=configure_error />
                                <Setting code=code.clone() required action=configure />
                            })}
                            <FormErrors error=validate_error />
                            <FormErrors error=return_error />
                            {validated}
                            {(shown == 0).then(|| view! { <p>{td_string!(locale, activities.nothing_waits)}</p> })}
                            {let country = code.clone();
                            (shown > 0).then(move || view! {
                                <ActionForm action=validate attr:id=MANY attr:class="toolbar">
                                    <CsrfField />
                                    <input type="hidden" name="country" value=country />
                                    <button type="submit">{td_string!(locale, activities.validate_selected)}</button>
                                </ActionForm>
                            })}
                            {queue
                                .waiting
                                .into_iter()
                                .enumerate()
                                .map(|(i, waiting)| view! {
                                    <Item index=i waiting code=code.clone() validate send_back />
                                })
                                .collect_view()}
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Setting(
    code: String,
    required: bool,
    action: ServerAction<SetValidationRequired>,
) -> impl IntoView {
    let locale = crate::language::current();
    view! {
        <details class="edit">
            <summary>{td_string!(locale, activities.validation_setting)}</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <label>
                    <input type="checkbox" name="required" value="on" checked=required />
                    " "
                    {td_string!(locale, activities.validation_setting_label)}
                </label>
                <button type="submit">{td_string!(locale, activities.save_setting)}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn Item(
    index: usize,
    waiting: Waiting,
    code: String,
    validate: ServerAction<ValidateActivities>,
    send_back: ServerAction<ReturnActivity>,
) -> impl IntoView {
    let locale = crate::language::current();
    let Waiting {
        proposed,
        new,
        since,
        differences,
    } = waiting;
    let id = proposed.id;
    let heading = format!("waiting-{id}");
    let pick = format!("pick-{id}");
    let reason = format!("reason-{id}");
    let kind = if new {
        td_string!(locale, activities.new_activity)
    } else {
        td_string!(locale, activities.change)
    };
    let title = proposed.title.clone();
    let (headline, select_label) = (
        td_string!(locale, activities.headline, kind, title = title.clone()).to_string(),
        format!(
            " {}",
            td_string!(locale, activities.select_title, title = title.clone())
        ),
    );
    let (validate_label, return_label) = (
        td_string!(locale, activities.validate_title, title = title.clone()).to_string(),
        td_string!(locale, activities.return_title, title = title.clone()).to_string(),
    );
    let (labelled_by, other_code) = (heading.clone(), code.clone());
    view! {
        <section class="activity waiting" aria-labelledby=labelled_by>
            <h2 id=heading>
                {headline}
                <span class="badge">{proposed.reporting_org.name.clone()}</span>
            </h2>
            <p>
                {td_string!(
                    locale,
                    activities.waiting_since,
                    when = since.format("%Y-%m-%d %H:%M UTC").to_string(),
                )
                    .to_string()}
            </p>
            <p>
                <input type="checkbox" id=pick.clone() form=MANY name=format!("activity_ids[{index}]") value=id />
                <label for=pick>{select_label}</label>
            </p>
            <Differences differences />
            <div class="actions">
                <ActionForm action=validate>
                    <CsrfField />
                    <input type="hidden" name="country" value=other_code />
                    <input type="hidden" name="activity_ids[0]" value=id />
                    <button type="submit">{validate_label}</button>
                </ActionForm>
                <details class="edit">
                    <summary>{return_label}</summary>
                    <ActionForm action=send_back attr:class="stack narrow">
                        <CsrfField />
                        <input type="hidden" name="country" value=code />
                        <input type="hidden" name="activity_id" value=id />
                        <label for=reason.clone()>{td_string!(locale, activities.reason_label)}</label>
                        <textarea id=reason name="reason" rows="3" required=true maxlength="2000"></textarea>
                        <button type="submit">{td_string!(locale, activities.return_to_partner)}</button>
                    </ActionForm>
                </details>
            </div>
        </section>
    }
}

#[component]
fn Differences(differences: Vec<Difference>) -> impl IntoView {
    let locale = crate::language::current();
    if differences.is_empty() {
        return view! { <p>{td_string!(locale, activities.no_difference)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="differences">
                <caption>{td_string!(locale, activities.what_validation_changes)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, activities.what)}</th>
                        <th scope="col">{td_string!(locale, activities.validated_now)}</th>
                        <th scope="col">{td_string!(locale, activities.submitted)}</th>
                    </tr>
                </thead>
                <tbody>
                    {differences
                        .into_iter()
                        .map(|d| view! {
                            <tr>
                                <th scope="row">{d.what}</th>
                                <td>{if d.before.is_empty() { "—".to_string() } else { d.before }}</td>
                                <td>{if d.after.is_empty() { td_string!(locale, activities.removed).to_string() } else { d.after }}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
