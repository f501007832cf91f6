//! A real server on a free port with a fresh, seeded database, for the HTTP tests.
#![allow(dead_code)]

use server::{open_database, AppState, Config};
use std::net::SocketAddr;

pub struct TestServer {
    pub base: String,
    pub client: reqwest::Client,
    pub dir: tempfile::TempDir,
    pub pool: sqlx::SqlitePool,
}

impl TestServer {
    /// Starts the server on a free port with a fresh database holding the demo data.
    pub async fn start() -> TestServer {
        Self::start_with(true, &[]).await
    }

    /// Like [`TestServer::start`], with `KERNPUNT_TRUSTED_PROXIES` set to `proxies`.
    pub async fn start_behind_proxy(proxies: &str) -> TestServer {
        Self::start_with(true, &[("KERNPUNT_TRUSTED_PROXIES", proxies)]).await
    }

    /// Like [`TestServer::start`], with these settings (environment variables) as well.
    pub async fn start_with_settings(settings: &[(&str, &str)]) -> TestServer {
        Self::start_with(true, settings).await
    }

    /// Starts the server on a freshly migrated, empty database, as a new city would have,
    /// with one administrator (`admin@stad.nl`, the demo password).
    pub async fn start_empty() -> TestServer {
        let server = Self::start_with(false, &[]).await;
        server
            .add_user("admin@stad.nl", "Ada Beheer", app::accounts::Role::Admin)
            .await;
        server
    }

    /// An account with the demo password, as `server user add` makes one.
    pub async fn add_user(&self, email: &str, name: &str, role: app::accounts::Role) {
        app::accounts::db::create_user(
            &self.pool,
            email,
            name,
            role,
            Some(&app::accounts::password::hash(app::demo::DEMO_PASSWORD)),
        )
        .await
        .unwrap();
    }

    async fn start_with(seed: bool, settings: &[(&str, &str)]) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("kernpunt.db");
        let config = Config::from_lookup(|name| match name {
            "KERNPUNT_DATABASE" => Some(database.to_string_lossy().to_string()),
            "KERNPUNT_ADDR" => Some("127.0.0.1:0".into()),
            "KERNPUNT_SITE_ROOT" => Some(dir.path().join("site").to_string_lossy().to_string()),
            other => settings
                .iter()
                .find(|(name, _)| *name == other)
                .map(|(_, value)| value.to_string()),
        })
        .unwrap();
        // A stand-in for the built front end: one hashed asset with its brotli twin.
        let pkg = dir.path().join("site/pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        std::fs::write(pkg.join("kernpunt.abc123.js"), "console.log('kernpunt');").unwrap();
        std::fs::write(pkg.join("kernpunt.abc123.js.br"), b"brotli bytes").unwrap();

        let pool = open_database(&config.database).await.unwrap();
        if seed {
            app::demo::seed(&pool).await.unwrap();
        }
        let state = AppState {
            leptos_options: config.leptos_options(),
            pool: pool.clone(),
            trusted_proxies: std::sync::Arc::new(config.trusted_proxies.clone()),
            metrics_token: config.metrics_token.clone(),
        };

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        tokio::spawn(server::serve(listener, state, std::future::pending()));

        TestServer {
            base: format!("http://{addr}"),
            // Redirects are part of what the tests check, so they are not followed.
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            dir,
            pool,
        }
    }

    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }
}

impl TestServer {
    /// Posts a form to a server function, as the hydrated app does (same origin).
    pub async fn post_fn(
        &self,
        name: &str,
        cookie: Option<&str>,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut request = self
            .client
            .post(format!("{}/api/{name}", self.base))
            .header("sec-fetch-site", "same-origin")
            .form(form);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.send().await.unwrap()
    }

    /// Posts a form to a server function the way a browser without JavaScript does
    /// (it accepts HTML and names the page it came from).
    pub async fn post_form(
        &self,
        name: &str,
        cookie: Option<&str>,
        referer: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut request = self
            .client
            .post(format!("{}/api/{name}", self.base))
            .header("sec-fetch-site", "same-origin")
            .header("accept", "text/html")
            .header("referer", format!("{}{referer}", self.base))
            .form(form);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.send().await.unwrap()
    }

    /// A page as a logged-in user sees it.
    pub async fn get_as(&self, path: &str, cookie: &str) -> (u16, String) {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .header("cookie", cookie)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }

    /// Logs in and returns the `name=value` of the session cookie.
    pub async fn login(&self, email: &str, password: &str) -> String {
        let response = self
            .post_fn(
                "login",
                None,
                &[("email", email), ("password", password), ("next", "/")],
            )
            .await;
        let set_cookie = response
            .headers()
            .get("set-cookie")
            .unwrap_or_else(|| panic!("no session cookie, status {}", response.status()))
            .to_str()
            .unwrap()
            .to_string();
        set_cookie.split(';').next().unwrap().to_string()
    }
}

