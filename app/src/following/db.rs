//! Database functions for following (server only): follow and confirm, manage by link,
//! news, the instant mails and the weekly digest, and forgetting in time.

use super::mail::{NewsItem, Section};
use super::*;
use crate::accounts::session::{new_token, token_hash};
use sqlx::{SqliteConnection, SqlitePool};

/// What can be followed, resolved: (area id, theme key, name, path on the site).
type Resolved = (Option<i64>, Option<String>, String, String);

async fn resolve(
    conn: &mut SqliteConnection,
    subject: SubjectKind,
    key: &str,
) -> Result<Option<Resolved>, sqlx::Error> {
    Ok(match subject {
        SubjectKind::Area => sqlx::query_as::<_, (i64, String, String)>(
            "SELECT id, name, slug FROM areas WHERE slug = ? AND archived_at IS NULL",
        )
        .bind(key)
        .fetch_optional(&mut *conn)
        .await?
        .map(|(id, name, slug)| (Some(id), None, name, format!("/gebieden/{slug}"))),
        SubjectKind::Theme => sqlx::query_as::<_, (String, String)>(
            "SELECT key, label FROM themes WHERE key = ? AND retired_at IS NULL",
        )
        .bind(key)
        .fetch_optional(&mut *conn)
        .await?
        .map(|(key, label)| {
            let path = format!("/kennisbank/thema/{key}");
            (None, Some(key), label, path)
        }),
        SubjectKind::Sessions => Some((
            None,
            None,
            SubjectKind::Sessions.label().to_string(),
            "/sessies".to_string(),
        )),
    })
}

/// What a follow request came to (the visitor is told the same in every case).
#[derive(Debug, PartialEq)]
pub enum Requested {
    /// A confirmation mail went out.
    ConfirmationSent,
    /// The address already follows it: a mail with the link to manage it.
    AlreadyFollowing,
    /// This address had its confirmation mails for today: nothing sent.
    Quiet,
}

/// A follow request: stored unconfirmed, and a confirmation mail in the outbox, in one
/// transaction.
pub async fn request(
    pool: &SqlitePool,
    form: &FollowForm,
    ip: &str,
    now: i64,
) -> Result<Requested, FollowError> {
    let (mut errors, valid) = validate_follow(form);
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let from_ip: i64 =
        sqlx::query_scalar("SELECT count(*) FROM follows WHERE ip = ? AND created_at > ?")
            .bind(ip)
            .bind(now - 3600)
            .fetch_one(&mut *tx)
            .await?;
    if from_ip >= MAX_REQUESTS_PER_IP_PER_HOUR {
        return Err(FollowError::TooManyFollowRequests);
    }
    let Some((subject, frequency)) = valid else {
        return Err(FollowError::Invalid(errors));
    };
    let Some((area_id, theme_key, name, _)) = resolve(&mut tx, subject, form.key.trim()).await?
    else {
        errors.add("form", "Dit kunt u niet (meer) volgen.");
        return Err(FollowError::Invalid(errors));
    };
    let email = crate::sessions::normalised_email(&form.email);
    let mails_today: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM mail_outbox
         WHERE recipient = ? AND kind IN ('follow_confirm', 'follow_known') AND created_at > ?",
    )
    .bind(&email)
    .bind(now - 86_400)
    .fetch_one(&mut *tx)
    .await?;
    if mails_today >= MAX_CONFIRMATIONS_PER_ADDRESS_PER_DAY {
        return Ok(Requested::Quiet);
    }
    sqlx::query(
        "INSERT INTO followers (email, created_at) VALUES (?, ?) ON CONFLICT (email) DO NOTHING",
    )
    .bind(&email)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let (follower_id, generation): (i64, i64) =
        sqlx::query_as("SELECT id, link_generation FROM followers WHERE email = ?")
            .bind(&email)
            .fetch_one(&mut *tx)
            .await?;
    let existing: Option<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, confirmed_at FROM follows
         WHERE follower_id = ? AND subject = ? AND area_id IS ? AND theme_key IS ?",
    )
    .bind(follower_id)
    .bind(subject.code())
    .bind(area_id)
    .bind(&theme_key)
    .fetch_optional(&mut *tx)
    .await?;
    let outcome = match existing {
        Some((id, Some(_))) => {
            let key = links::key(pool).await?;
            let token = links::token(&key, follower_id, generation);
            crate::mail::enqueue(
                &mut tx,
                &super::mail::already_following(&email, &name, &token),
                None,
            )
            .await?;
            // Counted for the per-IP limit like any request.
            sqlx::query("UPDATE follows SET ip = ? WHERE id = ?")
                .bind(ip)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            Requested::AlreadyFollowing
        }
        pending => {
            let confirm_token = new_token();
            match pending {
                Some((id, None)) => {
                    sqlx::query(
                        "UPDATE follows SET confirm_hash = ?, frequency = ?, created_at = ?, ip = ? WHERE id = ?",
                    )
                    .bind(token_hash(&confirm_token))
                    .bind(frequency.code())
                    .bind(now)
                    .bind(ip)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                }
                _ => {
                    sqlx::query(
                        "INSERT INTO follows (follower_id, subject, area_id, theme_key, frequency,
                             confirm_hash, created_at, ip)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    )
                    .bind(follower_id)
                    .bind(subject.code())
                    .bind(area_id)
                    .bind(&theme_key)
                    .bind(frequency.code())
                    .bind(token_hash(&confirm_token))
                    .bind(now)
                    .bind(ip)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            crate::mail::enqueue(
                &mut tx,
                &super::mail::confirm(&email, &name, frequency, &confirm_token),
                None,
            )
            .await?;
            Requested::ConfirmationSent
        }
    };
    tx.commit().await?;
    Ok(outcome)
}

