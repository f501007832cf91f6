//! Editing an area through the editing framework, over real HTTP: validation, drafts that
//! keep what was typed, optimistic concurrency, revisions with restore, audit log, markdown.

mod common;

use common::{Actor, TestServer};

async fn save(
    server: &TestServer,
    cookie: Option<&str>,
    version: i64,
    story: &str,
    intent: &str,
) -> reqwest::Response {
    let version = version.to_string();
    server
        .post_fn(
            "save_area",
            cookie,
            &[
                ("slug", "lindenplein"),
                ("version", &version),
                ("story", story),
                ("ambition", "Samen sterker."),
                ("phase", "build_up"),
                ("activation", "energetic"),
                ("intent", intent),
            ],
        )
        .await
}

async fn story(server: &TestServer) -> String {
    sqlx::query_scalar("SELECT story FROM areas WHERE slug = 'lindenplein'")
        .fetch_one(&server.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_saved_story_shows_on_the_profile_with_history_and_audit() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    let original = story(&server).await;

    let response = save(
        &server,
        Some(&cookie),
        1,
        "Een **nieuw** verhaal.\n\n<script>alert(1)</script>",
        "save",
    )
    .await;
    assert!(
        response.status().is_success() || response.status().is_redirection(),
        "{}",
        response.status()
    );

    let (_, html) = server.get("/gebieden/lindenplein").await;
    assert!(html.contains("Een <strong>nieuw</strong> verhaal."));
    assert!(!html.contains("<script>alert(1)"), "markdown is sanitised");
    assert_eq!(server.area_version("lindenplein").await, 2);

    let revisions: Vec<(i64, String)> = sqlx::query_as(
        "SELECT version, user_name FROM revisions WHERE entity = 'area' ORDER BY version",
    )
    .fetch_all(&server.pool)
    .await
    .unwrap();
    assert_eq!(revisions.len(), 2, "the original text is kept as version 1");
    assert_eq!(revisions[1].1, "Chris de Coördinator");

    let (who, before, after): (String, String, String) = sqlx::query_as(
        "SELECT user_name, before_json, after_json FROM audit_log WHERE entity = 'area'",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(who, "Chris de Coördinator");
    assert!(before.contains(&original[..20]));
    assert!(after.contains("nieuw"));

    // Restore version 1: the original text is back, as a new version 3.
    let first: i64 = sqlx::query_scalar("SELECT id FROM revisions WHERE version = 1")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    server
        .post_fn(
            "restore_area_story",
            Some(&cookie),
            &[("slug", "lindenplein"), ("revision_id", &first.to_string())],
        )
        .await;
    assert_eq!(story(&server).await, original);
    let (_, history) = server
        .client
        .get(format!("{}/gebieden/lindenplein/geschiedenis", server.base))
        .header("cookie", &cookie)
        .send()
        .await
        .map(|r| ((), r))
        .unwrap();
    let history = history.text().await.unwrap();
    assert!(history.contains("Versie 3") && history.contains("Versie 1"));
}

#[tokio::test]
async fn invalid_input_is_refused_with_field_messages_and_nothing_changes() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    let before = server.snapshot().await;
    let body = save(&server, Some(&cookie), 1, "   ", "save")
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains("Invalid") && body.contains("story"), "{body}");
    let too_long = "x".repeat(app::areas::edit::MAX_STORY + 1);
    let body = save(&server, Some(&cookie), 1, &too_long, "save")
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains("te lang"), "{body}");
    assert_eq!(server.snapshot().await, before);
}

