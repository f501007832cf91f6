//! The small pipeline the set-up forms share (districts, organisations, themes, indicator
//! definitions, an area's identity, stakeholders, values): guard, validate, refuse or save.
//!
//! Each form posts its fields as `fields[name]`. A refused post without JavaScript stores
//! a draft and sends the browser back to the page with `?concept=`; the page hands the draft
//! to the one form it belongs to (pages list many small forms), and the field messages carry
//! the form's name under [`TARGET`], so with JavaScript too only that form shows them.

use super::{EditError, FieldErrors};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The field-message key naming the form the messages belong to.
pub const TARGET: &str = "_target";

pub type Fields = BTreeMap<String, String>;

/// A form that came back after a refused post without JavaScript: what was typed, and why.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Returned {
    pub form: String,
    pub values: Fields,
    pub errors: FieldErrors,
}

/// The value a field shows: what was typed if this form came back, else the stored one.
pub fn shown(returned: &Option<Returned>, form: &str, field: &str, stored: &str) -> String {
    match returned {
        Some(r) if r.form == form => r.values.get(field).cloned().unwrap_or_default(),
        _ => stored.to_string(),
    }
}

/// Form fields from pairs, for tests of the validation functions.
#[cfg(test)]
pub fn fields_of(pairs: &[(&str, &str)]) -> Fields {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The element id of a form, for `#anchor` links back to it.
pub fn anchor(form: &str) -> String {
    form.replace([':', '/'], "-")
}

/// The messages for one form: from the action's last answer (JavaScript), else from the
/// draft the page came back with (no JavaScript).
pub fn errors_for<T>(
    action: ServerAction<T>,
    returned: Option<Returned>,
    form: String,
) -> Signal<FieldErrors>
where
    T: leptos::server_fn::ServerFn<Error = EditError> + Send + Sync + Clone + 'static,
    T::Output: Send + Sync + Clone + 'static,
{
    Signal::derive(move || match action.value().get() {
        Some(Err(EditError::Invalid(errors))) if errors.get(TARGET) == Some(&form) => errors,
        Some(_) => FieldErrors::default(),
        None => returned
            .as_ref()
            .filter(|r| r.form == form)
            .map(|r| r.errors.clone())
            .unwrap_or_default(),
    })
}

/// Counts only successful answers of an action: lists reload after a save, but not after
/// a refusal (which would wipe what the user typed).
pub fn saved_count<T>(action: ServerAction<T>) -> Memo<usize>
where
    T: leptos::server_fn::ServerFn<Error = EditError> + Send + Sync + Clone + 'static,
    T::Output: Send + Sync + Clone + 'static,
{
    Memo::new(move |previous: Option<&usize>| {
        let previous = previous.copied().unwrap_or(0);
        let version = action.version().get();
        if action.value().with(|v| matches!(v, Some(Ok(_)))) {
            version
        } else {
            previous
        }
    })
}

/// The message above a refused form, and for errors other than field messages (an expired
/// login, a refusal, a conflict) the action's error.
#[component]
pub fn FormMessage<T>(action: ServerAction<T>, errors: Signal<FieldErrors>) -> impl IntoView
where
    T: leptos::server_fn::ServerFn<Error = EditError> + Send + Sync + Clone + 'static,
    T::Output: Send + Sync + Clone + 'static,
{
    let message = move || {
        let errors = errors.get();
        if let Some(text) = errors.get("_form") {
            return Some(text.clone());
        }
        if errors.0.keys().any(|k| k != TARGET) {
            return Some(EditError::Invalid(FieldErrors::default()).to_string());
        }
        match action.value().get() {
            Some(Err(EditError::Invalid(_))) | Some(Ok(_)) | None => None,
            Some(Err(other)) => Some(other.to_string()),
        }
    };
    move || {
        message().map(|text| {
            view! { <div class="notice notice--error" role="alert"><p>{text}</p></div> }
        })
    }
}

/// One labelled field of a set-up form: `<input>` named `fields[name]`, id unique per form.
#[component]
pub fn Field(
    #[prop(into)] form: String,
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(into)] value: String,
    errors: Signal<FieldErrors>,
    #[prop(optional)] required: bool,
    #[prop(optional)] attrs: Option<&'static str>,
) -> impl IntoView {
    let id = format!("{}-{name}", anchor(&form));
    let error_id = format!("{id}-fout");
    let hint_id = format!("{id}-uitleg");
    let error = move || errors.read().get(name).cloned();
    let described = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if !hint.is_empty() {
                ids.push(hint_id.clone());
            }
            if error().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let _ = attrs;
    view! {
        <div class="field" class:field--invalid=move || error().is_some()>
            <label for=id.clone()>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="field__hint" id=hint_id.clone()>{hint}</p> })}
            {move || error().map(|m| view! { <p class="field__error" id=error_id.clone()>{m}</p> })}
            <input
                id=id
                name=format!("fields[{name}]")
                type=kind
                value=value
                aria-required=required.then_some("true")
                aria-invalid=move || error().is_some().then_some("true")
                aria-describedby=described
            />
        </div>
    }
}