/// The people the permission tests act as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    EditorOfOtherArea,
    EditorOfThisArea,
    Coordinator,
    Admin,
}

pub const ACTORS: [Actor; 5] = [
    Actor::Anonymous,
    Actor::EditorOfOtherArea,
    Actor::EditorOfThisArea,
    Actor::Coordinator,
    Actor::Admin,
];

impl TestServer {
    /// A session cookie for `actor` ("this area" is Lindenplein, as in the demo data).
    pub async fn cookie_for(&self, actor: Actor) -> Option<String> {
        let password = app::demo::DEMO_PASSWORD;
        let email = match actor {
            Actor::Anonymous => return None,
            Actor::EditorOfThisArea => "redacteur@voorbeeld.nl",
            Actor::Coordinator => "coordinator@voorbeeld.nl",
            Actor::Admin => "beheer@voorbeeld.nl",
            Actor::EditorOfOtherArea => {
                let email = "andere.redacteur@voorbeeld.nl";
                if app::accounts::db::find_login(&self.pool, email)
                    .await
                    .unwrap()
                    .is_none()
                {
                    let id = app::accounts::db::create_user(
                        &self.pool,
                        email,
                        "Olga Ander",
                        app::accounts::Role::AreaEditor,
                        Some(&app::accounts::password::hash(password)),
                    )
                    .await
                    .unwrap();
                    let other: i64 =
                        sqlx::query_scalar("SELECT id FROM areas WHERE slug = 'havenstraat'")
                            .fetch_one(&self.pool)
                            .await
                            .unwrap();
                    app::accounts::db::assign_areas(&self.pool, id, &[other])
                        .await
                        .unwrap();
                }
                email
            }
        };
        Some(self.login(email, password).await)
    }

