//! What an operator checks: `/healthz` (the process answers and so does the database, see
//! `lib.rs`), `/readyz` (ready for traffic: database, migrations, mail worker) and
//! `/metrics` (Prometheus text format), the last only from the machine itself or with the
//! bearer token `KERNPUNT_METRICS_TOKEN`.

use crate::AppState;
use axum::{
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::{LazyLock, Mutex};
use std::time::Instant;

/// Upper bounds of the latency histogram's buckets, in seconds.
const BUCKETS: [f64; 11] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

#[derive(Default)]
struct Histogram {
    /// Requests per bucket (not cumulative; summed when written).
    counts: [u64; BUCKETS.len()],
    slower: u64,
    sum: f64,
}

#[derive(Default)]
struct Counters {
    requests: BTreeMap<(&'static str, u16), u64>,
    latency: BTreeMap<&'static str, Histogram>,
}

/// Counters for the whole process (every server in it, as in the tests).
static COUNTERS: LazyLock<Mutex<Counters>> = LazyLock::new(Default::default);

/// The route group of a path, a label with few values.
fn group(path: &str) -> &'static str {
    if path.starts_with("/api/") {
        "api"
    } else if path.starts_with("/pkg/") || path.starts_with("/js/") {
        "assets"
    } else if matches!(path, "/healthz" | "/readyz" | "/metrics") {
        "health"
    } else if path.ends_with(".csv") || path.ends_with(".ics") || path.contains("/bijlagen") {
        "files"
    } else {
        "pages"
    }
}

/// Counts and times every request (the outermost layer).
pub async fn record(request: Request, next: Next) -> Response {
    let group = group(request.uri().path());
    let started = Instant::now();
    let response = next.run(request).await;
    let seconds = started.elapsed().as_secs_f64();
    let mut counters = COUNTERS.lock().unwrap_or_else(|e| e.into_inner());
    *counters
        .requests
        .entry((group, response.status().as_u16()))
        .or_default() += 1;
    let histogram = counters.latency.entry(group).or_default();
    match BUCKETS.iter().position(|bound| seconds <= *bound) {
        Some(i) => histogram.counts[i] += 1,
        None => histogram.slower += 1,
    }
    histogram.sum += seconds;
    response
}

/// `GET /readyz`: 200 when the database answers, every migration is applied and the mail
/// worker ran in the last half minute; otherwise 503 with what is wrong.
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    let mut problems = Vec::new();
    match sqlx::query_scalar::<_, i64>("SELECT count(*) FROM _sqlx_migrations WHERE success = 1")
        .fetch_one(&state.pool)
        .await
    {
        Ok(applied) => {
            let known = app::db::MIGRATOR.iter().count() as i64;
            if applied < known {
                problems.push(format!("migrations: {applied} of {known} applied"));
            }
        }
        Err(error) => problems.push(format!("database: {error}")),
    }
    let beat = crate::mail::last_worker_beat();
    let now = app::accounts::session::now();
    if beat == 0 {
        problems.push("mail worker: not started".into());
    } else if now - beat > 30 {
        problems.push(format!("mail worker: last ran {} s ago", now - beat));
    }
    if problems.is_empty() {
        (StatusCode::OK, "ready\n".to_string())
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, problems.join("\n") + "\n")
    }
}

/// Whether `headers` carry `Authorization: Bearer {token}` (compared in constant time).
fn has_token(headers: &HeaderMap, token: &str) -> bool {
    let Some(given) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return false;
    };
    given.len() == token.len()
        && given
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

