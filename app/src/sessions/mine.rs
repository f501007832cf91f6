//! "Mijn aanmeldingen": whoever lost their confirmation mail enters their address and gets
//! one mail listing every active registration of that address, each with a fresh personal
//! link, plus a personal calendar feed of those sessions. Only hashes of the links are
//! stored. The reply on screen is the same whether or not the address is known, so the form
//! cannot be used to find out who signs up; at most one mail per address per ten minutes
//! and a few requests per IP per hour keep it from being used to flood an inbox.

use crate::editing::FieldErrors;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub const PAGE_PATH: &str = "/mijn-aanmeldingen";
/// At most one mail per address in this many seconds.
pub const SECS_BETWEEN_MAILS: i64 = 600;
/// Requests from one IP per hour.
pub const MAX_REQUESTS_PER_IP_PER_HOUR: i64 = 10;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum LookupError {
    #[error("Niet alle velden zijn goed ingevuld.")]
    Invalid(FieldErrors),
    #[error("Vanaf uw internetverbinding is dit het afgelopen uur al {MAX_REQUESTS_PER_IP_PER_HOUR} keer gevraagd. Probeer het over een uur opnieuw.")]
    TooManyRequests,
    #[error("Dit lukt op dit moment niet. Probeer het over een paar minuten opnieuw.")]
    Unavailable,
    #[error("De verbinding met de server mislukte. Probeer het opnieuw.")]
    Transport(String),
}

impl LookupError {
    /// The HTTP status that says what happened (see `crate::status`).
    pub fn status(&self) -> u16 {
        match self {
            LookupError::Invalid(_) => 422,
            LookupError::TooManyRequests => 429,
            LookupError::Unavailable => 503,
            LookupError::Transport(_) => 400,
        }
    }
}

impl leptos::server_fn::error::FromServerFnError for LookupError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;
    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        LookupError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for LookupError {
    fn from(error: sqlx::Error) -> Self {
        log::error!("my registrations query failed: {error}");
        LookupError::Unavailable
    }
}

/// What the form held when it came back (without JavaScript) with an error.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LookupDraft {
    pub email: String,
    pub errors: FieldErrors,
}

/// The form as it came back, from the `concept` in the address.
#[server(endpoint = "get_my_registrations_form")]
pub async fn get_my_registrations_form(
    #[server(default)] concept: String,
) -> Result<LookupDraft, LookupError> {
    if concept.is_empty() {
        return Ok(LookupDraft::default());
    }
    let pool = crate::db::pool_from_context().ok_or(LookupError::Unavailable)?;
    Ok(crate::editing::drafts::load(&pool, "mine", &concept)
        .await?
        .map(|draft| LookupDraft {
            email: draft.values.get("email").cloned().unwrap_or_default(),
            errors: draft.errors,
        })
        .unwrap_or_default())
}

/// Mails the address its active registrations, if it has any. The answer does not say
/// whether it had: only a malformed address or too many requests from one IP are refused.
#[server(endpoint = "send_my_registrations")]
pub async fn send_my_registrations(
    email: String,
    #[server(default)] website: String,
) -> Result<(), LookupError> {
    let result = async {
        // A robot filled in the hidden field: answer as usual (after the checks anyone
        // gets), store and send nothing.
        if !website.is_empty() {
            if let Some(problem) = crate::sessions::email_problem(&email) {
                let mut errors = FieldErrors::default();
                errors.add("email", problem);
                return Err(LookupError::Invalid(errors));
            }
            return Ok(());
        }
        let pool = crate::db::pool_from_context().ok_or(LookupError::Unavailable)?;
        let ip = crate::accounts::guard::request_auth().ip;
        db::send(&pool, &email, &ip, crate::accounts::session::now())
            .await
            .map(|_| ())
    }
    .await;
    // Nothing public changed: no cached page goes stale.
    crate::page_tags::changed(&[]);
    if crate::accounts::guard::is_plain_form_post() {
        match &result {
            Ok(()) => leptos_axum::redirect(&format!("{PAGE_PATH}?verstuurd=ja")),
            Err(error) => {
                let mut errors = match error {
                    LookupError::Invalid(errors) => errors.clone(),
                    _ => FieldErrors::default(),
                };
                if errors.is_empty() {
                    errors.add("form", error.to_string());
                }
                let values = [("email".to_string(), email.clone())].into_iter().collect();
                match crate::db::pool_from_context() {
                    Some(pool) => {
                        crate::editing::drafts::back_to_public_form(
                            &pool, "mine", PAGE_PATH, "opvragen", values, errors,
                        )
                        .await
                    }
                    None => leptos_axum::redirect(&format!("{PAGE_PATH}#opvragen")),
                }
            }
        }
    }
    result
}

