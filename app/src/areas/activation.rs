//! The activation log: the coordinator's own work of activating an area's stakeholders —
//! meetings and contact moments, who took part, and the actions agreed. Only coordinators
//! and the area's editors see it (same guard as editing the area); it is never public.

use super::edit::items::is_date;
use crate::editing::{EditError, FieldErrors};
use serde::{Deserialize, Serialize};

coded_enum!(
    MomentKind {
        Meeting = "meeting" => "Overleg",
        Call = "call" => "Telefoongesprek",
        Visit = "visit" => "Bezoek",
        Email = "email" => "E-mail",
        Event = "event" => "Bijeenkomst",
    }
);

/// How many agreed actions the form offers at once (works without JavaScript).
pub const ACTION_ROWS: usize = 3;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Moment {
    pub id: i64,
    pub held_on: String,
    pub kind: MomentKind,
    pub summary: String,
    pub created_by: String,
    /// "Organisation (role)"
    pub participants: Vec<String>,
    pub actions: Vec<AgreedAction>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgreedAction {
    pub id: i64,
    pub description: String,
    pub owner: String,
    pub due_date: Option<String>,
    pub opgave_id: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivationLog {
    pub slug: String,
    pub area_name: String,
    /// (stakeholder id, "Organisation (role)")
    pub stakeholders: Vec<(i64, String)>,
    pub themes: Vec<(String, String)>,
    pub moments: Vec<Moment>,
    /// A correction form that came back without JavaScript (see `edit::activation`).
    pub returned: Option<crate::editing::form::Returned>,
}

/// A new contact moment as typed in the form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewMoment {
    pub held_on: String,
    pub kind: String,
    pub summary: String,
    /// (description, owner, due date)
    pub actions: Vec<(String, String, String)>,
}

/// Checks a new moment; `today` bounds the date (a moment is recorded after it happened).
pub fn validate_moment(moment: &NewMoment, today: &str) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if !is_date(moment.held_on.trim()) {
        errors.add("held_on", "Vul een geldige datum in, zoals 2026-11-20.");
    } else if moment.held_on.trim() > today {
        errors.add("held_on", "Een contactmoment ligt niet in de toekomst.");
    }
    if MomentKind::from_code(&moment.kind).is_none() {
        errors.add("kind", "Kies een soort contact uit de lijst.");
    }
    let summary = moment.summary.trim();
    if summary.is_empty() || summary.chars().count() > 2000 {
        errors.add(
            "summary",
            "Vat het gesprek kort samen (hoogstens 2000 tekens).",
        );
    }
    for (i, (description, owner, due)) in moment.actions.iter().enumerate() {
        let n = i + 1;
        let empty = description.trim().is_empty();
        if empty && (!owner.trim().is_empty() || !due.trim().is_empty()) {
            errors.add(
                &format!("action_{n}"),
                "Beschrijf de actie, of maak de velden leeg.",
            );
        }
        if description.chars().count() > 300 || owner.chars().count() > 100 {
            errors.add(
                &format!("action_{n}"),
                "De actie is te lang (hoogstens 300 tekens, trekker 100).",
            );
        }
        if !due.trim().is_empty() && !is_date(due.trim()) {
            errors.add(
                &format!("action_{n}"),
                "Vul een geldige deadline in, zoals 2026-12-31.",
            );
        }
    }
    errors
}

pub mod api {
    use super::*;
    use leptos::prelude::*;
    use std::collections::BTreeMap;

    /// The log of one area, for whoever may edit that area.
    #[server(endpoint = "load_activation_log")]
    pub async fn load_activation_log(
        slug: String,
        #[server(default)] concept: Option<String>,
    ) -> Result<ActivationLog, EditError> {
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let (area_id, _) = crate::areas::edit::api::authorize(&pool, &slug).await?;
        let mut log = db::log(&pool, area_id, &slug).await?;
        log.returned = crate::editing::form::server::returned(&pool, &concept, "moment").await?;
        Ok(log)
    }

