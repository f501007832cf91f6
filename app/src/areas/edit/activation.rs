//! Correcting the activation log: a moment's date, kind, summary and agreed actions, or
//! removing a moment (after confirmation). Audited like every change; opgaves made from an
//! action stay (the action's link to them goes with the moment).

#[cfg(feature = "ssr")]
use crate::areas::activation::NewMoment;
use crate::areas::activation::{Moment, MomentKind};
use crate::editing::form::{Fields, Returned};
use crate::editing::EditError;

/// The fields of the correction form: the moment, and per existing action
/// `action_{id}_description`, `…_owner`, `…_due_date` (an emptied description removes it).
pub fn action_field(id: i64, part: &str) -> String {
    format!("action_{id}_{part}")
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
                server::{allowed, done, pool, refuse},
                NOT_CONFIRMED,
            },
            FieldErrors,
        },
    };

    #[cfg(feature = "ssr")]
    async fn moment_of_area(
        pool: &sqlx::SqlitePool,
        slug: &str,
        moment_id: i64,
        form: &str,
        values: &Fields,
    ) -> Result<(i64, crate::accounts::CurrentUser), EditError> {
        let area: Option<i64> = sqlx::query_scalar("SELECT id FROM areas WHERE slug = ?")
            .bind(slug)
            .fetch_optional(pool)
            .await?;
        let area_id = area.unwrap_or(-1);
        let page = format!("/gebieden/{slug}/activatie");
        let user = allowed(pool, Action::EditArea { area_id }, form, &page, values).await?;
        let found: Option<i64> =
            sqlx::query_scalar("SELECT id FROM activation_moments WHERE id = ? AND area_id = ?")
                .bind(moment_id)
                .bind(area_id)
                .fetch_optional(pool)
                .await?;
        found.ok_or(EditError::NotFound)?;
        Ok((area_id, user))
    }

    /// Corrects a moment and its agreed actions.
    #[server(endpoint = "update_activation_moment")]
    pub async fn update_activation_moment(
        slug: String,
        moment_id: i64,
        #[server(default)] fields: Fields,
    ) -> Result<(), EditError> {
        let pool = pool()?;
        let values: Fields = fields
            .into_iter()
            .map(|(k, v)| (k, v.trim().to_string()))
            .collect();
        let form = format!("moment:{moment_id}");
        let page = format!("/gebieden/{slug}/activatie");
        let (_, user) = moment_of_area(&pool, &slug, moment_id, &form, &values).await?;
        let get = |name: &str| values.get(name).cloned().unwrap_or_default();
        let action_ids: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM activation_actions WHERE moment_id = ? ORDER BY id")
                .bind(moment_id)
                .fetch_all(&pool)
                .await?;
        let today: String = sqlx::query_scalar("SELECT date('now')")
            .fetch_one(&pool)
            .await?;
        let moment = NewMoment {
            held_on: get("held_on"),
            kind: get("kind"),
            summary: get("summary"),
            actions: Vec::new(),
        };
        let mut errors = crate::areas::activation::validate_moment(&moment, &today);
        for id in &action_ids {
            let due = get(&action_field(*id, "due_date"));
            if !due.is_empty() && !crate::areas::edit::items::is_date(&due) {
                errors.add(
                    &action_field(*id, "due_date"),
                    "Vul een geldige datum in, zoals 2026-06-30.",
                );
            }
            if get(&action_field(*id, "description")).chars().count() > 500 {
                errors.add(&action_field(*id, "description"), "Hoogstens 500 tekens.");
            }
        }
        if !errors.is_empty() {
            return Err(refuse(&pool, &form, &page, &values, errors).await);
        }
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let before: (String, String, String) =
            sqlx::query_as("SELECT held_on, kind, summary FROM activation_moments WHERE id = ?")
                .bind(moment_id)
                .fetch_one(&mut *tx)
                .await?;
        sqlx::query(
            "UPDATE activation_moments SET held_on = ?, kind = ?, summary = ?, version = version + 1 WHERE id = ?",
        )
        .bind(&moment.held_on)
        .bind(&moment.kind)
        .bind(&moment.summary)
        .bind(moment_id)
        .execute(&mut *tx)
        .await?;
        for id in &action_ids {
            let description = get(&action_field(*id, "description"));
            if description.is_empty() {
                sqlx::query("DELETE FROM activation_actions WHERE id = ?")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            } else {
                let due = Some(get(&action_field(*id, "due_date"))).filter(|d| !d.is_empty());
                sqlx::query("UPDATE activation_actions SET description = ?, owner = ?, due_date = ? WHERE id = ?")
                    .bind(&description)
                    .bind(get(&action_field(*id, "owner")))
                    .bind(due)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let before = serde_json::json!(before);
        let after = serde_json::json!(values);
        record(
            &mut tx,
            &user,
            AuditAction::Update,
            "activation_moment",
            moment_id,
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        done(&format!("{page}#moment-{moment_id}"));
        Ok(())
    }

    /// Removes a moment with its participants and actions, after confirmation.
    #[server(endpoint = "delete_activation_moment")]
    pub async fn delete_activation_moment(
        slug: String,
        moment_id: i64,
        #[server(default)] fields: Fields,
    ) -> Result<(), EditError> {
        let pool = pool()?;
        let form = format!("moment-remove:{moment_id}");
        let page = format!("/gebieden/{slug}/activatie");
        let (_, user) = moment_of_area(&pool, &slug, moment_id, &form, &fields).await?;
        if fields.get("confirm").map(String::as_str) != Some("ja") {
            let mut errors = FieldErrors::default();
            errors.add("confirm", NOT_CONFIRMED);
            return Err(refuse(&pool, &form, &page, &fields, errors).await);
        }
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let before: (String, String, String) =
            sqlx::query_as("SELECT held_on, kind, summary FROM activation_moments WHERE id = ?")
                .bind(moment_id)
                .fetch_one(&mut *tx)
                .await?;
        sqlx::query("DELETE FROM activation_moments WHERE id = ?")
            .bind(moment_id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            &user,
            AuditAction::Delete,
            "activation_moment",
            moment_id,
            Some(&before),
            None,
        )
        .await?;
        tx.commit().await?;
        done(&page);
        Ok(())
    }
}

pub mod pages {
    use super::api::*;
    use super::*;
    use crate::editing::form::{
        anchor, confirm_removal, errors_for, shown, Choice, Field, FormMessage, LongText,
    };
    use leptos::prelude::*;

    /// "Wijzigen" and "Verwijderen" under one moment of the log.
    #[component]
    pub fn MomentEditor(
        slug: String,
        moment: Moment,
        returned: Option<Returned>,
        correct: ServerAction<UpdateActivationMoment>,
        remove: ServerAction<DeleteActivationMoment>,
    ) -> impl IntoView {
        let form = format!("moment:{}", moment.id);
        let remove_form = format!("moment-remove:{}", moment.id);
        let errors = errors_for(correct, returned.clone(), form.clone());
        let remove_errors = errors_for(remove, returned.clone(), remove_form.clone());
        let kinds: Vec<(String, String)> = MomentKind::ALL
            .iter()
            .map(|k| (k.code().into(), k.label().into()))
            .collect();
        let value = |field: &str, stored: &str| shown(&returned, &form, field, stored);
        let (held_on, kind, summary) = (
            value("held_on", &moment.held_on),
            value("kind", moment.kind.code()),
            value("summary", &moment.summary),
        );
        let prefix = anchor(&form);
        let actions = moment
            .actions
            .iter()
            .map(|action| {
                let (d, o, due) = (action_field(action.id, "description"), action_field(action.id, "owner"), action_field(action.id, "due_date"));
                let (d_value, o_value, due_value) = (
                    value(&d, &action.description),
                    value(&o, &action.owner),
                    value(&due, action.due_date.as_deref().unwrap_or("")),
                );
                let (d_id, o_id, due_id) = (format!("{prefix}-{d}"), format!("{prefix}-{o}"), format!("{prefix}-{due}"));
                let (d_for, o_for, due_for) = (d_id.clone(), o_id.clone(), due_id.clone());
                let (d_name, o_name, due_name) = (format!("fields[{d}]"), format!("fields[{o}]"), format!("fields[{due}]"));
                let legend = format!("Afspraak: {}", action.description);
                view! {
                    <fieldset class="field-group">
                        <legend>{legend}</legend>
                        <p class="field__hint">"Maak de beschrijving leeg om de afspraak te schrappen."</p>
                        {move || errors.get().get(&d).cloned().map(|m| view! { <p class="field__error">{m}</p> })}
                        {move || errors.get().get(&due).cloned().map(|m| view! { <p class="field__error">{m}</p> })}
                        <label for=d_for>"Beschrijving"</label>
                        <input id=d_id name=d_name value=d_value/>
                        <label for=o_for>"Trekker"</label>
                        <input id=o_id name=o_name value=o_value/>
                        <label for=due_for>"Deadline"</label>
                        <input type="date" id=due_id name=due_name value=due_value/>
                    </fieldset>
                }
            })
            .collect_view();
        let date = crate::ui::format::dutch_date(&moment.held_on);
        let (edit_summary, remove_summary) = (
            format!("Contactmoment van {date} wijzigen"),
            format!("Contactmoment van {date} verwijderen…"),
        );
        let removal = confirm_removal(
            &remove_form,
            "Het contactmoment, wie erbij waren en de afspraken worden verwijderd. Opgaves die uit een afspraak zijn gemaakt, blijven bestaan.".into(),
            "Ja, verwijder dit contactmoment".into(),
            "Verwijderen".into(),
            remove_errors,
        );
        let (form_id, remove_form_id) = (anchor(&form), anchor(&remove_form));
        let (f1, f2, f3) = (form.clone(), form.clone(), form.clone());
        let (slug1, slug2) = (slug.clone(), slug);
        let id = moment.id;
        let open = !errors.get_untracked().is_empty();
        let remove_open = !remove_errors.get_untracked().is_empty();
        view! {
            <div class="moment-edit">
                <details open=open>
                    <summary>{edit_summary}</summary>
                    <ActionForm action=correct attr:class="form" attr:id=form_id>
                        <FormMessage action=correct errors/>
                        <input type="hidden" name="slug" value=slug1/>
                        <input type="hidden" name="moment_id" value=id/>
                        <Field form=f1 name="held_on" label="Datum" kind="date" value=held_on errors/>
                        <Choice form=f2 name="kind" label="Soort" options=kinds value=kind errors/>
                        <LongText form=f3 name="summary" label="Samenvatting" value=summary errors rows=3/>
                        {actions}
                        <button type="submit">"Wijzigingen opslaan"</button>
                    </ActionForm>
                </details>
                <details class="remove" open=remove_open>
                    <summary>{remove_summary}</summary>
                    <ActionForm action=remove attr:class="form" attr:id=remove_form_id>
                        <input type="hidden" name="slug" value=slug2/>
                        <input type="hidden" name="moment_id" value=id/>
                        {removal}
                    </ActionForm>
                </details>
            </div>
        }
    }
}
