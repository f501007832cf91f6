//! Monitoring that explains, over real HTTP: the peer median and rank on the profile, the
//! written summary, opgaves tied to indicators (before/now, chart marks, monitor flags), and
//! the switch between city average and peer median on the monitor and the compare page.

mod common;

use app::areas::format_with_unit;
use common::{Actor, TestServer};

/// The text of the indicator table row of `key` on a profile.
fn table_row<'a>(html: &'a str, key: &str) -> &'a str {
    let start = html.find(&format!("data-indicator=\"{key}\"")).unwrap();
    let end = start + html[start..].find("</tr>").unwrap();
    &html[start..end]
}

#[tokio::test]
async fn the_profile_shows_the_peer_median_the_rank_and_a_summary() {
    let server = TestServer::start().await;
    // Lindenplein is a wijkcentrum: its latest vacancy against the other live wijkcentra.
    let (period, own): (String, f64) = sqlx::query_as(
        "SELECT v.period, v.value FROM indicator_values v JOIN areas a ON a.id = v.area_id
         WHERE a.slug = 'lindenplein' AND v.indicator_key = 'vacancy_outlets' ORDER BY v.period DESC LIMIT 1",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let peers: Vec<f64> = sqlx::query_scalar(
        "SELECT v.value FROM indicator_values v JOIN areas a ON a.id = v.area_id
         WHERE a.area_type = 'neighbourhood_centre' AND a.archived_at IS NULL
           AND v.indicator_key = 'vacancy_outlets' AND v.period = ?",
    )
    .bind(&period)
    .fetch_all(&server.pool)
    .await
    .unwrap();
    assert!(peers.len() >= 2, "the demo has several wijkcentra");
    let mut sorted = peers.clone();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let median = if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    };
    let rank = 1 + peers.iter().filter(|v| **v < own).count();

    let (status, html) = server.get("/gebieden/lindenplein").await;
    assert_eq!(status, 200);
    let row = table_row(&html, "vacancy_outlets");
    assert!(row.contains(&format_with_unit(median, 1, "%")), "{row}");
    assert!(
        row.contains(&format!("{rank}e van {n} wijkcentra")),
        "{row}"
    );
    assert!(html.contains("Mediaan wijkcentra"));
    // The chart has the peer line, and the summary is plain text at the top.
    assert!(html.contains("series-peer"));
    let summary_at = html.find("In het kort").expect("a summary");
    assert!(summary_at < html.find("id=\"cijfers\"").unwrap());
    let summary = &html[summary_at..summary_at + html[summary_at..].find("</section>").unwrap()];
    assert!(summary.contains("de mediaan van wijkcentra"), "{summary}");
    assert!(
        summary.contains(&format!("{rank}e van {n} wijkcentra"))
            || summary.contains("de beste plaats"),
        "{summary}"
    );
}

