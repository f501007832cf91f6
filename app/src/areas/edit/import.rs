//! Importing indicator values from a supplier's CSV, for coordinators.
//!
//! Three steps, each a page that works without JavaScript: upload (a plain multipart form
//! handled by the server crate, which calls [`db::stage`]), a preview with a row-by-row
//! report, then the import itself — all rows or none, in one transaction.

#[cfg(feature = "ssr")]
use crate::areas::csv::{self, FileError, Validated};
use crate::editing::EditError;
use serde::{Deserialize, Serialize};

/// Staged uploads older than this are removed.
pub const STAGED_HOURS: i64 = 24;
/// How many valid rows the preview lists (the counts cover all of them).
pub const PREVIEW_ROWS: usize = 20;

/// What the preview page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub token: String,
    pub file_name: String,
    /// The whole file is unusable, with why.
    pub file_error: Option<String>,
    pub separator: String,
    pub notes: Vec<String>,
    pub row_count: usize,
    /// Values that are new, and values that replace an existing one.
    pub new_values: usize,
    pub replaced_values: usize,
    pub problems: Vec<(usize, String)>,
    /// The first rows: line, area name, indicator label, period, value, existing value.
    pub sample: Vec<PreviewRow>,
    /// When it was imported (then the preview is a receipt).
    pub imported: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub line: usize,
    pub area: String,
    pub indicator: String,
    pub period: String,
    pub value: f64,
    pub existing: Option<f64>,
}

impl ImportPreview {
    pub fn importable(&self) -> bool {
        self.file_error.is_none()
            && self.problems.is_empty()
            && self.row_count > 0
            && self.imported.is_none()
    }
}

/// Why an upload was refused before it was stored, as a code for the URL (`?fout=`).
pub fn upload_error_message(code: &str) -> Option<&'static str> {
    match code {
        "geen-bestand" => Some("Kies eerst een CSV-bestand om te uploaden."),
        "te-groot" => Some(
            "Het bestand is te groot. Een import mag hoogstens 5 MB zijn; splits het bestand op.",
        ),
        "onleesbaar" => Some("Het bestand kon niet worden gelezen. Probeer het opnieuw."),
        _ => None,
    }
}

#[cfg(feature = "ssr")]
pub mod db {
    use super::*;
    use crate::accounts::CurrentUser;
    use crate::editing::audit::{self, AuditAction};
    use sqlx::SqlitePool;
    use std::collections::HashMap;

    use crate::accounts::session::now;

