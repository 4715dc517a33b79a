//! `PUT /api/photos/{id}` (a carer's device sends a photo, as the picture's bytes, before the
//! change that names it) and `GET /api/photos/{id}` (the picture, for its household and for
//! staff who may see that household's payment queries).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_core::account::Role;
use portal_core::payments::{can_answer_payments, can_view_payments, is_photo_id};

use super::ApiError;
use crate::AppState;
use crate::auth::CurrentUser;
use crate::{payments, photos};

fn photo_id(id: &str) -> Result<&str, ApiError> {
    if is_photo_id(id) {
        Ok(id)
    } else {
        Err(ApiError::NoSuchPhoto)
    }
}

pub async fn put(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    image: Bytes,
) -> Result<StatusCode, ApiError> {
    let (Role::Carer, Some(household_id)) = (&user.role, &user.household_id) else {
        return Err(ApiError::Forbidden);
    };
    // Photos go with payment queries and claims, which are for approved carers.
    if crate::applicants::is_applicant(state.db.pool(), household_id).await? {
        return Err(ApiError::Forbidden);
    }
    photos::put(state.db.pool(), household_id, photo_id(&id)?, &image).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn get(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    if user.role != Role::Carer && !can_view_payments(user.role) {
        return Err(ApiError::Forbidden);
    }
    let photo = photos::get(state.db.pool(), photo_id(&id)?)
        .await?
        .ok_or(ApiError::NoSuchPhoto)?;
    let household = photo.household_id.as_str();
    let allowed = match user.role {
        Role::Carer => user.household_id.as_deref() == Some(household),
        role if can_answer_payments(role) => true,
        _ => payments::supervises(state.db.pool(), &user.email, household).await?,
    };
    // Someone who may not see it is told it does not exist, so ids reveal nothing.
    if !allowed {
        return Err(ApiError::NoSuchPhoto);
    }
    Ok((
        [
            (header::CONTENT_TYPE, photo.content_type),
            // A photo never changes under its id; only the person's own browser may keep it.
            (
                header::CACHE_CONTROL,
                "private, max-age=31536000, immutable".to_owned(),
            ),
        ],
        photo.image,
    )
        .into_response())
}