#[tokio::test]
async fn an_opgave_tied_to_vacancy_shows_before_and_now_and_marks_the_chart() {
    let server = TestServer::start().await;
    let area: i64 = sqlx::query_scalar("SELECT id FROM areas WHERE slug = 'lindenplein'")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let values: Vec<(String, f64)> = sqlx::query_as(
        "SELECT period, value FROM indicator_values WHERE area_id = ? AND indicator_key = 'vacancy_outlets' ORDER BY period",
    )
    .bind(area)
    .fetch_all(&server.pool)
    .await
    .unwrap();
    assert!(values.len() >= 3);
    // Started in the year of the second-last value: "before" is the value of the year before.
    let start_year = &values[values.len() - 2].0[..4];
    let before = values
        .iter()
        .rev()
        .find(|(p, _)| p.as_str() < start_year)
        .unwrap()
        .clone();
    let now = values.last().unwrap().clone();
    let opgave: i64 = sqlx::query_scalar(
        "INSERT INTO opgaves (area_id, title, theme_key, status, owner, started_on)
         VALUES (?, 'Leegstandsfonds', 'vacancy', 'in_progress', 'BIZ', ?) RETURNING id",
    )
    .bind(area)
    .bind(format!("{start_year}-03-01"))
    .fetch_one(&server.pool)
    .await
    .unwrap();

    // The area's editor ties it to vacancy, going down.
    let cookie = server.cookie_for(Actor::EditorOfThisArea).await.unwrap();
    let response = server
        .post_form(
            "link_opgave_indicator",
            Some(&cookie),
            &format!("/gebieden/lindenplein/opgaves/{opgave}"),
            &[
                ("slug", "lindenplein"),
                ("opgave_id", &opgave.to_string()),
                ("fields[indicator]", "vacancy_outlets"),
                ("fields[intended]", "decrease"),
            ],
        )
        .await;
    assert_eq!(response.status(), 302);
    assert!(response.headers()["location"]
        .to_str()
        .unwrap()
        .ends_with("?gelukt=koppeling"));

    let (_, html) = server.get("/gebieden/lindenplein").await;
    let line = format!(
        "Leegstand (verkooppunten) omlaag: {} vóór de start ({}), nu {} ({})",
        format_with_unit(before.1, 1, "%"),
        before.0,
        format_with_unit(now.1, 1, "%"),
        now.0
    );
    assert!(html.contains(&line), "{line}");
    // The vacancy chart marks the start in the drawing and in its table.
    let chart_at = html
        .find("aria-label=\"Leegstand (verkooppunten) in Lindenplein")
        .unwrap();
    let card = &html[chart_at..chart_at + html[chart_at..].find("</section>").unwrap()];
    assert!(
        card.contains("class=\"chart__milestone\""),
        "a mark in the SVG"
    );
    assert!(card.contains("Start opgave ‘Leegstandsfonds’ op 1 maart"));
    assert!(card.contains("<th scope=\"col\">Opgaves"), "{card}");
    assert!(
        card.contains("1. Start opgave ‘Leegstandsfonds’"),
        "the table's text for the mark"
    );
    // Charts of other indicators are not marked.
    let footfall_at = html
        .find("aria-label=\"Passanten (zaterdag) in Lindenplein")
        .unwrap();
    let footfall =
        &html[footfall_at..footfall_at + html[footfall_at..].find("</section>").unwrap()];
    assert!(!footfall.contains("chart__milestone"));

    // Done, and vacancy went up since before the start: the monitor flags it.
    sqlx::query("UPDATE indicator_values SET value = ? WHERE area_id = ? AND indicator_key = 'vacancy_outlets' AND period = ?")
        .bind(before.1 + 1.0)
        .bind(area)
        .bind(&now.0)
        .execute(&server.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE opgaves SET status = 'done' WHERE id = ?")
        .bind(opgave)
        .execute(&server.pool)
        .await
        .unwrap();
    let (_, monitor) = server.get("/monitor").await;
    assert!(monitor.contains(
        "Opgave afgerond, indicator niet verbeterd: ‘Leegstandsfonds’ (Leegstand (verkooppunten))"
    ));
    // Ended after the last measured period: no mark, but said in words under the chart.
    // (Logged in: the changes above went straight to the database, past the page cache.)
    let (_, html) = server.get_as("/gebieden/lindenplein", &cookie).await;
    assert!(html.contains("Buiten de gemeten periode: Opgave ‘Leegstandsfonds’ afgerond op"));
    // It ended early in the year of the latest figures: its end is marked too.
    let response = server
        .post_fn(
            "set_opgave_dates",
            Some(&cookie),
            &[
                ("slug", "lindenplein"),
                ("opgave_id", &opgave.to_string()),
                ("fields[started_on]", &format!("{start_year}-03-01")),
                ("fields[finished_on]", &format!("{}-01-15", &now.0[..4])),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let (_, html) = server.get("/gebieden/lindenplein").await;
    assert!(html.contains("Opgave ‘Leegstandsfonds’ afgerond op"));

    // A target the latest value reaches: "doel gehaald" instead.
    let target = format!("{}", before.1 + 2.0).replace('.', ",");
    let response = server
        .post_fn(
            "link_opgave_indicator",
            Some(&cookie),
            &[
                ("slug", "lindenplein"),
                ("opgave_id", &opgave.to_string()),
                ("fields[indicator]", "vacancy_outlets"),
                ("fields[intended]", "decrease"),
                ("fields[target_value]", &target),
                ("fields[target_date]", "2027-12-31"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let (_, monitor) = server.get("/monitor").await;
    assert!(monitor.contains("Doel gehaald: ‘Leegstandsfonds’"));
    assert!(!monitor.contains("Opgave afgerond, indicator niet verbeterd: ‘Leegstandsfonds’"));

    // Bad input is a 4xx with the reason, and nothing is stored.
    let response = server
        .post_fn(
            "link_opgave_indicator",
            Some(&cookie),
            &[
                ("slug", "lindenplein"),
                ("opgave_id", &opgave.to_string()),
                ("fields[indicator]", "nonsense"),
                ("fields[intended]", "decrease"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let links: i64 =
        sqlx::query_scalar("SELECT count(*) FROM opgave_indicators WHERE opgave_id = ?")
            .bind(opgave)
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(links, 1);
    // An opgave of another area through this area's address: not found.
    let other: i64 = sqlx::query_scalar(
        "SELECT o.id FROM opgaves o JOIN areas a ON a.id = o.area_id WHERE a.slug = 'havenstraat' LIMIT 1",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let response = server
        .post_fn(
            "set_opgave_dates",
            Some(&cookie),
            &[
                ("slug", "lindenplein"),
                ("opgave_id", &other.to_string()),
                ("fields[started_on]", "2020-01-01"),
            ],
        )
        .await;
    assert_eq!(response.status(), 404);

    // Unlinking removes the line from the profile.
    let response = server
        .post_fn(
            "unlink_opgave_indicator",
            Some(&cookie),
            &[
                ("slug", "lindenplein"),
                ("opgave_id", &opgave.to_string()),
                ("indicator", "vacancy_outlets"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let (_, html) = server.get("/gebieden/lindenplein").await;
    assert!(!html.contains("Start opgave ‘Leegstandsfonds’"));
}

#[tokio::test]
async fn the_edit_page_for_an_opgave_works_without_javascript() {
    let server = TestServer::start().await;
    let opgave: i64 = sqlx::query_scalar(
        "SELECT o.id FROM opgaves o JOIN areas a ON a.id = o.area_id WHERE a.slug = 'lindenplein' ORDER BY o.id LIMIT 1",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    let page = format!("/gebieden/lindenplein/opgaves/{opgave}");
    let (status, html) = server.get_as(&page, &cookie).await;
    assert_eq!(status, 200);
    assert!(html.contains("Koppel een indicator") && html.contains("Looptijd"));
    // A refused date comes back with its message and what was typed.
    let response = server
        .post_form(
            "set_opgave_dates",
            Some(&cookie),
            &page,
            &[
                ("slug", "lindenplein"),
                ("opgave_id", &opgave.to_string()),
                ("fields[started_on]", "1 maart"),
            ],
        )
        .await;
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.contains("concept="), "{location}");
    let (_, html) = server.get_as(&location, &cookie).await;
    assert!(html.contains("Vul een geldige datum in") && html.contains("value=\"1 maart\""));
    // Anonymous visitors are sent to log in; nothing is stored.
    let before = server.snapshot().await;
    let response = server
        .post_form(
            "set_opgave_dates",
            None,
            &page,
            &[
                ("slug", "lindenplein"),
                ("opgave_id", &opgave.to_string()),
                ("fields[started_on]", "2020-01-01"),
            ],
        )
        .await;
    assert_eq!(response.status(), 302);
    assert!(response.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/inloggen"));
    assert_eq!(server.snapshot().await, before);
}

#[tokio::test]
async fn monitor_and_compare_switch_between_city_and_peer_median() {
    let server = TestServer::start().await;
    let (_, city) = server.get("/monitor").await;
    assert!(city.contains("<span class=\"reference-note\">stad "));
    assert!(!city.contains("reference-note\">mediaan"));
    let (status, peers) = server.get("/monitor?vergelijk=type").await;
    assert_eq!(status, 200);
    assert!(peers.contains("<span class=\"reference-note\">mediaan wijkcentra "));
    assert!(
        peers.contains("Mediaan winkelstraten"),
        "the trend shows a median line per type"
    );
    assert!(
        peers.contains("value=\"type\" checked")
            || peers.contains("checked value=\"type\"")
            || peers.contains("value=\"type\" checked=\"\"")
    );

    let (_, compare) = server
        .get("/gebieden/vergelijk?g=lindenplein&g=havenstraat&vergelijk=type")
        .await;
    assert!(compare.contains("mediaan wijkcentra: "));
    assert!(compare.contains("e van "), "the rank beside the median");
    let (_, compare) = server
        .get("/gebieden/vergelijk?g=lindenplein&g=havenstraat")
        .await;
    assert!(compare.contains("reference-note\">stad "));
    assert!(compare.contains("Gemiddelde van de stad"));
}
