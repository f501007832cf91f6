//! Editing the stuurwiel framework itself (coordinators): its name and description, and its
//! segments — names, descriptions and order. Code names no segment; they are all data.

use crate::editing::{EditError, FieldErrors};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrameworkEdit {
    /// `None` in a new installation: the first save creates the framework.
    pub id: Option<i64>,
    pub name: String,
    pub description: String,
    pub scale_min: i64,
    pub scale_max: i64,
    pub segments: Vec<SegmentEdit>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SegmentEdit {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// How many scores would go with it if it were removed.
    pub scores: i64,
}

/// Checks a name and description; `prefix` keeps field keys unique per form.
pub fn validate_text(prefix: &str, name: &str, description: &str) -> FieldErrors {
    let mut errors = FieldErrors::default();
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 60 {
        errors.add(
            &format!("{prefix}name"),
            "Vul een naam in van hoogstens 60 tekens.",
        );
    }
    if description.chars().count() > 1000 {
        errors.add(
            &format!("{prefix}description"),
            "De beschrijving is te lang (hoogstens 1000 tekens).",
        );
    }
    errors
}

pub mod api {
    use super::*;
    use leptos::prelude::*;

    #[cfg(feature = "ssr")]
    use crate::editing::form::server::coordinator;

    /// Name of the framework a new installation gets with its first segment.
    pub const DEFAULT_NAME: &str = "Stuurwiel";

    #[cfg(feature = "ssr")]
    async fn find_active_framework<'e>(
        executor: impl sqlx::SqliteExecutor<'e>,
    ) -> Result<Option<i64>, EditError> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM stuurwiel_frameworks WHERE is_active = 1 ORDER BY id LIMIT 1",
        )
        .fetch_optional(executor)
        .await?)
    }

    #[cfg(feature = "ssr")]
    async fn active_framework(pool: &sqlx::SqlitePool) -> Result<i64, EditError> {
        find_active_framework(pool)
            .await?
            .ok_or(EditError::NotFound)
    }

    /// The framework a change goes to, and whether this change created it. A new
    /// installation has none (only the demo seed brings one), so the first save creates it
    /// with `name` and `description`: coordinators set the stuurwiel up here, not in SQL.
    #[cfg(feature = "ssr")]
    async fn framework_for_change(
        tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
        user: &crate::accounts::CurrentUser,
        name: &str,
        description: &str,
    ) -> Result<(i64, bool), EditError> {
        use crate::editing::audit::{record, AuditAction};
        if let Some(id) = find_active_framework(&mut **tx).await? {
            return Ok((id, false));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO stuurwiel_frameworks (name, description) VALUES (?, ?) RETURNING id",
        )
        .bind(name)
        .bind(description)
        .fetch_one(&mut **tx)
        .await?;
        let after = (name.to_string(), description.to_string());
        record(
            tx,
            user,
            AuditAction::Create,
            "stuurwiel_framework",
            id,
            None,
            Some(&after),
        )
        .await?;
        Ok((id, true))
    }

    #[cfg(feature = "ssr")]
    fn back() {
        if crate::accounts::guard::is_plain_form_post() {
            leptos_axum::redirect("/beheer/stuurwiel");
        }
    }

    #[server(endpoint = "load_stuurwiel_framework")]
    pub async fn load_stuurwiel_framework() -> Result<FrameworkEdit, EditError> {
        coordinator()?;
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let Some(id) = find_active_framework(&pool).await? else {
            // A new installation: an empty framework with the schema's scale, saved by the
            // first change.
            return Ok(FrameworkEdit {
                id: None,
                name: DEFAULT_NAME.to_string(),
                description: String::new(),
                scale_min: 1,
                scale_max: 5,
                segments: Vec::new(),
            });
        };
        let (name, description, scale_min, scale_max): (String, String, i64, i64) = sqlx::query_as(
            "SELECT name, description, scale_min, scale_max FROM stuurwiel_frameworks WHERE id = ?",
        )
        .bind(id)
        .fetch_one(&pool)
        .await?;
        let segments: Vec<(i64, String, String, i64)> = sqlx::query_as(
            "SELECT s.id, s.name, s.description,
                    (SELECT count(*) FROM stuurwiel_scores sc WHERE sc.segment_id = s.id)
             FROM stuurwiel_segments s WHERE s.framework_id = ? ORDER BY s.position, s.id",
        )
        .bind(id)
        .fetch_all(&pool)
        .await?;
        Ok(FrameworkEdit {
            id: Some(id),
            name,
            description,
            scale_min,
            scale_max,
            segments: segments
                .into_iter()
                .map(|(id, name, description, scores)| SegmentEdit {
                    id,
                    name,
                    description,
                    scores,
                })
                .collect(),
        })
    }

    #[server(endpoint = "save_stuurwiel_framework")]
    pub async fn save_stuurwiel_framework(
        name: String,
        description: String,
    ) -> Result<(), EditError> {
        use crate::editing::audit::{record, AuditAction};
        let user = coordinator()?;
        let errors = validate_text("framework_", &name, &description);
        if !errors.is_empty() {
            return Err(EditError::Invalid(errors));
        }
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let (id, created) =
            framework_for_change(&mut tx, &user, name.trim(), description.trim()).await?;
        if created {
            tx.commit().await?;
            back();
            return Ok(());
        }
        let before: (String, String) =
            sqlx::query_as("SELECT name, description FROM stuurwiel_frameworks WHERE id = ?")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        sqlx::query("UPDATE stuurwiel_frameworks SET name = ?, description = ? WHERE id = ?")
            .bind(name.trim())
            .bind(description.trim())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let after = (name.trim().to_string(), description.trim().to_string());
        record(
            &mut tx,
            &user,
            AuditAction::Update,
            "stuurwiel_framework",
            id,
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        back();
        Ok(())
    }

    /// Adds a segment (no `segment_id`) at the end, or changes one.
    #[server(endpoint = "save_stuurwiel_segment")]
    pub async fn save_stuurwiel_segment(
        #[server(default)] segment_id: Option<i64>,
        name: String,
        description: String,
    ) -> Result<(), EditError> {
        use crate::editing::audit::{record, AuditAction};
        let user = coordinator()?;
        let prefix = segment_id
            .map(|id| format!("segment_{id}_"))
            .unwrap_or_else(|| "new_segment_".into());
        let mut errors = validate_text(&prefix, &name, &description);
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let framework = match segment_id {
            Some(_) => find_active_framework(&mut *tx)
                .await?
                .ok_or(EditError::NotFound)?,
            None => {
                framework_for_change(&mut tx, &user, DEFAULT_NAME, "")
                    .await?
                    .0
            }
        };
        let clash: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM stuurwiel_segments WHERE framework_id = ? AND lower(name) = lower(?) AND id IS NOT ?",
        )
        .bind(framework)
        .bind(name.trim())
        .bind(segment_id)
        .fetch_optional(&mut *tx)
        .await?;
        if clash.is_some() {
            errors.add(
                &format!("{prefix}name"),
                "Er is al een onderdeel met deze naam.",
            );
        }
        if !errors.is_empty() {
            return Err(EditError::Invalid(errors));
        }
        let after = (name.trim().to_string(), description.trim().to_string());
        match segment_id {
            Some(id) => {
                let before: Option<(String, String)> = sqlx::query_as(
                    "SELECT name, description FROM stuurwiel_segments WHERE id = ? AND framework_id = ?",
                )
                .bind(id)
                .bind(framework)
                .fetch_optional(&mut *tx)
                .await?;
                let before = before.ok_or(EditError::NotFound)?;
                sqlx::query("UPDATE stuurwiel_segments SET name = ?, description = ? WHERE id = ?")
                    .bind(&after.0)
                    .bind(&after.1)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                record(
                    &mut tx,
                    &user,
                    AuditAction::Update,
                    "stuurwiel_segment",
                    id,
                    Some(&before),
                    Some(&after),
                )
                .await?;
            }
            None => {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO stuurwiel_segments (framework_id, name, description, position)
                     VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 FROM stuurwiel_segments WHERE framework_id = ?1))
                     RETURNING id",
                )
                .bind(framework)
                .bind(&after.0)
                .bind(&after.1)
                .fetch_one(&mut *tx)
                .await?;
                record(
                    &mut tx,
                    &user,
                    AuditAction::Create,
                    "stuurwiel_segment",
                    id,
                    None,
                    Some(&after),
                )
                .await?;
            }
        }
        tx.commit().await?;
        back();
        Ok(())
    }

    /// Moves a segment one place up or down by swapping it with its neighbour.
    #[server(endpoint = "move_stuurwiel_segment")]
    pub async fn move_stuurwiel_segment(
        segment_id: i64,
        direction: String,
    ) -> Result<(), EditError> {
        use crate::editing::audit::{record, AuditAction};
        let user = coordinator()?;
        let up = match direction.as_str() {
            "omhoog" => true,
            "omlaag" => false,
            _ => {
                let mut errors = FieldErrors::default();
                errors.add("direction", "Kies omhoog of omlaag.");
                return Err(EditError::Invalid(errors));
            }
        };
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let framework = active_framework(&pool).await?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let mut order: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM stuurwiel_segments WHERE framework_id = ? ORDER BY position, id",
        )
        .bind(framework)
        .fetch_all(&mut *tx)
        .await?;
        let index = order
            .iter()
            .position(|id| *id == segment_id)
            .ok_or(EditError::NotFound)?;
        let other = if up {
            index.checked_sub(1)
        } else {
            Some(index + 1).filter(|i| *i < order.len())
        };
        let Some(other) = other else {
            back();
            return Ok(()); // already first or last: nothing to do
        };
        order.swap(index, other);
        // Renumber all: positions may have had gaps or ties.
        for (position, id) in order.iter().enumerate() {
            sqlx::query("UPDATE stuurwiel_segments SET position = ? WHERE id = ?")
                .bind(position as i64 + 1)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        record(
            &mut tx,
            &user,
            AuditAction::Update,
            "stuurwiel_segment",
            segment_id,
            None,
            Some(&serde_json::json!({ "moved": direction })),
        )
        .await?;
        tx.commit().await?;
        back();
        Ok(())
    }

    /// Removes a segment and its scores; needs an explicit confirmation.
    #[server(endpoint = "delete_stuurwiel_segment")]
    pub async fn delete_stuurwiel_segment(
        segment_id: i64,
        #[server(default)] confirm: String,
    ) -> Result<(), EditError> {
        use crate::editing::audit::{record, AuditAction};
        let user = coordinator()?;
        if confirm != "ja" {
            let mut errors = FieldErrors::default();
            errors.add(
                &format!("segment_{segment_id}_confirm"),
                "Vink aan dat u het onderdeel en de scores erop wilt verwijderen.",
            );
            return Err(EditError::Invalid(errors));
        }
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let framework = active_framework(&pool).await?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let before: Option<(String, String)> = sqlx::query_as(
            "SELECT name, description FROM stuurwiel_segments WHERE id = ? AND framework_id = ?",
        )
        .bind(segment_id)
        .bind(framework)
        .fetch_optional(&mut *tx)
        .await?;
        let before = before.ok_or(EditError::NotFound)?;
        sqlx::query("DELETE FROM stuurwiel_segments WHERE id = ?")
            .bind(segment_id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            &user,
            AuditAction::Delete,
            "stuurwiel_segment",
            segment_id,
            Some(&before),
            None,
        )
        .await?;
        tx.commit().await?;
        back();
        Ok(())
    }
}

