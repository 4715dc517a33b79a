//! What staff did to households, and who did it (see migration 0017): written in the same
//! transaction as the action itself, so the history can be neither missing an action nor
//! claim one that did not happen.

use portal_core::carers::{StaffAction, StaffActionEntry};
use sqlx::Any;

use crate::api::ApiError;
use crate::db::Database;

/// How long the history is kept: ten years, the shortest time a carer's records are kept.
pub const KEEP_SECONDS: i64 = 3_653 * 24 * 60 * 60;

pub async fn record<'e, E>(
    executor: E,
    staff_id: &str,
    household_id: &str,
    action: StaffAction,
    now: i64,
) -> Result<(), ApiError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    sqlx::query(
        "INSERT INTO staff_actions (at, staff_id, household_id, action) VALUES ($1, $2, $3, $4)",
    )
    .bind(now)
    .bind(staff_id)
    .bind(household_id)
    .bind(action.as_str())
    .execute(executor)
    .await
    .map_err(ApiError::internal)?;
    Ok(())
}

#[derive(Debug, sqlx::FromRow)]
struct ActionRow {
    at: i64,
    staff_name: String,
    action: String,
}

/// A household's history, newest first.
pub async fn for_household(
    db: &Database,
    household_id: &str,
) -> Result<Vec<StaffActionEntry>, ApiError> {
    let rows: Vec<ActionRow> = sqlx::query_as(
        "SELECT a.at, u.display_name AS staff_name, a.action FROM staff_actions a \
         JOIN users u ON u.id = a.staff_id WHERE a.household_id = $1 ORDER BY a.at DESC, a.action",
    )
    .bind(household_id)
    .fetch_all(db.pool())
    .await
    .map_err(ApiError::internal)?;
    rows.into_iter()
        .map(|row| {
            let action = StaffAction::parse(&row.action).ok_or_else(|| {
                ApiError::internal(format!("unknown staff action {}", row.action))
            })?;
            Ok(StaffActionEntry {
                at: row.at,
                by: row.staff_name,
                action,
            })
        })
        .collect()
}

/// Erases the history older than [`KEEP_SECONDS`]; returns how many actions went.
pub async fn erase_expired(db: &Database, now: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM staff_actions WHERE at < $1")
        .bind(now - KEEP_SECONDS)
        .execute(db.pool())
        .await?
        .rows_affected())
}