    /// Keeps an uploaded file for preview; returns its unguessable token.
    pub async fn stage(
        pool: &SqlitePool,
        user: &CurrentUser,
        file_name: &str,
        content: &[u8],
    ) -> Result<String, sqlx::Error> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        // Only the last path component of what the browser says, without control characters.
        let name: String = file_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_control())
            .take(120)
            .collect();
        sqlx::query("DELETE FROM indicator_imports WHERE created_at < ?")
            .bind(now() - STAGED_HOURS * 3600)
            .execute(pool)
            .await?;
        sqlx::query(
            "INSERT INTO indicator_imports (token, user_id, file_name, content, created_at)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(&token)
        .bind(user.id)
        .bind(if name.is_empty() { "upload.csv" } else { &name })
        .bind(content)
        .bind(now())
        .execute(pool)
        .await?;
        Ok(token)
    }

    struct Lookups {
        /// slug, lowercase name and lowercase slug → (id, slug, name)
        areas: HashMap<String, (i64, String, String)>,
        indicators: HashMap<String, String>,
    }

    async fn lookups(pool: &SqlitePool) -> Result<Lookups, sqlx::Error> {
        let rows: Vec<(i64, String, String)> = sqlx::query_as("SELECT id, slug, name FROM areas")
            .fetch_all(pool)
            .await?;
        let mut areas = HashMap::new();
        for (id, slug, name) in rows {
            areas.insert(name.to_lowercase(), (id, slug.clone(), name.clone()));
            areas.insert(slug.clone(), (id, slug, name));
        }
        let indicators = sqlx::query_as::<_, (String, String)>(
            "SELECT key, label FROM indicator_definitions WHERE retired_at IS NULL",
        )
        .fetch_all(pool)
        .await?
        .into_iter()
        .collect();
        Ok(Lookups { areas, indicators })
    }

    fn validate(bytes: &[u8], lookups: &Lookups) -> Result<Validated, FileError> {
        csv::validate(
            bytes,
            &|area: &str| {
                let key = area.trim().to_lowercase();
                lookups.areas.get(&key).map(|(_, slug, _)| slug.clone())
            },
            &|indicator: &str| lookups.indicators.contains_key(indicator),
        )
    }

    /// The preview of a staged upload, or None when the token is unknown or expired.
    pub async fn preview(
        pool: &SqlitePool,
        token: &str,
    ) -> Result<Option<ImportPreview>, sqlx::Error> {
        let Some((file_name, content, imported_at)): Option<(String, Vec<u8>, Option<i64>)> =
            sqlx::query_as(
                "SELECT file_name, content, imported_at FROM indicator_imports
                 WHERE token = ? AND kind = 'indicators' AND created_at >= ?",
            )
            .bind(token)
            .bind(now() - STAGED_HOURS * 3600)
            .fetch_optional(pool)
            .await?
        else {
            return Ok(None);
        };
        let lookups = lookups(pool).await?;
        let mut preview = ImportPreview {
            token: token.to_string(),
            file_name,
            file_error: None,
            separator: String::new(),
            notes: Vec::new(),
            row_count: 0,
            new_values: 0,
            replaced_values: 0,
            problems: Vec::new(),
            sample: Vec::new(),
            imported: None,
        };
        let validated = match validate(&content, &lookups) {
            Ok(validated) => validated,
            Err(error) => {
                preview.file_error = Some(error.to_string());
                return Ok(Some(preview));
            }
        };
        let existing: HashMap<(i64, String, String), f64> =
            sqlx::query_as::<_, (i64, String, String, f64)>(
                "SELECT area_id, indicator_key, period, value FROM indicator_values",
            )
            .fetch_all(pool)
            .await?
            .into_iter()
            .map(|(a, k, p, v)| ((a, k, p), v))
            .collect();
        for row in &validated.rows {
            let (area_id, _, area_name) = &lookups.areas[&row.area_slug];
            let old = existing
                .get(&(*area_id, row.indicator.clone(), row.period.clone()))
                .copied();
            if old.is_some() {
                preview.replaced_values += 1;
            } else {
                preview.new_values += 1;
            }
            if preview.sample.len() < PREVIEW_ROWS {
                preview.sample.push(PreviewRow {
                    line: row.line,
                    area: area_name.clone(),
                    indicator: lookups.indicators[&row.indicator].clone(),
                    period: row.period.clone(),
                    value: row.value,
                    existing: old,
                });
            }
        }
        preview.separator = csv::separator_name(validated.separator).to_string();
        preview.notes = validated.notes;
        preview.row_count = validated.rows.len();
        preview.problems = validated
            .problems
            .into_iter()
            .map(|p| (p.line, p.message))
            .collect();
        if imported_at.is_some() {
            preview.imported = Some(preview.row_count);
        }
        Ok(Some(preview))
    }

    /// Imports every row of a staged upload in one transaction, or nothing when any row has
    /// a problem. Returns the number of values written.
    pub async fn commit(
        pool: &SqlitePool,
        user: &CurrentUser,
        token: &str,
    ) -> Result<usize, EditError> {
        let db_error = |error: sqlx::Error| {
            log::error!("import failed: {error}");
            EditError::Unavailable
        };
        // One write transaction from the first read: a second click waits, then sees
        // `imported_at` and changes nothing.
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(db_error)?;
        let staged: Option<(i64, String, Vec<u8>, Option<i64>)> = sqlx::query_as(
            "SELECT rowid, file_name, content, imported_at FROM indicator_imports
             WHERE token = ? AND kind = 'indicators' AND created_at >= ?",
        )
        .bind(token)
        .bind(now() - STAGED_HOURS * 3600)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db_error)?;
        let Some((import_id, file_name, content, imported_at)) = staged else {
            return Err(EditError::NotFound);
        };
        if imported_at.is_some() {
            return Err(EditError::Conflict);
        }
        let lookups = lookups(pool).await.map_err(db_error)?;
        let invalid = |message: String| {
            let mut errors = crate::editing::FieldErrors::default();
            errors.add("file", message);
            EditError::Invalid(errors)
        };
        let validated = validate(&content, &lookups).map_err(|error| invalid(error.to_string()))?;
        if !validated.problems.is_empty() || validated.rows.is_empty() {
            return Err(invalid(
                "Het bestand bevat fouten; er is niets geïmporteerd. Verbeter de regels uit het overzicht en upload het opnieuw.".into(),
            ));
        }
        for row in &validated.rows {
            let (area_id, _, _) = &lookups.areas[&row.area_slug];
            sqlx::query(
                "INSERT INTO indicator_values (area_id, indicator_key, period, value, source)
                 VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT (area_id, indicator_key, period)
                 DO UPDATE SET value = excluded.value, source = excluded.source",
            )
            .bind(area_id)
            .bind(&row.indicator)
            .bind(&row.period)
            .bind(row.value)
            .bind(&row.source)
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
        }
        // News for those who follow these areas (in the same transaction as the figures).
        let mut areas: Vec<i64> = validated
            .rows
            .iter()
            .map(|row| lookups.areas[&row.area_slug].0)
            .collect();
        areas.sort_unstable();
        areas.dedup();
        crate::following::db::record_figures(&mut tx, &areas, now())
            .await
            .map_err(db_error)?;
        sqlx::query("UPDATE indicator_imports SET imported_at = ? WHERE rowid = ?")
            .bind(now())
            .bind(import_id)
            .execute(&mut *tx)
            .await
            .map_err(db_error)?;
        let summary = serde_json::json!({ "file": file_name, "values": validated.rows.len() });
        audit::record(
            &mut tx,
            user,
            AuditAction::Create,
            "indicator_import",
            import_id,
            None,
            Some(&summary),
        )
        .await
        .map_err(db_error)?;
        tx.commit().await.map_err(db_error)?;
        Ok(validated.rows.len())
    }
}

