//! Account management over real HTTP: one-time password links, deactivation, own password.

mod common;

use app::demo::DEMO_PASSWORD;
use common::{Actor, TestServer};

#[tokio::test]
async fn a_new_account_sets_its_password_with_a_one_time_link_and_logs_in() {
    let server = TestServer::start().await;
    let admin = server.cookie_for(Actor::Admin).await.unwrap();
    let response = server
        .post_fn(
            "create_account",
            Some(&admin),
            &[
                ("email", "Nieuw@Voorbeeld.nl"),
                ("name", "Nina Nieuw"),
                ("role", "area_editor"),
                ("areas", "lindenplein"),
            ],
        )
        .await;
    let link: String = serde_json_string(&response.text().await.unwrap());
    assert!(link.starts_with("/wachtwoord/"), "{link}");
    let token = link.trim_start_matches("/wachtwoord/").to_string();

    // The page behind the link works without logging in.
    let (status, html) = server.get(&link).await;
    assert_eq!(status, 200);
    assert!(html.contains("Wachtwoord instellen"));

    let short = server
        .post_fn(
            "set_password",
            None,
            &[("token", &token), ("password", "kort"), ("repeat", "kort")],
        )
        .await;
    assert!(short.text().await.unwrap().contains("minstens 10"));
    let ok = server
        .post_fn(
            "set_password",
            None,
            &[
                ("token", &token),
                ("password", "een goed wachtwoord"),
                ("repeat", "een goed wachtwoord"),
            ],
        )
        .await;
    assert!(ok.status().is_success() || ok.status().is_redirection());
    // The link works once.
    let again = server
        .post_fn(
            "set_password",
            None,
            &[
                ("token", &token),
                ("password", "nog een wachtwoord"),
                ("repeat", "nog een wachtwoord"),
            ],
        )
        .await;
    assert!(again.text().await.unwrap().contains("NotFound"));

    let cookie = server
        .login("nieuw@voorbeeld.nl", "een goed wachtwoord")
        .await;
    let me = server
        .post_fn("whoami", Some(&cookie), &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(me.contains("Nina Nieuw") && me.contains("area_editor"));
}

fn serde_json_string(body: &str) -> String {
    body.trim().trim_matches('"').to_string()
}

#[tokio::test]
async fn account_form_errors_are_per_field() {
    let server = TestServer::start().await;
    let admin = server.cookie_for(Actor::Admin).await.unwrap();
    let body = server
        .post_fn(
            "create_account",
            Some(&admin),
            &[
                ("email", "geen-adres"),
                ("name", ""),
                ("role", "keizer"),
                ("areas", "atlantis"),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    for field in ["email", "name", "role", "areas"] {
        assert!(body.contains(&format!("\"{field}\"")), "{field} in {body}");
    }
    assert!(body.contains("atlantis"));
    let duplicate = server
        .post_fn(
            "create_account",
            Some(&admin),
            &[
                ("email", "coordinator@voorbeeld.nl"),
                ("name", "Dubbel"),
                ("role", "coordinator"),
                ("areas", ""),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(duplicate.contains("bestaat al"), "{duplicate}");
}

#[tokio::test]
async fn deactivating_an_account_ends_its_sessions_at_once() {
    let server = TestServer::start().await;
    let admin = server.cookie_for(Actor::Admin).await.unwrap();
    let editor = server.cookie_for(Actor::EditorOfThisArea).await.unwrap();
    let id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'redacteur@voorbeeld.nl'")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    server
        .post_fn(
            "update_account",
            Some(&admin),
            &[
                ("id", &id.to_string()),
                ("name", "Rik Redacteur"),
                ("role", "area_editor"),
                ("areas", "lindenplein"),
            ],
        )
        .await;
    assert_eq!(
        server
            .post_fn("whoami", Some(&editor), &[])
            .await
            .text()
            .await
            .unwrap(),
        "null"
    );
    let login = server
        .post_fn(
            "login",
            None,
            &[
                ("email", "redacteur@voorbeeld.nl"),
                ("password", DEMO_PASSWORD),
                ("next", "/"),
            ],
        )
        .await;
    assert!(
        login.headers().get("set-cookie").is_none(),
        "a deactivated account cannot log in"
    );
}

#[tokio::test]
async fn an_admin_cannot_lock_themselves_out() {
    let server = TestServer::start().await;
    let admin = server.cookie_for(Actor::Admin).await.unwrap();
    let id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'beheer@voorbeeld.nl'")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let body = server
        .post_fn(
            "update_account",
            Some(&admin),
            &[
                ("id", &id.to_string()),
                ("name", "Bea"),
                ("role", "coordinator"),
                ("areas", ""),
                ("active", "on"),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains("beheerdersrechten"), "{body}");
}

#[tokio::test]
async fn changing_ones_own_password_needs_the_current_one() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    let wrong = server
        .post_fn(
            "change_own_password",
            Some(&cookie),
            &[
                ("current", "fout-fout-fout"),
                ("password", "nieuw-wachtwoord-1"),
                ("repeat", "nieuw-wachtwoord-1"),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(wrong.contains("huidige wachtwoord klopt niet"), "{wrong}");
    server
        .post_fn(
            "change_own_password",
            Some(&cookie),
            &[
                ("current", DEMO_PASSWORD),
                ("password", "nieuw-wachtwoord-1"),
                ("repeat", "nieuw-wachtwoord-1"),
            ],
        )
        .await;
    server
        .login("coordinator@voorbeeld.nl", "nieuw-wachtwoord-1")
        .await;
    let (audited, leaked): (i64, i64) = sqlx::query_as(
        "SELECT count(*), sum(ifnull(after_json, '') LIKE '%nieuw-wachtwoord-1%') FROM audit_log WHERE entity = 'user'",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(
        (audited, leaked),
        (1, 0),
        "the change is audited, the password is not in it"
    );
}

#[tokio::test]
async fn a_page_that_is_not_yours_says_no_access_with_403() {
    let server = TestServer::start().await;
    let coordinator = server.cookie_for(Actor::Coordinator).await.unwrap();
    let (status, html) = server.get_as("/beheer/accounts", &coordinator).await;
    assert_eq!(status, 403, "{html}");
    assert!(html.contains("Geen toegang") && !html.contains("Niet gevonden"));
    // An area page outside an editor's areas still looks like a missing one.
    let editor = server.cookie_for(Actor::EditorOfThisArea).await.unwrap();
    let (status, html) = server
        .get_as("/gebieden/havenstraat/bewerken", &editor)
        .await;
    assert_eq!(status, 404);
    assert!(html.contains("Niet gevonden"));
}
