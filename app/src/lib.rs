//! Kernpunt: everything shared by the server and the browser.
//!
//! One module per capability (`areas`, later `sessions`, `library`, `accounts`), each with
//! its types, server functions (`api`), pages, and server-only database functions (`db`).
//! `site` holds the pages that belong to no capability; `ui` the shared building blocks.

/// Declares a code-valued enum stored as TEXT, with its Dutch label.
/// (Defined before the modules so that all of them can use it.)
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code stored in the database and used in URLs.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The word a Dutch user reads.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

pub mod accounts;
pub mod areas;
pub mod editing;
pub mod following;
pub mod library;
pub mod page_tags;
pub mod programme;
pub mod sessions;
pub mod site;
#[cfg(feature = "ssr")]
pub mod status;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod assets;
#[cfg(feature = "ssr")]
pub mod csp;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod mail;

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
    #[cfg(feature = "ssr")]
    csp::provide_request_nonce();
    #[cfg(feature = "ssr")]
    let hydration_scripts = assets::hydration_scripts(&options);
    #[cfg(not(feature = "ssr"))]
    let stylesheet = String::new();
    #[cfg(not(feature = "ssr"))]
    let hydration_scripts = view! { <HydrationScripts options islands=true/> };
    view! {
        <!DOCTYPE html>
        <html lang="nl" class="utrecht-html">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                // Before anything is drawn: the page may lay itself out for JavaScript
                // (the folded menu), so nothing shifts when the islands hydrate.
                <script nonce=leptos::nonce::use_nonce()>"document.documentElement.classList.add('has-js')"</script>
                <link rel="stylesheet" href=stylesheet/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                // Before the islands' loader: module scripts run in document order, so the
                // handler that reports a failed WASM load is in place before that load can
                // fail (after it, a fast failure could beat a slow navigate.js).
                <script type="module" src=ui::scripts::NAVIGATE.href()></script>
                // Islands: only the interactive parts hydrate, when the browser is idle.
                {hydration_scripts}
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
    accounts::pages::provide_auth();

    view! {
        <Title formatter=|title: String| {
            if title.is_empty() { "Kernpunt".to_string() } else { format!("{title} · Kernpunt") }
        }/>
        // Every page renders completely on the server (SsrMode::Async): the login state in the
        // header and all data are in the HTML, so pages read fully without JavaScript.
        <Router>
            <ui::layout::SiteHeader/>
            <main id="inhoud" class="site-main" tabindex="-1">
                <Routes fallback=site::NotFoundPage>
                    <Route path=path!("") view=site::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/gebieden") view=areas::pages::AreaListPage ssr=SsrMode::Async/>
                    <Route path=path!("/gebieden/import") view=areas::edit::bulk::pages::AreaImportPage ssr=SsrMode::Async/>
                    <Route path=path!("/gebieden/import/:token") view=areas::edit::bulk::pages::AreaImportPreviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/gebieden/nieuw") view=areas::edit::identity::pages::NewAreaPage ssr=SsrMode::Async/>
                    <Route path=path!("/gebieden/vergelijk") view=areas::compare::pages::ComparePage ssr=SsrMode::Async/>
                    <Route path=path!("/gebieden/kaart") view=areas::map::pages::MapPage ssr=SsrMode::Async/>
                    <Route path=path!("/monitor/import") view=areas::edit::import::pages::ImportUploadPage ssr=SsrMode::Async/>
                    <Route path=path!("/monitor/import/:token") view=areas::edit::import::pages::ImportPreviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/monitor") view=areas::monitor::pages::MonitorPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/gebieden/:slug")
                        view=areas::pages::AreaProfilePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/gebieden/:slug/bewerken")
                        view=areas::edit::pages::AreaEditPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/gebieden/:slug/partijen") view=areas::edit::stakeholders::pages::AreaStakeholdersPage ssr=SsrMode::Async/>
                    <Route path=path!("/gebieden/:slug/cijfers") view=areas::edit::values::pages::AreaValuesPage ssr=SsrMode::Async/>
                    <Route path=path!("/gebieden/:slug/gegevens") view=areas::edit::identity::pages::AreaIdentityPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/gebieden/:slug/activatie")
                        view=areas::activation::pages::ActivationPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/gebieden/:slug/voorstellen") view=areas::proposals::pages::ProposalsPageView ssr=SsrMode::Async/>
                    <Route path=path!("/gebieden/:slug/voorstellen/:id") view=areas::proposals::pages::ProposalPageView ssr=SsrMode::Async/>
                    <Route path=path!("/voorstellen/bevestigen/:token") view=areas::proposals::pages::ConfirmProposalPage ssr=SsrMode::Async/>
                    <Route path=path!("/gebieden/:slug/bericht") view=following::updates::pages::AreaUpdatePage ssr=SsrMode::Async/>
                    <Route path=path!("/gebieden/:slug/opgaves/:id") view=areas::edit::outcomes::pages::OpgaveOutcomesPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/gebieden/:slug/geschiedenis")
                        view=areas::edit::pages::AreaHistoryPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/sessies") view=sessions::pages::SessionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/sessies/nieuw") view=sessions::admin::pages::SessionEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/sessies/onderwerpen") view=sessions::topics::TopicsPageView ssr=SsrMode::Async/>
                    <Route path=path!("/sessies/:slug") view=sessions::pages::SessionPageView ssr=SsrMode::Async/>
                    <Route path=path!("/sessies/:slug/bewerken") view=sessions::admin::pages::SessionEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/sessies/:slug/deelnemers") view=sessions::admin::pages::AttendeesPage ssr=SsrMode::Async/>
                    <Route path=path!("/aanmelding/:token") view=sessions::pages::RegistrationPageView ssr=SsrMode::Async/>
                    <Route path=path!("/mijn-aanmeldingen") view=sessions::mine::MyRegistrationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/volgen") view=following::pages::FollowPage ssr=SsrMode::Async/>
                    <Route path=path!("/volgen/bevestigen/:token") view=following::pages::ConfirmFollowPage ssr=SsrMode::Async/>
                    <Route path=path!("/volgen/beheer/:token") view=following::pages::ManageFollowsPage ssr=SsrMode::Async/>
                    <Route path=path!("/kennisbank") view=library::pages::LibraryPage ssr=SsrMode::Async/>
                    <Route path=path!("/kennisbank/nieuw") view=library::edit::pages::ItemEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/kennisbank/stuurwiel") view=library::pages::LearningPathsPage ssr=SsrMode::Async/>
                    <Route path=path!("/kennisbank/stuurwiel/:id") view=library::pages::SegmentGuidePage ssr=SsrMode::Async/>
                    <Route path=path!("/kennisbank/thema/:theme") view=library::pages::DossierPage ssr=SsrMode::Async/>
                    <Route path=path!("/kennisbank/thema/:theme/bewerken") view=library::edit::pages::DossierEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/kennisbank/:slug") view=library::pages::ItemPageView ssr=SsrMode::Async/>
                    <Route path=path!("/kennisbank/:slug/bewerken") view=library::edit::pages::ItemEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/kennisbank/:slug/geschiedenis") view=library::edit::pages::ItemHistoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/inloggen") view=accounts::pages::LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=accounts::admin::pages::OwnAccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/wachtwoord/:token") view=accounts::admin::pages::SetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/accounts") view=accounts::admin::pages::AccountsPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/accounts/:id") view=accounts::admin::pages::AccountEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/sessies") view=sessions::admin::pages::SessionsAdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer") view=programme::pages::SetupHubPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/stadsdelen") view=programme::districts::pages::DistrictsPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/themas") view=programme::themes::pages::ThemesPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/indicatoren") view=programme::indicators::pages::IndicatorsPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/organisaties") view=programme::organisations::pages::OrganisationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/organisaties/:id") view=programme::organisations::pages::OrganisationPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/gearchiveerd") view=areas::edit::identity::pages::ArchivedAreasPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/stuurwiel") view=areas::edit::stuurwiel::pages::StuurwielEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/beheer/open-data") view=areas::open_data::pages::OpenDataSettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/open-data") view=areas::open_data::pages::OpenDataPage ssr=SsrMode::Async/>
                    <Route path=path!("/privacy") view=site::PrivacyPage ssr=SsrMode::Async/>
                    <Route path=path!("/toegankelijkheid") view=site::AccessibilityPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <ui::layout::SiteFooter/>
        </Router>
    }
}
