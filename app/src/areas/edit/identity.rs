//! An area's identity (coordinators): creating one at `/gebieden/nieuw`, and at
//! `/gebieden/{slug}/gegevens` its name, slug, district, type, place on the map, phase
//! and activation; archiving and restoring. A changed slug keeps the old address working
//! (`area_slug_redirects`, followed by the server with a permanent redirect).

use crate::areas::{Activation, AreaType, Phase};
use crate::editing::form::{Fields, Returned};
use crate::editing::{EditError, FieldErrors};
use serde::{Deserialize, Serialize};

pub const FIELDS: &[&str] = &[
    "name",
    "slug",
    "district",
    "area_type",
    "latitude",
    "longitude",
    "phase",
    "activation",
    "story",
    "ambition",
];

/// Paths under `/gebieden/` that are pages, not areas.
pub const RESERVED_SLUGS: &[&str] = &["nieuw", "vergelijk", "kaart", "import"];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IdentityForm {
    /// `None` for a new area.
    pub slug: Option<String>,
    pub version: i64,
    pub values: Fields,
    pub archived: bool,
    pub districts: Vec<String>,
    /// Other areas with coordinates, to place the new one among them on the picker.
    pub others: Vec<(String, f64, f64)>,
    pub returned: Option<Returned>,
}

/// Checks the identity fields. Returns the coordinates when both are given and valid.
pub fn validate(
    values: &Fields,
    districts: &[String],
    slug_taken: bool,
    is_new: bool,
) -> (FieldErrors, Option<(f64, f64)>) {
    use super::items::parse_number;
    let get = |name: &str| values.get(name).map(String::as_str).unwrap_or("");
    let mut errors = FieldErrors::default();
    if get("name").is_empty() || get("name").chars().count() > 80 {
        errors.add(
            "name",
            "Vul de naam van het gebied in, hoogstens 80 tekens.",
        );
    }
    let slug = get("slug");
    if !(2..=80).contains(&slug.len())
        || !slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        || slug.starts_with('-')
        || slug.ends_with('-')
    {
        errors.add("slug", "Het webadres bestaat uit 2 tot 80 kleine letters, cijfers en streepjes, bijvoorbeeld oude-markt.");
    } else if RESERVED_SLUGS.contains(&slug) {
        errors.add(
            "slug",
            format!("‘{slug}’ is al een pagina van Kernpunt; kies een ander webadres."),
        );
    } else if slug_taken {
        errors.add(
            "slug",
            "Er is al een gebied met dit webadres (of had het vroeger); kies een ander.",
        );
    }
    if !districts.iter().any(|d| d == get("district")) {
        if districts.is_empty() {
            errors.add("district", "Er zijn nog geen stadsdelen. Voeg eerst een stadsdeel toe bij Beheer › Stadsdelen.");
        } else {
            errors.add("district", "Kies een stadsdeel uit de lijst.");
        }
    }
    if AreaType::from_code(get("area_type")).is_none() {
        errors.add("area_type", "Kies het soort gebied.");
    }
    if Phase::from_code(get("phase")).is_none() {
        errors.add("phase", "Kies een fase uit de lijst.");
    }
    if Activation::from_code(get("activation")).is_none() {
        errors.add("activation", "Kies een activatie uit de lijst.");
    }
    let mut coordinate = |field: &str, limit: f64, example: &str| -> Option<f64> {
        let text = get(field);
        if text.is_empty() {
            return None;
        }
        match parse_number(text) {
            Some(v) if v.abs() <= limit => Some(v),
            _ => {
                errors.add(
                    field,
                    format!("Vul een getal in tussen −{limit} en {limit}, bijvoorbeeld {example}."),
                );
                None
            }
        }
    };
    let latitude = coordinate("latitude", 90.0, "52,0907");
    let longitude = coordinate("longitude", 180.0, "5,1214");
    if get("latitude").is_empty() != get("longitude").is_empty() {
        let missing = if get("latitude").is_empty() {
            "latitude"
        } else {
            "longitude"
        };
        errors.add(missing, "Vul beide coördinaten in, of geen van beide.");
    }
    if is_new && get("story").chars().count() > super::MAX_STORY {
        errors.add(
            "story",
            format!(
                "Het verhaal is te lang: hoogstens {} tekens.",
                super::MAX_STORY
            ),
        );
    }
    if is_new && get("ambition").chars().count() > super::MAX_AMBITION {
        errors.add(
            "ambition",
            format!(
                "De ambitie is te lang: hoogstens {} tekens.",
                super::MAX_AMBITION
            ),
        );
    }
    (errors, latitude.zip(longitude))
}

