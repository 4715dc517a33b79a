//! Support groups on the server: the groups and sessions published to every device, the
//! bookings table, and the booking decision (`portal_core::groups`) applied inside a push's
//! transaction. Every push takes the change counter first and holds it until it commits, so
//! bookings are decided one at a time: two households asking for the last place while both
//! offline get one place between them, whoever's push arrives first.

use std::collections::BTreeMap;

use portal_core::details::MyDetails;
use portal_core::groups::{
    Booking, BookingStatus, Group, Session, SessionBookings, SessionView, StaffBooking, StaffGroup,
    StaffSession,
};
use portal_core::sync::wire::collection::{BOOKINGS, GROUP_SESSIONS, GROUPS, MY_DETAILS};
use sqlx::{Any, Transaction};

use crate::api::ApiError;
use crate::sync::{put_record, put_service_record};

async fn service_record<T: serde::de::DeserializeOwned>(
    tx: &mut Transaction<'_, Any>,
    collection: &str,
    id: &str,
) -> Result<Option<T>, ApiError> {
    let body: Option<Option<String>> =
        sqlx::query_scalar("SELECT body FROM service_records WHERE collection = $1 AND id = $2")
            .bind(collection)
            .bind(id)
            .fetch_optional(&mut **tx)
            .await
            .map_err(ApiError::internal)?;
    body.flatten()
        .map(|b| serde_json::from_str(&b))
        .transpose()
        .map_err(ApiError::internal)
}

/// Publishes a group to every device.
pub async fn publish_group(
    tx: &mut Transaction<'_, Any>,
    group: &Group,
    change: i64,
) -> Result<(), ApiError> {
    let body = serde_json::to_string(group).map_err(ApiError::internal)?;
    put_service_record(tx, GROUPS, &group.id, &body, change).await
}

/// Publishes a session with its places left and waiting list counted from `bookings`.
pub async fn publish_session(
    tx: &mut Transaction<'_, Any>,
    session: &Session,
    bookings: &[Booking],
    change: i64,
) -> Result<(), ApiError> {
    let view = SessionView::new(session.clone(), bookings);
    let body = serde_json::to_string(&view).map_err(ApiError::internal)?;
    put_service_record(tx, GROUP_SESSIONS, &session.id, &body, change).await
}

type BookingRow = (String, String, String, String, String, i64);

fn booking_of(row: BookingRow) -> Result<Booking, ApiError> {
    let (id, session_id, household_id, members, status, order) = row;
    Ok(Booking {
        id,
        session_id,
        household_id,
        members: serde_json::from_str(&members).map_err(ApiError::internal)?,
        status: BookingStatus::parse(&status)
            .ok_or_else(|| ApiError::internal(format!("unknown booking status {status}")))?,
        order: u64::try_from(order).unwrap_or(0),
    })
}

/// Where a booking id stands: free, this household's (for which session), or another's.
#[derive(Debug)]
pub enum BookingOwner {
    Nobody,
    Household { session_id: String },
    Other,
}

pub async fn booking_owner(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
    booking_id: &str,
) -> Result<BookingOwner, ApiError> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT household_id, session_id FROM bookings WHERE id = $1")
            .bind(booking_id)
            .fetch_optional(&mut **tx)
            .await
            .map_err(ApiError::internal)?;
    Ok(match row {
        None => BookingOwner::Nobody,
        Some((household, session_id)) if household == household_id => {
            BookingOwner::Household { session_id }
        }
        Some(_) => BookingOwner::Other,
    })
}

/// Everything a booking decision for one session needs, read inside the push's transaction.
pub async fn session_bookings(
    tx: &mut Transaction<'_, Any>,
    session_id: &str,
) -> Result<SessionBookings, ApiError> {
    let view: Option<SessionView> = service_record(tx, GROUP_SESSIONS, session_id).await?;
    let group = match &view {
        Some(view) => service_record(tx, GROUPS, &view.session.group_id).await?,
        None => None,
    };
    let rows: Vec<BookingRow> = sqlx::query_as(
        "SELECT id, session_id, household_id, members, status, ord FROM bookings \
         WHERE session_id = $1 ORDER BY ord",
    )
    .bind(session_id)
    .fetch_all(&mut **tx)
    .await
    .map_err(ApiError::internal)?;
    Ok(SessionBookings {
        session: view.map(|v| v.session),
        group,
        bookings: rows.into_iter().map(booking_of).collect::<Result<_, _>>()?,
        household_id: String::new(),
        household: Vec::new(),
        now: 0,
        next_order: 0,
        promoted: Vec::new(),
    })
}

/// Writes the bookings a push changed (`before` is how they were read), publishes each changed
/// booking to its household (another household's too, when it was given a place from the
/// waiting list), and the session's places left to everyone.
pub async fn write_session(
    tx: &mut Transaction<'_, Any>,
    state: &SessionBookings,
    before: &BTreeMap<String, BookingStatus>,
    change: i64,
) -> Result<(), ApiError> {
    let mut changed = false;
    for booking in &state.bookings {
        if before.get(&booking.id) == Some(&booking.status) {
            continue;
        }
        changed = true;
        let members = serde_json::to_string(&booking.members).map_err(ApiError::internal)?;
        sqlx::query(
            "INSERT INTO bookings (id, session_id, household_id, members, status, ord) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (id) DO UPDATE SET status = excluded.status",
        )
        .bind(&booking.id)
        .bind(&booking.session_id)
        .bind(&booking.household_id)
        .bind(&members)
        .bind(booking.status.as_str())
        .bind(i64::try_from(booking.order).unwrap_or(i64::MAX))
        .execute(&mut **tx)
        .await
        .map_err(ApiError::internal)?;
        let body = serde_json::to_string(booking).map_err(ApiError::internal)?;
        put_record(
            tx,
            BOOKINGS,
            &booking.id,
            &booking.household_id,
            &body,
            change,
        )
        .await?;
    }
    if let (true, Some(session)) = (changed, &state.session) {
        publish_session(tx, session, &state.bookings, change).await?;
    }
    Ok(())
}

