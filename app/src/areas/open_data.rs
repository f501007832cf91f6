//! Open data at `/open-data`: every published indicator value as a long CSV with its CSV on
//! the Web (W3C CSVW) description, the areas as GeoJSON, and a DCAT-AP-NL style catalogue
//! entry. Published means: areas that are not archived, indicators in use and shown on the
//! profile. Nothing about people is in any of it.
//!
//! The files are plain HTTP routes (`server/src/areas.rs`); this module builds their bodies
//! and holds the page that explains them and the coordinators' settings form.

use crate::editing::form::{Fields, Returned};
use crate::editing::{EditError, FieldErrors};
use serde::{Deserialize, Serialize};

coded_enum!(
    /// How often the figures are brought up to date.
    Frequency {
        Monthly = "monthly" => "Maandelijks",
        Quarterly = "quarterly" => "Elk kwartaal",
        Annual = "annual" => "Jaarlijks",
        Irregular = "irregular" => "Onregelmatig",
    }
);

impl Frequency {
    /// The EU vocabulary term DCAT-AP uses for `dct:accrualPeriodicity`.
    pub fn eu_uri(self) -> &'static str {
        match self {
            Frequency::Monthly => {
                "http://publications.europa.eu/resource/authority/frequency/MONTHLY"
            }
            Frequency::Quarterly => {
                "http://publications.europa.eu/resource/authority/frequency/QUARTERLY"
            }
            Frequency::Annual => {
                "http://publications.europa.eu/resource/authority/frequency/ANNUAL"
            }
            Frequency::Irregular => {
                "http://publications.europa.eu/resource/authority/frequency/IRREG"
            }
        }
    }
}

/// What the coordinators say about the data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenDataSettings {
    pub publisher: String,
    pub contact_email: String,
    pub licence_name: String,
    pub licence_url: String,
    pub update_frequency: Frequency,
}

/// One column of `indicatoren.csv`: its name, its description, and its CSVW datatype.
pub struct Column {
    pub name: &'static str,
    pub title: &'static str,
    /// `string`, `number`, or `period` (a string `YYYY` or `YYYY-MM`).
    pub datatype: &'static str,
    pub required: bool,
}

/// The columns of the long CSV, in order; the CSV header and the CSVW description are both
/// made from this list.
pub const COLUMNS: &[Column] = &[
    Column {
        name: "gebied_code",
        title: "Code van het gebied (als in de adresbalk)",
        datatype: "string",
        required: true,
    },
    Column {
        name: "gebied_naam",
        title: "Naam van het gebied",
        datatype: "string",
        required: true,
    },
    Column {
        name: "gebied_type",
        title: "Type gebied",
        datatype: "string",
        required: true,
    },
    Column {
        name: "stadsdeel",
        title: "Stadsdeel",
        datatype: "string",
        required: true,
    },
    Column {
        name: "indicator_code",
        title: "Code van de indicator",
        datatype: "string",
        required: true,
    },
    Column {
        name: "indicator_naam",
        title: "Naam van de indicator",
        datatype: "string",
        required: true,
    },
    Column {
        name: "periode",
        title: "Periode (ISO 8601: jaar of jaar-maand)",
        datatype: "period",
        required: true,
    },
    Column {
        name: "waarde",
        title: "Waarde (punt als decimaalteken)",
        datatype: "number",
        required: true,
    },
    Column {
        name: "eenheid",
        title: "Eenheid",
        datatype: "string",
        required: false,
    },
    Column {
        name: "bron",
        title: "Bron",
        datatype: "string",
        required: false,
    },
];

/// The pattern a period matches, as the CSVW description declares it.
pub const PERIOD_FORMAT: &str = "^[0-9]{4}(-(0[1-9]|1[0-2]))?$";

/// The file names under `/open-data/`.
pub const CSV_FILE: &str = "indicatoren.csv";
pub const CSVW_FILE: &str = "indicatoren.csv-metadata.json";
pub const GEOJSON_FILE: &str = "gebieden.geojson";
pub const CATALOGUE_FILE: &str = "catalogus.jsonld";

/// What the open data page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenDataFacts {
    pub settings: OpenDataSettings,
    pub values: i64,
    pub areas: i64,
    pub indicators: i64,
    /// When figures last changed (ISO date-time).
    pub modified: String,
}

