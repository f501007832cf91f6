//! Server functions for logging in and out.

use super::CurrentUser;
use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Why logging in did not work. Wrong email and wrong password read the same on purpose.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum LoginError {
    #[error("E-mailadres of wachtwoord onjuist.")]
    Incorrect,
    #[error("Te veel mislukte pogingen. Wacht een kwartier en probeer het dan opnieuw.")]
    Throttled,
    #[error("Inloggen lukt op dit moment niet. Probeer het over een paar minuten opnieuw.")]
    Unavailable,
    #[error("De verbinding met de server mislukte. Probeer het opnieuw.")]
    Transport(String),
}

impl LoginError {
    /// The HTTP status that says what happened (see `crate::status`).
    pub fn status(&self) -> u16 {
        match self {
            LoginError::Incorrect => 401,
            LoginError::Throttled => 429,
            LoginError::Unavailable => 503,
            LoginError::Transport(_) => 400,
        }
    }
}

impl FromServerFnError for LoginError {
    type Encoder = JsonEncoding;
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        LoginError::Transport(value.to_string())
    }
}

impl LoginError {
    /// The short code used in the login page's URL after a failed post without JavaScript.
    pub fn code(&self) -> &'static str {
        match self {
            LoginError::Incorrect => "onjuist",
            LoginError::Throttled => "geblokkeerd",
            LoginError::Unavailable | LoginError::Transport(_) => "storing",
        }
    }

    pub fn from_code(code: &str) -> Option<LoginError> {
        match code {
            "onjuist" => Some(LoginError::Incorrect),
            "geblokkeerd" => Some(LoginError::Throttled),
            "storing" => Some(LoginError::Unavailable),
            _ => None,
        }
    }
}

/// The logged-in user, if any (used by the header and by pages that need a login).
#[server(endpoint = "whoami")]
pub async fn whoami() -> Result<Option<CurrentUser>, ServerFnError> {
    Ok(super::guard::current_user())
}

#[server(endpoint = "login")]
pub async fn login(email: String, password: String, next: String) -> Result<(), LoginError> {
    use super::{db, guard, password as pw, session};

    let auth = guard::request_auth();
    let pool = crate::db::pool_from_context().ok_or(LoginError::Unavailable)?;
    let now = session::now();
    let email = email.trim().to_lowercase();
    let next = guard::safe_next(&next);

    let outcome: Result<i64, LoginError> = async {
        let unavailable = |e: sqlx::Error| {
            log::error!("login failed on the database: {e}");
            LoginError::Unavailable
        };
        // No account has an address this long (RFC 5321: 254): refused without a trace, so
        // the failure log cannot be filled with megabytes of made-up addresses.
        if email.len() > 254 || password.len() > 1024 {
            return Err(LoginError::Incorrect);
        }
        if db::login_throttled(&pool, &email, &auth.ip, now)
            .await
            .map_err(unavailable)?
        {
            return Err(LoginError::Throttled);
        }
        let record = db::find_login(&pool, &email).await.map_err(unavailable)?;
        // Verify against a dummy hash for unknown accounts: same work, same answer.
        let stored = record.as_ref().and_then(|r| r.password_hash.clone());
        let matches = pw::verify(&password, stored.as_deref().unwrap_or(pw::dummy_hash()));
        match record {
            Some(record) if matches && record.active && stored.is_some() => {
                db::clear_login_failures(&pool, &email)
                    .await
                    .map_err(unavailable)?;
                Ok(record.user_id)
            }
            _ => {
                db::record_login_failure(&pool, &email, &auth.ip, now)
                    .await
                    .map_err(unavailable)?;
                Err(LoginError::Incorrect)
            }
        }
    }
    .await;

    match outcome {
        Ok(user_id) => {
            // A fresh session id at every login; a session the browser had before is ended.
            if let Some(old) = &auth.session_token {
                let _ = db::delete_session(&pool, old).await;
            }
            let user_agent = use_context::<http::request::Parts>()
                .and_then(|p| {
                    p.headers
                        .get(http::header::USER_AGENT)?
                        .to_str()
                        .ok()
                        .map(str::to_string)
                })
                .unwrap_or_default();
            let token = db::create_session(&pool, user_id, &user_agent, now)
                .await
                .map_err(|e| {
                    log::error!("could not create a session: {e}");
                    LoginError::Unavailable
                })?;
            set_cookie(&session::cookie(&token, auth.secure));
            log::info!("user {user_id} logged in");
            leptos_axum::redirect(&next);
            Ok(())
        }
        Err(error) => {
            if guard::is_plain_form_post() {
                leptos_axum::redirect(&format!(
                    "/inloggen?fout={}&email={}&volgende={}",
                    error.code(),
                    crate::ui::format::encode_query_value(&email),
                    crate::ui::format::encode_query_value(&next)
                ));
            }
            Err(error)
        }
    }
}

/// Adds a `Set-Cookie` header to the server function's response.
#[cfg(feature = "ssr")]
pub(crate) fn set_cookie(value: &str) {
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

/// Ends this session (on the server too, not only the cookie).
#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), ServerFnError> {
    use super::{db, guard, session};
    let auth = guard::request_auth();
    if let (Some(token), Some(pool)) = (&auth.session_token, crate::db::pool_from_context()) {
        db::delete_session(&pool, token)
            .await
            .map_err(|e| ServerFnError::new(e.to_string()))?;
    }
    set_cookie(&session::removal_cookie(auth.secure));
    leptos_axum::redirect("/");
    Ok(())
}

/// Ends every session of the logged-in user, on all devices.
#[server(endpoint = "logout_everywhere")]
pub async fn logout_everywhere() -> Result<(), crate::editing::EditError> {
    use super::{db, guard, session, Action};
    use crate::editing::EditError;
    let auth = guard::request_auth();
    let user = guard::require(Action::OwnAccount)?;
    let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
    db::delete_user_sessions(&pool, user.id).await?;
    set_cookie(&session::removal_cookie(auth.secure));
    leptos_axum::redirect("/inloggen?uitgelogd=overal");
    Ok(())
}
