//! `/gebieden/{slug}/bericht`: a coordinator writes an update to everyone who follows an
//! area (markdown, with a preview), sent at once through the outbox, at most one per area
//! per week so following stays worth it. Coordinators only; a server-rendered page, so
//! none of it reaches what visitors download.

use crate::editing::form::{Fields, Returned};
use crate::editing::{EditError, FieldErrors};
use serde::{Deserialize, Serialize};

pub const MAX_TITLE: usize = 120;
pub const MAX_TEXT: usize = 5_000;
/// At most one update per area in this many seconds.
pub const SECS_BETWEEN_UPDATES: i64 = 7 * 86_400;
const FORM: &str = "area-update";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdatePage {
    pub slug: String,
    pub area_name: String,
    /// Confirmed followers of the area.
    pub followers: i64,
    /// When the last update went out (Amsterdam time), and when the next may.
    pub last_sent: Option<(String, String)>,
    pub next_allowed: Option<String>,
    pub returned: Option<Returned>,
    pub preview_html: Option<String>,
}

/// Checks an update: a title and a text within bounds. Returns (title, text).
pub fn validate(values: &Fields) -> (FieldErrors, Option<(String, String)>) {
    let get = |name: &str| values.get(name).map(|v| v.trim()).unwrap_or("").to_string();
    let (title, text) = (get("title"), get("text"));
    let mut errors = FieldErrors::default();
    if title.is_empty() || title.chars().count() > MAX_TITLE {
        errors.add(
            "title",
            format!("Geef het bericht een onderwerp (hoogstens {MAX_TITLE} tekens)."),
        );
    }
    if text.is_empty() || text.chars().count() > MAX_TEXT {
        errors.add(
            "text",
            format!("Schrijf het bericht (hoogstens {MAX_TEXT} tekens)."),
        );
    }
    if errors.is_empty() {
        (errors, Some((title, text)))
    } else {
        (errors, None)
    }
}

#[cfg(feature = "ssr")]
fn page(slug: &str) -> String {
    format!("/gebieden/{slug}/bericht")
}

pub mod api {
    use super::*;
    use leptos::prelude::*;

    #[cfg(feature = "ssr")]
    use crate::editing::form::server::{allowed, clean, done, pool, refuse, returned};

    #[cfg(feature = "ssr")]
    async fn area(pool: &sqlx::SqlitePool, slug: &str) -> Result<(i64, String), EditError> {
        sqlx::query_as("SELECT id, name FROM areas WHERE slug = ? AND archived_at IS NULL")
            .bind(slug)
            .fetch_optional(pool)
            .await?
            .ok_or(EditError::NotFound)
    }

