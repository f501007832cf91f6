//! `/gebieden/{slug}/opgaves/{id}`: tying an opgave to the indicators it should move (which
//! way, optionally a target value and date), and correcting when it started and ended.
//! Coordinators and the area's editors; the profile and the monitor read the result.

use crate::areas::edit::items::{is_date, parse_number};
use crate::areas::outcomes::{Intended, Outcome};
use crate::areas::OpgaveStatus;
use crate::editing::form::{Fields, Returned};
use crate::editing::{EditError, FieldErrors};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpgaveOutcomesEdit {
    pub slug: String,
    pub area_name: String,
    pub opgave_id: i64,
    pub title: String,
    pub status: OpgaveStatus,
    pub started_on: Option<String>,
    pub finished_on: Option<String>,
    pub outcomes: Vec<Outcome>,
    /// Indicators in use: key, label, and the way that counts as better.
    pub indicators: Vec<(String, String, Option<Intended>)>,
    pub returned: Option<Returned>,
}

/// A checked link: indicator key, direction, target value and date.
pub type Link = (String, Intended, Option<f64>, Option<String>);

/// Checks the link form against the indicators in use.
pub fn validate_link(values: &Fields, indicators: &[String]) -> (FieldErrors, Option<Link>) {
    let get = |name: &str| values.get(name).map(|v| v.trim()).unwrap_or("");
    let mut errors = FieldErrors::default();
    let indicator = get("indicator");
    if !indicators.iter().any(|k| k == indicator) {
        errors.add("indicator", "Kies een indicator uit de lijst.");
    }
    let intended = Intended::from_code(get("intended"));
    if intended.is_none() {
        errors.add("intended", "Kies of de indicator omhoog of omlaag moet.");
    }
    let target = match get("target_value") {
        "" => None,
        text => {
            let number = parse_number(text);
            if number.is_none() {
                errors.add(
                    "target_value",
                    "Vul een getal in, zoals 6,5, of laat het veld leeg.",
                );
            }
            number
        }
    };
    let target_date = match get("target_date") {
        "" => None,
        date if is_date(date) => Some(date.to_string()),
        _ => {
            errors.add(
                "target_date",
                "Vul een geldige datum in, zoals 2027-12-31, of laat het veld leeg.",
            );
            None
        }
    };
    if target.is_none() && target_date.is_some() && errors.get("target_value").is_none() {
        errors.add(
            "target_value",
            "Een doeldatum hoort bij een doelwaarde: vul die ook in.",
        );
    }
    let link = intended
        .filter(|_| errors.is_empty())
        .map(|intended| (indicator.to_string(), intended, target, target_date));
    (errors, link)
}

/// Checks corrected start and end dates for an opgave with this status.
pub fn validate_dates(
    values: &Fields,
    status: OpgaveStatus,
) -> (FieldErrors, Option<(Option<String>, Option<String>)>) {
    let get = |name: &str| values.get(name).map(|v| v.trim()).unwrap_or("");
    let mut errors = FieldErrors::default();
    let mut date = |name: &str| match get(name) {
        "" => None,
        text if is_date(text) => Some(text.to_string()),
        _ => {
            errors.add(
                name,
                "Vul een geldige datum in, zoals 2025-03-01, of laat het veld leeg.",
            );
            None
        }
    };
    let started = date("started_on");
    let finished = date("finished_on");
    if finished.is_some() && status != OpgaveStatus::Done {
        errors.add(
            "finished_on",
            "Alleen een afgeronde opgave heeft een einddatum.",
        );
    }
    if let (Some(start), Some(end)) = (&started, &finished) {
        if end < start {
            errors.add("finished_on", "De einddatum ligt vóór de startdatum.");
        }
    }
    if finished.is_some() && started.is_none() {
        errors.add("started_on", "Vul ook in wanneer de opgave begon.");
    }
    let dates = errors.is_empty().then_some((started, finished));
    (errors, dates)
}

pub mod api {
    use super::*;
    use leptos::prelude::*;

    #[cfg(feature = "ssr")]
    use crate::editing::{
        audit::{record, AuditAction},
        form::server::{clean, done, pool, refuse, returned},
    };

    #[cfg(feature = "ssr")]
    fn page(slug: &str, opgave_id: i64) -> String {
        format!("/gebieden/{slug}/opgaves/{opgave_id}")
    }