/// The frame of the place picker: the known areas' box with a margin, so a click
/// on the drawing can be turned back into coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PickerFrame {
    pub north: f64,
    pub south: f64,
    pub west: f64,
    pub east: f64,
    pub width: f64,
    pub height: f64,
}

impl PickerFrame {
    pub const WIDTH: f64 = 600.0;

    /// `None` without any known place: the first area's coordinates are typed.
    pub fn around(points: &[(f64, f64)]) -> Option<PickerFrame> {
        let first = points.first()?;
        let (mut south, mut north, mut west, mut east) = (first.0, first.0, first.1, first.1);
        for &(lat, lon) in points {
            south = south.min(lat);
            north = north.max(lat);
            west = west.min(lon);
            east = east.max(lon);
        }
        // A quarter of the span around it, and at least about 2 km each way.
        let lat_margin = ((north - south) * 0.25).max(0.02);
        let lon_margin = ((east - west) * 0.25).max(0.03);
        let (south, north) = (south - lat_margin, north + lat_margin);
        let (west, east) = (west - lon_margin, east + lon_margin);
        let kx = ((north + south) / 2.0).to_radians().cos().abs().max(0.01);
        let aspect = (north - south) / ((east - west) * kx);
        Some(PickerFrame {
            north,
            south,
            west,
            east,
            width: Self::WIDTH,
            height: (Self::WIDTH * aspect).clamp(200.0, 900.0),
        })
    }

    pub fn to_drawing(&self, lat: f64, lon: f64) -> (f64, f64) {
        (
            (lon - self.west) / (self.east - self.west) * self.width,
            (self.north - lat) / (self.north - self.south) * self.height,
        )
    }

    pub fn to_coordinates(&self, x: f64, y: f64) -> (f64, f64) {
        (
            self.north - y / self.height * (self.north - self.south),
            self.west + x / self.width * (self.east - self.west),
        )
    }
}

