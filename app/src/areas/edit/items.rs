//! Editing the lists in an area's profile: opgaves (add, change status, close), indicator
//! values (add a measurement), and stuurwiel assessments (record a round).
//! Same framework as the story: guard, server-side validation, audit row, drafts without JS.

use crate::areas::OpgaveStatus;
use crate::editing::{EditError, FieldErrors};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpgaveItem {
    pub id: i64,
    pub title: String,
    pub theme: String,
    pub theme_key: String,
    pub status: OpgaveStatus,
    pub owner: String,
    pub due_date: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactItem {
    pub id: i64,
    pub role: crate::areas::ContactRole,
    pub name: String,
    pub email: String,
}

/// Checks a contact person; the email address is optional.
pub fn validate_contact(role: &str, name: &str, email: &str) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if crate::areas::ContactRole::from_code(role).is_none() {
        errors.add("contact_role", "Kies een rol uit de lijst.");
    }
    if name.trim().is_empty() || name.chars().count() > 100 {
        errors.add("contact_name", "Vul een naam in (hoogstens 100 tekens).");
    }
    let email = email.trim();
    if !email.is_empty()
        && (!email.contains('@') || email.contains(char::is_whitespace) || email.len() > 200)
    {
        errors.add(
            "contact_email",
            "Vul een geldig e-mailadres in, of laat het veld leeg.",
        );
    }
    errors
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    pub id: i64,
    pub name: String,
    pub description: String,
}

/// Everything the item forms need, plus what a form that could not be saved held.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaItems {
    pub slug: String,
    pub opgaves: Vec<OpgaveItem>,
    pub contacts: Vec<ContactItem>,
    pub themes: Vec<(String, String)>,
    pub indicators: Vec<(String, String)>,
    pub framework: Option<(i64, String, i64, i64)>,
    pub segments: Vec<Segment>,
    /// From a draft: which form ("opgave", "indicator", "assessment"), its values and errors.
    pub draft_form: Option<String>,
    pub draft_values: BTreeMap<String, String>,
    pub draft_errors: FieldErrors,
}

/// `YYYY-MM-DD` that is a real date.
pub fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (
        parts[0].parse::<u32>(),
        parts[1].parse::<u32>(),
        parts[2].parse::<u32>(),
    ) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2200).contains(&y) && (1..=days).contains(&d)
}

/// A year (`2025`) or a month (`2025-06`).
pub fn is_period(text: &str) -> bool {
    match text.split_once('-') {
        None => {
            text.len() == 4
                && text
                    .parse::<u32>()
                    .is_ok_and(|y| (1900..=2200).contains(&y))
        }
        Some((y, m)) => {
            y.len() == 4
                && y.parse::<u32>().is_ok_and(|y| (1900..=2200).contains(&y))
                && m.len() == 2
                && m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
        }
    }
}