/// A `<select>` of (code, label) options named `fields[name]`.
#[component]
pub fn Choice(
    #[prop(into)] form: String,
    name: &'static str,
    #[prop(into)] label: String,
    options: Vec<(String, String)>,
    #[prop(into)] value: String,
    errors: Signal<FieldErrors>,
    /// A first option without a value, e.g. "Kies…".
    #[prop(optional)]
    empty: Option<&'static str>,
) -> impl IntoView {
    let id = format!("{}-{name}", anchor(&form));
    let error_id = format!("{id}-fout");
    let error = move || errors.read().get(name).cloned();
    let error_id_attr = error_id.clone();
    view! {
        <div class="field" class:field--invalid=move || error().is_some()>
            <label for=id.clone()>{label}</label>
            {move || error().map(|m| view! { <p class="field__error" id=error_id.clone()>{m}</p> })}
            <select
                id=id
                name=format!("fields[{name}]")
                aria-invalid=move || error().is_some().then_some("true")
                aria-describedby=move || error().is_some().then(|| error_id_attr.clone())
            >
                {empty.map(|text| view! { <option value="">{text}</option> })}
                {options.into_iter().map(|(code, text)| {
                    let selected = code == value;
                    view! { <option value=code selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A `<textarea>` named `fields[name]`.
#[component]
pub fn LongText(
    #[prop(into)] form: String,
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(optional)] hint: &'static str,
    #[prop(into)] value: String,
    errors: Signal<FieldErrors>,
    #[prop(default = 4)] rows: u32,
) -> impl IntoView {
    let id = format!("{}-{name}", anchor(&form));
    let error_id = format!("{id}-fout");
    let error = move || errors.read().get(name).cloned();
    let error_id_attr = error_id.clone();
    view! {
        <div class="field" class:field--invalid=move || error().is_some()>
            <label for=id.clone()>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="field__hint">{hint}</p> })}
            {move || error().map(|m| view! { <p class="field__error" id=error_id.clone()>{m}</p> })}
            <textarea
                id=id
                name=format!("fields[{name}]")
                rows=rows
                aria-invalid=move || error().is_some().then_some("true")
                aria-describedby=move || error().is_some().then(|| error_id_attr.clone())
            >
                {value}
            </textarea>
        </div>
    }
}

/// A checkbox named `fields[name]` with value `ja`.
#[component]
pub fn Tick(
    #[prop(into)] form: String,
    name: &'static str,
    #[prop(into)] label: String,
    checked: bool,
) -> impl IntoView {
    let id = format!("{}-{name}", anchor(&form));
    view! {
        <div class="field--checkbox">
            <input type="checkbox" id=id.clone() name=format!("fields[{name}]") value="ja" checked=checked/>
            <label for=id>{label}</label>
        </div>
    }
}

/// What goes inside a removal form: a warning and a checkbox that must be ticked
/// (`fields[confirm]=ja`), so neither a stray click nor a missing script removes anything.
/// Callers put it in an `ActionForm` inside a `<details>`.
pub fn confirm_removal(
    form: &str,
    warning: String,
    confirm_label: String,
    button: String,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    let id = format!("{}-confirm", anchor(form));
    view! {
        <p>{warning}</p>
        {move || errors.get().get("confirm").cloned().map(|m| view! { <p class="field__error">{m}</p> })}
        <div class="field--checkbox">
            <input type="checkbox" id=id.clone() name="fields[confirm]" value="ja"/>
            <label for=id>{confirm_label}</label>
        </div>
        <button type="submit" class="button--secondary">{button}</button>
    }
}

/// The message when a removal was not confirmed.
pub const NOT_CONFIRMED: &str = "Vink aan dat u dit echt wilt verwijderen.";

#[cfg(feature = "ssr")]
pub mod server {
    //! The server half: who may, and what happens to a refused post.
    use super::*;
    use crate::accounts::{guard, Access, Action, CurrentUser};
    use crate::editing::drafts;
    use sqlx::SqlitePool;

    pub fn pool() -> Result<SqlitePool, EditError> {
        crate::db::pool_from_context().ok_or(EditError::Unavailable)
    }

    /// The user, if a coordinator (or administrator): for pages that only read.
    pub fn coordinator() -> Result<CurrentUser, EditError> {
        guard::require(Action::Coordinate).map_err(EditError::from)
    }

    /// Trimmed fields, only those the form has.
    pub fn clean(fields: Fields, known: &[&str]) -> Fields {
        fields
            .into_iter()
            .filter(|(k, _)| known.contains(&k.as_str()))
            .map(|(k, v)| (k, v.trim().to_string()))
            .collect()
    }

    /// The user, if allowed. Without a login, a browser without JavaScript is sent to log
    /// in and back to `page`. What was sent is kept (as a draft for after logging in) only if
    /// it came from someone whose session just ran out and who may do `action`; from anyone
    /// else nothing is stored.
    pub async fn allowed(
        pool: &SqlitePool,
        action: Action,
        form: &str,
        page: &str,
        values: &Fields,
    ) -> Result<CurrentUser, EditError> {
        match guard::require(action.clone()) {
            Ok(user) => Ok(user),
            Err(Access::NotLoggedIn) => {
                if guard::is_plain_form_post() {
                    let mut errors = FieldErrors::default();
                    errors.add(TARGET, form);
                    let draft = drafts::Draft {
                        values: values.clone(),
                        errors,
                        preview_html: None,
                    };
                    let back = match drafts::store_for_lapsed(pool, form, &draft, &action).await {
                        Ok(token) => with_concept(page, &token, form),
                        Err(_) => page.to_string(),
                    };
                    leptos_axum::redirect(&crate::accounts::login_url(&back));
                }
                Err(EditError::NotLoggedIn { draft: None })
            }
            Err(other) => Err(other.into()),
        }
    }

    fn with_concept(page: &str, token: &str, form: &str) -> String {
        let separator = if page.contains('?') { '&' } else { '?' };
        format!("{page}{separator}concept={token}#{}", anchor(form))
    }

    /// Refuses a post with field messages. Without JavaScript the browser goes back to
    /// `page` with a draft of what was typed; nothing is stored but that draft.
    pub async fn refuse(
        pool: &SqlitePool,
        form: &str,
        page: &str,
        values: &Fields,
        mut errors: FieldErrors,
    ) -> EditError {
        errors.add(TARGET, form);
        if guard::is_plain_form_post() {
            let draft = drafts::Draft {
                values: values.clone(),
                errors: errors.clone(),
                preview_html: None,
            };
            if let Ok(token) = drafts::store(pool, form, &draft).await {
                leptos_axum::redirect(&with_concept(page, &token, form));
            }
        }
        EditError::Invalid(errors)
    }

    /// The form a page came back with, if its draft belongs to a form starting with `prefix`.
    pub async fn returned(
        pool: &SqlitePool,
        concept: &Option<String>,
        prefix: &str,
    ) -> Result<Option<Returned>, EditError> {
        let Some(token) = concept.as_deref().filter(|t| !t.is_empty()) else {
            return Ok(None);
        };
        Ok(drafts::load_any(pool, token)
            .await?
            .filter(|(form, _)| form.starts_with(prefix))
            .map(|(form, draft)| Returned {
                form,
                values: draft.values,
                errors: draft.errors,
            }))
    }

    /// After a save: a browser without JavaScript goes to `page`.
    pub fn done(page: &str) {
        if guard::is_plain_form_post() {
            leptos_axum::redirect(page);
        }
    }
}
