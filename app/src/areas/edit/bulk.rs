//! Creating many areas at once from a CSV (coordinators), the way the indicator import
//! works: paste or upload → a check per row → create all rows or none, in one transaction.
//! Each row is checked by the same rules as the single-area form (`identity::validate`).
//!
//! Columns (by header, Dutch or English): naam, stadsdeel, type, lat, lon, fase, activatie.

use crate::areas::{Activation, AreaType, Phase};
use crate::editing::form::Fields;
use crate::editing::EditError;
#[cfg(feature = "ssr")]
use crate::editing::FieldErrors;
use serde::{Deserialize, Serialize};

pub const PAGE: &str = "/gebieden/import";
/// Longest pasted text we accept (characters): some thousands of areas.
pub const MAX_CHARS: usize = 500_000;

/// The recognised headers per column, lowercased.
const COLUMNS: [(&str, &[&str]); 7] = [
    ("name", &["naam", "name", "gebied"]),
    ("district", &["stadsdeel", "district", "wijk"]),
    ("area_type", &["type", "soort", "area_type"]),
    ("latitude", &["lat", "latitude", "breedtegraad"]),
    ("longitude", &["lon", "lng", "longitude", "lengtegraad"]),
    ("phase", &["fase", "phase"]),
    ("activation", &["activatie", "activation"]),
];

/// One area the file would create.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedArea {
    pub line: usize,
    pub values: Fields,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AreaImportPreview {
    pub token: String,
    pub file_error: Option<String>,
    pub problems: Vec<(usize, String)>,
    pub rows: Vec<PlannedArea>,
    pub imported: bool,
}

impl AreaImportPreview {
    pub fn importable(&self) -> bool {
        self.file_error.is_none()
            && self.problems.is_empty()
            && !self.rows.is_empty()
            && !self.imported
    }
}

/// A code from a code or its Dutch label, case-insensitively ("Winkelstraat" → shopping_street).
fn code_of(raw: &str, options: &[(&'static str, &'static str)]) -> String {
    let wanted = raw.trim().to_lowercase();
    options
        .iter()
        .find(|(code, label)| *code == wanted || label.to_lowercase() == wanted)
        .map(|(code, _)| code.to_string())
        .unwrap_or(wanted)
}

