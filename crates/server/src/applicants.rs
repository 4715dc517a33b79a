//! Applicants: people whose enquiry has reached the application stage and who have been invited
//! to the portal. An applicant's account is a carer account of a household "being assessed",
//! made from the enquiry (`carers::create`), so that on approval it becomes the carer account
//! with nothing entered again. Until then the household sees only its application (the
//! `application` record, built from the enquiry's history and the tasks here) and My details;
//! the carers' areas refuse it (see `sync`).
//!
//! The record is written again whenever something it shows changes: the enquiry's stage, a task
//! ticked by the applicant (in the push's transaction) or confirmed by the team.

use portal_core::buddies::{PairingKind, PairingStatus};
use portal_core::carers::HouseholdStatus;
use portal_core::date::CalendarDate;
use portal_core::enquiries::Stage;
use portal_core::enquiries::application::{Application, ApplicationChange, Task, TaskState};
use portal_core::sync::Rejection;
use portal_core::sync::wire::collection::APPLICATION;
use sqlx::{Any, Transaction};

use crate::api::ApiError;
use crate::db::Database;
use crate::sync::{begin_writing, next_change, put_record};

#[derive(Debug, sqlx::FromRow)]
struct TaskRow {
    task: String,
    ticked_on: Option<String>,
    confirmed_on: Option<String>,
}

fn date(raw: Option<String>) -> Option<CalendarDate> {
    raw.and_then(|d| CalendarDate::parse(&d).ok())
}

/// The enquiry a household was made from, if any.
async fn enquiry_of(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
) -> Result<Option<String>, ApiError> {
    sqlx::query_scalar("SELECT id FROM enquiries WHERE household_id = $1")
        .bind(household_id)
        .fetch_optional(&mut **tx)
        .await
        .map_err(ApiError::internal)
}

/// The household's application as it stands in this transaction, or `None` for a household not
/// made from an enquiry.
async fn read(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
) -> Result<Option<Application>, ApiError> {
    let Some(enquiry) = enquiry_of(tx, household_id).await? else {
        return Ok(None);
    };
    let Some(record) = crate::enquiries::records_on(tx, Some(&enquiry), &[])
        .await?
        .pop()
    else {
        return Ok(None);
    };
    let rows: Vec<TaskRow> = sqlx::query_as(
        "SELECT task, ticked_on, confirmed_on FROM application_tasks WHERE household_id = $1",
    )
    .bind(household_id)
    .fetch_all(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    let tasks: Vec<TaskState> = rows
        .into_iter()
        .filter_map(|row| {
            Task::parse(&row.task).map(|task| TaskState {
                task,
                ticked_on: date(row.ticked_on),
                confirmed_on: date(row.confirmed_on),
            })
        })
        .collect();
    Ok(Some(Application::of(&record, &tasks)))
}

/// Keeps the tasks of `application` and writes its record for the household's devices.
async fn write(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
    application: &Application,
    change: i64,
    confirmed_by: Option<&str>,
) -> Result<(), ApiError> {
    for state in &application.tasks {
        sqlx::query(
            "INSERT INTO application_tasks (household_id, task, ticked_on, confirmed_on, confirmed_by) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (household_id, task) DO UPDATE SET ticked_on = excluded.ticked_on, \
             confirmed_on = excluded.confirmed_on, \
             confirmed_by = COALESCE(excluded.confirmed_by, application_tasks.confirmed_by)",
        )
        .bind(household_id)
        .bind(state.task.as_str())
        .bind(state.ticked_on.map(|d| d.to_string()))
        .bind(state.confirmed_on.map(|d| d.to_string()))
        .bind(confirmed_by)
        .execute(&mut **tx)
        .await
        .map_err(ApiError::internal)?;
    }
    let body = serde_json::to_string(application).map_err(ApiError::internal)?;
    put_record(tx, APPLICATION, household_id, household_id, &body, change).await
}

/// Writes the household's application record again (after its enquiry moved on), if the
/// household was made from an enquiry.
pub(crate) async fn republish(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
) -> Result<(), ApiError> {
    if let Some(application) = read(tx, household_id).await? {
        let change = next_change(tx).await.map_err(ApiError::internal)?;
        write(tx, household_id, &application, change, None).await?;
    }
    Ok(())
}

/// Whether a household is being assessed (its carers are applicants).
pub(crate) async fn is_applicant<'e, E>(executor: E, household_id: &str) -> Result<bool, ApiError>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let status: Option<String> = sqlx::query_scalar("SELECT status FROM households WHERE id = $1")
        .bind(household_id)
        .fetch_optional(executor)
        .await
        .map_err(ApiError::internal)?;
    Ok(status.as_deref().and_then(HouseholdStatus::parse) == Some(HouseholdStatus::Assessment))
}

