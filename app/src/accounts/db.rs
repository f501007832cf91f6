//! Database functions for accounts and sessions (server only).

use super::session::{
    is_live, is_recently_lapsed, new_token, token_hash, ABSOLUTE_TIMEOUT_SECS, IDLE_TIMEOUT_SECS,
    LAPSED_GRACE_SECS,
};
use super::{CurrentUser, Role};
use sqlx::SqlitePool;

#[derive(Debug, thiserror::Error)]
pub enum AccountDbError {
    #[error("an account with this email address already exists")]
    DuplicateEmail,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

pub async fn create_user(
    pool: &SqlitePool,
    email: &str,
    name: &str,
    role: Role,
    password_hash: Option<&str>,
) -> Result<i64, AccountDbError> {
    let result =
        sqlx::query("INSERT INTO users (email, name, role, password_hash) VALUES (?, ?, ?, ?)")
            .bind(email.trim())
            .bind(name.trim())
            .bind(role.code())
            .bind(password_hash)
            .execute(pool)
            .await;
    match result {
        Ok(done) => Ok(done.last_insert_rowid()),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            Err(AccountDbError::DuplicateEmail)
        }
        Err(e) => Err(e.into()),
    }
}

/// Replaces the areas an account may edit, in its own transaction.
pub async fn assign_areas(
    pool: &SqlitePool,
    user_id: i64,
    area_ids: &[i64],
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    assign_areas_in(&mut tx, user_id, area_ids).await?;
    tx.commit().await
}

/// Replaces the areas an account may edit, inside a caller's transaction.
pub async fn assign_areas_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    user_id: i64,
    area_ids: &[i64],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM user_areas WHERE user_id = ?")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    for area_id in area_ids {
        sqlx::query("INSERT INTO user_areas (user_id, area_id) VALUES (?, ?)")
            .bind(user_id)
            .bind(area_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// What login needs to know about an email address.
pub struct LoginRecord {
    pub user_id: i64,
    pub password_hash: Option<String>,
    pub active: bool,
}

pub async fn find_login(
    pool: &SqlitePool,
    email: &str,
) -> Result<Option<LoginRecord>, sqlx::Error> {
    let row: Option<(i64, Option<String>, bool)> =
        sqlx::query_as("SELECT id, password_hash, active FROM users WHERE email = ?")
            .bind(email.trim())
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(user_id, password_hash, active)| LoginRecord {
        user_id,
        password_hash,
        active,
    }))
}

/// An active user with their areas, or `None`.
pub async fn current_user(
    pool: &SqlitePool,
    user_id: i64,
) -> Result<Option<CurrentUser>, sqlx::Error> {
    let row: Option<(i64, String, String, String)> =
        sqlx::query_as("SELECT id, name, email, role FROM users WHERE id = ? AND active = 1")
            .bind(user_id)
            .fetch_optional(pool)
            .await?;
    let Some((id, name, email, role)) = row else {
        return Ok(None);
    };
    let Some(role) = Role::from_code(&role) else {
        return Ok(None);
    };
    let area_ids: Vec<i64> =
        sqlx::query_scalar("SELECT area_id FROM user_areas WHERE user_id = ? ORDER BY area_id")
            .bind(id)
            .fetch_all(pool)
            .await?;
    Ok(Some(CurrentUser {
        id,
        name,
        email,
        role,
        area_ids,
    }))
}

/// The user with this id inside a transaction (name and role for the audit log).
pub async fn current_user_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    user_id: i64,
) -> Result<Option<CurrentUser>, sqlx::Error> {
    let row: Option<(i64, String, String, String)> =
        sqlx::query_as("SELECT id, name, email, role FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(row.and_then(|(id, name, email, role)| {
        Some(CurrentUser {
            id,
            name,
            email,
            role: Role::from_code(&role)?,
            area_ids: Vec::new(),
        })
    }))
}

/// Starts a session and returns the token for the cookie (only its hash is stored).
/// Sessions that ran out more than a grace period ago are swept away here.
pub async fn create_session(
    pool: &SqlitePool,
    user_id: i64,
    user_agent: &str,
    now: i64,
) -> Result<String, sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE last_seen < ? OR created_at < ?")
        .bind(now - IDLE_TIMEOUT_SECS - LAPSED_GRACE_SECS)
        .bind(now - ABSOLUTE_TIMEOUT_SECS - LAPSED_GRACE_SECS)
        .execute(pool)
        .await?;
    let token = new_token();
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, last_seen, user_agent) VALUES (?, ?, ?, ?, ?)")
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(now)
        .bind(now)
        .bind(user_agent.chars().take(200).collect::<String>())
        .execute(pool)
        .await?;
    Ok(token)
}