/// `GET /metrics`: from loopback (and not forwarded by a proxy on this machine), or with
/// the bearer token.
pub async fn metrics(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let local = peer.ip().is_loopback() && !headers.contains_key("x-forwarded-for");
    let token = state
        .metrics_token
        .as_deref()
        .is_some_and(|token| has_token(&headers, token));
    if !(local || token) {
        return (
            StatusCode::FORBIDDEN,
            "Alleen vanaf deze machine of met het token.\n",
        )
            .into_response();
    }
    let mut out = String::new();
    {
        let counters = COUNTERS.lock().unwrap_or_else(|e| e.into_inner());
        out.push_str("# HELP kernpunt_requests_total HTTP requests by route group and status.\n");
        out.push_str("# TYPE kernpunt_requests_total counter\n");
        for ((group, status), n) in &counters.requests {
            let _ = writeln!(
                out,
                "kernpunt_requests_total{{group=\"{group}\",status=\"{status}\"}} {n}"
            );
        }
        out.push_str("# HELP kernpunt_request_duration_seconds Time to answer, by route group.\n");
        out.push_str("# TYPE kernpunt_request_duration_seconds histogram\n");
        for (group, histogram) in &counters.latency {
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(histogram.counts) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "kernpunt_request_duration_seconds_bucket{{group=\"{group}\",le=\"{bound}\"}} {cumulative}"
                );
            }
            let count = cumulative + histogram.slower;
            let _ = writeln!(
                out,
                "kernpunt_request_duration_seconds_bucket{{group=\"{group}\",le=\"+Inf\"}} {count}"
            );
            let _ = writeln!(
                out,
                "kernpunt_request_duration_seconds_sum{{group=\"{group}\"}} {}",
                histogram.sum
            );
            let _ = writeln!(
                out,
                "kernpunt_request_duration_seconds_count{{group=\"{group}\"}} {count}"
            );
        }
    }
    let now = app::accounts::session::now();
    let outbox: Result<(i64, Option<i64>, i64), _> = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL),
                min(next_attempt_at) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL),
                count(*) FILTER (WHERE failed_at IS NOT NULL)
         FROM mail_outbox",
    )
    .fetch_one(&state.pool)
    .await;
    if let Ok((queued, oldest_due, failed)) = outbox {
        let overdue = oldest_due.map_or(0, |due| (now - due).max(0));
        out.push_str("# HELP kernpunt_outbox_queued Mails waiting to be sent (or retried).\n# TYPE kernpunt_outbox_queued gauge\n");
        let _ = writeln!(out, "kernpunt_outbox_queued {queued}");
        out.push_str("# HELP kernpunt_outbox_oldest_due_seconds How long the oldest due mail has waited.\n# TYPE kernpunt_outbox_oldest_due_seconds gauge\n");
        let _ = writeln!(out, "kernpunt_outbox_oldest_due_seconds {overdue}");
        out.push_str("# HELP kernpunt_outbox_failed Mails given up after the last retry.\n# TYPE kernpunt_outbox_failed gauge\n");
        let _ = writeln!(out, "kernpunt_outbox_failed {failed}");
    }
    if let Ok(file) = app::db::database_file(&state.pool).await {
        let size = |path: &std::path::Path| std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        out.push_str("# HELP kernpunt_database_bytes Size of the SQLite file.\n# TYPE kernpunt_database_bytes gauge\n");
        let _ = writeln!(out, "kernpunt_database_bytes {}", size(&file));
        out.push_str("# HELP kernpunt_wal_bytes Size of its write-ahead log.\n# TYPE kernpunt_wal_bytes gauge\n");
        let _ = writeln!(
            out,
            "kernpunt_wal_bytes {}",
            size(&crate::backup::suffixed(&file, "-wal"))
        );
    }
    out.push_str("# HELP kernpunt_last_backup_timestamp_seconds When this process last made a backup (0: none).\n# TYPE kernpunt_last_backup_timestamp_seconds gauge\n");
    let _ = writeln!(
        out,
        "kernpunt_last_backup_timestamp_seconds {}",
        crate::backup::last_backup()
    );
    out.push_str("# HELP kernpunt_mail_worker_last_run_timestamp_seconds When the mail worker last ran.\n# TYPE kernpunt_mail_worker_last_run_timestamp_seconds gauge\n");
    let _ = writeln!(
        out,
        "kernpunt_mail_worker_last_run_timestamp_seconds {}",
        crate::mail::last_worker_beat()
    );
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        out,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_fall_in_few_groups_and_tokens_must_match_exactly() {
        assert_eq!(group("/api/sign_up"), "api");
        assert_eq!(group("/pkg/kernpunt.abc.wasm"), "assets");
        assert_eq!(group("/monitor.csv"), "files");
        assert_eq!(group("/gebieden/binnenstad"), "pages");
        assert_eq!(group("/readyz"), "health");
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, "Bearer geheim".parse().unwrap());
        assert!(has_token(&headers, "geheim"));
        assert!(!has_token(&headers, "geheim2"));
        assert!(!has_token(&headers, "geheiM"));
        assert!(!has_token(&HeaderMap::new(), "geheim"));
    }
}
