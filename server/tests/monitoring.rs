//! Interactive area profiles over real HTTP: list filters in the URL, charts and tables on
//! the profile, comparison, map, monitor, CSV export and the all-or-nothing CSV import,
//! and the activation log staying private.

mod common;

use common::{Actor, TestServer};

fn area_rows(html: &str) -> usize {
    // Each area in the list is a row header linking to its profile.
    html.matches("<th scope=\"row\"><a href=\"/gebieden/")
        .count()
}

#[tokio::test]
async fn list_filters_come_from_the_query_string() {
    let server = TestServer::start().await;
    let (status, html) = server.get("/gebieden?stadsdeel=Noord").await;
    assert_eq!(status, 200);
    assert_eq!(area_rows(&html), 3);
    assert!(html.contains("3 van 18 gebieden"));
    assert!(html.contains("Lindenplein") && !html.contains(">Havenstraat<"));

    let (_, html) = server.get("/gebieden?stadsdeel=Noord&fase=decline").await;
    assert_eq!(area_rows(&html), 1);
    assert!(html.contains("/gebieden/stadshart-noord"));

    let (_, html) = server
        .get("/gebieden?type=district_centre&activatie=energetic")
        .await;
    assert_eq!(
        area_rows(&html),
        3,
        "hoge-weide, marktplein-zuid, de-meerhoek"
    );

    // Areas with an unfinished opgave on undermining.
    let (_, html) = server.get("/gebieden?thema=undermining").await;
    assert!(html.contains("/gebieden/de-meerhoek"));
    assert!(area_rows(&html) < 18);

    // Sorting by the latest vacancy, highest first: the first row has the highest value.
    let (_, html) = server
        .get("/gebieden?sorteer=vacancy_outlets&volgorde=af")
        .await;
    let first = html.find("<th scope=\"row\">").unwrap();
    let (_, ascending) = server.get("/gebieden?sorteer=vacancy_outlets").await;
    let first_ascending = ascending.find("<th scope=\"row\">").unwrap();
    assert_ne!(
        &html[first..first + 80],
        &ascending[first_ascending..first_ascending + 80],
        "reversing the order changes the first row"
    );
    assert!(html.contains("aria-sort=\"descending\""));
}

#[tokio::test]
async fn unknown_filter_values_are_ignored_with_a_note() {
    let server = TestServer::start().await;
    let (status, html) = server
        .get("/gebieden?stadsdeel=Atlantis&fase=bloei&sorteer=%27%3B+DROP+TABLE+areas")
        .await;
    assert_eq!(status, 200);
    assert_eq!(area_rows(&html), 18);
    assert!(html.contains("Stadsdeel ‘Atlantis’ bestaat niet en is genegeerd."));
    assert!(html.contains("Fase ‘bloei’ bestaat niet"));
    assert!(html.contains("Sortering"));
    let (_, html) = server.get("/gebieden?q=zzzz").await;
    assert!(html.contains("Geen gebieden gevonden"));
}

#[tokio::test]
async fn profile_has_charts_with_city_average_tables_and_the_stuurwiel() {
    let server = TestServer::start().await;
    let (status, html) = server.get("/gebieden/lindenplein").await;
    assert_eq!(status, 200);
    // A server-rendered SVG chart with both lines and its data table.
    assert!(html.contains("class=\"chart__svg\""));
    assert!(html.contains("Gemiddelde van de stad"));
    assert!(html.contains("<caption>Leegstand (verkooppunten) per periode"));
    // Focusable points carry their value in words.
    assert!(html.contains("tabindex=\"0\""));
    assert!(html.contains("aria-label=\"Lindenplein 2025: "));
    // The stuurwiel radar with the previous round and the score table.
    assert!(html.contains("class=\"radar\""));
    assert!(html.contains("Vorige beoordeling"));
    assert!(html.contains("<th scope=\"col\" class=\"numeric\">Vorige keer</th>"));
    // Opgaves by status.
    assert!(html.contains("Open ("));
    assert!(html.contains("In uitvoering ("));
    // The activation log is not in public HTML.
    assert!(!html.contains("Recente activiteit"));
}

#[tokio::test]
async fn compare_shows_areas_side_by_side_and_notes_unknown_ones() {
    let server = TestServer::start().await;
    let (status, html) = server
        .get("/gebieden/vergelijk?g=lindenplein&g=havenstraat&g=bestaat-niet&g=")
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("Gebied ‘bestaat-niet’ bestaat niet en is weggelaten."));
    assert!(html.contains("<caption>Kerncijfers nu (laatste meting)</caption>"));
    assert!(html.contains("class=\"radar\""));
    assert!(html.contains("Gedeelde opgaves"));
    // Both areas are lines in the shared charts.
    assert!(html.contains("aria-label=\"Lindenplein 2025:"));
    assert!(html.contains("aria-label=\"Havenstraat 2025:"));

    let (status, html) = server.get("/gebieden/vergelijk?g=lindenplein").await;
    assert_eq!(status, 200);
    assert!(html.contains("Kies twee tot vier gebieden"));
}