    #[cfg(feature = "ssr")]
    async fn last_update(
        pool: &sqlx::SqlitePool,
        area_id: i64,
    ) -> Result<Option<(i64, String)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT occurred_at, title FROM news WHERE kind = 'update' AND area_id = ?
             ORDER BY occurred_at DESC LIMIT 1",
        )
        .bind(area_id)
        .fetch_optional(pool)
        .await
    }

    #[cfg(feature = "ssr")]
    async fn followers(pool: &sqlx::SqlitePool, area_id: i64) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT count(*) FROM follows WHERE subject = 'area' AND area_id = ? AND confirmed_at IS NOT NULL",
        )
        .bind(area_id)
        .fetch_one(pool)
        .await
    }

    #[cfg(feature = "ssr")]
    fn local(unix: i64) -> String {
        crate::sessions::dutch_datetime(&crate::sessions::amsterdam_time(unix))
    }

    #[server(endpoint = "load_area_update")]
    pub async fn load_area_update(
        slug: String,
        concept: Option<String>,
    ) -> Result<UpdatePage, EditError> {
        let pool = pool()?;
        crate::accounts::guard::require(crate::accounts::Action::Coordinate)?;
        let (area_id, area_name) = area(&pool, &slug).await?;
        let last = last_update(&pool, area_id).await?;
        let now = crate::accounts::session::now();
        let preview_html = match concept.as_deref().filter(|c| !c.is_empty()) {
            Some(token) => crate::editing::drafts::load(&pool, FORM, token)
                .await?
                .and_then(|draft| draft.preview_html),
            None => None,
        };
        Ok(UpdatePage {
            followers: followers(&pool, area_id).await?,
            next_allowed: last
                .as_ref()
                .map(|(at, _)| at + SECS_BETWEEN_UPDATES)
                .filter(|next| *next > now)
                .map(local),
            last_sent: last.map(|(at, title)| (local(at), title)),
            returned: returned(&pool, &concept, FORM).await?,
            preview_html,
            slug,
            area_name,
        })
    }

    /// Sends an update to the area's followers, or (intent "preview") shows how it reads.
    #[server(endpoint = "send_area_update")]
    pub async fn send_area_update(
        slug: String,
        #[server(default)] intent: String,
        #[server(default)] fields: Fields,
    ) -> Result<Option<String>, EditError> {
        let pool = pool()?;
        let values = clean(fields, &["title", "text"]);
        let user = allowed(
            &pool,
            crate::accounts::Action::Coordinate,
            FORM,
            &page(&slug),
            &values,
        )
        .await?;
        let (area_id, area_name) = area(&pool, &slug).await?;
        let (mut errors, valid) = validate(&values);
        let Some((title, text)) = valid else {
            return Err(refuse(&pool, FORM, &page(&slug), &values, errors).await);
        };
        if intent == "preview" {
            let html = crate::editing::markdown::to_safe_html(&text);
            if crate::accounts::guard::is_plain_form_post() {
                let mut target = FieldErrors::default();
                target.add(crate::editing::form::TARGET, FORM);
                let draft = crate::editing::drafts::Draft {
                    values: values.clone(),
                    errors: target,
                    preview_html: Some(html.clone()),
                };
                if let Ok(token) = crate::editing::drafts::store(&pool, FORM, &draft).await {
                    leptos_axum::redirect(&format!("{}?concept={token}#voorbeeld", page(&slug)));
                }
            }
            return Ok(Some(html));
        }
        let now = crate::accounts::session::now();
        if let Some((at, _)) = last_update(&pool, area_id).await? {
            if at + SECS_BETWEEN_UPDATES > now {
                errors.add(
                    "_form",
                    format!(
                        "Deze week ging er al een bericht naar de volgers van {area_name}. Het volgende kan vanaf {}.",
                        local(at + SECS_BETWEEN_UPDATES)
                    ),
                );
                return Err(refuse(&pool, FORM, &page(&slug), &values, errors).await);
            }
        }
        let sent =
            super::send(&pool, area_id, &area_name, &slug, &title, &text, &user, now).await?;
        if sent == 0 {
            errors.add(
                "_form",
                format!(
                    "Nog niemand volgt {area_name}: er is niemand om het bericht naar te sturen."
                ),
            );
            return Err(refuse(&pool, FORM, &page(&slug), &values, errors).await);
        }
        done(&format!("{}?verstuurd={sent}", page(&slug)));
        Ok(None)
    }
}

