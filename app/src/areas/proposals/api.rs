//! The server functions of proposals. Proposing, supporting, confirming and reporting are
//! open to everyone (limited per IP and address); triage is for coordinators and the
//! area's editors, the threshold for coordinators.

use super::*;
use crate::editing::form::Fields;
#[cfg(feature = "ssr")]
use crate::editing::form::Returned;
use crate::editing::EditError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn pool() -> Result<sqlx::SqlitePool, ProposalError> {
    crate::db::pool_from_context().ok_or(ProposalError::Unavailable)
}

#[cfg(feature = "ssr")]
fn now() -> i64 {
    crate::accounts::session::now()
}

pub fn list_path(slug: &str) -> String {
    format!("/gebieden/{slug}/voorstellen")
}

pub fn proposal_path(slug: &str, id: i64) -> String {
    format!("/gebieden/{slug}/voorstellen/{id}")
}

/// The area (id, name) and whether the caller may triage its proposals (asked quietly).
#[cfg(feature = "ssr")]
async fn area(
    pool: &sqlx::SqlitePool,
    slug: &str,
) -> Result<Option<(i64, String, bool)>, sqlx::Error> {
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM areas WHERE slug = ? AND archived_at IS NULL")
            .bind(slug)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(id, name)| {
        let may = crate::accounts::decide(
            crate::accounts::guard::current_user().as_ref(),
            &crate::accounts::Action::EditArea { area_id: id },
        ) == crate::accounts::Access::Allowed;
        (id, name, may)
    }))
}

/// A form that came back without JavaScript, from the `concept` in the address.
#[cfg(feature = "ssr")]
async fn returned(pool: &sqlx::SqlitePool, concept: &str) -> Result<Option<Returned>, sqlx::Error> {
    if concept.is_empty() {
        return Ok(None);
    }
    Ok(crate::editing::drafts::load_any(pool, concept)
        .await?
        .filter(|(form, _)| form.starts_with("proposal"))
        .map(|(form, draft)| Returned {
            form,
            values: draft.values,
            errors: draft.errors,
        }))
}

/// Without JavaScript: back to `page` with what was typed and why it was refused.
#[cfg(feature = "ssr")]
async fn back_with(
    pool: &sqlx::SqlitePool,
    form: &str,
    page: &str,
    values: Fields,
    error: &ProposalError,
) {
    if !crate::accounts::guard::is_plain_form_post() {
        return;
    }
    let mut errors = match error {
        ProposalError::Invalid(errors) => errors.clone(),
        _ => FieldErrors::default(),
    };
    if errors.is_empty() {
        errors.add("_form", error.to_string());
    }
    crate::editing::drafts::back_to_public_form(pool, form, page, form, values, errors).await;
}

/// The area's opgaves, for merging a proposal into one (only for those who triage).
#[cfg(feature = "ssr")]
async fn merge_choices(
    pool: &sqlx::SqlitePool,
    area_id: i64,
    can_triage: bool,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    if !can_triage {
        return Ok(Vec::new());
    }
    sqlx::query_as("SELECT id, title FROM opgaves WHERE area_id = ? ORDER BY title COLLATE NOCASE")
        .bind(area_id)
        .fetch_all(pool)
        .await
}

#[server(endpoint = "get_proposals")]
pub async fn get_proposals(
    slug: String,
    #[server(default)] concept: String,
) -> Result<Option<ProposalsPage>, ProposalError> {
    let pool = pool()?;
    let Some((area_id, area_name, can_triage)) = area(&pool, &slug).await? else {
        return Ok(None);
    };
    let (open, decided, hidden) = db::of_area(&pool, area_id).await?;
    let opgaves = merge_choices(&pool, area_id, can_triage).await?;
    let mut conn = pool.acquire().await?;
    Ok(Some(ProposalsPage {
        threshold: db::threshold(&mut conn).await?,
        open,
        decided,
        hidden: if can_triage { hidden } else { Vec::new() },
        can_triage,
        opgaves,
        themes: crate::areas::db::themes(&pool).await?,
        returned: returned(&pool, &concept).await?,
        slug,
        area_name,
    }))
}

#[server(endpoint = "get_proposal")]
pub async fn get_proposal(
    slug: String,
    id: i64,
    #[server(default)] concept: String,
) -> Result<Option<ProposalPage>, ProposalError> {
    let pool = pool()?;
    let Some((area_id, area_name, can_triage)) = area(&pool, &slug).await? else {
        return Ok(None);
    };
    let Some((card, history)) = db::one(&pool, area_id, id, can_triage).await? else {
        return Ok(None);
    };
    let opgaves = merge_choices(&pool, area_id, can_triage).await?;
    let mut conn = pool.acquire().await?;
    Ok(Some(ProposalPage {
        threshold: db::threshold(&mut conn).await?,
        card,
        history,
        can_triage,
        opgaves,
        returned: returned(&pool, &concept).await?,
        slug,
        area_name,
    }))
}

