//! Opgave proposals over real HTTP: nothing unconfirmed is public or counted, confirm links
//! work once and expire, one support per address (case-insensitive) and the right count
//! under 100 concurrent supports, the threshold, adopt / merge / decline with the mails,
//! the limits, reports that hide, no personal data in public pages, and retention.

mod common;

use common::{Actor, TestServer};

fn proposal<'a>(title: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("slug", "lindenplein"),
        ("title", title),
        (
            "description",
            "Op marktdagen staan de fietsen overal op de stoep.",
        ),
        ("theme", "public_space"),
        ("role", "entrepreneur"),
        ("organisation", "Bakkerij De Korf"),
        ("name", "Sanne Verborgen"),
        ("email", email),
        ("consent", "ja"),
    ]
}

async fn post(
    server: &TestServer,
    name: &str,
    cookie: Option<&str>,
    form: &[(&str, &str)],
) -> (u16, String) {
    let response = server.post_fn(name, cookie, form).await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// The confirmation token in the newest mail of `kind` to `to`.
async fn confirm_token(server: &TestServer, kind: &str, to: &str) -> String {
    let body: String = sqlx::query_scalar(
        "SELECT body FROM mail_outbox WHERE kind = ? AND recipient = ? ORDER BY id DESC LIMIT 1",
    )
    .bind(kind)
    .bind(to)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let at = body
        .find("/voorstellen/bevestigen/")
        .expect("a confirmation link")
        + "/voorstellen/bevestigen/".len();
    body[at..at + 64].to_string()
}

async fn confirm(server: &TestServer, token: &str) -> u16 {
    server
        .post_fn("confirm_proposal", None, &[("token", token)])
        .await
        .status()
        .as_u16()
}

async fn count(server: &TestServer, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&server.pool)
        .await
        .unwrap()
}

