//! Annual reviews on the server: each review is a record of its household (`annual_review`,
//! named by the household and its due date), so the carer's devices receive it as they do
//! their learning log. A carer's part is applied in the push's transaction against the review
//! due now; the supervising social worker records the review as held, which moves the next one
//! a year on.

use std::collections::BTreeMap;

use portal_core::carers::{CarerSummary, HouseholdStatus, StaffAction, may_act_on_household};
use portal_core::details::MyDetails;
use portal_core::review::{
    AnnualReview, Held, HeldForm, ReviewChange, ReviewList, ReviewRow, ReviewTiming, StaffReview,
    current_review, review_id, review_order,
};
use portal_core::sync::Rejection;
use portal_core::sync::wire::collection::{ANNUAL_REVIEWS, COURSES, MY_DETAILS, TRAINING_ENTRIES};
use portal_core::training::{Course, Entry, TrainingSummary, totals};
use sqlx::{Any, Transaction};

use crate::api::ApiError;
use crate::auth::CurrentUser;
use crate::db::Database;
use crate::sync::{Syncer, household_records, next_change, put_record, service_records};
use crate::{carers, courses};

/// The household's approval date, if it is approved now (only then has it a review).
async fn approved_on(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
) -> Result<Option<portal_core::date::CalendarDate>, ApiError> {
    let row: Option<(Option<String>, String)> =
        sqlx::query_as("SELECT approved_on, status FROM households WHERE id = $1")
            .bind(household_id)
            .fetch_optional(&mut **tx)
            .await
            .map_err(ApiError::internal)?;
    Ok(row.and_then(|(approved_on, status)| {
        (HouseholdStatus::parse(&status) == Some(HouseholdStatus::Approved))
            .then(|| approved_on.and_then(|d| portal_core::date::CalendarDate::parse(&d).ok()))
            .flatten()
    }))
}

async fn write(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
    review: &AnnualReview,
    change: i64,
) -> Result<(), ApiError> {
    let body = serde_json::to_string(review).map_err(ApiError::internal)?;
    let id = review_id(household_id, review.due_on);
    put_record(tx, ANNUAL_REVIEWS, &id, household_id, &body, change).await
}

/// Applies a carer's part of their review, in the push's transaction.
pub(crate) async fn apply(
    tx: &mut Transaction<'_, Any>,
    who: &Syncer,
    change: &ReviewChange,
    change_number: i64,
) -> Result<Result<(), Rejection>, ApiError> {
    let approved = approved_on(tx, &who.household_id).await?;
    let reviews: Vec<AnnualReview> =
        household_records(&mut **tx, ANNUAL_REVIEWS, &who.household_id).await?;
    let catalogue: Vec<Course> = service_records(&mut **tx, COURSES).await?;
    let name: String = sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
        .bind(&who.user_id)
        .fetch_one(&mut **tx)
        .await
        .map_err(ApiError::internal)?;
    match portal_core::review::apply(change, approved, &reviews, &catalogue, (&name, who.today)) {
        Ok(review) => {
            write(tx, &who.household_id, &review, change_number).await?;
            Ok(Ok(()))
        }
        Err(refusal) => Ok(Err(Rejection::new("review", refusal.message()))),
    }
}

/// Every household's reviews, by household.
async fn all_reviews(db: &Database) -> Result<BTreeMap<String, Vec<AnnualReview>>, ApiError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT household_id, body FROM records WHERE collection = $1 AND body IS NOT NULL",
    )
    .bind(ANNUAL_REVIEWS)
    .fetch_all(db.pool())
    .await
    .map_err(ApiError::internal)?;
    let mut by_household: BTreeMap<String, Vec<AnnualReview>> = BTreeMap::new();
    for (household, body) in rows {
        let review = serde_json::from_str(&body).map_err(ApiError::internal)?;
        by_household.entry(household).or_default().push(review);
    }
    Ok(by_household)
}

