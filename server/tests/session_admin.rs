//! Coordinator screens for sessions over real HTTP: creating and publishing, changing time
//! (everyone signed up gets a mail), more places (the waiting list moves up), cancelling,
//! moving people, attendance and numbers, the CSV export, and the report in the kennisbank.

mod common;

use common::{Actor, TestServer};

fn session_form<'a>(
    original: &'a str,
    title: &'a str,
    starts: &'a str,
    capacity: &'a str,
    status: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("original_slug", original),
        ("fields[kind]", "workshop"),
        ("fields[title]", title),
        ("fields[slug]", "werkplaats-gevels"),
        ("fields[description]", "We kijken samen naar **gevels**."),
        ("fields[starts_at]", starts),
        ("fields[ends_at]", "2099-04-01T23:00"),
        ("fields[address]", "Stadskantoor, zaal 1"),
        ("fields[capacity]", capacity),
        ("fields[status]", status),
        ("themes[branding]", "ja"),
        ("segments[1]", "ja"),
    ]
}

async fn sign_up(server: &TestServer, email: &str) -> String {
    let response = server
        .post_fn(
            "sign_up",
            None,
            &[
                ("slug", "werkplaats-gevels"),
                ("name", "Deelnemer"),
                ("email", email),
                ("role", "property"),
                ("consent", "ja"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    response.text().await.unwrap().trim_matches('"').to_string()
}

async fn statuses(server: &TestServer) -> Vec<(String, String)> {
    sqlx::query_as("SELECT email, status FROM registrations ORDER BY queue")
        .fetch_all(&server.pool)
        .await
        .unwrap()
}

async fn mails(server: &TestServer, kind: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT recipient FROM mail_outbox WHERE kind = ? ORDER BY id")
        .bind(kind)
        .fetch_all(&server.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_coordinator_runs_a_session_from_draft_to_report() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    let cookie = Some(cookie.as_str());

    // Bad input: each field its own message, nothing stored.
    let mut bad = session_form("", "", "morgen", "0", "draft");
    bad.retain(|(k, _)| !k.starts_with("themes"));
    let response = server.post_fn("save_session", cookie, &bad).await;
    let body = response.text().await.unwrap();
    for message in [
        "titel",
        "begintijd",
        "aantal plaatsen",
        "minstens één thema",
    ] {
        assert!(body.contains(message), "{message}: {body}");
    }
    let count: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM learning_sessions WHERE slug = 'werkplaats-gevels'",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(count, 0);

    // A draft is not public.
    let form = session_form("", "Werkplaats gevels", "2099-04-01T19:30", "1", "draft");
    let response = server.post_fn("save_session", cookie, &form).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    assert_eq!(server.get("/sessies/werkplaats-gevels").await.0, 404);
    assert!(!server.get("/sessies").await.1.contains("Werkplaats gevels"));

    // Published: on the agenda, with its stuurwiel segment, and open for sign-up.
    let form = session_form(
        "werkplaats-gevels",
        "Werkplaats gevels",
        "2099-04-01T19:30",
        "1",
        "published",
    );
    server.post_fn("save_session", cookie, &form).await;
    let (status, page) = server.get("/sessies/werkplaats-gevels").await;
    assert_eq!(status, 200);
    assert!(page.contains("/kennisbank/stuurwiel/1"), "segment linked");
    assert!(server
        .get("/sessies?thema=branding")
        .await
        .1
        .contains("Werkplaats gevels"));
    assert!(!server
        .get("/sessies?thema=vacancy")
        .await
        .1
        .contains("Werkplaats gevels"));
    assert!(server
        .get("/kennisbank/stuurwiel/1")
        .await
        .1
        .contains("Werkplaats gevels"));
    sign_up(&server, "a@voorbeeld.nl").await;
    sign_up(&server, "b@voorbeeld.nl").await;
    sign_up(&server, "c@voorbeeld.nl").await;
    assert_eq!(
        statuses(&server).await,
        vec![
            ("a@voorbeeld.nl".into(), "confirmed".into()),
            ("b@voorbeeld.nl".into(), "waiting".into()),
            ("c@voorbeeld.nl".into(), "waiting".into()),
        ]
    );

    // Fewer places than people confirmed: refused.
    let form = session_form(
        "werkplaats-gevels",
        "Werkplaats gevels",
        "2099-04-01T19:30",
        "0",
        "published",
    );
    let body = server
        .post_fn("save_session", cookie, &form)
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains("aantal plaatsen"), "{body}");

    // A new time and one more place: everyone active gets a "changed" mail, the first
    // waiting moves up and hears so; the calendar sequence goes up.
    let sequence = |server: &TestServer| {
        let pool = server.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT sequence FROM learning_sessions WHERE slug = 'werkplaats-gevels'",
            )
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let before = sequence(&server).await;
    let form = session_form(
        "werkplaats-gevels",
        "Werkplaats gevels",
        "2099-04-01T20:00",
        "2",
        "published",
    );
    server.post_fn("save_session", cookie, &form).await;
    assert_eq!(sequence(&server).await, before + 1);
    assert_eq!(mails(&server, "session_changed").await.len(), 3);
    assert_eq!(
        mails(&server, "promoted").await,
        vec!["b@voorbeeld.nl".to_string()]
    );

    // Moving people: full → giving c a place is refused; a to the waiting list, then c up.
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM registrations ORDER BY queue")
        .fetch_all(&server.pool)
        .await
        .unwrap();
    let mv = |id: i64, to: &'static str| {
        let id = id.to_string();
        vec![
            ("slug", "werkplaats-gevels".to_string()),
            ("registration_id", id),
            ("to", to.to_string()),
        ]
    };
    let post = |form: Vec<(&'static str, String)>| {
        let server = &server;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            server
                .post_fn("move_registration", cookie, &form)
                .await
                .text()
                .await
                .unwrap()
        }
    };
    let body = post(mv(ids[2], "confirmed")).await;
    assert!(body.contains("vol"), "{body}");
    post(mv(ids[0], "waiting")).await;
    post(mv(ids[2], "confirmed")).await;
    assert_eq!(
        statuses(&server).await,
        vec![
            ("b@voorbeeld.nl".into(), "confirmed".into()),
            ("c@voorbeeld.nl".into(), "confirmed".into()),
            ("a@voorbeeld.nl".into(), "waiting".into()),
        ],
        "moved to the end of the waiting list"
    );
    assert_eq!(
        mails(&server, "moved_to_waiting").await,
        vec!["a@voorbeeld.nl".to_string()]
    );

    // Attendance only once the session has begun.
    let body = server
        .post_fn(
            "save_attendance",
            cookie,
            &[
                ("slug", "werkplaats-gevels"),
                (&format!("present[{}]", ids[1]), "ja"),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains("vanaf het begin"), "{body}");
    sqlx::query("UPDATE learning_sessions SET starts_at = '2020-01-01T19:30', ends_at = '2020-01-01T21:00' WHERE slug = 'werkplaats-gevels'")
        .execute(&server.pool)
        .await
        .unwrap();
    let key = format!("present[{}]", ids[1]);
    let response = server
        .post_fn(
            "save_attendance",
            cookie,
            &[("slug", "werkplaats-gevels"), (&key, "ja")],
        )
        .await;
    assert_eq!(response.status(), 200);
    let list = server
        .post_fn(
            "session_attendees",
            cookie,
            &[("slug", "werkplaats-gevels")],
        )
        .await
        .text()
        .await
        .unwrap();
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    let numbers = &list["numbers"];
    assert_eq!(
        (
            numbers["confirmed"].as_i64(),
            numbers["waiting"].as_i64(),
            numbers["attended"].as_i64(),
            numbers["absent"].as_i64()
        ),
        (Some(2), Some(1), Some(1), Some(1)),
        "{numbers}"
    );

    // CSV: coordinators only, UTF-8 with BOM, waiting position and attendance.
    let response = server
        .client
        .get(format!(
            "{}/sessies/werkplaats-gevels/deelnemers.csv",
            server.base
        ))
        .header("cookie", cookie.unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "BOM for Excel");
    let csv = String::from_utf8(bytes.to_vec()).unwrap();
    assert!(csv.contains("Naam;E-mail;Organisatie;Rol"), "{csv}");
    assert!(
        csv.contains("b@voorbeeld.nl;;Vastgoed;;Aangemeld;;ja"),
        "{csv}"
    );
    assert!(
        csv.contains("a@voorbeeld.nl;;Vastgoed;;Op de wachtlijst;1;"),
        "{csv}"
    );
    let (status, _) = server
        .get("/sessies/werkplaats-gevels/deelnemers.csv")
        .await;
    assert_eq!(status, 303, "anonymous visitors are sent to log in");
    let editor = server.cookie_for(Actor::EditorOfThisArea).await.unwrap();
    let response = server
        .client
        .get(format!(
            "{}/sessies/werkplaats-gevels/deelnemers.csv",
            server.base
        ))
        .header("cookie", editor)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);

    // The report: on the session page, then as a session report in the kennisbank.
    server
        .post_fn(
            "save_session_report",
            cookie,
            &[
                ("slug", "werkplaats-gevels"),
                (
                    "report",
                    "## Wat we leerden\n\nEen gevelfonds werkt als eigenaren meebetalen.",
                ),
                (
                    "materials",
                    "- [Presentatie](https://voorbeeld.nl/gevels.pdf)",
                ),
                ("recording_url", "https://video.voorbeeld.nl/gevels"),
            ],
        )
        .await;
    let page = server.get("/sessies/werkplaats-gevels").await.1;
    assert!(page.contains("Een gevelfonds werkt"));
    assert!(page.contains("https://video.voorbeeld.nl/gevels"));
    let item = server
        .post_fn(
            "publish_session_report",
            cookie,
            &[("slug", "werkplaats-gevels")],
        )
        .await
        .text()
        .await
        .unwrap();
    let item = item.trim_matches('"');
    assert_eq!(item, "verslag-werkplaats-gevels");
    let (status, page) = server.get(&format!("/kennisbank/{item}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Verslag: Werkplaats gevels"));
    let kind: String = sqlx::query_scalar("SELECT kind FROM library_items WHERE slug = ?")
        .bind(item)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(kind, "session_report");
    assert!(server
        .get("/kennisbank?q=gevelfonds")
        .await
        .1
        .contains("Verslag: Werkplaats gevels"));
    // Publishing again updates the same item.
    server
        .post_fn(
            "publish_session_report",
            cookie,
            &[("slug", "werkplaats-gevels")],
        )
        .await;
    let items: i64 = sqlx::query_scalar("SELECT count(*) FROM library_items WHERE kind = 'session_report' AND slug LIKE 'verslag-werkplaats-gevels%'")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(items, 1);
}

#[tokio::test]
async fn cancelling_a_session_mails_everyone_and_cancels_calendars() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    let cookie = Some(cookie.as_str());
    let form = session_form(
        "",
        "Werkplaats gevels",
        "2099-04-01T19:30",
        "1",
        "published",
    );
    server.post_fn("save_session", cookie, &form).await;
    sign_up(&server, "a@voorbeeld.nl").await;
    sign_up(&server, "b@voorbeeld.nl").await;

    let refused = server
        .post_fn("cancel_session", cookie, &[("slug", "werkplaats-gevels")])
        .await
        .text()
        .await
        .unwrap();
    assert!(refused.contains("Vink aan"), "{refused}");
    assert!(mails(&server, "session_cancelled").await.is_empty());

    let response = server
        .post_fn(
            "cancel_session",
            cookie,
            &[("slug", "werkplaats-gevels"), ("confirm", "ja")],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        mails(&server, "session_cancelled").await,
        vec!["a@voorbeeld.nl".to_string(), "b@voorbeeld.nl".to_string()]
    );
    // A cancelled session can still be edited (its form has no status); it stays cancelled.
    let mut edit = session_form(
        "werkplaats-gevels",
        "Werkplaats gevels",
        "2099-04-01T19:30",
        "1",
        "",
    );
    edit.retain(|(k, _)| *k != "fields[status]");
    edit.push(("fields[audience]", "Verplaatst naar het voorjaar."));
    let response = server.post_fn("save_session", cookie, &edit).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let (status, audience): (String, String) = sqlx::query_as(
        "SELECT status, audience FROM learning_sessions WHERE slug = 'werkplaats-gevels'",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(
        (status.as_str(), audience.as_str()),
        ("cancelled", "Verplaatst naar het voorjaar.")
    );
    let feed = server.get("/sessies/werkplaats-gevels/agenda.ics").await.1;
    assert!(feed.contains("STATUS:CANCELLED"));
    let page = server.get("/sessies/werkplaats-gevels").await.1;
    assert!(page.contains("gaat niet door"));
    let response = server
        .post_fn(
            "sign_up",
            None,
            &[
                ("slug", "werkplaats-gevels"),
                ("name", "C"),
                ("email", "c@voorbeeld.nl"),
                ("role", "other"),
                ("consent", "ja"),
            ],
        )
        .await;
    assert_eq!(response.text().await.unwrap(), "\"Cancelled\"");
}