    /// The area's id and the opgave's status, after the guard allowed the user.
    #[cfg(feature = "ssr")]
    async fn guarded(
        pool: &sqlx::SqlitePool,
        slug: &str,
        opgave_id: i64,
        form: &str,
        values: &Fields,
    ) -> Result<(i64, OpgaveStatus, crate::accounts::CurrentUser), EditError> {
        let (area_id, user) = crate::areas::edit::api::allowed_for_area(
            pool,
            slug,
            form,
            &page(slug, opgave_id),
            values,
        )
        .await?;
        let status: Option<String> =
            sqlx::query_scalar("SELECT status FROM opgaves WHERE id = ? AND area_id = ?")
                .bind(opgave_id)
                .bind(area_id)
                .fetch_optional(pool)
                .await?;
        let status = status
            .as_deref()
            .and_then(OpgaveStatus::from_code)
            .ok_or(EditError::NotFound)?;
        Ok((area_id, status, user))
    }

    #[server(endpoint = "load_opgave_outcomes")]
    pub async fn load_opgave_outcomes(
        slug: String,
        opgave_id: i64,
        #[server(default)] concept: Option<String>,
    ) -> Result<OpgaveOutcomesEdit, EditError> {
        let pool = pool()?;
        let (area_id, _) = crate::areas::edit::api::authorize(&pool, &slug).await?;
        let opgave: Option<(String, String, String, Option<String>, Option<String>)> =
            sqlx::query_as(
                "SELECT a.name, o.title, o.status, o.started_on, o.finished_on
             FROM opgaves o JOIN areas a ON a.id = o.area_id WHERE o.id = ? AND o.area_id = ?",
            )
            .bind(opgave_id)
            .bind(area_id)
            .fetch_optional(&pool)
            .await?;
        let (area_name, title, status, started_on, finished_on) =
            opgave.ok_or(EditError::NotFound)?;
        let outcomes = crate::areas::outcomes::db::links(&pool, Some(area_id))
            .await?
            .into_iter()
            .filter(|link| link.opgave_id == opgave_id)
            .map(|link| link.outcome)
            .collect();
        let indicators = crate::areas::db::indicator_definitions(&pool)
            .await?
            .into_iter()
            .map(|d| {
                let better = match d.direction {
                    crate::areas::Direction::LowerIsBetter => Some(Intended::Decrease),
                    crate::areas::Direction::HigherIsBetter => Some(Intended::Increase),
                    crate::areas::Direction::Neutral => None,
                };
                (d.key, d.label, better)
            })
            .collect();
        Ok(OpgaveOutcomesEdit {
            returned: returned(&pool, &concept, "opgave-").await?,
            status: OpgaveStatus::from_code(&status).ok_or(EditError::NotFound)?,
            slug,
            area_name,
            opgave_id,
            title,
            started_on,
            finished_on,
            outcomes,
            indicators,
        })
    }

