//! `GET /api/staff/training` and `GET /api/staff/training.csv`: training across households.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use portal_core::carers::{can_manage_carers, can_read_household_activity};
use portal_core::training::{Entry, StaffEntry, TrainingOverview, overview_csv};

use super::{ApiError, allowed};
use crate::auth::CurrentUser;
use crate::{AppState, carers, training};

pub async fn overview(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<TrainingOverview>, ApiError> {
    allowed(can_read_household_activity(user.role))?;
    Ok(Json(
        training::overview(&state.db, state.clock.now()).await?,
    ))
}

/// The same, as a spreadsheet file for the service's returns.
pub async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, ApiError> {
    allowed(can_read_household_activity(user.role))?;
    let now = state.clock.now();
    let overview = training::overview(&state.db, now).await?;
    let name = format!("training-overview-{}.csv", carers::today(now));
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        overview_csv(&overview.rows),
    )
        .into_response())
}

/// One household's learning log.
pub async fn household(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Vec<StaffEntry>>, ApiError> {
    allowed(can_read_household_activity(user.role))?;
    Ok(Json(
        training::household_entries(&state.db, &id, state.clock.now()).await?,
    ))
}

/// Marks an entry verified by the member of staff asking.
pub async fn verify(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Entry>, ApiError> {
    allowed(can_manage_carers(user.role))?;
    Ok(Json(
        training::verify(&state.db, &id, &user, state.clock.now()).await?,
    ))
}
