//! "Mijn aanmeldingen" over real HTTP: the same answer whether or not an address is known,
//! one mail listing exactly the active registrations with working links, a valid personal
//! calendar feed, the limits, the honeypot, and the form without JavaScript.

mod common;

use common::TestServer;

async fn request(server: &TestServer, email: &str) -> (u16, String) {
    let response = server
        .post_fn("send_my_registrations", None, &[("email", email)])
        .await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

async fn overview_mails(server: &TestServer, to: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT body FROM mail_outbox WHERE kind = 'my_registrations' AND recipient = ? ORDER BY id",
    )
    .bind(to)
    .fetch_all(&server.pool)
    .await
    .unwrap()
}

/// The path of every link in a mail that starts with `prefix`.
fn links<'a>(body: &'a str, prefix: &str) -> Vec<&'a str> {
    body.split_whitespace()
        .filter_map(|word| word.find(prefix).map(|at| &word[at..]))
        .collect()
}

#[tokio::test]
async fn known_and_unknown_addresses_get_the_same_answer_and_only_the_known_a_mail() {
    let server = TestServer::start().await;
    server.add_session("januari", 10, "2099-01-14T19:30").await;
    server.add_session("vol", 1, "2099-02-14T19:30").await;
    server.add_session("afgemeld", 10, "2099-03-14T19:30").await;
    assert_eq!(
        server
            .sign_up("januari", "Fatima", "fatima@voorbeeld.nl")
            .await
            .0,
        200
    );
    assert_eq!(
        server.sign_up("vol", "Piet", "piet@voorbeeld.nl").await.0,
        200
    );
    assert_eq!(
        server
            .sign_up("vol", "Fatima", "fatima@voorbeeld.nl")
            .await
            .0,
        200
    );
    let (_, token) = server
        .sign_up("afgemeld", "Fatima", "fatima@voorbeeld.nl")
        .await;
    let cancelled = server
        .post_fn("cancel_registration", None, &[("token", token.as_str())])
        .await;
    assert_eq!(cancelled.status().as_u16(), 200);

    let known = request(&server, "Fatima@Voorbeeld.nl").await;
    let unknown = request(&server, "niemand@voorbeeld.nl").await;
    assert_eq!(known, unknown);
    assert_eq!(known.0, 200);
    assert!(overview_mails(&server, "niemand@voorbeeld.nl")
        .await
        .is_empty());
    let mails = overview_mails(&server, "Fatima@Voorbeeld.nl").await;
    assert_eq!(mails.len(), 1);
    let body = &mails[0];

    // Exactly the two active registrations, each with a link that opens it.
    let personal = links(body, "/aanmelding/");
    assert_eq!(personal.len(), 2, "{body}");
    assert!(body.contains("Op de wachtlijst, op plaats 1"), "{body}");
    for path in personal {
        let (status, page) = server.get(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(page.contains("Fatima"), "{path}");
    }

    // The feed: valid iCalendar with those two sessions, kept by no shared cache.
    let feed = links(body, "/mijn-aanmeldingen/");
    assert_eq!(feed.len(), 1, "{body}");
    let response = server
        .client
        .get(format!("{}{}", server.base, feed[0]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    assert!(response.headers()["cache-control"]
        .to_str()
        .unwrap()
        .starts_with("private"));
    let calendar = response.text().await.unwrap();
    assert!(calendar.starts_with("BEGIN:VCALENDAR\r\n"), "{calendar}");
    assert!(calendar.contains("\r\nVERSION:2.0\r\n") && calendar.contains("\r\nPRODID:"));
    assert!(calendar.ends_with("END:VCALENDAR\r\n"));
    assert!(
        calendar.split("\r\n").all(|line| line.len() <= 75),
        "folded lines"
    );
    assert_eq!(calendar.matches("BEGIN:VEVENT").count(), 2, "{calendar}");
    assert_eq!(calendar.matches("END:VEVENT").count(), 2);
    assert_eq!(
        calendar.matches("DTSTART;TZID=Europe/Amsterdam:").count(),
        2
    );
    assert!(calendar.contains("(wachtlijst)"), "{calendar}");
    assert!(
        !calendar.contains("2099031"),
        "the cancelled sign-up is not in it"
    );

    // An unknown or malformed feed token is a 404.
    let (status, _) = server
        .get(&format!("/mijn-aanmeldingen/{}/agenda.ics", "0".repeat(64)))
        .await;
    assert_eq!(status, 404);
    assert_eq!(
        server.get("/mijn-aanmeldingen/kort/agenda.ics").await.0,
        404
    );
}

#[tokio::test]
async fn one_mail_per_ten_minutes_a_limit_per_ip_and_robots_get_nothing() {
    let server = TestServer::start().await;
    server.add_session("januari", 10, "2099-01-14T19:30").await;
    server
        .sign_up("januari", "Fatima", "fatima@voorbeeld.nl")
        .await;
    assert_eq!(request(&server, "fatima@voorbeeld.nl").await.0, 200);
    assert_eq!(request(&server, "fatima@voorbeeld.nl").await.0, 200);
    assert_eq!(
        overview_mails(&server, "fatima@voorbeeld.nl").await.len(),
        1
    );

    // A robot fills in the hidden field: the usual answer, nothing stored or sent.
    let lookups = || async {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM registration_lookups")
            .fetch_one(&server.pool)
            .await
            .unwrap()
    };
    let before = lookups().await;
    let robot = server
        .post_fn(
            "send_my_registrations",
            None,
            &[
                ("email", "robot@voorbeeld.nl"),
                ("website", "http://spam.example"),
            ],
        )
        .await;
    assert_eq!(robot.status().as_u16(), 200);
    assert_eq!(lookups().await, before);

    // Bad input is a 422 with the reason; too many requests from one IP a 429.
    let (status, body) = request(&server, "geen-adres").await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("geldig e-mailadres"), "{body}");
    let mut last = 200;
    for n in 0..12 {
        last = request(&server, &format!("persoon{n}@voorbeeld.nl"))
            .await
            .0;
    }
    assert_eq!(last, 429);
}

#[tokio::test]
async fn without_javascript_the_form_says_sent_or_comes_back_with_the_reason() {
    let server = TestServer::start().await;
    let (status, page) = server.get("/mijn-aanmeldingen").await;
    assert_eq!(status, 200);
    assert!(page.contains("Stuur mij mijn aanmeldingen"));
    // The form is also under the agenda and under a session's sign-up form.
    assert!(server
        .get("/sessies")
        .await
        .1
        .contains("Stuur mij mijn aanmeldingen"));

    let sent = server
        .post_form(
            "send_my_registrations",
            None,
            "/sessies",
            &[("email", "wie@voorbeeld.nl"), ("website", "")],
        )
        .await;
    assert!(sent.status().is_redirection());
    let location = sent.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(location, "/mijn-aanmeldingen?verstuurd=ja");
    assert!(server
        .get(&location)
        .await
        .1
        .contains("Verstuurd, als er aanmeldingen"));

    let bad = server
        .post_form(
            "send_my_registrations",
            None,
            "/sessies",
            &[("email", "wie-at-voorbeeld"), ("website", "")],
        )
        .await;
    assert!(bad.status().is_redirection());
    let location = bad.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with("/mijn-aanmeldingen?concept="),
        "{location}"
    );
    let response = server
        .client
        .get(format!("{}{location}", server.base))
        .send()
        .await
        .unwrap();
    // What was typed is never kept in the shared page cache.
    assert!(response.headers().get("x-kernpunt-cache").is_none());
    let page = response.text().await.unwrap();
    assert!(
        page.contains("wie-at-voorbeeld"),
        "what was typed comes back"
    );
    assert!(page.contains("geldig e-mailadres"));
}
