//! Stedelijk leren: sessions (monthly thematic sessions, intervision, workshops) and
//! sign-ups without an account, with a waiting list and a personal link per registration.
//!
//! Every change that concerns an attendee writes its mail to the outbox in the same
//! transaction (`mail`); personal data is anonymised some days after the session
//! (`db::purge_personal_data`).

pub mod admin;
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod ics;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod mine;
pub mod pages;
pub mod topics;

use serde::{Deserialize, Serialize};

coded_enum!(
    SessionKind {
        Thematic = "thematic" => "Themasessie",
        Intervision = "intervision" => "Intervisie",
        Workshop = "workshop" => "Werkplaats",
    }
);

coded_enum!(
    /// Who signs up, in the programme's own words.
    AttendeeRole {
        Entrepreneur = "entrepreneur" => "Ondernemer",
        Property = "property" => "Vastgoed",
        Municipality = "municipality" => "Gemeente",
        StreetManager = "street_manager" => "Straatmanager",
        BusinessContactOfficer = "business_contact_officer" => "Bedrijfscontactfunctionaris",
        DistrictManager = "district_manager" => "Wijkmanager",
        Resident = "resident" => "Bewoner",
        Other = "other" => "Anders",
    }
);

coded_enum!(
    RegistrationStatus {
        Confirmed = "confirmed" => "Aangemeld",
        Waiting = "waiting" => "Op de wachtlijst",
        Cancelled = "cancelled" => "Afgemeld",
    }
);

/// Personal data of registrations is anonymised this many days after the session, unless
/// the server is configured otherwise (`KERNPUNT_RETENTION_DAYS`).
pub const RETENTION_DAYS: u32 = 90;

#[cfg(feature = "ssr")]
static RETENTION: std::sync::OnceLock<u32> = std::sync::OnceLock::new();

/// Sets the retention period; once, at start-up.
#[cfg(feature = "ssr")]
pub fn set_retention_days(days: u32) {
    let _ = RETENTION.set(days);
}

/// Days after a session that its registrations' personal data is kept.
#[cfg(feature = "ssr")]
pub fn retention_days() -> u32 {
    RETENTION.get().copied().unwrap_or(RETENTION_DAYS)
}

/// A session as the public sees it (never with the meeting link).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionCard {
    pub slug: String,
    pub kind: SessionKind,
    pub title: String,
    pub starts_at: String,
    pub ends_at: String,
    pub online: bool,
    pub cancelled: bool,
    pub places_left: i64,
    pub themes: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionPage {
    pub card: SessionCard,
    pub description_html: String,
    pub audience: String,
    pub case_area: Option<(String, String)>,
    pub case_question: String,
    pub address: String,
    pub facilitator: String,
    pub capacity: i64,
    pub waiting: i64,
    pub signup_deadline: String,
    /// Why signing up is not possible now, if it is not.
    pub closed: Option<String>,
    /// Stuurwiel segments as (id, name), linking to their learning paths.
    pub segments: Vec<(i64, String)>,
    /// After the session (empty until the coordinator writes them).
    pub report_html: String,
    pub materials_html: String,
    pub recording_url: String,
    /// The report as published in the kennisbank: (slug, title).
    pub report_item: Option<(String, String)>,
    pub retention_days: u32,
    /// What a form that could not be saved without JavaScript held.
    pub draft: Option<SignupDraft>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SignupDraft {
    pub values: std::collections::BTreeMap<String, String>,
    pub errors: crate::editing::FieldErrors,
}

/// The personal page of one registration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegistrationPage {
    pub session: SessionCard,
    pub name: String,
    pub status: RegistrationStatus,
    /// 1 for the first on the waiting list.
    pub waiting_position: Option<i64>,
    /// Only while confirmed, and only for online sessions.
    pub meeting_url: Option<String>,
    pub address: String,
}

/// Why a sign-up did not go through, in words for the visitor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum SignupError {
    #[error("Niet alle velden zijn goed ingevuld.")]
    Invalid(crate::editing::FieldErrors),
    #[error("U bent al aangemeld voor deze sessie met dit e-mailadres. We hebben een link naar uw aanmelding naar dat adres gestuurd; daarmee kunt u uw aanmelding bekijken of afmelden.")]
    Duplicate,
    #[error("De aanmeldtermijn voor deze sessie is voorbij.")]
    DeadlinePassed,
    #[error("Deze sessie gaat niet door; aanmelden kan niet meer.")]
    Cancelled,
    #[error("Deze sessie bestaat niet (meer).")]
    NotFound,
    #[error("Aanmelden lukt op dit moment niet. Probeer het over een paar minuten opnieuw.")]
    Unavailable,
    #[error("De verbinding met de server mislukte. Probeer het opnieuw.")]
    Transport(String),
}

impl SignupError {
    /// The HTTP status that says what happened (see `crate::status`).
    pub fn status(&self) -> u16 {
        match self {
            SignupError::Invalid(_) => 422,
            SignupError::Duplicate | SignupError::DeadlinePassed | SignupError::Cancelled => 409,
            SignupError::NotFound => 404,
            SignupError::Unavailable => 503,
            SignupError::Transport(_) => 400,
        }
    }
}

impl leptos::server_fn::error::FromServerFnError for SignupError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;
    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        SignupError::Transport(value.to_string())
    }
}

/// The sign-up form as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SignupForm {
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub role: String,
    pub area: String,
    pub question: String,
    pub consent: bool,
}

