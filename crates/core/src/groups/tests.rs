use proptest::prelude::*;

use super::*;
use crate::details::Text;

fn date(raw: &str) -> CalendarDate {
    CalendarDate::parse(raw).expect(raw)
}

fn time(raw: &str) -> LocalTime {
    LocalTime::parse(raw).expect(raw)
}

fn member(id: &str, role: MemberRole) -> Member {
    Member {
        id: id.into(),
        name: Text::parse(id, "a name", 80).expect("name"),
        role,
    }
}

fn group() -> Group {
    Group {
        id: "g1".into(),
        title: "Northby reflective group".into(),
        kind: GroupKind::Reflective,
        description: "Monthly, with a guest speaker.".into(),
        area: Some("Northby".into()),
        for_carer_types: vec![],
        for_members: vec![],
        counts_as_training: true,
        standards: BTreeSet::new(),
    }
}

fn session(capacity: Option<u16>) -> Session {
    Session {
        id: "s1".into(),
        group_id: "g1".into(),
        date: date("2026-12-01"),
        starts: time("19:00"),
        ends: time("21:00"),
        place: Some("Northby Library".into()),
        joining_link: None,
        capacity,
        booking_closes: None,
        facilitators: vec!["Jo Okafor".into()],
        co_facilitator: None,
        accessibility: None,
        cancelled: None,
        version: 1,
    }
}

/// A week before the session.
fn now() -> i64 {
    uk_instant(date("2026-11-24"), time("12:00"))
}

fn state(capacity: Option<u16>, household: &str) -> SessionBookings {
    SessionBookings {
        session: Some(session(capacity)),
        group: Some(group()),
        bookings: Vec::new(),
        household_id: household.into(),
        household: vec![
            member(&format!("{household}-carer"), MemberRole::MainCarer),
            member(&format!("{household}-partner"), MemberRole::SecondCarer),
            member(&format!("{household}-child"), MemberRole::SonOrDaughter),
        ],
        carer_type: Some(CarerType::Mainstream),
        now: now(),
        next_order: 1,
        promoted: Vec::new(),
    }
}

/// The same state, as another household sees it.
fn as_household(mut state: SessionBookings, household: &str) -> SessionBookings {
    let other = self::state(None, household);
    state.household_id = other.household_id;
    state.household = other.household;
    state
}

fn book(id: &str, household: &str, who: &[&str]) -> BookingChange {
    BookingChange::Book {
        id: id.into(),
        session_id: "s1".into(),
        members: who.iter().map(|w| format!("{household}-{w}")).collect(),
    }
}

fn statuses(state: &SessionBookings) -> Vec<(String, BookingStatus)> {
    state
        .bookings
        .iter()
        .map(|b| (b.id.clone(), b.status))
        .collect()
}

#[test]
fn monthly_sessions_keep_their_weekday_rule_and_never_start_before_the_first_date() {
    // The first Tuesday of each month, starting after the first Tuesday of November 2026.
    let dates = series_dates(
        date("2026-11-10"),
        Repeat::MonthlyWeekday { nth: 1, weekday: 1 },
        3,
    );
    assert_eq!(
        dates,
        [date("2026-12-01"), date("2027-01-05"), date("2027-02-02")]
    );
    let last_fridays = series_dates(
        date("2027-01-01"),
        Repeat::MonthlyWeekday { nth: 5, weekday: 4 },
        2,
    );
    assert_eq!(last_fridays, [date("2027-01-29"), date("2027-02-26")]);
    let fortnightly = series_dates(date("2026-03-24"), Repeat::Weeks { weeks: 2 }, 3);
    assert_eq!(
        fortnightly,
        [date("2026-03-24"), date("2026-04-07"), date("2026-04-21")]
    );
    assert_eq!(
        series_dates(date("2026-03-24"), Repeat::Once, 5),
        [date("2026-03-24")]
    );
}

