//! Enquiries from people thinking about fostering: kept once however often a device sends one,
//! limited per network address, handled by the recruitment team (who, contact attempts, notes,
//! stages), turned into a carer household when approved, and erased three years after closing
//! if they did not go ahead.

use std::collections::HashMap;

use portal_core::account::Role;
use portal_core::carers::{HouseholdStatus, StaffMember};
use portal_core::date::CalendarDate;
use portal_core::enquiries::application::can_invite_applicant;
use portal_core::enquiries::{
    Action, Enquiry, EnquiryRecord, EnquirySent, Event, Happened, NewEnquiry, SelfCheck, Stage,
    TARGET_HOURS, erase_from,
};
use portal_core::notices::{Notice, NoticeKind};
use serde::{Deserialize, Serialize};
use sqlx::{Any, AnyConnection, Transaction};

use crate::api::ApiError;
use crate::db::Database;

/// How far back new enquiries count against an address.
pub const WINDOW_SECONDS: i64 = 60 * 60;
/// New enquiries allowed from one address within the window. A family, or a library's
/// computers, may share one address; a program sending hundreds may not.
pub const PER_ADDRESS: i64 = 5;

/// What is kept of an enquiry as it arrived.
#[derive(Debug, Serialize, Deserialize)]
struct Body {
    enquiry: Enquiry,
    #[serde(default)]
    self_check: Option<SelfCheck>,
}