pub mod pages {
    use super::api::*;
    use super::*;
    use crate::editing::ui::{EditRefused, InputField};
    use leptos::prelude::*;
    use leptos_meta::Title;

    use crate::editing::ui::errors_of;

    /// `/beheer/stuurwiel`
    #[component]
    pub fn StuurwielEditPage() -> impl IntoView {
        let save_framework = ServerAction::<SaveStuurwielFramework>::new();
        let save_segment = ServerAction::<SaveStuurwielSegment>::new();
        let move_segment = ServerAction::<MoveStuurwielSegment>::new();
        let delete_segment = ServerAction::<DeleteStuurwielSegment>::new();
        let framework = Resource::new(
            move || {
                (
                    save_framework.version().get(),
                    save_segment.version().get(),
                    move_segment.version().get(),
                    delete_segment.version().get(),
                )
            },
            |_| load_stuurwiel_framework(),
        );
        let framework_errors = errors_of(save_framework);
        let segment_errors = errors_of(save_segment);
        let delete_errors = errors_of(delete_segment);
        view! {
            <Title text="Stuurwiel beheren"/>
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    let framework = match framework.await {
                        Ok(framework) => framework,
                        Err(error) => return view! { <EditRefused error/> }.into_any(),
                    };
                    let count = framework.segments.len();
                    view! {
                        <h1>"Stuurwiel beheren"</h1>
                        <p class="lead">
                            "Het stuurwiel is het kader waarop gebieden worden beoordeeld. Namen, beschrijvingen en volgorde van de onderdelen "
                            "verschijnen direct in de radar op elk gebiedsprofiel. "
                            {format!("Scores lopen van {} tot {}.", framework.scale_min, framework.scale_max)}
                        </p>
                        <section aria-labelledby="kader">
                            <h2 id="kader">"Kader"</h2>
                            <ActionForm action=save_framework attr:class="form">
                                <InputField name="name" id="framework-name" label="Naam" value=framework.name.clone() errors=Signal::derive(move || {
                                    let mut e = FieldErrors::default();
                                    if let Some(m) = framework_errors.get().get("framework_name") { e.add("name", m.clone()); }
                                    e
                                })/>
                                <div class="field">
                                    <label for="framework-description">"Beschrijving"</label>
                                    <textarea id="framework-description" name="description" rows="3">{framework.description.clone()}</textarea>
                                </div>
                                <div class="form__actions"><button type="submit">"Kader opslaan"</button></div>
                            </ActionForm>
                        </section>
                        <section aria-labelledby="onderdelen">
                            <h2 id="onderdelen">{format!("Onderdelen ({count})")}</h2>
                            {(count == 0).then(|| view! {
                                <div class="empty-state">
                                    <p>"Het stuurwiel heeft nog geen onderdelen. Voeg hieronder het eerste toe, bijvoorbeeld “Organisatiegraad” of “Vastgoed en leegstand”. Daarna kunnen gebieden erop worden beoordeeld."</p>
                                </div>
                            })}
                            <ol class="segments-edit">
                                {framework.segments.into_iter().enumerate().map(|(index, segment)| {
                                    let id = segment.id;
                                    let name_key = format!("segment_{id}_name");
                                    let errors_for_this = Signal::derive(move || {
                                        let mut e = FieldErrors::default();
                                        if let Some(m) = segment_errors.get().get(&format!("segment_{id}_name")) { e.add(&format!("name-{id}"), m.clone()); }
                                        e
                                    });
                                    let confirm_error = move || delete_errors.get().get(&format!("segment_{id}_confirm")).cloned();
                                    let _ = name_key;
                                    let up_label = format!("{} een plaats omhoog", segment.name);
                                    let down_label = format!("{} een plaats omlaag", segment.name);
                                    let warning = if segment.scores > 0 {
                                        format!("Ook de {} scores op dit onderdeel worden verwijderd.", segment.scores)
                                    } else {
                                        "Er zijn nog geen scores op dit onderdeel.".to_string()
                                    };
                                    view! {
                                        <li class="segment-edit">
                                            <ActionForm action=save_segment attr:class="form">
                                                <input type="hidden" name="segment_id" value=id/>
                                                <InputField name="name" suffix=id label="Naam" value=segment.name.clone() errors=errors_for_this/>
                                                <div class="field">
                                                    <label for=format!("description-{id}")>"Beschrijving"</label>
                                                    <textarea id=format!("description-{id}") name="description" rows="2">{segment.description.clone()}</textarea>
                                                </div>
                                                <div class="form__actions"><button type="submit">"Onderdeel opslaan"</button></div>
                                            </ActionForm>
                                            <div class="segment-edit__tools">
                                                <ActionForm action=move_segment attr:class="inline-form">
                                                    <input type="hidden" name="segment_id" value=id/>
                                                    <input type="hidden" name="direction" value="omhoog"/>
                                                    <button type="submit" disabled=index == 0 aria-label=up_label>"↑ Omhoog"</button>
                                                </ActionForm>
                                                <ActionForm action=move_segment attr:class="inline-form">
                                                    <input type="hidden" name="segment_id" value=id/>
                                                    <input type="hidden" name="direction" value="omlaag"/>
                                                    <button type="submit" disabled=index + 1 == count aria-label=down_label>"↓ Omlaag"</button>
                                                </ActionForm>
                                                <details class="segment-edit__delete">
                                                    <summary>"Verwijderen…"</summary>
                                                    <ActionForm action=delete_segment attr:class="inline-form">
                                                        <input type="hidden" name="segment_id" value=id/>
                                                        <p>{warning}</p>
                                                        {move || confirm_error().map(|m| view! { <p class="field__error">{m}</p> })}
                                                        <label><input type="checkbox" name="confirm" value="ja"/>" Ja, verwijder dit onderdeel"</label>
                                                        <button type="submit">"Verwijderen"</button>
                                                    </ActionForm>
                                                </details>
                                            </div>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                            <h3>"Onderdeel toevoegen"</h3>
                            <ActionForm action=save_segment attr:class="form">
                                <InputField name="name" id="new-segment-name" label="Naam" errors=Signal::derive(move || {
                                    let mut e = FieldErrors::default();
                                    if let Some(m) = segment_errors.get().get("new_segment_name") { e.add("name", m.clone()); }
                                    e
                                })/>
                                <div class="field">
                                    <label for="new-segment-description">"Beschrijving"</label>
                                    <textarea id="new-segment-description" name="description" rows="2"></textarea>
                                </div>
                                <div class="form__actions"><button type="submit">"Onderdeel toevoegen"</button></div>
                            </ActionForm>
                        </section>
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

    #[test]
    fn names_are_required_and_short() {
        assert!(validate_text("x_", "Economie", "").is_empty());
        assert!(validate_text("x_", "  ", "").get("x_name").is_some());
        assert!(validate_text("x_", &"a".repeat(61), "")
            .get("x_name")
            .is_some());
        assert!(validate_text("x_", "Ok", &"b".repeat(1001))
            .get("x_description")
            .is_some());
    }
}
