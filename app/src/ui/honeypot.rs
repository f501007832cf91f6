//! The honeypot of the forms anyone may post without an account: a field people never see
//! (off-screen, hidden from screen readers, out of the tab order) and form-filling robots
//! fill in. The server answers such a post as usual and stores nothing.

use leptos::prelude::*;

/// The field's name; every public form's server function takes it as `website`.
pub const FIELD: &str = "website";

#[component]
pub fn Honeypot(#[prop(into)] id_prefix: String) -> impl IntoView {
    let id = format!("{id_prefix}-website");
    view! {
        <div class="honeypot" aria-hidden="true">
            <label for=id.clone()>"Laat dit veld leeg"</label>
            <input id=id name=FIELD tabindex="-1" autocomplete="off"/>
        </div>
    }
}
