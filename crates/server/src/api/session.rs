//! Signing in and out: `GET`, `POST` and `DELETE /api/session`.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{AppendHeaders, IntoResponse, Response};
use portal_core::account::{Email, Role};
use serde::{Deserialize, Serialize};

use super::{ApiError, ApiJson};
use crate::AppState;
use crate::auth::session::{self, CurrentUser};
use crate::auth::{ClientKey, limits, secrets, totp};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    email: String,
    password: String,
    /// The six-digit code from an authenticator app; staff only.
    #[serde(default)]
    code: Option<String>,
}

/// The client a request came from, for the per-address limits: the connection's address, or
/// the one a trusted proxy names (see `auth::client`). In-process tests have no connection, and
/// count as one client.
#[derive(Debug)]
pub struct ClientAddress(pub(super) ClientKey);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        Ok(Self(state.trusted_proxies.client(peer, &forwarded)))
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

/// What signing in needs to know of an account.
#[derive(Debug, sqlx::FromRow)]
struct Credentials {
    id: String,
    role: String,
    password_hash: Option<String>,
    totp_secret: Option<String>,
    totp_last_step: i64,
}

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
    let found: Option<Credentials> = sqlx::query_as(
        "SELECT id, role, password_hash, totp_secret, totp_last_step FROM users WHERE email = $1",
    )
    .bind(email.as_str())
    .fetch_optional(state.db.pool())
    .await
    .map_err(ApiError::internal)?;
    let device_token = session::device_token_from(&headers);
    let known_device = match (&found, &device_token) {
        (Some(user), Some(token)) => limits::known_device(&state.db, &user.id, token)
            .await
            .map_err(ApiError::internal)?,
        _ => None,
    };
    let trying = limits::Trying {
        account: email.as_str(),
        address: address.as_str(),
        device: known_device.as_deref(),
    };
    let attempt = limits::begin(&state.db, trying, now).await?;

    let stored_hash = found
        .as_ref()
        .and_then(|user| user.password_hash.clone())
        .unwrap_or_else(|| secrets::DECOY_HASH.to_owned());
    let password = form.password;
    let checked = state
        .hashing
        .run(move || secrets::verify_password(&stored_hash, &password))
        .await;
    let password_ok = match checked {
        Ok(ok) => ok,
        Err(error) => {
            // Never checked, so not a failure.
            limits::forget(&state.db, attempt)
                .await
                .map_err(ApiError::internal)?;
            return Err(error.into());
        }
    };

    let Some(user) = found.filter(|user| password_ok && user.password_hash.is_some()) else {
        let failures = limits::failures_from(&state.db, address.as_str(), now)
            .await
            .map_err(ApiError::internal)?;
        tokio::time::sleep(state.brake.delay(failures)).await;
        return Err(ApiError::WrongCredentials);
    };
    match second_factor(&state, &user, form.code.as_deref(), now).await? {
        SecondFactor::Passed => {}
        SecondFactor::Asked => {
            // The right password is the first step, not a failure.
            limits::forget(&state.db, attempt)
                .await
                .map_err(ApiError::internal)?;
            let answer = SignInAnswer {
                user: None,
                code_needed: true,
            };
            return Ok(Json(answer).into_response());
        }
        SecondFactor::UsedAlready => {
            // A right code sent twice (a double click) is not a guess.
            limits::forget(&state.db, attempt)
                .await
                .map_err(ApiError::internal)?;
            return Err(ApiError::WrongSecondFactor);
        }
        // A wrong code stays counted as a failure.
        SecondFactor::Wrong => return Err(ApiError::WrongSecondFactor),
    }
    limits::succeeded(&state.db, attempt, email.as_str())
        .await
        .map_err(ApiError::internal)?;
    start_session(&state, &user.id, device_token, now).await
}

/// Signs `user_id` in on this browser: a new session, and the browser remembered as one that
/// has signed in to this account, under the known-device token it already holds for another
/// account if it has one.
async fn start_session(
    state: &AppState,
    user_id: &str,
    device_token: Option<String>,
    now: i64,
) -> Result<Response, ApiError> {
    let token = session::start(&state.db, user_id, now).await?;
    let signed_in = session::find(&state.db, &token, now)
        .await?
        .ok_or_else(|| ApiError::internal("a new session could not be read back"))?;
    let device_token = device_token
        .map_or_else(secrets::new_token, Ok)
        .map_err(ApiError::internal)?;
    limits::remember_device(&state.db, user_id, &device_token, now)
        .await
        .map_err(ApiError::internal)?;
    Ok((
        StatusCode::OK,
        AppendHeaders([
            (
                header::SET_COOKIE,
                session::cookie(&token, state.secure_cookies),
            ),
            (
                header::SET_COOKIE,
                session::device_cookie(&device_token, state.secure_cookies),
            ),
        ]),
        Json(SignInAnswer {
            user: Some(signed_in),
            code_needed: false,
        }),
    )
        .into_response())
}

/// Where a sign-in stands with the code from an authenticator app, once its password is right.
enum SecondFactor {
    /// A carer (who has none), or staff with the right code.
    Passed,
    /// Staff who have not sent a code yet.
    Asked,
    /// The right code, already used by another sign-in.
    UsedAlready,
    Wrong,
}

async fn second_factor(
    state: &AppState,
    user: &Credentials,
    code: Option<&str>,
    now: i64,
) -> Result<SecondFactor, ApiError> {
    let role = Role::parse(&user.role)
        .ok_or_else(|| ApiError::internal(format!("user {} has an unknown role", user.id)))?;
    if !role.is_staff() {
        return Ok(SecondFactor::Passed);
    }
    let Some(secret) = &user.totp_secret else {
        return Err(ApiError::internal(format!(
            "staff user {} has no second factor set up",
            user.id
        )));
    };
    let code = code.map(str::trim).unwrap_or_default();
    if code.is_empty() {
        return Ok(SecondFactor::Asked);
    }
    let Some(step) = totp::matching_step(secret, code, now, user.totp_last_step) else {
        return Ok(SecondFactor::Wrong);
    };
    // Recorded only if no other sign-in used this step first, so a code works once.
    let claimed =
        sqlx::query("UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1")
            .bind(step)
            .bind(&user.id)
            .execute(state.db.pool())
            .await
            .map_err(ApiError::internal)?
            .rows_affected();
    Ok(if claimed == 0 {
        SecondFactor::UsedAlready
    } else {
        SecondFactor::Passed
    })
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