#[tokio::test]
async fn map_places_every_area_as_a_link() {
    let server = TestServer::start().await;
    let (status, html) = server.get("/gebieden/kaart?indicator=footfall").await;
    assert_eq!(status, 200);
    assert_eq!(html.matches("class=\"map__marker ").count(), 18);
    assert!(html.contains("<a href=\"/gebieden/lindenplein\" aria-label=\"Lindenplein: "));
    assert!(html.contains("aria-label=\"Legenda\""));
    let (status, html) = server.get("/gebieden/kaart?indicator=nonsense").await;
    assert_eq!(status, 200);
    assert!(html.contains("Indicator ‘nonsense’ bestaat niet"));
}

#[tokio::test]
async fn monitor_lists_every_area_with_flags_and_rules() {
    let server = TestServer::start().await;
    // An overdue opgave and an assessment long ago, so the flags are known.
    sqlx::query(
        "UPDATE opgaves SET status = 'open', due_date = '2020-01-01'
         WHERE id = (SELECT o.id FROM opgaves o JOIN areas a ON a.id = o.area_id
                     WHERE a.slug = 'lindenplein' LIMIT 1)",
    )
    .execute(&server.pool)
    .await
    .unwrap();
    let (status, html) = server.get("/monitor").await;
    assert_eq!(status, 200);
    assert_eq!(
        html.matches("<th scope=\"row\"><a href=\"/gebieden/")
            .count(),
        18
    );
    assert!(html.contains("class=\"sparkline\""));
    assert!(html.contains("over de deadline"));
    assert!(html.contains("Wanneer krijgt een gebied een signaal?"));
    assert!(html.contains("Trend in de hele stad"));
    // The contact rule is for coordinators only.
    assert!(!html.contains("Laatste contactmoment") && !html.contains("Nog geen contactmoment"));

    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    let html = server
        .client
        .get(format!("{}/monitor", server.base))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Nog geen contactmoment vastgelegd"));
}

#[tokio::test]
async fn csv_exports_are_excel_friendly_downloads() {
    let server = TestServer::start().await;
    let response = server
        .client
        .get(format!("{}/gebieden/lindenplein/cijfers.csv", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("kernpunt-lindenplein-cijfers.csv"));
    let body = response.text().await.unwrap();
    assert!(body.starts_with('\u{feff}'));
    assert!(body.contains("gebied;indicator;indicator_naam;periode;waarde;bron"));
    assert!(body.contains("lindenplein;vacancy_outlets;"));

    let (status, _) = server.get("/gebieden/bestaat-niet/cijfers.csv").await;
    assert_eq!(status, 404);

    let (status, monitor) = server.get("/monitor.csv").await;
    assert_eq!(status, 200);
    assert_eq!(monitor.lines().count(), 19, "header and 18 areas");
}

/// Uploads a CSV as a multipart form, the way the browser's plain form does.
async fn upload(server: &TestServer, cookie: Option<&str>, bytes: Vec<u8>) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name("../../etc/cijfers.csv")
        .mime_str("text/csv")
        .unwrap();
    let form = reqwest::multipart::Form::new().part("bestand", part);
    let mut request = server
        .client
        .post(format!("{}/monitor/import", server.base))
        .header("sec-fetch-site", "same-origin")
        .multipart(form);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.unwrap()
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_string()
}

