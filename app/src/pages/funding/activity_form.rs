//! The fields of an activity, empty for a new one or filled for a
//! correction, and the forms around them: record, correct, and withdraw or
//! delete.

use leptos::prelude::*;

use crate::components::{CsrfField, OnceField};
use crate::i18n::td_string;
use crate::server_fns::{CreateActivity, RemoveActivity, UpdateActivity};
use crate::types::{
    Activity, ActivityStatus, BudgetLine, Channel, MoneyType, ParticipantRole, Share,
};

/// What the activity forms offer to choose from.
#[derive(Clone)]
pub struct ActivityChoices {
    pub code: String,
    /// `(code, title)` of the strategy's priorities.
    pub priorities: Vec<(String, String)>,
    pub budget_lines: Vec<BudgetLine>,
    /// `(id, name)` of the organisations that may take part (not deactivated).
    pub organisations: Vec<(i32, String)>,
}

/// The organisations offered (the active ones) and those the activity
/// already names, deactivated since, which a correction keeps.
fn offered(active: &[(i32, String)], activity: Option<&Activity>) -> Vec<(i32, String)> {
    let mut all = active.to_vec();
    for (o, _) in activity.map_or(&[][..], |a| a.participants.as_slice()) {
        if !all.iter().any(|(id, _)| *id == o.id) {
            all.push((o.id, o.name.clone()));
        }
    }
    all
}

/// Shares as the form reads them: `15210 60; 15220 40`.
fn typed(shares: impl Iterator<Item = (String, rust_decimal::Decimal)>) -> String {
    shares
        .map(|(code, percent)| format!("{code} {}", percent.normalize()))
        .collect::<Vec<_>>()
        .join("; ")
}

fn share_text(shares: &[Share]) -> String {
    typed(shares.iter().map(|s| (s.code.clone(), s.percent)))
}