#[cfg(feature = "ssr")]
pub mod db {
    use super::*;
    use crate::accounts::session::{new_token, token_hash};
    use crate::sessions::db::{mail_entry, CalendarEntry};
    use crate::sessions::{amsterdam_time, email_problem, mail, RegistrationStatus};
    use sqlx::SqlitePool;

    /// What a request came to (the visitor is told the same in every case).
    #[derive(Debug, PartialEq)]
    pub enum Sent {
        /// One mail listing this many registrations.
        Mailed(usize),
        /// The address has no active registration: no mail.
        NothingToSend,
        /// A mail went to this address less than ten minutes ago: no second one.
        TooSoon,
    }

    /// One active registration in the overview mail.
    pub struct Listed {
        pub session: CalendarEntry,
        pub status: RegistrationStatus,
        pub waiting_position: Option<i64>,
        pub token: String,
    }

    fn address_hash(email: &str) -> String {
        token_hash(&crate::sessions::normalised_email(email))
    }

    /// Checks the limits, and writes the overview mail with fresh links to the outbox when
    /// the address has active registrations: in one transaction.
    pub async fn send(
        pool: &SqlitePool,
        email: &str,
        ip: &str,
        now: i64,
    ) -> Result<Sent, LookupError> {
        if let Some(problem) = email_problem(email) {
            let mut errors = FieldErrors::default();
            errors.add("email", problem);
            return Err(LookupError::Invalid(errors));
        }
        let email = email.trim();
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query("DELETE FROM registration_lookups WHERE created_at < ?")
            .bind(now - 86_400)
            .execute(&mut *tx)
            .await?;
        let from_ip: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM registration_lookups WHERE ip = ? AND created_at > ?",
        )
        .bind(ip)
        .bind(now - 3600)
        .fetch_one(&mut *tx)
        .await?;
        if from_ip >= MAX_REQUESTS_PER_IP_PER_HOUR {
            return Err(LookupError::TooManyRequests);
        }
        let hash = address_hash(email);
        let recent: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM registration_lookups WHERE email_hash = ? AND created_at > ? LIMIT 1",
        )
        .bind(&hash)
        .bind(now - SECS_BETWEEN_MAILS)
        .fetch_optional(&mut *tx)
        .await?;
        if recent.is_some() {
            // Not recorded, so asking again and again does not push the next mail away.
            return Ok(Sent::TooSoon);
        }
        sqlx::query(
            "INSERT INTO registration_lookups (email_hash, ip, created_at) VALUES (?, ?, ?)",
        )
        .bind(&hash)
        .bind(ip)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let active: Vec<(i64, i64, String, String, i64)> = sqlx::query_as(
            "SELECT r.id, r.session_id, r.name, r.status, r.queue
             FROM registrations r JOIN learning_sessions s ON s.id = r.session_id
             WHERE r.email = ? AND r.status IN ('confirmed', 'waiting')
               AND s.status = 'published' AND s.ends_at >= ?
             ORDER BY s.starts_at, r.id",
        )
        .bind(email)
        .bind(amsterdam_time(now))
        .fetch_all(&mut *tx)
        .await?;
        if active.is_empty() {
            tx.commit().await?;
            return Ok(Sent::NothingToSend);
        }
        let mut listed = Vec::with_capacity(active.len());
        for (id, session_id, _, status, queue) in &active {
            let token = new_token();
            sqlx::query(
                "INSERT INTO registration_links (token_hash, registration_id) VALUES (?, ?)",
            )
            .bind(token_hash(&token))
            .bind(id)
            .execute(&mut *tx)
            .await?;
            let status =
                RegistrationStatus::from_code(status).unwrap_or(RegistrationStatus::Waiting);
            let waiting_position = if status == RegistrationStatus::Waiting {
                Some(
                    sqlx::query_scalar(
                        "SELECT count(*) FROM registrations
                         WHERE session_id = ? AND status = 'waiting' AND queue <= ?",
                    )
                    .bind(session_id)
                    .bind(queue)
                    .fetch_one(&mut *tx)
                    .await?,
                )
            } else {
                None
            };
            listed.push(Listed {
                session: mail_entry(&mut tx, *session_id).await?,
                status,
                waiting_position,
                token,
            });
        }
        let feed_token = new_token();
        sqlx::query(
            "INSERT INTO registration_feeds (token_hash, email, created_at) VALUES (?, ?, ?)",
        )
        .bind(token_hash(&feed_token))
        .bind(email)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        // The name given with the latest sign-up.
        let name = active
            .iter()
            .max_by_key(|row| row.0)
            .map(|row| row.2.as_str())
            .unwrap_or("");
        let to = mail::Recipient { name, email };
        crate::mail::enqueue(
            &mut tx,
            &mail::my_registrations(&to, &listed, &feed_token),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(Sent::Mailed(listed.len()))
    }

    /// The sessions of a personal feed: every session the address is (or was, while the
    /// session is not purged) signed up for and did not cancel, with the waiting list said
    /// in the title. `None` for an unknown token.
    pub async fn feed_entries(
        pool: &SqlitePool,
        token: &str,
    ) -> Result<Option<Vec<CalendarEntry>>, sqlx::Error> {
        let email: Option<String> =
            sqlx::query_scalar("SELECT email FROM registration_feeds WHERE token_hash = ?")
                .bind(token_hash(token))
                .fetch_optional(pool)
                .await?;
        let Some(email) = email else {
            return Ok(None);
        };
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT r.status, r.session_id FROM registrations r
             JOIN learning_sessions s ON s.id = r.session_id
             WHERE r.email = ? AND r.status IN ('confirmed', 'waiting') AND s.status <> 'draft'
             ORDER BY s.starts_at",
        )
        .bind(&email)
        .fetch_all(pool)
        .await?;
        let mut conn = pool.acquire().await?;
        let mut entries = Vec::with_capacity(rows.len());
        for (status, session_id) in rows {
            let mut entry = mail_entry(&mut conn, session_id).await?;
            if status == "waiting" {
                entry.title.push_str(" (wachtlijst)");
            }
            entries.push(entry);
        }
        Ok(Some(entries))
    }

    /// Forgets feeds of addresses that have no registration left (after the retention
    /// purge replaced the addresses, or after every sign-up was cancelled long ago).
    pub async fn forget_unused_feeds(pool: &SqlitePool) -> Result<u64, sqlx::Error> {
        Ok(sqlx::query(
            "DELETE FROM registration_feeds WHERE NOT EXISTS (
                 SELECT 1 FROM registrations r WHERE r.email = registration_feeds.email)",
        )
        .execute(pool)
        .await?
        .rows_affected())
    }
}