/// What is wrong with an e-mail address someone typed, if anything (the same rule for
/// sign-ups and topic suggestions).
pub fn email_problem(email: &str) -> Option<&'static str> {
    let email = email.trim();
    let valid = email.len() <= 200
        && !email.contains(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    (!valid).then_some("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")
}

/// An address as the public forms store and compare it: trimmed, in lower case.
pub fn normalised_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Checks a sign-up on the server; Dutch messages per field.
pub fn validate_signup(form: &SignupForm) -> crate::editing::FieldErrors {
    let mut errors = crate::editing::FieldErrors::default();
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.add("name", "Vul uw naam in (hoogstens 100 tekens).");
    }
    if let Some(problem) = email_problem(&form.email) {
        errors.add("email", problem);
    }
    if form.organisation.chars().count() > 150 {
        errors.add("organisation", "Hoogstens 150 tekens.");
    }
    if AttendeeRole::from_code(&form.role).is_none() {
        errors.add("role", "Kies wat het beste bij u past.");
    }
    if form.question.chars().count() > 1000 {
        errors.add("question", "Uw vraag is te lang (hoogstens 1000 tekens).");
    }
    if !form.consent {
        errors.add(
            "consent",
            "Geef toestemming voor het bewaren van uw gegevens; zonder kunnen we u niet aanmelden.",
        );
    }
    errors
}

/// The current wall-clock time in Europe/Amsterdam ("YYYY-MM-DDTHH:MM") for a UTC unix
/// time.
pub fn amsterdam_time(unix: i64) -> String {
    let local = unix + amsterdam_offset(unix);
    let days = local.div_euclid(86_400);
    let rem = local.rem_euclid(86_400);
    let (y, m, d) = crate::ui::format::civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}",
        rem / 3600,
        (rem % 3600) / 60
    )
}

/// Seconds Amsterdam is ahead of UTC at a UTC unix time: CET (+1), or CEST (+2) from the
/// last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC.
pub fn amsterdam_offset(unix: i64) -> i64 {
    let (year, ..) = crate::ui::format::civil_from_days(unix.div_euclid(86_400));
    // Days since the epoch of the last Sunday of a month (1970-01-01 was a Thursday).
    let last_sunday = |month: i64| {
        let next_first = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
        let days = days_from_civil(next_first.0, next_first.1, 1) - 1;
        days - (days + 4).rem_euclid(7)
    };
    let summer_start = last_sunday(3) * 86_400 + 3600;
    let summer_end = last_sunday(10) * 86_400 + 3600;
    if unix >= summer_start && unix < summer_end {
        7200
    } else {
        3600
    }
}

fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// "2026-12-10T19:30" → "donderdag 10 december 2026, 19:30".
pub fn dutch_datetime(value: &str) -> String {
    let Some((date, time)) = value.split_once('T') else {
        return value.to_string();
    };
    let weekday = date
        .splitn(3, '-')
        .map(|p| p.parse::<i64>().ok())
        .collect::<Option<Vec<_>>>()
        .filter(|p| p.len() == 3)
        .map(|p| {
            const DAYS: [&str; 7] = [
                "donderdag",
                "vrijdag",
                "zaterdag",
                "zondag",
                "maandag",
                "dinsdag",
                "woensdag",
            ];
            DAYS[days_from_civil(p[0], p[1], p[2]).rem_euclid(7) as usize]
        });
    match weekday {
        Some(day) => format!("{day} {}, {time}", crate::ui::format::dutch_date(date)),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SignupForm {
        SignupForm {
            name: "Fatima El Amrani".into(),
            email: "fatima@voorbeeld.nl".into(),
            organisation: "Bakkerij El Amrani".into(),
            role: "entrepreneur".into(),
            consent: true,
            ..Default::default()
        }
    }

    #[test]
    fn sign_up_checks() {
        assert!(validate_signup(&form()).is_empty());
        for (email, ok) in [
            ("a@b.nl", true),
            ("geen-apenstaart", false),
            ("a@b", false),
            ("a @b.nl", false),
            ("@b.nl", false),
            ("a@.nl", false),
        ] {
            let f = SignupForm {
                email: email.into(),
                ..form()
            };
            assert_eq!(validate_signup(&f).is_empty(), ok, "{email}");
        }
        let missing = SignupForm {
            consent: false,
            role: "boss".into(),
            name: " ".into(),
            ..form()
        };
        let errors = validate_signup(&missing);
        for field in ["consent", "role", "name"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
    }

    #[test]
    fn amsterdam_time_follows_summer_time() {
        // 2026-11-26 12:00 UTC → 13:00 CET.
        assert_eq!(amsterdam_time(1_795_694_400), "2026-11-26T13:00");
        // 2026-07-01 12:00 UTC → 14:00 CEST.
        assert_eq!(amsterdam_time(1_782_907_200), "2026-07-01T14:00");
        // The switch: 2026-03-29 00:59 UTC is still winter, 01:00 UTC is summer.
        assert_eq!(amsterdam_time(1_774_745_940), "2026-03-29T01:59");
        assert_eq!(amsterdam_time(1_774_746_000), "2026-03-29T03:00");
        // Back: 2026-10-25 01:00 UTC is winter again.
        assert_eq!(amsterdam_time(1_792_890_000), "2026-10-25T02:00");
    }

    #[test]
    fn dates_in_dutch() {
        assert_eq!(
            dutch_datetime("2026-12-10T19:30"),
            "donderdag 10 december 2026, 19:30"
        );
        assert_eq!(dutch_datetime("nonsense"), "nonsense");
    }
}