/// The follow behind a confirmation link that is still valid.
async fn pending_row(
    conn: &mut SqliteConnection,
    confirm_token: &str,
    now: i64,
) -> Result<Option<(i64, String, String, Option<i64>, Option<String>)>, sqlx::Error> {
    if confirm_token.len() != 64 || !confirm_token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    sqlx::query_as(
        "SELECT id, subject, frequency, area_id, theme_key FROM follows
         WHERE confirm_hash = ? AND created_at > ?",
    )
    .bind(token_hash(confirm_token))
    .bind(now - UNCONFIRMED_DAYS * 86_400)
    .fetch_optional(&mut *conn)
    .await
}

async fn name_of(
    conn: &mut SqliteConnection,
    subject: &str,
    area_id: Option<i64>,
    theme_key: Option<&str>,
) -> Result<String, sqlx::Error> {
    Ok(match subject {
        "area" => sqlx::query_scalar("SELECT name FROM areas WHERE id = ?")
            .bind(area_id)
            .fetch_optional(&mut *conn)
            .await?
            .unwrap_or_default(),
        "theme" => sqlx::query_scalar("SELECT label FROM themes WHERE key = ?")
            .bind(theme_key)
            .fetch_optional(&mut *conn)
            .await?
            .unwrap_or_default(),
        _ => SubjectKind::Sessions.label().to_string(),
    })
}

/// What a confirmation link would confirm, for the page with the button.
pub async fn pending(
    pool: &SqlitePool,
    confirm_token: &str,
    now: i64,
) -> Result<Option<PendingFollow>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let Some((_, subject, frequency, area_id, theme_key)) =
        pending_row(&mut conn, confirm_token, now).await?
    else {
        return Ok(None);
    };
    Ok(Some(PendingFollow {
        name: name_of(&mut conn, &subject, area_id, theme_key.as_deref()).await?,
        frequency: Frequency::from_code(&frequency).unwrap_or(Frequency::Weekly),
    }))
}

/// Confirms a follow; the link works once. Returns the follower's manage token.
pub async fn confirm(
    pool: &SqlitePool,
    confirm_token: &str,
    now: i64,
) -> Result<String, FollowError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let Some((id, ..)) = pending_row(&mut tx, confirm_token, now).await? else {
        return Err(FollowError::LinkNotValid);
    };
    let (follower_id, generation): (i64, i64) = sqlx::query_as(
        "UPDATE follows SET confirmed_at = ?, confirm_hash = NULL WHERE id = ?
         RETURNING follower_id, (SELECT link_generation FROM followers f WHERE f.id = follows.follower_id)",
    )
    .bind(now)
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(links::token(
        &links::key(pool).await?,
        follower_id,
        generation,
    ))
}

/// The follower a manage or unsubscribe token belongs to: (id, email).
async fn follower(pool: &SqlitePool, token: &str) -> Result<Option<(i64, String)>, sqlx::Error> {
    let Some(id) = links::claimed_id(token) else {
        return Ok(None);
    };
    let row: Option<(String, i64)> =
        sqlx::query_as("SELECT email, link_generation FROM followers WHERE id = ?")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    let Some((email, generation)) = row else {
        return Ok(None);
    };
    let key = links::key(pool).await?;
    Ok(links::is_valid(&key, token, id, generation).then_some((id, email)))
}

