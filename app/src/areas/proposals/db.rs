//! Database functions for proposals (server only).

use super::*;
use crate::accounts::session::{new_token, token_hash};
use sqlx::{SqliteConnection, SqlitePool};

fn is_token(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

pub async fn threshold(conn: &mut SqliteConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT support_threshold FROM proposal_settings WHERE id = 1")
        .fetch_one(conn)
        .await
}

pub async fn set_threshold(pool: &SqlitePool, value: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE proposal_settings SET support_threshold = ? WHERE id = 1")
        .bind(value)
        .execute(pool)
        .await
        .map(|_| ())
}

async fn event(
    conn: &mut SqliteConnection,
    id: i64,
    kind: ProposalEvent,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO proposal_events (proposal_id, kind, at) VALUES (?, ?, ?)")
        .bind(id)
        .bind(kind.code())
        .bind(now)
        .execute(conn)
        .await
        .map(|_| ())
}

/// A new proposal, unconfirmed, and its confirmation mail, in one transaction.
pub async fn propose(
    pool: &SqlitePool,
    slug: &str,
    form: &ProposalForm,
    ip: &str,
    now: i64,
) -> Result<i64, ProposalError> {
    let themes: Vec<String> = sqlx::query_scalar("SELECT key FROM themes WHERE retired_at IS NULL")
        .fetch_all(pool)
        .await?;
    let errors = validate_proposal(form, &themes);
    if !errors.is_empty() {
        return Err(ProposalError::Invalid(errors));
    }
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let area: Option<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM areas WHERE slug = ? AND archived_at IS NULL")
            .bind(slug)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((area_id, area_name)) = area else {
        return Err(ProposalError::NotFound);
    };
    let from_ip: i64 =
        sqlx::query_scalar("SELECT count(*) FROM proposals WHERE ip = ? AND created_at > ?")
            .bind(ip)
            .bind(now - 3600)
            .fetch_one(&mut *tx)
            .await?;
    if from_ip >= MAX_PROPOSALS_PER_IP_PER_HOUR {
        return Err(ProposalError::TooManyFromHere);
    }
    let email = crate::sessions::normalised_email(&form.email);
    let open: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM proposals WHERE email = ? AND status = 'open'
           AND (confirmed_at IS NOT NULL OR created_at > ?)",
    )
    .bind(&email)
    .bind(now - UNCONFIRMED_DAYS * 86_400)
    .fetch_one(&mut *tx)
    .await?;
    if open >= MAX_OPEN_PER_ADDRESS {
        return Err(ProposalError::TooManyOpen);
    }
    let token = new_token();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO proposals (area_id, title, description, theme_key, role, organisation, name, email,
             consent_at, confirm_hash, ip, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(area_id)
    .bind(form.title.trim())
    .bind(form.description.trim())
    .bind(&form.theme)
    .bind(&form.role)
    .bind(form.organisation.trim())
    .bind(form.name.trim())
    .bind(&email)
    .bind(now)
    .bind(token_hash(&token))
    .bind(ip)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let to = super::mail::Person {
        name: form.name.trim(),
        email: &email,
    };
    crate::mail::enqueue(
        &mut tx,
        &super::mail::confirm_proposal(&to, form.title.trim(), &area_name, &token),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// What a confirmation link (of a proposal or a support) confirms, if still valid.
pub async fn pending(
    pool: &SqlitePool,
    token: &str,
    now: i64,
) -> Result<Option<PendingConfirmation>, sqlx::Error> {
    if !is_token(token) {
        return Ok(None);
    }
    let hash = token_hash(token);
    let since = now - UNCONFIRMED_DAYS * 86_400;
    let row: Option<(String, String, bool)> = sqlx::query_as(
        "SELECT p.title, a.name, 0 FROM proposals p JOIN areas a ON a.id = p.area_id
         WHERE p.confirm_hash = ?1 AND p.created_at > ?2
         UNION ALL
         SELECT p.title, a.name, 1 FROM proposal_supports s JOIN proposals p ON p.id = s.proposal_id
         JOIN areas a ON a.id = p.area_id
         WHERE s.confirm_hash = ?1 AND s.created_at > ?2 AND p.status = 'open'",
    )
    .bind(&hash)
    .bind(since)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(title, area_name, support)| PendingConfirmation {
        title,
        area_name,
        support,
    }))
}

/// Confirms a proposal or a support by its link (once). Returns the proposal's page.
pub async fn confirm(pool: &SqlitePool, token: &str, now: i64) -> Result<String, ProposalError> {
    if !is_token(token) {
        return Err(ProposalError::LinkNotValid);
    }
    let hash = token_hash(token);
    let since = now - UNCONFIRMED_DAYS * 86_400;
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let proposal: Option<i64> = sqlx::query_scalar(
        "UPDATE proposals SET confirmed_at = ?1, confirm_hash = NULL
         WHERE confirm_hash = ?2 AND created_at > ?3 RETURNING id",
    )
    .bind(now)
    .bind(&hash)
    .bind(since)
    .fetch_optional(&mut *tx)
    .await?;
    let id = match proposal {
        Some(id) => {
            event(&mut tx, id, ProposalEvent::Published, now).await?;
            id
        }
        None => {
            let support: Option<i64> = sqlx::query_scalar(
                "UPDATE proposal_supports SET confirmed_at = ?1, confirm_hash = NULL
                 WHERE confirm_hash = ?2 AND created_at > ?3
                   AND proposal_id IN (SELECT id FROM proposals WHERE status = 'open')
                 RETURNING proposal_id",
            )
            .bind(now)
            .bind(&hash)
            .bind(since)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(id) = support else {
                return Err(ProposalError::LinkNotValid);
            };
            // The support that reaches the threshold marks the proposal ready (once).
            let supports: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM proposal_supports WHERE proposal_id = ? AND confirmed_at IS NOT NULL",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            let marked: Option<i64> = sqlx::query_scalar(
                "SELECT 1 FROM proposal_events WHERE proposal_id = ? AND kind = 'ready'",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            if supports >= threshold(&mut tx).await? && marked.is_none() {
                event(&mut tx, id, ProposalEvent::Ready, now).await?;
            }
            id
        }
    };
    let slug: String = sqlx::query_scalar(
        "SELECT a.slug FROM proposals p JOIN areas a ON a.id = p.area_id WHERE p.id = ?",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(format!("/gebieden/{slug}/voorstellen/{id}"))
}

/// A support, unconfirmed, and its confirmation mail. A second support from the same
/// address (in any case) is the same support: its link is sent again, nothing doubles.
pub async fn support(
    pool: &SqlitePool,
    proposal_id: i64,
    name: &str,
    email: &str,
    consent: bool,
    ip: &str,
    now: i64,
) -> Result<(), ProposalError> {
    let mut errors = FieldErrors::default();
    validate_person(name, email, consent, &mut errors);
    if !errors.is_empty() {
        return Err(ProposalError::Invalid(errors));
    }
    let email = crate::sessions::normalised_email(email);
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let proposal: Option<(String, String)> = sqlx::query_as(
        "SELECT p.title, a.name FROM proposals p JOIN areas a ON a.id = p.area_id
         WHERE p.id = ? AND p.status = 'open' AND p.confirmed_at IS NOT NULL AND p.hidden = 0",
    )
    .bind(proposal_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((title, area_name)) = proposal else {
        return Err(ProposalError::NotFound);
    };
    let from_ip: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM proposal_supports WHERE ip = ? AND created_at > ?",
    )
    .bind(ip)
    .bind(now - 3600)
    .fetch_one(&mut *tx)
    .await?;
    if from_ip >= MAX_SUPPORTS_PER_IP_PER_HOUR {
        return Err(ProposalError::TooManyFromHere);
    }
    let mails_today: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM mail_outbox WHERE recipient = ? AND kind = 'support_confirm' AND created_at > ?",
    )
    .bind(&email)
    .bind(now - 86_400)
    .fetch_one(&mut *tx)
    .await?;
    let existing: Option<Option<i64>> = sqlx::query_scalar(
        "SELECT confirmed_at FROM proposal_supports WHERE proposal_id = ? AND email = ?",
    )
    .bind(proposal_id)
    .bind(&email)
    .fetch_optional(&mut *tx)
    .await?;
    // Already confirmed, or enough mails today: the same answer, nothing more.
    if matches!(existing, Some(Some(_))) || mails_today >= MAX_SUPPORT_MAILS_PER_DAY {
        return Ok(());
    }
    let token = new_token();
    sqlx::query(
        "INSERT INTO proposal_supports (proposal_id, name, email, confirm_hash, ip, created_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (proposal_id, email) DO UPDATE SET
             name = excluded.name, confirm_hash = excluded.confirm_hash, ip = excluded.ip,
             created_at = excluded.created_at",
    )
    .bind(proposal_id)
    .bind(name.trim())
    .bind(&email)
    .bind(token_hash(&token))
    .bind(ip)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let to = super::mail::Person {
        name: name.trim(),
        email: &email,
    };
    crate::mail::enqueue(
        &mut tx,
        &super::mail::confirm_support(&to, &title, &area_name, &token),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A report (one per IP per proposal); the third hides the proposal until a coordinator
/// looks at it. Returns the area's slug if the proposal is now hidden.
pub async fn report(
    pool: &SqlitePool,
    proposal_id: i64,
    ip: &str,
    now: i64,
) -> Result<Option<String>, ProposalError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let visible: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM proposals WHERE id = ? AND confirmed_at IS NOT NULL AND hidden = 0",
    )
    .bind(proposal_id)
    .fetch_optional(&mut *tx)
    .await?;
    if visible.is_none() {
        return Err(ProposalError::NotFound);
    }
    sqlx::query(
        "INSERT OR IGNORE INTO proposal_reports (proposal_id, ip, created_at) VALUES (?, ?, ?)",
    )
    .bind(proposal_id)
    .bind(ip)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let reports: i64 =
        sqlx::query_scalar("SELECT count(*) FROM proposal_reports WHERE proposal_id = ?")
            .bind(proposal_id)
            .fetch_one(&mut *tx)
            .await?;
    let hide = reports >= REPORTS_TO_HIDE;
    if hide {
        sqlx::query("UPDATE proposals SET hidden = 1 WHERE id = ?")
            .bind(proposal_id)
            .execute(&mut *tx)
            .await?;
        event(&mut tx, proposal_id, ProposalEvent::Hidden, now).await?;
    }
    let slug: String = sqlx::query_scalar(
        "SELECT a.slug FROM proposals p JOIN areas a ON a.id = p.area_id WHERE p.id = ?",
    )
    .bind(proposal_id)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(hide.then_some(slug))
}

/// A triage decision.
#[derive(Clone, Debug, PartialEq)]
pub enum Decision {
    Adopt,
    Merge {
        opgave_id: i64,
    },
    Decline {
        reason: DeclineReason,
        text: String,
    },
    /// Visible again after reports that were unfounded.
    Show,
}

/// Decides an open proposal of the area: writes the opgave (adopt), the status, the public
/// history and news, and mails the proposer and every confirmed supporter, in one
/// transaction. `Ok(None)` if there is no such open proposal; else the opgave id, if any.
pub async fn decide(
    tx: &mut SqliteConnection,
    area_id: i64,
    proposal_id: i64,
    decision: &Decision,
    now: i64,
) -> Result<Option<Option<i64>>, sqlx::Error> {
    let row: Option<(String, String, String, String, String, bool)> = sqlx::query_as(
        "SELECT p.title, p.description, p.theme_key, p.name, p.email, p.hidden FROM proposals p
         WHERE p.id = ? AND p.area_id = ? AND p.status = 'open' AND p.confirmed_at IS NOT NULL",
    )
    .bind(proposal_id)
    .bind(area_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((title, description, theme, name, email, hidden)) = row else {
        return Ok(None);
    };
    if *decision == Decision::Show {
        if !hidden {
            return Ok(None);
        }
        sqlx::query("UPDATE proposals SET hidden = 0 WHERE id = ?")
            .bind(proposal_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM proposal_reports WHERE proposal_id = ?")
            .bind(proposal_id)
            .execute(&mut *tx)
            .await?;
        event(&mut *tx, proposal_id, ProposalEvent::Shown, now).await?;
        return Ok(Some(None));
    }
    let (status, opgave_id, reason, text, kind) = match decision {
        Decision::Adopt => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO opgaves (area_id, title, description, theme_key, status, owner)
                 VALUES (?, ?, ?, ?, 'open', '') RETURNING id",
            )
            .bind(area_id)
            .bind(&title)
            .bind(&description)
            .bind(&theme)
            .fetch_one(&mut *tx)
            .await?;
            (
                ProposalStatus::Adopted,
                Some(id),
                None,
                String::new(),
                ProposalEvent::Adopted,
            )
        }
        Decision::Merge { opgave_id } => {
            let exists: Option<i64> =
                sqlx::query_scalar("SELECT id FROM opgaves WHERE id = ? AND area_id = ?")
                    .bind(opgave_id)
                    .bind(area_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            if exists.is_none() {
                return Ok(None);
            }
            (
                ProposalStatus::Merged,
                Some(*opgave_id),
                None,
                String::new(),
                ProposalEvent::Merged,
            )
        }
        Decision::Decline { reason, text } => (
            ProposalStatus::Declined,
            None,
            Some(*reason),
            text.clone(),
            ProposalEvent::Declined,
        ),
        Decision::Show => unreachable!("handled above"),
    };
    sqlx::query(
        "UPDATE proposals SET status = ?, opgave_id = ?, decline_reason = ?, decision_text = ?,
             decided_at = ?, hidden = 0 WHERE id = ?",
    )
    .bind(status.code())
    .bind(opgave_id)
    .bind(reason.map(|r| r.code()))
    .bind(&text)
    .bind(now)
    .bind(proposal_id)
    .execute(&mut *tx)
    .await?;
    event(&mut *tx, proposal_id, kind, now).await?;
    let slug: String = sqlx::query_scalar("SELECT slug FROM areas WHERE id = ?")
        .bind(area_id)
        .fetch_one(&mut *tx)
        .await?;
    let path = format!("/gebieden/{slug}/voorstellen/{proposal_id}");
    sqlx::query(
        "INSERT INTO news (kind, area_id, title, detail, path, occurred_at) VALUES ('proposal', ?, ?, ?, ?, ?)",
    )
    .bind(area_id)
    .bind(&title)
    .bind(status.code())
    .bind(&path)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let opgave_title: Option<String> = match opgave_id {
        Some(id) => {
            sqlx::query_scalar("SELECT title FROM opgaves WHERE id = ?")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
        }
        None => None,
    };
    let told = super::mail::Decided {
        title: &title,
        status,
        reason,
        text: &text,
        opgave: opgave_title.as_deref(),
        path: &path,
    };
    let proposer = super::mail::Person {
        name: &name,
        email: &email,
    };
    crate::mail::enqueue(
        &mut *tx,
        &super::mail::decided(&proposer, &told, true),
        None,
    )
    .await?;
    let supporters: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, email FROM proposal_supports WHERE proposal_id = ? AND confirmed_at IS NOT NULL ORDER BY id",
    )
    .bind(proposal_id)
    .fetch_all(&mut *tx)
    .await?;
    for (name, email) in &supporters {
        let to = super::mail::Person { name, email };
        crate::mail::enqueue(&mut *tx, &super::mail::decided(&to, &told, false), None).await?;
    }
    Ok(Some(opgave_id))
}

#[derive(sqlx::FromRow)]
struct CardRow {
    id: i64,
    title: String,
    description: String,
    theme: String,
    role: String,
    organisation: String,
    supports: i64,
    ready: bool,
    status: String,
    decline_reason: Option<String>,
    decision_text: String,
    opgave_id: Option<i64>,
    opgave_title: Option<String>,
    hidden: bool,
}

const CARDS: &str = "
    SELECT p.id, p.title, p.description, t.label AS theme, p.role, p.organisation,
           (SELECT count(*) FROM proposal_supports s WHERE s.proposal_id = p.id AND s.confirmed_at IS NOT NULL) AS supports,
           EXISTS (SELECT 1 FROM proposal_events e WHERE e.proposal_id = p.id AND e.kind = 'ready') AS ready,
           p.status, p.decline_reason, p.decision_text, p.opgave_id, o.title AS opgave_title, p.hidden
    FROM proposals p JOIN themes t ON t.key = p.theme_key LEFT JOIN opgaves o ON o.id = p.opgave_id
    WHERE p.confirmed_at IS NOT NULL";

fn card(row: CardRow) -> ProposalCard {
    let role = crate::sessions::AttendeeRole::from_code(&row.role)
        .map(|r| r.label())
        .unwrap_or("Anders");
    ProposalCard {
        id: row.id,
        title: row.title,
        description: row.description,
        theme: row.theme,
        proposed_by: if row.organisation.is_empty() {
            role.to_string()
        } else {
            format!("{role}, {}", row.organisation)
        },
        supports: row.supports,
        ready: row.ready,
        status: ProposalStatus::from_code(&row.status).unwrap_or(ProposalStatus::Open),
        decline_reason: row
            .decline_reason
            .as_deref()
            .and_then(DeclineReason::from_code),
        decision_text: row.decision_text,
        opgave: row.opgave_id.zip(row.opgave_title),
        hidden: row.hidden,
    }
}

/// The confirmed proposals of an area: (open, decided, hidden). Most supported first.
pub async fn of_area(
    pool: &SqlitePool,
    area_id: i64,
) -> Result<(Vec<ProposalCard>, Vec<ProposalCard>, Vec<ProposalCard>), sqlx::Error> {
    let rows: Vec<CardRow> = sqlx::query_as(&format!(
        "{CARDS} AND p.area_id = ? ORDER BY p.status <> 'open', supports DESC, p.id DESC"
    ))
    .bind(area_id)
    .fetch_all(pool)
    .await?;
    let (mut open, mut decided, mut hidden) = (Vec::new(), Vec::new(), Vec::new());
    for card in rows.into_iter().map(card) {
        match (card.hidden, card.status) {
            (true, _) => hidden.push(card),
            (false, ProposalStatus::Open) => open.push(card),
            _ => decided.push(card),
        }
    }
    Ok((open, decided, hidden))
}

/// One confirmed proposal of an area, with its history; `None` if there is none (or it is
/// hidden and `with_hidden` is false).
pub async fn one(
    pool: &SqlitePool,
    area_id: i64,
    id: i64,
    with_hidden: bool,
) -> Result<Option<(ProposalCard, Vec<(ProposalEvent, String)>)>, sqlx::Error> {
    let row: Option<CardRow> = sqlx::query_as(&format!("{CARDS} AND p.area_id = ? AND p.id = ?"))
        .bind(area_id)
        .bind(id)
        .fetch_optional(pool)
        .await?;
    let Some(card) = row.map(card).filter(|c| with_hidden || !c.hidden) else {
        return Ok(None);
    };
    let events: Vec<(String, i64)> = sqlx::query_as(
        "SELECT kind, at FROM proposal_events WHERE proposal_id = ? ORDER BY at, id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let history = events
        .into_iter()
        .filter_map(|(kind, at)| {
            let kind = ProposalEvent::from_code(&kind)?;
            let date = crate::ui::format::dutch_date(&crate::sessions::amsterdam_time(at)[..10]);
            Some((kind, date))
        })
        .collect();
    Ok(Some((card, history)))
}

/// Unconfirmed proposals and supports after a week; IPs after a day; names and addresses
/// 90 days after the decision (the counts stay).
pub async fn forget_in_time(pool: &SqlitePool, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let week = now - UNCONFIRMED_DAYS * 86_400;
    sqlx::query("DELETE FROM proposals WHERE confirmed_at IS NULL AND created_at < ?")
        .bind(week)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM proposal_supports WHERE confirmed_at IS NULL AND created_at < ?")
        .bind(week)
        .execute(&mut *tx)
        .await?;
    for table in ["proposals", "proposal_supports"] {
        sqlx::query(&format!(
            "UPDATE {table} SET ip = NULL WHERE ip IS NOT NULL AND created_at < ?"
        ))
        .bind(now - 86_400)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("DELETE FROM proposal_reports WHERE created_at < ?")
        .bind(now - PERSONAL_DATA_DAYS * 86_400)
        .execute(&mut *tx)
        .await?;
    let decided_before = now - PERSONAL_DATA_DAYS * 86_400;
    sqlx::query(
        "UPDATE proposal_supports SET name = '', email = 'verwijderd-' || id || '@kernpunt.invalid'
         WHERE name <> '' AND proposal_id IN (SELECT id FROM proposals WHERE decided_at < ?)",
    )
    .bind(decided_before)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE proposals SET name = '', email = 'verwijderd-' || id || '@kernpunt.invalid'
         WHERE name <> '' AND decided_at < ?",
    )
    .bind(decided_before)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
