//! The drill-down of one indicator: definition, terms and rows, history
//! against targets, the owner's measurement form and reviewers' comments.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use leptos::server_fn::ServerFn;

use super::corrections::{DefinitionChanges, DefinitionForm, Targets};
use super::dashboard::{dashboard_resource, filters};
use crate::components::{
    CsrfField, ErrorPanel, FormErrors, LineChart, OnceField, Series, form_error, kept_input,
    successes,
};
use crate::components::{StatusBadge, shown};
use crate::i18n::td_string;
use crate::pages::params::country_code_param;
use crate::server_fns::{
    CommentOnIndicator, DashboardView, IndicatorDetail, RecordMeasurement, RemoveIndicatorTarget,
    SetIndicatorTarget, UpdateIndicator, load_indicator_detail,
};
use crate::types::money::{display as money, percent};
use crate::types::{Indicator, IndicatorComment, KeptInput, Reading, Readings, Unit};

/// What the indicator page's forms submit to; the page reads the figures
/// again after any of them succeeds.
#[derive(Clone, Copy)]
struct Actions {
    record: ServerAction<RecordMeasurement>,
    comment: ServerAction<CommentOnIndicator>,
    update: ServerAction<UpdateIndicator>,
    change: ServerAction<SetIndicatorTarget>,
    remove: ServerAction<RemoveIndicatorTarget>,
}

impl Actions {
    fn new() -> Self {
        Self {
            record: ServerAction::new(),
            comment: ServerAction::new(),
            update: ServerAction::new(),
            change: ServerAction::new(),
            remove: ServerAction::new(),
        }
    }

    /// Moves on whenever one of them succeeds, so a refused form keeps
    /// what was typed.
    fn changes(self) -> Signal<usize> {
        let all = [
            successes(self.record),
            successes(self.comment),
            successes(self.update),
            successes(self.change),
            successes(self.remove),
        ];
        Signal::derive(move || all.iter().map(|s| s.get()).fold(0, usize::saturating_add))
    }
}

