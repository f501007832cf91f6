//! Editing an area's profile: story, ambition, phase and activation, with revision history.
//! The first user of the editing framework (`crate::editing`).
//!
//! This folder holds every screen only coordinators and area editors use; nothing in it
//! ships to the browser (the pages are server-rendered, see README "Why the browser
//! bundle is built this way").

pub mod activation;
pub mod bulk;
pub mod identity;
pub mod import;
pub mod items;
pub mod outcomes;
pub mod stakeholders;
pub mod stuurwiel;
pub mod values;

use crate::areas::{Activation, Phase};
use crate::editing::{DiffLine, EditError, FieldErrors};
use serde::{Deserialize, Serialize};

/// Longest story and ambition we accept (characters).
pub const MAX_STORY: usize = 20_000;
pub const MAX_AMBITION: usize = 2_000;

/// The edit form's content: from the database, or from a draft that could not be saved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaEditForm {
    pub slug: String,
    pub name: String,
    pub version: i64,
    pub story: String,
    pub ambition: String,
    pub phase: String,
    pub activation: String,
    pub errors: FieldErrors,
    pub preview_html: Option<String>,
    /// Whether the user may also change the area's identity (decided on the server, so the
    /// page needs no second look at the login while hydrating).
    pub can_coordinate: bool,
}

/// The editable part of an area, as written to the audit log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaText {
    pub story: String,
    pub ambition: String,
    pub phase: String,
    pub activation: String,
}

/// Checks the form on the server; returns Dutch messages per field.
pub fn validate(text: &AreaText) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if text.story.trim().is_empty() {
        errors.add(
            "story",
            "Vertel het verhaal van het gebied; dit veld mag niet leeg zijn.",
        );
    } else if text.story.chars().count() > MAX_STORY {
        errors.add(
            "story",
            format!("Het verhaal is te lang: hoogstens {MAX_STORY} tekens."),
        );
    }
    if text.ambition.chars().count() > MAX_AMBITION {
        errors.add(
            "ambition",
            format!("De ambitie is te lang: hoogstens {MAX_AMBITION} tekens."),
        );
    }
    if Phase::from_code(&text.phase).is_none() {
        errors.add("phase", "Kies een fase uit de lijst.");
    }
    if Activation::from_code(&text.activation).is_none() {
        errors.add("activation", "Kies een activatie uit de lijst.");
    }
    errors
}

/// One version in an area's story history, with its changes against the version before.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryVersion {
    pub revision_id: i64,
    pub version: i64,
    pub user_name: String,
    pub at: String,
    pub is_current: bool,
    pub changes: Vec<DiffLine>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryHistory {
    pub slug: String,
    pub name: String,
    pub versions: Vec<StoryVersion>,
}

pub mod api {
    use super::*;
    use leptos::prelude::*;

    #[cfg(feature = "ssr")]
    use crate::{
        accounts::{guard, Action, CurrentUser},
        editing::{audit, drafts, markdown, revisions},
    };

    #[cfg(feature = "ssr")]
    fn form_key(slug: &str) -> String {
        format!("area:{slug}")
    }

    #[cfg(feature = "ssr")]
    async fn area_id(pool: &sqlx::SqlitePool, slug: &str) -> Result<Option<i64>, sqlx::Error> {
        sqlx::query_scalar("SELECT id FROM areas WHERE slug = ?")
            .bind(slug)
            .fetch_optional(pool)
            .await
    }

    /// The area's id, after the guard allowed this user to edit it.
    /// Every area-editing server function (here and in `items`) starts with this.
    #[cfg(feature = "ssr")]
    pub(crate) async fn authorize(
        pool: &sqlx::SqlitePool,
        slug: &str,
    ) -> Result<(i64, CurrentUser), EditError> {
        let id = area_id(pool, slug).await?;
        // Unknown areas are refused by the same rule as areas outside one's scope.
        let area_id = id.unwrap_or(-1);
        let user = guard::require(Action::EditArea { area_id })?;
        if id.is_none() {
            return Err(EditError::NotFound);
        }
        Ok((area_id, user))
    }