/// What a session cookie stands for.
#[derive(Clone, Debug, PartialEq)]
pub enum SessionLookup {
    /// Logged in.
    Live(CurrentUser),
    /// The session ran out less than a day ago: logged out, but it is known whose it was.
    Lapsed(CurrentUser),
    /// No session (never was, logged out, long expired, or the account is inactive).
    Unknown,
}

/// Looks up a session token. Live sessions are touched (at most once a minute); sessions
/// that ran out are kept for [`LAPSED_GRACE_SECS`] and then deleted.
pub async fn look_up_session(
    pool: &SqlitePool,
    token: &str,
    now: i64,
) -> Result<SessionLookup, sqlx::Error> {
    let hash = token_hash(token);
    let row: Option<(i64, i64, i64)> =
        sqlx::query_as("SELECT user_id, created_at, last_seen FROM sessions WHERE token_hash = ?")
            .bind(&hash)
            .fetch_optional(pool)
            .await?;
    let Some((user_id, created_at, last_seen)) = row else {
        return Ok(SessionLookup::Unknown);
    };
    if !is_live(created_at, last_seen, now) {
        if !is_recently_lapsed(created_at, last_seen, now) {
            delete_session(pool, token).await?;
            return Ok(SessionLookup::Unknown);
        }
        return Ok(current_user(pool, user_id)
            .await?
            .map_or(SessionLookup::Unknown, SessionLookup::Lapsed));
    }
    if now - last_seen >= 60 {
        sqlx::query("UPDATE sessions SET last_seen = ? WHERE token_hash = ?")
            .bind(now)
            .bind(&hash)
            .execute(pool)
            .await?;
    }
    Ok(current_user(pool, user_id)
        .await?
        .map_or(SessionLookup::Unknown, SessionLookup::Live))
}

/// The user behind a session token, if the session is live and the account active.
pub async fn session_user(
    pool: &SqlitePool,
    token: &str,
    now: i64,
) -> Result<Option<CurrentUser>, sqlx::Error> {
    Ok(match look_up_session(pool, token, now).await? {
        SessionLookup::Live(user) => Some(user),
        _ => None,
    })
}

pub async fn delete_session(pool: &SqlitePool, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
        .bind(token_hash(token))
        .execute(pool)
        .await?;
    Ok(())
}

/// "Log out everywhere", and what deactivating an account does.
pub async fn delete_user_sessions(pool: &SqlitePool, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = ?")
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Rate limits for logging in, counted over the last [`LOGIN_WINDOW_SECS`].
pub const LOGIN_WINDOW_SECS: i64 = 15 * 60;
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
pub const MAX_FAILURES_PER_IP: i64 = 20;

pub async fn record_login_failure(
    pool: &SqlitePool,
    email: &str,
    ip: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO login_failures (email, ip, at) VALUES (?, ?, ?)")
        .bind(email.trim())
        .bind(ip)
        .bind(now)
        .execute(pool)
        .await?;
    sqlx::query("DELETE FROM login_failures WHERE at < ?")
        .bind(now - LOGIN_WINDOW_SECS)
        .execute(pool)
        .await?;
    Ok(())
}

/// Whether this email address or IP address has failed too often recently.
pub async fn login_throttled(
    pool: &SqlitePool,
    email: &str,
    ip: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let since = now - LOGIN_WINDOW_SECS;
    let (by_email, by_ip): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM login_failures WHERE email = ?1 AND at >= ?3),
                (SELECT count(*) FROM login_failures WHERE ip = ?2 AND at >= ?3)",
    )
    .bind(email.trim())
    .bind(ip)
    .bind(since)
    .fetch_one(pool)
    .await?;
    Ok(by_email >= MAX_FAILURES_PER_ACCOUNT || by_ip >= MAX_FAILURES_PER_IP)
}

