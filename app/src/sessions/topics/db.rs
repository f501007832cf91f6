//! Database functions for topic suggestions (server only).

use super::*;
use crate::accounts::session::{new_token, token_hash};
use sqlx::SqlitePool;

const HOUR: i64 = 60 * 60;
const DAY: i64 = 24 * HOUR;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    theme_key: String,
    theme_label: String,
    text: String,
    area_slug: Option<String>,
    area_name: Option<String>,
    votes: i64,
    created_at: i64,
    status: String,
    session_slug: Option<String>,
    session_title: Option<String>,
    session_starts_at: Option<String>,
    session_status: Option<String>,
    decline_reason: String,
    voted: bool,
    name: String,
    email: String,
}

/// Every suggestion (of one theme, if given), most votes first, then newest first.
/// `contact` is filled for everyone here: the server function strips it.
pub async fn list(
    pool: &SqlitePool,
    theme: Option<&str>,
    voter_id: Option<i64>,
) -> Result<Vec<Topic>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT t.id, t.theme_key, th.label AS theme_label, t.text,
                a.slug AS area_slug, a.name AS area_name,
                (SELECT count(*) FROM topic_votes v WHERE v.suggestion_id = t.id) AS votes,
                t.created_at, t.status,
                s.slug AS session_slug, s.title AS session_title,
                s.starts_at AS session_starts_at, s.status AS session_status,
                t.decline_reason,
                EXISTS (SELECT 1 FROM topic_votes v WHERE v.suggestion_id = t.id AND v.voter_id = ?1) AS voted,
                t.name, t.email
         FROM topic_suggestions t
         JOIN themes th ON th.key = t.theme_key
         LEFT JOIN areas a ON a.id = t.area_id
         LEFT JOIN learning_sessions s ON s.id = t.session_id
         WHERE ?2 IS NULL OR t.theme_key = ?2
         ORDER BY votes DESC, t.created_at DESC, t.id DESC",
    )
    .bind(voter_id)
    .bind(theme)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Topic {
            id: row.id,
            theme: (row.theme_key, row.theme_label),
            text: row.text,
            area: row.area_slug.zip(row.area_name),
            votes: row.votes,
            created_on: crate::sessions::amsterdam_time(row.created_at)
                .chars()
                .take(10)
                .collect(),
            status: TopicStatus::from_code(&row.status).unwrap_or(TopicStatus::Open),
            session: match (row.session_slug, row.session_title, row.session_starts_at) {
                (Some(slug), Some(title), Some(starts_at)) => Some(PlannedSession {
                    slug,
                    title,
                    starts_at,
                    public: row.session_status.as_deref() != Some("draft"),
                }),
                _ => None,
            },
            decline_reason: row.decline_reason,
            voted: row.voted,
            contact: Some((row.name, row.email)),
        })
        .collect())
}

/// Draft and published sessions as (slug, "title (date)"), latest first.
pub async fn session_choices(pool: &SqlitePool) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT slug, title, starts_at, status FROM learning_sessions
         WHERE status IN ('draft', 'published') ORDER BY starts_at DESC",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, title, starts_at, status)| {
            let date = crate::ui::format::dutch_date(starts_at.split('T').next().unwrap_or(""));
            let draft = if status == "draft" { ", concept" } else { "" };
            (slug, format!("{title} ({date}{draft})"))
        })
        .collect())
}

/// Empties personal data past its time: name and email after [`RETENTION_DAYS`],
/// IP addresses (kept only for the hourly limits) after a day.
pub async fn forget_old_personal_data(pool: &SqlitePool, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE topic_suggestions SET name = '', email = ''
         WHERE created_at < ? AND (name <> '' OR email <> '')",
    )
    .bind(now - RETENTION_DAYS * DAY)
    .execute(pool)
    .await?;
    for table in ["topic_suggestions", "topic_voters", "topic_votes"] {
        sqlx::query(&format!(
            "UPDATE {table} SET ip = NULL WHERE ip IS NOT NULL AND created_at < ?"
        ))
        .bind(now - DAY)
        .execute(pool)
        .await?;
    }
    Ok(())
}

