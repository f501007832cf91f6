//! Calendar files of sessions (iCalendar, RFC 5545): one session, a registration's session,
//! and the feed of all published sessions. And the attendee list as CSV for coordinators.

use crate::AppState;
use app::accounts::guard::RequestAuth;
use app::sessions::{db, ics};
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Extension,
};

async fn calendar(
    state: &AppState,
    slug: Option<&str>,
    theme: Option<&str>,
    name: &str,
    file: &str,
) -> Response {
    let entries = match db::calendar_entries(&state.pool, slug, theme).await {
        Ok(entries) => entries,
        Err(error) => {
            log::error!("calendar query failed: {error}");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    if slug.is_some() && entries.is_empty() {
        return (StatusCode::NOT_FOUND, "Deze sessie bestaat niet.").into_response();
    }
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        ics::for_entries(name, &entries, false),
    )
        .into_response()
}

/// `GET /sessies.ics`
pub async fn feed(State(state): State<AppState>) -> Response {
    calendar(
        &state,
        None,
        None,
        "Kernpunt – sessies Stedelijk leren",
        "kernpunt-sessies.ics",
    )
    .await
}

/// `GET /sessies/{slug}/agenda.ics`
pub async fn one(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    calendar(
        &state,
        Some(&slug),
        None,
        "Kernpunt",
        &format!("{slug}.ics"),
    )
    .await
}

/// `GET /sessies/thema/{theme}.ics`: a subscribable feed of one theme's sessions.
pub async fn theme_feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(theme) = file.strip_suffix(".ics") else {
        return (StatusCode::NOT_FOUND, "Geen agenda op dit adres.").into_response();
    };
    let label: Option<String> = sqlx::query_scalar("SELECT label FROM themes WHERE key = ?")
        .bind(theme)
        .fetch_optional(&state.pool)
        .await
        .unwrap_or(None);
    let Some(label) = label else {
        return (StatusCode::NOT_FOUND, "Dit thema bestaat niet.").into_response();
    };
    let name = format!("Kernpunt – sessies over {}", label.to_lowercase());
    calendar(&state, None, Some(theme), &name, &file).await
}

/// `GET /aanmelding/{token}/agenda.ics`
pub async fn for_registration(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Response {
    match db::session_of(&state.pool, &token).await {
        Ok(Some(slug)) => {
            calendar(
                &state,
                Some(&slug),
                None,
                "Kernpunt",
                &format!("{slug}.ics"),
            )
            .await
        }
        Ok(None) => (StatusCode::NOT_FOUND, "Deze aanmelding bestaat niet.").into_response(),
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// `GET /mijn-aanmeldingen/{token}/agenda.ics`: the sessions one address signed up for,
/// from the link in the "mijn aanmeldingen" mail. Personal: kept by no shared cache.
pub async fn personal_feed(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, "Deze agenda bestaat niet (meer).").into_response();
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return not_found();
    }
    match app::sessions::mine::db::feed_entries(&state.pool, &token).await {
        Ok(Some(entries)) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "private, max-age=600"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"mijn-sessies.ics\"",
                ),
            ],
            ics::for_entries("Kernpunt – mijn sessies", &entries, false),
        )
            .into_response(),
        Ok(None) => not_found(),
        Err(error) => {
            log::error!("personal feed query failed: {error}");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `GET /sessies/{slug}/deelnemers.csv`: the attendee list for Excel (UTF-8 with BOM, `;`).
/// Coordinators only: it holds names and e-mail addresses.
pub async fn attendees_csv(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    Path(slug): Path<String>,
) -> Response {
    if let Err(refusal) = crate::security::require_coordinator(
        auth,
        &format!("/inloggen?volgende=/sessies/{slug}/deelnemers"),
        "Alleen coördinatoren kunnen de deelnemerslijst downloaden.",
    ) {
        return refusal;
    }
    let session: Option<i64> =
        match sqlx::query_scalar("SELECT id FROM learning_sessions WHERE slug = ?")
            .bind(&slug)
            .fetch_optional(&state.pool)
            .await
        {
            Ok(session) => session,
            Err(error) => return crate::areas::unavailable(error),
        };
    let Some(session) = session else {
        return (StatusCode::NOT_FOUND, "Deze sessie bestaat niet.").into_response();
    };
    let attendees = match app::sessions::admin::attendees(&state.pool, session).await {
        Ok(attendees) => attendees,
        Err(error) => return crate::areas::unavailable(error),
    };
    use app::sessions::RegistrationStatus;
    let mut waiting = 0;
    let table: Vec<Vec<String>> = attendees
        .into_iter()
        .map(|a| {
            let position = if a.status == RegistrationStatus::Waiting {
                waiting += 1;
                waiting.to_string()
            } else {
                String::new()
            };
            let attended = match a.attended {
                Some(true) => "ja",
                Some(false) => "nee",
                None => "",
            };
            vec![
                a.name,
                a.email,
                a.organisation,
                a.role,
                a.area,
                a.status.label().to_string(),
                position,
                attended.to_string(),
                a.question,
                a.signed_up_at,
            ]
        })
        .collect();
    let body = app::areas::csv::write_csv(
        &[
            "Naam",
            "E-mail",
            "Organisatie",
            "Rol",
            "Gebied",
            "Status",
            "Plaats op wachtlijst",
            "Aanwezig",
            "Vraag",
            "Aangemeld op",
        ],
        &table,
    );
    // Names and addresses: never kept in a cache.
    crate::areas::csv_response(&format!("deelnemers-{slug}.csv"), body, "no-store")
}
