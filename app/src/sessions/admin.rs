//! Coordinator screens for sessions: create, edit, publish and cancel a session (cancelling
//! and changing time or place mail everyone signed up), the attendee list with the waiting
//! order, moving people between place and waiting list, attendance afterwards, numbers per
//! session, and the report that can be published to the kennisbank.
//! Same framework as the other edit screens: guard, server-side validation, audit row,
//! drafts when a form without JavaScript could not be saved.

use super::{dutch_datetime, RegistrationStatus, SessionKind};
use crate::editing::{EditError, FieldErrors};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The fields of the session form, in form order.
pub const FIELDS: &[&str] = &[
    "kind",
    "title",
    "slug",
    "description",
    "audience",
    "case_area",
    "case_question",
    "starts_at",
    "ends_at",
    "online",
    "meeting_url",
    "address",
    "capacity",
    "signup_deadline",
    "facilitator",
    "status",
];

/// The session form's values (from the database, or a draft that could not be saved).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SessionForm {
    /// Empty for a new session.
    pub original_slug: String,
    pub values: BTreeMap<String, String>,
    pub themes: Vec<String>,
    pub segments: Vec<String>,
    pub errors: FieldErrors,
    pub theme_options: Vec<(String, String)>,
    pub segment_options: Vec<(String, String)>,
    pub area_options: Vec<(String, String)>,
    pub cancelled: bool,
    /// People with a place or on the waiting list (they get a mail on changes).
    pub active_registrations: i64,
    /// After the session: report, materials, recording, and the kennisbank item if published.
    pub report: String,
    pub materials: String,
    pub recording_url: String,
    pub report_item: Option<(String, String)>,
    pub report_errors: FieldErrors,
}

impl SessionForm {
    pub fn value(&self, name: &str) -> String {
        self.values.get(name).cloned().unwrap_or_default()
    }
}

/// "YYYY-MM-DDTHH:MM" with plausible numbers (what `<input type="datetime-local">` sends).
pub fn is_local_datetime(text: &str) -> bool {
    let Some((date, time)) = text.split_once('T') else {
        return false;
    };
    let time_ok = time.len() == 5
        && time.as_bytes()[2] == b':'
        && matches!((time[..2].parse::<u32>(), time[3..].parse::<u32>()), (Ok(h), Ok(m)) if h < 24 && m < 60);
    time_ok && crate::areas::edit::items::is_date(date)
}

fn is_web_address(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() > 10
        && url.len() <= 500
        && !url.contains(char::is_whitespace)
}

/// Checks a session's fields; Dutch messages per field. A cancelled session stays
/// cancelled, so its form has no status to check (`status_editable` false).
pub fn validate_session(
    values: &BTreeMap<String, String>,
    themes: &[String],
    status_editable: bool,
) -> FieldErrors {
    let get = |name: &str| values.get(name).map(|v| v.trim()).unwrap_or("");
    let mut errors = FieldErrors::default();
    let kind = SessionKind::from_code(get("kind"));
    if kind.is_none() {
        errors.add("kind", "Kies een soort uit de lijst.");
    }
    let title = get("title");
    if title.is_empty() || title.chars().count() > 200 {
        errors.add("title", "Geef de sessie een titel (hoogstens 200 tekens).");
    }
    let slug = get("slug");
    if slug.len() < 2 || !crate::library::api::plausible_slug(slug) {
        errors.add(
            "slug",
            "Gebruik alleen kleine letters, cijfers en streepjes (2–100 tekens).",
        );
    } else if ["nieuw", "onderwerpen"].contains(&slug) {
        errors.add("slug", "Dit webadres is gereserveerd; kies een ander.");
    }
    if get("description").chars().count() > 20_000 {
        errors.add(
            "description",
            "De beschrijving is te lang (hoogstens 20.000 tekens).",
        );
    }
    for field in ["audience", "facilitator"] {
        if get(field).chars().count() > 300 {
            errors.add(field, "Hoogstens 300 tekens.");
        }
    }
    let (starts, ends) = (get("starts_at"), get("ends_at"));
    if !is_local_datetime(starts) {
        errors.add(
            "starts_at",
            "Vul een geldige begintijd in, zoals 2027-01-14T19:30.",
        );
    }
    if !is_local_datetime(ends) {
        errors.add(
            "ends_at",
            "Vul een geldige eindtijd in, zoals 2027-01-14T21:00.",
        );
    } else if is_local_datetime(starts) && ends <= starts {
        errors.add("ends_at", "De sessie moet eindigen na het begin.");
    }
    let deadline = get("signup_deadline");
    if !deadline.is_empty() {
        if !is_local_datetime(deadline) {
            errors.add(
                "signup_deadline",
                "Vul een geldige datum en tijd in, of laat het leeg (dan kan aanmelden tot het begin).",
            );
        } else if is_local_datetime(starts) && deadline > starts {
            errors.add(
                "signup_deadline",
                "De aanmeldtermijn moet sluiten vóór het begin van de sessie.",
            );
        }
    }
    match get("capacity").parse::<i64>() {
        Ok(n) if (1..=10_000).contains(&n) => {}
        _ => errors.add(
            "capacity",
            "Vul het aantal plaatsen in: een getal van 1 tot 10.000.",
        ),
    }
    let online = !get("online").is_empty();
    let meeting_url = get("meeting_url");
    if !meeting_url.is_empty() && !is_web_address(meeting_url) {
        errors.add(
            "meeting_url",
            "Vul een volledig webadres in dat begint met https://, of laat het leeg.",
        );
    }
    if !online && get("address").is_empty() {
        errors.add("address", "Vul het adres in, of kies ‘Online’.");
    }
    if get("address").chars().count() > 300 {
        errors.add("address", "Hoogstens 300 tekens.");
    }
    if kind == Some(SessionKind::Intervision) {
        if get("case_area").is_empty() {
            errors.add("case_area", "Kies het gebied dat de casus is.");
        }
        if get("case_question").is_empty() {
            errors.add(
                "case_question",
                "Schrijf de casusvraag op: daar gaat de intervisie over.",
            );
        }
    }
    if get("case_question").chars().count() > 1000 {
        errors.add("case_question", "Hoogstens 1000 tekens.");
    }
    if status_editable && !["draft", "published"].contains(&get("status")) {
        errors.add("status", "Kies concept of gepubliceerd.");
    }
    if themes.is_empty() {
        errors.add(
            "themes",
            "Kies minstens één thema, zodat de sessie in het dossier en de agenda per thema verschijnt.",
        );
    }
    errors
}

