//! `/beheer/organisaties`: the organisations that take part in areas — a BIZ or
//! ondernemersfonds (with its term and yearly budget), an association, property owners, the
//! municipality, residents. Which areas they work in, and in what role, is edited per area
//! (`areas::edit::stakeholders`), also by that area's editors.

use crate::areas::edit::items::{is_date, parse_number};
use crate::editing::form::{Fields, Returned};
use crate::editing::{EditError, FieldErrors};
use serde::{Deserialize, Serialize};

pub const PAGE: &str = "/beheer/organisaties";
pub const FIELDS: &[&str] = &[
    "name",
    "kind",
    "website",
    "term_start",
    "term_end",
    "budget",
];

coded_enum!(
    OrganisationKind {
        Biz = "biz" => "BIZ",
        EntrepreneursFund = "entrepreneurs_fund" => "Ondernemersfonds",
        Association = "association" => "Ondernemersvereniging",
        PropertyOwner = "property_owner" => "Vastgoedeigenaar",
        Municipality = "municipality" => "Gemeente",
        Residents = "residents" => "Bewonersorganisatie",
        Other = "other" => "Anders",
    }
);

impl OrganisationKind {
    /// A BIZ and a fund run for a term with a yearly budget.
    pub fn has_term(self) -> bool {
        matches!(self, Self::Biz | Self::EntrepreneursFund)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganisationRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    /// "Lindenplein (ondernemers)", …
    pub areas: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganisationsList {
    pub organisations: Vec<OrganisationRow>,
    pub returned: Option<Returned>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganisationEdit {
    pub id: i64,
    pub version: i64,
    pub values: Fields,
    pub areas: Vec<(String, String, String)>,
    pub returned: Option<Returned>,
}

/// Checks an organisation; returns the budget in whole euros when one was given.
pub fn validate(values: &Fields, name_taken: bool) -> (FieldErrors, Option<i64>) {
    let get = |name: &str| values.get(name).map(String::as_str).unwrap_or("");
    let mut errors = FieldErrors::default();
    if get("name").is_empty() || get("name").chars().count() > 120 {
        errors.add("name", "Vul de naam in, hoogstens 120 tekens.");
    } else if name_taken {
        errors.add("name", "Er is al een organisatie met deze naam.");
    }
    let kind = OrganisationKind::from_code(get("kind"));
    if kind.is_none() {
        errors.add("kind", "Kies wat voor organisatie het is.");
    }
    let website = get("website");
    if !website.is_empty() && !(website.starts_with("https://") || website.starts_with("http://"))
        || website.chars().count() > 300
        || website.contains(char::is_whitespace)
    {
        errors.add(
            "website",
            "Vul een webadres in dat begint met https://, of laat het veld leeg.",
        );
    }
    for (field, label) in [("term_start", "begin"), ("term_end", "einde")] {
        if !get(field).is_empty() && !is_date(get(field)) {
            errors.add(
                field,
                format!("Vul de datum van het {label} in als jjjj-mm-dd, bijvoorbeeld 2025-01-01."),
            );
        }
    }
    if is_date(get("term_start")) && is_date(get("term_end")) && get("term_end") < get("term_start")
    {
        errors.add("term_end", "Het einde van de looptijd ligt vóór het begin.");
    }
    let budget = if get("budget").is_empty() {
        None
    } else {
        match parse_number(get("budget")) {
            Some(v) if v >= 0.0 && v.fract() == 0.0 && v < 1e12 => Some(v as i64),
            _ => {
                errors.add(
                    "budget",
                    "Vul het jaarbudget in hele euro's in, zonder €-teken, bijvoorbeeld 120.000.",
                );
                None
            }
        }
    };
    if kind.is_some_and(|k| !k.has_term())
        && (!get("term_start").is_empty() || !get("term_end").is_empty() || budget.is_some())
    {
        errors.add(
            "kind",
            "Alleen een BIZ of ondernemersfonds heeft een looptijd en jaarbudget. Kies die soort of maak die velden leeg.",
        );
    }
    (errors, budget)
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
                server::{allowed, clean, coordinator, done, pool, refuse, returned},
                NOT_CONFIRMED,
            },
        },
    };

