//! The anonymous page cache over real HTTP: one render for many requests of a cold page, and
//! each kind of change renders again only the pages it affects (`x-kernpunt-cache` says how
//! a page was served). Personal pages are never kept.

mod common;

use common::TestServer;
use std::sync::Arc;

/// (status, how the cache served it, body) for an anonymous visitor.
async fn fetch(server: &TestServer, path: &str) -> (u16, String, String) {
    let response = server
        .client
        .get(format!("{}{path}", server.base))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let how = response
        .headers()
        .get("x-kernpunt-cache")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_else(|| "none".into());
    (status, how, response.text().await.unwrap())
}

async fn how(server: &TestServer, path: &str) -> String {
    let (status, how, _) = fetch(server, path).await;
    assert_eq!(status, 200, "{path}");
    how
}

/// Renders each page once, so that the next visit is served from the cache.
async fn warm(server: &TestServer, paths: &[&str]) {
    for path in paths {
        how(server, path).await;
        assert_eq!(how(server, path).await, "hit", "{path} was not kept");
    }
}

async fn session(server: &TestServer, slug: &str) {
    sqlx::query(
        "INSERT INTO learning_sessions (slug, kind, title, description, starts_at, ends_at, online,
             meeting_url, address, capacity, signup_deadline, status)
         VALUES (?, 'thematic', 'Cachesessie', 'Over bewaren.', '2099-06-01T19:30',
             '2099-06-01T21:00', 0, '', 'Stadskantoor', 10, '2099-05-31T12:00', 'published')",
    )
    .bind(slug)
    .execute(&server.pool)
    .await
    .unwrap();
}

const OTHERS: [&str; 4] = ["/gebieden", "/gebieden/lindenplein", "/kennisbank", "/"];

#[tokio::test]
async fn sixty_four_requests_for_a_cold_page_cause_one_render() {
    let server = Arc::new(TestServer::start().await);
    let requests = (0..64).map(|_| {
        let server = server.clone();
        tokio::spawn(async move { fetch(&server, "/gebieden/lindenplein").await })
    });
    let mut renders = 0;
    let mut lengths = std::collections::BTreeSet::new();
    for request in requests {
        let (status, how, body) = request.await.unwrap();
        assert_eq!(status, 200);
        match how.as_str() {
            "miss" => renders += 1,
            "wait" | "hit" => {}
            other => panic!("served as {other}"),
        }
        lengths.insert(body.len());
    }
    assert_eq!(renders, 1);
    // The same page for all (the nonce differs, its length does not).
    assert_eq!(lengths.len(), 1);
}