/// The form: an address, a hidden honeypot, one button. `id_prefix` keeps ids unique on a
/// page with another form.
#[component]
pub fn MyRegistrationsForm(
    #[prop(optional)] draft: LookupDraft,
    #[prop(into)] id_prefix: String,
) -> impl IntoView {
    let action = ServerAction::<SendMyRegistrations>::new();
    let email_id = format!("{id_prefix}-email");
    view! {
        {draft.errors.get("form").cloned().map(|m| view! { <div class="notice notice--error" role="alert"><p>{m}</p></div> })}
        <ActionForm action=action attr:class="form form--inline">
            <div class="field">
                <label for=email_id.clone()>"Uw e-mailadres"</label>
                {draft.errors.get("email").cloned().map(|m| view! { <p class="field__error">{m}</p> })}
                <input id=email_id name="email" type="email" autocomplete="email" value=draft.email.clone() required/>
            </div>
            <crate::ui::honeypot::Honeypot id_prefix=id_prefix.clone()/>
            <div class="form__actions"><button type="submit">"Stuur mij mijn aanmeldingen"</button></div>
        </ActionForm>
    }
}

/// `/mijn-aanmeldingen`
#[component]
pub fn MyRegistrationsPage() -> impl IntoView {
    use leptos_meta::Title;
    use leptos_router::hooks::use_query_map;
    let query = use_query_map();
    let sent = move || query.read().get("verstuurd").as_deref() == Some("ja");
    let form = Resource::new(
        move || query.read().get("concept").unwrap_or_default(),
        get_my_registrations_form,
    );
    view! {
        <Title text="Mijn aanmeldingen"/>
        <nav aria-label="Kruimelpad" class="breadcrumb">
            <a href="/sessies">"Sessies"</a>" › "<span aria-current="page">"Mijn aanmeldingen"</span>
        </nav>
        <h1>"Mijn aanmeldingen"</h1>
        <p class="lead">
            "Bevestiging kwijt? Vul het adres in waarmee u zich aanmeldde. U krijgt één mail met al uw komende aanmeldingen, "
            "elk met een nieuwe persoonlijke link om te bekijken of af te melden, en een agenda-abonnement met die sessies."
        </p>
        {move || sent().then(|| view! {
            <div class="notice notice--ok" role="status">
                <p><strong>"Verstuurd, als er aanmeldingen bij dit adres horen."</strong></p>
                <p>"De mail komt binnen een paar minuten. Niets ontvangen? Kijk in uw map met ongewenste mail, of vraag het over tien minuten opnieuw."</p>
            </div>
        })}
        <section aria-labelledby="opvragen-kop" id="opvragen">
            <h2 id="opvragen-kop">"Aanmeldingen opvragen"</h2>
            <Suspense fallback=|| view! { <p aria-busy="true">"Laden…"</p> }>
                {move || Suspend::new(async move {
                    let draft = form.await.unwrap_or_default();
                    view! { <MyRegistrationsForm draft id_prefix="mijn"/> }
                })}
            </Suspense>
        </section>
        <p class="muted">"We bewaren niet wie dit vraagt; alleen een onherkenbare vorm van het adres, een dag lang, om te voorkomen dat iemand een inbox volstuurt. Zie de "<a href="/privacy">"privacyverklaring"</a>"."</p>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::db::*;
    use super::*;

    const NOW: i64 = 1_796_000_000; // 2026-11-30

    async fn session(pool: &sqlx::SqlitePool, slug: &str, starts: &str, capacity: i64) -> i64 {
        sqlx::query_scalar(
            "INSERT INTO learning_sessions (slug, kind, title, starts_at, ends_at, online, capacity,
                 signup_deadline, status)
             VALUES (?1, 'thematic', 'Sessie ' || ?1, ?2, ?2 || ':59', 1, ?3, ?2, 'published')
             RETURNING id",
        )
        .bind(slug)
        .bind(starts)
        .bind(capacity)
        .fetch_one(pool)
        .await
        .unwrap()
    }

    async fn register(
        pool: &sqlx::SqlitePool,
        session: i64,
        email: &str,
        status: &str,
        queue: i64,
    ) {
        sqlx::query(
            "INSERT INTO registrations (session_id, token_hash, name, email, role, consent_at, status, queue)
             VALUES (?, lower(hex(randomblob(32))), 'Fatima', ?, 'entrepreneur', '2026-11-01T10:00:00Z', ?, ?)",
        )
        .bind(session)
        .bind(email)
        .bind(status)
        .bind(queue)
        .execute(pool)
        .await
        .unwrap();
    }

    async fn outbox(pool: &sqlx::SqlitePool) -> Vec<(String, String)> {
        sqlx::query_as(
            "SELECT recipient, body FROM mail_outbox WHERE kind = 'my_registrations' ORDER BY id",
        )
        .fetch_all(pool)
        .await
        .unwrap()
    }

    #[tokio::test]
    async fn the_mail_lists_exactly_the_active_registrations_with_working_links() {
        let pool = crate::db::test_pool().await;
        let upcoming = session(&pool, "komend", "2027-01-14T19:30", 1).await;
        let full = session(&pool, "vol", "2027-02-14T19:30", 1).await;
        let past = session(&pool, "voorbij", "2026-10-08T19:30", 10).await;
        let cancelled_by_me = session(&pool, "afgemeld", "2027-03-01T10:00", 10).await;
        register(&pool, upcoming, "fatima@voorbeeld.nl", "confirmed", 1).await;
        register(&pool, full, "iemand@voorbeeld.nl", "confirmed", 1).await;
        register(&pool, full, "Fatima@Voorbeeld.nl", "waiting", 2).await;
        register(&pool, past, "fatima@voorbeeld.nl", "confirmed", 1).await;
        register(
            &pool,
            cancelled_by_me,
            "fatima@voorbeeld.nl",
            "cancelled",
            1,
        )
        .await;
        register(&pool, upcoming, "ander@voorbeeld.nl", "waiting", 2).await;

        assert_eq!(
            send(&pool, " FATIMA@voorbeeld.nl ", "10.0.0.1", NOW).await,
            Ok(Sent::Mailed(2))
        );
        let mails = outbox(&pool).await;
        assert_eq!(mails.len(), 1);
        let body = &mails[0].1;
        assert!(
            body.contains("Sessie komend") && body.contains("Sessie vol"),
            "{body}"
        );
        assert!(
            !body.contains("Sessie voorbij") && !body.contains("Sessie afgemeld"),
            "{body}"
        );
        assert!(body.contains("wachtlijst, op plaats 1"), "{body}");
        // Every link in the mail opens its registration.
        let links: Vec<&str> = body
            .split_whitespace()
            .filter_map(|word| word.split("/aanmelding/").nth(1))
            .collect();
        assert_eq!(links.len(), 2, "{body}");
        for token in links {
            let page = crate::sessions::db::registration(&pool, token)
                .await
                .unwrap();
            assert_eq!(page.expect("the link works").name, "Fatima");
        }
        // The feed has the same sessions (the waiting one said so), and the past one.
        let feed = body
            .split_whitespace()
            .find_map(|word| word.split("/mijn-aanmeldingen/").nth(1))
            .and_then(|rest| rest.strip_suffix("/agenda.ics"))
            .expect("a feed link");
        let entries = feed_entries(&pool, feed).await.unwrap().unwrap();
        let titles: Vec<&str> = entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Sessie voorbij", "Sessie komend", "Sessie vol (wachtlijst)"]
        );
        assert_eq!(
            feed_entries(&pool, &"0".repeat(64))
                .await
                .unwrap()
                .map(|_| ()),
            None
        );
    }

    #[tokio::test]
    async fn unknown_addresses_get_nothing_and_the_limits_hold() {
        let pool = crate::db::test_pool().await;
        let upcoming = session(&pool, "komend", "2027-01-14T19:30", 10).await;
        register(&pool, upcoming, "fatima@voorbeeld.nl", "confirmed", 1).await;
        assert_eq!(
            send(&pool, "onbekend@voorbeeld.nl", "10.0.0.1", NOW).await,
            Ok(Sent::NothingToSend)
        );
        assert!(matches!(
            send(&pool, "geen adres", "10.0.0.1", NOW).await,
            Err(LookupError::Invalid(_))
        ));
        assert_eq!(
            send(&pool, "fatima@voorbeeld.nl", "10.0.0.1", NOW).await,
            Ok(Sent::Mailed(1))
        );
        // Once per ten minutes per address, from any IP.
        assert_eq!(
            send(&pool, "fatima@voorbeeld.nl", "10.0.0.2", NOW + 60).await,
            Ok(Sent::TooSoon)
        );
        assert_eq!(
            send(
                &pool,
                "fatima@voorbeeld.nl",
                "10.0.0.2",
                NOW + SECS_BETWEEN_MAILS + 1
            )
            .await,
            Ok(Sent::Mailed(1))
        );
        assert_eq!(outbox(&pool).await.len(), 2);
        // A few requests per IP per hour, whatever the address.
        for n in 2..MAX_REQUESTS_PER_IP_PER_HOUR {
            send(&pool, &format!("x{n}@voorbeeld.nl"), "10.0.0.1", NOW + n)
                .await
                .unwrap();
        }
        assert_eq!(
            send(&pool, "nog@voorbeeld.nl", "10.0.0.1", NOW + 100).await,
            Err(LookupError::TooManyRequests)
        );
        assert_eq!(
            send(&pool, "nog@voorbeeld.nl", "10.0.0.1", NOW + 3700).await,
            Ok(Sent::NothingToSend)
        );
    }

    #[tokio::test]
    async fn feeds_of_addresses_without_registrations_are_forgotten() {
        let pool = crate::db::test_pool().await;
        let upcoming = session(&pool, "komend", "2027-01-14T19:30", 10).await;
        register(&pool, upcoming, "fatima@voorbeeld.nl", "confirmed", 1).await;
        send(&pool, "fatima@voorbeeld.nl", "10.0.0.1", NOW)
            .await
            .unwrap();
        assert_eq!(forget_unused_feeds(&pool).await.unwrap(), 0);
        sqlx::query("UPDATE registrations SET email = 'verwijderd-1@kernpunt.invalid'")
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(forget_unused_feeds(&pool).await.unwrap(), 1);
    }
}
