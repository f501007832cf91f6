//! Following over real HTTP: nothing is sent before the confirmation, confirm links work
//! once and expire, the same answer for known and new addresses, the limits, managing by
//! link, one-click unsubscribe by POST (RFC 8058) after which nothing is sent, and no
//! follower's address in any public page.

mod common;

use common::TestServer;

fn form<'a>(
    subject: &'a str,
    key: &'a str,
    email: &'a str,
    frequency: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("subject", subject),
        ("key", key),
        ("email", email),
        ("frequency", frequency),
        ("consent", "ja"),
    ]
}

async fn follow(server: &TestServer, fields: &[(&str, &str)]) -> (u16, String) {
    let response = server.post_fn("follow", None, fields).await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// The bodies of the mails of `kind` to `to`, oldest first.
async fn mails(server: &TestServer, kind: &str, to: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT body FROM mail_outbox WHERE kind = ? AND recipient = ? ORDER BY id")
        .bind(kind)
        .bind(to)
        .fetch_all(&server.pool)
        .await
        .unwrap()
}

/// The token after `prefix` in a mail body.
fn token_after(body: &str, prefix: &str) -> String {
    let at = body
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} in {body}"))
        + prefix.len();
    body[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

async fn confirm(server: &TestServer, token: &str) -> (u16, String) {
    let response = server
        .post_fn("confirm_follow", None, &[("token", token)])
        .await;
    let status = response.status().as_u16();
    (
        status,
        response.text().await.unwrap().trim_matches('"').to_string(),
    )
}

/// A change the area's followers hear about, as if it happened two minutes ago.
async fn opgave_moves_on(server: &TestServer) {
    sqlx::query(
        "UPDATE opgaves SET status = CASE status WHEN 'done' THEN 'open' ELSE 'done' END
         WHERE id = (SELECT o.id FROM opgaves o JOIN areas a ON a.id = o.area_id
                     WHERE a.slug = 'lindenplein' ORDER BY o.id LIMIT 1)",
    )
    .execute(&server.pool)
    .await
    .unwrap();
    sqlx::query("UPDATE news SET occurred_at = occurred_at - 120 WHERE mailed_at IS NULL")
        .execute(&server.pool)
        .await
        .unwrap();
}

async fn send_instant(server: &TestServer) -> usize {
    app::following::db::send_instant(&server.pool, app::accounts::session::now())
        .await
        .unwrap()
}

#[tokio::test]
async fn nothing_is_sent_before_confirming_and_the_link_works_once() {
    let server = TestServer::start().await;
    // Old news is not anyone's: mail it away first.
    sqlx::query("UPDATE news SET mailed_at = 1")
        .execute(&server.pool)
        .await
        .unwrap();
    let email = "sanne@voorbeeld.nl";
    assert_eq!(
        follow(&server, &form("area", "lindenplein", email, "instant"))
            .await
            .0,
        200
    );
    let confirmations = mails(&server, "follow_confirm", email).await;
    assert_eq!(confirmations.len(), 1);
    let token = token_after(&confirmations[0], "/volgen/bevestigen/");

    // Unconfirmed: news of the area sends nothing.
    opgave_moves_on(&server).await;
    assert_eq!(send_instant(&server).await, 0);

    // The link shows a button; only the POST confirms.
    let (status, page) = server.get(&format!("/volgen/bevestigen/{token}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Lindenplein") && page.contains("Ja, ik wil dit volgen"));
    let (status, manage) = confirm(&server, &token).await;
    assert_eq!(status, 200, "{manage}");
    assert_eq!(
        confirm(&server, &token).await.0,
        404,
        "a confirm link works once"
    );
    assert_eq!(
        server.get(&format!("/volgen/bevestigen/{token}")).await.0,
        404
    );

    // Now news reaches them, with a one-click unsubscribe header.
    opgave_moves_on(&server).await;
    assert_eq!(send_instant(&server).await, 1);
    let (body, unsubscribe): (String, String) = sqlx::query_as(
        "SELECT body, list_unsubscribe FROM mail_outbox WHERE kind = 'follow_instant' AND recipient = ?",
    )
    .bind(email)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert!(body.contains("Opgave ‘"), "{body}");
    assert!(
        unsubscribe.ends_with(&format!("/volgen/afmelden/{manage}")),
        "{unsubscribe}"
    );

    // The manage page by the link from the mail.
    let (status, page) = server.get(&format!("/volgen/beheer/{manage}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Lindenplein") && page.contains(email));

    // Nobody's address in a public page.
    for path in [
        "/gebieden/lindenplein",
        "/sessies",
        "/volgen",
        "/kennisbank/thema/vacancy",
    ] {
        let (status, page) = server.get(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(!page.contains(email), "{path} shows a follower's address");
        assert!(page.contains("per mail"), "{path} has the follow form");
    }
}

#[tokio::test]
async fn confirm_links_expire_after_a_week() {
    let server = TestServer::start().await;
    let email = "laat@voorbeeld.nl";
    follow(&server, &form("theme", "vacancy", email, "weekly")).await;
    let token = token_after(
        &mails(&server, "follow_confirm", email).await[0],
        "/volgen/bevestigen/",
    );
    sqlx::query("UPDATE follows SET created_at = created_at - 8 * 86400")
        .execute(&server.pool)
        .await
        .unwrap();
    assert_eq!(confirm(&server, &token).await.0, 404);
    // And the retention forgets it and the address.
    app::following::db::forget_in_time(&server.pool, app::accounts::session::now())
        .await
        .unwrap();
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM followers WHERE email = ?")
        .bind(email)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn the_same_answer_for_known_addresses_and_limits_per_address_and_ip() {
    let server = TestServer::start().await;
    let email = "kees@voorbeeld.nl";
    let first = follow(&server, &form("sessions", "", email, "weekly")).await;
    let token = token_after(
        &mails(&server, "follow_confirm", email).await[0],
        "/volgen/bevestigen/",
    );
    confirm(&server, &token).await;
    // Following again what one follows: the same answer, and a mail with the manage link.
    let again = follow(
        &server,
        &form("sessions", "", "Kees@Voorbeeld.nl", "instant"),
    )
    .await;
    assert_eq!(first, again);
    assert_eq!(mails(&server, "follow_known", email).await.len(), 1);

    // At most three such mails a day to one address, however often it is typed in.
    for key in ["vacancy", "branding", "safety", "undermining"] {
        assert_eq!(
            follow(&server, &form("theme", key, email, "weekly"))
                .await
                .0,
            200
        );
    }
    let today: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM mail_outbox WHERE recipient = ? AND kind IN ('follow_confirm', 'follow_known')",
    )
    .bind(email)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(today, 3);

    // Bad input is a 422 with the reasons; unknown subjects too.
    let (status, body) = follow(
        &server,
        &[("subject", "area"), ("key", "lindenplein"), ("email", "x")],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body.contains("geldig e-mailadres") && body.contains("toestemming"),
        "{body}"
    );
    assert_eq!(
        follow(
            &server,
            &form("area", "bestaat-niet", "a@voorbeeld.nl", "weekly")
        )
        .await
        .0,
        422
    );

    // A robot fills in the hidden field: the usual answer, nothing stored.
    let mut robot = form("area", "lindenplein", "robot@voorbeeld.nl", "weekly");
    robot.push(("website", "http://spam.example"));
    assert_eq!(follow(&server, &robot).await.0, 200);
    let robots: i64 =
        sqlx::query_scalar("SELECT count(*) FROM followers WHERE email = 'robot@voorbeeld.nl'")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(robots, 0);

    // Many requests from one IP: refused with 429.
    let mut last = 200;
    for n in 0..25 {
        let email = format!("p{n}@voorbeeld.nl");
        last = follow(&server, &form("area", "lindenplein", &email, "weekly"))
            .await
            .0;
    }
    assert_eq!(last, 429);
}

#[tokio::test]
async fn managing_by_link_and_one_click_unsubscribe_stop_everything() {
    let server = TestServer::start().await;
    sqlx::query("UPDATE news SET mailed_at = 1")
        .execute(&server.pool)
        .await
        .unwrap();
    let email = "ria@voorbeeld.nl";
    follow(&server, &form("area", "lindenplein", email, "weekly")).await;
    follow(&server, &form("theme", "vacancy", email, "weekly")).await;
    let confirmations = mails(&server, "follow_confirm", email).await;
    let mut manage = String::new();
    for body in &confirmations {
        manage = confirm(&server, &token_after(body, "/volgen/bevestigen/"))
            .await
            .1;
    }
    let follows: Vec<i64> = sqlx::query_scalar("SELECT id FROM follows ORDER BY id")
        .fetch_all(&server.pool)
        .await
        .unwrap();
    assert_eq!(follows.len(), 2);

    // A forged or someone else's link changes nothing.
    let forged = format!("{}-{}", follows[0] + 1000, "0".repeat(64));
    let response = server
        .post_fn(
            "stop_follow",
            None,
            &[
                ("token", forged.as_str()),
                ("follow_id", &follows[0].to_string()),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 404);
    assert_eq!(server.get(&format!("/volgen/beheer/{forged}")).await.0, 404);

    // Switch the area to "at once", then stop the theme.
    let area = follows[0].to_string();
    let response = server
        .post_fn(
            "change_follow",
            None,
            &[
                ("token", manage.as_str()),
                ("follow_id", area.as_str()),
                ("frequency", "instant"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let theme = follows[1].to_string();
    let response = server
        .post_fn(
            "stop_follow",
            None,
            &[("token", manage.as_str()), ("follow_id", theme.as_str())],
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let left: Vec<String> = sqlx::query_scalar("SELECT frequency FROM follows")
        .fetch_all(&server.pool)
        .await
        .unwrap();
    assert_eq!(left, ["instant"]);

    // News waiting to be mailed, then one click in the mail program: a POST from another
    // site, without cookies.
    opgave_moves_on(&server).await;
    assert_eq!(send_instant(&server).await, 1);
    let response = server
        .client
        .post(format!("{}/volgen/afmelden/{manage}", server.base))
        .header("origin", "https://mail.example.com")
        .header("sec-fetch-site", "cross-site")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let (followers, unsent): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM followers),
                (SELECT count(*) FROM mail_outbox WHERE recipient = ?1 AND sent_at IS NULL)",
    )
    .bind(email)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(
        (followers, unsent),
        (0, 0),
        "the address is gone, and its unsent mail"
    );
    opgave_moves_on(&server).await;
    assert_eq!(send_instant(&server).await, 0);
    // The same link again: nothing to unsubscribe.
    let again = server
        .client
        .post(format!("{}/volgen/afmelden/{manage}", server.base))
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 404);
    // Opened in a browser, the link leads to the manage page and unsubscribes nothing.
    let opened = server.get(&format!("/volgen/afmelden/{manage}")).await;
    assert_eq!(opened.0, 303);
}

#[tokio::test]
async fn without_javascript_following_answers_with_pages() {
    let server = TestServer::start().await;
    let sent = server
        .post_form(
            "follow",
            None,
            "/gebieden/lindenplein",
            &form("area", "lindenplein", "wim@voorbeeld.nl", "weekly"),
        )
        .await;
    assert!(sent.status().is_redirection());
    let location = sent.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(location, "/volgen?aangevraagd=ja");
    assert!(server
        .get(&location)
        .await
        .1
        .contains("Kijk in uw mail om te bevestigen"));

    let bad = server
        .post_form(
            "follow",
            None,
            "/gebieden/lindenplein",
            &[
                ("subject", "area"),
                ("key", "lindenplein"),
                ("email", "wim-zonder-at"),
                ("frequency", "weekly"),
            ],
        )
        .await;
    let location = bad.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/volgen?concept="), "{location}");
    let (_, page) = server.get(&location).await;
    assert!(
        page.contains("wim-zonder-at") && page.contains("toestemming"),
        "what was typed and why"
    );
    assert!(page.contains("Volg dit gebied per mail"));

    let token = token_after(
        &mails(&server, "follow_confirm", "wim@voorbeeld.nl").await[0],
        "/volgen/bevestigen/",
    );
    let confirmed = server
        .post_form(
            "confirm_follow",
            None,
            &format!("/volgen/bevestigen/{token}"),
            &[("token", token.as_str())],
        )
        .await;
    let location = confirmed.headers()["location"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        location.starts_with("/volgen/beheer/") && location.ends_with("?bevestigd=ja"),
        "{location}"
    );
    let (status, page) = server.get(&location).await;
    assert_eq!(status, 200);
    assert!(page.contains("Bevestigd"));
    let manage = location
        .trim_start_matches("/volgen/beheer/")
        .trim_end_matches("?bevestigd=ja")
        .to_string();
    let gone = server
        .post_form(
            "unsubscribe_all",
            None,
            &location,
            &[("token", manage.as_str())],
        )
        .await;
    assert_eq!(
        gone.headers()["location"].to_str().unwrap(),
        "/volgen?afgemeld=ja"
    );
    assert_eq!(server.get(&format!("/volgen/beheer/{manage}")).await.0, 404);
}

#[tokio::test]
async fn a_coordinator_writes_an_update_to_the_followers_of_an_area_once_a_week() {
    let server = TestServer::start().await;
    let email = "lezer@voorbeeld.nl";
    follow(&server, &form("area", "lindenplein", email, "weekly")).await;
    let token = token_after(
        &mails(&server, "follow_confirm", email).await[0],
        "/volgen/bevestigen/",
    );
    confirm(&server, &token).await;
    // Someone who has not confirmed gets nothing.
    follow(
        &server,
        &form("area", "lindenplein", "nog-niet@voorbeeld.nl", "weekly"),
    )
    .await;

    let cookie = server.cookie_for(common::Actor::Coordinator).await.unwrap();
    let (status, page) = server
        .get_as("/gebieden/lindenplein/bericht", &cookie)
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Eén persoon volgt dit gebied"),
        "the confirmed follower is counted"
    );
    let (_, profile) = server.get_as("/gebieden/lindenplein", &cookie).await;
    assert!(
        profile.contains("/gebieden/lindenplein/bericht"),
        "a link from the profile"
    );

    let update = |intent: &'static str, slug: &'static str| {
        vec![
            ("slug", slug),
            ("intent", intent),
            ("fields[title]", "Het plein is open"),
            ("fields[text]", "Vanaf **zaterdag** kunt u er weer terecht."),
        ]
    };
    // The preview renders the markdown and sends nothing.
    let preview = server
        .post_fn(
            "send_area_update",
            Some(&cookie),
            &update("preview", "lindenplein"),
        )
        .await;
    assert_eq!(preview.status().as_u16(), 200);
    assert!(preview
        .text()
        .await
        .unwrap()
        .contains("<strong>zaterdag</strong>"));
    assert!(mails(&server, "follow_update", email).await.is_empty());

    let sent = server
        .post_fn(
            "send_area_update",
            Some(&cookie),
            &update("send", "lindenplein"),
        )
        .await;
    assert_eq!(sent.status().as_u16(), 200);
    let bodies = mails(&server, "follow_update", email).await;
    assert_eq!(bodies.len(), 1);
    assert!(bodies[0].contains("Vanaf **zaterdag**") && bodies[0].contains("/volgen/afmelden/"));
    let all: i64 = sqlx::query_scalar("SELECT count(*) FROM mail_outbox WHERE kind = 'follow_update' AND list_unsubscribe IS NOT NULL")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(all, 1, "only the confirmed follower");

    // A second one the same week is refused with the date it may go.
    let again = server
        .post_fn(
            "send_area_update",
            Some(&cookie),
            &update("send", "lindenplein"),
        )
        .await;
    assert_eq!(again.status().as_u16(), 422);
    assert!(again
        .text()
        .await
        .unwrap()
        .contains("Het volgende kan vanaf"));
    // An area nobody follows: nothing to send, said so.
    let nobody = server
        .post_fn(
            "send_area_update",
            Some(&cookie),
            &update("send", "havenstraat"),
        )
        .await;
    assert_eq!(nobody.status().as_u16(), 422);
    assert!(nobody.text().await.unwrap().contains("Nog niemand volgt"));
    // The weekly digest does not repeat it.
    let repeated: i64 =
        sqlx::query_scalar("SELECT count(*) FROM news WHERE kind = 'update' AND mailed_at IS NULL")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(repeated, 0);
}

#[tokio::test]
async fn an_archived_area_takes_no_followers() {
    let server = TestServer::start().await;
    sqlx::query("UPDATE areas SET archived_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE slug = 'havenstraat'")
        .execute(&server.pool)
        .await
        .unwrap();
    let (status, page) = server.get("/gebieden/havenstraat").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("gearchiveerd")
            && !page.contains("per mail")
            && !page.contains("Voorstellen bekijken")
    );
    let (status, body) = follow(
        &server,
        &form("area", "havenstraat", "laat@voorbeeld.nl", "weekly"),
    )
    .await;
    assert_eq!(status, 422, "{body}");
}