#[component]
fn ActivityFields(
    prefix: String,
    activity: Option<Activity>,
    choices: ActivityChoices,
) -> impl IntoView {
    let locale = crate::language::current();
    let id = {
        let prefix = prefix.clone();
        move |name: &str| format!("{prefix}{name}")
    };
    let a = activity.as_ref();
    let text = |f: fn(&Activity) -> String| a.map(f).unwrap_or_default();
    let day = |f: fn(&Activity) -> Option<chrono::NaiveDate>| {
        a.and_then(f).map(|d| d.to_string()).unwrap_or_default()
    };
    let status = a.map_or(ActivityStatus::Implementation, |a| a.status);
    let money_type = a.map(|a| a.money_type);
    let channel = a.map(|a| a.channel);
    let systems = a.map(|a| a.systems).unwrap_or_default();
    let published = a.is_none_or(|a| a.published);
    let codes = choices
        .priorities
        .iter()
        .map(|(code, title)| format!("{code} {title}"))
        .collect::<Vec<_>>()
        .join("; ");
    let lines = choices
        .budget_lines
        .iter()
        .map(|l| format!("{} {}", l.code, l.name))
        .collect::<Vec<_>>()
        .join("; ");
    let budget = text(|a| typed(a.budget_lines.iter().map(|(code, _, p)| (code.clone(), *p))));
    view! {
        <label for=id("title")>{td_string!(locale, activities.title_field)}</label>
        <input id=id("title") name="activity[title]" required=true maxlength="300" value=text(|a| a.title.clone()) />
        <label for=id("description")>{td_string!(locale, activities.description)}</label>
        <textarea id=id("description") name="activity[description]" rows="3">{text(|a| a.description.clone())}</textarea>
        <label for=id("iati_identifier")>{td_string!(locale, activities.iati_identifier_if_published)}</label>
        <input id=id("iati_identifier") name="activity[iati_identifier]" maxlength="200" value=text(|a| a.iati_identifier.clone().unwrap_or_default()) />
        <label for=id("status")>{td_string!(locale, activities.status)}</label>
        <select id=id("status") name="activity[status]">
            {ActivityStatus::ALL
                .iter()
                .map(|s| view! { <option value=s.code() selected=*s == status>{s.label()}</option> })
                .collect_view()}
        </select>
        <fieldset>
            <legend>{td_string!(locale, activities.dates_blank)}</legend>
            <label for=id("planned_start")>{td_string!(locale, activities.planned_start)}</label>
            <input id=id("planned_start") name="activity[planned_start]" type="date" value=day(|a| a.planned_start) />
            <label for=id("planned_end")>{td_string!(locale, activities.planned_end)}</label>
            <input id=id("planned_end") name="activity[planned_end]" type="date" value=day(|a| a.planned_end) />
            <label for=id("actual_start")>{td_string!(locale, activities.actual_start)}</label>
            <input id=id("actual_start") name="activity[actual_start]" type="date" value=day(|a| a.actual_start) />
            <label for=id("actual_end")>{td_string!(locale, activities.actual_end)}</label>
            <input id=id("actual_end") name="activity[actual_end]" type="date" value=day(|a| a.actual_end) />
        </fieldset>
        <label for=id("money_type")>{td_string!(locale, activities.money_type)}</label>
        <select id=id("money_type") name="activity[money_type]">
            {MoneyType::ALL.iter().map(|m| view! { <option value=m.code() selected=Some(*m) == money_type>{m.label()}</option> }).collect_view()}
        </select>
        <label for=id("channel")>{td_string!(locale, activities.channel)}</label>
        <select id=id("channel") name="activity[channel]">
            {Channel::ALL.iter().map(|c| view! { <option value=c.code() selected=Some(*c) == channel>{c.label()}</option> }).collect_view()}
        </select>
        <label for=id("default_currency")>{td_string!(locale, activities.currency_iso)}</label>
        <input id=id("default_currency") name="activity[default_currency]" maxlength="3" required=true
            value=a.map_or_else(|| "USD".to_string(), |a| a.default_currency.to_string()) />
        <label for=id("aid_type")>{td_string!(locale, activities.aid_type_field)}</label>
        <input id=id("aid_type") name="activity[aid_type]" maxlength="8" value=text(|a| a.aid_type.clone().unwrap_or_default()) />
        <label for=id("finance_type")>{td_string!(locale, activities.finance_type_field)}</label>
        <input id=id("finance_type") name="activity[finance_type]" maxlength="8" value=text(|a| a.finance_type.clone().unwrap_or_default()) />
        <label for=id("earmarking")>{td_string!(locale, activities.earmarking_field)}</label>
        <input id=id("earmarking") name="activity[earmarking]" maxlength="8" value=text(|a| a.earmarking.clone().unwrap_or_default()) />
        <label for=id("sectors")>{td_string!(locale, activities.sectors_field)}</label>
        <input id=id("sectors") name="activity[sectors]" value=text(|a| share_text(&a.sectors)) />
        <label for=id("priorities")>{td_string!(locale, activities.priorities_field)}</label>
        <input id=id("priorities") name="activity[priorities]" aria-describedby=id("priority-codes") value=text(|a| share_text(&a.priorities)) />
        <p id=id("priority-codes") class="hint">{td_string!(locale, activities.priorities_hint, codes).to_string()}</p>
        <label for=id("budget_lines")>{td_string!(locale, activities.budget_lines_field)}</label>
        <input id=id("budget_lines") name="activity[budget_lines]" aria-describedby=id("line-codes") value=budget />
        <p id=id("line-codes") class="hint">{td_string!(locale, activities.budget_lines_hint, lines).to_string()}</p>
        <Participants prefix=prefix.clone() taken=a.map(|a| a.participants.iter().map(|(o, r)| (o.id, *r)).collect()).unwrap_or_default() organisations=offered(&choices.organisations, a) />
        <fieldset>
            <legend>{td_string!(locale, activities.uses_country_systems)}</legend>
            {systems
                .flags()
                .into_iter()
                .map(|(name, label, on)| view! {
                    <label class="check"><input type="checkbox" name=format!("activity[{name}]") checked=on />{label}</label>
                })
                .collect_view()}
        </fieldset>
        <label class="check">
            <input type="checkbox" name="activity[published]" checked=published />
            {td_string!(locale, activities.publish_field)}
        </label>
    }
}

