//! Applicants, on every database: the recruitment team invites an applicant from an enquiry at
//! the application stage; the applicant signs in, sees their stages and tasks, ticks tasks
//! (queued on the device, pushed later), is refused everything for approved carers; the team
//! confirms a task, which then stays ticked; approval turns the same account into a carer's.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use portal_core::buddies::{PairingKind, PairingStatus, StaffProposal};
use portal_core::enquiries::Stage;
use portal_core::enquiries::application::{Application, TaskStatus};
use portal_core::household::HouseholdFacts;
use portal_core::sync::wire::PullResponse;
use serde_json::{Value, json};

use crate::common::{TestApp, cookie_from, demo_apps, lead_carer, pairing_views, pull, push};

const RECRUITER: &str = "recruit@demo.test";

/// The newest body of `collection` in a pull from zero.
fn newest<T: serde::de::DeserializeOwned>(pulled: &PullResponse, collection: &str) -> Option<T> {
    pulled
        .records
        .iter()
        .rev()
        .find(|r| r.collection == collection)
        .and_then(|r| r.body.as_ref())
        .map(|body| serde_json::from_str(body.get()).expect("json"))
}

async fn stage(app: &TestApp, id: &str, from: &str, to: &str) -> (u16, Value) {
    let cookie = app.staff_cookie(RECRUITER).await;
    app.json(
        &cookie,
        "POST",
        &format!("/api/staff/enquiries/{id}/actions"),
        &json!({"action": "stage", "from": from, "choice": to}),
    )
    .await
}

