use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use rust_decimal::Decimal;

use super::country_code_param;
use crate::components::{Bar, BarChart, ErrorPanel};
use crate::server_fns::{DashboardView, load_dashboard};
use crate::types::money::{display as money, percent};
use crate::types::{Formula, IndicatorSet, IndicatorValue, OrganisationRef, Unit};

/// The query string that keeps a view's filters on its links.
fn filters(set: &IndicatorSet) -> String {
    let mut query = format!("?fiscal_year={}", set.fiscal_year);
    if let Some(p) = &set.partner {
        query.push_str(&format!("&partner={}", p.id));
    }
    query
}

/// A value as people read it.
fn shown(value: Option<Decimal>, unit: Unit, currency: &str) -> String {
    match (value, unit) {
        (None, _) => "Not applicable".to_string(),
        (Some(v), Unit::Share) => percent(v),
        (Some(v), Unit::Money) => format!("{currency} {}", money(v)),
    }
}

/// The change from last year, in points for shares.
fn change(now: Option<Decimal>, before: Option<Decimal>, unit: Unit, currency: &str) -> String {
    match (now, before) {
        (Some(now), Some(before)) => {
            let delta = now - before;
            let sign = if delta.is_sign_negative() { "" } else { "+" };
            match unit {
                Unit::Share => format!(
                    "{sign}{} points on last year",
                    (delta * Decimal::ONE_HUNDRED).round_dp(1)
                ),
                Unit::Money => format!("{sign}{currency} {} on last year", money(delta)),
            }
        }
        _ => "No comparison with last year".to_string(),
    }
}

fn dashboard_resource() -> Resource<Result<DashboardView, crate::AppError>> {
    let code = country_code_param();
    let query = use_query_map();
    let number = move |name: &str| query.read().get(name).and_then(|v| v.parse::<i32>().ok());
    Resource::new(
        move || (code.get(), number("fiscal_year"), number("partner")),
        |(code, year, partner)| load_dashboard(code, year, partner),
    )
}