#[tokio::test]
async fn without_javascript_errors_come_back_beside_what_was_typed() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    let response = server
        .client
        .post(format!("{}/api/save_area", server.base))
        .header("accept", "text/html")
        .header("sec-fetch-site", "same-origin")
        .header("cookie", &cookie)
        .form(&[
            ("slug", "lindenplein"),
            ("version", "1"),
            ("story", "Mijn getypte tekst"),
            ("ambition", "a"),
            ("phase", "onzin"),
            ("activation", "energetic"),
            ("intent", "save"),
        ])
        .send()
        .await
        .unwrap();
    let location = response
        .headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        location.starts_with("/gebieden/lindenplein/bewerken?concept="),
        "{location}"
    );
    let html = server
        .client
        .get(format!("{}{location}", server.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Mijn getypte tekst"));
    assert!(html.contains("Kies een fase uit de lijst."));
    assert!(html.contains(r#"aria-invalid="true""#));
}

#[tokio::test]
async fn a_concurrent_edit_is_refused_not_overwritten() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    save(&server, Some(&cookie), 1, "Eerste redacteur", "save").await;
    // A second editor started from version 1 too.
    let body = save(&server, Some(&cookie), 1, "Tweede redacteur", "save")
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains("Conflict"), "{body}");
    assert_eq!(story(&server).await, "Eerste redacteur");
}

/// A plain form post of the area text, with an optional session cookie.
async fn post_story(server: &TestServer, cookie: Option<&str>, story: &str) -> reqwest::Response {
    let mut request = server
        .client
        .post(format!("{}/api/save_area", server.base))
        .header("accept", "text/html")
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("slug", "lindenplein"),
            ("version", "1"),
            ("story", story),
            ("ambition", ""),
            ("phase", "stable"),
            ("activation", "energetic"),
            ("intent", "save"),
        ]);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.unwrap()
}

async fn drafts(server: &TestServer) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM form_drafts")
        .fetch_one(&server.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn without_a_session_nothing_posted_is_kept() {
    let server = TestServer::start().await;
    let response = post_story(&server, None, "Tekst van iemand zonder sessie").await;
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(
        location,
        "/inloggen?volgende=%2Fgebieden%2Flindenplein%2Fbewerken"
    );
    assert_eq!(drafts(&server).await, 0);

    // Nor from someone who logged out: that session is gone, not lapsed.
    let cookie = server.cookie_for(Actor::EditorOfThisArea).await.unwrap();
    server.post_fn("logout", Some(&cookie), &[]).await;
    let response = post_story(&server, Some(&cookie), "Na het uitloggen").await;
    assert!(response.headers()["location"]
        .to_str()
        .unwrap()
        .ends_with("bewerken"));
    assert_eq!(drafts(&server).await, 0);

    // Nor from an editor of another area whose session ran out.
    let cookie = server.cookie_for(Actor::EditorOfOtherArea).await.unwrap();
    expire_sessions(&server).await;
    post_story(&server, Some(&cookie), "Niet mijn gebied").await;
    assert_eq!(drafts(&server).await, 0);
}

/// Every session ran out (idle for longer than the idle timeout) a minute ago.
async fn expire_sessions(server: &TestServer) {
    sqlx::query("UPDATE sessions SET last_seen = last_seen - ? - 60")
        .bind(app::accounts::session::IDLE_TIMEOUT_SECS)
        .execute(&server.pool)
        .await
        .unwrap();
}

#[tokio::test]
async fn an_expired_session_keeps_the_text_for_after_logging_in() {
    let server = TestServer::start().await;
    let old_cookie = server.cookie_for(Actor::EditorOfThisArea).await.unwrap();
    expire_sessions(&server).await;
    let response = post_story(&server, Some(&old_cookie), "Tekst van voor het verlopen").await;
    let location = response
        .headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        location
            .starts_with("/inloggen?volgende=%2Fgebieden%2Flindenplein%2Fbewerken%3Fconcept%3D"),
        "{location}"
    );
    // The lapsed session let nothing through: the story is unchanged.
    assert_ne!(story(&server).await, "Tekst van voor het verlopen");

    // Log in with the page's own form data: the login redirects to the form with the draft.
    let next = location.split("volgende=").nth(1).unwrap();
    let next = next
        .replace("%2F", "/")
        .replace("%3F", "?")
        .replace("%3D", "=");
    let login = server
        .post_fn(
            "login",
            None,
            &[
                ("email", "redacteur@voorbeeld.nl"),
                ("password", app::demo::DEMO_PASSWORD),
                ("next", &next),
            ],
        )
        .await;
    let back = login
        .headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(back, next);
    let cookie = login
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
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
    assert!(html.contains("Tekst van voor het verlopen"));
}

