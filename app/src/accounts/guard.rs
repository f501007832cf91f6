//! The one guard every mutating server function goes through (server only).
//!
//! The server's middleware looks up the session cookie once per request and leaves a
//! [`RequestAuth`] in the request's extensions; server functions read it from there.

use super::{decide, Access, Action, CurrentUser};
use leptos::prelude::use_context;

/// Who sent the request, as established by the server's session middleware.
#[derive(Clone, Debug, Default)]
pub struct RequestAuth {
    pub user: Option<CurrentUser>,
    /// Whose session ran out (less than a day ago) when nobody is logged in. It grants
    /// nothing: it only lets a refused post keep its text as a draft for after logging in.
    pub lapsed_user: Option<CurrentUser>,
    /// The raw session token from the cookie, to end this session on logout.
    pub session_token: Option<String>,
    /// The client's IP address, for rate limiting.
    pub ip: String,
    /// Whether the request came in over https (cookies then get `Secure`).
    pub secure: bool,
}

pub fn request_auth() -> RequestAuth {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<RequestAuth>().cloned())
        .unwrap_or_default()
}

pub fn current_user() -> Option<CurrentUser> {
    request_auth().user
}

/// The user, if the rule book allows them this action; otherwise why not.
pub fn require(action: Action) -> Result<CurrentUser, Access> {
    let user = current_user();
    match decide(user.as_ref(), &action) {
        Access::Allowed => Ok(user.expect("decide allows nothing to anonymous users")),
        denied => {
            log::info!(
                "denied {action:?} to {}: {denied:?}",
                user.as_ref()
                    .map(|u| u.email.as_str())
                    .unwrap_or("anonymous")
            );
            Err(denied)
        }
    }
}

/// Whether the person whose session just ran out would be allowed `action` once they log
/// in again (then what they posted may wait for them as a draft).
pub fn lapsed_user_may(action: &Action) -> bool {
    let auth = request_auth();
    auth.user.is_none() && decide(auth.lapsed_user.as_ref(), action) == Access::Allowed
}

/// A form posted by a browser without JavaScript (it wants an HTML page back), as opposed
/// to a call from the hydrated app. Such posts get their errors through a redirect.
pub fn is_plain_form_post() -> bool {
    use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::ACCEPT)?
                .to_str()
                .ok()
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}

/// A local path to return to after logging in; anything else becomes `/`.
pub fn safe_next(next: &str) -> String {
    let next = next.trim();
    if next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.contains("://")
    {
        next.to_string()
    } else {
        "/".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next("/gebieden/x/bewerken"), "/gebieden/x/bewerken");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
        assert_eq!(safe_next(""), "/");
    }
}
