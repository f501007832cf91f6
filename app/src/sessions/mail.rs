//! The mails about sessions and registrations, in Dutch (server only). They are composed
//! when the change happens and stored in the outbox as they are.

use super::db::CalendarEntry;
use super::{dutch_datetime, ics, retention_days};
use crate::mail::{public_url, Attachment, Outgoing};

const SIGNATURE: &str = "Met vriendelijke groet,\nCoördinatiepunt Vitale Kerngebieden";

/// Who a mail goes to.
pub struct Recipient<'a> {
    pub name: &'a str,
    pub email: &'a str,
}

fn when(session: &CalendarEntry) -> String {
    let end = session
        .ends_at
        .split_once('T')
        .map(|(_, time)| time)
        .unwrap_or("");
    format!("{} tot {end}", dutch_datetime(&session.starts_at))
}

fn place(session: &CalendarEntry) -> String {
    if session.online {
        "online".to_string()
    } else {
        session.address.clone()
    }
}

fn calendar_file(session: &CalendarEntry, cancel: bool) -> Attachment {
    Attachment {
        name: format!("{}.ics", session.slug),
        content_type: format!(
            "text/calendar; charset=utf-8; method={}",
            if cancel { "CANCEL" } else { "PUBLISH" }
        ),
        content: ics::for_entries("Kernpunt", std::slice::from_ref(session), cancel),
    }
}

fn personal_link(token: &str) -> String {
    format!("{}/aanmelding/{token}", public_url())
}

fn footer() -> String {
    format!(
        "{SIGNATURE}\n\n--\nUw gegevens worden {} dagen na de sessie verwijderd. Meer daarover: {}/privacy",
        retention_days(),
        public_url()
    )
}

fn mail(
    kind: &'static str,
    to: &Recipient,
    subject: String,
    lines: &[String],
    attachment: Option<Attachment>,
) -> Outgoing {
    let mut body = format!("Beste {},\n\n", to.name.trim());
    for line in lines {
        body.push_str(line);
        body.push_str("\n\n");
    }
    body.push_str(&footer());
    body.push('\n');
    Outgoing {
        kind,
        recipient: to.email.trim().to_string(),
        subject,
        body,
        attachment,
    }
}

fn where_and_when(session: &CalendarEntry) -> String {
    format!("Wanneer: {}\nWaar: {}", when(session), place(session))
}

/// After signing up with a place.
pub fn confirmation(session: &CalendarEntry, to: &Recipient, token: &str) -> Outgoing {
    let online_note = if session.online {
        "De link om deel te nemen staat op uw persoonlijke pagina en komt ook in de herinnering, een dag van tevoren."
    } else {
        "Tot dan!"
    };
    mail(
        "confirmation",
        to,
        format!("Aangemeld: {}", session.title),
        &[
            format!("U bent aangemeld voor ‘{}’.", session.title),
            where_and_when(session),
            online_note.to_string(),
            format!(
                "Op uw persoonlijke pagina ziet u uw aanmelding en kunt u zich zonder account afmelden:\n{}",
                personal_link(token)
            ),
            "Kunt u toch niet? Meld u dan af: uw plek gaat naar de eerste op de wachtlijst. De afspraak voor uw agenda zit als bijlage bij deze mail.".to_string(),
        ],
        Some(calendar_file(session, false)),
    )
}

/// After signing up for a full session.
pub fn waiting(session: &CalendarEntry, to: &Recipient, token: &str, position: i64) -> Outgoing {
    mail(
        "waiting",
        to,
        format!("Op de wachtlijst: {}", session.title),
        &[
            format!(
                "‘{}’ is vol. U staat op de wachtlijst, op plaats {position}.",
                session.title
            ),
            where_and_when(session),
            "Komt er een plek vrij, dan krijgt u die automatisch en sturen we u een mail.".to_string(),
            format!(
                "Op uw persoonlijke pagina ziet u uw plaats op de wachtlijst en kunt u zich afmelden:\n{}",
                personal_link(token)
            ),
        ],
        None,
    )
}

