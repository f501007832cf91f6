//! Setting up a city from an empty database over real HTTP: districts, areas (create,
//! rename with redirect, archive and restore), organisations and their links, themes,
//! indicator definitions and value corrections. Every bad input gets its Dutch message
//! with a 4xx and stores nothing.

mod common;

use common::TestServer;

const ADMIN: &str = "admin@stad.nl";

async fn admin(server: &TestServer) -> String {
    server.login(ADMIN, app::demo::DEMO_PASSWORD).await
}

async fn count(server: &TestServer, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
        .fetch_one(&server.pool)
        .await
        .unwrap()
}

/// Posts and returns (status, body).
async fn post(
    server: &TestServer,
    cookie: &str,
    name: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let response = server.post_fn(name, Some(cookie), form).await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

fn area_form<'a>(
    name: &'a str,
    slug: &'a str,
    district: &'a str,
    lat: &'a str,
    lon: &'a str,
) -> Vec<(&'static str, &'a str)> {
    vec![
        ("fields[name]", name),
        ("fields[slug]", slug),
        ("fields[district]", district),
        ("fields[area_type]", "shopping_street"),
        ("fields[latitude]", lat),
        ("fields[longitude]", lon),
        ("fields[phase]", "build_up"),
        ("fields[activation]", "needs_activation"),
        ("fields[story]", "Een straat met *karakter*."),
    ]
}

#[tokio::test]
async fn an_empty_programme_says_so_and_shows_the_checklist_to_coordinators() {
    let server = TestServer::start_empty().await;
    let (status, html) = server.get("/gebieden").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Het programma heeft nog geen gebieden"),
        "{html}"
    );
    assert!(!html.contains("Geen gebieden gevonden met deze filters"));
    let (_, home) = server.get("/").await;
    assert!(!home.contains("Aan de slag"), "visitors see no checklist");
    let cookie = admin(&server).await;
    let (_, home) = server.get_as("/", &cookie).await;
    assert!(home.contains("Aan de slag"));
    assert!(home.contains("1 van de 9 stappen gedaan"));
    assert!(home.contains("Nog te doen: "));
    assert!(home.contains("href=\"/beheer/stadsdelen\""));
}

