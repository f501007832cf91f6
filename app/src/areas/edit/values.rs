//! On an area's edit page: correcting or deleting one stored indicator value, with a
//! reason that goes into the audit log. City averages follow through the triggers on
//! `indicator_values`; everything derived (lists, monitor, charts) reads from those.

use crate::editing::form::{Fields, Returned};
use crate::editing::{EditError, FieldErrors};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordedValue {
    pub id: i64,
    pub period: String,
    pub value: f64,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValuesEdit {
    pub slug: String,
    /// (key, label) of every indicator with values for this area.
    pub indicators: Vec<(String, String)>,
    pub chosen: Option<crate::areas::IndicatorDefinition>,
    /// The chosen indicator's values, newest first.
    pub values: Vec<RecordedValue>,
    pub returned: Option<Returned>,
}

/// Checks a correction (`deleting`: only the reason and the confirmation count).
pub fn validate(values: &Fields, deleting: bool) -> (FieldErrors, Option<f64>) {
    let get = |name: &str| values.get(name).map(String::as_str).unwrap_or("");
    let mut errors = FieldErrors::default();
    let mut number = None;
    if !deleting {
        number = crate::areas::edit::items::parse_number(get("value"));
        if number.is_none() {
            errors.add("value", "Vul een getal in, zoals 7,5 of 12.500.");
        }
        if get("source").chars().count() > 200 {
            errors.add("source", "De bron mag hoogstens 200 tekens zijn.");
        }
    } else if get("confirm") != "ja" {
        errors.add("confirm", crate::editing::form::NOT_CONFIRMED);
    }
    if get("reason").is_empty() || get("reason").chars().count() > 300 {
        errors.add(
            "reason",
            "Schrijf kort waarom (hoogstens 300 tekens); dit komt in het logboek.",
        );
    }
    (errors, number)
}

pub mod api {
    use super::*;
    use leptos::prelude::*;

    #[cfg(feature = "ssr")]
    use crate::editing::{
        audit::{record, AuditAction},
        form::server::{clean, done, pool, refuse, returned},
    };

    #[server(endpoint = "load_area_values")]
    pub async fn load_area_values(
        slug: String,
        #[server(default)] indicator: Option<String>,
        #[server(default)] concept: Option<String>,
    ) -> Result<ValuesEdit, EditError> {
        let pool = pool()?;
        let (area_id, _) = crate::areas::edit::api::authorize(&pool, &slug).await?;
        let indicators: Vec<(String, String)> = sqlx::query_as(
            "SELECT d.key, d.label FROM indicator_definitions d
             WHERE EXISTS (SELECT 1 FROM indicator_values v WHERE v.area_id = ? AND v.indicator_key = d.key)
             ORDER BY d.position, d.key",
        )
        .bind(area_id)
        .fetch_all(&pool)
        .await?;
        let returned = returned(&pool, &concept, "value").await?;
        // A correction that came back names its indicator, so the same list reopens.
        let indicator = indicator.filter(|k| !k.is_empty()).or_else(|| {
            returned
                .as_ref()
                .and_then(|r| r.values.get("indicator").cloned())
        });
        let chosen = match indicator.filter(|k| indicators.iter().any(|(key, _)| key == k)) {
            Some(key) => crate::areas::db::indicator_definitions_all(&pool)
                .await?
                .into_iter()
                .find(|d| d.key == key),
            None => None,
        };
        let values = match &chosen {
            Some(definition) => sqlx::query_as::<_, (i64, String, f64, String)>(
                "SELECT id, period, value, source FROM indicator_values
                 WHERE area_id = ? AND indicator_key = ? ORDER BY period DESC",
            )
            .bind(area_id)
            .bind(&definition.key)
            .fetch_all(&pool)
            .await?
            .into_iter()
            .map(|(id, period, value, source)| RecordedValue {
                id,
                period,
                value,
                source,
            })
            .collect(),
            None => Vec::new(),
        };
        Ok(ValuesEdit {
            slug,
            indicators,
            chosen,
            values,
            returned,
        })
    }

    /// Corrects one value (`delete` empty) or deletes it (`delete=ja`), with a reason.
    #[server(endpoint = "correct_indicator_value")]
    pub async fn correct_indicator_value(
        slug: String,
        value_id: i64,
        #[server(default)] delete: String,
        #[server(default)] fields: Fields,
    ) -> Result<(), EditError> {
        let pool = pool()?;
        let deleting = delete == "ja";
        let mut values = clean(
            fields,
            &["value", "source", "reason", "confirm", "indicator"],
        );
        let form = if deleting {
            format!("value-delete:{value_id}")
        } else {
            format!("value:{value_id}")
        };
        let page = format!("/gebieden/{slug}/cijfers");
        let (area_id, user) =
            crate::areas::edit::api::allowed_for_area(&pool, &slug, &form, &page, &values).await?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let before: (String, String, f64, String) = sqlx::query_as(
            "SELECT indicator_key, period, value, source FROM indicator_values WHERE id = ? AND area_id = ?",
        )
        .bind(value_id)
        .bind(area_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(EditError::NotFound)?;
        values.insert("indicator".into(), before.0.clone());
        let (errors, number) = validate(&values, deleting);
        if !errors.is_empty() {
            drop(tx);
            let back = format!("{page}?waarden={}", before.0);
            return Err(refuse(&pool, &form, &back, &values, errors).await);
        }
        let reason = values.get("reason").cloned().unwrap_or_default();
        let before_json = serde_json::json!({ "indicator": before.0, "period": before.1, "value": before.2, "source": before.3 });
        if deleting {
            sqlx::query("DELETE FROM indicator_values WHERE id = ?")
                .bind(value_id)
                .execute(&mut *tx)
                .await?;
            let after = serde_json::json!({ "reason": reason });
            record(
                &mut tx,
                &user,
                AuditAction::Delete,
                "indicator_value",
                value_id,
                Some(&before_json),
                Some(&after),
            )
            .await?;
        } else {
            let source = values.get("source").cloned().unwrap_or_default();
            sqlx::query("UPDATE indicator_values SET value = ?, source = ? WHERE id = ?")
                .bind(number)
                .bind(&source)
                .bind(value_id)
                .execute(&mut *tx)
                .await?;
            let after = serde_json::json!({ "indicator": before.0, "period": before.1, "value": number, "source": source, "reason": reason });
            record(
                &mut tx,
                &user,
                AuditAction::Update,
                "indicator_value",
                value_id,
                Some(&before_json),
                Some(&after),
            )
            .await?;
        }
        tx.commit().await?;
        done(&format!("{page}?waarden={}", before.0));
        Ok(())
    }
}

pub mod pages {
    use super::api::*;
    use crate::editing::form::{
        anchor, confirm_removal, errors_for, saved_count, shown, Field, FormMessage,
    };
    use leptos::prelude::*;
    use leptos_meta::Title;
    use leptos_router::hooks::{use_params_map, use_query_map};

    /// `/gebieden/{slug}/cijfers`: pick an indicator, then correct or delete its values.
    /// (A page of its own, not a section of the edit page: a resource nested in that page's
    /// Suspend broke hydration when its content depended on the query.)
    #[component]
    pub fn AreaValuesPage() -> impl IntoView {
        let params = use_params_map();
        let query = use_query_map();
        let correct = ServerAction::<CorrectIndicatorValue>::new();
        let saved = saved_count(correct);
        let data = Resource::new_blocking(
            move || {
                (
                    params.read().get("slug").unwrap_or_default(),
                    query.read().get("waarden"),
                    query.read().get("concept"),
                    saved.get(),
                )
            },
            |(slug, indicator, concept, _)| load_area_values(slug, indicator, concept),
        );
        view! {
            <Title text="Cijfers corrigeren"/>
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    let edit = match data.await {
                        Ok(edit) => edit,
                        Err(error) => return view! { <crate::editing::ui::EditRefused error/> }.into_any(),
                    };
                    let edit_href = format!("/gebieden/{}/bewerken", edit.slug);
                    if edit.indicators.is_empty() {
                        return view! {
                            <h1>"Cijfers corrigeren"</h1>
                            <p class="empty-state">"Dit gebied heeft nog geen cijfers. Voer een meting in op de "<a href=edit_href>"bewerkpagina"</a>" of importeer cijfers bij Beheer › Cijfers importeren."</p>
                        }.into_any();
                    }
                    let returned = edit.returned.clone();
                    let slug = edit.slug.clone();
                    let chosen_key = edit.chosen.as_ref().map(|d| d.key.clone()).unwrap_or_default();
                    view! {
                        <nav aria-label="Kruimelpad" class="breadcrumb"><a href="/gebieden">"Gebieden"</a>" › "<a href=edit_href.clone()>"Bewerken"</a>" › "<span aria-current="page">"Cijfers corrigeren"</span></nav>
                        <h1>"Cijfers corrigeren"</h1>
                        <section id="onderdeel-waarden" aria-label="Waarden">
                            <p>"Een verkeerd ingevoerde of geïmporteerde waarde verbetert of verwijdert u hier. Het stadsgemiddelde en alle grafieken volgen meteen."</p>
                            <form method="get" action=format!("/gebieden/{slug}/cijfers") class="form form--inline">
                                <div class="field">
                                    <label for="waarden-indicator">"Indicator"</label>
                                    <select id="waarden-indicator" name="waarden">
                                        <option value="">"Kies…"</option>
                                        {edit.indicators.iter().map(|(key, label)| view! {
                                            <option value=key.clone() selected=*key == chosen_key>{label.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit" class="button--secondary">"Toon de waarden"</button>
                            </form>
                            {edit.chosen.clone().map(|definition| view! {
                                <h3>{format!("{} ({})", definition.label, if definition.unit.is_empty() { "zonder eenheid".to_string() } else { definition.unit.clone() })}</h3>
                                <ul class="setup-list values-edit">
                                        {edit.values.into_iter().map(|stored| {
                                            let returned = returned.clone();
                                            let slug = slug.clone();
                                            let definition = definition.clone();
                                            let form = format!("value:{}", stored.id);
                                            let form_id = anchor(&form);
                                            let delete_form = format!("value-delete:{}", stored.id);
                                            let delete_form_id = anchor(&delete_form);
                                            let errors = errors_for(correct, returned.clone(), form.clone());
                                            let delete_errors = errors_for(correct, returned.clone(), delete_form.clone());
                                            let shown_value = crate::areas::format_number(stored.value, definition.decimals);
                                            let open = !errors.get_untracked().is_empty();
                                            let delete_open = !delete_errors.get_untracked().is_empty();
                                            let v_value = shown(&returned, &form, "value", &shown_value);
                                            let v_source = shown(&returned, &form, "source", &stored.source);
                                            let v_reason = shown(&returned, &form, "reason", "");
                                            let v_delete_reason = shown(&returned, &delete_form, "reason", "");
                                            let (slug1, slug2) = (slug.clone(), slug.clone());
                                            let id = stored.id;
                                            let line = if stored.source.is_empty() {
                                                format!("{}: {}", stored.period, definition.format(stored.value))
                                            } else {
                                                format!("{}: {} ({})", stored.period, definition.format(stored.value), stored.source)
                                            };
                                            let (correct_summary, delete_summary) = (format!("{} corrigeren", stored.period), format!("{} verwijderen…", stored.period));
                                            let removal = confirm_removal(&delete_form, format!("De waarde van {} wordt verwijderd.", stored.period), format!("Ja, verwijder de waarde van {}", stored.period), "Verwijderen".into(), delete_errors);
                                            let (form1, form2, form3, delete_form1) = (form.clone(), form.clone(), form.clone(), delete_form.clone());
                                            view! {
                                                <li class="setup-list__item">
                                                    <strong class="values-edit__value">{line}</strong>
                                                    <details open=open>
                                                        <summary>{correct_summary}</summary>
                                                        <ActionForm action=correct attr:class="form" attr:id=form_id>
                                                            <FormMessage action=correct errors/>
                                                            <input type="hidden" name="slug" value=slug1/>
                                                            <input type="hidden" name="value_id" value=id/>
                                                            <Field form=form1 name="value" label="Waarde" value=v_value errors/>
                                                            <Field form=form2 name="source" label="Bron" value=v_source errors/>
                                                            <Field form=form3 name="reason" label="Waarom?" value=v_reason errors/>
                                                            <button type="submit">"Correctie opslaan"</button>
                                                        </ActionForm>
                                                    </details>
                                                    <details class="remove" open=delete_open>
                                                        <summary>{delete_summary}</summary>
                                                        <ActionForm action=correct attr:class="form" attr:id=delete_form_id>
                                                            <FormMessage action=correct errors=delete_errors/>
                                                            <input type="hidden" name="slug" value=slug2/>
                                                            <input type="hidden" name="value_id" value=id/>
                                                            <input type="hidden" name="delete" value="ja"/>
                                                            <Field form=delete_form1 name="reason" label="Waarom?" value=v_delete_reason errors=delete_errors/>
                                                            {removal}
                                                        </ActionForm>
                                                    </details>
                                                </li>
                                            }
                                        }).collect_view()}
                                </ul>
                            })}
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

    #[test]
    fn corrections_need_a_number_and_a_reason() {
        let fields = |pairs: &[(&str, &str)]| -> Fields {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let (errors, number) = validate(&fields(&[("value", "7,4"), ("reason", "Tikfout")]), false);
        assert!(errors.is_empty());
        assert_eq!(number, Some(7.4));
        let (errors, _) = validate(&fields(&[("value", "zeven"), ("reason", "")]), false);
        assert!(errors.get("value").is_some() && errors.get("reason").is_some());
        let (errors, _) = validate(&fields(&[("reason", "Dubbel")]), true);
        assert!(errors.get("confirm").is_some());
    }
}