#[test]
fn a_series_across_the_clock_change_meets_at_the_same_clock_time() {
    let dates = series_dates(date("2026-10-20"), Repeat::Weeks { weeks: 1 }, 2);
    let starts: Vec<i64> = dates
        .iter()
        .map(|d| {
            UkTime {
                date: *d,
                time: time("19:00"),
            }
            .instant()
        })
        .collect();
    // 19:00 BST is 18:00 UTC; a week later, after the clocks go back, 19:00 GMT is 19:00 UTC.
    assert_eq!(starts[0] % 86_400, 18 * 3_600);
    assert_eq!(starts[1] % 86_400, 19 * 3_600);
    assert_eq!(starts[1] - starts[0], 7 * 86_400 + 3_600);
}

#[test]
fn places_go_in_order_and_nobody_jumps_the_waiting_list() {
    let mut state = state(Some(3), "a");
    book("a1", "a", &["carer", "partner"])
        .apply(&mut state)
        .expect("booked");
    let mut state = as_household(state, "b");
    book("b1", "b", &["carer", "partner"])
        .apply(&mut state)
        .expect("asked");
    let mut state = as_household(state, "c");
    // One place is left, but B is waiting: C waits too.
    book("c1", "c", &["carer"])
        .apply(&mut state)
        .expect("asked");
    assert_eq!(
        statuses(&state),
        [
            ("a1".into(), BookingStatus::Confirmed),
            ("b1".into(), BookingStatus::Waitlisted),
            ("c1".into(), BookingStatus::Waitlisted),
        ]
    );
    // A cancels: B (first in line) gets places, then C fits too.
    let mut state = as_household(state, "a");
    BookingChange::Cancel { id: "a1".into() }
        .apply(&mut state)
        .expect("cancelled");
    assert_eq!(state.promoted, ["b1", "c1"]);
    assert_eq!(
        statuses(&state),
        [
            ("a1".into(), BookingStatus::Cancelled),
            ("b1".into(), BookingStatus::Confirmed),
            ("c1".into(), BookingStatus::Confirmed),
        ]
    );
}

#[test]
fn a_request_replayed_three_times_is_one_booking() {
    let mut state = state(Some(1), "a");
    for _ in 0..3 {
        book("a1", "a", &["carer"])
            .apply(&mut state)
            .expect("the same booking");
    }
    assert_eq!(state.bookings.len(), 1);
    assert_eq!(state.next_order, 2);
}

#[test]
fn two_households_asking_for_the_last_place_get_one_place_between_them() {
    let mut state = state(Some(1), "a");
    book("a1", "a", &["carer"])
        .apply(&mut state)
        .expect("first");
    let mut state = as_household(state, "b");
    book("b1", "b", &["carer"])
        .apply(&mut state)
        .expect("second");
    let confirmed = state
        .bookings
        .iter()
        .filter(|b| b.status == BookingStatus::Confirmed)
        .count();
    assert_eq!(confirmed, 1);
    assert_eq!(state.bookings[1].status, BookingStatus::Waitlisted);
}

#[test]
fn refusals_say_why_in_plain_words() {
    let refusal = |state: &mut SessionBookings, change: BookingChange| {
        change.apply(state).expect_err("refused").message
    };
    let mut open = state(None, "a");
    assert_eq!(
        refusal(&mut open, book("x", "a", &[])),
        "Choose who is coming."
    );
    assert_eq!(
        refusal(&mut open, book("x", "a", &["stranger"])),
        Refusal::NotInHousehold.message()
    );
    assert_eq!(
        refusal(&mut open, book("x", "a", &["child"])),
        "This group is not for someone you chose."
    );
    book("a1", "a", &["carer"])
        .apply(&mut open)
        .expect("booked");
    assert_eq!(
        refusal(&mut open, book("a2", "a", &["partner"])),
        Refusal::AlreadyBooked.message()
    );

    let mut cancelled = state(None, "a");
    if let Some(s) = cancelled.session.as_mut() {
        s.cancelled = Some("The speaker is ill.".into());
    }
    assert_eq!(
        refusal(&mut cancelled, book("x", "a", &["carer"])),
        "This session has been cancelled."
    );
    let mut started = state(None, "a");
    started.now = uk_instant(date("2026-12-01"), time("19:00"));
    assert_eq!(
        refusal(&mut started, book("x", "a", &["carer"])),
        Refusal::Started.message()
    );
    let mut closed = state(None, "a");
    if let Some(s) = closed.session.as_mut() {
        s.booking_closes = Some(UkTime {
            date: date("2026-11-20"),
            time: time("17:00"),
        });
    }
    assert_eq!(
        refusal(&mut closed, book("x", "a", &["carer"])),
        "Booking for this session has closed."
    );
    let mut gone = state(None, "a");
    gone.session = None;
    assert_eq!(
        refusal(&mut gone, book("x", "a", &["carer"])),
        Refusal::NoSuchSession.message()
    );
}

