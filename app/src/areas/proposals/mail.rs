//! The mails about proposals, in Dutch (server only).

use super::{DeclineReason, ProposalStatus, UNCONFIRMED_DAYS};
use crate::mail::{public_url, Outgoing};

const SIGNATURE: &str = "Met vriendelijke groet,\nCoördinatiepunt Vitale Kerngebieden";

pub struct Person<'a> {
    pub name: &'a str,
    pub email: &'a str,
}

fn mail(kind: &'static str, to: &Person, subject: String, lines: &[String]) -> Outgoing {
    let mut body = format!("Beste {},\n\n", to.name.trim());
    for line in lines {
        body.push_str(line);
        body.push_str("\n\n");
    }
    body.push_str(&format!(
        "{SIGNATURE}\n\n--\nUw naam en e-mailadres zijn nooit openbaar en worden 90 dagen na het besluit over het voorstel verwijderd. Meer daarover: {}/privacy\n",
        public_url()
    ));
    Outgoing {
        kind,
        recipient: to.email.trim().to_string(),
        subject,
        body,
        attachment: None,
    }
}

fn confirm_link(token: &str) -> String {
    format!("{}/voorstellen/bevestigen/{token}", public_url())
}

pub fn confirm_proposal(to: &Person, title: &str, area: &str, token: &str) -> Outgoing {
    mail(
        "proposal_confirm",
        to,
        format!("Bevestig uw voorstel: {title}"),
        &[
            format!("U stelde voor {area} een opgave voor: ‘{title}’. Het wordt zichtbaar voor iedereen zodra u het bevestigt via deze link:"),
            confirm_link(token),
            format!("Was u dit niet? Dan hoeft u niets te doen: zonder bevestiging wordt het voorstel na {UNCONFIRMED_DAYS} dagen verwijderd."),
        ],
    )
}

pub fn confirm_support(to: &Person, title: &str, area: &str, token: &str) -> Outgoing {
    mail(
        "support_confirm",
        to,
        format!("Bevestig uw steun: {title}"),
        &[
            format!("U wilt het voorstel ‘{title}’ voor {area} steunen. Uw steun telt mee zodra u hem bevestigt via deze link:"),
            confirm_link(token),
            "Alleen het aantal steunbetuigingen is openbaar, nooit uw naam of adres. Was u dit niet? Dan hoeft u niets te doen.".to_string(),
        ],
    )
}

/// What was decided about a proposal.
pub struct Decided<'a> {
    pub title: &'a str,
    pub status: ProposalStatus,
    pub reason: Option<DeclineReason>,
    pub text: &'a str,
    /// The opgave it became or joined.
    pub opgave: Option<&'a str>,
    pub path: &'a str,
}

/// To the proposer (`proposer`) or a supporter.
pub fn decided(to: &Person, decided: &Decided, proposer: bool) -> Outgoing {
    let whose = if proposer {
        "Uw voorstel"
    } else {
        "Het voorstel dat u steunde"
    };
    let what = match decided.status {
        ProposalStatus::Adopted => format!(
            "{whose} ‘{}’ is overgenomen: het is nu een opgave van het gebied.",
            decided.title
        ),
        ProposalStatus::Merged => format!(
            "{whose} ‘{}’ is samengevoegd met de bestaande opgave ‘{}’.",
            decided.title,
            decided.opgave.unwrap_or("")
        ),
        _ => format!(
            "{whose} ‘{}’ is niet overgenomen. Reden: {}.{}",
            decided.title,
            decided
                .reason
                .map(|r| r.label().to_lowercase())
                .unwrap_or_default(),
            if decided.text.trim().is_empty() {
                String::new()
            } else {
                format!("\n\n{}", decided.text.trim())
            }
        ),
    };
    mail(
        if proposer {
            "proposal_decided"
        } else {
            "support_decided"
        },
        to,
        format!("{}: {}", decided.status.label(), decided.title),
        &[what, format!("Meer op {}{}", public_url(), decided.path)],
    )
}
