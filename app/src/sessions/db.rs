//! Database functions for sessions and registrations (server only).

use super::*;
use crate::accounts::session::{new_token, token_hash};
use sqlx::SqlitePool;

fn now_local() -> String {
    amsterdam_time(crate::accounts::session::now())
}

#[derive(sqlx::FromRow)]
struct CardRow {
    id: i64,
    slug: String,
    kind: String,
    title: String,
    starts_at: String,
    ends_at: String,
    online: bool,
    status: String,
    capacity: i64,
    confirmed: i64,
}

const CARD_SQL: &str = "SELECT s.id, s.slug, s.kind, s.title, s.starts_at, s.ends_at, s.online, s.status, s.capacity,
        (SELECT count(*) FROM registrations r WHERE r.session_id = s.id AND r.status = 'confirmed') AS confirmed
 FROM learning_sessions s";

async fn card(pool: &SqlitePool, row: CardRow) -> Result<SessionCard, sqlx::Error> {
    let themes = sqlx::query_as(
        "SELECT t.key, t.label FROM learning_session_themes x JOIN themes t ON t.key = x.theme_key
         WHERE x.session_id = ? ORDER BY t.position",
    )
    .bind(row.id)
    .fetch_all(pool)
    .await?;
    Ok(SessionCard {
        kind: SessionKind::from_code(&row.kind).unwrap_or(SessionKind::Thematic),
        cancelled: row.status == "cancelled",
        places_left: (row.capacity - row.confirmed).max(0),
        slug: row.slug,
        title: row.title,
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        online: row.online,
        themes,
    })
}

/// Published and cancelled sessions: (upcoming soonest first, past latest first).
pub async fn list(
    pool: &SqlitePool,
    kind: Option<&str>,
    theme: Option<&str>,
    segment: Option<i64>,
) -> Result<(Vec<SessionCard>, Vec<SessionCard>), sqlx::Error> {
    let rows: Vec<CardRow> = sqlx::query_as(&format!(
        "{CARD_SQL} WHERE s.status <> 'draft' AND (?1 IS NULL OR s.kind = ?1)
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM learning_session_themes x WHERE x.session_id = s.id AND x.theme_key = ?2))
           AND (?3 IS NULL OR EXISTS (SELECT 1 FROM learning_session_segments x WHERE x.session_id = s.id AND x.segment_id = ?3))
         ORDER BY s.starts_at"
    ))
    .bind(kind)
    .bind(theme)
    .bind(segment)
    .fetch_all(pool)
    .await?;
    let now = now_local();
    let (mut upcoming, mut past) = (Vec::new(), Vec::new());
    for row in rows {
        let is_past = row.ends_at < now;
        let card = card(pool, row).await?;
        if is_past {
            past.push(card);
        } else {
            upcoming.push(card);
        }
    }
    past.reverse();
    Ok((upcoming, past))
}

#[derive(sqlx::FromRow)]
struct PageRow {
    description: String,
    audience: String,
    case_slug: Option<String>,
    case_name: Option<String>,
    case_question: String,
    address: String,
    facilitator: String,
    signup_deadline: String,
    waiting: i64,
    report: String,
    materials: String,
    recording_url: String,
    report_slug: Option<String>,
    report_title: Option<String>,
}