/// Reads a number the Dutch way ("7,5", "12.500") or the English way ("7.5").
/// Without a comma, dots between groups of three digits are thousands separators.
pub fn parse_number(text: &str) -> Option<f64> {
    let cleaned = text.trim().replace(' ', "");
    let dutch_thousands = {
        let mut groups = cleaned.trim_start_matches('-').split('.');
        let first = groups.next().unwrap_or("");
        let rest: Vec<&str> = groups.collect();
        !rest.is_empty()
            && (1..=3).contains(&first.len())
            && first.bytes().all(|b| b.is_ascii_digit())
            && rest
                .iter()
                .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
    };
    let cleaned = if cleaned.contains(',') || dutch_thousands {
        cleaned.replace('.', "").replace(',', ".")
    } else {
        cleaned
    };
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

pub mod api {
    use super::*;
    use leptos::prelude::*;

    #[cfg(feature = "ssr")]
    use crate::{
        accounts::guard,
        editing::{audit, drafts},
    };

    #[cfg(feature = "ssr")]
    use crate::areas::edit::api::authorize;

    /// After a plain (no-JavaScript) post: back to the edit page, with a draft on errors.
    #[cfg(feature = "ssr")]
    async fn back(
        pool: &sqlx::SqlitePool,
        slug: &str,
        form: &str,
        values: &[(&str, &str)],
        errors: Option<&FieldErrors>,
    ) {
        if !guard::is_plain_form_post() {
            return;
        }
        let Some(errors) = errors else {
            // `gelukt` names the form that went through, for its confirmation.
            leptos_axum::redirect(&format!(
                "/gebieden/{slug}/bewerken?gelukt={form}#onderdeel-{form}"
            ));
            return;
        };
        let mut map: drafts::Values = values
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        map.insert("_form".into(), form.into());
        let draft = drafts::Draft {
            values: map,
            errors: errors.clone(),
            preview_html: None,
        };
        match drafts::store(pool, &format!("area-items:{slug}"), &draft).await {
            Ok(token) => leptos_axum::redirect(&format!(
                "/gebieden/{slug}/bewerken?onderdeel={token}#onderdeel-{form}"
            )),
            Err(_) => leptos_axum::redirect(&format!("/gebieden/{slug}/bewerken#onderdeel-{form}")),
        }
    }

    #[server(endpoint = "load_area_items")]
    pub async fn load_area_items(
        slug: String,
        draft: Option<String>,
    ) -> Result<AreaItems, EditError> {
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let (area_id, _) = authorize(&pool, &slug).await?;
        let opgaves: Vec<(i64, String, String, String, String, String, Option<String>)> =
            sqlx::query_as(
                "SELECT o.id, o.title, t.label, t.key, o.status, o.owner, o.due_date FROM opgaves o
             JOIN themes t ON t.key = o.theme_key WHERE o.area_id = ?
             ORDER BY o.status = 'done', o.due_date IS NULL, o.due_date, o.id",
            )
            .bind(area_id)
            .fetch_all(&pool)
            .await?;
        let contacts: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(
            "SELECT id, role, name, email FROM contacts WHERE area_id = ? ORDER BY role, name",
        )
        .bind(area_id)
        .fetch_all(&pool)
        .await?;
        let themes = sqlx::query_as(
            "SELECT key, label FROM themes WHERE retired_at IS NULL ORDER BY position",
        )
        .fetch_all(&pool)
        .await?;
        let indicators =
            sqlx::query_as("SELECT key, label FROM indicator_definitions WHERE retired_at IS NULL ORDER BY position")
                .fetch_all(&pool)
                .await?;
        let framework: Option<(i64, String, i64, i64)> = sqlx::query_as(
            "SELECT id, name, scale_min, scale_max FROM stuurwiel_frameworks WHERE is_active = 1 ORDER BY id LIMIT 1",
        )
        .fetch_optional(&pool)
        .await?;
        let segments: Vec<(i64, String, String)> = match &framework {
            Some((id, ..)) => sqlx::query_as("SELECT id, name, description FROM stuurwiel_segments WHERE framework_id = ? ORDER BY position")
                .bind(id)
                .fetch_all(&pool)
                .await?,
            None => Vec::new(),
        };
        let mut items = AreaItems {
            slug: slug.clone(),
            opgaves: opgaves
                .into_iter()
                .filter_map(|(id, title, theme, theme_key, status, owner, due_date)| {
                    Some(OpgaveItem {
                        id,
                        title,
                        theme,
                        theme_key,
                        status: OpgaveStatus::from_code(&status)?,
                        owner,
                        due_date,
                    })
                })
                .collect(),
            contacts: contacts
                .into_iter()
                .filter_map(|(id, role, name, email)| {
                    Some(ContactItem {
                        id,
                        role: crate::areas::ContactRole::from_code(&role)?,
                        name,
                        email: email.unwrap_or_default(),
                    })
                })
                .collect(),
            themes,
            indicators,
            framework,
            segments: segments
                .into_iter()
                .map(|(id, name, description)| Segment {
                    id,
                    name,
                    description,
                })
                .collect(),
            draft_form: None,
            draft_values: BTreeMap::new(),
            draft_errors: FieldErrors::default(),
        };
        if let Some(token) = draft.filter(|t| !t.is_empty()) {
            if let Some(d) = drafts::load(&pool, &format!("area-items:{slug}"), &token).await? {
                items.draft_form = d.values.get("_form").cloned();
                items.draft_values = d.values;
                items.draft_errors = d.errors;
            }
        }
        Ok(items)
    }

    /// The checks shared by adding and changing an opgave.
    #[cfg(feature = "ssr")]
    async fn validate_opgave(
        pool: &sqlx::SqlitePool,
        title: &str,
        theme: &str,
        owner: &str,
        due: &str,
    ) -> Result<FieldErrors, sqlx::Error> {
        let mut errors = FieldErrors::default();
        if title.trim().is_empty() || title.chars().count() > 200 {
            errors.add("title", "Geef de opgave een titel (hoogstens 200 tekens).");
        }
        let theme_in_use: Option<bool> =
            sqlx::query_scalar("SELECT retired_at IS NULL FROM themes WHERE key = ?")
                .bind(theme)
                .fetch_optional(pool)
                .await?;
        match theme_in_use {
            None => errors.add("theme", "Kies een thema uit de lijst."),
            Some(false) => errors.add(
                "theme",
                "Dit thema is buiten gebruik gezet; kies een ander thema.",
            ),
            Some(true) => {}
        }
        if owner.chars().count() > 100 {
            errors.add("owner", "De trekker mag hoogstens 100 tekens zijn.");
        }
        if !due.is_empty() && !is_date(due) {
            errors.add("due_date", "Vul een geldige datum in, zoals 2026-06-30.");
        }
        Ok(errors)
    }

    /// Changes everything about an opgave: title, theme, owner, deadline and status.
    #[server(endpoint = "update_opgave")]
    pub async fn update_opgave(
        slug: String,
        opgave_id: i64,
        title: String,
        theme: String,
        owner: String,
        due_date: String,
        status: String,
    ) -> Result<(), EditError> {
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let (area_id, user) = authorize(&pool, &slug).await?;
        let due = due_date.trim();
        let mut errors = validate_opgave(&pool, &title, &theme, &owner, due).await?;
        if OpgaveStatus::from_code(&status).is_none() {
            errors.add("status", "Kies een status uit de lijst.");
        }
        // Field names carry the opgave's id, so the message lands at the right form.
        let errors = FieldErrors(
            errors
                .0
                .into_iter()
                .map(|(k, v)| (format!("{k}-{opgave_id}"), v))
                .collect(),
        );
        if !errors.is_empty() {
            back(&pool, &slug, "opgaves", &[], Some(&errors)).await;
            return Err(EditError::Invalid(errors));
        }
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let before: Option<(String, String, String, String, Option<String>)> = sqlx::query_as(
            "SELECT title, theme_key, status, owner, due_date FROM opgaves WHERE id = ? AND area_id = ?",
        )
        .bind(opgave_id)
        .bind(area_id)
        .fetch_optional(&mut *tx)
        .await?;
        let before = before.ok_or(EditError::NotFound)?;
        sqlx::query(
            "UPDATE opgaves SET title = ?, theme_key = ?, status = ?, owner = ?, due_date = ?,
                    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
        )
        .bind(title.trim())
        .bind(&theme)
        .bind(&status)
        .bind(owner.trim())
        .bind((!due.is_empty()).then_some(due))
        .bind(opgave_id)
        .execute(&mut *tx)
        .await?;
        let after = (
            title.trim().to_string(),
            theme.clone(),
            status.clone(),
            owner.trim().to_string(),
            (!due.is_empty()).then(|| due.to_string()),
        );
        audit::record(
            &mut tx,
            &user,
            audit::AuditAction::Update,
            "opgave",
            opgave_id,
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        back(&pool, &slug, "opgaves", &[], None).await;
        Ok(())
    }

    #[server(endpoint = "add_opgave")]
    pub async fn add_opgave(
        slug: String,
        title: String,
        theme: String,
        owner: String,
        due_date: String,
    ) -> Result<(), EditError> {
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let (area_id, user) = authorize(&pool, &slug).await?;
        let due = due_date.trim();
        let errors = validate_opgave(&pool, &title, &theme, &owner, due).await?;
        let values = [
            ("title", title.as_str()),
            ("theme", theme.as_str()),
            ("owner", owner.as_str()),
            ("due_date", due),
        ];
        if !errors.is_empty() {
            back(&pool, &slug, "opgave", &values, Some(&errors)).await;
            return Err(EditError::Invalid(errors));
        }
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO opgaves (area_id, title, theme_key, status, owner, due_date) VALUES (?, ?, ?, 'open', ?, ?) RETURNING id",
        )
        .bind(area_id)
        .bind(title.trim())
        .bind(&theme)
        .bind(owner.trim())
        .bind((!due.is_empty()).then_some(due))
        .fetch_one(&mut *tx)
        .await?;
        let after: BTreeMap<&str, &str> = values.into_iter().collect();
        audit::record(
            &mut tx,
            &user,
            audit::AuditAction::Create,
            "opgave",
            id,
            None,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        back(&pool, &slug, "opgave", &[], None).await;
        Ok(())
    }

    /// Moves an opgave to open / in progress / done ("closing" it is setting it to done).
    #[server(endpoint = "set_opgave_status")]
    pub async fn set_opgave_status(
        slug: String,
        opgave_id: i64,
        status: String,
    ) -> Result<(), EditError> {
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let (area_id, user) = authorize(&pool, &slug).await?;
        let status = OpgaveStatus::from_code(&status).ok_or_else(|| {
            let mut errors = FieldErrors::default();
            errors.add("status", "Kies een status uit de lijst.");
            EditError::Invalid(errors)
        })?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let before: Option<String> =
            sqlx::query_scalar("SELECT status FROM opgaves WHERE id = ? AND area_id = ?")
                .bind(opgave_id)
                .bind(area_id)
                .fetch_optional(&mut *tx)
                .await?;
        let before = before.ok_or(EditError::NotFound)?;
        sqlx::query("UPDATE opgaves SET status = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?")
            .bind(status.code())
            .bind(opgave_id)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            &user,
            audit::AuditAction::Update,
            "opgave",
            opgave_id,
            Some(&before),
            Some(&status.code().to_string()),
        )
        .await?;
        tx.commit().await?;
        back(&pool, &slug, "opgaves", &[], None).await;
        Ok(())
    }

    /// Adds a contact person to the area.
    #[server(endpoint = "add_contact")]
    pub async fn add_contact(
        slug: String,
        contact_role: String,
        contact_name: String,
        contact_email: String,
    ) -> Result<(), EditError> {
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let (area_id, user) = authorize(&pool, &slug).await?;
        let errors = validate_contact(&contact_role, &contact_name, &contact_email);
        let values = [
            ("contact_role", contact_role.as_str()),
            ("contact_name", contact_name.as_str()),
            ("contact_email", contact_email.as_str()),
        ];
        if !errors.is_empty() {
            back(&pool, &slug, "contact", &values, Some(&errors)).await;
            return Err(EditError::Invalid(errors));
        }
        let email = contact_email.trim();
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO contacts (area_id, role, name, email) VALUES (?, ?, ?, ?) RETURNING id",
        )
        .bind(area_id)
        .bind(&contact_role)
        .bind(contact_name.trim())
        .bind((!email.is_empty()).then_some(email))
        .fetch_one(&mut *tx)
        .await?;
        let after: BTreeMap<&str, &str> = values.into_iter().collect();
        audit::record(
            &mut tx,
            &user,
            audit::AuditAction::Create,
            "contact",
            id,
            None,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        back(&pool, &slug, "contact", &[], None).await;
        Ok(())
    }

    /// Removes a contact person. Destroys data, so it needs an explicit confirmation
    /// (a checkbox), which also works without JavaScript.
    #[server(endpoint = "remove_contact")]
    pub async fn remove_contact(
        slug: String,
        contact_id: i64,
        confirm: Option<String>,
    ) -> Result<(), EditError> {
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let (area_id, user) = authorize(&pool, &slug).await?;
        if confirm.as_deref() != Some("ja") {
            let mut errors = FieldErrors::default();
            errors.add(
                &format!("confirm-{contact_id}"),
                "Vink eerst aan dat u deze contactpersoon wilt verwijderen.",
            );
            back(&pool, &slug, "contacts", &[], Some(&errors)).await;
            return Err(EditError::Invalid(errors));
        }
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let before: Option<(String, String, Option<String>)> =
            sqlx::query_as("SELECT role, name, email FROM contacts WHERE id = ? AND area_id = ?")
                .bind(contact_id)
                .bind(area_id)
                .fetch_optional(&mut *tx)
                .await?;
        let before = before.ok_or(EditError::NotFound)?;
        sqlx::query("DELETE FROM contacts WHERE id = ?")
            .bind(contact_id)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            &user,
            audit::AuditAction::Delete,
            "contact",
            contact_id,
            Some(&before),
            None,
        )
        .await?;
        tx.commit().await?;
        back(&pool, &slug, "contacts", &[], None).await;
        Ok(())
    }

    #[server(endpoint = "add_indicator_value")]
    pub async fn add_indicator_value(
        slug: String,
        indicator: String,
        period: String,
        value: String,
        source: String,
    ) -> Result<(), EditError> {
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let (area_id, user) = authorize(&pool, &slug).await?;
        let mut errors = FieldErrors::default();
        // The indicator's default source, when it is in use. (Its period kind is a hint for
        // people, not enforced: the demo and earlier imports mix years and months.)
        let known: Option<String> = sqlx::query_scalar(
            "SELECT default_source FROM indicator_definitions WHERE key = ? AND retired_at IS NULL",
        )
        .bind(&indicator)
        .fetch_optional(&pool)
        .await?;
        if known.is_none() {
            errors.add("indicator", "Kies een indicator uit de lijst.");
        }
        let period = period.trim().to_string();
        if !is_period(&period) {
            errors.add("period", "Vul een jaar (2025) of maand (2025-06) in.");
        }
        // An empty source takes the indicator's default source.
        let source = match (&known, source.trim().is_empty()) {
            (Some(default), true) => default.clone(),
            _ => source,
        };
        let number = parse_number(&value);
        if number.is_none() {
            errors.add("value", "Vul een getal in, zoals 7,5.");
        }
        if source.chars().count() > 200 {
            errors.add("source", "De bron mag hoogstens 200 tekens zijn.");
        }
        if errors.is_empty() {
            let exists: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM indicator_values WHERE area_id = ? AND indicator_key = ? AND period = ?",
            )
            .bind(area_id)
            .bind(&indicator)
            .bind(&period)
            .fetch_optional(&pool)
            .await?;
            if exists.is_some() {
                errors.add(
                    "period",
                    "Voor deze indicator en periode is al een waarde vastgelegd.",
                );
            }
        }
        let values = [
            ("indicator", indicator.as_str()),
            ("period", period.as_str()),
            ("value", value.as_str()),
            ("source", source.as_str()),
        ];
        if !errors.is_empty() {
            back(&pool, &slug, "indicator", &values, Some(&errors)).await;
            return Err(EditError::Invalid(errors));
        }
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO indicator_values (area_id, indicator_key, period, value, source) VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(area_id)
        .bind(&indicator)
        .bind(&period)
        .bind(number)
        .bind(source.trim())
        .fetch_one(&mut *tx)
        .await?;
        let after: BTreeMap<&str, &str> = values.into_iter().collect();
        audit::record(
            &mut tx,
            &user,
            audit::AuditAction::Create,
            "indicator_value",
            id,
            None,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        back(&pool, &slug, "indicator", &[], None).await;
        Ok(())
    }

    /// Records one assessment round: a score per segment of the active framework.
    #[server(endpoint = "record_assessment")]
    pub async fn record_assessment(
        slug: String,
        assessed_on: String,
        note: String,
        #[server(default)] scores: BTreeMap<String, String>,
    ) -> Result<(), EditError> {
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let (area_id, user) = authorize(&pool, &slug).await?;
        let framework: Option<(i64, i64, i64)> =
            sqlx::query_as("SELECT id, scale_min, scale_max FROM stuurwiel_frameworks WHERE is_active = 1 ORDER BY id LIMIT 1")
                .fetch_optional(&pool)
                .await?;
        let Some((framework_id, min, max)) = framework else {
            return Err(EditError::NotFound);
        };
        let segments: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM stuurwiel_segments WHERE framework_id = ? ORDER BY position",
        )
        .bind(framework_id)
        .fetch_all(&pool)
        .await?;
        let mut errors = FieldErrors::default();
        if segments.is_empty() {
            errors.add(
                "assessed_on",
                "Het stuurwiel heeft nog geen onderdelen om op te scoren.",
            );
        }
        if !is_date(assessed_on.trim()) {
            errors.add("assessed_on", "Vul een geldige datum in, zoals 2026-11-26.");
        }
        let mut parsed = Vec::new();
        for segment in &segments {
            match scores
                .get(&segment.to_string())
                .and_then(|s| s.trim().parse::<i64>().ok())
            {
                Some(score) if (min..=max).contains(&score) => parsed.push((*segment, score)),
                _ => errors.add(
                    &format!("scores[{segment}]"),
                    format!("Kies een score van {min} tot {max}."),
                ),
            }
        }
        if errors.is_empty() {
            let exists: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM stuurwiel_assessments WHERE area_id = ? AND framework_id = ? AND assessed_on = ?",
            )
            .bind(area_id)
            .bind(framework_id)
            .bind(assessed_on.trim())
            .fetch_optional(&pool)
            .await?;
            if exists.is_some() {
                errors.add(
                    "assessed_on",
                    "Op deze datum is al een beoordeling vastgelegd.",
                );
            }
        }
        if !errors.is_empty() {
            let mut values: Vec<(String, String)> = vec![
                ("assessed_on".into(), assessed_on.clone()),
                ("note".into(), note.clone()),
            ];
            values.extend(
                scores
                    .iter()
                    .map(|(k, v)| (format!("scores[{k}]"), v.clone())),
            );
            let borrowed: Vec<(&str, &str)> = values
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            back(&pool, &slug, "assessment", &borrowed, Some(&errors)).await;
            return Err(EditError::Invalid(errors));
        }
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO stuurwiel_assessments (area_id, framework_id, assessed_on, assessed_by, note)
             VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(area_id)
        .bind(framework_id)
        .bind(assessed_on.trim())
        .bind(&user.name)
        .bind(note.trim())
        .fetch_one(&mut *tx)
        .await?;
        for (segment, score) in &parsed {
            sqlx::query(
                "INSERT INTO stuurwiel_scores (assessment_id, segment_id, score) VALUES (?, ?, ?)",
            )
            .bind(id)
            .bind(segment)
            .bind(score)
            .execute(&mut *tx)
            .await?;
        }
        audit::record(
            &mut tx,
            &user,
            audit::AuditAction::Create,
            "assessment",
            id,
            None,
            Some(&parsed),
        )
        .await?;
        tx.commit().await?;
        back(&pool, &slug, "assessment", &[], None).await;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_periods_and_numbers() {
        assert!(is_date("2026-02-28"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2025-02-29"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("26-1-1"));
        assert!(is_period("2025"));
        assert!(is_period("2025-06"));
        assert!(!is_period("2025-13"));
        assert!(!is_period("vorig jaar"));
        assert_eq!(parse_number("7,5"), Some(7.5));
        assert_eq!(parse_number("12.500,25"), Some(12500.25));
        assert_eq!(parse_number("7.5"), Some(7.5));
        assert_eq!(parse_number("4.321"), Some(4321.0));
        assert_eq!(parse_number("12.500.000"), Some(12_500_000.0));
        assert_eq!(parse_number("-1,5"), Some(-1.5));
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("veel"), None);
    }
}

