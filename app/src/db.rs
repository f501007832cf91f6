//! Opening the SQLite database (server only).

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// The schema, embedded at compile time from the workspace's `migrations/` folder.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// Opens (and creates if missing) the database file with the settings Kernpunt relies on:
/// WAL so readers never wait for a writer, a busy timeout instead of instant "database is
/// locked" errors, and foreign keys enforced.
pub async fn open(path: &Path) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true)
        // Reads through a memory map and a larger page cache instead of a read() system
        // call per page: the profile and monitor pages touch thousands of pages.
        .pragma("mmap_size", "268435456")
        .pragma("cache_size", "-16000");
    SqlitePoolOptions::new()
        .max_connections(8)
        // sqlx pings a connection before handing it out (and again when it comes back):
        // each ping is a round trip to the connection's thread, a third of a query's cost
        // here. A local file does not hang up; a broken connection still fails its query.
        .test_before_acquire(false)
        .connect_with(options)
        .await
}

/// A fresh, migrated database file of its own for one test.
#[cfg(test)]
pub async fn test_pool() -> SqlitePool {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("kernpunt-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create test directory");
    let path = dir.join(format!(
        "test-{}.db",
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_file(&path);
    let pool = open(&path).await.expect("open test database");
    MIGRATOR.run(&pool).await.expect("migrate test database");
    pool
}

/// The file the pool's database lives in.
pub async fn database_file(pool: &SqlitePool) -> Result<std::path::PathBuf, sqlx::Error> {
    let file: String =
        sqlx::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
            .fetch_one(pool)
            .await?;
    Ok(file.into())
}

/// The pool the server provides to every request's reactive context.
pub fn pool_from_context() -> Option<SqlitePool> {
    leptos::prelude::use_context::<SqlitePool>()
}
