//! Updating keeps data: `fixtures/2026-12-02.sql` is a database made by the migrations of
//! 2026-12-02 (up to `20261202000011`) with rows in every table (the demo data plus a row
//! for each table the demo leaves empty). Opened by the current server, every later
//! migration runs, and every row is still there with its meaning. A schema change that
//! loses or garbles data fails here; keep this green (and add a newer fixture now and then).

use app::demo::DEMO_PASSWORD;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqlitePool};

const FIXTURE: &str = include_str!("fixtures/2026-12-02.sql");

/// Row counts per table, full-text index tables aside (they are rebuilt, not data).
async fn counts(connection: &mut sqlx::SqliteConnection) -> Vec<(String, i64)> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'library_fts%' ORDER BY name",
    )
    .fetch_all(&mut *connection)
    .await
    .unwrap();
    let mut out = Vec::new();
    for table in tables {
        let n: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM \"{table}\""))
            .fetch_one(&mut *connection)
            .await
            .unwrap();
        out.push((table, n));
    }
    out
}

async fn text(pool: &SqlitePool, sql: &str) -> String {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[tokio::test]
async fn a_database_from_2026_12_02_opens_with_every_row_and_its_meaning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kernpunt.db");
    let mut connection = SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true)
        .connect()
        .await
        .unwrap();
    sqlx::raw_sql(FIXTURE)
        .execute(&mut connection)
        .await
        .unwrap();
    let before = counts(&mut connection).await;
    connection.close().await.unwrap();
    let empty: Vec<&String> = before
        .iter()
        .filter(|(_, n)| *n == 0)
        .map(|(t, _)| t)
        .collect();
    assert!(empty.is_empty(), "the fixture has empty tables: {empty:?}");

    // What a server start does: open, run every migration newer than the fixture.
    let pool = server::open_database(&path).await.unwrap();
    let mut connection = pool.acquire().await.unwrap();
    let after = counts(&mut connection).await;
    drop(connection);
    for (table, n) in &before {
        let now = after.iter().find(|(t, _)| t == table).map(|(_, n)| *n);
        if table == "_sqlx_migrations" {
            // One row per migration: later migrations add theirs.
            assert!(now >= Some(*n), "rows of {table}");
        } else {
            assert_eq!(now, Some(*n), "rows of {table}");
        }
    }

    // The meaning of the rows, through the app's own functions where there are some.
    let login = app::accounts::db::find_login(&pool, "coordinator@voorbeeld.nl")
        .await
        .unwrap()
        .unwrap();
    assert!(login.active);
    assert!(app::accounts::password::verify(
        DEMO_PASSWORD,
        &login.password_hash.unwrap()
    ));
    assert_eq!(
        text(&pool, "SELECT a.slug FROM area_slug_redirects r JOIN areas a ON a.id = r.area_id WHERE r.old_slug = 'oude-binnenstad'").await,
        "binnenstad"
    );
    assert_eq!(
        text(&pool, "SELECT s.slug || ' ' || r.status || ' ' || r.email FROM registrations r JOIN learning_sessions s ON s.id = r.session_id WHERE r.id = 1").await,
        "leegstand-samen-aanpakken confirmed sanne@voorbeeld.nl"
    );
    let due = app::mail::claim_due(&pool, "upgrade-test", 1_796_229_780, 10)
        .await
        .unwrap();
    assert_eq!(due.len(), 1, "the queued mail is still due");
    assert_eq!(due[0].recipient, "sanne@voorbeeld.nl");
    let found = app::library::db::search(
        &pool,
        &app::library::LibraryQuery {
            q: "leegstand".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(found.total > 0, "the full-text index answers");
    assert_eq!(
        text(&pool, "SELECT summary FROM activation_moments WHERE id = 1").await,
        "Ondernemersavond over de gevels"
    );
}
