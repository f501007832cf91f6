//! Form pieces shared by every edit page: labelled fields with their error message.

use super::{EditError, FieldErrors};
use crate::ui::layout::set_status;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// The message for one field, linked to the input with `aria-describedby`.
fn error_id(name: &str) -> String {
    format!("{name}-fout")
}

#[component]
pub fn TextAreaField(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: &'static str,
    value: String,
    errors: Signal<FieldErrors>,
    #[prop(default = 8)] rows: u32,
) -> impl IntoView {
    let error = move || errors.read().get(name).cloned();
    let hint_id = format!("{name}-uitleg");
    let described_by = {
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if !hint.is_empty() {
                ids.push(hint_id.clone());
            }
            if error().is_some() {
                ids.push(error_id(name));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field--invalid=move || error().is_some()>
            <label for=name>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
            {move || error().map(|message| view! { <p class="field__error" id=error_id(name)>{message}</p> })}
            <textarea
                id=name
                name=name
                rows=rows
                aria-invalid=move || error().is_some().then_some("true")
                aria-describedby=described_by
            >
                {value}
            </textarea>
        </div>
    }
}

/// A text input with its label, hint and error message.
#[component]
pub fn InputField(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] value: String,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    /// When several forms on one page have this field: a suffix that keeps the id and the
    /// error key unique (`title-12`).
    #[prop(optional)]
    suffix: Option<i64>,
    /// The element id, when two forms on one page share a field name without a number to
    /// tell them apart (the error key stays the name).
    #[prop(optional, into)]
    id: Option<String>,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    let unique = match suffix {
        Some(n) => format!("{name}-{n}"),
        None => name.clone(),
    };
    let key = StoredValue::new(unique.clone());
    let error = move || errors.read().get(&key.get_value()).cloned();
    let id = id.unwrap_or_else(|| unique.replace(['[', ']'], "-"));
    let error_id = format!("{id}-fout");
    let error_id_attr = error_id.clone();
    view! {
        <div class="field" class:field--invalid=move || error().is_some()>
            <label for=id.clone()>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="field__hint">{hint}</p> })}
            {move || error().map(|message| view! { <p class="field__error" id=error_id.clone()>{message}</p> })}
            <input
                id=id
                name=name
                type=kind
                value=value
                placeholder=(!placeholder.is_empty()).then_some(placeholder)
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                aria-invalid=move || error().is_some().then_some("true")
                aria-describedby=move || error().is_some().then(|| error_id_attr.clone())
            />
        </div>
    }
}

/// A `<select>` of (code, label) options.
#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    #[prop(into)] options: Vec<(String, String)>,
    value: String,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    let error = move || errors.read().get(name).cloned();
    view! {
        <div class="field" class:field--invalid=move || error().is_some()>
            <label for=name>{label}</label>
            {move || error().map(|message| view! { <p class="field__error" id=error_id(name)>{message}</p> })}
            <select
                id=name
                name=name
                aria-invalid=move || error().is_some().then_some("true")
                aria-describedby=move || error().is_some().then(|| error_id(name))
            >
                {options.into_iter().map(|(code, text)| {
                    let selected = code == value;
                    view! { <option value=code selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// The message for one field of an edit form, with the id its input points at.
pub fn field_message(
    name: &'static str,
    errors: Signal<FieldErrors>,
) -> impl Fn() -> Option<AnyView> + Send + Sync + 'static {
    move || {
        errors
            .get()
            .get(name)
            .cloned()
            .map(|m| view! { <p class="field__error" id=format!("{name}-fout")>{m}</p> }.into_any())
    }
}

/// A labelled input named `fields[name]` (the edit forms post their fields as one map),
/// with its hint and error message.
pub fn form_field_input(
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    hint: &'static str,
    value: String,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    view! {
        <div class="field" class:field--invalid=move || errors.get().get(name).is_some()>
            <label for=name>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="field__hint">{hint}</p> })}
            {field_message(name, errors)}
            <input id=name name=format!("fields[{name}]") type=kind value=value
                aria-invalid=move || errors.get().get(name).is_some().then_some("true")
                aria-describedby=move || errors.get().get(name).is_some().then(|| format!("{name}-fout"))/>
        </div>
    }
}

/// A fieldset of checkboxes named `name[value]`, ticked for the chosen values.
pub fn check_list(
    name: &'static str,
    legend: &'static str,
    options: Vec<(String, String)>,
    chosen: Vec<String>,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    view! {
        <fieldset class="field checks">
            <legend>{legend}</legend>
            {field_message(name, errors)}
            {options.into_iter().map(|(value, label)| {
                let id = format!("{name}-{value}");
                let checked = chosen.contains(&value);
                view! {
                    <div class="field--checkbox">
                        <input type="checkbox" id=id.clone() name=format!("{name}[{value}]") value="ja" checked=checked/>
                        <label for=id>{label}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// What to show when loading a page failed: log in, no access, not found, or unavailable.
#[component]
pub fn EditRefused(error: EditError) -> impl IntoView {
    let location = use_location();
    match error {
        EditError::NotLoggedIn { .. } => {
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            let href = crate::accounts::login_url(&here);
            view! {
                <Title text="Inloggen nodig"/>
                <h1>"Inloggen nodig"</h1>
                <p>"Om dit te bewerken moet u ingelogd zijn."</p>
                <p><a href=href>"Inloggen"</a></p>
            }
            .into_any()
        }
        // Forbidden: a page that is not the reader's to open (accounts for a coordinator).
        // Area pages outside an editor's areas answer `NotFound` instead, like missing ones.
        EditError::Forbidden | EditError::NotFound => {
            let forbidden = matches!(error, EditError::Forbidden);
            set_status(if forbidden { 403 } else { 404 });
            let title = if forbidden {
                "Geen toegang"
            } else {
                "Niet gevonden"
            };
            view! {
                <Title text=title/>
                <h1>{title}</h1>
                <p>{error.to_string()}</p>
                {forbidden.then(|| view! {
                    <p>"Denkt u dat u hier wel bij hoort te kunnen? Vraag het een beheerder."</p>
                })}
                <p><a href="/gebieden">"Naar de gebieden"</a></p>
            }
            .into_any()
        }
        other => {
            set_status(503);
            view! {
                <Title text="Niet beschikbaar"/>
                <h1>"Niet beschikbaar"</h1>
                <crate::ui::notice::ErrorNotice message=other.to_string()/>
            }
            .into_any()
        }
    }
}

/// The field messages of an action's last answer (empty while none came back).
pub fn errors_of<T>(action: ServerAction<T>) -> Signal<FieldErrors>
where
    T: leptos::server_fn::ServerFn<Error = EditError> + Send + Sync + Clone + 'static,
    T::Output: Send + Sync + Clone + 'static,
{
    Signal::derive(move || match action.value().get() {
        Some(Err(EditError::Invalid(errors))) => errors,
        _ => FieldErrors::default(),
    })
}