    /// Like [`authorize`], for the set-up style forms (`editing::form`): without a login a
    /// plain form post goes to log in and back to `page`, keeping a draft only for someone
    /// whose session lapsed. Unknown areas are refused like areas outside one's scope.
    #[cfg(feature = "ssr")]
    pub(crate) async fn allowed_for_area(
        pool: &sqlx::SqlitePool,
        slug: &str,
        form: &str,
        page: &str,
        values: &crate::editing::form::Fields,
    ) -> Result<(i64, CurrentUser), EditError> {
        let area_id = area_id(pool, slug).await?.unwrap_or(-1);
        let user = crate::editing::form::server::allowed(
            pool,
            Action::EditArea { area_id },
            form,
            page,
            values,
        )
        .await?;
        Ok((area_id, user))
    }

    /// Sends a plain (no-JavaScript) form post back to the edit page, with a draft holding
    /// what was typed.
    #[cfg(feature = "ssr")]
    async fn back_with_draft(
        pool: &sqlx::SqlitePool,
        slug: &str,
        draft: &drafts::Draft,
    ) -> Option<String> {
        // A call from a script gets its answer directly and needs no draft.
        if !guard::is_plain_form_post() {
            return None;
        }
        let token = drafts::store(pool, &form_key(slug), draft).await.ok()?;
        leptos_axum::redirect(&format!("/gebieden/{slug}/bewerken?concept={token}"));
        Some(token)
    }

    /// Not logged in: a plain form post goes to the login page and from there back to the
    /// form. If the session of someone who may edit this area just ran out, what they typed
    /// waits for them there as a draft; from anyone else nothing is kept.
    #[cfg(feature = "ssr")]
    async fn log_in_first(
        pool: &sqlx::SqlitePool,
        slug: &str,
        draft: &drafts::Draft,
    ) -> Option<String> {
        let token = match area_id(pool, slug).await.ok().flatten() {
            Some(area_id) => {
                let action = Action::EditArea { area_id };
                drafts::store_for_lapsed(pool, &form_key(slug), draft, &action)
                    .await
                    .ok()
            }
            None => None,
        };
        if guard::is_plain_form_post() {
            let back = match &token {
                Some(token) => format!("/gebieden/{slug}/bewerken?concept={token}"),
                None => format!("/gebieden/{slug}/bewerken"),
            };
            leptos_axum::redirect(&crate::accounts::login_url(&back));
        }
        token
    }

    #[server(endpoint = "load_area_edit")]
    pub async fn load_area_edit(
        slug: String,
        concept: Option<String>,
    ) -> Result<AreaEditForm, EditError> {
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let (_, user) = authorize(&pool, &slug).await?;
        let can_coordinate = crate::accounts::decide(Some(&user), &Action::Coordinate)
            == crate::accounts::Access::Allowed;
        let (name, version, story, ambition, phase, activation): (
            String,
            i64,
            String,
            String,
            String,
            String,
        ) = sqlx::query_as(
            "SELECT name, version, story, ambition, phase, activation FROM areas WHERE slug = ?",
        )
        .bind(&slug)
        .fetch_one(&pool)
        .await?;
        let mut form = AreaEditForm {
            slug: slug.clone(),
            name,
            version,
            story,
            ambition,
            phase,
            activation,
            errors: FieldErrors::default(),
            preview_html: None,
            can_coordinate,
        };
        if let Some(token) = concept.filter(|t| !t.is_empty()) {
            if let Some(draft) = drafts::load(&pool, &form_key(&slug), &token).await? {
                let value = |key: &str, fallback: &str| {
                    draft
                        .values
                        .get(key)
                        .cloned()
                        .unwrap_or_else(|| fallback.to_string())
                };
                form.story = value("story", &form.story);
                form.ambition = value("ambition", &form.ambition);
                form.phase = value("phase", &form.phase);
                form.activation = value("activation", &form.activation);
                // The draft keeps the version the edit started from, so a conflict stays one.
                form.version = value("version", "").parse().unwrap_or(form.version);
                form.errors = draft.errors;
                form.preview_html = draft.preview_html;
            }
        }
        Ok(form)
    }