/// Stores a suggestion (checked first), unless this IP made too many this hour.
pub async fn suggest(
    pool: &SqlitePool,
    form: &SuggestionForm,
    ip: &str,
    now: i64,
) -> Result<i64, TopicError> {
    let themes = crate::areas::db::themes(pool).await?;
    let areas = crate::library::db::area_choices(pool).await?;
    let errors = validate_suggestion(form, &themes, &areas);
    if !errors.is_empty() {
        return Err(TopicError::Invalid(errors));
    }
    forget_old_personal_data(pool, now).await?;
    // The count and the insert in one statement: SQLite runs it as one write, so
    // parallel requests cannot all slip under the limit.
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO topic_suggestions (theme_key, text, area_id, name, email, ip, created_at)
         SELECT ?1, ?2, (SELECT id FROM areas WHERE slug = ?3), ?4, ?5, ?6, ?7
         WHERE (SELECT count(*) FROM topic_suggestions WHERE ip = ?6 AND created_at > ?7 - 3600) < ?8
         RETURNING id",
    )
    .bind(&form.theme)
    .bind(form.text.trim())
    .bind(&form.area)
    .bind(form.name.trim())
    .bind(form.email.trim())
    .bind(ip)
    .bind(now)
    .bind(MAX_SUGGESTIONS_PER_HOUR)
    .fetch_optional(pool)
    .await?;
    id.ok_or(TopicError::TooManySuggestions)
}

/// The voter behind a token from the cookie, if it is known.
pub async fn voter_id(pool: &SqlitePool, token: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM topic_voters WHERE token_hash = ?")
        .bind(token_hash(token))
        .fetch_optional(pool)
        .await
}

/// A new voter with a fresh token (returned for the cookie), unless this IP brought
/// too many new voters this hour.
pub async fn new_voter(pool: &SqlitePool, ip: &str, now: i64) -> Result<(i64, String), TopicError> {
    let token = new_token();
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO topic_voters (token_hash, ip, created_at)
         SELECT ?1, ?2, ?3
         WHERE (SELECT count(*) FROM topic_voters WHERE ip = ?2 AND created_at > ?3 - 3600) < ?4
         RETURNING id",
    )
    .bind(token_hash(&token))
    .bind(ip)
    .bind(now)
    .bind(MAX_NEW_VOTERS_PER_HOUR)
    .fetch_optional(pool)
    .await?;
    id.map(|id| (id, token)).ok_or(TopicError::TooManyVoters)
}

/// Whether this IP may still vote this hour.
pub async fn may_vote(pool: &SqlitePool, ip: &str, now: i64) -> Result<bool, sqlx::Error> {
    let count: i64 =
        sqlx::query_scalar("SELECT count(*) FROM topic_votes WHERE ip = ? AND created_at > ?")
            .bind(ip)
            .bind(now - HOUR)
            .fetch_one(pool)
            .await?;
    Ok(count < MAX_VOTES_PER_HOUR)
}

/// Whether the suggestion exists and is open for votes.
pub async fn is_open(pool: &SqlitePool, suggestion_id: i64) -> Result<bool, sqlx::Error> {
    let open: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM topic_suggestions WHERE id = ? AND status = 'open'")
            .bind(suggestion_id)
            .fetch_optional(pool)
            .await?;
    Ok(open.is_some())
}

