//! Two server instances on one database, and many devices at once: 300 simulated devices push
//! and pull through both instances in turn, lose answers, go quiet and send again, while one
//! instance is restarted part-way; then the households race for the last places at a session.
//! Every change must take effect exactly once, and every place go to one household.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::response::Response;
use portal_core::sync::wire::PushResponse;
use serde_json::{Value, json};
use tower::ServiceExt as _;

use crate::common::{TestApp, demo_apps, json_of, lead_carer, pull_request, push_request};
use crate::groups::CARERS;

const DEVICES: usize = 300;
const CHANGES_PER_DEVICE: u64 = 4;

/// A change that leaves a notice each time it is applied, so counting notices counts
/// applications: it replaces a phone number its author never saw.
fn counted_change(device: usize, n: u64) -> Value {
    json!({"details": {"set_phone": {
        "value": format!("01632 {device:03}{n:03}"),
        "replacing": "a number nobody saw",
    }}})
}

/// A small deterministic stand-in for chance, so a failure can be run again exactly.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % sides
    }
}

async fn send(router: &Router, request: Request<Body>) -> Response {
    router.clone().oneshot(request).await.expect("infallible")
}

/// One device's life: it queues its changes, then pushes and pulls through whichever instance
/// the load balancer picks, sometimes losing the answer (and so sending the same again),
/// sometimes going quiet for a round, until the server has applied all of them.
async fn device_life(
    instances: [Router; 2],
    cookie: String,
    device: usize,
    first: u64,
    last: u64,
) -> u64 {
    let client = format!("device-{device:04}");
    let seed = u64::try_from(device).expect("small") + 1;
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15 ^ seed.wrapping_mul(0x2545_f491));
    let mut applied = first - 1;
    let mut rounds = 0;
    while applied < last {
        rounds += 1;
        assert!(rounds < 200, "device {device} never finished");
        if dice.roll(5) == 0 {
            // No signal this round.
            tokio::task::yield_now().await;
            continue;
        }
        let instance = &instances[usize::from(dice.roll(2) == 1)];
        let batch: Vec<(u64, Value)> = (applied + 1..=last.min(applied + 2))
            .map(|n| (n, counted_change(device, n)))
            .collect();
        let response = send(instance, push_request(&cookie, &client, &batch)).await;
        assert_eq!(response.status(), StatusCode::OK, "device {device}");
        let answer: PushResponse = json_of(response).await;
        if dice.roll(4) == 0 {
            // The answer was lost on the way: the device does not know, and sends it again.
            continue;
        }
        applied = answer.last_applied.max(applied);
        let pulled = send(instance, pull_request(&cookie, 0, 10)).await;
        assert_eq!(pulled.status(), StatusCode::OK, "device {device}");
    }
    rounds
}

async fn notices(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM records WHERE collection = 'notices'")
        .fetch_one(app.state.db.pool())
        .await
        .expect("count")
}

/// Runs every device from `first` to `last` change at once, through `instances`.
async fn run_devices(instances: &[Router; 2], cookies: &[String], first: u64, last: u64) -> u64 {
    let mut devices = tokio::task::JoinSet::new();
    for device in 0..DEVICES {
        let cookie = cookies[device % cookies.len()].clone();
        devices.spawn(device_life(instances.clone(), cookie, device, first, last));
    }
    let mut rounds = 0;
    while let Some(done) = devices.join_next().await {
        rounds += done.expect("the device ran to the end");
    }
    rounds
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_and_three_hundred_devices_lose_nothing_and_double_nothing() {
    for app in demo_apps().await {
        let mut cookies = Vec::new();
        for (n, email) in CARERS.iter().enumerate() {
            let cookie = app.sign_in_cookie(email).await;
            // A number to replace: replacing an empty one leaves no notice to count.
            let start =
                json!({"details": {"set_phone": {"value": "01632 960 000", "replacing": ""}}});
            crate::common::push(
                &app,
                &cookie,
                &format!("setup-device-{n:02}"),
                &[(1, start)],
            )
            .await;
            cookies.push(cookie);
        }
        let before = notices(&app).await;
        let first = app.another_instance().await;
        let second = app.another_instance().await;

        // Half the changes through both instances; then the second is restarted (its
        // connections dropped, a new process on the same database) and the rest go through.
        let half = CHANGES_PER_DEVICE / 2;
        let mut rounds = run_devices(&[first.clone(), second], &cookies, 1, half).await;
        let restarted = app.another_instance().await;
        rounds += run_devices(&[first, restarted], &cookies, half + 1, CHANGES_PER_DEVICE).await;

        let applied = notices(&app).await - before;
        let expected = i64::try_from(DEVICES as u64 * CHANGES_PER_DEVICE).expect("small");
        println!(
            "{}: {DEVICES} devices, {expected} changes in {rounds} rounds; applied {applied}, lost {}, doubled {}",
            app.label,
            (expected - applied).max(0),
            (applied - expected).max(0),
        );
        assert_eq!(applied, expected, "every change once, on {}", app.label);
        let progress: Vec<i64> = sqlx::query_scalar(
            "SELECT last_applied FROM sync_clients WHERE client_id LIKE 'device-%'",
        )
        .fetch_all(app.state.db.pool())
        .await
        .expect("progress");
        assert_eq!(progress.len(), DEVICES);
        assert!(
            progress
                .iter()
                .all(|&last| last == i64::try_from(CHANGES_PER_DEVICE).expect("small"))
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn households_racing_through_two_servers_for_three_places_get_exactly_three() {
    for app in demo_apps().await {
        let session = crate::groups::session_with(&app, 3).await;
        let instances = [app.another_instance().await, app.another_instance().await];
        let mut racers = tokio::task::JoinSet::new();
        for (n, email) in CARERS.iter().enumerate() {
            let cookie = app.sign_in_cookie(email).await;
            let member = lead_carer(&app, &cookie).await;
            let booking = json!({"bookings": {"book": {
                "id": format!("race-{n}"), "session_id": session.id, "members": [member],
            }}});
            // Each household's two devices send the same request, one to each instance.
            for (device, instance) in instances.iter().enumerate() {
                let request = push_request(
                    &cookie,
                    &format!("race-{n}-{device}"),
                    &[(1, booking.clone())],
                );
                let instance = instance.clone();
                racers.spawn(async move { send(&instance, request).await.status() });
            }
        }
        while let Some(status) = racers.join_next().await {
            assert_eq!(status.expect("ran"), StatusCode::OK);
        }
        let statuses: Vec<String> =
            sqlx::query_scalar("SELECT status FROM bookings WHERE session_id = $1 ORDER BY ord")
                .bind(&session.id)
                .fetch_all(app.state.db.pool())
                .await
                .expect("bookings");
        assert_eq!(
            statuses.len(),
            CARERS.len(),
            "one booking per household, on {}",
            app.label
        );
        let confirmed = statuses
            .iter()
            .filter(|s| s.as_str() == "confirmed")
            .count();
        assert_eq!(confirmed, 3, "{statuses:?} on {}", app.label);
    }
}