#[test]
fn a_group_for_sons_and_daughters_admits_them_and_nobody_else() {
    let mut state = state(None, "a");
    if let Some(g) = state.group.as_mut() {
        g.kind = GroupKind::SonsAndDaughters;
        g.for_members = vec![MemberRole::SonOrDaughter];
    }
    book("a1", "a", &["child"])
        .apply(&mut state)
        .expect("booked");
    let mut second = self::state(None, "a");
    second.group = state.group.clone();
    assert!(book("a2", "a", &["carer"]).apply(&mut second).is_err());
}

#[test]
fn only_the_household_that_booked_can_cancel_and_cancelling_twice_is_harmless() {
    let mut state = state(Some(1), "a");
    book("a1", "a", &["carer"])
        .apply(&mut state)
        .expect("booked");
    let mut other = as_household(state.clone(), "b");
    let refused = BookingChange::Cancel { id: "a1".into() }
        .apply(&mut other)
        .expect_err("not theirs");
    assert_eq!(refused.code, "not_yours");
    for _ in 0..2 {
        BookingChange::Cancel { id: "a1".into() }
            .apply(&mut state)
            .expect("cancelled");
    }
    assert_eq!(state.bookings[0].status, BookingStatus::Cancelled);
    BookingChange::Cancel { id: "never".into() }
        .apply(&mut state)
        .expect("nothing to do");
}

/// A small calendar reader, to check the file by reading it back as a calendar program would.
fn events_in(file: &str) -> Vec<Vec<(String, String)>> {
    assert!(file.ends_with("\r\n"));
    for line in file.split("\r\n") {
        assert!(line.len() <= 75, "folded at 75 octets: {line:?}");
    }
    let unfolded = file.replace("\r\n ", "");
    let mut events = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').expect("name:value");
        match (name, value) {
            ("BEGIN", "VEVENT") => current = Some(Vec::new()),
            ("END", "VEVENT") => events.push(current.take().expect("in an event")),
            _ => {
                if let Some(event) = current.as_mut() {
                    event.push((name.to_owned(), value.to_owned()));
                }
            }
        }
    }
    events
}

fn field<'a>(event: &'a [(String, String)], name: &str) -> &'a str {
    event
        .iter()
        .find(|(n, _)| n == name)
        .map_or_else(|| panic!("no {name}"), |(_, v)| v.as_str())
}

