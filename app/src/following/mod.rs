//! Follow by mail, without an account: an area, a theme, or all new sessions.
//!
//! Someone enters an address on an area profile, a theme dossier or the agenda; nothing is
//! sent until they confirm by the link in a mail (double opt-in). News is recorded as it
//! happens (`news`, mostly by triggers) and goes out at once or in one weekly digest per
//! person (Monday 08:00 in Amsterdam; no mail in a week without news). Every mail carries
//! a one-click unsubscribe (RFC 8058) and a link to a page where the person manages all
//! they follow; those links are derived from the follower's id with a keyed hash
//! ([`links`]), so no link needs storing and a lost mail costs nothing.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod links;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod pages;
pub mod updates;

use crate::editing::FieldErrors;
use serde::{Deserialize, Serialize};

coded_enum!(
    /// What one follows.
    SubjectKind {
        Area = "area" => "Gebied",
        Theme = "theme" => "Thema",
        Sessions = "sessions" => "Alle nieuwe sessies",
    }
);

coded_enum!(
    Frequency {
        Instant = "instant" => "Meteen",
        Weekly = "weekly" => "Eén keer per week",
    }
);

coded_enum!(
    NewsKind {
        SessionNew = "session_new" => "Nieuwe sessie",
        SessionChanged = "session_changed" => "Sessie gewijzigd",
        OpgaveStatus = "opgave_status" => "Opgave",
        LibraryItem = "library_item" => "Nieuw in de kennisbank",
        Figures = "figures" => "Nieuwe cijfers",
        Update = "update" => "Bericht van de coördinator",
        Proposal = "proposal" => "Voorstel",
    }
);

/// Unconfirmed follows are deleted after this many days.
pub const UNCONFIRMED_DAYS: i64 = 7;
/// Confirmation mails to one address per day (a form can be filled in with anyone's address).
pub const MAX_CONFIRMATIONS_PER_ADDRESS_PER_DAY: i64 = 3;
/// Follow requests from one IP per hour.
pub const MAX_REQUESTS_PER_IP_PER_HOUR: i64 = 20;
/// Instant mails wait this long, so a few quick edits become one mail.
pub const INSTANT_DELAY_SECS: i64 = 60;
pub const PAGE_PATH: &str = "/volgen";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum FollowError {
    #[error("Niet alle velden zijn goed ingevuld.")]
    Invalid(FieldErrors),
    #[error("Vanaf uw internetverbinding is het afgelopen uur al vaak gevraagd om iets te volgen. Probeer het over een uur opnieuw.")]
    TooManyFollowRequests,
    #[error("Deze link is niet (meer) geldig. Vraag eventueel opnieuw om te volgen.")]
    LinkNotValid,
    #[error("Dit lukt op dit moment niet. Probeer het over een paar minuten opnieuw.")]
    Unavailable,
    #[error("De verbinding met de server mislukte. Probeer het opnieuw.")]
    Transport(String),
}

impl FollowError {
    /// The HTTP status that says what happened (see `crate::status`).
    pub fn status(&self) -> u16 {
        match self {
            FollowError::Invalid(_) => 422,
            FollowError::TooManyFollowRequests => 429,
            FollowError::LinkNotValid => 404,
            FollowError::Unavailable => 503,
            FollowError::Transport(_) => 400,
        }
    }
}

impl leptos::server_fn::error::FromServerFnError for FollowError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;
    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        FollowError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for FollowError {
    fn from(error: sqlx::Error) -> Self {
        log::error!("following query failed: {error}");
        FollowError::Unavailable
    }
}

/// The follow form as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FollowForm {
    pub subject: String,
    /// The area's slug or the theme's key; empty for all sessions.
    pub key: String,
    pub email: String,
    pub frequency: String,
    pub consent: bool,
}