/// Checks the after-session fields.
pub fn validate_report(report: &str, materials: &str, recording_url: &str) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if report.chars().count() > 50_000 {
        errors.add(
            "report",
            "Het verslag is te lang (hoogstens 50.000 tekens).",
        );
    }
    if materials.chars().count() > 10_000 {
        errors.add("materials", "Hoogstens 10.000 tekens.");
    }
    let url = recording_url.trim();
    if !url.is_empty() && !is_web_address(url) {
        errors.add(
            "recording_url",
            "Vul een volledig webadres in dat begint met https://, of laat het leeg.",
        );
    }
    errors
}

/// Registered, waiting, attended and the no-show rate of one session.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SessionNumbers {
    pub capacity: i64,
    pub confirmed: i64,
    pub waiting: i64,
    pub cancelled: i64,
    pub attended: i64,
    pub absent: i64,
}

impl SessionNumbers {
    /// Percentage of those with a place whose attendance was recorded and who did not come.
    pub fn no_show_percent(&self) -> Option<i64> {
        let recorded = self.attended + self.absent;
        (recorded > 0).then(|| (self.absent * 100 + recorded / 2) / recorded)
    }
}

/// One row of the coordinators' session overview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionRow {
    pub slug: String,
    pub title: String,
    pub kind: SessionKind,
    pub starts_at: String,
    pub status: String,
    pub numbers: SessionNumbers,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SessionsOverview {
    pub sessions: Vec<SessionRow>,
    /// Mails not sent yet, being retried, and given up.
    pub mail_waiting: i64,
    pub mail_retrying: i64,
    pub mail_failed: i64,
}

/// One registration as the coordinator sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attendee {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub role: String,
    pub area: String,
    pub question: String,
    pub status: RegistrationStatus,
    pub attended: Option<bool>,
    pub signed_up_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttendeeList {
    pub slug: String,
    pub title: String,
    pub starts_at: String,
    pub started: bool,
    pub cancelled: bool,
    pub purged: bool,
    /// Confirmed in sign-up order, then the waiting list in its order, then cancelled.
    pub attendees: Vec<Attendee>,
    pub numbers: SessionNumbers,
}

/// Everyone who signed up for a session: those with a place in sign-up order, then the
/// waiting list in its order, then the cancelled (for the attendee page and the CSV).
#[cfg(feature = "ssr")]
pub async fn attendees(
    pool: &sqlx::SqlitePool,
    session_id: i64,
) -> Result<Vec<Attendee>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        name: String,
        email: String,
        organisation: String,
        role: String,
        area: Option<String>,
        question: String,
        status: String,
        attended: Option<bool>,
        created_at: String,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT r.id, r.name, r.email, r.organisation, r.role, a.name AS area, r.question, r.status,
                r.attended, r.created_at
         FROM registrations r LEFT JOIN areas a ON a.id = r.area_id
         WHERE r.session_id = ?
         ORDER BY CASE r.status WHEN 'confirmed' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END, r.queue",
    )
    .bind(session_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Attendee {
            id: row.id,
            name: row.name,
            email: row.email,
            organisation: row.organisation,
            role: crate::sessions::AttendeeRole::from_code(&row.role)
                .map(|r| r.label().to_string())
                .unwrap_or(row.role),
            area: row.area.unwrap_or_default(),
            question: row.question,
            status: RegistrationStatus::from_code(&row.status)
                .unwrap_or(RegistrationStatus::Cancelled),
            attended: row.attended,
            signed_up_at: row.created_at,
        })
        .collect())
}

/// Messages for forms posted without JavaScript, passed back as a code in the URL.
pub fn notice_text(code: &str) -> Option<&'static str> {
    Some(match code {
        "vol" => {
            "De sessie is vol: zet eerst iemand op de wachtlijst of verhoog het aantal plaatsen."
        }
        "nog-niet" => "Aanwezigheid kunt u vastleggen vanaf het begin van de sessie.",
        "bevestig" => {
            "Vink aan dat u de sessie wilt annuleren; alle aangemelde mensen krijgen dan een mail."
        }
        "opgeslagen" => "Opgeslagen.",
        "verplaatst" => "Verplaatst; de deelnemer krijgt een mail.",
        "aanwezigheid" => "Aanwezigheid opgeslagen.",
        "geen-verslag" => "Schrijf eerst een verslag; dat wordt het item in de kennisbank.",
        _ => return None,
    })
}

pub mod api {
    use super::*;
    use leptos::prelude::*;

    #[cfg(feature = "ssr")]
    use crate::sessions::db as session_db;

    #[cfg(feature = "ssr")]
    use crate::editing::form::server::coordinator;

    #[cfg(feature = "ssr")]
    fn pool() -> Result<sqlx::SqlitePool, EditError> {
        crate::db::pool_from_context().ok_or(EditError::Unavailable)
    }

    /// Without JavaScript, go back to a page with a notice code.
    #[cfg(feature = "ssr")]
    fn back_to(page: &str, code: &str) {
        if crate::accounts::guard::is_plain_form_post() {
            leptos_axum::redirect(&format!("{page}?melding={code}"));
        }
    }

