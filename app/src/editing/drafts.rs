//! Drafts: what a form held when it could not be saved (server only).
//! Identified by a random token in the URL (`?concept=`), stored hashed, kept for a day.
//!
//! Who may leave one behind decides which function stores it, so that nothing an anonymous
//! client sends to a form it may not use is kept: [`store`] for a logged-in user (the caller
//! has checked they may use the form), [`store_for_lapsed`] for someone whose session ran
//! out while typing, [`store_public`] for the forms anyone may post (sign-up, topic
//! suggestion), capped in size and per client address.

use super::FieldErrors;
use crate::accounts::{
    guard,
    session::{new_token, now, token_hash},
    Action,
};
use sqlx::SqlitePool;
use std::collections::BTreeMap;

pub const LIFETIME_SECS: i64 = 24 * 60 * 60;
/// A public form's draft holds at most this much text (its fields' own limits are far lower,
/// so a person who typed too much still gets their text back to shorten).
pub const PUBLIC_MAX_BYTES: usize = 32 * 1024;
/// At most this many public-form drafts per client address per hour.
pub const PUBLIC_PER_CLIENT_PER_HOUR: i64 = 20;

pub type Values = BTreeMap<String, String>;

#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub values: Values,
    pub errors: FieldErrors,
    pub preview_html: Option<String>,
}

/// Why a draft was not kept (the form then comes back without the typed text).
#[derive(Debug)]
pub enum NotKept {
    /// Nobody who may use this form sent it.
    NoOwner,
    /// A public form's draft over [`PUBLIC_MAX_BYTES`].
    TooLarge,
    /// Over [`PUBLIC_PER_CLIENT_PER_HOUR`] from this address.
    TooMany,
    Database(sqlx::Error),
}

impl From<sqlx::Error> for NotKept {
    fn from(error: sqlx::Error) -> Self {
        NotKept::Database(error)
    }
}

/// Keeps a logged-in user's draft and returns its token for the URL. The caller has
/// checked that the user may use the form.
pub async fn store(pool: &SqlitePool, form: &str, draft: &Draft) -> Result<String, NotKept> {
    if guard::current_user().is_none() {
        return Err(NotKept::NoOwner);
    }
    insert(pool, form, draft, None).await
}

/// Keeps the draft of someone whose session ran out while typing, if they may `action`
/// once logged in again.
pub async fn store_for_lapsed(
    pool: &SqlitePool,
    form: &str,
    draft: &Draft,
    action: &Action,
) -> Result<String, NotKept> {
    if !guard::lapsed_user_may(action) {
        return Err(NotKept::NoOwner);
    }
    insert(pool, form, draft, None).await
}

/// A form anyone may post, refused without JavaScript: the browser goes back to
/// `page#anchor` with what was typed and why (`?concept=`); over the public drafts' limits
/// the form comes back empty rather than storing more.
pub async fn back_to_public_form(
    pool: &SqlitePool,
    form: &str,
    page: &str,
    anchor: &str,
    values: Values,
    errors: FieldErrors,
) {
    let draft = Draft {
        values,
        errors,
        preview_html: None,
    };
    match store_public(pool, form, &draft).await {
        Ok(token) => leptos_axum::redirect(&format!("{page}?concept={token}#{anchor}")),
        Err(_) => leptos_axum::redirect(&format!("{page}#{anchor}")),
    }
}

/// Keeps the draft of a form anyone may post.
pub async fn store_public(pool: &SqlitePool, form: &str, draft: &Draft) -> Result<String, NotKept> {
    store_public_from(pool, form, draft, &guard::request_auth().ip).await
}

/// [`store_public`] for a given client address.
pub async fn store_public_from(
    pool: &SqlitePool,
    form: &str,
    draft: &Draft,
    client_ip: &str,
) -> Result<String, NotKept> {
    let bytes: usize = draft.values.iter().map(|(k, v)| k.len() + v.len()).sum();
    if bytes > PUBLIC_MAX_BYTES {
        return Err(NotKept::TooLarge);
    }
    let recent: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM form_drafts WHERE client_ip = ? AND created_at >= ?",
    )
    .bind(client_ip)
    .bind(now() - 60 * 60)
    .fetch_one(pool)
    .await?;
    if recent >= PUBLIC_PER_CLIENT_PER_HOUR {
        return Err(NotKept::TooMany);
    }
    insert(pool, form, draft, Some(client_ip)).await
}