/// Writes the update as news and one mail per confirmed follower of the area, in one
/// transaction. Returns the number of mails; with no followers nothing is written.
#[cfg(feature = "ssr")]
#[allow(clippy::too_many_arguments)]
pub async fn send(
    pool: &sqlx::SqlitePool,
    area_id: i64,
    area_name: &str,
    slug: &str,
    title: &str,
    text: &str,
    user: &crate::accounts::CurrentUser,
    now: i64,
) -> Result<usize, sqlx::Error> {
    use super::links;
    let key = links::key(pool).await?;
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let followers: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT fo.id, fo.email, fo.link_generation FROM follows f JOIN followers fo ON fo.id = f.follower_id
         WHERE f.subject = 'area' AND f.area_id = ? AND f.confirmed_at IS NOT NULL ORDER BY fo.id",
    )
    .bind(area_id)
    .fetch_all(&mut *tx)
    .await?;
    if followers.is_empty() {
        return Ok(0);
    }
    let path = format!("/gebieden/{slug}");
    let news_id: i64 = sqlx::query_scalar(
        "INSERT INTO news (kind, area_id, title, detail, path, occurred_at, mailed_at)
         VALUES ('update', ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(area_id)
    .bind(title)
    .bind(text)
    .bind(&path)
    .bind(now)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    for (id, email, generation) in &followers {
        let token = links::token(&key, *id, *generation);
        let mail = super::mail::update(email, area_name, title, text, &path, &token);
        crate::mail::enqueue_to_list(&mut tx, &mail, &super::mail::list_unsubscribe(&token))
            .await?;
    }
    crate::editing::audit::record(
        &mut tx,
        user,
        crate::editing::audit::AuditAction::Create,
        "area_update",
        news_id,
        None,
        Some(&serde_json::json!({ "title": title, "followers": followers.len() })),
    )
    .await?;
    tx.commit().await?;
    Ok(followers.len())
}

pub mod pages {
    use super::api::*;
    use super::*;
    use crate::editing::form::{errors_for, shown, FormMessage};
    use leptos::prelude::*;
    use leptos_meta::Title;
    use leptos_router::hooks::{use_params_map, use_query_map};

    #[component]
    pub fn AreaUpdatePage() -> impl IntoView {
        let params = use_params_map();
        let query = use_query_map();
        let send = ServerAction::<SendAreaUpdate>::new();
        let data = Resource::new_blocking(
            move || {
                (
                    params.read().get("slug").unwrap_or_default(),
                    query.read().get("concept"),
                )
            },
            |(slug, concept)| load_area_update(slug, concept),
        );
        let sent = move || {
            query
                .read()
                .get("verstuurd")
                .and_then(|n| n.parse::<i64>().ok())
        };
        view! {
            <Title text="Bericht aan de volgers"/>
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    let edit = match data.await {
                        Ok(edit) => edit,
                        Err(error) => return view! { <crate::editing::ui::EditRefused error/> }.into_any(),
                    };
                    let returned = edit.returned.clone();
                    let errors = errors_for(send, returned.clone(), FORM.to_string());
                    let title = shown(&returned, FORM, "title", "");
                    let text = shown(&returned, FORM, "text", "");
                    let error_of = move |name: &'static str| {
                        move || errors.get().get(name).cloned().map(|m| view! { <p class="field__error">{m}</p> })
                    };
                    let profile = format!("/gebieden/{}", edit.slug);
                    view! {
                        <nav aria-label="Kruimelpad" class="breadcrumb">
                            <a href="/gebieden">"Gebieden"</a>" › "
                            <a href=profile>{edit.area_name.clone()}</a>" › "
                            <span aria-current="page">"Bericht aan de volgers"</span>
                        </nav>
                        <h1>{format!("Bericht aan de volgers van {}", edit.area_name)}</h1>
                        {move || sent().map(|n| view! {
                            <div class="notice notice--ok" role="status"><p>{format!("Verstuurd naar {n} {}.", if n == 1 { "volger" } else { "volgers" })}</p></div>
                        })}
                        <p>{match edit.followers {
                            0 => "Nog niemand volgt dit gebied. Wie het volgt, doet dat onderaan het gebiedsprofiel.".to_string(),
                            1 => "Eén persoon volgt dit gebied en krijgt het bericht meteen.".to_string(),
                            n => format!("{n} mensen volgen dit gebied en krijgen het bericht meteen."),
                        }}</p>
                        {edit.last_sent.clone().map(|(when, title)| view! { <p class="muted">{format!("Laatste bericht: ‘{title}’, {when}.")}</p> })}
                        {edit.next_allowed.clone().map(|next| view! {
                            <p class="notice notice--warning">{format!("Eén bericht per week: het volgende kan vanaf {next}.")}</p>
                        })}
                        {edit.preview_html.clone().map(|html| view! {
                            <section id="voorbeeld" aria-labelledby="voorbeeld-kop" class="preview">
                                <h2 id="voorbeeld-kop">"Voorbeeld"</h2>
                                <div class="rich-text" inner_html=html></div>
                            </section>
                        })}
                        <ActionForm action=send attr:class="form" attr:id=FORM attr:novalidate=true>
                            <FormMessage action=send errors/>
                            <input type="hidden" name="slug" value=edit.slug.clone()/>
                            <div class="field">
                                <label for="bericht-onderwerp">"Onderwerp"</label>
                                {error_of("title")}
                                <input id="bericht-onderwerp" name="fields[title]" value=title maxlength=MAX_TITLE/>
                            </div>
                            <div class="field">
                                <label for="bericht-tekst">"Bericht"</label>
                                <p class="field__hint">"Markdown: *schuin*, **vet**, lijstjes met - en links als [tekst](https://…). De mail toont de tekst zoals u hem typt."</p>
                                {error_of("text")}
                                <textarea id="bericht-tekst" name="fields[text]" rows="10">{text}</textarea>
                            </div>
                            <div class="form__actions">
                                <button type="submit" name="intent" value="preview" class="button--secondary">"Voorbeeld bekijken"</button>
                                <button type="submit" name="intent" value="send">"Versturen"</button>
                            </div>
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
    use crate::editing::form::fields_of;

    #[test]
    fn an_update_needs_a_title_and_a_text_within_bounds() {
        assert!(validate(&fields_of(&[
            ("title", "Nieuw plein"),
            ("text", "Het plein is open.")
        ]))
        .1
        .is_some());
        let (errors, valid) = validate(&fields_of(&[
            ("title", " "),
            ("text", &"x".repeat(MAX_TEXT + 1)),
        ]));
        assert!(valid.is_none());
        assert!(errors.get("title").is_some() && errors.get("text").is_some());
    }
}
