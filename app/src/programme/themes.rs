//! `/beheer/themas`: the themes of opgaves, sessions, topic suggestions and the library.
//! A theme's key never changes (URLs and old items use it); a retired theme stays on old
//! items but is no longer offered in forms.

use crate::editing::form::{Fields, Returned};
use crate::editing::{EditError, FieldErrors};
use serde::{Deserialize, Serialize};

pub const PAGE: &str = "/beheer/themas";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    pub key: String,
    pub label: String,
    pub description: String,
    pub retired: bool,
    /// Opgaves, sessions and library items on this theme.
    pub uses: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemesEdit {
    pub themes: Vec<Theme>,
    pub returned: Option<Returned>,
}

/// A key from a label: lowercase ASCII letters joined by underscores ("Groen & water" →
/// "groen_water").
pub fn key_from_label(label: &str) -> String {
    crate::library::edit::slugify(label)
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .map(|c| if c == '-' { '_' } else { c })
        .collect::<String>()
        .trim_matches('_')
        .to_string()
}

pub fn is_key(key: &str) -> bool {
    key.len() <= 40
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
}

/// Checks a theme; `key` is `None` when editing (the key cannot change).
pub fn validate(key: Option<(&str, bool)>, label: &str, description: &str) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if let Some((key, taken)) = key {
        if !is_key(key) {
            errors.add(
                "key",
                "De code bestaat uit kleine letters en liggende streepjes (_), hoogstens 40 tekens, bijvoorbeeld groen_water.",
            );
        } else if taken {
            errors.add("key", "Er is al een thema met deze code.");
        }
    }
    if label.is_empty() || label.chars().count() > 60 {
        errors.add("label", "Vul een naam in van hoogstens 60 tekens.");
    }
    if description.chars().count() > 500 {
        errors.add(
            "description",
            "De beschrijving is te lang: hoogstens 500 tekens.",
        );
    }
    errors
}

pub mod api {
    use super::*;
    use leptos::prelude::*;

    #[cfg(feature = "ssr")]
    use crate::{
        accounts::Action,
        editing::{
            audit::{record, AuditAction},
            form::server::{allowed, clean, coordinator, done, pool, refuse, returned},
        },
    };

    #[server(endpoint = "load_themes")]
    pub async fn load_themes(
        #[server(default)] concept: Option<String>,
    ) -> Result<ThemesEdit, EditError> {
        coordinator()?;
        let pool = pool()?;
        let rows: Vec<(String, String, String, bool, i64)> = sqlx::query_as(
            "SELECT t.key, t.label, t.description, t.retired_at IS NOT NULL,
                    (SELECT count(*) FROM opgaves o WHERE o.theme_key = t.key)
                  + (SELECT count(*) FROM learning_session_themes s WHERE s.theme_key = t.key)
                  + (SELECT count(*) FROM library_item_themes l WHERE l.theme_key = t.key)
             FROM themes t ORDER BY t.retired_at IS NOT NULL, t.position, t.label",
        )
        .fetch_all(&pool)
        .await?;
        Ok(ThemesEdit {
            themes: rows
                .into_iter()
                .map(|(key, label, description, retired, uses)| Theme {
                    key,
                    label,
                    description,
                    retired,
                    uses,
                })
                .collect(),
            returned: returned(&pool, &concept, "theme").await?,
        })
    }