pub mod pages {
    use super::api::{
        load_area_items, AddContact, AddIndicatorValue, AddOpgave, RecordAssessment, RemoveContact,
        SetOpgaveStatus, UpdateOpgave,
    };
    use super::*;
    use crate::editing::ui::{InputField, SelectField};
    use crate::ui::format::dutch_date;
    use leptos::prelude::*;

    /// Errors for one of the item forms: from the last call (JavaScript) or the draft.
    fn form_errors<T>(
        action: ServerAction<T>,
        form: &'static str,
        items: &AreaItems,
    ) -> Signal<FieldErrors>
    where
        T: leptos::server_fn::ServerFn<Error = EditError> + Send + Sync + Clone + 'static,
        T::Output: Send + Sync + Clone + 'static,
    {
        let from_draft = if items.draft_form.as_deref() == Some(form) {
            items.draft_errors.clone()
        } else {
            FieldErrors::default()
        };
        Signal::derive(move || match action.value().get() {
            Some(Err(EditError::Invalid(errors))) => errors,
            Some(_) => FieldErrors::default(),
            None => from_draft.clone(),
        })
    }

    /// The confirmation after `form` went through (the page came back with `?gelukt=form`).
    fn notice(done: &Option<String>, form: &str, saved: &'static str) -> impl IntoView {
        (done.as_deref() == Some(form))
            .then(|| view! { <div class="notice notice--ok" role="status"><p>{saved}</p></div> })
    }