#[test]
fn the_calendar_file_reads_back_with_uk_times_and_updates_by_uid() {
    let event = CalendarEvent {
        uid: "session-s1@portal.northby.example".into(),
        sequence: 3,
        title: "Reflective group; December".into(),
        description: "Bring your questions, and a friend.\nTea provided.".into(),
        location: "Northby Library, Room 2".into(),
        date: date("2026-12-01"),
        starts: time("19:00"),
        ends: time("21:00"),
        cancelled: false,
    };
    let long = CalendarEvent {
        uid: "session-s2@portal.northby.example".into(),
        title: "A group whose name is very long indeed, long enough to need folding twice over in the file".into(),
        cancelled: true,
        date: date("2026-07-07"),
        ..event.clone()
    };
    let file = calendar_file(
        &[event, long],
        uk_instant(date("2026-11-22"), time("09:30")),
    );
    assert!(file.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(file.contains("TZID:Europe/London"));
    let events = events_in(&file);
    assert_eq!(events.len(), 2);
    let first = &events[0];
    assert_eq!(field(first, "UID"), "session-s1@portal.northby.example");
    assert_eq!(
        field(first, "DTSTART;TZID=Europe/London"),
        "20261201T190000"
    );
    assert_eq!(field(first, "DTEND;TZID=Europe/London"), "20261201T210000");
    assert_eq!(field(first, "DTSTAMP"), "20261122T093000Z");
    assert_eq!(field(first, "SEQUENCE"), "3");
    assert_eq!(field(first, "STATUS"), "CONFIRMED");
    assert_eq!(field(first, "SUMMARY"), "Reflective group\\; December");
    assert_eq!(
        field(first, "DESCRIPTION"),
        "Bring your questions\\, and a friend.\\nTea provided."
    );
    let second = &events[1];
    assert_eq!(field(second, "STATUS"), "CANCELLED");
    assert!(field(second, "SUMMARY").ends_with("folding twice over in the file"));
    // Summer: still written as UK clock time, with the zone saying it is BST.
    assert_eq!(
        field(second, "DTSTART;TZID=Europe/London"),
        "20260707T190000"
    );
}

#[derive(Debug, Clone)]
enum Step {
    Book { household: u8, people: u8 },
    Cancel { booking: u8 },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0_u8..6, 1_u8..3).prop_map(|(household, people)| Step::Book { household, people }),
        (0_u8..12).prop_map(|booking| Step::Cancel { booking }),
    ]
}

proptest! {
    #[test]
    fn never_over_capacity_and_the_waiting_list_keeps_its_order(
        capacity in 1_u16..6,
        steps in prop::collection::vec(step(), 1..40),
    ) {
        let mut state = state(Some(capacity), "h0");
        let mut made: Vec<String> = Vec::new();
        for (n, step) in steps.iter().enumerate() {
            match step {
                Step::Book { household, people } => {
                    let name = format!("h{household}");
                    state = as_household(state, &name);
                    let who: Vec<&str> = ["carer", "partner"][..usize::from(*people)].to_vec();
                    let id = format!("b{n}");
                    // Sometimes asked twice, as a replay would.
                    for _ in 0..=(n % 2) {
                        let _ = book(&id, &name, &who).apply(&mut state);
                    }
                    made.push(id);
                }
                Step::Cancel { booking } => {
                    let Some(id) = made.get(usize::from(*booking)) else { continue };
                    let owner = state.bookings.iter().find(|b| &b.id == id).map(|b| b.household_id.clone());
                    if let Some(owner) = owner {
                        state = as_household(state, &owner);
                        BookingChange::Cancel { id: id.clone() }.apply(&mut state).expect("own booking");
                    }
                }
            }
            let confirmed: usize = state.bookings.iter()
                .filter(|b| b.status == BookingStatus::Confirmed)
                .map(|b| b.members.len())
                .sum();
            prop_assert!(confirmed <= usize::from(capacity), "{confirmed} > {capacity}");
            // Nobody is left waiting who would fit: the first in line needs more places than
            // are free (places only free up by cancelling, which promotes in order).
            let first_waiting = state.bookings.iter()
                .filter(|b| b.status == BookingStatus::Waitlisted)
                .min_by_key(|b| b.order);
            if let Some(first) = first_waiting {
                prop_assert!(confirmed + first.members.len() > usize::from(capacity));
            }
            let mut ids: Vec<&String> = state.bookings.iter().map(|b| &b.id).collect();
            ids.sort_unstable();
            ids.dedup();
            prop_assert_eq!(ids.len(), state.bookings.len(), "each booking once");
            let households: Vec<&String> = state.bookings.iter()
                .filter(|b| b.status != BookingStatus::Cancelled)
                .map(|b| &b.household_id)
                .collect();
            let mut unique = households.clone();
            unique.sort_unstable();
            unique.dedup();
            prop_assert_eq!(unique.len(), households.len(), "one live booking per household");
        }
    }
}

#[test]
fn kinds_have_names_that_read_back() {
    for kind in GroupKind::ALL {
        assert_eq!(GroupKind::parse(kind.as_str()), Some(kind));
        let json = serde_json::to_string(&kind).expect("json");
        assert_eq!(
            json,
            format!("\"{}\"", kind.as_str()),
            "the wire name is the same"
        );
    }
    assert_eq!(GroupKind::parse("nonsense"), None);
}

