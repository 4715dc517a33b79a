//! Support groups on the server: the groups and sessions published to every device, the
//! bookings table, and the booking decision (`portal_core::groups`) applied inside a push's
//! transaction. Every push takes the change counter first and holds it until it commits, so
//! bookings are decided one at a time: two households asking for the last place while both
//! offline get one place between them, whoever's push arrives first.

use std::collections::BTreeMap;

use portal_core::details::MyDetails;
use portal_core::groups::{
    Attendance, Booking, BookingStatus, Group, GroupNotice, News, Register, Session,
    SessionBookings, SessionEdit, SessionForm, SessionView, StaffBooking, StaffGroup, StaffSession,
    households_booked, promote_waiting, take_register,
};
use portal_core::notices::NoticeKind;
use portal_core::sync::wire::collection::{
    BOOKINGS, GROUP_NOTICES, GROUP_SESSIONS, GROUPS, MY_DETAILS,
};
use sqlx::{Any, Transaction};

use crate::api::ApiError;
use crate::auth::secrets::new_id;
use crate::sync::{put_record, put_service_record, service_record, service_records};

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

type BookingRow = (String, String, String, String, String, i64, Option<String>);

fn attendance_of(raw: Option<&str>) -> Option<Attendance> {
    match raw {
        Some("attended") => Some(Attendance::Attended),
        Some("did_not_attend") => Some(Attendance::DidNotAttend),
        _ => None,
    }
}

const fn attendance_str(attendance: Option<Attendance>) -> Option<&'static str> {
    match attendance {
        Some(Attendance::Attended) => Some("attended"),
        Some(Attendance::DidNotAttend) => Some("did_not_attend"),
        None => None,
    }
}

