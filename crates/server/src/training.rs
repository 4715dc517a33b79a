//! The service's view of training across households: each household's TSD deadline and
//! progress, hours this year and mandatory training still to do, computed by the core from the
//! synced learning logs, My details (who the carers are) and the course catalogue.

use std::collections::BTreeMap;

use portal_core::details::{Member, MyDetails};
use portal_core::sync::wire::collection::{MY_DETAILS, TRAINING_ENTRIES};
use portal_core::training::{Entry, TrainingOverview, TrainingRow, TrainingSummary};

use crate::api::ApiError;
use crate::db::Database;
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
