//! Limits on failed sign-ins, so that passwords cannot be guessed at speed, and strangers cannot
//! lock out someone who knows their own password. Kept in the database so that every server
//! instance sees the same counts.
//!
//! - **Per account**, from browsers the account has not signed in from: 5 failures in 15
//!   minutes, then a wait. This is what stops a guesser, however many addresses they use.
//! - **Per account, from a browser that has signed in to it before** (it holds a
//!   `portal_device` cookie): a budget of its own. Strangers' failures do not use it up, so
//!   a carer on their own phone or computer still signs in while someone guesses at their
//!   account.
//! - **Per address** (see `auth::client`): never a lock. Past 10 failures in 15 minutes, each
//!   further failure from that address is answered more slowly, up to 10 seconds, which slows a
//!   guesser down without shutting out a council office or a household that shares an address.
//!
//! Every attempt is written down before its password is checked, and counted with the others
//! at once, so that guesses sent in parallel cannot all pass a "fewer than 5" check.

use std::time::Duration;

use crate::auth::secrets;
use crate::db::Database;

/// How far back failures count.
pub const WINDOW_SECONDS: i64 = 15 * 60;
/// Failures allowed for one account within the window, from browsers it does not know.
pub const PER_ACCOUNT: i64 = 5;
/// Failures allowed for one account within the window, from one browser that it knows.
pub const PER_KNOWN_DEVICE: i64 = 5;
/// Failures from one address within the window before its answers slow down.
pub const FREE_PER_ADDRESS: i64 = 10;

/// How much slower each failure from a busy address is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Brake {
    per_failure: Duration,
    most: Duration,
}

impl Brake {
    /// A second more for each failure past the free ones, never more than 10 seconds.
    pub const STANDARD: Self = Self {
        per_failure: Duration::from_secs(1),
        most: Duration::from_secs(10),
    };
    /// No slowing down: for tests that make many failures on purpose.
    pub const NONE: Self = Self {
        per_failure: Duration::ZERO,
        most: Duration::ZERO,
    };

    /// How long to hold back the answer to a failure, after `failures` from its address.
    pub fn delay(self, failures: i64) -> Duration {
        let extra = u32::try_from((failures - FREE_PER_ADDRESS).max(0)).unwrap_or(u32::MAX);
        self.per_failure.saturating_mul(extra).min(self.most)
    }
}

/// Who is trying to sign in: the account (an email address), the client's address, and the
/// browser's known-device token hash if the account knows it.
#[derive(Debug, Clone, Copy)]
pub struct Trying<'a> {
    pub account: &'a str,
    pub address: &'a str,
    pub device: Option<&'a str>,
}

/// An attempt written down as a failure until its password proves right.
#[derive(Debug)]
#[must_use = "an attempt is a failure until it is forgiven"]
pub struct Attempt {
    id: String,
}

#[derive(Debug, thiserror::Error)]
pub enum LimitError {
    #[error("too many failed sign-ins; the next is allowed in {wait_seconds} seconds")]
    Wait { wait_seconds: i64 },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error("no random numbers for an attempt's id: {0}")]
    Random(#[from] getrandom::Error),
}

/// Writes the attempt down as a failure, then counts: if it is one too many, it is taken back
/// and the answer says how long to wait.
pub async fn begin(db: &Database, trying: Trying<'_>, now: i64) -> Result<Attempt, LimitError> {
    let id = secrets::new_id()?;
    // Old failures are cleared as new ones arrive, so the table stays small.
    sqlx::query("DELETE FROM sign_in_failures WHERE at <= $1")
        .bind(now - WINDOW_SECONDS)
        .execute(db.pool())
        .await?;
    sqlx::query(
        "INSERT INTO sign_in_failures (account, address, at, attempt, device) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(trying.account)
    .bind(trying.address)
    .bind(now)
    .bind(&id)
    .bind(trying.device)
    .execute(db.pool())
    .await?;
    let since = now - WINDOW_SECONDS;
    // Every other attempt counts, including those sent at the same moment: each is written down
    // before any is counted, so of a burst the last to count sees all the ones let through
    // before it, and no more than the limit ever are.
    // A known browser counts only its own failures; any other counts every failure.
    let (others, oldest): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), MIN(at) FROM sign_in_failures \
         WHERE account = $1 AND at > $2 AND attempt <> $3 AND ($4 IS NULL OR device = $4)",
    )
    .bind(trying.account)
    .bind(since)
    .bind(&id)
    .bind(trying.device)
    .fetch_one(db.pool())
    .await?;
    let limit = if trying.device.is_some() {
        PER_KNOWN_DEVICE
    } else {
        PER_ACCOUNT
    };
    let attempt = Attempt { id };
    if others >= limit {
        forget(db, attempt).await?;
        let wait_seconds = oldest.map_or(WINDOW_SECONDS, |t| t + WINDOW_SECONDS - now);
        return Err(LimitError::Wait {
            wait_seconds: wait_seconds.max(1),
        });
    }
    Ok(attempt)
}

/// Takes an attempt back: it was not a failure (the password was right, but a second step is
/// still to come), or it was never checked.
pub async fn forget(db: &Database, attempt: Attempt) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE attempt = $1")
        .bind(&attempt.id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// A successful sign-in forgives the account's earlier slips (the address's stay counted).
pub async fn succeeded(db: &Database, attempt: Attempt, account: &str) -> Result<(), sqlx::Error> {
    forget(db, attempt).await?;
    sqlx::query("DELETE FROM sign_in_failures WHERE account = $1")
        .bind(account)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// The failures from one address within the window, for the brake.
pub async fn failures_from(db: &Database, address: &str, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM sign_in_failures WHERE address = $1 AND at > $2")
        .bind(address)
        .bind(now - WINDOW_SECONDS)
        .fetch_one(db.pool())
        .await
}

/// The hash of a browser's known-device token, if the browser has signed in to `user_id`.
pub async fn known_device(
    db: &Database,
    user_id: &str,
    token: &str,
) -> Result<Option<String>, sqlx::Error> {
    let hash = secrets::token_hash(token);
    let known: Option<i64> = sqlx::query_scalar(
        "SELECT created_at FROM known_devices WHERE token_hash = $1 AND user_id = $2",
    )
    .bind(&hash)
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(known.map(|_| hash))
}

/// Remembers that the browser holding `token` has signed in to `user_id`.
pub async fn remember_device(
    db: &Database,
    user_id: &str,
    token: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO known_devices (token_hash, user_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (token_hash, user_id) DO NOTHING",
    )
    .bind(secrets::token_hash(token))
    .bind(user_id)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_brake_only_slows_a_busy_address_and_never_for_long() {
        let brake = Brake::STANDARD;
        assert_eq!(brake.delay(0), Duration::ZERO);
        assert_eq!(brake.delay(FREE_PER_ADDRESS), Duration::ZERO);
        assert_eq!(brake.delay(FREE_PER_ADDRESS + 3), Duration::from_secs(3));
        assert_eq!(brake.delay(10_000), Duration::from_secs(10));
        assert_eq!(Brake::NONE.delay(10_000), Duration::ZERO);
    }
}
