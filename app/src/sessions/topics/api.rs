//! The server functions of `/sessies/onderwerpen`: the page data, suggest, vote, triage.

use super::*;

#[cfg(feature = "ssr")]
fn pool() -> Result<sqlx::SqlitePool, TopicError> {
    crate::db::pool_from_context().ok_or(TopicError::Unavailable)
}

/// The voter token in this request's cookies, if any.
#[cfg(feature = "ssr")]
fn request_voter_token() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(voter_token_from_cookie_header)
        .map(str::to_string)
}

#[cfg(feature = "ssr")]
fn page_url(query: &str, anchor: &str) -> String {
    format!("{PAGE_PATH}?{query}#{anchor}")
}

/// The page's data. Name and email only for coordinators; `concept` brings back a form
/// that could not be saved without JavaScript.
#[server(endpoint = "get_topics")]
pub async fn get_topics(
    #[server(default)] theme: String,
    #[server(default)] concept: String,
) -> Result<TopicsPage, TopicError> {
    let pool = pool()?;
    // Asked quietly: `guard::require` would log every anonymous page view as a refusal.
    let coordinator = crate::accounts::decide(
        crate::accounts::guard::current_user().as_ref(),
        &crate::accounts::Action::Coordinate,
    ) == crate::accounts::Access::Allowed;
    let theme_options = crate::areas::db::themes(&pool).await?;
    let theme_filter = if theme_options.iter().any(|(key, _)| *key == theme) {
        theme
    } else {
        String::new()
    };
    let voter_id = match request_voter_token() {
        Some(token) => db::voter_id(&pool, &token).await?,
        None => None,
    };
    let mut topics = db::list(
        &pool,
        (!theme_filter.is_empty()).then_some(theme_filter.as_str()),
        voter_id,
    )
    .await?;
    if !coordinator {
        for topic in &mut topics {
            topic.contact = None;
            if let Some(session) = &mut topic.session {
                if !session.public {
                    session.slug.clear();
                    session.title.clear();
                }
            }
        }
    }
    let session_options = if coordinator {
        db::session_choices(&pool).await?
    } else {
        Vec::new()
    };
    let triage_draft = if coordinator && !concept.is_empty() {
        crate::editing::drafts::load(&pool, "topics:triage", &concept)
            .await?
            .map(|d| TopicDraft {
                values: d.values,
                errors: d.errors,
            })
    } else {
        None
    };
    let (mut open, mut planned, mut declined) = (Vec::new(), Vec::new(), Vec::new());
    for topic in topics {
        match topic.status {
            TopicStatus::Open => open.push(topic),
            TopicStatus::Planned => planned.push(topic),
            TopicStatus::Declined => declined.push(topic),
        }
    }
    Ok(TopicsPage {
        open,
        planned,
        declined,
        theme_options,
        theme_filter,
        coordinator,
        session_options,
        triage_draft,
    })
}

/// The suggestion form's choices, and (`concept`) what a form that could not be saved
/// without JavaScript held.
#[server(endpoint = "topic_form")]
pub async fn topic_form(#[server(default)] concept: String) -> Result<SuggestFormData, TopicError> {
    let pool = pool()?;
    let draft = if concept.is_empty() {
        None
    } else {
        crate::editing::drafts::load(&pool, "topics:suggest", &concept).await?
    };
    Ok(SuggestFormData {
        themes: crate::areas::db::themes(&pool).await?,
        areas: crate::library::db::area_choices(&pool).await?,
        draft: draft
            .map(|d| TopicDraft {
                values: d.values,
                errors: d.errors,
            })
            .unwrap_or_default(),
    })
}

/// Suggests a topic; open to everyone, limited per IP. Without JavaScript the browser goes
/// back to the page: to the list, or to the form with what was typed and why it failed.
#[server(endpoint = "suggest_topic")]
pub async fn suggest_topic(
    #[server(default)] theme: String,
    #[server(default)] text: String,
    #[server(default)] area: String,
    #[server(default)] name: String,
    #[server(default)] email: String,
) -> Result<i64, TopicError> {
    let pool = pool()?;
    let auth = crate::accounts::guard::request_auth();
    let form = SuggestionForm {
        theme,
        text,
        area,
        name,
        email,
    };
    let result = db::suggest(&pool, &form, &auth.ip, crate::accounts::session::now()).await;
    if result.is_ok() {
        crate::page_tags::changed(&[crate::page_tags::TOPICS.into()]);
    }
    if crate::accounts::guard::is_plain_form_post() {
        match &result {
            Ok(_) => {
                leptos_axum::redirect(&page_url(&format!("bericht={SUGGESTED}"), "voorstellen"))
            }
            Err(error) => {
                let mut errors = match error {
                    TopicError::Invalid(errors) => errors.clone(),
                    _ => FieldErrors::default(),
                };
                if errors.is_empty() {
                    errors.add("form", error.to_string());
                }
                crate::editing::drafts::back_to_public_form(
                    &pool,
                    "topics:suggest",
                    PAGE_PATH,
                    "voorstellen",
                    form.values(),
                    errors,
                )
                .await;
            }
        }
    }
    result
}

