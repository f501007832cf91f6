//! `/beheer/indicatoren`: what is measured. Coordinators add and edit indicator
//! definitions; one no longer measured is retired: its values stay (history, exports), but
//! it is no longer offered for new values nor shown in lists, map and monitor.

use crate::areas::Direction;
use crate::editing::form::{Fields, Returned};
use crate::editing::{EditError, FieldErrors};
use serde::{Deserialize, Serialize};

pub const PAGE: &str = "/beheer/indicatoren";

/// The form's fields besides the key.
pub const FIELDS: &[&str] = &[
    "key",
    "label",
    "unit",
    "decimals",
    "period_kind",
    "direction",
    "default_source",
    "description",
    "is_key",
    "on_profile",
];

coded_enum!(
    /// How often an indicator is measured: its periods are years or months.
    PeriodKind {
        Year = "year" => "Per jaar (2025)",
        Month = "month" => "Per maand (2025-03)",
    }
);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DefinitionEdit {
    pub key: String,
    pub values: Fields,
    pub retired: bool,
    /// How many values are stored for it.
    pub count: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorsEdit {
    pub definitions: Vec<DefinitionEdit>,
    pub returned: Option<Returned>,
}

/// Checks a definition. `key` is `Some((key, taken))` for a new one (keys never change).
pub fn validate(key: Option<(&str, bool)>, values: &Fields) -> FieldErrors {
    let get = |name: &str| values.get(name).map(String::as_str).unwrap_or("");
    let mut errors = FieldErrors::default();
    if let Some((key, taken)) = key {
        let well_formed = (2..=40).contains(&key.len())
            && key.starts_with(|c: char| c.is_ascii_lowercase())
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !well_formed {
            errors.add("key", "De code bestaat uit 2 tot 40 kleine letters, cijfers en _, en begint met een letter, bijvoorbeeld leegstand_wvo.");
        } else if taken {
            errors.add("key", "Er is al een indicator met deze code.");
        }
    }
    if get("label").is_empty() || get("label").chars().count() > 80 {
        errors.add("label", "Vul een naam in van hoogstens 80 tekens.");
    }
    if get("unit").chars().count() > 20 {
        errors.add(
            "unit",
            "De eenheid is te lang: hoogstens 20 tekens (bijvoorbeeld %, aantal, per dag, m²).",
        );
    }
    if !matches!(get("decimals"), "0" | "1" | "2" | "3") {
        errors.add("decimals", "Kies 0, 1, 2 of 3 decimalen.");
    }
    if PeriodKind::from_code(get("period_kind")).is_none() {
        errors.add("period_kind", "Kies per jaar of per maand.");
    }
    if Direction::from_code(get("direction")).is_none() {
        errors.add("direction", "Kies welke kant beter is.");
    }
    if get("default_source").chars().count() > 120 {
        errors.add(
            "default_source",
            "De bron is te lang: hoogstens 120 tekens.",
        );
    }
    if get("description").chars().count() > 500 {
        errors.add("description", "De uitleg is te lang: hoogstens 500 tekens.");
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

    #[cfg(feature = "ssr")]
    #[derive(sqlx::FromRow)]
    struct Row {
        key: String,
        label: String,
        unit: String,
        decimals: i64,
        period_kind: String,
        direction: String,
        default_source: String,
        description: String,
        is_key: bool,
        on_profile: bool,
        retired: bool,
        count: i64,
    }

    #[server(endpoint = "load_indicator_definitions")]
    pub async fn load_indicator_definitions(
        #[server(default)] concept: Option<String>,
    ) -> Result<IndicatorsEdit, EditError> {
        coordinator()?;
        let pool = pool()?;
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT d.key, d.label, d.unit, d.decimals, d.period_kind, d.direction, d.default_source,
                    d.description, d.is_key, d.on_profile, d.retired_at IS NOT NULL AS retired,
                    (SELECT count(*) FROM indicator_values v WHERE v.indicator_key = d.key) AS count
             FROM indicator_definitions d ORDER BY d.retired_at IS NOT NULL, d.position, d.key",
        )
        .fetch_all(&pool)
        .await?;
        let yes = |b: bool| if b { "ja".to_string() } else { String::new() };
        Ok(IndicatorsEdit {
            definitions: rows
                .into_iter()
                .map(|row| DefinitionEdit {
                    values: [
                        ("key", row.key.clone()),
                        ("label", row.label),
                        ("unit", row.unit),
                        ("decimals", row.decimals.to_string()),
                        ("period_kind", row.period_kind),
                        ("direction", row.direction),
                        ("default_source", row.default_source),
                        ("description", row.description),
                        ("is_key", yes(row.is_key)),
                        ("on_profile", yes(row.on_profile)),
                    ]
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect(),
                    key: row.key,
                    retired: row.retired,
                    count: row.count,
                })
                .collect(),
            returned: returned(&pool, &concept, "indicator").await?,
        })
    }

    /// Adds a definition (no `indicator_key`) or changes one; the key never changes.
    #[server(endpoint = "save_indicator_definition")]
    pub async fn save_indicator_definition(
        #[server(default)] indicator_key: Option<String>,
        #[server(default)] fields: Fields,
    ) -> Result<(), EditError> {
        let pool = pool()?;
        let values = clean(fields, FIELDS);
        let indicator_key = indicator_key.filter(|k| !k.is_empty());
        let form = match &indicator_key {
            Some(key) => format!("indicator:{key}"),
            None => "indicator:new".to_string(),
        };
        let user = allowed(&pool, Action::Coordinate, &form, PAGE, &values).await?;
        let get = |name: &str| values.get(name).cloned().unwrap_or_default();
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let before: Option<(String, String, String, i64, String, String, String)> = match &indicator_key {
            Some(key) => Some(
                sqlx::query_as(
                    "SELECT label, unit, direction, decimals, period_kind, default_source, description
                     FROM indicator_definitions WHERE key = ?",
                )
                .bind(key)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(EditError::NotFound)?,
            ),
            None => None,
        };
        let errors = match &indicator_key {
            Some(_) => validate(None, &values),
            None => {
                let taken: bool = sqlx::query_scalar(
                    "SELECT count(*) > 0 FROM indicator_definitions WHERE key = ?",
                )
                .bind(get("key"))
                .fetch_one(&mut *tx)
                .await?;
                validate(Some((&get("key"), taken)), &values)
            }
        };
        if !errors.is_empty() {
            drop(tx);
            return Err(refuse(&pool, &form, PAGE, &values, errors).await);
        }
        let key = indicator_key.clone().unwrap_or_else(|| get("key"));
        if indicator_key.is_none() {
            sqlx::query(
                "INSERT INTO indicator_definitions (key, label, unit, direction, position)
                 VALUES (?, '', '', 'neutral', (SELECT coalesce(max(position), 0) + 1 FROM indicator_definitions))",
            )
            .bind(&key)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "UPDATE indicator_definitions SET label = ?, unit = ?, decimals = ?, period_kind = ?,
                    direction = ?, default_source = ?, description = ?, is_key = ?, on_profile = ?,
                    version = version + 1
             WHERE key = ?",
        )
        .bind(get("label"))
        .bind(get("unit"))
        .bind(get("decimals").parse::<i64>().unwrap_or(0))
        .bind(get("period_kind"))
        .bind(get("direction"))
        .bind(get("default_source"))
        .bind(get("description"))
        .bind(get("is_key") == "ja")
        .bind(get("on_profile") == "ja")
        .bind(&key)
        .execute(&mut *tx)
        .await?;
        let rowid: i64 =
            sqlx::query_scalar("SELECT rowid FROM indicator_definitions WHERE key = ?")
                .bind(&key)
                .fetch_one(&mut *tx)
                .await?;
        let action = if before.is_some() {
            AuditAction::Update
        } else {
            AuditAction::Create
        };
        let before_json = before.map(|b| serde_json::json!(b));
        let after_json = serde_json::json!(values);
        record(
            &mut tx,
            &user,
            action,
            "indicator_definition",
            rowid,
            before_json.as_ref(),
            Some(&after_json),
        )
        .await?;
        tx.commit().await?;
        done(PAGE);
        Ok(())
    }

    /// Retires a definition (`retire=ja`) or brings it back (`retire=nee`).
    #[server(endpoint = "retire_indicator")]
    pub async fn retire_indicator(indicator_key: String, retire: String) -> Result<(), EditError> {
        let pool = pool()?;
        let form = format!("indicator:{indicator_key}");
        let user = allowed(&pool, Action::Coordinate, &form, PAGE, &Fields::new()).await?;
        let retire = retire == "ja";
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let rowid: i64 =
            sqlx::query_scalar("SELECT rowid FROM indicator_definitions WHERE key = ?")
                .bind(&indicator_key)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(EditError::NotFound)?;
        sqlx::query(
            "UPDATE indicator_definitions
             SET retired_at = CASE WHEN ? THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END
             WHERE key = ?",
        )
        .bind(retire)
        .bind(&indicator_key)
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
            "indicator_definition",
            rowid,
            None,
            Some(&indicator_key),
        )
        .await?;
        tx.commit().await?;
        done(PAGE);
        Ok(())
    }
}