    /// Adds a theme (no `theme_key`) or changes one's name and description.
    #[server(endpoint = "save_theme")]
    pub async fn save_theme(
        #[server(default)] theme_key: Option<String>,
        #[server(default)] fields: Fields,
    ) -> Result<(), EditError> {
        let pool = pool()?;
        let mut values = clean(fields, &["key", "label", "description"]);
        let theme_key = theme_key.filter(|k| !k.is_empty());
        let form = match &theme_key {
            Some(key) => format!("theme:{key}"),
            None => "theme:new".to_string(),
        };
        let user = allowed(&pool, Action::Coordinate, &form, PAGE, &values).await?;
        let get = |values: &Fields, name: &str| values.get(name).cloned().unwrap_or_default();
        let label = get(&values, "label");
        let description = get(&values, "description");
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let errors = match &theme_key {
            Some(key) => {
                let exists: bool =
                    sqlx::query_scalar("SELECT count(*) > 0 FROM themes WHERE key = ?")
                        .bind(key)
                        .fetch_one(&mut *tx)
                        .await?;
                if !exists {
                    return Err(EditError::NotFound);
                }
                validate(None, &label, &description)
            }
            None => {
                if get(&values, "key").is_empty() {
                    values.insert("key".into(), key_from_label(&label));
                }
                let key = get(&values, "key");
                let taken: bool =
                    sqlx::query_scalar("SELECT count(*) > 0 FROM themes WHERE key = ?")
                        .bind(&key)
                        .fetch_one(&mut *tx)
                        .await?;
                validate(Some((&key, taken)), &label, &description)
            }
        };
        if !errors.is_empty() {
            drop(tx);
            return Err(refuse(&pool, &form, PAGE, &values, errors).await);
        }
        let after = (label.clone(), description.clone());
        match &theme_key {
            Some(key) => {
                let before: (String, String) =
                    sqlx::query_as("SELECT label, description FROM themes WHERE key = ?")
                        .bind(key)
                        .fetch_one(&mut *tx)
                        .await?;
                sqlx::query("UPDATE themes SET label = ?, description = ? WHERE key = ?")
                    .bind(&label)
                    .bind(&description)
                    .bind(key)
                    .execute(&mut *tx)
                    .await?;
                let rowid: i64 = sqlx::query_scalar("SELECT rowid FROM themes WHERE key = ?")
                    .bind(key)
                    .fetch_one(&mut *tx)
                    .await?;
                record(
                    &mut tx,
                    &user,
                    AuditAction::Update,
                    "theme",
                    rowid,
                    Some(&before),
                    Some(&after),
                )
                .await?;
            }
            None => {
                let rowid: i64 = sqlx::query_scalar(
                    "INSERT INTO themes (key, label, description, position)
                     VALUES (?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM themes)) RETURNING rowid",
                )
                .bind(get(&values, "key"))
                .bind(&label)
                .bind(&description)
                .fetch_one(&mut *tx)
                .await?;
                record(
                    &mut tx,
                    &user,
                    AuditAction::Create,
                    "theme",
                    rowid,
                    None,
                    Some(&after),
                )
                .await?;
            }
        }
        tx.commit().await?;
        done(PAGE);
        Ok(())
    }

    /// Retires a theme (`retire=ja`) or brings it back (`retire=nee`).
    #[server(endpoint = "retire_theme")]
    pub async fn retire_theme(theme_key: String, retire: String) -> Result<(), EditError> {
        let pool = pool()?;
        let form = format!("theme:{theme_key}");
        let user = allowed(&pool, Action::Coordinate, &form, PAGE, &Fields::new()).await?;
        let retire = retire == "ja";
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let rowid: i64 = sqlx::query_scalar("SELECT rowid FROM themes WHERE key = ?")
            .bind(&theme_key)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(EditError::NotFound)?;
        sqlx::query(
            "UPDATE themes SET retired_at = CASE WHEN ? THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END WHERE key = ?",
        )
        .bind(retire)
        .bind(&theme_key)
        .execute(&mut *tx)
        .await?;
        let action = if retire {
            AuditAction::Delete
        } else {
            AuditAction::Restore
        };
        record(
            &mut tx,
            &user,
            action,
            "theme",
            rowid,
            None,
            Some(&theme_key),
        )
        .await?;
        tx.commit().await?;
        done(PAGE);
        Ok(())
    }
}

pub mod pages {
    use super::api::*;
    use crate::editing::form::{
        anchor, errors_for, saved_count, shown, Field, FormMessage, LongText,
    };
    use crate::editing::ui::EditRefused;
    use leptos::prelude::*;
    use leptos_meta::Title;
    use leptos_router::hooks::use_query_map;

