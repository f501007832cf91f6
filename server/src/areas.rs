//! Plain HTTP routes for areas that are not pages or server functions: CSV downloads and
//! the CSV upload (a multipart form, so it works without JavaScript).

use crate::AppState;
use app::accounts::guard::RequestAuth;
use app::areas::{csv::MAX_BYTES, edit::import, export, open_data};
use axum::{
    extract::{Multipart, Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Extension,
};

pub(crate) fn csv_response(file_name: &str, body: String, cache_control: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, cache_control.to_string()),
        ],
        body,
    )
        .into_response()
}

pub(crate) fn unavailable(error: sqlx::Error) -> Response {
    log::error!("csv export failed: {error}");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "De gegevens zijn op dit moment niet beschikbaar.",
    )
        .into_response()
}

/// `GET /monitor.csv`
pub async fn monitor_csv(State(state): State<AppState>) -> Response {
    match export::monitor_table(&state.pool).await {
        Ok(body) => csv_response("kernpunt-monitor.csv", body, "no-cache"),
        Err(error) => unavailable(error),
    }
}

/// `GET /gebieden/{slug}/cijfers.csv`
pub async fn area_csv(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    match export::area_indicators(&state.pool, &slug).await {
        Ok(Some((file_name, body))) => csv_response(&file_name, body, "no-cache"),
        Ok(None) => (StatusCode::NOT_FOUND, "Dit gebied bestaat niet.").into_response(),
        Err(error) => unavailable(error),
    }
}

/// `POST /monitor/import`: stores the uploaded file and sends the browser to its preview.
/// Only coordinators; everyone else is sent to log in or refused.
pub async fn upload_import(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    mut multipart: Multipart,
) -> Response {
    let back = |code: &str| Redirect::to(&format!("/monitor/import?fout={code}")).into_response();
    let user = match crate::security::require_coordinator(
        auth,
        "/inloggen?volgende=%2Fmonitor%2Fimport",
        "Alleen coördinatoren kunnen cijfers importeren.",
    ) {
        Ok(user) => user,
        Err(answer) => return answer,
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return back("geen-bestand"),
            // A body over the limit ends up here too.
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return back("te-groot")
            }
            Err(_) => return back("onleesbaar"),
        };
        if field.name() != Some("bestand") {
            continue;
        }
        let file_name = field.file_name().unwrap_or("upload.csv").to_string();
        let bytes = match field.bytes().await {
            Ok(bytes) => bytes,
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return back("te-groot")
            }
            Err(_) => return back("onleesbaar"),
        };
        if bytes.is_empty() && file_name.is_empty() {
            return back("geen-bestand");
        }
        if bytes.len() > MAX_BYTES {
            return back("te-groot");
        }
        return match import::db::stage(&state.pool, &user, &file_name, &bytes).await {
            Ok(token) => Redirect::to(&format!("/monitor/import/{token}")).into_response(),
            Err(error) => {
                log::error!("storing an upload failed: {error}");
                back("onleesbaar")
            }
        };
    }
}

/// Follows a renamed area: `GET /gebieden/{old}/…` answers a permanent redirect to the
/// same page under the area's current slug. Other requests pass untouched. Only a page that
/// was not found is looked up (an old slug is never a current one), so the pages that exist
/// cost no extra query.
pub async fn follow_renamed_areas(
    State(state): State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let readable =
        request.method() == axum::http::Method::GET || request.method() == axum::http::Method::HEAD;
    let uri = request.uri().clone();
    let response = next.run(request).await;
    if !readable || response.status() != StatusCode::NOT_FOUND {
        return response;
    }
    let Some(rest) = uri.path().strip_prefix("/gebieden/") else {
        return response;
    };
    let (slug, tail) = match rest.split_once('/') {
        Some((slug, tail)) => (slug, format!("/{tail}")),
        None => (rest, String::new()),
    };
    if slug.is_empty() || app::areas::edit::identity::RESERVED_SLUGS.contains(&slug) {
        return response;
    }
    let current: Result<Option<String>, _> = sqlx::query_scalar(
        "SELECT a.slug FROM area_slug_redirects r JOIN areas a ON a.id = r.area_id
         WHERE r.old_slug = ?",
    )
    .bind(slug)
    .fetch_optional(&state.pool)
    .await;
    match current {
        Ok(Some(current)) => {
            let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
            Redirect::permanent(&format!("/gebieden/{current}{tail}{query}")).into_response()
        }
        _ => response,
    }
}

/// An open data file: anyone may fetch it, also from a script on another site.
fn open_data_response(content_type: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

fn json_text(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// `GET /open-data/indicatoren.csv`
pub async fn open_data_csv(State(state): State<AppState>) -> Response {
    match open_data::db::indicators_csv(&state.pool).await {
        Ok(body) => open_data_response("text/csv; charset=utf-8; header=present", body),
        Err(error) => unavailable(error),
    }
}

/// `GET /open-data/indicatoren.csv-metadata.json`
pub async fn open_data_csvw(State(state): State<AppState>) -> Response {
    match open_data::db::settings(&state.pool).await {
        Ok(settings) => open_data_response(
            "application/csvm+json",
            json_text(&open_data::db::csvw(&settings, app::mail::public_url())),
        ),
        Err(error) => unavailable(error),
    }
}

/// `GET /open-data/gebieden.geojson`
pub async fn open_data_geojson(State(state): State<AppState>) -> Response {
    match open_data::db::areas_geojson(&state.pool, app::mail::public_url()).await {
        Ok(value) => open_data_response("application/geo+json", json_text(&value)),
        Err(error) => unavailable(error),
    }
}

/// `GET /open-data/catalogus.jsonld`
pub async fn open_data_catalogue(State(state): State<AppState>) -> Response {
    match open_data::db::catalogue(&state.pool, app::mail::public_url()).await {
        Ok(value) => open_data_response("application/ld+json", json_text(&value)),
        Err(error) => unavailable(error),
    }
}
