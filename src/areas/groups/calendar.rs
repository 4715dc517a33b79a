//! The household's bookings as a calendar file: one event per session, the same id every time,
//! so a later download updates a session that moved and removes one that was cancelled.

use std::collections::BTreeMap;

use portal_core::groups::CalendarEvent;

use crate::areas::groups::data::{GroupsData, Place, Shown};

/// The events for the household's bookings: places and waiting lists, and sessions given up or
/// cancelled (so calendars remove them). Requests the service has not answered are left out.
pub fn booking_events(data: &GroupsData) -> Vec<CalendarEvent> {
    // One event per session: a live booking wins over an earlier cancelled one.
    let mut by_session: BTreeMap<&str, &Shown> = BTreeMap::new();
    for booking in &data.bookings {
        if booking.place == Place::Requested {
            continue;
        }
        let keep = by_session
            .get(booking.session_id.as_str())
            .is_none_or(|kept| !kept.place.is_live());
        if keep {
            by_session.insert(&booking.session_id, booking);
        }
    }
    by_session
        .values()
        .filter_map(|booking| {
            let view = data.session(&booking.session_id)?;
            let session = &view.session;
            let group = data.group(&session.group_id)?;
            let given_up = booking.place == Place::Cancelled;
            let status = match booking.place {
                Place::Waitlisted => {
                    "You are on the waiting list: the portal will tell you if a place comes up."
                }
                _ => "You have a place.",
            };
            let location = match (&session.place, &session.joining_link) {
                (Some(place), Some(link)) => format!("{place} or online: {link}"),
                (Some(place), None) => place.clone(),
                (None, Some(link)) => format!("Online: {link}"),
                (None, None) => String::new(),
            };
            Some(CalendarEvent {
                uid: format!("session-{}@foster-carer-portal", session.id),
                // Giving up a place is a change to the event the carer downloaded before.
                sequence: session.version * 2 + u32::from(given_up),
                title: group.title.clone(),
                description: format!("{} {status}", group.kind.label()),
                location,
                date: session.date,
                starts: session.starts,
                ends: session.ends,
                cancelled: given_up || session.cancelled.is_some(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use portal_core::date::{CalendarDate, LocalTime};
    use portal_core::groups::{Group, GroupKind, Session, SessionView};

    use super::*;

    fn data(places: &[(&str, Place)]) -> GroupsData {
        let session = Session {
            id: "s1".into(),
            group_id: "g1".into(),
            date: CalendarDate::parse("2026-12-01").expect("date"),
            starts: LocalTime::parse("19:00").expect("time"),
            ends: LocalTime::parse("21:00").expect("time"),
            place: Some("Northby Library".into()),
            joining_link: None,
            capacity: Some(10),
            booking_closes: None,
            facilitators: vec![],
            co_facilitator: None,
            accessibility: None,
            cancelled: None,
            version: 3,
        };
        GroupsData {
            groups: vec![Group {
                id: "g1".into(),
                title: "Northby reflective group".into(),
                kind: GroupKind::Reflective,
                description: String::new(),
                area: None,
                for_carer_types: vec![],
                for_members: vec![],
                counts_as_training: true,
                standards: BTreeSet::new(),
            }],
            sessions: vec![SessionView {
                session,
                places_left: Some(3),
                waiting: 0,
            }],
            bookings: places
                .iter()
                .map(|(id, place)| Shown {
                    id: (*id).into(),
                    session_id: "s1".into(),
                    members: vec![],
                    place: *place,
                    waiting_to_send: false,
                    attendance: None,
                    logged: false,
                })
                .collect(),
            ..GroupsData::default()
        }
    }

    #[test]
    fn one_event_per_session_and_giving_up_a_place_cancels_it_in_a_later_version() {
        let booked = booking_events(&data(&[("b1", Place::Confirmed)]));
        assert_eq!(booked.len(), 1);
        assert!(!booked[0].cancelled);
        assert_eq!(booked[0].location, "Northby Library");
        let given_up = booking_events(&data(&[("b1", Place::Cancelled)]));
        assert!(given_up[0].cancelled);
        assert_eq!(given_up[0].uid, booked[0].uid, "the same event");
        assert!(
            given_up[0].sequence > booked[0].sequence,
            "a newer version of it"
        );
        // Booked again after giving up: the live booking is the event.
        let again = booking_events(&data(&[
            ("b1", Place::Cancelled),
            ("b2", Place::Waitlisted),
        ]));
        assert_eq!(again.len(), 1);
        assert!(!again[0].cancelled);
        assert!(again[0].description.contains("waiting list"));
        assert!(booking_events(&data(&[("b1", Place::Requested)])).is_empty());
    }
}
