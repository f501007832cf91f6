//! Topic suggestions for sessions, `/sessies/onderwerpen`: anyone suggests a topic, others
//! upvote it, coordinators triage it (planned with a session, or declined with a reason
//! that is shown publicly).
//!
//! Voting needs no account. A browser's first vote gives it a random 256-bit token in an
//! HttpOnly cookie ([`VOTER_COOKIE`]); only the token's hash is stored. The primary key of
//! `topic_votes` allows one vote per suggestion per voter, and the server limits per client
//! IP how many new voters, votes and suggestions an hour may bring, so clearing cookies
//! does not buy unlimited votes.
//!
//! Name and email of the one who suggests are personal data: only coordinators see them,
//! and they are emptied [`RETENTION_DAYS`] days after the suggestion.

use crate::editing::{EditError, FieldErrors};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The cookie that holds a voter's token.
pub const VOTER_COOKIE: &str = "kp_stem";
/// How long a browser keeps its voter token.
pub const VOTER_COOKIE_MAX_AGE: i64 = 365 * 24 * 60 * 60;
/// Per client IP and hour: at most this many new voters (browsers without a token) …
pub const MAX_NEW_VOTERS_PER_HOUR: i64 = 5;
/// … this many votes …
pub const MAX_VOTES_PER_HOUR: i64 = 30;
/// … and this many suggestions.
pub const MAX_SUGGESTIONS_PER_HOUR: i64 = 5;
/// Name and email of a suggestion are emptied this many days after it was made.
pub const RETENTION_DAYS: i64 = 90;
pub const MAX_TEXT: usize = 1000;
pub const MAX_REASON: usize = 500;

coded_enum!(
    TopicStatus {
        Open = "open" => "Open",
        Planned = "planned" => "Gepland",
        Declined = "declined" => "Niet gepland",
    }
);

/// The session a planned suggestion became.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedSession {
    pub slug: String,
    pub title: String,
    pub starts_at: String,
    /// Draft sessions have no public page (and no public title).
    pub public: bool,
}

/// One suggestion as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    pub id: i64,
    pub theme: (String, String),
    pub text: String,
    /// (slug, name)
    pub area: Option<(String, String)>,
    pub votes: i64,
    /// "YYYY-MM-DD" in Europe/Amsterdam.
    pub created_on: String,
    pub status: TopicStatus,
    pub session: Option<PlannedSession>,
    pub decline_reason: String,
    /// Whether this browser voted for it.
    pub voted: bool,
    /// (name, email): only for coordinators, `None` for everyone else.
    pub contact: Option<(String, String)>,
}

/// What a form that could not be saved without JavaScript held.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TopicDraft {
    pub values: BTreeMap<String, String>,
    pub errors: FieldErrors,
}

impl TopicDraft {
    pub fn value(&self, name: &str) -> String {
        self.values.get(name).cloned().unwrap_or_default()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopicsPage {
    pub open: Vec<Topic>,
    pub planned: Vec<Topic>,
    pub declined: Vec<Topic>,
    pub theme_options: Vec<(String, String)>,
    /// The theme filter in force (a known theme key), or empty.
    pub theme_filter: String,
    /// Whether the visitor may triage (then `contact` is filled and sessions are listed).
    pub coordinator: bool,
    /// (slug, label) of draft and published sessions, for planning: coordinators only.
    pub session_options: Vec<(String, String)>,
    pub triage_draft: Option<TopicDraft>,
}

/// What the suggestion form needs (loaded apart from the lists, so refreshing the lists
/// never wipes what someone is typing).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SuggestFormData {
    pub themes: Vec<(String, String)>,
    pub areas: Vec<(String, String)>,
    pub draft: TopicDraft,
}

/// What a vote did. Voting twice is not an error: the second one simply does not count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VoteOutcome {
    Voted,
    AlreadyVoted,
    Withdrawn,
    /// Withdrawing a vote that was not there.
    NotVoted,
}

impl VoteOutcome {
    pub fn code(self) -> &'static str {
        match self {
            VoteOutcome::Voted => "gestemd",
            VoteOutcome::AlreadyVoted => "al-gestemd",
            VoteOutcome::Withdrawn => "ingetrokken",
            VoteOutcome::NotVoted => "niet-gestemd",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            VoteOutcome::Voted => "Uw stem is geteld. Dank u!",
            VoteOutcome::AlreadyVoted => {
                "U had al op dit onderwerp gestemd. Elke stem telt één keer, dus er is niets veranderd."
            }
            VoteOutcome::Withdrawn => "Uw stem is ingetrokken.",
            VoteOutcome::NotVoted => "U had op dit onderwerp nog niet gestemd.",
        }
    }
}

/// Why a suggestion or vote did not go through, in words for the visitor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum TopicError {
    #[error("Niet alle velden zijn goed ingevuld.")]
    Invalid(FieldErrors),
    #[error("Vanaf uw internetverbinding zijn het afgelopen uur al {MAX_SUGGESTIONS_PER_HOUR} onderwerpen voorgesteld. Probeer het over een uur opnieuw.")]
    TooManySuggestions,
    #[error("Vanaf uw internetverbinding is het afgelopen uur al vaak vanuit een nieuwe browser gestemd. Stem vanuit de browser waarmee u eerder stemde, of probeer het over een uur opnieuw.")]
    TooManyVoters,
    #[error("Vanaf uw internetverbinding is het afgelopen uur al {MAX_VOTES_PER_HOUR} keer gestemd. Probeer het over een uur opnieuw.")]
    TooManyVotes,
    #[error("Dit onderwerp bestaat niet (meer) of staat niet meer open voor stemmen.")]
    NotFound,
    #[error("Dit lukt op dit moment niet. Probeer het over een paar minuten opnieuw.")]
    Unavailable,
    #[error("De verbinding met de server mislukte. Probeer het opnieuw.")]
    Transport(String),
}

impl leptos::server_fn::error::FromServerFnError for TopicError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;
    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        TopicError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for TopicError {
    fn from(error: sqlx::Error) -> Self {
        log::error!("topic suggestion query failed: {error}");
        TopicError::Unavailable
    }
}