    /// Ties the opgave to an indicator, or changes the way or target of an existing tie.
    #[server(endpoint = "link_opgave_indicator")]
    pub async fn link_opgave_indicator(
        slug: String,
        opgave_id: i64,
        #[server(default)] fields: Fields,
    ) -> Result<(), EditError> {
        let pool = pool()?;
        let values = clean(
            fields,
            &["indicator", "intended", "target_value", "target_date"],
        );
        let form = "opgave-link";
        let (_, _, user) = guarded(&pool, &slug, opgave_id, form, &values).await?;
        let in_use: Vec<String> = crate::areas::db::indicator_definitions(&pool)
            .await?
            .into_iter()
            .map(|d| d.key)
            .collect();
        let (errors, link) = validate_link(&values, &in_use);
        let Some((indicator, intended, target, target_date)) = link else {
            return Err(refuse(&pool, form, &page(&slug, opgave_id), &values, errors).await);
        };
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query(
            "INSERT INTO opgave_indicators (opgave_id, indicator_key, intended, target_value, target_date)
             VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (opgave_id, indicator_key) DO UPDATE SET intended = excluded.intended,
                 target_value = excluded.target_value, target_date = excluded.target_date",
        )
        .bind(opgave_id)
        .bind(&indicator)
        .bind(intended.code())
        .bind(target)
        .bind(&target_date)
        .execute(&mut *tx)
        .await?;
        let after = serde_json::json!({ "link": indicator, "intended": intended.code(), "target_value": target, "target_date": target_date });
        record(
            &mut tx,
            &user,
            AuditAction::Update,
            "opgave",
            opgave_id,
            None::<&serde_json::Value>,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        done(&format!("{}?gelukt=koppeling", page(&slug, opgave_id)));
        Ok(())
    }

    /// Unties the opgave from an indicator (the figures stay as they are).
    #[server(endpoint = "unlink_opgave_indicator")]
    pub async fn unlink_opgave_indicator(
        slug: String,
        opgave_id: i64,
        indicator: String,
    ) -> Result<(), EditError> {
        let pool = pool()?;
        let values = Fields::new();
        let (_, _, user) = guarded(&pool, &slug, opgave_id, "opgave-unlink", &values).await?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let removed =
            sqlx::query("DELETE FROM opgave_indicators WHERE opgave_id = ? AND indicator_key = ?")
                .bind(opgave_id)
                .bind(&indicator)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if removed == 0 {
            return Err(EditError::NotFound);
        }
        let before = serde_json::json!({ "link": indicator });
        record(
            &mut tx,
            &user,
            AuditAction::Delete,
            "opgave",
            opgave_id,
            Some(&before),
            None::<&serde_json::Value>,
        )
        .await?;
        tx.commit().await?;
        done(&format!("{}?gelukt=ontkoppeld", page(&slug, opgave_id)));
        Ok(())
    }

    /// Corrects when the opgave started and (if done) ended.
    #[server(endpoint = "set_opgave_dates")]
    pub async fn set_opgave_dates(
        slug: String,
        opgave_id: i64,
        #[server(default)] fields: Fields,
    ) -> Result<(), EditError> {
        let pool = pool()?;
        let values = clean(fields, &["started_on", "finished_on"]);
        let form = "opgave-dates";
        let (_, status, user) = guarded(&pool, &slug, opgave_id, form, &values).await?;
        let (errors, dates) = validate_dates(&values, status);
        let Some((started, finished)) = dates else {
            return Err(refuse(&pool, form, &page(&slug, opgave_id), &values, errors).await);
        };
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let before: (Option<String>, Option<String>) =
            sqlx::query_as("SELECT started_on, finished_on FROM opgaves WHERE id = ?")
                .bind(opgave_id)
                .fetch_one(&mut *tx)
                .await?;
        sqlx::query(
            "UPDATE opgaves SET started_on = ?, finished_on = ?,
                    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
        )
        .bind(&started)
        .bind(&finished)
        .bind(opgave_id)
        .execute(&mut *tx)
        .await?;
        record(
            &mut tx,
            &user,
            AuditAction::Update,
            "opgave",
            opgave_id,
            Some(&before),
            Some(&(started, finished)),
        )
        .await?;
        tx.commit().await?;
        done(&format!("{}?gelukt=looptijd", page(&slug, opgave_id)));
        Ok(())
    }
}

pub mod pages {
    use super::api::*;
    use super::*;
    use crate::editing::form::{errors_for, saved_count, shown, Field, FormMessage};
    use crate::ui::format::dutch_date;
    use leptos::prelude::*;
    use leptos_meta::Title;
    use leptos_router::hooks::{use_params_map, use_query_map};

