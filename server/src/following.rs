//! One-click unsubscribe (RFC 8058) for mails to followers: the `List-Unsubscribe` URL.
//! A mail program POSTs `List-Unsubscribe=One-Click` to it, without a login or a cookie and
//! often from another site, so it sits outside the cross-site check: the token in the path
//! is the proof. Opened in a browser (GET), it leads to the manage page, where one button
//! does the same; a GET never unsubscribes, since mail scanners open links.

use crate::AppState;
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Redirect, Response},
};

/// `POST /volgen/afmelden/{token}`
pub async fn one_click(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match app::following::db::unsubscribe(&state.pool, &token).await {
        Ok(true) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "U bent afgemeld. We sturen u niets meer en uw e-mailadres is verwijderd.",
        )
            .into_response(),
        Ok(false) => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Deze link is niet (meer) geldig; misschien bent u al afgemeld.",
        )
            .into_response(),
        Err(error) => {
            log::error!("unsubscribe failed: {error}");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `GET /volgen/afmelden/{token}`: to the manage page, with its "unsubscribe from
/// everything" button.
pub async fn to_manage_page(Path(token): Path<String>) -> Redirect {
    let token: String = token
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    Redirect::to(&format!(
        "{}#afmelden",
        app::following::api::links_path::manage(&token)
    ))
}
