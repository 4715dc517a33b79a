//! Applicants, on every database: the recruitment team invites an applicant from an enquiry at
//! the application stage; the applicant signs in, sees their stages and tasks, ticks tasks
//! (queued on the device, pushed later), is refused everything for approved carers; the team
//! confirms a task, which then stays ticked; approval turns the same account into a carer's.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use portal_core::enquiries::Stage;
use portal_core::enquiries::application::{Application, TaskStatus};
use portal_core::household::HouseholdFacts;
use portal_core::sync::wire::PullResponse;
use serde_json::{Value, json};

use crate::common::{TestApp, cookie_from, demo_apps, lead_carer, pull, push};

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
