//! Payment queries on the server. Each query, with its thread, is its household's record
//! (`payment_queries`): carers' changes are applied inside the push's transaction, and the
//! finance team's (a reply, a status, a handler) take the change counter first, so the two
//! are serialised and each reads the query as the other left it. The rates and the notice to
//! carers are service-wide records.

use portal_core::date::CalendarDate;
use portal_core::household::HouseholdFacts;
use portal_core::payments::{
    NOTICE_ID, PaymentChange, PaymentNotice, PaymentState, Query, RATES_ID, Rates, refs_of,
};
use portal_core::sync::wire::collection::{
    HOUSEHOLD, PAYMENT_NOTICE, PAYMENT_QUERIES, PAYMENT_RATES,
};
use portal_core::sync::{Mutator as _, Rejection};
use sqlx::{Any, Transaction};

use crate::api::ApiError;
use crate::db::Database;
use crate::photos::{self, PhotosError};
use crate::sync::{put_record, put_service_record, record, service_record};

/// A query by id, whichever household it belongs to.
pub async fn query(tx: &mut Transaction<'_, Any>, id: &str) -> Result<Option<Query>, ApiError> {
    record(&mut **tx, PAYMENT_QUERIES, id).await
}

/// Writes a query and publishes it to its household.
pub async fn save(
    tx: &mut Transaction<'_, Any>,
    query: &Query,
    change: i64,
) -> Result<(), ApiError> {
    let body = serde_json::to_string(query).map_err(ApiError::internal)?;
    put_record(
        tx,
        PAYMENT_QUERIES,
        &query.id,
        &query.household,
        &body,
        change,
    )
    .await
}

/// Applies a household's payment change on `today` (the UK date) and writes what it did, or
/// says why not.
pub async fn apply(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
    change: &PaymentChange,
    today: CalendarDate,
    change_number: i64,
) -> Result<Result<(), Rejection>, ApiError> {
    let found = query(tx, change.query()).await?;
    let message_exists = match (change, &found) {
        (PaymentChange::Message { id, .. }, Some(query)) => {
            query.messages.iter().any(|m| m.id == *id)
        }
        _ => false,
    };
    let owner = match change {
        PaymentChange::Message { id, .. } => id.as_str(),
        _ => change.query(),
    };
    let named = refs_of(owner, change.photos());
    let missing_photos = photos::missing(tx, household_id, change.photos(), &named).await?;
    let mut state = PaymentState {
        household_id: household_id.to_owned(),
        today: Some(today),
        query: found.clone(),
        message_exists,
        photos: Vec::new(),
        missing_photos,
    };
    if let Err(rejection) = change.apply(&mut state) {
        return Ok(Err(photos::explained(tx, household_id, rejection).await?));
    }
    if let Some(query) = &state.query
        && state.query != found
    {
        // Photos inside a change from an older app are kept as files, as if sent on their own.
        for (named, photo) in &state.photos {
            match photos::keep_inline(tx, household_id, named, photo).await {
                Ok(()) => {}
                Err(PhotosError::Refused(refused)) => {
                    return Ok(Err(Rejection::new("invalid", refused.to_string())));
                }
                Err(other) => return Err(other.into()),
            }
        }
        save(tx, query, change_number).await?;
    }
    Ok(Ok(()))
}

/// Every query, oldest first; for a supervising social worker (`supervisor` is their email),
/// only those of the households they supervise.
pub async fn queries(
    tx: &mut Transaction<'_, Any>,
    supervisor: Option<&str>,
) -> Result<Vec<Query>, ApiError> {
    let mut queries = visible_records(tx, PAYMENT_QUERIES, supervisor, |q: &Query| {
        q.household.as_str()
    })
    .await?;
    queries.sort_by(|a, b| (a.raised_on, &a.id).cmp(&(b.raised_on, &b.id)));
    Ok(queries)
}

/// Every household record of `collection` (each read with `household` naming its
/// household); for a supervising social worker (`supervisor` is their email), only those of
/// the households they supervise.
pub async fn visible_records<T: serde::de::DeserializeOwned>(
    tx: &mut Transaction<'_, Any>,
    collection: &str,
    supervisor: Option<&str>,
    household: impl Fn(&T) -> &str,
) -> Result<Vec<T>, ApiError> {
    let bodies: Vec<String> =
        sqlx::query_scalar("SELECT body FROM records WHERE collection = $1 AND body IS NOT NULL")
            .bind(collection)
            .fetch_all(&mut **tx)
            .await
            .map_err(ApiError::internal)?;
    let mut records = Vec::new();
    for body in bodies {
        let record: T = serde_json::from_str(&body).map_err(ApiError::internal)?;
        if let Some(email) = supervisor
            && !supervises(&mut **tx, email, household(&record)).await?
        {
            continue;
        }
        records.push(record);
    }
    Ok(records)
}

/// Whether the staff member with `email` is the household's supervising social worker.
pub async fn supervises<'e, E>(executor: E, email: &str, household: &str) -> Result<bool, ApiError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let facts: Option<HouseholdFacts> = record(executor, HOUSEHOLD, household).await?;
    Ok(facts
        .and_then(|f| f.supervising_worker_email)
        .is_some_and(|e| e.as_str().eq_ignore_ascii_case(email)))
}

/// Every rate table published so far.
pub async fn rates(db: &Database) -> Result<Rates, ApiError> {
    Ok(service_record(db.pool(), PAYMENT_RATES, RATES_ID)
        .await?
        .unwrap_or_default())
}

/// Publishes the rates to every device.
pub async fn save_rates(
    tx: &mut Transaction<'_, Any>,
    rates: &Rates,
    change: i64,
) -> Result<(), ApiError> {
    let body = serde_json::to_string(rates).map_err(ApiError::internal)?;
    put_service_record(tx, PAYMENT_RATES, RATES_ID, &body, change).await
}

/// The notice to carers, if there is one.
pub async fn notice(db: &Database) -> Result<Option<PaymentNotice>, ApiError> {
    Ok(
        service_record::<Option<PaymentNotice>, _>(db.pool(), PAYMENT_NOTICE, NOTICE_ID)
            .await?
            .flatten(),
    )
}

/// Publishes the notice to every device, or (with `None`) takes it down.
pub async fn save_notice(
    tx: &mut Transaction<'_, Any>,
    notice: Option<&PaymentNotice>,
    change: i64,
) -> Result<(), ApiError> {
    let body = serde_json::to_string(&notice).map_err(ApiError::internal)?;
    put_service_record(tx, PAYMENT_NOTICE, NOTICE_ID, &body, change).await
}
