//! The mail outbox (server only).
//!
//! A change that should reach someone by mail writes an outbox row in its own transaction,
//! so the mail exists exactly when the change does. The server's background worker sends
//! due rows (see `server/src/mail.rs`); a failed attempt is retried later with a growing
//! delay, and after the last attempt the row is marked failed with its error, never
//! dropped. Delivery is at least once: a crash after sending but before marking the row
//! sent sends it again after the restart.

use sqlx::{SqliteConnection, SqlitePool};
use std::sync::OnceLock;

/// Attempts before a message is marked failed: the delays add up to about 16 hours, so a
/// mail server that is down for a night does not lose anything.
pub const MAX_ATTEMPTS: i64 = 12;

static PUBLIC_URL: OnceLock<String> = OnceLock::new();

/// Sets the address the site is reached at (for links in mails); once, at start-up.
pub fn set_public_url(url: &str) {
    let _ = PUBLIC_URL.set(url.trim().trim_end_matches('/').to_string());
}

/// The site's public address without a trailing slash, e.g. `https://kernpunt.example.nl`.
pub fn public_url() -> &'static str {
    PUBLIC_URL
        .get()
        .map(String::as_str)
        .unwrap_or("http://127.0.0.1:3000")
}

/// A file sent along, e.g. a calendar invitation.
#[derive(Clone, Debug, PartialEq)]
pub struct Attachment {
    pub name: String,
    pub content_type: String,
    pub content: String,
}

/// A mail to write to the outbox.
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    pub kind: &'static str,
    pub recipient: String,
    pub subject: String,
    /// Plain text.
    pub body: String,
    pub attachment: Option<Attachment>,
}

/// Writes a mail to the outbox, inside the caller's transaction; it is due at once.
pub async fn enqueue(
    conn: &mut SqliteConnection,
    mail: &Outgoing,
    registration_id: Option<i64>,
) -> Result<i64, sqlx::Error> {
    insert(conn, mail, registration_id, None).await
}

/// [`enqueue`] for a mail to a list (followers): it carries a one-click unsubscribe URL
/// (RFC 8058), sent as the `List-Unsubscribe` and `List-Unsubscribe-Post` headers.
pub async fn enqueue_to_list(
    conn: &mut SqliteConnection,
    mail: &Outgoing,
    unsubscribe_url: &str,
) -> Result<i64, sqlx::Error> {
    insert(conn, mail, None, Some(unsubscribe_url)).await
}

async fn insert(
    conn: &mut SqliteConnection,
    mail: &Outgoing,
    registration_id: Option<i64>,
    unsubscribe_url: Option<&str>,
) -> Result<i64, sqlx::Error> {
    let now = crate::accounts::session::now();
    let attachment = mail.attachment.as_ref();
    sqlx::query_scalar(
        "INSERT INTO mail_outbox (kind, recipient, subject, body, attachment_name, attachment_type,
             attachment, registration_id, created_at, next_attempt_at, list_unsubscribe)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(mail.kind)
    .bind(&mail.recipient)
    .bind(&mail.subject)
    .bind(&mail.body)
    .bind(attachment.map(|a| a.name.as_str()))
    .bind(attachment.map(|a| a.content_type.as_str()))
    .bind(attachment.map(|a| a.content.as_str()))
    .bind(registration_id)
    .bind(now)
    .bind(now)
    .bind(unsubscribe_url)
    .fetch_one(conn)
    .await
}

/// An outbox row to send.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Queued {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attachment_name: Option<String>,
    pub attachment_type: Option<String>,
    pub attachment: Option<String>,
    pub attempts: i64,
    pub list_unsubscribe: Option<String>,
}

/// How long a claim on a mail lasts: longer than any send takes, short enough that a mail
/// claimed by a process that died goes out soon through another.
pub const CLAIM_SECS: i64 = 300;

/// Claims up to `limit` mails due at `now` for `worker`, oldest first, and returns them.
/// One `UPDATE … RETURNING`: SQLite runs it under its write lock, so two processes never
/// claim the same row; a row claimed by another worker is skipped until its claim runs out.
pub async fn claim_due(
    pool: &SqlitePool,
    worker: &str,
    now: i64,
    limit: i64,
) -> Result<Vec<Queued>, sqlx::Error> {
    let mut claimed: Vec<Queued> = sqlx::query_as(
        "UPDATE mail_outbox SET claimed_by = ?1, claimed_until = ?2 + ?3
         WHERE id IN (SELECT id FROM mail_outbox
                      WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?2
                        AND (claimed_until IS NULL OR claimed_until <= ?2)
                      ORDER BY next_attempt_at, id LIMIT ?4)
         RETURNING id, kind, recipient, subject, body, attachment_name, attachment_type,
                   attachment, attempts, list_unsubscribe",
    )
    .bind(worker)
    .bind(now)
    .bind(CLAIM_SECS)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    // RETURNING gives no order; send the oldest first.
    claimed.sort_by_key(|queued| queued.id);
    Ok(claimed)
}

pub async fn mark_sent(pool: &SqlitePool, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE mail_outbox SET sent_at = ?, attempts = attempts + 1,
             claimed_by = NULL, claimed_until = NULL
         WHERE id = ?",
    )
    .bind(now)
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ())
}

/// Seconds to wait after the `attempt`th failure: 30 s, 1 min, 2 min, … at most 6 hours.
pub fn backoff(attempt: i64) -> i64 {
    let exponent = (attempt - 1).clamp(0, 20) as u32;
    (30_i64 << exponent).min(6 * 3600)
}

/// Records a failed attempt: retried after the backoff, or given up after the last one.
pub async fn mark_failed(
    pool: &SqlitePool,
    message: &Queued,
    error: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let attempts = message.attempts + 1;
    let error: String = error.chars().take(500).collect();
    sqlx::query(
        "UPDATE mail_outbox SET attempts = ?, last_error = ?, next_attempt_at = ?,
             failed_at = CASE WHEN ? >= ? THEN ? END, claimed_by = NULL, claimed_until = NULL
         WHERE id = ?",
    )
    .bind(attempts)
    .bind(error)
    .bind(now + backoff(attempts))
    .bind(attempts)
    .bind(MAX_ATTEMPTS)
    .bind(now)
    .bind(message.id)
    .execute(pool)
    .await
    .map(|_| ())
}

/// How the outbox is doing, for the coordinators' overview.
#[derive(Clone, Debug, Default, PartialEq, sqlx::FromRow)]
pub struct OutboxState {
    pub waiting: i64,
    pub retrying: i64,
    pub failed: i64,
}

pub async fn state(pool: &SqlitePool) -> Result<OutboxState, sqlx::Error> {
    sqlx::query_as(
        "SELECT
             count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL AND attempts = 0) AS waiting,
             count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL AND attempts > 0) AS retrying,
             count(*) FILTER (WHERE failed_at IS NOT NULL) AS failed
         FROM mail_outbox",
    )
    .fetch_one(pool)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(1), 30);
        assert_eq!(backoff(2), 60);
        assert_eq!(backoff(5), 480);
        assert_eq!(backoff(30), 6 * 3600);
        let total: i64 = (1..MAX_ATTEMPTS).map(backoff).sum();
        assert!(total > 12 * 3600 && total < 2 * 86_400, "{total}");
    }
}
