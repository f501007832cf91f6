//! The knowledge library over real HTTP: search pages, items, dossiers, learning paths,
//! attachments (checked by content, safe names) and editing without JavaScript.

mod common;

use common::{Actor, TestServer};

#[tokio::test]
async fn search_page_lists_highlights_and_filters() {
    let server = TestServer::start().await;
    let (status, html) = server.get("/kennisbank").await;
    assert_eq!(status, 200);
    assert!(html.contains("45 items"));
    assert!(html.contains("Themadossiers"));

    let (status, html) = server.get("/kennisbank?q=leegst").await;
    assert_eq!(status, 200);
    assert!(html.contains("<mark>"), "matches are highlighted");
    assert!(html.contains("resultaten voor ‘leegst’"));

    // Facet links keep the query; choosing one narrows the results.
    let (_, all) = server.get("/kennisbank?q=leegstand").await;
    let (_, narrowed) = server.get("/kennisbank?q=leegstand&soort=regulation").await;
    let count = |html: &str| html.matches("class=\"hit\"").count();
    assert!(count(&narrowed) < count(&all));
    assert!(narrowed.contains("aria-current=\"true\""));

    // Unknown filters are ignored with a note; hostile queries are just text.
    let (status, html) = server.get("/kennisbank?soort=blog").await;
    assert_eq!(status, 200);
    assert!(html.contains("Soort ‘blog’ bestaat niet en is genegeerd."));
    for q in [
        "%22",
        "AND",
        "*",
        "NEAR(a%20b)",
        "%27%3B%20DROP%20TABLE%20library_items%3B--",
    ] {
        let (status, _) = server.get(&format!("/kennisbank?q={q}")).await;
        assert_eq!(status, 200, "{q}");
    }
    let (_, html) = server.get("/kennisbank?q=xyzzyplugh").await;
    assert!(html.contains("Niets gevonden"));
}

#[tokio::test]
async fn item_dossier_and_learning_path_pages() {
    let server = TestServer::start().await;
    let (status, html) = server.get("/kennisbank/rol-van-de-straatmanager").await;
    assert_eq!(status, 200);
    assert!(html.contains("Verwant door"));
    assert!(html.contains("/kennisbank/thema/"));
    let (status, _) = server.get("/kennisbank/bestaat-niet").await;
    assert_eq!(status, 404);

    let (status, html) = server.get("/kennisbank/thema/vacancy").await;
    assert_eq!(status, 200);
    assert!(html.contains("Dossier: Aanpak leegstand"));
    assert!(html.contains("Begin hier"));
    assert!(html.contains("Gebieden die hieraan werken"));
    let (status, _) = server.get("/kennisbank/thema/nonsense").await;
    assert_eq!(status, 404);

    let (status, html) = server.get("/kennisbank/stuurwiel").await;
    assert_eq!(status, 200);
    let first: i64 =
        sqlx::query_scalar("SELECT id FROM stuurwiel_segments ORDER BY position LIMIT 1")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert!(html.contains(&format!("/kennisbank/stuurwiel/{first}")));
    let (status, public) = server.get(&format!("/kennisbank/stuurwiel/{first}")).await;
    assert_eq!(status, 200);
    assert!(public.contains("Leesvolgorde"));
    // Only coordinators see which areas score lowest.
    assert!(!public.contains("het laagst scoren"));
    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    let private = server
        .client
        .get(format!("{}/kennisbank/stuurwiel/{first}", server.base))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(private.contains("het laagst scoren"));
}

async fn upload(
    server: &TestServer,
    cookie: &str,
    name: &str,
    bytes: Vec<u8>,
    alt: &str,
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .part(
            "bestand",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        )
        .text("alt", alt.to_string());
    server
        .client
        .post(format!(
            "{}/kennisbank/rol-van-de-straatmanager/bijlagen",
            server.base
        ))
        .header("sec-fetch-site", "same-origin")
        .header("cookie", cookie)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_string()
}

