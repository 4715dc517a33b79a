//! Enquiries from the public and the recruitment team's inbox, on every database: an enquiry
//! sent three times is one; the plain HTML pages work without the app and send to the same
//! endpoint; new enquiries are limited per address; a program filling the hidden field is
//! answered but nothing is kept; staff move an enquiry through its stages (a stale move is
//! refused with the reason) and turn an approved one into a household; the funnel counts a
//! seeded history; the retention job erases what did not go ahead after three years, and only
//! that.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use axum::response::Response;
use http_body_util::BodyExt as _;
use portal_core::date::CalendarDate;
use portal_core::enquiries::{EnquiryList, EnquiryRecord, Event, Funnel, Stage};
use portal_server::Clock as _;
use portal_server::enquiries::erase_expired;
use serde_json::{Value, json};

use crate::common::{TestApp, demo_apps, json_of};

const RECRUITER: &str = "recruit@demo.test";
const DAY: i64 = 24 * 60 * 60;

/// Each stage in turn from a new enquiry to panel.
const TO_PANEL: [(&str, &str); 4] = [
    ("enquiry", "initial_visit"),
    ("initial_visit", "application"),
    ("application", "assessment"),
    ("assessment", "panel"),
];

fn answers(name: &str) -> Value {
    json!({
        "name": name, "phone": "07700 900 123", "email": "", "best_time": "evening",
        "postcode": "NB3 4XY", "spare_room": "yes", "interests": ["teenagers"],
        "heard_from": "event", "consent": true
    })
}

fn enquiry_id(n: u32) -> String {
    format!("test-enquiry-{n:08}")
}

/// `POST /api/enquiries` as the app sends it, from `address` (or the in-process default).
async fn send(app: &TestApp, body: &Value, address: Option<&str>) -> Response {
    let mut request = Request::post("/api/enquiries")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .expect("request");
    if let Some(address) = address {
        let socket: SocketAddr = format!("{address}:5000").parse().expect("address");
        request.extensions_mut().insert(ConnectInfo(socket));
    }
    app.call(request).await
}

async fn send_new(app: &TestApp, n: u32, name: &str) -> u16 {
    send(
        app,
        &json!({"id": enquiry_id(n), "form": answers(name)}),
        None,
    )
    .await
    .status()
    .as_u16()
}

/// A plain page's form, posted as a browser without the app would (no special header).
async fn post_form(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
    let body: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let response = app
        .call(
            Request::post(path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .expect("request"),
        )
        .await;
    let status = response.status().as_u16();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

async fn list(app: &TestApp, cookie: &str) -> Vec<EnquiryRecord> {
    let (status, body) = app
        .json(cookie, "GET", "/api/staff/enquiries", &Value::Null)
        .await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value::<EnquiryList>(body)
        .expect("list")
        .enquiries
}

fn named<'a>(records: &'a [EnquiryRecord], name: &str) -> Vec<&'a EnquiryRecord> {
    records
        .iter()
        .filter(|r| r.enquiry.name.as_str() == name)
        .collect()
}

async fn act(app: &TestApp, cookie: &str, id: &str, action: &Value) -> (u16, Value) {
    app.json(
        cookie,
        "POST",
        &format!("/api/staff/enquiries/{id}/actions"),
        action,
    )
    .await
}

