//! Claims on the server. Each claim, with its thread, is its household's record (`claims`):
//! carers' changes are applied inside the push's transaction, and the finance team's (a
//! question, a decision, a payment) take the change counter first, so the two are serialised
//! and each reads the claim as the other left it. The settings (rates per mile, how far back a
//! claim may go) are a service-wide record.

use portal_core::claims::{Claim, ClaimChange, ClaimKind, ClaimSettings, ClaimState, SETTINGS_ID};
use portal_core::date::CalendarDate;
use portal_core::payments::refs_of;
use portal_core::sync::wire::collection::{CLAIM_SETTINGS, CLAIMS};
use portal_core::sync::{Mutator as _, Rejection};
use sqlx::{Any, Transaction};

use crate::api::ApiError;
use crate::photos;
use crate::sync::{household_records, put_record, put_service_record, record, service_record};

/// A claim by id, whichever household it belongs to.
pub async fn claim(tx: &mut Transaction<'_, Any>, id: &str) -> Result<Option<Claim>, ApiError> {
    record(&mut **tx, CLAIMS, id).await
}

/// Writes a claim and publishes it to its household.
pub async fn save(
    tx: &mut Transaction<'_, Any>,
    claim: &Claim,
    change: i64,
) -> Result<(), ApiError> {
    let body = serde_json::to_string(claim).map_err(ApiError::internal)?;
    put_record(tx, CLAIMS, &claim.id, &claim.household, &body, change).await
}

/// The service's claim settings, as finance last set them.
pub async fn settings<'e, E>(executor: E) -> Result<ClaimSettings, ApiError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    Ok(service_record(executor, CLAIM_SETTINGS, SETTINGS_ID)
        .await?
        .unwrap_or_default())
}

/// Publishes the settings to every device.
pub async fn save_settings(
    tx: &mut Transaction<'_, Any>,
    settings: &ClaimSettings,
    change: i64,
) -> Result<(), ApiError> {
    let body = serde_json::to_string(settings).map_err(ApiError::internal)?;
    put_service_record(tx, CLAIM_SETTINGS, SETTINGS_ID, &body, change).await
}

/// Applies a household's claim change on `today` (the UK date) and writes what it did, or
/// says why not.
pub async fn apply(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
    change: &ClaimChange,
    today: CalendarDate,
    change_number: i64,
) -> Result<Result<(), Rejection>, ApiError> {
    let found = claim(tx, change.claim()).await?;
    let message_exists = match (change, &found) {
        (ClaimChange::Message { id, .. }, Some(claim)) => {
            claim.messages.iter().any(|m| m.id == *id)
        }
        _ => false,
    };
    let named = refs_of(change.photo_owner(), change.photos());
    let missing_photos = photos::missing(tx, household_id, change.photos(), &named).await?;
    // Respite is counted against the days the household has asked for already, and a
    // buddy's or mentor's month is claimed once, from their contact log.
    let submitted = match change {
        ClaimChange::Submit { form, .. } => ClaimKind::parse(&form.kind),
        ClaimChange::Message { .. } => None,
    };
    let others = match submitted {
        Some(ClaimKind::Respite | ClaimKind::Mentoring) => {
            household_records(&mut **tx, CLAIMS, household_id).await?
        }
        _ => Vec::new(),
    };
    let contacts = match submitted {
        Some(ClaimKind::Mentoring) => crate::buddies::paid_side_contacts(tx, household_id).await?,
        _ => Vec::new(),
    };
    let mut state = ClaimState {
        household_id: household_id.to_owned(),
        today: Some(today),
        settings: settings(&mut **tx).await?,
        claim: found.clone(),
        message_exists,
        missing_photos,
        others,
        contacts,
    };
    if let Err(rejection) = change.apply(&mut state) {
        return Ok(Err(photos::explained(tx, household_id, rejection).await?));
    }
    if let Some(claim) = &state.claim
        && state.claim != found
    {
        save(tx, claim, change_number).await?;
    }
    Ok(Ok(()))
}

/// Every claim, oldest first; for a supervising social worker (`supervisor` is their email),
/// only those of the households they supervise.
pub async fn claims(
    tx: &mut Transaction<'_, Any>,
    supervisor: Option<&str>,
) -> Result<Vec<Claim>, ApiError> {
    let mut claims =
        crate::payments::visible_records(tx, CLAIMS, supervisor, |c: &Claim| c.household.as_str())
            .await?;
    claims.sort_by(|a, b| (a.submitted_on, &a.id).cmp(&(b.submitted_on, &b.id)));
    Ok(claims)
}
