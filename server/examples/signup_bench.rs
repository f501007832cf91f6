//! Sign-up benchmark (not a test): concurrent clients sign up for a session through the real
//! HTTP server (`POST /api/sign_up`, as the sign-up form does with JavaScript on), each with a
//! unique email, for a fixed time after a warm-up. Prints sign-ups per second and the latency
//! percentiles, then checks the database: exactly as many registrations as successful
//! responses, no more confirmed than the capacity, and the waiting list in one strict order.
//!
//! Two sessions: a roomy one (every sign-up is confirmed) and a small one with 50 places (after
//! the first 50, every sign-up joins the waiting list).
//!
//! Run: `bench/signups.sh` or `make bench-signups`, which run
//! `cargo run --release -p server --example signup_bench`.
//! Settings (environment): CLIENTS (64), DURATION (10s), WARMUP (2s); durations in seconds,
//! with or without an `s`, or in milliseconds with `ms`. The database is a fresh file in a
//! temp dir (TMPDIR); the server runs in this process on a runtime of its own, on loopback.
//! Exits with failure when a request failed or a database check did not hold.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The sessions signed up for, one after the other: slug and capacity.
const SESSIONS: &[(&str, i64)] = &[("bench-ruim", 1_000_000), ("bench-vol", 50)];

/// Roles the generated attendees have, in turn.
const ROLES: &[&str] = &[
    "entrepreneur",
    "property",
    "municipality",
    "street_manager",
    "resident",
];

struct Settings {
    clients: usize,
    duration: Duration,
    warmup: Duration,
}

impl Settings {
    fn from_env() -> Result<Settings, String> {
        let clients = match std::env::var("CLIENTS") {
            Ok(text) => text
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("CLIENTS: {text:?} is not a positive number"))?,
            Err(_) => 64,
        };
        Ok(Settings {
            clients,
            duration: duration_var("DURATION", Duration::from_secs(10))?,
            warmup: duration_var("WARMUP", Duration::from_secs(2))?,
        })
    }
}

/// A duration from the environment: `10`, `10s`, `2.5s` or `500ms`.
fn duration_var(name: &str, default: Duration) -> Result<Duration, String> {
    let Ok(text) = std::env::var(name) else {
        return Ok(default);
    };
    let trimmed = text.trim();
    let (number, scale) = match trimmed.strip_suffix("ms") {
        Some(number) => (number, 0.001),
        None => (trimmed.strip_suffix('s').unwrap_or(trimmed), 1.0),
    };
    number
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n >= 0.0)
        .map(|n| Duration::from_secs_f64(n * scale))
        .ok_or_else(|| format!("{name}: {text:?} is not a duration such as 10s or 500ms"))
}

/// What one client saw.
#[derive(Default)]
struct ClientResult {
    /// Successful sign-ups sent during the warm-up (stored, but not measured).
    warmup_ok: u64,
    /// Latencies of the successful sign-ups sent during the measured window.
    latencies: Vec<Duration>,
    /// Failed requests (warm-up included), by what went wrong.
    errors: BTreeMap<String, u64>,
}

/// One client: a keep-alive connection of its own, sign-ups back to back until `until`.
async fn client(
    base: String,
    slug: &'static str,
    number: usize,
    measure_from: Instant,
    until: Instant,
) -> ClientResult {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(1)
        .build()
        .expect("http client");
    let url = format!("{base}/api/sign_up");
    let mut result = ClientResult::default();
    for n in 0.. {
        let sent = Instant::now();
        if sent >= until {
            break;
        }
        let email = format!("c{number}.n{n}@{slug}.voorbeeld.nl");
        let role = ROLES[(number + n) % ROLES.len()];
        let form = [
            ("slug", slug),
            ("name", "Sanne de Vries"),
            ("email", &email),
            ("organisation", "Bakkerij De Vries"),
            ("role", role),
            ("area", if n % 2 == 0 { "lindenplein" } else { "" }),
            ("question", "Hoe houden andere kernen de leegstand laag?"),
            ("consent", "ja"),
        ];
        let outcome = match http
            .post(&url)
            .header("sec-fetch-site", "same-origin")
            .form(&form)
            .send()
            .await
        {
            Ok(response) => {
                let status = response.status().as_u16();
                match response.text().await {
                    // The body is the personal link's token, as a JSON string.
                    Ok(body) if status == 200 && body.len() > 2 && body.starts_with('"') => Ok(()),
                    Ok(body) => Err(format!(
                        "{status}: {}",
                        body.chars().take(100).collect::<String>()
                    )),
                    Err(error) => Err(format!("reading the response: {error}")),
                }
            }
            Err(error) => Err(format!("request: {error}")),
        };
        match outcome {
            Ok(()) if sent >= measure_from => result.latencies.push(sent.elapsed()),
            Ok(()) => result.warmup_ok += 1,
            Err(error) => *result.errors.entry(error).or_default() += 1,
        }
    }
    result
}

