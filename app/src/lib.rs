//! Kernpunt: everything shared by the server and the browser.
//!
//! One module per capability (`areas`, later `sessions`, `library`, `accounts`), each with
//! its types, server functions (`api`), pages, and server-only database functions (`db`).
//! `site` holds the pages that belong to no capability; `ui` the shared building blocks.

pub mod areas;
pub mod site;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod assets;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The HTML document around the app; rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let stylesheet = assets::stylesheet_href(&options);
    #[cfg(not(feature = "ssr"))]
    let stylesheet = String::new();
    view! {
        <!DOCTYPE html>
        <html lang="nl" class="utrecht-html">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="stylesheet" href=stylesheet/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body class="utrecht-theme">
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    view! {
        <Title formatter=|title: String| {
            if title.is_empty() { "Kernpunt".to_string() } else { format!("{title} · Kernpunt") }
        }/>
        <Router>
            <ui::layout::SiteHeader/>
            <main id="inhoud" class="site-main" tabindex="-1">
                <Routes fallback=site::NotFoundPage>
                    <Route path=path!("") view=site::HomePage/>
                    <Route path=path!("/gebieden") view=areas::pages::AreaListPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/gebieden/:slug")
                        view=areas::pages::AreaProfilePage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/sessies") view=site::SessionsComingSoon/>
                    <Route path=path!("/kennisbank") view=site::LibraryComingSoon/>
                    <Route path=path!("/privacy") view=site::PrivacyPage/>
                    <Route path=path!("/toegankelijkheid") view=site::AccessibilityPage/>
                </Routes>
            </main>
            <ui::layout::SiteFooter/>
        </Router>
    }
}