fn booking_of(row: BookingRow) -> Result<Booking, ApiError> {
    let (id, session_id, household_id, members, status, order, attendance) = row;
    Ok(Booking {
        id,
        session_id,
        household_id,
        members: serde_json::from_str(&members).map_err(ApiError::internal)?,
        status: BookingStatus::parse(&status)
            .ok_or_else(|| ApiError::internal(format!("unknown booking status {status}")))?,
        order: u64::try_from(order).unwrap_or(0),
        attendance: attendance_of(attendance.as_deref()),
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
    let view: Option<SessionView> = service_record(&mut **tx, GROUP_SESSIONS, session_id).await?;
    let group = match &view {
        Some(view) => service_record(&mut **tx, GROUPS, &view.session.group_id).await?,
        None => None,
    };
    let rows: Vec<BookingRow> = sqlx::query_as(
        "SELECT id, session_id, household_id, members, status, ord, attendance FROM bookings \
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
        carer_type: None,
        now: 0,
        next_order: 0,
        promoted: Vec::new(),
    })
}

/// Where each booking of a session stood when it was read, to tell what a change did.
pub type Before = BTreeMap<String, (BookingStatus, Option<Attendance>)>;

pub fn before(state: &SessionBookings) -> Before {
    state
        .bookings
        .iter()
        .map(|b| (b.id.clone(), (b.status, b.attendance)))
        .collect()
}

/// Tells a household some news about a session: a record of its own, so only that household
/// receives it, at its next sync.
pub async fn send_notice(
    tx: &mut Transaction<'_, Any>,
    household_id: &str,
    session_id: &str,
    news: News,
    now: i64,
    change: i64,
) -> Result<(), ApiError> {
    let notice = GroupNotice {
        id: new_id().map_err(ApiError::internal)?,
        session_id: session_id.to_owned(),
        news,
        sent: now,
    };
    let body = serde_json::to_string(&notice).map_err(ApiError::internal)?;
    put_record(tx, GROUP_NOTICES, &notice.id, household_id, &body, change).await?;
    // A place given and a session cancelled change someone's plans, so they are emailed too;
    // a message or a new time is seen at the next sync.
    let email = match notice.news {
        News::GivenPlace => Some(NoticeKind::PlaceOffered),
        News::Cancelled { .. } => Some(NoticeKind::SessionCancelled),
        News::Moved | News::Message { .. } => None,
    };
    if let Some(kind) = email {
        crate::outbox::send_to_household(tx, household_id, kind, now).await?;
    }
    Ok(())
}

/// Tells every household with a place or on the waiting list the same news.
async fn tell_everyone_booked(
    tx: &mut Transaction<'_, Any>,
    state: &SessionBookings,
    session_id: &str,
    news: &News,
    now: i64,
    change: i64,
) -> Result<usize, ApiError> {
    let households = households_booked(&state.bookings, session_id);
    for household in &households {
        send_notice(tx, household, session_id, news.clone(), now, change).await?;
    }
    Ok(households.len())
}

/// Writes the bookings a change altered (`before` is how they were read), publishes each
/// altered booking to its household, tells a household given a place from the waiting list,
/// and publishes the session's places left to everyone.
pub async fn write_session(
    tx: &mut Transaction<'_, Any>,
    state: &SessionBookings,
    before: &Before,
    now: i64,
    change: i64,
) -> Result<(), ApiError> {
    let mut changed = false;
    for booking in &state.bookings {
        let was = before.get(&booking.id);
        if was == Some(&(booking.status, booking.attendance)) {
            continue;
        }
        changed = true;
        let members = serde_json::to_string(&booking.members).map_err(ApiError::internal)?;
        sqlx::query(
            "INSERT INTO bookings (id, session_id, household_id, members, status, ord, attendance) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (id) DO UPDATE SET status = excluded.status, attendance = excluded.attendance",
        )
        .bind(&booking.id)
        .bind(&booking.session_id)
        .bind(&booking.household_id)
        .bind(&members)
        .bind(booking.status.as_str())
        .bind(i64::try_from(booking.order).unwrap_or(i64::MAX))
        .bind(attendance_str(booking.attendance))
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
        if was.map(|w| w.0) == Some(BookingStatus::Waitlisted)
            && booking.status == BookingStatus::Confirmed
        {
            send_notice(
                tx,
                &booking.household_id,
                &booking.session_id,
                News::GivenPlace,
                now,
                change,
            )
            .await?;
        }
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

/// A group as published, if there is one with that id.
pub async fn group(db: &crate::db::Database, id: &str) -> Result<Option<Group>, ApiError> {
    service_record(db.pool(), GROUPS, id).await
}

/// A booking row with the household's name and My details (for who is coming, by name).
type StaffBookingRow = (
    String,
    String,
    String,
    String,
    String,
    i64,
    Option<String>,
    String,
    Option<String>,
);

/// Every group with its sessions (by date) and their bookings (in the order made), for staff.
pub async fn staff_list(db: &crate::db::Database) -> Result<Vec<StaffGroup>, ApiError> {
    let groups: Vec<Group> = service_records(db.pool(), GROUPS).await?;
    let mut views: Vec<SessionView> = service_records(db.pool(), GROUP_SESSIONS).await?;
    views.sort_unstable_by_key(|v| (v.session.date, v.session.starts));
    let rows: Vec<StaffBookingRow> = sqlx::query_as(
        "SELECT b.id, b.session_id, b.household_id, b.members, b.status, b.ord, b.attendance, h.name, r.body \
             FROM bookings b JOIN households h ON h.id = b.household_id \
             LEFT JOIN records r ON r.collection = $1 AND r.id = b.household_id \
             ORDER BY b.ord",
    )
    .bind(MY_DETAILS)
    .fetch_all(db.pool())
    .await
    .map_err(ApiError::internal)?;
    let mut by_session: BTreeMap<String, Vec<StaffBooking>> = BTreeMap::new();
    for (id, session_id, household_id, members, status, order, attendance, name, details) in rows {
        let booking = booking_of((
            id,
            session_id,
            household_id,
            members,
            status,
            order,
            attendance,
        ))?;
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
                id: booking.id,
                household: name,
                people,
                status: booking.status,
                attendance: booking.attendance,
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

/// Starts a staff change to one session: its transaction, change number and bookings.
async fn open_session(
    db: &crate::db::Database,
    session_id: &str,
) -> Result<(Transaction<'static, Any>, i64, SessionBookings, Session), ApiError> {
    let mut tx = db.pool().begin().await.map_err(ApiError::internal)?;
    let change = crate::sync::next_change(&mut tx)
        .await
        .map_err(ApiError::internal)?;
    let state = session_bookings(&mut tx, session_id).await?;
    let session = state.session.clone().ok_or(ApiError::NoSuchSession)?;
    Ok((tx, change, state, session))
}

/// Cancels a session, saying why: everyone booked is told at their next sync, and calendar
/// files made afterwards remove it.
pub async fn cancel_session(
    db: &crate::db::Database,
    session_id: &str,
    reason: &str,
    now: i64,
) -> Result<SessionView, ApiError> {
    let (mut tx, change, state, mut session) = open_session(db, session_id).await?;
    if session.cancelled.is_some() {
        return Ok(SessionView::new(session, &state.bookings));
    }
    session
        .cancel(reason)
        .map_err(|message| ApiError::BadRequest(message.to_owned()))?;
    publish_session(&mut tx, &session, &state.bookings, change).await?;
    let news = News::Cancelled {
        reason: session.cancelled.clone().unwrap_or_default(),
    };
    tell_everyone_booked(&mut tx, &state, session_id, &news, now, change).await?;
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(SessionView::new(session, &state.bookings))
}

/// Changes a session. Places added go to the waiting list in order; a change of time or place
/// is news for everyone booked. A form opened before someone else's change is refused.
pub async fn edit_session(
    db: &crate::db::Database,
    session_id: &str,
    form: &SessionForm,
    now: i64,
) -> Result<SessionView, ApiError> {
    let (mut tx, change, mut state, session) = open_session(db, session_id).await?;
    if form.version != session.version {
        return Err(ApiError::EditConflict);
    }
    let taken: usize = state
        .bookings
        .iter()
        .filter(|b| b.status == BookingStatus::Confirmed)
        .map(|b| b.members.len())
        .sum();
    let carer = match form.co_facilitator.trim() {
        "" => None,
        id => crate::carers::lead_carer_name(&mut tx, id).await?,
    };
    let today = portal_core::date::CalendarDate::uk_date_of(now);
    let SessionEdit { session, moved } = form
        .apply(&session, today, taken, |_| carer.clone())
        .map_err(|p| crate::api::form_problems(p.iter().map(|p| p.message.as_str())))?;
    let read = before(&state);
    promote_waiting(&session, &mut state.bookings);
    state.session = Some(session.clone());
    write_session(&mut tx, &state, &read, now, change).await?;
    publish_session(&mut tx, &session, &state.bookings, change).await?;
    if moved {
        tell_everyone_booked(&mut tx, &state, session_id, &News::Moved, now, change).await?;
    }
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(SessionView::new(session, &state.bookings))
}

/// Takes a session's register; each household's devices receive their booking's mark.
pub async fn register(
    db: &crate::db::Database,
    session_id: &str,
    register: &Register,
    now: i64,
) -> Result<(), ApiError> {
    let (mut tx, change, mut state, session) = open_session(db, session_id).await?;
    let read = before(&state);
    take_register(&session, &mut state.bookings, register, now)
        .map_err(|problem| ApiError::BadRequest(problem.to_string()))?;
    write_session(&mut tx, &state, &read, now, change).await?;
    tx.commit().await.map_err(ApiError::internal)
}

/// Sends a message to everyone booked on a session; returns how many households it went to.
pub async fn message_session(
    db: &crate::db::Database,
    session_id: &str,
    news: &News,
    now: i64,
) -> Result<usize, ApiError> {
    let (mut tx, change, state, session) = open_session(db, session_id).await?;
    if session.cancelled.is_some() {
        return Err(ApiError::BadRequest(
            "This session has been cancelled, and everyone booked was told.".into(),
        ));
    }
    let told = tell_everyone_booked(&mut tx, &state, session_id, news, now, change).await?;
    tx.commit().await.map_err(ApiError::internal)?;
    Ok(told)
}