#[tokio::test]
async fn districts_are_added_renamed_and_removed_only_when_empty() {
    let server = TestServer::start_empty().await;
    let cookie = admin(&server).await;
    let (status, _) = post(
        &server,
        &cookie,
        "save_district",
        &[("fields[name]", "Noord")],
    )
    .await;
    assert_eq!(status, 200);
    let (status, body) = post(
        &server,
        &cookie,
        "save_district",
        &[("fields[name]", "noord")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        body.contains("Er is al een stadsdeel met deze naam."),
        "{body}"
    );
    let (status, body) = post(&server, &cookie, "save_district", &[("fields[name]", "  ")]).await;
    assert_eq!(status, 422);
    assert!(body.contains("Vul de naam van het stadsdeel in."));
    assert_eq!(count(&server, "districts").await, 1);

    let (status, _) = post(
        &server,
        &cookie,
        "save_area_identity",
        &area_form("Oude Markt", "", "Noord", "", ""),
    )
    .await;
    assert_eq!(status, 200);
    let id: i64 = sqlx::query_scalar("SELECT id FROM districts")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let id = id.to_string();
    let (status, body) = post(
        &server,
        &cookie,
        "remove_district",
        &[("district_id", &id), ("fields[confirm]", "ja")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("liggen nog 1 gebieden"), "{body}");
    // A rename moves the areas along.
    let (status, _) = post(
        &server,
        &cookie,
        "save_district",
        &[("district_id", &id), ("fields[name]", "Noordwest")],
    )
    .await;
    assert_eq!(status, 200);
    let district: String = sqlx::query_scalar("SELECT district FROM areas")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(district, "Noordwest");
}

#[tokio::test]
async fn areas_are_created_with_checked_input_and_nothing_stored_on_a_mistake() {
    let server = TestServer::start_empty().await;
    let cookie = admin(&server).await;
    // No district yet: the form says what to do first.
    let (status, body) = post(
        &server,
        &cookie,
        "save_area_identity",
        &area_form("Oude Markt", "", "Noord", "", ""),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Voeg eerst een stadsdeel toe"), "{body}");
    post(
        &server,
        &cookie,
        "save_district",
        &[("fields[name]", "Noord")],
    )
    .await;

    for (form, field, message) in [
        (
            area_form("Oude Markt", "", "Zuid", "", ""),
            "district",
            "Kies een stadsdeel uit de lijst.",
        ),
        (
            area_form("Oude Markt", "", "Noord", "95", "5,12"),
            "latitude",
            "Vul een getal in tussen −90 en 90",
        ),
        (
            area_form("Oude Markt", "", "Noord", "52,09", ""),
            "longitude",
            "Vul beide coördinaten in",
        ),
        (
            area_form("Oude Markt", "kaart", "Noord", "", ""),
            "slug",
            "is al een pagina van Kernpunt",
        ),
        (
            area_form("Oude Markt", "Oude Markt!", "Noord", "", ""),
            "slug",
            "kleine letters, cijfers en streepjes",
        ),
        (
            area_form("", "", "Noord", "", ""),
            "name",
            "Vul de naam van het gebied in",
        ),
    ] {
        let (status, body) = post(&server, &cookie, "save_area_identity", &form).await;
        assert_eq!(status, 422, "{field}: {body}");
        assert!(body.contains(message), "{field}: {body}");
    }
    assert_eq!(count(&server, "areas").await, 0);

    let response = server
        .post_fn(
            "save_area_identity",
            Some(&cookie),
            &area_form("Oude Markt", "", "Noord", "52,0907", "5.1214"),
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let (slug, lat, lon): (String, f64, f64) =
        sqlx::query_as("SELECT slug, latitude, longitude FROM areas")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!((slug.as_str(), lat, lon), ("oude-markt", 52.0907, 5.1214));
    let (status, html) = server.get("/gebieden/oude-markt").await;
    assert_eq!(status, 200);
    assert!(html.contains("Een straat met <em>karakter</em>."));

    // The same slug again is refused.
    let (status, body) = post(
        &server,
        &cookie,
        "save_area_identity",
        &area_form("Oude Markt 2", "oude-markt", "Noord", "", ""),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Er is al een gebied met dit webadres"));
    let audit: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE entity = 'area' AND action = 'create'",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(audit, 1);
}

#[tokio::test]
async fn anonymous_and_editors_cannot_create_areas_and_nothing_is_stored() {
    let server = TestServer::start().await;
    let before = count(&server, "areas").await;
    let drafts = count(&server, "form_drafts").await;
    let form = area_form("Nieuw", "", "Noord", "", "");
    let response = server.post_fn("save_area_identity", None, &form).await;
    assert_eq!(response.status().as_u16(), 401);
    let response = server
        .post_form("save_area_identity", None, "/gebieden/nieuw", &form)
        .await;
    assert!(response.status().is_redirection());
    assert!(response.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/inloggen"));
    let editor = server
        .login("redacteur@voorbeeld.nl", app::demo::DEMO_PASSWORD)
        .await;
    let response = server
        .post_fn("save_area_identity", Some(&editor), &form)
        .await;
    assert_eq!(response.status().as_u16(), 403);
    assert_eq!(count(&server, "areas").await, before);
    assert_eq!(
        count(&server, "form_drafts").await,
        drafts,
        "no draft for a refused client"
    );
}

#[tokio::test]
async fn a_changed_slug_keeps_the_old_address_as_a_permanent_redirect() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(common::Actor::Coordinator).await.unwrap();
    let version = server.area_version("lindenplein").await.to_string();
    let mut form = area_form("Lindenhof", "lindenhof", "Noord", "52,1152", "5,1102");
    form.retain(|(k, _)| *k != "fields[story]");
    form.push(("original_slug", "lindenplein"));
    form.push(("version", &version));
    let (status, body) = post(&server, &cookie, "save_area_identity", &form).await;
    assert_eq!(status, 200, "{body}");
    let response = server
        .client
        .get(format!("{}/gebieden/lindenplein?x=1", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 308, "a permanent redirect");
    assert_eq!(response.headers()["location"], "/gebieden/lindenhof?x=1");
    let response = server
        .client
        .get(format!("{}/gebieden/lindenplein/cijfers.csv", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.headers()["location"],
        "/gebieden/lindenhof/cijfers.csv"
    );
    let (status, html) = server.get("/gebieden/lindenhof").await;
    assert_eq!(status, 200);
    assert!(html.contains("Lindenhof"));
    // A stale version is a conflict, not an overwrite.
    let (status, body) = post(&server, &cookie, "save_area_identity", &{
        let mut stale = area_form("Lindenplein", "lindenhof", "Noord", "", "");
        stale.push(("original_slug", "lindenhof"));
        stale.push(("version", &version));
        stale
    })
    .await;
    assert_eq!(status, 422);
    assert!(
        body.contains("Iemand anders heeft dit intussen gewijzigd"),
        "{body}"
    );
}

#[tokio::test]
async fn archived_areas_leave_the_public_pages_and_can_be_restored() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(common::Actor::Coordinator).await.unwrap();
    let average = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT areas FROM indicator_city_averages WHERE indicator_key = 'vacancy_outlets' ORDER BY period DESC LIMIT 1",
        )
        .fetch_one(&server.pool)
        .await
        .unwrap()
    };
    let areas_before = average().await;
    let (status, body) = post(
        &server,
        &cookie,
        "archive_area",
        &[("slug", "havenstraat"), ("archive", "ja")],
    )
    .await;
    assert_eq!(status, 422, "archiving needs the confirmation");
    assert!(body.contains("Vink aan dat u het gebied wilt archiveren."));
    let (status, _) = post(
        &server,
        &cookie,
        "archive_area",
        &[
            ("slug", "havenstraat"),
            ("archive", "ja"),
            ("fields[confirm]", "ja"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(average().await, areas_before - 1);
    for page in [
        "/gebieden",
        "/gebieden/kaart",
        "/monitor",
        "/gebieden/vergelijk",
    ] {
        let (_, html) = server.get(page).await;
        assert!(
            !html.contains("/gebieden/havenstraat\""),
            "{page} still links the archived area"
        );
    }
    let (status, html) = server.get("/gebieden/havenstraat").await;
    assert_eq!(status, 200);
    assert!(html.contains("Dit gebied is gearchiveerd"));
    let (_, list) = server.get_as("/beheer/gearchiveerd", &cookie).await;
    assert!(list.contains("Havenstraat terugzetten"));
    let (status, _) = post(
        &server,
        &cookie,
        "archive_area",
        &[("slug", "havenstraat"), ("archive", "nee")],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(average().await, areas_before);
    let (_, html) = server.get("/gebieden").await;
    assert!(html.contains("/gebieden/havenstraat\""));
}

#[tokio::test]
async fn organisations_are_checked_linked_and_shown_on_the_profile() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(common::Actor::Coordinator).await.unwrap();
    let before = count(&server, "organisations").await;
    let (status, body) = post(
        &server,
        &cookie,
        "save_organisation",
        &[
            ("fields[name]", "BIZ Oude Markt"),
            ("fields[kind]", "biz"),
            ("fields[term_start]", "2028-01-01"),
            ("fields[term_end]", "2024-12-31"),
            ("fields[budget]", "veel"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        body.contains("Het einde van de looptijd ligt vóór het begin."),
        "{body}"
    );
    assert!(body.contains("Vul het jaarbudget in hele euro"));
    assert_eq!(count(&server, "organisations").await, before);
    let (status, _) = post(
        &server,
        &cookie,
        "save_organisation",
        &[
            ("fields[name]", "BIZ Oude Markt"),
            ("fields[kind]", "biz"),
            ("fields[term_start]", "2025-01-01"),
            ("fields[term_end]", "2029-12-31"),
            ("fields[budget]", "85.000"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    let id: i64 = sqlx::query_scalar("SELECT id FROM organisations WHERE name = 'BIZ Oude Markt'")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    // The area's own editor links it to Lindenplein.
    let editor = server
        .login("redacteur@voorbeeld.nl", app::demo::DEMO_PASSWORD)
        .await;
    let id = id.to_string();
    let (status, body) = post(
        &server,
        &editor,
        "save_stakeholder",
        &[
            ("slug", "lindenplein"),
            ("fields[organisation]", "999999"),
            ("fields[role]", "entrepreneurs"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Kies een organisatie uit de lijst."));
    let (status, _) = post(
        &server,
        &editor,
        "save_stakeholder",
        &[
            ("slug", "lindenplein"),
            ("fields[organisation]", &id),
            ("fields[role]", "entrepreneurs"),
            ("fields[description]", "Trekt de BIZ"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    let (status, body) = post(
        &server,
        &editor,
        "save_stakeholder",
        &[
            ("slug", "lindenplein"),
            ("fields[organisation]", &id),
            ("fields[role]", "entrepreneurs"),
        ],
    )
    .await;
    assert_eq!(status, 422, "the same link twice");
    assert!(body.contains("staat al met deze rol"));
    let (status, _) = post(
        &server,
        &editor,
        "save_stakeholder",
        &[
            ("slug", "havenstraat"),
            ("fields[organisation]", &id),
            ("fields[role]", "entrepreneurs"),
        ],
    )
    .await;
    assert_eq!(status, 404, "not the editor's area");
    let (_, html) = server.get("/gebieden/lindenplein").await;
    assert!(html.contains("BIZ Oude Markt"), "{html}");
    assert!(html.contains("1 januari 2025 t/m 31 december 2029, € 85.000 per jaar"));
}

#[tokio::test]
async fn retired_themes_are_no_longer_offered_and_new_indicators_take_values() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(common::Actor::Coordinator).await.unwrap();
    let (status, _) = post(
        &server,
        &cookie,
        "retire_theme",
        &[("theme_key", "branding"), ("retire", "ja")],
    )
    .await;
    assert_eq!(status, 200);
    let (status, body) = post(
        &server,
        &cookie,
        "add_opgave",
        &[
            ("slug", "lindenplein"),
            ("title", "Logo"),
            ("theme", "branding"),
            ("owner", ""),
            ("due_date", ""),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Dit thema is buiten gebruik gezet"), "{body}");
    let (status, body) = post(
        &server,
        &cookie,
        "save_theme",
        &[("fields[label]", "Groen & water")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let label: String = sqlx::query_scalar("SELECT label FROM themes WHERE key = 'groen_water'")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(label, "Groen & water");
    let (status, body) = post(
        &server,
        &cookie,
        "save_theme",
        &[
            ("fields[label]", "Nog eens"),
            ("fields[key]", "groen_water"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Er is al een thema met deze code."));

    let definition = [
        ("fields[key]", "terrassen"),
        ("fields[label]", "Terrassen"),
        ("fields[unit]", "aantal"),
        ("fields[decimals]", "0"),
        ("fields[period_kind]", "year"),
        ("fields[direction]", "higher_is_better"),
        ("fields[on_profile]", "ja"),
    ];
    let (status, body) = post(&server, &cookie, "save_indicator_definition", &definition).await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = post(&server, &cookie, "save_indicator_definition", &definition).await;
    assert_eq!(status, 422, "the key is taken");
    let (status, body) = post(
        &server,
        &cookie,
        "add_indicator_value",
        &[
            ("slug", "lindenplein"),
            ("indicator", "terrassen"),
            ("period", "2025"),
            ("value", "twaalf"),
            ("source", ""),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Vul een getal in"), "{body}");
    let (status, _) = post(
        &server,
        &cookie,
        "add_indicator_value",
        &[
            ("slug", "lindenplein"),
            ("indicator", "terrassen"),
            ("period", "2025"),
            ("value", "12"),
            ("source", "Telling"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    let (_, html) = server.get("/gebieden/lindenplein").await;
    assert!(html.contains("Terrassen"));
    let (status, _) = post(
        &server,
        &cookie,
        "retire_indicator",
        &[("indicator_key", "terrassen"), ("retire", "ja")],
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = post(
        &server,
        &cookie,
        "add_indicator_value",
        &[
            ("slug", "lindenplein"),
            ("indicator", "terrassen"),
            ("period", "2026"),
            ("value", "14"),
            ("source", ""),
        ],
    )
    .await;
    assert_eq!(status, 422, "a retired indicator takes no new values");
    assert_eq!(
        count(
            &server,
            "indicator_values WHERE indicator_key = 'terrassen'"
        )
        .await,
        1,
        "its history stays"
    );
}

#[tokio::test]
async fn a_corrected_value_moves_the_city_average_and_is_audited() {
    let server = TestServer::start().await;
    let cookie = server
        .cookie_for(common::Actor::EditorOfThisArea)
        .await
        .unwrap();
    let (id, period): (i64, String) = sqlx::query_as(
        "SELECT v.id, v.period FROM indicator_values v JOIN areas a ON a.id = v.area_id
         WHERE a.slug = 'lindenplein' AND v.indicator_key = 'vacancy_outlets' ORDER BY v.period DESC LIMIT 1",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let average = || async {
        sqlx::query_scalar::<_, f64>("SELECT value FROM indicator_city_averages WHERE indicator_key = 'vacancy_outlets' AND period = ?")
            .bind(&period)
            .fetch_one(&server.pool)
            .await
            .unwrap()
    };
    let before = average().await;
    let id = id.to_string();
    let (status, body) = post(
        &server,
        &cookie,
        "correct_indicator_value",
        &[
            ("slug", "lindenplein"),
            ("value_id", &id),
            ("fields[value]", "7,5"),
            ("fields[reason]", ""),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Schrijf kort waarom"));
    let (status, _) = post(
        &server,
        &cookie,
        "correct_indicator_value",
        &[
            ("slug", "lindenplein"),
            ("value_id", &id),
            ("fields[value]", "99,5"),
            ("fields[reason]", "Tikfout in de import"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        average().await > before,
        "the average follows the correction"
    );
    let after: String = sqlx::query_scalar("SELECT after_json FROM audit_log WHERE entity = 'indicator_value' ORDER BY id DESC LIMIT 1")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert!(after.contains("Tikfout in de import"));
    let (status, _) = post(
        &server,
        &cookie,
        "correct_indicator_value",
        &[
            ("slug", "lindenplein"),
            ("value_id", &id),
            ("delete", "ja"),
            ("fields[reason]", "Dubbel"),
            ("fields[confirm]", "ja"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        count(&server, &format!("indicator_values WHERE id = {id}")).await,
        0
    );
}

#[tokio::test]
async fn without_javascript_a_refused_form_comes_back_with_what_was_typed() {
    let server = TestServer::start_empty().await;
    let cookie = admin(&server).await;
    post(
        &server,
        &cookie,
        "save_district",
        &[("fields[name]", "Noord")],
    )
    .await;
    let response = server
        .post_form(
            "save_area_identity",
            Some(&cookie),
            "/gebieden/nieuw",
            &area_form("Oude Markt", "", "Noord", "52,09", "500"),
        )
        .await;
    assert!(response.status().is_redirection());
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with("/gebieden/nieuw?concept="),
        "{location}"
    );
    let (status, html) = server.get_as(&location, &cookie).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("value=\"Oude Markt\""),
        "what was typed is back"
    );
    assert!(html.contains("value=\"500\""));
    assert!(html.contains("Vul een getal in tussen −180 en 180"));
    assert_eq!(count(&server, "areas").await, 0);
    // And a good post goes to the new profile.
    let response = server
        .post_form(
            "save_area_identity",
            Some(&cookie),
            "/gebieden/nieuw",
            &area_form("Oude Markt", "", "Noord", "52,09", "5,12"),
        )
        .await;
    assert_eq!(response.headers()["location"], "/gebieden/oude-markt");
}

#[tokio::test]
async fn a_bulk_area_csv_with_one_bad_row_creates_nothing_and_names_the_row() {
    let server = TestServer::start_empty().await;
    let cookie = admin(&server).await;
    for name in ["Noord", "Zuid"] {
        post(&server, &cookie, "save_district", &[("fields[name]", name)]).await;
    }
    let bad = "naam;stadsdeel;type;lat;lon\nOude Markt;Noord;Winkelstraat;52,09;5,12\nZuiderpoort;Oost;Wijkcentrum;;\n";
    let response = server
        .post_form(
            "stage_area_import",
            Some(&cookie),
            "/gebieden/import",
            &[("fields[csv]", bad)],
        )
        .await;
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/gebieden/import/"), "{location}");
    let (status, html) = server.get_as(&location, &cookie).await;
    assert_eq!(status, 200);
    assert!(html.contains("1 regel(s) met een fout."), "{html}");
    assert!(html.contains("stadsdeel: Kies een stadsdeel uit de lijst."));
    let token = location.rsplit('/').next().unwrap();
    let (status, body) = post(&server, &cookie, "commit_area_import", &[("token", token)]).await;
    assert_eq!(status, 422);
    assert!(
        body.contains("er is geen enkel gebied aangemaakt"),
        "{body}"
    );
    assert_eq!(count(&server, "areas").await, 0);

    let good = bad.replace("Oost", "Zuid");
    let response = server
        .post_form(
            "stage_area_import",
            Some(&cookie),
            "/gebieden/import",
            &[("fields[csv]", &good)],
        )
        .await;
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let token = location.rsplit('/').next().unwrap();
    let (status, _) = post(&server, &cookie, "commit_area_import", &[("token", token)]).await;
    assert_eq!(status, 200);
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM areas ORDER BY name")
        .fetch_all(&server.pool)
        .await
        .unwrap();
    assert_eq!(names, ["Oude Markt", "Zuiderpoort"]);
    // A second click changes nothing.
    let (status, _) = post(&server, &cookie, "commit_area_import", &[("token", token)]).await;
    assert_eq!(status, 409);
    assert_eq!(count(&server, "areas").await, 2);
    // An indicator import cannot be fed an areas token.
    let (status, _) = post(
        &server,
        &cookie,
        "preview_indicator_import",
        &[("token", token)],
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_new_value_takes_the_default_source_and_activation_moments_are_corrected() {
    let server = TestServer::start().await;
    let cookie = server
        .cookie_for(common::Actor::EditorOfThisArea)
        .await
        .unwrap();
    sqlx::query(
        "UPDATE indicator_definitions SET default_source = 'Locatus' WHERE key = 'outlets'",
    )
    .execute(&server.pool)
    .await
    .unwrap();
    let (status, _) = post(
        &server,
        &cookie,
        "add_indicator_value",
        &[
            ("slug", "lindenplein"),
            ("indicator", "outlets"),
            ("period", "2030"),
            ("value", "41"),
            ("source", ""),
        ],
    )
    .await;
    assert_eq!(status, 200);
    let source: String = sqlx::query_scalar(
        "SELECT source FROM indicator_values WHERE indicator_key = 'outlets' AND period = '2030'",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(source, "Locatus");

    let id: i64 = sqlx::query_scalar(
        "INSERT INTO activation_moments (area_id, held_on, kind, summary, created_by)
         SELECT id, '2026-01-15', 'call', 'Gebeld', 'Test' FROM areas WHERE slug = 'lindenplein' RETURNING id",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let action: i64 = sqlx::query_scalar("INSERT INTO activation_actions (moment_id, description, owner) VALUES (?, 'Bankjes', 'BIZ') RETURNING id")
        .bind(id)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let (id, description) = (
        id.to_string(),
        format!("fields[action_{action}_description]"),
    );
    let (status, body) = post(
        &server,
        &cookie,
        "update_activation_moment",
        &[
            ("slug", "lindenplein"),
            ("moment_id", &id),
            ("fields[held_on]", "2199-01-01"),
            ("fields[kind]", "call"),
            ("fields[summary]", "Gebeld"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        body.contains("Een contactmoment ligt niet in de toekomst."),
        "{body}"
    );
    let (status, _) = post(
        &server,
        &cookie,
        "update_activation_moment",
        &[
            ("slug", "lindenplein"),
            ("moment_id", &id),
            ("fields[held_on]", "2026-01-16"),
            ("fields[kind]", "meeting"),
            ("fields[summary]", "Overleg"),
            (&description, ""),
        ],
    )
    .await;
    assert_eq!(status, 200);
    let (held_on, actions): (String, i64) = sqlx::query_as(
        "SELECT held_on, (SELECT count(*) FROM activation_actions WHERE moment_id = m.id) FROM activation_moments m WHERE id = ?",
    )
    .bind(&id)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(
        (held_on.as_str(), actions),
        ("2026-01-16", 0),
        "an emptied action is removed"
    );
    let (status, _) = post(
        &server,
        &cookie,
        "delete_activation_moment",
        &[("slug", "lindenplein"), ("moment_id", &id)],
    )
    .await;
    assert_eq!(status, 422, "removing needs the confirmation");
    let (status, _) = post(
        &server,
        &cookie,
        "delete_activation_moment",
        &[
            ("slug", "lindenplein"),
            ("moment_id", &id),
            ("fields[confirm]", "ja"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        count(&server, &format!("activation_moments WHERE id = {id}")).await,
        0
    );
}

#[tokio::test]
async fn a_new_city_sets_up_its_stuurwiel_in_the_browser_before_assessing() {
    let server = TestServer::start_empty().await;
    let cookie = admin(&server).await;
    // No framework yet: the editor opens empty instead of "not found".
    let (status, html) = server.get_as("/beheer/stuurwiel", &cookie).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("nog geen onderdelen"), "{html}");
    let (_, home) = server.get_as("/", &cookie).await;
    assert!(home.contains("Het stuurwiel inrichten"), "{home}");

    post(
        &server,
        &cookie,
        "save_district",
        &[("fields[name]", "Noord")],
    )
    .await;
    post(
        &server,
        &cookie,
        "save_area_identity",
        &area_form("Oude Markt", "", "Noord", "", ""),
    )
    .await;
    assert_eq!(count(&server, "areas").await, 1);
    let assess = |scores: Vec<(String, String)>| {
        let mut form = vec![
            ("slug".to_string(), "oude-markt".to_string()),
            ("assessed_on".to_string(), "2026-12-01".to_string()),
            ("note".to_string(), String::new()),
        ];
        form.extend(scores);
        form
    };
    let form = assess(Vec::new());
    let refs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (status, _) = post(&server, &cookie, "record_assessment", &refs).await;
    assert_eq!(status, 404, "nothing to assess on yet");
    assert_eq!(count(&server, "stuurwiel_assessments").await, 0);

    // A bad first segment creates nothing, not even the framework.
    let (status, body) = post(
        &server,
        &cookie,
        "save_stuurwiel_segment",
        &[("name", "  "), ("description", "")],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(count(&server, "stuurwiel_frameworks").await, 0);

    // The first segment brings the framework along.
    let (status, body) = post(
        &server,
        &cookie,
        "save_stuurwiel_segment",
        &[
            ("name", "Organisatiegraad"),
            ("description", "Hoe ondernemers samenwerken."),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(count(&server, "stuurwiel_frameworks").await, 1);
    assert_eq!(count(&server, "stuurwiel_segments").await, 1);
    let (status, body) = post(
        &server,
        &cookie,
        "save_stuurwiel_framework",
        &[("name", "Stuurwiel centrummanagement"), ("description", "")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM stuurwiel_frameworks")
        .fetch_all(&server.pool)
        .await
        .unwrap();
    assert_eq!(names, ["Stuurwiel centrummanagement"]);
    let (_, html) = server.get_as("/beheer/stuurwiel", &cookie).await;
    assert!(html.contains("Organisatiegraad"));
    assert!(!html.contains("nog geen onderdelen"));

    // Now the area can be assessed on it.
    let segment: i64 = sqlx::query_scalar("SELECT id FROM stuurwiel_segments")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let form = assess(vec![(format!("scores[{segment}]"), "4".to_string())]);
    let refs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (status, body) = post(&server, &cookie, "record_assessment", &refs).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(count(&server, "stuurwiel_scores").await, 1);
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE entity = 'stuurwiel_framework' AND action = 'create'",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn the_checklist_sends_only_administrators_to_the_accounts_page() {
    let server = TestServer::start_empty().await;
    server
        .add_user(
            "coordinator@stad.nl",
            "Cor Dinator",
            app::accounts::Role::Coordinator,
        )
        .await;
    let coordinator = server
        .login("coordinator@stad.nl", app::demo::DEMO_PASSWORD)
        .await;
    let (_, home) = server.get_as("/", &coordinator).await;
    assert!(home.contains("Aan de slag"), "{home}");
    assert!(home.contains("(doet een beheerder)"), "{home}");
    assert!(!home.contains("href=\"/beheer/accounts\""), "{home}");
    let (_, home) = server.get_as("/", &admin(&server).await).await;
    assert!(home.contains("href=\"/beheer/accounts\""), "{home}");
}