#[tokio::test]
async fn preview_renders_without_saving() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::EditorOfThisArea).await.unwrap();
    let before = server.snapshot().await;
    let body = save(
        &server,
        Some(&cookie),
        1,
        "# Kop\n\n[x](javascript:alert(1))",
        "preview",
    )
    .await
    .text()
    .await
    .unwrap();
    assert!(body.contains("<h1>Kop</h1>"), "{body}");
    assert!(!body.contains("javascript:"));
    assert_eq!(server.snapshot().await, before);
}

#[tokio::test]
async fn opgaves_measurements_and_assessments_are_validated_and_saved() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::EditorOfThisArea).await.unwrap();
    let c = Some(cookie.as_str());

    let bad = server
        .post_fn(
            "add_opgave",
            c,
            &[
                ("slug", "lindenplein"),
                ("title", ""),
                ("theme", "geen"),
                ("owner", ""),
                ("due_date", "2026-02-30"),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    for field in ["title", "theme", "due_date"] {
        assert!(bad.contains(&format!("\"{field}\"")), "{field}: {bad}");
    }
    server
        .post_fn(
            "add_opgave",
            c,
            &[
                ("slug", "lindenplein"),
                ("title", "Pop-upwinkels in lege panden"),
                ("theme", "vacancy"),
                ("owner", "BIZ"),
                ("due_date", "2027-03-01"),
            ],
        )
        .await;
    let (_, html) = server.get("/gebieden/lindenplein").await;
    assert!(html.contains("Pop-upwinkels in lege panden"));
    assert!(html.contains("1 maart 2027"));

    let duplicate = server
        .post_fn(
            "add_indicator_value",
            c,
            &[
                ("slug", "lindenplein"),
                ("indicator", "footfall"),
                ("period", "2025"),
                ("value", "1"),
                ("source", ""),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(duplicate.contains("al een waarde"), "{duplicate}");
    server
        .post_fn(
            "add_indicator_value",
            c,
            &[
                ("slug", "lindenplein"),
                ("indicator", "footfall"),
                ("period", "2026"),
                ("value", "4.321"),
                ("source", "Eigen telling"),
            ],
        )
        .await;
    let (_, html) = server.get("/gebieden/lindenplein").await;
    assert!(
        html.contains("4.321 per dag"),
        "Dutch thousands separator read correctly"
    );

    let segments: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM stuurwiel_segments ORDER BY position")
            .fetch_all(&server.pool)
            .await
            .unwrap();
    let mut form: Vec<(String, String)> = vec![
        ("slug".into(), "lindenplein".into()),
        ("assessed_on".into(), "2026-11-20".into()),
        ("note".into(), "".into()),
    ];
    for (i, id) in segments.iter().enumerate() {
        form.push((
            format!("scores[{id}]"),
            if i == 0 { "9".into() } else { "4".into() },
        ));
    }
    let refs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let out_of_range = server
        .post_fn("record_assessment", c, &refs)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        out_of_range.contains(&format!("scores[{}]", segments[0])),
        "{out_of_range}"
    );
    form[3].1 = "2".into();
    let refs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    server.post_fn("record_assessment", c, &refs).await;
    let scores: Vec<i64> = sqlx::query_scalar(
        "SELECT s.score FROM stuurwiel_scores s JOIN stuurwiel_assessments a ON a.id = s.assessment_id
         WHERE a.assessed_on = '2026-11-20' ORDER BY s.segment_id",
    )
    .fetch_all(&server.pool)
    .await
    .unwrap();
    assert_eq!(scores.len(), segments.len());
    assert_eq!(scores[0], 2);

    let audit: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE entity IN ('opgave', 'indicator_value', 'assessment')")
        .fetch_one(&server.pool).await.unwrap();
    assert_eq!(audit, 3);
}

#[tokio::test]
async fn contacts_are_added_and_removed_only_after_confirmation() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    let c = Some(cookie.as_str());
    let bad = server
        .post_fn(
            "add_contact",
            c,
            &[
                ("slug", "lindenplein"),
                ("contact_role", "baas"),
                ("contact_name", ""),
                ("contact_email", "geen adres"),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    for field in ["contact_role", "contact_name", "contact_email"] {
        assert!(bad.contains(field), "{field}: {bad}");
    }
    server
        .post_fn(
            "add_contact",
            c,
            &[
                ("slug", "lindenplein"),
                ("contact_role", "district_manager"),
                ("contact_name", "Wim Wijk"),
                ("contact_email", ""),
            ],
        )
        .await;
    let (_, html) = server.get("/gebieden/lindenplein").await;
    assert!(html.contains("Wim Wijk"));

    let id: i64 = sqlx::query_scalar("SELECT id FROM contacts WHERE name = 'Wim Wijk'")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let unconfirmed = server
        .post_fn(
            "remove_contact",
            c,
            &[("slug", "lindenplein"), ("contact_id", &id.to_string())],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(unconfirmed.contains("Vink eerst aan"), "{unconfirmed}");
    assert!(
        server
            .get("/gebieden/lindenplein")
            .await
            .1
            .contains("Wim Wijk"),
        "nothing removed without confirmation"
    );
    server
        .post_fn(
            "remove_contact",
            c,
            &[
                ("slug", "lindenplein"),
                ("contact_id", &id.to_string()),
                ("confirm", "ja"),
            ],
        )
        .await;
    assert!(!server
        .get("/gebieden/lindenplein")
        .await
        .1
        .contains("Wim Wijk"));
    let deleted: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE entity = 'contact' AND action = 'delete' AND before_json LIKE '%Wim Wijk%'")
        .fetch_one(&server.pool).await.unwrap();
    assert_eq!(deleted, 1, "the audit log keeps what was removed");
}

#[tokio::test]
async fn an_opgave_can_be_changed_with_field_messages_per_opgave() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::EditorOfThisArea).await.unwrap();
    let c = Some(cookie.as_str());
    let id: i64 = sqlx::query_scalar("SELECT o.id FROM opgaves o JOIN areas a ON a.id = o.area_id WHERE a.slug = 'lindenplein' LIMIT 1")
        .fetch_one(&server.pool).await.unwrap();
    let id_text = id.to_string();
    let bad = server
        .post_fn(
            "update_opgave",
            c,
            &[
                ("slug", "lindenplein"),
                ("opgave_id", &id_text),
                ("title", " "),
                ("theme", "vacancy"),
                ("owner", ""),
                ("due_date", "morgen"),
                ("status", "open"),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(
        bad.contains(&format!("title-{id}")) && bad.contains(&format!("due_date-{id}")),
        "{bad}"
    );
    server
        .post_fn(
            "update_opgave",
            c,
            &[
                ("slug", "lindenplein"),
                ("opgave_id", &id_text),
                ("title", "Nieuwe titel"),
                ("theme", "safety"),
                ("owner", "Politie"),
                ("due_date", "2027-01-15"),
                ("status", "in_progress"),
            ],
        )
        .await;
    let row: (String, String, String, String) =
        sqlx::query_as("SELECT title, theme_key, owner, due_date FROM opgaves WHERE id = ?")
            .bind(id)
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(
        row,
        (
            "Nieuwe titel".into(),
            "safety".into(),
            "Politie".into(),
            "2027-01-15".into()
        )
    );
    // Another area's opgave is out of reach, even with a valid id.
    let other: i64 = sqlx::query_scalar("SELECT o.id FROM opgaves o JOIN areas a ON a.id = o.area_id WHERE a.slug = 'havenstraat' LIMIT 1")
        .fetch_one(&server.pool).await.unwrap();
    let probe = server
        .post_fn(
            "update_opgave",
            c,
            &[
                ("slug", "lindenplein"),
                ("opgave_id", &other.to_string()),
                ("title", "Gekaapt"),
                ("theme", "safety"),
                ("owner", ""),
                ("due_date", ""),
                ("status", "open"),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(probe.contains("NotFound"), "{probe}");
}
