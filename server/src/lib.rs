//! The Kernpunt web server: configuration, database start-up and the axum router.
//! `main.rs` only parses the command line and calls into this library, so integration
//! tests can build the very same router.

pub mod areas;
pub mod backup;
pub mod following;
pub mod library;
pub mod mail;
pub mod metrics;
pub mod page_cache;
pub mod proxies;
pub mod security;
pub mod sessions;

use app::{shell, App};
use axum::{
    extract::{FromRef, State},
    http::{header, HeaderValue, StatusCode},
    response::IntoResponse,
    routing::get,
    Router,
};
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sqlx::SqlitePool;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use tower_http::{
    compression::{CompressionLayer, CompressionLevel},
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
};

/// Settings read from the environment; every one has a default that works for `make run`.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// `KERNPUNT_DATABASE`: path of the SQLite file (created when missing).
    pub database: PathBuf,
    /// `KERNPUNT_ADDR`: address and port to listen on.
    pub addr: SocketAddr,
    /// `KERNPUNT_LOG`: log level (error, warn, info, debug, trace).
    pub log_level: log::LevelFilter,
    /// `KERNPUNT_SITE_ROOT`: the folder cargo-leptos built the front end into.
    pub site_root: PathBuf,
    /// `KERNPUNT_MAIL`: `folder` (default: files in `KERNPUNT_MAIL_DIR`, default `data/mail`)
    /// or an SMTP URL.
    pub mail: mail::MailSetting,
    /// `KERNPUNT_MAIL_FROM`: the sender of every mail.
    pub mail_from: String,
    /// `KERNPUNT_PUBLIC_URL`: the address users reach the site at, for links in mails.
    pub public_url: String,
    /// `KERNPUNT_RETENTION_DAYS`: days after a session that attendees' data is kept.
    pub retention_days: u32,
    /// `KERNPUNT_TRUSTED_PROXIES`: reverse proxies whose `X-Forwarded-For` and
    /// `X-Forwarded-Proto` are believed (addresses or CIDR ranges; none by default).
    pub trusted_proxies: proxies::TrustedProxies,
    /// `KERNPUNT_METRICS_TOKEN`: a bearer token that opens `/metrics` from anywhere
    /// (without it, only from the machine itself).
    pub metrics_token: Option<std::sync::Arc<str>>,
    /// `KERNPUNT_BACKUP_DIR`: where the running server makes a backup a day (off when unset).
    pub backup_dir: Option<PathBuf>,
}

/// A configuration problem, naming the variable so the operator knows what to fix.
#[derive(Debug, PartialEq)]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.variable, self.problem)
    }
}

impl Config {
    /// Reads the configuration through `lookup` (the process environment in production).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let non_empty = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());

