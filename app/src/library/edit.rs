//! Editing the library (coordinators): items with revision history of their body, theme
//! dossiers, learning-path intros and reading order, and removing attachments. Same
//! framework as the areas: guard, server-side validation, audit row, drafts without JS.

use crate::editing::{DiffLine, EditError, FieldErrors};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const MAX_BODY: usize = 50_000;
pub const MAX_SUMMARY: usize = 300;

/// The item form's values (from the database, or from a draft that could not be saved).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ItemForm {
    /// Empty for a new item.
    pub original_slug: String,
    pub version: i64,
    pub values: BTreeMap<String, String>,
    pub themes: Vec<String>,
    pub segments: Vec<String>,
    pub areas: Vec<String>,
    pub errors: FieldErrors,
    pub theme_options: Vec<(String, String)>,
    pub segment_options: Vec<(String, String)>,
    pub area_options: Vec<(String, String)>,
    pub attachments: Vec<super::Attachment>,
}

impl ItemForm {
    pub fn value(&self, name: &str) -> String {
        self.values.get(name).cloned().unwrap_or_default()
    }
}

/// Makes a slug from a title: lowercase ASCII letters and digits joined by dashes.
pub fn slugify(title: &str) -> String {
    let folded = super::search::fold(title);
    let mut slug = String::new();
    for ch in folded.chars() {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(80).collect();
    slug.trim_end_matches('-').to_string()
}

fn is_date(text: &str) -> bool {
    crate::areas::edit::items::is_date(text)
}

/// Checks an item's fields; Dutch messages per field.
pub fn validate_item(values: &BTreeMap<String, String>, themes: &[String]) -> FieldErrors {
    let get = |name: &str| values.get(name).map(|v| v.trim()).unwrap_or("");
    let mut errors = FieldErrors::default();
    if super::ItemKind::from_code(get("kind")).is_none() {
        errors.add("kind", "Kies een soort uit de lijst.");
    }
    let title = get("title");
    if title.is_empty() || title.chars().count() > 200 {
        errors.add("title", "Geef het item een titel (hoogstens 200 tekens).");
    }
    let summary = get("summary");
    if summary.is_empty() {
        errors.add(
            "summary",
            "Schrijf een korte samenvatting: die staat in de zoekresultaten.",
        );
    } else if summary.chars().count() > MAX_SUMMARY {
        errors.add(
            "summary",
            format!(
                "De samenvatting is {} tekens; houd het bij hoogstens {MAX_SUMMARY}.",
                summary.chars().count()
            ),
        );
    }
    if values.get("body").map(|b| b.chars().count()).unwrap_or(0) > MAX_BODY {
        errors.add(
            "body",
            format!("De tekst is te lang (hoogstens {MAX_BODY} tekens)."),
        );
    }
    let slug = get("slug");
    if !super::api::plausible_slug(slug) || slug.len() < 2 {
        errors.add(
            "slug",
            "Gebruik alleen kleine letters, cijfers en streepjes (2–100 tekens).",
        );
    }
    for (field, label) in [
        ("published_on", "publicatiedatum"),
        ("last_checked", "datum van de laatste controle"),
    ] {
        let value = get(field);
        if !value.is_empty() && !is_date(value) {
            errors.add(
                field,
                format!("Vul een geldige {label} in, zoals 2026-03-01."),
            );
        }
    }
    let url = get("external_url");
    if !url.is_empty()
        && (!(url.starts_with("https://") || url.starts_with("http://"))
            || url.contains(char::is_whitespace)
            || url.len() > 500)
    {
        errors.add(
            "external_url",
            "Vul een volledige webadres in dat begint met https://, of laat het leeg.",
        );
    }
    for field in ["source_organisation", "author"] {
        if get(field).chars().count() > 200 {
            errors.add(field, "Hoogstens 200 tekens.");
        }
    }
    if themes.is_empty() {
        errors.add(
            "themes",
            "Kies minstens één thema, zodat het item in een dossier verschijnt.",
        );
    }
    errors
}

/// Reads a list of slugs, one per line (or separated by commas), without blanks or repeats.
pub fn slug_lines(text: &str) -> Vec<String> {
    let mut slugs: Vec<String> = Vec::new();
    for slug in text
        .split(['\n', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let slug = slug.trim_start_matches("/kennisbank/").to_string();
        if !slugs.contains(&slug) {
            slugs.push(slug);
        }
    }
    slugs
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BodyHistory {
    pub slug: String,
    pub title: String,
    pub versions: Vec<(i64, i64, String, String, Vec<DiffLine>)>,
}

pub mod api {
    use super::*;
    use leptos::prelude::*;

    #[cfg(feature = "ssr")]
    use crate::editing::form::server::coordinator;

    #[cfg(feature = "ssr")]
    fn form_key(slug: &str) -> String {
        format!("library:{slug}")
    }

    #[cfg(feature = "ssr")]
    async fn options(
        pool: &sqlx::SqlitePool,
    ) -> Result<
        (
            Vec<(String, String)>,
            Vec<(String, String)>,
            Vec<(String, String)>,
        ),
        sqlx::Error,
    > {
        let themes = crate::areas::db::themes(pool).await?;
        let segments = crate::library::db::segment_choices(pool).await?;
        let areas = crate::library::db::area_choices(pool).await?;
        Ok((themes, segments, areas))
    }

    /// The edit form of an item (`slug` empty: a new item), with a draft merged in.
    #[server(endpoint = "load_item_edit")]
    pub async fn load_item_edit(
        slug: String,
        #[server(default)] concept: String,
    ) -> Result<ItemForm, EditError> {
        coordinator()?;
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let (theme_options, segment_options, area_options) = options(&pool).await?;
        let mut form = ItemForm {
            theme_options,
            segment_options,
            area_options,
            ..Default::default()
        };
        if !slug.is_empty() {
            type Row = (
                i64,
                i64,
                String,
                String,
                String,
                String,
                String,
                String,
                Option<String>,
                Option<String>,
                bool,
                Option<String>,
            );
            let row: Option<Row> = sqlx::query_as(
                "SELECT id, version, kind, title, summary, body, source_organisation, author,
                        published_on, external_url, reviewed, last_checked
                 FROM library_items WHERE slug = ?",
            )
            .bind(&slug)
            .fetch_optional(&pool)
            .await?;
            let (
                id,
                version,
                kind,
                title,
                summary,
                body,
                source,
                author,
                published_on,
                url,
                reviewed,
                last_checked,
            ) = row.ok_or(EditError::NotFound)?;
            form.original_slug = slug.clone();
            form.version = version;
            for (k, v) in [
                ("slug", slug.clone()),
                ("kind", kind),
                ("title", title),
                ("summary", summary),
                ("body", body),
                ("source_organisation", source),
                ("author", author),
                ("published_on", published_on.unwrap_or_default()),
                ("external_url", url.unwrap_or_default()),
                (
                    "reviewed",
                    if reviewed { "ja".into() } else { String::new() },
                ),
                ("last_checked", last_checked.unwrap_or_default()),
            ] {
                form.values.insert(k.to_string(), v);
            }
            form.themes =
                sqlx::query_scalar("SELECT theme_key FROM library_item_themes WHERE item_id = ?")
                    .bind(id)
                    .fetch_all(&pool)
                    .await?;
            form.segments = sqlx::query_scalar(
                "SELECT CAST(segment_id AS TEXT) FROM library_item_segments WHERE item_id = ?",
            )
            .bind(id)
            .fetch_all(&pool)
            .await?;
            form.areas = sqlx::query_scalar(
                "SELECT a.slug FROM library_item_areas x JOIN areas a ON a.id = x.area_id WHERE x.item_id = ?",
            )
            .bind(id)
            .fetch_all(&pool)
            .await?;
            form.attachments = crate::library::db::attachments(&pool, id).await?;
        } else {
            form.values.insert("kind".into(), "article".into());
        }
        if !concept.is_empty() {
            if let Some(draft) =
                crate::editing::drafts::load(&pool, &form_key(&slug), &concept).await?
            {
                let list = |name: &str| -> Vec<String> {
                    draft
                        .values
                        .get(name)
                        .map(|v| {
                            v.split(',')
                                .filter(|s| !s.is_empty())
                                .map(str::to_string)
                                .collect()
                        })
                        .unwrap_or_default()
                };
                form.themes = list("themes");
                form.segments = list("segments");
                form.areas = list("areas");
                if let Some(version) = draft.values.get("version").and_then(|v| v.parse().ok()) {
                    form.version = version;
                }
                form.values = draft.values;
                form.errors = draft.errors;
            }
        }
        Ok(form)
    }

    /// Creates or updates an item. The version guards against overwriting someone else's
    /// change; the body keeps its revisions.
    #[allow(clippy::too_many_arguments)]
    #[server(endpoint = "save_library_item")]
    pub async fn save_library_item(
        #[server(default)] original_slug: String,
        #[server(default)] version: i64,
        #[server(default)] fields: BTreeMap<String, String>,
        #[server(default)] themes: BTreeMap<String, String>,
        #[server(default)] segments: BTreeMap<String, String>,
        #[server(default)] areas: BTreeMap<String, String>,
    ) -> Result<String, EditError> {
        use crate::editing::{audit, drafts, revisions};
        let user = coordinator()?;
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let (theme_options, segment_options, area_options) = options(&pool).await?;
        let mut values: BTreeMap<String, String> = fields
            .into_iter()
            .filter(|(k, _)| {
                [
                    "slug",
                    "kind",
                    "title",
                    "summary",
                    "body",
                    "source_organisation",
                    "author",
                    "published_on",
                    "external_url",
                    "reviewed",
                    "last_checked",
                ]
                .contains(&k.as_str())
            })
            .collect();
        if values.get("slug").is_none_or(|s| s.trim().is_empty()) {
            let slug = slugify(values.get("title").map(String::as_str).unwrap_or(""));
            values.insert("slug".into(), slug);
        }
        let themes: Vec<String> = themes
            .into_keys()
            .filter(|k| theme_options.iter().any(|(t, _)| t == k))
            .collect();
        let segments: Vec<String> = segments
            .into_keys()
            .filter(|k| segment_options.iter().any(|(s, _)| s == k))
            .collect();
        let areas: Vec<String> = areas
            .into_keys()
            .filter(|k| area_options.iter().any(|(a, _)| a == k))
            .collect();
        let mut errors = validate_item(&values, &themes);
        let slug = values["slug"].trim().to_string();
        if errors.get("slug").is_none() {
            let taken: Option<String> =
                sqlx::query_scalar("SELECT slug FROM library_items WHERE slug = ? AND slug <> ?")
                    .bind(&slug)
                    .bind(&original_slug)
                    .fetch_optional(&pool)
                    .await?;
            if taken.is_some() {
                errors.add(
                    "slug",
                    "Er is al een item met dit webadres; kies een ander.",
                );
            }
        }
        if !errors.is_empty() {
            if crate::accounts::guard::is_plain_form_post() {
                let mut draft_values = values.clone();
                draft_values.insert("themes".into(), themes.join(","));
                draft_values.insert("segments".into(), segments.join(","));
                draft_values.insert("areas".into(), areas.join(","));
                draft_values.insert("version".into(), version.to_string());
                let draft = drafts::Draft {
                    values: draft_values,
                    errors: errors.clone(),
                    preview_html: None,
                };
                if let Ok(token) = drafts::store(&pool, &form_key(&original_slug), &draft).await {
                    let page = if original_slug.is_empty() {
                        "/kennisbank/nieuw".to_string()
                    } else {
                        format!("/kennisbank/{original_slug}/bewerken")
                    };
                    leptos_axum::redirect(&format!("{page}?concept={token}"));
                }
            }
            return Err(EditError::Invalid(errors));
        }
        let get = |name: &str| {
            values
                .get(name)
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        let optional = |name: &str| Some(get(name)).filter(|v| !v.is_empty());
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let (id, action, before_body) = if original_slug.is_empty() {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO library_items (slug, kind, title, summary, body, source_organisation, author,
                     published_on, external_url, reviewed, last_checked)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(&slug)
            .bind(get("kind"))
            .bind(get("title"))
            .bind(get("summary"))
            .bind(values.get("body").cloned().unwrap_or_default())
            .bind(get("source_organisation"))
            .bind(get("author"))
            .bind(optional("published_on"))
            .bind(optional("external_url"))
            .bind(!get("reviewed").is_empty())
            .bind(optional("last_checked"))
            .fetch_one(&mut *tx)
            .await?;
            (id, audit::AuditAction::Create, String::new())
        } else {
            let current: Option<(i64, i64, String)> =
                sqlx::query_as("SELECT id, version, body FROM library_items WHERE slug = ?")
                    .bind(&original_slug)
                    .fetch_optional(&mut *tx)
                    .await?;
            let (id, current_version, before_body) = current.ok_or(EditError::NotFound)?;
            if current_version != version {
                return Err(EditError::Conflict);
            }
            sqlx::query(
                "UPDATE library_items SET slug = ?, kind = ?, title = ?, summary = ?, body = ?,
                     source_organisation = ?, author = ?, published_on = ?, external_url = ?,
                     reviewed = ?, last_checked = ?, version = version + 1,
                     updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE id = ?",
            )
            .bind(&slug)
            .bind(get("kind"))
            .bind(get("title"))
            .bind(get("summary"))
            .bind(values.get("body").cloned().unwrap_or_default())
            .bind(get("source_organisation"))
            .bind(get("author"))
            .bind(optional("published_on"))
            .bind(optional("external_url"))
            .bind(!get("reviewed").is_empty())
            .bind(optional("last_checked"))
            .bind(id)
            .execute(&mut *tx)
            .await?;
            (id, audit::AuditAction::Update, before_body)
        };
        for table in [
            "library_item_themes",
            "library_item_segments",
            "library_item_areas",
        ] {
            sqlx::query(&format!("DELETE FROM {table} WHERE item_id = ?"))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        for theme in &themes {
            sqlx::query("INSERT INTO library_item_themes (item_id, theme_key) VALUES (?, ?)")
                .bind(id)
                .bind(theme)
                .execute(&mut *tx)
                .await?;
        }
        for segment in &segments {
            sqlx::query(
                "INSERT INTO library_item_segments (item_id, segment_id, position)
                 VALUES (?1, CAST(?2 AS INTEGER), (SELECT coalesce(max(position), 0) + 1 FROM library_item_segments WHERE segment_id = CAST(?2 AS INTEGER)))",
            )
            .bind(id)
            .bind(segment)
            .execute(&mut *tx)
            .await?;
        }
        for area in &areas {
            sqlx::query("INSERT INTO library_item_areas (item_id, area_id) SELECT ?, id FROM areas WHERE slug = ?")
                .bind(id)
                .bind(area)
                .execute(&mut *tx)
                .await?;
        }
        let body = values.get("body").cloned().unwrap_or_default();
        revisions::save_with_baseline(
            &mut tx,
            "library_item",
            id,
            "body",
            &before_body,
            &body,
            &user,
        )
        .await?;
        let mut after = values.clone();
        after.insert("themes".into(), themes.join(","));
        after.insert("segments".into(), segments.join(","));
        after.insert("areas".into(), areas.join(","));
        audit::record(
            &mut tx,
            &user,
            action,
            "library_item",
            id,
            None,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        if crate::accounts::guard::is_plain_form_post() {
            leptos_axum::redirect(&format!("/kennisbank/{slug}"));
        }
        Ok(slug)
    }

    #[server(endpoint = "delete_library_item")]
    pub async fn delete_library_item(
        slug: String,
        #[server(default)] confirm: String,
    ) -> Result<(), EditError> {
        use crate::editing::audit;
        let user = coordinator()?;
        if confirm != "ja" {
            let mut errors = FieldErrors::default();
            errors.add(
                "confirm",
                "Vink aan dat u dit item met zijn bijlagen wilt verwijderen.",
            );
            return Err(EditError::Invalid(errors));
        }
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let before: Option<(i64, String, String)> =
            sqlx::query_as("SELECT id, title, summary FROM library_items WHERE slug = ?")
                .bind(&slug)
                .fetch_optional(&mut *tx)
                .await?;
        let (id, title, summary) = before.ok_or(EditError::NotFound)?;
        sqlx::query("DELETE FROM library_items WHERE id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            &user,
            audit::AuditAction::Delete,
            "library_item",
            id,
            Some(&(slug, title, summary)),
            None,
        )
        .await?;
        tx.commit().await?;
        if crate::accounts::guard::is_plain_form_post() {
            leptos_axum::redirect("/kennisbank");
        }
        Ok(())
    }

    #[server(endpoint = "library_item_history")]
    pub async fn library_item_history(slug: String) -> Result<BodyHistory, EditError> {
        coordinator()?;
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let (id, title): (i64, String) =
            sqlx::query_as("SELECT id, title FROM library_items WHERE slug = ?")
                .bind(&slug)
                .fetch_optional(&pool)
                .await?
                .ok_or(EditError::NotFound)?;
        let revisions = crate::editing::revisions::list(&pool, "library_item", id, "body").await?;
        let versions = revisions
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let older = revisions.get(i + 1).map(|o| o.body.as_str()).unwrap_or("");
                (
                    r.id,
                    r.version,
                    r.user_name.clone(),
                    r.at.clone(),
                    crate::editing::revisions::diff(older, &r.body),
                )
            })
            .collect();
        Ok(BodyHistory {
            slug,
            title,
            versions,
        })
    }

    #[server(endpoint = "restore_library_body")]
    pub async fn restore_library_body(slug: String, revision_id: i64) -> Result<(), EditError> {
        use crate::editing::{audit, revisions};
        let user = coordinator()?;
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let current: Option<(i64, String)> =
            sqlx::query_as("SELECT id, body FROM library_items WHERE slug = ?")
                .bind(&slug)
                .fetch_optional(&mut *tx)
                .await?;
        let (id, before) = current.ok_or(EditError::NotFound)?;
        let body: Option<String> = sqlx::query_scalar(
            "SELECT body FROM revisions WHERE id = ? AND entity = 'library_item' AND entity_id = ? AND field = 'body'",
        )
        .bind(revision_id)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let body = body.ok_or(EditError::NotFound)?;
        sqlx::query("UPDATE library_items SET body = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?")
            .bind(&body)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        revisions::save_with_baseline(&mut tx, "library_item", id, "body", &before, &body, &user)
            .await?;
        audit::record(
            &mut tx,
            &user,
            audit::AuditAction::Restore,
            "library_item",
            id,
            Some(&before),
            Some(&body),
        )
        .await?;
        tx.commit().await?;
        if crate::accounts::guard::is_plain_form_post() {
            leptos_axum::redirect(&format!("/kennisbank/{slug}/geschiedenis"));
        }
        Ok(())
    }

    /// A dossier's intro and key items (slugs, one per line, in order).
    #[server(endpoint = "save_dossier")]
    pub async fn save_dossier(
        theme: String,
        intro: String,
        key_items: String,
    ) -> Result<(), EditError> {
        use crate::editing::audit;
        let user = coordinator()?;
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let mut errors = FieldErrors::default();
        if intro.chars().count() > 10_000 {
            errors.add(
                "intro",
                "De inleiding is te lang (hoogstens 10.000 tekens).",
            );
        }
        let slugs = slug_lines(&key_items);
        let mut ids = Vec::new();
        for slug in &slugs {
            match crate::library::db::item_id(&pool, slug).await? {
                Some(id) => ids.push(id),
                None => errors.add(
                    "key_items",
                    format!(
                        "‘{}’ is geen item in de kennisbank.",
                        slug.chars().take(60).collect::<String>()
                    ),
                ),
            }
        }
        let exists: Option<String> = sqlx::query_scalar("SELECT key FROM themes WHERE key = ?")
            .bind(&theme)
            .fetch_optional(&pool)
            .await?;
        exists.ok_or(EditError::NotFound)?;
        if !errors.is_empty() {
            return Err(EditError::Invalid(errors));
        }
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query(
            "INSERT INTO theme_dossiers (theme_key, intro) VALUES (?1, ?2)
             ON CONFLICT (theme_key) DO UPDATE SET intro = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
        )
        .bind(&theme)
        .bind(intro.trim())
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM theme_dossier_items WHERE theme_key = ?")
            .bind(&theme)
            .execute(&mut *tx)
            .await?;
        for (position, id) in ids.iter().enumerate() {
            sqlx::query(
                "INSERT INTO theme_dossier_items (theme_key, item_id, position) VALUES (?, ?, ?)",
            )
            .bind(&theme)
            .bind(id)
            .bind(position as i64)
            .execute(&mut *tx)
            .await?;
        }
        let after =
            serde_json::json!({ "theme": theme, "intro": intro.trim(), "key_items": slugs });
        audit::record(
            &mut tx,
            &user,
            audit::AuditAction::Update,
            "theme_dossier",
            0,
            None,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        if crate::accounts::guard::is_plain_form_post() {
            leptos_axum::redirect(&format!("/kennisbank/thema/{theme}"));
        }
        Ok(())
    }

    /// The dossier form's current content: (intro markdown, key item slugs).
    #[server(endpoint = "load_dossier_edit")]
    pub async fn load_dossier_edit(theme: String) -> Result<(String, String, String), EditError> {
        coordinator()?;
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let label: String = sqlx::query_scalar("SELECT label FROM themes WHERE key = ?")
            .bind(&theme)
            .fetch_optional(&pool)
            .await?
            .ok_or(EditError::NotFound)?;
        let intro: Option<String> =
            sqlx::query_scalar("SELECT intro FROM theme_dossiers WHERE theme_key = ?")
                .bind(&theme)
                .fetch_optional(&pool)
                .await?;
        let slugs: Vec<String> = sqlx::query_scalar(
            "SELECT i.slug FROM theme_dossier_items d JOIN library_items i ON i.id = d.item_id WHERE d.theme_key = ? ORDER BY d.position",
        )
        .bind(&theme)
        .fetch_all(&pool)
        .await?;
        Ok((label, intro.unwrap_or_default(), slugs.join("\n")))
    }

    /// Removes an attachment (the file stays on disk if another item uses the same content).
    #[server(endpoint = "delete_attachment")]
    pub async fn delete_attachment(
        attachment_id: i64,
        #[server(default)] confirm: String,
    ) -> Result<(), EditError> {
        use crate::editing::audit;
        let user = coordinator()?;
        if confirm != "ja" {
            let mut errors = FieldErrors::default();
            errors.add(
                &format!("attachment_{attachment_id}"),
                "Vink aan dat u de bijlage wilt verwijderen.",
            );
            return Err(EditError::Invalid(errors));
        }
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let row: Option<(String, String)> = sqlx::query_as(
            "SELECT a.display_name, i.slug FROM library_attachments a JOIN library_items i ON i.id = a.item_id WHERE a.id = ?",
        )
        .bind(attachment_id)
        .fetch_optional(&mut *tx)
        .await?;
        let (name, slug) = row.ok_or(EditError::NotFound)?;
        sqlx::query("DELETE FROM library_attachments WHERE id = ?")
            .bind(attachment_id)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            &user,
            audit::AuditAction::Delete,
            "library_attachment",
            attachment_id,
            Some(&name),
            None,
        )
        .await?;
        tx.commit().await?;
        if crate::accounts::guard::is_plain_form_post() {
            leptos_axum::redirect(&format!("/kennisbank/{slug}/bewerken"));
        }
        Ok(())
    }
}

pub mod pages {
    use super::api::*;
    use super::*;
    use crate::editing::ui::EditRefused;
    use leptos::prelude::*;
    use leptos_meta::Title;
    use leptos_router::hooks::{use_params_map, use_query_map};

    use crate::editing::ui::{check_list, errors_of, field_message, form_field_input};

    /// `/kennisbank/nieuw` and `/kennisbank/{slug}/bewerken`
    #[component]
    pub fn ItemEditPage() -> impl IntoView {
        let params = use_params_map();
        let query = use_query_map();
        let slug = move || params.read().get("slug").unwrap_or_default();
        let concept = move || query.read().get("concept").unwrap_or_default();
        let save = ServerAction::<SaveLibraryItem>::new();
        let delete = ServerAction::<DeleteLibraryItem>::new();
        let remove = ServerAction::<DeleteAttachment>::new();
        let form = Resource::new(
            move || (slug(), concept(), remove.version().get()),
            |(slug, concept, _)| load_item_edit(slug, concept),
        );
        let save_errors = errors_of(save);
        let delete_errors = errors_of(delete);
        let remove_errors = errors_of(remove);
        view! {
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    let form = match form.await {
                        Ok(form) => form,
                        Err(error) => return view! { <EditRefused error/> }.into_any(),
                    };
                    let is_new = form.original_slug.is_empty();
                    // Messages from a draft (no JavaScript) until the form is sent again.
                    let stored_errors = form.errors.clone();
                    let errors = Signal::derive(move || {
                        let live = save_errors.get();
                        if save.value().get().is_some() { live } else { stored_errors.clone() }
                    });
                    let heading = if is_new { "Nieuw item".to_string() } else { format!("{} bewerken", form.value("title")) };
                    let field_error = move |name: &'static str| field_message(name, errors);
                    let title_field = form_field_input("title", "Titel", "text", "", form.value("title"), errors);
                    let source_field = form_field_input("source_organisation", "Bron (organisatie)", "text", "", form.value("source_organisation"), errors);
                    let author_field = form_field_input("author", "Auteur", "text", "", form.value("author"), errors);
                    let published_field = form_field_input("published_on", "Publicatiedatum", "date", "", form.value("published_on"), errors);
                    let url_field = form_field_input("external_url", "Webadres van de bron", "url", "Optioneel, begint met https://", form.value("external_url"), errors);
                    let checked_field = form_field_input("last_checked", "Laatst gecontroleerd op", "date", "", form.value("last_checked"), errors);
                    let slug_field = form_field_input("slug", "Webadres in Kernpunt", "text", "Kleine letters, cijfers en streepjes. Leeg laten: gemaakt uit de titel.", form.value("slug"), errors);
                    let theme_checks = check_list("themes", "Thema’s", form.theme_options.clone(), form.themes.clone(), errors);
                    let segment_checks = check_list("segments", "Stuurwielonderdelen", form.segment_options.clone(), form.segments.clone(), errors);
                    let area_checks = check_list("areas", "Gebieden waar het item over gaat", form.area_options.clone(), form.areas.clone(), errors);
                    let summary = form.value("summary");
                    let body = form.value("body");
                    let reviewed = !form.value("reviewed").is_empty();
                    let original_for_form = form.original_slug.clone();
                    let original_for_delete = form.original_slug.clone();
                    let version = form.version;
                    let kinds = super::super::ItemKind::ALL.iter().map(|k| {
                        let selected = form.value("kind") == k.code();
                        view! { <option value=k.code() selected=selected>{k.label()}</option> }
                    }).collect_view();
                    let original = form.original_slug.clone();
                    let attachments = form.attachments.clone();
                    let upload_action = format!("/kennisbank/{original}/bijlagen");
                    let upload_problem = query.read_untracked().get("bijlage").and_then(|c| crate::library::upload_problem_message(&c));
                    let pending = save.pending();
                    view! {
                        <Title text=heading.clone()/>
                        <h1>{heading}</h1>
                        {move || (!errors.get().is_empty()).then(|| view! {
                            <div class="notice notice--error" role="alert"><p>"Niet alle velden zijn goed ingevuld; zie de meldingen bij de velden."</p></div>
                        })}
                        {move || match save.value().get() {
                            Some(Err(EditError::Invalid(_))) | None | Some(Ok(_)) => None,
                            Some(Err(other)) => Some(view! { <div class="notice notice--error" role="alert"><p>{other.to_string()}</p></div> }),
                        }}
                        <ActionForm action=save attr:class="form">
                            <input type="hidden" name="original_slug" value=original_for_form/>
                            <input type="hidden" name="version" value=version/>
                            <div class="field">
                                <label for="kind">"Soort"</label>
                                {field_error("kind")}
                                <select id="kind" name="fields[kind]">{kinds}</select>
                            </div>
                            {title_field}
                            <div class="field" class:field--invalid=move || errors.get().get("summary").is_some()>
                                <label for="summary">"Samenvatting"</label>
                                <p class="field__hint">"Verplicht, hoogstens 300 tekens. Staat in de zoekresultaten."</p>
                                {field_error("summary")}
                                <textarea id="summary" name="fields[summary]" rows="3" maxlength="300">{summary}</textarea>
                            </div>
                            <div class="field" class:field--invalid=move || errors.get().get("body").is_some()>
                                <label for="body">"Tekst"</label>
                                <p class="field__hint">"Markdown: ## kopje, **vet**, - lijstje, [link](https://…)."</p>
                                {field_error("body")}
                                <textarea id="body" name="fields[body]" rows="14">{body}</textarea>
                            </div>
                            {theme_checks}
                            {segment_checks}
                            <details class="field">
                                <summary>"Gebieden"</summary>
                                {area_checks}
                            </details>
                            {source_field}
                            {author_field}
                            {published_field}
                            {url_field}
                            <div class="field field--checkbox">
                                <input type="checkbox" id="reviewed" name="fields[reviewed]" value="ja" checked=reviewed/>
                                <label for="reviewed">"Inhoudelijk gecontroleerd"</label>
                            </div>
                            {checked_field}
                            {slug_field}
                            <div class="form__actions">
                                <button type="submit" disabled=move || pending.get()>{move || if pending.get() { "Bezig met opslaan…" } else { "Opslaan" }}</button>
                                <a href=if original.is_empty() { "/kennisbank".to_string() } else { format!("/kennisbank/{original}") }>"Annuleren"</a>
                            </div>
                        </ActionForm>
                        {(!is_new).then(|| view! {
                            <section aria-labelledby="bijlagen-beheer">
                                <h2 id="bijlagen-beheer">"Bijlagen"</h2>
                                <ul class="contacts-edit">
                                    {attachments.into_iter().map(|a| {
                                        let key = format!("attachment_{}", a.id);
                                        let confirm_id = format!("bijlage-weg-{}", a.id);
                                        view! {
                                            <li>
                                                <a href=a.href() rel="external">{a.display_name.clone()}</a>
                                                <ActionForm action=remove attr:class="inline-form">
                                                    <input type="hidden" name="attachment_id" value=a.id/>
                                                    {move || remove_errors.get().get(&key).cloned().map(|m| view! { <p class="field__error">{m}</p> })}
                                                    <input type="checkbox" id=confirm_id.clone() name="confirm" value="ja"/>
                                                    <label for=confirm_id>"Ja, verwijderen"</label>
                                                    <button type="submit">"Verwijder bijlage"</button>
                                                </ActionForm>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                                {upload_problem.clone().map(|m| view! { <div class="notice notice--error" role="alert"><p>{m}</p></div> })}
                                <form class="form" method="post" action=upload_action enctype="multipart/form-data">
                                    <div class="field">
                                        <label for="bestand">"Bijlage toevoegen"</label>
                                        <p class="field__hint">"PDF of afbeelding (PNG, JPEG, GIF, WebP), hoogstens 10 MB."</p>
                                        <input type="file" id="bestand" name="bestand" accept=".pdf,image/png,image/jpeg,image/gif,image/webp" required/>
                                    </div>
                                    <div class="field">
                                        <label for="alt">"Beschrijving van de afbeelding"</label>
                                        <p class="field__hint">"Verplicht bij een afbeelding: wat staat erop, voor wie het niet kan zien."</p>
                                        <input type="text" id="alt" name="alt" maxlength="250"/>
                                    </div>
                                    <div class="form__actions"><button type="submit">"Uploaden"</button></div>
                                </form>
                            </section>
                            <section aria-labelledby="verwijderen">
                                <h2 id="verwijderen">"Item verwijderen"</h2>
                                <ActionForm action=delete attr:class="form">
                                    <input type="hidden" name="slug" value=original_for_delete/>
                                    {move || delete_errors.get().get("confirm").cloned().map(|m| view! { <p class="field__error">{m}</p> })}
                                    <div class="field field--checkbox">
                                        <input type="checkbox" id="confirm-delete" name="confirm" value="ja"/>
                                        <label for="confirm-delete">"Ja, verwijder dit item en zijn bijlagen"</label>
                                    </div>
                                    <div class="form__actions"><button type="submit" class="button--secondary">"Verwijderen"</button></div>
                                </ActionForm>
                            </section>
                        })}
                    }
                    .into_any()
                })}
            </Suspense>
        }
    }

    /// `/kennisbank/{slug}/geschiedenis`
    #[component]
    pub fn ItemHistoryPage() -> impl IntoView {
        let params = use_params_map();
        let slug = move || params.read().get("slug").unwrap_or_default();
        let restore = ServerAction::<RestoreLibraryBody>::new();
        let history = Resource::new(
            move || (slug(), restore.version().get()),
            |(slug, _)| library_item_history(slug),
        );
        view! {
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    let history = match history.await {
                        Ok(h) => h,
                        Err(error) => return view! { <EditRefused error/> }.into_any(),
                    };
                    let latest = history.versions.first().map(|v| v.0);
                    view! {
                        <Title text=format!("Geschiedenis: {}", history.title)/>
                        <nav aria-label="Kruimelpad" class="breadcrumb">
                            <a href="/kennisbank">"Kennisbank"</a>" › "
                            <a href=format!("/kennisbank/{}", history.slug)>{history.title.clone()}</a>" › "
                            <span aria-current="page">"Geschiedenis"</span>
                        </nav>
                        <h1>{format!("Geschiedenis: {}", history.title)}</h1>
                        {if history.versions.is_empty() {
                            view! { <p class="empty-state">"De tekst is nog niet gewijzigd in Kernpunt."</p> }.into_any()
                        } else {
                            let slug = history.slug.clone();
                            view! {
                                <ol class="versions">
                                    {history.versions.into_iter().map(|(id, version, who, at, diff)| {
                                        let slug = slug.clone();
                                        view! {
                                            <li class="version">
                                                <h2>{format!("Versie {version}")}</h2>
                                                <p class="version__meta">{format!("{who}, {}", crate::ui::format::dutch_date(&at))}</p>
                                                <div class="diff">
                                                    {diff.into_iter().map(|line| match line {
                                                        DiffLine::Same(t) => view! { <p>{t}</p> }.into_any(),
                                                        DiffLine::Added(t) => view! { <ins>{t}</ins> }.into_any(),
                                                        DiffLine::Removed(t) => view! { <del>{t}</del> }.into_any(),
                                                    }).collect_view()}
                                                </div>
                                                {(Some(id) != latest).then(|| view! {
                                                    <ActionForm action=restore>
                                                        <input type="hidden" name="slug" value=slug/>
                                                        <input type="hidden" name="revision_id" value=id/>
                                                        <button type="submit">{format!("Zet versie {version} terug")}</button>
                                                    </ActionForm>
                                                })}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ol>
                            }.into_any()
                        }}
                    }
                    .into_any()
                })}
            </Suspense>
        }
    }

    /// `/kennisbank/thema/{theme}/bewerken`
    #[component]
    pub fn DossierEditPage() -> impl IntoView {
        let params = use_params_map();
        let theme = move || params.read().get("theme").unwrap_or_default();
        let save = ServerAction::<SaveDossier>::new();
        let loaded = Resource::new(theme, load_dossier_edit);
        let errors = errors_of(save);
        view! {
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    let (label, intro, key_items) = match loaded.await {
                        Ok(v) => v,
                        Err(error) => return view! { <EditRefused error/> }.into_any(),
                    };
                    let field_error = move |name: &'static str| move || errors.get().get(name).cloned().map(|m| view! { <p class="field__error">{m}</p> });
                    view! {
                        <Title text=format!("Dossier {label} bewerken")/>
                        <h1>{format!("Dossier {label} bewerken")}</h1>
                        {move || save.value().get().and_then(|r| r.ok()).map(|_| view! {
                            <div class="notice notice--ok" role="status"><p>"Opgeslagen. "<a href=format!("/kennisbank/thema/{}", theme())>"Bekijk het dossier"</a></p></div>
                        })}
                        <ActionForm action=save attr:class="form">
                            <input type="hidden" name="theme" value=theme()/>
                            <div class="field">
                                <label for="intro">"Inleiding"</label>
                                <p class="field__hint">"Markdown. Wat is de opgave, waar begin je?"</p>
                                {field_error("intro")}
                                <textarea id="intro" name="intro" rows="8">{intro}</textarea>
                            </div>
                            <div class="field">
                                <label for="key_items">"Kernitems, in volgorde"</label>
                                <p class="field__hint">"Eén webadres per regel, zoals biz-oprichten-stappenplan."</p>
                                {field_error("key_items")}
                                <textarea id="key_items" name="key_items" rows="6">{key_items}</textarea>
                            </div>
                            <div class="form__actions"><button type="submit">"Opslaan"</button></div>
                        </ActionForm>
                    }
                    .into_any()
                })}
            </Suspense>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn slugs_from_titles() {
        assert_eq!(
            slugify("Leegstand aanpakken: de BIZ in Café-straat!"),
            "leegstand-aanpakken-de-biz-in-cafe-straat"
        );
        assert_eq!(slugify("   "), "");
        assert_eq!(slug_lines("a\n\n b ,a\n/kennisbank/c"), ["a", "b", "c"]);
    }

    #[test]
    fn items_need_a_title_a_short_summary_and_a_theme() {
        let good = values(&[
            ("kind", "article"),
            ("title", "T"),
            ("summary", "Kort."),
            ("slug", "t-1"),
        ]);
        assert!(validate_item(&good, &["vacancy".into()]).is_empty());
        let mut long = good.clone();
        long.insert("summary".into(), "x".repeat(301));
        let errors = validate_item(&long, &[]);
        assert!(errors.get("summary").unwrap().contains("301"));
        assert!(errors.get("themes").is_some());
        let bad = values(&[
            ("kind", "blog"),
            ("title", ""),
            ("summary", ""),
            ("slug", "A B"),
            ("published_on", "gisteren"),
            ("external_url", "javascript:alert(1)"),
        ]);
        let errors = validate_item(&bad, &["vacancy".into()]);
        for field in [
            "kind",
            "title",
            "summary",
            "slug",
            "published_on",
            "external_url",
        ] {
            assert!(errors.get(field).is_some(), "{field}");
        }
    }
}