/// One vote; a second one by the same voter does not count.
pub async fn vote(
    pool: &SqlitePool,
    suggestion_id: i64,
    voter_id: i64,
    ip: &str,
    now: i64,
) -> Result<VoteOutcome, TopicError> {
    forget_old_personal_data(pool, now).await?;
    let inserted = sqlx::query(
        "INSERT OR IGNORE INTO topic_votes (suggestion_id, voter_id, ip, created_at)
         SELECT ?1, ?2, ?3, ?4
         WHERE EXISTS (SELECT 1 FROM topic_suggestions WHERE id = ?1 AND status = 'open')
           AND (SELECT count(*) FROM topic_votes WHERE ip = ?3 AND created_at > ?4 - 3600) < ?5",
    )
    .bind(suggestion_id)
    .bind(voter_id)
    .bind(ip)
    .bind(now)
    .bind(MAX_VOTES_PER_HOUR)
    .execute(pool)
    .await?
    .rows_affected();
    if inserted == 1 {
        return Ok(VoteOutcome::Voted);
    }
    if !is_open(pool, suggestion_id).await? {
        return Err(TopicError::NotFound);
    }
    let exists: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM topic_votes WHERE suggestion_id = ? AND voter_id = ?")
            .bind(suggestion_id)
            .bind(voter_id)
            .fetch_optional(pool)
            .await?;
    if exists.is_some() {
        Ok(VoteOutcome::AlreadyVoted)
    } else {
        Err(TopicError::TooManyVotes)
    }
}

/// Takes a vote back (only while the suggestion is open).
pub async fn withdraw(
    pool: &SqlitePool,
    suggestion_id: i64,
    voter_id: i64,
) -> Result<VoteOutcome, TopicError> {
    if !is_open(pool, suggestion_id).await? {
        return Err(TopicError::NotFound);
    }
    let deleted = sqlx::query("DELETE FROM topic_votes WHERE suggestion_id = ? AND voter_id = ?")
        .bind(suggestion_id)
        .bind(voter_id)
        .execute(pool)
        .await?
        .rows_affected();
    Ok(if deleted == 1 {
        VoteOutcome::Withdrawn
    } else {
        VoteOutcome::NotVoted
    })
}

#[derive(Debug, Serialize, sqlx::FromRow)]
struct TriageState {
    status: String,
    session_id: Option<i64>,
    decline_reason: String,
}

