//! The staff Carers API and invitations, black-box, on every database.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use axum::response::Response;
use portal_core::carers::{
    AccountState, CarerList, CarerSummary, ExitReason, ExitReport, InvitationDetails, Invited,
    StaffAction, StaffActionEntry,
};
use portal_core::sync::wire::PullResponse;
use serde_json::{Value, json};

use crate::common::{TestApp, cookie_from, demo_apps, json_of, sign_in_request};
use portal_server::Clock as _;

fn request(
    method: Method,
    path: &str,
    cookie: Option<&str>,
    body: Option<&Value>,
) -> Request<Body> {
    let mut builder = Request::builder()
        .method(method)
        .uri(path)
        .header("x-portal-request", "1");
    if let Some(cookie) = cookie {
        builder = builder.header(header::COOKIE, cookie);
    }
    if body.is_some() {
        builder = builder.header(header::CONTENT_TYPE, "application/json");
    }
    builder
        .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
        .expect("request")
}

async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    cookie: Option<&str>,
    body: Option<Value>,
) -> Response {
    app.call(request(method, path, cookie, body.as_ref())).await
}

async fn error_code(response: Response) -> String {
    let body: Value = json_of(response).await;
    body["error"].as_str().expect("an error code").to_owned()
}

async fn carer_list(app: &TestApp, cookie: &str) -> CarerList {
    let response = call(app, Method::GET, "/api/staff/carers", Some(cookie), None).await;
    assert_eq!(response.status(), StatusCode::OK, "{}", app.label);
    json_of(response).await
}

async fn household(app: &TestApp, cookie: &str, name: &str) -> CarerSummary {
    carer_list(app, cookie)
        .await
        .carers
        .into_iter()
        .find(|c| c.name == name)
        .expect("the household is listed")
}

fn new_household(email: &str) -> Value {
    json!({
        "household_name": "The Lee household",
        "carer_name": "Ash Lee",
        "email": email,
        "area": "Northby",
        "carer_type": "short_breaks",
        "status": "approved",
        "approved_on": "2023-10-02",
        "supervising_worker_id": "",
    })
}

/// The token in an invitation's link, which follows the `#`.
fn token_of(invited: &Invited) -> String {
    let (page, token) = invited.invitation.path.split_once('#').expect("a fragment");
    assert_eq!(page, "/invitation");
    token.to_owned()
}

#[tokio::test]
async fn staff_see_every_household_and_only_managers_may_edit() {
    for app in demo_apps().await {
        let worker = app.staff_cookie("worker@demo.test").await;
        let list = carer_list(&app, &worker).await;
        // Thirteen households and the demo applicant's, being assessed.
        assert_eq!(list.carers.len(), 14, "{}", app.label);
        assert!(list.can_edit);
        assert_eq!(list.workers.len(), 1);
        assert_eq!(list.workers[0].name, "Jo Okafor");
        let taylor = list
            .carers
            .iter()
            .find(|c| c.email == "carer@demo.test")
            .expect("Taylors");
        assert_eq!(taylor.account, AccountState::Active);
        assert_eq!(
            taylor.supervising_worker.as_ref().map(|w| w.name.as_str()),
            Some("Jo Okafor")
        );
        let one = call(
            &app,
            Method::GET,
            &format!("/api/staff/carers/{}", taylor.id),
            Some(&worker),
            None,
        )
        .await;
        assert_eq!(one.status(), StatusCode::OK);
        let missing = call(
            &app,
            Method::GET,
            "/api/staff/carers/nope",
            Some(&worker),
            None,
        )
        .await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);

        let finance = app.staff_cookie("finance@demo.test").await;
        assert!(!carer_list(&app, &finance).await.can_edit);
    }
}