/// Checks the settings form; returns the settings when they are right.
pub fn validate(fields: &Fields) -> (FieldErrors, Option<OpenDataSettings>) {
    let get = |name: &str| fields.get(name).map(|v| v.trim()).unwrap_or("");
    let mut errors = FieldErrors::default();
    let publisher = get("publisher");
    if publisher.is_empty() || publisher.chars().count() > 200 {
        errors.add(
            "publisher",
            "Vul de naam van de uitgever in (hoogstens 200 tekens).",
        );
    }
    let contact = get("contact_email");
    if !contact.is_empty()
        && (!contact.contains('@') || contact.contains(char::is_whitespace) || contact.len() > 200)
    {
        errors.add(
            "contact_email",
            "Vul een geldig e-mailadres in, of laat het veld leeg.",
        );
    }
    let licence_name = get("licence_name");
    if licence_name.is_empty() || licence_name.chars().count() > 100 {
        errors.add(
            "licence_name",
            "Vul de naam van de licentie in, zoals CC BY 4.0.",
        );
    }
    let licence_url = get("licence_url");
    if !(licence_url.starts_with("https://") || licence_url.starts_with("http://"))
        || licence_url.contains(char::is_whitespace)
        || licence_url.len() > 300
    {
        errors.add(
            "licence_url",
            "Vul het webadres van de licentietekst in, beginnend met https://.",
        );
    }
    let frequency = Frequency::from_code(get("update_frequency"));
    if frequency.is_none() {
        errors.add(
            "update_frequency",
            "Kies hoe vaak de cijfers worden bijgewerkt.",
        );
    }
    let settings = frequency
        .filter(|_| errors.is_empty())
        .map(|update_frequency| OpenDataSettings {
            publisher: publisher.to_string(),
            contact_email: contact.to_string(),
            licence_name: licence_name.to_string(),
            licence_url: licence_url.to_string(),
            update_frequency,
        });
    (errors, settings)
}

/// One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(feature = "ssr")]
pub mod db {
    use super::*;
    use serde_json::{json, Value};
    use sqlx::SqlitePool;

    /// Values of live areas, of indicators in use that the profile shows.
    const PUBLISHED: &str = "a.archived_at IS NULL AND d.retired_at IS NULL AND d.on_profile = 1";

    pub async fn settings(pool: &SqlitePool) -> Result<OpenDataSettings, sqlx::Error> {
        let (publisher, contact_email, licence_name, licence_url, frequency): (
            String,
            String,
            String,
            String,
            String,
        ) = sqlx::query_as(
            "SELECT publisher, contact_email, licence_name, licence_url, update_frequency
             FROM open_data_settings WHERE id = 1",
        )
        .fetch_one(pool)
        .await?;
        Ok(OpenDataSettings {
            publisher,
            contact_email,
            licence_name,
            licence_url,
            update_frequency: Frequency::from_code(&frequency).unwrap_or(Frequency::Irregular),
        })
    }

    pub async fn overview(pool: &SqlitePool) -> Result<OpenDataFacts, sqlx::Error> {
        let (values, areas, indicators): (i64, i64, i64) = sqlx::query_as(&format!(
            "SELECT count(*), count(DISTINCT v.area_id), count(DISTINCT v.indicator_key)
             FROM indicator_values v JOIN areas a ON a.id = v.area_id
             JOIN indicator_definitions d ON d.key = v.indicator_key WHERE {PUBLISHED}"
        ))
        .fetch_one(pool)
        .await?;
        Ok(OpenDataFacts {
            settings: settings(pool).await?,
            values,
            areas,
            indicators,
            modified: modified(pool).await?,
        })
    }