/// A published (or cancelled) session's public page, or None.
pub async fn page(pool: &SqlitePool, slug: &str) -> Result<Option<SessionPage>, sqlx::Error> {
    let Some(row): Option<CardRow> = sqlx::query_as(&format!(
        "{CARD_SQL} WHERE s.slug = ? AND s.status <> 'draft'"
    ))
    .bind(slug)
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let capacity = row.capacity;
    let extra: PageRow = sqlx::query_as(
        "SELECT s.description, s.audience, a.slug AS case_slug, a.name AS case_name, s.case_question,
                s.address, s.facilitator, s.signup_deadline,
                (SELECT count(*) FROM registrations r WHERE r.session_id = s.id AND r.status = 'waiting') AS waiting,
                s.report, s.materials, s.recording_url, i.slug AS report_slug, i.title AS report_title
         FROM learning_sessions s LEFT JOIN areas a ON a.id = s.case_area_id
         LEFT JOIN library_items i ON i.id = s.report_item_id
         WHERE s.id = ?",
    )
    .bind(row.id)
    .fetch_one(pool)
    .await?;
    let segments = sqlx::query_as(
        "SELECT g.id, g.name FROM learning_session_segments x JOIN stuurwiel_segments g ON g.id = x.segment_id
         WHERE x.session_id = ? ORDER BY g.position",
    )
    .bind(row.id)
    .fetch_all(pool)
    .await?;
    let card = card(pool, row).await?;
    let now = now_local();
    let closed = if card.cancelled {
        Some(SignupError::Cancelled.to_string())
    } else if extra.signup_deadline < now {
        Some(SignupError::DeadlinePassed.to_string())
    } else {
        None
    };
    Ok(Some(SessionPage {
        description_html: crate::editing::markdown::to_safe_html(&extra.description),
        audience: extra.audience,
        case_area: extra.case_slug.zip(extra.case_name),
        case_question: extra.case_question,
        address: extra.address,
        facilitator: extra.facilitator,
        capacity,
        waiting: extra.waiting,
        signup_deadline: extra.signup_deadline,
        closed,
        draft: None,
        segments,
        report_html: crate::editing::markdown::to_safe_html(&extra.report),
        materials_html: crate::editing::markdown::to_safe_html(&extra.materials),
        recording_url: extra.recording_url,
        report_item: extra.report_slug.zip(extra.report_title),
        retention_days: retention_days(),
        card,
    }))
}

static SIGNUP_TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// What a sign-up led to.
#[derive(Debug, PartialEq)]
pub struct SignedUp {
    pub token: String,
    pub status: RegistrationStatus,
}

/// Signs someone up. The capacity check and the insert happen in one write transaction
/// (`BEGIN IMMEDIATE`), so concurrent sign-ups can never overbook: whoever comes after the
/// last place joins the waiting list, in order.
pub async fn sign_up(
    pool: &SqlitePool,
    slug: &str,
    form: &SignupForm,
) -> Result<SignedUp, SignupError> {
    let failed = |error: sqlx::Error| {
        log::error!("sign-up failed: {error}");
        SignupError::Unavailable
    };
    let errors = validate_signup(form);
    if !errors.is_empty() {
        return Err(SignupError::Invalid(errors));
    }
    // Sign-ups queue here, first come first served, instead of in SQLite's busy handler,
    // which lets a waiting connection lose the lock again and again (seconds of tail
    // latency under load, near the busy timeout; see bench/signups.sh).
    let _turn = SIGNUP_TURN.lock().await;
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(failed)?;
    let session: Option<(i64, String, i64, String)> = sqlx::query_as(
        "SELECT id, status, capacity, signup_deadline FROM learning_sessions WHERE slug = ? AND status <> 'draft'",
    )
    .bind(slug)
    .fetch_optional(&mut *tx)
    .await
    .map_err(failed)?;
    let (session_id, status, capacity, deadline) = session.ok_or(SignupError::NotFound)?;
    if status == "cancelled" {
        return Err(SignupError::Cancelled);
    }
    if deadline < now_local() {
        return Err(SignupError::DeadlinePassed);
    }
    let existing: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, name FROM registrations WHERE session_id = ? AND email = ? AND status <> 'cancelled'",
    )
    .bind(session_id)
    .bind(form.email.trim())
    .fetch_optional(&mut *tx)
    .await
    .map_err(failed)?;
    if let Some((registration_id, name)) = existing {
        // A new link to the existing registration goes to that address (never to the
        // screen: whoever typed the address may not own it). At most one per 10 minutes.
        let recent: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM mail_outbox WHERE registration_id = ? AND kind = 'link_again'
                 AND created_at > ?)",
        )
        .bind(registration_id)
        .bind(crate::accounts::session::now() - 600)
        .fetch_one(&mut *tx)
        .await
        .map_err(failed)?;
        if !recent {
            let token = new_token();
            sqlx::query(
                "INSERT INTO registration_links (token_hash, registration_id) VALUES (?, ?)",
            )
            .bind(token_hash(&token))
            .bind(registration_id)
            .execute(&mut *tx)
            .await
            .map_err(failed)?;
            let session = mail_entry(&mut tx, session_id).await.map_err(failed)?;
            let to = mail::Recipient {
                name: &name,
                email: form.email.trim(),
            };
            crate::mail::enqueue(
                &mut tx,
                &mail::link_again(&session, &to, &token),
                Some(registration_id),
            )
            .await
            .map_err(failed)?;
            tx.commit().await.map_err(failed)?;
        }
        return Err(SignupError::Duplicate);
    }
    let (confirmed, last_queue): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM registrations WHERE session_id = ?1 AND status = 'confirmed'),
                (SELECT ifnull(max(queue), 0) FROM registrations WHERE session_id = ?1)",
    )
    .bind(session_id)
    .fetch_one(&mut *tx)
    .await
    .map_err(failed)?;
    let status = if confirmed < capacity {
        RegistrationStatus::Confirmed
    } else {
        RegistrationStatus::Waiting
    };
    let area_id: Option<i64> = if form.area.is_empty() {
        None
    } else {
        sqlx::query_scalar("SELECT id FROM areas WHERE slug = ?")
            .bind(&form.area)
            .fetch_optional(&mut *tx)
            .await
            .map_err(failed)?
    };
    let token = new_token();
    let registration_id: i64 = sqlx::query_scalar(
        "INSERT INTO registrations (session_id, token_hash, name, email, organisation, role, area_id,
             question, consent_at, status, queue)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?) RETURNING id",
    )
    .bind(session_id)
    .bind(token_hash(&token))
    .bind(form.name.trim())
    .bind(form.email.trim())
    .bind(form.organisation.trim())
    .bind(&form.role)
    .bind(area_id)
    .bind(form.question.trim())
    .bind(status.code())
    .bind(last_queue + 1)
    .fetch_one(&mut *tx)
    .await
    .map_err(failed)?;
    let session = mail_entry(&mut tx, session_id).await.map_err(failed)?;
    let to = mail::Recipient {
        name: form.name.trim(),
        email: form.email.trim(),
    };
    let message = if status == RegistrationStatus::Confirmed {
        mail::confirmation(&session, &to, &token)
    } else {
        let position: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM registrations WHERE session_id = ? AND status = 'waiting'",
        )
        .bind(session_id)
        .fetch_one(&mut *tx)
        .await
        .map_err(failed)?;
        mail::waiting(&session, &to, &token, position)
    };
    crate::mail::enqueue(&mut tx, &message, Some(registration_id))
        .await
        .map_err(failed)?;
    tx.commit().await.map_err(failed)?;
    Ok(SignedUp { token, status })
}

