//! Signing in and out: `GET`, `POST` and `DELETE /api/session`.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_core::account::{Email, Role};
use serde::{Deserialize, Serialize};

use super::{ApiError, ApiJson};
use crate::AppState;
use crate::auth::session::{self, CurrentUser};
use crate::auth::{limits, secrets, totp};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    email: String,
    password: String,
    /// The six-digit code from an authenticator app; staff only.
    #[serde(default)]
    code: Option<String>,
}

/// The network address a request came from, for the per-address sign-in limit. In-process
/// tests have none, and count as one address.
#[derive(Debug)]
pub struct ClientAddress(pub(super) String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string()),
        ))
    }
}

/// Who is signed in on this browser: the person, or `null` when nobody is. Not signed in is an
/// ordinary answer here, not an error, so that asking never fills the browser's console.
pub async fn current(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Option<CurrentUser>>, ApiError> {
    let Some(token) = session::token_from(&headers) else {
        return Ok(Json(None));
    };
    Ok(Json(
        session::find(&state.db, &token, state.clock.now()).await?,
    ))
}

/// The answer to a sign-in: the person, now signed in, or a request for the code from their
/// authenticator app. Asking for the code is the expected next step for staff, not an error,
/// so it is a 200 (and never fills the browser's console with a failed request).
#[derive(Debug, Serialize)]
pub struct SignInAnswer {
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<CurrentUser>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    code_needed: bool,
}

type Credentials = (String, String, Option<String>, Option<String>, i64);

pub async fn sign_in(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    ApiJson(form): ApiJson<SignIn>,
) -> Result<Response, ApiError> {
    let now = state.clock.now();
    let email = Email::parse(&form.email).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    if form.password.is_empty() {
        return Err(ApiError::BadRequest("Enter your password.".into()));
    }
    if let Some(wait_seconds) =
        limits::wait_before_next_attempt(&state.db, email.as_str(), &address, now)
            .await
            .map_err(ApiError::internal)?
    {
        return Err(ApiError::TooManyAttempts { wait_seconds });
    }

    let found: Option<Credentials> = sqlx::query_as(
        "SELECT id, role, password_hash, totp_secret, totp_last_step FROM users WHERE email = $1",
    )
    .bind(email.as_str())
    .fetch_optional(state.db.pool())
    .await
    .map_err(ApiError::internal)?;
    let stored_hash = found
        .as_ref()
        .and_then(|(_, _, hash, _, _)| hash.clone())
        .unwrap_or_else(|| secrets::DECOY_HASH.to_owned());
    let password = form.password;
    // Argon2 takes tens of milliseconds of CPU on purpose; keep it off the async workers.
    let password_ok =
        tokio::task::spawn_blocking(move || secrets::verify_password(&stored_hash, &password))
            .await
            .map_err(ApiError::internal)?;

    let Some((user_id, role, Some(_), totp_secret, totp_last_step)) = found.filter(|_| password_ok)
    else {
        limits::record_failure(&state.db, email.as_str(), &address, now)
            .await
            .map_err(ApiError::internal)?;
        return Err(ApiError::WrongCredentials);
    };
    let role = Role::parse(&role)
        .ok_or_else(|| ApiError::internal(format!("user {user_id} has an unknown role")))?;
    if role.is_staff() {
        let Some(secret) = totp_secret else {
            return Err(ApiError::internal(format!(
                "staff user {user_id} has no second factor set up"
            )));
        };
        match form.code.as_deref().map(str::trim) {
            None | Some("") => {
                let answer = SignInAnswer {
                    user: None,
                    code_needed: true,
                };
                return Ok(Json(answer).into_response());
            }
            Some(code)
                if let Some(step) = totp::matching_step(&secret, code, now, totp_last_step) =>
            {
                // Recorded only if no other sign-in used this step first, so a code works once.
                let claimed = sqlx::query(
                    "UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1",
                )
                .bind(step)
                .bind(&user_id)
                .execute(state.db.pool())
                .await
                .map_err(ApiError::internal)?
                .rows_affected();
                if claimed == 0 {
                    return Err(ApiError::WrongSecondFactor);
                }
            }
            Some(_) => {
                limits::record_failure(&state.db, email.as_str(), &address, now)
                    .await
                    .map_err(ApiError::internal)?;
                return Err(ApiError::WrongSecondFactor);
            }
        }
    }
    limits::clear_account(&state.db, email.as_str())
        .await
        .map_err(ApiError::internal)?;
    let token = session::start(&state.db, &user_id, now).await?;
    let user = session::find(&state.db, &token, now)
        .await?
        .ok_or_else(|| ApiError::internal("a new session could not be read back"))?;
    let secure = super::super::headers::arrived_over_tls(&headers);
    Ok((
        StatusCode::OK,
        [(header::SET_COOKIE, session::cookie(&token, secure))],
        Json(SignInAnswer {
            user: Some(user),
            code_needed: false,
        }),
    )
        .into_response())
}

/// Ends the session on the server and removes the cookie from the browser. Signing out twice, or
/// with no session, is not an error: the person ends up signed out either way.
pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(token) = session::token_from(&headers) {
        session::revoke(&state.db, &secrets::token_hash(&token), state.clock.now()).await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, session::cleared_cookie())],
    )
        .into_response())
}
