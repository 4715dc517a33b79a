//! Accepting an invitation: `POST /api/invitation` says who a link is for, and
//! `POST /api/invitation/accept` sets the password and signs the carer in.
//!
//! The token travels in the request body, never in a path or query, so it stays out of logs.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_core::carers::{AcceptInvitation, InvitationDetails, InvitationToken};

use super::{ApiError, ApiJson};
use crate::AppState;
use crate::auth::session;
use crate::carers;

pub async fn preview(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<InvitationToken>,
) -> Result<Json<InvitationDetails>, ApiError> {
    Ok(Json(
        carers::preview(&state.db, &request.token, state.clock.now()).await?,
    ))
}

pub async fn accept(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<AcceptInvitation>,
) -> Result<Response, ApiError> {
    let now = state.clock.now();
    let user_id = carers::accept(
        &state.db,
        &state.hashing,
        &request.token,
        &request.password,
        now,
    )
    .await?;
    let token = session::start(&state.db, &user_id, now).await?;
    let user = session::find(&state.db, &token, now)
        .await?
        .ok_or_else(|| ApiError::internal("a new session could not be read back"))?;
    Ok((
        StatusCode::OK,
        [(
            header::SET_COOKIE,
            session::cookie(&token, state.secure_cookies),
        )],
        Json(user),
    )
        .into_response())
}