/// Checks every row of the text. `taken` says whether a slug is in use already.
pub fn plan(
    text: &str,
    districts: &[String],
    taken: &dyn Fn(&str) -> bool,
) -> Result<(Vec<PlannedArea>, Vec<(usize, String)>), String> {
    use crate::areas::csv::{detect_separator, parse_records};
    let separator = detect_separator(text);
    let records = parse_records(text, separator).map_err(|e| e.to_string())?;
    let Some((header, rows)) = records.split_first() else {
        return Err("Het bestand is leeg. Zet op de eerste regel de kolomnamen en daaronder één gebied per regel.".into());
    };
    let headers: Vec<String> = header
        .fields
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let index: Vec<(&str, Option<usize>)> = COLUMNS
        .iter()
        .map(|(field, names)| {
            (
                *field,
                headers.iter().position(|h| names.contains(&h.as_str())),
            )
        })
        .collect();
    let missing: Vec<&str> = index
        .iter()
        .filter(|(field, i)| i.is_none() && matches!(*field, "name" | "district" | "area_type"))
        .map(|(field, _)| {
            COLUMNS
                .iter()
                .find(|(f, _)| f == field)
                .map(|(_, n)| n[0])
                .unwrap_or(field)
        })
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "De kolom(men) {} ontbreken op de eerste regel. Nodig: naam, stadsdeel, type; mag: lat, lon, fase, activatie.",
            missing.join(", ")
        ));
    }
    if rows.is_empty() {
        return Err("Onder de kolomnamen staat geen enkel gebied.".into());
    }
    if rows.len() > 2000 {
        return Err("Hoogstens 2000 gebieden per keer; splits het bestand.".into());
    }
    let types: Vec<(&str, &str)> = AreaType::ALL
        .iter()
        .map(|t| (t.code(), t.label()))
        .collect();
    let phases: Vec<(&str, &str)> = Phase::ALL.iter().map(|p| (p.code(), p.label())).collect();
    let activations: Vec<(&str, &str)> = Activation::ALL
        .iter()
        .map(|a| (a.code(), a.label()))
        .collect();
    let labels: std::collections::HashMap<&str, &str> = [
        ("name", "naam"),
        ("slug", "naam"),
        ("district", "stadsdeel"),
        ("area_type", "type"),
        ("latitude", "lat"),
        ("longitude", "lon"),
        ("phase", "fase"),
        ("activation", "activatie"),
    ]
    .into_iter()
    .collect();
    let mut planned = Vec::new();
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for record in rows {
        let cell = |field: &str| {
            index
                .iter()
                .find(|(f, _)| *f == field)
                .and_then(|(_, i)| *i)
                .and_then(|i| record.fields.get(i))
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        let mut values = Fields::new();
        values.insert("name".into(), cell("name"));
        values.insert("slug".into(), crate::library::edit::slugify(&cell("name")));
        let district = cell("district");
        let district = districts
            .iter()
            .find(|d| d.to_lowercase() == district.to_lowercase())
            .cloned()
            .unwrap_or(district);
        values.insert("district".into(), district);
        values.insert("area_type".into(), code_of(&cell("area_type"), &types));
        values.insert("latitude".into(), cell("latitude"));
        values.insert("longitude".into(), cell("longitude"));
        let or_default = |raw: String, default: &str| {
            if raw.is_empty() {
                default.to_string()
            } else {
                raw
            }
        };
        values.insert(
            "phase".into(),
            code_of(&or_default(cell("phase"), "build_up"), &phases),
        );
        values.insert(
            "activation".into(),
            code_of(
                &or_default(cell("activation"), "needs_activation"),
                &activations,
            ),
        );
        let slug = values["slug"].clone();
        let duplicate = !slug.is_empty() && !seen.insert(slug.clone());
        let (errors, _) = super::identity::validate(&values, districts, taken(&slug), true);
        let mut messages: Vec<String> = errors
            .0
            .iter()
            .map(|(field, message)| {
                format!(
                    "{}: {message}",
                    labels.get(field.as_str()).unwrap_or(&field.as_str())
                )
            })
            .collect();
        if duplicate {
            messages.push(format!(
                "naam: ‘{}’ staat al eerder in het bestand.",
                values["name"]
            ));
        }
        if messages.is_empty() {
            planned.push(PlannedArea {
                line: record.line,
                values,
            });
        } else {
            problems.push((record.line, messages.join(" ")));
        }
    }
    Ok((planned, problems))
}

pub mod api {
    use super::*;
    use leptos::prelude::*;

    #[cfg(feature = "ssr")]
    use crate::{
        accounts::{session::now, Action},
        editing::{
            audit::{record, AuditAction},
            form::server::{allowed, clean, coordinator, pool, refuse},
        },
    };

    #[cfg(feature = "ssr")]
    async fn check(
        pool: &sqlx::SqlitePool,
        text: &str,
    ) -> Result<Result<(Vec<PlannedArea>, Vec<(usize, String)>), String>, sqlx::Error> {
        let districts = crate::programme::districts::names(pool).await?;
        let taken: std::collections::HashSet<String> = sqlx::query_scalar(
            "SELECT slug FROM areas UNION SELECT old_slug FROM area_slug_redirects",
        )
        .fetch_all(pool)
        .await?
        .into_iter()
        .collect();
        Ok(plan(text, &districts, &|slug| taken.contains(slug)))
    }

    /// Keeps the pasted CSV for its preview and sends the browser there.
    #[server(endpoint = "stage_area_import")]
    pub async fn stage_area_import(#[server(default)] fields: Fields) -> Result<String, EditError> {
        let pool = pool()?;
        let values = clean(fields, &["csv"]);
        let user = allowed(&pool, Action::Coordinate, "area-import:new", PAGE, &values).await?;
        let text = values.get("csv").cloned().unwrap_or_default();
        let mut errors = FieldErrors::default();
        if text.is_empty() {
            errors.add(
                "csv",
                "Plak de regels van het bestand hier, met de kolomnamen op de eerste regel.",
            );
        } else if text.chars().count() > MAX_CHARS {
            errors.add(
                "csv",
                format!("Dat is te veel tekst: hoogstens {MAX_CHARS} tekens per keer."),
            );
        }
        if !errors.is_empty() {
            // A refused paste of half a megabyte is not kept as a draft.
            let kept = if text.chars().count() > MAX_CHARS {
                Fields::new()
            } else {
                values.clone()
            };
            return Err(refuse(&pool, "area-import:new", PAGE, &kept, errors).await);
        }
        let token =
            crate::areas::edit::import::db::stage(&pool, &user, "gebieden.csv", text.as_bytes())
                .await?;
        sqlx::query("UPDATE indicator_imports SET kind = 'areas' WHERE token = ?")
            .bind(&token)
            .execute(&pool)
            .await?;
        leptos_axum::redirect(&format!("{PAGE}/{token}"));
        Ok(token)
    }

