//! `POST /api/sync/push` and `GET /api/sync/pull`.

use axum::Json;
use axum::extract::{Query, State};
use portal_core::account::Role;
use portal_core::sync::wire::{MAX_PULL, MAX_PUSH, PullResponse, PushRequest, PushResponse};
use portal_core::sync::{ChangeNumber, ClientId};
use serde::Deserialize;

use super::{ApiError, ApiJson};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::carers;
use crate::sync::{self, Syncer};

/// Syncing is for carers, acting for their household.
fn syncer(user: &CurrentUser, now: i64) -> Result<Syncer, ApiError> {
    match (&user.role, &user.household_id) {
        (Role::Carer, Some(household_id)) => Ok(Syncer {
            user_id: user.id.clone(),
            household_id: household_id.clone(),
            today: carers::today(now),
            now,
        }),
        _ => Err(ApiError::Forbidden),
    }
}

pub async fn push(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(request): ApiJson<PushRequest>,
) -> Result<Json<PushResponse>, ApiError> {
    let who = syncer(&user, state.clock.now())?;
    if request.mutations.len() > MAX_PUSH {
        return Err(ApiError::BadRequest(format!(
            "Send at most {MAX_PUSH} changes at a time."
        )));
    }
    Ok(Json(
        sync::push(&state.db, &who, &state.survey_key, request).await?,
    ))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PullQuery {
    #[serde(default)]
    cursor: u64,
    #[serde(default)]
    limit: Option<usize>,
    /// The device's own clients, separated by commas: only their progress is reported. Apps
    /// from before one client per device leave it out and are told of every client.
    #[serde(default)]
    clients: Option<String>,
    /// The database epoch the device last saw (see `PullResponse::epoch`).
    #[serde(default)]
    epoch: Option<String>,
}

/// The clients named in a pull, or `None` for all of the user's.
fn named_clients(names: Option<&str>) -> Result<Option<Vec<ClientId>>, ApiError> {
    let Some(names) = names else {
        return Ok(None);
    };
    names
        .split(',')
        .filter(|name| !name.is_empty())
        .map(|name| ClientId::parse(name).map_err(|e| ApiError::BadRequest(e.to_string())))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

pub async fn pull(
    State(state): State<AppState>,
    user: CurrentUser,
    query: Result<Query<PullQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<PullResponse>, ApiError> {
    let Query(query) = query
        .map_err(|_| ApiError::BadRequest("The cursor and limit must be whole numbers.".into()))?;
    let who = syncer(&user, state.clock.now())?;
    let limit = query.limit.unwrap_or(MAX_PULL).clamp(1, MAX_PULL);
    let clients = named_clients(query.clients.as_deref())?;
    Ok(Json(
        sync::pull(
            &state.db,
            &who,
            ChangeNumber::new(query.cursor),
            limit,
            clients.as_deref(),
            query.epoch.as_deref(),
        )
        .await?,
    ))
}
