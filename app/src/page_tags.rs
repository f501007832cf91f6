//! Which cached pages a change makes stale, by tag.
//!
//! The server keeps anonymous pages in a cache (`server/src/page_cache.rs`). Every page gets
//! tags from its path ([`of_page`]); a change names the tags it touched ([`changed`], called
//! by the server function that made it), and only pages with one of those tags are rendered
//! again. Changes that name nothing empty the whole cache, which is always correct; only the
//! frequent public ones (a sign-up, a cancellation, a vote, a suggestion) are precise.

/// The response header a server function names its changed tags in (space-separated). The
/// page cache reads and removes it.
pub const HEADER: &str = "x-kernpunt-changed";
/// Lists of upcoming sessions with their places left: the agenda and the theme dossiers.
pub const AGENDA: &str = "agenda";
/// The topic suggestions page.
pub const TOPICS: &str = "topics";

/// One session's own pages.
pub fn session(slug: &str) -> String {
    format!("session:{slug}")
}

/// What shows an area's proposals: its profile and its proposal pages.
pub fn proposals(area_slug: &str) -> String {
    format!("proposals:{area_slug}")
}

/// The tags of the page at `path` (without the query).
pub fn of_page(path: &str) -> Vec<String> {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    match parts.as_slice() {
        ["sessies"] => vec![AGENDA.to_string()],
        ["sessies", "onderwerpen"] => vec![TOPICS.to_string()],
        ["sessies", slug] => vec![session(slug)],
        ["kennisbank", "thema", _] => vec![AGENDA.to_string()],
        ["gebieden", slug]
        | ["gebieden", slug, "voorstellen"]
        | ["gebieden", slug, "voorstellen", _] => {
            vec![proposals(slug)]
        }
        _ => Vec::new(),
    }
}

/// From within a server function: this change made pages with these tags stale.
#[cfg(feature = "ssr")]
pub fn changed(tags: &[String]) {
    if let (Some(response), Ok(value)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&tags.join(" ")),
    ) {
        response.insert_header(http::HeaderName::from_static(HEADER), value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_get_the_tags_of_what_they_show() {
        assert_eq!(of_page("/sessies"), vec!["agenda"]);
        assert_eq!(of_page("/sessies/"), vec!["agenda"]);
        assert_eq!(of_page("/sessies/onderwerpen"), vec!["topics"]);
        assert_eq!(of_page("/sessies/leegstand"), vec!["session:leegstand"]);
        assert_eq!(of_page("/kennisbank/thema/vacancy"), vec!["agenda"]);
        assert_eq!(
            of_page("/gebieden/binnenstad"),
            vec!["proposals:binnenstad"]
        );
        assert_eq!(
            of_page("/gebieden/binnenstad/voorstellen/4"),
            vec!["proposals:binnenstad"]
        );
        assert!(of_page("/").is_empty());
    }
}
