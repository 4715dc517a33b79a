//! `GET` and `POST /api/staff/library`, `PUT /api/staff/library/{id}`: the handbook, the
//! charter and the policies.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use portal_core::carers::can_view_carers;
use portal_core::library::{Document, DocumentForm, DocumentList, can_manage_library};

use super::{ApiError, ApiJson, allowed};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::auth::secrets::new_id;
use crate::library;

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<DocumentList>, ApiError> {
    allowed(can_view_carers(user.role))?;
    Ok(Json(DocumentList {
        documents: library::list(&state.db).await?,
        can_edit: can_manage_library(user.role),
    }))
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(form): ApiJson<DocumentForm>,
) -> Result<(StatusCode, Json<Document>), ApiError> {
    allowed(can_manage_library(user.role))?;
    let id = new_id().map_err(ApiError::internal)?;
    let today = crate::carers::today(state.clock.now());
    let document = library::save(&state.db, &id, &form, false, today).await?;
    Ok((StatusCode::CREATED, Json(document)))
}

pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<DocumentForm>,
) -> Result<Json<Document>, ApiError> {
    allowed(can_manage_library(user.role))?;
    let today = crate::carers::today(state.clock.now());
    Ok(Json(
        library::save(&state.db, &id, &form, true, today).await?,
    ))
}
