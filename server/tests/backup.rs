//! Backups over a real database while it is written to, and restoring one, which is refused
//! while a server runs on the database.

mod common;

use common::TestServer;
use server::backup;

async fn count(pool: &sqlx::SqlitePool, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
        .fetch_one(pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_backup_while_writing_is_whole_verified_and_restores() {
    let server = TestServer::start().await;
    let database = server.dir.path().join("kernpunt.db");
    // An attachment on disk, beside the database.
    let attachments = server.dir.path().join("bijlagen");
    std::fs::create_dir_all(&attachments).unwrap();
    std::fs::write(attachments.join("abc123.pdf"), b"%PDF-1.4 test").unwrap();
    std::fs::write(attachments.join("half.pdf.tmp"), b"half").unwrap();

    // Writes keep coming while the backup runs.
    let writer = {
        let pool = server.pool.clone();
        tokio::spawn(async move {
            for n in 0..200 {
                sqlx::query("INSERT INTO districts (name) VALUES (?)")
                    .bind(format!("Wijk {n}"))
                    .execute(&pool)
                    .await
                    .unwrap();
            }
        })
    };
    let root = server.dir.path().join("backups");
    let now = app::accounts::session::now();
    let folder = backup::make(&server.pool, &root, now).await.unwrap();
    writer.await.unwrap();
    assert!(folder
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("kernpunt-"));
    assert!(folder.join("kernpunt.db").exists());
    assert_eq!(
        std::fs::read(folder.join("bijlagen/abc123.pdf")).unwrap(),
        b"%PDF-1.4 test"
    );
    assert!(
        !folder.join("bijlagen/half.pdf.tmp").exists(),
        "a half upload was copied"
    );
    // The copy is a consistent snapshot: some districts or all, never a broken file.
    let copy = server::open_database(&folder.join("kernpunt.db"))
        .await
        .unwrap();
    let (areas, districts) = (count(&copy, "areas").await, count(&copy, "districts").await);
    assert_eq!(areas, count(&server.pool, "areas").await);
    copy.close().await;

    // Restoring is refused while a server holds the database.
    let held = backup::hold_shared(&database).unwrap();
    let refused = backup::restore(&folder, &database, now + 1)
        .await
        .unwrap_err();
    assert!(refused.contains("a server is running"), "{refused}");
    drop(held);
    server.pool.close().await;

    backup::restore(&folder, &database, now + 1).await.unwrap();
    let restored = server::open_database(&database).await.unwrap();
    assert_eq!(count(&restored, "districts").await, districts);
    assert_eq!(
        std::fs::read(attachments.join("abc123.pdf")).unwrap(),
        b"%PDF-1.4 test"
    );
    // What was replaced is kept beside it.
    let kept = std::fs::read_dir(server.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".before-restore-"))
        .count();
    assert_eq!(kept, 2, "database and attachments folder set aside");
}

/// A backup taken while 16 clients sign up over HTTP holds every sign-up that was
/// acknowledged before the backup began, and restores to a whole database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_during_sign_ups_keeps_every_acknowledged_one() {
    let server = std::sync::Arc::new(TestServer::start().await);
    server
        .add_session("drukte", 10_000, "2099-03-01T19:30")
        .await;
    let acknowledged = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut clients = tokio::task::JoinSet::new();
    for client in 0..16 {
        let (server, acknowledged, stop) = (server.clone(), acknowledged.clone(), stop.clone());
        clients.spawn(async move {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let email = format!("c{client}-{n}@voorbeeld.nl");
                let (status, body) = server.sign_up("drukte", "Naam", &email).await;
                assert_eq!(status, 200, "{body}");
                acknowledged.lock().unwrap().push(email);
                n += 1;
            }
        });
    }
    // Let the sign-ups get going, then note what was acknowledged and back up.
    while acknowledged.lock().unwrap().len() < 50 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let before: Vec<String> = acknowledged.lock().unwrap().clone();
    let root = server.dir.path().join("backups");
    let now = app::accounts::session::now();
    let folder = backup::make(&server.pool, &root, now).await.unwrap();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    while let Some(done) = clients.join_next().await {
        done.unwrap();
    }

    let database = server.dir.path().join("kernpunt.db");
    server.pool.close().await;
    backup::restore(&folder, &database, now + 1).await.unwrap();
    let restored = server::open_database(&database).await.unwrap();
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&restored)
        .await
        .unwrap();
    assert_eq!(check, "ok");
    let emails: std::collections::BTreeSet<String> =
        sqlx::query_scalar("SELECT email FROM registrations")
            .fetch_all(&restored)
            .await
            .unwrap()
            .into_iter()
            .collect();
    let missing: Vec<&String> = before.iter().filter(|e| !emails.contains(*e)).collect();
    assert!(
        missing.is_empty(),
        "acknowledged but not in the backup: {missing:?}"
    );
}

#[tokio::test]
async fn a_folder_that_is_not_a_backup_is_refused_and_nothing_is_touched() {
    let server = TestServer::start().await;
    let database = server.dir.path().join("kernpunt.db");
    let empty = server.dir.path().join("leeg");
    std::fs::create_dir_all(&empty).unwrap();
    let error = backup::restore(&empty, &database, 1).await.unwrap_err();
    assert!(error.contains("not a backup"), "{error}");
    std::fs::write(empty.join("kernpunt.db"), b"geen database").unwrap();
    assert!(backup::restore(&empty, &database, 1).await.is_err());
    assert!(count(&server.pool, "areas").await > 0);
}

#[tokio::test]
async fn old_backups_are_pruned_to_seven_daily_and_four_weekly() {
    let root = tempfile::tempdir().unwrap();
    let server = TestServer::start().await;
    let start = 1_796_229_780_i64;
    for day in 0..30 {
        backup::make(&server.pool, root.path(), start - day * 86_400)
            .await
            .unwrap();
    }
    assert_eq!(backup::prune(root.path()), 30 - 11);
    let left = std::fs::read_dir(root.path()).unwrap().count();
    assert_eq!(left, backup::KEEP_DAILY + backup::KEEP_WEEKLY);
}