/// The registration a personal link (the first one, or one mailed later) belongs to.
const BY_TOKEN: &str = "(SELECT id FROM registrations WHERE token_hash = ?1
     UNION ALL SELECT registration_id FROM registration_links WHERE token_hash = ?1 LIMIT 1)";

/// What the mails need of a session (the same data as its calendar file).
pub async fn mail_entry(
    conn: &mut sqlx::SqliteConnection,
    session_id: i64,
) -> Result<CalendarEntry, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.id, s.sequence, s.starts_at, s.ends_at, s.title, s.description, s.online, s.address,
                s.slug, s.updated_at, s.status = 'cancelled' AS cancelled
         FROM learning_sessions s WHERE s.id = ?",
    )
    .bind(session_id)
    .fetch_one(conn)
    .await
}

/// Gives the first on the waiting list a place, if there is one free, and mails them.
/// Returns whether someone moved up.
pub async fn promote_first(
    conn: &mut sqlx::SqliteConnection,
    session_id: i64,
) -> Result<bool, sqlx::Error> {
    let promoted: Option<(i64, String, String)> = sqlx::query_as(
        "UPDATE registrations SET status = 'confirmed' WHERE id = (
             SELECT id FROM registrations WHERE session_id = ?1 AND status = 'waiting'
               AND (SELECT count(*) FROM registrations WHERE session_id = ?1 AND status = 'confirmed')
                   < (SELECT capacity FROM learning_sessions WHERE id = ?1)
             ORDER BY queue LIMIT 1)
         RETURNING id, name, email",
    )
    .bind(session_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((id, name, email)) = promoted else {
        return Ok(false);
    };
    let session = mail_entry(&mut *conn, session_id).await?;
    let to = mail::Recipient {
        name: &name,
        email: &email,
    };
    crate::mail::enqueue(&mut *conn, &mail::promoted(&session, &to), Some(id)).await?;
    Ok(true)
}

