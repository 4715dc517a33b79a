//! Support group bookings through the sync engine, on every database: many households asking at
//! once for one place get exactly one, a request replayed is one booking, cancelling gives the
//! place to the first on the waiting list, and refusals say why.

use std::collections::BTreeSet;

use portal_core::date::{CalendarDate, LocalTime};
use portal_core::groups::{
    Attendance, Booking, BookingStatus, Group, GroupKind, GroupNotice, News, Session, SessionForm,
    SessionView, StaffGroups, StaffSession,
};
use portal_core::household::CarerType;
use portal_core::sync::wire::PullResponse;
use serde_json::{Value, json};

use crate::common::{TestApp, demo_apps, lead_carer, pull, push};
use portal_server::Clock as _;

/// Carers of the demo households with a password.
pub(crate) const CARERS: [&str; 8] = [
    "carer@demo.test",
    "nowak@demo.test",
    "begum@demo.test",
    "hughes@demo.test",
    "mensah@demo.test",
    "obrien@demo.test",
    "clarke@demo.test",
    "ahmed@demo.test",
];

/// A group with one session a week after the test clock's date, with `capacity` places.
pub(crate) async fn session_with(app: &TestApp, capacity: u16) -> Session {
    session_for(app, capacity, vec![]).await
}

/// The same, for households of the kinds of fostering `for_carer_types` lists (all if none).
async fn session_for(app: &TestApp, capacity: u16, for_carer_types: Vec<CarerType>) -> Session {
    let group = Group {
        id: "group-test".into(),
        title: "Test group".into(),
        kind: GroupKind::Reflective,
        description: String::new(),
        area: None,
        for_carer_types,
        for_members: vec![],
        counts_as_training: false,
        standards: BTreeSet::new(),
    };
    let session = Session {
        id: format!("session-{capacity}"),
        group_id: group.id.clone(),
        date: CalendarDate::uk_date_of(app.clock.now()).add_days(7),
        starts: LocalTime::parse("19:00").expect("time"),
        ends: LocalTime::parse("21:00").expect("time"),
        place: Some("Northby Library".into()),
        joining_link: None,
        capacity: Some(capacity),
        booking_closes: None,
        facilitators: vec![],
        co_facilitator: None,
        accessibility: None,
        cancelled: None,
        version: 1,
    };
    portal_server::groups::publish(&app.state.db, &group, std::slice::from_ref(&session))
        .await
        .expect("published");
    session
}

fn book(id: &str, session: &Session, member: &str) -> Value {
    json!({"bookings": {"book": {"id": id, "session_id": session.id, "members": [member]}}})
}

/// The household's bookings for the tests' sessions (the demo's own are left out).
fn bookings(pulled: &PullResponse) -> Vec<Booking> {
    pulled
        .records
        .iter()
        .filter(|r| r.collection == "bookings")
        .filter_map(|r| r.body.as_ref())
        .map(|b| serde_json::from_str::<Booking>(b.get()).expect("a booking"))
        .filter(|b| b.session_id.starts_with("session-"))
        .collect()
}

/// The news about sessions a household has received, oldest first.
fn news(pulled: &PullResponse) -> Vec<News> {
    let mut notices: Vec<GroupNotice> = pulled
        .records
        .iter()
        .filter(|r| r.collection == "group_notices")
        .filter_map(|r| r.body.as_ref())
        .map(|b| serde_json::from_str(b.get()).expect("a notice"))
        .collect();
    notices.sort_by_key(|n| n.sent);
    notices.into_iter().map(|n| n.news).collect()
}