/// The measured outcome for one session.
struct Phase {
    measured_ok: usize,
    warmup_ok: u64,
    window: Duration,
    latencies: Vec<Duration>,
    errors: BTreeMap<String, u64>,
}

async fn run_phase(base: &str, slug: &'static str, settings: &Settings) -> Phase {
    let start = Instant::now();
    let measure_from = start + settings.warmup;
    let until = measure_from + settings.duration;
    let tasks: Vec<_> = (0..settings.clients)
        .map(|number| tokio::spawn(client(base.to_string(), slug, number, measure_from, until)))
        .collect();
    let mut phase = Phase {
        measured_ok: 0,
        warmup_ok: 0,
        window: Duration::ZERO,
        latencies: Vec::new(),
        errors: BTreeMap::new(),
    };
    for task in tasks {
        let result = task.await.expect("client task");
        phase.warmup_ok += result.warmup_ok;
        phase.latencies.extend(result.latencies);
        for (error, count) in result.errors {
            *phase.errors.entry(error).or_default() += count;
        }
    }
    // Requests sent before the end are waited for, so the window runs until the last answer.
    phase.window = measure_from.elapsed();
    phase.measured_ok = phase.latencies.len();
    phase.latencies.sort();
    phase
}

/// Nearest-rank percentile of sorted samples, in milliseconds.
fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1].as_secs_f64() * 1000.0
}

/// A published session far in the future with `capacity` places.
async fn add_session(pool: &sqlx::SqlitePool, slug: &str, capacity: i64) {
    sqlx::query(
        "INSERT INTO learning_sessions (slug, kind, title, description, starts_at, ends_at, online,
             meeting_url, address, capacity, signup_deadline, status)
         VALUES (?, 'thematic', 'Benchmarksessie', 'Veel aanmeldingen tegelijk.', '2099-06-01T19:30',
             '2099-06-01T21:00', 1, 'https://meet.example.nl/bench', '', ?, '2099-05-31T12:00',
             'published')",
    )
    .bind(slug)
    .bind(capacity)
    .execute(pool)
    .await
    .expect("insert session");
}

/// Checks the stored registrations of one session against the successful responses;
/// returns the confirmed and waiting counts and the checks that failed.
async fn check(
    pool: &sqlx::SqlitePool,
    slug: &str,
    capacity: i64,
    successes: i64,
) -> (i64, i64, Vec<String>) {
    let (stored, confirmed, waiting, distinct_queues, last_confirmed, first_waiting): (
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
    ) = sqlx::query_as(
        "SELECT count(*), ifnull(sum(r.status = 'confirmed'), 0), ifnull(sum(r.status = 'waiting'), 0),
                count(DISTINCT r.queue),
                ifnull(max(CASE WHEN r.status = 'confirmed' THEN r.queue END), 0),
                ifnull(min(CASE WHEN r.status = 'waiting' THEN r.queue END), 9223372036854775807)
         FROM registrations r JOIN learning_sessions s ON s.id = r.session_id
         WHERE s.slug = ?",
    )
    .bind(slug)
    .fetch_one(pool)
    .await
    .expect("count registrations");
    let mut failed = Vec::new();
    if stored != successes {
        failed.push(format!(
            "{slug}: {stored} registrations stored, {successes} successful responses"
        ));
    }
    if confirmed > capacity {
        failed.push(format!(
            "{slug}: overbooked, {confirmed} confirmed for {capacity} places"
        ));
    }
    if confirmed != successes.min(capacity) {
        failed.push(format!(
            "{slug}: {confirmed} confirmed, expected {}",
            successes.min(capacity)
        ));
    }
    if confirmed + waiting != stored {
        failed.push(format!(
            "{slug}: {} registrations neither confirmed nor waiting",
            stored - confirmed - waiting
        ));
    }
    if distinct_queues != stored {
        failed.push(format!(
            "{slug}: {distinct_queues} queue positions for {stored} registrations"
        ));
    }
    if last_confirmed >= first_waiting {
        failed.push(format!(
            "{slug}: the waiting list is out of order (confirmed at {last_confirmed}, waiting from {first_waiting})"
        ));
    }
    (confirmed, waiting, failed)
}

