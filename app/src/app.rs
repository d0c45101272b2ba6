use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::{SiteFooter, SiteHeader, provide_session};
use crate::pages::FragilityPage;
use crate::pages::IatiPage;
use crate::pages::{
    AccountPage, AccountsPage, ActivitiesPage, AuditPage, BudgetPage, CompactPage, CountryPage,
    DashboardPage, FundingPage, HomePage, IndicatorPage, IndicatorsPage, NotFound,
    OrganisationPage, OrganisationsPage, PriorityPage, ProjectPage, ProjectsPage, RatesPage,
    ReviewPage, ScorecardPage, SignInPage, StrategyComparePage, StrategyPage, TransitionPage,
    ValidationPage,
};

/// The HTML document the server renders around the app: HTML from the
/// server, in which only islands (`#[island]`) hydrate; forms post and
/// links navigate.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    content_security_policy();
    let stylesheet = format!("/{}/{}.css", options.site_pkg_dir, options.output_name);
    let lang = crate::language::code(crate::language::current());
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <AutoReload options=options.clone() />
                // No icon to fetch: one request fewer on every cold visit.
                <link rel="icon" href="data:," />
                <link rel="stylesheet" href=stylesheet />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The page's Content-Security-Policy: scripts only from this site or
/// inline with this response's nonce (the hydration scripts), the wasm
/// compiled, styles from this site, no framing, forms posting here only.
#[cfg(feature = "ssr")]
fn content_security_policy() {
    use axum::http::{HeaderValue, header::CONTENT_SECURITY_POLICY};
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = crate::language::current();
    view! {
        <Title formatter=|text: String| {
            if text.is_empty() { "Compact Tracker".to_string() } else { format!("{text} · Compact Tracker") }
        } />
        <Router>
            <SessionScope>
                <a class="skip-link" href="#main">
                    {crate::i18n::td_string!(locale, common.skip_to_content)}
                </a>
                <SiteHeader />
                <main id="main" tabindex="-1">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                        <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async />
                        <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                        <Route path=path!("/organisations/:id") view=OrganisationPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code") view=CountryPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/strategy") view=StrategyPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/transition") view=TransitionPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/fragility") view=FragilityPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/compact") view=CompactPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/compact/reviews/:round") view=ReviewPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/funding") view=FundingPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/activities") view=ProjectsPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/activities/:id") view=ProjectPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/funding/activities") view=ActivitiesPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/funding/rates") view=RatesPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/funding/validation") view=ValidationPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/funding/iati") view=IatiPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/budget") view=BudgetPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/dashboard") view=DashboardPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/dashboard/:indicator") view=IndicatorPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/indicators") view=IndicatorsPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/scorecards") view=ScorecardPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/strategy/compare") view=StrategyComparePage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/strategy/priorities/:priority") view=PriorityPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/admin/organisations") view=OrganisationsPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/admin/users") view=AccountsPage ssr=SsrMode::Async />
                        <Route path=path!("/countries/:code/admin/audit") view=AuditPage ssr=SsrMode::Async />
                    </Routes>
                </main>
                <SiteFooter />
            </SessionScope>
        </Router>
    }
}

/// Provides the session (who is signed in, the CSRF token) to everything inside.
#[component]
fn SessionScope(children: Children) -> impl IntoView {
    provide_session();
    children()
}