impl TopicError {
    /// The code in the page's URL after a post without JavaScript (`?bericht=`).
    pub fn code(&self) -> &'static str {
        match self {
            TopicError::TooManySuggestions => "te-veel-voorstellen",
            TopicError::TooManyVoters => "te-veel-stemmers",
            TopicError::TooManyVotes => "te-veel-stemmen",
            TopicError::NotFound => "niet-gevonden",
            TopicError::Invalid(_) | TopicError::Unavailable | TopicError::Transport(_) => {
                "storing"
            }
        }
    }
}

/// The message for a `?bericht=` code: (good news?, text).
pub fn message_for_code(code: &str) -> Option<(bool, String)> {
    let outcomes = [
        VoteOutcome::Voted,
        VoteOutcome::AlreadyVoted,
        VoteOutcome::Withdrawn,
        VoteOutcome::NotVoted,
    ];
    if let Some(outcome) = outcomes.iter().find(|o| o.code() == code) {
        return Some((true, outcome.message().to_string()));
    }
    let errors = [
        TopicError::TooManySuggestions,
        TopicError::TooManyVoters,
        TopicError::TooManyVotes,
        TopicError::NotFound,
        TopicError::Unavailable,
    ];
    if let Some(error) = errors.iter().find(|e| e.code() == code) {
        return Some((false, error.to_string()));
    }
    match code {
        SUGGESTED => Some((true, SUGGESTED_MESSAGE.to_string())),
        TRIAGED => Some((true, TRIAGED_MESSAGE.to_string())),
        _ => None,
    }
}

const SUGGESTED: &str = "voorgesteld";
const SUGGESTED_MESSAGE: &str =
    "Dank u! Uw onderwerp staat nu in de lijst, en anderen kunnen erop stemmen.";
const TRIAGED: &str = "verwerkt";
const TRIAGED_MESSAGE: &str = "Het voorstel is verwerkt.";

/// A suggestion as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SuggestionForm {
    pub theme: String,
    pub text: String,
    /// An area slug, or empty.
    pub area: String,
    pub name: String,
    pub email: String,
}

#[cfg(feature = "ssr")]
impl SuggestionForm {
    fn values(&self) -> BTreeMap<String, String> {
        [
            ("theme", &self.theme),
            ("text", &self.text),
            ("area", &self.area),
            ("name", &self.name),
            ("email", &self.email),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
    }
}

/// Checks a suggestion against the known themes and areas (both `(key, label)`).
pub fn validate_suggestion(
    form: &SuggestionForm,
    themes: &[(String, String)],
    areas: &[(String, String)],
) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if !themes.iter().any(|(key, _)| *key == form.theme) {
        errors.add("theme", "Kies een thema uit de lijst.");
    }
    let text = form.text.trim();
    if text.is_empty() {
        errors.add(
            "text",
            "Beschrijf het onderwerp: wat wilt u met anderen bespreken of leren?",
        );
    } else if text.chars().count() > MAX_TEXT {
        errors.add(
            "text",
            format!(
                "Uw beschrijving is {} tekens; houd het bij hoogstens {MAX_TEXT}.",
                text.chars().count()
            ),
        );
    }
    if !form.area.is_empty() && !areas.iter().any(|(slug, _)| *slug == form.area) {
        errors.add(
            "area",
            "Kies een gebied uit de lijst, of laat het veld leeg.",
        );
    }
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.add("name", "Vul uw naam in (hoogstens 100 tekens).");
    }
    if let Some(problem) = super::email_problem(&form.email) {
        errors.add("email", problem);
    }
    errors
}

/// A coordinator's decision about a suggestion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Triage {
    /// Planned as the session with this slug.
    Planned {
        session: String,
    },
    Declined {
        reason: String,
    },
}

/// Reads a triage form; error keys carry the suggestion's id (`reason-12`), since every
/// open suggestion has its own form on the page.
pub fn validate_triage(
    id: i64,
    decision: &str,
    session: &str,
    reason: &str,
) -> Result<Triage, FieldErrors> {
    let mut errors = FieldErrors::default();
    match decision {
        "planned" => {
            if session.trim().is_empty() {
                errors.add(
                    &format!("session-{id}"),
                    "Kies de sessie waarin dit onderwerp aan bod komt.",
                );
                return Err(errors);
            }
            Ok(Triage::Planned {
                session: session.trim().to_string(),
            })
        }
        "declined" => {
            let reason = reason.trim();
            if reason.is_empty() {
                errors.add(
                    &format!("reason-{id}"),
                    "Geef een reden: die staat openbaar bij het onderwerp.",
                );
            } else if reason.chars().count() > MAX_REASON {
                errors.add(
                    &format!("reason-{id}"),
                    format!("Houd de reden bij hoogstens {MAX_REASON} tekens."),
                );
            }
            if errors.is_empty() {
                Ok(Triage::Declined {
                    reason: reason.to_string(),
                })
            } else {
                Err(errors)
            }
        }
        _ => {
            errors.add(&format!("decision-{id}"), "Kies gepland of niet gepland.");
            Err(errors)
        }
    }
}

/// Finds the voter token in a `Cookie` request header.
#[cfg(feature = "ssr")]
pub fn voter_token_from_cookie_header(header: &str) -> Option<&str> {
    crate::accounts::session::named_token_from_cookie_header(header, VOTER_COOKIE)
}

/// The `Set-Cookie` value that gives a browser its voter token. `Path=/`, because the
/// votes are posted to `/api/…` and the page (which shows what you voted for) is elsewhere.
#[cfg(feature = "ssr")]
pub fn voter_cookie(token: &str, secure: bool) -> String {
    crate::accounts::session::token_cookie(VOTER_COOKIE, token, VOTER_COOKIE_MAX_AGE, secure)
}

/// Whether a request for `path` is personal because of the voter cookie (the page shows
/// what this browser voted for), so the page cache must not store or serve it.
#[cfg(feature = "ssr")]
pub fn is_personal_request(path: &str, cookie_header: &str) -> bool {
    path.starts_with(PAGE_PATH) && voter_token_from_cookie_header(cookie_header).is_some()
}

pub const PAGE_PATH: &str = "/sessies/onderwerpen";