/// Starts the server on a runtime and thread of its own (as a separate process would have),
/// with a fresh database holding the demo data; returns its address and a pool on the same
/// database for the checks.
fn start_server(database: std::path::PathBuf) -> (SocketAddr, sqlx::SqlitePool) {
    let (ready, started) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("server".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .thread_name("server-worker")
                .build()
                .expect("server runtime");
            runtime.block_on(async move {
                let config = server::Config::from_lookup(|name| match name {
                    "KERNPUNT_DATABASE" => Some(database.to_string_lossy().to_string()),
                    "KERNPUNT_ADDR" => Some("127.0.0.1:0".into()),
                    "KERNPUNT_LOG" => Some("warn".into()),
                    _ => None,
                })
                .expect("config");
                let pool = server::open_database(&config.database)
                    .await
                    .expect("database");
                app::demo::seed(&pool).await.expect("seed");
                let state = server::AppState {
                    leptos_options: config.leptos_options(),
                    pool: pool.clone(),
                    trusted_proxies: std::sync::Arc::new(config.trusted_proxies.clone()),
                    metrics_token: config.metrics_token.clone(),
                };
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind");
                ready
                    .send((listener.local_addr().expect("address"), pool))
                    .expect("report the address");
                server::serve(listener, state, std::future::pending())
                    .await
                    .expect("serve");
            });
        })
        .expect("server thread");
    started.recv().expect("the server did not start")
}

#[tokio::main]
async fn main() -> ExitCode {
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let database = dir.path().join("bench.db");
    let (addr, pool) = start_server(database.clone());
    for (slug, capacity) in SESSIONS {
        add_session(&pool, slug, *capacity).await;
    }
    let base = format!("http://{addr}");
    println!(
        "Sign-ups through HTTP: {} clients (keep-alive), {:.1} s measured after {:.1} s warm-up per session.",
        settings.clients,
        settings.duration.as_secs_f64(),
        settings.warmup.as_secs_f64()
    );
    println!(
        "Server in this process on {addr}, database {}.\n",
        database.display()
    );

    let mut rows = Vec::new();
    let mut failed = Vec::new();
    for (slug, capacity) in SESSIONS {
        let phase = run_phase(&base, slug, &settings).await;
        let errors: u64 = phase.errors.values().sum();
        for (error, count) in &phase.errors {
            failed.push(format!("{slug}: {count}× {error}"));
        }
        let successes = phase.measured_ok as i64 + phase.warmup_ok as i64;
        let (confirmed, waiting, problems) = check(&pool, slug, *capacity, successes).await;
        failed.extend(problems);
        let per_second = phase.measured_ok as f64 / phase.window.as_secs_f64();
        rows.push(format!(
            "| {slug} | {capacity} | {per_second:.0} | {:.1} | {:.1} | {:.1} | {:.1} | {} | {errors} | {confirmed} | {waiting} |",
            percentile(&phase.latencies, 0.50),
            percentile(&phase.latencies, 0.95),
            percentile(&phase.latencies, 0.99),
            phase.latencies.last().map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0),
            phase.latencies.len() - phase.latencies.partition_point(|d| *d <= Duration::from_secs(1)),
        ));
        eprintln!(
            "==> {slug}: {} measured sign-ups in {:.2} s ({} during warm-up)",
            phase.measured_ok,
            phase.window.as_secs_f64(),
            phase.warmup_ok
        );
    }

    println!(
        "\n| session | places | sign-ups/s | p50 ms | p95 ms | p99 ms | max ms | over 1 s | errors | confirmed | waiting |"
    );
    println!("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for row in rows {
        println!("{row}");
    }
    println!("\nover 1 s: measured sign-ups slower than a second (a sign-up waiting for SQLite's write lock");
    println!("fails after the 5 s busy timeout). confirmed and waiting: everything stored for the");
    println!("session, warm-up included.");
    if failed.is_empty() {
        println!("Checks: 0 errors; registrations stored = successful responses; confirmed = min(places, sign-ups), never more; waiting list in one strict order.");
        ExitCode::SUCCESS
    } else {
        println!("FAILED:");
        for problem in failed {
            println!("  {problem}");
        }
        ExitCode::FAILURE
    }
}