    /// When figures or areas last changed.
    pub async fn modified(pool: &SqlitePool) -> Result<String, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT max(changed_at) FROM (
                 SELECT changed_at FROM data_changes WHERE name = 'indicator_values'
                 UNION ALL SELECT max(updated_at) FROM areas)",
        )
        .fetch_one(pool)
        .await
    }

    /// `indicatoren.csv`: one row per published value, columns as in [`COLUMNS`].
    pub async fn indicators_csv(pool: &SqlitePool) -> Result<String, sqlx::Error> {
        type Row = (
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            f64,
            String,
            String,
        );
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT a.slug, a.name, a.area_type, a.district, d.key, d.label, v.period, v.value,
                    d.unit, v.source
             FROM indicator_values v
             JOIN areas a ON a.id = v.area_id
             JOIN indicator_definitions d ON d.key = v.indicator_key
             WHERE {PUBLISHED}
             ORDER BY a.slug, d.position, d.key, v.period"
        ))
        .fetch_all(pool)
        .await?;
        let mut out = String::with_capacity(64 + rows.len() * 96);
        let header: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
        out.push_str(&header.join(","));
        out.push_str("\r\n");
        for (slug, name, area_type, district, key, label, period, value, unit, source) in rows {
            let area_type = crate::areas::AreaType::from_code(&area_type)
                .map(|t| t.label().to_string())
                .unwrap_or(area_type);
            let fields = [
                slug,
                name,
                area_type,
                district,
                key,
                label,
                period,
                // Rust writes the shortest text that reads back as the same number, with a
                // dot and without exponent: what CSVW's "number" expects.
                value.to_string(),
                unit,
                source,
            ];
            let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
        Ok(out)
    }

    /// `indicatoren.csv-metadata.json`: the CSVW table description of the CSV.
    pub fn csvw(settings: &OpenDataSettings, base: &str) -> Value {
        let columns: Vec<Value> = COLUMNS
            .iter()
            .map(|c| {
                let datatype = match c.datatype {
                    "number" => json!("number"),
                    "period" => json!({ "base": "string", "format": PERIOD_FORMAT }),
                    _ => json!("string"),
                };
                json!({
                    "name": c.name,
                    "titles": c.name,
                    "dc:description": c.title,
                    "datatype": datatype,
                    "required": c.required,
                })
            })
            .collect();
        json!({
            "@context": ["http://www.w3.org/ns/csvw", { "@language": "nl" }],
            "url": format!("{base}/open-data/{CSV_FILE}"),
            "dc:title": "Indicatoren van de kerngebieden",
            "dc:publisher": settings.publisher,
            "dc:license": { "@id": settings.licence_url },
            "dialect": { "delimiter": ",", "header": true, "encoding": "utf-8" },
            "tableSchema": {
                "columns": columns,
                "primaryKey": ["gebied_code", "indicator_code", "periode"],
            },
        })
    }

    /// `gebieden.geojson`: live areas with a location as points, with their identity and
    /// latest key figures as properties (`{code}` and `{code}_periode`).
    pub async fn areas_geojson(pool: &SqlitePool, base: &str) -> Result<Value, sqlx::Error> {
        let areas: Vec<(i64, String, String, String, String, String, f64, f64)> = sqlx::query_as(
            "SELECT id, slug, name, area_type, district, phase, latitude, longitude FROM areas
             WHERE archived_at IS NULL AND latitude IS NOT NULL AND longitude IS NOT NULL
             ORDER BY slug",
        )
        .fetch_all(pool)
        .await?;
        let summaries = crate::areas::db::area_summaries(pool).await?;
        let features: Vec<Value> = areas
            .into_iter()
            .map(
                |(id, slug, name, area_type, district, phase, latitude, longitude)| {
                    let mut properties = serde_json::Map::new();
                    properties.insert("code".into(), json!(slug));
                    properties.insert("naam".into(), json!(name));
                    properties.insert(
                        "type".into(),
                        json!(crate::areas::AreaType::from_code(&area_type).map(|t| t.label())),
                    );
                    properties.insert("stadsdeel".into(), json!(district));
                    properties.insert(
                        "fase".into(),
                        json!(crate::areas::Phase::from_code(&phase).map(|p| p.label())),
                    );
                    properties.insert("profiel".into(), json!(format!("{base}/gebieden/{slug}")));
                    if let Some(summary) = summaries.iter().find(|s| s.id == id) {
                        for value in &summary.key_values {
                            properties.insert(value.key.clone(), json!(value.value));
                            properties
                                .insert(format!("{}_periode", value.key), json!(value.period));
                        }
                    }
                    json!({
                        "type": "Feature",
                        "id": slug,
                        "geometry": { "type": "Point", "coordinates": [longitude, latitude] },
                        "properties": properties,
                    })
                },
            )
            .collect();
        Ok(json!({ "type": "FeatureCollection", "features": features }))
    }

    /// `catalogus.jsonld`: the dataset described in DCAT (the terms DCAT-AP-NL asks for).
    pub async fn catalogue(pool: &SqlitePool, base: &str) -> Result<Value, sqlx::Error> {
        let settings = settings(pool).await?;
        let modified = modified(pool).await?;
        let distribution = |file: &str, title: &str, media: &str, format: &str| {
            json!({
                "@id": format!("{base}/open-data/{file}"),
                "@type": "dcat:Distribution",
                "dct:title": { "@value": title, "@language": "nl" },
                "dcat:accessURL": { "@id": format!("{base}/open-data") },
                "dcat:downloadURL": { "@id": format!("{base}/open-data/{file}") },
                "dcat:mediaType": { "@id": format!("https://www.iana.org/assignments/media-types/{media}") },
                "dct:format": { "@id": format!("http://publications.europa.eu/resource/authority/file-type/{format}") },
                "dct:license": { "@id": settings.licence_url },
            })
        };
        let mut contact = json!({
            "@type": "vcard:Organization",
            "vcard:fn": settings.publisher,
        });
        if !settings.contact_email.is_empty() {
            contact["vcard:hasEmail"] =
                json!({ "@id": format!("mailto:{}", settings.contact_email) });
        }
        Ok(json!({
            "@context": {
                "dcat": "http://www.w3.org/ns/dcat#",
                "dct": "http://purl.org/dc/terms/",
                "foaf": "http://xmlns.com/foaf/0.1/",
                "vcard": "http://www.w3.org/2006/vcard/ns#",
                "xsd": "http://www.w3.org/2001/XMLSchema#",
            },
            "@id": format!("{base}/open-data#dataset"),
            "@type": "dcat:Dataset",
            "dct:identifier": format!("{base}/open-data"),
            "dct:title": { "@value": "Cijfers van de vitale kerngebieden", "@language": "nl" },
            "dct:description": {
                "@value": "Indicatoren per kerngebied door de tijd (leegstand, verkooppunten, passanten, waardering en branchering), met de gebieden als punten op de kaart.",
                "@language": "nl",
            },
            "dcat:keyword": ["leegstand", "winkelgebieden", "kerngebieden", "passanten", "detailhandel"],
            "dct:language": { "@id": "http://publications.europa.eu/resource/authority/language/NLD" },
            "dct:publisher": { "@type": "foaf:Agent", "foaf:name": settings.publisher },
            "dcat:contactPoint": contact,
            "dct:license": { "@id": settings.licence_url },
            "dct:accrualPeriodicity": { "@id": settings.update_frequency.eu_uri() },
            "dct:modified": { "@value": modified, "@type": "xsd:dateTime" },
            "dcat:landingPage": { "@id": format!("{base}/open-data") },
            "dcat:distribution": [
                distribution(CSV_FILE, "Alle indicatoren (CSV, lang formaat)", "text/csv", "CSV"),
                distribution(CSVW_FILE, "Beschrijving van de CSV (CSV on the Web)", "application/csvm+json", "JSON"),
                distribution(GEOJSON_FILE, "Gebieden met hun kerncijfers (GeoJSON)", "application/geo+json", "GEOJSON"),
            ],
        }))
    }
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

    /// What `/open-data` shows: the settings and how much is published.
    #[server(endpoint = "open_data_overview")]
    pub async fn open_data_overview() -> Result<OpenDataFacts, EditError> {
        let pool = pool()?;
        Ok(db::overview(&pool).await?)
    }

    /// The settings form's data (coordinators).
    #[server(endpoint = "load_open_data_settings")]
    pub async fn load_open_data_settings(
        #[server(default)] concept: Option<String>,
    ) -> Result<(OpenDataSettings, Option<Returned>), EditError> {
        coordinator()?;
        let pool = pool()?;
        let returned = returned(&pool, &concept, "open-data").await?;
        Ok((db::settings(&pool).await?, returned))
    }

    #[server(endpoint = "save_open_data_settings")]
    pub async fn save_open_data_settings(
        #[server(default)] fields: Fields,
    ) -> Result<(), EditError> {
        let pool = pool()?;
        let values = clean(
            fields,
            &[
                "publisher",
                "contact_email",
                "licence_name",
                "licence_url",
                "update_frequency",
            ],
        );
        let page = "/beheer/open-data";
        let user = allowed(&pool, Action::Coordinate, "open-data", page, &values).await?;
        let (errors, settings) = validate(&values);
        let Some(settings) = settings else {
            return Err(refuse(&pool, "open-data", page, &values, errors).await);
        };
        let before = db::settings(&pool).await?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query(
            "UPDATE open_data_settings SET publisher = ?, contact_email = ?, licence_name = ?,
                    licence_url = ?, update_frequency = ?, version = version + 1 WHERE id = 1",
        )
        .bind(&settings.publisher)
        .bind(&settings.contact_email)
        .bind(&settings.licence_name)
        .bind(&settings.licence_url)
        .bind(settings.update_frequency.code())
        .execute(&mut *tx)
        .await?;
        record(
            &mut tx,
            &user,
            AuditAction::Update,
            "open_data_settings",
            1,
            Some(&before),
            Some(&settings),
        )
        .await?;
        tx.commit().await?;
        done(&format!("{page}?gelukt=1"));
        Ok(())
    }
}

