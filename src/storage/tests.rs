use portal_core::details::DetailsChange;
use portal_core::mutation::Mutation;
use portal_core::sync::ClientId;

use super::*;

fn client(id: &str) -> ClientId {
    ClientId::parse(id).expect("valid id")
}

fn json(mutation: &Mutation) -> String {
    serde_json::to_string(mutation).expect("json")
}

fn change(n: u32) -> Mutation {
    Mutation::Details(DetailsChange::SetPhone {
        value: format!("01632 960 {n:03}"),
        replacing: String::new(),
    })
}

#[test]
fn queued_changes_survive_reopening_one_key_each() {
    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    let user = device.user("u1");
    let tab = client("tab-00000001");
    assert_eq!(user.enqueue(&tab, &change(1)).expect("saved"), 1);
    assert_eq!(user.enqueue(&tab, &change(2)).expect("saved"), 2);
    let keys = device.store.keys().expect("keys");
    assert!(
        keys.contains(&"portal:v1:u:u1:q:tab-00000001:1".to_owned()),
        "{keys:?}"
    );
    assert!(keys.contains(&"portal:v1:u:u1:q:tab-00000001:2".to_owned()));

    let reopened = DeviceStore::open(device.store).expect("opens");
    let (queue, skipped) = reopened.user("u1").queue(&tab).expect("reads");
    assert_eq!(queue.len(), 2);
    assert_eq!(queue.pending()[1].mutation.get(), json(&change(2)));
    assert_eq!(skipped, Skipped::default());
    assert_eq!(
        reopened.user("u1").clients_with_queues().expect("reads"),
        [tab]
    );
}

#[test]
fn a_corrupt_entry_is_skipped_and_reported_not_a_crash() {
    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    let user = device.user("u1");
    let tab = client("tab-00000001");
    user.enqueue(&tab, &change(1)).expect("saved");
    device
        .store
        .set("portal:v1:u:u1:q:tab-00000001:2", "{not json")
        .expect("set");
    device
        .store
        .set("portal:v1:u:u1:q:tab-00000001:x", "\"odd\"")
        .expect("set");
    let (queue, skipped) = user.queue(&tab).expect("reads");
    assert_eq!(queue.len(), 1);
    assert_eq!(skipped.0.len(), 2);
    // New changes never reuse the corrupt entry's counter.
    assert!(user.enqueue(&tab, &change(3)).expect("saved") >= 2);
}

#[test]
fn a_full_device_refuses_the_write_and_leaves_the_queue_as_it_was() {
    let device = DeviceStore::open(MemoryStore::with_limit(200)).expect("opens");
    let user = device.user("u1");
    let tab = client("tab-00000001");
    user.enqueue(&tab, &change(1)).expect("fits");
    let mut refused = None;
    for n in 2..50 {
        if let Err(error) = user.enqueue(&tab, &change(n)) {
            refused = Some(error);
            break;
        }
    }
    assert_eq!(refused, Some(StorageError::Full));
    assert!(StorageError::Full.to_string().contains("was not saved"));
    let (queue, skipped) = user.queue(&tab).expect("reads");
    assert!(skipped.0.is_empty(), "nothing half-written");
    let counters: Vec<u64> = queue.pending().iter().map(|q| q.counter).collect();
    let expected: Vec<u64> = (1..=u64::try_from(counters.len()).expect("small")).collect();
    assert_eq!(counters, expected, "the queue is intact and in order");
}