/// A place came free (or the coordinator gave one): now confirmed.
pub fn promoted(session: &CalendarEntry, to: &Recipient) -> Outgoing {
    mail(
        "promoted",
        to,
        format!("Er is een plek voor u: {}", session.title),
        &[
            format!(
                "Goed nieuws: er is een plek vrijgekomen. U bent nu aangemeld voor ‘{}’.",
                session.title
            ),
            where_and_when(session),
            "Uw aanmelding bekijken of afmelden kan via de link in de mail over uw plaats op de wachtlijst. De afspraak voor uw agenda zit als bijlage bij deze mail.".to_string(),
        ],
        Some(calendar_file(session, false)),
    )
}

/// The coordinator moved someone from a place to the waiting list.
pub fn moved_to_waiting(session: &CalendarEntry, to: &Recipient) -> Outgoing {
    mail(
        "moved_to_waiting",
        to,
        format!("Op de wachtlijst gezet: {}", session.title),
        &[
            format!(
                "De coördinator heeft uw aanmelding voor ‘{}’ op de wachtlijst gezet. Komt er een plek vrij, dan krijgt u die automatisch en sturen we u een mail.",
                session.title
            ),
            "Vragen? Antwoord op deze mail.".to_string(),
        ],
        None,
    )
}

/// Signing up again with the same address: a new personal link to the same registration.
pub fn link_again(session: &CalendarEntry, to: &Recipient, token: &str) -> Outgoing {
    mail(
        "link_again",
        to,
        format!("Uw link voor {}", session.title),
        &[
            format!(
                "Iemand (waarschijnlijk u) probeerde zich opnieuw aan te melden voor ‘{}’ met dit e-mailadres. U bent al aangemeld; hier is een link naar uw aanmelding:",
                session.title
            ),
            personal_link(token),
            "Uw eerdere link blijft ook werken. Was u dit niet? Dan kunt u deze mail negeren.".to_string(),
        ],
        None,
    )
}

/// The attendee cancelled.
pub fn cancelled_by_attendee(session: &CalendarEntry, to: &Recipient) -> Outgoing {
    mail(
        "cancelled_by_attendee",
        to,
        format!("Afgemeld: {}", session.title),
        &[
            format!(
                "U bent afgemeld voor ‘{}’. Jammer dat u er niet bij kunt zijn.",
                session.title
            ),
            format!("Andere sessies vindt u op {}/sessies.", public_url()),
        ],
        None,
    )
}

/// A day before the session, to everyone with a place.
pub fn reminder(session: &CalendarEntry, to: &Recipient, meeting_url: Option<&str>) -> Outgoing {
    let mut lines = vec![
        format!("Morgen is ‘{}’.", session.title),
        where_and_when(session),
    ];
    if let Some(url) = meeting_url.filter(|u| !u.is_empty()) {
        lines.push(format!("Deelnemen via: {url}"));
    }
    lines.push("Kunt u toch niet? Meld u af via de link in uw bevestiging, dan gaat uw plek naar de eerste op de wachtlijst.".to_string());
    mail(
        "reminder",
        to,
        format!("Herinnering: morgen {}", session.title),
        &lines,
        None,
    )
}

/// The coordinator cancelled the session.
pub fn session_cancelled(session: &CalendarEntry, to: &Recipient) -> Outgoing {
    mail(
        "session_cancelled",
        to,
        format!("Gaat niet door: {}", session.title),
        &[
            format!(
                "Helaas gaat ‘{}’ ({}) niet door. Uw aanmelding vervalt; u hoeft niets te doen.",
                session.title,
                dutch_datetime(&session.starts_at)
            ),
            "Met de bijlage haalt uw agenda de afspraak weg.".to_string(),
            format!("Andere sessies vindt u op {}/sessies.", public_url()),
        ],
        Some(calendar_file(session, true)),
    )
}

