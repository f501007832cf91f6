//! The server functions of following. Asking to follow is open to everyone (limited per IP
//! and per address); everything after that needs a link from a mail: the confirmation
//! link, or the follower's manage link.

use super::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn pool() -> Result<sqlx::SqlitePool, FollowError> {
    crate::db::pool_from_context().ok_or(FollowError::Unavailable)
}

#[cfg(feature = "ssr")]
fn now() -> i64 {
    crate::accounts::session::now()
}

/// The follow form as it came back without JavaScript (`concept`), and the themes one can
/// follow on `/volgen`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FollowFormData {
    pub values: std::collections::BTreeMap<String, String>,
    pub errors: FieldErrors,
    pub themes: Vec<(String, String)>,
}

#[server(endpoint = "get_follow_form")]
pub async fn get_follow_form(
    #[server(default)] concept: String,
) -> Result<FollowFormData, FollowError> {
    let pool = pool()?;
    let draft = if concept.is_empty() {
        None
    } else {
        crate::editing::drafts::load(&pool, "follow", &concept).await?
    };
    Ok(FollowFormData {
        themes: crate::areas::db::themes(&pool).await?,
        values: draft
            .as_ref()
            .map(|d| d.values.clone().into_iter().collect())
            .unwrap_or_default(),
        errors: draft.map(|d| d.errors).unwrap_or_default(),
    })
}

/// Asks to follow something; a confirmation mail goes out. The answer is the same whether
/// or not the address already follows it.
#[server(endpoint = "follow")]
pub async fn follow(
    #[server(default)] subject: String,
    #[server(default)] key: String,
    #[server(default)] email: String,
    #[server(default)] frequency: String,
    #[server(default)] consent: String,
    #[server(default)] website: String,
) -> Result<(), FollowError> {
    let form = FollowForm {
        subject,
        key,
        email,
        frequency,
        consent: consent == "ja",
    };
    let result = async {
        // A robot filled in the hidden field: the usual answer (after the checks anyone
        // gets), nothing stored or sent.
        if !website.is_empty() {
            let (errors, valid) = validate_follow(&form);
            return match valid {
                Some(_) => Ok(()),
                None => Err(FollowError::Invalid(errors)),
            };
        }
        let ip = crate::accounts::guard::request_auth().ip;
        db::request(&pool()?, &form, &ip, now()).await.map(|_| ())
    }
    .await;
    // Nothing public changed: no cached page goes stale.
    crate::page_tags::changed(&[]);
    if crate::accounts::guard::is_plain_form_post() {
        match &result {
            Ok(()) => leptos_axum::redirect(&format!("{PAGE_PATH}?aangevraagd=ja")),
            Err(error) => {
                let mut errors = match error {
                    FollowError::Invalid(errors) => errors.clone(),
                    _ => FieldErrors::default(),
                };
                if errors.is_empty() {
                    errors.add("form", error.to_string());
                }
                let values = [
                    ("subject", &form.subject),
                    ("key", &form.key),
                    ("email", &form.email),
                    ("frequency", &form.frequency),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect();
                match pool() {
                    Ok(pool) => {
                        crate::editing::drafts::back_to_public_form(
                            &pool, "follow", PAGE_PATH, "volgen", values, errors,
                        )
                        .await
                    }
                    Err(_) => leptos_axum::redirect(&format!("{PAGE_PATH}#volgen")),
                }
            }
        }
    }
    result
}

/// What a confirmation link would confirm; `None` when it is used up or expired.
#[server(endpoint = "get_pending_follow")]
pub async fn get_pending_follow(token: String) -> Result<Option<PendingFollow>, FollowError> {
    Ok(db::pending(&pool()?, &token, now()).await?)
}

/// Confirms a follow (a button on the page the mail links to, so that a mail scanner
/// opening the link confirms nothing). Returns the manage link's token.
#[server(endpoint = "confirm_follow")]
pub async fn confirm_follow(token: String) -> Result<String, FollowError> {
    let result = db::confirm(&pool()?, &token, now()).await;
    crate::page_tags::changed(&[]);
    if crate::accounts::guard::is_plain_form_post() {
        match &result {
            Ok(manage) => {
                leptos_axum::redirect(&format!("{}?bevestigd=ja", links_path::manage(manage)))
            }
            Err(_) => leptos_axum::redirect(&format!("{PAGE_PATH}/bevestigen/{token}")),
        }
    }
    result
}

/// Everything the manage link's owner follows; `None` for a link that is not valid.
#[server(endpoint = "get_follows")]
pub async fn get_follows(token: String) -> Result<Option<ManagePage>, FollowError> {
    Ok(db::manage(&pool()?, &token).await?)
}

/// Changes how often one follow mails.
#[server(endpoint = "change_follow")]
pub async fn change_follow(
    token: String,
    follow_id: i64,
    frequency: String,
) -> Result<(), FollowError> {
    let result = async {
        let Some(frequency) = Frequency::from_code(&frequency) else {
            let mut errors = FieldErrors::default();
            errors.add("frequency", "Kies hoe vaak u mail wilt krijgen.");
            return Err(FollowError::Invalid(errors));
        };
        match db::set_frequency(&pool()?, &token, follow_id, frequency).await? {
            true => Ok(()),
            false => Err(FollowError::LinkNotValid),
        }
    }
    .await;
    crate::page_tags::changed(&[]);
    if crate::accounts::guard::is_plain_form_post() {
        leptos_axum::redirect(&format!(
            "{}{}",
            links_path::manage(&token),
            if result.is_ok() { "?gewijzigd=ja" } else { "" }
        ));
    }
    result
}

/// Stops one follow; after the last one the address is forgotten.
#[server(endpoint = "stop_follow")]
pub async fn stop_follow(token: String, follow_id: i64) -> Result<(), FollowError> {
    let result = match db::stop(&pool()?, &token, follow_id).await? {
        true => Ok(()),
        false => Err(FollowError::LinkNotValid),
    };
    crate::page_tags::changed(&[]);
    if crate::accounts::guard::is_plain_form_post() {
        let still_following = db::manage(&pool()?, &token).await?.is_some();
        if still_following {
            leptos_axum::redirect(&format!("{}?gestopt=ja", links_path::manage(&token)));
        } else {
            leptos_axum::redirect(&format!("{PAGE_PATH}?afgemeld=ja"));
        }
    }
    result
}

/// Unsubscribes from everything; the address is deleted.
#[server(endpoint = "unsubscribe_all")]
pub async fn unsubscribe_all(token: String) -> Result<(), FollowError> {
    let result = match db::unsubscribe(&pool()?, &token).await? {
        true => Ok(()),
        false => Err(FollowError::LinkNotValid),
    };
    crate::page_tags::changed(&[]);
    if crate::accounts::guard::is_plain_form_post() {
        leptos_axum::redirect(&format!("{PAGE_PATH}?afgemeld=ja"));
    }
    result
}

/// The manage page's path (also without the server-only `links`).
pub mod links_path {
    pub fn manage(token: &str) -> String {
        format!("{}/beheer/{token}", super::PAGE_PATH)
    }
}
