//! The service's view of training across households: each household's TSD deadline and
//! progress, hours this year and mandatory training still to do, computed by the core from the
//! synced learning logs, My details (who the carers are) and the course catalogue.

use std::collections::BTreeMap;

use portal_core::details::{Member, MyDetails};
use portal_core::sync::wire::collection::{MY_DETAILS, TRAINING_ENTRIES};
use portal_core::training::{
    Entry, StaffEntry, TrainingOverview, TrainingRow, TrainingSummary, Verification,
};

use portal_core::carers::{StaffAction, may_act_on_household};

use crate::api::ApiError;
use crate::auth::CurrentUser;
use crate::db::Database;
use crate::sync::{next_change, put_record};
use crate::{carers, courses};

/// Every current record of one collection, by household.
async fn bodies_by_household(
    db: &Database,
    collection: &str,
) -> Result<Vec<(String, String)>, ApiError> {
    sqlx::query_as(
        "SELECT household_id, body FROM records WHERE collection = $1 AND body IS NOT NULL",
    )
    .bind(collection)
    .fetch_all(db.pool())
    .await
    .map_err(ApiError::internal)
}

pub async fn overview(db: &Database, now: i64) -> Result<TrainingOverview, ApiError> {
    let today = carers::today(now);
    let catalogue = courses::list(db).await?;
    let mut entries: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    for (household, body) in bodies_by_household(db, TRAINING_ENTRIES).await? {
        let entry = serde_json::from_str(&body).map_err(ApiError::internal)?;
        entries.entry(household).or_default().push(entry);
    }
    let mut members: BTreeMap<String, Vec<Member>> = BTreeMap::new();
    for (household, body) in bodies_by_household(db, MY_DETAILS).await? {
        let details: MyDetails = serde_json::from_str(&body).map_err(ApiError::internal)?;
        members.insert(household, details.members);
    }
    let rows = carers::list(db, now)
        .await?
        .into_iter()
        .map(|carer| {
            let training = TrainingSummary::new(
                entries.get(&carer.id).map_or(&[], Vec::as_slice),
                members.get(&carer.id).map_or(&[], Vec::as_slice),
                carer.approved_on,
                carer.carer_type,
                &catalogue,
                today,
            );
            TrainingRow { carer, training }
        })
        .collect();
    Ok(TrainingOverview {
        rows,
        workers: carers::workers(db).await?,
    })
}

/// One household's learning log for staff, newest first, with who attended by name.
pub async fn household_entries(
    db: &Database,
    household_id: &str,
    now: i64,
) -> Result<Vec<StaffEntry>, ApiError> {
    // Answers 404 for a household that does not exist, rather than an empty log.
    carers::find(db, household_id, now).await?;
    let bodies: Vec<String> = sqlx::query_scalar(
        "SELECT body FROM records WHERE collection = $1 AND household_id = $2 AND body IS NOT NULL",
    )
    .bind(TRAINING_ENTRIES)
    .bind(household_id)
    .fetch_all(db.pool())
    .await
    .map_err(ApiError::internal)?;
    let members = crate::sync::record::<MyDetails, _>(db.pool(), MY_DETAILS, household_id)
        .await?
        .map(|details| details.members)
        .unwrap_or_default();
    let mut entries = bodies
        .iter()
        .map(|body| serde_json::from_str::<Entry>(body))
        .collect::<Result<Vec<_>, _>>()
        .map_err(ApiError::internal)?;
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    Ok(entries
        .into_iter()
        .map(|entry| {
            let attended = entry
                .members
                .iter()
                .map(|id| {
                    members.iter().find(|m| &m.id == id).map_or_else(
                        || "Someone no longer listed".to_owned(),
                        |m| m.name.to_string(),
                    )
                })
                .collect();
            StaffEntry { entry, attended }
        })
        .collect())
}

/// Marks an entry verified by `staff` on `today`, and publishes it to the household's devices.
/// A supervising social worker confirms the training of the households they supervise.
pub async fn verify(
    db: &Database,
    entry_id: &str,
    staff: &CurrentUser,
    now: i64,
) -> Result<Entry, ApiError> {
    let today = carers::today(now);
    let mut tx = db.pool().begin().await.map_err(ApiError::internal)?;
    let change = next_change(&mut tx).await.map_err(ApiError::internal)?;
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT household_id, body FROM records WHERE collection = $1 AND id = $2")
            .bind(TRAINING_ENTRIES)
            .bind(entry_id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(ApiError::internal)?;
    let Some((household_id, Some(body))) = row else {
        return Err(ApiError::NoSuchEntry);
    };
    let supervisor: Option<Option<String>> =
        sqlx::query_scalar("SELECT supervising_worker_id FROM households WHERE id = $1")
            .bind(&household_id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(ApiError::internal)?;
    if !may_act_on_household(staff.role, &staff.id, supervisor.flatten().as_deref()) {
        return Err(ApiError::NotTheirHousehold);
    }
    let mut entry: Entry = serde_json::from_str(&body).map_err(ApiError::internal)?;
    entry.verified = Some(Verification {
        by: staff.display_name.clone(),
        on: today,
    });
    let body = serde_json::to_string(&entry).map_err(ApiError::internal)?;
    put_record(
        &mut tx,
        TRAINING_ENTRIES,
        entry_id,
        &household_id,
        &body,
        change,
    )
    .await?;
    crate::audit::record(
        &mut *tx,
        &staff.id,
        &household_id,
        StaffAction::ConfirmedTraining,
        now,
    )
    .await?;
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(entry)
}
