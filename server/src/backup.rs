//! Backups: a consistent copy of the database and the attachments, made while the server
//! runs and writes, verified, in one dated folder; the daily schedule and its retention; and
//! putting a backup back, which is refused while a server runs on that database.
//!
//! - `server backup DIR`: `VACUUM INTO` writes a consistent snapshot of the database (it
//!   reads in one transaction, so writes going on meanwhile are either in it or not); the
//!   attachments (`bijlagen/`, files named by their content hash, never changed) are copied
//!   beside it; `PRAGMA integrity_check` must say `ok` on the copy. It is written as
//!   `NAME.partial` and renamed when complete, so a folder without that suffix is whole.
//! - The running server makes one a day when `KERNPUNT_BACKUP_DIR` is set, keeping the 7
//!   newest and, older than those, the newest of each of 4 weeks.
//! - `server restore DIR`: every running server holds a shared lock on `DATABASE.lock`; the
//!   restore takes it exclusively, so it is refused while any server runs on the database.

use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use sqlx::ConnectOptions;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};

const PREFIX: &str = "kernpunt-";
const PARTIAL: &str = ".partial";
/// How many daily backups are kept, and how many weekly ones before those.
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;

/// When the last backup of this process was made (unix seconds; 0: none yet), for metrics.
static LAST_BACKUP: AtomicI64 = AtomicI64::new(0);

pub fn last_backup() -> i64 {
    LAST_BACKUP.load(Ordering::Relaxed)
}

/// `2026-12-02T164300Z` for a unix time (UTC), sortable as text.
fn stamp(unix: i64) -> String {
    let (days, seconds) = (unix.div_euclid(86_400), unix.rem_euclid(86_400));
    let (year, month, day) = app::ui::format::civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}{:02}{:02}Z",
        seconds / 3600,
        seconds % 3600 / 60,
        seconds % 60
    )
}

fn copy_folder(from: &Path, to: &Path) -> std::io::Result<u64> {
    std::fs::create_dir_all(to)?;
    let mut copied = 0;
    if !from.exists() {
        return Ok(0);
    }
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        // Half-written uploads (`*.tmp`) are not attachments yet.
        if entry.file_type()?.is_file() && !name.to_string_lossy().ends_with(".tmp") {
            std::fs::copy(entry.path(), to.join(&name))?;
            copied += 1;
        }
    }
    Ok(copied)
}

/// `PRAGMA integrity_check` on a database file, opened read-only.
async fn verify(database: &Path) -> Result<(), String> {
    let mut connection = SqliteConnectOptions::new()
        .filename(database)
        .read_only(true)
        .connect()
        .await
        .map_err(|e| format!("cannot open {}: {e}", database.display()))?;
    let result: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut connection)
        .await
        .map_err(|e| format!("cannot check {}: {e}", database.display()))?;
    if result != "ok" {
        return Err(format!("{} is damaged: {result}", database.display()));
    }
    sqlx::query_scalar::<_, i64>("SELECT count(*) FROM _sqlx_migrations")
        .fetch_one(&mut connection)
        .await
        .map_err(|e| format!("{} is not a Kernpunt database: {e}", database.display()))?;
    Ok(())
}

/// Makes a backup of the database `pool` serves into a new folder in `root` and returns it.
pub async fn make(pool: &SqlitePool, root: &Path, now: i64) -> Result<PathBuf, String> {
    let database = app::db::database_file(pool)
        .await
        .map_err(|e| e.to_string())?;
    let name = format!("{PREFIX}{}", stamp(now));
    let partial = root.join(format!("{name}{PARTIAL}"));
    let done = root.join(&name);
    if done.exists() {
        return Err(format!("{} exists already", done.display()));
    }
    let _ = std::fs::remove_dir_all(&partial);
    std::fs::create_dir_all(&partial)
        .map_err(|e| format!("cannot create {}: {e}", partial.display()))?;
    let copy = partial.join("kernpunt.db");
    sqlx::query("VACUUM INTO ?")
        .bind(copy.to_string_lossy().to_string())
        .execute(pool)
        .await
        .map_err(|e| format!("cannot copy the database: {e}"))?;
    copy_folder(
        &app::library::db::attachments_dir_beside(&database),
        &partial.join("bijlagen"),
    )
    .map_err(|e| format!("cannot copy the attachments: {e}"))?;
    verify(&copy).await?;
    std::fs::rename(&partial, &done)
        .map_err(|e| format!("cannot finish {}: {e}", done.display()))?;
    LAST_BACKUP.store(now, Ordering::Relaxed);
    Ok(done)
}

/// The finished backups in `root`, newest first.
fn finished(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .map(|dir| {
            dir.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().to_string())
                .filter(|n| n.starts_with(PREFIX) && !n.ends_with(PARTIAL))
                .collect()
        })
        .unwrap_or_default();
    names.sort_unstable_by(|a, b| b.cmp(a));
    names
}

