//! Drafts: what a form held when it could not be saved (server only).
//! Identified by a random token in the URL (`?concept=`), stored hashed, kept for a day.

use super::FieldErrors;
use crate::accounts::session::{new_token, now, token_hash};
use sqlx::SqlitePool;
use std::collections::BTreeMap;

pub const LIFETIME_SECS: i64 = 24 * 60 * 60;

pub type Values = BTreeMap<String, String>;

#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub values: Values,
    pub errors: FieldErrors,
    pub preview_html: Option<String>,
}

/// Keeps a draft and returns its token for the URL.
pub async fn store(pool: &SqlitePool, form: &str, draft: &Draft) -> Result<String, sqlx::Error> {
    let token = new_token();
    let now = now();
    sqlx::query("DELETE FROM form_drafts WHERE created_at < ?")
        .bind(now - LIFETIME_SECS)
        .execute(pool)
        .await?;
    sqlx::query(
        "INSERT INTO form_drafts (token_hash, form, values_json, errors_json, preview_html, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(token_hash(&token))
    .bind(form)
    .bind(serde_json::to_string(&draft.values).unwrap_or_default())
    .bind(serde_json::to_string(&draft.errors).unwrap_or_default())
    .bind(&draft.preview_html)
    .bind(now)
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
        let token = store(&pool, "area:x", &draft).await.unwrap();
        assert_eq!(load(&pool, "area:x", &token).await.unwrap(), Some(draft));
        assert_eq!(load(&pool, "area:y", &token).await.unwrap(), None);
        assert_eq!(load(&pool, "area:x", "0000").await.unwrap(), None);
    }
}