    /// `/beheer/themas`
    #[component]
    pub fn ThemesPage() -> impl IntoView {
        let query = use_query_map();
        let save = ServerAction::<SaveTheme>::new();
        let retire = ServerAction::<RetireTheme>::new();
        let saved = saved_count(save);
        let retired = saved_count(retire);
        let data = Resource::new_blocking(
            move || (query.read().get("concept"), saved.get(), retired.get()),
            |(concept, _, _)| load_themes(concept),
        );
        view! {
            <Title text="Thema's"/>
            <nav aria-label="Kruimelpad" class="breadcrumb"><a href="/beheer">"Beheer"</a>" › "<span aria-current="page">"Thema's"</span></nav>
            <h1>"Thema's"</h1>
            <p class="lead">"Opgaves, sessies, onderwerpvoorstellen en de kennisbank gebruiken deze thema's. De code van een thema verandert nooit; een thema dat u niet meer gebruikt, zet u buiten gebruik: het blijft bij oude onderdelen staan, maar wordt niet meer aangeboden."</p>
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    let edit = match data.await {
                        Ok(edit) => edit,
                        Err(error) => return view! { <EditRefused error/> }.into_any(),
                    };
                    let returned = edit.returned.clone();
                    let new_form = "theme:new".to_string();
                    let new_form_id = anchor(&new_form);
                    let new_errors = errors_for(save, returned.clone(), new_form.clone());
                    let (new_label, new_key, new_description) = (
                        shown(&returned, &new_form, "label", ""),
                        shown(&returned, &new_form, "key", ""),
                        shown(&returned, &new_form, "description", ""),
                    );
                    view! {
                        {edit.themes.is_empty().then(|| view! { <p class="empty-state">"Er zijn nog geen thema's. Voeg hieronder het eerste toe."</p> })}
                        <ul class="setup-list">
                            {edit.themes.into_iter().map(|theme| {
                                let returned = returned.clone();
                                let (label_value, description_value) = (
                                    shown(&returned, &format!("theme:{}", theme.key), "label", &theme.label),
                                    shown(&returned, &format!("theme:{}", theme.key), "description", &theme.description),
                                );
                                let retire_label = if theme.retired { format!("{} weer in gebruik nemen", theme.label) } else { format!("{} buiten gebruik zetten", theme.label) };
                                let meta = format!("Code: {} · gebruikt bij {} onderdelen", theme.key, theme.uses);
                                let (key1, key2) = (theme.key.clone(), theme.key.clone());
                                let form = format!("theme:{}", theme.key);
                                let form_id = anchor(&form);
                                let errors = errors_for(save, returned.clone(), form.clone());
                                let heading = if theme.retired {
                                    format!("{} (buiten gebruik)", theme.label)
                                } else {
                                    theme.label.clone()
                                };
                                view! {
                                    <li class="setup-list__item" class:setup-list__item--retired=theme.retired>
                                        <h2>{heading}</h2>
                                        <p class="setup-list__meta">{meta}</p>
                                        <ActionForm action=save attr:class="form" attr:id=form_id.clone()>
                                            <FormMessage action=save errors/>
                                            <input type="hidden" name="theme_key" value=key1/>
                                            <Field form=form.clone() name="label" label="Naam" value=label_value errors/>
                                            <LongText form=form.clone() name="description" label="Beschrijving" value=description_value errors rows=2/>
                                            <button type="submit">"Opslaan"</button>
                                        </ActionForm>
                                        <ActionForm action=retire attr:class="inline-form">
                                            <input type="hidden" name="theme_key" value=key2/>
                                            <input type="hidden" name="retire" value=if theme.retired { "nee" } else { "ja" }/>
                                            <button type="submit" class="button--secondary">
                                                {retire_label}
                                            </button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <h2 id="toevoegen">"Thema toevoegen"</h2>
                        <ActionForm action=save attr:class="form" attr:id=new_form_id.clone()>
                            <FormMessage action=save errors=new_errors/>
                            <Field form=new_form.clone() name="label" label="Naam" value=new_label errors=new_errors required=true/>
                            <Field form=new_form.clone() name="key" label="Code (mag leeg: dan gemaakt uit de naam)" hint="Kleine letters en _, bijvoorbeeld groen_water. Staat in webadressen en verandert nooit." value=new_key errors=new_errors/>
                            <LongText form=new_form.clone() name="description" label="Beschrijving" value=new_description errors=new_errors rows=2/>
                            <div class="form__actions"><button type="submit" class="button--primary">"Thema toevoegen"</button></div>
                        </ActionForm>
                    }.into_any()
                })}
            </Suspense>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_from_labels_and_are_checked() {
        assert_eq!(key_from_label("Groen & water"), "groen_water");
        assert_eq!(key_from_label("Économie 2030"), "economie");
        assert!(is_key("groen_water"));
        assert!(!is_key("Groen"));
        assert!(!is_key("_groen"));
        assert!(validate(Some(("groen", false)), "Groen", "").is_empty());
        assert!(validate(Some(("groen", true)), "Groen", "")
            .get("key")
            .is_some());
        assert!(validate(None, "", "").get("label").is_some());
    }
}
