//! What an operator checks: `/readyz` says what is not ready, `/metrics` serves Prometheus
//! text to the machine itself or to whoever has the token, and to nobody else.

mod common;

use common::TestServer;
use server::mail::{spawn_worker, MailSetting, Mailer};

async fn get(server: &TestServer, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
    let mut request = server.client.get(format!("{}{path}", server.base));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn ready_only_with_the_mail_worker_running() {
    let server = TestServer::start().await;
    assert_eq!(get(&server, "/healthz", &[]).await.0, 200);
    let (status, body) = get(&server, "/readyz", &[]).await;
    assert_eq!(status, 503);
    assert!(body.contains("mail worker: not started"), "{body}");

    let mailer = Mailer::new(
        &MailSetting::Folder(server.dir.path().join("mail")),
        "Kernpunt <noreply@kernpunt.example>",
    )
    .unwrap();
    let worker = spawn_worker(
        server.pool.clone(),
        mailer,
        90,
        std::time::Duration::from_millis(50),
    );
    let mut ready = (0, String::new());
    for _ in 0..50 {
        ready = get(&server, "/readyz", &[]).await;
        if ready.0 == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(ready, (200, "ready\n".to_string()));
    worker.abort();
}

#[tokio::test]
async fn metrics_from_this_machine_in_prometheus_text() {
    let server = TestServer::start().await;
    assert_eq!(get(&server, "/gebieden", &[]).await.0, 200);
    assert_eq!(get(&server, "/bestaat-niet", &[]).await.0, 404);
    let (status, text) = get(&server, "/metrics", &[]).await;
    assert_eq!(status, 200);
    for line in [
        "# TYPE kernpunt_requests_total counter",
        "kernpunt_requests_total{group=\"pages\",status=\"200\"}",
        "kernpunt_requests_total{group=\"pages\",status=\"404\"}",
        "# TYPE kernpunt_request_duration_seconds histogram",
        "kernpunt_request_duration_seconds_bucket{group=\"pages\",le=\"+Inf\"}",
        "kernpunt_request_duration_seconds_count{group=\"pages\"}",
        "kernpunt_outbox_queued ",
        "kernpunt_outbox_oldest_due_seconds ",
        "kernpunt_outbox_failed 0",
        "kernpunt_wal_bytes ",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    let database: u64 = text
        .lines()
        .find_map(|l| l.strip_prefix("kernpunt_database_bytes "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(database > 0);
    // Through a proxy on this machine the request is not local any more.
    let (status, _) = get(&server, "/metrics", &[("x-forwarded-for", "203.0.113.9")]).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn metrics_from_elsewhere_only_with_the_token() {
    let server =
        TestServer::start_with_settings(&[("KERNPUNT_METRICS_TOKEN", "s3cr3t-token")]).await;
    let forwarded = ("x-forwarded-for", "203.0.113.9");
    assert_eq!(get(&server, "/metrics", &[forwarded]).await.0, 403);
    let wrong = ("authorization", "Bearer s3cr3t-tokem");
    assert_eq!(get(&server, "/metrics", &[forwarded, wrong]).await.0, 403);
    let right = ("authorization", "Bearer s3cr3t-token");
    let (status, text) = get(&server, "/metrics", &[forwarded, right]).await;
    assert_eq!(status, 200);
    assert!(text.contains("kernpunt_requests_total"));
}
