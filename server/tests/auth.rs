//! Logging in and out, sessions, rate limiting and cross-site request protection,
//! over real HTTP.

mod common;

use app::demo::DEMO_PASSWORD;
use common::TestServer;

const COORDINATOR: &str = "coordinator@voorbeeld.nl";

async fn whoami(server: &TestServer, cookie: Option<&str>) -> String {
    server
        .post_fn("whoami", cookie, &[])
        .await
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn login_sets_a_safe_cookie_and_logout_ends_the_session_on_the_server() {
    let server = TestServer::start().await;
    let response = server
        .post_fn(
            "login",
            None,
            &[
                ("email", COORDINATOR),
                ("password", DEMO_PASSWORD),
                ("next", "/gebieden"),
            ],
        )
        .await;
    let set_cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set_cookie.contains(attribute), "{set_cookie}");
    }
    assert!(
        !set_cookie.contains("Secure"),
        "plain http gets no Secure flag"
    );
    let cookie = set_cookie.split(';').next().unwrap().to_string();

    assert!(whoami(&server, Some(&cookie))
        .await
        .contains("Chris de Coördinator"));
    assert_eq!(whoami(&server, None).await, "null");

    // The page header shows who is logged in, rendered on the server.
    let html = server
        .client
        .get(format!("{}/gebieden", server.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Chris de Coördinator") && html.contains("Uitloggen"));

    let logout = server.post_fn("logout", Some(&cookie), &[]).await;
    assert!(logout
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    // The old cookie is worthless now, even if a browser (or a thief) kept it.
    assert_eq!(whoami(&server, Some(&cookie)).await, "null");
}

#[tokio::test]
async fn logging_in_again_gives_a_new_session_id() {
    let server = TestServer::start().await;
    let first = server.login(COORDINATOR, DEMO_PASSWORD).await;
    let response = server
        .post_fn(
            "login",
            Some(&first),
            &[
                ("email", COORDINATOR),
                ("password", DEMO_PASSWORD),
                ("next", "/"),
            ],
        )
        .await;
    let second = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert_ne!(first, second);
    assert_eq!(
        whoami(&server, Some(&first)).await,
        "null",
        "the session from before login is ended"
    );
    assert!(whoami(&server, Some(&second)).await.contains("coordinator"));
}

#[tokio::test]
async fn wrong_password_and_unknown_account_get_the_same_answer() {
    let server = TestServer::start().await;
    let wrong = server
        .post_fn(
            "login",
            None,
            &[
                ("email", COORDINATOR),
                ("password", "verkeerd-wachtwoord"),
                ("next", "/"),
            ],
        )
        .await;
    assert!(wrong.headers().get("set-cookie").is_none());
    let wrong = wrong.text().await.unwrap();
    let unknown = server
        .post_fn(
            "login",
            None,
            &[
                ("email", "niemand@voorbeeld.nl"),
                ("password", "verkeerd-wachtwoord"),
                ("next", "/"),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(wrong, unknown);
    assert!(wrong.contains("Incorrect"), "{wrong}");
}

#[tokio::test]
async fn a_plain_form_login_that_fails_comes_back_to_the_login_page_with_the_reason() {
    let server = TestServer::start().await;
    let response = server
        .client
        .post(format!("{}/api/login", server.base))
        .header("accept", "text/html")
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("email", COORDINATOR),
            ("password", "fout-fout-fout"),
            ("next", "/gebieden"),
        ])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection());
    let location = response
        .headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(location.starts_with("/inloggen?fout=onjuist"), "{location}");
    let (_, html) = server.get(location).await;
    assert!(html.contains("E-mailadres of wachtwoord onjuist."));
    assert!(
        html.contains(r#"value="coordinator@voorbeeld.nl""#),
        "the email is kept"
    );
}

#[tokio::test]
async fn login_is_rate_limited_per_account() {
    let server = TestServer::start().await;
    for _ in 0..app::accounts::db::MAX_FAILURES_PER_ACCOUNT {
        server
            .post_fn(
                "login",
                None,
                &[
                    ("email", COORDINATOR),
                    ("password", "raden-raden"),
                    ("next", "/"),
                ],
            )
            .await;
    }
    // Even the right password is refused now, with a message that says why.
    let response = server
        .post_fn(
            "login",
            None,
            &[
                ("email", COORDINATOR),
                ("password", DEMO_PASSWORD),
                ("next", "/"),
            ],
        )
        .await;
    assert!(response.headers().get("set-cookie").is_none());
    assert!(response.text().await.unwrap().contains("Throttled"));
    // Another account is not affected.
    server.login("beheer@voorbeeld.nl", DEMO_PASSWORD).await;
}

#[tokio::test]
async fn cross_site_posts_are_refused_and_same_site_ones_accepted() {
    let server = TestServer::start().await;
    let cross = server
        .client
        .post(format!("{}/api/login", server.base))
        .header("sec-fetch-site", "cross-site")
        .form(&[
            ("email", COORDINATOR),
            ("password", DEMO_PASSWORD),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(cross.status().as_u16(), 403);
    assert!(cross.headers().get("set-cookie").is_none());

    let old_browser = server
        .client
        .post(format!("{}/api/logout", server.base))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(old_browser.status().as_u16(), 403);

    let host = server.base.trim_start_matches("http://").to_string();
    let same = server
        .client
        .post(format!("{}/api/login", server.base))
        .header("origin", format!("http://{host}"))
        .form(&[
            ("email", COORDINATOR),
            ("password", DEMO_PASSWORD),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert!(same.headers().get("set-cookie").is_some());
}

#[tokio::test]
async fn passwords_are_stored_hashed() {
    let server = TestServer::start().await;
    let hashes: Vec<String> = sqlx::query_scalar("SELECT password_hash FROM users")
        .fetch_all(&server.pool)
        .await
        .unwrap();
    assert!(!hashes.is_empty());
    for hash in hashes {
        assert!(hash.starts_with("$argon2id$"));
        assert!(!hash.contains(DEMO_PASSWORD));
    }
}

#[tokio::test]
async fn pages_carry_security_headers_and_a_nonce_for_the_hydration_script() {
    let server = TestServer::start().await;
    let response = server
        .client
        .get(format!("{}/gebieden", server.base))
        .send()
        .await
        .unwrap();
    let headers = response.headers().clone();
    assert_eq!(headers.get("x-content-type-options").unwrap(), "nosniff");
    assert!(headers.get("referrer-policy").is_some());
    let csp = headers
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_string();
    let html = response.text().await.unwrap();
    assert!(
        html.contains(&format!(r#"nonce="{nonce}""#)),
        "the hydration script carries the nonce"
    );

    let other = server
        .client
        .get(format!("{}/gebieden", server.base))
        .send()
        .await
        .unwrap();
    let other_csp = other
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(!other_csp.contains(&nonce), "a new nonce for every page");
}

/// A server-function post over its size limit is refused with 413 before it is read:
/// nothing is stored, not even a draft, and the database does not grow.
#[tokio::test]
async fn oversized_form_posts_are_refused_and_store_nothing() {
    let server = TestServer::start().await;
    let drafts = || async {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM form_drafts")
            .fetch_one(&server.pool)
            .await
            .unwrap()
    };
    let before = drafts().await;
    let story = "x".repeat(1_500_000);
    for _ in 0..3 {
        let response = server
            .client
            .post(format!("{}/api/save_area", server.base))
            .header("accept", "text/html")
            .header("sec-fetch-site", "same-origin")
            .form(&[
                ("slug", "lindenplein"),
                ("version", "1"),
                ("story", story.as_str()),
                ("ambition", ""),
                ("phase", "stable"),
                ("activation", "energetic"),
                ("intent", "save"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 413);
        assert!(response.text().await.unwrap().contains("te groot"));
    }
    assert_eq!(drafts().await, before);
    // A normal post still goes through (here: to the login, as the editor is not logged in).
    let response = server
        .client
        .post(format!("{}/api/save_area", server.base))
        .header("accept", "text/html")
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("slug", "lindenplein"),
            ("version", "1"),
            ("story", "Kort"),
            ("ambition", ""),
            ("phase", "stable"),
            ("activation", "energetic"),
            ("intent", "save"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 302);
}