#[server(endpoint = "get_pending_confirmation")]
pub async fn get_pending_confirmation(
    token: String,
) -> Result<Option<PendingConfirmation>, ProposalError> {
    Ok(db::pending(&pool()?, &token, now()).await?)
}

/// Proposes an opgave; it is public once confirmed by the link in the mail.
#[allow(clippy::too_many_arguments)]
#[server(endpoint = "propose_opgave")]
pub async fn propose_opgave(
    slug: String,
    #[server(default)] title: String,
    #[server(default)] description: String,
    #[server(default)] theme: String,
    #[server(default)] role: String,
    #[server(default)] organisation: String,
    #[server(default)] name: String,
    #[server(default)] email: String,
    #[server(default)] consent: String,
    #[server(default)] website: String,
) -> Result<(), ProposalError> {
    let pool = pool()?;
    let form = ProposalForm {
        title,
        description,
        theme,
        role,
        organisation,
        name,
        email,
        consent: consent == "ja",
    };
    let result = if website.is_empty() {
        let ip = crate::accounts::guard::request_auth().ip;
        db::propose(&pool, &slug, &form, &ip, now())
            .await
            .map(|_| ())
    } else {
        // A robot filled in the hidden field: checked like anyone, then nothing is stored.
        let errors = validate_proposal(&form, &[form.theme.clone()]);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ProposalError::Invalid(errors))
        }
    };
    // Nothing is public before the confirmation.
    crate::page_tags::changed(&[]);
    match &result {
        Ok(()) => {
            if crate::accounts::guard::is_plain_form_post() {
                leptos_axum::redirect(&format!("{}?voorgesteld=ja", list_path(&slug)));
            }
        }
        Err(error) => {
            let values = [
                ("title", &form.title),
                ("description", &form.description),
                ("theme", &form.theme),
                ("role", &form.role),
                ("organisation", &form.organisation),
                ("name", &form.name),
                ("email", &form.email),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
            back_with(&pool, "proposal-new", &list_path(&slug), values, error).await;
        }
    }
    result
}

/// Supports an open proposal; counts once confirmed by the link in the mail.
#[server(endpoint = "support_proposal")]
pub async fn support_proposal(
    slug: String,
    proposal_id: i64,
    #[server(default)] name: String,
    #[server(default)] email: String,
    #[server(default)] consent: String,
    #[server(default)] website: String,
) -> Result<(), ProposalError> {
    let pool = pool()?;
    let consent = consent == "ja";
    let result = if website.is_empty() {
        let ip = crate::accounts::guard::request_auth().ip;
        db::support(&pool, proposal_id, &name, &email, consent, &ip, now()).await
    } else {
        let mut errors = FieldErrors::default();
        validate_person(&name, &email, consent, &mut errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ProposalError::Invalid(errors))
        }
    };
    crate::page_tags::changed(&[]);
    let page = proposal_path(&slug, proposal_id);
    match &result {
        Ok(()) => {
            if crate::accounts::guard::is_plain_form_post() {
                leptos_axum::redirect(&format!("{page}?gesteund=ja"));
            }
        }
        Err(error) => {
            let values = [("name", &name), ("email", &email)]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect();
            back_with(&pool, "proposal-support", &page, values, error).await;
        }
    }
    result
}

/// Confirms a proposal or a support (a button on the page the mail links to).
#[server(endpoint = "confirm_proposal")]
pub async fn confirm_proposal(token: String) -> Result<String, ProposalError> {
    let result = db::confirm(&pool()?, &token, now()).await;
    // A confirmed proposal or support shows on the area's profile and proposal pages.
    if let Some(slug) = result.as_ref().ok().and_then(|page| page.split('/').nth(2)) {
        crate::page_tags::changed(&[crate::page_tags::proposals(slug)]);
    }
    if crate::accounts::guard::is_plain_form_post() {
        match &result {
            Ok(page) => leptos_axum::redirect(&format!("{page}?bevestigd=ja")),
            Err(_) => leptos_axum::redirect(&format!("/voorstellen/bevestigen/{token}")),
        }
    }
    result
}

