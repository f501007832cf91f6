//! The frame around every page: skip link, header with navigation, footer.

use leptos::prelude::*;

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

/// Whether `path` lies in the section at `href` (the section's page or one below it),
/// as the router's `A` decides it, compared without case.
fn is_current_section(path: &str, href: &str) -> bool {
    let (path, href) = (path.to_lowercase(), href.to_lowercase());
    path == href
        || path
            .strip_prefix(&href)
            .is_some_and(|rest| rest.starts_with('/'))
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    // Plain links with aria-current worked out once: the header is not an island, so
    // nothing changes it after the server wrote it, and `A` cost a reactive owner each.
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    view! {
        <a class="skip-link" href="#inhoud">"Direct naar de inhoud"</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-header__brand" href="/">
                    <span class="site-header__name">"Kernpunt"</span>
                    <span class="site-header__tagline">"Vitale kerngebieden"</span>
                </a>
                <SiteMenu>
                    <ul>
                        {NAV_ITEMS.iter().map(|(href, label)| view! {
                            <li><a href=*href aria-current=is_current_section(&path, href).then_some("page")>{*label}</a></li>
                        }).collect_view()}
                    </ul>
                    <crate::accounts::pages::UserMenu/>
                </SiteMenu>
            </div>
        </header>
    }
}

/// The main navigation, folded behind a toggle on small screens when JavaScript runs. The
/// links themselves are rendered on the server (children) and cost no WASM. The folding is
/// CSS on the `has-js` class the page's head sets, so the first paint already has its
/// final layout; the island only opens and closes it.
#[island]
fn SiteMenu(children: Children) -> impl IntoView {
    let (menu_open, set_menu_open) = signal(false);
    Effect::new(move |_| {
        // A marker for the browser tests: the islands of this page have hydrated.
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "");
        }
    });
    view! {
        <button
            type="button"
            class="menu-toggle"
            aria-controls="hoofdmenu"
            aria-expanded=move || menu_open.get().to_string()
            on:click=move |_| set_menu_open.update(|open| *open = !*open)
        >
            {move || if menu_open.get() { "Sluit menu" } else { "Menu" }}
        </button>
        <nav
            id="hoofdmenu"
            class="site-nav"
            class:site-nav--open=move || menu_open.get()
            aria-label="Hoofdmenu"
        >
            {children()}
        </nav>
    }
}

/// Submits the GET form it sits in as soon as a choice changes, and after a pause in
/// typing, so results follow the filters (the page's navigation script fetches the new
/// page without a reload). Without JavaScript the form's own button does the same.
#[island]
pub fn AutoSubmit(children: Children) -> impl IntoView {
    use leptos::wasm_bindgen::JsCast;
    const TYPING_PAUSE_MS: u64 = 300;
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let form_of = |ev: &leptos::ev::Event| {
        ev.target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
            .and_then(|el| el.closest("form").ok().flatten())
            .and_then(|form| form.dyn_into::<leptos::web_sys::HtmlFormElement>().ok())
    };
    let submit = move |form: leptos::web_sys::HtmlFormElement| {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let _ = form.request_submit();
    };
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(form) = form_of(&ev) {
            submit(form);
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        let typed = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
            .is_some_and(|input| matches!(input.type_().as_str(), "search" | "text"));
        let Some(form) = form_of(&ev).filter(|_| typed) else {
            return;
        };
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                let _ = form.request_submit();
            },
            std::time::Duration::from_millis(TYPING_PAUSE_MS),
        )
        .ok();
        pending.set_value(handle);
    };
    view! { <div class="auto-submit" on:change=on_change on:input=on_input>{children()}</div> }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                <p>"Kernpunt is het platform van het programma Vitale Kerngebieden: gemeente, ondernemers en vastgoedeigenaren samen."</p>
                <ul>
                    <li><a href="/open-data">"Open data"</a></li>
                    <li><a href="/privacy">"Privacy"</a></li>
                    <li><a href="/toegankelijkheid">"Toegankelijkheid"</a></li>
                </ul>
            </div>
        </footer>
    }
}

#[cfg(test)]
mod tests {
    use super::is_current_section;

    #[test]
    fn a_section_is_current_on_its_page_and_below_it() {
        assert!(is_current_section("/gebieden", "/gebieden"));
        assert!(is_current_section("/gebieden/lindenplein", "/gebieden"));
        assert!(is_current_section("/Gebieden/x", "/gebieden"));
        assert!(!is_current_section("/gebiedenlijst", "/gebieden"));
        assert!(!is_current_section("/", "/gebieden"));
        assert!(!is_current_section("/monitor", "/gebieden"));
    }
}