pub mod pages {
    use super::api::*;
    use super::*;
    use crate::editing::form::{
        anchor, errors_for, saved_count, shown, Choice, Field, FormMessage, LongText, Tick,
    };
    use crate::editing::ui::EditRefused;
    use leptos::prelude::*;
    use leptos_meta::Title;
    use leptos_router::hooks::use_query_map;

    /// The fields of one definition's form (new or existing).
    fn definition_fields(
        form: String,
        is_new: bool,
        value: impl Fn(&str) -> String,
        errors: Signal<FieldErrors>,
    ) -> impl IntoView {
        let directions: Vec<(String, String)> = Direction::ALL
            .iter()
            .map(|d| (d.code().to_string(), d.label().to_string()))
            .collect();
        let periods: Vec<(String, String)> = PeriodKind::ALL
            .iter()
            .map(|p| (p.code().to_string(), p.label().to_string()))
            .collect();
        let decimals: Vec<(String, String)> =
            (0..=3).map(|n| (n.to_string(), n.to_string())).collect();
        view! {
            {is_new.then(|| view! {
                <Field form=form.clone() name="key" label="Code" hint="Kleine letters, cijfers en _, bijvoorbeeld leegstand_wvo. Staat in CSV-bestanden en verandert nooit." value=value("key") errors required=true/>
            })}
            <Field form=form.clone() name="label" label="Naam" value=value("label") errors required=true/>
            <div class="field-row">
                <Field form=form.clone() name="unit" label="Eenheid" hint="%, aantal, per dag, cijfer, m², …" value=value("unit") errors/>
                <Choice form=form.clone() name="decimals" label="Decimalen" options=decimals value=value("decimals") errors/>
                <Choice form=form.clone() name="period_kind" label="Meetperiode" options=periods value=value("period_kind") errors/>
                <Choice form=form.clone() name="direction" label="Welke kant is beter?" options=directions value=value("direction") errors/>
            </div>
            <Field form=form.clone() name="default_source" label="Standaardbron" hint="Wordt ingevuld bij een nieuwe meting, bijvoorbeeld Locatus." value=value("default_source") errors/>
            <LongText form=form.clone() name="description" label="Uitleg" value=value("description") errors rows=2/>
            <Tick form=form.clone() name="is_key" label="Kerncijfer: tonen in de lijst, op de kaart en in de monitor" checked=value("is_key") == "ja"/>
            <Tick form=form.clone() name="on_profile" label="Tonen op het gebiedsprofiel" checked=value("on_profile") == "ja"/>
        }
    }

