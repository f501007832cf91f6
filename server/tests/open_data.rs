//! Open data over real HTTP: the long CSV matches its CSV on the Web description column by
//! column, the GeoJSON and the DCAT catalogue parse, only published figures are in them, and
//! nothing about people.

mod common;

use common::{Actor, TestServer};
use serde_json::Value;

/// Reads RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

async fn get_json(server: &TestServer, path: &str) -> (String, Value) {
    let response = server
        .client
        .get(format!("{}{path}", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{path}");
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    let text = response.text().await.unwrap();
    (
        content_type,
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}")),
    )
}

async fn published_values(server: &TestServer) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM indicator_values v JOIN areas a ON a.id = v.area_id
         JOIN indicator_definitions d ON d.key = v.indicator_key
         WHERE a.archived_at IS NULL AND d.retired_at IS NULL AND d.on_profile = 1",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn the_csv_matches_its_csvw_description_column_by_column() {
    let server = TestServer::start().await;
    let response = server
        .client
        .get(format!("{}/open-data/indicatoren.csv", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let rows = parse_csv(&response.text().await.unwrap());
    let (content_type, metadata) =
        get_json(&server, "/open-data/indicatoren.csv-metadata.json").await;
    assert_eq!(content_type, "application/csvm+json");
    assert!(metadata["url"]
        .as_str()
        .unwrap()
        .ends_with("/open-data/indicatoren.csv"));
    assert_eq!(metadata["dialect"]["delimiter"], ",");
    let columns = metadata["tableSchema"]["columns"].as_array().unwrap();

    // The header names the described columns, in order.
    let (header, data) = rows.split_first().unwrap();
    let names: Vec<&str> = columns
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(header, &names);
    assert_eq!(names.len(), 10);

    // Every value parses as its column declares.
    for (line, row) in data.iter().enumerate() {
        assert_eq!(row.len(), columns.len(), "row {line}: {row:?}");
        for (value, column) in row.iter().zip(columns) {
            let name = column["name"].as_str().unwrap();
            if column["required"] == true {
                assert!(!value.is_empty(), "row {line}: {name} is required");
            }
            match &column["datatype"] {
                Value::String(kind) if kind == "number" => {
                    let number: f64 = value
                        .parse()
                        .unwrap_or_else(|_| panic!("row {line}: {name} {value:?} is not a number"));
                    assert!(number.is_finite());
                    assert!(!value.contains(','), "dot decimals");
                }
                Value::String(kind) => assert_eq!(kind, "string", "{name}"),
                Value::Object(datatype) => {
                    assert_eq!(datatype["base"], "string");
                    let pattern = regex::Regex::new(datatype["format"].as_str().unwrap()).unwrap();
                    assert!(pattern.is_match(value), "row {line}: {name} {value:?}");
                }
                other => panic!("{name}: unexpected datatype {other}"),
            }
        }
    }
    // The primary key holds: one row per area, indicator and period.
    let key: Vec<usize> = metadata["tableSchema"]["primaryKey"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            names
                .iter()
                .position(|n| *n == k.as_str().unwrap())
                .unwrap()
        })
        .collect();
    let unique: std::collections::HashSet<Vec<&String>> = data
        .iter()
        .map(|row| key.iter().map(|i| &row[*i]).collect())
        .collect();
    assert_eq!(unique.len(), data.len());
    // One row per published value: none missing, none extra.
    assert_eq!(data.len() as i64, published_values(&server).await);
    assert!(data
        .iter()
        .any(|row| row[0] == "lindenplein" && row[2] == "Wijkcentrum"));
}

#[tokio::test]
async fn only_published_figures_and_nothing_about_people() {
    let server = TestServer::start().await;
    // An archived area and an indicator that the profile does not show leave the files.
    sqlx::query("UPDATE areas SET archived_at = '2026-12-01' WHERE slug = 'havenstraat'")
        .execute(&server.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE indicator_definitions SET on_profile = 0 WHERE key = 'chain_share'")
        .execute(&server.pool)
        .await
        .unwrap();
    let (_, csv) = server.get("/open-data/indicatoren.csv").await;
    let rows = parse_csv(&csv);
    assert_eq!(rows.len() as i64 - 1, published_values(&server).await);
    assert!(!rows.iter().any(|row| row[0] == "havenstraat"));
    assert!(!rows.iter().any(|row| row[4] == "chain_share"));
    let (_, geojson) = server.get("/open-data/gebieden.geojson").await;
    let (_, catalogue) = server.get("/open-data/catalogus.jsonld").await;
    assert!(!geojson.contains("\"havenstraat\""));

    // Contact people, account holders and attendees are in none of them.
    let people: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT name, email FROM contacts UNION ALL SELECT name, email FROM users")
            .fetch_all(&server.pool)
            .await
            .unwrap();
    assert!(!people.is_empty());
    for (name, email) in people {
        for file in [&csv, &geojson, &catalogue] {
            assert!(!file.contains(&name), "{name} is published");
            if let Some(email) = &email {
                assert!(!file.contains(email.as_str()), "{email} is published");
            }
        }
    }
}

#[tokio::test]
async fn geojson_and_catalogue_parse_and_follow_the_settings() {
    let server = TestServer::start().await;
    let (content_type, geojson) = get_json(&server, "/open-data/gebieden.geojson").await;
    assert_eq!(content_type, "application/geo+json");
    assert_eq!(geojson["type"], "FeatureCollection");
    let features = geojson["features"].as_array().unwrap();
    let located: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM areas WHERE archived_at IS NULL AND latitude IS NOT NULL AND longitude IS NOT NULL",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(features.len() as i64, located);
    let linden = features
        .iter()
        .find(|f| f["properties"]["code"] == "lindenplein")
        .unwrap();
    assert_eq!(linden["geometry"]["type"], "Point");
    let coordinates = linden["geometry"]["coordinates"].as_array().unwrap();
    // GeoJSON is longitude first.
    assert!((coordinates[0].as_f64().unwrap() - 5.1102).abs() < 1e-9);
    assert!((coordinates[1].as_f64().unwrap() - 52.1152).abs() < 1e-9);
    assert_eq!(linden["properties"]["type"], "Wijkcentrum");
    assert!(linden["properties"]["vacancy_outlets"].is_number());
    assert!(linden["properties"]["vacancy_outlets_periode"].is_string());

    let (content_type, catalogue) = get_json(&server, "/open-data/catalogus.jsonld").await;
    assert_eq!(content_type, "application/ld+json");
    assert_eq!(catalogue["@type"], "dcat:Dataset");
    assert_eq!(
        catalogue["dct:license"]["@id"],
        "https://creativecommons.org/licenses/by/4.0/deed.nl"
    );
    let distributions = catalogue["dcat:distribution"].as_array().unwrap();
    assert_eq!(distributions.len(), 3);
    for distribution in distributions {
        assert!(distribution["dcat:downloadURL"]["@id"]
            .as_str()
            .unwrap()
            .contains("/open-data/"));
        assert!(distribution["dcat:mediaType"]["@id"]
            .as_str()
            .unwrap()
            .starts_with("https://www.iana.org/assignments/media-types/"));
    }
    assert!(catalogue["dct:modified"]["@value"]
        .as_str()
        .unwrap()
        .starts_with("20"));

    // A coordinator sets another licence and a contact: page and catalogue follow.
    let cookie = server.cookie_for(Actor::Coordinator).await.unwrap();
    let response = server
        .post_form(
            "save_open_data_settings",
            Some(&cookie),
            "/beheer/open-data",
            &[
                ("fields[publisher]", "Gemeente Voorbeeld"),
                ("fields[contact_email]", "data@voorbeeld.nl"),
                ("fields[licence_name]", "CC0 1.0"),
                (
                    "fields[licence_url]",
                    "https://creativecommons.org/publicdomain/zero/1.0/",
                ),
                ("fields[update_frequency]", "monthly"),
            ],
        )
        .await;
    assert_eq!(response.status(), 302);
    let (_, catalogue) = get_json(&server, "/open-data/catalogus.jsonld").await;
    assert_eq!(
        catalogue["dct:license"]["@id"],
        "https://creativecommons.org/publicdomain/zero/1.0/"
    );
    assert_eq!(
        catalogue["dcat:contactPoint"]["vcard:hasEmail"]["@id"],
        "mailto:data@voorbeeld.nl"
    );
    assert!(catalogue["dct:accrualPeriodicity"]["@id"]
        .as_str()
        .unwrap()
        .ends_with("/MONTHLY"));
    let (status, page) = server.get("/open-data").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("CC0 1.0")
            && page.contains("Maandelijks")
            && page.contains("Gemeente Voorbeeld")
    );

    // A bad licence address is refused with a 4xx and stored nowhere.
    let response = server
        .post_fn(
            "save_open_data_settings",
            Some(&cookie),
            &[
                ("fields[publisher]", "Gemeente Voorbeeld"),
                ("fields[licence_name]", "Eigen"),
                ("fields[licence_url]", "javascript:alert(1)"),
                ("fields[update_frequency]", "monthly"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let (_, catalogue) = get_json(&server, "/open-data/catalogus.jsonld").await;
    assert_eq!(
        catalogue["dct:license"]["@id"],
        "https://creativecommons.org/publicdomain/zero/1.0/"
    );
}

#[tokio::test]
async fn an_empty_city_publishes_empty_but_valid_files() {
    let server = TestServer::start_empty().await;
    let (_, csv) = server.get("/open-data/indicatoren.csv").await;
    assert_eq!(parse_csv(&csv).len(), 1, "only the header");
    let (_, geojson) = get_json(&server, "/open-data/gebieden.geojson").await;
    assert_eq!(geojson["features"].as_array().unwrap().len(), 0);
    get_json(&server, "/open-data/catalogus.jsonld").await;
    let (status, page) = server.get("/open-data").await;
    assert_eq!(status, 200);
    assert!(page.contains("Nu gepubliceerd: 0 waarden"));
}
