use leptos::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::i18n::td_string;

/// One bar: a label, this period's share (0-1) and the last period's.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: Option<Decimal>,
    pub previous: Option<Decimal>,
}

/// A share's length in pixels.
fn pixels(share: Option<Decimal>, scale: f64) -> Option<f64> {
    share
        .and_then(|s| s.to_f64())
        .map(|s| s.clamp(0.0, 1.0) * scale)
}

fn percent(share: Option<Decimal>) -> String {
    share.map_or_else(
        || td_string!(crate::language::current(), indicators.not_available).to_string(),
        crate::types::money::percent,
    )
}

const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 250.0;
const ROW: f64 = 28.0;

/// Horizontal bars of shares drawn on the server as SVG, with a title, a
/// description and the same figures as a table for screen readers and print.
#[component]
pub fn BarChart(
    id: &'static str,
    title: String,
    description: String,
    bars: Vec<Bar>,
    /// Column headings of the table: this period, the last one.
    periods: (String, String),
) -> impl IntoView {
    let height = ROW * bars.len() as f64 + 24.0;
    let scale = WIDTH - LABEL_WIDTH - 60.0;
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let rows = bars.clone();
    let locale = crate::language::current();
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {height}")
                role="img"
                aria-labelledby=format!("{title_id} {desc_id}")
            >
                <title id=title_id.clone()>{title.clone()}</title>
                <desc id=desc_id.clone()>{description.clone()}</desc>
                {bars
                    .into_iter()
                    .enumerate()
                    .map(|(i, bar)| {
                        let y = 12.0 + ROW * i as f64;
                        let width = pixels(bar.value, scale).unwrap_or(0.0);
                        let marker = pixels(bar.previous, scale).map(|p| LABEL_WIDTH + p);
                        view! {
                            <g>
                                <text x="0" y=y + 14.0 class="chart-label">{bar.label.clone()}</text>
                                <rect x=LABEL_WIDTH y=y width=width height="18" class="bar" />
                                {marker.map(|x| view! { <line x1=x x2=x y1=y - 2.0 y2=y + 20.0 class="previous" /> })}
                                <text x=LABEL_WIDTH + width + 6.0 y=y + 14.0 class="chart-value">{percent(bar.value)}</text>
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
            <figcaption>
                <strong>{title}</strong>
                " "
                {description}
            </figcaption>
            <div class="table-wrap">
                <table>
                    <caption>{td_string!(locale, indicators.chart_figures)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{td_string!(locale, indicators.indicator)}</th>
                            <th scope="col" class="num">{periods.0}</th>
                            <th scope="col" class="num">{periods.1}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|bar| view! {
                                <tr>
                                    <th scope="row">{bar.label}</th>
                                    <td class="num">{percent(bar.value)}</td>
                                    <td class="num">{percent(bar.previous)}</td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </figure>
    }
}
