//! The sync engine's server side against the faults in shared/sync-faults.md that it can meet,
//! on every database: lost responses, replays, concurrent pushes, invalid mutations in a queue,
//! gaps, long absences, restored backups, paging, and other people's records.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::Response;
use portal_core::sync::wire::{PullResponse, PushResponse};
use serde_json::{Value, json};
use tower::ServiceExt as _;

use crate::common::{TestApp, demo_apps, json_of, pull, pull_request, push, push_request};

/// A phone number change as the app sends it.
fn set_phone(value: &str, replacing: &str) -> Value {
    json!({"details": {"set_phone": {"value": value, "replacing": replacing}}})
}

/// A change that replaces a value its author never saw: each time it is applied it leaves a
/// notice, so counting notices counts applications.
fn unseen_overwrite(n: u64) -> Value {
    set_phone(&format!("01632 960 {n:03}"), "a number nobody saw")
}

fn details(pulled: &PullResponse) -> Option<Value> {
    pulled
        .records
        .iter()
        .rev()
        .find(|r| r.collection == "my_details")
        .and_then(|r| r.body.as_ref())
        .map(|body| serde_json::from_str(body.get()).expect("a JSON record"))
}

fn notices(pulled: &PullResponse) -> usize {
    pulled
        .records
        .iter()
        .filter(|r| r.collection == "notices")
        .count()
}

const CLIENT: &str = "tab-aaaaaaaa";

#[tokio::test]
async fn a_pushed_change_comes_back_in_a_pull_and_the_cursor_moves_on() {
    for app in demo_apps().await {
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        let answer = push(
            &app,
            &cookie,
            CLIENT,
            &[(1, set_phone("01632 960 001", ""))],
        )
        .await;
        assert_eq!(
            answer,
            PushResponse {
                last_applied: 1,
                expected: None
            }
        );
        let pulled = pull(&app, &cookie, 0).await;
        assert_eq!(details(&pulled).expect("details")["phone"], "01632 960 001");
        assert_eq!(pulled.clients.len(), 1);
        assert_eq!(pulled.clients[0].last_applied, 1);
        assert!(!pulled.has_more);
        let again = pull(&app, &cookie, pulled.cursor.get()).await;
        assert!(again.records.is_empty(), "nothing new since the cursor");
        assert_eq!(again.cursor, pulled.cursor);
    }
}

#[tokio::test]
async fn changes_queued_by_version_1_of_the_app_are_still_accepted() {
    for app in demo_apps().await {
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        // Version 1 sent bare My details changes; a phone offline for weeks may still send them,
        // even after an upgrade, in the same queue as changes in the current shape.
        let version_1 = json!({"set_languages": {"value": ["English", "Polish"], "replacing": ""}});
        let answer = push(
            &app,
            &cookie,
            CLIENT,
            &[(1, version_1), (2, set_phone("01632 960 002", ""))],
        )
        .await;
        assert_eq!(answer.last_applied, 2, "{}", app.label);
        let pulled = pull(&app, &cookie, 0).await;
        assert!(pulled.rejections.is_empty(), "{}", app.label);
        let stored = details(&pulled).expect("details");
        assert_eq!(stored["languages"], json!(["English", "Polish"]));
        assert_eq!(stored["phone"], "01632 960 002");
    }
}

#[tokio::test]
async fn a_batch_replayed_three_times_takes_effect_once() {
    for app in demo_apps().await {
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        let batch: Vec<(u64, Value)> = (1..=5).map(|n| (n, unseen_overwrite(n))).collect();
        push(&app, &cookie, CLIENT, &batch).await;
        let cursor = pull(&app, &cookie, 0).await.cursor;
        // The response was lost twice; the client sends the same batch again, and again.
        for _ in 0..2 {
            assert_eq!(push(&app, &cookie, CLIENT, &batch).await.last_applied, 5);
        }
        let pulled = pull(&app, &cookie, 0).await;
        assert_eq!(
            notices(&pulled),
            4,
            "the first change replaced nothing; the next four did, once each"
        );
        assert_eq!(pulled.cursor, cursor, "replays write nothing");
    }
}

#[tokio::test]
async fn concurrent_pushes_of_the_same_queue_apply_each_change_once() {
    for app in demo_apps().await {
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        let batch: Vec<(u64, Value)> = (1..=20).map(|n| (n, unseen_overwrite(n))).collect();
        // Two tabs, or a double-clicked "Sync now", or a timer and the online event together.
        let (a, b, c) = tokio::join!(
            app.call(push_request(&cookie, CLIENT, &batch)),
            app.call(push_request(&cookie, CLIENT, &batch)),
            app.call(push_request(&cookie, CLIENT, &batch[5..])),
        );
        assert_eq!(a.status(), StatusCode::OK, "{}", app.label);
        assert_eq!(b.status(), StatusCode::OK);
        assert!(c.status() == StatusCode::OK);
        let pulled = pull(&app, &cookie, 0).await;
        assert_eq!(notices(&pulled), 19, "{}", app.label);
        assert_eq!(pulled.clients[0].last_applied, 20);
    }
}