    /// Saves the profile text, or (intent "preview") only renders the story.
    /// Returns the preview's HTML, or `None` after saving (and redirects to the profile).
    #[server(endpoint = "save_area")]
    pub async fn save_area(
        slug: String,
        version: i64,
        story: String,
        ambition: String,
        phase: String,
        activation: String,
        intent: String,
    ) -> Result<Option<String>, EditError> {
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let text = AreaText {
            story,
            ambition,
            phase,
            activation,
        };
        let values: drafts::Values = [
            ("story", &text.story),
            ("ambition", &text.ambition),
            ("phase", &text.phase),
            ("activation", &text.activation),
            ("version", &version.to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let draft_with = |errors: FieldErrors, preview_html: Option<String>| drafts::Draft {
            values: values.clone(),
            errors,
            preview_html,
        };

        let (area_id, user) = match authorize(&pool, &slug).await {
            Ok(found) => found,
            Err(EditError::NotLoggedIn { .. }) => {
                // The session ran out while typing: log in, and come back to the text.
                let draft =
                    log_in_first(&pool, &slug, &draft_with(FieldErrors::default(), None)).await;
                return Err(EditError::NotLoggedIn { draft });
            }
            Err(other) => return Err(other),
        };

        let errors = validate(&text);
        if !errors.is_empty() {
            back_with_draft(&pool, &slug, &draft_with(errors.clone(), None)).await;
            return Err(EditError::Invalid(errors));
        }

        if intent == "preview" {
            let html = markdown::to_safe_html(&text.story);
            back_with_draft(
                &pool,
                &slug,
                &draft_with(FieldErrors::default(), Some(html.clone())),
            )
            .await;
            return Ok(Some(html));
        }

        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let (current_version, before): (i64, AreaText) = {
            let row: (i64, String, String, String, String) = sqlx::query_as(
                "SELECT version, story, ambition, phase, activation FROM areas WHERE id = ?",
            )
            .bind(area_id)
            .fetch_one(&mut *tx)
            .await?;
            (
                row.0,
                AreaText {
                    story: row.1,
                    ambition: row.2,
                    phase: row.3,
                    activation: row.4,
                },
            )
        };
        if current_version != version {
            tx.rollback().await?;
            let mut errors = FieldErrors::default();
            errors.add("_form", EditError::Conflict.to_string());
            back_with_draft(&pool, &slug, &draft_with(errors, None)).await;
            return Err(EditError::Conflict);
        }
        sqlx::query(
            "UPDATE areas SET story = ?, ambition = ?, phase = ?, activation = ?, version = version + 1,
                    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
             WHERE id = ?",
        )
        .bind(&text.story)
        .bind(&text.ambition)
        .bind(&text.phase)
        .bind(&text.activation)
        .bind(area_id)
        .execute(&mut *tx)
        .await?;
        revisions::save_with_baseline(
            &mut tx,
            "area",
            area_id,
            "story",
            &before.story,
            &text.story,
            &user,
        )
        .await?;
        audit::record(
            &mut tx,
            &user,
            audit::AuditAction::Update,
            "area",
            area_id,
            Some(&before),
            Some(&text),
        )
        .await?;
        tx.commit().await?;
        log::info!("area {slug} updated by user {}", user.id);
        leptos_axum::redirect(&format!("/gebieden/{slug}"));
        Ok(None)
    }

    #[server(endpoint = "area_story_history")]
    pub async fn area_story_history(slug: String) -> Result<StoryHistory, EditError> {
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let (area_id, _) = authorize(&pool, &slug).await?;
        let name: String = sqlx::query_scalar("SELECT name FROM areas WHERE id = ?")
            .bind(area_id)
            .fetch_one(&pool)
            .await?;
        let list = revisions::list(&pool, "area", area_id, "story").await?;
        let versions = list
            .iter()
            .enumerate()
            .map(|(i, revision)| {
                let previous = list.get(i + 1).map(|r| r.body.as_str()).unwrap_or("");
                StoryVersion {
                    revision_id: revision.id,
                    version: revision.version,
                    user_name: revision.user_name.clone(),
                    at: revision.at.clone(),
                    is_current: i == 0,
                    changes: revisions::diff(previous, &revision.body),
                }
            })
            .collect();
        Ok(StoryHistory {
            slug,
            name,
            versions,
        })
    }

    /// Makes an earlier version of the story the current one (as a new version).
    #[server(endpoint = "restore_area_story")]
    pub async fn restore_area_story(slug: String, revision_id: i64) -> Result<(), EditError> {
        let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
        let (area_id, user) = authorize(&pool, &slug).await?;
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        let body: Option<String> = sqlx::query_scalar(
            "SELECT body FROM revisions WHERE id = ? AND entity = 'area' AND entity_id = ? AND field = 'story'",
        )
        .bind(revision_id)
        .bind(area_id)
        .fetch_optional(&mut *tx)
        .await?;
        let body = body.ok_or(EditError::NotFound)?;
        let before: String = sqlx::query_scalar("SELECT story FROM areas WHERE id = ?")
            .bind(area_id)
            .fetch_one(&mut *tx)
            .await?;
        sqlx::query("UPDATE areas SET story = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?")
            .bind(&body)
            .bind(area_id)
            .execute(&mut *tx)
            .await?;
        revisions::save_with_baseline(&mut tx, "area", area_id, "story", &before, &body, &user)
            .await?;
        audit::record(
            &mut tx,
            &user,
            audit::AuditAction::Restore,
            "area",
            area_id,
            Some(&before),
            Some(&body),
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/gebieden/{slug}/geschiedenis"));
        Ok(())
    }
}

pub mod pages {
    use super::api::{area_story_history, load_area_edit, RestoreAreaStory, SaveArea};
    use super::*;
    use crate::editing::ui::{SelectField, TextAreaField};
    use leptos::prelude::*;
    use leptos_meta::Title;
    use leptos_router::hooks::{use_params_map, use_query_map};

    /// `/gebieden/{slug}/bewerken`
    #[component]
    pub fn AreaEditPage() -> impl IntoView {
        let params = use_params_map();
        let query = use_query_map();
        let source = move || {
            (
                params.read().get("slug").unwrap_or_default(),
                query.read().get("concept"),
            )
        };
        let form = Resource::new_blocking(source, |(slug, concept)| load_area_edit(slug, concept));
        view! {
            <Suspense fallback=|| view! { <p aria-busy="true">"Formulier laden…"</p> }>
                {move || Suspend::new(async move {
                    match form.await {
                        Ok(form) => {
                            let slug = form.slug.clone();
                            let draft = query.read_untracked().get("onderdeel");
                            let done = query.read_untracked().get("gelukt");
                            view! {
                                <AreaEditFormView form/>
                                <crate::areas::edit::items::pages::AreaItemsEditor slug=slug.clone() draft done/>
                                <ul class="edit-more">
                                    <li><a href=format!("/gebieden/{slug}/partijen")>"Betrokken organisaties en contactpersonen wijzigen"</a></li>
                                    <li><a href=format!("/gebieden/{slug}/cijfers")>"Cijfers corrigeren of verwijderen"</a></li>
                                </ul>
                            }.into_any()
                        }
                        Err(error) => view! { <crate::editing::ui::EditRefused error/> }.into_any(),
                    }
                })}
            </Suspense>
        }
    }

    #[component]
    fn AreaEditFormView(form: AreaEditForm) -> impl IntoView {
        let save = ServerAction::<SaveArea>::new();
        let pending = save.pending();
        // Errors come from the draft (no JavaScript) or from the last save (JavaScript).
        let draft_errors = form.errors.clone();
        let errors = Signal::derive(move || match save.value().get() {
            Some(Err(EditError::Invalid(errors))) => errors,
            Some(_) => FieldErrors::default(),
            None => draft_errors.clone(),
        });
        let draft_preview = form.preview_html.clone();
        let preview = move || match save.value().get() {
            Some(Ok(Some(html))) => Some(html),
            Some(_) => None,
            None => draft_preview.clone(),
        };
        let message = move || match save.value().get() {
            Some(Err(EditError::Invalid(_))) | None => {
                errors.get().get("_form").cloned().or_else(|| {
                    (!errors.get().is_empty())
                        .then(|| EditError::Invalid(FieldErrors::default()).to_string())
                })
            }
            Some(Err(error)) => Some(error.to_string()),
            Some(Ok(_)) => None,
        };
        let slug = form.slug.clone();
        let login_link = move || match save.value().get() {
            Some(Err(EditError::NotLoggedIn { draft: Some(token) })) => {
                let back = format!("/gebieden/{slug}/bewerken?concept={token}");
                Some(crate::accounts::login_url(&back))
            }
            _ => None,
        };
        let profile_href = format!("/gebieden/{}", form.slug);
        let history_href = format!("/gebieden/{}/geschiedenis", form.slug);
        let identity_href = format!("/gebieden/{}/gegevens", form.slug);
        let phases: Vec<(String, String)> = Phase::ALL
            .iter()
            .map(|p| (p.code().into(), p.label().into()))
            .collect();
        let activations: Vec<(String, String)> = Activation::ALL
            .iter()
            .map(|a| (a.code().into(), a.label().into()))
            .collect();

        view! {
            <Title text=format!("{} bewerken", form.name)/>
            <nav aria-label="Kruimelpad" class="breadcrumb">
                <a href="/gebieden">"Gebieden"</a> " › "
                <a href=profile_href.clone()>{form.name.clone()}</a> " › "
                <span aria-current="page">"Bewerken"</span>
            </nav>
            <h1>{format!("{} bewerken", form.name)}</h1>
            <p>
                <a href=history_href>"Geschiedenis van het verhaal"</a>
                {form.can_coordinate.then(|| view! {
                    " · "<a href=identity_href>"Naam, webadres, stadsdeel en kaart; archiveren"</a>
                })}
            </p>
            {move || message().map(|text| view! {
                <div class="notice notice--error" role="alert">
                    <p>{text}</p>
                    {login_link().map(|href| view! { <p><a href=href>"Opnieuw inloggen"</a></p> })}
                </div>
            })}
            <ActionForm action=save attr:class="form" attr:novalidate=true>
                <input type="hidden" name="slug" value=form.slug.clone()/>
                <input type="hidden" name="version" value=form.version.to_string()/>
                <SelectField name="phase" label="Fase" options=phases value=form.phase.clone() errors/>
                <SelectField name="activation" label="Activatie" options=activations value=form.activation.clone() errors/>
                <TextAreaField
                    name="story"
                    label="Het verhaal"
                    hint="Markdown: **vet**, *schuin*, [link](https://…), lijstjes met - . Een lege regel begint een nieuwe alinea."
                    value=form.story.clone()
                    errors
                    rows=14
                />
                <TextAreaField name="ambition" label="Ambitie" value=form.ambition.clone() errors rows=4/>
                <div class="form__actions">
                    <button type="submit" name="intent" value="save" class="button--primary">
                        {move || if pending.get() { "Bezig met opslaan…" } else { "Opslaan" }}
                    </button>
                    <button type="submit" name="intent" value="preview" class="button--secondary">"Voorbeeld"</button>
                    <a href=profile_href>"Annuleren"</a>
                </div>
            </ActionForm>
            {move || preview().map(|html| view! {
                <section class="preview" aria-labelledby="voorbeeld">
                    <h2 id="voorbeeld">"Voorbeeld van het verhaal"</h2>
                    <div class="rich-text" inner_html=html></div>
                </section>
            })}
        }
    }

    /// `/gebieden/{slug}/geschiedenis`
    #[component]
    pub fn AreaHistoryPage() -> impl IntoView {
        let params = use_params_map();
        // Restoring redirects back to this page: the version counter makes the list reload
        // when that happens in the browser.
        let restore = ServerAction::<RestoreAreaStory>::new();
        let history = Resource::new_blocking(
            move || {
                (
                    params.read().get("slug").unwrap_or_default(),
                    restore.version().get(),
                )
            },
            |(slug, _)| area_story_history(slug),
        );
        view! {
            <Suspense fallback=|| view! { <p aria-busy="true">"Geschiedenis laden…"</p> }>
                {move || Suspend::new(async move {
                    match history.await {
                        Ok(history) => view! { <HistoryView history restore/> }.into_any(),
                        Err(error) => view! { <crate::editing::ui::EditRefused error/> }.into_any(),
                    }
                })}
            </Suspense>
        }
    }

    #[component]
    fn HistoryView(
        history: StoryHistory,
        restore: ServerAction<RestoreAreaStory>,
    ) -> impl IntoView {
        let profile_href = format!("/gebieden/{}", history.slug);
        let slug = history.slug.clone();
        view! {
            <Title text=format!("Geschiedenis van {}", history.name)/>
            <nav aria-label="Kruimelpad" class="breadcrumb">
                <a href="/gebieden">"Gebieden"</a> " › "
                <a href=profile_href>{history.name.clone()}</a> " › "
                <span aria-current="page">"Geschiedenis"</span>
            </nav>
            <h1>{format!("Geschiedenis van het verhaal van {}", history.name)}</h1>
            {move || match restore.value().get() {
                Some(Err(error)) => Some(view! { <crate::ui::notice::ErrorNotice message=error.to_string()/> }),
                _ => None,
            }}
            {if history.versions.is_empty() {
                view! { <p class="empty-state">"Het verhaal is nog niet bewerkt in Kernpunt; er zijn nog geen eerdere versies."</p> }.into_any()
            } else {
                view! {
                    <ol class="versions" reversed>
                        {history.versions.into_iter().map(|version| {
                            let slug = slug.clone();
                            view! {
                                <li class="version">
                                    <h2>
                                        {format!("Versie {}", version.version)}
                                        {version.is_current.then(|| view! { <span class="status status--done">"Huidige versie"</span> })}
                                    </h2>
                                    <p class="version__meta">{format!("{} · {}", version.user_name, version.at.replace('T', " ").trim_end_matches('Z'))}</p>
                                    <div class="diff" role="group" aria-label=format!("Wijzigingen in versie {}", version.version)>
                                        {version.changes.into_iter().map(|line| match line {
                                            DiffLine::Same(text) => view! { <p class="diff__same">{text}</p> }.into_any(),
                                            DiffLine::Added(text) => view! { <ins class="diff__added"><span class="visually-hidden">"Toegevoegd: "</span>{text}</ins> }.into_any(),
                                            DiffLine::Removed(text) => view! { <del class="diff__removed"><span class="visually-hidden">"Verwijderd: "</span>{text}</del> }.into_any(),
                                        }).collect_view()}
                                    </div>
                                    {(!version.is_current).then(|| view! {
                                        <ActionForm action=restore>
                                            <input type="hidden" name="slug" value=slug/>
                                            <input type="hidden" name="revision_id" value=version.revision_id.to_string()/>
                                            <button type="submit" class="button--secondary">{format!("Versie {} terugzetten", version.version)}</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        }
    }
}