/// Which of `names` (newest first, `kernpunt-YYYY-MM-DD…`) to keep: the newest
/// [`KEEP_DAILY`], then the newest of each older week, [`KEEP_WEEKLY`] weeks.
fn to_keep(names: &[String]) -> Vec<&String> {
    let day_number = |name: &str| -> Option<i64> {
        let date = name.strip_prefix(PREFIX)?.get(..10)?;
        let mut parts = date.split('-').map(|p| p.parse::<i64>().ok());
        let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
        // Days since 1970 (the inverse of `stamp`), enough to tell weeks apart.
        let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let doy = (153 * m + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(era * 146_097 + doe - 719_468)
    };
    let mut keep: Vec<&String> = names.iter().take(KEEP_DAILY).collect();
    let mut weeks = Vec::new();
    for name in names.iter().skip(KEEP_DAILY) {
        let Some(week) = day_number(name).map(|d| d.div_euclid(7)) else {
            continue;
        };
        if weeks.len() < KEEP_WEEKLY && !weeks.contains(&week) {
            weeks.push(week);
            keep.push(name);
        }
    }
    keep
}

/// Removes the backups in `root` that the retention does not keep; returns how many.
pub fn prune(root: &Path) -> usize {
    let names = finished(root);
    let keep: Vec<String> = to_keep(&names).into_iter().cloned().collect();
    let mut removed = 0;
    for name in names.iter().filter(|n| !keep.contains(n)) {
        match std::fs::remove_dir_all(root.join(name)) {
            Ok(()) => removed += 1,
            Err(error) => log::warn!("could not remove old backup {name}: {error}"),
        }
    }
    removed
}

/// Runs for the life of the server: a backup when the newest in `root` is a day old (checked
/// every hour), then the retention.
pub fn spawn_daily(pool: SqlitePool, root: PathBuf) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let now = app::accounts::session::now();
            // Names sort by time: due when the newest is not newer than a day ago.
            let day_ago = format!("{PREFIX}{}", stamp(now - 86_400));
            let due = finished(&root)
                .first()
                .is_none_or(|newest| *newest <= day_ago);
            if due {
                match make(&pool, &root, now).await {
                    Ok(folder) => {
                        log::info!("backup written to {}", folder.display());
                        let removed = prune(&root);
                        if removed > 0 {
                            log::info!("removed {removed} old backups");
                        }
                    }
                    Err(error) => log::error!("backup failed: {error}"),
                }
            }
            tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
        }
    })
}

/// `path` with `suffix` added to its file name (`kernpunt.db` → `kernpunt.db-wal`).
pub fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The lock file of a database: shared by every running server, exclusive for a restore.
pub fn lock_path(database: &Path) -> PathBuf {
    suffixed(database, ".lock")
}

fn open_lock(database: &Path) -> std::io::Result<File> {
    File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(database))
}

/// Taken by a running server for its lifetime (keep the returned file open).
pub fn hold_shared(database: &Path) -> std::io::Result<File> {
    let file = open_lock(database)?;
    file.lock_shared()?;
    Ok(file)
}

/// Puts the backup in `folder` in place of `database` and its attachments. Refused while a
/// server runs on the database. The replaced files are kept beside it, named
/// `….before-restore-{time}`.
pub async fn restore(folder: &Path, database: &Path, now: i64) -> Result<(), String> {
    let copy = folder.join("kernpunt.db");
    if !copy.exists() {
        return Err(format!(
            "{} holds no kernpunt.db: not a backup",
            folder.display()
        ));
    }
    verify(&copy).await?;
    if let Some(parent) = database.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    let lock = open_lock(database)
        .map_err(|e| format!("cannot open {}: {e}", lock_path(database).display()))?;
    if lock.try_lock().is_err() {
        return Err(format!(
            "a server is running on {} (it holds {}): stop it first",
            database.display(),
            lock_path(database).display()
        ));
    }
    let suffix = format!(".before-restore-{}", stamp(now));
    let aside = |path: &Path| suffixed(path, &suffix);
    if database.exists() {
        std::fs::rename(database, aside(database)).map_err(|e| e.to_string())?;
    }
    for extra in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(suffixed(database, extra));
    }
    let incoming = suffixed(database, ".restoring");
    std::fs::copy(&copy, &incoming).map_err(|e| e.to_string())?;
    std::fs::rename(&incoming, database).map_err(|e| e.to_string())?;
    let attachments = app::library::db::attachments_dir_beside(database);
    if attachments.exists() {
        std::fs::rename(&attachments, aside(&attachments)).map_err(|e| e.to_string())?;
    }
    copy_folder(&folder.join("bijlagen"), &attachments).map_err(|e| e.to_string())?;
    drop(lock);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_utc_and_sort_by_time() {
        assert_eq!(stamp(0), "1970-01-01T000000Z");
        assert_eq!(stamp(1_796_229_780), "2026-12-02T164300Z");
        assert!(stamp(1_796_229_780) < stamp(1_796_229_781));
    }

    #[test]
    fn seven_daily_and_four_weekly_are_kept() {
        // One backup a day for 60 days, newest first.
        let names: Vec<String> = (0..60)
            .map(|d| format!("{PREFIX}{}", stamp(1_796_229_780 - d * 86_400)))
            .collect();
        let keep = to_keep(&names);
        assert_eq!(keep.len(), KEEP_DAILY + KEEP_WEEKLY);
        assert_eq!(
            keep[..KEEP_DAILY].to_vec(),
            names.iter().take(KEEP_DAILY).collect::<Vec<_>>()
        );
        // The weekly ones lie about a week apart, older than the dailies.
        assert!(keep[KEEP_DAILY] < keep[KEEP_DAILY - 1]);
        assert!(keep.iter().all(|k| *k >= &names[7 + 4 * 7]));
    }
}