/// Votes for an open suggestion, or (`withdraw=ja`) takes the vote back. A browser's first
/// vote gives it its voter cookie.
#[server(endpoint = "vote_topic")]
pub async fn vote_topic(
    suggestion_id: i64,
    #[server(default)] withdraw: String,
) -> Result<VoteOutcome, TopicError> {
    let result: Result<VoteOutcome, TopicError> = async {
        let pool = pool()?;
        let auth = crate::accounts::guard::request_auth();
        let now = crate::accounts::session::now();
        let known = match request_voter_token() {
            Some(token) => db::voter_id(&pool, &token).await?,
            None => None,
        };
        // The button sends "ja" or nothing; anything else is not a vote.
        if !withdraw.is_empty() && withdraw != "ja" {
            return Err(TopicError::Invalid(FieldErrors::default()));
        }
        if withdraw == "ja" {
            return match known {
                Some(voter) => db::withdraw(&pool, suggestion_id, voter).await,
                None => Ok(VoteOutcome::NotVoted),
            };
        }
        if !db::is_open(&pool, suggestion_id).await? {
            return Err(TopicError::NotFound);
        }
        if !db::may_vote(&pool, &auth.ip, now).await? {
            return Err(TopicError::TooManyVotes);
        }
        let voter = match known {
            Some(voter) => voter,
            None => {
                let (voter, token) = db::new_voter(&pool, &auth.ip, now).await?;
                crate::accounts::api::set_cookie(&voter_cookie(&token, auth.secure));
                voter
            }
        };
        db::vote(&pool, suggestion_id, voter, &auth.ip, now).await
    }
    .await;
    if result.is_ok() {
        crate::page_tags::changed(&[crate::page_tags::TOPICS.into()]);
    }
    if crate::accounts::guard::is_plain_form_post() {
        let code = match &result {
            Ok(outcome) => outcome.code(),
            Err(error) => error.code(),
        };
        leptos_axum::redirect(&page_url(&format!("bericht={code}"), "open-kop"));
    }
    result
}

/// A coordinator plans a suggestion (with a session) or declines it (with a public reason).
#[server(endpoint = "triage_topic")]
pub async fn triage_topic(
    suggestion_id: i64,
    #[server(default)] decision: String,
    #[server(default)] session: String,
    #[server(default)] reason: String,
) -> Result<(), EditError> {
    let user = crate::accounts::guard::require(crate::accounts::Action::Coordinate)?;
    let pool = crate::db::pool_from_context().ok_or(EditError::Unavailable)?;
    let result = match validate_triage(suggestion_id, &decision, &session, &reason) {
        Ok(triage) => db::triage(&pool, &user, suggestion_id, &triage).await,
        Err(errors) => Err(EditError::Invalid(errors)),
    };
    if crate::accounts::guard::is_plain_form_post() {
        match &result {
            Ok(()) => leptos_axum::redirect(&page_url(&format!("bericht={TRIAGED}"), "open-kop")),
            Err(error) => {
                let mut errors = match error {
                    EditError::Invalid(errors) => errors.clone(),
                    _ => FieldErrors::default(),
                };
                if errors.is_empty() {
                    errors.add(&format!("form-{suggestion_id}"), error.to_string());
                }
                let values = [
                    ("suggestion_id", suggestion_id.to_string()),
                    ("decision", decision.clone()),
                    ("session", session.clone()),
                    ("reason", reason.clone()),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
                let draft = crate::editing::drafts::Draft {
                    values,
                    errors,
                    preview_html: None,
                };
                if let Ok(token) =
                    crate::editing::drafts::store(&pool, "topics:triage", &draft).await
                {
                    leptos_axum::redirect(&page_url(
                        &format!("concept={token}"),
                        &format!("onderwerp-{suggestion_id}"),
                    ));
                }
            }
        }
    }
    result
}