    #[server(endpoint = "list_organisations")]
    pub async fn list_organisations(
        #[server(default)] concept: Option<String>,
    ) -> Result<OrganisationsList, EditError> {
        coordinator()?;
        let pool = pool()?;
        let rows: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(
            "SELECT o.id, o.name, o.kind,
                    (SELECT group_concat(a.name || ' (' || s.role || ')', '|') FROM stakeholders s
                     JOIN areas a ON a.id = s.area_id WHERE s.organisation_id = o.id)
             FROM organisations o ORDER BY o.name COLLATE NOCASE",
        )
        .fetch_all(&pool)
        .await?;
        Ok(OrganisationsList {
            organisations: rows
                .into_iter()
                .map(|(id, name, kind, areas)| OrganisationRow {
                    id,
                    name,
                    kind,
                    areas: areas
                        .map(|a| {
                            a.split('|')
                                .map(|s| {
                                    let mut s = s.to_string();
                                    for role in crate::areas::StakeholderRole::ALL {
                                        s = s.replace(
                                            &format!("({})", role.code()),
                                            &format!("({})", role.label().to_lowercase()),
                                        );
                                    }
                                    s
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                })
                .collect(),
            returned: returned(&pool, &concept, "organisation").await?,
        })
    }

    #[server(endpoint = "load_organisation")]
    pub async fn load_organisation(
        id: i64,
        #[server(default)] concept: Option<String>,
    ) -> Result<OrganisationEdit, EditError> {
        coordinator()?;
        let pool = pool()?;
        type Row = (
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<i64>,
            i64,
        );
        let row: Row = sqlx::query_as(
            "SELECT name, kind, website, term_start, term_end, annual_budget_eur, version
             FROM organisations WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(&pool)
        .await?
        .ok_or(EditError::NotFound)?;
        let areas: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT a.slug, a.name, s.role FROM stakeholders s JOIN areas a ON a.id = s.area_id
             WHERE s.organisation_id = ? ORDER BY a.name",
        )
        .bind(id)
        .fetch_all(&pool)
        .await?;
        let values: Fields = [
            ("name", row.0),
            ("kind", row.1),
            ("website", row.2.unwrap_or_default()),
            ("term_start", row.3.unwrap_or_default()),
            ("term_end", row.4.unwrap_or_default()),
            (
                "budget",
                row.5
                    .map(|b| crate::areas::format_number(b as f64, 0))
                    .unwrap_or_default(),
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let returned = returned(&pool, &concept, &format!("organisation:{id}")).await?;
        Ok(OrganisationEdit {
            id,
            version: returned
                .as_ref()
                .and_then(|r| r.values.get("version"))
                .and_then(|v| v.parse().ok())
                .unwrap_or(row.6),
            values,
            areas,
            returned,
        })
    }

    /// Adds an organisation (no `organisation_id`) or changes one (with the `version` the
    /// edit started from: someone else's change in between is a conflict, not overwritten).
    #[server(endpoint = "save_organisation")]
    pub async fn save_organisation(
        #[server(default)] organisation_id: Option<i64>,
        #[server(default)] version: Option<i64>,
        #[server(default)] fields: Fields,
    ) -> Result<(), EditError> {
        let pool = pool()?;
        let mut values = clean(fields, FIELDS);
        let (form, page) = match organisation_id {
            Some(id) => (format!("organisation:{id}"), format!("{PAGE}/{id}")),
            None => ("organisation:new".to_string(), PAGE.to_string()),
        };
        if let Some(v) = version {
            values.insert("version".into(), v.to_string());
        }
        let user = allowed(&pool, Action::Coordinate, &form, &page, &values).await?;
        let get = |name: &str| values.get(name).cloned().unwrap_or_default();
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let before: Option<(i64, serde_json::Value)> = match organisation_id {
            Some(id) => {
                let row: (
                    i64,
                    String,
                    String,
                    Option<String>,
                    Option<String>,
                    Option<String>,
                    Option<i64>,
                ) = sqlx::query_as(
                    "SELECT version, name, kind, website, term_start, term_end, annual_budget_eur
                     FROM organisations WHERE id = ?",
                )
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(EditError::NotFound)?;
                Some((
                    row.0,
                    serde_json::json!([row.1, row.2, row.3, row.4, row.5, row.6]),
                ))
            }
            None => None,
        };
        let taken: bool = sqlx::query_scalar(
            "SELECT count(*) > 0 FROM organisations WHERE name = ? COLLATE NOCASE AND id IS NOT ?",
        )
        .bind(get("name"))
        .bind(organisation_id)
        .fetch_one(&mut *tx)
        .await?;
        let (mut errors, budget) = validate(&values, taken);
        if let (Some((current, _)), Some(version)) = (&before, version) {
            if *current != version && errors.is_empty() {
                errors.add("_form", EditError::Conflict.to_string());
            }
        }
        if !errors.is_empty() {
            drop(tx);
            return Err(refuse(&pool, &form, &page, &values, errors).await);
        }
        let optional = |name: &str| Some(get(name)).filter(|v| !v.is_empty());
        let id: i64 = match organisation_id {
            Some(id) => {
                sqlx::query(
                    "UPDATE organisations SET name = ?, kind = ?, website = ?, term_start = ?, term_end = ?,
                            annual_budget_eur = ?, version = version + 1 WHERE id = ?",
                )
                .bind(get("name"))
                .bind(get("kind"))
                .bind(optional("website"))
                .bind(optional("term_start"))
                .bind(optional("term_end"))
                .bind(budget)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                id
            }
            None => {
                sqlx::query_scalar(
                    "INSERT INTO organisations (name, kind, website, term_start, term_end, annual_budget_eur)
                     VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                )
                .bind(get("name"))
                .bind(get("kind"))
                .bind(optional("website"))
                .bind(optional("term_start"))
                .bind(optional("term_end"))
                .bind(budget)
                .fetch_one(&mut *tx)
                .await?
            }
        };
        let after = serde_json::json!([
            get("name"),
            get("kind"),
            optional("website"),
            optional("term_start"),
            optional("term_end"),
            budget
        ]);
        let action = if before.is_some() {
            AuditAction::Update
        } else {
            AuditAction::Create
        };
        record(
            &mut tx,
            &user,
            action,
            "organisation",
            id,
            before.as_ref().map(|b| &b.1),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        done(&page);
        Ok(())
    }

    /// Removes an organisation and its links to areas, after confirmation.
    #[server(endpoint = "remove_organisation")]
    pub async fn remove_organisation(
        organisation_id: i64,
        #[server(default)] fields: Fields,
    ) -> Result<(), EditError> {
        let pool = pool()?;
        let values = clean(fields, &["confirm"]);
        let form = format!("organisation-remove:{organisation_id}");
        let page = format!("{PAGE}/{organisation_id}");
        let user = allowed(&pool, Action::Coordinate, &form, &page, &values).await?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let name: String = sqlx::query_scalar("SELECT name FROM organisations WHERE id = ?")
            .bind(organisation_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(EditError::NotFound)?;
        if values.get("confirm").map(String::as_str) != Some("ja") {
            drop(tx);
            let mut errors = FieldErrors::default();
            errors.add("confirm", NOT_CONFIRMED);
            return Err(refuse(&pool, &form, &page, &values, errors).await);
        }
        sqlx::query("DELETE FROM organisations WHERE id = ?")
            .bind(organisation_id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            &user,
            AuditAction::Delete,
            "organisation",
            organisation_id,
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
    use super::*;
    use crate::editing::form::{
        anchor, confirm_removal, errors_for, saved_count, shown, Choice, Field, FormMessage,
    };
    use crate::editing::ui::EditRefused;
    use leptos::prelude::*;
    use leptos_meta::Title;
    use leptos_router::hooks::{use_params_map, use_query_map};

    fn kind_label(code: &str) -> String {
        OrganisationKind::from_code(code)
            .map(|k| k.label().to_string())
            .unwrap_or_default()
    }

    fn organisation_fields(
        form: String,
        value: impl Fn(&str) -> String,
        errors: Signal<FieldErrors>,
    ) -> impl IntoView {
        let kinds: Vec<(String, String)> = OrganisationKind::ALL
            .iter()
            .map(|k| (k.code().to_string(), k.label().to_string()))
            .collect();
        view! {
            <Field form=form.clone() name="name" label="Naam" value=value("name") errors required=true/>
            <Choice form=form.clone() name="kind" label="Soort" options=kinds value=value("kind") errors empty="Kies…"/>
            <Field form=form.clone() name="website" label="Website" kind="url" hint="Begint met https://" value=value("website") errors/>
            <fieldset class="field-group">
                <legend>"Alleen voor een BIZ of ondernemersfonds"</legend>
                <div class="field-row">
                    <Field form=form.clone() name="term_start" label="Looptijd van" kind="date" value=value("term_start") errors/>
                    <Field form=form.clone() name="term_end" label="tot en met" kind="date" value=value("term_end") errors/>
                    <Field form=form.clone() name="budget" label="Jaarbudget (€)" hint="Hele euro's, bijvoorbeeld 120.000" value=value("budget") errors/>
                </div>
            </fieldset>
        }
    }

    /// `/beheer/organisaties`
    #[component]
    pub fn OrganisationsPage() -> impl IntoView {
        let query = use_query_map();
        let save = ServerAction::<SaveOrganisation>::new();
        let saved = saved_count(save);
        let data = Resource::new_blocking(
            move || (query.read().get("concept"), saved.get()),
            |(concept, _)| list_organisations(concept),
        );
        view! {
            <Title text="Organisaties"/>
            <nav aria-label="Kruimelpad" class="breadcrumb"><a href="/beheer">"Beheer"</a>" › "<span aria-current="page">"Organisaties"</span></nav>
            <h1>"Organisaties"</h1>
            <p class="lead">"BIZ, ondernemersfondsen, verenigingen, vastgoedeigenaren en anderen die in de gebieden meedoen. In welk gebied en met welke rol: dat legt u vast bij het gebied (Bewerken › Betrokken organisaties)."</p>
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    let list = match data.await {
                        Ok(list) => list,
                        Err(error) => return view! { <EditRefused error/> }.into_any(),
                    };
                    let form = "organisation:new".to_string();
                    let form_id = anchor(&form);
                    let errors = errors_for(save, list.returned.clone(), form.clone());
                    let value = {
                        let (returned, form) = (list.returned.clone(), form.clone());
                        move |name: &str| shown(&returned, &form, name, "")
                    };
                    view! {
                        {if list.organisations.is_empty() {
                            view! { <p class="empty-state">"Er zijn nog geen organisaties. Voeg hieronder de eerste toe."</p> }.into_any()
                        } else {
                            view! {
                                <table class="table">
                                    <caption class="visually-hidden">"Alle organisaties"</caption>
                                    <thead><tr><th scope="col">"Naam"</th><th scope="col">"Soort"</th><th scope="col">"Gebieden"</th></tr></thead>
                                    <tbody>
                                        {list.organisations.into_iter().map(|o| view! {
                                            <tr>
                                                <th scope="row"><a href=format!("{PAGE}/{}", o.id)>{o.name}</a></th>
                                                <td>{kind_label(&o.kind)}</td>
                                                <td>{if o.areas.is_empty() { "nog geen".to_string() } else { o.areas.join(", ") }}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                        <h2 id="toevoegen">"Organisatie toevoegen"</h2>
                        <ActionForm action=save attr:class="form" attr:id=form_id.clone()>
                            <FormMessage action=save errors/>
                            {organisation_fields(form.clone(), value, errors)}
                            <div class="form__actions"><button type="submit" class="button--primary">"Organisatie toevoegen"</button></div>
                        </ActionForm>
                    }.into_any()
                })}
            </Suspense>
        }
    }

    /// `/beheer/organisaties/{id}`
    #[component]
    pub fn OrganisationPage() -> impl IntoView {
        let params = use_params_map();
        let query = use_query_map();
        let save = ServerAction::<SaveOrganisation>::new();
        let remove = ServerAction::<RemoveOrganisation>::new();
        let saved = saved_count(save);
        let data = Resource::new_blocking(
            move || {
                (
                    params
                        .read()
                        .get("id")
                        .and_then(|id| id.parse::<i64>().ok())
                        .unwrap_or(0),
                    query.read().get("concept"),
                    saved.get(),
                )
            },
            |(id, concept, _)| load_organisation(id, concept),
        );
        view! {
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    let edit = match data.await {
                        Ok(edit) => edit,
                        Err(error) => return view! { <EditRefused error/> }.into_any(),
                    };
                    let form = format!("organisation:{}", edit.id);
                    let form_id = anchor(&form);
                    let remove_form = format!("organisation-remove:{}", edit.id);
                    let remove_form_id = anchor(&remove_form);
                    let errors = errors_for(save, edit.returned.clone(), form.clone());
                    let remove_errors = errors_for(remove, edit.returned.clone(), remove_form.clone());
                    let name = edit.values.get("name").cloned().unwrap_or_default();
                    let value = {
                        let (returned, form, stored) = (edit.returned.clone(), form.clone(), edit.values.clone());
                        move |field: &str| shown(&returned, &form, field, stored.get(field).map(String::as_str).unwrap_or(""))
                    };
                    let warning = if edit.areas.is_empty() {
                        format!("{name} doet in geen enkel gebied mee.")
                    } else {
                        format!("{name} verdwijnt ook uit {} gebieden.", edit.areas.len())
                    };
                    view! {
                        <Title text=name.clone()/>
                        <nav aria-label="Kruimelpad" class="breadcrumb"><a href="/beheer">"Beheer"</a>" › "<a href=PAGE>"Organisaties"</a>" › "<span aria-current="page">{name.clone()}</span></nav>
                        <h1>{name.clone()}</h1>
                        {move || matches!(save.value().get(), Some(Ok(_))).then(|| view! { <p class="notice notice--success" role="status">"Opgeslagen."</p> })}
                        <ActionForm action=save attr:class="form" attr:id=form_id.clone()>
                            <FormMessage action=save errors/>
                            <input type="hidden" name="organisation_id" value=edit.id/>
                            <input type="hidden" name="version" value=edit.version/>
                            {organisation_fields(form.clone(), value, errors)}
                            <div class="form__actions"><button type="submit" class="button--primary">"Opslaan"</button><a href=PAGE>"Terug naar de organisaties"</a></div>
                        </ActionForm>
                        <h2>"Gebieden"</h2>
                        {if edit.areas.is_empty() {
                            view! { <p class="empty-state">"Nog in geen enkel gebied. Koppel de organisatie bij het gebied: Bewerken › Betrokken organisaties."</p> }.into_any()
                        } else {
                            view! { <ul>{edit.areas.into_iter().map(|(slug, area, role)| {
                                let role = crate::areas::StakeholderRole::from_code(&role).map(|r| r.label()).unwrap_or("");
                                view! { <li><a href=format!("/gebieden/{slug}/partijen")>{area}</a>{format!(" ({})", role.to_lowercase())}</li> }
                            }).collect_view()}</ul> }.into_any()
                        }}
                        <details class="remove" open=!remove_errors.get_untracked().is_empty()>
                            <summary>{format!("{name} verwijderen…")}</summary>
                            <ActionForm action=remove attr:class="form" attr:id=remove_form_id.clone()>
                                <FormMessage action=remove errors=remove_errors/>
                                <input type="hidden" name="organisation_id" value=edit.id/>
                                {confirm_removal(&remove_form, warning, format!("Ja, verwijder {name}"), "Verwijderen".into(), remove_errors)}
                            </ActionForm>
                        </details>
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
    fn organisations_are_checked() {
        let (errors, budget) = validate(
            &fields(&[
                ("name", "BIZ Lindenplein"),
                ("kind", "biz"),
                ("term_start", "2024-01-01"),
                ("term_end", "2028-12-31"),
                ("budget", "120.000"),
            ]),
            false,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(budget, Some(120_000));
        let (errors, _) = validate(
            &fields(&[
                ("name", "BIZ"),
                ("kind", "biz"),
                ("term_start", "2028-01-01"),
                ("term_end", "2024-12-31"),
            ]),
            false,
        );
        assert_eq!(
            errors.get("term_end").map(String::as_str),
            Some("Het einde van de looptijd ligt vóór het begin.")
        );
        let (errors, _) = validate(
            &fields(&[("name", "X"), ("kind", "association"), ("budget", "10")]),
            true,
        );
        assert!(errors.get("name").is_some());
        assert!(errors.get("kind").is_some());
        let (errors, _) = validate(
            &fields(&[
                ("name", "X"),
                ("kind", "biz"),
                ("budget", "12,50"),
                ("website", "www.x.nl"),
            ]),
            false,
        );
        assert!(errors.get("budget").is_some());
        assert!(errors.get("website").is_some());
    }
}