/// Checks a follow request; Dutch messages per field.
pub fn validate_follow(form: &FollowForm) -> (FieldErrors, Option<(SubjectKind, Frequency)>) {
    let mut errors = FieldErrors::default();
    let subject = SubjectKind::from_code(&form.subject);
    if subject.is_none() || form.key.len() > 100 {
        errors.add("form", "Dit kunt u niet volgen.");
    }
    if let Some(problem) = crate::sessions::email_problem(&form.email) {
        errors.add("email", problem);
    }
    let frequency = Frequency::from_code(&form.frequency);
    if frequency.is_none() {
        errors.add("frequency", "Kies hoe vaak u mail wilt krijgen.");
    }
    if !form.consent {
        errors.add(
            "consent",
            "Geef toestemming om uw e-mailadres hiervoor te bewaren.",
        );
    }
    match (subject, frequency) {
        (Some(subject), Some(frequency)) if errors.is_empty() => {
            (errors, Some((subject, frequency)))
        }
        _ => (errors, None),
    }
}

/// One thing someone follows, for their manage page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Followed {
    pub id: i64,
    pub subject: SubjectKind,
    /// "Lindenplein", "Leegstand", or "Alle nieuwe sessies".
    pub name: String,
    /// Where it is on the site.
    pub path: String,
    pub frequency: Frequency,
    pub confirmed: bool,
}

/// The manage page's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagePage {
    pub email: String,
    pub follows: Vec<Followed>,
}

/// A follow confirmation link, looked at before confirming.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingFollow {
    pub name: String,
    pub frequency: Frequency,
}

/// Local midnight-free arithmetic for the digest: the latest Monday 08:00 in Amsterdam at
/// or before `now` (unix seconds).
pub fn digest_week_start(now: i64) -> i64 {
    let offset = crate::sessions::amsterdam_offset(now);
    let local = now + offset;
    let days = local.div_euclid(86_400);
    // 1970-01-01 was a Thursday: Monday is 0 here.
    let weekday = (days + 3).rem_euclid(7);
    let mut monday_eight = (days - weekday) * 86_400 + 8 * 3600;
    if monday_eight > local {
        monday_eight -= 7 * 86_400;
    }
    // Monday 08:00 is never near a clock change (those are on Sundays at 01:00 UTC), so the
    // offset a day later is the offset then.
    monday_eight - crate::sessions::amsterdam_offset(monday_eight - 3600)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_week_starts_on_monday_at_eight_in_amsterdam() {
        // Monday 2026-11-30 08:00 CET is 07:00 UTC.
        let monday = 1_796_022_000;
        assert_eq!(crate::sessions::amsterdam_time(monday), "2026-11-30T08:00");
        assert_eq!(digest_week_start(monday), monday);
        assert_eq!(digest_week_start(monday - 1), monday - 7 * 86_400);
        assert_eq!(digest_week_start(monday + 6 * 86_400), monday);
        // In summer time: Monday 2026-06-01 08:00 CEST is 06:00 UTC.
        let summer = 1_780_293_600;
        assert_eq!(crate::sessions::amsterdam_time(summer), "2026-06-01T08:00");
        assert_eq!(digest_week_start(summer + 3600), summer);
        // The week after the clocks went back (Sunday 2026-10-25): Monday 26 at 08:00 CET.
        let after_change = 1_792_998_000;
        assert_eq!(
            crate::sessions::amsterdam_time(after_change),
            "2026-10-26T08:00"
        );
        assert_eq!(digest_week_start(after_change + 86_400), after_change);
    }

    #[test]
    fn a_follow_needs_a_subject_an_address_a_frequency_and_consent() {
        let form = FollowForm {
            subject: "area".into(),
            key: "lindenplein".into(),
            email: "sanne@voorbeeld.nl".into(),
            frequency: "weekly".into(),
            consent: true,
        };
        assert_eq!(
            validate_follow(&form).1,
            Some((SubjectKind::Area, Frequency::Weekly))
        );
        let bad = FollowForm {
            subject: "iets".into(),
            email: "geen adres".into(),
            frequency: "".into(),
            consent: false,
            ..form
        };
        let (errors, valid) = validate_follow(&bad);
        assert_eq!(valid, None);
        for field in ["form", "email", "frequency", "consent"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
    }
}
