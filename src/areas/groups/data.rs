//! Support groups as the carer should see them, read from the device's storage: the service's
//! groups and sessions, and the household's bookings with every request still waiting on this
//! device shown as "requested" (only the server can decide one). Plain functions over the
//! store, so they are tested natively.

use std::collections::{BTreeMap, BTreeSet};

use portal_core::groups::{
    Attendance, Booking, BookingChange, BookingStatus, Group, GroupNotice, SessionView,
};
use portal_core::mutation::{booking_change, training_change};
use portal_core::support::{CONTACTS_ID, SupportContacts};
use portal_core::sync::wire::collection::{
    BOOKINGS, GROUP_NOTICES, GROUP_SESSIONS, GROUPS, SUPPORT_CONTACTS, TRAINING_ENTRIES,
};
use portal_core::training::TrainingChange;

use crate::storage::{StorageError, Store, UserStore};
use crate::sync_engine::waiting_changes;

/// Where the household's booking for a session stands, as the carer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Asked for on this device; the service has not answered yet.
    Requested,
    Confirmed,
    Waitlisted,
    /// Given up (here, waiting to be sent, or already).
    Cancelled,
}

impl Place {
    /// In words, never by colour alone.
    pub const fn words(self) -> &'static str {
        match self {
            Self::Requested => "Requested",
            Self::Confirmed => "You have a place",
            Self::Waitlisted => "On the waiting list",
            Self::Cancelled => "Cancelled",
        }
    }

    pub const fn is_live(self) -> bool {
        !matches!(self, Self::Cancelled)
    }
}

/// A booking as shown: the server's (or the request's) details, where it stands, and whether a
/// change to it is still waiting on this device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub id: String,
    pub session_id: String,
    pub members: Vec<String>,
    pub place: Place,
    pub waiting_to_send: bool,
    /// The register, once taken.
    pub attendance: Option<Attendance>,
    /// Whether the attended session is in the learning log (or waiting to be sent to it).
    pub logged: bool,
}

/// News about a session, and whether the person has marked it as seen on this device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewsShown {
    pub notice: GroupNotice,
    pub seen: bool,
}

/// What the groups pages show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupsData {
    /// By title.
    pub groups: Vec<Group>,
    /// By date and time.
    pub sessions: Vec<SessionView>,
    pub bookings: Vec<Shown>,
    /// Newest first.
    pub news: Vec<NewsShown>,
    pub contacts: Option<SupportContacts>,
}

impl GroupsData {
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    pub fn session(&self, id: &str) -> Option<&SessionView> {
        self.sessions.iter().find(|s| s.session.id == id)
    }

    /// The household's booking for a session that still holds (or asks for) a place.
    pub fn live_booking(&self, session_id: &str) -> Option<&Shown> {
        self.bookings
            .iter()
            .find(|b| b.session_id == session_id && b.place.is_live())
    }
}

const fn place_of(status: BookingStatus) -> Place {
    match status {
        BookingStatus::Confirmed => Place::Confirmed,
        BookingStatus::Waitlisted => Place::Waitlisted,
        BookingStatus::Cancelled => Place::Cancelled,
    }
}

/// Reads the groups, sessions and the household's bookings.
pub fn groups_data<S: Store>(user: &UserStore<'_, S>) -> Result<GroupsData, StorageError> {
    let (mut groups, _) = user.records::<Group>(GROUPS)?;
    groups.sort_by_cached_key(|g| g.title.to_lowercase());
    let (mut sessions, _) = user.records::<SessionView>(GROUP_SESSIONS)?;
    sessions.sort_unstable_by_key(|s| (s.session.date, s.session.starts));
    let (server, _) = user.records::<Booking>(BOOKINGS)?;
    let mut bookings: BTreeMap<String, Shown> = server
        .into_iter()
        .map(|b| {
            let shown = Shown {
                id: b.id.clone(),
                session_id: b.session_id,
                members: b.members,
                place: place_of(b.status),
                waiting_to_send: false,
                attendance: b.attendance,
                logged: false,
            };
            (b.id, shown)
        })
        .collect();
    for queued in waiting_changes(user, booking_change)? {
        match queued.mutation {
            BookingChange::Book {
                id,
                session_id,
                members,
            } => {
                // A request the server has already answered shows the answer.
                bookings.entry(id.clone()).or_insert(Shown {
                    id,
                    session_id,
                    members,
                    place: Place::Requested,
                    waiting_to_send: true,
                    attendance: None,
                    logged: false,
                });
            }
            BookingChange::Cancel { id } => {
                if let Some(shown) = bookings.get_mut(&id) {
                    shown.place = Place::Cancelled;
                    shown.waiting_to_send = true;
                }
            }
        }
    }
    // An attended session is in the learning log once its entry is stored or waiting to go.
    let mut logging: BTreeSet<String> = BTreeSet::new();
    for queued in waiting_changes(user, training_change)? {
        if let TrainingChange::Save { id, .. } = queued.mutation {
            logging.insert(id);
        }
    }
    for shown in bookings.values_mut() {
        if shown.attendance == Some(Attendance::Attended) {
            let id = format!("group-{}", shown.id);
            shown.logged = logging.contains(&id)
                || user
                    .record::<serde::de::IgnoredAny>(TRAINING_ENTRIES, &id)?
                    .is_some();
        }
    }
    let seen = user.seen()?;
    let (notices, _) = user.records::<GroupNotice>(GROUP_NOTICES)?;
    let mut news: Vec<NewsShown> = notices
        .into_iter()
        .map(|notice| NewsShown {
            seen: seen.contains(&notice.id),
            notice,
        })
        .collect();
    news.sort_unstable_by_key(|n| std::cmp::Reverse(n.notice.sent));
    Ok(GroupsData {
        groups,
        sessions,
        bookings: bookings.into_values().collect(),
        news,
        contacts: user.record(SUPPORT_CONTACTS, CONTACTS_ID)?,
    })
}

