//! Behind a reverse proxy: `X-Forwarded-For` and `X-Forwarded-Proto` are believed only from
//! the trusted proxies, so per-IP limits count each visitor and not the proxy, and nobody
//! else can pick the address a limit counts.

mod common;

use app::accounts::db::MAX_FAILURES_PER_IP;
use app::demo::DEMO_PASSWORD;
use common::TestServer;

/// A login as sent through the proxy for `client` (and `proto`).
async fn login_from(
    server: &TestServer,
    client: &str,
    email: &str,
    password: &str,
) -> reqwest::Response {
    server
        .client
        .post(format!("{}/api/login", server.base))
        .header("sec-fetch-site", "same-origin")
        .header("x-forwarded-for", client)
        .form(&[("email", email), ("password", password), ("next", "/")])
        .send()
        .await
        .unwrap()
}

/// Fails `MAX_FAILURES_PER_IP` logins, each for another unknown account, "from" `client`.
async fn fail_logins_from(server: &TestServer, client: &str) {
    for n in 0..MAX_FAILURES_PER_IP {
        login_from(server, client, &format!("onbekend{n}@voorbeeld.nl"), "fout").await;
    }
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_visitor_has_their_own_login_limit() {
    let server = TestServer::start_behind_proxy("127.0.0.1").await;
    fail_logins_from(&server, "203.0.113.1").await;
    let blocked = login_from(
        &server,
        "203.0.113.1",
        "coordinator@voorbeeld.nl",
        DEMO_PASSWORD,
    )
    .await;
    assert!(blocked.headers().get("set-cookie").is_none());
    assert!(blocked.text().await.unwrap().contains("Throttled"));
    // Another visitor behind the same proxy logs in as usual.
    let other = login_from(
        &server,
        "203.0.113.2",
        "coordinator@voorbeeld.nl",
        DEMO_PASSWORD,
    )
    .await;
    assert!(other.headers().get("set-cookie").is_some());
    // A made-up address left of the proxy's own entry changes nothing.
    let spoofed = login_from(
        &server,
        "198.51.100.9, 203.0.113.1",
        "coordinator@voorbeeld.nl",
        DEMO_PASSWORD,
    )
    .await;
    assert!(spoofed.headers().get("set-cookie").is_none());
}

#[tokio::test]
async fn without_trusted_proxies_forwarding_headers_are_ignored() {
    let server = TestServer::start().await;
    // Each failure claims another address; they all count for the real peer.
    for n in 0..MAX_FAILURES_PER_IP {
        login_from(
            &server,
            &format!("203.0.113.{n}"),
            &format!("onbekend{n}@voorbeeld.nl"),
            "fout",
        )
        .await;
    }
    let blocked = login_from(
        &server,
        "198.51.100.200",
        "coordinator@voorbeeld.nl",
        DEMO_PASSWORD,
    )
    .await;
    assert!(blocked.headers().get("set-cookie").is_none());

    // Nor is the scheme: no Secure cookie, no HSTS, for a stranger claiming https.
    let page = server
        .client
        .get(format!("{}/", server.base))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    assert!(page.headers().get("strict-transport-security").is_none());
}

#[tokio::test]
async fn over_https_through_the_proxy_cookies_are_secure_and_hsts_is_sent() {
    let server = TestServer::start_behind_proxy("127.0.0.0/8").await;
    let page = server
        .client
        .get(format!("{}/", server.base))
        .header("x-forwarded-for", "203.0.113.5")
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    assert_eq!(
        page.headers().get("strict-transport-security").unwrap(),
        "max-age=31536000"
    );
    let login = server
        .client
        .post(format!("{}/api/login", server.base))
        .header("sec-fetch-site", "same-origin")
        .header("x-forwarded-for", "203.0.113.5")
        .header("x-forwarded-proto", "https")
        .form(&[
            ("email", "coordinator@voorbeeld.nl"),
            ("password", DEMO_PASSWORD),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    let cookie = login.headers().get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.contains("Secure"), "{cookie}");
}

#[test]
fn a_bad_proxy_entry_stops_the_start_with_its_name() {
    let error = server::Config::from_lookup(|name| {
        (name == "KERNPUNT_TRUSTED_PROXIES").then(|| "10.0.0.1, proxy.intern".to_string())
    })
    .err()
    .unwrap();
    assert_eq!(error.variable, "KERNPUNT_TRUSTED_PROXIES");
    assert!(error.problem.contains("proxy.intern"));
}