/// Publishes a group and its sessions to every device in one change. Sessions already booked
/// keep their bookings (their places left are counted afresh).
pub async fn publish(
    db: &crate::db::Database,
    group: &Group,
    sessions: &[Session],
) -> Result<(), ApiError> {
    let mut tx = db.pool().begin().await.map_err(ApiError::internal)?;
    let change = crate::sync::next_change(&mut tx)
        .await
        .map_err(ApiError::internal)?;
    publish_group(&mut tx, group, change).await?;
    for session in sessions {
        let state = session_bookings(&mut tx, &session.id).await?;
        publish_session(&mut tx, session, &state.bookings, change).await?;
    }
    tx.commit().await.map_err(ApiError::internal)
}

/// A booking row with the household's name and My details (for who is coming, by name).
type StaffBookingRow = (
    String,
    String,
    String,
    String,
    String,
    i64,
    String,
    Option<String>,
);

/// Every group with its sessions (by date) and their bookings (in the order made), for staff.
pub async fn staff_list(db: &crate::db::Database) -> Result<Vec<StaffGroup>, ApiError> {
    let bodies = |collection: &'static str| {
        sqlx::query_scalar::<_, String>(
            "SELECT body FROM service_records WHERE collection = $1 AND body IS NOT NULL",
        )
        .bind(collection)
        .fetch_all(db.pool())
    };
    let parse = |body: &String| serde_json::from_str(body).map_err(ApiError::internal);
    let groups: Vec<Group> = bodies(GROUPS)
        .await
        .map_err(ApiError::internal)?
        .iter()
        .map(parse)
        .collect::<Result<_, _>>()?;
    let mut views: Vec<SessionView> = bodies(GROUP_SESSIONS)
        .await
        .map_err(ApiError::internal)?
        .iter()
        .map(|b| serde_json::from_str(b).map_err(ApiError::internal))
        .collect::<Result<_, _>>()?;
    views.sort_unstable_by_key(|v| (v.session.date, v.session.starts));
    let rows: Vec<StaffBookingRow> = sqlx::query_as(
        "SELECT b.id, b.session_id, b.household_id, b.members, b.status, b.ord, h.name, r.body \
             FROM bookings b JOIN households h ON h.id = b.household_id \
             LEFT JOIN records r ON r.collection = $1 AND r.id = b.household_id \
             ORDER BY b.ord",
    )
    .bind(MY_DETAILS)
    .fetch_all(db.pool())
    .await
    .map_err(ApiError::internal)?;
    let mut by_session: BTreeMap<String, Vec<StaffBooking>> = BTreeMap::new();
    for (id, session_id, household_id, members, status, order, name, details) in rows {
        let booking = booking_of((id, session_id, household_id, members, status, order))?;
        let details: MyDetails = details
            .map(|d| serde_json::from_str(&d))
            .transpose()
            .map_err(ApiError::internal)?
            .unwrap_or_default();
        let people = booking
            .members
            .iter()
            .map(|id| {
                details.members.iter().find(|m| &m.id == id).map_or_else(
                    || "Someone no longer in the household".to_owned(),
                    |m| m.name.as_str().to_owned(),
                )
            })
            .collect();
        by_session
            .entry(booking.session_id.clone())
            .or_default()
            .push(StaffBooking {
                household: name,
                people,
                status: booking.status,
            });
    }
    let mut out: Vec<StaffGroup> = groups
        .into_iter()
        .map(|group| {
            let sessions = views
                .iter()
                .filter(|v| v.session.group_id == group.id)
                .map(|view| StaffSession {
                    bookings: by_session.remove(&view.session.id).unwrap_or_default(),
                    view: view.clone(),
                })
                .collect();
            StaffGroup { group, sessions }
        })
        .collect();
    out.sort_by_cached_key(|g| g.group.title.to_lowercase());
    Ok(out)
}

/// Cancels a session, saying why: every device learns it at its next sync, and calendar files
/// made afterwards remove it.
pub async fn cancel_session(
    db: &crate::db::Database,
    session_id: &str,
    reason: &str,
) -> Result<SessionView, ApiError> {
    let mut tx = db.pool().begin().await.map_err(ApiError::internal)?;
    let change = crate::sync::next_change(&mut tx)
        .await
        .map_err(ApiError::internal)?;
    let state = session_bookings(&mut tx, session_id).await?;
    let mut session = state.session.ok_or(ApiError::NoSuchSession)?;
    session
        .cancel(reason)
        .map_err(|message| ApiError::BadRequest(message.to_owned()))?;
    publish_session(&mut tx, &session, &state.bookings, change).await?;
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(SessionView::new(session, &state.bookings))
}
