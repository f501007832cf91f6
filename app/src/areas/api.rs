//! Server functions for areas: thin wrappers that validate input and call `db`.

use super::list::{AreaFilter, AreaListing};
use super::AreaProfile;
use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What can go wrong when reading areas, in words a visitor understands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AreaError {
    #[error("De gebiedsgegevens zijn op dit moment niet beschikbaar. Probeer het over een paar minuten opnieuw.")]
    Unavailable,
    #[error("De gegevens konden niet worden opgehaald. Controleer uw verbinding en probeer het opnieuw.")]
    Transport(String),
}

impl FromServerFnError for AreaError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AreaError::Transport(value.to_string())
    }
}

/// Longest search text we look at; anything longer is cut, not refused.
pub const MAX_QUERY_CHARS: usize = 100;

#[cfg(feature = "ssr")]
fn unavailable(error: sqlx::Error) -> AreaError {
    log::error!("area query failed: {error}");
    AreaError::Unavailable
}

#[server(endpoint = "list_areas")]
pub async fn list_areas(filter: AreaFilter) -> Result<AreaListing, AreaError> {
    let pool = crate::db::pool_from_context().ok_or(AreaError::Unavailable)?;
    super::db::list_areas(&pool, &filter)
        .await
        .map_err(unavailable)
}

#[server(endpoint = "get_area_profile")]
pub async fn get_area_profile(slug: String) -> Result<Option<AreaProfile>, AreaError> {
    // Slugs are short, lowercase and dashed; anything else cannot exist.
    if slug.len() > 80
        || !slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Ok(None);
    }
    let pool = crate::db::pool_from_context().ok_or(AreaError::Unavailable)?;
    super::db::area_profile(&pool, &slug)
        .await
        .map_err(unavailable)
}

/// The choices of the list's filter form (districts, themes, key indicators), without areas.
#[server(endpoint = "area_filter_choices")]
pub async fn area_filter_choices() -> Result<AreaListing, AreaError> {
    let pool = crate::db::pool_from_context().ok_or(AreaError::Unavailable)?;
    super::db::area_filter_choices(&pool)
        .await
        .map_err(unavailable)
}