/// Everything one person follows (confirmed or not), for their manage page.
pub async fn manage(pool: &SqlitePool, token: &str) -> Result<Option<ManagePage>, sqlx::Error> {
    let Some((id, email)) = follower(pool, token).await? else {
        return Ok(None);
    };
    let rows: Vec<(i64, String, String, Option<i64>, Option<String>, String, Option<String>, Option<String>)> =
        sqlx::query_as(
            "SELECT f.id, f.subject, f.frequency, f.confirmed_at, f.theme_key,
                    coalesce(a.name, t.label, ''), a.slug, t.key
             FROM follows f LEFT JOIN areas a ON a.id = f.area_id LEFT JOIN themes t ON t.key = f.theme_key
             WHERE f.follower_id = ? ORDER BY f.id",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
    let follows = rows
        .into_iter()
        .map(
            |(id, subject, frequency, confirmed_at, _, name, slug, theme)| {
                let subject = SubjectKind::from_code(&subject).unwrap_or(SubjectKind::Sessions);
                let (name, path) = match (subject, slug, theme) {
                    (SubjectKind::Area, Some(slug), _) => (name, format!("/gebieden/{slug}")),
                    (SubjectKind::Theme, _, Some(key)) => {
                        (name, format!("/kennisbank/thema/{key}"))
                    }
                    _ => (
                        SubjectKind::Sessions.label().to_string(),
                        "/sessies".to_string(),
                    ),
                };
                Followed {
                    id,
                    subject,
                    name,
                    path,
                    frequency: Frequency::from_code(&frequency).unwrap_or(Frequency::Weekly),
                    confirmed: confirmed_at.is_some(),
                }
            },
        )
        .collect();
    Ok(Some(ManagePage { email, follows }))
}

/// Changes how often one follow mails. `false` if the link or the follow is not theirs.
pub async fn set_frequency(
    pool: &SqlitePool,
    token: &str,
    follow_id: i64,
    frequency: Frequency,
) -> Result<bool, sqlx::Error> {
    let Some((id, _)) = follower(pool, token).await? else {
        return Ok(false);
    };
    Ok(
        sqlx::query("UPDATE follows SET frequency = ? WHERE id = ? AND follower_id = ?")
            .bind(frequency.code())
            .bind(follow_id)
            .bind(id)
            .execute(pool)
            .await?
            .rows_affected()
            == 1,
    )
}

/// Stops one follow; with the last one the address is forgotten. `false` if the link or
/// the follow is not theirs.
pub async fn stop(pool: &SqlitePool, token: &str, follow_id: i64) -> Result<bool, sqlx::Error> {
    let Some((id, email)) = follower(pool, token).await? else {
        return Ok(false);
    };
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let stopped = sqlx::query("DELETE FROM follows WHERE id = ? AND follower_id = ?")
        .bind(follow_id)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        == 1;
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM follows WHERE follower_id = ?")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    if left == 0 {
        forget_follower(&mut tx, id, &email).await?;
    }
    tx.commit().await?;
    Ok(stopped)
}

/// Unsubscribes from everything: the address is deleted, and mail to it that has not gone
/// out yet is not sent. `false` for a link that is not (or no longer) valid.
pub async fn unsubscribe(pool: &SqlitePool, token: &str) -> Result<bool, sqlx::Error> {
    let Some((id, email)) = follower(pool, token).await? else {
        return Ok(false);
    };
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    forget_follower(&mut tx, id, &email).await?;
    tx.commit().await?;
    Ok(true)
}

async fn forget_follower(
    conn: &mut SqliteConnection,
    id: i64,
    email: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM followers WHERE id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "DELETE FROM mail_outbox WHERE recipient = ? AND kind LIKE 'follow_%' AND sent_at IS NULL",
    )
    .bind(email)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Unconfirmed follows older than a week, the IPs of requests older than a day, and
/// addresses that follow nothing.
pub async fn forget_in_time(pool: &SqlitePool, now: i64) -> Result<u64, sqlx::Error> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let expired = sqlx::query("DELETE FROM follows WHERE confirmed_at IS NULL AND created_at < ?")
        .bind(now - UNCONFIRMED_DAYS * 86_400)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    sqlx::query("UPDATE follows SET ip = NULL WHERE ip IS NOT NULL AND created_at < ?")
        .bind(now - 86_400)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "DELETE FROM followers WHERE NOT EXISTS (SELECT 1 FROM follows WHERE follower_id = followers.id)",
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(expired)
}