pub mod api {
    use super::*;
    use leptos::prelude::*;

    #[cfg(feature = "ssr")]
    use crate::editing::form::server::coordinator;

    #[cfg(feature = "ssr")]
    fn valid_token(token: &str) -> bool {
        token.len() == 32 && token.chars().all(|c| c.is_ascii_hexdigit())
    }

    /// Checks that the caller may import (for the upload page).
    #[server(endpoint = "can_import")]
    pub async fn can_import() -> Result<(), EditError> {
        coordinator().map(|_| ())
    }

    #[server(endpoint = "preview_indicator_import")]
    pub async fn preview_indicator_import(token: String) -> Result<ImportPreview, EditError> {
        coordinator()?;
        if !valid_token(&token) {
            return Err(EditError::NotFound);
        }
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        db::preview(&pool, &token)
            .await
            .map_err(|error| {
                log::error!("import preview failed: {error}");
                EditError::Unavailable
            })?
            .ok_or(EditError::NotFound)
    }

    #[server(endpoint = "commit_indicator_import")]
    pub async fn commit_indicator_import(token: String) -> Result<usize, EditError> {
        let user = coordinator()?;
        if !valid_token(&token) {
            return Err(EditError::NotFound);
        }
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let result = db::commit(&pool, &user, &token).await;
        // Without JavaScript the preview page is the answer either way: it shows the
        // receipt after an import, or the problems that stopped it.
        if crate::accounts::guard::is_plain_form_post() {
            leptos_axum::redirect(&format!("/monitor/import/{token}"));
        }
        result
    }
}

pub mod pages {
    use super::api::{can_import, preview_indicator_import, CommitIndicatorImport};
    use super::*;
    use crate::areas::format_number;
    use crate::editing::ui::EditRefused;
    use leptos::prelude::*;
    use leptos_meta::Title;
    use leptos_router::hooks::{use_params_map, use_query_map};

