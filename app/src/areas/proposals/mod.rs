//! Opgave proposals (aanjagen): anyone proposes an opgave for an area, on its profile or at
//! `/gebieden/{slug}/voorstellen`. A proposal is public only after the proposer confirmed by
//! the link in a mail; others support it, also confirmed by mail, one support per address,
//! and the public sees only the count. Enough supports (a setting, default 10) mark it
//! "ready for the coordinator". Coordinators and the area's editors adopt it (it becomes an
//! opgave of the area), merge it into an existing opgave, or decline it with a reason shown
//! publicly; the proposer and the supporters are told by mail.
//!
//! Without accounts, abuse is limited by per-IP and per-address limits, a honeypot field,
//! at most three open proposals per address, and reports: after three a proposal is hidden
//! until a coordinator looks at it.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod pages;

use crate::editing::FieldErrors;
use serde::{Deserialize, Serialize};

coded_enum!(
    ProposalStatus {
        Open = "open" => "Open",
        Adopted = "adopted" => "Overgenomen als opgave",
        Merged = "merged" => "Samengevoegd met een bestaande opgave",
        Declined = "declined" => "Niet overgenomen",
    }
);

coded_enum!(
    DeclineReason {
        Duplicate = "duplicate" => "Er is al zo’n voorstel of opgave",
        UnderWay = "under_way" => "Dit gebeurt al",
        NotFeasible = "not_feasible" => "Niet haalbaar",
        Outside = "outside" => "Valt buiten het programma",
        Other = "other" => "Andere reden",
    }
);

coded_enum!(
    /// A step in a proposal's public history.
    ProposalEvent {
        Published = "published" => "Voorgesteld",
        Ready = "ready" => "Genoeg steun: klaar voor de coördinator",
        Adopted = "adopted" => "Overgenomen als opgave",
        Merged = "merged" => "Samengevoegd met een bestaande opgave",
        Declined = "declined" => "Niet overgenomen",
        Hidden = "hidden" => "Verborgen na meldingen, tot de coördinator ernaar kijkt",
        Shown = "shown" => "Weer zichtbaar na controle",
    }
);

/// Open proposals (confirmed or waiting for confirmation) one address may have at a time.
pub const MAX_OPEN_PER_ADDRESS: i64 = 3;
/// Proposals from one IP per hour.
pub const MAX_PROPOSALS_PER_IP_PER_HOUR: i64 = 5;
/// Supports from one IP per hour.
pub const MAX_SUPPORTS_PER_IP_PER_HOUR: i64 = 30;
/// Confirmation mails about supports to one address per day.
pub const MAX_SUPPORT_MAILS_PER_DAY: i64 = 10;
/// Reports that hide a proposal until a coordinator looks.
pub const REPORTS_TO_HIDE: i64 = 3;
/// Unconfirmed proposals and supports are deleted after this many days.
pub const UNCONFIRMED_DAYS: i64 = 7;
/// Names and addresses are emptied this many days after the decision.
pub const PERSONAL_DATA_DAYS: i64 = 90;
pub const MAX_TITLE: usize = 120;
pub const MAX_DESCRIPTION: usize = 2000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum ProposalError {
    #[error("Niet alle velden zijn goed ingevuld.")]
    Invalid(FieldErrors),
    #[error("Vanaf uw internetverbinding is het afgelopen uur al vaak iets voorgesteld of gesteund. Probeer het over een uur opnieuw.")]
    TooManyFromHere,
    #[error("Met dit e-mailadres staan al {MAX_OPEN_PER_ADDRESS} voorstellen open. Wacht tot de coördinator er een heeft behandeld.")]
    TooManyOpen,
    #[error("Deze link is niet (meer) geldig: hij is al gebruikt of ouder dan een week.")]
    LinkNotValid,
    #[error("Dit voorstel bestaat niet (meer) of staat niet meer open.")]
    NotFound,
    #[error("Dit lukt op dit moment niet. Probeer het over een paar minuten opnieuw.")]
    Unavailable,
    #[error("De verbinding met de server mislukte. Probeer het opnieuw.")]
    Transport(String),
}

impl ProposalError {
    /// The HTTP status that says what happened (see `crate::status`).
    pub fn status(&self) -> u16 {
        match self {
            ProposalError::Invalid(_) => 422,
            ProposalError::TooManyFromHere | ProposalError::TooManyOpen => 429,
            ProposalError::LinkNotValid | ProposalError::NotFound => 404,
            ProposalError::Unavailable => 503,
            ProposalError::Transport(_) => 400,
        }
    }
}

impl leptos::server_fn::error::FromServerFnError for ProposalError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;
    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        ProposalError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for ProposalError {
    fn from(error: sqlx::Error) -> Self {
        log::error!("proposal query failed: {error}");
        ProposalError::Unavailable
    }
}