pub async fn clear_login_failures(pool: &SqlitePool, email: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE email = ?")
        .bind(email.trim())
        .execute(pool)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::session::{ABSOLUTE_TIMEOUT_SECS, IDLE_TIMEOUT_SECS};

    #[tokio::test]
    async fn sessions_live_expire_and_end() {
        let pool = crate::db::test_pool().await;
        let id = create_user(&pool, "a@example.nl", "Anna", Role::Coordinator, None)
            .await
            .unwrap();
        let now = 1_000_000;
        let token = create_session(&pool, id, "test", now).await.unwrap();

        let stored: String = sqlx::query_scalar("SELECT token_hash FROM sessions")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_ne!(stored, token, "the token itself is never stored");

        assert_eq!(
            session_user(&pool, &token, now + 10)
                .await
                .unwrap()
                .unwrap()
                .name,
            "Anna"
        );
        assert!(session_user(&pool, &token, now + 10 + IDLE_TIMEOUT_SECS)
            .await
            .unwrap()
            .is_none());
        // A session that ran out is remembered (as lapsed, granting nothing) for a day...
        let lapsed = look_up_session(&pool, &token, now + 10 + IDLE_TIMEOUT_SECS)
            .await
            .unwrap();
        assert!(matches!(lapsed, SessionLookup::Lapsed(ref user) if user.name == "Anna"));
        // ...and then it is gone for good.
        let later = now + 10 + IDLE_TIMEOUT_SECS + LAPSED_GRACE_SECS;
        assert_eq!(
            look_up_session(&pool, &token, later).await.unwrap(),
            SessionLookup::Unknown
        );
        assert_eq!(
            look_up_session(&pool, &token, now + 20).await.unwrap(),
            SessionLookup::Unknown
        );
        // Logging in sweeps away sessions whose grace has ended.
        let old = create_session(&pool, id, "old", now).await.unwrap();
        create_session(&pool, id, "new", later + ABSOLUTE_TIMEOUT_SECS)
            .await
            .unwrap();
        let left: i64 = sqlx::query_scalar("SELECT count(*) FROM sessions WHERE token_hash = ?")
            .bind(token_hash(&old))
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(left, 0);

        let token = create_session(&pool, id, "test", now).await.unwrap();
        delete_session(&pool, &token).await.unwrap();
        assert!(session_user(&pool, &token, now + 1)
            .await
            .unwrap()
            .is_none());

        let a = create_session(&pool, id, "laptop", now).await.unwrap();
        let b = create_session(&pool, id, "phone", now).await.unwrap();
        delete_user_sessions(&pool, id).await.unwrap();
        assert!(session_user(&pool, &a, now + 1).await.unwrap().is_none());
        assert!(session_user(&pool, &b, now + 1).await.unwrap().is_none());
        let _ = ABSOLUTE_TIMEOUT_SECS;
    }

    #[tokio::test]
    async fn deactivated_accounts_have_no_sessions_and_emails_are_unique() {
        let pool = crate::db::test_pool().await;
        let id = create_user(&pool, "b@example.nl", "Bob", Role::AreaEditor, None)
            .await
            .unwrap();
        assert!(matches!(
            create_user(&pool, "B@Example.nl", "Bob 2", Role::AreaEditor, None).await,
            Err(AccountDbError::DuplicateEmail)
        ));
        let token = create_session(&pool, id, "", 100).await.unwrap();
        sqlx::query("UPDATE users SET active = 0 WHERE id = ?")
            .bind(id)
            .execute(&pool)
            .await
            .unwrap();
        assert!(session_user(&pool, &token, 101).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn login_throttling_per_account_and_per_ip() {
        let pool = crate::db::test_pool().await;
        let now = 5_000_000;
        for i in 0..MAX_FAILURES_PER_ACCOUNT {
            assert!(!login_throttled(&pool, "c@example.nl", "10.0.0.1", now + i)
                .await
                .unwrap());
            record_login_failure(&pool, "c@example.nl", "10.0.0.1", now + i)
                .await
                .unwrap();
        }
        assert!(login_throttled(&pool, "C@example.nl", "10.0.0.2", now + 10)
            .await
            .unwrap());
        assert!(!login_throttled(
            &pool,
            "c@example.nl",
            "10.0.0.2",
            now + LOGIN_WINDOW_SECS + 10
        )
        .await
        .unwrap());

        for i in 0..MAX_FAILURES_PER_IP {
            record_login_failure(&pool, &format!("u{i}@example.nl"), "10.0.0.9", now + i)
                .await
                .unwrap();
        }
        assert!(
            login_throttled(&pool, "new@example.nl", "10.0.0.9", now + 30)
                .await
                .unwrap()
        );
    }
}
