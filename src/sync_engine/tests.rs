use portal_core::details::{DetailsChange, MyDetails};
use portal_core::mutation::Mutation;
use portal_core::sync::wire::{ClientProgress, PullResponse, PulledRecord, RejectedMutation};
use portal_core::sync::{ChangeNumber, ClientId};
use serde_json::json;

use super::*;
use crate::storage::{DeviceStore, MemoryStore};

fn tab(n: u8) -> ClientId {
    ClientId::parse(&format!("tab-0000000{n}")).expect("valid")
}

fn phone(value: &str) -> Mutation {
    Mutation::Details(DetailsChange::SetPhone {
        value: value.into(),
        replacing: String::new(),
    })
}

fn pulled(
    records: Vec<PulledRecord>,
    clients: Vec<(ClientId, u64)>,
    rejections: Vec<RejectedMutation>,
    cursor: u64,
    has_more: bool,
) -> PullResponse {
    PullResponse {
        records,
        clients: clients
            .into_iter()
            .map(|(client_id, last_applied)| ClientProgress {
                client_id,
                last_applied,
            })
            .collect(),
        rejections,
        cursor: ChangeNumber::new(cursor),
        has_more,
        epoch: String::new(),
    }
}

fn details_record(phone: &str, change: u64) -> PulledRecord {
    PulledRecord {
        collection: MY_DETAILS.into(),
        id: "h1".into(),
        body: Some(
            serde_json::value::to_raw_value(&json!({"phone": phone, "email": null, "postcode_district": null, "languages": [], "experience": [], "availability": null, "members": []}))
                .expect("json"),
        ),
        change: ChangeNumber::new(change),
    }
}

