//! `/beheer/stadsdelen`: the city's districts (stadsdelen). Areas lie in one; the area list
//! filters and the map group by them. A district with areas cannot be removed.

use crate::editing::form::{Fields, Returned};
use crate::editing::{EditError, FieldErrors};
use serde::{Deserialize, Serialize};

pub const PAGE: &str = "/beheer/stadsdelen";
pub const MAX_NAME: usize = 60;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct District {
    pub id: i64,
    pub name: String,
    /// How many areas (archived ones too) lie in it.
    pub areas: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DistrictsEdit {
    pub districts: Vec<District>,
    pub returned: Option<Returned>,
}

/// Checks a district's name; `taken` says whether another district has it already.
pub fn validate(name: &str, taken: bool) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if name.is_empty() {
        errors.add("name", "Vul de naam van het stadsdeel in.");
    } else if name.chars().count() > MAX_NAME {
        errors.add(
            "name",
            format!("De naam is te lang: hoogstens {MAX_NAME} tekens."),
        );
    } else if taken {
        errors.add("name", "Er is al een stadsdeel met deze naam.");
    }
    errors
}

/// The district names, in their order (for the area form and the filters).
#[cfg(feature = "ssr")]
pub async fn names(pool: &sqlx::SqlitePool) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM districts ORDER BY position, name COLLATE NOCASE")
        .fetch_all(pool)
        .await
}

pub mod api {
    use super::*;
    use leptos::prelude::*;

    #[cfg(feature = "ssr")]
    use crate::{
        accounts::Action,
        editing::{
            audit::{record, AuditAction},
            form::{
                server::{allowed, clean, done, pool, refuse, returned},
                NOT_CONFIRMED,
            },
        },
    };

    #[server(endpoint = "load_districts")]
    pub async fn load_districts(
        #[server(default)] concept: Option<String>,
    ) -> Result<DistrictsEdit, EditError> {
        crate::editing::form::server::coordinator()?;
        let pool = pool()?;
        let rows: Vec<(i64, String, i64)> = sqlx::query_as(
            "SELECT d.id, d.name, (SELECT count(*) FROM areas a WHERE a.district = d.name)
             FROM districts d ORDER BY d.position, d.name COLLATE NOCASE",
        )
        .fetch_all(&pool)
        .await?;
        Ok(DistrictsEdit {
            districts: rows
                .into_iter()
                .map(|(id, name, areas)| District { id, name, areas })
                .collect(),
            returned: returned(&pool, &concept, "district").await?,
        })
    }