#[cfg(feature = "ssr")]
pub mod db {
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
    pub async fn new_voter(
        pool: &SqlitePool,
        ip: &str,
        now: i64,
    ) -> Result<(i64, String), TopicError> {
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
        let exists: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM topic_votes WHERE suggestion_id = ? AND voter_id = ?",
        )
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
        let deleted =
            sqlx::query("DELETE FROM topic_votes WHERE suggestion_id = ? AND voter_id = ?")
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
        let after = match decision {
            Triage::Planned { session } => {
                let session_id: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM learning_sessions WHERE slug = ? AND status IN ('draft', 'published')",
                )
                .bind(session)
                .fetch_optional(&mut *tx)
                .await?;
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
        tx.commit().await?;
        Ok(())
    }

    /// Demo suggestions with a few votes, inside the demo seed's transaction.
    pub async fn seed_demo(
        tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    ) -> Result<(), sqlx::Error> {
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
}

#[cfg(feature = "ssr")]
fn pool() -> Result<sqlx::SqlitePool, TopicError> {
    crate::db::pool_from_context().ok_or(TopicError::Unavailable)
}

/// The voter token in this request's cookies, if any.
#[cfg(feature = "ssr")]
fn request_voter_token() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(voter_token_from_cookie_header)
        .map(str::to_string)
}

#[cfg(feature = "ssr")]
fn page_url(query: &str, anchor: &str) -> String {
    format!("{PAGE_PATH}?{query}#{anchor}")
}

/// The page's data. Name and email only for coordinators; `concept` brings back a form
/// that could not be saved without JavaScript.
#[server(endpoint = "get_topics")]
pub async fn get_topics(
    #[server(default)] theme: String,
    #[server(default)] concept: String,
) -> Result<TopicsPage, TopicError> {
    let pool = pool()?;
    // Asked quietly: `guard::require` would log every anonymous page view as a refusal.
    let coordinator = crate::accounts::decide(
        crate::accounts::guard::current_user().as_ref(),
        &crate::accounts::Action::Coordinate,
    ) == crate::accounts::Access::Allowed;
    let theme_options = crate::areas::db::themes(&pool).await?;
    let theme_filter = if theme_options.iter().any(|(key, _)| *key == theme) {
        theme
    } else {
        String::new()
    };
    let voter_id = match request_voter_token() {
        Some(token) => db::voter_id(&pool, &token).await?,
        None => None,
    };
    let mut topics = db::list(
        &pool,
        (!theme_filter.is_empty()).then_some(theme_filter.as_str()),
        voter_id,
    )
    .await?;
    if !coordinator {
        for topic in &mut topics {
            topic.contact = None;
            if let Some(session) = &mut topic.session {
                if !session.public {
                    session.slug.clear();
                    session.title.clear();
                }
            }
        }
    }
    let session_options = if coordinator {
        db::session_choices(&pool).await?
    } else {
        Vec::new()
    };
    let triage_draft = if coordinator && !concept.is_empty() {
        crate::editing::drafts::load(&pool, "topics:triage", &concept)
            .await?
            .map(|d| TopicDraft {
                values: d.values,
                errors: d.errors,
            })
    } else {
        None
    };
    let (mut open, mut planned, mut declined) = (Vec::new(), Vec::new(), Vec::new());
    for topic in topics {
        match topic.status {
            TopicStatus::Open => open.push(topic),
            TopicStatus::Planned => planned.push(topic),
            TopicStatus::Declined => declined.push(topic),
        }
    }
    Ok(TopicsPage {
        open,
        planned,
        declined,
        theme_options,
        theme_filter,
        coordinator,
        session_options,
        triage_draft,
    })
}

/// The suggestion form's choices, and (`concept`) what a form that could not be saved
/// without JavaScript held.
#[server(endpoint = "topic_form")]
pub async fn topic_form(#[server(default)] concept: String) -> Result<SuggestFormData, TopicError> {
    let pool = pool()?;
    let draft = if concept.is_empty() {
        None
    } else {
        crate::editing::drafts::load(&pool, "topics:suggest", &concept).await?
    };
    Ok(SuggestFormData {
        themes: crate::areas::db::themes(&pool).await?,
        areas: crate::library::db::area_choices(&pool).await?,
        draft: draft
            .map(|d| TopicDraft {
                values: d.values,
                errors: d.errors,
            })
            .unwrap_or_default(),
    })
}

/// Suggests a topic; open to everyone, limited per IP. Without JavaScript the browser goes
/// back to the page: to the list, or to the form with what was typed and why it failed.
#[server(endpoint = "suggest_topic")]
pub async fn suggest_topic(
    #[server(default)] theme: String,
    #[server(default)] text: String,
    #[server(default)] area: String,
    #[server(default)] name: String,
    #[server(default)] email: String,
) -> Result<i64, TopicError> {
    let pool = pool()?;
    let auth = crate::accounts::guard::request_auth();
    let form = SuggestionForm {
        theme,
        text,
        area,
        name,
        email,
    };
    let result = db::suggest(&pool, &form, &auth.ip, crate::accounts::session::now()).await;
    if crate::accounts::guard::is_plain_form_post() {
        match &result {
            Ok(_) => {
                leptos_axum::redirect(&page_url(&format!("bericht={SUGGESTED}"), "voorstellen"))
            }
            Err(error) => {
                let mut errors = match error {
                    TopicError::Invalid(errors) => errors.clone(),
                    _ => FieldErrors::default(),
                };
                if errors.is_empty() {
                    errors.add("form", error.to_string());
                }
                let draft = crate::editing::drafts::Draft {
                    values: form.values(),
                    errors,
                    preview_html: None,
                };
                if let Ok(token) =
                    crate::editing::drafts::store(&pool, "topics:suggest", &draft).await
                {
                    leptos_axum::redirect(&page_url(&format!("concept={token}"), "voorstellen"));
                }
            }
        }
    }
    result
}