fn group_form() -> GroupForm {
    GroupForm {
        title: "  Northby reflective group ".into(),
        kind: "reflective".into(),
        description: "With a guest speaker.".into(),
        area: "Northby".into(),
        for_members: vec![],
        for_carer_types: vec![],
        counts_as_training: true,
        standards: vec![],
        first_date: "2026-12-08".into(),
        starts: "7pm".into(),
        ends: "21:00".into(),
        repeat: "monthly".into(),
        sessions: "3".into(),
        place: "Northby Library".into(),
        joining_link: String::new(),
        capacity: "12".into(),
        accessibility: String::new(),
    }
}

#[test]
fn a_group_form_makes_the_group_and_its_series_on_the_same_weekday_of_each_month() {
    let mut n = 0;
    let (group, sessions) = group_form()
        .parse("g1", date("2026-11-22"), || {
            n += 1;
            format!("s{n}")
        })
        .expect("valid");
    assert_eq!(group.title, "Northby reflective group");
    assert_eq!(group.kind, GroupKind::Reflective);
    // 8 December 2026 is the second Tuesday: so are the others.
    let dates: Vec<String> = sessions.iter().map(|s| s.date.to_string()).collect();
    assert_eq!(dates, ["2026-12-08", "2027-01-12", "2027-02-09"]);
    assert_eq!(sessions[2].id, "s3");
    assert!(
        sessions
            .iter()
            .all(|s| s.capacity == Some(12) && s.starts == time("19:00"))
    );
}

#[test]
fn each_mistake_in_a_group_form_is_said_against_its_field() {
    let wrong = GroupForm {
        title: String::new(),
        kind: "knitting".into(),
        for_members: vec!["cousin".into()],
        first_date: "2026-11-01".into(),
        starts: "9pm".into(),
        ends: "8pm".into(),
        repeat: "weekly".into(),
        sessions: "99".into(),
        place: String::new(),
        capacity: "lots".into(),
        ..group_form()
    };
    let problems = wrong
        .parse("g1", date("2026-11-22"), String::new)
        .expect_err("refused");
    let fields: Vec<GroupField> = problems.iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        [
            GroupField::Title,
            GroupField::Kind,
            GroupField::ForMembers,
            GroupField::FirstDate,
            GroupField::Ends,
            GroupField::Sessions,
            GroupField::Place,
            GroupField::Capacity,
        ]
    );
    assert_eq!(
        problems[3].message,
        "The first session must be today or later."
    );
    assert_eq!(problems[4].message, "The session must end after it starts.");
    // A one-off needs no count; an online group needs no place.
    let online = GroupForm {
        repeat: "once".into(),
        sessions: String::new(),
        place: String::new(),
        joining_link: "https://meet.example/northby".into(),
        capacity: String::new(),
        ..group_form()
    };
    let (_, sessions) = online
        .parse("g2", date("2026-11-22"), || "s".into())
        .expect("valid");
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].capacity, None);
}

#[test]
fn cancelling_a_session_needs_a_reason_and_makes_a_new_version() {
    let mut cancelled = session(Some(3));
    assert!(cancelled.cancel("  ").is_err());
    cancelled.cancel("The speaker is ill.").expect("cancelled");
    cancelled
        .cancel("Another reason")
        .expect("already cancelled");
    assert_eq!(cancelled.cancelled.as_deref(), Some("The speaker is ill."));
    assert_eq!(cancelled.version, 2);
    assert_eq!(cancelled.closed_at(now()), Some(Refusal::SessionCancelled));
}

fn confirmed(id: &str, household: &str, people: usize) -> Booking {
    Booking {
        id: id.into(),
        session_id: "s1".into(),
        household_id: household.into(),
        members: (0..people).map(|n| format!("{household}-{n}")).collect(),
        status: BookingStatus::Confirmed,
        order: 1,
        attendance: None,
    }
}

fn nobody(_: &str) -> Option<String> {
    None
}