    /// `/monitor/import`: the upload form.
    #[component]
    pub fn ImportUploadPage() -> impl IntoView {
        let allowed = Resource::new(|| (), |_| can_import());
        let query = use_query_map();
        let error = move || {
            query
                .read()
                .get("fout")
                .and_then(|code| upload_error_message(&code))
        };
        view! {
            <Title text="Cijfers importeren"/>
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    match allowed.await {
                        Err(error) => view! { <EditRefused error/> }.into_any(),
                        Ok(()) => view! {
                            <nav aria-label="Kruimelpad" class="breadcrumb">
                                <a href="/monitor">"Monitor"</a>
                                " › "
                                <span aria-current="page">"Cijfers importeren"</span>
                            </nav>
                            <h1>"Cijfers importeren"</h1>
                            <p class="lead">
                                "Upload een CSV-bestand met indicatorwaarden, zoals een leverancier van leegstands- of passantencijfers het aanlevert. "
                                "U ziet eerst een controle per regel; pas daarna importeert u — alle regels of geen."
                            </p>
                            {error().map(|message| view! {
                                <div class="notice notice--error" role="alert"><p>{message}</p></div>
                            })}
                            <form class="form" method="post" action="/monitor/import" enctype="multipart/form-data">
                                <div class="field">
                                    <label for="bestand">"CSV-bestand"</label>
                                    <p class="field__hint" id="bestand-hint">
                                        "Kolommen: gebied (naam of code), indicator (code), periode (2025 of 2025-06), waarde, bron. "
                                        "Komma of puntkomma als scheidingsteken; UTF-8 of Excel (Windows-1252). Hoogstens 5 MB."
                                    </p>
                                    <input type="file" id="bestand" name="bestand" accept=".csv,text/csv" required aria-describedby="bestand-hint"/>
                                </div>
                                <div class="form__actions">
                                    <button type="submit">"Uploaden en controleren"</button>
                                </div>
                            </form>
                            <h2>"Voorbeeld"</h2>
                            <pre class="example">"gebied;indicator;periode;waarde;bron\nLindenplein;vacancy_outlets;2025-06;7,4;Locatus\nHavenstraat;footfall;2025-06;12500;Telling gemeente"</pre>
                            <p><a href="/monitor.csv" download="" rel="external">"Download de monitortabel"</a>" of de cijfers van een gebied (op de profielpagina) als voorbeeld van het formaat."</p>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        }
    }

    /// `/monitor/import/{token}`: the check per row, then the import; afterwards a receipt.
    #[component]
    pub fn ImportPreviewPage() -> impl IntoView {
        let params = use_params_map();
        let token = move || params.read().get("token").unwrap_or_default();
        let commit = ServerAction::<CommitIndicatorImport>::new();
        let preview = Resource::new(
            move || (token(), commit.version().get()),
            |(token, _)| preview_indicator_import(token),
        );
        view! {
            <Title text="Import controleren"/>
            <nav aria-label="Kruimelpad" class="breadcrumb">
                <a href="/monitor">"Monitor"</a>
                " › "
                <a href="/monitor/import">"Cijfers importeren"</a>
                " › "
                <span aria-current="page">"Controle"</span>
            </nav>
            <Suspense fallback=|| view! { <p aria-busy="true">"Bestand controleren…"</p> }>
                {move || Suspend::new(async move {
                    match preview.await {
                        Err(error) => view! { <EditRefused error/> }.into_any(),
                        Ok(preview) => view! { <PreviewView preview commit/> }.into_any(),
                    }
                })}
            </Suspense>
        }
    }

    #[component]
    fn PreviewView(
        preview: ImportPreview,
        commit: ServerAction<CommitIndicatorImport>,
    ) -> impl IntoView {
        let importable = preview.importable();
        let pending = commit.pending();
        let commit_error = move || {
            commit
                .value()
                .get()
                .and_then(|result| result.err())
                .map(|error| match error {
                    crate::editing::EditError::Invalid(fields) => fields
                        .get("file")
                        .cloned()
                        .unwrap_or_else(|| "Niet geïmporteerd.".into()),
                    other => other.to_string(),
                })
        };
        let status = if let Some(count) = preview.imported {
            view! {
                <div class="notice notice--ok" role="status">
                    <p><strong>{format!("{} waarden geïmporteerd.", format_number(count as f64, 0))}</strong>
                    " De gebiedsprofielen en de monitor tonen de nieuwe cijfers."</p>
                    <p><a href="/monitor">"Naar de monitor"</a></p>
                </div>
            }
            .into_any()
        } else if let Some(error) = &preview.file_error {
            view! {
                <div class="notice notice--error" role="alert">
                    <p><strong>"Dit bestand kan niet worden geïmporteerd. "</strong>{error.clone()}</p>
                    <p><a href="/monitor/import">"Upload een ander bestand"</a></p>
                </div>
            }
            .into_any()
        } else if !preview.problems.is_empty() {
            view! {
                <div class="notice notice--error" role="alert">
                    <p><strong>{format!("{} regel(s) met een fout. ", preview.problems.len())}</strong>
                    "Er wordt niets geïmporteerd zolang het bestand fouten bevat. Verbeter de regels hieronder en upload het bestand opnieuw."</p>
                    <p><a href="/monitor/import">"Upload een verbeterd bestand"</a></p>
                </div>
            }
            .into_any()
        } else {
            view! {
                <div class="notice notice--ok" role="status">
                    <p>"Alle regels zijn in orde."</p>
                </div>
            }
            .into_any()
        };
        let token = preview.token.clone();
        view! {
            <h1>{format!("Import controleren: {}", preview.file_name)}</h1>
            {status}
            {move || commit_error().map(|message| view! {
                <div class="notice notice--error" role="alert"><p>{message}</p></div>
            })}
            {preview.file_error.is_none().then(|| view! {
                <dl class="facts">
                    <div><dt>"Regels met waarden"</dt><dd>{format_number(preview.row_count as f64, 0)}</dd></div>
                    <div><dt>"Nieuwe waarden"</dt><dd>{format_number(preview.new_values as f64, 0)}</dd></div>
                    <div><dt>"Vervangen waarden"</dt><dd>{format_number(preview.replaced_values as f64, 0)}</dd></div>
                    <div><dt>"Scheidingsteken"</dt><dd>{preview.separator.clone()}</dd></div>
                </dl>
            })}
            {(!preview.notes.is_empty()).then(|| view! {
                <ul class="notes">{preview.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
            })}
            {(!preview.problems.is_empty()).then(|| view! {
                <div class="table-scroll">
                    <table class="problems">
                        <caption>"Fouten per regel"</caption>
                        <thead><tr><th scope="col" class="numeric">"Regel"</th><th scope="col">"Probleem"</th></tr></thead>
                        <tbody>
                            {preview.problems.iter().map(|(line, message)| view! {
                                <tr><th scope="row" class="numeric">{*line}</th><td>{message.clone()}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {importable.then(|| view! {
                <ActionForm action=commit attr:class="form">
                    <input type="hidden" name="token" value=token.clone()/>
                    <div class="form__actions">
                        <button type="submit" disabled=move || pending.get()>
                            {move || if pending.get() { "Bezig met importeren…" } else { "Importeer alle regels" }}
                        </button>
                        <a href="/monitor/import">"Annuleren"</a>
                    </div>
                </ActionForm>
            })}
            {(!preview.sample.is_empty()).then(|| view! {
                <div class="table-scroll">
                    <table>
                        <caption>{format!("De eerste {} regels", preview.sample.len())}</caption>
                        <thead>
                            <tr>
                                <th scope="col" class="numeric">"Regel"</th>
                                <th scope="col">"Gebied"</th>
                                <th scope="col">"Indicator"</th>
                                <th scope="col">"Periode"</th>
                                <th scope="col" class="numeric">"Waarde"</th>
                                <th scope="col" class="numeric">"Nu in Kernpunt"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {preview.sample.iter().map(|row| view! {
                                <tr>
                                    <th scope="row" class="numeric">{row.line}</th>
                                    <td>{row.area.clone()}</td>
                                    <td>{row.indicator.clone()}</td>
                                    <td>{row.period.clone()}</td>
                                    <td class="numeric">{format_number(row.value, 2)}</td>
                                    <td class="numeric">{row.existing.map(|v| format_number(v, 2)).unwrap_or_else(|| "–".into())}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        }
    }
}
