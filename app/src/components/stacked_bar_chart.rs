use leptos::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::series_figures::{Series, SeriesFigures};

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

/// Vertical bars, one per period, each stacked from the series' values
/// (negative values count as none), drawn on the server as SVG with a
/// title, a description and the figures as a table.
#[component]
pub fn StackedBarChart(
    id: &'static str,
    title: String,
    description: String,
    periods: Vec<String>,
    series: Vec<Series>,
    format: fn(Decimal) -> String,
) -> impl IntoView {
    let part = |s: &Series, i: usize| {
        s.values
            .get(i)
            .copied()
            .flatten()
            .unwrap_or_default()
            .max(Decimal::ZERO)
    };
    let total = |i: usize| series.iter().map(|s| part(s, i)).sum::<Decimal>();
    let max = (0..periods.len()).map(total).max().unwrap_or(Decimal::ZERO);
    // Geometry only: the figures themselves stay decimal.
    let height = |v: Decimal| {
        if max.is_zero() {
            0.0
        } else {
            (v / max).to_f64().unwrap_or(0.0) * (HEIGHT - TOP - BOTTOM)
        }
    };
    let slot = (WIDTH - LEFT) / periods.len().max(1) as f64;
    let bar = (slot * 0.5).min(80.0);
    let base = HEIGHT - BOTTOM;
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let bars = periods
        .iter()
        .enumerate()
        .map(|(i, period)| {
            let x = LEFT + slot * i as f64 + (slot - bar) / 2.0;
            let mut top = base;
            let blocks = series
                .iter()
                .map(|s| {
                    let h = height(part(s, i));
                    top -= h;
                    view! { <rect x=x y=top width=bar height=h class=s.class /> }
                })
                .collect_view();
            view! {
                <g>
                    {blocks}
                    <text x=x + bar / 2.0 y=HEIGHT - 12.0 text-anchor="middle" class="chart-label">{period.clone()}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-labelledby=format!("{title_id} {desc_id}")
            >
                <title id=title_id.clone()>{title.clone()}</title>
                <desc id=desc_id.clone()>{description.clone()}</desc>
                <line x1=LEFT y1=base x2=WIDTH y2=base class="axis" />
                {bars}
            </svg>
            <SeriesFigures title description periods series format />
        </figure>
    }
}
