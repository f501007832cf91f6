//! Server functions for reading the library: thin wrappers that validate input and call `db`.

use super::*;
use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// What can go wrong when reading the library, in words a visitor understands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum LibraryError {
    #[error("De kennisbank is op dit moment niet beschikbaar. Probeer het over een paar minuten opnieuw.")]
    Unavailable,
    #[error("De gegevens konden niet worden opgehaald. Controleer uw verbinding en probeer het opnieuw.")]
    Transport(String),
}

impl FromServerFnError for LibraryError {
    type Encoder = JsonEncoding;
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        LibraryError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
fn unavailable(error: sqlx::Error) -> LibraryError {
    log::error!("library query failed: {error}");
    LibraryError::Unavailable
}

#[cfg(feature = "ssr")]
fn pool() -> Result<sqlx::SqlitePool, LibraryError> {
    crate::db::pool_from_context().ok_or(LibraryError::Unavailable)
}

/// Slugs are short, lowercase and dashed; anything else cannot exist.
pub fn plausible_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 100
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[server(endpoint = "search_library")]
pub async fn search_library(query: LibraryQuery) -> Result<SearchResults, LibraryError> {
    db::search(&pool()?, &query).await.map_err(unavailable)
}

#[server(endpoint = "get_library_item")]
pub async fn get_library_item(slug: String) -> Result<Option<ItemPage>, LibraryError> {
    if !plausible_slug(&slug) {
        return Ok(None);
    }
    db::item_page(&pool()?, &slug).await.map_err(unavailable)
}

#[server(endpoint = "get_dossier")]
pub async fn get_dossier(theme: String) -> Result<Option<Dossier>, LibraryError> {
    if theme.len() > 40 {
        return Ok(None);
    }
    db::dossier(&pool()?, &theme).await.map_err(unavailable)
}

/// Every theme with its number of items, for the library's start page.
#[server(endpoint = "library_overview")]
pub async fn library_overview() -> Result<LibraryStart, LibraryError> {
    let pool = pool()?;
    let themes = sqlx::query_as(
        "SELECT t.key, t.label, (SELECT count(*) FROM library_item_themes x WHERE x.theme_key = t.key)
         FROM themes t ORDER BY t.position",
    )
    .fetch_all(&pool)
    .await
    .map_err(unavailable)?;
    let segments = db::segments_overview(&pool).await.map_err(unavailable)?;
    Ok(LibraryStart { themes, segments })
}

#[server(endpoint = "get_segment_guide")]
pub async fn get_segment_guide(segment_id: i64) -> Result<Option<SegmentGuide>, LibraryError> {
    use crate::accounts::{decide, guard::current_user, Access, Action};
    let coordinator = decide(current_user().as_ref(), &Action::Coordinate) == Access::Allowed;
    db::segment_guide(&pool()?, segment_id, coordinator)
        .await
        .map_err(unavailable)
}

/// The start page's lists: themes (key, label, items) and segments (id, name, description, items).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LibraryStart {
    pub themes: Vec<(String, String, i64)>,
    pub segments: Vec<(i64, String, String, i64)>,
}