#[tokio::test]
async fn an_enquiry_sent_three_times_is_one_enquiry() {
    for app in demo_apps().await {
        let body = json!({"id": enquiry_id(1), "form": answers("Robin Hart")});
        let mut replies = Vec::new();
        for _ in 0..2 {
            let response = send(&app, &body, None).await;
            assert_eq!(response.status(), StatusCode::CREATED, "{}", app.label);
            replies.push(json_of::<Value>(response).await);
        }
        // The third copy races a fourth, as two tabs coming back online together would.
        let (third, fourth) = tokio::join!(send(&app, &body, None), send(&app, &body, None));
        assert_eq!(third.status(), StatusCode::CREATED);
        assert_eq!(fourth.status(), StatusCode::CREATED);
        replies.push(json_of(third).await);
        assert!(
            replies.iter().all(|r| *r == replies[0]),
            "the same answer each time"
        );
        assert_eq!(
            replies[0]["reply_by"].as_i64(),
            Some(app.clock.now() + DAY),
            "a reply is promised within 24 hours"
        );
        let cookie = app.staff_cookie(RECRUITER).await;
        let records = list(&app, &cookie).await;
        let robin = named(&records, "Robin Hart");
        assert_eq!(robin.len(), 1, "{}: one enquiry", app.label);
        assert_eq!(robin[0].stage, Stage::Enquiry);
        assert_eq!(
            robin[0].enquiry.postcode.as_str(),
            "NB3",
            "only the district is kept"
        );
    }
}

#[tokio::test]
async fn bad_answers_are_refused_in_plain_words_and_a_program_is_answered_but_not_kept() {
    for app in demo_apps().await {
        let mut far = answers("Sol Reyes");
        far["postcode"] = json!("LS1 4AB");
        far["interests"] = json!([]);
        let response = send(&app, &json!({"id": enquiry_id(2), "form": far}), None).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let message = json_of::<Value>(response).await["message"].to_string();
        assert!(
            message.contains("LS1 is outside the area we cover"),
            "{message}"
        );
        assert!(message.contains("Choose at least one"), "{message}");

        let short_id = send(
            &app,
            &json!({"id": "1", "form": answers("Sol Reyes")}),
            None,
        )
        .await;
        assert_eq!(short_id.status(), StatusCode::BAD_REQUEST);

        let mut bot = answers("Cheap Pills");
        bot["website"] = json!("http://spam.example");
        let response = send(&app, &json!({"id": enquiry_id(3), "form": bot}), None).await;
        assert_eq!(
            response.status(),
            StatusCode::CREATED,
            "the program learns nothing"
        );
        let cookie = app.staff_cookie(RECRUITER).await;
        assert!(named(&list(&app, &cookie).await, "Cheap Pills").is_empty());
    }
}

#[tokio::test]
async fn new_enquiries_are_limited_per_address_but_a_copy_is_never_refused() {
    for app in demo_apps().await {
        for n in 0..5 {
            assert_eq!(send_new(&app, 10 + n, "Ari Lane").await, 201);
        }
        let response = send(
            &app,
            &json!({"id": enquiry_id(20), "form": answers("Ari Lane")}),
            None,
        )
        .await;
        assert_eq!(
            response.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "{}",
            app.label
        );
        assert!(response.headers().contains_key(header::RETRY_AFTER));
        let message = json_of::<Value>(response).await["message"].to_string();
        assert!(message.contains("Too many enquiries have been sent from this connection"));
        assert_eq!(
            send_new(&app, 10, "Ari Lane").await,
            201,
            "a copy is answered"
        );
        let elsewhere = send(
            &app,
            &json!({"id": enquiry_id(21), "form": answers("Bo Lane")}),
            Some("192.0.2.7"),
        )
        .await;
        assert_eq!(elsewhere.status(), StatusCode::CREATED, "another address");
        app.clock.advance(60 * 60 + 1);
        assert_eq!(send_new(&app, 20, "Ari Lane").await, 201, "an hour later");
        let cookie = app.staff_cookie(RECRUITER).await;
        assert_eq!(named(&list(&app, &cookie).await, "Ari Lane").len(), 6);
    }
}

