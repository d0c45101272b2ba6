use leptos::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::i18n::td_string;
use crate::types::CliffYear;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 16.0;
const BOTTOM: f64 = 36.0;
const TOP: f64 = 16.0;

/// The financing cliff as a bar chart drawn on the server: for each fiscal
/// year, the yearly cost of the functions handed over by then (outline) and
/// the part secured (filled). The table beside it carries the figures.
#[component]
pub fn CliffChart(years: Vec<CliffYear>, currency: String) -> impl IntoView {
    let max = years
        .iter()
        .map(|y| y.replacement_cost.max(y.secured))
        .max()
        .unwrap_or(Decimal::ZERO);
    // Chart geometry only: the figures themselves stay decimal.
    let scale = |v: Decimal| {
        if max.is_zero() {
            0.0
        } else {
            (v / max).to_f64().unwrap_or(0.0) * (HEIGHT - TOP - BOTTOM)
        }
    };
    let slot = (WIDTH - LEFT) / years.len().max(1) as f64;
    let bar = (slot * 0.5).min(80.0);
    let base = HEIGHT - BOTTOM;
    let locale = crate::language::current();
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-labelledby="cliff-title cliff-desc"
            >
                <title id="cliff-title">{td_string!(locale, transition.chart_title)}</title>
                <desc id="cliff-desc">
                    {td_string!(locale, transition.chart_desc, currency).to_string()}
                </desc>
                <line x1=LEFT y1=base x2=WIDTH y2=base class="axis" />
                {years
                    .iter()
                    .enumerate()
                    .map(|(i, y)| {
                        let x = LEFT + slot * i as f64 + (slot - bar) / 2.0;
                        let need = scale(y.replacement_cost);
                        let have = scale(y.secured);
                        view! {
                            <g>
                                <rect x=x y=base - need width=bar height=need class="need" />
                                <rect x=x y=base - have width=bar height=have class="secured" />
                                <text x=x + bar / 2.0 y=base + 20.0 text-anchor="middle">{y.label.clone()}</text>
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
            <figcaption>
                <span class="key need"></span>
                {format!(" {} ", td_string!(locale, transition.key_cost_after))}
                <span class="key secured"></span>
                {format!(" {}", td_string!(locale, transition.key_secured))}
            </figcaption>
        </figure>
    }
}