#[test]
fn an_unchanged_session_form_saves_back_the_same_session_and_version() {
    let session = session(Some(10));
    let edit = SessionForm::of(&session)
        .apply(&session, date("2026-11-20"), 3, nobody)
        .expect("valid");
    assert_eq!(edit.session, session);
    assert!(!edit.moved);
}

#[test]
fn moving_a_session_is_news_and_a_new_version_but_more_places_are_not_news() {
    let session = session(Some(10));
    let mut form = SessionForm::of(&session);
    form.capacity = "12".into();
    let edit = form
        .apply(&session, date("2026-11-20"), 3, nobody)
        .expect("valid");
    assert_eq!(
        (edit.session.capacity, edit.session.version, edit.moved),
        (Some(12), 2, false)
    );
    form.starts = "6:30pm".into();
    let edit = form
        .apply(&session, date("2026-11-20"), 3, nobody)
        .expect("valid");
    assert!(edit.moved);
    assert_eq!(edit.session.starts, time("18:30"));
}

#[test]
fn a_session_form_refuses_fewer_places_than_are_taken_and_booking_closing_after_the_start() {
    let session = session(Some(10));
    let mut form = SessionForm::of(&session);
    form.capacity = "2".into();
    form.closes_date = "2026-12-01".into();
    form.closes_time = "20:00".into();
    form.co_facilitator = "h9".into();
    let problems = form
        .apply(&session, date("2026-11-20"), 3, nobody)
        .expect_err("problems");
    let fields: Vec<GroupField> = problems.iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        vec![
            GroupField::Capacity,
            GroupField::ClosesDate,
            GroupField::CoFacilitator
        ]
    );
    assert_eq!(
        problems[0].message,
        "3 places are already taken, so there must be at least 3 places."
    );
}

#[test]
fn a_session_cannot_move_into_the_past_or_change_once_cancelled() {
    let mut session = session(None);
    let mut form = SessionForm::of(&session);
    form.date = "2026-11-01".into();
    let problems = form
        .apply(&session, date("2026-11-20"), 0, nobody)
        .expect_err("in the past");
    assert_eq!(problems[0].field, GroupField::Date);
    session.cancel("The room flooded").expect("cancelled");
    let problems = SessionForm::of(&session)
        .apply(&session, date("2026-11-20"), 0, nobody)
        .expect_err("cancelled");
    assert!(problems[0].message.contains("cancelled"));
}

#[test]
fn a_carer_co_facilitates_by_name_once_and_booking_can_close_earlier() {
    let session = session(Some(10));
    let mut form = SessionForm::of(&session);
    form.co_facilitator = "h2".into();
    form.facilitators = "Jo Okafor\nSam Carer".into();
    form.closes_date = "30/11/2026".into();
    form.closes_time = "12pm".into();
    let edit = form
        .apply(&session, date("2026-11-20"), 0, |id| {
            (id == "h2").then(|| "Sam Carer".to_owned())
        })
        .expect("valid");
    assert_eq!(edit.session.facilitators, ["Jo Okafor", "Sam Carer"]);
    assert_eq!(
        edit.session.co_facilitator.map(|c| c.household_id),
        Some("h2".into())
    );
    assert_eq!(
        edit.session.booking_closes.map(UkTime::instant),
        Some(uk_instant(date("2026-11-30"), time("12:00")))
    );
    // The form opened again lists the carer once, in their own field.
    let again = SessionForm::of(
        &SessionForm::of(&session)
            .apply(&session, date("2026-11-20"), 0, nobody)
            .expect("valid")
            .session,
    );
    assert_eq!(again.co_facilitator, "");
}