/// The coordinator changed the time or place.
pub fn session_changed(session: &CalendarEntry, to: &Recipient) -> Outgoing {
    mail(
        "session_changed",
        to,
        format!("Gewijzigd: {}", session.title),
        &[
            format!(
                "De tijd of plaats van ‘{}’ is gewijzigd. Dit zijn de nieuwe gegevens:",
                session.title
            ),
            where_and_when(session),
            "De bijgewerkte afspraak zit als bijlage bij deze mail. Kunt u nu niet meer? Meld u af via de link in uw bevestiging.".to_string(),
        ],
        Some(calendar_file(session, false)),
    )
}

/// "Mijn aanmeldingen": every active registration of an address, each with a fresh link,
/// and the address's personal calendar feed.
pub fn my_registrations(
    to: &Recipient,
    listed: &[super::mine::db::Listed],
    feed_token: &str,
) -> Outgoing {
    let mut lines = vec![
        "U vroeg om een overzicht van uw aanmeldingen. Dit zijn uw komende sessies:".to_string(),
    ];
    for item in listed {
        let status = match item.waiting_position {
            Some(n) => format!("Op de wachtlijst, op plaats {n}"),
            None => item.status.label().to_string(),
        };
        lines.push(format!(
            "‘{}’\n{}\nStatus: {status}\nBekijken of afmelden:\n{}",
            item.session.title,
            where_and_when(&item.session),
            personal_link(&item.token)
        ));
    }
    lines.push(format!(
        "Deze sessies in uw eigen agenda (abonneren; nieuwe aanmeldingen komen er vanzelf bij):\n{}/mijn-aanmeldingen/{feed_token}/agenda.ics",
        public_url()
    ));
    lines.push("De links in eerdere mails blijven werken. Vroeg u hier niet om? Dan kunt u deze mail negeren.".to_string());
    mail(
        "my_registrations",
        to,
        "Uw aanmeldingen".to_string(),
        &lines,
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> CalendarEntry {
        CalendarEntry {
            id: 7,
            sequence: 1,
            starts_at: "2027-01-14T19:30".into(),
            ends_at: "2027-01-14T21:00".into(),
            title: "Leegstand samen aanpakken".into(),
            description: "Drie gebieden vertellen.".into(),
            online: true,
            address: String::new(),
            slug: "leegstand".into(),
            updated_at: "2026-11-26T10:00:00Z".into(),
            cancelled: false,
        }
    }

    #[test]
    fn confirmation_has_link_time_and_calendar() {
        let to = Recipient {
            name: " Fatima ",
            email: "fatima@voorbeeld.nl ",
        };
        let mail = confirmation(&session(), &to, "abc123");
        assert_eq!(mail.recipient, "fatima@voorbeeld.nl");
        assert_eq!(mail.subject, "Aangemeld: Leegstand samen aanpakken");
        assert!(mail.body.starts_with("Beste Fatima,"));
        assert!(mail.body.contains("/aanmelding/abc123"));
        assert!(mail
            .body
            .contains("donderdag 14 januari 2027, 19:30 tot 21:00"));
        let ics = mail.attachment.expect("calendar attached");
        assert!(ics
            .content
            .contains("DTSTART;TZID=Europe/Amsterdam:20270114T193000"));
        assert!(ics.content_type.contains("method=PUBLISH"));
    }

    #[test]
    fn cancellation_sends_a_cancelling_calendar() {
        let to = Recipient {
            name: "Piet",
            email: "piet@voorbeeld.nl",
        };
        let mail = session_cancelled(&session(), &to);
        let ics = mail.attachment.unwrap();
        assert!(ics.content.contains("METHOD:CANCEL"));
        assert!(ics.content.contains("STATUS:CANCELLED"));
    }

    #[test]
    fn reminder_carries_the_meeting_link_only_when_given() {
        let to = Recipient {
            name: "Piet",
            email: "piet@voorbeeld.nl",
        };
        assert!(reminder(&session(), &to, Some("https://meet.example/x"))
            .body
            .contains("https://meet.example/x"));
        assert!(!reminder(&session(), &to, None)
            .body
            .contains("Deelnemen via"));
    }
}