/// The detail of `reading`, with the forms of those who keep it.
#[component]
fn IndicatorDetailPanel(
    reading: Reading,
    readings: Readings,
    code: String,
    back: String,
    /// Owned by the page, which reads the figures again after any succeeds.
    actions: Actions,
    changes: Signal<usize>,
) -> impl IntoView {
    let Actions {
        record,
        comment,
        update,
        change,
        remove,
    } = actions;
    let (country, indicator) = (code.clone(), reading.code.clone());
    let detail = Resource::new(
        move || changes.get(),
        move |_| load_indicator_detail(country.clone(), indicator.clone()),
    );
    let kept = kept_input();
    let record_error = form_error(record.value());
    let comment_error = form_error(comment.value());
    let update_error = form_error(update.value());
    let (change_error, remove_error) = (form_error(change.value()), form_error(remove.value()));
    let target_error = Signal::derive(move || change_error.get().or_else(|| remove_error.get()));
    let currency = readings.currency.clone();
    let unit = reading.unit;
    let locale = crate::language::current();
    let heading = format!("{}, {}", reading.name, readings.fiscal_year_label);
    let owner = reading.owner.as_ref().map(|o| o.name.clone());
    let baseline = reading.baseline.as_ref().map(|b| {
        let value = shown(Some(b.value), unit, &currency);
        let date = crate::language::date(locale, b.date);
        td_string!(locale, indicators.baseline_with_date, value, date).to_string()
    });
    let none_set = || td_string!(locale, indicators.none_set).to_string();
    let facts = view! {
        <dl class="facts">
            <dt>{td_string!(locale, indicators.value)}</dt>
            <dd>{shown(reading.value, unit, &currency)}</dd>
            <dt>{td_string!(locale, indicators.status)}</dt>
            <dd><StatusBadge reading=reading.clone() /></dd>
            <dt>{td_string!(locale, indicators.target_for_the_year)}</dt>
            <dd>{reading.target.map_or_else(none_set, |t| shown(Some(t), unit, &currency))}</dd>
            <dt>{td_string!(locale, indicators.baseline)}</dt>
            <dd>{baseline.unwrap_or_else(none_set)}</dd>
            <dt>{td_string!(locale, indicators.last_year_label, year = &readings.previous_label).to_string()}</dt>
            <dd>{reading.previous.map_or_else(|| "—".to_string(), |p| shown(Some(p), unit, &currency))}</dd>
            <dt>{td_string!(locale, indicators.direction)}</dt>
            <dd>{reading.direction.label()}</dd>
            {owner.map(|o| view! { <dt>{td_string!(locale, indicators.entered_by)}</dt><dd>{o}</dd> })}
        </dl>
    };
    let fiscal_year = readings.fiscal_year;
    view! {
        <h1>{heading}</h1>
        <p><a href=back>{td_string!(locale, indicators.back_to_dashboard)}</a></p>
        <p class="lead">{reading.definition.clone()}</p>
        {facts}
        <Terms reading=reading.clone() currency=String::from(currency.clone()) />
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || {
                let code = code.clone();
                let reading = reading.clone();
                let currency = currency.clone();
                Suspend::new(async move {
                    let kept = kept.await;
                    match detail.await {
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                        Ok(IndicatorDetail { indicator, comments, can_enter, can_comment, can_edit, changes, organisations, pillars }) => {
                            let (country, key) = (code.clone(), reading.code.clone());
                            let opened = reading.measurement.clone();
                            let corrections = indicator.clone().map(|i| {
                                let kept = KeptInput::of(kept.as_ref(), UpdateIndicator::PATH, "indicator_id", i.id);
                                view! {
                                    <DefinitionChanges changes />
                                    <Targets code=code.clone() indicator=i.clone() currency=String::from(currency.clone()) can_edit actions=(change, remove) error=target_error />
                                    {can_edit.then(|| view! {
                                        <DefinitionForm code=code.clone() indicator=i organisations pillars action=update error=update_error kept />
                                    })}
                                }
                            });
                            view! {
                            {indicator.clone().map(|i| view! { <History indicator=i currency=String::from(currency.clone()) /> })}
                            {corrections}
                            {can_enter.then(move || {
                                view! { <MeasurementForm country key fiscal_year unit opened action=record error=record_error /> }
                            })}
                            {indicator.map(|_| view! {
                                <Comments
                                    comments
                                    can_comment
                                    code=code.clone()
                                    indicator=reading.code.clone()
                                    fiscal_year
                                    action=comment
                                    error=comment_error
                                />
                            })}
                        }
                            .into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

/// A computed value's terms and the rows it came from; an entered value's
/// source.
#[component]
fn Terms(reading: Reading, currency: String) -> impl IntoView {
    let locale = crate::language::current();
    let unit = reading.unit;
    if let Some(m) = reading.measurement.clone() {
        let date = crate::language::date(locale, m.entered_at.date_naive());
        let entered =
            td_string!(locale, indicators.entered_on, name = &m.entered_by, date).to_string();
        return view! {
            <dl class="facts">
                <dt>{td_string!(locale, indicators.source)}</dt>
                <dd>{m.source}</dd>
                <dt>{td_string!(locale, indicators.note)}</dt>
                <dd>{if m.note.is_empty() { "—".to_string() } else { m.note }}</dd>
                <dt>{td_string!(locale, indicators.entered)}</dt>
                <dd>{entered}</dd>
            </dl>
        }
        .into_any();
    }
    let Some(value) = reading.computed else {
        return view! { <p>{td_string!(locale, indicators.no_measurement)}</p> }.into_any();
    };
    let (first, second) = match unit {
        Unit::Share => (
            td_string!(locale, indicators.numerator),
            td_string!(locale, indicators.denominator),
        ),
        Unit::Money | Unit::Number => (
            td_string!(locale, indicators.first_term),
            td_string!(locale, indicators.less),
        ),
    };
    view! {
        <dl class="facts">
            <dt>{first}</dt>
            <dd>{money(value.numerator)}</dd>
            <dt>{second}</dt>
            <dd>{money(value.denominator)}</dd>
        </dl>
        <div class="table-wrap">
            <table>
                <caption>{td_string!(locale, indicators.computed_from_rows)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, indicators.row)}</th>
                        <th scope="col" class="num">{first}</th>
                        <th scope="col" class="num">{second}</th>
                        <th scope="col" class="num">{td_string!(locale, indicators.value)}</th>
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

fn share_text(v: rust_decimal::Decimal) -> String {
    percent(v)
}

fn number_text(v: rust_decimal::Decimal) -> String {
    shown(Some(v), Unit::Number, "")
}

/// Measurements against targets, year by year.
#[component]
fn History(indicator: Indicator, currency: String) -> impl IntoView {
    let locale = crate::language::current();
    let mut years: Vec<(i32, String)> = indicator
        .targets
        .iter()
        .map(|t| (t.fiscal_year, t.fiscal_year_label.clone()))
        .chain(
            indicator
                .measurements
                .iter()
                .map(|m| (m.fiscal_year, m.fiscal_year_label.clone())),
        )
        .collect();
    years.sort();
    years.dedup();
    if years.is_empty() {
        return view! { <p>{td_string!(locale, indicators.no_history)}</p> }.into_any();
    }
    let measured: Vec<_> = years
        .iter()
        .map(|(y, _)| indicator.measurement(*y).map(|m| m.value))
        .collect();
    let targets: Vec<_> = years.iter().map(|(y, _)| indicator.target(*y)).collect();
    let format: fn(rust_decimal::Decimal) -> String = match indicator.unit {
        Unit::Share => share_text,
        Unit::Money => money,
        Unit::Number => number_text,
    };
    let mut series = vec![Series {
        name: td_string!(locale, indicators.target).to_string(),
        class: "target",
        values: targets,
    }];
    if indicator.formula.is_none() {
        series.insert(
            0,
            Series {
                name: td_string!(locale, indicators.measured).to_string(),
                class: "measured",
                values: measured,
            },
        );
    }
    let description = match indicator.unit {
        Unit::Money => {
            td_string!(locale, indicators.history_chart_description_money, currency).to_string()
        }
        _ => td_string!(locale, indicators.history_chart_description).to_string(),
    };
    view! {
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">{td_string!(locale, indicators.history_heading)}</h2>
            <LineChart
                id="history"
                title=td_string!(locale, indicators.history_chart_title, name = &indicator.name).to_string()
                description
                periods=years.into_iter().map(|(_, label)| label).collect()
                series
                format
            />
        </section>
    }
    .into_any()
}

#[component]
fn Comments(
    comments: Vec<IndicatorComment>,
    can_comment: bool,
    code: String,
    indicator: String,
    fiscal_year: i32,
    action: ServerAction<CommentOnIndicator>,
    error: Signal<Option<crate::AppError>>,
) -> impl IntoView {
    let count = comments.len();
    let locale = crate::language::current();
    view! {
        <section aria-labelledby="comments-heading">
            <h2 id="comments-heading">{td_string!(locale, indicators.comments_heading, count).to_string()}</h2>
            <ul class="comments">
                {comments
                    .into_iter()
                    .map(|c| {
                        let date = crate::language::date(locale, c.created_at.date_naive());
                        let meta = td_string!(locale, indicators.comment_meta, author = &c.author, date, year = c.fiscal_year)
                            .to_string();
                        view! {
                            <li>
                                <p class="muted">{meta}</p>
                                <p>{c.body}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {can_comment.then(|| view! {
                <FormErrors error />
                <ActionForm action attr:class="stack narrow">
                    <CsrfField />
                    <OnceField fresh=Signal::derive(move || action.version().get()) />
                    <input type="hidden" name="country" value=code />
                    <input type="hidden" name="indicator" value=indicator />
                    <input type="hidden" name="fiscal_year" value=fiscal_year />
                    <label for="body">{td_string!(locale, indicators.your_comment)}</label>
                    <textarea id="body" name="body" rows="3" required=true maxlength="4000"></textarea>
                    <button type="submit">{td_string!(locale, indicators.comment)}</button>
                </ActionForm>
            })}
        </section>
    }
}

/// One indicator: its definition, its terms, the rows it came from, its
/// history against its targets, and the forms of those who keep it.
#[component]
pub fn IndicatorPage() -> impl IntoView {
    let code = country_code_param();
    let params = use_params_map();
    let actions = Actions::new();
    let changes = actions.changes();
    let data = dashboard_resource(changes);
    let locale = crate::language::current();
    view! {
        <Title text=td_string!(locale, indicators.indicator) />
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let wanted = params.read_untracked().get("indicator").unwrap_or_default();
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(DashboardView { readings, .. }) => {
                        let code = code.get_untracked();
                        let back = format!("/countries/{code}/dashboard{}", filters(&readings));
                        match readings.get(&wanted).cloned() {
                            None => view! {
                                <h1>{td_string!(locale, indicators.not_in_view)}</h1>
                                <p>{td_string!(locale, indicators.not_in_view_text)}</p>
                                <p><a href=back>{td_string!(locale, indicators.back_to_dashboard)}</a></p>
                            }
                                .into_any(),
                            Some(reading) => view! {
                                <IndicatorDetailPanel reading readings code back actions changes />
                            }
                                .into_any(),
                        }
                    }
                }
            })}
        </Suspense>
    }
}

/// Enters the measurement of the year shown, or corrects the one it has,
/// starting from its values.
#[component]
fn MeasurementForm(
    country: String,
    key: String,
    fiscal_year: i32,
    unit: Unit,
    opened: Option<crate::types::Measurement>,
    action: ServerAction<RecordMeasurement>,
    error: Signal<Option<crate::AppError>>,
) -> impl IntoView {
    let locale = crate::language::current();
    let heading = match &opened {
        Some(m) => td_string!(
            locale,
            indicators.correct_measurement_of,
            year = &m.fiscal_year_label
        )
        .to_string(),
        None => td_string!(locale, indicators.enter_a_measurement).to_string(),
    };
    let value = opened.as_ref().map(|m| super::form_value(locale, m.value));
    let source = opened.as_ref().map(|m| m.source.clone());
    let note = opened.as_ref().map(|m| m.note.clone()).unwrap_or_default();
    let version = opened.as_ref().map(|m| m.version);
    let year = move || {
        match version {
        Some(v) => view! {
            <input type="hidden" name="measurement[fiscal_year]" value=fiscal_year />
            <input type="hidden" name="measurement[version]" value=v />
        }
        .into_any(),
        None => view! {
            <label for="measurement_fiscal_year">{td_string!(locale, indicators.fiscal_year_starts)}</label>
            <input id="measurement_fiscal_year" name="measurement[fiscal_year]" inputmode="numeric" required=true value=fiscal_year />
        }
        .into_any(),
    }
    };
    view! {
        <section aria-labelledby="measure-heading">
            <h2 id="measure-heading">{heading}</h2>
            <FormErrors error />
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=country />
                <input type="hidden" name="indicator" value=key />
                {year}
                <label for="value">{match unit {
                    Unit::Share => td_string!(locale, indicators.value_share_help),
                    Unit::Money => td_string!(locale, indicators.value_money_help),
                    Unit::Number => td_string!(locale, indicators.value),
                }}</label>
                <input id="value" name="measurement[value]" inputmode="decimal" required=true value=value />
                <label for="source">{td_string!(locale, indicators.source)}</label>
                <input id="source" name="measurement[source]" required=true maxlength="300" value=source />
                <label for="note">{td_string!(locale, indicators.note)}</label>
                <textarea id="note" name="measurement[note]" rows="3" maxlength="2000">{note}</textarea>
                <button type="submit">{td_string!(locale, indicators.save_the_measurement)}</button>
            </ActionForm>
        </section>
    }
}