/// A proposal form as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProposalForm {
    pub title: String,
    pub description: String,
    pub theme: String,
    pub role: String,
    pub organisation: String,
    pub name: String,
    pub email: String,
    pub consent: bool,
}

/// Checks a proposal (the theme against `themes`); Dutch messages per field.
pub fn validate_proposal(form: &ProposalForm, themes: &[String]) -> FieldErrors {
    let mut errors = FieldErrors::default();
    let title = form.title.trim();
    if title.is_empty() || title.chars().count() > MAX_TITLE {
        errors.add(
            "title",
            format!("Geef uw voorstel een titel (hoogstens {MAX_TITLE} tekens)."),
        );
    }
    let description = form.description.trim();
    if description.is_empty() || description.chars().count() > MAX_DESCRIPTION {
        errors.add(
            "description",
            format!("Beschrijf kort wat er moet gebeuren (hoogstens {MAX_DESCRIPTION} tekens)."),
        );
    }
    if !themes.iter().any(|t| *t == form.theme) {
        errors.add("theme", "Kies een thema uit de lijst.");
    }
    if crate::sessions::AttendeeRole::from_code(&form.role).is_none() {
        errors.add("role", "Kies wie u bent.");
    }
    if form.organisation.trim().chars().count() > 100 {
        errors.add("organisation", "Hoogstens 100 tekens.");
    }
    validate_person(&form.name, &form.email, form.consent, &mut errors);
    errors
}

/// Name, address and consent: for proposing and for supporting.
pub fn validate_person(name: &str, email: &str, consent: bool, errors: &mut FieldErrors) {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.add("name", "Vul uw naam in (hoogstens 100 tekens).");
    }
    if let Some(problem) = crate::sessions::email_problem(email) {
        errors.add("email", problem);
    }
    if !consent {
        errors.add(
            "consent",
            "Geef toestemming om uw naam en e-mailadres hiervoor te bewaren.",
        );
    }
}

/// A proposal as the public sees it: no names, no addresses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalCard {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub theme: String,
    /// "Ondernemer, Bakkerij De Korf".
    pub proposed_by: String,
    pub supports: i64,
    pub ready: bool,
    pub status: ProposalStatus,
    pub decline_reason: Option<DeclineReason>,
    pub decision_text: String,
    /// The opgave it became or joined: (id, title).
    pub opgave: Option<(i64, String)>,
    /// Only in triage: hidden after reports.
    pub hidden: bool,
}

/// `/gebieden/{slug}/voorstellen`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalsPage {
    pub slug: String,
    pub area_name: String,
    pub threshold: i64,
    pub open: Vec<ProposalCard>,
    pub decided: Vec<ProposalCard>,
    /// Coordinators and the area's editors: they triage and see hidden proposals.
    pub can_triage: bool,
    pub hidden: Vec<ProposalCard>,
    /// For merging (triage only): the area's opgaves.
    pub opgaves: Vec<(i64, String)>,
    pub themes: Vec<(String, String)>,
    /// A form that came back without JavaScript: its values and messages.
    pub returned: Option<crate::editing::form::Returned>,
}

/// `/gebieden/{slug}/voorstellen/{id}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalPage {
    pub slug: String,
    pub area_name: String,
    pub threshold: i64,
    pub card: ProposalCard,
    /// (what, when in Dutch).
    pub history: Vec<(ProposalEvent, String)>,
    pub can_triage: bool,
    /// For merging (triage only): the area's opgaves.
    pub opgaves: Vec<(i64, String)>,
    pub returned: Option<crate::editing::form::Returned>,
}

/// What a confirmation link confirms.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingConfirmation {
    pub title: String,
    pub area_name: String,
    /// A support (else the proposal itself).
    pub support: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ProposalForm {
        ProposalForm {
            title: "Fietsenstalling bij de markt".into(),
            description: "Op marktdagen staan fietsen overal.".into(),
            theme: "public_space".into(),
            role: "entrepreneur".into(),
            organisation: "Bakkerij De Korf".into(),
            name: "Sanne".into(),
            email: "sanne@voorbeeld.nl".into(),
            consent: true,
        }
    }

    #[test]
    fn a_proposal_needs_every_part_and_consent() {
        let themes = vec!["public_space".to_string()];
        assert!(validate_proposal(&form(), &themes).is_empty());
        let bad = ProposalForm {
            title: " ".into(),
            description: "x".repeat(MAX_DESCRIPTION + 1),
            theme: "iets".into(),
            role: "".into(),
            name: "".into(),
            email: "geen".into(),
            consent: false,
            ..form()
        };
        let errors = validate_proposal(&bad, &themes);
        for field in [
            "title",
            "description",
            "theme",
            "role",
            "name",
            "email",
            "consent",
        ] {
            assert!(errors.get(field).is_some(), "{field}");
        }
    }
}