#[tokio::test]
async fn one_invalid_change_among_a_hundred_is_rejected_and_the_rest_apply() {
    for app in demo_apps().await {
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        let batch: Vec<(u64, Value)> = (1..=100)
            .map(|n| match n {
                50 => (n, set_phone("not a phone number", "")),
                77 => (n, json!({"set_shoe_size": {"value": "9"}})),
                _ => (
                    n,
                    json!({"set_languages": {"value": [format!("Language {n}")], "replacing": ""}}),
                ),
            })
            .collect();
        assert_eq!(push(&app, &cookie, CLIENT, &batch).await.last_applied, 100);
        let pulled = pull(&app, &cookie, 0).await;
        assert_eq!(
            details(&pulled).expect("details")["languages"],
            json!(["Language 100"])
        );
        let reasons: Vec<(u64, &str)> = pulled
            .rejections
            .iter()
            .map(|r| (r.counter, r.message.as_str()))
            .collect();
        assert_eq!(reasons.len(), 2);
        assert_eq!(
            reasons[0],
            (
                50,
                "Enter a phone number, like 01632 960 001 or +44 7700 900 982."
            )
        );
        assert_eq!(reasons[1].0, 77);
        assert!(reasons[1].1.contains("different version of the portal"));
        let kept: Value = serde_json::from_str(pulled.rejections[0].mutation.get()).expect("json");
        assert_eq!(kept, set_phone("not a phone number", ""));
    }
}

#[tokio::test]
async fn a_gap_in_the_counters_is_refused_after_what_came_before() {
    for app in demo_apps().await {
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        let answer = push(
            &app,
            &cookie,
            CLIENT,
            &[
                (1, unseen_overwrite(1)),
                (2, unseen_overwrite(2)),
                (4, unseen_overwrite(4)),
            ],
        )
        .await;
        assert_eq!(
            answer,
            PushResponse {
                last_applied: 2,
                expected: Some(3)
            }
        );
    }
}

#[tokio::test]
async fn a_device_that_lost_a_queued_change_moves_past_it_and_is_told() {
    for app in demo_apps().await {
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        let lost = json!({"lost_on_device": {}});
        let answer = push(
            &app,
            &cookie,
            CLIENT,
            &[
                (1, unseen_overwrite(1)),
                (2, lost),
                (3, set_phone("01632 960 003", "")),
            ],
        )
        .await;
        assert_eq!(answer.last_applied, 3);
        let pulled = pull(&app, &cookie, 0).await;
        assert_eq!(pulled.rejections.len(), 1);
        assert_eq!(pulled.rejections[0].counter, 2);
        assert!(
            pulled.rejections[0]
                .message
                .contains("could not be read back")
        );
        assert_eq!(details(&pulled).expect("details")["phone"], "01632 960 003");
    }
}

#[tokio::test]
async fn a_queue_kept_through_a_long_absence_is_accepted_after_signing_in_again() {
    for app in demo_apps().await {
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        app.clock.advance(40 * 24 * 60 * 60);
        let response = app
            .call(push_request(
                &cookie,
                CLIENT,
                &[(1, set_phone("01632 960 001", ""))],
            ))
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "the session ran out"
        );
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        assert_eq!(
            push(
                &app,
                &cookie,
                CLIENT,
                &[(1, set_phone("01632 960 001", ""))]
            )
            .await
            .last_applied,
            1
        );
    }
}

#[tokio::test]
async fn a_server_restored_from_a_backup_says_so() {
    for app in demo_apps().await {
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        let response = app.call(pull_request(&cookie, 1_000_000, 100)).await;
        assert_eq!(response.status(), StatusCode::CONFLICT);
        let body: Value = json_of(response).await;
        assert_eq!(body["error"], "cursor_ahead");
    }
}

/// A device's pull from `cursor`, saying which database epoch it last saw.
async fn pull_seeing(app: &TestApp, cookie: &str, cursor: u64, epoch: &str) -> Response {
    app.call(
        Request::get(format!("/api/sync/pull?cursor={cursor}&epoch={epoch}"))
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .expect("request"),
    )
    .await
}