    /// The latest few moments for the profile page: `None` for everyone who may not see them,
    /// so the public HTML never contains them.
    #[server(endpoint = "recent_activation")]
    pub async fn recent_activation(slug: String) -> Result<Option<Vec<Moment>>, EditError> {
        // Most visitors are not logged in: no query to find out they may not see it.
        if crate::accounts::guard::current_user().is_none() {
            return Ok(None);
        }
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        match crate::areas::edit::api::authorize(&pool, &slug).await {
            Ok((area_id, _)) => {
                let mut log = db::log(&pool, area_id, &slug).await?;
                log.moments.truncate(3);
                Ok(Some(log.moments))
            }
            Err(_) => Ok(None),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[server(endpoint = "add_activation_moment")]
    pub async fn add_activation_moment(
        slug: String,
        held_on: String,
        kind: String,
        summary: String,
        #[server(default)] participants: BTreeMap<String, String>,
        #[server(default)] actions: BTreeMap<String, BTreeMap<String, String>>,
    ) -> Result<(), EditError> {
        use crate::editing::audit::{record, AuditAction};
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let (area_id, user) = crate::areas::edit::api::authorize(&pool, &slug).await?;
        let today: String = sqlx::query_scalar("SELECT date('now')")
            .fetch_one(&pool)
            .await?;
        let field = |n: usize, name: &str| {
            actions
                .get(&n.to_string())
                .and_then(|a| a.get(name))
                .cloned()
                .unwrap_or_default()
        };
        let moment = NewMoment {
            held_on: held_on.trim().to_string(),
            kind,
            summary,
            actions: (1..=ACTION_ROWS)
                .map(|n| {
                    (
                        field(n, "description"),
                        field(n, "owner"),
                        field(n, "due_date"),
                    )
                })
                .collect(),
        };
        let mut errors = validate_moment(&moment, &today);
        // Only stakeholders of this area can take part.
        let known: Vec<i64> = sqlx::query_scalar("SELECT id FROM stakeholders WHERE area_id = ?")
            .bind(area_id)
            .fetch_all(&pool)
            .await?;
        let mut chosen = Vec::new();
        for key in participants.keys() {
            match key.parse::<i64>() {
                Ok(id) if known.contains(&id) => chosen.push(id),
                _ => errors.add("participants", "Kies partijen uit de lijst van dit gebied."),
            }
        }
        if !errors.is_empty() {
            if crate::accounts::guard::is_plain_form_post() {
                leptos_axum::redirect(&format!("/gebieden/{slug}/activatie?fout=1"));
            }
            return Err(EditError::Invalid(errors));
        }
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO activation_moments (area_id, held_on, kind, summary, created_by)
             VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(area_id)
        .bind(&moment.held_on)
        .bind(&moment.kind)
        .bind(moment.summary.trim())
        .bind(&user.name)
        .fetch_one(&mut *tx)
        .await?;
        for stakeholder in &chosen {
            sqlx::query(
                "INSERT INTO activation_participants (moment_id, stakeholder_id) VALUES (?, ?)",
            )
            .bind(id)
            .bind(stakeholder)
            .execute(&mut *tx)
            .await?;
        }
        for (description, owner, due) in &moment.actions {
            if description.trim().is_empty() {
                continue;
            }
            sqlx::query(
                "INSERT INTO activation_actions (moment_id, description, owner, due_date) VALUES (?, ?, ?, ?)",
            )
            .bind(id)
            .bind(description.trim())
            .bind(owner.trim())
            .bind((!due.trim().is_empty()).then(|| due.trim().to_string()))
            .execute(&mut *tx)
            .await?;
        }
        let after = serde_json::json!({
            "held_on": moment.held_on, "kind": moment.kind, "summary": moment.summary.trim(),
            "participants": chosen, "actions": moment.actions,
        });
        record(
            &mut tx,
            &user,
            AuditAction::Create,
            "activation_moment",
            id,
            None,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        if crate::accounts::guard::is_plain_form_post() {
            leptos_axum::redirect(&format!("/gebieden/{slug}/activatie"));
        }
        Ok(())
    }

    /// Turns an agreed action into an opgave of the area (once).
    #[server(endpoint = "action_to_opgave")]
    pub async fn action_to_opgave(
        slug: String,
        action_id: i64,
        theme: String,
    ) -> Result<(), EditError> {
        use crate::editing::audit::{record, AuditAction};
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let (area_id, user) = crate::areas::edit::api::authorize(&pool, &slug).await?;
        let theme_exists: Option<String> =
            sqlx::query_scalar("SELECT key FROM themes WHERE key = ?")
                .bind(&theme)
                .fetch_optional(&pool)
                .await?;
        if theme_exists.is_none() {
            let mut errors = FieldErrors::default();
            errors.add(
                &format!("theme_{action_id}"),
                "Kies een thema voor de opgave.",
            );
            return Err(EditError::Invalid(errors));
        }
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let action: Option<(String, String, Option<String>, Option<i64>)> = sqlx::query_as(
            "SELECT a.description, a.owner, a.due_date, a.opgave_id
             FROM activation_actions a JOIN activation_moments m ON m.id = a.moment_id
             WHERE a.id = ? AND m.area_id = ?",
        )
        .bind(action_id)
        .bind(area_id)
        .fetch_optional(&mut *tx)
        .await?;
        let (description, owner, due_date, opgave_id) = action.ok_or(EditError::NotFound)?;
        if opgave_id.is_some() {
            return Err(EditError::Conflict);
        }
        let title: String = description.chars().take(200).collect();
        let opgave: i64 = sqlx::query_scalar(
            "INSERT INTO opgaves (area_id, title, theme_key, status, owner, due_date)
             VALUES (?, ?, ?, 'open', ?, ?) RETURNING id",
        )
        .bind(area_id)
        .bind(&title)
        .bind(&theme)
        .bind(&owner)
        .bind(&due_date)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("UPDATE activation_actions SET opgave_id = ? WHERE id = ?")
            .bind(opgave)
            .bind(action_id)
            .execute(&mut *tx)
            .await?;
        let after = serde_json::json!({ "title": title, "theme": theme, "owner": owner, "due_date": due_date, "from_action": action_id });
        record(
            &mut tx,
            &user,
            AuditAction::Create,
            "opgave",
            opgave,
            None,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        if crate::accounts::guard::is_plain_form_post() {
            leptos_axum::redirect(&format!("/gebieden/{slug}/activatie"));
        }
        Ok(())
    }
}

#[cfg(feature = "ssr")]
pub mod db {
    use super::*;
    use sqlx::SqlitePool;

    pub async fn log(
        pool: &SqlitePool,
        area_id: i64,
        slug: &str,
    ) -> Result<ActivationLog, sqlx::Error> {
        let area_name: String = sqlx::query_scalar("SELECT name FROM areas WHERE id = ?")
            .bind(area_id)
            .fetch_one(pool)
            .await?;
        let stakeholders: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT s.id, o.name, s.role FROM stakeholders s
             JOIN organisations o ON o.id = s.organisation_id
             WHERE s.area_id = ? ORDER BY o.name, s.role",
        )
        .bind(area_id)
        .fetch_all(pool)
        .await?;
        let describe = |name: &str, role: &str| {
            let role = crate::areas::StakeholderRole::from_code(role)
                .map(|r| r.label())
                .unwrap_or(role);
            format!("{name} ({})", role.to_lowercase())
        };
        let moments: Vec<(i64, String, String, String, String)> = sqlx::query_as(
            "SELECT id, held_on, kind, summary, created_by FROM activation_moments
             WHERE area_id = ? ORDER BY held_on DESC, id DESC",
        )
        .bind(area_id)
        .fetch_all(pool)
        .await?;
        let participants: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT p.moment_id, o.name, s.role FROM activation_participants p
             JOIN stakeholders s ON s.id = p.stakeholder_id
             JOIN organisations o ON o.id = s.organisation_id
             JOIN activation_moments m ON m.id = p.moment_id
             WHERE m.area_id = ? ORDER BY o.name",
        )
        .bind(area_id)
        .fetch_all(pool)
        .await?;
        let actions: Vec<(i64, i64, String, String, Option<String>, Option<i64>)> = sqlx::query_as(
            "SELECT a.moment_id, a.id, a.description, a.owner, a.due_date, a.opgave_id
             FROM activation_actions a JOIN activation_moments m ON m.id = a.moment_id
             WHERE m.area_id = ? ORDER BY a.id",
        )
        .bind(area_id)
        .fetch_all(pool)
        .await?;
        let themes = crate::areas::db::themes(pool).await?;
        Ok(ActivationLog {
            returned: None,
            slug: slug.to_string(),
            area_name,
            stakeholders: stakeholders
                .iter()
                .map(|(id, name, role)| (*id, describe(name, role)))
                .collect(),
            themes,
            moments: moments
                .into_iter()
                .map(|(id, held_on, kind, summary, created_by)| Moment {
                    kind: MomentKind::from_code(&kind).unwrap_or(MomentKind::Meeting),
                    participants: participants
                        .iter()
                        .filter(|(m, _, _)| *m == id)
                        .map(|(_, name, role)| describe(name, role))
                        .collect(),
                    actions: actions
                        .iter()
                        .filter(|(m, ..)| *m == id)
                        .map(|(_, action_id, description, owner, due_date, opgave_id)| {
                            AgreedAction {
                                id: *action_id,
                                description: description.clone(),
                                owner: owner.clone(),
                                due_date: due_date.clone(),
                                opgave_id: *opgave_id,
                            }
                        })
                        .collect(),
                    id,
                    held_on,
                    summary,
                    created_by,
                })
                .collect(),
        })
    }
}

pub mod pages {
    use super::api::*;
    use super::*;
    use crate::editing::ui::EditRefused;
    use crate::ui::format::dutch_date;
    use leptos::prelude::*;
    use leptos_meta::Title;
    use leptos_router::hooks::{use_params_map, use_query_map};

    /// One moment with its participants and actions; `convert` adds the "make an opgave" forms.
    #[component]
    pub fn MomentView(
        moment: Moment,
        #[prop(optional)] convert: Option<(
            String,
            Vec<(String, String)>,
            ServerAction<ActionToOpgave>,
        )>,
    ) -> impl IntoView {
        let heading = format!("{} · {}", dutch_date(&moment.held_on), moment.kind.label());
        let actions = moment.actions.clone();
        let has_actions = !actions.is_empty();
        let action_items = actions.into_iter().map(|action| {
            let meta = [
                (!action.owner.is_empty()).then(|| format!("trekker: {}", action.owner)),
                action.due_date.as_ref().map(|d| format!("deadline: {}", dutch_date(d))),
            ].into_iter().flatten().collect::<Vec<_>>().join(" · ");
            let form = match (&convert, action.opgave_id) {
                (_, Some(_)) => view! { <span class="status status--done">"Is een opgave"</span> }.into_any(),
                (Some((slug, themes, action_form)), None) => {
                    let (slug, themes, action_form) = (slug.clone(), themes.clone(), *action_form);
                    let select_id = format!("thema-actie-{}", action.id);
                    let select_for = select_id.clone();
                    view! {
                        <ActionForm action=action_form attr:class="inline-form">
                            <input type="hidden" name="slug" value=slug/>
                            <input type="hidden" name="action_id" value=action.id/>
                            <label for=select_for>"Thema"</label>
                            <select id=select_id name="theme">
                                {themes.into_iter().map(|(k, l)| view! { <option value=k>{l}</option> }).collect_view()}
                            </select>
                            <button type="submit">"Maak er een opgave van"</button>
                        </ActionForm>
                    }.into_any()
                }
                (None, None) => ().into_any(),
            };
            view! {
                <li>
                    <span>{action.description.clone()}</span>
                    {(!meta.is_empty()).then(|| view! { <span class="muted">{format!(" ({meta})")}</span> })}
                    {form}
                </li>
            }
        }).collect_view();
        view! {
            <article class="moment">
                <h3>{heading}</h3>
                <p class="muted">{format!("Vastgelegd door {}", moment.created_by)}
                    {(!moment.participants.is_empty()).then(|| format!(" · Met: {}", moment.participants.join(", ")))}
                </p>
                <p class="moment__summary">{moment.summary.clone()}</p>
                {has_actions.then(|| view! {
                    <h4>"Afspraken"</h4>
                    <ul class="actions">{action_items}</ul>
                })}
            </article>
        }
    }

    /// `/gebieden/{slug}/activatie`
    #[component]
    pub fn ActivationPage() -> impl IntoView {
        let params = use_params_map();
        let query = use_query_map();
        let slug = move || params.read().get("slug").unwrap_or_default();
        let add = ServerAction::<AddActivationMoment>::new();
        let convert = ServerAction::<ActionToOpgave>::new();
        let correct =
            ServerAction::<crate::areas::edit::activation::api::UpdateActivationMoment>::new();
        let remove =
            ServerAction::<crate::areas::edit::activation::api::DeleteActivationMoment>::new();
        let (corrected, removed) = (
            crate::editing::form::saved_count(correct),
            crate::editing::form::saved_count(remove),
        );
        let log = Resource::new(
            move || {
                (
                    slug(),
                    add.version().get(),
                    convert.version().get(),
                    query.read().get("concept"),
                    (corrected.get(), removed.get()),
                )
            },
            |(slug, _, _, concept, _)| load_activation_log(slug, concept),
        );
        let errors = Signal::derive(move || match add.value().get() {
            Some(Err(EditError::Invalid(errors))) => errors,
            _ => FieldErrors::default(),
        });
        let failed_without_js = move || query.read().get("fout").is_some();
        let convert_error = move || match convert.value().get() {
            Some(Err(EditError::Invalid(e))) => e.0.values().next().cloned(),
            Some(Err(other)) => Some(other.to_string()),
            _ => None,
        };
        view! {
            <Title text="Activatielogboek"/>
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    let log = match log.await {
                        Ok(log) => log,
                        Err(error) => return view! { <EditRefused error/> }.into_any(),
                    };
                    let profile = format!("/gebieden/{}", log.slug);
                    let error = move |name: &'static str| move || errors.get().get(name).cloned().map(|m| view! { <p class="field__error">{m}</p> });
                    let themes = log.themes.clone();
                    let log_slug = log.slug.clone();
                    view! {
                        <nav aria-label="Kruimelpad" class="breadcrumb">
                            <a href="/gebieden">"Gebieden"</a>" › "
                            <a href=profile>{log.area_name.clone()}</a>" › "
                            <span aria-current="page">"Activatielogboek"</span>
                        </nav>
                        <h1>{format!("Activatielogboek {}", log.area_name)}</h1>
                        <p class="lead">"Overleggen en contactmomenten met de partijen in het gebied, en wat er is afgesproken. Alleen zichtbaar voor coördinatoren en de redacteuren van dit gebied."</p>
                        {move || failed_without_js().then(|| view! {
                            <div class="notice notice--error" role="alert"><p>"Het contactmoment is niet opgeslagen: controleer de datum, de soort en de samenvatting, en vul bij een actie een beschrijving in."</p></div>
                        })}
                        {move || convert_error().map(|m| view! { <div class="notice notice--error" role="alert"><p>{m}</p></div> })}
                        <section aria-labelledby="nieuw-moment">
                            <h2 id="nieuw-moment">"Contactmoment vastleggen"</h2>
                            <ActionForm action=add attr:class="form">
                                <input type="hidden" name="slug" value=log_slug/>
                                <div class="field">
                                    <label for="held_on">"Datum"</label>
                                    {error("held_on")}
                                    <input type="date" id="held_on" name="held_on" required/>
                                </div>
                                <div class="field">
                                    <label for="kind">"Soort"</label>
                                    {error("kind")}
                                    <select id="kind" name="kind">
                                        {MomentKind::ALL.iter().map(|k| view! { <option value=k.code()>{k.label()}</option> }).collect_view()}
                                    </select>
                                </div>
                                <fieldset class="field">
                                    <legend>"Wie waren erbij?"</legend>
                                    {error("participants")}
                                    {if log.stakeholders.is_empty() {
                                        view! { <p class="muted">"Er zijn nog geen partijen vastgelegd voor dit gebied."</p> }.into_any()
                                    } else {
                                        log.stakeholders.iter().map(|(id, label)| {
                                            let name = format!("participants[{id}]");
                                            let box_id = format!("partij-{id}");
                                            let box_for = box_id.clone();
                                            view! {
                                                <div class="field--checkbox">
                                                    <input type="checkbox" id=box_id name=name value="ja"/>
                                                    <label for=box_for>{label.clone()}</label>
                                                </div>
                                            }
                                        }).collect_view().into_any()
                                    }}
                                </fieldset>
                                <div class="field">
                                    <label for="summary">"Samenvatting"</label>
                                    {error("summary")}
                                    <textarea id="summary" name="summary" rows="4" required></textarea>
                                </div>
                                <fieldset class="field">
                                    <legend>"Afspraken (optioneel)"</legend>
                                    {(1..=ACTION_ROWS).map(|n| {
                                        let key: &'static str = ["action_1", "action_2", "action_3"][n - 1];
                                        view! {
                                            <div class="action-row">
                                                {error(key)}
                                                <label for=format!("actie-{n}")>{format!("Actie {n}")}</label>
                                                <input id=format!("actie-{n}") name=format!("actions[{n}][description]")/>
                                                <label for=format!("trekker-{n}")>"Trekker"</label>
                                                <input id=format!("trekker-{n}") name=format!("actions[{n}][owner]")/>
                                                <label for=format!("deadline-{n}")>"Deadline"</label>
                                                <input type="date" id=format!("deadline-{n}") name=format!("actions[{n}][due_date]")/>
                                            </div>
                                        }
                                    }).collect_view()}
                                </fieldset>
                                <div class="form__actions"><button type="submit">"Contactmoment opslaan"</button></div>
                            </ActionForm>
                        </section>
                        <section aria-labelledby="eerder">
                            <h2 id="eerder">"Eerdere contactmomenten"</h2>
                            {if log.moments.is_empty() {
                                view! { <p class="empty-state">"Nog geen contactmomenten vastgelegd."</p> }.into_any()
                            } else {
                                let slug = log.slug.clone();
                                let returned = log.returned.clone();
                                log.moments.into_iter().map(|moment| view! {
                                    <MomentView moment=moment.clone() convert=(slug.clone(), themes.clone(), convert)/>
                                    <crate::areas::edit::activation::pages::MomentEditor slug=slug.clone() moment returned=returned.clone() correct remove/>
                                }).collect_view().into_any()
                            }}
                        </section>
                    }
                    .into_any()
                })}
            </Suspense>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moment() -> NewMoment {
        NewMoment {
            held_on: "2026-11-20".into(),
            kind: "meeting".into(),
            summary: "Overleg met de BIZ over de gevels.".into(),
            actions: vec![
                (
                    "Offerte gevelfonds".into(),
                    "BIZ".into(),
                    "2026-12-31".into(),
                ),
                (String::new(), String::new(), String::new()),
            ],
        }
    }

    #[test]
    fn a_complete_moment_passes() {
        assert!(validate_moment(&moment(), "2026-11-26").is_empty());
    }

    #[test]
    fn bad_moments_are_explained() {
        let future = NewMoment {
            held_on: "2026-12-01".into(),
            ..moment()
        };
        assert!(validate_moment(&future, "2026-11-26")
            .get("held_on")
            .is_some());
        let bad = NewMoment {
            held_on: "20-11-2026".into(),
            kind: "party".into(),
            summary: " ".into(),
            actions: vec![
                (String::new(), "BIZ".into(), String::new()),
                ("x".into(), String::new(), "morgen".into()),
            ],
        };
        let errors = validate_moment(&bad, "2026-11-26");
        for field in ["held_on", "kind", "summary", "action_1", "action_2"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
    }
}
