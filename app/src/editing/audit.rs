//! The audit log: who changed what, when, from what to what (server only).

use crate::accounts::CurrentUser;
use serde::Serialize;
use sqlx::{Sqlite, Transaction};

#[derive(Clone, Copy, Debug)]
pub enum AuditAction {
    Create,
    Update,
    Delete,
    Restore,
}

impl AuditAction {
    fn code(self) -> &'static str {
        match self {
            AuditAction::Create => "create",
            AuditAction::Update => "update",
            AuditAction::Delete => "delete",
            AuditAction::Restore => "restore",
        }
    }
}

/// Writes one audit row inside the transaction that makes the change.
pub async fn record<T: Serialize>(
    tx: &mut Transaction<'_, Sqlite>,
    user: &CurrentUser,
    action: AuditAction,
    entity: &str,
    entity_id: i64,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<(), sqlx::Error> {
    let json = |value: Option<&T>| value.map(|v| serde_json::to_string(v).unwrap_or_default());
    sqlx::query(
        "INSERT INTO audit_log (user_id, user_name, action, entity, entity_id, before_json, after_json)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(user.id)
    .bind(&user.name)
    .bind(action.code())
    .bind(entity)
    .bind(entity_id)
    .bind(json(before))
    .bind(json(after))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
