//! The dashboard: every indicator of a fiscal year, country-wide or for one
//! partner, and the filtered view it shares with an indicator's detail.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use rust_decimal::Decimal;

use crate::components::{Bar, BarChart, ErrorPanel, ReadingsTable, StatusBadge, shown, value_text};
use crate::i18n::td_string;
use crate::language::Locale;
use crate::pages::params::country_code_param;
use crate::server_fns::{DashboardView, load_dashboard};
use crate::types::{OrganisationRef, Reading, Readings, Unit};

/// The query string that keeps a view's filters on its links.
pub(super) fn filters(readings: &Readings) -> String {
    let mut query = format!("?fiscal_year={}", readings.fiscal_year);
    if let Some(p) = &readings.partner {
        query.push_str(&format!("&partner={}", p.id));
    }
    if let Some(p) = readings.pillar {
        query.push_str(&format!("&pillar={p}"));
    }
    query
}

/// The change from last year, in points for shares.
fn change(locale: Locale, reading: &Reading, currency: &str) -> String {
    match reading.change() {
        Some(delta) => {
            let sign = if delta.is_sign_negative() { "" } else { "+" };
            match reading.unit {
                Unit::Share => {
                    let decimal = crate::language::numbers::Marks::of(locale).decimal;
                    let points = (delta * Decimal::ONE_HUNDRED).round_dp(1).to_string();
                    let change = format!("{sign}{}", points.replace('.', &decimal.to_string()));
                    td_string!(locale, indicators.change_points, change).to_string()
                }
                unit => {
                    let change = format!("{sign}{}", shown(Some(delta), unit, currency));
                    td_string!(locale, indicators.change_on_last_year, change).to_string()
                }
            }
        }
        None => td_string!(locale, indicators.no_comparison).to_string(),
    }
}

/// The dashboard of the URL's filters, read again whenever `changes` moves.
pub(super) fn dashboard_resource(
    changes: Signal<usize>,
) -> Resource<Result<DashboardView, crate::AppError>> {
    let code = country_code_param();
    let query = use_query_map();
    let number = move |name: &str| query.read().get(name).and_then(|v| v.parse::<i32>().ok());
    Resource::new(
        move || {
            (
                code.get(),
                number("fiscal_year"),
                number("partner"),
                number("pillar"),
                changes.get(),
            )
        },
        |(code, year, partner, pillar, _)| load_dashboard(code, year, partner, pillar),
    )
}

