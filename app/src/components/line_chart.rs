use leptos::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::series_figures::{Series, SeriesFigures};

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

/// Lines over periods drawn on the server as SVG, with a title, a
/// description and the figures as a table. `format` writes a value as
/// people read it. The scale starts at zero unless a value is negative.
#[component]
pub fn LineChart(
    id: &'static str,
    title: String,
    description: String,
    periods: Vec<String>,
    series: Vec<Series>,
    format: fn(Decimal) -> String,
) -> impl IntoView {
    let values = || {
        series
            .iter()
            .flat_map(|s| s.values.iter().flatten().copied())
    };
    let high = values().max().unwrap_or(Decimal::ONE).max(Decimal::ZERO);
    let low = values().min().unwrap_or(Decimal::ZERO).min(Decimal::ZERO);
    let span = if high == low {
        Decimal::ONE
    } else {
        high - low
    };
    // Geometry only: the figures themselves stay decimal.
    let y = move |v: Decimal| {
        let share = ((v - low) / span).to_f64().unwrap_or(0.0);
        HEIGHT - BOTTOM - share * (HEIGHT - TOP - BOTTOM)
    };
    let step = (WIDTH - LEFT - RIGHT) / (periods.len().max(2) - 1) as f64;
    let x = move |i: usize| LEFT + step * i as f64;
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let lines = series.clone();
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-labelledby=format!("{title_id} {desc_id}")
            >
                <title id=title_id.clone()>{title.clone()}</title>
                <desc id=desc_id.clone()>{description.clone()}</desc>
                <line x1=LEFT y1=y(low) x2=WIDTH - RIGHT y2=y(low) class="axis" />
                <text x="0" y=y(high) + 4.0 class="chart-value">{format(high)}</text>
                <text x="0" y=y(low) + 4.0 class="chart-value">{format(low)}</text>
                {periods
                    .iter()
                    .enumerate()
                    .map(|(i, period)| view! {
                        <text x=x(i) y=HEIGHT - 12.0 text-anchor="middle" class="chart-label">{period.clone()}</text>
                    })
                    .collect_view()}
                {lines
                    .into_iter()
                    .map(|s| {
                        let points: Vec<(f64, f64)> = s
                            .values
                            .iter()
                            .enumerate()
                            .filter_map(|(i, v)| v.map(|v| (x(i), y(v))))
                            .collect();
                        let path = points
                            .iter()
                            .map(|(px, py)| format!("{px:.1},{py:.1}"))
                            .collect::<Vec<_>>()
                            .join(" ");
                        view! {
                            <g class=s.class>
                                <polyline points=path class="line" />
                                {points
                                    .into_iter()
                                    .map(|(cx, cy)| view! { <circle cx=cx cy=cy r="4" class="point" /> })
                                    .collect_view()}
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
            <SeriesFigures title description periods series format />
        </figure>
    }
}