/// The personal page behind a token, or None.
pub async fn registration(
    pool: &SqlitePool,
    token: &str,
) -> Result<Option<RegistrationPage>, sqlx::Error> {
    let row: Option<(i64, i64, String, String, i64, Option<String>, String)> =
        sqlx::query_as(&format!(
            "SELECT r.id, r.session_id, r.name, r.status, r.queue, s.meeting_url, s.address
         FROM registrations r JOIN learning_sessions s ON s.id = r.session_id
         WHERE r.id = {BY_TOKEN}",
        ))
        .bind(token_hash(token))
        .fetch_optional(pool)
        .await?;
    let Some((_, session_id, name, status, queue, meeting_url, address)) = row else {
        return Ok(None);
    };
    let status = RegistrationStatus::from_code(&status).unwrap_or(RegistrationStatus::Cancelled);
    let card_row: CardRow = sqlx::query_as(&format!("{CARD_SQL} WHERE s.id = ?"))
        .bind(session_id)
        .fetch_one(pool)
        .await?;
    let session = card(pool, card_row).await?;
    let waiting_position = if status == RegistrationStatus::Waiting {
        Some(
            sqlx::query_scalar::<_, i64>(
                "SELECT count(*) FROM registrations WHERE session_id = ? AND status = 'waiting' AND queue <= ?",
            )
            .bind(session_id)
            .bind(queue)
            .fetch_one(pool)
            .await?,
        )
    } else {
        None
    };
    let confirmed = status == RegistrationStatus::Confirmed && !session.cancelled;
    Ok(Some(RegistrationPage {
        meeting_url: meeting_url.filter(|_| confirmed && session.online),
        address,
        session,
        name,
        status,
        waiting_position,
    }))
}

/// Cancels a registration by its personal link; see [`cancel_registration`]. Returns
/// whether anything changed.
pub async fn cancel(pool: &SqlitePool, token: &str) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let id: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM registrations WHERE id = {BY_TOKEN}"
    ))
    .bind(token_hash(token))
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Ok(false);
    };
    let changed = cancel_registration(&mut tx, id).await?;
    tx.commit().await?;
    Ok(changed)
}

/// Cancels one registration inside the caller's transaction (by the attendee or the
/// coordinator): the person gets a mail, and a freed place goes to the first on the
/// waiting list, who gets one too. Returns whether anything changed.
pub async fn cancel_registration(
    conn: &mut sqlx::SqliteConnection,
    id: i64,
) -> Result<bool, sqlx::Error> {
    let row: Option<(i64, String, String, String)> =
        sqlx::query_as("SELECT session_id, status, name, email FROM registrations WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((session_id, status, name, email)) = row.filter(|r| r.1 != "cancelled") else {
        return Ok(false);
    };
    sqlx::query(
        "UPDATE registrations SET status = 'cancelled', cancelled_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    let session = mail_entry(&mut *conn, session_id).await?;
    let to = mail::Recipient {
        name: &name,
        email: &email,
    };
    crate::mail::enqueue(
        &mut *conn,
        &mail::cancelled_by_attendee(&session, &to),
        Some(id),
    )
    .await?;
    if status == "confirmed" && !session.cancelled {
        promote_first(&mut *conn, session_id).await?;
    }
    Ok(true)
}

/// Writes one mail per person signed up for a session (only those with a place when
/// `confirmed_only`, otherwise the waiting list too), composed by `compose`, inside the
/// caller's transaction. Returns how many.
pub async fn mail_each(
    conn: &mut sqlx::SqliteConnection,
    session_id: i64,
    confirmed_only: bool,
    compose: impl Fn(&CalendarEntry, &mail::Recipient) -> crate::mail::Outgoing,
) -> Result<usize, sqlx::Error> {
    let session = mail_entry(&mut *conn, session_id).await?;
    let people: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, name, email FROM registrations
         WHERE session_id = ? AND (status = 'confirmed' OR (NOT ? AND status = 'waiting'))
         ORDER BY queue",
    )
    .bind(session_id)
    .bind(confirmed_only)
    .fetch_all(&mut *conn)
    .await?;
    for (id, name, email) in &people {
        let to = mail::Recipient { name, email };
        crate::mail::enqueue(&mut *conn, &compose(&session, &to), Some(*id)).await?;
    }
    Ok(people.len())
}

