use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::country_code_param;
use crate::AppError;
use crate::components::ErrorPanel;
use crate::server_fns::get_country_summary;
use crate::types::Area;

/// A working area of a country that is not built yet says so plainly.
#[component]
pub fn AreaPage() -> impl IntoView {
    let code = country_code_param();
    let params = use_params_map();
    let area = Memo::new(move |_| params.read().get("area").and_then(|s| Area::from_slug(&s)));
    let summary = Resource::new(move || code.get(), get_country_summary);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let summary = summary.await;
                match (summary, area.get()) {
                    (Err(error), _) => view! { <ErrorPanel error /> }.into_any(),
                    (Ok(_), None) => {
                        view! { <ErrorPanel error=AppError::NotFound("this page".into()) /> }.into_any()
                    }
                    (Ok(summary), Some(area)) => {
                        view! {
                            <Title text=format!("{} · {}", area.label(), summary.country.name) />
                            <h1>{area.label()}</h1>
                            <p class="lead">{area.purpose()}</p>
                            <p class="notice">
                                "This part of Compact Tracker is not built yet for "
                                {summary.country.name.clone()} "."
                            </p>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