/// Reports a proposal (once per IP); the third report hides it until a coordinator looks.
#[server(endpoint = "report_proposal")]
pub async fn report_proposal(slug: String, proposal_id: i64) -> Result<bool, ProposalError> {
    let ip = crate::accounts::guard::request_auth().ip;
    let result = db::report(&pool()?, proposal_id, &ip, now()).await;
    // Only a report that hides the proposal changes what the public sees (on the pages of
    // the proposal's own area, whatever the form sent as `slug`).
    match &result {
        Ok(Some(area)) => crate::page_tags::changed(&[crate::page_tags::proposals(area)]),
        _ => crate::page_tags::changed(&[]),
    }
    let result = result.map(|hidden| hidden.is_some());
    if crate::accounts::guard::is_plain_form_post() && result.is_ok() {
        leptos_axum::redirect(&format!("{}?gemeld=ja", proposal_path(&slug, proposal_id)));
    }
    result
}

/// Adopts, merges, declines, or (after unfounded reports) shows a proposal again.
/// Coordinators and the area's editors.
#[server(endpoint = "triage_proposal")]
pub async fn triage_proposal(
    slug: String,
    proposal_id: i64,
    #[server(default)] fields: Fields,
) -> Result<(), EditError> {
    use crate::editing::form::server::{clean, done, pool, refuse};
    let pool = pool()?;
    let values = clean(fields, &["decision", "opgave", "reason", "text"]);
    let form = "proposal-triage";
    let page = proposal_path(&slug, proposal_id);
    let (area_id, user) =
        crate::areas::edit::api::allowed_for_area(&pool, &slug, form, &page, &values).await?;
    let get = |name: &str| values.get(name).map(String::as_str).unwrap_or("");
    let mut errors = FieldErrors::default();
    let decision = match get("decision") {
        "adopt" => Some(db::Decision::Adopt),
        "merge" => match get("opgave").parse::<i64>() {
            Ok(opgave_id) => Some(db::Decision::Merge { opgave_id }),
            Err(_) => {
                errors.add("opgave", "Kies de opgave waarmee het voorstel samengaat.");
                None
            }
        },
        "decline" => {
            let reason = DeclineReason::from_code(get("reason"));
            let text = get("text").to_string();
            if reason.is_none() {
                errors.add("reason", "Kies een reden.");
            }
            if text.is_empty() || text.chars().count() > 1000 {
                errors.add(
                    "text",
                    "Leg in een paar zinnen uit waarom (hoogstens 1000 tekens); dit is openbaar.",
                );
            }
            reason
                .filter(|_| errors.is_empty())
                .map(|reason| db::Decision::Decline { reason, text })
        }
        "show" => Some(db::Decision::Show),
        _ => {
            errors.add("decision", "Kies wat er met het voorstel gebeurt.");
            None
        }
    };
    let Some(decision) = decision else {
        return Err(refuse(&pool, form, &page, &values, errors).await);
    };
    let now = crate::accounts::session::now();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let Some(opgave) = db::decide(&mut tx, area_id, proposal_id, &decision, now).await? else {
        return Err(EditError::NotFound);
    };
    crate::editing::audit::record(
        &mut tx,
        &user,
        crate::editing::audit::AuditAction::Update,
        "proposal",
        proposal_id,
        None,
        Some(&serde_json::json!({ "decision": get("decision"), "opgave": opgave })),
    )
    .await?;
    tx.commit().await?;
    done(&format!("{page}?besloten=ja"));
    Ok(())
}

/// The number of supports that marks a proposal ready (for every area). Coordinators.
#[server(endpoint = "set_support_threshold")]
pub async fn set_support_threshold(
    slug: String,
    #[server(default)] fields: Fields,
) -> Result<(), EditError> {
    use crate::editing::form::server::{allowed, clean, done, pool, refuse};
    let pool = pool()?;
    let values = clean(fields, &["threshold"]);
    let form = "proposal-threshold";
    let page = list_path(&slug);
    allowed(
        &pool,
        crate::accounts::Action::Coordinate,
        form,
        &page,
        &values,
    )
    .await?;
    let value = values
        .get("threshold")
        .and_then(|v| v.parse::<i64>().ok())
        .filter(|v| (1..=10_000).contains(v));
    let Some(value) = value else {
        let mut errors = FieldErrors::default();
        errors.add("threshold", "Vul een aantal van 1 tot en met 10.000 in.");
        return Err(refuse(&pool, form, &page, &values, errors).await);
    };
    db::set_threshold(&pool, value).await?;
    done(&format!("{page}?drempel=ja"));
    Ok(())
}