fn view(pulled: &PullResponse, session: &Session) -> SessionView {
    let body = pulled
        .records
        .iter()
        .rev()
        .find(|r| r.collection == "group_sessions" && r.id == session.id)
        .and_then(|r| r.body.as_ref())
        .expect("the session");
    serde_json::from_str(body.get()).expect("a session")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_households_asking_at_once_for_the_last_place_get_exactly_one() {
    for app in demo_apps().await {
        let session = session_with(&app, 1).await;
        let mut households = Vec::new();
        for email in CARERS {
            let cookie = app.sign_in_cookie(email).await;
            let member = lead_carer(&app, &cookie).await;
            households.push((email, cookie, member));
        }
        let mut pushes = tokio::task::JoinSet::new();
        for (n, (_, cookie, member)) in households.iter().enumerate() {
            let request = crate::common::push_request(
                cookie,
                &format!("tab-race-{n:04}"),
                &[(1, book(&format!("booking-race-{n}"), &session, member))],
            );
            let router = app.router.clone();
            pushes.spawn(async move {
                use tower::ServiceExt as _;
                router.oneshot(request).await.expect("infallible").status()
            });
        }
        while let Some(status) = pushes.join_next().await {
            assert_eq!(status.expect("task"), 200, "{}", app.label);
        }
        let mut confirmed = 0;
        let mut waiting = 0;
        for (email, cookie, _) in &households {
            let mine = bookings(&pull(&app, cookie, 0).await);
            assert_eq!(mine.len(), 1, "{email}: its own booking only");
            match mine[0].status {
                BookingStatus::Confirmed => confirmed += 1,
                BookingStatus::Waitlisted => waiting += 1,
                BookingStatus::Cancelled => panic!("nobody cancelled"),
            }
        }
        assert_eq!((confirmed, waiting), (1, CARERS.len() - 1), "{}", app.label);
        let seen = view(&pull(&app, &households[0].1, 0).await, &session);
        assert_eq!(seen.places_left, Some(0));
        assert_eq!(
            seen.waiting,
            u32::try_from(CARERS.len() - 1).expect("small")
        );
    }
}

#[tokio::test]
async fn a_booking_replayed_three_times_is_one_booking() {
    for app in demo_apps().await {
        let session = session_with(&app, 5).await;
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        let member = lead_carer(&app, &cookie).await;
        // The same request from three clients (a tab, a closed tab's queue sent by another,
        // and a device re-sending after a restore): one booking.
        for n in 0..3 {
            push(
                &app,
                &cookie,
                &format!("tab-replay-{n:04}"),
                &[(1, book("booking-once", &session, &member))],
            )
            .await;
        }
        let pulled = pull(&app, &cookie, 0).await;
        assert_eq!(bookings(&pulled).len(), 1, "{}", app.label);
        assert!(pulled.rejections.is_empty());
        assert_eq!(view(&pulled, &session).places_left, Some(4));
    }
}

#[tokio::test]
async fn cancelling_gives_the_place_to_the_first_on_the_waiting_list() {
    for app in demo_apps().await {
        let session = session_with(&app, 1).await;
        let mut people = Vec::new();
        for email in &CARERS[..3] {
            let cookie = app.sign_in_cookie(email).await;
            let member = lead_carer(&app, &cookie).await;
            people.push((cookie, member));
        }
        for (n, (cookie, member)) in people.iter().enumerate() {
            push(
                &app,
                cookie,
                &format!("tab-queue-{n:04}"),
                &[(1, book(&format!("booking-queue-{n}"), &session, member))],
            )
            .await;
        }
        // Another household cannot cancel the first household's booking.
        push(
            &app,
            &people[1].0,
            "tab-queue-0001",
            &[(
                2,
                json!({"bookings": {"cancel": {"id": "booking-queue-0"}}}),
            )],
        )
        .await;
        let refused = pull(&app, &people[1].0, 0).await;
        assert_eq!(refused.rejections.len(), 1, "{}", app.label);
        assert_eq!(refused.rejections[0].code, "not_yours");

        push(
            &app,
            &people[0].0,
            "tab-queue-0000",
            &[(
                2,
                json!({"bookings": {"cancel": {"id": "booking-queue-0"}}}),
            )],
        )
        .await;
        let status = |pulled: &PullResponse| bookings(pulled)[0].status;
        assert_eq!(
            status(&pull(&app, &people[0].0, 0).await),
            BookingStatus::Cancelled
        );
        assert_eq!(
            status(&pull(&app, &people[1].0, 0).await),
            BookingStatus::Confirmed,
            "first in line"
        );
        assert_eq!(
            status(&pull(&app, &people[2].0, 0).await),
            BookingStatus::Waitlisted
        );
    }
}

#[tokio::test]
async fn a_request_the_rules_refuse_says_why() {
    for app in demo_apps().await {
        let session = session_with(&app, 5).await;
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        push(
            &app,
            &cookie,
            "tab-refused",
            &[
                (1, book("booking-stranger", &session, "member-nobody")),
                (
                    2,
                    json!({"bookings": {"book": {"id": "booking-nowhere", "session_id": "no-such-session", "members": []}}}),
                ),
            ],
        )
        .await;
        let pulled = pull(&app, &cookie, 0).await;
        let reasons: Vec<(u64, &str)> = pulled
            .rejections
            .iter()
            .map(|r| (r.counter, r.message.as_str()))
            .collect();
        assert_eq!(
            reasons,
            [
                (
                    1,
                    "Someone chosen is no longer in your household. Choose who is coming again."
                ),
                (2, "This session is no longer in the list of groups."),
            ],
            "{}",
            app.label
        );
        assert!(bookings(&pulled).is_empty());
    }
}

fn group_form(title: &str) -> Value {
    json!({
        "title": title, "kind": "local", "description": "Coffee and a chat.", "area": "Kingsmoor",
        "for_members": [], "for_carer_types": [], "counts_as_training": false,
        "first_date": "2023-12-05", "starts": "10:00", "ends": "11:30", "repeat": "monthly",
        "sessions": "3", "place": "Kingsmoor Library", "joining_link": "", "capacity": "8",
        "accessibility": "Step-free access."
    })
}

/// A session as staff see it, with its bookings.
async fn staff_session(app: &TestApp, cookie: &str, session: &Session) -> StaffSession {
    let (_, list) = app
        .json(cookie, "GET", "/api/staff/groups", &Value::Null)
        .await;
    let list: StaffGroups = serde_json::from_value(list).expect("the groups");
    list.groups
        .into_iter()
        .flat_map(|g| g.sessions)
        .find(|s| s.view.session.id == session.id)
        .expect("the session")
}

#[tokio::test]
async fn staff_add_a_monthly_group_and_carers_devices_receive_its_sessions() {
    for app in demo_apps().await {
        let worker = app.staff_cookie("worker@demo.test").await;
        let (status, made) = app
            .json(
                &worker,
                "POST",
                "/api/staff/groups",
                &group_form("Kingsmoor coffee morning"),
            )
            .await;
        assert_eq!(status, 201, "{}: {made}", app.label);
        let dates: Vec<&str> = made["sessions"]
            .as_array()
            .expect("sessions")
            .iter()
            .map(|s| s["view"]["session"]["date"].as_str().expect("date"))
            .collect();
        // 5 December 2023 is the first Tuesday of its month; so are the others.
        assert_eq!(dates, ["2023-12-05", "2024-01-02", "2024-02-06"]);

        let carer = app.sign_in_cookie("hughes@demo.test").await;
        let pulled = pull(&app, &carer, 0).await;
        let group = pulled
            .records
            .iter()
            .filter(|r| r.collection == "groups")
            .filter_map(|r| r.body.as_ref())
            .find(|b| b.get().contains("Kingsmoor coffee morning"));
        assert!(group.is_some(), "{}", app.label);
        let sessions = pulled
            .records
            .iter()
            .filter(|r| r.collection == "group_sessions")
            .filter_map(|r| r.body.as_ref())
            .filter(|b| b.get().contains("Kingsmoor Library"))
            .count();
        assert_eq!(sessions, 3);

        let (status, refused) = app
            .json(&worker, "POST", "/api/staff/groups", &group_form(""))
            .await;
        assert_eq!(status, 400);
        assert!(
            refused["message"]
                .as_str()
                .expect("message")
                .contains("Enter the group's name.")
        );
    }
}

#[tokio::test]
async fn staff_cancel_a_session_and_everyone_booked_is_told_at_their_next_sync() {
    for app in demo_apps().await {
        let session = session_with(&app, 4).await;
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let member = lead_carer(&app, &carer).await;
        push(
            &app,
            &carer,
            "tab-cancelled",
            &[(1, book("booking-told", &session, &member))],
        )
        .await;

        let worker = app.staff_cookie("worker@demo.test").await;
        let booked = staff_session(&app, &worker, &session).await;
        assert_eq!(booked.bookings.len(), 1);
        assert_eq!(booked.bookings[0].household, "The Taylor household");
        assert_eq!(booked.bookings[0].people, ["Sam Taylor"]);
        assert_eq!(booked.view.places_left, Some(3));

        let path = format!("/api/staff/groups/sessions/{}/cancellation", session.id);
        let (status, _) = app
            .json(&worker, "POST", &path, &json!({"reason": "  "}))
            .await;
        assert_eq!(status, 400, "a reason is needed");
        let (status, cancelled) = app
            .json(
                &worker,
                "POST",
                &path,
                &json!({"reason": "The room is flooded."}),
            )
            .await;
        assert_eq!(status, 200, "{}: {cancelled}", app.label);
        let seen = view(&pull(&app, &carer, 0).await, &session);
        assert_eq!(
            seen.session.cancelled.as_deref(),
            Some("The room is flooded.")
        );
        assert_eq!(seen.session.version, 2);
        assert_eq!(
            news(&pull(&app, &carer, 0).await),
            [News::Cancelled {
                reason: "The room is flooded.".into()
            }]
        );
    }
}

/// Three households ask for a session with one place: one has it, two wait.
async fn full_session(app: &TestApp) -> (Session, Vec<(String, String)>) {
    let session = session_with(app, 1).await;
    let mut people = Vec::new();
    for (n, email) in CARERS[..3].iter().enumerate() {
        let cookie = app.sign_in_cookie(email).await;
        let member = lead_carer(app, &cookie).await;
        push(
            app,
            &cookie,
            &format!("tab-full-{n:04}"),
            &[(
                1,
                book(&format!("booking-full-{n}"), session_ref(&session), &member),
            )],
        )
        .await;
        people.push((cookie, member));
    }
    (session, people)
}

const fn session_ref(session: &Session) -> &Session {
    session
}

#[tokio::test]
async fn cancelling_a_place_tells_the_household_given_it() {
    for app in demo_apps().await {
        let (_, people) = full_session(&app).await;
        push(
            &app,
            &people[0].0,
            "tab-full-0000",
            &[(2, json!({"bookings": {"cancel": {"id": "booking-full-0"}}}))],
        )
        .await;
        assert_eq!(
            news(&pull(&app, &people[1].0, 0).await),
            [News::GivenPlace],
            "{}",
            app.label
        );
        assert!(
            news(&pull(&app, &people[2].0, 0).await).is_empty(),
            "still waiting"
        );
    }
}

#[tokio::test]
async fn staff_change_a_session_more_places_go_to_the_waiting_list_and_a_move_is_news() {
    for app in demo_apps().await {
        let (session, people) = full_session(&app).await;
        let worker = app.staff_cookie("worker@demo.test").await;
        let path = format!("/api/staff/groups/sessions/{}", session.id);
        let mut form = SessionForm::of(&session);
        form.capacity = "3".into();
        let body = serde_json::to_value(&form).expect("json");
        let (status, changed) = app.json(&worker, "PUT", &path, &body).await;
        assert_eq!(status, 200, "{}: {changed}", app.label);
        assert_eq!(changed["places_left"], 0);
        assert_eq!(changed["waiting"], 0);
        for (cookie, _) in &people[1..] {
            let pulled = pull(&app, cookie, 0).await;
            assert_eq!(bookings(&pulled)[0].status, BookingStatus::Confirmed);
            assert_eq!(news(&pulled), [News::GivenPlace]);
        }

        // The same form again was opened before that change: refused, not silently undone.
        let (status, _) = app.json(&worker, "PUT", &path, &body).await;
        assert_eq!(status, 409, "{}", app.label);

        // Fewer places than are taken is refused with the reason.
        form.version = 2;
        form.capacity = "2".into();
        let (status, refused) = app
            .json(
                &worker,
                "PUT",
                &path,
                &serde_json::to_value(&form).expect("json"),
            )
            .await;
        assert_eq!(status, 400);
        assert!(
            refused["message"]
                .as_str()
                .expect("message")
                .contains("at least 3 places")
        );

        // A new time is news for everyone booked, and nobody else.
        form.capacity = "3".into();
        form.starts = "18:30".into();
        let (status, _) = app
            .json(
                &worker,
                "PUT",
                &path,
                &serde_json::to_value(&form).expect("json"),
            )
            .await;
        assert_eq!(status, 200);
        let first = pull(&app, &people[0].0, 0).await;
        assert_eq!(news(&first), [News::Moved]);
        assert_eq!(view(&first, &session).session.starts.to_string(), "18:30");
        let outsider = app.sign_in_cookie(CARERS[5]).await;
        assert!(news(&pull(&app, &outsider, 0).await).is_empty());
    }
}

#[tokio::test]
async fn staff_take_the_register_once_the_session_starts_and_message_everyone_booked() {
    for app in demo_apps().await {
        let (session, people) = full_session(&app).await;
        let worker = app.staff_cookie("worker@demo.test").await;
        let message = format!("/api/staff/groups/sessions/{}/messages", session.id);
        let (status, sent) = app
            .json(
                &worker,
                "POST",
                &message,
                &json!({"text": "We are in room 2 tonight."}),
            )
            .await;
        assert_eq!(status, 200, "{}: {sent}", app.label);
        assert_eq!(sent["households"], 3, "with a place or waiting");
        let (status, _) = app
            .json(&worker, "POST", &message, &json!({"text": ""}))
            .await;
        assert_eq!(status, 400);
        assert_eq!(
            news(&pull(&app, &people[2].0, 0).await),
            [News::Message {
                text: "We are in room 2 tonight.".into()
            }]
        );

        let register = format!("/api/staff/groups/sessions/{}/register", session.id);
        let attended =
            json!({"marks": [{"booking_id": "booking-full-0", "attendance": "attended"}]});
        let (status, early) = app.json(&worker, "PUT", &register, &attended).await;
        assert_eq!(status, 400, "{}", app.label);
        assert!(
            early["message"]
                .as_str()
                .expect("message")
                .contains("once the session has started")
        );

        app.clock.advance(8 * 24 * 3600);
        let worker = app.staff_cookie("worker@demo.test").await;
        let waiting =
            json!({"marks": [{"booking_id": "booking-full-1", "attendance": "attended"}]});
        let (status, _) = app.json(&worker, "PUT", &register, &waiting).await;
        assert_eq!(status, 400, "only people with a place");
        let (status, _) = app.json(&worker, "PUT", &register, &attended).await;
        assert_eq!(status, 204, "{}", app.label);
        let carer = app.sign_in_cookie(CARERS[0]).await;
        assert_eq!(
            bookings(&pull(&app, &carer, 0).await)[0].attendance,
            Some(Attendance::Attended)
        );
        let marked = staff_session(&app, &worker, &session).await;
        assert_eq!(marked.bookings[0].attendance, Some(Attendance::Attended));
    }
}

#[tokio::test]
async fn staff_keep_the_support_contacts_and_every_device_receives_them() {
    for app in demo_apps().await {
        let worker = app.staff_cookie("worker@demo.test").await;
        let (status, shown) = app
            .json(&worker, "GET", "/api/staff/support-contacts", &Value::Null)
            .await;
        assert_eq!(status, 200, "{}", app.label);
        assert_eq!(shown["can_edit"], true);
        assert_eq!(
            shown["contacts"]["out_of_hours_phone"], "01632 960 999",
            "the demo's"
        );

        let mut contacts = shown["contacts"].clone();
        contacts["out_of_hours_phone"] = json!("01632 960 998");
        let (status, _) = app
            .json(&worker, "PUT", "/api/staff/support-contacts", &contacts)
            .await;
        assert_eq!(status, 200);
        contacts["out_of_hours_phone"] = json!("ring us");
        let (status, refused) = app
            .json(&worker, "PUT", "/api/staff/support-contacts", &contacts)
            .await;
        assert_eq!(status, 400);
        assert!(
            refused["message"]
                .as_str()
                .expect("message")
                .contains("out-of-hours phone")
        );

        let carer = app.sign_in_cookie("carer@demo.test").await;
        let pulled = pull(&app, &carer, 0).await;
        let body = pulled
            .records
            .iter()
            .find(|r| r.collection == "support_contacts")
            .and_then(|r| r.body.as_ref())
            .expect("the contacts");
        assert!(body.get().contains("01632 960 998"), "{}", app.label);
        let facts = pulled
            .records
            .iter()
            .find(|r| r.collection == "household")
            .and_then(|r| r.body.as_ref())
            .expect("the household");
        assert!(
            facts.get().contains("worker@demo.test"),
            "the worker's email"
        );
    }
}

#[tokio::test]
async fn staff_change_a_group_and_add_sessions_to_it() {
    for app in demo_apps().await {
        let session = session_with(&app, 5).await;
        let worker = app.staff_cookie("worker@demo.test").await;
        let mut form = group_form("Test group, evenings");
        form["kind"] = json!("reflective");
        form["counts_as_training"] = json!(true);
        form["standards"] = json!([7]);
        let (status, changed) = app
            .json(&worker, "PUT", "/api/staff/groups/group-test", &form)
            .await;
        assert_eq!(status, 200, "{}: {changed}", app.label);
        assert_eq!(changed["standards"], json!([7]));
        let (status, _) = app
            .json(&worker, "PUT", "/api/staff/groups/no-such-group", &form)
            .await;
        assert_eq!(status, 404);

        form["first_date"] = json!(session.date.add_days(7).to_string());
        form["repeat"] = json!("once");
        let (status, added) = app
            .json(
                &worker,
                "POST",
                "/api/staff/groups/group-test/sessions",
                &form,
            )
            .await;
        assert_eq!(status, 201, "{}: {added}", app.label);
        assert_eq!(added.as_array().map(Vec::len), Some(1));

        // A carer's device receives the new name and both sessions, the first still booked as it was.
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let pulled = pull(&app, &carer, 0).await;
        let group = pulled
            .records
            .iter()
            .rev()
            .find(|r| r.collection == "groups" && r.id == "group-test")
            .and_then(|r| r.body.as_ref())
            .expect("the group");
        assert!(group.get().contains("Test group, evenings"));
        let sessions = pulled
            .records
            .iter()
            .filter(|r| r.collection == "group_sessions")
            .filter_map(|r| r.body.as_ref())
            .filter(|b| b.get().contains("group-test"))
            .count();
        assert_eq!(sessions, 2, "{}", app.label);
    }
}

#[tokio::test]
async fn a_group_for_another_kind_of_fostering_refuses_the_booking() {
    for app in demo_apps().await {
        let session = session_for(&app, 5, vec![CarerType::ShortBreaks]).await;
        // The Taylors are mainstream carers.
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        let member = lead_carer(&app, &cookie).await;
        push(
            &app,
            &cookie,
            "tab-kind",
            &[(1, book("booking-kind", &session, &member))],
        )
        .await;
        let pulled = pull(&app, &cookie, 0).await;
        let refused = pulled.rejections.first().expect("refused");
        assert_eq!(refused.code, "not_for_household", "{}", app.label);
        assert!(bookings(&pulled).is_empty());
    }
}