    /// The opgave, indicator and assessment forms on the area edit page.
    #[component]
    pub fn AreaItemsEditor(
        slug: String,
        draft: Option<String>,
        done: Option<String>,
    ) -> impl IntoView {
        let add_opgave = ServerAction::<AddOpgave>::new();
        let set_status = ServerAction::<SetOpgaveStatus>::new();
        let update_opgave = ServerAction::<UpdateOpgave>::new();
        let add_value = ServerAction::<AddIndicatorValue>::new();
        let record = ServerAction::<RecordAssessment>::new();
        let add_contact = ServerAction::<AddContact>::new();
        let remove_contact = ServerAction::<RemoveContact>::new();
        let items = Resource::new_blocking(
            move || {
                (
                    (
                        add_opgave.version().get(),
                        set_status.version().get(),
                        add_value.version().get(),
                        update_opgave.version().get(),
                    ),
                    (
                        record.version().get(),
                        add_contact.version().get(),
                        remove_contact.version().get(),
                    ),
                )
            },
            move |_| load_area_items(slug.clone(), draft.clone()),
        );
        view! {
            <Suspense fallback=|| ()>
                {move || {
                let done = done.clone();
                Suspend::new(async move {
                    let Ok(items) = items.await else { return ().into_any() };
                    let draft_form = items.draft_form.clone();
                    let draft_values = items.draft_values.clone();
                    let value = move |form: &str, key: &str| -> String {
                        if draft_form.as_deref() == Some(form) { draft_values.get(key).cloned().unwrap_or_default() } else { String::new() }
                    };
                    let opgave_errors = form_errors(add_opgave, "opgave", &items);
                    let update_errors = form_errors(update_opgave, "opgaves", &items);
                    let edit_themes = items.themes.clone();
                    let indicator_errors = form_errors(add_value, "indicator", &items);
                    let assessment_errors = form_errors(record, "assessment", &items);
                    let contact_errors = form_errors(add_contact, "contact", &items);
                    let remove_errors = form_errors(remove_contact, "contacts", &items);
                    let contacts = items.contacts.clone();
                    let contact_roles: Vec<(String, String)> =
                        crate::areas::ContactRole::ALL.iter().map(|r| (r.code().into(), r.label().into())).collect();
                    let (v_contact_role, v_contact_name, v_contact_email) =
                        (value("contact", "contact_role"), value("contact", "contact_name"), value("contact", "contact_email"));
                    let (slug4, slug5) = (items.slug.clone(), items.slug.clone());
                    let themes = items.themes.clone();
                    let indicators = items.indicators.clone();
                    let v_opgave_title = value("opgave", "title");
                    let v_opgave_theme = value("opgave", "theme");
                    let v_opgave_owner = value("opgave", "owner");
                    let v_opgave_due_date = value("opgave", "due_date");
                    let v_indicator_indicator = value("indicator", "indicator");
                    let v_indicator_period = value("indicator", "period");
                    let v_indicator_value = value("indicator", "value");
                    let v_indicator_source = value("indicator", "source");
                    let v_assessment_assessed_on = value("assessment", "assessed_on");
                    let v_assessment_note = value("assessment", "note");
                    let slug = items.slug.clone();
                    let list_slug = slug.clone();
                    let (slug1, slug2, slug3) = (slug.clone(), slug.clone(), slug.clone());
                    let has_segments = !items.segments.is_empty();
                    let assessment_fields: Vec<(String, String, String)> = items.segments.iter().map(|segment| {
                        let name = format!("scores[{}]", segment.id);
                        let current = value("assessment", &name);
                        (name, segment.name.clone(), current)
                    }).collect();
                    let opgaves = items.opgaves.clone();
                    let framework = items.framework.clone();
                    view! {
                        <section id="onderdeel-opgaves" aria-labelledby="opgaves-kop">
                            <h2 id="opgaves-kop">"Opgaves"</h2>
                            {notice(&done, "opgaves", "De opgave is bijgewerkt.")}
                            {if opgaves.is_empty() {
                                view! { <p class="empty-state">"Nog geen opgaves."</p> }.into_any()
                            } else {
                                view! { <ul class="opgaves">
                                    {opgaves.into_iter().map(|o| {
                                        let field = format!("status-{}", o.id);
                                        let slug = list_slug.clone();
                                        let edit_slug = list_slug.clone();
                                        let themes = edit_themes.clone();
                                        let open = update_errors.read_untracked().0.keys().any(|k| k.ends_with(&format!("-{}", o.id)));
                                        let status_label = format!("Status van ‘{}’", o.title);
                                        let summary = format!("Wijzig ‘{}’", o.title);
                                        let meta = format!("Thema: {} · Trekker: {}{}", o.theme, if o.owner.is_empty() { "—" } else { &o.owner },
                                            o.due_date.as_deref().map(|d| format!(" · Deadline: {}", dutch_date(d))).unwrap_or_default());
                                        let (id, title, owner, due, theme_key, status) =
                                            (o.id, o.title.clone(), o.owner.clone(), o.due_date.clone().unwrap_or_default(), o.theme_key.clone(), o.status);
                                        let outcomes_href = format!("/gebieden/{}/opgaves/{}", list_slug, o.id);
                                        let outcomes_label = format!("Cijfers en looptijd van ‘{}’", o.title);
                                        view! { <li class="opgave">
                                            <strong class="opgave__title">{o.title}</strong>
                                            <span class="opgave__meta">{meta}</span>
                                            <a href=outcomes_href aria-label=outcomes_label>"Cijfers en looptijd"</a>
                                            <ActionForm action=set_status attr:class="inline-form">
                                                <input type="hidden" name="slug" value=slug/>
                                                <input type="hidden" name="opgave_id" value=id.to_string()/>
                                                <label for=field.clone()>{status_label}</label>
                                                <select id=field name="status">
                                                    {OpgaveStatus::ALL.iter().map(|s| view! {
                                                        <option value=s.code() selected=*s == status>{s.label()}</option>
                                                    }).collect_view()}
                                                </select>
                                                <button type="submit" class="button--secondary">"Status opslaan"</button>
                                            </ActionForm>
                                            // <details> opens without JavaScript too.
                                            <details class="opgave__edit" open=open>
                                                <summary>{summary}</summary>
                                                <ActionForm action=update_opgave attr:class="form" attr:novalidate=true>
                                                    <input type="hidden" name="slug" value=edit_slug/>
                                                    <input type="hidden" name="opgave_id" value=id.to_string()/>
                                                    <InputField name="title" label="Titel" value=title suffix=id errors=update_errors/>
                                                    <div class="field">
                                                        <label for=format!("theme-{id}")>"Thema"</label>
                                                        <select id=format!("theme-{id}") name="theme">
                                                            {themes.into_iter().map(|(key, label)| {
                                                                let selected = key == theme_key;
                                                                view! { <option value=key selected=selected>{label}</option> }
                                                            }).collect_view()}
                                                        </select>
                                                    </div>
                                                    <InputField name="owner" label="Trekker" value=owner suffix=id errors=update_errors/>
                                                    <InputField name="due_date" label="Deadline (jjjj-mm-dd, mag leeg)" value=due suffix=id errors=update_errors/>
                                                    <div class="field">
                                                        <label for=format!("edit-status-{id}")>"Status"</label>
                                                        <select id=format!("edit-status-{id}") name="status">
                                                            {OpgaveStatus::ALL.iter().map(|s| view! {
                                                                <option value=s.code() selected=*s == status>{s.label()}</option>
                                                            }).collect_view()}
                                                        </select>
                                                    </div>
                                                    <div class="form__actions"><button type="submit">"Opgave opslaan"</button></div>
                                                </ActionForm>
                                            </details>
                                        </li> }
                                    }).collect_view()}
                                </ul> }.into_any()
                            }}
                            <h3 id="onderdeel-opgave">"Nieuwe opgave"</h3>
                            {notice(&done, "opgave", "De opgave is toegevoegd.")}
                            <ActionForm action=add_opgave attr:class="form" attr:novalidate=true>
                                <input type="hidden" name="slug" value=slug1.clone()/>
                                <InputField name="title" label="Titel" value=v_opgave_title.clone() errors=opgave_errors/>
                                <SelectField name="theme" label="Thema" options=themes value=v_opgave_theme.clone() errors=opgave_errors/>
                                <InputField name="owner" label="Trekker" value=v_opgave_owner.clone() errors=opgave_errors/>
                                <InputField name="due_date" label="Deadline (jjjj-mm-dd, mag leeg)" value=v_opgave_due_date.clone() placeholder="2026-06-30" errors=opgave_errors/>
                                <div class="form__actions"><button type="submit">"Opgave toevoegen"</button></div>
                            </ActionForm>
                        </section>

                        <section id="onderdeel-contacts" aria-labelledby="contacts-kop">
                            <h2 id="contacts-kop">"Contactpersonen"</h2>
                            {notice(&done, "contacts", "De contactpersoon is verwijderd.")}
                            {if contacts.is_empty() {
                                view! { <p class="empty-state">"Nog geen contactpersonen."</p> }.into_any()
                            } else {
                                view! { <ul class="contacts-edit">
                                    {contacts.into_iter().map(|c| {
                                        let field = format!("confirm-{}", c.id);
                                        let key = field.clone();
                                        let error = move || remove_errors.read().get(&key).cloned();
                                        let slug = slug5.clone();
                                        view! { <li>
                                            <span>{format!("{}: {}{}", c.role.label(), c.name, if c.email.is_empty() { String::new() } else { format!(" · {}", c.email) })}</span>
                                            <ActionForm action=remove_contact attr:class="inline-form">
                                                <input type="hidden" name="slug" value=slug/>
                                                <input type="hidden" name="contact_id" value=c.id.to_string()/>
                                                {move || error().map(|m| view! { <p class="field__error">{m}</p> })}
                                                <input type="checkbox" id=field.clone() name="confirm" value="ja"/>
                                                <label for=field>{format!("Ja, verwijder {}", c.name)}</label>
                                                <button type="submit" class="button--secondary">"Verwijderen"</button>
                                            </ActionForm>
                                        </li> }
                                    }).collect_view()}
                                </ul> }.into_any()
                            }}
                            <h3 id="onderdeel-contact">"Nieuwe contactpersoon"</h3>
                            {notice(&done, "contact", "De contactpersoon is toegevoegd.")}
                            <ActionForm action=add_contact attr:class="form" attr:novalidate=true>
                                <input type="hidden" name="slug" value=slug4.clone()/>
                                <SelectField name="contact_role" label="Rol" options=contact_roles value=v_contact_role.clone() errors=contact_errors/>
                                <InputField name="contact_name" label="Naam" value=v_contact_name.clone() errors=contact_errors/>
                                <InputField name="contact_email" label="E-mailadres (mag leeg)" value=v_contact_email.clone() errors=contact_errors/>
                                <div class="form__actions"><button type="submit">"Contactpersoon toevoegen"</button></div>
                            </ActionForm>
                        </section>

                        <section id="onderdeel-indicator" aria-labelledby="indicator-kop">
                            <h2 id="indicator-kop">"Nieuwe meting"</h2>
                            {notice(&done, "indicator", "De meting is toegevoegd.")}
                            <ActionForm action=add_value attr:class="form" attr:novalidate=true>
                                <input type="hidden" name="slug" value=slug2.clone()/>
                                <SelectField name="indicator" label="Indicator" options=indicators value=v_indicator_indicator.clone() errors=indicator_errors/>
                                <InputField name="period" label="Periode (jaar of jjjj-mm)" value=v_indicator_period.clone() placeholder="2026" errors=indicator_errors/>
                                <InputField name="value" label="Waarde" value=v_indicator_value.clone() placeholder="7,5" errors=indicator_errors/>
                                <InputField name="source" label="Bron" value=v_indicator_source.clone() errors=indicator_errors/>
                                <div class="form__actions"><button type="submit">"Meting toevoegen"</button></div>
                            </ActionForm>
                        </section>

                        {match framework.filter(|_| has_segments) {
                            Some((_, framework, min, max)) => view! {
                            <section id="onderdeel-assessment" aria-labelledby="assessment-kop">
                                <h2 id="assessment-kop">"Nieuwe beoordeling op het stuurwiel"</h2>
                                <p>{format!("{framework}: een score van {min} tot {max} per segment.")}</p>
                                {notice(&done, "assessment", "De beoordeling is vastgelegd.")}
                                <ActionForm action=record attr:class="form" attr:novalidate=true>
                                    <input type="hidden" name="slug" value=slug3.clone()/>
                                    <InputField name="assessed_on" label="Datum (jjjj-mm-dd)" value=v_assessment_assessed_on.clone() placeholder="2026-11-26" errors=assessment_errors/>
                                    {assessment_fields.into_iter().map(|(name, label, current)| {
                                        view! { <InputField name=name label=label value=current errors=assessment_errors/> }
                                    }).collect_view()}
                                    <InputField name="note" label="Toelichting" value=v_assessment_note.clone() errors=assessment_errors/>
                                    <div class="form__actions"><button type="submit">"Beoordeling vastleggen"</button></div>
                                </ActionForm>
                            </section>
                            }.into_any(),
                            // A new installation sets its stuurwiel up first.
                            None => view! {
                            <section id="onderdeel-assessment" aria-labelledby="assessment-kop">
                                <h2 id="assessment-kop">"Beoordeling op het stuurwiel"</h2>
                                <p>"Het stuurwiel heeft nog geen onderdelen om op te scoren. Een coördinator richt het in onder "<a href="/beheer/stuurwiel">"Beheer → Stuurwiel"</a>"."</p>
                            </section>
                            }.into_any(),
                        }}
                    }.into_any()
                })
                }}
            </Suspense>
        }
    }
}