#[test]
fn the_register_opens_at_the_start_and_marks_only_people_with_a_place() {
    let session = session(Some(10));
    let mut bookings = vec![confirmed("b1", "h1", 2), confirmed("b2", "h2", 1)];
    bookings[1].status = BookingStatus::Waitlisted;
    let mark = |id: &str, attendance| Register {
        marks: vec![Mark {
            booking_id: id.into(),
            attendance,
        }],
    };
    let start = session.start().instant();
    assert_eq!(
        take_register(
            &session,
            &mut bookings,
            &mark("b1", Attendance::Attended),
            start - 60
        ),
        Err(RegisterProblem::NotStarted)
    );
    assert_eq!(
        take_register(
            &session,
            &mut bookings,
            &mark("b2", Attendance::Attended),
            start
        ),
        Err(RegisterProblem::NoPlace)
    );
    assert_eq!(
        take_register(
            &session,
            &mut bookings,
            &mark("b1", Attendance::Attended),
            start
        ),
        Ok(vec!["b1".to_owned()])
    );
    // Marking the same again changes nothing.
    assert_eq!(
        take_register(
            &session,
            &mut bookings,
            &mark("b1", Attendance::Attended),
            start
        ),
        Ok(vec![])
    );
    assert_eq!(bookings[0].attendance, Some(Attendance::Attended));
}

fn staff_session(session: Session, bookings: Vec<StaffBooking>) -> StaffSession {
    StaffSession {
        view: SessionView::new(session, &[]),
        bookings,
    }
}

fn staff_booking(
    people: usize,
    status: BookingStatus,
    attendance: Option<Attendance>,
) -> StaffBooking {
    StaffBooking {
        id: format!("b{people}"),
        household: "A household".into(),
        people: vec!["Someone".into(); people],
        status,
        attendance,
    }
}