/// Votes for an open suggestion, or (`withdraw=ja`) takes the vote back. A browser's first
/// vote gives it its voter cookie.
#[server(endpoint = "vote_topic")]
pub async fn vote_topic(
    suggestion_id: i64,
    #[server(default)] withdraw: String,
) -> Result<VoteOutcome, TopicError> {
    let result: Result<VoteOutcome, TopicError> = async {
        let pool = pool()?;
        let auth = crate::accounts::guard::request_auth();
        let now = crate::accounts::session::now();
        let known = match request_voter_token() {
            Some(token) => db::voter_id(&pool, &token).await?,
            None => None,
        };
        if withdraw == "ja" {
            return match known {
                Some(voter) => db::withdraw(&pool, suggestion_id, voter).await,
                None => Ok(VoteOutcome::NotVoted),
            };
        }
        if !db::is_open(&pool, suggestion_id).await? {
            return Err(TopicError::NotFound);
        }
        if !db::may_vote(&pool, &auth.ip, now).await? {
            return Err(TopicError::TooManyVotes);
        }
        let voter = match known {
            Some(voter) => voter,
            None => {
                let (voter, token) = db::new_voter(&pool, &auth.ip, now).await?;
                crate::accounts::api::set_cookie(&voter_cookie(&token, auth.secure));
                voter
            }
        };
        db::vote(&pool, suggestion_id, voter, &auth.ip, now).await
    }
    .await;
    if crate::accounts::guard::is_plain_form_post() {
        let code = match &result {
            Ok(outcome) => outcome.code(),
            Err(error) => error.code(),
        };
        leptos_axum::redirect(&page_url(&format!("bericht={code}"), "open-kop"));
    }
    result
}