/// New figures for these areas (an import), as news of each.
pub async fn record_figures(
    conn: &mut SqliteConnection,
    area_ids: &[i64],
    now: i64,
) -> Result<(), sqlx::Error> {
    for area_id in area_ids {
        sqlx::query(
            "INSERT INTO news (kind, area_id, title, path, occurred_at)
             SELECT 'figures', id, name, '/gebieden/' || slug, ? FROM areas WHERE id = ? AND archived_at IS NULL",
        )
        .bind(now)
        .bind(area_id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A mail to write: to whom, their link token, and the news in sections.
pub struct Addressed {
    pub email: String,
    pub token: String,
    pub sections: Vec<Section>,
}

/// Which follows a piece of news reaches: (follow, news) pairs only, so that a week with
/// hundreds of thousands of pairs decodes as numbers; the texts come once each.
const PAIRS: &str = "
    SELECT f.id, n.id
    FROM news n
    JOIN news_subjects s ON s.news_id = n.id
    JOIN follows f ON f.subject = s.subject AND f.area_id IS s.area_id AND f.theme_key IS s.theme_key
    WHERE f.confirmed_at IS NOT NULL AND f.frequency = ?1 AND n.kind <> 'update'
      AND n.occurred_at >= ?2 AND n.occurred_at < ?3";

/// Who is behind a follow, and what it is called in a mail.
#[derive(sqlx::FromRow)]
struct FollowOf {
    follow_id: i64,
    follower_id: i64,
    email: String,
    link_generation: i64,
    followed: String,
    followed_path: String,
}

/// The news of a period that reaches followers with `frequency`, one mail per person: a
/// section per thing they follow (in the order they started following), each piece of
/// news once, under the first follow it matched.
async fn addressed(
    conn: &mut SqliteConnection,
    key: &[u8],
    frequency: Frequency,
    from: i64,
    until: i64,
    unmailed_only: bool,
) -> Result<Vec<Addressed>, sqlx::Error> {
    use std::collections::{HashMap, HashSet};
    let unmailed = if unmailed_only {
        " AND n.mailed_at IS NULL"
    } else {
        ""
    };
    let pairs: Vec<(i64, i64)> = sqlx::query_as(&format!("{PAIRS}{unmailed}"))
        .bind(frequency.code())
        .bind(from)
        .bind(until)
        .fetch_all(&mut *conn)
        .await?;
    if pairs.is_empty() {
        return Ok(Vec::new());
    }
    let news: HashMap<i64, NewsItem> = sqlx::query_as::<_, NewsItem>(&format!(
        "SELECT n.id, n.kind, n.title, n.detail, n.path, n.occurred_at FROM news n
         WHERE n.occurred_at >= ?1 AND n.occurred_at < ?2{unmailed}"
    ))
    .bind(from)
    .bind(until)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|item| (item.id, item))
    .collect();
    let follows: HashMap<i64, FollowOf> = sqlx::query_as::<_, FollowOf>(
        "SELECT f.id AS follow_id, f.follower_id, fo.email, fo.link_generation,
                coalesce(a.name, t.label, 'Alle nieuwe sessies') AS followed,
                CASE f.subject WHEN 'area' THEN '/gebieden/' || a.slug
                               WHEN 'theme' THEN '/kennisbank/thema/' || f.theme_key
                               ELSE '/sessies' END AS followed_path
         FROM follows f JOIN followers fo ON fo.id = f.follower_id
         LEFT JOIN areas a ON a.id = f.area_id LEFT JOIN themes t ON t.key = f.theme_key
         WHERE f.confirmed_at IS NOT NULL AND f.frequency = ?",
    )
    .bind(frequency.code())
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|follow| (follow.follow_id, follow))
    .collect();
    // (follower, follow, when, news): the order of the mail.
    let mut ordered: Vec<(&FollowOf, &NewsItem)> = pairs
        .iter()
        .filter_map(|(follow, item)| Some((follows.get(follow)?, news.get(item)?)))
        .collect();
    ordered.sort_by_key(|(f, n)| (f.follower_id, f.follow_id, n.occurred_at, n.id));
    let mut out: Vec<Addressed> = Vec::new();
    let mut current = None;
    let mut seen = HashSet::new();
    for (follow, item) in ordered {
        if current != Some(follow.follower_id) {
            current = Some(follow.follower_id);
            seen.clear();
            out.push(Addressed {
                email: follow.email.clone(),
                token: links::token(key, follow.follower_id, follow.link_generation),
                sections: Vec::new(),
            });
        }
        if !seen.insert(item.id) {
            continue;
        }
        let mail = out.last_mut().expect("pushed above");
        match mail.sections.last_mut() {
            Some(section) if section.followed == follow.followed => section.news.push(item.clone()),
            _ => mail.sections.push(Section {
                followed: follow.followed.clone(),
                path: follow.followed_path.clone(),
                news: vec![item.clone()],
            }),
        }
    }
    Ok(out)
}

/// The digests of the week that ends at `week_start` (the Monday 08:00 they go out).
pub async fn digests_for(
    conn: &mut SqliteConnection,
    key: &[u8],
    week_start: i64,
) -> Result<Vec<Addressed>, sqlx::Error> {
    addressed(
        conn,
        key,
        Frequency::Weekly,
        week_start - 7 * 86_400,
        week_start,
        false,
    )
    .await
}

/// Writes this week's digests to the outbox, once per week (the first round after Monday
/// 08:00 does it; a server that was down then does it when it is back). Returns the number
/// of mails, or `None` when this week's were already written.
pub async fn send_digests(pool: &SqlitePool, now: i64) -> Result<Option<usize>, sqlx::Error> {
    let week_start = digest_week_start(now);
    let done = "SELECT 1 FROM digest_runs WHERE week_start = ?";
    // Asked every minute: a read first, the write lock only once a week.
    let done_before: Option<i64> = sqlx::query_scalar(done)
        .bind(week_start)
        .fetch_optional(pool)
        .await?;
    if done_before.is_some() {
        return Ok(None);
    }
    let key = links::key(pool).await?;
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let done: Option<i64> = sqlx::query_scalar(done)
        .bind(week_start)
        .fetch_optional(&mut *tx)
        .await?;
    if done.is_some() {
        return Ok(None);
    }
    let mails = digests_for(&mut tx, &key, week_start).await?;
    let week = crate::ui::format::dutch_date(
        &crate::sessions::amsterdam_time(week_start - 7 * 86_400)[..10],
    );
    for mail in &mails {
        let outgoing = super::mail::digest(&mail.email, &mail.sections, &mail.token, &week);
        crate::mail::enqueue_to_list(
            &mut tx,
            &outgoing,
            &super::mail::list_unsubscribe(&mail.token),
        )
        .await?;
    }
    sqlx::query("INSERT INTO digest_runs (week_start, built_at, mails) VALUES (?, ?, ?)")
        .bind(week_start)
        .bind(now)
        .bind(mails.len() as i64)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(mails.len()))
}

