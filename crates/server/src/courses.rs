//! The service's course catalogue: kept by staff, synced to every carer's device as service-wide
//! records (`service_records`, collection `courses`).

use portal_core::sync::wire::collection::COURSES;
use portal_core::training::Course;

use crate::api::ApiError;
use crate::auth::secrets::new_id;
use crate::db::Database;
use crate::sync::{next_change, put_service_record, service_records};

/// Every course, by title.
pub async fn list(db: &Database) -> Result<Vec<Course>, ApiError> {
    let mut courses: Vec<Course> = service_records(db.pool(), COURSES).await?;
    courses.sort_by_cached_key(|c| c.title.to_lowercase());
    Ok(courses)
}

/// A new id for a course about to be added.
pub fn new_course_id() -> Result<String, ApiError> {
    new_id().map_err(ApiError::internal)
}

/// Adds a course, or changes one (`must_exist`: refuse if there is no such course), and
/// publishes it to every device with a new change number.
pub async fn save(db: &Database, course: &Course, must_exist: bool) -> Result<(), ApiError> {
    let mut tx = db.pool().begin().await.map_err(ApiError::internal)?;
    let change = next_change(&mut tx).await.map_err(ApiError::internal)?;
    let exists: Option<String> = sqlx::query_scalar(
        "SELECT id FROM service_records WHERE collection = $1 AND id = $2 AND body IS NOT NULL",
    )
    .bind(COURSES)
    .bind(&course.id)
    .fetch_optional(&mut *tx)
    .await
    .map_err(ApiError::internal)?;
    if must_exist && exists.is_none() {
        return Err(ApiError::NoSuchCourse);
    }
    let body = serde_json::to_string(course).map_err(ApiError::internal)?;
    put_service_record(&mut tx, COURSES, &course.id, &body, change).await?;
    tx.commit().await.map_err(ApiError::internal)
}
