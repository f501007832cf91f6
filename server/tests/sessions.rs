//! Sessions and sign-ups over real HTTP: no overbooking under concurrency, a waiting list in
//! order, cancelling promotes, every kind of bad input its own message, and the meeting link
//! only for confirmed attendees.

mod common;

use common::TestServer;

/// A published session far in the future with `capacity` places; returns its slug.
async fn session(server: &TestServer, slug: &str, capacity: i64, online: bool) -> String {
    sqlx::query(
        "INSERT INTO learning_sessions (slug, kind, title, description, starts_at, ends_at, online,
             meeting_url, address, capacity, signup_deadline, status)
         VALUES (?, 'thematic', 'Testsessie', 'Over niets.', '2099-06-01T19:30', '2099-06-01T21:00', ?,
             'https://meet.example.nl/geheim-123', 'Stadskantoor', ?, '2099-05-31T12:00', 'published')",
    )
    .bind(slug)
    .bind(online)
    .bind(capacity)
    .execute(&server.pool)
    .await
    .unwrap();
    slug.to_string()
}

fn form<'a>(slug: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("slug", slug),
        ("name", "Sanne de Vries"),
        ("email", email),
        ("organisation", "Bakkerij De Vries"),
        ("role", "entrepreneur"),
        ("consent", "ja"),
    ]
}

async fn sign_up(server: &TestServer, fields: &[(&str, &str)]) -> (u16, String) {
    let response = server.post_fn("sign_up", None, fields).await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

fn token(body: &str) -> String {
    body.trim_matches('"').to_string()
}

#[tokio::test]
async fn concurrent_sign_ups_never_overbook_and_queue_in_order() {
    let server = TestServer::start().await;
    let slug = session(&server, "drukke-sessie", 25, true).await;
    let server = std::sync::Arc::new(server);
    let mut tasks = Vec::new();
    for n in 0..200 {
        let server = server.clone();
        let slug = slug.clone();
        tasks.push(tokio::spawn(async move {
            let email = format!("deelnemer{n}@voorbeeld.nl");
            sign_up(&server, &form(&slug, &email)).await
        }));
    }
    let mut tokens = Vec::new();
    for task in tasks {
        let (status, body) = task.await.unwrap();
        assert_eq!(status, 200, "{body}");
        tokens.push(token(&body));
    }
    let counts: (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM registrations WHERE status = 'confirmed'),
                (SELECT count(*) FROM registrations WHERE status = 'waiting'),
                (SELECT count(DISTINCT queue) FROM registrations)",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(
        counts,
        (25, 175, 200),
        "exactly the capacity confirmed, the rest waiting, none lost"
    );
    // The waiting list is in sign-up order: every confirmed one came before every waiting one.
    let (last_confirmed, first_waiting): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT max(queue) FROM registrations WHERE status = 'confirmed'),
                (SELECT min(queue) FROM registrations WHERE status = 'waiting')",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert!(last_confirmed < first_waiting);

    // Cancellations promote the first on the waiting list, in order.
    let first_waiting_email: String = sqlx::query_scalar(
        "SELECT email FROM registrations WHERE status = 'waiting' ORDER BY queue LIMIT 1",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let confirmed_token = {
        let mut found = None;
        for t in &tokens {
            let page = server
                .post_fn("get_registration", None, &[("token", t.as_str())])
                .await
                .text()
                .await
                .unwrap();
            if page.contains("\"confirmed\"") {
                found = Some(t.clone());
                break;
            }
        }
        found.unwrap()
    };
    let response = server
        .post_fn("cancel_registration", None, &[("token", &confirmed_token)])
        .await;
    assert_eq!(response.text().await.unwrap(), "true");
    let promoted: String = sqlx::query_scalar("SELECT status FROM registrations WHERE email = ?")
        .bind(&first_waiting_email)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(promoted, "confirmed");
    let confirmed: i64 =
        sqlx::query_scalar("SELECT count(*) FROM registrations WHERE status = 'confirmed'")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(confirmed, 25);
    // Cancelling twice changes nothing.
    let again = server
        .post_fn("cancel_registration", None, &[("token", &confirmed_token)])
        .await;
    assert_eq!(again.text().await.unwrap(), "false");
}

