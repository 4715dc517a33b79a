//! Support groups for staff: `GET` and `POST /api/staff/groups` (every group, and adding one
//! with its sessions), `PUT /api/staff/groups/{id}` (changing a group) and
//! `POST /api/staff/groups/{id}/sessions` (more sessions), and for one session `PUT /api/staff/groups/sessions/{id}` (a change),
//! `.../cancellation`, `.../register` and `.../messages`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use portal_core::carers::{can_manage_carers, can_read_household_activity};
use portal_core::groups::{
    Cancellation, Group, GroupForm, MessageSent, Register, SessionForm, SessionMessage,
    SessionView, StaffGroup, StaffGroups,
};

use super::{ApiError, ApiJson, allowed, form_problems};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::auth::secrets::new_id;
use crate::{carers, groups};

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<StaffGroups>, ApiError> {
    allowed(can_read_household_activity(user.role))?;
    Ok(Json(StaffGroups {
        groups: groups::staff_list(&state.db).await?,
        can_edit: can_manage_carers(user.role),
    }))
}

/// Adds a group and its series of sessions.
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(form): ApiJson<GroupForm>,
) -> Result<(StatusCode, Json<StaffGroup>), ApiError> {
    allowed(can_manage_carers(user.role))?;
    let today = carers::today(state.clock.now());
    let mut ids = Vec::new();
    for _ in 0..=portal_core::groups::MOST_SESSIONS {
        ids.push(new_id().map_err(ApiError::internal)?);
    }
    let group_id = new_id().map_err(ApiError::internal)?;
    let (group, sessions) = form
        .parse(&group_id, today, || ids.pop().unwrap_or_default())
        .map_err(|p| form_problems(p.iter().map(|p| p.message.as_str())))?;
    groups::publish(&state.db, &group, &sessions).await?;
    let sessions = sessions
        .into_iter()
        .map(|session| portal_core::groups::StaffSession {
            view: SessionView::new(session, &[]),
            bookings: Vec::new(),
        })
        .collect();
    Ok((StatusCode::CREATED, Json(StaffGroup { group, sessions })))
}

/// Changes a group's own details; its sessions and bookings stay as they are.
pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<GroupForm>,
) -> Result<Json<Group>, ApiError> {
    allowed(can_manage_carers(user.role))?;
    if groups::group(&state.db, &id).await?.is_none() {
        return Err(ApiError::NoSuchGroup);
    }
    let group = form
        .parse_group(&id)
        .map_err(|p| form_problems(p.iter().map(|p| p.message.as_str())))?;
    groups::publish(&state.db, &group, &[]).await?;
    Ok(Json(group))
}

/// Adds sessions (one, or a series) to a group.
pub async fn add_sessions(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<GroupForm>,
) -> Result<(StatusCode, Json<Vec<SessionView>>), ApiError> {
    allowed(can_manage_carers(user.role))?;
    let group = groups::group(&state.db, &id)
        .await?
        .ok_or(ApiError::NoSuchGroup)?;
    let today = carers::today(state.clock.now());
    let mut ids = Vec::new();
    for _ in 0..portal_core::groups::MOST_SESSIONS {
        ids.push(new_id().map_err(ApiError::internal)?);
    }
    let sessions = form
        .parse_sessions(&id, today, || ids.pop().unwrap_or_default())
        .map_err(|p| form_problems(p.iter().map(|p| p.message.as_str())))?;
    groups::publish(&state.db, &group, &sessions).await?;
    let views = sessions
        .into_iter()
        .map(|session| SessionView::new(session, &[]))
        .collect();
    Ok((StatusCode::CREATED, Json(views)))
}

pub async fn cancel(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(cancellation): ApiJson<Cancellation>,
) -> Result<Json<SessionView>, ApiError> {
    allowed(can_manage_carers(user.role))?;
    Ok(Json(
        groups::cancel_session(&state.db, &id, &cancellation.reason, state.clock.now()).await?,
    ))
}

pub async fn edit_session(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<SessionForm>,
) -> Result<Json<SessionView>, ApiError> {
    allowed(can_manage_carers(user.role))?;
    Ok(Json(
        groups::edit_session(&state.db, &id, &form, state.clock.now()).await?,
    ))
}

pub async fn register(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(register): ApiJson<Register>,
) -> Result<StatusCode, ApiError> {
    allowed(can_manage_carers(user.role))?;
    groups::register(&state.db, &id, &register, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn message(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(message): ApiJson<SessionMessage>,
) -> Result<Json<MessageSent>, ApiError> {
    allowed(can_manage_carers(user.role))?;
    let news = message
        .parse()
        .map_err(|problem| ApiError::BadRequest(problem.to_owned()))?;
    let households = groups::message_session(&state.db, &id, &news, state.clock.now()).await?;
    Ok(Json(MessageSent { households }))
}