pub mod pages {
    use super::api::*;
    use super::*;
    use crate::editing::form::{errors_for, shown, Field, FormMessage};
    use leptos::prelude::*;
    use leptos_meta::Title;
    use leptos_router::hooks::use_query_map;

    /// `/open-data`: what is published, under which licence, and the files.
    #[component]
    pub fn OpenDataPage() -> impl IntoView {
        let overview = Resource::new(|| (), |_| open_data_overview());
        view! {
            <Title text="Open data"/>
            <h1>"Open data"</h1>
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    match overview.await {
                        Ok(overview) => view! { <OpenDataView overview/> }.into_any(),
                        Err(error) => {
                            crate::ui::layout::set_status(503);
                            view! { <crate::ui::notice::ErrorNotice message=error.to_string()/> }.into_any()
                        }
                    }
                })}
            </Suspense>
        }
    }

    /// "1 waarde", "12.345 waarden".
    fn counted(n: i64, one: &str, many: &str) -> String {
        let noun = if n == 1 { one } else { many };
        format!("{} {noun}", crate::areas::format_number(n as f64, 0))
    }

    #[component]
    fn OpenDataView(overview: OpenDataFacts) -> impl IntoView {
        let OpenDataFacts {
            settings,
            values,
            areas,
            indicators,
            modified,
        } = overview;
        let modified_date = crate::ui::format::dutch_date(modified.get(..10).unwrap_or(&modified));
        let file = |name: &str| format!("/open-data/{name}");
        view! {
            <p class="lead">
                "De cijfers van alle kerngebieden in het programma zijn open data: iedereen mag ze gebruiken, ook voor eigen analyses, kaarten en apps, onder de licentie hieronder."
            </p>
            <dl class="facts">
                <div><dt>"Licentie"</dt><dd><a href=settings.licence_url.clone() rel="license">{settings.licence_name.clone()}</a></dd></div>
                <div><dt>"Uitgever"</dt><dd>{settings.publisher.clone()}</dd></div>
                <div><dt>"Bijgewerkt"</dt><dd>{settings.update_frequency.label()}</dd></div>
                <div><dt>"Laatst gewijzigd"</dt><dd>{modified_date}</dd></div>
            </dl>
            <p>{format!(
                "Nu gepubliceerd: {} van {} in {}.",
                counted(values, "waarde", "waarden"),
                counted(indicators, "indicator", "indicatoren"),
                counted(areas, "gebied", "gebieden")
            )}</p>
            {(!settings.contact_email.is_empty()).then(|| {
                let href = format!("mailto:{}", settings.contact_email);
                view! { <p>"Vragen over de data: " <a href=href>{settings.contact_email.clone()}</a></p> }
            })}
            <h2>"Bestanden"</h2>
            <ul class="open-data-files">
                <li>
                    <a href=file(CSV_FILE) download="" rel="external">"Alle indicatoren (CSV)"</a>
                    ": één regel per waarde — gebied (code, naam, type, stadsdeel), indicator (code, naam), periode (2025 of 2025-03), waarde met een punt als decimaalteken, eenheid en bron. Komma-gescheiden, UTF-8."
                </li>
                <li>
                    <a href=file(CSVW_FILE) rel="external">"Beschrijving van de CSV (CSV on the Web)"</a>
                    ": de kolommen met hun betekenis en datatype, volgens de W3C-standaard, voor wie de CSV automatisch inleest."
                </li>
                <li>
                    <a href=file(GEOJSON_FILE) rel="external">"De gebieden (GeoJSON)"</a>
                    ": de gebieden met een ligging als punten, met naam, type, stadsdeel en de laatste kerncijfers. Opent in QGIS en andere kaartprogramma’s."
                </li>
                <li>
                    <a href=file(CATALOGUE_FILE) rel="external">"Catalogusbeschrijving (DCAT, JSON-LD)"</a>
                    ": voor dataportalen zoals data.overheid.nl."
                </li>
            </ul>
            <h2>"Wat er wel en niet in staat"</h2>
            <p>"Alleen wat ook op de gebiedsprofielen staat: de cijfers van gebieden die meedoen aan het programma. Gearchiveerde gebieden, indicatoren die niet meer worden gebruikt en gegevens over personen (contactpersonen, aanmeldingen, het activatielogboek) staan er niet in."</p>
        }
    }

    /// `/beheer/open-data`: the coordinators set publisher, contact, licence and frequency.
    #[component]
    pub fn OpenDataSettingsPage() -> impl IntoView {
        let query = use_query_map();
        let save = ServerAction::<SaveOpenDataSettings>::new();
        let data = Resource::new_blocking(
            move || (query.read().get("concept"), save.version().get()),
            |(concept, _)| load_open_data_settings(concept),
        );
        let saved = move || query.read().get("gelukt").is_some();
        view! {
            <Title text="Open data instellen"/>
            <nav aria-label="Kruimelpad" class="breadcrumb"><a href="/beheer">"Beheer"</a>" › "<span aria-current="page">"Open data"</span></nav>
            <h1>"Open data instellen"</h1>
            <p>"Wat de pagina " <a href="/open-data">"Open data"</a> " en de catalogusbeschrijving over de cijfers zeggen."</p>
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    let (settings, returned) = match data.await {
                        Ok(data) => data,
                        Err(error) => return view! { <crate::editing::ui::EditRefused error/> }.into_any(),
                    };
                    let errors = errors_for(save, returned.clone(), "open-data".to_string());
                    let kept = returned.clone();
                    let value = move |field: &str, stored: &str| shown(&kept, "open-data", field, stored);
                    let frequency = value("update_frequency", settings.update_frequency.code());
                    let ok = move || (saved() || matches!(save.value().get(), Some(Ok(())))).then(|| view! {
                        <div class="notice notice--ok" role="status"><p>"De instellingen zijn opgeslagen."</p></div>
                    });
                    view! {
                        {ok}
                        <ActionForm action=save attr:class="form" attr:id="open-data">
                            <FormMessage action=save errors/>
                            <Field form="open-data" name="publisher" label="Uitgever" value=value("publisher", &settings.publisher) errors required=true/>
                            <Field form="open-data" name="contact_email" label="Contactadres voor vragen (mag leeg)" kind="email" value=value("contact_email", &settings.contact_email) errors/>
                            <Field form="open-data" name="licence_name" label="Licentie" value=value("licence_name", &settings.licence_name) errors required=true/>
                            <Field form="open-data" name="licence_url" label="Webadres van de licentietekst" kind="url" value=value("licence_url", &settings.licence_url) errors required=true/>
                            <div class="field">
                                <label for="open-data-update_frequency">"Hoe vaak worden de cijfers bijgewerkt?"</label>
                                <select id="open-data-update_frequency" name="fields[update_frequency]">
                                    {Frequency::ALL.iter().map(|f| view! {
                                        <option value=f.code() selected=f.code() == frequency>{f.label()}</option>
                                    }).collect_view()}
                                </select>
                                {move || errors.get().get("update_frequency").cloned().map(|m| view! { <p class="field__error">{m}</p> })}
                            </div>
                            <div class="form__actions"><button type="submit">"Opslaan"</button></div>
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

    use crate::editing::form::fields_of as fields;

    #[test]
    fn settings_are_checked() {
        let good = fields(&[
            ("publisher", "Gemeente Utrecht"),
            ("contact_email", ""),
            ("licence_name", "CC0 1.0"),
            (
                "licence_url",
                "https://creativecommons.org/publicdomain/zero/1.0/",
            ),
            ("update_frequency", "monthly"),
        ]);
        let (errors, settings) = validate(&good);
        assert!(errors.is_empty());
        assert_eq!(settings.unwrap().update_frequency, Frequency::Monthly);
        let bad = fields(&[
            ("publisher", " "),
            ("contact_email", "geen adres"),
            ("licence_name", "CC BY"),
            ("licence_url", "javascript:alert(1)"),
            ("update_frequency", "hourly"),
        ]);
        let (errors, settings) = validate(&bad);
        assert!(settings.is_none());
        for field in [
            "publisher",
            "contact_email",
            "licence_url",
            "update_frequency",
        ] {
            assert!(errors.get(field).is_some(), "{field}");
        }
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("Lindenplein"), "Lindenplein");
        assert_eq!(csv_field("Noord, Oost"), "\"Noord, Oost\"");
        assert_eq!(csv_field("de \"Hoek\""), "\"de \"\"Hoek\"\"\"");
    }
}