    /// Adds a district (no `district_id`) or renames one; a rename moves its areas along.
    #[server(endpoint = "save_district")]
    pub async fn save_district(
        #[server(default)] district_id: Option<i64>,
        #[server(default)] fields: Fields,
    ) -> Result<(), EditError> {
        let pool = pool()?;
        let values = clean(fields, &["name"]);
        let form = match district_id {
            Some(id) => format!("district:{id}"),
            None => "district:new".to_string(),
        };
        let user = allowed(&pool, Action::Coordinate, &form, PAGE, &values).await?;
        let name = values.get("name").cloned().unwrap_or_default();
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let before: Option<String> = match district_id {
            Some(id) => Some(
                sqlx::query_scalar("SELECT name FROM districts WHERE id = ?")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?
                    .ok_or(EditError::NotFound)?,
            ),
            None => None,
        };
        let taken: bool = sqlx::query_scalar(
            "SELECT count(*) > 0 FROM districts WHERE name = ? COLLATE NOCASE AND id IS NOT ?",
        )
        .bind(&name)
        .bind(district_id)
        .fetch_one(&mut *tx)
        .await?;
        let errors = validate(&name, taken);
        if !errors.is_empty() {
            drop(tx);
            return Err(refuse(&pool, &form, PAGE, &values, errors).await);
        }
        match (district_id, &before) {
            (Some(id), Some(old)) => {
                sqlx::query("UPDATE districts SET name = ? WHERE id = ?")
                    .bind(&name)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("UPDATE areas SET district = ? WHERE district = ?")
                    .bind(&name)
                    .bind(old)
                    .execute(&mut *tx)
                    .await?;
                record(
                    &mut tx,
                    &user,
                    AuditAction::Update,
                    "district",
                    id,
                    Some(old),
                    Some(&name),
                )
                .await?;
            }
            _ => {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO districts (name, position)
                     VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM districts)) RETURNING id",
                )
                .bind(&name)
                .fetch_one(&mut *tx)
                .await?;
                record(
                    &mut tx,
                    &user,
                    AuditAction::Create,
                    "district",
                    id,
                    None,
                    Some(&name),
                )
                .await?;
            }
        }
        tx.commit().await?;
        done(PAGE);
        Ok(())
    }

    /// Removes a district without areas, after confirmation.
    #[server(endpoint = "remove_district")]
    pub async fn remove_district(
        district_id: i64,
        #[server(default)] fields: Fields,
    ) -> Result<(), EditError> {
        let pool = pool()?;
        let values = clean(fields, &["confirm"]);
        let form = format!("district-remove:{district_id}");
        let user = allowed(&pool, Action::Coordinate, &form, PAGE, &values).await?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let (name, areas): (String, i64) = sqlx::query_as(
            "SELECT d.name, (SELECT count(*) FROM areas a WHERE a.district = d.name)
             FROM districts d WHERE d.id = ?",
        )
        .bind(district_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(EditError::NotFound)?;
        let mut errors = FieldErrors::default();
        if areas > 0 {
            errors.add(
                "confirm",
                format!("In dit stadsdeel liggen nog {areas} gebieden. Verplaats ze eerst naar een ander stadsdeel."),
            );
        } else if values.get("confirm").map(String::as_str) != Some("ja") {
            errors.add("confirm", NOT_CONFIRMED);
        }
        if !errors.is_empty() {
            drop(tx);
            return Err(refuse(&pool, &form, PAGE, &values, errors).await);
        }
        sqlx::query("DELETE FROM districts WHERE id = ?")
            .bind(district_id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            &user,
            AuditAction::Delete,
            "district",
            district_id,
            Some(&name),
            None,
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
        anchor, confirm_removal, errors_for, saved_count, shown, Field, FormMessage,
    };
    use crate::editing::ui::EditRefused;
    use leptos::prelude::*;
    use leptos_meta::Title;
    use leptos_router::hooks::use_query_map;

    /// `/beheer/stadsdelen`
    #[component]
    pub fn DistrictsPage() -> impl IntoView {
        let query = use_query_map();
        let save = ServerAction::<SaveDistrict>::new();
        let remove = ServerAction::<RemoveDistrict>::new();
        let saved = saved_count(save);
        let removed = saved_count(remove);
        let data = Resource::new_blocking(
            move || (query.read().get("concept"), saved.get(), removed.get()),
            |(concept, _, _)| load_districts(concept),
        );
        view! {
            <Title text="Stadsdelen"/>
            <nav aria-label="Kruimelpad" class="breadcrumb"><a href="/beheer">"Beheer"</a>" › "<span aria-current="page">"Stadsdelen"</span></nav>
            <h1>"Stadsdelen"</h1>
            <p class="lead">"Elk gebied ligt in een stadsdeel. De lijst van gebieden en de kaart filteren erop. Een nieuwe naam geldt meteen voor alle gebieden in het stadsdeel."</p>
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    let edit = match data.await {
                        Ok(edit) => edit,
                        Err(error) => return view! { <EditRefused error/> }.into_any(),
                    };
                    let returned = edit.returned.clone();
                    let new_form = "district:new".to_string();
                    let new_form_id = anchor(&new_form);
                    let new_errors = errors_for(save, returned.clone(), new_form.clone());
                    let new_name = shown(&returned, &new_form, "name", "");
                    view! {
                        {if edit.districts.is_empty() {
                            view! { <p class="empty-state">"Er zijn nog geen stadsdelen. Voeg hieronder het eerste toe; daarna kunt u gebieden aanmaken."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="setup-list">
                                    {edit.districts.into_iter().map(|district| {
                                        let returned = returned.clone();
                                        let remove_summary = format!("{} verwijderen…", district.name);
                                        let remove_confirm = format!("Ja, verwijder {}", district.name);
                                        let form = format!("district:{}", district.id);
                                        let form_id = anchor(&form);
                                        let remove_form = format!("district-remove:{}", district.id);
                                        let remove_form_id = anchor(&remove_form);
                                        let errors = errors_for(save, returned.clone(), form.clone());
                                        let remove_errors = errors_for(remove, returned.clone(), remove_form.clone());
                                        let warning = if district.areas > 0 {
                                            format!("In {} liggen {} gebieden; verplaats ze eerst naar een ander stadsdeel.", district.name, district.areas)
                                        } else {
                                            format!("{} heeft geen gebieden.", district.name)
                                        };
                                        let open = remove_errors.get_untracked().0.len() > 0;
                                        view! {
                                            <li class="setup-list__item">
                                                <ActionForm action=save attr:class="form form--inline" attr:id=form_id.clone()>
                                                    <FormMessage action=save errors/>
                                                    <input type="hidden" name="district_id" value=district.id/>
                                                    <Field form=form.clone() name="name" label=format!("Naam ({} gebieden)", district.areas) value=shown(&returned, &form, "name", &district.name) errors/>
                                                    <button type="submit">"Naam opslaan"</button>
                                                </ActionForm>
                                                <details class="remove" open=open>
                                                    <summary>{remove_summary}</summary>
                                                    <ActionForm action=remove attr:class="form" attr:id=remove_form_id.clone()>
                                                        <input type="hidden" name="district_id" value=district.id/>
                                                        {confirm_removal(&remove_form, warning, remove_confirm, "Verwijderen".into(), remove_errors)}
                                                    </ActionForm>
                                                </details>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <h2 id="toevoegen">"Stadsdeel toevoegen"</h2>
                        <ActionForm action=save attr:class="form" attr:id=new_form_id.clone()>
                            <FormMessage action=save errors=new_errors/>
                            <Field form=new_form.clone() name="name" label="Naam" value=new_name errors=new_errors required=true/>
                            <div class="form__actions"><button type="submit" class="button--primary">"Stadsdeel toevoegen"</button></div>
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
    fn names_are_required_short_and_unique() {
        assert!(validate("Noord", false).is_empty());
        assert!(validate("", false).get("name").is_some());
        assert!(validate(&"a".repeat(61), false).get("name").is_some());
        assert_eq!(
            validate("Noord", true).get("name").map(String::as_str),
            Some("Er is al een stadsdeel met deze naam.")
        );
    }
}
