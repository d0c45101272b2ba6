//! The exchange rates page: the rates to the reporting currency with their
//! sources, and the forms that add and import rates.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{CsrfField, ErrorPanel, FormErrors, form_error};
use crate::pages::params::country_code_param;
use crate::server_fns::{AddExchangeRate, ImportRates, RatesView, load_rates};

/// The exchange rates every converted figure uses, with their sources.
#[component]
pub fn RatesPage() -> impl IntoView {
    let code = country_code_param();
    let add = ServerAction::<AddExchangeRate>::new();
    let import = ServerAction::<ImportRates>::new();
    let data = Resource::new(
        move || (code.get(), add.version().get() + import.version().get()),
        |(code, _)| load_rates(code),
    );
    let add_error = form_error(add.value());
    let import_error = form_error(import.value());
    view! {
        <Title text="Exchange rates" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(RatesView { reporting_currency, rates, can_edit }) => {
                        let code = code.get_untracked();
                        view! {
                            <h1>{format!("Exchange rates to {reporting_currency}")}</h1>
                            <p>
                                "An amount converts at the rate of its value date, or the nearest earlier one. "
                                "An amount with no such rate is left out of the totals and flagged."
                            </p>
                            {can_edit.then(|| view! {
                                <FormErrors error=add_error />
                                <RateForm code=code.clone() action=add />
                                <FormErrors error=import_error />
                                <RatesImport code=code.clone() action=import />
                            })}
                            <div class="table-wrap">
                                <table>
                                    <caption>{format!("{} rates, newest first", rates.len())}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Currency"</th>
                                            <th scope="col">"From"</th>
                                            <th scope="col" class="num">{format!("{reporting_currency} per unit")}</th>
                                            <th scope="col">"Source"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {rates
                                            .into_iter()
                                            .map(|r| view! {
                                                <tr>
                                                    <th scope="row">{r.currency.to_string()}</th>
                                                    <td>{r.rate_date.to_string()}</td>
                                                    <td class="num">{r.rate.normalize().to_string()}</td>
                                                    <td>{r.source}</td>
                                                </tr>
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn RateForm(code: String, action: ServerAction<AddExchangeRate>) -> impl IntoView {
    view! {
        <details class="edit">
            <summary>"Enter a rate"</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <label for="currency">"Currency (ISO 4217)"</label>
                <input id="currency" name="currency" required=true maxlength="3" />
                <label for="rate_date">"Valid from"</label>
                <input id="rate_date" name="rate_date" type="date" required=true />
                <label for="rate">"Rate (reporting currency per unit)"</label>
                <input id="rate" name="rate" inputmode="decimal" required=true />
                <label for="source">"Source"</label>
                <input id="source" name="source" required=true maxlength="200" />
                <button type="submit">"Save rate"</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn RatesImport(code: String, action: ServerAction<ImportRates>) -> impl IntoView {
    view! {
        <details class="edit">
            <summary>"Load rates from CSV"</summary>
            <ActionForm action attr:class="stack">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <label for="rates-file">"CSV with the header currency,date,rate,source"</label>
                <textarea id="rates-file" name="file" rows="8" required=true class="mono"></textarea>
                <button type="submit">"Load rates"</button>
            </ActionForm>
        </details>
    }
}