    /// `/beheer/indicatoren`
    #[component]
    pub fn IndicatorsPage() -> impl IntoView {
        let query = use_query_map();
        let save = ServerAction::<SaveIndicatorDefinition>::new();
        let retire = ServerAction::<RetireIndicator>::new();
        let saved = saved_count(save);
        let retired = saved_count(retire);
        let data = Resource::new_blocking(
            move || (query.read().get("concept"), saved.get(), retired.get()),
            |(concept, _, _)| load_indicator_definitions(concept),
        );
        view! {
            <Title text="Indicatoren"/>
            <nav aria-label="Kruimelpad" class="breadcrumb"><a href="/beheer">"Beheer"</a>" › "<span aria-current="page">"Indicatoren"</span></nav>
            <h1>"Indicatoren"</h1>
            <p class="lead">"Wat er per gebied gemeten wordt. Een indicator die niet meer gemeten wordt, zet u buiten gebruik: de cijfers blijven bewaard en staan in de downloads, maar nieuwe metingen zijn niet meer mogelijk."</p>
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    let edit = match data.await {
                        Ok(edit) => edit,
                        Err(error) => return view! { <EditRefused error/> }.into_any(),
                    };
                    let returned = edit.returned.clone();
                    let new_form = "indicator:new".to_string();
                    let new_form_id = anchor(&new_form);
                    let new_errors = errors_for(save, returned.clone(), new_form.clone());
                    let new_value = {
                        let returned = returned.clone();
                        let form = new_form.clone();
                        move |name: &str| {
                            let default = match name {
                                "decimals" => "0",
                                "period_kind" => "year",
                                "direction" => "neutral",
                                "on_profile" => "ja",
                                _ => "",
                            };
                            // A new form that came back keeps unticked boxes unticked.
                            match &returned {
                                Some(r) if r.form == form => r.values.get(name).cloned().unwrap_or_default(),
                                _ => default.to_string(),
                            }
                        }
                    };
                    view! {
                        {edit.definitions.is_empty().then(|| view! { <p class="empty-state">"Er zijn nog geen indicatoren. Voeg hieronder de eerste toe."</p> })}
                        {edit.definitions.into_iter().map(|definition| {
                            let form = format!("indicator:{}", definition.key);
                            let form_id = anchor(&form);
                            let errors = errors_for(save, returned.clone(), form.clone());
                            let label = definition.values.get("label").cloned().unwrap_or_default();
                            let heading = if definition.retired { format!("{label} (buiten gebruik)") } else { label.clone() };
                            let value = {
                                let (returned, form, stored) = (returned.clone(), form.clone(), definition.values.clone());
                                move |name: &str| shown(&returned, &form, name, stored.get(name).map(String::as_str).unwrap_or(""))
                            };
                            let heading_id = format!("{form_id}-kop");
                            let labelled_by = heading_id.clone();
                            let meta = format!("Code: {} · {} metingen", definition.key, definition.count);
                            let (key1, key2) = (definition.key.clone(), definition.key.clone());
                            let retired = definition.retired;
                            let retire_label = if retired { format!("{label} weer in gebruik nemen") } else { format!("{label} buiten gebruik zetten") };
                            view! {
                                <section class="setup-card" class:setup-list__item--retired=retired aria-labelledby=labelled_by>
                                    <h2 id=heading_id>{heading}</h2>
                                    <p class="setup-list__meta">{meta}</p>
                                    <details>
                                        <summary>{format!("{label} bewerken")}</summary>
                                        <ActionForm action=save attr:class="form" attr:id=form_id.clone()>
                                            <FormMessage action=save errors/>
                                            <input type="hidden" name="indicator_key" value=key1/>
                                            {definition_fields(form.clone(), false, value, errors)}
                                            <button type="submit">"Opslaan"</button>
                                        </ActionForm>
                                    </details>
                                    <ActionForm action=retire attr:class="inline-form">
                                        <input type="hidden" name="indicator_key" value=key2/>
                                        <input type="hidden" name="retire" value=if retired { "nee" } else { "ja" }/>
                                        <button type="submit" class="button--secondary">
                                            {retire_label}
                                        </button>
                                    </ActionForm>
                                </section>
                            }
                        }).collect_view()}
                        <h2 id="toevoegen">"Indicator toevoegen"</h2>
                        <ActionForm action=save attr:class="form" attr:id=new_form_id.clone()>
                            <FormMessage action=save errors=new_errors/>
                            {definition_fields(new_form.clone(), true, new_value, new_errors)}
                            <div class="form__actions"><button type="submit" class="button--primary">"Indicator toevoegen"</button></div>
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
    fn definitions_are_checked() {
        let good = fields(&[
            ("label", "Leegstand"),
            ("unit", "%"),
            ("decimals", "1"),
            ("period_kind", "year"),
            ("direction", "lower_is_better"),
        ]);
        assert!(validate(Some(("leegstand_wvo", false)), &good).is_empty());
        assert!(validate(Some(("Leegstand", false)), &good)
            .get("key")
            .is_some());
        assert!(validate(Some(("leegstand", true)), &good)
            .get("key")
            .is_some());
        let mut bad = good.clone();
        bad.insert("decimals".into(), "7".into());
        bad.insert("direction".into(), "up".into());
        let errors = validate(None, &bad);
        assert!(errors.get("decimals").is_some());
        assert!(errors.get("direction").is_some());
    }
}
