//! The knowledge library (kennisbank): items people learn from, searched with SQLite FTS5,
//! filtered by facets, gathered in theme dossiers and along the stuurwiel's segments.
//!
//! `search` (query cleaning, highlighting) and `files` (attachment checks) are pure;
//! `db` holds the queries; `api` the server functions; `pages` and `edit` the screens.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo_items;
pub mod edit;
pub mod files;
pub mod pages;
pub mod search;

use serde::{Deserialize, Serialize};

coded_enum!(
    /// What kind of knowledge an item is.
    ItemKind {
        Article = "article" => "Artikel",
        Instrument = "instrument" => "Instrument",
        Practice = "practice" => "Praktijkvoorbeeld",
        Research = "research" => "Onderzoek",
        SessionReport = "session_report" => "Sessieverslag",
        Recording = "recording" => "Opname of video",
        Regulation = "regulation" => "Regelgeving",
    }
);

/// Results per page.
pub const PAGE_SIZE: usize = 30;

/// The search as it arrives from the URL (checked on the server).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LibraryQuery {
    pub q: String,
    pub kind: String,
    pub theme: String,
    pub segment: String,
    pub area: String,
    pub year: String,
}

impl LibraryQuery {
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> LibraryQuery {
        let field = |name: &str| get(name).unwrap_or_default().trim().to_string();
        LibraryQuery {
            q: get("q").unwrap_or_default(),
            kind: field("soort"),
            theme: field("thema"),
            segment: field("onderdeel"),
            area: field("gebied"),
            year: field("jaar"),
        }
    }

    pub fn to_url(&self) -> String {
        crate::ui::format::query_url(
            "/kennisbank",
            &[
                ("q", &self.q),
                ("soort", &self.kind),
                ("thema", &self.theme),
                ("onderdeel", &self.segment),
                ("gebied", &self.area),
                ("jaar", &self.year),
            ],
        )
    }

    /// The same search with one facet set (or cleared, with an empty value).
    pub fn with(&self, facet: Facet, value: &str) -> LibraryQuery {
        let mut next = self.clone();
        let field = match facet {
            Facet::Kind => &mut next.kind,
            Facet::Theme => &mut next.theme,
            Facet::Segment => &mut next.segment,
            Facet::Area => &mut next.area,
            Facet::Year => &mut next.year,
        };
        *field = value.to_string();
        next
    }
}

/// The dimensions a search can be narrowed by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Facet {
    Kind,
    Theme,
    Segment,
    Area,
    Year,
}

impl Facet {
    pub const ALL: [Facet; 5] = [
        Facet::Kind,
        Facet::Theme,
        Facet::Segment,
        Facet::Area,
        Facet::Year,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Facet::Kind => "Soort",
            Facet::Theme => "Thema",
            Facet::Segment => "Stuurwiel",
            Facet::Area => "Gebied",
            Facet::Year => "Jaar",
        }
    }
}

/// Plain or highlighted text (serialisable twin of `search::SnippetPart`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    Text(String),
    Mark(String),
}

impl From<search::SnippetPart> for Part {
    fn from(part: search::SnippetPart) -> Self {
        match part {
            search::SnippetPart::Text(t) => Part::Text(t),
            search::SnippetPart::Mark(t) => Part::Mark(t),
        }
    }
}

/// One search result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub slug: String,
    pub kind: ItemKind,
    pub title: Vec<Part>,
    pub snippet: Vec<Part>,
    pub published_on: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetCounts {
    pub facet: Facet,
    /// The value chosen in the URL (if it exists).
    pub selected: String,
    pub values: Vec<FacetValue>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub hits: Vec<Hit>,
    pub total: i64,
    pub facets: Vec<FacetCounts>,
    /// Filter values that do not exist, or a query with nothing searchable in it.
    pub notes: Vec<String>,
    /// The words searched for (after cleaning), for "results for …".
    pub searched: Vec<String>,
}

/// A card in lists (dossiers, learning paths).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemCard {
    pub slug: String,
    pub kind: ItemKind,
    pub title: String,
    pub summary: String,
    pub published_on: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: i64,
    pub display_name: String,
    pub kind: String,
    pub size_bytes: i64,
    pub alt_text: String,
    pub is_image: bool,
}

impl Attachment {
    pub fn href(&self) -> String {
        format!(
            "/kennisbank/bijlagen/{}/{}",
            self.id,
            crate::ui::format::encode_query_value(&self.display_name).replace('+', "%20")
        )
    }
}

/// Why another item is related to this one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Related {
    pub card: ItemCard,
    pub reasons: Vec<String>,
}

/// Everything an item page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemPage {
    pub id: i64,
    pub slug: String,
    pub kind: ItemKind,
    pub title: String,
    pub summary: String,
    pub body_html: String,
    pub source_organisation: String,
    pub author: String,
    pub published_on: Option<String>,
    pub external_url: Option<String>,
    pub reviewed: bool,
    pub last_checked: Option<String>,
    pub themes: Vec<(String, String)>,
    pub segments: Vec<(i64, String)>,
    pub areas: Vec<(String, String)>,
    pub attachments: Vec<Attachment>,
    pub related: Vec<Related>,
}

/// `/kennisbank/thema/{theme}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dossier {
    pub key: String,
    pub label: String,
    pub description: String,
    pub intro_html: String,
    pub key_items: Vec<ItemCard>,
    pub items: Vec<ItemCard>,
    /// Areas with unfinished opgaves on the theme: (slug, name, how many).
    pub areas: Vec<(String, String, i64)>,
    /// Published sessions on the theme: upcoming (soonest first) and past (latest first).
    pub upcoming_sessions: Vec<crate::sessions::SessionCard>,
    pub past_sessions: Vec<crate::sessions::SessionCard>,
}

/// `/kennisbank/stuurwiel/{id}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SegmentGuide {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub intro_html: String,
    pub items: Vec<ItemCard>,
    /// For coordinators only: areas scoring lowest on this segment in their latest
    /// assessment (slug, name, score, date); None for everyone else.
    pub lowest_areas: Option<Vec<(String, String, i64, String)>>,
    pub scale_max: i64,
    /// Sessions on this segment.
    pub upcoming_sessions: Vec<crate::sessions::SessionCard>,
    pub past_sessions: Vec<crate::sessions::SessionCard>,
}

/// The code for the URL (`?bijlage=`) of why an upload was refused.
pub fn files_problem_code(problem: &files::FileProblem) -> &'static str {
    match problem {
        files::FileProblem::Empty => "leeg",
        files::FileProblem::TooLarge => "te-groot",
        files::FileProblem::WrongType => "type",
        files::FileProblem::AltTextMissing => "alt-ontbreekt",
        files::FileProblem::AltTextTooLong => "alt-te-lang",
    }
}

/// The message for an upload refusal code from the URL.
pub fn upload_problem_message(code: &str) -> Option<String> {
    let problem = match code {
        "leeg" => files::FileProblem::Empty,
        "te-groot" => files::FileProblem::TooLarge,
        "type" => files::FileProblem::WrongType,
        "alt-ontbreekt" => files::FileProblem::AltTextMissing,
        "alt-te-lang" => files::FileProblem::AltTextTooLong,
        "onleesbaar" => {
            return Some(
                "Het bestand kon niet worden gelezen of bewaard. Probeer het opnieuw.".into(),
            )
        }
        _ => return None,
    };
    Some(problem.to_string())
}