/// Every applicant whose application is still open: households being assessed, other than
/// those whose enquiry has closed. These are the households the matcher finds mentors for.
pub(crate) async fn open(
    tx: &mut Transaction<'_, Any>,
) -> Result<std::collections::BTreeSet<String>, ApiError> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT h.id FROM households h LEFT JOIN enquiries e ON e.household_id = h.id \
         WHERE h.status = $1 AND (e.id IS NULL OR e.stage <> $2) ORDER BY h.id",
    )
    .bind(HouseholdStatus::Assessment.as_str())
    .bind(Stage::Closed.as_str())
    .fetch_all(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    Ok(ids.into_iter().collect())
}

/// The enquiries whose applicant had a mentor: a mentor pairing both said yes to (active now,
/// or ended since).
pub async fn mentored(db: &Database) -> Result<std::collections::BTreeSet<String>, ApiError> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT e.id FROM enquiries e JOIN buddy_pairings p ON p.seeker = e.household_id \
         WHERE p.kind = $1 AND p.status IN ($2, $3)",
    )
    .bind(PairingKind::Mentor.as_str())
    .bind(PairingStatus::Active.as_str())
    .bind(PairingStatus::Ended.as_str())
    .fetch_all(db.pool())
    .await
    .map_err(ApiError::internal)?;
    Ok(ids.into_iter().collect())
}

/// Applies an applicant's change in the push's transaction, or says why not.
pub(crate) async fn apply(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
    change: &ApplicationChange,
    today: CalendarDate,
    change_number: i64,
) -> Result<Result<(), Rejection>, ApiError> {
    let Some(mut application) = read(tx, household_id).await? else {
        return Ok(Err(Rejection::new(
            "application",
            "There is no application for this account.",
        )));
    };
    if let Err(rejection) = application.apply(change, today) {
        return Ok(Err(rejection));
    }
    write(tx, household_id, &application, change_number, None).await?;
    Ok(Ok(()))
}

/// The household made from an enquiry, if any; `NoSuchEnquiry` if there is no such enquiry.
pub(crate) async fn household_of(
    tx: &mut Transaction<'_, Any>,
    enquiry_id: &str,
) -> Result<Option<String>, ApiError> {
    let household: Option<Option<String>> =
        sqlx::query_scalar("SELECT household_id FROM enquiries WHERE id = $1")
            .bind(enquiry_id)
            .fetch_optional(&mut **tx)
            .await
            .map_err(ApiError::internal)?;
    household.ok_or(ApiError::NoSuchEnquiry)
}

/// The application made from an enquiry, for the recruitment team, or `None` if no applicant
/// has been invited from it.
pub async fn of_enquiry(db: &Database, enquiry_id: &str) -> Result<Option<Application>, ApiError> {
    let mut tx = db.pool().begin().await.map_err(ApiError::internal)?;
    match household_of(&mut tx, enquiry_id).await? {
        None => Ok(None),
        Some(household) => read(&mut tx, &household).await,
    }
}

/// The recruitment team confirms a task of the application made from an enquiry (or takes the
/// confirmation back); the applicant's devices receive the change.
pub async fn confirm(
    db: &Database,
    enquiry_id: &str,
    task: Task,
    confirmed: bool,
    by: &str,
    today: CalendarDate,
) -> Result<Application, ApiError> {
    let (mut tx, change) = begin_writing(db).await.map_err(ApiError::internal)?;
    let household = household_of(&mut tx, enquiry_id).await?.ok_or_else(|| {
        ApiError::BadRequest("Invite the applicant before confirming their tasks.".to_owned())
    })?;
    let mut application = read(&mut tx, &household)
        .await?
        .ok_or(ApiError::NoSuchEnquiry)?;
    if !application.is_open() {
        return Err(ApiError::BadRequest(
            "This application has closed, so its tasks no longer change.".to_owned(),
        ));
    }
    application.confirm(task, confirmed, today);
    write(&mut tx, &household, &application, change, Some(by)).await?;
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(application)
}