/// Writes the reminders of sessions starting within 24 hours to the outbox (once per
/// session; only people with a place get one, with the meeting link). Returns how many.
pub async fn queue_reminders(pool: &SqlitePool, now: i64) -> Result<usize, sqlx::Error> {
    let (local_now, local_tomorrow) = (amsterdam_time(now), amsterdam_time(now + 86_400));
    let sessions: Vec<(i64, Option<String>)> = sqlx::query_as(
        "SELECT id, meeting_url FROM learning_sessions
         WHERE status = 'published' AND reminded_at IS NULL AND starts_at > ? AND starts_at <= ?",
    )
    .bind(&local_now)
    .bind(&local_tomorrow)
    .fetch_all(pool)
    .await?;
    let mut queued = 0;
    for (session_id, meeting_url) in sessions {
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        // Checked again inside the write transaction, so two workers never both send.
        let claimed = sqlx::query(
            "UPDATE learning_sessions SET reminded_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
             WHERE id = ? AND reminded_at IS NULL",
        )
        .bind(session_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed == 0 {
            continue;
        }
        queued += mail_each(&mut tx, session_id, true, |session, to| {
            let link = meeting_url.as_deref().filter(|_| session.online);
            mail::reminder(session, to, link)
        })
        .await?;
        tx.commit().await?;
    }
    Ok(queued)
}

/// What a retention purge did.
#[derive(Debug, Default, PartialEq)]
pub struct Purged {
    pub sessions: usize,
    pub registrations: u64,
    pub mails: u64,
}

/// Anonymises the registrations of sessions that ended more than `days` days ago: name,
/// address, organisation and question are removed and the personal links stop working;
/// status, role, area and attendance stay, so the numbers per session remain. Mails in the
/// outbox older than that are deleted too.
pub async fn purge_personal_data(
    pool: &SqlitePool,
    days: u32,
    now: i64,
) -> Result<Purged, sqlx::Error> {
    let cutoff = amsterdam_time(now - i64::from(days) * 86_400);
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let sessions: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM learning_sessions WHERE ends_at < ? AND purged_at IS NULL",
    )
    .bind(&cutoff)
    .fetch_all(&mut *tx)
    .await?;
    let mut purged = Purged {
        sessions: sessions.len(),
        ..Purged::default()
    };
    for id in &sessions {
        sqlx::query(
            "DELETE FROM registration_links WHERE registration_id IN (SELECT id FROM registrations WHERE session_id = ?)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "DELETE FROM mail_outbox WHERE registration_id IN (SELECT id FROM registrations WHERE session_id = ?)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        purged.registrations += sqlx::query(
            "UPDATE registrations SET name = '', email = 'verwijderd-' || id || '@kernpunt.invalid',
                 organisation = '', question = '', token_hash = 'verwijderd-' || id
             WHERE session_id = ?",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        sqlx::query("UPDATE learning_sessions SET purged_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    purged.mails = sqlx::query("DELETE FROM mail_outbox WHERE created_at < ? AND (sent_at IS NOT NULL OR failed_at IS NOT NULL)")
        .bind(now - i64::from(days) * 86_400)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(purged)
}

/// What a calendar file needs of one session.
#[derive(sqlx::FromRow)]
pub struct CalendarEntry {
    pub id: i64,
    pub sequence: i64,
    pub starts_at: String,
    pub ends_at: String,
    pub title: String,
    pub description: String,
    pub online: bool,
    pub address: String,
    pub slug: String,
    pub updated_at: String,
    pub cancelled: bool,
}

/// Published and cancelled sessions (one, one theme's, or all), for calendar files.
pub async fn calendar_entries(
    pool: &SqlitePool,
    slug: Option<&str>,
    theme: Option<&str>,
) -> Result<Vec<CalendarEntry>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.id, s.sequence, s.starts_at, s.ends_at, s.title, s.description, s.online, s.address,
                s.slug, s.updated_at, s.status = 'cancelled' AS cancelled
         FROM learning_sessions s WHERE s.status <> 'draft' AND (?1 IS NULL OR s.slug = ?1)
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM learning_session_themes x
                                      WHERE x.session_id = s.id AND x.theme_key = ?2))
         ORDER BY s.starts_at",
    )
    .bind(slug)
    .bind(theme)
    .fetch_all(pool)
    .await
}