#[tokio::test]
async fn a_database_marked_restored_has_every_device_start_again_from_zero() {
    for app in demo_apps().await {
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        push(
            &app,
            &cookie,
            CLIENT,
            &[(1, set_phone("01632 960 101", ""))],
        )
        .await;
        let first = pull(&app, &cookie, 0).await;
        assert!(!first.epoch.is_empty(), "every pull names the epoch");
        let cursor = first.cursor.get();
        let again = pull_seeing(&app, &cookie, cursor, &first.epoch).await;
        assert_eq!(again.status(), StatusCode::OK, "the same epoch carries on");

        // The operator restores a backup and says so (`portal-server restored`): the counter
        // may well be past the device's cursor by now, so only the epoch can tell.
        let new = app.state.db.new_epoch().await.expect("new epoch");
        assert_ne!(new, first.epoch);
        let told = pull_seeing(&app, &cookie, cursor, &first.epoch).await;
        assert_eq!(told.status(), StatusCode::CONFLICT, "{}", app.label);
        let body: Value = json_of(told).await;
        assert_eq!(body["error"], "cursor_ahead");
        // From zero, the device gets everything again and learns the new epoch.
        let fresh = pull_seeing(&app, &cookie, 0, &first.epoch).await;
        assert_eq!(fresh.status(), StatusCode::OK);
        let fresh: PullResponse = json_of(fresh).await;
        assert_eq!(fresh.epoch, new);
        assert!(fresh.records.iter().any(|r| r.collection == "my_details"));
        // Apps from before epochs send none and carry on as before.
        let old_app = pull_seeing(&app, &cookie, cursor, "").await;
        assert_eq!(old_app.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn a_large_history_comes_in_pages_that_never_split_a_change() {
    for app in demo_apps().await {
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        // Thirty pushes of one change each (a change and its notice), then one push of ten,
        // whose eleven records share one change number and so are more than a page of seven.
        for n in 1..=30 {
            push(&app, &cookie, CLIENT, &[(n, unseen_overwrite(n))]).await;
        }
        let big: Vec<(u64, Value)> = (31..=40).map(|n| (n, unseen_overwrite(n))).collect();
        push(&app, &cookie, CLIENT, &big).await;
        let everything = pull(&app, &cookie, 0).await;
        let mut largest_page = 0;
        let mut cursor = 0;
        let mut paged = Vec::new();
        loop {
            let page: PullResponse =
                json_of(app.call(pull_request(&cookie, cursor, 7)).await).await;
            let changes: std::collections::BTreeSet<u64> =
                page.records.iter().map(|r| r.change.get()).collect();
            assert!(
                page.records.len() <= 7 || changes.len() == 1,
                "only a single change may make a page larger than asked for"
            );
            largest_page = largest_page.max(page.records.len());
            paged.extend(
                page.records
                    .iter()
                    .map(|r| (r.collection.clone(), r.id.clone())),
            );
            cursor = page.cursor.get();
            if !page.has_more {
                break;
            }
        }
        let all: Vec<_> = everything
            .records
            .iter()
            .map(|r| (r.collection.clone(), r.id.clone()))
            .collect();
        assert_eq!(paged, all);
        assert_eq!(cursor, everything.cursor.get());
        assert_eq!(largest_page, 11, "the push of ten came whole");
    }
}

#[tokio::test]
async fn pulls_racing_pushes_never_skip_a_change() {
    for app in demo_apps().await {
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        let pushers = (0..4).map(|p| {
            let app_router = app.router.clone();
            let cookie = cookie.clone();
            tokio::spawn(async move {
                let client = format!("tab-racer-{p}");
                for n in 1..=15_u64 {
                    let request = push_request(&cookie, &client, &[(n, unseen_overwrite(n))]);
                    let response = app_router
                        .clone()
                        .oneshot(request)
                        .await
                        .expect("infallible");
                    assert_eq!(response.status(), StatusCode::OK);
                }
            })
        });
        let pushers: Vec<_> = pushers.collect();
        // Keep pulling from the cursor while the pushes commit, as a device would.
        let mut cursor = 0;
        let mut seen = std::collections::BTreeSet::new();
        let mut finished = false;
        while !finished {
            finished = pushers.iter().all(tokio::task::JoinHandle::is_finished);
            let page = pull(&app, &cookie, cursor).await;
            seen.extend(
                page.records
                    .iter()
                    .filter(|r| r.collection == "notices")
                    .map(|r| r.id.clone()),
            );
            cursor = page.cursor.get();
            tokio::task::yield_now().await;
        }
        for pusher in pushers {
            pusher.await.expect("pusher");
        }
        let last = pull(&app, &cookie, cursor).await;
        seen.extend(
            last.records
                .iter()
                .filter(|r| r.collection == "notices")
                .map(|r| r.id.clone()),
        );
        let all = pull(&app, &cookie, 0).await;
        assert_eq!(seen.len(), notices(&all), "{}", app.label);
    }
}

#[tokio::test]
async fn nobody_reaches_another_household_or_another_persons_queue() {
    for app in demo_apps().await {
        let taylor = app.sign_in_cookie("carer@demo.test").await;
        let nowak = app.sign_in_cookie("nowak@demo.test").await;
        push(
            &app,
            &taylor,
            CLIENT,
            &[(1, set_phone("01632 960 001", ""))],
        )
        .await;

        // Another household's carer cannot use the Taylors' client id to act on their queue.
        let response = app
            .call(push_request(
                &nowak,
                CLIENT,
                &[(2, set_phone("01632 960 999", ""))],
            ))
            .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        // Nor do they see the Taylors' records: only their own household's facts and details
        // (which start with its lead carer), and what the service publishes to everyone (its
        // course catalogue, support groups, support contacts, rates, notice, surveys, library and
        // news).
        let theirs = pull(&app, &nowak, 0).await;
        let own: Vec<(&str, &str)> = theirs
            .records
            .iter()
            .filter(|r| {
                ![
                    "courses",
                    "groups",
                    "group_sessions",
                    "support_contacts",
                    "payment_rates",
                    "payment_notice",
                    "surveys",
                    "survey_notes",
                    "survey_home_note",
                    "library",
                    "news",
                ]
                .contains(&r.collection.as_str())
            })
            .map(|r| {
                (
                    r.collection.as_str(),
                    r.body.as_ref().map_or("", |b| b.get()),
                )
            })
            .collect();
        let collections: Vec<&str> = own.iter().map(|(c, _)| *c).collect();
        assert_eq!(collections, ["household", "my_details"]);
        assert!(own[0].1.contains("The Nowak household"), "{own:?}");
        assert!(own[1].1.contains("Ania Nowak"), "{own:?}");
        assert!(
            !own[1].1.contains("01632"),
            "not the Taylors' phone: {own:?}"
        );
        assert!(theirs.clients.is_empty());

        // Nobody signed out syncs at all.
        let request = Request::get("/api/sync/pull")
            .body(Body::empty())
            .expect("request");
        assert_eq!(app.call(request).await.status(), StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn malformed_and_oversized_pushes_get_plain_400s() {
    for app in demo_apps().await {
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        let too_many: Vec<(u64, Value)> = (1..=501).map(|n| (n, unseen_overwrite(n))).collect();
        for (request, expected) in [
            (
                push_request(&cookie, CLIENT, &too_many),
                "Send at most 500 changes at a time.",
            ),
            (
                push_request(&cookie, "x", &[]),
                "The request is missing something",
            ),
        ] {
            let response = app.call(request).await;
            assert_eq!(response.status(), StatusCode::BAD_REQUEST);
            let body: Value = json_of(response).await;
            assert!(
                body["message"]
                    .as_str()
                    .expect("message")
                    .starts_with(expected),
                "{body}"
            );
        }
        let zero_limit = app.call(pull_request(&cookie, 0, 0)).await;
        assert_eq!(
            zero_limit.status(),
            StatusCode::OK,
            "a zero limit is raised to one"
        );
        let request = Request::get("/api/sync/pull?cursor=-1")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .expect("request");
        assert_eq!(app.call(request).await.status(), StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn a_device_is_told_only_of_its_own_clients_however_many_there_were() {
    for app in demo_apps().await {
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        // Old versions of the app made a client per page load: twelve of them here.
        for n in 0..12_u64 {
            let client = format!("tab-{n:08}");
            push(&app, &cookie, &client, &[(1, unseen_overwrite(n))]).await;
        }
        let ask = |clients: &str| {
            Request::get(format!("/api/sync/pull?cursor=0&clients={clients}"))
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .expect("request")
        };
        let own: PullResponse = json_of(app.call(ask("device-00000001,tab-00000003")).await).await;
        let named: Vec<&str> = own.clients.iter().map(|c| c.client_id.as_str()).collect();
        assert_eq!(
            named,
            ["tab-00000003"],
            "a client the server has not seen yet is not listed"
        );
        let none: PullResponse = json_of(app.call(ask("")).await).await;
        assert!(none.clients.is_empty());
        // An app from before one client per device names none, and hears of all of them.
        assert_eq!(pull(&app, &cookie, 0).await.clients.len(), 12);
        let bad = app.call(ask("not%20an%20id")).await;
        assert_eq!(bad.status(), StatusCode::BAD_REQUEST, "{}", app.label);
    }
}
