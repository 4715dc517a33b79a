//! The staff Carers API: `GET`/`POST /api/staff/carers`, `GET`/`PUT /api/staff/carers/{id}` and
//! `POST /api/staff/carers/{id}/invitation`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use portal_core::account::Role;
use portal_core::carers::{
    CarerList, CarerSummary, ExitReport, Invited, NewHousehold, NewHouseholdForm, StaffActionEntry,
    StaffFields, UpdateCarer, can_manage_carers, can_read_household_activity,
    can_read_staff_history, can_view_carers, may_act_on_household,
};

use super::{ApiError, ApiJson, allowed, form_problems};
use crate::auth::CurrentUser;
use crate::carers::{self, today};
use crate::{AppState, audit};

fn may_view(user: &CurrentUser) -> Result<(), ApiError> {
    allowed(can_view_carers(user.role))
}

fn may_manage(user: &CurrentUser) -> Result<(), ApiError> {
    allowed(can_manage_carers(user.role))
}

/// Supervising social workers act on the households they supervise, administrators on all:
/// changing a household's facts or sending its sign-in link gives the power to sign in as its
/// carer and read everything. A household that does not exist is "not found" for everyone.
async fn may_act_on(state: &AppState, user: &CurrentUser, household: &str) -> Result<(), ApiError> {
    may_manage(user)?;
    let supervisor = carers::supervisor_of(&state.db, household)
        .await?
        .ok_or(ApiError::NoSuchHousehold)?;
    if may_act_on_household(user.role, &user.id, supervisor.as_deref()) {
        Ok(())
    } else {
        Err(ApiError::NotTheirHousehold)
    }
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<CarerList>, ApiError> {
    may_view(&user)?;
    let now = state.clock.now();
    Ok(Json(CarerList {
        carers: carers::list(&state.db, now).await?,
        workers: carers::workers(&state.db).await?,
        can_edit: can_manage_carers(user.role),
    }))
}

pub async fn one(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<CarerSummary>, ApiError> {
    may_view(&user)?;
    Ok(Json(carers::find(&state.db, &id, state.clock.now()).await?))
}

pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<UpdateCarer>,
) -> Result<Json<CarerSummary>, ApiError> {
    may_act_on(&state, &user, &id).await?;
    let now = state.clock.now();
    let fields = StaffFields::parse(&request.fields, today(now))
        .map_err(|p| form_problems(p.iter().map(|p| p.message.as_str())))?;
    Ok(Json(
        carers::update(&state.db, &id, request.version, &fields, &user.id, now).await?,
    ))
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(form): ApiJson<NewHouseholdForm>,
) -> Result<(StatusCode, Json<Invited>), ApiError> {
    may_manage(&user)?;
    let now = state.clock.now();
    let mut household = NewHousehold::parse(&form, today(now))
        .map_err(|p| form_problems(p.iter().map(|p| p.message.as_str())))?;
    // A supervising social worker who adds a household and names no one supervises it: they
    // would otherwise have added a household they can no longer send a sign-in link to.
    if user.role == Role::SupervisingSocialWorker {
        household
            .fields
            .supervising_worker_id
            .get_or_insert_with(|| user.id.clone());
    }
    let (carer, invitation) = carers::create(&state.db, &household, &user.id, now, None).await?;
    Ok((StatusCode::CREATED, Json(Invited { carer, invitation })))
}

/// `GET /api/staff/exits`: households that left, by month and reason.
pub async fn exits(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<ExitReport>, ApiError> {
    allowed(can_read_household_activity(user.role))?;
    Ok(Json(carers::exits(&state.db, state.clock.now()).await?))
}

/// `GET /api/staff/carers/{id}/history`: what staff did to the household, newest first.
pub async fn history(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Vec<StaffActionEntry>>, ApiError> {
    allowed(can_read_staff_history(user.role))?;
    carers::supervisor_of(&state.db, &id)
        .await?
        .ok_or(ApiError::NoSuchHousehold)?;
    Ok(Json(audit::for_household(&state.db, &id).await?))
}

pub async fn invite(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Invited>, ApiError> {
    may_act_on(&state, &user, &id).await?;
    let (carer, invitation) = carers::invite(&state.db, &id, &user.id, state.clock.now()).await?;
    Ok(Json(Invited { carer, invitation }))
}
