//! A reading of an indicator as pages show it: its value in words, its
//! status as a badge, and a table of every reading of a view.

use leptos::prelude::*;

use crate::i18n::td_string;
use crate::language::Locale;
use crate::types::money::percent;
use crate::types::{Reading, Unit};
use rust_decimal::Decimal;

/// A plain number with the language's decimal mark: `12.5`, `12,5`.
fn number(locale: Locale, value: Decimal) -> String {
    let decimal = crate::language::numbers::Marks::of(locale).decimal;
    value
        .normalize()
        .to_string()
        .replace('.', &decimal.to_string())
}

/// A value as people read it.
pub fn shown(value: Option<Decimal>, unit: Unit, currency: &str) -> String {
    let locale = crate::language::current();
    match (value, unit) {
        (None, _) => td_string!(locale, indicators.not_applicable).to_string(),
        (Some(v), Unit::Share) => percent(v),
        // Without a currency (the reporting one is understood), the amount alone.
        (Some(v), Unit::Money) if currency.is_empty() => crate::language::amount(locale, v),
        (Some(v), Unit::Money) => crate::language::amount_with_currency(locale, v, currency),
        (Some(v), Unit::Number) => number(locale, v),
    }
}

/// A reading's value, or why it has none.
pub fn value_text(reading: &Reading, currency: &str) -> String {
    match (reading.value, &reading.computed) {
        (None, None) => td_string!(crate::language::current(), indicators.not_measured).to_string(),
        (value, _) => shown(value, reading.unit, currency),
    }
}

/// A reading's status as a badge: words, not colour alone.
#[component]
pub fn StatusBadge(reading: Reading) -> impl IntoView {
    let locale = crate::language::current();
    match (reading.status, reading.target) {
        (Some(status), _) => view! {
            <span class=format!("status status-{}", status.code())>{status.label()}</span>
        }
        .into_any(),
        (None, Some(_)) => view! {
            <span class="status status-none">{td_string!(locale, indicators.no_value)}</span>
        }
        .into_any(),
        (None, None) => view! {
            <span class="status status-none">{td_string!(locale, indicators.no_target)}</span>
        }
        .into_any(),
    }
}

/// Every reading as a table: the dashboard in full, without pictures.
#[component]
pub fn ReadingsTable(readings: Vec<Reading>, currency: String) -> impl IntoView {
    let locale = crate::language::current();
    view! {
        <div class="table-wrap">
            <table class="readings">
                <caption>{td_string!(locale, indicators.readings_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, indicators.indicator)}</th>
                        <th scope="col" class="num">{td_string!(locale, indicators.value)}</th>
                        <th scope="col" class="num">{td_string!(locale, indicators.last_year)}</th>
                        <th scope="col" class="num">{td_string!(locale, indicators.target)}</th>
                        <th scope="col">{td_string!(locale, indicators.status)}</th>
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
