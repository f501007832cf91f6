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

impl TopicError {
    /// The HTTP status that says what happened (see `crate::status`).
    pub fn status(&self) -> u16 {
        match self {
            TopicError::Invalid(_) => 422,
            TopicError::TooManySuggestions
            | TopicError::TooManyVoters
            | TopicError::TooManyVotes => 429,
            TopicError::NotFound => 404,
            TopicError::Unavailable => 503,
            TopicError::Transport(_) => 400,
        }
    }
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

/// What the suggester of a topic hears when a coordinator decides on it.
#[derive(Clone, Debug, PartialEq)]
pub enum TriageNotice<'a> {
    Planned { title: &'a str, slug: &'a str },
    Declined { reason: &'a str },
}

/// The mail to a suggester who left an address: planned (with the session's link) or
/// declined (with the reason, as shown on the topics page).
#[cfg(feature = "ssr")]
pub fn triage_mail(
    name: &str,
    email: &str,
    topic: &str,
    notice: &TriageNotice,
) -> crate::mail::Outgoing {
    let base = crate::mail::public_url();
    let greeting = match name.trim() {
        "" => "Beste,".to_string(),
        name => format!("Beste {name},"),
    };
    let (kind, subject, news) = match notice {
        TriageNotice::Planned { title, slug } => (
            "topic_planned",
            format!("Uw onderwerp komt aan bod: {title}"),
            format!(
                "Uw voorstel ‘{topic}’ komt aan bod in de sessie ‘{title}’. Aanmelden en alle details: {base}/sessies/{slug}"
            ),
        ),
        TriageNotice::Declined { reason } => (
            "topic_declined",
            "Over uw voorgestelde onderwerp".to_string(),
            format!(
                "Uw voorstel ‘{topic}’ plannen we niet in. De reden: {reason}\n\nAndere voorstellen en de sessies die gepland zijn: {base}{PAGE_PATH}"
            ),
        ),
    };
    crate::mail::Outgoing {
        kind,
        recipient: email.trim().to_string(),
        subject,
        body: format!(
            "{greeting}\n\n{news}\n\nDank voor uw voorstel.\n\nMet vriendelijke groet,\nCoördinatiepunt Vitale Kerngebieden\n\n--\nU krijgt dit bericht één keer, omdat u bij uw voorstel uw e-mailadres gaf. Meer over uw gegevens: {base}/privacy\n"
        ),
        attachment: None,
    }
}

mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub use api::*;
mod pages;
pub use pages::TopicsPageView;

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
