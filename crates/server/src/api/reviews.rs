//! `GET /api/staff/reviews` (annual reviews overdue and due), `GET
//! /api/staff/carers/{id}/review` (a household's current review) and `POST
//! /api/staff/carers/{id}/review/held` (the review held and its plan agreed).

use axum::Json;
use axum::extract::{Path, State};
use portal_core::carers::can_read_household_activity;
use portal_core::review::{AnnualReview, HeldForm, ReviewList, StaffReview};

use super::{ApiError, ApiJson, allowed};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::reviews;

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<ReviewList>, ApiError> {
    allowed(can_read_household_activity(user.role))?;
    Ok(Json(reviews::list(&state.db, state.clock.now()).await?))
}

pub async fn one(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<StaffReview>, ApiError> {
    allowed(can_read_household_activity(user.role))?;
    Ok(Json(
        reviews::one(&state.db, &id, &user, state.clock.now()).await?,
    ))
}

pub async fn hold(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<HeldForm>,
) -> Result<Json<AnnualReview>, ApiError> {
    allowed(can_read_household_activity(user.role))?;
    Ok(Json(
        reviews::hold(&state.db, &id, &user, &form, state.clock.now()).await?,
    ))
}
