//! `GET` and `PUT /api/staff/support-contacts`: the service's teams and out-of-hours line.

use axum::Json;
use axum::extract::State;
use portal_core::carers::{can_manage_carers, can_view_carers};
use portal_core::support::{StaffContacts, SupportContacts};

use super::{ApiError, ApiJson, allowed, form_problems};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::support;

pub async fn contacts(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<StaffContacts>, ApiError> {
    allowed(can_view_carers(user.role))?;
    Ok(Json(StaffContacts {
        contacts: support::contacts(&state.db).await?,
        can_edit: can_manage_carers(user.role),
    }))
}

pub async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(typed): ApiJson<SupportContacts>,
) -> Result<Json<SupportContacts>, ApiError> {
    allowed(can_manage_carers(user.role))?;
    let contacts = typed
        .parse()
        .map_err(|p| form_problems(p.iter().map(|p| p.message.as_str())))?;
    support::save(&state.db, &contacts).await?;
    Ok(Json(contacts))
}