/// Approved households' reviews overdue and due, soonest first, with how many are later.
pub async fn list(db: &Database, now: i64) -> Result<ReviewList, ApiError> {
    let today = carers::today(now);
    let reviews = all_reviews(db).await?;
    let mut rows = Vec::new();
    let mut later = 0;
    for carer in carers::list(db, now).await? {
        let (HouseholdStatus::Approved, Some(approved_on)) = (carer.status, carer.approved_on)
        else {
            continue;
        };
        let review = current_review(
            approved_on,
            reviews.get(&carer.id).map_or(&[], Vec::as_slice),
        );
        let timing = ReviewTiming::of(review.due_on, today);
        if timing == ReviewTiming::Later {
            later += 1;
            continue;
        }
        rows.push(ReviewRow {
            household_id: carer.id,
            household: carer.name,
            worker: carer.supervising_worker.map(|w| w.name),
            due_on: review.due_on,
            timing,
            sent_on: review.sent.map(|s| s.sent_on),
        });
    }
    rows.sort_by(review_order);
    Ok(ReviewList { rows, later, today })
}

/// An approved household, or the reason it has no review.
async fn approved(db: &Database, household_id: &str, now: i64) -> Result<CarerSummary, ApiError> {
    let carer = carers::find(db, household_id, now).await?;
    match (carer.status, carer.approved_on) {
        (HouseholdStatus::Approved, Some(_)) => Ok(carer),
        _ => Err(ApiError::NotApproved),
    }
}

/// One household's current review, with its learning as the training overview counts it.
pub async fn one(
    db: &Database,
    household_id: &str,
    staff: &CurrentUser,
    now: i64,
) -> Result<StaffReview, ApiError> {
    let today = carers::today(now);
    let carer = approved(db, household_id, now).await?;
    let approved_on = carer.approved_on.ok_or(ApiError::NotApproved)?;
    let mut reviews: Vec<AnnualReview> =
        household_records(db.pool(), ANNUAL_REVIEWS, household_id).await?;
    let review = current_review(approved_on, &reviews);
    reviews.retain(|r| r.held.is_some());
    reviews.sort_by_key(|r| std::cmp::Reverse(r.due_on));
    let entries: Vec<Entry> = household_records(db.pool(), TRAINING_ENTRIES, household_id).await?;
    let members = crate::sync::record::<MyDetails, _>(db.pool(), MY_DETAILS, household_id)
        .await?
        .map(|details| details.members)
        .unwrap_or_default();
    let catalogue = courses::list(db).await?;
    let supervisor = carer.supervising_worker.as_ref().map(|w| w.id.as_str());
    Ok(StaffReview {
        timing: ReviewTiming::of(review.due_on, today),
        review,
        today,
        minutes_last_12_months: totals(&entries, today, Some(approved_on)).last_12_months,
        training: TrainingSummary::new(
            &entries,
            &members,
            Some(approved_on),
            carer.carer_type,
            &catalogue,
            today,
        ),
        earlier: reviews,
        can_hold: may_act_on_household(staff.role, &staff.id, supervisor),
        household: carer.name,
    })
}

/// Records the household's current review as held today, with the plan agreed, and publishes
/// it to the household's devices. Their supervising social worker (or an administrator) does.
pub async fn hold(
    db: &Database,
    household_id: &str,
    staff: &CurrentUser,
    form: &HeldForm,
    now: i64,
) -> Result<AnnualReview, ApiError> {
    let comment = form.parse().map_err(ApiError::BadRequest)?;
    let carer = approved(db, household_id, now).await?;
    let supervisor = carer.supervising_worker.as_ref().map(|w| w.id.as_str());
    if !may_act_on_household(staff.role, &staff.id, supervisor) {
        return Err(ApiError::NotTheirHousehold);
    }
    let approved_on = carer.approved_on.ok_or(ApiError::NotApproved)?;
    let mut tx = db.pool().begin().await.map_err(ApiError::internal)?;
    let change = next_change(&mut tx).await.map_err(ApiError::internal)?;
    // Read inside the transaction, after taking the change counter, so a carer's part sent
    // at the same moment is either in this review or refused as for a review already held.
    let reviews: Vec<AnnualReview> =
        household_records(&mut *tx, ANNUAL_REVIEWS, household_id).await?;
    let mut review = current_review(approved_on, &reviews);
    review.held = Some(Held {
        on: carers::today(now),
        by: staff.display_name.clone(),
        comment,
    });
    write(&mut tx, household_id, &review, change).await?;
    crate::audit::record(
        &mut *tx,
        &staff.id,
        household_id,
        StaffAction::HeldReview,
        now,
    )
    .await?;
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(review)
}