/// A confirmed proposal by `email`; its id.
async fn confirmed(server: &TestServer, title: &str, email: &str) -> i64 {
    assert_eq!(
        post(server, "propose_opgave", None, &proposal(title, email))
            .await
            .0,
        200
    );
    let token = confirm_token(server, "proposal_confirm", email).await;
    assert_eq!(confirm(server, &token).await, 200);
    sqlx::query_scalar("SELECT id FROM proposals WHERE title = ?")
        .bind(title)
        .fetch_one(&server.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_proposal_is_public_only_after_confirming_once_and_never_with_names() {
    let server = TestServer::start().await;
    let title = "Fietsenstalling bij de markt";
    assert_eq!(
        post(
            &server,
            "propose_opgave",
            None,
            &proposal(title, "sanne@voorbeeld.nl")
        )
        .await
        .0,
        200
    );
    let (_, page) = server.get("/gebieden/lindenplein/voorstellen").await;
    assert!(!page.contains(title), "unconfirmed is not public");
    let token = confirm_token(&server, "proposal_confirm", "sanne@voorbeeld.nl").await;
    let (status, page) = server
        .get(&format!("/voorstellen/bevestigen/{token}"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Bevestig uw voorstel"));
    assert_eq!(confirm(&server, &token).await, 200);
    assert_eq!(
        confirm(&server, &token).await,
        404,
        "a confirm link works once"
    );

    let (_, profile) = server.get("/gebieden/lindenplein").await;
    assert!(
        profile.contains(title),
        "the open proposal is on the profile"
    );
    let (_, list) = server.get("/gebieden/lindenplein/voorstellen").await;
    assert!(list.contains(title));
    assert!(list.contains("Ondernemer, Bakkerij De Korf"));
    let id: i64 = count(&server, "SELECT id FROM proposals").await;
    let (status, one) = server
        .get(&format!("/gebieden/lindenplein/voorstellen/{id}"))
        .await;
    assert_eq!(status, 200);
    assert!(one.contains("Voorgesteld") && one.contains("Steun dit voorstel"));
    for page in [&list, &one, &server.get("/gebieden/lindenplein").await.1] {
        assert!(!page.contains("Sanne Verborgen") && !page.contains("sanne@voorbeeld.nl"));
    }

    // Unconfirmed for more than a week: the link has expired and the proposal is forgotten.
    post(
        &server,
        "propose_opgave",
        None,
        &proposal("Te laat", "laat@voorbeeld.nl"),
    )
    .await;
    let late = confirm_token(&server, "proposal_confirm", "laat@voorbeeld.nl").await;
    sqlx::query(
        "UPDATE proposals SET created_at = created_at - 8 * 86400 WHERE confirmed_at IS NULL",
    )
    .execute(&server.pool)
    .await
    .unwrap();
    assert_eq!(confirm(&server, &late).await, 404);
    app::areas::proposals::db::forget_in_time(&server.pool, app::accounts::session::now())
        .await
        .unwrap();
    assert_eq!(count(&server, "SELECT count(*) FROM proposals").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_concurrent_supports_count_once_each_and_mark_it_ready() {
    let server = std::sync::Arc::new(TestServer::start().await);
    let id = confirmed(&server, "Meer groen op het plein", "sanne@voorbeeld.nl").await;
    let id_text = id.to_string();
    let supports = (0..100).map(|n| {
        let server = server.clone();
        let id = id_text.clone();
        tokio::spawn(async move {
            let email = format!("steun{n}@voorbeeld.nl");
            let form = [
                ("slug", "lindenplein"),
                ("proposal_id", id.as_str()),
                ("name", "Iemand"),
                ("email", email.as_str()),
                ("consent", "ja"),
            ];
            post(&server, "support_proposal", None, &form).await.0
        })
    });
    for handle in supports.collect::<Vec<_>>() {
        // Behind one test IP the per-IP limit allows 30 an hour; the rest is refused.
        let status = handle.await.unwrap();
        assert!(status == 200 || status == 429, "{status}");
    }
    let asked = count(&server, "SELECT count(*) FROM proposal_supports").await;
    assert_eq!(asked, app::areas::proposals::MAX_SUPPORTS_PER_IP_PER_HOUR);
    // Unconfirmed supports do not count.
    assert!(server
        .get(&format!("/gebieden/lindenplein/voorstellen/{id}"))
        .await
        .1
        .contains("0 van de 10"));
    // Everyone asks (again: a second request sends a new link to the same support), as if
    // from elsewhere; then everyone confirms at once.
    for n in 0..100 {
        sqlx::query("UPDATE proposal_supports SET ip = NULL")
            .execute(&server.pool)
            .await
            .unwrap();
        let email = format!("steun{n}@voorbeeld.nl");
        let form = [
            ("slug", "lindenplein"),
            ("proposal_id", id_text.as_str()),
            ("name", "Iemand"),
            ("email", email.as_str()),
            ("consent", "ja"),
        ];
        assert_eq!(post(&server, "support_proposal", None, &form).await.0, 200);
    }
    assert_eq!(
        count(&server, "SELECT count(*) FROM proposal_supports").await,
        100
    );
    let mut tokens = Vec::new();
    for n in 0..100 {
        tokens.push(
            confirm_token(
                &server,
                "support_confirm",
                &format!("steun{n}@voorbeeld.nl"),
            )
            .await,
        );
    }
    let confirms = tokens.into_iter().map(|token| {
        let server = server.clone();
        tokio::spawn(async move { confirm(&server, &token).await })
    });
    for handle in confirms.collect::<Vec<_>>() {
        assert_eq!(handle.await.unwrap(), 200);
    }
    assert_eq!(
        count(
            &server,
            "SELECT count(*) FROM proposal_supports WHERE confirmed_at IS NOT NULL"
        )
        .await,
        100
    );
    assert_eq!(
        count(
            &server,
            "SELECT count(*) FROM proposal_events WHERE kind = 'ready'"
        )
        .await,
        1
    );
    // The same address again, in other letters: still one support.
    let form = [
        ("slug", "lindenplein"),
        ("proposal_id", id_text.as_str()),
        ("name", "Iemand"),
        ("email", "STEUN7@Voorbeeld.nl"),
        ("consent", "ja"),
    ];
    sqlx::query("UPDATE proposal_supports SET ip = NULL")
        .execute(&server.pool)
        .await
        .unwrap();
    assert_eq!(post(&server, "support_proposal", None, &form).await.0, 200);
    assert_eq!(
        count(&server, "SELECT count(*) FROM proposal_supports").await,
        100
    );
    let (_, page) = server
        .get(&format!("/gebieden/lindenplein/voorstellen/{id}"))
        .await;
    assert!(
        page.contains("Klaar voor de coördinator: 100 steunbetuigingen"),
        "the count and the mark"
    );
    assert!(!page.contains("steun7@voorbeeld.nl"));
}

#[tokio::test]
async fn adopt_merge_and_decline_mail_proposer_and_supporters() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::EditorOfThisArea).await.unwrap();
    let adopted = confirmed(&server, "Fietsenstalling bij de markt", "a@voorbeeld.nl").await;
    post(
        &server,
        "support_proposal",
        None,
        &[
            ("slug", "lindenplein"),
            ("proposal_id", &adopted.to_string()),
            ("name", "Piet"),
            ("email", "piet@voorbeeld.nl"),
            ("consent", "ja"),
        ],
    )
    .await;
    let support = confirm_token(&server, "support_confirm", "piet@voorbeeld.nl").await;
    assert_eq!(confirm(&server, &support).await, 200);

    let triage = |id: i64, fields: Vec<(&'static str, String)>| {
        let mut form = vec![
            ("slug", "lindenplein".to_string()),
            ("proposal_id", id.to_string()),
        ];
        form.extend(fields);
        form
    };
    let send = |form: Vec<(&'static str, String)>| {
        let server = &server;
        let cookie = cookie.clone();
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post(server, "triage_proposal", Some(&cookie), &form).await
        }
    };
    let (status, _) = send(triage(adopted, vec![("fields[decision]", "adopt".into())])).await;
    assert_eq!(status, 200);
    let opgave: (i64, String, String) = sqlx::query_as(
        "SELECT o.id, o.title, o.status FROM proposals p JOIN opgaves o ON o.id = p.opgave_id WHERE p.id = ?",
    )
    .bind(adopted)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(
        (opgave.1.as_str(), opgave.2.as_str()),
        ("Fietsenstalling bij de markt", "open")
    );
    assert_eq!(count(&server, "SELECT count(*) FROM mail_outbox WHERE kind = 'proposal_decided' AND recipient = 'a@voorbeeld.nl'").await, 1);
    assert_eq!(count(&server, "SELECT count(*) FROM mail_outbox WHERE kind = 'support_decided' AND recipient = 'piet@voorbeeld.nl'").await, 1);
    let (_, profile) = server.get_as("/gebieden/lindenplein", &cookie).await;
    assert!(
        profile.contains("Fietsenstalling bij de markt"),
        "the opgave is on the profile"
    );
    assert!(
        profile.contains(&format!("/gebieden/lindenplein/voorstellen/{adopted}")),
        "the opgave links to the proposal it came from"
    );
    let (_, page) = server
        .get(&format!("/gebieden/lindenplein/voorstellen/{adopted}"))
        .await;
    assert!(page.contains("Overgenomen als opgave") && page.contains("De opgave:"));
    // Decided is decided.
    assert_eq!(
        send(triage(adopted, vec![("fields[decision]", "adopt".into())]))
            .await
            .0,
        404
    );

    // Decline needs a reason and a public text.
    let declined = confirmed(&server, "Gratis parkeren", "b@voorbeeld.nl").await;
    let (status, body) = send(triage(
        declined,
        vec![("fields[decision]", "decline".into())],
    ))
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("Kies een reden"));
    let (status, _) = send(triage(
        declined,
        vec![
            ("fields[decision]", "decline".into()),
            ("fields[reason]", "outside".into()),
            ("fields[text]", "Parkeren regelt de gemeente elders.".into()),
        ],
    ))
    .await;
    assert_eq!(status, 200);
    let (_, page) = server
        .get(&format!("/gebieden/lindenplein/voorstellen/{declined}"))
        .await;
    assert!(
        page.contains("Valt buiten het programma")
            && page.contains("Parkeren regelt de gemeente elders.")
    );

    // Merge into an existing opgave of the area (not another area's).
    let merged = confirmed(&server, "Nog een fietsenrek", "c@voorbeeld.nl").await;
    let other_area: i64 = count(&server, "SELECT o.id FROM opgaves o JOIN areas a ON a.id = o.area_id WHERE a.slug <> 'lindenplein' LIMIT 1").await;
    assert_eq!(
        send(triage(
            merged,
            vec![
                ("fields[decision]", "merge".into()),
                ("fields[opgave]", other_area.to_string())
            ]
        ))
        .await
        .0,
        404
    );
    let (status, _) = send(triage(
        merged,
        vec![
            ("fields[decision]", "merge".into()),
            ("fields[opgave]", opgave.0.to_string()),
        ],
    ))
    .await;
    assert_eq!(status, 200);
    let (_, page) = server
        .get(&format!("/gebieden/lindenplein/voorstellen/{merged}"))
        .await;
    assert!(
        page.contains("Samengevoegd met een bestaande opgave")
            && page.contains("Fietsenstalling bij de markt")
    );
    assert_eq!(
        count(&server, "SELECT count(*) FROM news WHERE kind = 'proposal'").await,
        3
    );

    // Retention: 90 days after the decision names and addresses are gone, counts stay.
    sqlx::query(
        "UPDATE proposals SET decided_at = decided_at - 91 * 86400 WHERE decided_at IS NOT NULL",
    )
    .execute(&server.pool)
    .await
    .unwrap();
    app::areas::proposals::db::forget_in_time(&server.pool, app::accounts::session::now())
        .await
        .unwrap();
    assert_eq!(
        count(
            &server,
            "SELECT count(*) FROM proposals WHERE name <> '' OR email NOT LIKE 'verwijderd-%'"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &server,
            "SELECT count(*) FROM proposal_supports WHERE confirmed_at IS NOT NULL AND name = ''"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn limits_reports_and_the_forms_without_javascript() {
    let server = TestServer::start_behind_proxy("127.0.0.1").await;
    // At most three open proposals per address.
    for n in 0..3 {
        assert_eq!(
            post(
                &server,
                "propose_opgave",
                None,
                &proposal(&format!("Voorstel {n}"), "veel@voorbeeld.nl")
            )
            .await
            .0,
            200
        );
    }
    let (status, body) = post(
        &server,
        "propose_opgave",
        None,
        &proposal("Voorstel 4", "Veel@Voorbeeld.nl"),
    )
    .await;
    assert_eq!(status, 429, "{body}");
    // A robot: the usual answer, nothing stored.
    let mut robot = proposal("Spam", "robot@voorbeeld.nl");
    robot.push(("website", "http://spam.example"));
    assert_eq!(post(&server, "propose_opgave", None, &robot).await.0, 200);
    assert_eq!(
        count(
            &server,
            "SELECT count(*) FROM proposals WHERE email = 'robot@voorbeeld.nl'"
        )
        .await,
        0
    );

    // Three reports from three places hide it; the coordinator can show it again.
    let id = confirmed(&server, "Iets ongepasts", "x@voorbeeld.nl").await;
    for ip in ["203.0.113.1", "203.0.113.1", "203.0.113.2", "203.0.113.3"] {
        let response = server
            .client
            .post(format!("{}/api/report_proposal", server.base))
            .header("sec-fetch-site", "same-origin")
            .header("x-forwarded-for", ip)
            .form(&[("slug", "lindenplein"), ("proposal_id", &id.to_string())])
            .send()
            .await
            .unwrap();
        assert!(response.status().as_u16() == 200 || response.status().as_u16() == 404);
    }
    assert_eq!(
        count(
            &server,
            &format!("SELECT hidden FROM proposals WHERE id = {id}")
        )
        .await,
        1
    );
    assert_eq!(
        server
            .get(&format!("/gebieden/lindenplein/voorstellen/{id}"))
            .await
            .0,
        404
    );
    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    let (status, page) = server
        .get_as(&format!("/gebieden/lindenplein/voorstellen/{id}"), &cookie)
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Verborgen na meldingen"));
    let shown = post(
        &server,
        "triage_proposal",
        Some(&cookie),
        &[
            ("slug", "lindenplein"),
            ("proposal_id", &id.to_string()),
            ("fields[decision]", "show"),
        ],
    )
    .await;
    assert_eq!(shown.0, 200);
    assert_eq!(
        server
            .get(&format!("/gebieden/lindenplein/voorstellen/{id}"))
            .await
            .0,
        200
    );

    // Without JavaScript: back to the form with what was typed and why.
    let mut bad = proposal("", "wie@voorbeeld.nl");
    bad.retain(|(k, _)| *k != "consent");
    let response = server
        .post_form(
            "propose_opgave",
            None,
            "/gebieden/lindenplein/voorstellen",
            &bad,
        )
        .await;
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with("/gebieden/lindenplein/voorstellen?concept="),
        "{location}"
    );
    let (_, page) = server.get(&location).await;
    assert!(page.contains("wie@voorbeeld.nl") && page.contains("Geef uw voorstel een titel"));
    let ok = server
        .post_form(
            "propose_opgave",
            None,
            "/gebieden/lindenplein/voorstellen",
            &proposal("Bankjes", "bank@voorbeeld.nl"),
        )
        .await;
    assert_eq!(
        ok.headers()["location"].to_str().unwrap(),
        "/gebieden/lindenplein/voorstellen?voorgesteld=ja"
    );
}

/// A new city, from an empty database: its first area gets a proposal, a follower, and the
/// follower hears when the proposal is adopted.
#[tokio::test]
async fn a_new_city_takes_proposals_and_followers_from_its_first_area() {
    let server = TestServer::start_empty().await;
    let admin = server
        .login("admin@stad.nl", app::demo::DEMO_PASSWORD)
        .await;
    let (status, _) = post(
        &server,
        "save_district",
        Some(&admin),
        &[("fields[name]", "Noord")],
    )
    .await;
    assert_eq!(status, 200);
    let (status, body) = post(
        &server,
        "save_area_identity",
        Some(&admin),
        &[
            ("fields[name]", "Oude Markt"),
            ("fields[slug]", ""),
            ("fields[district]", "Noord"),
            ("fields[area_type]", "shopping_street"),
            ("fields[latitude]", ""),
            ("fields[longitude]", ""),
            ("fields[phase]", "build_up"),
            ("fields[activation]", "needs_activation"),
            ("fields[story]", "Een markt met karakter."),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, page) = server.get("/gebieden/oude-markt/voorstellen").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Er zijn nog geen open voorstellen"),
        "an empty state"
    );

    // Someone follows the area at once.
    let follow = [
        ("subject", "area"),
        ("key", "oude-markt"),
        ("email", "buur@voorbeeld.nl"),
        ("frequency", "instant"),
        ("consent", "ja"),
    ];
    assert_eq!(post(&server, "follow", None, &follow).await.0, 200);
    let body: String =
        sqlx::query_scalar("SELECT body FROM mail_outbox WHERE kind = 'follow_confirm'")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    let at = body.find("/volgen/bevestigen/").unwrap() + "/volgen/bevestigen/".len();
    let token = &body[at..at + 64];
    assert_eq!(
        post(&server, "confirm_follow", None, &[("token", token)])
            .await
            .0,
        200
    );

    // A proposal, confirmed and adopted by the administrator.
    let mut form = proposal("Bankjes op de markt", "ondernemer@voorbeeld.nl");
    form[0] = ("slug", "oude-markt");
    form[3] = ("theme", "vacancy");
    assert_eq!(post(&server, "propose_opgave", None, &form).await.0, 200);
    let token = confirm_token(&server, "proposal_confirm", "ondernemer@voorbeeld.nl").await;
    assert_eq!(confirm(&server, &token).await, 200);
    let id = count(&server, "SELECT id FROM proposals").await.to_string();
    let (status, body) = post(
        &server,
        "triage_proposal",
        Some(&admin),
        &[
            ("slug", "oude-markt"),
            ("proposal_id", &id),
            ("fields[decision]", "adopt"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(count(&server, "SELECT count(*) FROM opgaves").await, 1);
    sqlx::query("UPDATE news SET occurred_at = occurred_at - 120")
        .execute(&server.pool)
        .await
        .unwrap();
    let sent = app::following::db::send_instant(&server.pool, app::accounts::session::now())
        .await
        .unwrap();
    assert_eq!(sent, 1);
    let told: String =
        sqlx::query_scalar("SELECT body FROM mail_outbox WHERE kind = 'follow_instant'")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert!(
        told.contains("Voorstel overgenomen als opgave: ‘Bankjes op de markt’"),
        "{told}"
    );
}