/// A new enquiry from Ola Berg, moved to the application stage; its id.
async fn applied(app: &TestApp) -> String {
    let id = "test-enquiry-applicant1".to_owned();
    let form = json!({
        "name": "Ola Berg", "phone": "07700 900 321", "email": "ola@example.test",
        "best_time": "evening", "postcode": "NB3 4XY", "spare_room": "yes",
        "interests": ["teenagers"], "heard_from": "event", "consent": true
    });
    let response = app
        .call(
            Request::post("/api/enquiries")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(json!({"id": id, "form": form}).to_string()))
                .expect("request"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    for (from, to) in [
        ("enquiry", "initial_visit"),
        ("initial_visit", "application"),
    ] {
        assert_eq!(stage(app, &id, from, to).await.0, 200);
    }
    id
}

/// Invites the applicant and accepts the invitation; the applicant's session cookie.
async fn invite_and_accept(app: &TestApp, id: &str) -> String {
    let cookie = app.staff_cookie(RECRUITER).await;
    let path = format!("/api/staff/enquiries/{id}/household");
    let mut household = json!({"household_name": "The Berg household", "carer_name": "Ola Berg",
        "email": "ola@example.test", "area": "Northby", "carer_type": "mainstream",
        "status": "approved", "approved_on": "13/11/2023", "supervising_worker_id": ""});
    let (status, body) = app.json(&cookie, "POST", &path, &household).await;
    assert_eq!(status, 400, "an applicant is not yet approved: {body}");
    household["status"] = json!("assessment");
    household["approved_on"] = json!("");
    let (status, invited) = app.json(&cookie, "POST", &path, &household).await;
    assert_eq!(status, 201, "{invited}");
    let link = invited["invitation"]["path"].as_str().expect("a link");
    let token = link.split_once('#').expect("a fragment").1;
    let accepted = app
        .call(
            Request::post("/api/invitation/accept")
                .header(header::CONTENT_TYPE, "application/json")
                .header("x-portal-request", "1")
                .body(Body::from(
                    json!({"token": token, "password": "kettle garden purple"}).to_string(),
                ))
                .expect("request"),
        )
        .await;
    assert_eq!(accepted.status(), StatusCode::OK);
    cookie_from(&accepted)
}

/// Moves the enquiry on from the application stage to approval.
async fn approve(app: &TestApp, id: &str) {
    for (from, to) in [
        ("application", "assessment"),
        ("assessment", "panel"),
        ("panel", "approved"),
    ] {
        let (code, body) = stage(app, id, from, to).await;
        assert_eq!(code, 200, "{body}");
    }
}

/// Where one task of an application stands.
fn status(task: &str, app: &Application) -> TaskStatus {
    app.tasks
        .iter()
        .find(|t| t.task.as_str() == task)
        .expect("task")
        .status()
}

fn tick(task: &str, done: bool) -> Value {
    json!({"application": {"tick": {"task": task, "done": done}}})
}

#[tokio::test]
async fn an_applicant_ticks_tasks_the_team_confirms_and_approval_opens_the_carers_portal() {
    for app in demo_apps().await {
        let id = applied(&app).await;
        let applicant = invite_and_accept(&app, &id).await;

        // The applicant's device receives their application and household, being assessed.
        let pulled = pull(&app, &applicant, 0).await;
        let application: Application = newest(&pulled, "application").expect("application");
        assert_eq!(application.stage, Stage::Application, "{}", app.label);
        assert!(
            application
                .tasks
                .iter()
                .all(|t| t.status() == TaskStatus::ToDo)
        );
        let facts: HouseholdFacts = newest(&pulled, "household").expect("household");
        assert_eq!(facts.status.as_str(), "assessment");

        // Ticks made offline arrive together; a learning log entry is refused, with the
        // reason, because the carers' areas are not yet open to an applicant.
        let member = lead_carer(&app, &applicant).await;
        let entry = json!({"training": {"save": {"id": "entry-applicant-1", "form": {
            "title": "Skills to Foster", "date": "2023-11-01", "hours": "6", "minutes": "0",
            "format": "face_to_face", "provider": "", "course_id": "", "standards": [1],
            "members": [member], "certificate": "", "learned": "", "will_use": ""
        }}}});
        let pushed = push(
            &app,
            &applicant,
            "tab-applicant-01",
            &[
                (1, tick("dbs", true)),
                (2, tick("medical", true)),
                (3, tick("medical", false)),
                (4, entry.clone()),
            ],
        )
        .await;
        assert_eq!(pushed.last_applied, 4);
        let pulled = pull(&app, &applicant, 0).await;
        assert_eq!(pulled.rejections.len(), 1, "{:?}", pulled.rejections);
        assert_eq!(pulled.rejections[0].code, "applicant");
        let application: Application = newest(&pulled, "application").expect("application");
        assert_eq!(status("dbs", &application), TaskStatus::Done);
        assert_eq!(status("medical", &application), TaskStatus::ToDo);

        // The team sees the ticks and confirms the DBS; the applicant can no longer untick it.
        let team = app.staff_cookie(RECRUITER).await;
        let path = format!("/api/staff/enquiries/{id}/application");
        let (code, seen) = app.json(&team, "GET", &path, &Value::Null).await;
        assert_eq!(code, 200);
        assert_eq!(seen["tasks"][2]["task"], "dbs");
        assert!(seen["tasks"][2]["ticked_on"].is_string());
        let (code, confirmed) = app
            .json(
                &team,
                "POST",
                &format!("{path}/tasks"),
                &json!({"task": "dbs", "confirmed": true}),
            )
            .await;
        assert_eq!(code, 200, "{confirmed}");
        push(
            &app,
            &applicant,
            "tab-applicant-01",
            &[(5, tick("dbs", false))],
        )
        .await;
        let pulled = pull(&app, &applicant, 0).await;
        let application: Application = newest(&pulled, "application").expect("application");
        assert_eq!(status("dbs", &application), TaskStatus::Confirmed);
        assert_eq!(pulled.rejections.len(), 2);

        // An applicant may not send photos (they belong to payment queries and claims).
        let photo = app
            .call(
                Request::put("/api/photos/photo-applicant-0001")
                    .header(header::COOKIE, &applicant)
                    .header("x-portal-request", "1")
                    .body(Body::from(vec![0xFF, 0xD8, 0xFF]))
                    .expect("request"),
            )
            .await;
        assert_eq!(photo.status(), StatusCode::FORBIDDEN);

        // Through assessment and panel to approval: the same sign-in is now a carer's.
        approve(&app, &id).await;
        let pulled = pull(&app, &applicant, 0).await;
        let facts: HouseholdFacts = newest(&pulled, "household").expect("household");
        assert_eq!(facts.status.as_str(), "approved", "{}", app.label);
        assert!(facts.approved_on.is_some());
        let application: Application = newest(&pulled, "application").expect("application");
        assert_eq!(application.stage, Stage::Approved);
        push(&app, &applicant, "tab-applicant-01", &[(6, entry)]).await;
        let pulled = pull(&app, &applicant, 0).await;
        assert_eq!(pulled.rejections.len(), 2, "the learning log is open now");
        assert!(
            pulled
                .records
                .iter()
                .any(|r| r.collection == "training_entries")
        );
        // An approved household's enquiry no longer moves.
        assert_eq!(stage(&app, &id, "approved", "panel").await.0, 409);
    }
}

#[tokio::test]
async fn an_applicant_sees_only_their_own_application() {
    for app in demo_apps().await {
        let id = applied(&app).await;
        let applicant = invite_and_accept(&app, &id).await;
        let pulled = pull(&app, &applicant, 0).await;
        let applications = pulled
            .records
            .iter()
            .filter(|r| r.collection == "application")
            .count();
        assert_eq!(applications, 1, "not the demo applicant's too");
        let households = pulled
            .records
            .iter()
            .filter(|r| r.collection == "household")
            .count();
        assert_eq!(households, 1);
        // Staff routes refuse an applicant as they refuse a carer.
        let (code, _) = app
            .json(
                &applicant,
                "GET",
                &format!("/api/staff/enquiries/{id}/application"),
                &Value::Null,
            )
            .await;
        assert_eq!(code, 403);
        // The demo applicant sees their own: referees confirmed, DBS done.
        let demo = app.sign_in_cookie("applicant@demo.test").await;
        let pulled = pull(&app, &demo, 0).await;
        let application: Application = newest(&pulled, "application").expect("application");
        assert_eq!(application.stage, Stage::Assessment);
        assert_eq!(
            application.tasks_words(),
            "2 of 5 tasks done, 1 confirmed by the team."
        );
    }
}

/// The matcher's suggestion for `query` ("" for buddies, "?kind=mentor" for mentors): who is
/// waiting, by household name.
async fn waiting(app: &TestApp, worker: &str, query: &str) -> StaffProposal {
    let (code, proposal) = app
        .json(
            worker,
            "POST",
            &format!("/api/staff/buddies/proposals{query}"),
            &Value::Null,
        )
        .await;
    assert_eq!(code, 200, "{proposal}");
    serde_json::from_value(proposal).expect("a proposal")
}

/// Who is waiting in a proposal, by household name.
fn names(proposal: &StaffProposal) -> Vec<String> {
    proposal
        .waiting
        .iter()
        .map(|w| w.seeker_name.clone())
        .collect()
}

/// Staff find the Bergs waiting for a mentor (never for a buddy) and suggest the Nowaks; the
/// worker's cookie and the Nowaks' household id.
async fn nowak_suggested(app: &TestApp) -> (String, String) {
    // Applicants wait for a mentor without asking, and never for a buddy.
    let worker = app.staff_cookie("worker@demo.test").await;
    let mentors = waiting(app, &worker, "?kind=mentor").await;
    assert!(names(&mentors).contains(&"The Berg household".to_owned()));
    assert!(!names(&waiting(app, &worker, "").await).contains(&"The Berg household".to_owned()));
    let berg = mentors
        .waiting
        .iter()
        .find(|w| w.seeker_name == "The Berg household")
        .expect("waiting");
    let nowak = berg
        .options()
        .find(|p| p.buddy_name == "The Nowak household")
        .expect("the one mentor")
        .buddy
        .clone();
    let send =
        |kind: &str| json!({"kind": kind, "pairs": [{"seeker": berg.seeker, "buddy": nowak}]});
    let path = "/api/staff/buddies/pairings";
    let (code, body) = app.json(&worker, "POST", path, &send("buddy")).await;
    assert_eq!(code, 400, "an applicant is not a buddy seeker: {body}");
    let (code, body) = app.json(&worker, "POST", path, &send("mentor")).await;
    assert_eq!(code, 201, "{}: {body}", app.label);

    (worker, nowak)
}

#[tokio::test]
async fn a_carer_mentors_an_applicant_both_say_yes_and_share_the_contact_log() {
    for app in demo_apps().await {
        let id = applied(&app).await;
        let applicant = invite_and_accept(&app, &id).await;
        let mentor = app.sign_in_cookie("nowak@demo.test").await;
        let offer = json!({"buddies": {"join": {"form": {
            "wants_buddy": false, "places": "", "mentor_places": "1",
            "offer": "I was assessed two years ago and remember every question.",
            "availability": ["weekends"], "gender": "", "same_gender": false, "not_known": false
        }}}});
        push(&app, &mentor, "tab-mentor-nowak1", &[(1, offer)]).await;

        let (worker, nowak) = nowak_suggested(&app).await;

        // Both say yes; then each has the other's details and the log is shared.
        let suggested = pairing_views(&pull(&app, &applicant, 0).await);
        assert_eq!(suggested.len(), 1);
        assert_eq!(suggested[0].kind, PairingKind::Mentor);
        assert!(suggested[0].other.is_none());
        let pairing = suggested[0].id.clone();
        let respond =
            json!({"buddies": {"respond": {"pairing": pairing, "accept": true, "reason": ""}}});
        push(
            &app,
            &applicant,
            "tab-applicant-01",
            &[(1, respond.clone())],
        )
        .await;
        push(&app, &mentor, "tab-mentor-nowak1", &[(2, respond)]).await;
        let contact = json!({"buddies": {"log_contact": {"id": "contact-mentor-0001",
            "pairing": pairing, "form": {"date": "2023-11-10", "how": "phone", "minutes": "40"}}}});
        // An applicant may say when they are free, but not yet offer to be a buddy.
        let offer = json!({"buddies": {"join": {"form": {"wants_buddy": false, "places": "2",
            "offer": "", "availability": [], "gender": "", "same_gender": false, "not_known": false}}}});
        push(
            &app,
            &applicant,
            "tab-applicant-01",
            &[(2, contact), (3, offer)],
        )
        .await;
        let pulled = pull(&app, &applicant, 0).await;
        assert_eq!(pulled.rejections.len(), 1, "{:?}", pulled.rejections);
        assert_eq!(pulled.rejections[0].code, "applicant");
        let seen = pairing_views(&pulled);
        let newest = seen.last().expect("the pairing");
        assert_eq!(newest.status, PairingStatus::Active, "{}", app.label);
        assert!(
            newest.other.is_some(),
            "the mentor's details, now both said yes"
        );
        let logged = |pulled: &PullResponse| {
            pulled
                .records
                .iter()
                .filter(|r| r.collection == "buddy_contacts")
                .count()
        };
        assert_eq!(logged(&pull(&app, &mentor, 0).await), 1);

        // The mentor place is taken: nobody else is offered Nowak as a mentor now.
        let mentors = waiting(&app, &worker, "?kind=mentor").await;
        assert!(
            mentors
                .waiting
                .iter()
                .all(|w| w.options().all(|p| p.buddy != nowak))
        );
        assert!(!names(&mentors).contains(&"The Berg household".to_owned()));

        // The application closes: the pairing ends, and the mentor's place is free again.
        let team = app.staff_cookie(RECRUITER).await;
        let close = json!({"action": "stage", "from": "application", "choice": "closed",
            "reason": "withdrew"});
        let actions = format!("/api/staff/enquiries/{id}/actions");
        let (code, body) = app.json(&team, "POST", &actions, &close).await;
        assert_eq!(code, 200, "{body}");
        let seen = pairing_views(&pull(&app, &mentor, 0).await);
        assert_eq!(
            seen.last().expect("the pairing").status,
            PairingStatus::Ended
        );
        let mentors = waiting(&app, &worker, "?kind=mentor").await;
        assert!(!names(&mentors).contains(&"The Berg household".to_owned()));
        let (_, list) = app
            .json(&worker, "GET", "/api/staff/buddies", &Value::Null)
            .await;
        assert_eq!(
            list["mentors_with_places"], 2,
            "the Walshes' second place, and Nowak's free again"
        );
    }
}