    #[cfg(feature = "ssr")]
    fn now_local() -> String {
        crate::sessions::amsterdam_time(crate::accounts::session::now())
    }

    /// The numbers of one session (`Some(id)`) or of all, by session id, in one query.
    #[cfg(feature = "ssr")]
    async fn numbers(
        pool: &sqlx::SqlitePool,
        session_id: Option<i64>,
    ) -> Result<std::collections::HashMap<i64, SessionNumbers>, sqlx::Error> {
        let rows: Vec<(i64, i64, i64, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT s.id, s.capacity,
                    count(r.id) FILTER (WHERE r.status = 'confirmed'),
                    count(r.id) FILTER (WHERE r.status = 'waiting'),
                    count(r.id) FILTER (WHERE r.status = 'cancelled'),
                    count(r.id) FILTER (WHERE r.status = 'confirmed' AND r.attended = 1),
                    count(r.id) FILTER (WHERE r.status = 'confirmed' AND r.attended = 0)
             FROM learning_sessions s LEFT JOIN registrations r ON r.session_id = s.id
             WHERE ?1 IS NULL OR s.id = ?1 GROUP BY s.id",
        )
        .bind(session_id)
        .fetch_all(pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(id, capacity, confirmed, waiting, cancelled, attended, absent)| {
                    let numbers = SessionNumbers {
                        capacity,
                        confirmed,
                        waiting,
                        cancelled,
                        attended,
                        absent,
                    };
                    (id, numbers)
                },
            )
            .collect())
    }

    /// All sessions, drafts included, with their numbers; and how the mail is doing.
    #[server(endpoint = "load_sessions_overview")]
    pub async fn load_sessions_overview() -> Result<SessionsOverview, EditError> {
        coordinator()?;
        let pool = pool()?;
        let rows: Vec<(i64, String, String, String, String, String)> = sqlx::query_as(
            "SELECT id, slug, title, kind, starts_at, status FROM learning_sessions ORDER BY starts_at DESC",
        )
        .fetch_all(&pool)
        .await?;
        let mut numbers = numbers(&pool, None).await?;
        let sessions = rows
            .into_iter()
            .map(|(id, slug, title, kind, starts_at, status)| SessionRow {
                numbers: numbers.remove(&id).unwrap_or_default(),
                slug,
                title,
                kind: SessionKind::from_code(&kind).unwrap_or(SessionKind::Thematic),
                starts_at,
                status,
            })
            .collect();
        let mail = crate::mail::state(&pool).await?;
        Ok(SessionsOverview {
            sessions,
            mail_waiting: mail.waiting,
            mail_retrying: mail.retrying,
            mail_failed: mail.failed,
        })
    }

    #[cfg(feature = "ssr")]
    fn form_key(slug: &str) -> String {
        format!("session:{slug}")
    }

    /// The edit form of a session (`slug` empty: a new one), with a draft merged in.
    #[server(endpoint = "load_session_edit")]
    pub async fn load_session_edit(
        slug: String,
        #[server(default)] concept: String,
    ) -> Result<SessionForm, EditError> {
        coordinator()?;
        let pool = pool()?;
        let mut form = SessionForm {
            original_slug: slug.clone(),
            theme_options: crate::areas::db::themes(&pool).await?,
            segment_options: crate::library::db::segment_choices(&pool).await?,
            area_options: crate::library::db::area_choices(&pool).await?,
            ..SessionForm::default()
        };
        if slug.is_empty() {
            form.values = [
                ("kind", "thematic"),
                ("online", "ja"),
                ("capacity", "40"),
                ("status", "draft"),
                ("facilitator", "Coördinatiepunt Vitale Kerngebieden"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        } else {
            #[derive(sqlx::FromRow)]
            struct Row {
                id: i64,
                kind: String,
                title: String,
                description: String,
                audience: String,
                case_area: Option<String>,
                case_question: String,
                starts_at: String,
                ends_at: String,
                online: bool,
                meeting_url: Option<String>,
                address: String,
                capacity: i64,
                signup_deadline: String,
                facilitator: String,
                status: String,
                report: String,
                materials: String,
                recording_url: String,
                report_slug: Option<String>,
                report_title: Option<String>,
            }
            let row: Row = sqlx::query_as(
                "SELECT s.id, s.kind, s.title, s.description, s.audience, a.slug AS case_area, s.case_question,
                        s.starts_at, s.ends_at, s.online, s.meeting_url, s.address, s.capacity, s.signup_deadline,
                        s.facilitator, s.status, s.report, s.materials, s.recording_url,
                        i.slug AS report_slug, i.title AS report_title
                 FROM learning_sessions s LEFT JOIN areas a ON a.id = s.case_area_id
                 LEFT JOIN library_items i ON i.id = s.report_item_id
                 WHERE s.slug = ?",
            )
            .bind(&slug)
            .fetch_optional(&pool)
            .await?
            .ok_or(EditError::NotFound)?;
            form.values = [
                ("kind", row.kind),
                ("title", row.title),
                ("slug", slug.clone()),
                ("description", row.description),
                ("audience", row.audience),
                ("case_area", row.case_area.unwrap_or_default()),
                ("case_question", row.case_question),
                ("starts_at", row.starts_at),
                ("ends_at", row.ends_at),
                (
                    "online",
                    if row.online {
                        "ja".into()
                    } else {
                        String::new()
                    },
                ),
                ("meeting_url", row.meeting_url.unwrap_or_default()),
                ("address", row.address),
                ("capacity", row.capacity.to_string()),
                ("signup_deadline", row.signup_deadline),
                ("facilitator", row.facilitator),
                ("status", row.status.clone()),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
            form.cancelled = row.status == "cancelled";
            form.themes = sqlx::query_scalar(
                "SELECT theme_key FROM learning_session_themes WHERE session_id = ?",
            )
            .bind(row.id)
            .fetch_all(&pool)
            .await?;
            form.segments = sqlx::query_scalar(
                "SELECT CAST(segment_id AS TEXT) FROM learning_session_segments WHERE session_id = ?",
            )
            .bind(row.id)
            .fetch_all(&pool)
            .await?;
            form.active_registrations = sqlx::query_scalar(
                "SELECT count(*) FROM registrations WHERE session_id = ? AND status <> 'cancelled'",
            )
            .bind(row.id)
            .fetch_one(&pool)
            .await?;
            form.report = row.report;
            form.materials = row.materials;
            form.recording_url = row.recording_url;
            form.report_item = row.report_slug.zip(row.report_title);
        }
        if !concept.is_empty() {
            for key in [form_key(&slug), format!("session-report:{slug}")] {
                if let Some(draft) = crate::editing::drafts::load(&pool, &key, &concept).await? {
                    if key.starts_with("session-report") {
                        form.report = draft.values.get("report").cloned().unwrap_or_default();
                        form.materials = draft.values.get("materials").cloned().unwrap_or_default();
                        form.recording_url = draft
                            .values
                            .get("recording_url")
                            .cloned()
                            .unwrap_or_default();
                        form.report_errors = draft.errors;
                    } else {
                        let split = |name: &str| {
                            draft
                                .values
                                .get(name)
                                .map(|v| {
                                    v.split(',')
                                        .filter(|s| !s.is_empty())
                                        .map(String::from)
                                        .collect()
                                })
                                .unwrap_or_default()
                        };
                        form.themes = split("themes");
                        form.segments = split("segments");
                        form.values = draft.values.clone();
                        form.errors = draft.errors;
                    }
                }
            }
        }
        Ok(form)
    }

    /// Creates or updates a session. Changing time or place of a published session raises
    /// its calendar sequence and mails everyone signed up; more places move people up from
    /// the waiting list.
    #[server(endpoint = "save_session")]
    pub async fn save_session(
        #[server(default)] original_slug: String,
        #[server(default)] fields: BTreeMap<String, String>,
        #[server(default)] themes: BTreeMap<String, String>,
        #[server(default)] segments: BTreeMap<String, String>,
    ) -> Result<String, EditError> {
        use crate::editing::{audit, drafts};
        let user = coordinator()?;
        let pool = pool()?;
        let theme_options = crate::areas::db::themes(&pool).await?;
        let segment_options = crate::library::db::segment_choices(&pool).await?;
        let mut values: BTreeMap<String, String> = fields
            .into_iter()
            .filter(|(k, _)| FIELDS.contains(&k.as_str()))
            .map(|(k, v)| (k, v.trim().to_string()))
            .collect();
        if values.get("slug").is_none_or(|s| s.is_empty()) {
            let slug = crate::library::edit::slugify(
                values.get("title").map(String::as_str).unwrap_or(""),
            );
            values.insert("slug".into(), slug);
        }
        if values.get("signup_deadline").is_none_or(|s| s.is_empty()) {
            let starts = values.get("starts_at").cloned().unwrap_or_default();
            values.insert("signup_deadline".into(), starts);
        }
        let themes: Vec<String> = themes
            .into_keys()
            .filter(|k| theme_options.iter().any(|(t, _)| t == k))
            .collect();
        let segments: Vec<String> = segments
            .into_keys()
            .filter(|k| segment_options.iter().any(|(s, _)| s == k))
            .collect();
        let get = |name: &str| values.get(name).cloned().unwrap_or_default();
        let stored_status: Option<String> =
            sqlx::query_scalar("SELECT status FROM learning_sessions WHERE slug = ?")
                .bind(&original_slug)
                .fetch_optional(&pool)
                .await?;
        let mut errors = validate_session(
            &values,
            &themes,
            stored_status.as_deref() != Some("cancelled"),
        );
        let case_area_id: Option<i64> = if get("case_area").is_empty() {
            None
        } else {
            let id = sqlx::query_scalar("SELECT id FROM areas WHERE slug = ?")
                .bind(get("case_area"))
                .fetch_optional(&pool)
                .await?;
            if id.is_none() {
                errors.add("case_area", "Kies een gebied uit de lijst.");
            }
            id
        };
        let slug = get("slug");
        if errors.get("slug").is_none() {
            let taken: Option<i64> =
                sqlx::query_scalar("SELECT id FROM learning_sessions WHERE slug = ? AND slug <> ?")
                    .bind(&slug)
                    .bind(&original_slug)
                    .fetch_optional(&pool)
                    .await?;
            if taken.is_some() {
                errors.add(
                    "slug",
                    "Er is al een sessie met dit webadres; kies een ander.",
                );
            }
        }
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        #[derive(sqlx::FromRow, Serialize)]
        struct Before {
            id: i64,
            status: String,
            starts_at: String,
            ends_at: String,
            online: bool,
            address: String,
            meeting_url: Option<String>,
            title: String,
            capacity: i64,
        }
        let before: Option<Before> = if original_slug.is_empty() {
            None
        } else {
            Some(
                sqlx::query_as(
                    "SELECT id, status, starts_at, ends_at, online, address, meeting_url, title, capacity
                     FROM learning_sessions WHERE slug = ?",
                )
                .bind(&original_slug)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(EditError::NotFound)?,
            )
        };
        let capacity: i64 = get("capacity").parse().unwrap_or(0);
        if let Some(before) = &before {
            let (confirmed, active): (i64, i64) = sqlx::query_as(
                "SELECT count(*) FILTER (WHERE status = 'confirmed'), count(*) FILTER (WHERE status <> 'cancelled')
                 FROM registrations WHERE session_id = ?",
            )
            .bind(before.id)
            .fetch_one(&mut *tx)
            .await?;
            if errors.get("capacity").is_none() && capacity < confirmed {
                errors.add(
                    "capacity",
                    format!("Er hebben al {confirmed} mensen een plek. Zet eerst mensen op de wachtlijst als u minder plaatsen wilt."),
                );
            }
            if before.status == "published" && get("status") == "draft" && active > 0 {
                errors.add(
                    "status",
                    "Er zijn al aanmeldingen: de sessie kan niet terug naar concept. Annuleer hem als hij niet doorgaat.",
                );
            }
        }
        if !errors.is_empty() {
            drop(tx);
            if crate::accounts::guard::is_plain_form_post() {
                let mut draft_values = values.clone();
                draft_values.insert("themes".into(), themes.join(","));
                draft_values.insert("segments".into(), segments.join(","));
                let draft = drafts::Draft {
                    values: draft_values,
                    errors: errors.clone(),
                    preview_html: None,
                };
                if let Ok(token) = drafts::store(&pool, &form_key(&original_slug), &draft).await {
                    let page = if original_slug.is_empty() {
                        "/sessies/nieuw".to_string()
                    } else {
                        format!("/sessies/{original_slug}/bewerken")
                    };
                    leptos_axum::redirect(&format!("{page}?concept={token}"));
                }
            }
            return Err(EditError::Invalid(errors));
        }
        let online = !get("online").is_empty();
        let meeting_url = Some(get("meeting_url")).filter(|u| !u.is_empty());
        let status = match &before {
            Some(b) if b.status == "cancelled" => "cancelled".to_string(),
            _ => get("status"),
        };
        // Both statements set the same columns from the form, in the order of COLUMNS.
        type Query<'q> = sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;
        fn bind_form<'q>(
            query: Query<'q>,
            values: &BTreeMap<String, String>,
            case_area_id: Option<i64>,
            meeting_url: &Option<String>,
            capacity: i64,
            status: &str,
        ) -> Query<'q> {
            let get = |name: &str| values.get(name).cloned().unwrap_or_default();
            query
                .bind(get("slug"))
                .bind(get("kind"))
                .bind(get("title"))
                .bind(get("description"))
                .bind(get("audience"))
                .bind(case_area_id)
                .bind(get("case_question"))
                .bind(get("starts_at"))
                .bind(get("ends_at"))
                .bind(!get("online").is_empty())
                .bind(meeting_url.clone())
                .bind(get("address"))
                .bind(capacity)
                .bind(get("signup_deadline"))
                .bind(get("facilitator"))
                .bind(status.to_string())
        }
        const COLUMNS: [&str; 16] = [
            "slug",
            "kind",
            "title",
            "description",
            "audience",
            "case_area_id",
            "case_question",
            "starts_at",
            "ends_at",
            "online",
            "meeting_url",
            "address",
            "capacity",
            "signup_deadline",
            "facilitator",
            "status",
        ];
        let (id, action, changed) = match &before {
            None => {
                let insert = format!(
                    "INSERT INTO learning_sessions ({}) VALUES ({}) RETURNING id",
                    COLUMNS.join(", "),
                    ["?"; 16].join(", ")
                );
                let row = bind_form(
                    sqlx::query(&insert),
                    &values,
                    case_area_id,
                    &meeting_url,
                    capacity,
                    &status,
                )
                .fetch_one(&mut *tx)
                .await?;
                let id: i64 = sqlx::Row::get(&row, 0);
                (id, audit::AuditAction::Create, false)
            }
            Some(b) => {
                // What attendees must hear about: when and where.
                let changed = b.starts_at != get("starts_at")
                    || b.ends_at != get("ends_at")
                    || b.online != online
                    || b.address != get("address")
                    || b.meeting_url != meeting_url;
                let calendar_changed = changed || b.title != get("title");
                let update = format!(
                    "UPDATE learning_sessions SET {}, sequence = sequence + ?,
                         reminded_at = CASE WHEN ? THEN NULL ELSE reminded_at END,
                         updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                     WHERE id = ?",
                    COLUMNS.map(|c| format!("{c} = ?")).join(", ")
                );
                bind_form(
                    sqlx::query(&update),
                    &values,
                    case_area_id,
                    &meeting_url,
                    capacity,
                    &status,
                )
                .bind(i64::from(calendar_changed))
                .bind(b.starts_at != get("starts_at"))
                .bind(b.id)
                .execute(&mut *tx)
                .await?;
                (
                    b.id,
                    audit::AuditAction::Update,
                    changed && status == "published",
                )
            }
        };
        sqlx::query("DELETE FROM learning_session_themes WHERE session_id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for theme in &themes {
            sqlx::query(
                "INSERT INTO learning_session_themes (session_id, theme_key) VALUES (?, ?)",
            )
            .bind(id)
            .bind(theme)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("DELETE FROM learning_session_segments WHERE session_id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for segment in &segments {
            sqlx::query(
                "INSERT INTO learning_session_segments (session_id, segment_id) VALUES (?, CAST(? AS INTEGER))",
            )
            .bind(id)
            .bind(segment)
            .execute(&mut *tx)
            .await?;
        }
        if changed {
            session_db::mail_each(&mut tx, id, false, crate::sessions::mail::session_changed)
                .await?;
        }
        // More places: the waiting list moves up, in order.
        if status == "published" {
            while session_db::promote_first(&mut tx, id).await? {}
        }
        let mut after = values.clone();
        after.insert("themes".into(), themes.join(","));
        after.insert("segments".into(), segments.join(","));
        audit::record(
            &mut tx,
            &user,
            action,
            "learning_session",
            id,
            None,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        if crate::accounts::guard::is_plain_form_post() {
            leptos_axum::redirect(&format!("/sessies/{slug}/bewerken?melding=opgeslagen"));
        }
        Ok(slug)
    }

    /// Cancels a session: it stays visible as cancelled, calendars get STATUS:CANCELLED, and
    /// everyone with a place or on the waiting list gets a mail.
    #[server(endpoint = "cancel_session")]
    pub async fn cancel_session(
        slug: String,
        #[server(default)] confirm: String,
    ) -> Result<(), EditError> {
        use crate::editing::audit;
        let user = coordinator()?;
        if confirm != "ja" {
            back_to(&format!("/sessies/{slug}/bewerken"), "bevestig");
            let mut errors = FieldErrors::default();
            errors.add("confirm", notice_text("bevestig").unwrap_or_default());
            return Err(EditError::Invalid(errors));
        }
        let pool = pool()?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let id: i64 = sqlx::query_scalar(
            "UPDATE learning_sessions SET status = 'cancelled', sequence = sequence + 1,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
             WHERE slug = ? AND status <> 'cancelled' RETURNING id",
        )
        .bind(&slug)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(EditError::NotFound)?;
        let mailed =
            session_db::mail_each(&mut tx, id, false, crate::sessions::mail::session_cancelled)
                .await?;
        audit::record(
            &mut tx,
            &user,
            audit::AuditAction::Update,
            "learning_session",
            id,
            None,
            Some(&("status", "cancelled", mailed)),
        )
        .await?;
        tx.commit().await?;
        if crate::accounts::guard::is_plain_form_post() {
            leptos_axum::redirect(&format!("/sessies/{slug}"));
        }
        Ok(())
    }

    /// Everyone who signed up for a session, with the numbers.
    #[server(endpoint = "session_attendees")]
    pub async fn session_attendees(slug: String) -> Result<AttendeeList, EditError> {
        coordinator()?;
        let pool = pool()?;
        let session: (i64, String, String, String, Option<String>) = sqlx::query_as(
            "SELECT id, title, starts_at, status, purged_at FROM learning_sessions WHERE slug = ?",
        )
        .bind(&slug)
        .fetch_optional(&pool)
        .await?
        .ok_or(EditError::NotFound)?;
        let (id, title, starts_at, status, purged) = session;
        let attendees = super::attendees(&pool, id).await?;
        Ok(AttendeeList {
            started: starts_at <= now_local(),
            slug,
            title,
            starts_at,
            cancelled: status == "cancelled",
            purged: purged.is_some(),
            attendees,
            numbers: numbers(&pool, Some(id))
                .await?
                .remove(&id)
                .unwrap_or_default(),
        })
    }

    /// Moves a registration: `confirmed` (gives a place, if one is free), `waiting` (to the
    /// end of the waiting list) or `cancelled` (the first waiting moves up). The person gets
    /// a mail.
    #[server(endpoint = "move_registration")]
    pub async fn move_registration(
        slug: String,
        registration_id: i64,
        to: String,
    ) -> Result<(), EditError> {
        use crate::editing::audit;
        use crate::sessions::mail;
        let user = coordinator()?;
        let page = format!("/sessies/{slug}/deelnemers");
        let target = RegistrationStatus::from_code(&to).ok_or_else(|| {
            let mut errors = FieldErrors::default();
            errors.add("to", "Kies een plek, de wachtlijst of afmelden.");
            EditError::Invalid(errors)
        })?;
        let pool = pool()?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let row: Option<(i64, String, String, String, i64, String)> = sqlx::query_as(
            "SELECT s.id, r.status, r.name, r.email, s.capacity, s.status
             FROM registrations r JOIN learning_sessions s ON s.id = r.session_id
             WHERE r.id = ? AND s.slug = ?",
        )
        .bind(registration_id)
        .bind(&slug)
        .fetch_optional(&mut *tx)
        .await?;
        let (session_id, current, name, email, capacity, _) = row.ok_or(EditError::NotFound)?;
        if current == target.code() {
            back_to(&page, "verplaatst");
            return Ok(());
        }
        let session = session_db::mail_entry(&mut tx, session_id).await?;
        let to_person = mail::Recipient {
            name: &name,
            email: &email,
        };
        match target {
            RegistrationStatus::Confirmed => {
                let confirmed: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM registrations WHERE session_id = ? AND status = 'confirmed'",
                )
                .bind(session_id)
                .fetch_one(&mut *tx)
                .await?;
                if confirmed >= capacity {
                    drop(tx);
                    back_to(&page, "vol");
                    let mut errors = FieldErrors::default();
                    errors.add(
                        &format!("move_{registration_id}"),
                        notice_text("vol").unwrap_or_default(),
                    );
                    return Err(EditError::Invalid(errors));
                }
                sqlx::query("UPDATE registrations SET status = 'confirmed', cancelled_at = NULL WHERE id = ?")
                    .bind(registration_id)
                    .execute(&mut *tx)
                    .await?;
                crate::mail::enqueue(
                    &mut tx,
                    &mail::promoted(&session, &to_person),
                    Some(registration_id),
                )
                .await?;
            }
            RegistrationStatus::Waiting => {
                sqlx::query(
                    "UPDATE registrations SET status = 'waiting', cancelled_at = NULL,
                         queue = (SELECT max(queue) + 1 FROM registrations WHERE session_id = ?)
                     WHERE id = ?",
                )
                .bind(session_id)
                .bind(registration_id)
                .execute(&mut *tx)
                .await?;
                crate::mail::enqueue(
                    &mut tx,
                    &mail::moved_to_waiting(&session, &to_person),
                    Some(registration_id),
                )
                .await?;
            }
            RegistrationStatus::Cancelled => {
                session_db::cancel_registration(&mut tx, registration_id).await?;
            }
        }
        audit::record(
            &mut tx,
            &user,
            audit::AuditAction::Update,
            "registration",
            registration_id,
            Some(&current),
            Some(&target.code().to_string()),
        )
        .await?;
        tx.commit().await?;
        back_to(&page, "verplaatst");
        Ok(())
    }

    /// Records who came: every confirmed attendee is present if ticked, absent otherwise.
    #[server(endpoint = "save_attendance")]
    pub async fn save_attendance(
        slug: String,
        #[server(default)] present: BTreeMap<String, String>,
    ) -> Result<(), EditError> {
        use crate::editing::audit;
        let user = coordinator()?;
        let page = format!("/sessies/{slug}/deelnemers");
        let pool = pool()?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let (id, starts_at): (i64, String) =
            sqlx::query_as("SELECT id, starts_at FROM learning_sessions WHERE slug = ?")
                .bind(&slug)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(EditError::NotFound)?;
        if starts_at > now_local() {
            drop(tx);
            back_to(&page, "nog-niet");
            let mut errors = FieldErrors::default();
            errors.add("present", notice_text("nog-niet").unwrap_or_default());
            return Err(EditError::Invalid(errors));
        }
        let confirmed: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM registrations WHERE session_id = ? AND status = 'confirmed'",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        let mut came = 0;
        for registration in &confirmed {
            let was_there = present.contains_key(&registration.to_string());
            came += usize::from(was_there);
            sqlx::query("UPDATE registrations SET attended = ? WHERE id = ?")
                .bind(was_there)
                .bind(registration)
                .execute(&mut *tx)
                .await?;
        }
        audit::record(
            &mut tx,
            &user,
            audit::AuditAction::Update,
            "learning_session",
            id,
            None,
            Some(&("attendance", came, confirmed.len())),
        )
        .await?;
        tx.commit().await?;
        back_to(&page, "aanwezigheid");
        Ok(())
    }

    /// Saves the report, materials and recording link (shown on the session page).
    #[server(endpoint = "save_session_report")]
    pub async fn save_session_report(
        slug: String,
        #[server(default)] report: String,
        #[server(default)] materials: String,
        #[server(default)] recording_url: String,
    ) -> Result<(), EditError> {
        use crate::editing::{audit, drafts};
        let user = coordinator()?;
        let pool = pool()?;
        let errors = validate_report(&report, &materials, &recording_url);
        if !errors.is_empty() {
            if crate::accounts::guard::is_plain_form_post() {
                let draft = drafts::Draft {
                    values: [
                        ("report", &report),
                        ("materials", &materials),
                        ("recording_url", &recording_url),
                    ]
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect(),
                    errors: errors.clone(),
                    preview_html: None,
                };
                if let Ok(token) =
                    drafts::store(&pool, &format!("session-report:{slug}"), &draft).await
                {
                    leptos_axum::redirect(&format!(
                        "/sessies/{slug}/bewerken?concept={token}#verslag"
                    ));
                }
            }
            return Err(EditError::Invalid(errors));
        }
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let id: i64 = sqlx::query_scalar(
            "UPDATE learning_sessions SET report = ?, materials = ?, recording_url = ? WHERE slug = ? RETURNING id",
        )
        .bind(report.trim())
        .bind(materials.trim())
        .bind(recording_url.trim())
        .bind(&slug)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(EditError::NotFound)?;
        audit::record(
            &mut tx,
            &user,
            audit::AuditAction::Update,
            "learning_session",
            id,
            None,
            Some(&("report", report.chars().count())),
        )
        .await?;
        tx.commit().await?;
        if crate::accounts::guard::is_plain_form_post() {
            leptos_axum::redirect(&format!(
                "/sessies/{slug}/bewerken?melding=opgeslagen#verslag"
            ));
        }
        Ok(())
    }

    /// Publishes the report in the kennisbank as a session report (kind `session_report`,
    /// with the session's themes and stuurwiel segments); publishing again updates that item.
    /// Returns the item's slug.
    #[server(endpoint = "publish_session_report")]
    pub async fn publish_session_report(slug: String) -> Result<String, EditError> {
        use crate::editing::audit;
        let user = coordinator()?;
        let pool = pool()?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let row: Option<(i64, String, String, String, String, String, Option<i64>)> =
            sqlx::query_as(
                "SELECT id, title, report, materials, recording_url, starts_at, report_item_id
             FROM learning_sessions WHERE slug = ?",
            )
            .bind(&slug)
            .fetch_optional(&mut *tx)
            .await?;
        let (id, title, report, materials, recording_url, starts_at, item_id) =
            row.ok_or(EditError::NotFound)?;
        if report.trim().is_empty() {
            drop(tx);
            back_to(&format!("/sessies/{slug}/bewerken"), "geen-verslag");
            let mut errors = FieldErrors::default();
            errors.add("report", notice_text("geen-verslag").unwrap_or_default());
            return Err(EditError::Invalid(errors));
        }
        let mut body = report.trim().to_string();
        if !materials.trim().is_empty() {
            body.push_str("\n\n## Materiaal\n\n");
            body.push_str(materials.trim());
        }
        body.push_str(&format!(
            "\n\n*Verslag van de sessie ‘{title}’ op {}.* [Naar de sessie](/sessies/{slug})",
            dutch_datetime(&starts_at)
        ));
        let plain: String = report
            .lines()
            .map(|l| l.trim_start_matches(['#', '-', '*', ' ']))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let summary: String = if plain.chars().count() > 280 {
            format!(
                "{}…",
                plain.chars().take(279).collect::<String>().trim_end()
            )
        } else {
            plain
        };
        let item_title = format!("Verslag: {title}");
        let external = Some(recording_url.trim().to_string()).filter(|u| !u.is_empty());
        let existing: Option<(i64, String)> = match item_id {
            Some(item) => {
                sqlx::query_as("SELECT id, slug FROM library_items WHERE id = ?")
                    .bind(item)
                    .fetch_optional(&mut *tx)
                    .await?
            }
            None => None,
        };
        let (item_id, item_slug) = match existing {
            Some((item, item_slug)) => {
                sqlx::query(
                    "UPDATE library_items SET title = ?, summary = ?, body = ?, external_url = ?,
                         version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                     WHERE id = ?",
                )
                .bind(&item_title)
                .bind(&summary)
                .bind(&body)
                .bind(&external)
                .bind(item)
                .execute(&mut *tx)
                .await?;
                (item, item_slug)
            }
            None => {
                let base = format!("verslag-{slug}")
                    .chars()
                    .take(90)
                    .collect::<String>();
                let taken: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM library_items WHERE slug = ? OR slug LIKE ? || '-%'",
                )
                .bind(&base)
                .bind(&base)
                .fetch_one(&mut *tx)
                .await?;
                let item_slug = if taken == 0 {
                    base
                } else {
                    format!("{base}-{}", taken + 1)
                };
                let item: i64 = sqlx::query_scalar(
                    "INSERT INTO library_items (slug, kind, title, summary, body, source_organisation,
                         published_on, external_url, reviewed)
                     VALUES (?, 'session_report', ?, ?, ?, 'Coördinatiepunt Vitale Kerngebieden', ?, ?, 1)
                     RETURNING id",
                )
                .bind(&item_slug)
                .bind(&item_title)
                .bind(&summary)
                .bind(&body)
                .bind(starts_at.get(..10).unwrap_or(""))
                .bind(&external)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query("UPDATE learning_sessions SET report_item_id = ? WHERE id = ?")
                    .bind(item)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                (item, item_slug)
            }
        };
        // Themes, segments and the case area follow the session.
        for table in [
            "library_item_themes",
            "library_item_segments",
            "library_item_areas",
        ] {
            sqlx::query(&format!("DELETE FROM {table} WHERE item_id = ?"))
                .bind(item_id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(
            "INSERT INTO library_item_themes (item_id, theme_key)
             SELECT ?, theme_key FROM learning_session_themes WHERE session_id = ?",
        )
        .bind(item_id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO library_item_segments (item_id, segment_id, position)
             SELECT ?1, x.segment_id, (SELECT coalesce(max(position), 0) + 1 FROM library_item_segments p WHERE p.segment_id = x.segment_id)
             FROM learning_session_segments x WHERE x.session_id = ?2",
        )
        .bind(item_id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO library_item_areas (item_id, area_id)
             SELECT ?, case_area_id FROM learning_sessions WHERE id = ? AND case_area_id IS NOT NULL",
        )
        .bind(item_id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        audit::record(
            &mut tx,
            &user,
            audit::AuditAction::Update,
            "library_item",
            item_id,
            None,
            Some(&("session_report", &slug)),
        )
        .await?;
        tx.commit().await?;
        if crate::accounts::guard::is_plain_form_post() {
            leptos_axum::redirect(&format!("/kennisbank/{item_slug}"));
        }
        Ok(item_slug)
    }
}

pub mod pages;

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        let mut values: BTreeMap<String, String> = [
            ("kind", "thematic"),
            ("title", "Leegstand"),
            ("slug", "leegstand"),
            ("starts_at", "2027-01-14T19:30"),
            ("ends_at", "2027-01-14T21:00"),
            ("signup_deadline", "2027-01-14T12:00"),
            ("online", "ja"),
            ("capacity", "40"),
            ("status", "published"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        for (k, v) in pairs {
            values.insert(k.to_string(), v.to_string());
        }
        values
    }

    #[test]
    fn a_good_session_passes_and_each_mistake_is_named() {
        let themes = vec!["vacancy".to_string()];
        assert!(validate_session(&values(&[]), &themes, true).is_empty());
        for (pairs, field) in [
            (vec![("kind", "lezing")], "kind"),
            (vec![("title", " ")], "title"),
            (vec![("slug", "Met Hoofdletters")], "slug"),
            (vec![("slug", "nieuw")], "slug"),
            (vec![("starts_at", "14-01-2027 19:30")], "starts_at"),
            (vec![("ends_at", "2027-01-14T19:00")], "ends_at"),
            (vec![("starts_at", "2027-02-30T19:30")], "starts_at"),
            (
                vec![("signup_deadline", "2027-01-15T12:00")],
                "signup_deadline",
            ),
            (vec![("capacity", "0")], "capacity"),
            (vec![("capacity", "veel")], "capacity"),
            (vec![("meeting_url", "javascript:alert(1)")], "meeting_url"),
            (vec![("online", ""), ("address", "")], "address"),
            (vec![("kind", "intervision")], "case_area"),
            (vec![("status", "cancelled")], "status"),
        ] {
            let errors = validate_session(&values(&pairs), &themes, true);
            assert!(
                errors.get(field).is_some(),
                "{pairs:?} should fail on {field}"
            );
        }
        assert!(validate_session(&values(&[]), &[], true)
            .get("themes")
            .is_some());
        // A cancelled session's form has no status field.
        let without_status = values(&[("status", "")]);
        assert!(validate_session(&without_status, &themes, false).is_empty());
    }

    #[test]
    fn no_show_rate_counts_only_recorded_attendance() {
        let numbers = SessionNumbers {
            confirmed: 10,
            attended: 6,
            absent: 2,
            ..SessionNumbers::default()
        };
        assert_eq!(numbers.no_show_percent(), Some(25));
        assert_eq!(SessionNumbers::default().no_show_percent(), None);
    }

    #[test]
    fn report_links_must_be_web_addresses() {
        assert!(validate_report("Verslag", "", "https://video.example.nl/1").is_empty());
        assert!(validate_report("", "", "ftp://x")
            .get("recording_url")
            .is_some());
    }
}
