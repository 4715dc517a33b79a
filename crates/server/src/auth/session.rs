//! Sessions: opaque random tokens in an `HttpOnly` cookie, stored hashed, revocable, and ended by
//! a period of inactivity that depends on the role.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use portal_core::account::Role;
use serde::Serialize;

use super::secrets::{new_token, token_hash};
use crate::AppState;
use crate::api::ApiError;
use crate::db::Database;

pub const COOKIE_NAME: &str = "portal_session";
pub const DEVICE_COOKIE_NAME: &str = "portal_device";

/// Carers are often offline for days at a time; staff use shared offices.
pub const fn inactivity_limit_seconds(role: Role) -> i64 {
    match role {
        Role::Carer => 30 * 24 * 60 * 60,
        _ => 12 * 60 * 60,
    }
}

/// However busy a session is kept, it ends this long after signing in, so that a cookie taken
/// from a shared or lost device stops working: a quarter for carers (who sign in seldom, and
/// whose changes wait safely on the device meanwhile), a working day for staff.
pub const fn absolute_limit_seconds(role: Role) -> i64 {
    match role {
        Role::Carer => 90 * 24 * 60 * 60,
        _ => 24 * 60 * 60,
    }
}

/// Recording every request's time would make every read a write; once a minute is enough.
const LAST_SEEN_RESOLUTION: i64 = 60;

/// The person a request comes from, as the app is told about them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CurrentUser {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub household_id: Option<String>,
    #[serde(skip)]
    pub token_hash: String,
}

/// Starts a session and returns its token (to be set in the cookie; never stored).
pub async fn start(db: &Database, user_id: &str, now: i64) -> Result<String, ApiError> {
    let token = new_token().map_err(ApiError::internal)?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)",
    )
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(now)
    .execute(db.pool())
    .await
    .map_err(ApiError::internal)?;
    Ok(token)
}

pub async fn revoke(db: &Database, token_hash: &str, now: i64) -> Result<(), ApiError> {
    sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(token_hash)
        .execute(db.pool())
        .await
        .map_err(ApiError::internal)?;
    Ok(())
}

#[derive(Debug, sqlx::FromRow)]
struct SessionRow {
    id: String,
    email: String,
    display_name: String,
    role: String,
    household_id: Option<String>,
    created_at: i64,
    last_seen_at: i64,
}

/// The signed-in user for a token, if the session is live; touches its last-seen time.
pub async fn find(db: &Database, token: &str, now: i64) -> Result<Option<CurrentUser>, ApiError> {
    let hash = token_hash(token);
    let row: Option<SessionRow> = sqlx::query_as(
        "SELECT u.id, u.email, u.display_name, u.role, u.household_id, s.created_at, s.last_seen_at \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL",
    )
    .bind(&hash)
    .fetch_optional(db.pool())
    .await
    .map_err(ApiError::internal)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let Some(role) = Role::parse(&row.role) else {
        return Err(ApiError::internal(format!(
            "user {} has an unknown role {}",
            row.id, row.role
        )));
    };
    if now - row.last_seen_at > inactivity_limit_seconds(role)
        || now - row.created_at > absolute_limit_seconds(role)
    {
        return Ok(None);
    }
    if now - row.last_seen_at >= LAST_SEEN_RESOLUTION {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(&hash)
            .execute(db.pool())
            .await
            .map_err(ApiError::internal)?;
    }
    Ok(Some(CurrentUser {
        id: row.id,
        email: row.email,
        display_name: row.display_name,
        role,
        household_id: row.household_id,
        token_hash: hash,
    }))
}

/// The session token in a request's cookies, if there is one.
pub fn token_from(headers: &HeaderMap) -> Option<String> {
    cookie_value(headers, COOKIE_NAME)
}

/// The known-device token in a request's cookies (see `auth::limits`), if there is one.
pub fn device_token_from(headers: &HeaderMap) -> Option<String> {
    cookie_value(headers, DEVICE_COOKIE_NAME)
}

fn cookie_value(headers: &HeaderMap, wanted: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == wanted)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty())
}

/// The `Set-Cookie` value that marks this browser as one that has signed in before. It is only
/// ever sent back to sign in (`Path=/api/session`), and outlives signing out on purpose: it
/// says which browser this is, not who is signed in.
pub fn device_cookie(token: &str, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{DEVICE_COOKIE_NAME}={token}; Path=/api/session; HttpOnly; SameSite=Strict; Max-Age=31536000{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("portal_device=; Path=/api/session; Max-Age=0"))
}

/// The `Set-Cookie` value that hands the browser a session. `HttpOnly` keeps it from scripts;
/// SameSite=Strict keeps other sites' pages from sending it.
pub fn cookie(token: &str, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("portal_session=; Path=/; Max-Age=0"))
}

/// The `Set-Cookie` value that removes the session cookie from the browser.
pub fn cleared_cookie() -> HeaderValue {
    HeaderValue::from_static("portal_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = token_from(&parts.headers).ok_or(ApiError::SignInRequired)?;
        find(&state.db, &token, state.clock.now())
            .await?
            .ok_or(ApiError::SignInRequired)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_session_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; portal_session=abc123; other=1"),
        );
        assert_eq!(token_from(&headers).as_deref(), Some("abc123"));
        headers.insert(header::COOKIE, HeaderValue::from_static("portal_session="));
        assert_eq!(token_from(&headers), None);
    }

    #[test]
    fn the_cookie_is_out_of_reach_of_scripts_and_other_sites() {
        let value = cookie("tok", true);
        let text = value.to_str().expect("ascii");
        for part in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
            assert!(text.contains(part), "{text}");
        }
        assert!(
            !cookie("tok", false)
                .to_str()
                .expect("ascii")
                .contains("Secure")
        );
    }
}
