//! Request middleware: who is asking, cross-site request rejection, security headers.

use crate::AppState;
use app::accounts::{
    db::{self as accounts_db, SessionLookup},
    guard::RequestAuth,
    session,
};
use axum::{
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::net::SocketAddr;

/// Looks up the session cookie once per request and leaves a [`RequestAuth`] for the
/// server functions and pages (see `app::accounts::guard`).
pub async fn authenticate(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let token = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(session::token_from_cookie_header)
        .map(str::to_string);
    let session = match &token {
        Some(token) => accounts_db::look_up_session(&state.pool, token, session::now())
            .await
            .unwrap_or_else(|error| {
                log::error!("session lookup failed: {error}");
                SessionLookup::Unknown
            }),
        None => SessionLookup::Unknown,
    };
    let (user, lapsed_user) = match session {
        SessionLookup::Live(user) => (Some(user), None),
        SessionLookup::Lapsed(user) => (None, Some(user)),
        SessionLookup::Unknown => (None, None),
    };
    // Behind a trusted reverse proxy: the client it forwarded for, and the original scheme.
    let (ip, secure) = match request.extensions().get::<ConnectInfo<SocketAddr>>() {
        Some(ConnectInfo(peer)) => {
            let (ip, secure) = state.trusted_proxies.client(peer.ip(), request.headers());
            (ip.to_string(), secure)
        }
        None => ("unknown".into(), false),
    };
    request.extensions_mut().insert(RequestAuth {
        user,
        lapsed_user,
        session_token: token,
        ip,
        secure,
    });
    let mut response = next.run(request).await;
    if secure {
        // Reached over https: browsers should never use plain http for this site again.
        response.headers_mut().insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

/// Whether a request was sent by a page of another site (a CSRF attempt).
/// Browsers say so in `Sec-Fetch-Site`; older ones send `Origin`, compared with `Host`.
/// Requests with neither header do not come from a browser page and are let through.
pub fn is_cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return !matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
            return true;
        };
        let origin = origin.to_str().unwrap_or("");
        return origin != format!("http://{host}") && origin != format!("https://{host}");
    }
    false
}

/// Refuses state-changing requests that come from another site.
pub async fn reject_cross_site(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && is_cross_site(request.headers()) {
        log::warn!(
            "refused a cross-site {} to {}",
            request.method(),
            request.uri().path()
        );
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Geweigerd: dit verzoek kwam van een andere website.",
        )
            .into_response();
    }
    next.run(request).await
}

/// Headers for every response. HTML pages get a Content-Security-Policy with a fresh nonce
/// that the page's inline scripts carry (see `app::csp`); everything else a strict one.
pub async fn security_headers(mut request: Request, next: Next) -> Response {
    let nonce = session::new_token()[..32].to_string();
    request
        .extensions_mut()
        .insert(app::csp::CspNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        if let Ok(policy) = HeaderValue::from_str(&app::csp::page_policy(&nonce)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        );
    }
    response
}

/// The coordinator behind a plain (non server-function) form post, or the answer for anyone
/// else: the login page `login` for visitors, `403` with `refusal` for other accounts.
pub fn require_coordinator(
    auth: RequestAuth,
    login: &str,
    refusal: &'static str,
) -> Result<app::accounts::CurrentUser, Response> {
    use app::accounts::{decide, Access, Action};
    match decide(auth.user.as_ref(), &Action::Coordinate) {
        Access::Allowed => Ok(auth.user.expect("allowed users are logged in")),
        Access::NotLoggedIn => Err(axum::response::Redirect::to(login).into_response()),
        _ => Err((StatusCode::FORBIDDEN, refusal).into_response()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn cross_site_detection() {
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(!is_cross_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(!is_cross_site(&headers(&[("sec-fetch-site", "none")])));
        assert!(is_cross_site(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "kernpunt.nl")
        ])));
        assert!(is_cross_site(&headers(&[
            ("origin", "null"),
            ("host", "kernpunt.nl")
        ])));
        assert!(!is_cross_site(&headers(&[
            ("origin", "https://kernpunt.nl"),
            ("host", "kernpunt.nl")
        ])));
        assert!(!is_cross_site(&headers(&[])));
    }
}

/// A refusal or a validation error from a server function is a 4xx, not the 500 that
/// server functions answer every `Err` with: the app's errors carry their own status
/// (`app::status`). Plain form posts are redirects and pass untouched.
pub async fn honest_errors(request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 256 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Some(status) =
        app::status::of_error_body(&bytes).and_then(|code| StatusCode::from_u16(code).ok())
    {
        parts.status = status;
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// Most bytes a post to a server function may carry: far above any form's fields (a story is
/// at most 20,000 characters, a library text 50,000), so only abuse reaches it.
pub const MAX_FORM_BYTES: u64 = 1024 * 1024;
/// The pasted CSV of many areas at once (`stage_area_import`, up to 500,000 characters).
pub const MAX_PASTED_CSV_BYTES: u64 = 4 * 1024 * 1024;

/// Refuses a server-function post larger than its limit with 413, before anything reads it
/// (nothing of it is stored, not even a draft). Uploads have their own limits on their routes.
pub async fn limit_form_posts(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let Some(name) = path.strip_prefix("/api/") else {
        return next.run(request).await;
    };
    let limit = if name == "stage_area_import" {
        MAX_PASTED_CSV_BYTES
    } else {
        MAX_FORM_BYTES
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(length) if length > limit => too_large(limit),
        Some(_) => next.run(request).await,
        // Without a length (chunked), the body is read up to the limit and no further.
        None => {
            let (parts, body) = request.into_parts();
            match axum::body::to_bytes(body, limit as usize).await {
                Ok(bytes) => {
                    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
                        .await
                }
                Err(_) => too_large(limit),
            }
        }
    }
}

fn too_large(limit: u64) -> Response {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "Dit formulier is te groot om te versturen (meer dan {} MB).",
            limit / (1024 * 1024)
        ),
    )
        .into_response()
}