/// Who takes part and how, by IATI role: a ministry ticked as implementing
/// makes the activity's money government sector.
#[component]
fn Participants(
    prefix: String,
    taken: Vec<(i32, ParticipantRole)>,
    organisations: Vec<(i32, String)>,
) -> impl IntoView {
    let locale = crate::language::current();
    let roles = ParticipantRole::ALL;
    view! {
        <fieldset>
            <legend>{td_string!(locale, activities.participants_legend)}</legend>
            <div class="table-wrap">
                <table class="participants">
                    <thead>
                        <tr>
                            <th scope="col">{td_string!(locale, activities.organisation)}</th>
                            {roles.iter().map(|r| view! { <th scope="col">{r.label()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {organisations
                            .into_iter()
                            .enumerate()
                            .map(|(row, (id, name))| {
                                let cells = roles
                                    .iter()
                                    .enumerate()
                                    .map(|(column, role)| {
                                        let index = row * roles.len() + column;
                                        view! {
                                            <td>
                                                <input
                                                    type="checkbox"
                                                    id=format!("{prefix}participant-{index}")
                                                    name=format!("activity[participants][{index}]")
                                                    value=format!("{id}:{}", role.code())
                                                    aria-label=td_string!(locale, activities.participant_role, name = name.clone(), role = role.label()).to_string()
                                                    checked=taken.contains(&(id, *role))
                                                />
                                            </td>
                                        }
                                    })
                                    .collect_view();
                                view! { <tr><th scope="row">{name}</th>{cells}</tr> }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </fieldset>
    }
}

#[component]
pub fn NewActivityForm(
    organisation_id: i32,
    choices: ActivityChoices,
    action: ServerAction<CreateActivity>,
) -> impl IntoView {
    let locale = crate::language::current();
    let code = choices.code.clone();
    view! {
        <section aria-labelledby="new-activity-heading">
            <h2 id="new-activity-heading">{td_string!(locale, activities.record_an_activity)}</h2>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || action.version().get()) />
                <input type="hidden" name="country" value=code />
                <input type="hidden" name="organisation_id" value=organisation_id />
                <ActivityFields prefix=String::new() activity=None choices />
                <button type="submit">{td_string!(locale, activities.record_activity)}</button>
            </ActionForm>
        </section>
    }
}

/// The correction form of an activity, and its withdrawal (published) or
/// deletion (draft).
#[component]
pub fn ActivityEdit(
    activity: Activity,
    choices: ActivityChoices,
    update: ServerAction<UpdateActivity>,
    remove: ServerAction<RemoveActivity>,
) -> impl IntoView {
    let locale = crate::language::current();
    let (id, version, published) = (activity.id, activity.version, activity.published);
    let change = activity.change_of.is_some();
    let (code, again) = (choices.code.clone(), choices.code.clone());
    let fields = view! { <ActivityFields prefix=format!("activity-{id}-") activity=Some(activity) choices /> };
    let remove_label = if change {
        td_string!(locale, activities.discard_change)
    } else if published {
        td_string!(locale, activities.withdraw)
    } else {
        td_string!(locale, activities.delete_draft)
    };
    view! {
        <details class="edit">
            <summary>{td_string!(locale, activities.correct_activity)}</summary>
            <ActionForm action=update attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <input type="hidden" name="activity_id" value=id />
                <input type="hidden" name="version" value=version />
                {fields}
                <button type="submit">{td_string!(locale, activities.save_activity)}</button>
            </ActionForm>
            <ActionForm action=remove>
                <CsrfField />
                <input type="hidden" name="country" value=again />
                <input type="hidden" name="activity_id" value=id />
                <input type="hidden" name="version" value=version />
                <button type="submit" class="danger">{remove_label}</button>
            </ActionForm>
        </details>
    }
}
