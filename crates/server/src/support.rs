//! Support contacts on the server: one service-wide record, published to every device so
//! carers can read it with no signal.

use portal_core::support::{CONTACTS_ID, SupportContacts};
use portal_core::sync::wire::collection::SUPPORT_CONTACTS;

use crate::api::ApiError;
use crate::db::Database;
use crate::sync::{put_service_record, service_record};

/// The contacts as staff last saved them (none until they do).
pub async fn contacts(db: &Database) -> Result<SupportContacts, ApiError> {
    Ok(service_record(db.pool(), SUPPORT_CONTACTS, CONTACTS_ID)
        .await?
        .unwrap_or_default())
}

/// Publishes checked contacts to every device.
pub async fn save(db: &Database, contacts: &SupportContacts) -> Result<(), ApiError> {
    let body = serde_json::to_string(contacts).map_err(ApiError::internal)?;
    let mut tx = db.pool().begin().await.map_err(ApiError::internal)?;
    let change = crate::sync::next_change(&mut tx)
        .await
        .map_err(ApiError::internal)?;
    put_service_record(&mut tx, SUPPORT_CONTACTS, CONTACTS_ID, &body, change).await?;
    tx.commit().await.map_err(ApiError::internal)
}
