//! The mails to followers, in Dutch (server only): the confirmation, the instant mail and
//! the weekly digest. Each is composed when it is written to the outbox.

use super::{links, Frequency, NewsKind};
use crate::mail::{public_url, Outgoing};

const SIGNATURE: &str = "Met vriendelijke groet,\nCoördinatiepunt Vitale Kerngebieden";

/// One piece of news as a mail tells it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct NewsItem {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub detail: String,
    pub path: String,
    pub occurred_at: i64,
}

impl NewsItem {
    /// One line: what happened, in words.
    pub fn headline(&self) -> String {
        let kind = NewsKind::from_code(&self.kind);
        match kind {
            Some(NewsKind::SessionNew) => format!("Nieuwe sessie: ‘{}’", self.title),
            Some(NewsKind::SessionChanged) if self.detail == "cancelled" => {
                format!("Gaat niet door: ‘{}’", self.title)
            }
            Some(NewsKind::SessionChanged) => {
                format!("Tijd of plaats gewijzigd: ‘{}’", self.title)
            }
            Some(NewsKind::OpgaveStatus) => {
                let status = crate::areas::OpgaveStatus::from_code(&self.detail)
                    .map(|s| s.label().to_lowercase())
                    .unwrap_or_else(|| self.detail.clone());
                format!("Opgave ‘{}’ is nu {status}", self.title)
            }
            Some(NewsKind::LibraryItem) => format!("Nieuw in de kennisbank: ‘{}’", self.title),
            Some(NewsKind::Figures) => format!("Nieuwe cijfers voor {}", self.title),
            Some(NewsKind::Update) => format!("Bericht van de coördinator: {}", self.title),
            Some(NewsKind::Proposal) if self.detail == "adopted" => {
                format!("Voorstel overgenomen als opgave: ‘{}’", self.title)
            }
            Some(NewsKind::Proposal) if self.detail == "merged" => {
                format!(
                    "Voorstel samengevoegd met een bestaande opgave: ‘{}’",
                    self.title
                )
            }
            Some(NewsKind::Proposal) => format!("Voorstel niet overgenomen: ‘{}’", self.title),
            None => self.title.clone(),
        }
    }

    fn told(&self) -> String {
        let mut text = format!("{}\n{}{}", self.headline(), public_url(), self.path);
        if self.kind == NewsKind::Update.code() && !self.detail.is_empty() {
            text = format!(
                "{}\n\n{}\n\n{}{}",
                self.headline(),
                self.detail.trim(),
                public_url(),
                self.path
            );
        }
        text
    }
}

/// What one mail to a follower is about: the news under the name of what they follow.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub followed: String,
    /// Where what is followed is on the site (for "and N more").
    pub path: String,
    pub news: Vec<NewsItem>,
}

/// News lines per section in one mail; the rest is a count and a link.
pub const MAX_PER_SECTION: usize = 10;

fn footer(token: &str) -> String {
    format!(
        "{SIGNATURE}\n\n--\nU krijgt deze mail omdat u dit volgt op Kernpunt. Wat u volgt en hoe vaak u mail krijgt, regelt u hier:\n{url}{manage}\nAfmelden voor alles, met één klik:\n{url}{unsubscribe}\nMeer over uw gegevens: {url}/privacy",
        url = public_url(),
        manage = super::api::links_path::manage(token),
        unsubscribe = links::unsubscribe_path(token),
    )
}

fn body_of(intro: &str, sections: &[Section], token: &str) -> String {
    let mut body = format!("Beste lezer,\n\n{intro}\n\n");
    for section in sections {
        body.push_str(&format!("== {} ==\n\n", section.followed));
        for item in section.news.iter().take(MAX_PER_SECTION) {
            body.push_str(&item.told());
            body.push_str("\n\n");
        }
        if section.news.len() > MAX_PER_SECTION {
            body.push_str(&format!(
                "En nog {} meer: {}{}\n\n",
                section.news.len() - MAX_PER_SECTION,
                public_url(),
                section.path
            ));
        }
    }
    body.push_str(&footer(token));
    body.push('\n');
    body
}

/// The confirmation of a new follow: nothing is sent before its link is used.
pub fn confirm(to: &str, followed: &str, frequency: Frequency, confirm_token: &str) -> Outgoing {
    let how = match frequency {
        Frequency::Instant => "meteen als er iets nieuws is",
        Frequency::Weekly => "één keer per week (op maandag), alleen als er iets nieuws is",
    };
    Outgoing {
        kind: "follow_confirm",
        recipient: to.trim().to_string(),
        subject: format!("Bevestig: volgen van {followed}"),
        body: format!(
            "Beste lezer,\n\nIemand (waarschijnlijk u) wil {followed} volgen op Kernpunt met dit e-mailadres, en daarover {how} mail krijgen.\n\nBevestig dat via deze link:\n{}{}/bevestigen/{confirm_token}\n\nWas u dit niet? Dan hoeft u niets te doen: zonder bevestiging sturen we niets, en na {} dagen vergeten we het adres.\n\n{SIGNATURE}\n",
            public_url(),
            super::PAGE_PATH,
            super::UNCONFIRMED_DAYS,
        ),
        attachment: None,
    }
}

