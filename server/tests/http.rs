//! The HTTP surface through the real router, over a real socket, on a real SQLite file.

mod common;

use common::TestServer;
use server::open_database;

#[tokio::test]
async fn healthz_answers_ok() {
    let server = TestServer::start().await;
    assert_eq!(server.get("/healthz").await, (200, "ok".to_string()));
}

#[tokio::test]
async fn home_page_is_dutch_with_navigation_and_footer() {
    let server = TestServer::start().await;
    let (status, html) = server.get("/").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"<html lang="nl""#));
    assert!(html.contains("Direct naar de inhoud"));
    for link in [
        "/gebieden",
        "/sessies",
        "/kennisbank",
        "/privacy",
        "/toegankelijkheid",
    ] {
        assert!(
            html.contains(&format!(r#"href="{link}""#)),
            "missing link {link}"
        );
    }
}

#[tokio::test]
async fn area_list_is_rendered_on_the_server() {
    let server = TestServer::start().await;
    let (status, html) = server.get("/gebieden").await;
    assert_eq!(status, 200);
    assert!(html.contains("Lindenplein"));
    assert!(html.contains("Havenstraat"));
    assert!(html.contains("18 gebieden"));
    // Key indicators as columns, values with a Dutch decimal comma.
    assert!(html.contains("Leegstand (verkooppunten)"));
    assert!(html.contains(",") && html.contains("%<!></td>"));
}

#[tokio::test]
async fn area_list_filters_by_query_without_javascript() {
    let server = TestServer::start().await;
    let (status, html) = server.get("/gebieden?q=haven").await;
    assert_eq!(status, 200);
    assert!(html.contains("Havenstraat"));
    assert!(!html.contains("Lindenplein"));
    assert!(html.contains("1 van 18 gebieden"));

    let (_, html) = server.get("/gebieden?q=zzzz").await;
    assert!(html.contains("Geen gebieden gevonden"));
}

#[tokio::test]
async fn area_profile_shows_the_areas_data() {
    let server = TestServer::start().await;
    let (status, html) = server.get("/gebieden/lindenplein").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("<h1>Lindenplein"),
        "the area name is the page heading"
    );
    assert!(html.contains("Noord"));
    assert!(html.contains("Wijkcentrum"));
    assert!(html.contains("Leegstand (verkooppunten)"));
    assert!(html.contains("Passanten (zaterdag)"));
    assert!(html.contains("Ondernemersvereniging Lindenplein"));
    assert!(html.contains("Straatmanager"));
    assert!(html.contains("Opgaves"));
}

#[tokio::test]
async fn unknown_area_is_a_real_404() {
    let server = TestServer::start().await;
    let (status, html) = server.get("/gebieden/bestaat-niet").await;
    assert_eq!(status, 404);
    assert!(html.contains("Gebied niet gevonden"));
    let (status, _) = server.get("/gebieden/NOT%20a%20slug").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn unknown_route_is_a_real_404_page() {
    let server = TestServer::start().await;
    let (status, html) = server.get("/dit/bestaat/niet").await;
    assert_eq!(status, 404);
    assert!(html.contains("Pagina niet gevonden"));
}

#[tokio::test]
async fn pages_are_compressed_when_the_browser_asks() {
    let server = TestServer::start().await;
    let response = server
        .client
        .get(format!("{}/gebieden", server.base))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers().get("content-encoding").unwrap(), "br");
}

#[tokio::test]
async fn a_failing_database_gives_a_clear_error_page_and_loses_nothing() {
    let server = TestServer::start().await;
    // Break the database underneath the running server: its tables disappear from view
    // when another connection renames them away, as a corrupt or foreign file would.
    let db = server.dir.path().join("kernpunt.db");
    let pool = open_database(&db).await.unwrap();
    sqlx::query("ALTER TABLE areas RENAME TO areas_hidden")
        .execute(&pool)
        .await
        .unwrap();

    let (status, html) = server.get("/gebieden").await;
    assert_eq!(status, 503);
    assert!(html.contains("niet beschikbaar"), "{html}");
    assert!(
        !html.contains("sqlx"),
        "raw database errors must not reach visitors"
    );

    sqlx::query("ALTER TABLE areas_hidden RENAME TO areas")
        .execute(&pool)
        .await
        .unwrap();
    let (status, html) = server.get("/gebieden").await;
    assert_eq!(status, 200);
    assert!(html.contains("18 gebieden"));
}

#[tokio::test]
async fn startup_fails_clearly_when_the_database_folder_is_not_writable() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "not a folder").unwrap();
    let error = open_database(&blocker.join("kernpunt.db"))
        .await
        .unwrap_err();
    let message = error.to_string();
    assert!(message.contains("KERNPUNT_DATABASE"), "{message}");
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_and_served_precompressed() {
    let server = TestServer::start().await;
    let url = format!("{}/pkg/kernpunt.abc123.js", server.base);

    let plain = server.client.get(&url).send().await.unwrap();
    assert_eq!(plain.status().as_u16(), 200);
    assert_eq!(
        plain.headers().get("cache-control").unwrap(),
        "public, max-age=31536000, immutable"
    );
    assert!(plain
        .headers()
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("javascript"));
    assert_eq!(plain.text().await.unwrap(), "console.log('kernpunt');");

    let brotli = server
        .client
        .get(&url)
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(brotli.headers().get("content-encoding").unwrap(), "br");
    assert_eq!(brotli.bytes().await.unwrap().as_ref(), b"brotli bytes");

    let missing = server
        .client
        .get(format!("{}/pkg/nope.js", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status().as_u16(), 404);
}

fn nonce_of(response: &reqwest::Response) -> String {
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    let start = policy.find("'nonce-").unwrap() + 7;
    policy[start..].split('\'').next().unwrap().to_string()
}

#[tokio::test]
async fn anonymous_pages_are_cached_with_a_fresh_nonce_and_refreshed_after_a_change() {
    let server = common::TestServer::start().await;
    let url = format!("{}/gebieden/lindenplein", server.base);
    let first = server.client.get(&url).send().await.unwrap();
    let first_nonce = nonce_of(&first);
    let first_body = first.text().await.unwrap();
    let second = server.client.get(&url).send().await.unwrap();
    let second_nonce = nonce_of(&second);
    let second_body = second.text().await.unwrap();
    assert_ne!(first_nonce, second_nonce);
    // The stored page carries this response's nonce, so its scripts run.
    assert!(second_body.contains(&format!("nonce=\"{second_nonce}\"")));
    assert!(!second_body.contains(&first_nonce));
    assert_eq!(
        first_body.replace(&first_nonce, ""),
        second_body.replace(&second_nonce, "")
    );

    // A change through the app is visible to the next anonymous visitor.
    let cookie = server.cookie_for(common::Actor::Coordinator).await.unwrap();
    let response = server
        .post_fn(
            "add_indicator_value",
            Some(&cookie),
            &[
                ("slug", "lindenplein"),
                ("indicator", "footfall"),
                ("period", "2026"),
                ("value", "54.321"),
                ("source", "Telling"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let (_, html) = server.get("/gebieden/lindenplein").await;
    assert!(html.contains("54.321 per dag"));
}

/// Islands: a page names its islands and the navigation script, which is served with a
/// year's caching under its versioned name; the coordinators' place-picker script is only
/// on the coordinators' form, never on a visitor's page.
#[tokio::test]
async fn pages_ship_only_islands_and_the_navigation_script() {
    let server = TestServer::start().await;
    let (status, html) = server.get("/gebieden").await;
    assert_eq!(status, 200);
    assert!(html.contains("<leptos-island"), "no island on /gebieden");
    assert!(
        html.contains("data-component="),
        "an island without its name"
    );
    let navigate = app::ui::scripts::NAVIGATE.href();
    assert!(
        html.contains(&format!(r#"src="{navigate}""#)),
        "no navigation script"
    );
    assert!(!html.contains("/js/place-picker."));

    let response = server
        .client
        .get(format!("{}{navigate}", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    };
    assert_eq!(
        header("content-type").as_deref(),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(
        header("cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );
    assert!(response.text().await.unwrap().contains("kernpunt:page"));
    assert_eq!(server.get("/js/navigate.0000000000000000.js").await.0, 404);
    assert_eq!(server.get("/js/navigate.js").await.0, 404);

    let cookie = server
        .login("coordinator@voorbeeld.nl", "kernpunt-demo")
        .await;
    let (status, form) = server.get_as("/gebieden/nieuw", &cookie).await;
    assert_eq!(status, 200);
    assert!(form.contains(&app::ui::scripts::PLACE_PICKER.href()));
}

/// The hydration scripts are written once per process (`assets::hydration_scripts`): on a
/// page rendered for a logged-in user every script still carries that response's nonce,
/// and the island loader names the built JS and wasm.
#[tokio::test]
async fn rendered_pages_carry_their_own_nonce_on_every_script() {
    let server = common::TestServer::start().await;
    let cookie = server.cookie_for(common::Actor::Coordinator).await.unwrap();
    let mut seen = Vec::new();
    for _ in 0..2 {
        let response = server
            .client
            .get(format!("{}/gebieden/lindenplein", server.base))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert!(
            response.headers().get("x-kernpunt-cache").is_none(),
            "rendered, not from the page cache"
        );
        let nonce = nonce_of(&response);
        let html = response.text().await.unwrap();
        let scripts = html.matches("<script").count();
        assert!(scripts >= 2, "the early class script and the island loader");
        assert_eq!(
            html.matches(&format!("<script nonce=\"{nonce}\"")).count()
                + html
                    .matches(&format!("<script type=\"module\" nonce=\"{nonce}\""))
                    .count(),
            html.matches("<script").count() - html.matches("<script type=\"module\" src=").count(),
            "every inline script has this response's nonce"
        );
        assert!(
            html.contains("hydrateIslands"),
            "the island loader is on the page"
        );
        assert!(!html.contains("kernpunt-nonce"), "no placeholder left");
        assert!(
            html.contains("crossorigin>") && !html.contains(&format!("crossorigin=\"{nonce}\"")),
            "preload links are plain CORS requests, the nonce is not their crossorigin value"
        );
        seen.push(nonce);
    }
    assert_ne!(seen[0], seen[1]);
}
