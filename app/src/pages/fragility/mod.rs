//! The fragility assessment page: the latest published round by goal, the
//! stage of each goal across published rounds, and, for the country's
//! members, the rounds in preparation with the planners' forms. Every form
//! is a plain post that comes back to the page.

mod forms;
mod open;
mod published;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{ErrorPanel, FormErrors, kept_input, query_error};
use crate::i18n::td_string;
use crate::pages::params::country_code_param;
use crate::server_fns::load_fragility;
use crate::types::{FragilityView, KeptInput, RoundStatus};

use forms::StartRoundForm;
use open::OpenRound;
use published::{AcrossRounds, LatestRound};

#[component]
pub fn FragilityPage() -> impl IntoView {
    let code = country_code_param();
    let data = Resource::new(move || code.get(), load_fragility);
    let error = query_error();
    let kept = kept_input();
    let locale = crate::language::current();
    view! {
        <Title text=td_string!(locale, fragility.title) />
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let kept = kept.await;
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(data) => view! { <Assessment data kept error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Assessment(
    data: FragilityView,
    kept: Option<KeptInput>,
    error: Signal<Option<crate::AppError>>,
) -> impl IntoView {
    let FragilityView {
        country_code,
        rounds,
        can_edit,
    } = data;
    let (published, open): (Vec<_>, Vec<_>) = rounds
        .into_iter()
        .partition(|r| r.status == RoundStatus::Published);
    let latest = published.first().cloned();
    let locale = crate::language::current();
    let editing = can_edit.then(|| kept.clone());
    view! {
        <h1>{td_string!(locale, fragility.title)}</h1>
        <p>{td_string!(locale, fragility.intro)}</p>
        {can_edit.then(|| view! { <FormErrors error /> })}
        {match latest {
            Some(round) => view! { <LatestRound round /> }.into_any(),
            None => view! { <p>{td_string!(locale, fragility.no_published)}</p> }.into_any(),
        }}
        {(!published.is_empty()).then(|| view! { <AcrossRounds rounds=published /> })}
        {(!open.is_empty()).then(|| view! {
            <h2>{td_string!(locale, fragility.in_preparation)}</h2>
            {open
                .into_iter()
                .map(|round| view! {
                    <OpenRound round code=country_code.clone() editing=editing.clone() />
                })
                .collect_view()}
        })}
        {can_edit.then(|| view! { <StartRoundForm code=country_code.clone() kept /> })}
    }
}