#[test]
fn waiting_changes_show_on_top_of_the_servers_details() {
    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    let user = device.user("u1");
    assert_eq!(
        my_details_view(&user, "h1").expect("view"),
        MyDetails::default()
    );
    user.enqueue(&tab(1), &phone("01632 960 001"))
        .expect("saved");
    let view = my_details_view(&user, "h1").expect("view");
    assert_eq!(view.phone.expect("phone").as_str(), "01632 960 001");
    let push = next_push(&user, &tab(1))
        .expect("reads")
        .expect("something to send");
    assert_eq!(push.mutations.len(), 1);
    assert!(
        push.mutations[0]
            .mutation
            .get()
            .starts_with(r#"{"details":{"set_phone":"#)
    );
    assert!(next_push(&user, &tab(2)).expect("reads").is_none());
}

#[test]
fn a_pull_settles_applied_changes_and_keeps_refused_ones_for_attention() {
    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    let user = device.user("u1");
    user.enqueue(&tab(1), &phone("01632 960 001"))
        .expect("saved");
    user.enqueue(&tab(1), &phone("not a number"))
        .expect("saved");
    user.enqueue(&tab(1), &phone("01632 960 003"))
        .expect("saved");
    let rejection = RejectedMutation {
        client_id: tab(1),
        counter: 2,
        code: "invalid".into(),
        message: "Enter a phone number, like 01632 960 001 or +44 7700 900 982.".into(),
        mutation: serde_json::value::to_raw_value(&json!({})).expect("json"),
    };
    // The server has dealt with the first two changes only.
    let page = pulled(
        vec![details_record("01632 960 001", 7)],
        vec![(tab(1), 2)],
        vec![rejection],
        8,
        false,
    );
    assert_eq!(
        take_pull(&user, &page).expect("stored"),
        PullOutcome {
            applied: 1,
            rejected: 1,
            resent: 0
        }
    );
    assert_eq!(user.waiting().expect("count"), 1);
    assert_eq!(user.cursor().expect("cursor"), ChangeNumber::new(8));
    let attention = user.attention::<Attention>().expect("reads");
    assert_eq!(attention.len(), 1);
    assert_eq!(attention[0].1.what, "Your change to your phone number");
    assert!(attention[0].1.message.starts_with("Enter a phone number"));
    // The third change still shows on top of what the server sent.
    let view = my_details_view(&user, "h1").expect("view");
    assert_eq!(view.phone.expect("phone").as_str(), "01632 960 003");
}

#[test]
fn nothing_is_settled_from_a_page_that_is_not_the_last() {
    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    let user = device.user("u1");
    user.enqueue(&tab(1), &phone("01632 960 001"))
        .expect("saved");
    let page = pulled(
        vec![details_record("01632 960 001", 3)],
        vec![(tab(1), 1)],
        vec![],
        3,
        true,
    );
    take_pull(&user, &page).expect("stored");
    assert_eq!(
        user.waiting().expect("count"),
        1,
        "a rejection may still be on a later page"
    );
    assert_eq!(user.cursor().expect("cursor"), ChangeNumber::new(3));
}

#[test]
fn taking_the_same_page_twice_changes_nothing_more() {
    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    let user = device.user("u1");
    user.enqueue(&tab(1), &phone("01632 960 001"))
        .expect("saved");
    let page = pulled(
        vec![details_record("01632 960 001", 3)],
        vec![(tab(1), 1)],
        vec![],
        3,
        false,
    );
    assert_eq!(take_pull(&user, &page).expect("stored").applied, 1);
    assert_eq!(take_pull(&user, &page).expect("stored").applied, 0);
    assert_eq!(user.waiting().expect("count"), 0);
}

#[test]
fn a_gap_left_by_an_unreadable_entry_is_filled_with_placeholders() {
    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    let user = device.user("u1");
    for n in 1..=4 {
        user.enqueue(&tab(1), &phone(&format!("01632 960 00{n}")))
            .expect("saved");
    }
    // Entries 2 and 3 were damaged and are skipped when the queue is read.
    user.dequeue(&tab(1), 2, ChangeNumber::ZERO)
        .expect("removed");
    user.dequeue(&tab(1), 3, ChangeNumber::ZERO)
        .expect("removed");
    let fill = placeholders_for_gap(&user, &tab(1), 2)
        .expect("reads")
        .expect("a gap");
    let counters: Vec<u64> = fill.mutations.iter().map(|m| m.counter).collect();
    assert_eq!(counters, [2, 3]);
    assert!(fill.mutations[0].mutation.get().contains("lost_on_device"));
    // Nothing is missing where the device still has the change the server expects.
    assert!(
        placeholders_for_gap(&user, &tab(1), 4)
            .expect("reads")
            .is_none()
    );
}

#[test]
fn changes_a_restored_server_lost_are_queued_again_with_their_own_counters() {
    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    let user = device.user("u1");
    for n in 1..=3 {
        user.enqueue(&tab(1), &phone(&format!("01632 960 00{n}")))
            .expect("saved");
    }
    user.enqueue(&tab(2), &phone("01632 960 009"))
        .expect("saved");
    let confirmed = pulled(vec![], vec![(tab(1), 3), (tab(2), 1)], vec![], 20, false);
    assert_eq!(take_pull(&user, &confirmed).expect("stored").applied, 4);
    assert_eq!(user.waiting().expect("count"), 0);
    assert_eq!(user.sent().expect("log").len(), 4, "kept in the sent log");

    // The server goes back to a backup that has tab 1's first change and has never heard of
    // tab 2.
    let restored = pulled(vec![], vec![(tab(1), 1)], vec![], 12, false);
    assert_eq!(take_pull(&user, &restored).expect("stored").resent, 3);
    let again = next_push(&user, &tab(1))
        .expect("reads")
        .expect("something to send");
    let counters: Vec<u64> = again.mutations.iter().map(|m| m.counter).collect();
    assert_eq!(counters, [2, 3], "what the server now expects next");
    let again = next_push(&user, &tab(2))
        .expect("reads")
        .expect("something to send");
    assert_eq!(again.mutations[0].counter, 1);

    // Once the server has them again, they settle as before and nothing is sent a third time.
    let caught_up = pulled(vec![], vec![(tab(1), 3), (tab(2), 1)], vec![], 15, false);
    let outcome = take_pull(&user, &caught_up).expect("stored");
    assert_eq!((outcome.applied, outcome.resent), (3, 0));
    assert_eq!(user.waiting().expect("count"), 0);
    assert_eq!(take_pull(&user, &caught_up).expect("stored").resent, 0);
}

#[test]
fn the_sent_log_keeps_only_the_most_recently_confirmed_changes() {
    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    let user = device.user("u1");
    let total = SENT_KEPT + 5;
    for n in 0..total {
        user.enqueue(&tab(1), &phone(&format!("01632 960 {n:03}")))
            .expect("saved");
    }
    // Confirmed in two pulls: the five confirmed first are the ones let go.
    let first = pulled(vec![], vec![(tab(1), 10)], vec![], 30, false);
    take_pull(&user, &first).expect("stored");
    let second = pulled(vec![], vec![(tab(1), total as u64)], vec![], 40, false);
    take_pull(&user, &second).expect("stored");
    let log = user.sent().expect("log");
    assert_eq!(log.len(), SENT_KEPT);
    let from_first_pull = log
        .iter()
        .filter(|e| e.settled_at == ChangeNumber::new(30))
        .count();
    assert_eq!(
        from_first_pull, 5,
        "five of the first pull's ten were let go"
    );
    assert_eq!(log[0].settled_at, ChangeNumber::new(30), "oldest first");
}

#[test]
fn a_device_too_full_for_the_sent_log_still_moves_its_queue_on() {
    let device = DeviceStore::open(MemoryStore::with_limit(250)).expect("opens");
    let user = device.user("u1");
    user.enqueue(&tab(1), &phone("01632 960 001"))
        .expect("saved");
    user.enqueue(&tab(1), &phone("01632 960 002"))
        .expect("saved");
    let confirmed = pulled(vec![], vec![(tab(1), 2)], vec![], 5, false);
    assert_eq!(take_pull(&user, &confirmed).expect("stored").applied, 2);
    assert_eq!(user.waiting().expect("count"), 0);
    assert!(
        user.sent().expect("log").len() < 2,
        "the device really was too full to keep both copies"
    );
}

#[test]
fn a_full_device_during_a_sync_is_explained_without_alarm_about_lost_changes() {
    let device = DeviceStore::open(MemoryStore::with_limit(600)).expect("opens");
    let user = device.user("u1");
    // Twenty households' worth of details: more than this small device can hold.
    let records = (0..20)
        .map(|n| PulledRecord {
            id: format!("h{n}"),
            ..details_record("01632 960 001", n)
        })
        .collect();
    let page = pulled(records, vec![], vec![], 20, false);
    let error = take_pull(&user, &page).expect_err("does not fit");
    assert_eq!(error, StorageError::Full);
    assert_eq!(
        user.cursor().expect("cursor"),
        ChangeNumber::ZERO,
        "the page is fetched again later"
    );
    let message = storage_problem_while_syncing(&error);
    assert!(
        message.contains("run out of room") && message.contains("Your waiting changes are safe")
    );
}

#[test]
fn a_change_queued_by_a_tab_still_running_version_1_is_shown_and_sent_as_it_was() {
    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    let user = device.user("u1");
    // Version 1 queued bare My details changes; an open tab of it may still add one after the
    // upgrade. The server accepts that shape, so it is sent exactly as it was written.
    let version_1 = json!({"set_phone": {"value": "01632 960 001", "replacing": ""}});
    user.enqueue(&tab(9), &version_1).expect("saved");
    let view = my_details_view(&user, "h1").expect("view");
    assert_eq!(view.phone.expect("phone").as_str(), "01632 960 001");
    let push = next_push(&user, &tab(9))
        .expect("reads")
        .expect("something to send");
    assert_eq!(push.mutations[0].mutation.get(), version_1.to_string());
}

#[test]
fn a_refused_change_is_named_by_its_feature() {
    let raw = |json: &str| RawValue::from_string(json.to_owned()).expect("json");
    assert_eq!(
        describe(&raw(r#"{"details":{"remove_member":{"id":"m1"}}}"#)),
        "Your change to your household member"
    );
    assert_eq!(
        describe(&raw(r#"{"training":{"delete":{"id":"e1"}}}"#)),
        "A change to your learning log"
    );
    assert_eq!(
        describe(&raw(r#"{"bookings":{"cancel":{"id":"b1"}}}"#)),
        "Your request about a support group"
    );
    assert_eq!(
        describe(&raw(r#"{"buddies":{"end":{"pairing":"p1","reason":""}}}"#)),
        "Your answer in the buddy scheme"
    );
    assert_eq!(
        describe(&raw(r#"{"lost_on_device":{}}"#)),
        "A change you made"
    );
}

#[test]
fn a_push_stops_before_the_change_that_would_make_it_too_large_but_sends_one_at_least() {
    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    let user = device.user("u1");
    // Three changes of 600 KB each, like messages with photos.
    let big = serde_json::json!({"payments": {"message": {
        "id": "m", "query": "q", "text": "x".repeat(600 * 1024)
    }}});
    for _ in 0..3 {
        user.enqueue(&tab(1), &big).expect("saved");
    }
    let push = next_push(&user, &tab(1))
        .expect("reads")
        .expect("something to send");
    assert_eq!(push.mutations.len(), 1, "two would be over the limit");
    let small = device.user("u2");
    for n in 0..3 {
        small
            .enqueue(&tab(1), &phone(&format!("01632 960 00{n}")))
            .expect("saved");
    }
    let push = next_push(&small, &tab(1)).expect("reads").expect("some");
    assert_eq!(push.mutations.len(), 3);
}

#[test]
fn only_photos_that_a_waiting_change_names_are_sent() {
    use portal_core::mutation::QueuedPayment;
    use portal_core::payments::{PaymentChange, Photo, QueryForm};

    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    let user = device.user("u1");
    let form = QueryForm {
        photos: vec![
            Photo::file("photo-a".into(), "a.jpg".into()),
            Photo::file("photo-b".into(), "b.jpg".into()),
        ],
        ..QueryForm::default()
    };
    let older = PaymentChange::Message {
        id: "m1".into(),
        query: "q1".into(),
        text: String::new(),
        photos: vec![Photo {
            id: String::new(),
            name: "old.jpg".into(),
            data: "data:image/jpeg;base64,/9j/".into(),
        }],
    };
    for change in [
        PaymentChange::Raise {
            id: "q1".into(),
            form,
        },
        older,
    ] {
        user.enqueue(&tab(1), &QueuedPayment { payments: &change })
            .expect("queued");
    }
    let on_device = [
        "photo-b".to_owned(),
        "photo-on-a-draft".to_owned(),
        "photo-a".to_owned(),
        "photo".to_owned(),
    ];
    assert_eq!(
        photos_named_by_waiting_changes(&user, &on_device).expect("reads"),
        ["photo-b", "photo-a"],
        "a photo on a form not yet sent stays on the device"
    );
}

#[test]
fn the_database_epoch_is_kept_from_each_pull_for_the_next() {
    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    let user = device.user("u1");
    assert_eq!(
        user.epoch().expect("reads"),
        "",
        "none before the first pull"
    );
    let mut page = pulled(
        vec![details_record("01632 960 001", 4)],
        vec![],
        vec![],
        4,
        false,
    );
    page.epoch = "e1".into();
    take_pull(&user, &page).expect("stored");
    assert_eq!(user.epoch().expect("reads"), "e1");
    // A server from before epochs says nothing, and what was known stays.
    page.epoch = String::new();
    take_pull(&user, &page).expect("stored");
    assert_eq!(user.epoch().expect("reads"), "e1");
    // After a restore the server's new epoch replaces it, with the cursor it sent.
    page.epoch = "e2".into();
    take_pull(&user, &page).expect("stored");
    assert_eq!(user.epoch().expect("reads"), "e2");
    assert_eq!(user.cursor().expect("reads"), ChangeNumber::new(4));
}
