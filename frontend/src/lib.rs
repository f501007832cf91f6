//! The browser entry point. Pages are rendered on the server; only the islands
//! (`#[island]` components in `app`) hydrate, each where it appears on the page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Links the app crate, whose islands export the functions the page's script calls.
    #[allow(unused_imports)]
    use app::*;
    _ = console_log::init_with_level(log::Level::Warn);
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