#[tokio::test]
async fn a_supervising_social_worker_acts_only_on_the_households_they_supervise() {
    for app in demo_apps().await {
        let worker = app.staff_cookie("worker@demo.test").await;
        let admin = app.staff_cookie("admin@demo.test").await;
        // The demo's worker supervises the Taylors but not the Nowaks.
        let theirs = household(&app, &worker, "The Taylor household").await;
        let other = household(&app, &worker, "The Nowak household").await;
        assert!(theirs.supervising_worker.is_some());
        assert!(other.supervising_worker.is_none());

        let invite = |id: &str| format!("/api/staff/carers/{id}/invitation");
        let refused = call(&app, Method::POST, &invite(&other.id), Some(&worker), None).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{}", app.label);
        assert_eq!(error_code(refused).await, "not_their_household");
        // Handing the household to themselves is acting on it too.
        let worker_id = theirs.supervising_worker.clone().expect("supervised").id;
        let facts = json!({
            "version": other.version,
            "carer_type": "mainstream",
            "status": other.status.as_str(),
            "approved_on": "03/04/2019",
            "supervising_worker_id": worker_id,
        });
        let path = format!("/api/staff/carers/{}", other.id);
        let refused = call(&app, Method::PUT, &path, Some(&worker), Some(facts.clone())).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        // Nothing changed: the Nowaks' sign-in still works, and their facts are as they were.
        assert_eq!(household(&app, &admin, "The Nowak household").await, other);

        let allowed = call(&app, Method::POST, &invite(&theirs.id), Some(&worker), None).await;
        assert_eq!(allowed.status(), StatusCode::OK);
        let allowed = call(&app, Method::PUT, &path, Some(&admin), Some(facts)).await;
        assert_eq!(
            allowed.status(),
            StatusCode::OK,
            "administrators act on every household"
        );
        // A household a worker adds, naming no one, is theirs to supervise.
        let created = call(
            &app,
            Method::POST,
            "/api/staff/carers",
            Some(&worker),
            Some(new_household("lee@example.test")),
        )
        .await;
        let created: Invited = json_of(created).await;
        assert_eq!(
            created.carer.supervising_worker.map(|w| w.id),
            Some(worker_id.clone())
        );
        // Now the worker supervises the Nowaks, and may send their link.
        let allowed = call(&app, Method::POST, &invite(&other.id), Some(&worker), None).await;
        assert_eq!(allowed.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn changing_the_facts_reaches_the_carers_device_and_stale_edits_are_refused() {
    for app in demo_apps().await {
        let worker = app.staff_cookie("worker@demo.test").await;
        let taylor = household(&app, &worker, "The Taylor household").await;
        let path = format!("/api/staff/carers/{}", taylor.id);
        let edit = |version: i64, status: &str| {
            json!({
                "version": version,
                "carer_type": "parent_and_child",
                "status": status,
                "approved_on": "12/09/2021",
                "supervising_worker_id": taylor.supervising_worker.as_ref().map(|w| w.id.clone()).unwrap_or_default(),
            })
        };
        let saved = call(
            &app,
            Method::PUT,
            &path,
            Some(&worker),
            Some(edit(taylor.version, "on_hold")),
        )
        .await;
        assert_eq!(saved.status(), StatusCode::OK, "{}", app.label);
        let saved: CarerSummary = json_of(saved).await;
        assert_eq!(saved.version, taylor.version + 1);
        assert_eq!(saved.status.as_str(), "on_hold");

        // A second member of staff still looking at the old version cannot undo that unseen.
        let stale = call(
            &app,
            Method::PUT,
            &path,
            Some(&worker),
            Some(edit(taylor.version, "approved")),
        )
        .await;
        assert_eq!(stale.status(), StatusCode::CONFLICT);
        assert_eq!(error_code(stale).await, "edit_conflict");
        assert_eq!(
            household(&app, &worker, "The Taylor household")
                .await
                .status
                .as_str(),
            "on_hold"
        );

        // The carer's device learns the new facts on its next pull.
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let pulled = call(
            &app,
            Method::GET,
            "/api/sync/pull?cursor=0",
            Some(&carer),
            None,
        )
        .await;
        let pulled: PullResponse = json_of(pulled).await;
        let facts = pulled
            .records
            .iter()
            .rev()
            .find(|r| r.collection == "household")
            .and_then(|r| r.body.as_ref())
            .map(|b| serde_json::from_str::<Value>(b.get()).expect("json"))
            .expect("the household record");
        assert_eq!(facts["status"], "on_hold");
        assert_eq!(facts["carer_type"], "parent_and_child");
        assert_eq!(facts["approved_on"], "2021-09-12");
        assert_eq!(facts["supervising_worker"], "Jo Okafor");

        // Rules the form follows are the server's too.
        let mut bad = edit(saved.version, "approved");
        bad["approved_on"] = json!("2999-01-01");
        let refused = call(&app, Method::PUT, &path, Some(&worker), Some(bad)).await;
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
        let mut unknown_worker = edit(saved.version, "approved");
        unknown_worker["supervising_worker_id"] = json!("someone-made-up");
        let refused = call(
            &app,
            Method::PUT,
            &path,
            Some(&worker),
            Some(unknown_worker),
        )
        .await;
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
        let no_household = call(
            &app,
            Method::PUT,
            "/api/staff/carers/nope",
            Some(&worker),
            Some(edit(1, "approved")),
        )
        .await;
        assert_eq!(no_household.status(), StatusCode::NOT_FOUND);

        let finance = app.staff_cookie("finance@demo.test").await;
        let forbidden = call(
            &app,
            Method::PUT,
            &path,
            Some(&finance),
            Some(edit(saved.version, "ended")),
        )
        .await;
        assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn a_new_household_is_invited_and_the_link_works_once() {
    for app in demo_apps().await {
        let admin = app.staff_cookie("admin@demo.test").await;
        let created = call(
            &app,
            Method::POST,
            "/api/staff/carers",
            Some(&admin),
            Some(new_household("Ash.Lee@Example.test")),
        )
        .await;
        assert_eq!(created.status(), StatusCode::CREATED, "{}", app.label);
        let invited: Invited = json_of(created).await;
        assert!(matches!(
            invited.carer.account,
            AccountState::Invited { .. }
        ));
        assert_eq!(invited.carer.email, "ash.lee@example.test");
        let token = token_of(&invited);

        // The same email cannot be given two accounts.
        let again = call(
            &app,
            Method::POST,
            "/api/staff/carers",
            Some(&admin),
            Some(new_household("ash.lee@example.test")),
        )
        .await;
        assert_eq!(again.status(), StatusCode::CONFLICT);
        assert_eq!(error_code(again).await, "email_taken");

        // The link says who it is for, without anyone signed in.
        let preview = call(
            &app,
            Method::POST,
            "/api/invitation",
            None,
            Some(json!({"token": token})),
        )
        .await;
        assert_eq!(preview.status(), StatusCode::OK);
        let details: InvitationDetails = json_of(preview).await;
        assert_eq!(details.name, "Ash Lee");

        // A weak password is refused and the link still works afterwards.
        let weak = call(
            &app,
            Method::POST,
            "/api/invitation/accept",
            None,
            Some(json!({"token": token, "password": "password"})),
        )
        .await;
        assert_eq!(weak.status(), StatusCode::BAD_REQUEST);
        let accepted = call(
            &app,
            Method::POST,
            "/api/invitation/accept",
            None,
            Some(json!({"token": token, "password": "kettle garden purple"})),
        )
        .await;
        assert_eq!(accepted.status(), StatusCode::OK);
        let cookie = cookie_from(&accepted);
        let pulled = call(&app, Method::GET, "/api/sync/pull", Some(&cookie), None).await;
        assert_eq!(
            pulled.status(),
            StatusCode::OK,
            "the new carer is signed in"
        );

        let reused = call(
            &app,
            Method::POST,
            "/api/invitation/accept",
            None,
            Some(json!({"token": token, "password": "another fine password"})),
        )
        .await;
        assert_eq!(reused.status(), StatusCode::NOT_FOUND);
        assert_eq!(error_code(reused).await, "invitation_unusable");

        let signed_in = app
            .call(sign_in_request(
                &json!({"email": "ash.lee@example.test", "password": "kettle garden purple"}),
            ))
            .await;
        assert_eq!(signed_in.status(), StatusCode::OK);
        assert_eq!(
            household(&app, &admin, "The Lee household").await.account,
            AccountState::Active
        );
    }
}

#[tokio::test]
async fn links_expire_and_a_new_link_replaces_the_old_one() {
    for app in demo_apps().await {
        let worker = app.staff_cookie("worker@demo.test").await;
        let created = call(
            &app,
            Method::POST,
            "/api/staff/carers",
            Some(&worker),
            Some(new_household("late@example.test")),
        )
        .await;
        let first: Invited = json_of(created).await;
        app.clock.advance(8 * 24 * 60 * 60);
        let worker = app.staff_cookie("worker@demo.test").await;
        let expired = call(
            &app,
            Method::POST,
            "/api/invitation",
            None,
            Some(json!({"token": token_of(&first)})),
        )
        .await;
        assert_eq!(expired.status(), StatusCode::GONE, "{}", app.label);
        assert_eq!(error_code(expired).await, "invitation_expired");
        assert_eq!(
            household(&app, &worker, "The Lee household").await.account,
            AccountState::InvitationExpired
        );

        let path = format!("/api/staff/carers/{}/invitation", first.carer.id);
        let second: Invited =
            json_of(call(&app, Method::POST, &path, Some(&worker), None).await).await;
        let third: Invited =
            json_of(call(&app, Method::POST, &path, Some(&worker), None).await).await;
        let superseded = call(
            &app,
            Method::POST,
            "/api/invitation",
            None,
            Some(json!({"token": token_of(&second)})),
        )
        .await;
        assert_eq!(
            superseded.status(),
            StatusCode::NOT_FOUND,
            "a newer link cancels the older"
        );
        let latest = call(
            &app,
            Method::POST,
            "/api/invitation",
            None,
            Some(json!({"token": token_of(&third)})),
        )
        .await;
        assert_eq!(latest.status(), StatusCode::OK);
        let nonsense = call(
            &app,
            Method::POST,
            "/api/invitation",
            None,
            Some(json!({"token": "made-up"})),
        )
        .await;
        assert_eq!(nonsense.status(), StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn a_new_link_for_a_carer_with_a_password_replaces_it_and_ends_their_sessions() {
    for app in demo_apps().await {
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let worker = app.staff_cookie("worker@demo.test").await;
        let taylor = household(&app, &worker, "The Taylor household").await;
        let path = format!("/api/staff/carers/{}/invitation", taylor.id);
        let invited: Invited =
            json_of(call(&app, Method::POST, &path, Some(&worker), None).await).await;
        let accepted = call(
            &app,
            Method::POST,
            "/api/invitation/accept",
            None,
            Some(json!({"token": token_of(&invited), "password": "a brand new passphrase"})),
        )
        .await;
        assert_eq!(accepted.status(), StatusCode::OK, "{}", app.label);
        let old_session = call(&app, Method::GET, "/api/sync/pull", Some(&carer), None).await;
        assert_eq!(
            old_session.status(),
            StatusCode::UNAUTHORIZED,
            "a lost phone is signed out"
        );
        let old_password = app
            .call(sign_in_request(
                &json!({"email": "carer@demo.test", "password": "demo-password"}),
            ))
            .await;
        assert_eq!(old_password.status(), StatusCode::UNAUTHORIZED);
    }
}

/// Staff editing a household while its carer's pushes commit: on SQLite a transaction that read
/// before writing used to fail at once with "database is locked" (a 500 for staff) when a push
/// committed in between. Every write now takes the change counter first, and waits its turn.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn staff_edits_and_carers_pushes_at_the_same_moment_all_succeed() {
    for app in demo_apps().await {
        let worker = app.staff_cookie("worker@demo.test").await;
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let taylor = household(&app, &worker, "The Taylor household").await;
        let path = format!("/api/staff/carers/{}", taylor.id);
        let worker_id = taylor.supervising_worker.clone().expect("supervised").id;
        for round in 0..25_u64 {
            let version = household(&app, &worker, "The Taylor household")
                .await
                .version;
            let edit = json!({
                "version": version,
                "carer_type": "mainstream",
                "status": if round % 2 == 0 { "on_hold" } else { "approved" },
                "approved_on": "12/09/2021",
                "supervising_worker_id": worker_id,
            });
            let phone = json!({"details": {"set_phone": {"value": format!("07700 900{round:03}"), "replacing": ""}}});
            let staff = app.call(request(Method::PUT, &path, Some(&worker), Some(&edit)));
            let push = crate::common::push_request(&carer, "taylor-phone", &[(round + 1, phone)]);
            let (staff, push) = tokio::join!(staff, app.call(push));
            let (staff_status, push_status) = (staff.status(), push.status());
            let (staff_body, push_body): (Value, Value) =
                (json_of(staff).await, json_of(push).await);
            assert_eq!(
                (staff_status, push_status),
                (StatusCode::OK, StatusCode::OK),
                "round {round} on {}: {staff_body} {push_body}",
                app.label
            );
        }
    }
}

async fn history_of(app: &TestApp, cookie: &str, path: &str) -> Vec<StaffActionEntry> {
    let response = call(app, Method::GET, path, Some(cookie), None).await;
    assert_eq!(response.status(), StatusCode::OK, "{}", app.label);
    json_of(response).await
}

#[tokio::test]
async fn administrators_read_what_staff_did_to_a_household_and_who_did_it() {
    for app in demo_apps().await {
        let worker = app.staff_cookie("worker@demo.test").await;
        let admin = app.staff_cookie("admin@demo.test").await;
        let taylor = household(&app, &worker, "The Taylor household").await;
        let history = format!("/api/staff/carers/{}/history", taylor.id);
        assert!(
            history_of(&app, &admin, &history).await.is_empty(),
            "the demo starts with none"
        );

        let edit = json!({
            "version": taylor.version,
            "carer_type": "mainstream",
            "status": "on_hold",
            "approved_on": "12/09/2021",
            "supervising_worker_id": taylor.supervising_worker.clone().expect("supervised").id,
        });
        let path = format!("/api/staff/carers/{}", taylor.id);
        let saved = call(&app, Method::PUT, &path, Some(&worker), Some(edit)).await;
        assert_eq!(saved.status(), StatusCode::OK);
        app.clock.advance(60);
        let link = format!("/api/staff/carers/{}/invitation", taylor.id);
        let sent = call(&app, Method::POST, &link, Some(&worker), None).await;
        assert_eq!(sent.status(), StatusCode::OK);

        let seen = history_of(&app, &admin, &history).await;
        let said: Vec<(&str, StaffAction)> =
            seen.iter().map(|e| (e.by.as_str(), e.action)).collect();
        assert_eq!(
            said,
            [
                ("Jo Okafor", StaffAction::SentSignInLink),
                ("Jo Okafor", StaffAction::ChangedFacts),
            ],
            "newest first, on {}",
            app.label
        );
        assert_eq!(seen[0].at, seen[1].at + 60);

        // Workers and finance do not read it.
        for email in ["worker@demo.test", "finance@demo.test"] {
            let cookie = app.staff_cookie(email).await;
            let refused = call(&app, Method::GET, &history, Some(&cookie), None).await;
            assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{email}");
        }

        // Kept ten years, then erased with the rest of what is past keeping.
        let db = &app.state.db;
        let now = app.clock.now();
        assert_eq!(
            portal_server::audit::erase_expired(db, now + 9 * 365 * 24 * 60 * 60)
                .await
                .expect("runs"),
            0
        );
        assert_eq!(
            portal_server::audit::erase_expired(db, now + 11 * 365 * 24 * 60 * 60)
                .await
                .expect("runs"),
            // These two, and the demo applicant's household being added from her enquiry.
            3
        );
        assert!(history_of(&app, &admin, &history).await.is_empty());
    }
}

#[tokio::test]
async fn ending_a_household_records_why_and_the_report_counts_it() {
    for app in demo_apps().await {
        let admin = app.staff_cookie("admin@demo.test").await;
        let before: ExitReport =
            json_of(call(&app, Method::GET, "/api/staff/exits", Some(&admin), None).await).await;
        // The demo's Walshes retired two months ago.
        let retired = ExitReason::ALL
            .iter()
            .position(|r| *r == ExitReason::Retired)
            .expect("a reason");
        assert_eq!(before.totals()[retired], 1, "{}", app.label);
        assert_eq!(before.months.len(), 24);

        let taylor = household(&app, &admin, "The Taylor household").await;
        let path = format!("/api/staff/carers/{}", taylor.id);
        let ending = |reason: &str, words: &str| {
            json!({
                "version": taylor.version,
                "carer_type": "mainstream",
                "status": "ended",
                "approved_on": "12/09/2021",
                "supervising_worker_id": "",
                "exit_reason": reason,
                "exit_words": words,
            })
        };
        let refused = call(&app, Method::PUT, &path, Some(&admin), Some(ending("", ""))).await;
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
        let body: Value = json_of(refused).await;
        assert_eq!(
            body["message"],
            "Choose why the household is leaving the service."
        );
        let refused = call(
            &app,
            Method::PUT,
            &path,
            Some(&admin),
            Some(ending("other", " ")),
        )
        .await;
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);

        let saved = call(
            &app,
            Method::PUT,
            &path,
            Some(&admin),
            Some(ending("other", "Adopted the child they cared for")),
        )
        .await;
        assert_eq!(saved.status(), StatusCode::OK, "{}", app.label);
        let saved: CarerSummary = json_of(saved).await;
        let exit = saved.exit.expect("why they left");
        assert_eq!(exit.reason, ExitReason::Other);
        assert_eq!(
            exit.words.map(|w| w.to_string()).as_deref(),
            Some("Adopted the child they cared for")
        );

        let after: ExitReport =
            json_of(call(&app, Method::GET, "/api/staff/exits", Some(&admin), None).await).await;
        let other = ExitReason::ALL.len() - 1;
        let this_month = after.months.last().expect("this month");
        assert_eq!(this_month.counts[other], 1, "counted in the month it left");
        assert_eq!(after.totals()[retired], 1);

        let finance = app.staff_cookie("finance@demo.test").await;
        let refused = call(&app, Method::GET, "/api/staff/exits", Some(&finance), None).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
}