/// Coordinates as typed in the form: Dutch decimal comma, five decimals (about a metre).
pub fn format_coordinate(value: f64) -> String {
    format!("{value:.5}").replace('.', ",")
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
                server::{allowed, clean, coordinator, pool, refuse, returned},
                NOT_CONFIRMED,
            },
        },
    };

    #[cfg(feature = "ssr")]
    fn page(slug: &Option<String>) -> String {
        match slug {
            Some(slug) => format!("/gebieden/{slug}/gegevens"),
            None => "/gebieden/nieuw".to_string(),
        }
    }

    #[server(endpoint = "load_area_identity")]
    pub async fn load_area_identity(
        #[server(default)] slug: Option<String>,
        #[server(default)] concept: Option<String>,
    ) -> Result<IdentityForm, EditError> {
        coordinator()?;
        let pool = pool()?;
        let slug = slug.filter(|s| !s.is_empty());
        let districts = crate::programme::districts::names(&pool).await?;
        let others: Vec<(String, f64, f64)> = sqlx::query_as(
            "SELECT name, latitude, longitude FROM areas
             WHERE latitude IS NOT NULL AND longitude IS NOT NULL AND archived_at IS NULL AND slug IS NOT ?",
        )
        .bind(&slug)
        .fetch_all(&pool)
        .await?;
        let mut form = IdentityForm {
            slug: slug.clone(),
            version: 0,
            values: Fields::new(),
            archived: false,
            districts,
            others,
            returned: returned(&pool, &concept, "area-identity").await?,
        };
        match &slug {
            Some(slug) => {
                #[derive(sqlx::FromRow)]
                struct Row {
                    name: String,
                    district: String,
                    area_type: String,
                    latitude: Option<f64>,
                    longitude: Option<f64>,
                    phase: String,
                    activation: String,
                    version: i64,
                    archived: bool,
                }
                let row: Row = sqlx::query_as(
                    "SELECT name, district, area_type, latitude, longitude, phase, activation, version,
                            archived_at IS NOT NULL AS archived
                     FROM areas WHERE slug = ?",
                )
                .bind(slug)
                .fetch_optional(&pool)
                .await?
                .ok_or(EditError::NotFound)?;
                form.version = row.version;
                form.archived = row.archived;
                form.values = [
                    ("name", row.name),
                    ("slug", slug.clone()),
                    ("district", row.district),
                    ("area_type", row.area_type),
                    (
                        "latitude",
                        row.latitude.map(format_coordinate).unwrap_or_default(),
                    ),
                    (
                        "longitude",
                        row.longitude.map(format_coordinate).unwrap_or_default(),
                    ),
                    ("phase", row.phase),
                    ("activation", row.activation),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
            }
            None => {
                form.values = [
                    ("area_type", "neighbourhood_centre"),
                    ("phase", "build_up"),
                    ("activation", "needs_activation"),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
                if let [only] = form.districts.as_slice() {
                    form.values.insert("district".into(), only.clone());
                }
            }
        }
        if let Some(version) = form
            .returned
            .as_ref()
            .and_then(|r| r.values.get("version"))
            .and_then(|v| v.parse().ok())
        {
            form.version = version;
        }
        Ok(form)
    }

    /// Creates an area (no `original_slug`) or changes an existing one's identity, then
    /// goes to its profile.
    #[server(endpoint = "save_area_identity")]
    pub async fn save_area_identity(
        #[server(default)] original_slug: Option<String>,
        #[server(default)] version: Option<i64>,
        #[server(default)] fields: Fields,
    ) -> Result<(), EditError> {
        let pool = pool()?;
        let original_slug = original_slug.filter(|s| !s.is_empty());
        let is_new = original_slug.is_none();
        let mut values = clean(fields, FIELDS);
        if values.get("slug").is_none_or(|s| s.is_empty()) {
            let proposed =
                crate::library::edit::slugify(values.get("name").map(String::as_str).unwrap_or(""));
            values.insert("slug".into(), proposed);
        }
        if let Some(v) = version {
            values.insert("version".into(), v.to_string());
        }
        let form = match &original_slug {
            Some(slug) => format!("area-identity:{slug}"),
            None => "area-identity:new".to_string(),
        };
        let page = page(&original_slug);
        let user = allowed(&pool, Action::Coordinate, &form, &page, &values).await?;
        let get = |name: &str| values.get(name).cloned().unwrap_or_default();
        let districts = crate::programme::districts::names(&pool).await?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let before: Option<(i64, i64, serde_json::Value)> = match &original_slug {
            Some(slug) => {
                let row: (i64, i64, String, String, String, String, Option<f64>, Option<f64>, String, String) = sqlx::query_as(
                    "SELECT id, version, name, slug, district, area_type, latitude, longitude, phase, activation
                     FROM areas WHERE slug = ?",
                )
                .bind(slug)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(EditError::NotFound)?;
                Some((
                    row.0,
                    row.1,
                    serde_json::json!([row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9]),
                ))
            }
            None => None,
        };
        let own_id = before.as_ref().map(|b| b.0);
        let slug_taken: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM areas WHERE slug = ?1 AND id IS NOT ?2)
                 OR EXISTS (SELECT 1 FROM area_slug_redirects WHERE old_slug = ?1 AND area_id IS NOT ?2)",
        )
        .bind(get("slug"))
        .bind(own_id)
        .fetch_one(&mut *tx)
        .await?;
        let (mut errors, coordinates) = validate(&values, &districts, slug_taken, is_new);
        if let (Some((_, current, _)), Some(version)) = (&before, version) {
            if *current != version && errors.is_empty() {
                errors.add("_form", EditError::Conflict.to_string());
            }
        }
        if !errors.is_empty() {
            drop(tx);
            return Err(refuse(&pool, &form, &page, &values, errors).await);
        }
        let (latitude, longitude) = coordinates.unzip();
        let slug = get("slug");
        let id: i64 = match &before {
            Some((id, _, _)) => {
                sqlx::query(
                    "UPDATE areas SET name = ?, slug = ?, district = ?, area_type = ?, latitude = ?, longitude = ?,
                            phase = ?, activation = ?, version = version + 1,
                            updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                     WHERE id = ?",
                )
                .bind(get("name"))
                .bind(&slug)
                .bind(get("district"))
                .bind(get("area_type"))
                .bind(latitude)
                .bind(longitude)
                .bind(get("phase"))
                .bind(get("activation"))
                .bind(id)
                .execute(&mut *tx)
                .await?;
                *id
            }
            None => {
                sqlx::query_scalar(
                    "INSERT INTO areas (name, slug, district, area_type, latitude, longitude, phase, activation, story, ambition)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                )
                .bind(get("name"))
                .bind(&slug)
                .bind(get("district"))
                .bind(get("area_type"))
                .bind(latitude)
                .bind(longitude)
                .bind(get("phase"))
                .bind(get("activation"))
                .bind(get("story"))
                .bind(get("ambition"))
                .fetch_one(&mut *tx)
                .await?
            }
        };
        if let Some(old) = original_slug.as_ref().filter(|old| **old != slug) {
            // The old address now leads here, also when earlier addresses led to it.
            sqlx::query("DELETE FROM area_slug_redirects WHERE old_slug = ?")
                .bind(&slug)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT OR REPLACE INTO area_slug_redirects (old_slug, area_id) VALUES (?, ?)",
            )
            .bind(old)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        if is_new && !get("story").is_empty() {
            crate::editing::revisions::save_with_baseline(
                &mut tx,
                "area",
                id,
                "story",
                "",
                &get("story"),
                &user,
            )
            .await?;
        }
        let after = serde_json::json!([
            get("name"),
            slug,
            get("district"),
            get("area_type"),
            latitude,
            longitude,
            get("phase"),
            get("activation")
        ]);
        let action = if is_new {
            AuditAction::Create
        } else {
            AuditAction::Update
        };
        record(
            &mut tx,
            &user,
            action,
            "area",
            id,
            before.as_ref().map(|b| &b.2),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        log::info!("area {slug} saved by user {}", user.id);
        leptos_axum::redirect(&format!("/gebieden/{slug}"));
        Ok(())
    }

    /// Archives an area (after confirmation) or restores it (`archive=nee`).
    #[server(endpoint = "archive_area")]
    pub async fn archive_area(
        slug: String,
        archive: String,
        #[server(default)] fields: Fields,
    ) -> Result<(), EditError> {
        let pool = pool()?;
        let values = clean(fields, &["confirm"]);
        let form = format!("area-archive:{slug}");
        let page = format!("/gebieden/{slug}/gegevens");
        let user = allowed(&pool, Action::Coordinate, &form, &page, &values).await?;
        let archive = archive != "nee";
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let id: i64 = sqlx::query_scalar("SELECT id FROM areas WHERE slug = ?")
            .bind(&slug)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(EditError::NotFound)?;
        if archive && values.get("confirm").map(String::as_str) != Some("ja") {
            drop(tx);
            let mut errors = FieldErrors::default();
            errors.add("confirm", "Vink aan dat u het gebied wilt archiveren.");
            let _ = NOT_CONFIRMED;
            return Err(refuse(&pool, &form, &page, &values, errors).await);
        }
        sqlx::query(
            "UPDATE areas SET archived_at = CASE WHEN ? THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END,
                    version = version + 1
             WHERE id = ?",
        )
        .bind(archive)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let (action, after) = if archive {
            (AuditAction::Delete, "archived")
        } else {
            (AuditAction::Restore, "restored")
        };
        record(&mut tx, &user, action, "area", id, None, Some(&after)).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/gebieden/{slug}"));
        Ok(())
    }

    /// The archived areas, for `/beheer/gearchiveerd`.
    #[server(endpoint = "archived_areas")]
    pub async fn archived_areas() -> Result<Vec<(String, String, String)>, EditError> {
        coordinator()?;
        let pool = pool()?;
        Ok(sqlx::query_as(
            "SELECT slug, name, substr(archived_at, 1, 10) FROM areas WHERE archived_at IS NOT NULL
             ORDER BY name COLLATE NOCASE",
        )
        .fetch_all(&pool)
        .await?)
    }
}

pub mod pages {
    use super::api::*;
    use super::*;
    use crate::editing::form::{anchor, errors_for, shown, Choice, Field, FormMessage, LongText};
    use crate::editing::ui::EditRefused;
    use leptos::prelude::*;
    use leptos_meta::Title;
    use leptos_router::hooks::{use_params_map, use_query_map};

    fn options<T: Copy>(
        all: &[T],
        code: fn(T) -> &'static str,
        label: fn(T) -> &'static str,
    ) -> Vec<(String, String)> {
        all.iter()
            .map(|v| (code(*v).to_string(), label(*v).to_string()))
            .collect()
    }

    /// `/gebieden/nieuw`
    #[component]
    pub fn NewAreaPage() -> impl IntoView {
        view! { <IdentityPage is_new=true/> }
    }

    /// `/gebieden/{slug}/gegevens`
    #[component]
    pub fn AreaIdentityPage() -> impl IntoView {
        view! { <IdentityPage is_new=false/> }
    }

    #[component]
    fn IdentityPage(is_new: bool) -> impl IntoView {
        let params = use_params_map();
        let query = use_query_map();
        let data = Resource::new_blocking(
            move || {
                let slug = if is_new {
                    None
                } else {
                    params.read().get("slug")
                };
                (slug, query.read().get("concept"))
            },
            |(slug, concept)| load_area_identity(slug, concept),
        );
        view! {
            <Suspense fallback=|| view! { <p aria-busy="true">"Formulier laden…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(form) => view! { <IdentityFormView form/> }.into_any(),
                        Err(error) => view! { <EditRefused error/> }.into_any(),
                    }
                })}
            </Suspense>
        }
    }

    #[component]
    fn IdentityFormView(form: IdentityForm) -> impl IntoView {
        let save = ServerAction::<SaveAreaIdentity>::new();
        let archive = ServerAction::<ArchiveArea>::new();
        let is_new = form.slug.is_none();
        let key = match &form.slug {
            Some(slug) => format!("area-identity:{slug}"),
            None => "area-identity:new".to_string(),
        };
        let key_id = anchor(&key);
        let archive_key = format!("area-archive:{}", form.slug.clone().unwrap_or_default());
        let archive_key_id = anchor(&archive_key);
        let errors = errors_for(save, form.returned.clone(), key.clone());
        let archive_errors = errors_for(archive, form.returned.clone(), archive_key.clone());
        let value = {
            let (returned, key, stored) = (form.returned.clone(), key.clone(), form.values.clone());
            move |name: &str| {
                shown(
                    &returned,
                    &key,
                    name,
                    stored.get(name).map(String::as_str).unwrap_or(""),
                )
            }
        };
        let name = form.values.get("name").cloned().unwrap_or_default();
        let title = if is_new {
            "Nieuw gebied".to_string()
        } else {
            format!("Gegevens van {name}")
        };
        let districts: Vec<(String, String)> = form
            .districts
            .iter()
            .map(|d| (d.clone(), d.clone()))
            .collect();
        let latitude = RwSignal::new(value("latitude"));
        let longitude = RwSignal::new(value("longitude"));
        let pending = save.pending();
        let profile = form.slug.as_ref().map(|s| format!("/gebieden/{s}"));
        let (slug_hidden, slug_archive) = (form.slug.clone(), form.slug.clone());
        let (version, archived, no_districts, others) = (
            form.version,
            form.archived,
            form.districts.is_empty(),
            form.others.clone(),
        );
        let cancel_href = profile.clone().unwrap_or_else(|| "/gebieden".into());
        let (k1, k2, k3, k4, k5, k6, k7, k8, k9, k10) = (
            key.clone(),
            key.clone(),
            key.clone(),
            key.clone(),
            key.clone(),
            key.clone(),
            key.clone(),
            key.clone(),
            key.clone(),
            key.clone(),
        );
        let (v_name, v_slug, v_district, v_type, v_phase, v_activation, v_story, v_ambition) = (
            value("name"),
            value("slug"),
            value("district"),
            value("area_type"),
            value("phase"),
            value("activation"),
            value("story"),
            value("ambition"),
        );
        let archive_name = name.clone();
        view! {
            <Title text=title.clone()/>
            <nav aria-label="Kruimelpad" class="breadcrumb">
                <a href="/gebieden">"Gebieden"</a>" › "
                {profile.clone().map(|href| view! { <a href=href>{name.clone()}</a>" › " })}
                <span aria-current="page">{if is_new { "Nieuw" } else { "Gegevens" }}</span>
            </nav>
            <h1>{title}</h1>
            {no_districts.then(|| view! {
                <div class="notice notice--warning" role="status"><p>"Er zijn nog geen stadsdelen. "<a href="/beheer/stadsdelen">"Voeg eerst een stadsdeel toe"</a>"; elk gebied ligt in een stadsdeel."</p></div>
            })}
            {archived.then(|| view! { <div class="notice notice--warning" role="status"><p>"Dit gebied is gearchiveerd: het staat niet in de openbare lijst, op de kaart, in de monitor of in de gemiddelden."</p></div> })}
            <ActionForm action=save attr:class="form" attr:id=key_id.clone() attr:novalidate=true>
                <FormMessage action=save errors/>
                {slug_hidden.map(|slug| view! { <input type="hidden" name="original_slug" value=slug/> })}
                {(!is_new).then(|| view! { <input type="hidden" name="version" value=version/> })}
                <Field form=k1 name="name" label="Naam" value=v_name errors required=true/>
                <Field form=k2 name="slug" label="Webadres" hint="Kleine letters, cijfers en streepjes: /gebieden/oude-markt. Leeg laten: gemaakt uit de naam. Een oud webadres blijft doorverwijzen." value=v_slug errors/>
                <div class="field-row">
                    <Choice form=k3 name="district" label="Stadsdeel" options=districts value=v_district errors empty="Kies…"/>
                    <Choice form=k4 name="area_type" label="Soort gebied" options=options(AreaType::ALL, AreaType::code, AreaType::label) value=v_type errors/>
                    <Choice form=k5 name="phase" label="Fase" options=options(Phase::ALL, Phase::code, Phase::label) value=v_phase errors/>
                    <Choice form=k6 name="activation" label="Activatie" options=options(Activation::ALL, Activation::code, Activation::label) value=v_activation errors/>
                </div>
                <fieldset class="field-group">
                    <legend>"Plek op de kaart"</legend>
                    <p class="field__hint">"In graden, met een komma of punt, bijvoorbeeld 52,0907 en 5,1214. Of klik op de kaart hieronder (met JavaScript)."</p>
                    <div class="field-row">
                        <CoordinateInput form=k7 name="latitude" label="Breedtegraad (noord)" value=latitude errors/>
                        <CoordinateInput form=k8 name="longitude" label="Lengtegraad (oost)" value=longitude errors/>
                    </div>
                    <PlacePicker form=key.clone() others latitude longitude/>
                </fieldset>
                {is_new.then(|| view! {
                    <LongText form=k9 name="story" label="Het verhaal (mag later)" hint="Markdown: **vet**, *schuin*, [link](https://…), lijstjes met - ." value=v_story errors rows=8/>
                    <LongText form=k10 name="ambition" label="Ambitie (mag later)" value=v_ambition errors rows=3/>
                })}
                <div class="form__actions">
                    <button type="submit" class="button--primary">
                        {move || if pending.get() { "Bezig met opslaan…" } else if is_new { "Gebied aanmaken" } else { "Opslaan" }}
                    </button>
                    <a href=cancel_href>"Annuleren"</a>
                </div>
            </ActionForm>
            {slug_archive.map(|slug| {
                let name = archive_name.clone();
                view! {
                    <section aria-labelledby="archief-kop" class="danger-zone">
                        <h2 id="archief-kop">{if archived { "Terugzetten" } else { "Archiveren" }}</h2>
                        {if archived {
                            view! {
                                <ActionForm action=archive attr:class="form">
                                    <input type="hidden" name="slug" value=slug.clone()/>
                                    <input type="hidden" name="archive" value="nee"/>
                                    <p>"Terugzetten maakt het gebied weer zichtbaar in de lijst, op de kaart, in de monitor en in de gemiddelden."</p>
                                    <button type="submit" class="button--primary">{format!("{name} terugzetten")}</button>
                                </ActionForm>
                            }.into_any()
                        } else {
                            view! {
                                <details class="remove" open=!archive_errors.get_untracked().is_empty()>
                                    <summary>{format!("{name} archiveren…")}</summary>
                                    <ActionForm action=archive attr:class="form" attr:id=archive_key_id.clone()>
                                        <FormMessage action=archive errors=archive_errors/>
                                        <input type="hidden" name="slug" value=slug.clone()/>
                                        <input type="hidden" name="archive" value="ja"/>
                                        {crate::editing::form::confirm_removal(
                                            &archive_key,
                                            "Een gearchiveerd gebied verdwijnt uit de openbare lijst, de kaart, de monitor en de gemiddelden. Niets wordt verwijderd; u kunt het terugzetten.".into(),
                                            format!("Ja, archiveer {name}"),
                                            "Archiveren".into(),
                                            archive_errors,
                                        )}
                                    </ActionForm>
                                </details>
                            }.into_any()
                        }}
                    </section>
                }
            })}
        }
    }

    /// A coordinate field whose value the place picker can set.
    #[component]
    fn CoordinateInput(
        form: String,
        name: &'static str,
        label: &'static str,
        value: RwSignal<String>,
        errors: Signal<FieldErrors>,
    ) -> impl IntoView {
        let id = format!("{}-{name}", anchor(&form));
        let error_id = format!("{id}-fout");
        let error = move || errors.read().get(name).cloned();
        let error_id_attr = error_id.clone();
        view! {
            <div class="field" class:field--invalid=move || error().is_some()>
                <label for=id.clone()>{label}</label>
                {move || error().map(|m| view! { <p class="field__error" id=error_id.clone()>{m}</p> })}
                <input
                    id=id
                    name=format!("fields[{name}]")
                    type="text"
                    inputmode="decimal"
                    prop:value=move || value.get()
                    value=value.get_untracked()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    aria-invalid=move || error().is_some().then_some("true")
                    aria-describedby=move || error().is_some().then(|| error_id_attr.clone())
                />
            </div>
        }
    }

    /// Click on the drawing of the other areas to place this one. The clicks are handled
    /// by a small coordinators-only script (`place_picker.js`), not by the visitors' WASM;
    /// without JavaScript the drawing stays hidden, as a click could do nothing.
    #[component]
    fn PlacePicker(
        form: String,
        others: Vec<(String, f64, f64)>,
        latitude: RwSignal<String>,
        longitude: RwSignal<String>,
    ) -> impl IntoView {
        let points: Vec<(f64, f64)> = others.iter().map(|(_, lat, lon)| (*lat, *lon)).collect();
        let Some(frame) = PickerFrame::around(&points) else {
            return view! { <p class="field__hint">"Zodra er een gebied met coördinaten is, kunt u hier ook op een kaart klikken."</p> }.into_any();
        };
        let parse = |text: String| crate::areas::edit::items::parse_number(&text);
        let marker = (|| {
            let (lat, lon) = (
                parse(latitude.get_untracked())?,
                parse(longitude.get_untracked())?,
            );
            Some(frame.to_drawing(lat, lon))
        })();
        let others_view = others
            .into_iter()
            .map(|(name, lat, lon)| {
                let (x, y) = frame.to_drawing(lat, lon);
                view! {
                    <g class="picker__other">
                        <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r="5"/>
                        <text x=format!("{:.1}", x + 8.0) y=format!("{:.1}", y + 4.0)>{name}</text>
                    </g>
                }
            })
            .collect_view();
        let field = |name: &str| format!("{}-{name}", anchor(&form));
        view! {
            <div class="picker" hidden=true data-latitude=field("latitude") data-longitude=field("longitude")>
                <p class="field__hint" id="picker-uitleg">"Klik op de plek van het gebied; de andere gebieden staan er grijs bij."</p>
                <svg
                    class="picker__svg"
                    viewBox=format!("0 0 {} {:.0}", frame.width, frame.height)
                    role="img"
                    aria-label="Kaart om de plek van het gebied aan te klikken"
                    aria-describedby="picker-uitleg"
                    data-north=frame.north.to_string()
                    data-south=frame.south.to_string()
                    data-west=frame.west.to_string()
                    data-east=frame.east.to_string()
                    data-width=frame.width.to_string()
                    data-height=frame.height.to_string()
                >
                    <rect class="picker__ground" x="0" y="0" width=frame.width.to_string() height=format!("{:.0}", frame.height)/>
                    {others_view}
                    {marker.map(|(x, y)| view! {
                        <circle class="picker__marker" cx=format!("{x:.1}") cy=format!("{y:.1}") r="8"/>
                    })}
                </svg>
                <script type="module" src=crate::ui::scripts::PLACE_PICKER.href() data-page-script=""></script>
            </div>
        }
        .into_any()
    }

    /// `/beheer/gearchiveerd`
    #[component]
    pub fn ArchivedAreasPage() -> impl IntoView {
        let archive = ServerAction::<ArchiveArea>::new();
        let areas = Resource::new_blocking(|| (), |_| archived_areas());
        view! {
            <Title text="Gearchiveerde gebieden"/>
            <nav aria-label="Kruimelpad" class="breadcrumb"><a href="/beheer">"Beheer"</a>" › "<span aria-current="page">"Gearchiveerde gebieden"</span></nav>
            <h1>"Gearchiveerde gebieden"</h1>
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    match areas.await {
                        Err(error) => view! { <EditRefused error/> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p class="empty-state">"Er zijn geen gearchiveerde gebieden."</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="setup-list">
                                {list.into_iter().map(|(slug, name, on)| view! {
                                    <li class="setup-list__item">
                                        <a href=format!("/gebieden/{slug}")>{name.clone()}</a>
                                        {format!(" — gearchiveerd op {}", crate::ui::format::dutch_date(&on))}
                                        <ActionForm action=archive attr:class="inline-form">
                                            <input type="hidden" name="slug" value=slug/>
                                            <input type="hidden" name="archive" value="nee"/>
                                            <button type="submit" class="button--secondary">{format!("{name} terugzetten")}</button>
                                        </ActionForm>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::editing::form::fields_of as fields;

    fn good() -> Fields {
        fields(&[
            ("name", "Oude Markt"),
            ("slug", "oude-markt"),
            ("district", "Noord"),
            ("area_type", "shopping_street"),
            ("phase", "stable"),
            ("activation", "energetic"),
            ("latitude", "52,0907"),
            ("longitude", "5.1214"),
        ])
    }

    #[test]
    fn identity_is_checked() {
        let districts = vec!["Noord".to_string()];
        let (errors, place) = validate(&good(), &districts, false, true);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(place, Some((52.0907, 5.1214)));
        assert!(validate(&good(), &districts, true, true)
            .0
            .get("slug")
            .is_some());
        let mut bad = good();
        bad.insert("slug".into(), "kaart".into());
        bad.insert("district".into(), "Zuid".into());
        bad.insert("latitude".into(), "152".into());
        bad.insert("longitude".into(), "".into());
        let (errors, place) = validate(&bad, &districts, false, true);
        assert!(errors.get("slug").is_some());
        assert!(errors.get("district").is_some());
        assert!(errors.get("latitude").is_some());
        assert!(errors.get("longitude").is_some());
        assert_eq!(place, None);
    }

    #[test]
    fn the_picker_turns_clicks_back_into_coordinates() {
        assert_eq!(PickerFrame::around(&[]), None);
        let frame = PickerFrame::around(&[(52.09, 5.12), (52.06, 5.16)]).unwrap();
        let (x, y) = frame.to_drawing(52.08, 5.13);
        let (lat, lon) = frame.to_coordinates(x, y);
        assert!((lat - 52.08).abs() < 1e-9 && (lon - 5.13).abs() < 1e-9);
        assert!(x > 0.0 && x < frame.width && y > 0.0 && y < frame.height);
        assert_eq!(format_coordinate(52.08), "52,08000");
    }
}