    #[server(endpoint = "preview_area_import")]
    pub async fn preview_area_import(token: String) -> Result<AreaImportPreview, EditError> {
        coordinator()?;
        let pool = pool()?;
        let staged: Option<(Vec<u8>, Option<i64>)> = sqlx::query_as(
            "SELECT content, imported_at FROM indicator_imports WHERE token = ? AND kind = 'areas' AND created_at >= ?",
        )
        .bind(&token)
        .bind(now() - crate::areas::edit::import::STAGED_HOURS * 3600)
        .fetch_optional(&pool)
        .await?;
        let (content, imported_at) = staged.ok_or(EditError::NotFound)?;
        let mut preview = AreaImportPreview {
            token,
            imported: imported_at.is_some(),
            ..Default::default()
        };
        match check(&pool, &String::from_utf8_lossy(&content)).await? {
            Ok((rows, problems)) if !preview.imported => {
                preview.rows = rows;
                preview.problems = problems;
            }
            Ok(_) => {}
            Err(message) => preview.file_error = Some(message),
        }
        Ok(preview)
    }

    /// Creates every area of a staged paste in one transaction, or none when any row has a
    /// problem. Returns how many were created.
    #[server(endpoint = "commit_area_import")]
    pub async fn commit_area_import(token: String) -> Result<usize, EditError> {
        let pool = pool()?;
        let page = format!("{PAGE}/{token}");
        let user = allowed(
            &pool,
            Action::Coordinate,
            "area-import:commit",
            &page,
            &Fields::new(),
        )
        .await?;
        let result = async {
            let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
            let staged: Option<(i64, Vec<u8>, Option<i64>)> = sqlx::query_as(
                "SELECT rowid, content, imported_at FROM indicator_imports WHERE token = ? AND kind = 'areas' AND created_at >= ?",
            )
            .bind(&token)
            .bind(now() - crate::areas::edit::import::STAGED_HOURS * 3600)
            .fetch_optional(&mut *tx)
            .await?;
            let (rowid, content, imported_at) = staged.ok_or(EditError::NotFound)?;
            if imported_at.is_some() {
                return Err(EditError::Conflict);
            }
            let invalid = |message: &str| {
                let mut errors = FieldErrors::default();
                errors.add("csv", message);
                EditError::Invalid(errors)
            };
            let (rows, problems) = check(&pool, &String::from_utf8_lossy(&content))
                .await?
                .map_err(|message| invalid(&message))?;
            if !problems.is_empty() || rows.is_empty() {
                return Err(invalid("Het bestand bevat fouten; er is geen enkel gebied aangemaakt. Verbeter de regels uit het overzicht en plak ze opnieuw."));
            }
            for row in &rows {
                let get = |name: &str| row.values.get(name).cloned().unwrap_or_default();
                let coordinate = |name: &str| crate::areas::edit::items::parse_number(&get(name));
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO areas (name, slug, district, area_type, latitude, longitude, phase, activation)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                )
                .bind(get("name"))
                .bind(get("slug"))
                .bind(get("district"))
                .bind(get("area_type"))
                .bind(coordinate("latitude"))
                .bind(coordinate("longitude"))
                .bind(get("phase"))
                .bind(get("activation"))
                .fetch_one(&mut *tx)
                .await?;
                let after = serde_json::json!(row.values);
                record(&mut tx, &user, AuditAction::Create, "area", id, None, Some(&after)).await?;
            }
            sqlx::query("UPDATE indicator_imports SET imported_at = ? WHERE rowid = ?")
                .bind(now())
                .bind(rowid)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(rows.len())
        }
        .await;
        if crate::accounts::guard::is_plain_form_post() {
            leptos_axum::redirect(&page);
        }
        result
    }
}

pub mod pages {
    use super::api::*;
    use super::*;
    use crate::editing::form::{errors_for, FormMessage, LongText};
    use crate::editing::ui::EditRefused;
    use leptos::prelude::*;
    use leptos_meta::Title;
    use leptos_router::hooks::{use_params_map, use_query_map};