#[test]
fn numbers_count_people_by_group_and_month_and_the_waiting_lists_to_come() {
    let mut november = session(Some(10));
    november.date = date("2026-11-03");
    let mut october = session(Some(10));
    october.date = date("2026-10-06");
    let mut cancelled = session(Some(10));
    cancelled.date = date("2026-10-13");
    cancelled.cancelled = Some("Snow".into());
    let to_come = session(Some(1));
    let group = StaffGroup {
        group: group(),
        sessions: vec![
            staff_session(
                november,
                vec![
                    staff_booking(2, BookingStatus::Confirmed, Some(Attendance::Attended)),
                    staff_booking(1, BookingStatus::Confirmed, Some(Attendance::DidNotAttend)),
                    staff_booking(3, BookingStatus::Confirmed, None),
                    staff_booking(4, BookingStatus::Cancelled, None),
                ],
            ),
            staff_session(
                october,
                vec![staff_booking(
                    1,
                    BookingStatus::Confirmed,
                    Some(Attendance::Attended),
                )],
            ),
            staff_session(
                cancelled,
                vec![staff_booking(1, BookingStatus::Confirmed, None)],
            ),
            staff_session(
                to_come,
                vec![
                    staff_booking(1, BookingStatus::Confirmed, None),
                    staff_booking(2, BookingStatus::Waitlisted, None),
                    staff_booking(1, BookingStatus::Waitlisted, None),
                ],
            ),
        ],
    };
    let numbers = group_numbers(&[group], now());
    let rows: Vec<(&str, usize, usize, usize, usize, usize)> = numbers
        .attendance
        .iter()
        .map(|r| {
            (
                r.month.as_str(),
                r.sessions,
                r.places,
                r.attended,
                r.did_not_attend,
                r.not_recorded,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("October 2026", 1, 1, 1, 0, 0),
            ("November 2026", 1, 6, 2, 1, 3)
        ]
    );
    assert_eq!(numbers.waiting.len(), 1);
    assert_eq!(
        (numbers.waiting[0].households, numbers.waiting[0].people),
        (2, 3)
    );
}

#[test]
fn news_goes_once_to_each_household_booked_or_waiting() {
    let mut bookings = vec![
        confirmed("b1", "h1", 1),
        confirmed("b2", "h2", 1),
        confirmed("b3", "h1", 1),
        confirmed("b4", "h3", 1),
    ];
    bookings[1].status = BookingStatus::Waitlisted;
    bookings[3].status = BookingStatus::Cancelled;
    assert_eq!(households_booked(&bookings, "s1"), ["h1", "h2"]);
    assert!(SessionMessage { text: "  ".into() }.parse().is_err());
    assert!(
        SessionMessage {
            text: "x".repeat(1001)
        }
        .parse()
        .is_err()
    );
    assert_eq!(
        SessionMessage {
            text: " Room 2 tonight ".into()
        }
        .parse(),
        Ok(News::Message {
            text: "Room 2 tonight".into()
        })
    );
}

#[test]
fn the_attendance_csv_has_a_row_per_group_and_month_and_defuses_formulas() {
    let row = MonthAttendance {
        group: "=Men, who care".into(),
        month: "November 2026".into(),
        sessions: 2,
        places: 5,
        attended: 4,
        did_not_attend: 1,
        not_recorded: 0,
    };
    assert_eq!(
        attendance_csv(&[row]),
        "Group,Month,Sessions,Places taken,Attended,Did not attend,Not recorded\r\n\"'=Men, who care\",November 2026,2,5,4,1,0\r\n"
    );
}

#[test]
fn an_attended_session_becomes_a_valid_learning_log_entry_with_one_id() {
    let mut group = group();
    group.standards = TsdStandard::new(7).into_iter().collect();
    let session = session(Some(10));
    let mut booking = confirmed("b1", "h1", 1);
    booking.members = vec!["h1-carer".into()];
    let (id, form) = attended_entry(&group, &session, &booking);
    assert_eq!(id, "group-b1");
    let household = [member("h1-carer", MemberRole::MainCarer)];
    let entry = crate::training::Entry::parse(&id, &form, date("2026-12-02"), &household)
        .expect("a valid entry");
    assert_eq!(entry.title.as_str(), "Northby reflective group");
    assert_eq!(entry.duration.get(), 120);
    assert_eq!(
        entry.format,
        crate::training::TrainingFormat::ReflectiveGroup
    );
    assert_eq!(entry.standards.len(), 1);
    assert_eq!(
        attended_entry(&group, &session, &booking).0,
        id,
        "the same id again"
    );
}

#[test]
fn a_group_changed_on_its_own_keeps_its_id_and_sessions_are_added_to_it() {
    let group = group();
    let mut form = GroupForm::of(&group);
    assert_eq!(form.parse_group("g1"), Ok(group.clone()), "unchanged");
    form.standards = vec![7];
    form.title = "Northby reflective group (evenings)".into();
    let changed = form.parse_group("g1").expect("valid");
    assert_eq!(changed.standards.len(), 1);
    form.counts_as_training = false;
    assert!(form.parse_group("g1").expect("valid").standards.is_empty());
    form.standards = vec![9];
    form.counts_as_training = true;
    let problems = form.parse_group("g1").expect_err("no standard 9");
    assert_eq!(problems[0].field, GroupField::Standards);

    let mut more = GroupForm {
        first_date: "2026-12-01".into(),
        starts: "19:00".into(),
        ends: "21:00".into(),
        repeat: "weekly".into(),
        sessions: "2".into(),
        place: "Northby Library".into(),
        ..GroupForm::default()
    };
    let mut n = 0;
    let sessions = more
        .parse_sessions("g1", date("2026-11-20"), || {
            n += 1;
            format!("s{n}")
        })
        .expect("valid");
    let dates: Vec<String> = sessions.iter().map(|s| s.date.to_string()).collect();
    assert_eq!(dates, ["2026-12-01", "2026-12-08"]);
    assert!(sessions.iter().all(|s| s.group_id == "g1"));
    more.place = String::new();
    assert_eq!(
        more.parse_sessions("g1", date("2026-11-20"), String::new)
            .expect_err("nowhere")[0]
            .field,
        GroupField::Place
    );
}

#[test]
fn a_group_for_other_kinds_of_fostering_refuses_the_household() {
    let mut state = state(None, "h1");
    if let Some(group) = &mut state.group {
        group.for_carer_types = vec![CarerType::ShortBreaks];
    }
    let refused = book("b1", "h1", &["carer"])
        .apply(&mut state)
        .expect_err("not for mainstream carers");
    assert_eq!(refused.code, "not_for_household");
    assert!(state.bookings.is_empty());
    // The same group takes a short-breaks household.
    state.carer_type = Some(CarerType::ShortBreaks);
    book("b1", "h1", &["carer"])
        .apply(&mut state)
        .expect("booked");
    assert_eq!(
        statuses(&state),
        [("b1".to_owned(), BookingStatus::Confirmed)]
    );
}