#[tokio::test]
async fn the_plain_pages_ask_one_question_at_a_time_and_send_once() {
    for app in demo_apps().await {
        let response = app
            .call(
                Request::get("/enquire/plain")
                    .body(Body::empty())
                    .expect("request"),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let first = String::from_utf8_lossy(&bytes);
        assert!(first.contains("What is your name?"), "{first}");
        assert!(first.contains("rel=\"stylesheet\""), "styled like the app");

        let (status, page) =
            post_form(&app, "/enquire/plain", &[("at", "name"), ("name", " ")]).await;
        assert_eq!(status, 400);
        assert!(
            page.contains("There is a problem") && page.contains("Enter your name"),
            "{page}"
        );

        let mut fields: Vec<(&str, &str)> = vec![("name", "Kai Moss")];
        let steps: [(&str, &[(&str, &str)]); 8] = [
            ("name", &[]),
            ("contact", &[("phone", ""), ("email", "kai@example.com")]),
            ("best-time", &[("best_time", "morning")]),
            ("postcode", &[("postcode", "nb7 1aa")]),
            ("spare-room", &[("spare_room", "soon")]),
            (
                "interests",
                &[("interests", "siblings"), ("interests", "short_breaks")],
            ),
            ("heard-from", &[("heard_from", "friend_or_family")]),
            ("consent", &[("consent", "yes")]),
        ];
        let mut page = String::new();
        for (slug, answers) in steps {
            fields.extend_from_slice(answers);
            let mut sent = fields.clone();
            sent.push(("at", slug));
            let (status, next) = post_form(&app, "/enquire/plain", &sent).await;
            assert_eq!(status, 200, "{slug}: {next}");
            page = next;
        }
        assert!(page.contains("Check your answers"), "{page}");
        assert!(page.contains("Brothers and sisters together, Short breaks"));
        let id = page
            .split("name=\"id\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the page carries an id")
            .to_owned();
        let mut send_fields = fields.clone();
        send_fields.push(("id", &id));
        for _ in 0..3 {
            let (status, sent) = post_form(&app, "/api/enquiries", &send_fields).await;
            assert_eq!(status, 200, "{sent}");
            assert!(sent.contains("Thank you: your enquiry has been sent"));
            assert!(sent.contains("What happens next"));
        }
        let cookie = app.staff_cookie(RECRUITER).await;
        let records = list(&app, &cookie).await;
        let kai = named(&records, "Kai Moss");
        assert_eq!(kai.len(), 1, "sent three times, kept once");
        assert_eq!(kai[0].enquiry.postcode.as_str(), "NB7");

        // A form with a missing answer comes back to the check page with the problem.
        let mut missing = send_fields.clone();
        missing.retain(|(k, _)| *k != "consent");
        missing.retain(|(k, _)| *k != "id");
        missing.push(("id", "another-enquiry-id-0001"));
        let (status, page) = post_form(&app, "/api/enquiries", &missing).await;
        assert_eq!(status, 400);
        assert!(
            page.contains("Tick the box to say we can contact you"),
            "{page}"
        );
    }
}

#[tokio::test]
async fn staff_move_an_enquiry_through_its_stages() {
    for app in demo_apps().await {
        assert_eq!(send_new(&app, 30, "Noor Vance").await, 201);
        let id = enquiry_id(30);
        let cookie = app.staff_cookie(RECRUITER).await;
        let (_, one) = app
            .json(
                &cookie,
                "GET",
                &format!("/api/staff/enquiries/{id}"),
                &Value::Null,
            )
            .await;
        let one: EnquiryList = serde_json::from_value(one).expect("one");
        let me = one
            .team
            .iter()
            .find(|m| m.name == "Dev Mistry")
            .expect("the recruiter is on the team")
            .clone();
        let (status, _) = app
            .json(
                &cookie,
                "PUT",
                &format!("/api/staff/enquiries/{id}/handler"),
                &json!({"staff_id": me.id}),
            )
            .await;
        assert_eq!(status, 200);
        app.clock.advance(2 * 60 * 60);
        let (status, body) = act(
            &app,
            &cookie,
            &id,
            &json!({"action": "contact", "choice": "voicemail"}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let (status, body) = act(
            &app,
            &cookie,
            &id,
            &json!({"action": "note", "note": "Rang twice"}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let (status, body) = act(
            &app,
            &cookie,
            &id,
            &json!({"action": "stage", "from": "enquiry", "choice": "closed"}),
        )
        .await;
        assert_eq!(status, 400, "a reason is needed to close: {body}");
        for (from, to) in TO_PANEL {
            move_to(&app, 30, from, to).await;
        }
        let (status, body) = act(
            &app,
            &cookie,
            &id,
            &json!({"action": "stage", "from": "assessment", "choice": "approved"}),
        )
        .await;
        assert_eq!(status, 409, "someone moved it first");
        assert!(
            body["message"]
                .to_string()
                .contains("moved this enquiry to “Panel”"),
            "{body}"
        );
        let (status, record) = act(
            &app,
            &cookie,
            &id,
            &json!({"action": "stage", "from": "panel", "choice": "approved"}),
        )
        .await;
        assert_eq!(status, 200);
        let record: EnquiryRecord = serde_json::from_value(record).expect("record");
        assert_eq!(record.stage, Stage::Approved);
        assert_eq!(
            record.assigned_to.as_ref().map(|a| a.name.as_str()),
            Some("Dev Mistry")
        );
        assert_eq!(
            record.wait(app.clock.now()).words(),
            "Contacted after 2 hours",
            "the voicemail was the first contact"
        );
        let words: Vec<String> = record.events.iter().map(Event::words).collect();
        assert_eq!(
            words[..3],
            ["Given to Dev Mistry", "Voicemail left", "Note"]
        );
    }
}

#[tokio::test]
async fn not_the_right_time_is_followed_up_on_its_day_and_a_referral_is_kept() {
    for app in demo_apps().await {
        let mut referred = answers("Ola Berg");
        referred["heard_from"] = json!("foster_carer");
        referred["referred_by"] = json!(" Sam   Taylor ");
        let body = json!({"id": enquiry_id(40), "form": referred});
        assert_eq!(send(&app, &body, None).await.status(), 201);
        let id = enquiry_id(40);
        let cookie = app.staff_cookie(RECRUITER).await;
        let (status, body) = act(
            &app,
            &cookie,
            &id,
            &json!({"action": "recontact", "choice": "1/3/2024"}),
        )
        .await;
        assert_eq!(status, 400, "not closed yet: {body}");
        let (status, body) = act(
            &app,
            &cookie,
            &id,
            &json!({"action": "stage", "from": "enquiry", "choice": "closed", "reason": "not_now"}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let record: EnquiryRecord = serde_json::from_value(body).expect("record");
        let today = CalendarDate::uk_date_of(app.clock.now());
        assert_eq!(record.recontact_on(), Some(today.add_months(12)));
        assert_eq!(
            record
                .enquiry
                .referred_by
                .as_ref()
                .map(portal_core::details::Text::as_str),
            Some("Sam Taylor")
        );
        let (status, body) = act(
            &app,
            &cookie,
            &id,
            &json!({"action": "recontact", "choice": today.add_days(30).to_string()}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let record: EnquiryRecord = serde_json::from_value(body).expect("record");
        assert!(!record.follow_up_due(today));
        assert!(record.follow_up_due(today.add_days(30)));
        let (_, funnel) = app
            .json(&cookie, "GET", "/api/staff/enquiries/funnel", &Value::Null)
            .await;
        let funnel: Funnel = serde_json::from_value(funnel).expect("the funnel");
        assert!(
            funnel
                .referrals
                .iter()
                .any(|r| r.by == "Sam Taylor" && r.enquiries >= 1),
            "{:?}",
            funnel.referrals
        );
    }
}

#[tokio::test]
async fn an_approved_enquiry_becomes_a_carer_household_once() {
    for app in demo_apps().await {
        assert_eq!(send_new(&app, 30, "Noor Vance").await, 201);
        let id = enquiry_id(30);
        for (from, to) in TO_PANEL.into_iter().chain([("panel", "approved")]) {
            move_to(&app, 30, from, to).await;
        }
        let cookie = app.staff_cookie(RECRUITER).await;
        let household = json!({"household_name": "The Vance household", "carer_name": "Noor Vance",
            "email": "noor@example.com", "area": "Northby", "carer_type": "mainstream",
            "status": "approved", "approved_on": "13/11/2023", "supervising_worker_id": ""});
        let path = format!("/api/staff/enquiries/{id}/household");
        let (status, invited) = app.json(&cookie, "POST", &path, &household).await;
        assert_eq!(status, 201, "{invited}");
        assert!(
            invited["invitation"]["path"]
                .to_string()
                .contains("/invitation#")
        );
        let mut again = household.clone();
        again["email"] = json!("noor2@example.com");
        let (status, body) = app.json(&cookie, "POST", &path, &again).await;
        assert_eq!(status, 409, "only once: {body}");
        let (status, _) = act(
            &app,
            &cookie,
            &id,
            &json!({"action": "stage", "from": "approved", "choice": "panel"}),
        )
        .await;
        assert_eq!(status, 409, "a household's enquiry no longer moves");

        // An enquiry that is not approved cannot become a household.
        assert_eq!(send_new(&app, 31, "Rae Vance").await, 201);
        let path = format!("/api/staff/enquiries/{}/household", enquiry_id(31));
        again["email"] = json!("rae@example.com");
        let (status, _) = app.json(&cookie, "POST", &path, &again).await;
        assert_eq!(status, 409);
        let admin = app.staff_cookie("admin@demo.test").await;
        let carers = app
            .json(&admin, "GET", "/api/staff/carers", &Value::Null)
            .await
            .1;
        assert!(carers.to_string().contains("The Vance household"));
        assert!(!carers.to_string().contains("rae@example.com"));
    }
}

/// Sends enquiry `n` at the clock's time, as someone who heard of the service from `heard_from`.
async fn seed(app: &TestApp, n: u32, heard_from: &str) {
    let mut form = answers(&format!("Seeded {n}"));
    form["heard_from"] = json!(heard_from);
    let response = send(
        app,
        &json!({"id": enquiry_id(n), "form": form}),
        Some("198.51.100.1"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
}

/// Moves enquiry `n` from one stage to another now, signing in afresh (a staff session lasts
/// 12 hours, and the clock moves on by weeks here).
async fn move_to(app: &TestApp, n: u32, from: &str, to: &str) {
    let mut action = json!({"action": "stage", "from": from, "choice": to});
    if to == "closed" {
        action["reason"] = json!("no_spare_room");
    }
    let cookie = app.staff_cookie(RECRUITER).await;
    let (status, body) = act(app, &cookie, &enquiry_id(n), &action).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn the_funnel_counts_a_seeded_history() {
    for app in demo_apps().await {
        // Two years on, past every demo enquiry; then the first of a month.
        app.clock.advance(2 * 365 * DAY);
        let today = CalendarDate::uk_date_of(app.clock.now());
        let to_month_start = i64::from(32 - today.day_of_month()) * DAY;
        app.clock.advance(to_month_start + 8 * 60 * 60);
        let start = CalendarDate::uk_date_of(app.clock.now());
        assert!(
            start.day_of_month() <= 4,
            "near the start of a month: {start}"
        );
        // Month 1: three enquiries. One visits in week 1 and applies in week 2; one closes in
        // week 1; one is left as it is.
        seed(&app, 40, "search").await;
        seed(&app, 41, "event").await;
        seed(&app, 42, "search").await;
        app.clock.advance(7 * DAY);
        move_to(&app, 40, "enquiry", "initial_visit").await;
        move_to(&app, 41, "enquiry", "closed").await;
        app.clock.advance(7 * DAY);
        move_to(&app, 40, "initial_visit", "application").await;
        // Month 2: one enquiry, visited a week later.
        app.clock.advance(20 * DAY);
        seed(&app, 43, "advert").await;
        app.clock.advance(7 * DAY);
        move_to(&app, 43, "enquiry", "initial_visit").await;
        let cookie = app.staff_cookie(RECRUITER).await;
        let (status, body) = app
            .json(
                &cookie,
                "GET",
                "/api/staff/enquiries/funnel?months=2",
                &Value::Null,
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let funnel: Funnel = serde_json::from_value(body).expect("funnel");
        let rows: Vec<(Vec<u32>, u32)> = funnel
            .months
            .iter()
            .map(|m| (m.reached.clone(), m.closed))
            .collect();
        assert_eq!(
            rows,
            [(vec![3, 1, 1, 0, 0, 0], 1), (vec![1, 1, 0, 0, 0, 0], 0)],
            "{}",
            app.label
        );
        assert_eq!(funnel.received, 4);
        assert_eq!(
            funnel.conversions[0].count, 2,
            "two reached an initial visit"
        );
        assert_eq!(funnel.conversions[0].median_days, Some(7));
        assert_eq!(funnel.conversions[1].count, 1);
        assert_eq!(
            funnel
                .sources
                .iter()
                .map(|s| (s.heard_from.as_str(), s.enquiries, s.applications))
                .collect::<Vec<_>>(),
            [("search", 2, 1), ("event", 1, 0), ("advert", 1, 0)]
        );
        assert!(
            funnel.csv().contains("Total,4,2,1,0,0,0,1\r\n"),
            "{}",
            funnel.csv()
        );
    }
}

#[tokio::test]
async fn enquiries_that_did_not_go_ahead_are_erased_three_years_after_closing() {
    for app in demo_apps().await {
        let cookie = app.staff_cookie(RECRUITER).await;
        let closed_on = CalendarDate::uk_date_of(app.clock.now());
        seed(&app, 50, "search").await;
        let close =
            json!({"action": "stage", "from": "enquiry", "choice": "closed", "reason": "not_now"});
        assert_eq!(act(&app, &cookie, &enquiry_id(50), &close).await.0, 200);
        seed(&app, 51, "search").await;
        seed(&app, 52, "search").await;
        app.clock.advance(7 * DAY);
        move_to(&app, 51, "enquiry", "initial_visit").await;
        move_to(&app, 52, "enquiry", "closed").await;
        app.clock.advance(7 * DAY);
        move_to(&app, 52, "closed", "enquiry").await;
        let cookie = app.staff_cookie(RECRUITER).await;
        // The day before ours is due, the demo's enquiries closed earlier go, and ours stays.
        let due = closed_on.add_months(36);
        erase_expired(&app.state.db, due.add_days(-1))
            .await
            .expect("runs");
        let before = list(&app, &cookie).await.len();
        assert_eq!(named(&list(&app, &cookie).await, "Seeded 50").len(), 1);
        assert_eq!(
            erase_expired(&app.state.db, due).await.expect("runs"),
            1,
            "{}",
            app.label
        );
        let records = list(&app, &cookie).await;
        assert_eq!(records.len(), before - 1);
        assert!(
            named(&records, "Seeded 50").is_empty(),
            "the closed one is erased"
        );
        assert_eq!(named(&records, "Seeded 51").len(), 1, "an open one stays");
        assert_eq!(
            named(&records, "Seeded 52").len(),
            1,
            "a reopened one stays"
        );
        let log: Vec<(String, String)> = sqlx::query_as(
            "SELECT erased_on, closed_on FROM enquiry_erasures WHERE erased_on = $1",
        )
        .bind(due.to_string())
        .fetch_all(app.state.db.pool())
        .await
        .expect("log");
        assert_eq!(
            log,
            [(due.to_string(), closed_on.to_string())],
            "dates only"
        );
        let events: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM enquiry_events WHERE enquiry_id = $1")
                .bind(enquiry_id(50))
                .fetch_one(app.state.db.pool())
                .await
                .expect("count");
        assert_eq!(events, 0, "its history is erased too");
        // Run again, nothing more goes.
        assert_eq!(erase_expired(&app.state.db, due).await.expect("runs"), 0);
        // Erased means gone from the file too, not left in its free pages for a copy to find.
        if let Some(bytes) = app.sqlite_file_bytes().await {
            let name = b"Seeded 50";
            assert!(
                !bytes.windows(name.len()).any(|w| w == name),
                "the erased enquiry is still in the database file"
            );
        }
    }
}
