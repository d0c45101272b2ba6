//! The validation queue: what partners submitted, oldest first, each with
//! what it would change; planners validate one or several at once, or
//! return one with a reason.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{CsrfField, ErrorPanel, FormErrors, form_error};
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
            |n| view! { <p role="status">{format!("Validated {n}: they count from now on.")}</p> },
        )
    };
    view! {
        <Title text="Validation queue" />
        <h1>"Validation queue"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
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
                                    "Partners' activities and their changes count in totals, indicators, public pages and exports only once validated here. "
                                } else {
                                    "Validation is off: partners' entries count at once. What waited before stays here. "
                                }}
                                {format!("{} waiting, the oldest first.", queue.total)}
                            </p>
                            {can_configure.then(|| view! {
                                <FormErrors error=configure_error />
                                <Setting code=code.clone() required action=configure />
                            })}
                            <FormErrors error=validate_error />
                            <FormErrors error=return_error />
                            {validated}
                            {(shown == 0).then(|| view! { <p>"Nothing waits for validation."</p> })}
                            {let country = code.clone();
                            (shown > 0).then(move || view! {
                                <ActionForm action=validate attr:id=MANY attr:class="toolbar">
                                    <CsrfField />
                                    <input type="hidden" name="country" value=country />
                                    <button type="submit">"Validate the selected activities"</button>
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
    view! {
        <details class="edit">
            <summary>"Validation of partners' data"</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <label>
                    <input type="checkbox" name="required" value="on" checked=required />
                    " Partners' entries count only once a planner validates them"
                </label>
                <button type="submit">"Save the setting"</button>
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
    let kind = if new { "New activity" } else { "Change" };
    let title = proposed.title.clone();
    let (headline, select_label) = (format!("{kind}: {title}"), format!(" Select “{title}”"));
    let (validate_label, return_label) = (
        format!("Validate “{title}”"),
        format!("Return “{title}” with a reason"),
    );
    let (labelled_by, other_code) = (heading.clone(), code.clone());
    view! {
        <section class="activity waiting" aria-labelledby=labelled_by>
            <h2 id=heading>
                {headline}
                <span class="badge">{proposed.reporting_org.name.clone()}</span>
            </h2>
            <p>{format!("Waiting since {}.", since.format("%Y-%m-%d %H:%M UTC"))}</p>
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
                        <label for=reason.clone()>"Reason (the partner reads it)"</label>
                        <textarea id=reason name="reason" rows="3" required=true maxlength="2000"></textarea>
                        <button type="submit">"Return to the partner"</button>
                    </ActionForm>
                </details>
            </div>
        </section>
    }
}

#[component]
fn Differences(differences: Vec<Difference>) -> impl IntoView {
    if differences.is_empty() {
        return view! { <p>"No difference from the validated version."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="differences">
                <caption>"What validation would change"</caption>
                <thead>
                    <tr>
                        <th scope="col">"What"</th>
                        <th scope="col">"Validated now"</th>
                        <th scope="col">"Submitted"</th>
                    </tr>
                </thead>
                <tbody>
                    {differences
                        .into_iter()
                        .map(|d| view! {
                            <tr>
                                <th scope="row">{d.what}</th>
                                <td>{if d.before.is_empty() { "—".to_string() } else { d.before }}</td>
                                <td>{if d.after.is_empty() { "(removed)".to_string() } else { d.after }}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