/// The mutual accountability dashboard: every computed indicator for a
/// fiscal year, country-wide or for one partner.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let code = country_code_param();
    let data = dashboard_resource();
    view! {
        <Title text="Dashboard" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(DashboardView { current, previous, fiscal_years, partners }) => {
                        let code = code.get_untracked();
                        let heading = match &current.partner {
                            Some(p) => format!("Accountability dashboard, {}: {}", current.fiscal_year_label, p.name),
                            None => format!("Accountability dashboard, {}", current.fiscal_year_label),
                        };
                        let bars: Vec<Bar> = current
                            .values
                            .iter()
                            .filter(|v| v.formula.unit() == Unit::Share)
                            .map(|v| Bar {
                                label: v.formula.label().to_string(),
                                value: v.value,
                                previous: previous.get(v.formula).and_then(|p| p.value),
                            })
                            .collect();
                        let periods = (current.fiscal_year_label.clone(), previous.fiscal_year_label.clone());
                        view! {
                            <h1>{heading}</h1>
                            <Filters fiscal_years partners current=current.clone() />
                            <ul class="tiles">
                                {current
                                    .values
                                    .iter()
                                    .map(|v| view! {
                                        <Tile
                                            value=v.clone()
                                            previous=previous.get(v.formula).cloned()
                                            currency=current.currency.clone()
                                            href=format!("/countries/{code}/dashboard/{}{}", v.formula.code(), filters(&current))
                                        />
                                    })
                                    .collect_view()}
                            </ul>
                            <BarChart
                                id="shares"
                                title=format!("Shares, {} against {}", periods.0, periods.1)
                                description="Each bar is this year's value; the line across it marks last year's.".to_string()
                                bars
                                periods
                            />
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The fiscal year and partner, as a GET form: a view is a link.
#[component]
fn Filters(
    fiscal_years: Vec<(i32, String)>,
    partners: Vec<OrganisationRef>,
    current: IndicatorSet,
) -> impl IntoView {
    let chosen = current.partner.as_ref().map(|p| p.id);
    view! {
        <form method="get" class="filters">
            <label for="fiscal_year">"Fiscal year"</label>
            <select id="fiscal_year" name="fiscal_year">
                {fiscal_years
                    .into_iter()
                    .map(|(year, label)| view! { <option value=year selected=year == current.fiscal_year>{label}</option> })
                    .collect_view()}
            </select>
            <label for="partner">"Partner"</label>
            <select id="partner" name="partner">
                <option value="">"All partners"</option>
                {partners
                    .into_iter()
                    .map(|p| view! { <option value=p.id selected=Some(p.id) == chosen>{p.name}</option> })
                    .collect_view()}
            </select>
            <button type="submit">"Show"</button>
        </form>
    }
}

#[component]
fn Tile(
    value: IndicatorValue,
    previous: Option<IndicatorValue>,
    currency: String,
    href: String,
) -> impl IntoView {
    let unit = value.formula.unit();
    let terms = match unit {
        Unit::Share => format!("{} of {}", money(value.numerator), money(value.denominator)),
        Unit::Money => format!(
            "{} less {}",
            money(value.numerator),
            money(value.denominator)
        ),
    };
    view! {
        <li class="tile">
            // A full page load: the drill-down reads the same figures again.
            <h2><a href=href rel="external">{value.formula.label()}</a></h2>
            <p class="tile-value">{shown(value.value, unit, &currency)}</p>
            <p class="muted">{change(value.value, previous.and_then(|p| p.value), unit, &currency)}</p>
            <p class="muted">{terms}</p>
        </li>
    }
}

/// One indicator: its definition, its terms and the rows it came from.
#[component]
pub fn IndicatorPage() -> impl IntoView {
    let code = country_code_param();
    let params = use_params_map();
    let data = dashboard_resource();
    view! {
        <Title text="Indicator" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let formula = params.read_untracked().get("indicator").and_then(|c| Formula::from_code(&c));
                match (data.await, formula) {
                    (Err(error), _) => view! { <ErrorPanel error /> }.into_any(),
                    (Ok(_), None) => view! { <h1>"No such indicator"</h1> }.into_any(),
                    (Ok(DashboardView { current, .. }), Some(formula)) => {
                        let code = code.get_untracked();
                        let back = format!("/countries/{code}/dashboard{}", filters(&current));
                        let Some(value) = current.get(formula).cloned() else {
                            return view! {
                                <h1>{formula.label()}</h1>
                                <p>"This indicator is computed country-wide only."</p>
                                <p><a href=back>"Back to the dashboard"</a></p>
                            }
                                .into_any();
                        };
                        let unit = formula.unit();
                        let currency = current.currency.clone();
                        let (first, second) = match unit {
                            Unit::Share => ("Numerator", "Denominator"),
                            Unit::Money => ("First term", "Less"),
                        };
                        view! {
                            <h1>{format!("{}, {}", formula.label(), current.fiscal_year_label)}</h1>
                            <p><a href=back>"Back to the dashboard"</a></p>
                            <p class="lead">{formula.definition()}</p>
                            <dl class="facts">
                                <dt>"Value"</dt>
                                <dd>{shown(value.value, unit, &currency)}</dd>
                                <dt>{first}</dt>
                                <dd>{money(value.numerator)}</dd>
                                <dt>{second}</dt>
                                <dd>{money(value.denominator)}</dd>
                            </dl>
                            <div class="table-wrap">
                                <table>
                                    <caption>"The rows the value is computed from"</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Row"</th>
                                            <th scope="col" class="num">{first}</th>
                                            <th scope="col" class="num">{second}</th>
                                            <th scope="col" class="num">"Value"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {value
                                            .parts
                                            .into_iter()
                                            .map(|p| view! {
                                                <tr>
                                                    <th scope="row">{p.label}</th>
                                                    <td class="num">{money(p.numerator)}</td>
                                                    <td class="num">{money(p.denominator)}</td>
                                                    <td class="num">{shown(p.value, unit, &currency)}</td>
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