    /// Everything an edit could have touched, to prove a refused request changed nothing.
    pub async fn snapshot(&self) -> String {
        let rows: Vec<(String, String, String, String, i64)> =
            sqlx::query_as("SELECT slug, story, ambition, phase, version FROM areas ORDER BY id")
                .fetch_all(&self.pool)
                .await
                .unwrap();
        let counts: (i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM audit_log), (SELECT count(*) FROM revisions),
                    (SELECT count(*) FROM password_tokens)",
        )
        .fetch_one(&self.pool)
        .await
        .unwrap();
        let users: Vec<(String, String, String, bool, Option<String>)> = sqlx::query_as(
            "SELECT email, name, role, active, password_hash FROM users ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await
        .unwrap();
        let assignments: Vec<(i64, i64)> =
            sqlx::query_as("SELECT user_id, area_id FROM user_areas ORDER BY 1, 2")
                .fetch_all(&self.pool)
                .await
                .unwrap();
        let items: (i64, String, i64, i64) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM opgaves), (SELECT group_concat(status || title || owner || ifnull(due_date, '')) FROM opgaves),
                    (SELECT count(*) FROM indicator_values),
                    (SELECT count(*) FROM stuurwiel_assessments) * 1000 + (SELECT count(*) FROM contacts)",
        )
        .fetch_one(&self.pool)
        .await
        .unwrap();
        let monitoring: (String, String, i64, i64, f64) = sqlx::query_as(
            "SELECT (SELECT ifnull(group_concat(name || '|' || description || '|' || position, ';'), '') FROM stuurwiel_segments),
                    (SELECT name || description FROM stuurwiel_frameworks ORDER BY id LIMIT 1),
                    (SELECT count(*) FROM activation_moments) * 1000 + (SELECT count(*) FROM activation_actions WHERE opgave_id IS NOT NULL),
                    (SELECT count(*) FROM indicator_imports WHERE imported_at IS NOT NULL),
                    (SELECT ifnull(sum(value), 0) FROM indicator_values)",
        )
        .fetch_one(&self.pool)
        .await
        .unwrap();
        let library: (String, String, i64) = sqlx::query_as(
            "SELECT (SELECT ifnull(group_concat(slug || title || summary || body || version, ';'), '') FROM library_items),
                    (SELECT ifnull(group_concat(theme_key || intro, ';'), '') FROM theme_dossiers)
                      || (SELECT ifnull(group_concat(theme_key || item_id || position, ';'), '') FROM theme_dossier_items),
                    (SELECT count(*) FROM library_attachments)",
        )
        .fetch_one(&self.pool)
        .await
        .unwrap();
        let sessions: (String, String, i64) = sqlx::query_as(
            "SELECT (SELECT ifnull(group_concat(slug || title || status || sequence || capacity || report || materials
                        || recording_url || ifnull(report_item_id, ''), ';'), '') FROM learning_sessions),
                    (SELECT ifnull(group_concat(id || status || queue || ifnull(attended, ''), ';'), '') FROM registrations),
                    (SELECT count(*) FROM mail_outbox)",
        )
        .fetch_one(&self.pool)
        .await
        .unwrap();
        let topics: (String, i64) = sqlx::query_as(
            "SELECT (SELECT ifnull(group_concat(id || status || ifnull(session_id, '') || decline_reason, ';'), '') FROM topic_suggestions),
                    (SELECT count(*) FROM topic_votes)",
        )
        .fetch_one(&self.pool)
        .await
        .unwrap();
        let setup: (String, String, String, String, String, String) = sqlx::query_as(
            "SELECT (SELECT ifnull(group_concat(name, ';'), '') FROM districts),
                    (SELECT ifnull(group_concat(key || label || ifnull(retired_at, ''), ';'), '') FROM themes),
                    (SELECT ifnull(group_concat(key || label || version || ifnull(retired_at, ''), ';'), '') FROM indicator_definitions),
                    (SELECT ifnull(group_concat(name || kind || version, ';'), '') FROM organisations),
                    (SELECT ifnull(group_concat(area_id || organisation_id || role || description, ';'), '') FROM stakeholders)
                      || (SELECT ifnull(group_concat(name || ifnull(email, ''), ';'), '') FROM contacts),
                    (SELECT ifnull(group_concat(slug || name || district || ifnull(archived_at, ''), ';'), '') FROM areas)
                      || (SELECT ifnull(group_concat(held_on || summary, ';'), '') FROM activation_moments)
                      || (SELECT count(*) FROM area_slug_redirects)
                      || '|' || (SELECT count(*) FROM indicator_imports)",
        )
        .fetch_one(&self.pool)
        .await
        .unwrap();
        let outcomes: (String, String) = sqlx::query_as(
            "SELECT (SELECT ifnull(group_concat(opgave_id || indicator_key || intended || ifnull(target_value, '') || ifnull(target_date, ''), ';'), '') FROM opgave_indicators)
                      || (SELECT ifnull(group_concat(id || ifnull(started_on, '') || ifnull(finished_on, ''), ';'), '') FROM opgaves),
                    (SELECT publisher || contact_email || licence_name || licence_url || update_frequency || version FROM open_data_settings)",
        )
        .fetch_one(&self.pool)
        .await
        .unwrap();
        let participation: (String, i64, i64) = sqlx::query_as(
            "SELECT (SELECT ifnull(group_concat(id || status || hidden || ifnull(opgave_id, '') || decision_text, ';'), '') FROM proposals)
                      || (SELECT support_threshold FROM proposal_settings)
                      || (SELECT ifnull(group_concat(id || email || link_generation, ';'), '') FROM followers)
                      || (SELECT ifnull(group_concat(id || subject || frequency || ifnull(confirmed_at, ''), ';'), '') FROM follows),
                    (SELECT count(*) FROM registration_lookups) * 1000 + (SELECT count(*) FROM registration_feeds),
                    (SELECT count(*) FROM news) * 1000000 + (SELECT count(*) FROM proposal_events) * 1000
                      + (SELECT count(*) FROM proposal_supports WHERE confirmed_at IS NOT NULL)",
        )
        .fetch_one(&self.pool)
        .await
        .unwrap();
        format!("{rows:?}{counts:?}{users:?}{assignments:?}{items:?}{monitoring:?}{library:?}{sessions:?}{topics:?}{setup:?}{outcomes:?}{participation:?}")
    }

    pub async fn area_version(&self, slug: &str) -> i64 {
        sqlx::query_scalar("SELECT version FROM areas WHERE slug = ?")
            .bind(slug)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// A published online session with `capacity` places, starting at `starts`.
    pub async fn add_session(&self, slug: &str, capacity: i64, starts: &str) {
        sqlx::query(
            "INSERT INTO learning_sessions (slug, kind, title, description, starts_at, ends_at, online,
                 meeting_url, address, capacity, signup_deadline, status)
             VALUES (?1, 'thematic', 'Leegstand in de praktijk', 'Over lege panden.', ?3,
                 substr(?3, 1, 11) || '23:00', 1, 'https://meet.example.nl/geheim-42', '', ?2,
                 '2099-01-01T00:00', 'published')",
        )
        .bind(slug)
        .bind(capacity)
        .bind(starts)
        .execute(&self.pool)
        .await
        .unwrap();
    }

    /// Signs up for a session as the hydrated app does: the status and the answer's text.
    pub async fn sign_up(&self, slug: &str, name: &str, email: &str) -> (u16, String) {
        let response = self
            .post_fn(
                "sign_up",
                None,
                &[
                    ("slug", slug),
                    ("name", name),
                    ("email", email),
                    ("role", "entrepreneur"),
                    ("consent", "ja"),
                ],
            )
            .await;
        let status = response.status().as_u16();
        (
            status,
            response.text().await.unwrap().trim_matches('"').to_string(),
        )
    }
}