/// Mails the news that waited [`INSTANT_DELAY_SECS`] to those who follow it "at once": one
/// mail per person per round. Returns the number of mails.
pub async fn send_instant(pool: &SqlitePool, now: i64) -> Result<usize, sqlx::Error> {
    let cutoff = now - INSTANT_DELAY_SECS;
    let waiting: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM news WHERE mailed_at IS NULL AND occurred_at <= ? LIMIT 1",
    )
    .bind(cutoff)
    .fetch_optional(pool)
    .await?;
    if waiting.is_none() {
        return Ok(0);
    }
    let key = links::key(pool).await?;
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let mails = addressed(&mut tx, &key, Frequency::Instant, 0, cutoff + 1, true).await?;
    for mail in &mails {
        let outgoing = super::mail::instant(&mail.email, &mail.sections, &mail.token);
        crate::mail::enqueue_to_list(
            &mut tx,
            &outgoing,
            &super::mail::list_unsubscribe(&mail.token),
        )
        .await?;
    }
    sqlx::query("UPDATE news SET mailed_at = ? WHERE mailed_at IS NULL AND occurred_at <= ?")
        .bind(now)
        .bind(cutoff)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(mails.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Monday 2026-11-30 08:00 in Amsterdam.
    const MONDAY: i64 = 1_796_022_000;
    const WEEK: i64 = 7 * 86_400;

    async fn area(pool: &SqlitePool, slug: &str, name: &str) -> i64 {
        sqlx::query("INSERT OR IGNORE INTO districts (name) VALUES ('Centrum')")
            .execute(pool)
            .await
            .unwrap();
        sqlx::query_scalar(
            "INSERT INTO areas (slug, name, district, area_type, phase, activation)
             VALUES (?, ?, 'Centrum', 'city_centre', 'stable', 'energetic') RETURNING id",
        )
        .bind(slug)
        .bind(name)
        .fetch_one(pool)
        .await
        .unwrap()
    }

    async fn follower(
        pool: &SqlitePool,
        email: &str,
        follows: &[(&str, Option<i64>, Option<&str>, &str)],
    ) {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO followers (email, created_at) VALUES (?, 0) RETURNING id",
        )
        .bind(email)
        .fetch_one(pool)
        .await
        .unwrap();
        for (subject, area_id, theme, frequency) in follows {
            sqlx::query(
                "INSERT INTO follows (follower_id, subject, area_id, theme_key, frequency, confirmed_at, created_at)
                 VALUES (?, ?, ?, ?, ?, 1, 0)",
            )
            .bind(id)
            .bind(subject)
            .bind(area_id)
            .bind(theme)
            .bind(frequency)
            .execute(pool)
            .await
            .unwrap();
        }
    }

    async fn news(pool: &SqlitePool, kind: &str, area_id: Option<i64>, title: &str, at: i64) {
        sqlx::query(
            "INSERT INTO news (kind, area_id, title, path, occurred_at) VALUES (?, ?, ?, '/x', ?)",
        )
        .bind(kind)
        .bind(area_id)
        .bind(title)
        .bind(at)
        .execute(pool)
        .await
        .unwrap();
    }

    fn summary(mails: &[Addressed]) -> Vec<(String, Vec<(String, Vec<String>)>)> {
        let mut out: Vec<_> = mails
            .iter()
            .map(|m| {
                (
                    m.email.clone(),
                    m.sections
                        .iter()
                        .map(|s| {
                            (
                                s.followed.clone(),
                                s.news.iter().map(|n| n.title.clone()).collect(),
                            )
                        })
                        .collect(),
                )
            })
            .collect();
        out.sort();
        out
    }

    #[tokio::test]
    async fn a_fixed_week_gives_exactly_the_expected_digest_per_person() {
        let pool = crate::db::test_pool().await;
        let linden = area(&pool, "lindenplein", "Lindenplein").await;
        let haven = area(&pool, "havenstraat", "Havenstraat").await;
        // A session about vacancy with the Lindenplein as its case: news for the area, the
        // theme and "all new sessions".
        let session: i64 = sqlx::query_scalar(
            "INSERT INTO learning_sessions (slug, kind, title, starts_at, ends_at, online, capacity,
                 signup_deadline, status, case_area_id)
             VALUES ('leegstand', 'intervision', 'Leegstand', '2026-12-10T19:30', '2026-12-10T21:00', 1, 10,
                 '2026-12-10T12:00', 'draft', ?) RETURNING id",
        )
        .bind(linden)
        .fetch_one(&pool)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO learning_session_themes (session_id, theme_key) VALUES (?, 'vacancy')",
        )
        .bind(session)
        .execute(&pool)
        .await
        .unwrap();
        sqlx::query("DELETE FROM news")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("UPDATE learning_sessions SET status = 'published' WHERE id = ?")
            .bind(session)
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("UPDATE news SET occurred_at = ?")
            .bind(MONDAY - 3 * 86_400)
            .execute(&pool)
            .await
            .unwrap();
        news(
            &pool,
            "figures",
            Some(linden),
            "Lindenplein",
            MONDAY - 2 * 86_400,
        )
        .await;
        news(
            &pool,
            "figures",
            Some(haven),
            "Havenstraat",
            MONDAY - 86_400,
        )
        .await;
        // Outside the week: before it, and at the very moment it ends.
        news(
            &pool,
            "figures",
            Some(linden),
            "Te vroeg",
            MONDAY - WEEK - 1,
        )
        .await;
        news(&pool, "figures", Some(linden), "Te laat", MONDAY).await;
        // An update went out at once to everyone and is not repeated.
        news(&pool, "update", Some(linden), "Bericht", MONDAY - 86_400).await;

        follower(
            &pool,
            "ans@voorbeeld.nl",
            &[
                ("area", Some(linden), None, "weekly"),
                ("theme", None, Some("vacancy"), "weekly"),
            ],
        )
        .await;
        follower(
            &pool,
            "bas@voorbeeld.nl",
            &[
                ("sessions", None, None, "weekly"),
                ("area", Some(haven), None, "weekly"),
            ],
        )
        .await;
        follower(
            &pool,
            "cor@voorbeeld.nl",
            &[("area", Some(linden), None, "instant")],
        )
        .await;
        follower(
            &pool,
            "dirk@voorbeeld.nl",
            &[("theme", None, Some("branding"), "weekly")],
        )
        .await;
        // Not confirmed: nothing.
        sqlx::query("INSERT INTO followers (email, created_at) VALUES ('eva@voorbeeld.nl', 0)")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO follows (follower_id, subject, area_id, frequency, created_at) SELECT id, 'area', ?, 'weekly', 0 FROM followers WHERE email = 'eva@voorbeeld.nl'")
            .bind(linden)
            .execute(&pool)
            .await
            .unwrap();

        let key = links::key(&pool).await.unwrap();
        let mut conn = pool.acquire().await.unwrap();
        let mails = digests_for(&mut conn, &key, MONDAY).await.unwrap();
        let s = |v: &str| v.to_string();
        assert_eq!(
            summary(&mails),
            vec![
                // The session once, under the first thing followed that it concerns.
                (
                    s("ans@voorbeeld.nl"),
                    vec![(s("Lindenplein"), vec![s("Leegstand"), s("Lindenplein")])]
                ),
                (
                    s("bas@voorbeeld.nl"),
                    vec![
                        (s("Alle nieuwe sessies"), vec![s("Leegstand")]),
                        (s("Havenstraat"), vec![s("Havenstraat")])
                    ]
                ),
            ]
        );
        // The tokens are each person's own manage links.
        let ans: i64 =
            sqlx::query_scalar("SELECT id FROM followers WHERE email = 'ans@voorbeeld.nl'")
                .fetch_one(&pool)
                .await
                .unwrap();
        let ans_mail = mails
            .iter()
            .find(|m| m.email == "ans@voorbeeld.nl")
            .unwrap();
        assert!(links::is_valid(&key, &ans_mail.token, ans, 0));
        drop(conn);

        // Written once per week; a week without news writes nothing.
        assert_eq!(send_digests(&pool, MONDAY + 60).await.unwrap(), Some(2));
        assert_eq!(send_digests(&pool, MONDAY + 3600).await.unwrap(), None);
        let digests: i64 = sqlx::query_scalar("SELECT count(*) FROM mail_outbox WHERE kind = 'follow_digest' AND list_unsubscribe LIKE '%/volgen/afmelden/%'")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(digests, 2);
        sqlx::query("DELETE FROM news WHERE occurred_at >= ?")
            .bind(MONDAY)
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(send_digests(&pool, MONDAY + WEEK).await.unwrap(), Some(0));
    }

    #[tokio::test]
    async fn instant_followers_get_one_mail_per_round_and_nothing_twice() {
        let pool = crate::db::test_pool().await;
        let linden = area(&pool, "lindenplein", "Lindenplein").await;
        follower(
            &pool,
            "cor@voorbeeld.nl",
            &[("area", Some(linden), None, "instant")],
        )
        .await;
        follower(
            &pool,
            "ans@voorbeeld.nl",
            &[("area", Some(linden), None, "weekly")],
        )
        .await;
        let now = MONDAY;
        news(&pool, "figures", Some(linden), "Lindenplein", now - 120).await;
        news(&pool, "opgave_status", Some(linden), "Gevels", now - 90).await;
        // Too recent: waits for the next round.
        news(&pool, "figures", Some(linden), "Net binnen", now - 10).await;
        assert_eq!(send_instant(&pool, now).await.unwrap(), 1);
        let (subject, body): (String, String) =
            sqlx::query_as("SELECT subject, body FROM mail_outbox WHERE kind = 'follow_instant'")
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(subject, "2 keer nieuws van wat u volgt");
        assert!(
            body.contains("Nieuwe cijfers voor Lindenplein") && !body.contains("Net binnen"),
            "{body}"
        );
        assert_eq!(send_instant(&pool, now).await.unwrap(), 0);
        assert_eq!(send_instant(&pool, now + 60).await.unwrap(), 1);
    }

    #[tokio::test]
    async fn triggers_record_news_of_sessions_opgaves_and_the_library() {
        let pool = crate::db::test_pool().await;
        let linden = area(&pool, "lindenplein", "Lindenplein").await;
        sqlx::query(
            "INSERT INTO learning_sessions (slug, kind, title, starts_at, ends_at, online, capacity, signup_deadline, status)
             VALUES ('sessie', 'thematic', 'Sessie', '2027-01-01T10:00', '2027-01-01T11:00', 1, 5, '2027-01-01T09:00', 'published')",
        )
        .execute(&pool)
        .await
        .unwrap();
        sqlx::query("UPDATE learning_sessions SET sequence = sequence + 1, status = 'cancelled'")
            .execute(&pool)
            .await
            .unwrap();
        let opgave: i64 = sqlx::query_scalar("INSERT INTO opgaves (area_id, title, theme_key, status) VALUES (?, 'Gevels', 'vacancy', 'open') RETURNING id")
            .bind(linden)
            .fetch_one(&pool)
            .await
            .unwrap();
        sqlx::query("UPDATE opgaves SET status = 'in_progress' WHERE id = ?")
            .bind(opgave)
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("UPDATE opgaves SET owner = 'Gemeente' WHERE id = ?")
            .bind(opgave)
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO library_items (slug, kind, title, summary) VALUES ('gids', 'article', 'Gids', 'Kort')").execute(&pool).await.unwrap();
        let kinds: Vec<(String, String, Option<i64>)> =
            sqlx::query_as("SELECT kind, detail, area_id FROM news ORDER BY id")
                .fetch_all(&pool)
                .await
                .unwrap();
        assert_eq!(
            kinds,
            vec![
                ("session_new".into(), "".into(), None),
                ("session_changed".into(), "cancelled".into(), None),
                ("opgave_status".into(), "in_progress".into(), Some(linden)),
                ("library_item".into(), "".into(), None),
            ]
        );
    }

    /// The digest benchmark (`make bench-digest`): 10,000 subscribers following 3 things
    /// each, a week of 500 events. Not part of `make test`.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore]
    async fn bench_digest() {
        let pool = crate::db::test_pool().await;
        let mut tx = pool.begin().await.unwrap();
        sqlx::query("INSERT OR IGNORE INTO districts (name) VALUES ('Centrum')")
            .execute(&mut *tx)
            .await
            .unwrap();
        for n in 0..70 {
            sqlx::query("INSERT INTO areas (slug, name, district, area_type, phase, activation) VALUES (?, ?, 'Centrum', 'shopping_street', 'stable', 'energetic')")
                .bind(format!("gebied-{n}"))
                .bind(format!("Gebied {n}"))
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        let themes: Vec<String> = sqlx::query_scalar("SELECT key FROM themes")
            .fetch_all(&mut *tx)
            .await
            .unwrap();
        let week_start = MONDAY;
        // 500 events in the week: figures and opgaves of areas, sessions and library items on themes.
        for n in 0..500i64 {
            let at = week_start - WEEK + (n * WEEK / 500);
            match n % 4 {
                0 | 1 => {
                    let kind = if n % 4 == 0 {
                        "figures"
                    } else {
                        "opgave_status"
                    };
                    sqlx::query("INSERT INTO news (kind, area_id, title, detail, path, occurred_at) VALUES (?, ?, 'Gebied', 'done', '/gebieden/x', ?)")
                        .bind(kind)
                        .bind(1 + n % 70)
                        .bind(at)
                        .execute(&mut *tx)
                        .await
                        .unwrap();
                }
                2 => {
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO learning_sessions (slug, kind, title, starts_at, ends_at, online, capacity, signup_deadline, status, case_area_id)
                         VALUES (?, 'thematic', 'Sessie', '2027-01-01T10:00', '2027-01-01T11:00', 1, 5, '2027-01-01T09:00', 'draft', ?) RETURNING id",
                    )
                    .bind(format!("sessie-{n}"))
                    .bind(1 + n % 70)
                    .fetch_one(&mut *tx)
                    .await
                    .unwrap();
                    sqlx::query(
                        "INSERT INTO learning_session_themes (session_id, theme_key) VALUES (?, ?)",
                    )
                    .bind(id)
                    .bind(&themes[n as usize % themes.len()])
                    .execute(&mut *tx)
                    .await
                    .unwrap();
                    sqlx::query("INSERT INTO news (kind, area_id, session_id, title, path, occurred_at) VALUES ('session_new', ?, ?, 'Sessie', '/sessies/x', ?)")
                        .bind(1 + n % 70)
                        .bind(id)
                        .bind(at)
                        .execute(&mut *tx)
                        .await
                        .unwrap();
                }
                _ => {
                    let id: i64 = sqlx::query_scalar("INSERT INTO library_items (slug, kind, title, summary) VALUES (?, 'article', 'Item', 'Kort') RETURNING id")
                        .bind(format!("item-{n}"))
                        .fetch_one(&mut *tx)
                        .await
                        .unwrap();
                    sqlx::query(
                        "INSERT INTO library_item_themes (item_id, theme_key) VALUES (?, ?)",
                    )
                    .bind(id)
                    .bind(&themes[n as usize % themes.len()])
                    .execute(&mut *tx)
                    .await
                    .unwrap();
                    sqlx::query("UPDATE news SET occurred_at = ? WHERE item_id = ?")
                        .bind(at)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .unwrap();
                }
            }
        }
        for n in 0..10_000i64 {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO followers (email, created_at) VALUES (?, 0) RETURNING id",
            )
            .bind(format!("volger{n}@voorbeeld.nl"))
            .fetch_one(&mut *tx)
            .await
            .unwrap();
            let follows: [(&str, Option<i64>, Option<&str>); 3] = [
                ("area", Some(1 + n % 70), None),
                (
                    "theme",
                    None,
                    Some(themes[n as usize % themes.len()].as_str()),
                ),
                if n % 2 == 0 {
                    ("sessions", None, None)
                } else {
                    ("area", Some(1 + (n + 35) % 70), None)
                },
            ];
            for (subject, area_id, theme) in follows {
                sqlx::query("INSERT INTO follows (follower_id, subject, area_id, theme_key, frequency, confirmed_at, created_at) VALUES (?, ?, ?, ?, 'weekly', 1, 0)")
                    .bind(id)
                    .bind(subject)
                    .bind(area_id)
                    .bind(theme)
                    .execute(&mut *tx)
                    .await
                    .unwrap();
            }
        }
        tx.commit().await.unwrap();
        sqlx::query("ANALYZE").execute(&pool).await.unwrap();

        let key = links::key(&pool).await.unwrap();
        let mut conn = pool.acquire().await.unwrap();
        let started = std::time::Instant::now();
        let mails = digests_for(&mut conn, &key, week_start).await.unwrap();
        let built = started.elapsed();
        drop(conn);
        let items: usize = mails
            .iter()
            .map(|m| m.sections.iter().map(|s| s.news.len()).sum::<usize>())
            .sum();
        let started = std::time::Instant::now();
        let written = send_digests(&pool, week_start + 60).await.unwrap();
        let total = started.elapsed();
        println!(
            "digest: {} subscribers, 30,000 follows, 500 events: {} mails with {items} news lines; matched and grouped in {:.0} ms; written to the outbox (composed, one transaction) in {:.0} ms",
            10_000,
            mails.len(),
            built.as_secs_f64() * 1000.0,
            total.as_secs_f64() * 1000.0,
        );
        assert_eq!(written, Some(mails.len()));
        assert_eq!(
            mails.len(),
            10_000,
            "everyone follows something with news this week"
        );
    }
}