        let database = non_empty("KERNPUNT_DATABASE").unwrap_or_else(|| "data/kernpunt.db".into());
        let addr_text = non_empty("KERNPUNT_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr = addr_text.trim().parse().map_err(|_| ConfigError {
            variable: "KERNPUNT_ADDR",
            problem: format!("{addr_text:?} is not an address with a port, such as 127.0.0.1:3000"),
        })?;
        let level_text = non_empty("KERNPUNT_LOG").unwrap_or_else(|| "info".into());
        let log_level = level_text.trim().parse().map_err(|_| ConfigError {
            variable: "KERNPUNT_LOG",
            problem: format!(
                "{level_text:?} is not a log level; use error, warn, info, debug or trace"
            ),
        })?;
        let site_root = non_empty("KERNPUNT_SITE_ROOT").unwrap_or_else(|| "target/site".into());

        let mail = match non_empty("KERNPUNT_MAIL").as_deref().map(str::trim) {
            None | Some("folder") | Some("map") => mail::MailSetting::Folder(
                non_empty("KERNPUNT_MAIL_DIR")
                    .unwrap_or_else(|| "data/mail".into())
                    .into(),
            ),
            Some(url) if url.starts_with("smtp://") || url.starts_with("smtps://") => {
                mail::MailSetting::Smtp(url.to_string())
            }
            Some(other) => {
                return Err(ConfigError {
                    variable: "KERNPUNT_MAIL",
                    problem: format!(
                        "{other:?} is neither \"folder\" nor an SMTP URL such as smtp://user:password@mail.example.nl:587?tls=required"
                    ),
                })
            }
        };
        let mail_from = non_empty("KERNPUNT_MAIL_FROM")
            .unwrap_or_else(|| "Kernpunt <noreply@kernpunt.example>".into());
        if mail_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(ConfigError {
                variable: "KERNPUNT_MAIL_FROM",
                problem: format!(
                    "{mail_from:?} is not a sender such as Kernpunt <kernpunt@gemeente.nl>"
                ),
            });
        }
        let public_url = non_empty("KERNPUNT_PUBLIC_URL")
            .map(|url| url.trim().trim_end_matches('/').to_string())
            .unwrap_or_else(|| format!("http://{addr}"));
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(ConfigError {
                variable: "KERNPUNT_PUBLIC_URL",
                problem: format!(
                    "{public_url:?} is not a web address such as https://kernpunt.gemeente.nl"
                ),
            });
        }
        let retention_text = non_empty("KERNPUNT_RETENTION_DAYS").unwrap_or_else(|| "90".into());
        let retention_days = retention_text
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|days| (1..=3650).contains(days))
            .ok_or_else(|| ConfigError {
                variable: "KERNPUNT_RETENTION_DAYS",
                problem: format!("{retention_text:?} is not a number of days from 1 to 3650"),
            })?;
        let trusted_proxies = proxies::TrustedProxies::parse(
            &non_empty("KERNPUNT_TRUSTED_PROXIES").unwrap_or_default(),
        )
        .map_err(|problem| ConfigError {
            variable: "KERNPUNT_TRUSTED_PROXIES",
            problem,
        })?;
        let metrics_token = non_empty("KERNPUNT_METRICS_TOKEN").map(|t| t.trim().into());
        let backup_dir = non_empty("KERNPUNT_BACKUP_DIR").map(|d| PathBuf::from(d.trim()));
        Ok(Config {
            database: database.into(),
            addr,
            log_level,
            site_root: site_root.into(),
            mail,
            mail_from,
            public_url,
            retention_days,
            trusted_proxies,
            metrics_token,
            backup_dir,
        })
    }

    /// Hands the settings the app reads outside a request (links in mails, the retention
    /// period) to it; once per process.
    pub fn share_with_app(&self) {
        app::mail::set_public_url(&self.public_url);
        app::sessions::set_retention_days(self.retention_days);
    }

    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|name| std::env::var(name).ok())
    }

    /// The options Leptos needs to render pages and point at the built scripts.
    pub fn leptos_options(&self) -> LeptosOptions {
        let options = |hash_files: bool| {
            LeptosOptions::builder()
                .output_name("kernpunt")
                .site_root(self.site_root.to_string_lossy().to_string())
                .site_pkg_dir("pkg")
                .site_addr(self.addr)
                .env(Env::PROD)
                .hash_files(hash_files)
                .build()
        };
        // A release build by cargo-leptos leaves hash.txt beside the binary; use the hashed
        // file names exactly when it is there.
        let hashed = app::assets::hash_file_path(&options(false)).exists();
        options(hashed)
    }
}

/// Why the server could not start, in words an operator can act on.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot create the folder {folder} for the database (KERNPUNT_DATABASE): {source}")]
    Folder {
        folder: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database {path} (KERNPUNT_DATABASE): {source}. Check that the file and its folder are writable.")]
    Open { path: PathBuf, source: sqlx::Error },
    #[error("cannot update the database {path} to the current schema: {source}. The database was left as it was.")]
    Migrate {
        path: PathBuf,
        source: sqlx::migrate::MigrateError,
    },
}

