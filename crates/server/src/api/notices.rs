//! `GET` and `PUT /api/notifications`: which emails a carer or applicant gets (their
//! Notifications page); `GET /api/staff/outbox`: the emails waiting and sent, for
//! administrators.

use axum::Json;
use axum::extract::State;
use portal_core::notices::{Choice, ChoicesForm, OutboxView, can_choose_notices, can_read_outbox};

use super::{ApiError, ApiJson, allowed};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::outbox;

pub async fn choices(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<Choice>>, ApiError> {
    allowed(can_choose_notices(user.role))?;
    Ok(Json(
        outbox::choices(state.db.pool(), &user.id).await?.list(),
    ))
}

pub async fn save_choices(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(form): ApiJson<ChoicesForm>,
) -> Result<Json<Vec<Choice>>, ApiError> {
    allowed(can_choose_notices(user.role))?;
    let choices = form.choices();
    outbox::save_choices(&state.db, &user.id, &choices).await?;
    Ok(Json(choices.list()))
}

pub async fn outbox(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<OutboxView>, ApiError> {
    allowed(can_read_outbox(user.role))?;
    Ok(Json(outbox::view(&state.db, &state.mailer).await?))
}