async fn value_count(server: &TestServer) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM indicator_values")
        .fetch_one(&server.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn only_coordinators_can_upload() {
    let server = TestServer::start().await;
    let csv = b"gebied,indicator,periode,waarde\nlindenplein,footfall,2026,1\n".to_vec();
    let anonymous = upload(&server, None, csv.clone()).await;
    assert_eq!(anonymous.status().as_u16(), 303);
    assert!(location(&anonymous).starts_with("/inloggen"));
    let editor = server.cookie_for(Actor::EditorOfThisArea).await.unwrap();
    let refused = upload(&server, Some(&editor), csv).await;
    assert_eq!(refused.status().as_u16(), 403);
    let staged: i64 = sqlx::query_scalar("SELECT count(*) FROM indicator_imports")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(staged, 0);
}

#[tokio::test]
async fn a_file_with_one_bad_row_imports_nothing_and_names_the_row() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    let before = value_count(&server).await;
    let csv = "gebied;indicator;periode;waarde;bron\n\
               lindenplein;footfall;2026-01;12.500;Telling\n\
               Havenstraat;vacancy_outlets;2026-01;7,4;Locatus\n\
               lindenplein;footfall;2026-02;twaalf;Telling\n";
    let response = upload(&server, Some(&cookie), csv.as_bytes().to_vec()).await;
    assert_eq!(response.status().as_u16(), 303);
    let preview = location(&response);
    assert!(preview.starts_with("/monitor/import/"));
    let token = preview.trim_start_matches("/monitor/import/").to_string();

    let html = server
        .client
        .get(format!("{}{preview}", server.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("1 regel(s) met een fout."), "{html}");
    assert!(html.contains("‘twaalf’"));
    assert!(html.contains("puntkomma"));
    // The uploaded name is kept without its path.
    assert!(html.contains("Import controleren: cijfers.csv"));
    assert!(!html.contains("Importeer alle regels"));

    // Posting the import anyway changes nothing.
    let response = server
        .post_fn(
            "commit_indicator_import",
            Some(&cookie),
            &[("token", &token)],
        )
        .await;
    let body = response.text().await.unwrap();
    assert!(body.contains("Invalid"), "{body}");
    assert_eq!(value_count(&server).await, before);
}

#[tokio::test]
async fn a_valid_file_of_5000_rows_imports_completely() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    let slugs: Vec<String> = sqlx::query_scalar("SELECT slug FROM areas ORDER BY id")
        .fetch_all(&server.pool)
        .await
        .unwrap();
    let keys = [
        "vacancy_outlets",
        "footfall",
        "rating",
        "outlets",
        "chain_share",
    ];
    let mut csv = String::from("area,indicator,period,value,source\r\n");
    let mut rows = 0;
    'outer: for slug in &slugs {
        for key in keys {
            for year in 1990..2030 {
                for month in [1, 7] {
                    csv.push_str(&format!(
                        "{slug},{key},{year}-{month:02},{}.5,Leverancier\r\n",
                        rows % 97
                    ));
                    rows += 1;
                    if rows == 5000 {
                        break 'outer;
                    }
                }
            }
        }
    }
    let before = value_count(&server).await;
    let response = upload(&server, Some(&cookie), csv.into_bytes()).await;
    let token = location(&response)
        .trim_start_matches("/monitor/import/")
        .to_string();
    let response = server
        .post_fn(
            "commit_indicator_import",
            Some(&cookie),
            &[("token", &token)],
        )
        .await;
    assert_eq!(
        response.status().as_u16(),
        200,
        "{}",
        response.text().await.unwrap()
    );
    assert_eq!(response.text().await.unwrap(), "5000");
    assert_eq!(value_count(&server).await, before + 5000);
    // The city averages followed (triggers).
    let average: f64 = sqlx::query_scalar(
        "SELECT value FROM indicator_city_averages WHERE indicator_key = 'vacancy_outlets' AND period = '1990-01'",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert!(average >= 0.0);
    // A second click imports nothing twice.
    let again = server
        .post_fn(
            "commit_indicator_import",
            Some(&cookie),
            &[("token", &token)],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(again.contains("Conflict"));
    assert_eq!(value_count(&server).await, before + 5000);
}

#[tokio::test]
async fn excel_files_in_windows_1252_are_read() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    // "Café-telling" as Windows-1252 (é = 0xE9), semicolons and a decimal comma.
    let mut bytes =
        b"gebied;indicator;periode;waarde;bron\r\nLindenplein;rating;2026;7,8;Caf".to_vec();
    bytes.push(0xE9);
    bytes.extend_from_slice(b"-telling\r\n");
    let response = upload(&server, Some(&cookie), bytes).await;
    let token = location(&response)
        .trim_start_matches("/monitor/import/")
        .to_string();
    let response = server
        .post_fn(
            "commit_indicator_import",
            Some(&cookie),
            &[("token", &token)],
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let (value, source): (f64, String) = sqlx::query_as(
        "SELECT v.value, v.source FROM indicator_values v JOIN areas a ON a.id = v.area_id
         WHERE a.slug = 'lindenplein' AND v.indicator_key = 'rating' AND v.period = '2026'",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(value, 7.8);
    assert_eq!(source, "Café-telling");
}

#[tokio::test]
async fn an_xlsx_file_gets_a_clear_message() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    let response = upload(
        &server,
        Some(&cookie),
        b"PK\x03\x04 not really a spreadsheet".to_vec(),
    )
    .await;
    let preview = location(&response);
    let html = server
        .client
        .get(format!("{}{preview}", server.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Dit bestand kan niet worden geïmporteerd."));
    assert!(html.contains("Excel"));
}

#[tokio::test]
async fn the_activation_log_is_private() {
    let server = TestServer::start().await;
    let editor = server.cookie_for(Actor::EditorOfThisArea).await.unwrap();
    let response = server
        .post_fn(
            "add_activation_moment",
            Some(&editor),
            &[
                ("slug", "lindenplein"),
                ("held_on", "2026-01-15"),
                ("kind", "visit"),
                ("summary", "Rondgang met de pandeigenaren"),
                ("actions[1][description]", "Gevelscan laten maken"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);

    // The public profile and the public answer of the server function hold nothing of it.
    let (_, public) = server.get("/gebieden/lindenplein").await;
    assert!(!public.contains("Rondgang met de pandeigenaren"));
    let anonymous = server
        .post_fn("recent_activation", None, &[("slug", "lindenplein")])
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(anonymous, "null");
    let other = server.cookie_for(Actor::EditorOfOtherArea).await.unwrap();
    let other = server
        .post_fn(
            "recent_activation",
            Some(&other),
            &[("slug", "lindenplein")],
        )
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(other, "null");

    // The area's editor sees it on the profile.
    let html = server
        .client
        .get(format!("{}/gebieden/lindenplein", server.base))
        .header("cookie", &editor)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Recente activiteit"));
    assert!(html.contains("Rondgang met de pandeigenaren"));
    assert!(html.contains("Gevelscan laten maken"));
}

/// The profile's charts are rendered once and kept as HTML (`ui::fragments`): a new value,
/// a renamed indicator or area must still show at once, also on a page the page cache
/// never keeps (a coordinator's).
#[tokio::test]
async fn kept_charts_follow_values_wording_and_names() {
    let server = TestServer::start().await;
    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    let (status, before) = server.get_as("/gebieden/lindenplein", &cookie).await;
    assert_eq!(status, 200);
    assert!(before.contains("<caption>Leegstand (verkooppunten) per periode"));
    assert!(!before.contains("77,7%"));
    let (_, again) = server.get_as("/gebieden/lindenplein", &cookie).await;
    let charts = |html: &str| {
        let start = html.find("Verloop door de tijd").unwrap();
        html[start..start + 20_000].to_string()
    };
    assert_eq!(charts(&before), charts(&again));

    sqlx::query(
        "UPDATE indicator_values SET value = 77.7
         WHERE indicator_key = 'vacancy_outlets'
           AND area_id = (SELECT id FROM areas WHERE slug = 'lindenplein')
           AND period = (SELECT max(period) FROM indicator_values v
                         WHERE v.indicator_key = 'vacancy_outlets'
                           AND v.area_id = (SELECT id FROM areas WHERE slug = 'lindenplein'))",
    )
    .execute(&server.pool)
    .await
    .unwrap();
    let (_, html) = server.get_as("/gebieden/lindenplein", &cookie).await;
    assert!(
        charts(&html).contains("77,7%"),
        "the chart's table shows the new value"
    );

    // Wording is not a figure (the figures generation stays), yet the charts follow it.
    sqlx::query(
        "UPDATE indicator_definitions SET label = 'Winkelleegstand' WHERE key = 'vacancy_outlets'",
    )
    .execute(&server.pool)
    .await
    .unwrap();
    let (_, html) = server.get_as("/gebieden/lindenplein", &cookie).await;
    assert!(html.contains("<caption>Winkelleegstand per periode"));
    assert!(!html.contains("<caption>Leegstand (verkooppunten) per periode"));
    sqlx::query("UPDATE areas SET name = 'Lindenplein-Noord' WHERE slug = 'lindenplein'")
        .execute(&server.pool)
        .await
        .unwrap();
    let (_, html) = server.get_as("/gebieden/lindenplein", &cookie).await;
    assert!(html.contains("aria-label=\"Lindenplein-Noord 2025: "));
}

#[tokio::test]
async fn the_monitor_offers_the_import_only_to_those_who_may_import() {
    let server = TestServer::start().await;
    let import_link = "href=\"/monitor/import\"";
    let (status, html) = server.get("/monitor").await;
    assert_eq!(status, 200);
    assert!(!html.contains(import_link), "visitors get no import link");
    for (actor, offered) in [
        (Actor::EditorOfThisArea, false),
        (Actor::Coordinator, true),
        (Actor::Admin, true),
    ] {
        let cookie = server.cookie_for(actor).await.unwrap();
        let (_, html) = server.get_as("/monitor", &cookie).await;
        assert_eq!(html.contains(import_link), offered, "{actor:?}");
    }
}
