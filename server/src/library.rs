//! Plain HTTP routes of the library: uploading an attachment (a multipart form, so it works
//! without JavaScript) and serving one.

use crate::AppState;
use app::accounts::guard::RequestAuth;
use app::library::{db, files};
use axum::{
    extract::{Multipart, Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Extension,
};

/// `POST /kennisbank/{slug}/bijlagen`
pub async fn upload_attachment(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    Path(slug): Path<String>,
    mut multipart: Multipart,
) -> Response {
    let edit = format!("/kennisbank/{slug}/bewerken");
    let back = |code: &str| {
        Redirect::to(&format!("{edit}?bijlage={code}#bijlagen-beheer")).into_response()
    };
    let user = match crate::security::require_coordinator(
        auth,
        "/inloggen",
        "Alleen coördinatoren kunnen bijlagen toevoegen.",
    ) {
        Ok(user) => user,
        Err(answer) => return answer,
    };
    let item = match db::item_id(&state.pool, &slug).await {
        Ok(Some(id)) => id,
        Ok(None) => return (StatusCode::NOT_FOUND, "Dit item bestaat niet.").into_response(),
        Err(_) => return back("onleesbaar"),
    };
    let (mut file, mut alt) = (None, String::new());
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_string();
                let file_name = field.file_name().unwrap_or("").to_string();
                let bytes = match field.bytes().await {
                    Ok(bytes) => bytes,
                    Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                        return back("te-groot")
                    }
                    Err(_) => return back("onleesbaar"),
                };
                match name.as_str() {
                    "bestand" => file = Some((file_name, bytes)),
                    "alt" => alt = String::from_utf8_lossy(&bytes).chars().take(1000).collect(),
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return back("te-groot")
            }
            Err(_) => return back("onleesbaar"),
        }
    }
    let Some((file_name, bytes)) = file else {
        return back("leeg");
    };
    let kind = match files::check_upload(&bytes, &alt) {
        Ok(kind) => kind,
        Err(problem) => return back(app::library::files_problem_code(&problem)),
    };
    match db::store_attachment(&state.pool, &user, item, &file_name, &bytes, kind, &alt).await {
        Ok(_) => Redirect::to(&format!("{edit}#bijlagen-beheer")).into_response(),
        Err(error) => {
            log::error!("storing an attachment failed: {error}");
            back("onleesbaar")
        }
    }
}

/// `GET /kennisbank/bijlagen/{id}/{name}`: the file with its real type; the name in the
/// URL is only for people and is not trusted.
pub async fn serve_attachment(
    State(state): State<AppState>,
    Path((id, _name)): Path<(i64, String)>,
) -> Response {
    let found = match db::attachment_file(&state.pool, id).await {
        Ok(found) => found,
        Err(error) => {
            log::error!("attachment lookup failed: {error}");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let Some((display_name, kind, path)) = found else {
        return (StatusCode::NOT_FOUND, "Deze bijlage bestaat niet (meer).").into_response();
    };
    match tokio::fs::read(&path).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, kind.content_type().to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    files::content_disposition(&display_name, false),
                ),
                (header::CACHE_CONTROL, "public, max-age=3600".to_string()),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => {
            log::error!(
                "attachment {id} missing on disk at {}: {error}",
                path.display()
            );
            (
                StatusCode::NOT_FOUND,
                "Deze bijlage is niet meer beschikbaar.",
            )
                .into_response()
        }
    }
}
