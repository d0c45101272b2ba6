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
    let heading = format!("{}, {}", reading.name, readings.fiscal_year_label);
    let owner = reading.owner.as_ref().map(|o| o.name.clone());
    let baseline = reading
        .baseline
        .as_ref()
        .map(|b| format!("{} ({})", shown(Some(b.value), unit, &currency), b.date));
    let facts = view! {
        <dl class="facts">
            <dt>"Value"</dt>
            <dd>{shown(reading.value, unit, &currency)}</dd>
            <dt>"Status"</dt>
            <dd><StatusBadge reading=reading.clone() /></dd>
            <dt>"Target for the year"</dt>
            <dd>{reading.target.map_or_else(|| "None set".to_string(), |t| shown(Some(t), unit, &currency))}</dd>
            <dt>"Baseline"</dt>
            <dd>{baseline.unwrap_or_else(|| "None set".to_string())}</dd>
            <dt>{format!("Last year ({})", readings.previous_label)}</dt>
            <dd>{reading.previous.map_or_else(|| "—".to_string(), |p| shown(Some(p), unit, &currency))}</dd>
            <dt>"Direction"</dt>
            <dd>{reading.direction.label()}</dd>
            {owner.map(|o| view! { <dt>"Entered by"</dt><dd>{o}</dd> })}
        </dl>
    };
    let fiscal_year = readings.fiscal_year;
    view! {
        <h1>{heading}</h1>
        <p><a href=back>"Back to the dashboard"</a></p>
        <p class="lead">{reading.definition.clone()}</p>
        {facts}
        <Terms reading=reading.clone() currency=String::from(currency.clone()) />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
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
    let unit = reading.unit;
    if let Some(m) = reading.measurement.clone() {
        return view! {
            <dl class="facts">
                <dt>"Source"</dt>
                <dd>{m.source}</dd>
                <dt>"Note"</dt>
                <dd>{if m.note.is_empty() { "—".to_string() } else { m.note }}</dd>
                <dt>"Entered"</dt>
                <dd>{format!("{} on {}", m.entered_by, m.entered_at.format("%Y-%m-%d"))}</dd>
            </dl>
        }
        .into_any();
    }
    let Some(value) = reading.computed else {
        return view! { <p>"No measurement has been entered for this fiscal year."</p> }.into_any();
    };
    let (first, second) = match unit {
        Unit::Share => ("Numerator", "Denominator"),
        Unit::Money | Unit::Number => ("First term", "Less"),
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

fn share_text(v: rust_decimal::Decimal) -> String {
    percent(v)
}

fn number_text(v: rust_decimal::Decimal) -> String {
    v.normalize().to_string()
}

/// Measurements against targets, year by year.
#[component]
fn History(indicator: Indicator, currency: String) -> impl IntoView {
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
        return view! { <p>"No targets or measurements yet."</p> }.into_any();
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
        name: "Target".to_string(),
        class: "target",
        values: targets,
    }];
    if indicator.formula.is_none() {
        series.insert(
            0,
            Series {
                name: "Measured".to_string(),
                class: "measured",
                values: measured,
            },
        );
    }
    let unit_note = match indicator.unit {
        Unit::Money => format!(" Amounts in {currency}."),
        _ => String::new(),
    };
    view! {
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">"Targets and measurements by year"</h2>
            <LineChart
                id="history"
                title=format!("{} by fiscal year", indicator.name)
                description=format!("Each point is a fiscal year's value.{unit_note}")
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
    view! {
        <section aria-labelledby="comments-heading">
            <h2 id="comments-heading">{format!("Comments ({count})")}</h2>
            <ul class="comments">
                {comments
                    .into_iter()
                    .map(|c| view! {
                        <li>
                            <p class="muted">{format!("{} on {}, about fiscal year {}", c.author, c.created_at.format("%Y-%m-%d"), c.fiscal_year)}</p>
                            <p>{c.body}</p>
                        </li>
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
                    <label for="body">"Your comment"</label>
                    <textarea id="body" name="body" rows="3" required=true maxlength="4000"></textarea>
                    <button type="submit">"Comment"</button>
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
    view! {
        <Title text="Indicator" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let wanted = params.read_untracked().get("indicator").unwrap_or_default();
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(DashboardView { readings, .. }) => {
                        let code = code.get_untracked();
                        let back = format!("/countries/{code}/dashboard{}", filters(&readings));
                        match readings.get(&wanted).cloned() {
                            None => view! {
                                <h1>"Not in this view"</h1>
                                <p>"This indicator is not shown for the partner or pillar chosen, or does not exist."</p>
                                <p><a href=back>"Back to the dashboard"</a></p>
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
    let heading = match &opened {
        Some(m) => format!("Correct the measurement of {}", m.fiscal_year_label),
        None => "Enter a measurement".to_string(),
    };
    let value = opened.as_ref().map(|m| m.value.normalize().to_string());
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
            <label for="measurement_fiscal_year">"Fiscal year (the year it starts)"</label>
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
                    Unit::Share => "Value (a share: 0.45 for 45%)",
                    Unit::Money => "Value (in the reporting currency)",
                    Unit::Number => "Value",
                }}</label>
                <input id="value" name="measurement[value]" inputmode="decimal" required=true value=value />
                <label for="source">"Source"</label>
                <input id="source" name="measurement[source]" required=true maxlength="300" value=source />
                <label for="note">"Note"</label>
                <textarea id="note" name="measurement[note]" rows="3" maxlength="2000">{note}</textarea>
                <button type="submit">"Save the measurement"</button>
            </ActionForm>
        </section>
    }
}
