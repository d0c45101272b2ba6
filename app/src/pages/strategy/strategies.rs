//! The strategy page: the version shown with its pillars, priorities,
//! costs, consultation and agreements, and the actions that change it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::actions::Actions;
use super::agreements::Agreements;
use super::comments::Consultation;
use super::costs::{PriorityTable, Totals, year_label};
use super::lifecycle::{Lifecycle, NewStrategyForm, ReviseForm, VersionNav};
use super::pillars::{AddPillarForm, RenamePillarForm};
use super::priorities::AddPriorityForm;
use crate::components::{ErrorPanel, FormErrors};
use crate::i18n::td_string;
use crate::pages::params::country_code_param;
use crate::server_fns::{StrategyView, load_strategy};
use crate::types::StrategyStatus;

#[component]
pub fn StrategyPage() -> impl IntoView {
    let locale = crate::language::current();
    let code = country_code_param();
    let query = use_query_map();
    let version = Memo::new(move |_| {
        query
            .read()
            .get("version")
            .and_then(|v| v.parse::<i32>().ok())
    });
    let actions = Actions::new();
    let done = actions.done();
    let view_data = Resource::new(
        move || (code.get(), version.get(), done.get()),
        |(code, version, _)| load_strategy(code, version),
    );
    let error = actions.error();
    view! {
        <Title text=td_string!(locale, common.area_strategy) />
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match view_data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(data) => view! { <StrategyBody data code=code.get_untracked() actions error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StrategyBody(
    data: StrategyView,
    code: String,
    actions: Actions,
    error: Signal<Option<crate::AppError>>,
) -> impl IntoView {
    let StrategyView {
        strategy,
        versions,
        can_edit,
        ministries,
        organisations,
        comments,
        can_comment,
        can_resolve,
    } = data;
    let locale = crate::language::current();
    let Some(strategy) = strategy else {
        return view! {
            <h1>{td_string!(locale, strategy.peacebuilding_strategy)}</h1>
            <p>{td_string!(locale, strategy.no_strategy_yet)}</p>
            <FormErrors error />
            {can_edit.then(|| view! { <NewStrategyForm code=code.clone() action=actions.create /> })}
        }
        .into_any();
    };
    let latest = versions.last().map(|v| v.version) == Some(strategy.version);
    let open_draft = versions
        .iter()
        .any(|v| v.status != StrategyStatus::Endorsed);
    let editable = can_edit && strategy.status == StrategyStatus::Draft;
    let years: Vec<i32> = strategy.fiscal_years().collect();
    let status_line = td_string!(
        locale,
        strategy.version_period,
        version = strategy.version,
        first = year_label(&strategy, strategy.first_fiscal_year),
        last = year_label(&strategy, strategy.last_fiscal_year),
        currency = strategy.currency.clone(),
    )
    .to_string();
    view! {
        <h1>{strategy.title.clone()}</h1>
        <p class="status-line">
            <span class=format!("badge badge-{}", strategy.status.code())>{strategy.status.label()}</span>
            {format!(" {status_line}")}
            {strategy.based_on_version.map(|version| {
                format!(" · {}", td_string!(locale, strategy.based_on_version, version))
            })}
        </p>
        <p class="lead">{strategy.vision.clone()}</p>
        {strategy.endorsement.clone().map(|e| view! {
            <p class="muted">
                {td_string!(locale, strategy.endorsed_by_on, body = e.by, date = e.on).to_string()}
                {e.url.map(|url| view! { " · " <a href=url rel="noopener">{td_string!(locale, strategy.the_record)}</a> })}
            </p>
        })}
        <VersionNav code=code.clone() versions=versions.clone() shown=strategy.version />
        {versions.iter().any(|v| v.status == StrategyStatus::Endorsed).then(|| view! {
            <p>
                <a href=format!("/countries/{code}/strategy.csv") download="">
                    {td_string!(locale, strategy.download_csv)}
                </a>
            </p>
        })}
        <FormErrors error />
        {(can_edit && latest).then(|| view! {
            <Lifecycle
                strategy_id=strategy.id
                status=strategy.status
                open_draft
                consult=actions.consult
                endorse=actions.endorse
                redraft=actions.redraft
            />
        })}
        {editable.then(|| view! { <ReviseForm strategy=strategy.clone() action=actions.revise /> })}
        {strategy
            .pillars
            .iter()
            .map(|pillar| {
                let rows = pillar.priorities.clone();
                let years = years.clone();
                let strategy = strategy.clone();
                let rename = editable.then(|| {
                    let pillar = pillar.clone();
                    view! {
                        <RenamePillarForm
                            strategy_id=strategy.id
                            pillar
                            rename=actions.rename_pillar
                            remove=actions.remove_pillar
                        />
                    }
                });
                view! {
                    <section class="pillar" aria-labelledby=format!("pillar-{}", pillar.number)>
                        <h2 id=format!("pillar-{}", pillar.number)>
                            {format!("{}. {}", pillar.number, pillar.title)}
                        </h2>
                        {rename}
                        {if rows.is_empty() {
                            view! { <p class="muted">{td_string!(locale, strategy.no_priorities_yet)}</p> }.into_any()
                        } else {
                            view! { <PriorityTable strategy rows years editable cost=actions.cost /> }.into_any()
                        }}
                    </section>
                }
            })
            .collect_view()}
        {editable.then(|| view! { <AddPillarForm strategy_id=strategy.id action=actions.add_pillar /> })}
        <Totals strategy=strategy.clone() years=years.clone() />
        {(strategy.status == StrategyStatus::Consultation || !comments.is_empty()).then(|| {
            let open = strategy.status == StrategyStatus::Consultation && can_comment;
            view! { <Consultation
                    strategy=strategy.clone()
                    comments
                    open
                    can_resolve
                    post=actions.comment
                    resolve=actions.resolve
                /> }
        })}
        <Agreements
            agreements=strategy.agreements.clone()
            strategy_id=strategy.id
            editable
            actions
        />
        {editable.then(|| view! {
            <AddPriorityForm strategy=strategy.clone() ministries organisations action=actions.add />
        })}
    }
    .into_any()
}
