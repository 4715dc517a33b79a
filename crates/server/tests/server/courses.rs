//! The course catalogue on every database: staff add and change courses, and every carer's
//! device receives them with its next pull.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use portal_core::sync::wire::PullResponse;
use portal_core::training::{Course, CourseList};
use serde_json::{Value, json};

use crate::common::{demo_apps, json_of, pull};

fn send(method: &str, path: &str, cookie: &str, body: Option<&Value>) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-portal-request", "1")
        .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
        .expect("request")
}

fn first_aid(renewal: &str) -> Value {
    json!({"title": "First aid for foster carers", "category": "Health",
        "mandatory_for": ["mainstream", "short_breaks"], "renewal_months": renewal,
        "standards": [3]})
}

fn courses_in(pulled: &PullResponse) -> Vec<Course> {
    pulled
        .records
        .iter()
        .filter(|r| r.collection == "courses")
        .filter_map(|r| r.body.as_ref())
        .map(|body| serde_json::from_str(body.get()).expect("a course"))
        .collect()
}

#[tokio::test]
async fn staff_add_and_change_courses_and_carers_devices_receive_them() {
    for app in demo_apps().await {
        let worker = app.staff_cookie("worker@demo.test").await;
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let before = pull(&app, &carer, 0).await;
        assert_eq!(
            courses_in(&before).len(),
            4,
            "the demo catalogue comes with the first sync"
        );

        let response = app
            .call(send(
                "POST",
                "/api/staff/courses",
                &worker,
                Some(&first_aid("36")),
            ))
            .await;
        assert_eq!(response.status(), StatusCode::CREATED, "{}", app.label);
        let created: Course = json_of(response).await;
        assert_eq!(created.renewal_months, Some(36));

        let listed: CourseList = json_of(
            app.call(send("GET", "/api/staff/courses", &worker, None))
                .await,
        )
        .await;
        assert!(listed.courses.contains(&created), "{}", app.label);
        assert_eq!(
            listed.courses.len(),
            5,
            "the demo council's four, and this one"
        );
        assert!(listed.can_edit);

        // Every carer's next pull brings it, after what they already had.
        let pulled = pull(&app, &carer, before.cursor.get()).await;
        assert_eq!(
            courses_in(&pulled),
            std::slice::from_ref(&created),
            "{}",
            app.label
        );

        let response = app
            .call(send(
                "PUT",
                &format!("/api/staff/courses/{}", created.id),
                &worker,
                Some(&first_aid("24")),
            ))
            .await;
        assert_eq!(response.status(), StatusCode::OK, "{}", app.label);
        let changed = pull(&app, &carer, pulled.cursor.get()).await;
        assert_eq!(courses_in(&changed)[0].renewal_months, Some(24));
    }
}

#[tokio::test]
async fn a_course_with_problems_is_refused_with_every_reason() {
    for app in demo_apps().await {
        let admin = app.staff_cookie("admin@demo.test").await;
        let mut bad = first_aid("0");
        bad["title"] = json!("");
        let response = app
            .call(send("POST", "/api/staff/courses", &admin, Some(&bad)))
            .await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{}", app.label);
        let error: Value = json_of(response).await;
        let message = error["message"].as_str().expect("message");
        assert!(message.contains("Enter the course title."), "{message}");
        assert!(message.contains("from 1 to 120"), "{message}");
    }
}