/// Records a coordinator's decision, with an audit row, in one transaction.
pub async fn triage(
    pool: &SqlitePool,
    user: &crate::accounts::CurrentUser,
    suggestion_id: i64,
    decision: &Triage,
) -> Result<(), EditError> {
    let mut tx = pool.begin().await?;
    let before: Option<TriageState> = sqlx::query_as(
        "SELECT status, session_id, decline_reason FROM topic_suggestions WHERE id = ?",
    )
    .bind(suggestion_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(before) = before else {
        return Err(EditError::NotFound);
    };
    let (name, email, topic): (String, String, String) =
        sqlx::query_as("SELECT name, email, text FROM topic_suggestions WHERE id = ?")
            .bind(suggestion_id)
            .fetch_one(&mut *tx)
            .await?;
    let mut planned_in: Option<(String, String)> = None;
    let after = match decision {
        Triage::Planned { session } => {
            let found: Option<(i64, String)> = sqlx::query_as(
                "SELECT id, title FROM learning_sessions WHERE slug = ? AND status IN ('draft', 'published')",
            )
            .bind(session)
            .fetch_optional(&mut *tx)
            .await?;
            let session_id = found.map(|(id, title)| {
                planned_in = Some((title, session.clone()));
                id
            });
            let Some(session_id) = session_id else {
                let mut errors = FieldErrors::default();
                errors.add(
                    &format!("session-{suggestion_id}"),
                    "Deze sessie bestaat niet (meer). Kies een sessie uit de lijst.",
                );
                return Err(EditError::Invalid(errors));
            };
            TriageState {
                status: "planned".into(),
                session_id: Some(session_id),
                decline_reason: String::new(),
            }
        }
        Triage::Declined { reason } => TriageState {
            status: "declined".into(),
            session_id: None,
            decline_reason: reason.clone(),
        },
    };
    sqlx::query(
        "UPDATE topic_suggestions SET status = ?, session_id = ?, decline_reason = ? WHERE id = ?",
    )
    .bind(&after.status)
    .bind(after.session_id)
    .bind(&after.decline_reason)
    .bind(suggestion_id)
    .execute(&mut *tx)
    .await?;
    crate::editing::audit::record(
        &mut tx,
        user,
        crate::editing::audit::AuditAction::Update,
        "topic_suggestion",
        suggestion_id,
        Some(&before),
        Some(&after),
    )
    .await?;
    // The suggester hears of a new decision (not of the same one saved again), in the same
    // transaction, so the mail goes if and only if the decision stands.
    let changed = (&before.status, before.session_id, &before.decline_reason)
        != (&after.status, after.session_id, &after.decline_reason);
    let notice = match decision {
        Triage::Planned { .. } => planned_in
            .as_ref()
            .map(|(title, slug)| super::TriageNotice::Planned { title, slug }),
        Triage::Declined { reason } => Some(super::TriageNotice::Declined { reason }),
    };
    if let Some(notice) = notice.filter(|_| changed && !email.trim().is_empty()) {
        crate::mail::enqueue(
            &mut tx,
            &super::triage_mail(&name, &email, &topic, &notice),
            None,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Demo suggestions with a few votes, inside the demo seed's transaction.
pub async fn seed_demo(tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>) -> Result<(), sqlx::Error> {
    // 2026-11-02 09:00 UTC, then a few days apart: the demo is the same every time.
    let start = 1_793_610_000_i64;
    let voters: Vec<i64> = {
        let mut ids = Vec::new();
        for n in 0..6 {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO topic_voters (token_hash, created_at) VALUES (?, ?) RETURNING id",
            )
            .bind(token_hash(&format!("demo-stemmer-{n}")))
            .bind(start)
            .fetch_one(&mut **tx)
            .await?;
            ids.push(id);
        }
        ids
    };
    #[allow(clippy::type_complexity)]
    let suggestions: [(&str, &str, Option<&str>, &str, &str, &str, Option<&str>, &str, usize); 4] = [
        ("vacancy",
         "Hoe krijg je eigenaren van leegstaande panden aan tafel als ze ver weg wonen? Ik hoor graag hoe andere gebieden dat hebben aangepakt.",
         Some("havenstraat"), "Marieke Jansen", "marieke.jansen@voorbeeld.nl", "open", None, "", 5),
        ("sustainability",
         "Samen inkopen van zonnepanelen en ledverlichting voor een hele winkelstraat: wie heeft daar ervaring mee?",
         None, "Ahmed Bouzid", "ahmed@voorbeeld.nl", "open", None, "", 2),
        ("branding",
         "Een gezamenlijke huisstijl voor de etalages in ons centrum: hoe begin je zoiets en wie betaalt het?",
         Some("lindenplein"), "Joke de Boer", "joke.deboer@voorbeeld.nl", "planned", Some("werkplaats-branding"), "", 3),
        ("accessibility",
         "Gratis parkeren op zaterdag in alle winkelgebieden van de stad.",
         None, "Kees Smit", "kees.smit@voorbeeld.nl", "declined", None,
         "Over parkeertarieven beslist de gemeenteraad; dat past niet in een leersessie. We geven het voorstel door aan het team Mobiliteit.", 1),
    ];
    for (n, (theme, text, area, name, email, status, session, reason, votes)) in
        suggestions.into_iter().enumerate()
    {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO topic_suggestions (theme_key, text, area_id, name, email, status, session_id,
                 decline_reason, created_at)
             VALUES (?, ?, (SELECT id FROM areas WHERE slug = ?), ?, ?, ?,
                 (SELECT id FROM learning_sessions WHERE slug = ?), ?, ?)
             RETURNING id",
        )
        .bind(theme)
        .bind(text)
        .bind(area)
        .bind(name)
        .bind(email)
        .bind(status)
        .bind(session)
        .bind(reason)
        .bind(start + n as i64 * 3 * DAY)
        .fetch_one(&mut **tx)
        .await?;
        for voter in voters.iter().take(votes) {
            sqlx::query(
                "INSERT INTO topic_votes (suggestion_id, voter_id, created_at) VALUES (?, ?, ?)",
            )
            .bind(id)
            .bind(voter)
            .bind(start + n as i64 * 3 * DAY + HOUR)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}
