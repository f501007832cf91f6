use leptos::prelude::*;

/// A plain-Dutch error message, announced to screen readers.
#[component]
pub fn ErrorNotice(message: String) -> impl IntoView {
    view! {
        <div class="notice notice--error" role="alert">
            <p><strong>"Er ging iets mis. "</strong>{message}</p>
        </div>
    }
}
