//! The editing framework every editable entity uses: field-level validation messages,
//! drafts that keep what was typed, markdown rendering, audit log and revisions.
//!
//! A save server function: checks the user with `accounts::guard::require`, validates into
//! [`FieldErrors`], and on success writes the change, an audit row and (for long texts) a
//! revision in one transaction. Without JavaScript, a form that cannot be saved comes
//! back through a draft (`drafts`), so the user sees the messages beside what they typed.

#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod drafts;
pub mod form;
#[cfg(feature = "ssr")]
pub mod markdown;
#[cfg(feature = "ssr")]
pub mod revisions;
pub mod ui;

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Messages per field name, in Dutch, for the form to show next to the field.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FieldErrors(pub BTreeMap<String, String>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0
            .entry(field.to_string())
            .or_insert_with(|| message.into());
    }
    pub fn get(&self, field: &str) -> Option<&String> {
        self.0.get(field)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Why a change was not saved, in words the editor understands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum EditError {
    #[error("Uw sessie is verlopen of u bent niet ingelogd. Log in en probeer het opnieuw; wat u typte is bewaard.")]
    NotLoggedIn { draft: Option<String> },
    #[error("U heeft geen rechten om dit te wijzigen.")]
    Forbidden,
    #[error("Dit bestaat niet (meer), of valt buiten uw gebieden.")]
    NotFound,
    #[error("Iemand anders heeft dit intussen gewijzigd. Uw versie is niet opgeslagen; bekijk de nieuwe versie en breng uw wijziging opnieuw aan.")]
    Conflict,
    #[error("Niet alle velden zijn goed ingevuld.")]
    Invalid(FieldErrors),
    #[error("Opslaan lukt op dit moment niet. Probeer het over een paar minuten opnieuw; wat u typte is bewaard.")]
    Unavailable,
    #[error("De verbinding met de server mislukte. Probeer het opnieuw.")]
    Transport(String),
}

impl FromServerFnError for EditError {
    type Encoder = JsonEncoding;
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        EditError::Transport(value.to_string())
    }
}

impl EditError {
    /// The HTTP status that says honestly what happened (server functions answer every
    /// `Err` with 500 by themselves; the server corrects it with this).
    pub fn status(&self) -> u16 {
        match self {
            EditError::NotLoggedIn { .. } => 401,
            EditError::Forbidden => 403,
            EditError::NotFound => 404,
            EditError::Conflict => 409,
            EditError::Invalid(_) => 422,
            EditError::Unavailable => 503,
            EditError::Transport(_) => 400,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::accounts::Access> for EditError {
    fn from(access: crate::accounts::Access) -> Self {
        use crate::accounts::Access;
        match access {
            Access::NotLoggedIn => EditError::NotLoggedIn { draft: None },
            Access::Forbidden => EditError::Forbidden,
            Access::NotFound | Access::Allowed => EditError::NotFound,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for EditError {
    fn from(error: sqlx::Error) -> Self {
        log::error!("edit failed on the database: {error}");
        EditError::Unavailable
    }
}

/// One line of a comparison between two versions of a text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DiffLine {
    Same(String),
    Added(String),
    Removed(String),
}