#[tokio::test]
async fn a_sign_up_renders_only_its_session_and_the_agenda_again() {
    let server = TestServer::start().await;
    session(&server, "cache-een").await;
    session(&server, "cache-twee").await;
    warm(
        &server,
        &[
            "/sessies/cache-een",
            "/sessies/cache-twee",
            "/sessies",
            "/sessies/onderwerpen",
        ],
    )
    .await;
    warm(&server, &OTHERS).await;
    let (_, _, before) = fetch(&server, "/sessies/cache-een").await;

    let response = server
        .post_fn(
            "sign_up",
            None,
            &[
                ("slug", "cache-een"),
                ("name", "Sanne de Vries"),
                ("email", "sanne@voorbeeld.nl"),
                ("role", "entrepreneur"),
                ("consent", "ja"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response.headers().get("x-kernpunt-changed").is_none(),
        "the tags leaked out"
    );
    let token = response.text().await.unwrap().trim_matches('"').to_string();

    let (_, served, after) = fetch(&server, "/sessies/cache-een").await;
    assert_eq!(served, "miss");
    assert_ne!(
        strip_nonce(&before),
        strip_nonce(&after),
        "the places left did not change"
    );
    assert_eq!(how(&server, "/sessies").await, "miss");
    assert_eq!(how(&server, "/sessies/cache-twee").await, "hit");
    assert_eq!(how(&server, "/sessies/onderwerpen").await, "hit");
    for path in OTHERS {
        assert_eq!(how(&server, path).await, "hit", "{path}");
    }

    // The personal page of the sign-up is never kept.
    let personal = format!("/aanmelding/{token}");
    assert_eq!(how(&server, &personal).await, "none");
    assert_eq!(how(&server, &personal).await, "none");

    // Cancelling gives the place back: the same two pages again.
    warm(&server, &["/sessies/cache-een", "/sessies"]).await;
    let response = server
        .post_fn("cancel_registration", None, &[("token", &token)])
        .await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(how(&server, "/sessies/cache-een").await, "miss");
    assert_eq!(how(&server, "/sessies").await, "miss");
    assert_eq!(how(&server, "/sessies/cache-twee").await, "hit");
}

#[tokio::test]
async fn a_vote_renders_only_the_topics_page_again_and_a_failed_login_nothing() {
    let server = TestServer::start().await;
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM topic_suggestions WHERE status = 'open' LIMIT 1")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    warm(&server, &["/sessies/onderwerpen", "/sessies"]).await;
    warm(&server, &OTHERS).await;

    let response = server
        .post_fn(
            "login",
            None,
            &[
                ("email", "coordinator@voorbeeld.nl"),
                ("password", "fout"),
                ("next", "/"),
            ],
        )
        .await;
    assert!(
        response.headers().get("set-cookie").is_none(),
        "a wrong password logged in"
    );
    assert_eq!(how(&server, "/sessies/onderwerpen").await, "hit");
    for path in OTHERS {
        assert_eq!(how(&server, path).await, "hit", "{path}");
    }

    let response = server
        .post_fn("vote_topic", None, &[("suggestion_id", &id.to_string())])
        .await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(how(&server, "/sessies/onderwerpen").await, "miss");
    assert_eq!(how(&server, "/sessies").await, "hit");
    for path in OTHERS {
        assert_eq!(how(&server, path).await, "hit", "{path}");
    }
}

#[tokio::test]
async fn a_coordinators_change_renders_everything_again_and_their_pages_are_never_kept() {
    let server = TestServer::start().await;
    warm(&server, &OTHERS).await;
    warm(&server, &["/sessies"]).await;
    let cookie = server
        .login("coordinator@voorbeeld.nl", "kernpunt-demo")
        .await;
    // Logging in changed no page.
    assert_eq!(how(&server, "/gebieden").await, "hit");

    // What a coordinator sees is rendered for them, never stored or served to others.
    for _ in 0..2 {
        let response = server
            .client
            .get(format!("{}/gebieden", server.base))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert!(response.headers().get("x-kernpunt-cache").is_none());
        assert!(response.text().await.unwrap().contains("Gebied toevoegen"));
    }
    let (_, _, anonymous) = fetch(&server, "/gebieden").await;
    assert!(!anonymous.contains("Gebied toevoegen"));

    let response = server
        .post_fn(
            "save_district",
            Some(&cookie),
            &[("fields[name]", "Cachewijk")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    for path in OTHERS.iter().chain(&["/sessies"]) {
        assert_eq!(how(&server, path).await, "miss", "{path}");
    }
}

/// The page without its per-response nonce, to compare two renders.
fn strip_nonce(html: &str) -> String {
    html.split("nonce=\"")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.split_once('"').map_or(part, |(_, rest)| rest)
            }
        })
        .collect()
}

#[tokio::test]
async fn a_confirmed_proposal_renders_only_that_areas_pages_again() {
    let server = TestServer::start().await;
    let proposals = "/gebieden/lindenplein/voorstellen";
    warm(&server, &[proposals, "/gebieden/havenstraat", "/sessies"]).await;
    warm(&server, &OTHERS).await;
    let form = [
        ("slug", "lindenplein"),
        ("title", "Bankjes bij de fontein"),
        ("description", "Er is nergens een plek om te zitten."),
        ("theme", "public_space"),
        ("role", "resident"),
        ("name", "Bas"),
        ("email", "bas@voorbeeld.nl"),
        ("consent", "ja"),
    ];
    // Proposing changes nothing public yet.
    assert_eq!(
        server
            .post_fn("propose_opgave", None, &form)
            .await
            .status()
            .as_u16(),
        200
    );
    assert_eq!(how(&server, proposals).await, "hit");
    let body: String =
        sqlx::query_scalar("SELECT body FROM mail_outbox WHERE kind = 'proposal_confirm'")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    let at = body.find("/voorstellen/bevestigen/").unwrap() + "/voorstellen/bevestigen/".len();
    let confirm = server
        .post_fn("confirm_proposal", None, &[("token", &body[at..at + 64])])
        .await;
    assert_eq!(confirm.status().as_u16(), 200);
    let (_, served, page) = fetch(&server, proposals).await;
    assert_eq!(served, "miss");
    assert!(page.contains("Bankjes bij de fontein"));
    assert_eq!(how(&server, "/gebieden/lindenplein").await, "miss");
    for path in ["/gebieden/havenstraat", "/sessies", "/kennisbank", "/"] {
        assert_eq!(how(&server, path).await, "hit", "{path}");
    }
}