/// A coordinator plans a suggestion (with a session) or declines it (with a public reason).
#[server(endpoint = "triage_topic")]
pub async fn triage_topic(
    suggestion_id: i64,
    #[server(default)] decision: String,
    #[server(default)] session: String,
    #[server(default)] reason: String,
) -> Result<(), EditError> {
    let user = crate::accounts::guard::require(crate::accounts::Action::Coordinate)?;
    let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
    let result = match validate_triage(suggestion_id, &decision, &session, &reason) {
        Ok(triage) => db::triage(&pool, &user, suggestion_id, &triage).await,
        Err(errors) => Err(EditError::Invalid(errors)),
    };
    if crate::accounts::guard::is_plain_form_post() {
        match &result {
            Ok(()) => leptos_axum::redirect(&page_url(&format!("bericht={TRIAGED}"), "open-kop")),
            Err(error) => {
                let mut errors = match error {
                    EditError::Invalid(errors) => errors.clone(),
                    _ => FieldErrors::default(),
                };
                if errors.is_empty() {
                    errors.add(&format!("form-{suggestion_id}"), error.to_string());
                }
                let values = [
                    ("suggestion_id", suggestion_id.to_string()),
                    ("decision", decision.clone()),
                    ("session", session.clone()),
                    ("reason", reason.clone()),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
                let draft = crate::editing::drafts::Draft {
                    values,
                    errors,
                    preview_html: None,
                };
                if let Ok(token) =
                    crate::editing::drafts::store(&pool, "topics:triage", &draft).await
                {
                    leptos_axum::redirect(&page_url(
                        &format!("concept={token}"),
                        &format!("onderwerp-{suggestion_id}"),
                    ));
                }
            }
        }
    }
    result
}

pub use pages::TopicsPageView;

mod pages {
    //! The page `/sessies/onderwerpen`.

    use super::*;
    use crate::editing::ui::{InputField, SelectField, TextAreaField};
    use crate::ui::{format::dutch_date, layout::set_status, notice::ErrorNotice};
    use leptos_meta::Title;
    use leptos_router::components::Form;
    use leptos_router::hooks::use_query_map;

    type Message = Option<(bool, String)>;

    fn votes_label(votes: i64) -> String {
        if votes == 1 {
            "1 stem".to_string()
        } else {
            format!("{votes} stemmen")
        }
    }

    fn notice((ok, text): (bool, String)) -> impl IntoView {
        let class = if ok {
            "notice notice--ok"
        } else {
            "notice notice--error"
        };
        view! { <div class=class role="status"><p>{text}</p></div> }
    }

    #[component]
    pub fn TopicsPageView() -> impl IntoView {
        let query = use_query_map();
        let theme = move || query.read().get("thema").unwrap_or_default();
        let concept = move || query.read().get("concept").unwrap_or_default();
        let suggest = ServerAction::<SuggestTopic>::new();
        let vote = ServerAction::<VoteTopic>::new();
        let triage = ServerAction::<TriageTopic>::new();
        // The lists are loaded again after a change went through (only then: a failed
        // triage keeps its form as typed).
        let changed = RwSignal::new(0u32);
        // The answer to the last vote or triage (with JavaScript); without, `?bericht=`.
        let flash = RwSignal::new(None::<(bool, String)>);
        Effect::new(move |_| match vote.value().get() {
            Some(Ok(outcome)) => {
                flash.set(Some((true, outcome.message().to_string())));
                changed.update(|n| *n += 1);
            }
            Some(Err(error)) => flash.set(Some((false, error.to_string()))),
            None => {}
        });
        Effect::new(move |_| match triage.value().get() {
            Some(Ok(())) => {
                flash.set(Some((true, TRIAGED_MESSAGE.to_string())));
                changed.update(|n| *n += 1);
            }
            Some(Err(EditError::Invalid(_))) | None => {}
            Some(Err(error)) => flash.set(Some((false, error.to_string()))),
        });
        Effect::new(move |_| {
            if let Some(Ok(_)) = suggest.value().get() {
                changed.update(|n| *n += 1);
            }
        });
        let page = Resource::new(
            move || (theme(), concept(), changed.get()),
            |(theme, concept, _)| get_topics(theme, concept),
        );
        let form = Resource::new(concept, topic_form);
        let url_message = move |for_form: bool| {
            let code = query.read().get("bericht").unwrap_or_default();
            message_for_code(&code).filter(|_| (code == SUGGESTED) == for_form)
        };
        let list_message = Signal::derive(move || flash.get().or_else(|| url_message(false)));
        let form_message = Signal::derive(move || url_message(true));
        view! {
            <Title text="Onderwerpen voor sessies"/>
            <nav aria-label="Kruimelpad" class="breadcrumb">
                <a href="/sessies">"Sessies"</a>" › "<span aria-current="page">"Onderwerpen"</span>
            </nav>
            <h1>"Onderwerpen voor sessies"</h1>
            <p class="lead">
                "Waar wilt u met andere gebieden over praten, of van hen leren? Stel een onderwerp voor, of stem op de onderwerpen van anderen. "
                "De coördinatoren kiezen uit de voorstellen met de meeste stemmen de onderwerpen van komende sessies. "
                <a href="#voorstellen">"Stel zelf een onderwerp voor"</a>
            </p>
            <Transition fallback=|| view! { <p aria-busy="true">"Onderwerpen laden…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <TopicLists page vote triage message=list_message/> }.into_any(),
                        Err(error) => {
                            set_status(503);
                            view! { <ErrorNotice message=error.to_string()/> }.into_any()
                        }
                    }
                })}
            </Transition>
            <section aria-labelledby="voorstellen-kop" id="voorstellen">
                <h2 id="voorstellen-kop">"Onderwerp voorstellen"</h2>
                <Suspense fallback=|| view! { <p aria-busy="true">"Formulier laden…"</p> }>
                    {move || Suspend::new(async move {
                        match form.await {
                            Ok(data) => view! { <SuggestForm suggest data message=form_message/> }.into_any(),
                            Err(error) => view! { <ErrorNotice message=error.to_string()/> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        }
    }

    #[component]
    fn TopicLists(
        page: TopicsPage,
        vote: ServerAction<VoteTopic>,
        triage: ServerAction<TriageTopic>,
        message: Signal<Message>,
    ) -> impl IntoView {
        let filtered = !page.theme_filter.is_empty();
        let TopicsPage {
            open,
            planned,
            declined,
            theme_options,
            theme_filter,
            coordinator,
            session_options,
            triage_draft,
        } = page;
        let context = StoredValue::new((coordinator, session_options, triage_draft));
        let item = move |topic: Topic| {
            let (coordinator, sessions, draft) = context.get_value();
            view! { <TopicItem topic vote triage coordinator sessions draft/> }
        };
        let (empty_open, empty_planned, empty_declined) = if filtered {
            (
                "Er zijn geen open voorstellen over dit thema.",
                "Nog geen voorstellen over dit thema ingepland.",
                "Geen afgewezen voorstellen over dit thema.",
            )
        } else {
            (
                "Er zijn nog geen open voorstellen. Stel als eerste een onderwerp voor!",
                "Nog geen voorstellen ingepland.",
                "Geen afgewezen voorstellen.",
            )
        };
        view! {
            <Form method="GET" action=PAGE_PATH attr:class="filter-form">
                <div class="filter-form__field">
                    <label for="onderwerp-thema">"Thema"</label>
                    <select id="onderwerp-thema" name="thema">
                        <option value="">"Alle thema's"</option>
                        {theme_options.into_iter().map(|(key, label)| {
                            let selected = key == theme_filter;
                            view! { <option value=key selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="filter-form__actions"><button type="submit">"Toon onderwerpen"</button></div>
            </Form>

            <section aria-labelledby="open-kop">
                <h2 id="open-kop">"Open voorstellen"</h2>
                {move || message.get().map(notice)}
                {if open.is_empty() {
                    view! { <p class="empty-state">{empty_open}</p> }.into_any()
                } else {
                    view! {
                        <p class="muted">"Het voorstel met de meeste stemmen staat bovenaan. U kunt één keer op elk voorstel stemmen."</p>
                        <ul class="topics">{open.into_iter().map(item).collect_view()}</ul>
                    }.into_any()
                }}
            </section>

            <section aria-labelledby="gepland-kop">
                <h2 id="gepland-kop">"Gepland"</h2>
                {if planned.is_empty() {
                    view! { <p class="empty-state">{empty_planned}</p> }.into_any()
                } else {
                    view! { <ul class="topics">{planned.into_iter().map(item).collect_view()}</ul> }.into_any()
                }}
            </section>

            <section aria-labelledby="niet-gepland-kop">
                <h2 id="niet-gepland-kop">"Niet gepland"</h2>
                {if declined.is_empty() {
                    view! { <p class="empty-state">{empty_declined}</p> }.into_any()
                } else {
                    view! {
                        <p class="muted">"Deze voorstellen komen niet in een sessie; de reden staat erbij."</p>
                        <ul class="topics">{declined.into_iter().map(item).collect_view()}</ul>
                    }.into_any()
                }}
            </section>
        }
    }

    #[component]
    fn SuggestForm(
        suggest: ServerAction<SuggestTopic>,
        data: SuggestFormData,
        message: Signal<Message>,
    ) -> impl IntoView {
        let stored = data.draft.errors.clone();
        let errors = Signal::derive(move || match suggest.value().get() {
            Some(Err(TopicError::Invalid(errors))) => errors,
            Some(_) => FieldErrors::default(),
            None => stored.clone(),
        });
        let stored_general = data.draft.errors.get("form").cloned();
        let message = move || match suggest.value().get() {
            Some(Ok(_)) => Some((true, SUGGESTED_MESSAGE.to_string())),
            Some(Err(TopicError::Invalid(_))) => None,
            Some(Err(other)) => Some((false, other.to_string())),
            None => stored_general
                .clone()
                .map(|m| (false, m))
                .or_else(|| message.get()),
        };
        let pending = suggest.pending();
        // After a suggestion went in (with JavaScript), the form starts empty again.
        let saved = Memo::new(move |_| {
            suggest
                .value()
                .with(|v| matches!(v, Some(Ok(_))))
                .then(|| suggest.version().get())
        });
        let themes: Vec<(String, String)> =
            std::iter::once((String::new(), "— kies een thema —".to_string()))
                .chain(data.themes)
                .collect();
        let areas: Vec<(String, String)> =
            std::iter::once((String::new(), "Geen bepaald gebied".to_string()))
                .chain(data.areas)
                .collect();
        let draft = StoredValue::new(data.draft);
        let choices = StoredValue::new((themes, areas));
        view! {
            {move || message().map(notice)}
            {move || {
                let fresh = saved.get().is_some();
                let value = move |name: &str| {
                    if fresh {
                        String::new()
                    } else {
                        draft.with_value(|d| d.value(name))
                    }
                };
                let (themes, areas) = choices.get_value();
                view! {
                    <ActionForm action=suggest attr:class="form">
                        <SelectField name="theme" label="Thema" options=themes value=value("theme") errors/>
                        <TextAreaField
                            name="text"
                            label="Onderwerp"
                            hint="Wat wilt u bespreken, of van anderen leren? Hoogstens 1000 tekens."
                            value=value("text")
                            errors
                            rows=5
                        />
                        <SelectField name="area" label="Gebied (optioneel)" options=areas value=value("area") errors/>
                        <InputField name="name" label="Uw naam" value=value("name") autocomplete="name" errors/>
                        <InputField name="email" label="Uw e-mailadres" kind="email" value=value("email") autocomplete="email" errors/>
                        <p class="field__hint">
                            "De coördinatoren gebruiken uw naam en e-mailadres alleen om contact op te nemen over dit onderwerp. "
                            {format!("Ze zijn niet openbaar en worden {RETENTION_DAYS} dagen na uw voorstel verwijderd.")}
                        </p>
                        <div class="form__actions">
                            <button type="submit" disabled=move || pending.get()>
                                {move || if pending.get() { "Bezig met versturen…" } else { "Onderwerp voorstellen" }}
                            </button>
                        </div>
                    </ActionForm>
                }
            }}
        }
    }

    #[component]
    fn TopicItem(
        topic: Topic,
        vote: ServerAction<VoteTopic>,
        triage: ServerAction<TriageTopic>,
        coordinator: bool,
        sessions: Vec<(String, String)>,
        draft: Option<TopicDraft>,
    ) -> impl IntoView {
        let id = topic.id;
        let text_id = format!("onderwerp-{id}-tekst");
        let status_line = match (topic.status, &topic.session) {
            (TopicStatus::Planned, Some(session)) if !session.slug.is_empty() => view! {
                <p class="topic__status"><strong>"Gepland: "</strong>
                    <a href=format!("/sessies/{}", session.slug)>{session.title.clone()}</a>
                    {format!(" ({})", crate::sessions::dutch_datetime(&session.starts_at))}
                </p>
            }
            .into_any(),
            (TopicStatus::Planned, _) => view! {
                <p class="topic__status"><strong>"Gepland"</strong>" — de sessie wordt nog voorbereid."</p>
            }
            .into_any(),
            (TopicStatus::Declined, _) => view! {
                <p class="topic__status"><strong>"Waarom niet: "</strong>{topic.decline_reason.clone()}</p>
            }
            .into_any(),
            (TopicStatus::Open, _) => ().into_any(),
        };
        let vote_form = (topic.status == TopicStatus::Open).then(|| {
            let text_id = text_id.clone();
            if topic.voted {
                view! {
                    <ActionForm action=vote attr:class="inline-form">
                        <input type="hidden" name="suggestion_id" value=id.to_string()/>
                        <input type="hidden" name="withdraw" value="ja"/>
                        <span>"✓ U heeft op dit voorstel gestemd."</span>
                        <button type="submit" aria-describedby=text_id>"Stem intrekken"</button>
                    </ActionForm>
                }
                .into_any()
            } else {
                view! {
                    <ActionForm action=vote attr:class="inline-form">
                        <input type="hidden" name="suggestion_id" value=id.to_string()/>
                        <button type="submit" aria-describedby=text_id>"Stem op dit voorstel"</button>
                    </ActionForm>
                }
                .into_any()
            }
        });
        let contact = topic.contact.clone().map(|(name, email)| {
            if name.is_empty() && email.is_empty() {
                view! { <p class="muted">"Contactgegevens verwijderd (bewaartermijn verstreken)."</p> }.into_any()
            } else {
                view! {
                    <p class="muted">"Voorgesteld door " {name} " · "
                        <a href=format!("mailto:{email}")>{email.clone()}</a>
                        " (alleen zichtbaar voor coördinatoren)"
                    </p>
                }
                .into_any()
            }
        });
        let triage_form = (coordinator && topic.status == TopicStatus::Open)
            .then(|| view! { <TriageForm id sessions draft triage/> });
        view! {
            <li class="topic" id=format!("onderwerp-{id}")>
                <p class="topic__meta">
                    <strong>{topic.theme.1.clone()}</strong>
                    {topic.area.clone().map(|(slug, name)| view! {
                        " · " <a href=format!("/gebieden/{slug}")>{name}</a>
                    })}
                    <span class="muted">{format!(" · voorgesteld op {}", dutch_date(&topic.created_on))}</span>
                </p>
                <p class="topic__text" id=text_id>{topic.text.clone()}</p>
                <p class="topic__votes">{votes_label(topic.votes)}</p>
                {status_line}
                {vote_form}
                {contact}
                {triage_form}
            </li>
        }
    }

    /// A field's error message, linked to the field by id.
    fn error_view(errors: Signal<FieldErrors>, key: String) -> impl IntoView {
        move || {
            errors.get().get(&key).cloned().map(|message| {
                view! { <p class="field__error" id=format!("{key}-fout")>{message}</p> }
            })
        }
    }

    #[component]
    fn TriageForm(
        id: i64,
        sessions: Vec<(String, String)>,
        draft: Option<TopicDraft>,
        triage: ServerAction<TriageTopic>,
    ) -> impl IntoView {
        // A draft belongs to this form only if it was about this suggestion.
        let draft = draft.filter(|d| d.value("suggestion_id") == id.to_string());
        let stored = draft.as_ref().map(|d| d.errors.clone()).unwrap_or_default();
        let errors = Signal::derive(move || match triage.value().get() {
            Some(Err(EditError::Invalid(errors))) => errors,
            Some(_) => FieldErrors::default(),
            None => stored.clone(),
        });
        let (session_key, reason_key, form_key) = (
            format!("session-{id}"),
            format!("reason-{id}"),
            format!("form-{id}"),
        );
        let has_error = move |key: &String| {
            let key = key.clone();
            move || errors.get().get(&key).is_some()
        };
        let described = move |key: &String| {
            let key = key.clone();
            move || {
                errors
                    .get()
                    .get(&key)
                    .is_some()
                    .then(|| format!("{key}-fout"))
            }
        };
        let value = |name: &str| draft.as_ref().map(|d| d.value(name)).unwrap_or_default();
        let chosen_session = value("session");
        let reason = value("reason");
        let session_field = format!("sessie-{id}");
        let reason_field = format!("reden-{id}");
        view! {
            <details class="topic__triage" open=draft.is_some()>
                <summary>"Verwerken (coördinator)"</summary>
                {error_view(errors, form_key)}
                <ActionForm action=triage attr:class="form">
                    <input type="hidden" name="suggestion_id" value=id.to_string()/>
                    <input type="hidden" name="decision" value="planned"/>
                    <div class="field" class:field--invalid=has_error(&session_key)>
                        <label for=session_field.clone()>"In welke sessie komt het aan bod?"</label>
                        {error_view(errors, session_key.clone())}
                        <select
                            id=session_field
                            name="session"
                            aria-invalid={ let invalid = has_error(&session_key); move || invalid().then_some("true") }
                            aria-describedby=described(&session_key)
                        >
                            <option value="">"— kies een sessie —"</option>
                            {sessions.into_iter().map(|(slug, label)| {
                                let selected = slug == chosen_session;
                                view! { <option value=slug selected=selected>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="form__actions"><button type="submit">"Markeer als gepland"</button></div>
                </ActionForm>
                <ActionForm action=triage attr:class="form">
                    <input type="hidden" name="suggestion_id" value=id.to_string()/>
                    <input type="hidden" name="decision" value="declined"/>
                    <div class="field" class:field--invalid=has_error(&reason_key)>
                        <label for=reason_field.clone()>"Of: waarom komt het niet in een sessie? (openbaar)"</label>
                        {error_view(errors, reason_key.clone())}
                        <textarea
                            id=reason_field
                            name="reason"
                            rows="3"
                            aria-invalid={ let invalid = has_error(&reason_key); move || invalid().then_some("true") }
                            aria-describedby=described(&reason_key)
                        >{reason}</textarea>
                    </div>
                    <div class="form__actions"><button type="submit" class="button--secondary">"Markeer als niet gepland"</button></div>
                </ActionForm>
            </details>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn themes() -> Vec<(String, String)> {
        vec![("vacancy".into(), "Aanpak leegstand".into())]
    }

    fn areas() -> Vec<(String, String)> {
        vec![("lindenplein".into(), "Lindenplein".into())]
    }

    fn form() -> SuggestionForm {
        SuggestionForm {
            theme: "vacancy".into(),
            text: "Hoe vullen we lege panden?".into(),
            area: String::new(),
            name: "Sanne".into(),
            email: "sanne@voorbeeld.nl".into(),
        }
    }

    fn errors_for(form: SuggestionForm) -> Vec<String> {
        validate_suggestion(&form, &themes(), &areas())
            .0
            .into_keys()
            .collect()
    }

    #[test]
    fn a_good_suggestion_passes() {
        assert!(errors_for(form()).is_empty());
        assert!(errors_for(SuggestionForm {
            area: "lindenplein".into(),
            ..form()
        })
        .is_empty());
        // 1000 characters exactly (not bytes: ë is two bytes).
        assert!(errors_for(SuggestionForm {
            text: "ë".repeat(MAX_TEXT),
            ..form()
        })
        .is_empty());
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let cases = [
            (
                SuggestionForm {
                    theme: "onbekend".into(),
                    ..form()
                },
                "theme",
            ),
            (
                SuggestionForm {
                    text: "   ".into(),
                    ..form()
                },
                "text",
            ),
            (
                SuggestionForm {
                    text: "x".repeat(MAX_TEXT + 1),
                    ..form()
                },
                "text",
            ),
            (
                SuggestionForm {
                    area: "bestaat-niet".into(),
                    ..form()
                },
                "area",
            ),
            (
                SuggestionForm {
                    name: "".into(),
                    ..form()
                },
                "name",
            ),
            (
                SuggestionForm {
                    email: "geen-adres".into(),
                    ..form()
                },
                "email",
            ),
            (
                SuggestionForm {
                    email: "a@b".into(),
                    ..form()
                },
                "email",
            ),
            (
                SuggestionForm {
                    email: "".into(),
                    ..form()
                },
                "email",
            ),
        ];
        for (form, field) in cases {
            assert_eq!(
                errors_for(form.clone()),
                vec![field.to_string()],
                "{form:?}"
            );
        }
    }

    #[test]
    fn triage_needs_a_session_or_a_reason() {
        assert_eq!(
            validate_triage(7, "planned", "werkplaats", ""),
            Ok(Triage::Planned {
                session: "werkplaats".into()
            })
        );
        assert_eq!(
            validate_triage(7, "declined", "", " Past niet. "),
            Ok(Triage::Declined {
                reason: "Past niet.".into()
            })
        );
        let keys =
            |r: Result<Triage, FieldErrors>| r.unwrap_err().0.into_keys().collect::<Vec<_>>();
        assert_eq!(keys(validate_triage(7, "planned", " ", "")), ["session-7"]);
        assert_eq!(keys(validate_triage(7, "declined", "", "  ")), ["reason-7"]);
        assert_eq!(
            keys(validate_triage(
                7,
                "declined",
                "",
                &"x".repeat(MAX_REASON + 1)
            )),
            ["reason-7"]
        );
        assert_eq!(keys(validate_triage(7, "weg", "", "")), ["decision-7"]);
    }

    #[test]
    fn voter_cookie_round_trip() {
        let token = "ab".repeat(32);
        let cookie = voter_cookie(&token, true);
        assert!(
            cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Lax")
                && cookie.ends_with("Secure")
        );
        let header = format!("kernpunt_sessie=x; {}", cookie.split(';').next().unwrap());
        assert_eq!(
            voter_token_from_cookie_header(&header),
            Some(token.as_str())
        );
        assert_eq!(voter_token_from_cookie_header("kp_stem=kort"), None);
        assert!(is_personal_request("/sessies/onderwerpen", &header));
        assert!(!is_personal_request("/sessies", &header));
        assert!(!is_personal_request(
            "/sessies/onderwerpen",
            "kernpunt_sessie=x"
        ));
    }

    #[test]
    fn every_message_code_reads_back() {
        for code in [
            "gestemd",
            "al-gestemd",
            "ingetrokken",
            "voorgesteld",
            "verwerkt",
        ] {
            assert!(message_for_code(code).unwrap().0, "{code}");
        }
        for code in [
            "te-veel-stemmers",
            "te-veel-stemmen",
            "te-veel-voorstellen",
            "niet-gevonden",
            "storing",
        ] {
            assert!(!message_for_code(code).unwrap().0, "{code}");
        }
        assert_eq!(message_for_code("<script>"), None);
    }

    #[cfg(feature = "ssr")]
    mod database {
        use super::super::*;

        async fn pool() -> sqlx::SqlitePool {
            let pool = crate::db::test_pool().await;
            crate::demo::seed(&pool).await.unwrap();
            pool
        }

        fn form() -> SuggestionForm {
            SuggestionForm {
                theme: "vacancy".into(),
                text: "Pop-upwinkels in lege panden".into(),
                area: "lindenplein".into(),
                name: "Sanne".into(),
                email: "sanne@voorbeeld.nl".into(),
            }
        }

        #[tokio::test]
        async fn suggestions_are_limited_per_ip_per_hour() {
            let pool = pool().await;
            let now = 1_800_000_000;
            for _ in 0..MAX_SUGGESTIONS_PER_HOUR {
                db::suggest(&pool, &form(), "10.0.0.1", now).await.unwrap();
            }
            assert_eq!(
                db::suggest(&pool, &form(), "10.0.0.1", now).await,
                Err(TopicError::TooManySuggestions)
            );
            // Another IP, or the same an hour later, may.
            db::suggest(&pool, &form(), "10.0.0.2", now).await.unwrap();
            db::suggest(&pool, &form(), "10.0.0.1", now + 3601)
                .await
                .unwrap();
        }

        #[tokio::test]
        async fn one_vote_per_voter_and_it_can_be_taken_back() {
            let pool = pool().await;
            let now = 1_800_000_000;
            let id = db::suggest(&pool, &form(), "10.0.0.1", now).await.unwrap();
            let (voter, token) = db::new_voter(&pool, "10.0.0.1", now).await.unwrap();
            assert_eq!(db::voter_id(&pool, &token).await.unwrap(), Some(voter));
            let stored: String =
                sqlx::query_scalar("SELECT token_hash FROM topic_voters WHERE id = ?")
                    .bind(voter)
                    .fetch_one(&pool)
                    .await
                    .unwrap();
            assert_ne!(stored, token, "only the hash is stored");
            assert_eq!(
                db::vote(&pool, id, voter, "10.0.0.1", now).await,
                Ok(VoteOutcome::Voted)
            );
            assert_eq!(
                db::vote(&pool, id, voter, "10.0.0.1", now).await,
                Ok(VoteOutcome::AlreadyVoted)
            );
            let votes = |pool: sqlx::SqlitePool| async move {
                sqlx::query_scalar::<_, i64>(
                    "SELECT count(*) FROM topic_votes WHERE suggestion_id = ?",
                )
                .bind(id)
                .fetch_one(&pool)
                .await
                .unwrap()
            };
            assert_eq!(votes(pool.clone()).await, 1);
            assert_eq!(
                db::withdraw(&pool, id, voter).await,
                Ok(VoteOutcome::Withdrawn)
            );
            assert_eq!(
                db::withdraw(&pool, id, voter).await,
                Ok(VoteOutcome::NotVoted)
            );
            assert_eq!(votes(pool.clone()).await, 0);
            assert_eq!(
                db::vote(&pool, 999_999, voter, "10.0.0.1", now).await,
                Err(TopicError::NotFound)
            );
        }

        #[tokio::test]
        async fn new_voters_and_votes_are_limited_per_ip() {
            let pool = pool().await;
            let now = 1_800_000_000;
            for _ in 0..MAX_NEW_VOTERS_PER_HOUR {
                db::new_voter(&pool, "10.0.0.9", now).await.unwrap();
            }
            assert_eq!(
                db::new_voter(&pool, "10.0.0.9", now).await.map(|_| ()),
                Err(TopicError::TooManyVoters)
            );
            let (voter, _) = db::new_voter(&pool, "10.0.0.8", now).await.unwrap();
            let mut ids = Vec::new();
            for n in 0..=MAX_VOTES_PER_HOUR {
                // Suggestions from many IPs, so only the vote limit is in play.
                ids.push(
                    db::suggest(&pool, &form(), &format!("10.1.0.{n}"), now)
                        .await
                        .unwrap(),
                );
            }
            for id in &ids[..MAX_VOTES_PER_HOUR as usize] {
                assert_eq!(
                    db::vote(&pool, *id, voter, "10.0.0.8", now).await,
                    Ok(VoteOutcome::Voted)
                );
            }
            assert!(!db::may_vote(&pool, "10.0.0.8", now).await.unwrap());
            assert_eq!(
                db::vote(
                    &pool,
                    ids[MAX_VOTES_PER_HOUR as usize],
                    voter,
                    "10.0.0.8",
                    now
                )
                .await,
                Err(TopicError::TooManyVotes)
            );
        }

        #[tokio::test]
        async fn personal_data_is_forgotten_in_time() {
            let pool = pool().await;
            let now = 1_800_000_000;
            let id = db::suggest(&pool, &form(), "10.0.0.1", now).await.unwrap();
            db::forget_old_personal_data(&pool, now + 2 * 24 * 3600)
                .await
                .unwrap();
            let row: (String, String, Option<String>) =
                sqlx::query_as("SELECT name, email, ip FROM topic_suggestions WHERE id = ?")
                    .bind(id)
                    .fetch_one(&pool)
                    .await
                    .unwrap();
            assert_eq!(row, ("Sanne".into(), "sanne@voorbeeld.nl".into(), None));
            db::forget_old_personal_data(&pool, now + (RETENTION_DAYS + 1) * 24 * 3600)
                .await
                .unwrap();
            let row: (String, String) =
                sqlx::query_as("SELECT name, email FROM topic_suggestions WHERE id = ?")
                    .bind(id)
                    .fetch_one(&pool)
                    .await
                    .unwrap();
            assert_eq!(row, (String::new(), String::new()));
        }

        #[tokio::test]
        async fn the_demo_has_open_planned_and_declined_topics() {
            let pool = pool().await;
            let topics = db::list(&pool, None, None).await.unwrap();
            let count = |status| topics.iter().filter(|t| t.status == status).count();
            assert_eq!(
                (
                    count(TopicStatus::Open),
                    count(TopicStatus::Planned),
                    count(TopicStatus::Declined)
                ),
                (2, 1, 1)
            );
            assert!(topics[0].votes >= topics[1].votes, "most votes first");
            let planned = topics
                .iter()
                .find(|t| t.status == TopicStatus::Planned)
                .unwrap();
            assert_eq!(
                planned.session.as_ref().unwrap().slug,
                "werkplaats-branding"
            );
        }
    }
}
