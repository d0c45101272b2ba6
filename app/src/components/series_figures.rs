use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::i18n::td_string;

/// One line: a name, a CSS class for its colour and a value per period
/// (`None` where it has none).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub class: &'static str,
    pub values: Vec<Option<Decimal>>,
}

/// A chart's caption with its legend, and its figures as a table for
/// screen readers and print: one row per period, one column per series.
#[component]
pub fn SeriesFigures(
    title: String,
    description: String,
    periods: Vec<String>,
    series: Vec<Series>,
    format: fn(Decimal) -> String,
) -> impl IntoView {
    let headings = series.clone();
    let legend = series.clone();
    let locale = crate::language::current();
    view! {
        <figcaption>
            <strong>{title}</strong>
            " "
            {description}
            " "
            {legend
                .into_iter()
                .map(|s| view! { <span class=format!("key {}", s.class) aria-hidden="true"></span> " " {s.name} " " })
                .collect_view()}
        </figcaption>
        <div class="table-wrap">
            <table>
                <caption>{td_string!(locale, indicators.chart_figures)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, indicators.period)}</th>
                        {headings.into_iter().map(|s| view! { <th scope="col" class="num">{s.name}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {periods
                        .into_iter()
                        .enumerate()
                        .map(|(i, period)| view! {
                            <tr>
                                <th scope="row">{period}</th>
                                {series
                                    .iter()
                                    .map(|s| {
                                        let v = s.values.get(i).copied().flatten();
                                        view! { <td class="num">{v.map_or_else(|| "—".to_string(), format)}</td> }
                                    })
                                    .collect_view()}
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