    /// `/gebieden/import`: paste the CSV.
    #[component]
    pub fn AreaImportPage() -> impl IntoView {
        let query = use_query_map();
        let stage = ServerAction::<StageAreaImport>::new();
        let returned = Resource::new_blocking(
            move || query.read().get("concept"),
            |concept| crate::programme::districts::api::load_districts(concept),
        );
        view! {
            <Title text="Gebieden importeren"/>
            <nav aria-label="Kruimelpad" class="breadcrumb"><a href="/beheer">"Beheer"</a>" › "<span aria-current="page">"Gebieden importeren"</span></nav>
            <h1>"Gebieden importeren"</h1>
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    let edit = match returned.await {
                        Ok(edit) => edit,
                        Err(error) => return view! { <EditRefused error/> }.into_any(),
                    };
                    let back = edit.returned.clone().filter(|r| r.form == "area-import:new");
                    let errors = errors_for(stage, back.clone(), "area-import:new".to_string());
                    let typed = back.and_then(|r| r.values.get("csv").cloned()).unwrap_or_default();
                    let districts = edit.districts.iter().map(|d| d.name.clone()).collect::<Vec<_>>().join(", ");
                    view! {
                        <p class="lead">"Plak de regels uit een spreadsheet of CSV-bestand: op de eerste regel de kolomnamen, daaronder één gebied per regel. U ziet eerst een controle per regel; pas daarna worden de gebieden aangemaakt — allemaal of geen."</p>
                        <p>"Kolommen: "<strong>"naam, stadsdeel, type"</strong>" (verplicht), "<strong>"lat, lon, fase, activatie"</strong>" (mogen leeg). Scheidingsteken puntkomma, komma of tab. Type, fase en activatie als code of als Nederlandse naam (Winkelstraat, Opbouw, Veel energie)."</p>
                        <p>{if districts.is_empty() { "Er zijn nog geen stadsdelen; voeg die eerst toe bij Beheer › Stadsdelen.".to_string() } else { format!("Stadsdelen: {districts}.") }}</p>
                        <pre class="example">"naam;stadsdeel;type;lat;lon;fase;activatie\nOude Markt;Noord;Winkelstraat;52,0907;5,1214;Opbouw;Veel energie"</pre>
                        <ActionForm action=stage attr:class="form" attr:id="area-import-new">
                            <FormMessage action=stage errors/>
                            <LongText form="area-import:new" name="csv" label="De regels" value=typed errors rows=12/>
                            <div class="form__actions"><button type="submit" class="button--primary">"Controleren"</button></div>
                        </ActionForm>
                    }.into_any()
                })}
            </Suspense>
        }
    }

    /// `/gebieden/import/{token}`: the check per row, then create all.
    #[component]
    pub fn AreaImportPreviewPage() -> impl IntoView {
        let params = use_params_map();
        let commit = ServerAction::<CommitAreaImport>::new();
        let preview = Resource::new_blocking(
            move || {
                (
                    params.read().get("token").unwrap_or_default(),
                    commit.version().get(),
                )
            },
            |(token, _)| preview_area_import(token),
        );
        view! {
            <Title text="Gebieden importeren: controle"/>
            <nav aria-label="Kruimelpad" class="breadcrumb"><a href="/beheer">"Beheer"</a>" › "<a href=PAGE>"Gebieden importeren"</a>" › "<span aria-current="page">"Controle"</span></nav>
            <h1>"Gebieden importeren: controle"</h1>
            <Suspense fallback=|| view! { <p aria-busy="true">"Controleren…"</p> }>
                {move || Suspend::new(async move {
                    let preview = match preview.await {
                        Ok(preview) => preview,
                        Err(error) => return view! { <EditRefused error/> }.into_any(),
                    };
                    let importable = preview.importable();
                    let commit_error = move || match commit.value().get() {
                        Some(Err(EditError::Invalid(e))) => e.get("csv").cloned(),
                        Some(Err(other)) => Some(other.to_string()),
                        _ => None,
                    };
                    let status = if preview.imported {
                        view! { <div class="notice notice--ok" role="status"><p><strong>"De gebieden zijn aangemaakt."</strong>" "<a href="/gebieden">"Naar de gebieden"</a></p></div> }.into_any()
                    } else if let Some(error) = preview.file_error.clone() {
                        view! { <div class="notice notice--error" role="alert"><p>{error}</p><p><a href=PAGE>"Opnieuw plakken"</a></p></div> }.into_any()
                    } else if !preview.problems.is_empty() {
                        view! { <div class="notice notice--error" role="alert"><p><strong>{format!("{} regel(s) met een fout. ", preview.problems.len())}</strong>"Er wordt geen enkel gebied aangemaakt zolang er fouten zijn. Verbeter de regels en plak ze opnieuw."</p><p><a href=PAGE>"Opnieuw plakken"</a></p></div> }.into_any()
                    } else {
                        view! { <div class="notice notice--ok" role="status"><p>{format!("Alle {} regels zijn in orde.", preview.rows.len())}</p></div> }.into_any()
                    };
                    let token = preview.token.clone();
                    let create_label = format!("Maak alle {} gebieden aan", preview.rows.len());
                    view! {
                        {status}
                        {move || commit_error().map(|m| view! { <div class="notice notice--error" role="alert"><p>{m}</p></div> })}
                        {(!preview.problems.is_empty()).then(|| view! {
                            <table class="problems">
                                <caption>"Fouten per regel"</caption>
                                <thead><tr><th scope="col" class="numeric">"Regel"</th><th scope="col">"Probleem"</th></tr></thead>
                                <tbody>{preview.problems.iter().map(|(line, message)| view! {
                                    <tr><th scope="row" class="numeric">{*line}</th><td>{message.clone()}</td></tr>
                                }).collect_view()}</tbody>
                            </table>
                        })}
                        {importable.then(|| view! {
                            <ActionForm action=commit attr:class="form">
                                <input type="hidden" name="token" value=token.clone()/>
                                <div class="form__actions">
                                    <button type="submit" class="button--primary">{create_label}</button>
                                    <a href=PAGE>"Annuleren"</a>
                                </div>
                            </ActionForm>
                        })}
                        {(!preview.rows.is_empty()).then(|| view! {
                            <table>
                                <caption>"Gebieden die worden aangemaakt"</caption>
                                <thead><tr><th scope="col" class="numeric">"Regel"</th><th scope="col">"Naam"</th><th scope="col">"Webadres"</th><th scope="col">"Stadsdeel"</th><th scope="col">"Type"</th></tr></thead>
                                <tbody>{preview.rows.iter().map(|row| {
                                    let get = |k: &str| row.values.get(k).cloned().unwrap_or_default();
                                    let kind = AreaType::from_code(&get("area_type")).map(|t| t.label()).unwrap_or("");
                                    view! { <tr><th scope="row" class="numeric">{row.line}</th><td>{get("name")}</td><td>{format!("/gebieden/{}", get("slug"))}</td><td>{get("district")}</td><td>{kind}</td></tr> }
                                }).collect_view()}</tbody>
                            </table>
                        })}
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
    fn every_row_is_checked_and_named() {
        let districts = vec!["Noord".to_string(), "Zuid".to_string()];
        let text = "naam;stadsdeel;type;lat;lon;fase;activatie\n\
                    Oude Markt;noord;Winkelstraat;52,09;5,12;Opbouw;Veel energie\n\
                    Zuiderpoort;Zuid;district_centre;;;;\n\
                    Bestaat;Oost;wijkcentrum;;;;\n\
                    Oude Markt;Noord;Winkelstraat;;;;\n";
        let (rows, problems) = plan(text, &districts, &|slug| slug == "bestaat").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].values["district"], "Noord");
        assert_eq!(rows[0].values["area_type"], "shopping_street");
        assert_eq!(rows[0].values["phase"], "build_up");
        assert_eq!(rows[0].values["activation"], "energetic");
        assert_eq!(
            rows[1].values["phase"], "build_up",
            "an empty phase gets the default"
        );
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].0, 4);
        assert!(
            problems[0]
                .1
                .contains("stadsdeel: Kies een stadsdeel uit de lijst."),
            "{problems:?}"
        );
        assert!(problems[0]
            .1
            .contains("Er is al een gebied met dit webadres"));
        assert!(problems[1].1.contains("staat al eerder in het bestand"));
        assert!(plan("naam;type\nX;winkelstraat", &districts, &|_| false)
            .unwrap_err()
            .contains("stadsdeel"));
    }
}