#[cfg(test)]
mod tests {
    use portal_core::mutation::QueuedBooking;
    use portal_core::sync::ClientId;

    use super::*;
    use crate::storage::{DeviceStore, MemoryStore};

    fn booking(id: &str, session: &str, status: BookingStatus) -> String {
        serde_json::to_string(&Booking {
            id: id.into(),
            session_id: session.into(),
            household_id: "h1".into(),
            members: vec!["sam".into()],
            status,
            order: 1,
            attendance: None,
        })
        .expect("json")
    }

    #[test]
    fn a_request_waiting_on_the_device_shows_as_requested_until_the_service_answers() {
        let device = DeviceStore::open(MemoryStore::default()).expect("opens");
        let user = device.user("u1");
        let tab = ClientId::parse("tab-00000001").expect("id");
        let book = BookingChange::Book {
            id: "b2".into(),
            session_id: "s2".into(),
            members: vec!["sam".into()],
        };
        user.enqueue(&tab, &QueuedBooking { bookings: &book })
            .expect("queued");
        user.put_record(
            BOOKINGS,
            "b1",
            Some(&booking("b1", "s1", BookingStatus::Waitlisted)),
        )
        .expect("stored");
        let data = groups_data(&user).expect("reads");
        let requested = data.live_booking("s2").expect("the request");
        assert_eq!(
            (requested.place, requested.waiting_to_send),
            (Place::Requested, true)
        );
        assert_eq!(
            data.live_booking("s1").map(|b| b.place),
            Some(Place::Waitlisted)
        );

        // The service answers: the request is now a place.
        user.put_record(
            BOOKINGS,
            "b2",
            Some(&booking("b2", "s2", BookingStatus::Confirmed)),
        )
        .expect("stored");
        let data = groups_data(&user).expect("reads");
        assert_eq!(
            data.live_booking("s2").map(|b| b.place),
            Some(Place::Confirmed)
        );

        // Cancelled on the device: no longer a live booking, and waiting to send.
        user.enqueue(
            &tab,
            &QueuedBooking {
                bookings: &BookingChange::Cancel { id: "b1".into() },
            },
        )
        .expect("queued");
        let data = groups_data(&user).expect("reads");
        assert!(data.live_booking("s1").is_none());
        assert!(
            data.bookings
                .iter()
                .any(|b| b.id == "b1" && b.waiting_to_send)
        );
    }

    #[test]
    fn news_stays_new_until_seen_and_an_attended_session_logged_offline_counts_as_logged() {
        let device = DeviceStore::open(MemoryStore::default()).expect("opens");
        let user = device.user("u1");
        let notice = |id: &str, sent: i64| {
            serde_json::to_string(&GroupNotice {
                id: id.into(),
                session_id: "s1".into(),
                news: portal_core::groups::News::GivenPlace,
                sent,
            })
            .expect("json")
        };
        user.put_record(GROUP_NOTICES, "n1", Some(&notice("n1", 10)))
            .expect("stored");
        user.put_record(GROUP_NOTICES, "n2", Some(&notice("n2", 20)))
            .expect("stored");
        user.mark_seen("n1").expect("marked");
        let data = groups_data(&user).expect("reads");
        let news: Vec<(&str, bool)> = data
            .news
            .iter()
            .map(|n| (n.notice.id.as_str(), n.seen))
            .collect();
        assert_eq!(news, [("n2", false), ("n1", true)], "newest first");

        let mut attended: Booking =
            serde_json::from_str(&booking("b1", "s1", BookingStatus::Confirmed)).expect("json");
        attended.attendance = Some(Attendance::Attended);
        user.put_record(
            BOOKINGS,
            "b1",
            Some(&serde_json::to_string(&attended).expect("json")),
        )
        .expect("stored");
        assert!(!groups_data(&user).expect("reads").bookings[0].logged);
        let tab = ClientId::parse("tab-00000001").expect("id");
        let save = TrainingChange::Save {
            id: "group-b1".into(),
            form: Box::default(),
        };
        user.enqueue(
            &tab,
            &portal_core::mutation::QueuedTraining { training: &save },
        )
        .expect("queued");
        assert!(groups_data(&user).expect("reads").bookings[0].logged);
    }
}
