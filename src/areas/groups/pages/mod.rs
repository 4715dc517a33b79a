//! The support group pages (the groups app, see `crate::areas::groups`), and the words they share.

pub mod bookings;
pub mod find;
pub mod news;
pub mod not_found;
pub mod session;
pub mod support;

use portal_core::groups::{Session, SessionView};

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// "Tuesday 1 December 2026, 7pm to 9pm" (UK time, as the session keeps it).
pub fn when(session: &Session) -> String {
    format!(
        "{} {}, {} to {}",
        WEEKDAYS[usize::from(session.date.weekday() % 7)],
        session.date.long_form(),
        session.starts.words(),
        session.ends.words()
    )
}

/// Where it meets: in person, online, or both.
pub fn where_words(session: &Session) -> String {
    match (&session.place, &session.joining_link) {
        (Some(place), Some(_)) => format!("{place}, or online"),
        (Some(place), None) => place.clone(),
        (None, Some(_)) => "Online".to_owned(),
        (None, None) => "To be confirmed".to_owned(),
    }
}

/// How full it is, in words.
pub fn places_words(view: &SessionView) -> String {
    let households = |n: u32| crate::words::count(n as usize, "household", "households");
    match (view.places_left, view.waiting) {
        (None, _) => "Places: no limit".to_owned(),
        (Some(0), 0) => "Full: you can join the waiting list".to_owned(),
        (Some(_), waiting) if waiting > 0 => {
            format!("Full: {} on the waiting list", households(waiting))
        }
        (Some(1), _) => "1 place left".to_owned(),
        (Some(left), _) => format!("{left} places left"),
    }
}

/// Whether asking now joins the waiting list rather than taking a place.
pub fn is_full(view: &SessionView, wanted: usize) -> bool {
    view.waiting > 0
        || view
            .places_left
            .is_some_and(|left| usize::from(left) < wanted.max(1))
}

#[cfg(test)]
mod tests {
    use portal_core::date::{CalendarDate, LocalTime};

    use super::*;

    fn view(places_left: Option<u16>, waiting: u32) -> SessionView {
        SessionView {
            session: Session {
                id: "s1".into(),
                group_id: "g1".into(),
                date: CalendarDate::parse("2026-12-01").expect("date"),
                starts: LocalTime::parse("19:00").expect("time"),
                ends: LocalTime::parse("21:30").expect("time"),
                place: Some("Northby Library".into()),
                joining_link: Some("https://meet.example/northby".into()),
                capacity: Some(10),
                booking_closes: None,
                facilitators: vec![],
                co_facilitator: None,
                accessibility: None,
                cancelled: None,
                version: 1,
            },
            places_left,
            waiting,
        }
    }

    #[test]
    fn a_session_is_described_in_words() {
        let open = view(Some(3), 0);
        assert_eq!(
            when(&open.session),
            "Tuesday 1 December 2026, 7pm to 9:30pm"
        );
        assert_eq!(where_words(&open.session), "Northby Library, or online");
        assert_eq!(places_words(&open), "3 places left");
        assert_eq!(places_words(&view(Some(1), 0)), "1 place left");
        assert_eq!(
            places_words(&view(Some(0), 0)),
            "Full: you can join the waiting list"
        );
        assert_eq!(
            places_words(&view(Some(0), 1)),
            "Full: 1 household on the waiting list"
        );
        assert_eq!(places_words(&view(None, 0)), "Places: no limit");
    }

    #[test]
    fn nobody_jumps_a_waiting_list_and_a_household_needs_room_for_everyone() {
        assert!(!is_full(&view(Some(2), 0), 2));
        assert!(is_full(&view(Some(1), 0), 2));
        assert!(is_full(&view(Some(5), 1), 1), "someone is already waiting");
        assert!(!is_full(&view(None, 0), 4));
    }
}