/// The mutual accountability dashboard: every indicator for a fiscal year,
/// country-wide or for one partner, for every pillar or one.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let code = country_code_param();
    let data = dashboard_resource(Signal::stored(0));
    let locale = crate::language::current();
    view! {
        <Title text=td_string!(locale, common.area_dashboard) />
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(DashboardView { readings, fiscal_years, partners, pillars }) => {
                        let code = code.get_untracked();
                        let year = readings.fiscal_year_label.clone();
                        let partner = readings.partner.as_ref().map(|p| p.name.clone());
                        let pillar = pillars.iter().find(|(n, _)| Some(*n) == readings.pillar).cloned();
                        let heading = match (partner, pillar) {
                            (None, None) => td_string!(locale, indicators.dashboard_heading, year).to_string(),
                            (Some(partner), None) => {
                                td_string!(locale, indicators.dashboard_heading_partner, year, partner).to_string()
                            }
                            (None, Some((number, title))) => {
                                td_string!(locale, indicators.dashboard_heading_pillar, year, number, title).to_string()
                            }
                            (Some(partner), Some((number, title))) => td_string!(
                                locale,
                                indicators.dashboard_heading_partner_pillar,
                                year,
                                partner,
                                number,
                                title
                            )
                            .to_string(),
                        };
                        let bars: Vec<Bar> = readings
                            .readings
                            .iter()
                            .filter(|r| r.unit == Unit::Share)
                            .map(|r| Bar { label: r.name.clone(), value: r.value, previous: r.previous })
                            .collect();
                        let periods = (readings.fiscal_year_label.clone(), readings.previous_label.clone());
                        let query = filters(&readings);
                        let currency = readings.currency.clone();
                        view! {
                            <h1>{heading}</h1>
                            <Filters fiscal_years partners pillars readings=readings.clone() />
                            <p>
                                <a href=format!("/countries/{code}/scorecards?fiscal_year={}", readings.fiscal_year)>
                                    {td_string!(locale, indicators.scorecards_link)}
                                </a>
                                {td_string!(locale, indicators.scorecards_link_rest)}
                                <a href=format!("/countries/{code}/indicators")>{td_string!(locale, indicators.indicators_link)}</a>
                                {td_string!(locale, indicators.indicators_link_rest)}
                            </p>
                            {readings.readings.is_empty().then(|| view! { <p>{td_string!(locale, indicators.no_indicator_in_view)}</p> })}
                            <ul class="tiles">
                                {readings
                                    .readings
                                    .iter()
                                    .map(|r| view! {
                                        <Tile
                                            reading=r.clone()
                                            currency=String::from(currency.clone())
                                            href=format!("/countries/{code}/dashboard/{}{query}", r.code)
                                        />
                                    })
                                    .collect_view()}
                            </ul>
                            {(!bars.is_empty()).then(|| view! {
                                <BarChart
                                    id="shares"
                                    title=td_string!(locale, indicators.shares_chart_title, year = &periods.0, previous = &periods.1).to_string()
                                    description=td_string!(locale, indicators.shares_chart_description).to_string()
                                    bars
                                    periods
                                />
                            })}
                            <ReadingsTable readings=readings.readings.clone() currency=String::from(currency) />
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The fiscal year, partner and pillar, as a GET form: a view is a link.
#[component]
fn Filters(
    fiscal_years: Vec<(i32, String)>,
    partners: Vec<OrganisationRef>,
    pillars: Vec<(i32, String)>,
    readings: Readings,
) -> impl IntoView {
    let chosen = readings.partner.as_ref().map(|p| p.id);
    let locale = crate::language::current();
    view! {
        <form method="get" class="filters">
            <label for="fiscal_year">{td_string!(locale, indicators.fiscal_year)}</label>
            <select id="fiscal_year" name="fiscal_year">
                {fiscal_years
                    .into_iter()
                    .map(|(year, label)| view! { <option value=year selected=year == readings.fiscal_year>{label}</option> })
                    .collect_view()}
            </select>
            <label for="partner">{td_string!(locale, indicators.partner)}</label>
            <select id="partner" name="partner">
                <option value="">{td_string!(locale, indicators.all_partners)}</option>
                {partners
                    .into_iter()
                    .map(|p| view! { <option value=p.id selected=Some(p.id) == chosen>{p.name}</option> })
                    .collect_view()}
            </select>
            <label for="pillar">{td_string!(locale, indicators.pillar)}</label>
            <select id="pillar" name="pillar">
                <option value="">{td_string!(locale, indicators.all_pillars)}</option>
                {pillars
                    .into_iter()
                    .map(|(n, title)| view! { <option value=n selected=Some(n) == readings.pillar>{format!("{n}. {title}")}</option> })
                    .collect_view()}
            </select>
            <button type="submit">{td_string!(locale, indicators.show)}</button>
        </form>
    }
}

#[component]
fn Tile(reading: Reading, currency: String, href: String) -> impl IntoView {
    let locale = crate::language::current();
    let target = reading.target.map(|t| {
        let value = shown(Some(t), reading.unit, &currency);
        td_string!(locale, indicators.target_value, value).to_string()
    });
    view! {
        <li class="tile">
            // A full page load: the drill-down reads the same figures again.
            <h2><a href=href rel="external">{reading.name.clone()}</a></h2>
            <p class="tile-value">{value_text(&reading, &currency)}</p>
            <p><StatusBadge reading=reading.clone() />" "{target}</p>
            <p class="muted">{change(locale, &reading, &currency)}</p>
        </li>
    }
}
