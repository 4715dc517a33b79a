//! `GET` and `POST /api/staff/courses`, `PUT /api/staff/courses/{id}`: the course catalogue.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use portal_core::carers::can_view_carers;
use portal_core::training::{Course, CourseForm, CourseList, can_manage_courses};

use super::{ApiError, ApiJson, allowed, form_problems};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::courses;

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<CourseList>, ApiError> {
    allowed(can_view_carers(user.role))?;
    Ok(Json(CourseList {
        courses: courses::list(&state.db).await?,
        can_edit: can_manage_courses(user.role),
    }))
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(form): ApiJson<CourseForm>,
) -> Result<(StatusCode, Json<Course>), ApiError> {
    allowed(can_manage_courses(user.role))?;
    let course = Course::parse(&courses::new_course_id()?, &form)
        .map_err(|p| form_problems(p.iter().map(|p| p.message.as_str())))?;
    courses::save(&state.db, &course, false).await?;
    Ok((StatusCode::CREATED, Json(course)))
}

pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(form): ApiJson<CourseForm>,
) -> Result<Json<Course>, ApiError> {
    allowed(can_manage_courses(user.role))?;
    let course = Course::parse(&id, &form)
        .map_err(|p| form_problems(p.iter().map(|p| p.message.as_str())))?;
    courses::save(&state.db, &course, true).await?;
    Ok(Json(course))
}