/// The session slug of a registration token.
pub async fn session_of(pool: &SqlitePool, token: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(&format!(
        "SELECT s.slug FROM registrations r JOIN learning_sessions s ON s.id = r.session_id WHERE r.id = {BY_TOKEN}"
    ))
    .bind(token_hash(token))
    .fetch_optional(pool)
    .await
}

/// A few sessions for the demo: upcoming and past, one intervision with a case area, one full.
pub async fn seed_demo(tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>) -> Result<(), sqlx::Error> {
    let sessions: [(&str, &str, &str, &str, &str, &str, bool, i64, &[&str]); 5] = [
        ("leegstand-samen-aanpakken", "thematic", "Leegstand samen aanpakken",
         "Hoe krijgen eigenaren, ondernemers en gemeente een leeg pand weer gevuld? Drie gebieden vertellen wat werkte en wat niet.",
         "2027-01-14T19:30", "2027-01-14T21:00", true, 40, &["vacancy"]),
        ("ondermijning-herkennen", "thematic", "Ondermijning herkennen in je winkelstraat",
         "Signalen van criminele inmenging: wat zie je als straatmanager, en bij wie meld je het?",
         "2027-02-11T19:30", "2027-02-11T21:00", true, 2, &["undermining", "safety"]),
        ("intervisie-lindenplein", "intervision", "Intervisie: de herinrichting van het Lindenplein",
         "Het Lindenplein is de casus: hoe houd je ondernemers betrokken tijdens een lange verbouwing?",
         "2027-01-28T15:00", "2027-01-28T17:00", false, 12, &["public_space", "organisation"]),
        ("werkplaats-branding", "workshop", "Werkplaats: het verhaal van je gebied",
         "Een middag zelf aan de slag met de identiteit en het verhaal van je winkelgebied.",
         "2027-03-18T13:30", "2027-03-18T17:00", false, 20, &["branding"]),
        ("openbare-ruimte-terugblik", "thematic", "Openbare ruimte die uitnodigt",
         "Groen, bankjes en spelen: wat doet de openbare ruimte met de verblijfsduur?",
         "2026-10-08T19:30", "2026-10-08T21:00", true, 40, &["public_space"]),
    ];
    for (slug, kind, title, description, starts, ends, online, capacity, themes) in sessions {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO learning_sessions (slug, kind, title, description, audience, case_area_id, case_question,
                 starts_at, ends_at, online, meeting_url, address, capacity, signup_deadline, facilitator, status)
             VALUES (?1, ?2, ?3, ?4, 'Smaakmakers: ondernemers, vastgoedeigenaren, straatmanagers en ambtenaren.',
                 CASE WHEN ?2 = 'intervision' THEN (SELECT id FROM areas WHERE slug = 'lindenplein') END,
                 CASE WHEN ?2 = 'intervision' THEN 'Hoe houden we ondernemers betrokken tijdens de verbouwing?' ELSE '' END,
                 ?5, ?6, ?7, CASE WHEN ?7 THEN 'https://meet.example.nl/kernpunt-' || ?1 END,
                 CASE WHEN ?7 THEN '' ELSE 'Stadskantoor, zaal 2.14' END, ?8, substr(?5, 1, 10) || 'T12:00',
                 'Coördinatiepunt Vitale Kerngebieden', 'published')
             RETURNING id",
        )
        .bind(slug)
        .bind(kind)
        .bind(title)
        .bind(description)
        .bind(starts)
        .bind(ends)
        .bind(online)
        .bind(capacity)
        .fetch_one(&mut **tx)
        .await?;
        for theme in themes {
            sqlx::query(
                "INSERT INTO learning_session_themes (session_id, theme_key) VALUES (?, ?)",
            )
            .bind(id)
            .bind(theme)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}