async fn attachment_count(server: &TestServer) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM library_attachments")
        .fetch_one(&server.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn attachments_are_checked_by_content_and_named_safely() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    let png = b"\x89PNG\r\n\x1a\n rest of an image".to_vec();

    // Wrong type by content (HTML with a .pdf name), an image without alt text, too large.
    let refused = upload(
        &server,
        &cookie,
        "rapport.pdf",
        b"<html><script>x</script>".to_vec(),
        "",
    )
    .await;
    assert!(location(&refused).contains("bijlage=type"));
    let refused = upload(&server, &cookie, "foto.png", png.clone(), "  ").await;
    assert!(location(&refused).contains("bijlage=alt-ontbreekt"));
    let mut huge = b"%PDF-1.7\n".to_vec();
    huge.resize(app::library::files::MAX_BYTES + 1, b'x');
    let refused = upload(&server, &cookie, "groot.pdf", huge, "").await;
    assert!(
        location(&refused).contains("bijlage=te-groot"),
        "{}",
        location(&refused)
    );
    assert_eq!(attachment_count(&server).await, 0);

    // The edit page explains the refusal.
    let html = server
        .client
        .get(format!(
            "{}/kennisbank/rol-van-de-straatmanager/bewerken?bijlage=type",
            server.base
        ))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Dit bestandstype wordt niet geaccepteerd."));

    // A real PDF with a hostile name: stored under its hash, served with a safe name.
    let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec();
    let accepted = upload(&server, &cookie, "../../etc/passwd.exe", pdf.clone(), "").await;
    assert_eq!(accepted.status().as_u16(), 303);
    assert!(!location(&accepted).contains("bijlage="));
    let (id, name, sha): (i64, String, String) =
        sqlx::query_as("SELECT id, display_name, sha256 FROM library_attachments")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(name, "passwd.pdf");
    let stored = server
        .dir
        .path()
        .join("bijlagen")
        .join(format!("{sha}.pdf"));
    assert_eq!(std::fs::read(&stored).unwrap(), pdf);

    let response = server
        .client
        .get(format!(
            "{}/kennisbank/bijlagen/{id}/passwd.pdf",
            server.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("inline; filename=\"passwd.pdf\""));
    assert_eq!(response.bytes().await.unwrap().to_vec(), pdf);
    let (status, _) = server.get("/kennisbank/bijlagen/999/x.pdf").await;
    assert_eq!(status, 404);

    // Only coordinators upload.
    let editor = server.cookie_for(Actor::EditorOfThisArea).await.unwrap();
    let refused = upload(&server, &editor, "x.pdf", pdf, "").await;
    assert_eq!(refused.status().as_u16(), 403);
}

#[tokio::test]
async fn a_bad_item_form_without_javascript_comes_back_with_what_was_typed() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    let long_summary = "Te lang. ".repeat(40);
    let response = server
        .client
        .post(format!("{}/api/save_library_item", server.base))
        .header("sec-fetch-site", "same-origin")
        .header("accept", "text/html")
        .header("cookie", &cookie)
        .form(&[
            ("original_slug", ""),
            ("version", "0"),
            ("fields[kind]", "article"),
            ("fields[title]", "Mijn nieuwe artikel over de markt"),
            ("fields[summary]", long_summary.as_str()),
            ("fields[body]", "Een tekst die ik niet kwijt wil."),
            ("themes[branding]", "ja"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 302);
    let back = location(&response);
    assert!(back.starts_with("/kennisbank/nieuw?concept="), "{back}");
    let html = server
        .client
        .get(format!("{}{back}", server.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("houd het bij hoogstens 300"));
    assert!(html.contains("Een tekst die ik niet kwijt wil."));
    assert!(html.contains("Mijn nieuwe artikel over de markt"));

    // Saved properly, the item is found by search at once.
    let response = server
        .post_fn(
            "save_library_item",
            Some(&cookie),
            &[
                ("original_slug", ""),
                ("version", "0"),
                ("fields[kind]", "article"),
                ("fields[title]", "Marktkramen en de zaterdagmarkt"),
                ("fields[summary]", "Kort."),
                ("fields[body]", "Over kramen."),
                ("themes[branding]", "ja"),
            ],
        )
        .await;
    assert_eq!(
        response.status().as_u16(),
        200,
        "{}",
        response.text().await.unwrap()
    );
    let (_, html) = server.get("/kennisbank?q=zaterdagmarkt").await;
    assert!(html.contains("/kennisbank/marktkramen-en-de-zaterdagmarkt"));
}
