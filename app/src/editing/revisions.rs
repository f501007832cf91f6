//! Versions of long texts, with a line diff between them (server only).

use super::DiffLine;
use crate::accounts::CurrentUser;
use serde::{Deserialize, Serialize};
use sqlx::{Sqlite, SqlitePool, Transaction};

/// Stores `body` as the next version of one text field, unless it equals the latest one.
pub async fn save(
    tx: &mut Transaction<'_, Sqlite>,
    entity: &str,
    entity_id: i64,
    field: &str,
    body: &str,
    user: &CurrentUser,
) -> Result<(), sqlx::Error> {
    let latest: Option<(i64, String)> = sqlx::query_as(
        "SELECT version, body FROM revisions WHERE entity = ? AND entity_id = ? AND field = ?
         ORDER BY version DESC LIMIT 1",
    )
    .bind(entity)
    .bind(entity_id)
    .bind(field)
    .fetch_optional(&mut **tx)
    .await?;
    if latest
        .as_ref()
        .is_some_and(|(_, previous)| previous == body)
    {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO revisions (entity, entity_id, field, version, body, user_id, user_name)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(entity)
    .bind(entity_id)
    .bind(field)
    .bind(latest.map(|(v, _)| v + 1).unwrap_or(1))
    .bind(body)
    .bind(user.id)
    .bind(&user.name)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Like [`save`], but first records the text as it was before Kernpunt kept versions of it
/// (e.g. imported or seeded), so the history starts with the original.
pub async fn save_with_baseline(
    tx: &mut Transaction<'_, Sqlite>,
    entity: &str,
    entity_id: i64,
    field: &str,
    previous_body: &str,
    body: &str,
    user: &CurrentUser,
) -> Result<(), sqlx::Error> {
    let existing: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM revisions WHERE entity = ? AND entity_id = ? AND field = ?",
    )
    .bind(entity)
    .bind(entity_id)
    .bind(field)
    .fetch_one(&mut **tx)
    .await?;
    if existing == 0 && !previous_body.is_empty() && previous_body != body {
        sqlx::query(
            "INSERT INTO revisions (entity, entity_id, field, version, body, user_id, user_name)
             VALUES (?, ?, ?, 1, ?, NULL, 'Oorspronkelijke tekst')",
        )
        .bind(entity)
        .bind(entity_id)
        .bind(field)
        .bind(previous_body)
        .execute(&mut **tx)
        .await?;
    }
    save(tx, entity, entity_id, field, body, user).await
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Revision {
    pub id: i64,
    pub version: i64,
    pub body: String,
    pub user_name: String,
    pub at: String,
}

/// All versions of one field, newest first.
pub async fn list(
    pool: &SqlitePool,
    entity: &str,
    entity_id: i64,
    field: &str,
) -> Result<Vec<Revision>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, version, body, user_name, at FROM revisions
         WHERE entity = ? AND entity_id = ? AND field = ? ORDER BY version DESC",
    )
    .bind(entity)
    .bind(entity_id)
    .bind(field)
    .fetch_all(pool)
    .await
}

/// A line-by-line comparison of two versions.
pub fn diff(old: &str, new: &str) -> Vec<DiffLine> {
    use similar::{ChangeTag, TextDiff};
    TextDiff::from_lines(old, new)
        .iter_all_changes()
        .map(|change| {
            let line = change.value().trim_end_matches('\n').to_string();
            match change.tag() {
                ChangeTag::Equal => DiffLine::Same(line),
                ChangeTag::Insert => DiffLine::Added(line),
                ChangeTag::Delete => DiffLine::Removed(line),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_marks_added_and_removed_lines() {
        let lines = diff("een\ntwee\ndrie\n", "een\nTWEE\ndrie\nvier\n");
        assert_eq!(
            lines,
            vec![
                DiffLine::Same("een".into()),
                DiffLine::Removed("twee".into()),
                DiffLine::Added("TWEE".into()),
                DiffLine::Same("drie".into()),
                DiffLine::Added("vier".into()),
            ]
        );
    }
}
