//! Annual reviews on every database: a carer sends their part of the review now due through
//! sync, the social worker reads it with the household's learning, records the review as held,
//! and the household's next review moves a year on.

use portal_core::date::CalendarDate;
use portal_core::review::{AnnualReview, ReviewList, ReviewTiming, StaffReview};
use portal_core::sync::wire::PullResponse;
use serde_json::{Value, json};

use crate::common::{TestApp, TestClock, demo_apps, pull, push};

fn day(text: &str) -> CalendarDate {
    CalendarDate::parse(text).expect("a date")
}

/// Moves the demo's clock (14 November 2023) on to noon on `to`.
fn move_clock_to(app: &TestApp, to: &str) {
    let start = CalendarDate::uk_date_of(TestClock::START);
    app.clock.advance(start.days_until(day(to)) * 86_400);
}

fn reviews_in(pulled: &PullResponse) -> Vec<AnnualReview> {
    pulled
        .records
        .iter()
        .filter(|r| r.collection == "annual_review")
        .filter_map(|r| r.body.as_ref())
        .map(|body| serde_json::from_str(body.get()).expect("a review"))
        .collect()
}

fn send(due_on: &str, course_id: &str) -> Value {
    json!({"review": {"kind": "send", "due_on": due_on, "form": {
        "went_well": "Jay has settled at school.", "been_hard": "", "support_wanted": "",
        "goals": [{"text": "Understand trauma better", "course_id": course_id},
                  {"text": "", "course_id": ""}]}}})
}

#[tokio::test]
async fn a_carers_part_reaches_the_social_worker_and_holding_the_review_moves_the_next_on() {
    for app in demo_apps().await {
        // The Taylors were approved on 12 September 2025: their first review is due a year on.
        move_clock_to(&app, "2026-09-01");
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let admin = app.staff_cookie("admin@demo.test").await;
        let (_, courses) = app
            .json(&admin, "GET", "/api/staff/courses", &Value::Null)
            .await;
        let course = courses["courses"][0]["id"]
            .as_str()
            .expect("a course")
            .to_owned();

        push(
            &app,
            &carer,
            "tab-review-0001",
            &[(1, send("2026-09-12", &course))],
        )
        .await;
        let pulled = pull(&app, &carer, 0).await;
        assert!(pulled.rejections.is_empty(), "{:?}", pulled.rejections);
        let sent: Vec<AnnualReview> = reviews_in(&pulled)
            .into_iter()
            .filter(|r| r.due_on == day("2026-09-12"))
            .collect();
        let part = sent[0].sent.as_ref().expect("sent");
        assert_eq!(part.sent_by, "Sam Taylor", "{}", app.label);
        assert_eq!(part.part.goals.len(), 1, "the empty row is dropped");

        let (_, list) = app
            .json(&admin, "GET", "/api/staff/reviews", &Value::Null)
            .await;
        let list: ReviewList = serde_json::from_value(list).expect("the list");
        let taylors = list
            .rows
            .iter()
            .find(|r| r.household == "The Taylor household")
            .expect("the Taylors' review is due");
        assert_eq!(
            (taylors.timing, taylors.sent_on),
            (ReviewTiming::Due, Some(day("2026-09-01")))
        );
        let path = format!("/api/staff/carers/{}/review", taylors.household_id);
        let (status, one) = app.json(&admin, "GET", &path, &Value::Null).await;
        assert_eq!(status, 200, "{one}");
        let one: StaffReview = serde_json::from_value(one).expect("the review");
        assert_eq!(
            one.review
                .sent
                .as_ref()
                .map(|s| s.part.goals[0].course.is_some()),
            Some(true)
        );
        assert!(one.can_hold);

        let (status, held) = app
            .json(
                &admin,
                "POST",
                &format!("{path}/held"),
                &json!({"comment": "Agreed."}),
            )
            .await;
        assert_eq!(status, 200, "{held}");
        let after = pull(&app, &carer, pulled.cursor.get()).await;
        let published = reviews_in(&after);
        assert_eq!(published.len(), 1);
        assert_eq!(
            published[0].held.as_ref().map(|h| h.comment.as_str()),
            Some("Agreed.")
        );
        let (_, one) = app.json(&admin, "GET", &path, &Value::Null).await;
        assert_eq!(
            one["review"]["due_on"], "2027-09-01",
            "a year after it was held"
        );

        // A second device's copy of the old form, sent later, is refused with the reason.
        push(
            &app,
            &carer,
            "tab-review-0002",
            &[(1, send("2026-09-12", &course))],
        )
        .await;
        let refused = pull(&app, &carer, after.cursor.get()).await;
        assert_eq!(refused.rejections.len(), 1, "{}", app.label);
        assert!(refused.rejections[0].message.contains("has been held"));
    }
}

#[tokio::test]
async fn only_their_supervising_social_worker_or_an_administrator_holds_a_review() {
    for app in demo_apps().await {
        let worker = app.staff_cookie("worker@demo.test").await;
        let (_, list) = app
            .json(&worker, "GET", "/api/staff/reviews", &Value::Null)
            .await;
        let list: ReviewList = serde_json::from_value(list).expect("the list");
        let theirs = list
            .rows
            .iter()
            .any(|r| r.worker.as_deref() == Some("Jo Okafor"));
        let (_, carers) = app
            .json(&worker, "GET", "/api/staff/carers", &Value::Null)
            .await;
        let not_theirs = carers["carers"]
            .as_array()
            .expect("carers")
            .iter()
            .find(|c| c["status"] == "approved" && c["supervising_worker"].is_null())
            .expect("a household with no supervising social worker");
        let path = format!(
            "/api/staff/carers/{}/review",
            not_theirs["id"].as_str().expect("id")
        );
        let (_, one) = app.json(&worker, "GET", &path, &Value::Null).await;
        assert_eq!(one["can_hold"], false, "{} {theirs}", app.label);
        let (status, _) = app
            .json(
                &worker,
                "POST",
                &format!("{path}/held"),
                &json!({"comment": ""}),
            )
            .await;
        assert_eq!(status, 403);
        let (status, error) = app
            .json(
                &worker,
                "POST",
                &format!("{path}/held"),
                &json!({"comment": "x".repeat(2001)}),
            )
            .await;
        assert_eq!(status, 400, "{error}");
    }
}
