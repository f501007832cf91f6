//! The frame around every page: skip link, header with navigation, footer.

use leptos::prelude::*;
use leptos_router::components::A;

/// Sets the HTTP status of the server-rendered response (no-op in the browser).
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

const NAV_ITEMS: [(&str, &str); 4] = [
    ("/gebieden", "Gebieden"),
    ("/monitor", "Monitor"),
    ("/sessies", "Sessies"),
    ("/kennisbank", "Kennisbank"),
];

#[component]
pub fn SiteHeader() -> impl IntoView {
    // The menu is open by default so it works without JavaScript; once hydrated,
    // small screens get a toggle button.
    let (menu_open, set_menu_open) = signal(false);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| {
        hydrated.set(true);
        // A marker for the browser tests: the WASM has taken over this page.
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "");
        }
    });

    view! {
        <a class="skip-link" href="#inhoud">"Direct naar de inhoud"</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-header__brand" href="/">
                    <span class="site-header__name">"Kernpunt"</span>
                    <span class="site-header__tagline">"Vitale kerngebieden"</span>
                </a>
                <button
                    type="button"
                    class="menu-toggle"
                    aria-controls="hoofdmenu"
                    aria-expanded=move || menu_open.get().to_string()
                    hidden=move || !hydrated.get()
                    on:click=move |_| set_menu_open.update(|open| *open = !*open)
                >
                    {move || if menu_open.get() { "Sluit menu" } else { "Menu" }}
                </button>
                <nav
                    id="hoofdmenu"
                    class="site-nav"
                    class:site-nav--collapsed=move || hydrated.get() && !menu_open.get()
                    aria-label="Hoofdmenu"
                >
                    <ul>
                        {NAV_ITEMS.iter().map(|(href, label)| view! {
                            // `A` marks the current section with aria-current="page".
                            <li><A href=*href>{*label}</A></li>
                        }).collect_view()}
                    </ul>
                    <crate::accounts::pages::UserMenu/>
                </nav>
            </div>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                <p>"Kernpunt is het platform van het programma Vitale Kerngebieden: gemeente, ondernemers en vastgoedeigenaren samen."</p>
                <ul>
                    <li><a href="/privacy">"Privacy"</a></li>
                    <li><a href="/toegankelijkheid">"Toegankelijkheid"</a></li>
                </ul>
            </div>
        </footer>
    }
}
