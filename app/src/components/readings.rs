//! A reading of an indicator as pages show it: its value in words, its
//! status as a badge, and a table of every reading of a view.

use leptos::prelude::*;

use crate::types::money::{display as money, percent};
use crate::types::{Reading, Unit};
use rust_decimal::Decimal;

/// A value as people read it.
pub fn shown(value: Option<Decimal>, unit: Unit, currency: &str) -> String {
    match (value, unit) {
        (None, _) => "Not applicable".to_string(),
        (Some(v), Unit::Share) => percent(v),
        (Some(v), Unit::Money) => format!("{currency} {}", money(v)),
        (Some(v), Unit::Number) => v.normalize().to_string(),
    }
}

/// A reading's value, or why it has none.
pub fn value_text(reading: &Reading, currency: &str) -> String {
    match (reading.value, &reading.computed) {
        (None, None) => "Not measured".to_string(),
        (value, _) => shown(value, reading.unit, currency),
    }
}

/// A reading's status as a badge: words, not colour alone.
#[component]
pub fn StatusBadge(reading: Reading) -> impl IntoView {
    match (reading.status, reading.target) {
        (Some(status), _) => view! {
            <span class=format!("status status-{}", status.code())>{status.label()}</span>
        }
        .into_any(),
        (None, Some(_)) => view! { <span class="status status-none">"No value"</span> }.into_any(),
        (None, None) => view! { <span class="status status-none">"No target"</span> }.into_any(),
    }
}

/// Every reading as a table: the dashboard in full, without pictures.
#[component]
pub fn ReadingsTable(readings: Vec<Reading>, currency: String) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="readings">
                <caption>"Every indicator of this view"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Indicator"</th>
                        <th scope="col" class="num">"Value"</th>
                        <th scope="col" class="num">"Last year"</th>
                        <th scope="col" class="num">"Target"</th>
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                <tbody>
                    {readings
                        .into_iter()
                        .map(|r| {
                            let previous = r.previous.map(|p| shown(Some(p), r.unit, &currency));
                            let target = r.target.map(|t| shown(Some(t), r.unit, &currency));
                            view! {
                                <tr>
                                    <th scope="row">{r.name.clone()}</th>
                                    <td class="num">{value_text(&r, &currency)}</td>
                                    <td class="num">{previous.unwrap_or_else(|| "—".into())}</td>
                                    <td class="num">{target.unwrap_or_else(|| "—".into())}</td>
                                    <td><StatusBadge reading=r.clone() /></td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
