//! Server functions for sessions: public reads, signing up and cancelling (both by the
//! attendee, who proves it with the personal link's token, not with an account).

use super::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn pool() -> Result<sqlx::SqlitePool, SignupError> {
    crate::db::pool_from_context().ok_or(SignupError::Unavailable)
}

#[cfg(feature = "ssr")]
fn unavailable(error: sqlx::Error) -> SignupError {
    log::error!("session query failed: {error}");
    SignupError::Unavailable
}

/// Upcoming and past sessions, optionally of one kind or theme.
#[server(endpoint = "list_sessions")]
pub async fn list_sessions(
    kind: String,
    theme: String,
) -> Result<(Vec<SessionCard>, Vec<SessionCard>), SignupError> {
    let kind = SessionKind::from_code(&kind).map(|k| k.code());
    let theme = (!theme.is_empty() && theme.len() < 40).then_some(theme.as_str());
    db::list(&pool()?, kind, theme, None)
        .await
        .map_err(unavailable)
}

/// A session's page; `concept` brings back a form that could not be saved without JS.
#[server(endpoint = "get_session")]
pub async fn get_session(
    slug: String,
    #[server(default)] concept: String,
) -> Result<Option<SessionPage>, SignupError> {
    let pool = pool()?;
    let Some(mut page) = db::page(&pool, &slug).await.map_err(unavailable)? else {
        return Ok(None);
    };
    if !concept.is_empty() {
        if let Some(draft) =
            crate::editing::drafts::load(&pool, &format!("signup:{slug}"), &concept)
                .await
                .map_err(unavailable)?
        {
            page.draft = Some(SignupDraft {
                values: draft.values,
                errors: draft.errors,
            });
        }
    }
    Ok(Some(page))
}

/// Signs up; returns the personal link's token. Without JavaScript the browser is sent to
/// the personal page, or back to the form with what was typed and why it failed.
#[allow(clippy::too_many_arguments)]
#[server(endpoint = "sign_up")]
pub async fn sign_up(
    slug: String,
    name: String,
    email: String,
    #[server(default)] organisation: String,
    #[server(default)] role: String,
    #[server(default)] area: String,
    #[server(default)] question: String,
    #[server(default)] consent: String,
) -> Result<String, SignupError> {
    let pool = pool()?;
    let form = SignupForm {
        name,
        email,
        organisation,
        role,
        area,
        question,
        consent: consent == "ja",
    };
    let result = db::sign_up(&pool, &slug, &form).await;
    if result.is_ok() {
        // Places left changed on this session's page and in the agenda.
        crate::page_tags::changed(&[
            crate::page_tags::session(&slug),
            crate::page_tags::AGENDA.into(),
        ]);
    }
    if crate::accounts::guard::is_plain_form_post() {
        match &result {
            Ok(signed) => leptos_axum::redirect(&format!("/aanmelding/{}", signed.token)),
            Err(error) => {
                let mut errors = match error {
                    SignupError::Invalid(errors) => errors.clone(),
                    _ => crate::editing::FieldErrors::default(),
                };
                if errors.is_empty() {
                    errors.add("form", error.to_string());
                }
                let values = [
                    ("name", &form.name),
                    ("email", &form.email),
                    ("organisation", &form.organisation),
                    ("role", &form.role),
                    ("area", &form.area),
                    ("question", &form.question),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect();
                crate::editing::drafts::back_to_public_form(
                    &pool,
                    &format!("signup:{slug}"),
                    &format!("/sessies/{slug}"),
                    "aanmelden",
                    values,
                    errors,
                )
                .await;
            }
        }
    }
    result.map(|signed| signed.token)
}

#[server(endpoint = "get_registration")]
pub async fn get_registration(token: String) -> Result<Option<RegistrationPage>, SignupError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    db::registration(&pool()?, &token)
        .await
        .map_err(unavailable)
}

/// Cancels by the personal link's token: whoever holds the link may cancel, as the mail
/// promised. The first on the waiting list gets the place.
#[server(endpoint = "cancel_registration")]
pub async fn cancel_registration(token: String) -> Result<bool, SignupError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(SignupError::NotFound);
    }
    let pool = pool()?;
    let slug = db::session_of(&pool, &token).await.map_err(unavailable)?;
    let changed = db::cancel(&pool, &token).await.map_err(unavailable)?;
    if let (true, Some(slug)) = (changed, slug) {
        crate::page_tags::changed(&[
            crate::page_tags::session(&slug),
            crate::page_tags::AGENDA.into(),
        ]);
    }
    if crate::accounts::guard::is_plain_form_post() {
        leptos_axum::redirect(&format!("/aanmelding/{token}"));
    }
    Ok(changed)
}

/// Days after a session that attendees' personal data is kept (for the privacy page).
#[server(endpoint = "retention_period")]
pub async fn retention_period() -> Result<u32, SignupError> {
    Ok(retention_days())
}