async fn insert(
    pool: &SqlitePool,
    form: &str,
    draft: &Draft,
    client_ip: Option<&str>,
) -> Result<String, NotKept> {
    let token = new_token();
    let now = now();
    sqlx::query("DELETE FROM form_drafts WHERE created_at < ?")
        .bind(now - LIFETIME_SECS)
        .execute(pool)
        .await?;
    sqlx::query(
        "INSERT INTO form_drafts (token_hash, form, values_json, errors_json, preview_html, created_at, client_ip)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(token_hash(&token))
    .bind(form)
    .bind(serde_json::to_string(&draft.values).unwrap_or_default())
    .bind(serde_json::to_string(&draft.errors).unwrap_or_default())
    .bind(&draft.preview_html)
    .bind(now)
    .bind(client_ip)
    .execute(pool)
    .await?;
    Ok(token)
}

/// The draft for this form, if the token is valid and not expired.
pub async fn load(
    pool: &SqlitePool,
    form: &str,
    token: &str,
) -> Result<Option<Draft>, sqlx::Error> {
    let row: Option<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT values_json, errors_json, preview_html FROM form_drafts
         WHERE token_hash = ? AND form = ? AND created_at >= ?",
    )
    .bind(token_hash(token))
    .bind(form)
    .bind(now() - LIFETIME_SECS)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(values, errors, preview_html)| Draft {
        values: serde_json::from_str(&values).unwrap_or_default(),
        errors: serde_json::from_str(&errors).unwrap_or_default(),
        preview_html,
    }))
}

/// The draft behind a token, with the name of the form it belongs to: pages with many
/// small forms (one per row) find out this way which of them came back.
pub async fn load_any(
    pool: &SqlitePool,
    token: &str,
) -> Result<Option<(String, Draft)>, sqlx::Error> {
    let row: Option<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT form, values_json, errors_json, preview_html FROM form_drafts
         WHERE token_hash = ? AND created_at >= ?",
    )
    .bind(token_hash(token))
    .bind(now() - LIFETIME_SECS)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(form, values, errors, preview_html)| {
        (
            form,
            Draft {
                values: serde_json::from_str(&values).unwrap_or_default(),
                errors: serde_json::from_str(&errors).unwrap_or_default(),
                preview_html,
            },
        )
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn drafts_round_trip_only_for_their_form() {
        let pool = crate::db::test_pool().await;
        let mut errors = FieldErrors::default();
        errors.add("story", "Te lang.");
        let draft = Draft {
            values: [("story".to_string(), "Mijn tekst".to_string())]
                .into_iter()
                .collect(),
            errors,
            preview_html: None,
        };
        let token = insert(&pool, "area:x", &draft, None).await.unwrap();
        assert_eq!(load(&pool, "area:x", &token).await.unwrap(), Some(draft));
        assert_eq!(load(&pool, "area:y", &token).await.unwrap(), None);
        assert_eq!(load(&pool, "area:x", "0000").await.unwrap(), None);
    }

    fn draft_with(text: &str) -> Draft {
        Draft {
            values: [("question".to_string(), text.to_string())]
                .into_iter()
                .collect(),
            errors: FieldErrors::default(),
            preview_html: None,
        }
    }

    #[tokio::test]
    async fn nobody_logged_in_leaves_no_account_draft() {
        let pool = crate::db::test_pool().await;
        // No request, so nobody logged in and no lapsed session.
        let draft = draft_with("tekst");
        assert!(matches!(
            store(&pool, "area:x", &draft).await,
            Err(NotKept::NoOwner)
        ));
        assert!(matches!(
            store_for_lapsed(&pool, "area:x", &draft, &Action::Coordinate).await,
            Err(NotKept::NoOwner)
        ));
        let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM form_drafts")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(kept, 0);
    }

    #[tokio::test]
    async fn public_drafts_are_capped_in_size_and_per_address() {
        let pool = crate::db::test_pool().await;
        let too_long = "x".repeat(PUBLIC_MAX_BYTES);
        assert!(matches!(
            store_public_from(&pool, "signup:a", &draft_with(&too_long), "10.0.0.1").await,
            Err(NotKept::TooLarge)
        ));
        // Well over the field's own limit still comes back, to be shortened.
        let long = "x".repeat(3_000);
        for _ in 0..PUBLIC_PER_CLIENT_PER_HOUR {
            store_public_from(&pool, "signup:a", &draft_with(&long), "10.0.0.1")
                .await
                .unwrap();
        }
        assert!(matches!(
            store_public_from(&pool, "signup:a", &draft_with("kort"), "10.0.0.1").await,
            Err(NotKept::TooMany)
        ));
        // Another address is not affected.
        store_public_from(&pool, "signup:a", &draft_with("kort"), "10.0.0.2")
            .await
            .unwrap();
    }
}