/// Opens the database (creating folder and file when missing) and brings its schema up to date.
pub async fn open_database(path: &Path) -> Result<SqlitePool, StartupError> {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|source| StartupError::Folder {
            folder: folder.to_path_buf(),
            source,
        })?;
    }
    let pool = app::db::open(path)
        .await
        .map_err(|source| StartupError::Open {
            path: path.to_path_buf(),
            source,
        })?;
    // Writing the WAL header needs write access: fail here, not on the first edit.
    sqlx::query("PRAGMA user_version")
        .execute(&pool)
        .await
        .map_err(|source| StartupError::Open {
            path: path.to_path_buf(),
            source,
        })?;
    app::db::MIGRATOR
        .run(&pool)
        .await
        .map_err(|source| StartupError::Migrate {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(pool)
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: SqlitePool,
    /// Whose forwarding headers are believed (see `proxies`).
    pub trusted_proxies: std::sync::Arc<proxies::TrustedProxies>,
    /// Opens `/metrics` to requests that carry it (see `metrics`).
    pub metrics_token: Option<std::sync::Arc<str>>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The plain scripts pages load beside the WASM (`app::ui::scripts`), by versioned name.
async fn page_script(
    axum::extract::Path(file): axum::extract::Path<String>,
) -> axum::response::Response {
    match app::ui::scripts::Script::by_file_name(&file) {
        Some(script) => (
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            script.source,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(&state.pool)
        .await
    {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(error) => {
            log::error!("health check failed: {error}");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// The app's routes, generated once per process. Generating them briefly suppresses
/// resource loading process-wide (leptos-rs/leptos#4773), so a render running at that
/// moment in another server of the same process (as in parallel tests) would hang.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole HTTP surface: health check, hashed assets, pages and server functions.
pub fn router(state: AppState) -> Router {
    let leptos_options = state.leptos_options.clone();
    let routes = route_list();
    let pool = state.pool.clone();
    let context = move || provide_context(pool.clone());

    // File names under /pkg carry a content hash, so browsers may keep them for a year.
    let pkg_dir = Path::new(&*leptos_options.site_root).join(&*leptos_options.site_pkg_dir);
    let assets = Router::new()
        .fallback_service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ));

    Router::new()
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let leptos_options = leptos_options.clone();
            move || shell(leptos_options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .route("/monitor.csv", get(areas::monitor_csv))
        .route("/open-data/indicatoren.csv", get(areas::open_data_csv))
        .route(
            "/open-data/indicatoren.csv-metadata.json",
            get(areas::open_data_csvw),
        )
        .route("/open-data/gebieden.geojson", get(areas::open_data_geojson))
        .route(
            "/open-data/catalogus.jsonld",
            get(areas::open_data_catalogue),
        )
        .route("/sessies.ics", get(sessions::feed))
        .route("/sessies/{slug}/agenda.ics", get(sessions::one))
        .route(
            "/sessies/{slug}/deelnemers.csv",
            get(sessions::attendees_csv),
        )
        .route("/sessies/thema/{file}", get(sessions::theme_feed))
        .route(
            "/aanmelding/{token}/agenda.ics",
            get(sessions::for_registration),
        )
        .route(
            "/mijn-aanmeldingen/{token}/agenda.ics",
            get(sessions::personal_feed),
        )
        .route(
            "/kennisbank/{slug}/bijlagen",
            axum::routing::post(library::upload_attachment).layer(
                axum::extract::DefaultBodyLimit::max(app::library::files::MAX_BYTES + 64 * 1024),
            ),
        )
        .route(
            "/kennisbank/bijlagen/{id}/{name}",
            get(library::serve_attachment),
        )
        .route("/gebieden/{slug}/cijfers.csv", get(areas::area_csv))
        .route(
            "/monitor/import",
            axum::routing::post(areas::upload_import)
                // Room for the largest CSV we accept plus the multipart envelope.
                .layer(axum::extract::DefaultBodyLimit::max(
                    app::areas::csv::MAX_BYTES + 64 * 1024,
                )),
        )
        .layer(axum::middleware::from_fn(security::honest_errors))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            areas::follow_renamed_areas,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::authenticate,
        ))
        // Outside the session lookup: a stored page costs no database query at all.
        .layer(axum::middleware::from_fn_with_state(
            page_cache::PageCache::new(),
            page_cache::cache_pages,
        ))
        // Added after the session layer, so that the assets a logged-in browser fetches with
        // every page (and health checks) cost no session lookup.
        .route("/healthz", get(healthz))
        .route("/readyz", get(metrics::readyz))
        .route("/metrics", get(metrics::metrics))
        .route("/js/{file}", get(page_script))
        .nest_service(&format!("/{}", leptos_options.site_pkg_dir), assets)
        .layer(axum::middleware::from_fn(security::reject_cross_site))
        // After the cross-site check: mail programs post here from anywhere (RFC 8058).
        .route(
            "/volgen/afmelden/{token}",
            get(following::to_manage_page).post(following::one_click),
        )
        .layer(axum::middleware::from_fn(security::limit_form_posts))
        .layer(axum::middleware::from_fn(security::security_headers))
        // Pages are compressed on the fly at a quick level; assets come precompressed.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        // Outermost: every request counted and timed, as the client sees it.
        .layer(axum::middleware::from_fn(metrics::record))
        .with_state(state)
}

/// Serves the router on `listener` until `shutdown` resolves. The peer address is kept
/// for per-IP login rate limiting.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Resolves when the process is asked to stop (Ctrl-C or SIGTERM).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    log::info!("stopping: finishing open requests");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn defaults_work_for_make_run() {
        let config = Config::from_lookup(lookup(&[])).unwrap();
        assert_eq!(config.database, PathBuf::from("data/kernpunt.db"));
        assert_eq!(config.addr, "127.0.0.1:3000".parse().unwrap());
        assert_eq!(config.log_level, log::LevelFilter::Info);
    }

    #[test]
    fn bad_values_name_the_variable() {
        let error = Config::from_lookup(lookup(&[("KERNPUNT_ADDR", "localhost")])).unwrap_err();
        assert_eq!(error.variable, "KERNPUNT_ADDR");
        assert!(error.to_string().starts_with("KERNPUNT_ADDR: "));
        let error = Config::from_lookup(lookup(&[("KERNPUNT_LOG", "loud")])).unwrap_err();
        assert_eq!(error.variable, "KERNPUNT_LOG");
    }

    #[test]
    fn values_are_read() {
        let config = Config::from_lookup(lookup(&[
            ("KERNPUNT_DATABASE", "/tmp/x.db"),
            ("KERNPUNT_ADDR", "0.0.0.0:8080"),
            ("KERNPUNT_LOG", "debug"),
        ]))
        .unwrap();
        assert_eq!(config.database, PathBuf::from("/tmp/x.db"));
        assert_eq!(config.addr.port(), 8080);
        assert_eq!(config.log_level, log::LevelFilter::Debug);
    }
}
