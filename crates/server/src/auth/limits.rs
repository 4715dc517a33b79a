//! Limits on failed sign-ins, per account and per network address, so that passwords cannot be
//! guessed at speed. Kept in the database so that every server instance sees the same counts.

use crate::db::Database;

/// How far back failures count.
pub const WINDOW_SECONDS: i64 = 15 * 60;
/// Failures allowed for one account within the window.
pub const PER_ACCOUNT: i64 = 5;
/// Failures allowed from one address within the window (a household or office may share one).
pub const PER_ADDRESS: i64 = 30;

/// How many seconds until another attempt is allowed, or `None` if one is allowed now.
pub async fn wait_before_next_attempt(
    db: &Database,
    account: &str,
    address: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let since = now - WINDOW_SECONDS;
    let by_account = window(db, "account", account, since).await?;
    let by_address = window(db, "address", address, since).await?;
    let wait = [(by_account, PER_ACCOUNT), (by_address, PER_ADDRESS)]
        .into_iter()
        .filter(|((count, _), limit)| count >= limit)
        .map(|((_, oldest), _)| oldest.map_or(WINDOW_SECONDS, |t| t + WINDOW_SECONDS - now))
        .max();
    Ok(wait.map(|w| w.max(1)))
}

/// The number of failures since `since` for one account or address, and the oldest of them.
async fn window(
    db: &Database,
    column: &'static str,
    value: &str,
    since: i64,
) -> Result<(i64, Option<i64>), sqlx::Error> {
    // `column` is one of two fixed names, never input.
    let sql =
        format!("SELECT COUNT(*), MIN(at) FROM sign_in_failures WHERE {column} = $1 AND at > $2");
    sqlx::query_as::<_, (i64, Option<i64>)>(&sql)
        .bind(value)
        .bind(since)
        .fetch_one(db.pool())
        .await
}

pub async fn record_failure(
    db: &Database,
    account: &str,
    address: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    // Old failures are cleared as new ones arrive, so the table stays small.
    sqlx::query("DELETE FROM sign_in_failures WHERE at <= $1")
        .bind(now - WINDOW_SECONDS)
        .execute(db.pool())
        .await?;
    sqlx::query("INSERT INTO sign_in_failures (account, address, at) VALUES ($1, $2, $3)")
        .bind(account)
        .bind(address)
        .bind(now)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// A successful sign-in forgives the account's earlier slips (the address's stay counted).
pub async fn clear_account(db: &Database, account: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE account = $1")
        .bind(account)
        .execute(db.pool())
        .await?;
    Ok(())
}