    #[component]
    pub fn OpgaveOutcomesPage() -> impl IntoView {
        let params = use_params_map();
        let query = use_query_map();
        let link = ServerAction::<LinkOpgaveIndicator>::new();
        let unlink = ServerAction::<UnlinkOpgaveIndicator>::new();
        let dates = ServerAction::<SetOpgaveDates>::new();
        let (linked, unlinked, dated) =
            (saved_count(link), saved_count(unlink), saved_count(dates));
        let data = Resource::new_blocking(
            move || {
                (
                    params.read().get("slug").unwrap_or_default(),
                    params
                        .read()
                        .get("id")
                        .and_then(|id| id.parse::<i64>().ok())
                        .unwrap_or(-1),
                    query.read().get("concept"),
                    (linked.get(), unlinked.get(), dated.get()),
                )
            },
            |(slug, id, concept, _)| load_opgave_outcomes(slug, id, concept),
        );
        let done = move || {
            let from_query = query.read().get("gelukt");
            let message = match from_query.as_deref() {
                Some("koppeling") => Some("De koppeling is opgeslagen."),
                Some("ontkoppeld") => Some("De koppeling is verwijderd."),
                Some("looptijd") => Some("De looptijd is opgeslagen."),
                _ => None,
            };
            message.map(|m| view! { <div class="notice notice--ok" role="status"><p>{m}</p></div> })
        };
        view! {
            <Title text="Opgave: cijfers en looptijd"/>
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    let edit = match data.await {
                        Ok(edit) => edit,
                        Err(error) => return view! { <crate::editing::ui::EditRefused error/> }.into_any(),
                    };
                    let edit_href = format!("/gebieden/{}/bewerken#onderdeel-opgaves", edit.slug);
                    let profile_href = format!("/gebieden/{}", edit.slug);
                    let returned = edit.returned.clone();
                    let link_errors = errors_for(link, returned.clone(), "opgave-link".to_string());
                    let date_errors = errors_for(dates, returned.clone(), "opgave-dates".to_string());
                    let v_started = shown(&returned, "opgave-dates", "started_on", edit.started_on.as_deref().unwrap_or(""));
                    let v_finished = shown(&returned, "opgave-dates", "finished_on", edit.finished_on.as_deref().unwrap_or(""));
                    let v_indicator = shown(&returned, "opgave-link", "indicator", "");
                    let v_intended = shown(&returned, "opgave-link", "intended", "");
                    let v_target = shown(&returned, "opgave-link", "target_value", "");
                    let v_target_date = shown(&returned, "opgave-link", "target_date", "");
                    let (slug1, slug2, slug3) = (edit.slug.clone(), edit.slug.clone(), edit.slug.clone());
                    let id = edit.opgave_id;
                    let status_line = format!(
                        "Status: {}{}{}",
                        edit.status.label(),
                        edit.started_on.as_deref().map(|d| format!(" · gestart {}", dutch_date(d))).unwrap_or_default(),
                        edit.finished_on.as_deref().map(|d| format!(" · afgerond {}", dutch_date(d))).unwrap_or_default(),
                    );
                    let error_of = move |errors: Signal<FieldErrors>, name: &'static str| {
                        move || errors.get().get(name).cloned().map(|m| view! { <p class="field__error">{m}</p> })
                    };
                    view! {
                        <nav aria-label="Kruimelpad" class="breadcrumb">
                            <a href="/gebieden">"Gebieden"</a>" › "
                            <a href=profile_href>{edit.area_name.clone()}</a>" › "
                            <a href=edit_href>"Bewerken"</a>" › "
                            <span aria-current="page">"Opgave"</span>
                        </nav>
                        <h1>{edit.title.clone()}</h1>
                        <p>{status_line}</p>
                        {done}
                        <section aria-labelledby="koppelingen-kop">
                            <h2 id="koppelingen-kop">"Gekoppelde cijfers"</h2>
                            <p>"Welke indicatoren moet deze opgave verbeteren? Het profiel toont dan de waarde van vóór de start en de waarde nu, de grafiek markeert start en einde, en de monitor geeft een signaal als een afgeronde opgave de indicator niet verbeterde."</p>
                            {if edit.outcomes.is_empty() {
                                view! { <p class="empty-state">"Nog niet gekoppeld aan cijfers."</p> }.into_any()
                            } else {
                                view! { <ul class="setup-list">
                                    {edit.outcomes.iter().map(|outcome| {
                                        let slug = slug1.clone();
                                        let key = outcome.indicator_key.clone();
                                        let button = format!("Ontkoppelen: {}", outcome.label);
                                        view! { <li class="setup-list__item">
                                            <span>{outcome.describe()}</span>
                                            <ActionForm action=unlink attr:class="inline-form">
                                                <input type="hidden" name="slug" value=slug/>
                                                <input type="hidden" name="opgave_id" value=id/>
                                                <input type="hidden" name="indicator" value=key/>
                                                <button type="submit" class="button--secondary" aria-label=button>"Ontkoppelen"</button>
                                            </ActionForm>
                                        </li> }
                                    }).collect_view()}
                                </ul> }.into_any()
                            }}
                            <h3>"Koppel een indicator"</h3>
                            <p class="muted">"Een bestaande koppeling met dezelfde indicator wordt aangepast."</p>
                            <ActionForm action=link attr:class="form" attr:id="opgave-link" attr:novalidate=true>
                                <FormMessage action=link errors=link_errors/>
                                <input type="hidden" name="slug" value=slug2/>
                                <input type="hidden" name="opgave_id" value=id/>
                                <div class="field">
                                    <label for="opgave-link-indicator">"Indicator"</label>
                                    <select id="opgave-link-indicator" name="fields[indicator]">
                                        <option value="">"Kies…"</option>
                                        {edit.indicators.iter().map(|(key, label, _)| view! {
                                            <option value=key.clone() selected=*key == v_indicator>{label.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                    {error_of(link_errors, "indicator")}
                                </div>
                                <fieldset class="field">
                                    <legend>"Moet de indicator omhoog of omlaag?"</legend>
                                    {Intended::ALL.iter().map(|way| {
                                        let input_id = format!("opgave-link-intended-{}", way.code());
                                        view! {
                                            <div class="choice">
                                                <input type="radio" id=input_id.clone() name="fields[intended]" value=way.code() checked=v_intended == way.code()/>
                                                <label for=input_id>{way.label()}</label>
                                            </div>
                                        }
                                    }).collect_view()}
                                    {error_of(link_errors, "intended")}
                                </fieldset>
                                <Field form="opgave-link" name="target_value" label="Doelwaarde (mag leeg)" value=v_target errors=link_errors/>
                                <Field form="opgave-link" name="target_date" label="Doel te halen op (jjjj-mm-dd, mag leeg)" value=v_target_date errors=link_errors/>
                                <div class="form__actions"><button type="submit">"Koppeling opslaan"</button></div>
                            </ActionForm>
                        </section>
                        <section aria-labelledby="looptijd-kop">
                            <h2 id="looptijd-kop">"Looptijd"</h2>
                            <p>"Wordt vanzelf ingevuld als de status verandert (in uitvoering: start, afgerond: einde). Corrigeer hier als de opgave eerder begon dan ze in Kernpunt kwam."</p>
                            <ActionForm action=dates attr:class="form" attr:id="opgave-dates" attr:novalidate=true>
                                <FormMessage action=dates errors=date_errors/>
                                <input type="hidden" name="slug" value=slug3/>
                                <input type="hidden" name="opgave_id" value=id/>
                                <Field form="opgave-dates" name="started_on" label="Gestart op (jjjj-mm-dd)" value=v_started errors=date_errors/>
                                <Field form="opgave-dates" name="finished_on" label="Afgerond op (jjjj-mm-dd, alleen als afgerond)" value=v_finished errors=date_errors/>
                                <div class="form__actions"><button type="submit">"Looptijd opslaan"</button></div>
                            </ActionForm>
                        </section>
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
    fn links_need_a_known_indicator_and_a_direction() {
        let known = vec!["vacancy_outlets".to_string()];
        let (errors, link) = validate_link(
            &fields(&[
                ("indicator", "vacancy_outlets"),
                ("intended", "decrease"),
                ("target_value", "6,5"),
                ("target_date", "2027-12-31"),
            ]),
            &known,
        );
        assert!(errors.is_empty());
        assert_eq!(
            link,
            Some((
                "vacancy_outlets".into(),
                Intended::Decrease,
                Some(6.5),
                Some("2027-12-31".into())
            ))
        );
        let (errors, link) = validate_link(
            &fields(&[
                ("indicator", "nonsense"),
                ("intended", "sideways"),
                ("target_value", "veel"),
                ("target_date", "morgen"),
            ]),
            &known,
        );
        assert!(link.is_none());
        for field in ["indicator", "intended", "target_value", "target_date"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        let (errors, _) = validate_link(
            &fields(&[
                ("indicator", "vacancy_outlets"),
                ("intended", "increase"),
                ("target_date", "2027-12-31"),
            ]),
            &known,
        );
        assert!(errors.get("target_value").is_some());
    }

    #[test]
    fn dates_are_checked_against_the_status() {
        let (errors, dates) = validate_dates(
            &fields(&[("started_on", "2024-03-01"), ("finished_on", "2025-06-30")]),
            OpgaveStatus::Done,
        );
        assert!(errors.is_empty());
        assert_eq!(
            dates,
            Some((Some("2024-03-01".into()), Some("2025-06-30".into())))
        );
        let (errors, _) = validate_dates(
            &fields(&[("started_on", "2024-03-01"), ("finished_on", "2025-06-30")]),
            OpgaveStatus::InProgress,
        );
        assert!(errors.get("finished_on").is_some());
        let (errors, _) = validate_dates(
            &fields(&[("started_on", "2025-03-01"), ("finished_on", "2024-06-30")]),
            OpgaveStatus::Done,
        );
        assert!(errors.get("finished_on").is_some());
        let (errors, dates) = validate_dates(&fields(&[]), OpgaveStatus::Open);
        assert!(errors.is_empty());
        assert_eq!(dates, Some((None, None)));
    }
}