#[test]
fn signing_out_removes_everything_of_that_user_and_nothing_else() {
    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    device.set_session(&"u1").expect("saved");
    device
        .user("u1")
        .enqueue(&client("tab-00000001"), &change(1))
        .expect("saved");
    device
        .user("u1")
        .put_record("my_details", "h1", Some(r#"{"phone": "01632 960 001"}"#))
        .expect("saved");
    device
        .user("u2")
        .set_cursor(ChangeNumber::new(9))
        .expect("saved");
    device.sign_out("u1").expect("signed out");
    let keys = device.store.keys().expect("keys");
    assert!(keys.iter().all(|k| !k.contains(":u:u1:")), "{keys:?}");
    assert!(keys.iter().any(|k| k.contains(":u:u2:")));
    assert_eq!(device.session::<String>().expect("reads"), None);
}

#[test]
fn records_and_cursor_round_trip() {
    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    let user = device.user("u1");
    assert_eq!(user.cursor().expect("reads"), ChangeNumber::ZERO);
    user.set_cursor(ChangeNumber::new(42)).expect("saved");
    assert_eq!(user.cursor().expect("reads"), ChangeNumber::new(42));
    user.put_record("notices", "n1", Some(r#"{"kind": "overwritten"}"#))
        .expect("saved");
    user.put_record("notices", "n2", Some(r#"{"kind": "overwritten"}"#))
        .expect("saved");
    user.put_record("notices", "n2", None).expect("removed");
    let (notices, _) = user.records::<serde_json::Value>("notices").expect("reads");
    assert_eq!(notices.len(), 1);
}

#[test]
fn a_draft_is_kept_until_removed_and_leaves_with_its_user() {
    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    let user = device.user("u1");
    assert_eq!(user.draft::<String>("training-new").expect("reads"), None);
    user.set_draft("training-new", &"Safer caring")
        .expect("saved");
    assert_eq!(
        device
            .user("u1")
            .draft::<String>("training-new")
            .expect("reads")
            .as_deref(),
        Some("Safer caring")
    );
    assert_eq!(
        device
            .user("u2")
            .draft::<String>("training-new")
            .expect("reads"),
        None
    );
    user.remove_draft("training-new").expect("removed");
    assert_eq!(user.draft::<String>("training-new").expect("reads"), None);
    user.set_draft("training-new", &"again").expect("saved");
    device.sign_out("u1").expect("signed out");
    assert_eq!(
        device
            .user("u1")
            .draft::<String>("training-new")
            .expect("reads"),
        None
    );
}

#[test]
fn the_format_version_is_recorded_on_first_open() {
    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    assert_eq!(
        device.store.get(FORMAT_KEY).expect("reads").as_deref(),
        Some("3")
    );
}

/// What version 1 of the app left on a device: bare My details changes in the queue.
fn version_1_device() -> MemoryStore {
    let store = MemoryStore::default();
    let entries = [
        ("portal:format", "1".to_owned()),
        ("portal:v1:session", r#""u1""#.to_owned()),
        (
            "portal:v1:u:u1:q:tab-00000001:1",
            r#"{"set_phone":{"value":"01632 960 001","replacing":""}}"#.to_owned(),
        ),
        (
            "portal:v1:u:u1:q:tab-00000001:2",
            r#"{"remove_member":{"id":"m1"}}"#.to_owned(),
        ),
        ("portal:v1:u:u1:qnext:tab-00000001", "3".to_owned()),
        (
            "portal:v1:u:u2:q:tab-00000002:7",
            r#"{"set_email":{"value":"b@example.test","replacing":""}}"#.to_owned(),
        ),
        // A tab closed half way through an earlier attempt at the upgrade.
        (
            "portal:v1:u:u2:q:tab-00000002:8",
            serde_json::to_string(&change(8)).expect("json"),
        ),
        (
            "portal:v1:u:u1:rec:my_details:h1",
            r#"{"phone":"01632 960 000"}"#.to_owned(),
        ),
    ];
    for (key, value) in entries {
        store.set(key, &value).expect("set");
    }
    store
}

#[test]
fn upgrading_from_format_1_keeps_every_queued_change_in_the_new_shape() {
    let device = DeviceStore::open(version_1_device()).expect("opens");
    assert_eq!(
        device.store.get(FORMAT_KEY).expect("reads").as_deref(),
        Some("3")
    );
    // Every entry is now in the current shape, read strictly.
    for key in device.store.keys().expect("keys") {
        if key.contains(":q:") {
            let text = device.store.get(&key).expect("reads").expect("there");
            assert!(
                serde_json::from_str::<Mutation>(&text).is_ok(),
                "{key}: {text}"
            );
        }
    }
    let (queue, skipped) = device
        .user("u1")
        .queue(&client("tab-00000001"))
        .expect("reads");
    assert_eq!(skipped, Skipped::default());
    assert_eq!(queue.pending()[0].mutation.get(), json(&change(1)));
    assert_eq!(queue.next_counter(), 3, "counters carry on where they were");
    let (queue, _) = device
        .user("u2")
        .queue(&client("tab-00000002"))
        .expect("reads");
    assert_eq!(queue.len(), 2);
    assert_eq!(queue.pending()[1].mutation.get(), json(&change(8)));
    // Records are not touched.
    assert_eq!(
        device
            .store
            .get("portal:v1:u:u1:rec:my_details:h1")
            .expect("reads")
            .as_deref(),
        Some(r#"{"phone":"01632 960 000"}"#)
    );
    // Opening again changes nothing.
    let before = device.store.keys().expect("keys");
    let again = DeviceStore::open(device.store).expect("opens");
    assert_eq!(again.store.keys().expect("keys"), before);
}

#[test]
fn keys_under_a_prefix_come_in_order_and_see_every_write() {
    let store = MemoryStore::default();
    store.set("b:2", "x").expect("set");
    assert_eq!(store.under("b:").expect("keys"), ["b:2"]);
    store.set("b:1", "x").expect("set");
    store.set("a:1", "x").expect("set");
    store.set("c:1", "x").expect("set");
    store.remove("b:2").expect("removed");
    assert_eq!(store.under("b:").expect("keys"), ["b:1"]);
    assert_eq!(store.keys().expect("keys"), ["a:1", "b:1", "c:1"]);
}

#[test]
fn a_user_has_one_client_on_the_device_whatever_the_page_load() {
    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    let made = std::cell::Cell::new(0);
    let new_id = || {
        made.set(made.get() + 1);
        Some(client(&format!("device-{:08}", made.get())))
    };
    let first = device.user("u1").client(new_id).expect("made");
    // Every later page load and tab finds the same client, and makes no other.
    for _ in 0..1000 {
        assert_eq!(device.user("u1").client(new_id).expect("kept"), first);
    }
    assert_eq!(made.get(), 1);
    // Another person signing in on the device is a client of their own.
    assert_ne!(device.user("u2").client(new_id).expect("made"), first);
    assert!(device.user("u1").client(|| None).is_ok());
    assert!(device.user("u3").client(|| None).is_err());
}

#[test]
fn a_pull_asks_after_the_devices_own_client_and_older_ones_still_in_use() {
    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    let user = device.user("u1");
    assert_eq!(user.sync_clients().expect("reads"), Vec::<ClientId>::new());
    let own = user
        .client(|| Some(client("device-00000001")))
        .expect("made");
    // Clients of earlier versions, one per page load: one with a change waiting, one whose
    // change is in the sent log, and one long finished with that the device no longer knows.
    let waiting = client("tab-00000001");
    let logged = client("tab-00000002");
    user.enqueue(&waiting, &change(1)).expect("saved");
    user.enqueue(&logged, &change(2)).expect("saved");
    user.dequeue(&logged, 1, ChangeNumber::new(7))
        .expect("settled");
    assert_eq!(
        user.sync_clients().expect("reads"),
        [own.clone(), waiting.clone(), logged.clone()]
            .into_iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
    );
    user.dequeue(&waiting, 1, ChangeNumber::new(8))
        .expect("settled");
    user.prune_sent(0).expect("pruned");
    assert_eq!(user.sync_clients().expect("reads"), [own]);
    assert_eq!(
        user.kept().expect("counts"),
        Kept {
            records: 0,
            waiting: 0,
            sent: 0
        }
    );
}

#[test]
fn what_an_older_version_queued_is_sent_before_the_devices_own_changes() {
    let device = DeviceStore::open(MemoryStore::default()).expect("opens");
    let user = device.user("u1");
    let old = client("tab-zzzzzzzz");
    user.enqueue(&old, &change(1)).expect("saved");
    // "aaa…" sorts first, but it is the device's own client, made after the upgrade.
    let own = user.client(|| Some(client("aaa-device-1"))).expect("made");
    user.enqueue(&own, &change(2)).expect("saved");
    assert_eq!(user.clients_with_queues().expect("reads"), [old, own]);
}

#[test]
fn a_full_device_says_what_is_true_about_waiting_changes() {
    let none = StorageError::Full.to_string();
    assert!(none.contains("Nothing is waiting to be sent."), "{none}");
    assert!(!none.contains("Connect to the internet"), "{none}");
    let one = StorageError::FullWhileWaiting(1).to_string();
    assert!(
        one.contains("1 change waiting to be sent is safe on this device."),
        "{one}"
    );
    let many = StorageError::FullWhileWaiting(3).to_string();
    assert!(
        many.contains("3 changes waiting to be sent are safe on this device."),
        "{many}"
    );
}