#[tokio::test]
async fn every_bad_sign_up_gets_its_own_message_and_stores_nothing() {
    let server = TestServer::start().await;
    let slug = session(&server, "kleine-sessie", 5, true).await;
    let (status, _) = sign_up(&server, &form(&slug, "eerst@voorbeeld.nl")).await;
    assert_eq!(status, 200);

    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (form(&slug, "EERST@voorbeeld.nl"), "Duplicate"),
        (form(&slug, "geen-adres"), "Vul een geldig e-mailadres in"),
        (
            form(&slug, "nieuw@voorbeeld.nl")
                .into_iter()
                .filter(|(k, _)| *k != "consent")
                .collect(),
            "Geef toestemming",
        ),
        (form("bestaat-niet", "nieuw@voorbeeld.nl"), "NotFound"),
    ];
    for (fields, expected) in cases {
        let (status, body) = sign_up(&server, &fields).await;
        assert!(status >= 400, "{expected}: {status}");
        assert!(body.contains(expected), "{expected}: {body}");
    }
    // Deadline passed, and cancelled.
    sqlx::query("UPDATE learning_sessions SET signup_deadline = '2000-01-01T00:00' WHERE slug = ?")
        .bind(&slug)
        .execute(&server.pool)
        .await
        .unwrap();
    let (_, body) = sign_up(&server, &form(&slug, "laat@voorbeeld.nl")).await;
    assert!(body.contains("DeadlinePassed"), "{body}");
    sqlx::query("UPDATE learning_sessions SET status = 'cancelled', signup_deadline = '2099-01-01T00:00' WHERE slug = ?")
        .bind(&slug)
        .execute(&server.pool)
        .await
        .unwrap();
    let (_, body) = sign_up(&server, &form(&slug, "laat@voorbeeld.nl")).await;
    assert!(body.contains("Cancelled"), "{body}");
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM registrations")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(stored, 1);
}

#[tokio::test]
async fn the_meeting_link_is_only_for_confirmed_attendees() {
    let server = TestServer::start().await;
    let slug = session(&server, "online-sessie", 1, true).await;
    let (_, first) = sign_up(&server, &form(&slug, "een@voorbeeld.nl")).await;
    let (_, second) = sign_up(&server, &form(&slug, "twee@voorbeeld.nl")).await;
    let secret = "geheim-123";

    for path in [
        "/sessies".to_string(),
        format!("/sessies/{slug}"),
        "/sessies.ics".to_string(),
        format!("/sessies/{slug}/agenda.ics"),
    ] {
        let (status, body) = server.get(&path).await;
        assert_eq!(status, 200, "{path}");
        assert!(!body.contains(secret), "meeting link on {path}");
    }
    let (_, waiting_page) = server.get(&format!("/aanmelding/{}", token(&second))).await;
    assert!(waiting_page.contains("op plaats 1"));
    assert!(!waiting_page.contains(secret));
    let (_, confirmed_page) = server.get(&format!("/aanmelding/{}", token(&first))).await;
    assert!(confirmed_page.contains(secret));
    let (status, _) = server.get(&format!("/aanmelding/{}", "0".repeat(64))).await;
    assert_eq!(status, 404);

    // The calendar file is valid enough to import: CRLF lines, the time zone, a stable UID.
    let (_, ics) = server
        .get(&format!("/aanmelding/{}/agenda.ics", token(&first)))
        .await;
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.contains("DTSTART;TZID=Europe/Amsterdam:20990601T193000"));
    assert!(ics.contains("UID:sessie-"));
    assert!(ics.lines().all(|l| l.len() <= 76));
}

#[tokio::test]
async fn a_sign_up_without_javascript_keeps_what_was_typed() {
    let server = TestServer::start().await;
    let slug = session(&server, "formulier-sessie", 5, false).await;
    let response = server
        .client
        .post(format!("{}/api/sign_up", server.base))
        .header("sec-fetch-site", "same-origin")
        .header("accept", "text/html")
        .form(&[
            ("slug", slug.as_str()),
            ("name", "Piet Pieters"),
            ("email", "piet@voorbeeld.nl"),
            ("role", "property"),
        ])
        .send()
        .await
        .unwrap();
    let back = response.headers()["location"].to_str().unwrap().to_string();
    assert!(
        back.starts_with(&format!("/sessies/{slug}?concept=")),
        "{back}"
    );
    let (_, html) = server.get(&back).await;
    assert!(html.contains("Geef toestemming"));
    assert!(html.contains("Piet Pieters"));
    assert!(html.contains("piet@voorbeeld.nl"));

    let response = server
        .client
        .post(format!("{}/api/sign_up", server.base))
        .header("sec-fetch-site", "same-origin")
        .header("accept", "text/html")
        .form(&[
            ("slug", slug.as_str()),
            ("name", "Piet Pieters"),
            ("email", "piet@voorbeeld.nl"),
            ("role", "property"),
            ("consent", "ja"),
        ])
        .send()
        .await
        .unwrap();
    let personal = response.headers()["location"].to_str().unwrap().to_string();
    assert!(personal.starts_with("/aanmelding/"));
    let (_, html) = server.get(&personal).await;
    assert!(html.contains("U bent aangemeld."));
}

#[tokio::test]
async fn theme_feeds_and_dossiers_show_the_sessions_on_a_theme() {
    let server = TestServer::start().await;
    let (status, ics) = server.get("/sessies/thema/undermining.ics").await;
    assert_eq!(status, 200);
    assert!(ics.contains("SUMMARY:Ondermijning herkennen in je winkelstraat"));
    assert!(!ics.contains("Leegstand samen aanpakken"));
    let (status, _) = server.get("/sessies/thema/bestaat-niet.ics").await;
    assert_eq!(status, 404);
    let (_, dossier) = server.get("/kennisbank/thema/undermining").await;
    assert!(dossier.contains("/sessies/ondermijning-herkennen"));
}
