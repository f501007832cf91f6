//! Topic suggestions over real HTTP: suggesting (name and email never public), one vote per
//! browser, the per-IP limit on new voters, coordinator triage (and nobody else's), bad
//! input, and the same flows without JavaScript.

mod common;

use common::TestServer;

const PAGE: &str = "/sessies/onderwerpen";

fn suggestion<'a>(text: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("theme", "sustainability"),
        ("text", text),
        ("area", "lindenplein"),
        ("name", "Wendelien Vossebelt"),
        ("email", email),
    ]
}

async fn count(server: &TestServer, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&server.pool)
        .await
        .unwrap()
}

async fn suggest(server: &TestServer, form: &[(&str, &str)]) -> (u16, String) {
    let response = server.post_fn("suggest_topic", None, form).await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// Votes as a hydrated page does; returns (status, body, the `kp_stem=…` cookie if set).
async fn vote(
    server: &TestServer,
    id: i64,
    cookie: Option<&str>,
    withdraw: bool,
) -> (u16, String, Option<String>) {
    let id = id.to_string();
    let mut form = vec![("suggestion_id", id.as_str())];
    if withdraw {
        form.push(("withdraw", "ja"));
    }
    let response = server.post_fn("vote_topic", cookie, &form).await;
    let status = response.status().as_u16();
    let set_cookie = response
        .headers()
        .get("set-cookie")
        .map(|v| v.to_str().unwrap().to_string());
    if let Some(set) = &set_cookie {
        assert!(
            set.contains("HttpOnly") && set.contains("SameSite=Lax"),
            "{set}"
        );
    }
    (
        status,
        response.text().await.unwrap(),
        set_cookie.map(|s| s.split(';').next().unwrap().to_string()),
    )
}

async fn page_with(server: &TestServer, cookie: Option<&str>) -> String {
    let mut request = server.client.get(format!("{}{PAGE}", server.base));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    response.text().await.unwrap()
}

async fn open_id(server: &TestServer, text: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM topic_suggestions WHERE text = ?")
        .bind(text)
        .fetch_one(&server.pool)
        .await
        .unwrap()
}

async fn votes_for(server: &TestServer, id: i64) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM topic_votes WHERE suggestion_id = ?")
        .bind(id)
        .fetch_one(&server.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_suggestion_is_listed_without_name_or_email() {
    let server = TestServer::start().await;
    let text = "Een gezamenlijke energiecoöperatie voor de ondernemers";
    let (status, body) = suggest(&server, &suggestion(text, "wendelien@voorbeeld.nl")).await;
    assert_eq!(status, 200, "{body}");

    let public = page_with(&server, None).await;
    assert!(public.contains(text));
    assert!(public.contains("Onderwerpen voor sessies"));
    for secret in [
        "wendelien@voorbeeld.nl",
        "Wendelien Vossebelt",
        "marieke.jansen@voorbeeld.nl",
    ] {
        assert!(!public.contains(secret), "{secret} is on the public page");
    }
    // Not in the data the hydrated page fetches either.
    let data = server
        .post_fn("get_topics", None, &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(data.contains(text) && !data.contains("wendelien@voorbeeld.nl"));

    // Coordinators see who suggested it.
    let coordinator = server
        .login("coordinator@voorbeeld.nl", app::demo::DEMO_PASSWORD)
        .await;
    let theirs = page_with(&server, Some(&coordinator)).await;
    assert!(theirs.contains("wendelien@voorbeeld.nl") && theirs.contains("Wendelien Vossebelt"));

    // The agenda links to the page.
    let (_, agenda) = server.get("/sessies").await;
    assert!(agenda.contains("href=\"/sessies/onderwerpen\""));
}

#[tokio::test]
async fn a_browser_votes_once_and_can_take_it_back() {
    let server = TestServer::start().await;
    let text = "Hoe organiseer je een winteravondmarkt?";
    suggest(&server, &suggestion(text, "a@voorbeeld.nl")).await;
    let id = open_id(&server, text).await;

    let (status, body, cookie) = vote(&server, id, None, false).await;
    assert_eq!((status, body.as_str()), (200, "\"Voted\""));
    let cookie = cookie.expect("the first vote gives a voter cookie");
    let (status, body, again) = vote(&server, id, Some(&cookie), false).await;
    assert_eq!((status, body.as_str()), (200, "\"AlreadyVoted\""));
    assert!(again.is_none(), "a known voter gets no new cookie");
    assert_eq!(votes_for(&server, id).await, 1, "counted once");

    // The page shows this browser its vote, and not to others (nor from the page cache).
    let anonymous = page_with(&server, None).await;
    let mine = page_with(&server, Some(&cookie)).await;
    assert!(mine.contains("U heeft op dit voorstel gestemd") && mine.contains("Stem intrekken"));
    assert!(!anonymous.contains("U heeft op dit voorstel gestemd"));
    assert!(!page_with(&server, None).await.contains("Stem intrekken"));

    let (_, body, _) = vote(&server, id, Some(&cookie), true).await;
    assert_eq!(body, "\"Withdrawn\"");
    assert_eq!(votes_for(&server, id).await, 0);

    // Only open suggestions take votes.
    let (_, body, _) = vote(&server, 999_999, Some(&cookie), false).await;
    assert!(body.contains("NotFound"), "{body}");
}

#[tokio::test]
async fn a_new_cookie_for_every_vote_hits_the_limit() {
    let server = TestServer::start().await;
    let text = "Stemmen met steeds een nieuwe browser";
    suggest(&server, &suggestion(text, "a@voorbeeld.nl")).await;
    let id = open_id(&server, text).await;
    let limit = app::sessions::topics::MAX_NEW_VOTERS_PER_HOUR;
    for _ in 0..limit {
        let (_, body, cookie) = vote(&server, id, None, false).await;
        assert_eq!(body, "\"Voted\"");
        assert!(cookie.is_some());
    }
    let (status, body, cookie) = vote(&server, id, None, false).await;
    assert!(
        status >= 400 && body.contains("TooManyVoters"),
        "{status} {body}"
    );
    assert!(cookie.is_none());
    assert_eq!(votes_for(&server, id).await, limit);
    assert_eq!(
        count(
            &server,
            "SELECT count(*) FROM topic_voters WHERE ip IS NOT NULL"
        )
        .await,
        limit
    );
}

#[tokio::test]
async fn only_coordinators_triage_and_the_outcome_is_public() {
    let server = TestServer::start().await;
    let text = "Een vaste marktdag voor lokale producten";
    suggest(&server, &suggestion(text, "a@voorbeeld.nl")).await;
    let id = open_id(&server, text).await;
    let id_text = id.to_string();
    let reason = "Dit onderwerp komt al aan bod in het programma Markten; we verwijzen u daarnaar.";
    let decline = [
        ("suggestion_id", id_text.as_str()),
        ("decision", "declined"),
        ("reason", reason),
    ];

    // Anonymous: refused, nothing changed.
    let before = server.snapshot().await;
    let body = server
        .post_fn("triage_topic", None, &decline)
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains("NotLoggedIn"), "{body}");
    assert_eq!(server.snapshot().await, before);
    // An area editor neither.
    let editor = server
        .login("redacteur@voorbeeld.nl", app::demo::DEMO_PASSWORD)
        .await;
    let body = server
        .post_fn("triage_topic", Some(&editor), &decline)
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains("Forbidden"), "{body}");
    assert_eq!(server.snapshot().await, before);

    let coordinator = server
        .login("coordinator@voorbeeld.nl", app::demo::DEMO_PASSWORD)
        .await;
    // Declining needs a reason; planning needs an existing session.
    let body = server
        .post_fn(
            "triage_topic",
            Some(&coordinator),
            &[
                ("suggestion_id", id_text.as_str()),
                ("decision", "declined"),
                ("reason", " "),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains(&format!("reason-{id}")), "{body}");
    let body = server
        .post_fn(
            "triage_topic",
            Some(&coordinator),
            &[
                ("suggestion_id", id_text.as_str()),
                ("decision", "planned"),
                ("session", "bestaat-niet"),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains("Deze sessie bestaat niet"), "{body}");
    assert_eq!(server.snapshot().await, before);

    let response = server
        .post_fn("triage_topic", Some(&coordinator), &decline)
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let audit = count(
        &server,
        "SELECT count(*) FROM audit_log WHERE entity = 'topic_suggestion'",
    )
    .await;
    assert_eq!(audit, 1);
    let public = page_with(&server, None).await;
    let declined = public.split("id=\"niet-gepland-kop\"").nth(1).unwrap();
    assert!(declined.contains(text) && declined.contains(reason));
    // A declined suggestion takes no more votes.
    let (_, body, _) = vote(&server, id, None, false).await;
    assert!(body.contains("NotFound"), "{body}");

    // Planned: linked to the session.
    let other = "Wat doe je met een leeg warenhuis?";
    suggest(&server, &suggestion(other, "b@voorbeeld.nl")).await;
    let other_id = open_id(&server, other).await.to_string();
    let response = server
        .post_fn(
            "triage_topic",
            Some(&coordinator),
            &[
                ("suggestion_id", other_id.as_str()),
                ("decision", "planned"),
                ("session", "leegstand-samen-aanpakken"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let public = page_with(&server, None).await;
    let planned = public
        .split("id=\"gepland-kop\"")
        .nth(1)
        .unwrap()
        .split("id=\"niet-gepland-kop\"")
        .next()
        .unwrap();
    assert!(planned.contains(other));
    assert!(planned.contains("href=\"/sessies/leegstand-samen-aanpakken\""));

    // Both suggesters gave an address: each got one mail, through the outbox.
    let mails: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT kind, recipient, subject, body FROM mail_outbox
         WHERE kind IN ('topic_planned', 'topic_declined') ORDER BY id",
    )
    .fetch_all(&server.pool)
    .await
    .unwrap();
    assert_eq!(mails.len(), 2, "{mails:?}");
    let (kind, to, _, body) = &mails[0];
    assert_eq!(
        (kind.as_str(), to.as_str()),
        ("topic_declined", "a@voorbeeld.nl")
    );
    assert!(body.contains(text) && body.contains(reason), "{body}");
    let (kind, to, subject, body) = &mails[1];
    assert_eq!(
        (kind.as_str(), to.as_str()),
        ("topic_planned", "b@voorbeeld.nl")
    );
    assert!(subject.starts_with("Uw onderwerp komt aan bod: "));
    assert!(
        body.contains(other) && body.contains("/sessies/leegstand-samen-aanpakken"),
        "{body}"
    );

    // The same decision saved again sends nothing more; without an address nothing at all.
    let response = server
        .post_fn(
            "triage_topic",
            Some(&coordinator),
            &[
                ("suggestion_id", other_id.as_str()),
                ("decision", "planned"),
                ("session", "leegstand-samen-aanpakken"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    // (Straight into the database: this client has used up its suggestions for the hour.)
    let silent_id: i64 = sqlx::query_scalar(
        "INSERT INTO topic_suggestions (theme_key, text, name, email, created_at)
         VALUES ('sustainability', 'Een onderwerp zonder adres', 'Anoniem', '', 0) RETURNING id",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let silent_id = silent_id.to_string();
    let response = server
        .post_fn(
            "triage_topic",
            Some(&coordinator),
            &[
                ("suggestion_id", silent_id.as_str()),
                ("decision", "declined"),
                ("reason", reason),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        count(
            &server,
            "SELECT count(*) FROM mail_outbox WHERE kind LIKE 'topic_%'"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn bad_input_gets_a_clear_message_and_stores_nothing() {
    let server = TestServer::start().await;
    let before = count(&server, "SELECT count(*) FROM topic_suggestions").await;
    let long = "x".repeat(1001);
    let good = suggestion("Een goed onderwerp", "goed@voorbeeld.nl");
    let with = |field: &'static str, value: &'static str| {
        good.iter()
            .map(|&(k, v)| (k, if k == field { value } else { v }))
            .collect::<Vec<_>>()
    };
    let long_text: &'static str = Box::leak(long.into_boxed_str());
    let cases = [
        (
            with("theme", "bestaat-niet"),
            "Kies een thema uit de lijst.",
        ),
        (with("text", "   "), "Beschrijf het onderwerp"),
        (with("text", long_text), "houd het bij hoogstens 1000"),
        (
            with("email", "geen-e-mailadres"),
            "Vul een geldig e-mailadres in",
        ),
        (with("area", "atlantis"), "Kies een gebied uit de lijst"),
        (with("name", ""), "Vul uw naam in"),
    ];
    for (form, message) in cases {
        let (status, body) = suggest(&server, &form).await;
        assert!(status >= 400, "{status} {body}");
        assert!(body.contains(message), "expected {message:?} in {body}");
    }
    assert_eq!(
        count(&server, "SELECT count(*) FROM topic_suggestions").await,
        before
    );
}

#[tokio::test]
async fn without_javascript() {
    let server = TestServer::start().await;
    let post = |name: &'static str, form: Vec<(&'static str, String)>, cookie: Option<String>| {
        let mut request = server
            .client
            .post(format!("{}/api/{name}", server.base))
            .header("sec-fetch-site", "same-origin")
            .header("accept", "text/html")
            .form(&form);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.send()
    };
    let s = |v: &str| v.to_string();

    // A bad suggestion comes back with what was typed and why.
    let response = post(
        "suggest_topic",
        vec![
            ("theme", s("vacancy")),
            ("text", s("Mijn onderwerp zonder geldig adres")),
            ("name", s("Piet")),
            ("email", s("piet-at-voorbeeld")),
        ],
        None,
    )
    .await
    .unwrap();
    let back = response.headers()["location"].to_str().unwrap().to_string();
    assert!(back.starts_with("/sessies/onderwerpen?concept="), "{back}");
    let (_, page) = server.get(&back).await;
    assert!(page.contains("Vul een geldig e-mailadres in"));
    assert!(page.contains("Mijn onderwerp zonder geldig adres"));

    // A good one goes to the list with a thank-you.
    let response = post(
        "suggest_topic",
        vec![
            ("theme", s("vacancy")),
            ("text", s("Pop-ups in lege panden zonder JavaScript")),
            ("name", s("Piet")),
            ("email", s("piet@voorbeeld.nl")),
        ],
        None,
    )
    .await
    .unwrap();
    let back = response.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(back, "/sessies/onderwerpen?bericht=voorgesteld#voorstellen");
    let (_, page) = server.get("/sessies/onderwerpen?bericht=voorgesteld").await;
    assert!(page.contains("Dank u! Uw onderwerp staat nu in de lijst"));
    assert!(page.contains("Pop-ups in lege panden zonder JavaScript"));

    // Voting: the cookie comes with the redirect; a second vote is a friendly message.
    let id = open_id(&server, "Pop-ups in lege panden zonder JavaScript").await;
    let response = post("vote_topic", vec![("suggestion_id", id.to_string())], None)
        .await
        .unwrap();
    assert_eq!(
        response.headers()["location"],
        "/sessies/onderwerpen?bericht=gestemd#open-kop"
    );
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let response = post(
        "vote_topic",
        vec![("suggestion_id", id.to_string())],
        Some(cookie),
    )
    .await
    .unwrap();
    assert_eq!(
        response.headers()["location"],
        "/sessies/onderwerpen?bericht=al-gestemd#open-kop"
    );
    let (_, page) = server.get("/sessies/onderwerpen?bericht=al-gestemd").await;
    assert!(page.contains("U had al op dit onderwerp gestemd"));
    assert_eq!(votes_for(&server, id).await, 1);
}
