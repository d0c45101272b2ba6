use leptos::prelude::*;

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>
                "Compact Tracker: one place for a country's peacebuilding strategy, its UN transition, "
                "the compact of mutual commitments, funding flows and accountability indicators."
            </p>
            <p>
                "Public data is also available as JSON: " <a href="/api/v1/countries">"/api/v1/countries"</a>
            </p>
        </footer>
    }
}
