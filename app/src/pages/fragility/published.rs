//! What everyone reads: a round's details and rows, and the stage of each
//! goal across the published rounds.

use leptos::prelude::*;

use crate::i18n::td_string;
use crate::types::{FragilityRound, FragilityStage, Psg};

/// A round's participants and method.
#[component]
pub(super) fn RoundFacts(round: FragilityRound) -> impl IntoView {
    let locale = crate::language::current();
    let published = round
        .published_at
        .map(|at| crate::language::date(locale, at.date_naive()));
    view! {
        <dl class="facts">
            <dt>{td_string!(locale, fragility.field_government)}</dt>
            <dd>{round.government}</dd>
            <dt>{td_string!(locale, fragility.field_civil_society)}</dt>
            <dd>{round.civil_society}</dd>
            <dt>{td_string!(locale, fragility.field_partners)}</dt>
            <dd>{round.partners}</dd>
            <dt>{td_string!(locale, fragility.field_method_notes)}</dt>
            <dd>{round.method_notes}</dd>
            {published.map(|on| view! {
                <dt>{td_string!(locale, fragility.published_on)}</dt>
                <dd>{on}</dd>
            })}
        </dl>
    }
}

/// A round's rows by goal: the goal, the dimension, the stage, the
/// evidence and any dissent.
#[component]
pub(super) fn StagesTable(caption: String, stages: Vec<FragilityStage>) -> impl IntoView {
    let locale = crate::language::current();
    if stages.is_empty() {
        return view! { <p>{td_string!(locale, fragility.no_rows)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, fragility.field_psg)}</th>
                        <th scope="col">{td_string!(locale, fragility.field_dimension)}</th>
                        <th scope="col">{td_string!(locale, fragility.field_stage)}</th>
                        <th scope="col">{td_string!(locale, fragility.field_evidence)}</th>
                        <th scope="col">{td_string!(locale, fragility.field_dissent)}</th>
                    </tr>
                </thead>
                <tbody>
                    {stages
                        .into_iter()
                        .map(|s| {
                            let dimension = if s.dimension.is_empty() {
                                td_string!(locale, fragility.whole_goal).to_string()
                            } else {
                                s.dimension
                            };
                            view! {
                                <tr>
                                    <th scope="row">{s.psg.label()}</th>
                                    <td>{dimension}</td>
                                    <td>{stage_text(s.stage)}</td>
                                    <td>{s.evidence}</td>
                                    <td>{s.dissent.unwrap_or_default()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// A stage as the page writes it: its number and name.
pub(super) fn stage_text(stage: crate::types::Stage) -> String {
    td_string!(
        crate::language::current(),
        fragility.stage_option,
        number = stage.number(),
        stage = stage.label()
    )
    .to_string()
}

/// The latest published round.
#[component]
pub(super) fn LatestRound(round: FragilityRound) -> impl IntoView {
    let locale = crate::language::current();
    let year = round.year;
    let caption = td_string!(locale, fragility.latest_caption, year).to_string();
    let stages = round.stages.clone();
    view! {
        <h2>{td_string!(locale, fragility.latest_heading, year).to_string()}</h2>
        <RoundFacts round />
        <StagesTable caption stages />
    }
}

/// What a round says of a goal: the goal as a whole, then each dimension.
fn goal_in(round: &FragilityRound, psg: Psg) -> String {
    let whole = td_string!(crate::language::current(), fragility.whole_goal);
    round
        .stages
        .iter()
        .filter(|s| s.psg == psg)
        .map(|s| {
            let name = if s.dimension.is_empty() {
                whole
            } else {
                s.dimension.as_str()
            };
            format!("{name}: {}", stage_text(s.stage))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The stage of the goal as a whole in a round, if it has one.
fn whole_stage(round: &FragilityRound, psg: Psg) -> Option<crate::types::Stage> {
    round
        .stages
        .iter()
        .find(|s| s.psg == psg && s.dimension.is_empty())
        .map(|s| s.stage)
}

/// How the goal as a whole moved from `before` to `after`.
fn change(before: &FragilityRound, after: &FragilityRound, psg: Psg) -> String {
    let locale = crate::language::current();
    let (Some(from), Some(to)) = (whole_stage(before, psg), whole_stage(after, psg)) else {
        return td_string!(locale, fragility.change_unknown).to_string();
    };
    let steps = to.number().saturating_sub(from.number());
    let from = from.label();
    match steps {
        0 => td_string!(locale, fragility.change_none).to_string(),
        s if s > 0 => td_string!(locale, fragility.change_up, steps = s, from).to_string(),
        s => td_string!(
            locale,
            fragility.change_down,
            steps = s.saturating_neg(),
            from
        )
        .to_string(),
    }
}

/// Each goal's stages in every published round, oldest first, and how the
/// goal as a whole moved since the round before the latest.
#[component]
pub(super) fn AcrossRounds(rounds: Vec<FragilityRound>) -> impl IntoView {
    let locale = crate::language::current();
    let mut rounds = rounds;
    rounds.sort_by_key(|r| r.year);
    let last_two = match rounds.as_slice() {
        [.., before, after] => Some((before.clone(), after.clone())),
        _ => None,
    };
    let since = last_two.as_ref().map(|(before, _)| before.year);
    view! {
        <h2>{td_string!(locale, fragility.across_heading)}</h2>
        <div class="table-wrap">
            <table>
                <caption>{td_string!(locale, fragility.across_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, fragility.field_psg)}</th>
                        {rounds
                            .iter()
                            .map(|r| view! { <th scope="col">{r.year}</th> })
                            .collect_view()}
                        {since.map(|year| view! {
                            <th scope="col">{td_string!(locale, fragility.change_since, year).to_string()}</th>
                        })}
                    </tr>
                </thead>
                <tbody>
                    {Psg::ALL
                        .into_iter()
                        .map(|psg| {
                            let moved = last_two
                                .as_ref()
                                .map(|(before, after)| change(before, after, psg));
                            view! {
                                <tr>
                                    <th scope="row">{psg.label()}</th>
                                    {rounds
                                        .iter()
                                        .map(|r| view! { <td>{goal_in(r, psg)}</td> })
                                        .collect_view()}
                                    {moved.map(|m| view! { <td>{m}</td> })}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