/// A follow request for what the address already follows: the link to manage it.
pub fn already_following(to: &str, followed: &str, token: &str) -> Outgoing {
    Outgoing {
        kind: "follow_known",
        recipient: to.trim().to_string(),
        subject: format!("U volgt {followed} al"),
        body: format!(
            "Beste lezer,\n\nIemand (waarschijnlijk u) vroeg om {followed} te volgen met dit e-mailadres. Dat doet u al.\n\n{}",
            footer(token)
        ),
        attachment: None,
    }
}

/// News as it happens, for those who chose "at once": one mail per person per round.
pub fn instant(to: &str, sections: &[Section], token: &str) -> Outgoing {
    let first = sections
        .first()
        .and_then(|s| s.news.first())
        .map(NewsItem::headline)
        .unwrap_or_default();
    let count: usize = sections.iter().map(|s| s.news.len()).sum();
    let subject = if count == 1 {
        first
    } else {
        format!("{count} keer nieuws van wat u volgt")
    };
    Outgoing {
        kind: "follow_instant",
        recipient: to.trim().to_string(),
        subject,
        body: body_of(
            "Er is nieuws over wat u volgt op Kernpunt.",
            sections,
            token,
        ),
        attachment: None,
    }
}

/// The weekly digest: everything of the past week of all one person follows, in one mail.
pub fn digest(to: &str, sections: &[Section], token: &str, week: &str) -> Outgoing {
    Outgoing {
        kind: "follow_digest",
        recipient: to.trim().to_string(),
        subject: format!("Kernpunt: het nieuws van de week van {week}"),
        body: body_of(
            "Dit is er de afgelopen week gebeurd bij wat u volgt op Kernpunt.",
            sections,
            token,
        ),
        attachment: None,
    }
}

/// A coordinator's update to the followers of an area, sent at once to everyone.
pub fn update(to: &str, area: &str, title: &str, text: &str, path: &str, token: &str) -> Outgoing {
    Outgoing {
        kind: "follow_update",
        recipient: to.trim().to_string(),
        subject: format!("{area}: {title}"),
        body: format!(
            "Beste lezer,\n\nDe coördinator van {area} schrijft:\n\n{}\n\nMeer over {area}: {}{path}\n\n{}",
            text.trim(),
            public_url(),
            footer(token)
        ),
        attachment: None,
    }
}

/// The URL for the `List-Unsubscribe` header (RFC 8058: a POST to it unsubscribes).
pub fn list_unsubscribe(token: &str) -> String {
    format!("{}{}", public_url(), links::unsubscribe_path(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: &str, title: &str, detail: &str) -> NewsItem {
        NewsItem {
            id: 1,
            kind: kind.into(),
            title: title.into(),
            detail: detail.into(),
            path: "/gebieden/lindenplein".into(),
            occurred_at: 0,
        }
    }

    #[test]
    fn a_long_section_ends_with_a_count_and_a_link() {
        let sections = vec![Section {
            followed: "Alle nieuwe sessies".into(),
            path: "/sessies".into(),
            news: (0..MAX_PER_SECTION + 3)
                .map(|n| item("session_new", &format!("Sessie {n}"), ""))
                .collect(),
        }];
        let mail = digest("sanne@voorbeeld.nl", &sections, "5-abc", "30 november 2026");
        assert!(mail.body.contains("Sessie 9") && !mail.body.contains("Sessie 10"));
        assert!(mail.body.contains("En nog 3 meer: http"), "{}", mail.body);
        assert!(mail.body.contains("/sessies\n"));
    }

    #[test]
    fn every_kind_of_news_is_told_in_words() {
        assert_eq!(
            item("opgave_status", "Gevelverbetering", "in_progress").headline(),
            "Opgave ‘Gevelverbetering’ is nu in uitvoering"
        );
        assert_eq!(
            item("session_changed", "Leegstand", "cancelled").headline(),
            "Gaat niet door: ‘Leegstand’"
        );
        assert_eq!(
            item("figures", "Lindenplein", "").headline(),
            "Nieuwe cijfers voor Lindenplein"
        );
    }

    #[test]
    fn a_digest_has_sections_and_the_links_to_manage_and_unsubscribe() {
        let sections = vec![Section {
            followed: "Lindenplein".into(),
            path: "/gebieden/lindenplein".into(),
            news: vec![item("figures", "Lindenplein", "")],
        }];
        let mail = digest("sanne@voorbeeld.nl", &sections, "5-abc", "30 november 2026");
        assert_eq!(mail.kind, "follow_digest");
        assert!(mail.body.contains("== Lindenplein =="));
        assert!(mail.body.contains("/volgen/beheer/5-abc"));
        assert!(mail.body.contains("/volgen/afmelden/5-abc"));
        assert!(list_unsubscribe("5-abc").ends_with("/volgen/afmelden/5-abc"));
    }
}