/// Keeps `enquiry` under the id its device chose, once. Sending it again, however often and
/// from however many tabs, answers as the first time did and counts against no limit. A new
/// enquiry from an address that has sent too many in the last hour is refused.
///
/// `enquiry` is `None` when the hidden field was filled in by a program: it counts against the
/// address and gets the same answer as a person's, but nothing is kept.
pub async fn receive(
    db: &Database,
    new: &NewEnquiry,
    enquiry: Option<&Enquiry>,
    address: &str,
    now: i64,
) -> Result<EnquirySent, ApiError> {
    let reply_by = |received_at: i64| EnquirySent {
        reply_by: received_at + TARGET_HOURS * 3600,
    };
    if let Some(received_at) = received_at(db, &new.id).await? {
        return Ok(reply_by(received_at));
    }
    let mut tx = db.pool().begin().await.map_err(ApiError::internal)?;
    sqlx::query("DELETE FROM enquiry_sends WHERE at <= $1")
        .bind(now - WINDOW_SECONDS)
        .execute(&mut *tx)
        .await
        .map_err(ApiError::internal)?;
    let (sent, oldest): (i64, Option<i64>) =
        sqlx::query_as("SELECT COUNT(*), MIN(at) FROM enquiry_sends WHERE address = $1")
            .bind(address)
            .fetch_one(&mut *tx)
            .await
            .map_err(ApiError::internal)?;
    if sent >= PER_ADDRESS {
        return Err(ApiError::TooManyEnquiries {
            wait_seconds: oldest
                .map_or(WINDOW_SECONDS, |t| t + WINDOW_SECONDS - now)
                .max(1),
        });
    }
    sqlx::query("INSERT INTO enquiry_sends (address, at) VALUES ($1, $2)")
        .bind(address)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(ApiError::internal)?;
    if let Some(enquiry) = enquiry {
        let body = serde_json::to_string(&Body {
            enquiry: enquiry.clone(),
            self_check: new.self_check,
        })
        .map_err(ApiError::internal)?;
        // Two copies racing (two tabs sending at once) meet here: the second does nothing.
        let inserted = sqlx::query(
            "INSERT INTO enquiries (id, received_at, body, stage) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(&new.id)
        .bind(now)
        .bind(body)
        .bind(Stage::Enquiry.as_str())
        .execute(&mut *tx)
        .await
        .map_err(ApiError::internal)?;
        // The thank-you with the information pack goes out at once, to an address the person
        // gave; the second of two racing copies sends nothing.
        if let (1, Some(email)) = (inserted.rows_affected(), &enquiry.email) {
            crate::outbox::send_to_address(
                &mut tx,
                email.as_str(),
                &Notice::of(NoticeKind::EnquiryReceived),
                now,
            )
            .await?;
        }
    }
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(reply_by(received_at(db, &new.id).await?.unwrap_or(now)))
}

async fn received_at(db: &Database, id: &str) -> Result<Option<i64>, ApiError> {
    sqlx::query_scalar("SELECT received_at FROM enquiries WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .map_err(ApiError::internal)
}

type EnquiryRow = (String, i64, String, String, Option<String>, Option<String>);
type EventRow = (String, i64, String, String);

/// Every enquiry with its history, or just the one with `id`; who handles each is named from
/// `team`.
pub async fn records(
    db: &Database,
    id: Option<&str>,
    team: &[StaffMember],
) -> Result<Vec<EnquiryRecord>, ApiError> {
    let mut conn = db.pool().acquire().await.map_err(ApiError::internal)?;
    records_on(&mut conn, id, team).await
}

/// `records`, read on `conn`: inside a transaction, it sees what the transaction wrote.
pub(crate) async fn records_on(
    conn: &mut AnyConnection,
    id: Option<&str>,
    team: &[StaffMember],
) -> Result<Vec<EnquiryRecord>, ApiError> {
    let rows: Vec<EnquiryRow> = sqlx::query_as(
        "SELECT id, received_at, body, stage, assigned_to, household_id FROM enquiries \
         WHERE $1 = '' OR id = $1 ORDER BY received_at, id",
    )
    .bind(id.unwrap_or(""))
    .fetch_all(&mut *conn)
    .await
    .map_err(ApiError::internal)?;
    let events: Vec<EventRow> = sqlx::query_as(
        "SELECT e.enquiry_id, e.at, COALESCE(u.display_name, 'Someone who has left'), e.body \
         FROM enquiry_events e LEFT JOIN users u ON u.id = e.by_user \
         WHERE $1 = '' OR e.enquiry_id = $1 ORDER BY e.enquiry_id, e.seq",
    )
    .bind(id.unwrap_or(""))
    .fetch_all(&mut *conn)
    .await
    .map_err(ApiError::internal)?;
    // Each enquiry's history, read once: the rows come ordered by enquiry, then by sequence.
    let mut histories: HashMap<String, Vec<Event>> = HashMap::new();
    for (enquiry_id, at, by, event) in events {
        let (happened, note): (Happened, String) =
            serde_json::from_str(&event).map_err(ApiError::internal)?;
        histories.entry(enquiry_id).or_default().push(Event {
            at,
            by,
            happened,
            note,
        });
    }
    let mut records = Vec::with_capacity(rows.len());
    for (id, received_at, body, stage, assigned_to, household_id) in rows {
        let body: Body = serde_json::from_str(&body).map_err(ApiError::internal)?;
        let history = histories.remove(&id).unwrap_or_default();
        records.push(EnquiryRecord {
            received_at,
            enquiry: body.enquiry,
            self_check: body.self_check,
            stage: Stage::parse(&stage).ok_or_else(|| ApiError::internal("unknown stage"))?,
            assigned_to: assigned_to.and_then(|a| team.iter().find(|m| m.id == a).cloned()),
            household_id,
            events: history,
            id,
        });
    }
    Ok(records)
}

/// One enquiry, or `NoSuchEnquiry`.
pub async fn record(db: &Database, id: &str) -> Result<EnquiryRecord, ApiError> {
    records(db, Some(id), &team(db).await?)
        .await?
        .pop()
        .ok_or(ApiError::NoSuchEnquiry)
}

/// Who an enquiry can be given to: the recruitment team and administrators.
pub async fn team(db: &Database) -> Result<Vec<StaffMember>, ApiError> {
    crate::carers::staff_in(db, &[Role::Recruitment, Role::Administrator]).await
}

/// Adds a line to the enquiry's history, inside `tx` (which already holds the enquiry's row).
async fn add_event(
    tx: &mut Transaction<'_, Any>,
    id: &str,
    by: &str,
    happened: &Happened,
    note: &str,
    now: i64,
) -> Result<(), ApiError> {
    let body = serde_json::to_string(&(happened, note)).map_err(ApiError::internal)?;
    sqlx::query(
        "INSERT INTO enquiry_events (enquiry_id, seq, at, by_user, body) \
         SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4 FROM enquiry_events WHERE enquiry_id = $1",
    )
    .bind(id)
    .bind(now)
    .bind(by)
    .bind(body)
    .execute(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    Ok(())
}

/// Takes the enquiry's row for this transaction (so that two members of staff acting at once
/// take turns), or says there is no such enquiry.
async fn hold(tx: &mut Transaction<'_, Any>, id: &str) -> Result<(), ApiError> {
    let held = sqlx::query("UPDATE enquiries SET id = id WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await
        .map_err(ApiError::internal)?;
    if held.rows_affected() == 0 {
        return Err(ApiError::NoSuchEnquiry);
    }
    Ok(())
}

/// Records what a member of staff did. A stage move names the stage it moves from, and is
/// refused with the reason if someone else moved the enquiry first.
pub async fn act(
    db: &Database,
    id: &str,
    by: &str,
    action: &Action,
    note: &str,
    now: i64,
) -> Result<EnquiryRecord, ApiError> {
    // A day to get back in touch belongs only to an enquiry closed as not the right time;
    // no other action needs the enquiry read first.
    if matches!(action, Action::Recontact(_)) {
        record(db, id)
            .await?
            .allows(action)
            .map_err(ApiError::BadRequest)?;
    }
    let mut tx = db.pool().begin().await.map_err(ApiError::internal)?;
    hold(&mut tx, id).await?;
    if let Action::Stage { from, to, .. } = *action {
        let closed_on = (to == Stage::Closed).then(|| CalendarDate::uk_date_of(now).to_string());
        let moved = sqlx::query(
            "UPDATE enquiries SET stage = $1, closed_on = $2 \
             WHERE id = $3 AND stage = $4 AND (household_id IS NULL OR stage <> $5)",
        )
        .bind(to.as_str())
        .bind(closed_on)
        .bind(id)
        .bind(from.as_str())
        .bind(Stage::Approved.as_str())
        .execute(&mut *tx)
        .await
        .map_err(ApiError::internal)?;
        if moved.rows_affected() == 0 {
            drop(tx);
            let now_at = record(db, id).await?;
            return Err(ApiError::StatusMovedOn(if now_at.household_id.is_some() {
                "This enquiry has become an approved carer household, so its stage no longer changes here."
                    .to_owned()
            } else {
                format!(
                    "Someone else has moved this enquiry to “{}”. The page now shows it; choose again.",
                    now_at.stage.label()
                )
            }));
        }
    }
    add_event(&mut tx, id, by, &action.happened(), note, now).await?;
    if let Action::Stage { to, .. } = *action {
        applicant_moved_on(&mut tx, id, to, by, now).await?;
    }
    tx.commit().await.map_err(ApiError::internal)?;
    record(db, id).await
}

/// An applicant invited from the enquiry sees its new stage; approved, their household becomes
/// an approved carer household, so the same sign-in opens the carers' portal.
async fn applicant_moved_on(
    tx: &mut Transaction<'_, Any>,
    id: &str,
    to: Stage,
    by: &str,
    now: i64,
) -> Result<(), ApiError> {
    let Some(household) = crate::applicants::household_of(tx, id).await? else {
        return Ok(());
    };
    match to {
        Stage::Approved => crate::carers::approve_applicant(tx, &household, by, now).await?,
        Stage::Closed => crate::buddies::close_mentoring(tx, &household).await?,
        _ => {}
    }
    crate::applicants::republish(tx, &household).await
}

/// Gives the enquiry to a member of the team, or to nobody.
pub async fn assign(
    db: &Database,
    id: &str,
    by: &str,
    to: Option<&str>,
    now: i64,
) -> Result<EnquiryRecord, ApiError> {
    let member = match to {
        None => None,
        Some(to) => Some(
            team(db)
                .await?
                .into_iter()
                .find(|m| m.id == to)
                .ok_or_else(|| {
                    ApiError::BadRequest(
                        "Choose someone from the recruitment team, or nobody.".to_owned(),
                    )
                })?,
        ),
    };
    let mut tx = db.pool().begin().await.map_err(ApiError::internal)?;
    hold(&mut tx, id).await?;
    sqlx::query("UPDATE enquiries SET assigned_to = $1 WHERE id = $2")
        .bind(to)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(ApiError::internal)?;
    add_event(&mut tx, id, by, &Happened::Assigned { to: member }, "", now).await?;
    tx.commit().await.map_err(ApiError::internal)?;
    record(db, id).await
}

/// Links an enquiry to the household just made from it, inside that household's transaction,
/// or refuses. An enquiry at the application, assessment or panel stage becomes an applicant's
/// household, being assessed; an approved one becomes an approved household; each only once.
pub async fn became_household(
    tx: &mut Transaction<'_, Any>,
    id: &str,
    household_id: &str,
    status: HouseholdStatus,
    by: &str,
    now: i64,
) -> Result<(), ApiError> {
    let stage: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT stage, household_id FROM enquiries WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await
            .map_err(ApiError::internal)?;
    let (stage, linked) = stage.ok_or(ApiError::NoSuchEnquiry)?;
    let stage = Stage::parse(&stage).ok_or_else(|| ApiError::internal("unknown stage"))?;
    if linked.is_some() || !can_invite_applicant(stage) {
        return Err(ApiError::StatusMovedOn(
            "Only an enquiry at the application stage or later can become an applicant or a carer household, and only once."
                .to_owned(),
        ));
    }
    if (status == HouseholdStatus::Assessment) == (stage == Stage::Approved) {
        return Err(ApiError::BadRequest(
            "An applicant's household is “Being assessed” until the decision; an approved enquiry's household is approved."
                .to_owned(),
        ));
    }
    hold(tx, id).await?;
    sqlx::query("UPDATE enquiries SET household_id = $1 WHERE id = $2")
        .bind(household_id)
        .bind(id)
        .execute(&mut **tx)
        .await
        .map_err(ApiError::internal)?;
    add_event(tx, id, by, &Happened::BecameHousehold, "", now).await
}

/// Erases every enquiry that did not go ahead and was closed at least three years before
/// `today`, with its history, and logs each erasure with only the dates. Returns how many.
pub async fn erase_expired(db: &Database, today: CalendarDate) -> Result<u64, sqlx::Error> {
    let closed: Vec<(String, String)> =
        sqlx::query_as("SELECT id, closed_on FROM enquiries WHERE closed_on IS NOT NULL")
            .fetch_all(db.pool())
            .await?;
    let mut erased = 0;
    for (id, closed_on) in closed {
        let Ok(closed_on) = CalendarDate::parse(&closed_on) else {
            continue;
        };
        if erase_from(closed_on) > today {
            continue;
        }
        let mut tx = db.pool().begin().await?;
        sqlx::query("DELETE FROM enquiry_events WHERE enquiry_id = $1")
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        // Only if it is still closed: reopened since it was read, it stays.
        let gone = sqlx::query("DELETE FROM enquiries WHERE id = $1 AND closed_on = $2")
            .bind(&id)
            .bind(closed_on.to_string())
            .execute(&mut *tx)
            .await?;
        if gone.rows_affected() == 0 {
            continue;
        }
        sqlx::query("INSERT INTO enquiry_erasures (erased_on, closed_on) VALUES ($1, $2)")
            .bind(today.to_string())
            .bind(closed_on.to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        erased += 1;
    }
    if erased > 0 {
        tracing::info!(erased, "erased enquiries closed over three years ago");
    }
    Ok(erased)
}

/// Writes a whole enquiry with its history as if it had happened (the demo's), every line by
/// the member of staff `by`.
pub(crate) async fn insert_history(
    tx: &mut Transaction<'_, Any>,
    record: &EnquiryRecord,
    by: &str,
) -> Result<(), ApiError> {
    let body = serde_json::to_string(&Body {
        enquiry: record.enquiry.clone(),
        self_check: record.self_check,
    })
    .map_err(ApiError::internal)?;
    sqlx::query(
        "INSERT INTO enquiries (id, received_at, body, stage, assigned_to, household_id, closed_on) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&record.id)
    .bind(record.received_at)
    .bind(body)
    .bind(record.stage.as_str())
    .bind(record.assigned_to.as_ref().map(|a| a.id.clone()))
    .bind(record.household_id.clone())
    .bind(record.closed_on().map(|d| d.to_string()))
    .execute(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    for event in &record.events {
        add_event(tx, &record.id, by, &event.happened, &event.note, event.at).await?;
    }
    Ok(())
}
