//! The library on the server: each document (the handbook, the charter, a policy) is a
//! service-wide record (`service_records`, collection `library`), published to every device so
//! carers and applicants can read it with no signal.

use portal_core::date::CalendarDate;
use portal_core::library::{Document, DocumentForm, library_order};
use portal_core::sync::wire::collection::LIBRARY;

use crate::api::{ApiError, form_problems};
use crate::db::Database;
use crate::sync::{next_change, put_service_record, service_record, service_records};

/// Every document, in the library's order.
pub async fn list(db: &Database) -> Result<Vec<Document>, ApiError> {
    let mut documents: Vec<Document> = service_records(db.pool(), LIBRARY).await?;
    documents.sort_by(library_order);
    Ok(documents)
}

/// Adds document `id` (`existing` false) or changes it (`existing` true: refused if there is no
/// such document), and publishes it to every device. The version is decided against the one
/// stored, read in the same transaction, so two members of staff saving at once cannot both
/// publish the same version number with different words.
pub async fn save(
    db: &Database,
    id: &str,
    form: &DocumentForm,
    existing: bool,
    today: CalendarDate,
) -> Result<Document, ApiError> {
    let mut tx = db.pool().begin().await.map_err(ApiError::internal)?;
    let change = next_change(&mut tx).await.map_err(ApiError::internal)?;
    let previous: Option<Document> = service_record(&mut *tx, LIBRARY, id).await?;
    if existing && previous.is_none() {
        return Err(ApiError::NoSuchDocument);
    }
    let document = Document::parse(id, form, previous.as_ref(), today)
        .map_err(|p| form_problems(p.iter().map(|p| p.message.as_str())))?;
    if previous.as_ref() != Some(&document) {
        let body = serde_json::to_string(&document).map_err(ApiError::internal)?;
        put_service_record(&mut tx, LIBRARY, id, &body, change).await?;
    }
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(document)
}
