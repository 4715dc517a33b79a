//! Payment queries through the sync engine and the staff API, on every database: a query and
//! its messages are each applied once however often they arrive; a carer's stale status change
//! is refused with the reason while their message is kept; finance sees every query and a
//! supervising social worker only their carers'; rates keep their history; a notice reaches
//! every carer.

use portal_core::payments::{Query, QueryStatus, Rates, StaffQueries};
use portal_core::sync::wire::PullResponse;
use serde_json::{Value, json};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::common::{TestApp, demo_apps, json_of, pull, push};

fn raise(id: &str) -> Value {
    json!({"payments": {"raise": {"id": id, "form": {
        "category": "mileage", "from": "1/11/2023", "to": "", "expected": "£45.00",
        "received": "", "child": "JS", "description": "Mileage for contact visits was not paid."
    }}}})
}

fn message(id: &str, query: &str, text: &str) -> Value {
    json!({"payments": {"message": {"id": id, "query": query, "text": text}}})
}

fn status(query: &str, from: &str, to: &str) -> Value {
    json!({"payments": {"status": {"query": query, "from": from, "to": to}}})
}

fn queries(pulled: &PullResponse) -> Vec<Query> {
    pulled
        .records
        .iter()
        .filter(|r| r.collection == "payment_queries")
        .filter_map(|r| r.body.as_ref())
        .map(|b| serde_json::from_str(b.get()).expect("a query"))
        .collect()
}

async fn queue(app: &TestApp, cookie: &str) -> StaffQueries {
    let (status, list) = app
        .json(cookie, "GET", "/api/staff/payments/queries", &Value::Null)
        .await;
    assert_eq!(status, 200, "{}: {list}", app.label);
    serde_json::from_value(list).expect("the queue")
}

#[tokio::test]
async fn a_query_and_a_message_sent_three_times_are_each_kept_once() {
    for app in demo_apps().await {
        let carer = app.sign_in_cookie("carer@demo.test").await;
        for client in ["tab-pay-1", "tab-pay-2"] {
            push(
                &app,
                &carer,
                client,
                &[
                    (1, raise("query-1")),
                    (2, message("message-1", "query-1", "Any news?")),
                ],
            )
            .await;
        }
        // The first device's answer was lost, so it sends the same batch again.
        push(
            &app,
            &carer,
            "tab-pay-1",
            &[
                (1, raise("query-1")),
                (2, message("message-1", "query-1", "Any news?")),
            ],
        )
        .await;
        let seen = queries(&pull(&app, &carer, 0).await);
        assert_eq!(seen.len(), 1, "{}", app.label);
        assert_eq!(seen[0].messages.len(), 1, "{}", app.label);
        assert_eq!(seen[0].status, QueryStatus::Sent);
        assert_eq!(
            seen[0]
                .about
                .expected
                .map(portal_core::payments::Pence::pence),
            Some(4_500)
        );

        let finance = app.staff_cookie("finance@demo.test").await;
        let list = queue(&app, &finance).await;
        assert_eq!(list.queries.len(), 1);
        assert_eq!(list.queries[0].household_name, "The Taylor household");
        assert!(list.can_answer);
        // Another household cannot add to it.
        let other = app.sign_in_cookie("hughes@demo.test").await;
        push(
            &app,
            &other,
            "tab-pay-hughes",
            &[(1, message("message-x", "query-1", "Me too"))],
        )
        .await;
        let refused = pull(&app, &other, 0).await;
        assert_eq!(refused.rejections[0].code, "not_yours", "{}", app.label);
    }
}

#[tokio::test]
async fn a_stale_status_change_is_refused_with_the_reason_and_the_message_kept() {
    for app in demo_apps().await {
        let carer = app.sign_in_cookie("carer@demo.test").await;
        push(&app, &carer, "tab-race", &[(1, raise("query-2"))]).await;
        let finance = app.staff_cookie("finance@demo.test").await;
        let list = queue(&app, &finance).await;
        let priya = list
            .handlers
            .iter()
            .find(|h| h.name == "Priya Shah")
            .expect("a handler");
        let (code, taken) = app
            .json(
                &finance,
                "PUT",
                "/api/staff/payments/queries/query-2/handler",
                &json!({"handler": priya.id}),
            )
            .await;
        assert_eq!(code, 200, "{}: {taken}", app.label);
        assert_eq!(taken["status"], "being_looked_at");

        // The carer, offline, saw it being looked at, marked it resolved and added a message;
        // meanwhile finance answered.
        let (code, _) = app
            .json(
                &finance,
                "POST",
                "/api/staff/payments/queries/query-2/messages",
                &json!({"text": "The mileage will be in Friday's payment."}),
            )
            .await;
        assert_eq!(code, 200, "{}", app.label);
        push(
            &app,
            &carer,
            "tab-race",
            &[
                (2, status("query-2", "being_looked_at", "resolved")),
                (3, message("message-2", "query-2", "Sorted now, thank you.")),
            ],
        )
        .await;
        let pulled = pull(&app, &carer, 0).await;
        assert_eq!(pulled.rejections.len(), 1, "{}", app.label);
        assert_eq!(pulled.rejections[0].code, "status_moved_on");
        assert!(
            pulled.rejections[0]
                .message
                .contains("This query is now “Answered”"),
            "{}",
            pulled.rejections[0].message
        );
        let query = &queries(&pulled)[0];
        assert_eq!(query.messages.len(), 2, "the reply and the carer's message");
        assert_eq!(query.handler.as_deref(), Some("Priya Shah"));
        assert_eq!(query.status, QueryStatus::Sent, "the message asks again");

        // Finance's own stale change is refused too, with the same words.
        let (code, refused) = app
            .json(
                &finance,
                "POST",
                "/api/staff/payments/queries/query-2/status",
                &json!({"from": "answered", "to": "resolved"}),
            )
            .await;
        assert_eq!(code, 409, "{}: {refused}", app.label);
        let (code, _) = app
            .json(
                &finance,
                "POST",
                "/api/staff/payments/queries/query-2/status",
                &json!({"from": "sent", "to": "resolved"}),
            )
            .await;
        assert_eq!(code, 200);
        let (code, _) = app
            .json(
                &finance,
                "POST",
                "/api/staff/payments/queries/no-such/messages",
                &json!({"text": "Hello"}),
            )
            .await;
        assert_eq!(code, 404);
    }
}

#[tokio::test]
async fn a_supervising_social_worker_sees_only_their_carers_queries() {
    for app in demo_apps().await {
        // The demo worker supervises the Taylors but not the Hugheses.
        let taylor = app.sign_in_cookie("carer@demo.test").await;
        let hughes = app.sign_in_cookie("hughes@demo.test").await;
        push(&app, &taylor, "tab-taylor-pay", &[(1, raise("query-t"))]).await;
        push(&app, &hughes, "tab-hughes-pay", &[(1, raise("query-h"))]).await;
        let worker = app.staff_cookie("worker@demo.test").await;
        let theirs = queue(&app, &worker).await;
        let names: Vec<&str> = theirs
            .queries
            .iter()
            .map(|q| q.household_name.as_str())
            .collect();
        assert_eq!(names, ["The Taylor household"], "{}", app.label);
        assert!(!theirs.can_answer);
        let finance = app.staff_cookie("finance@demo.test").await;
        assert_eq!(queue(&app, &finance).await.queries.len(), 2);
        let (code, _) = app
            .json(
                &worker,
                "POST",
                "/api/staff/payments/queries/query-t/messages",
                &json!({"text": "Hello"}),
            )
            .await;
        assert_eq!(code, 403, "only finance answers");
    }
}

#[tokio::test]
async fn new_rates_join_the_old_ones_and_reach_every_carer_with_the_notice() {
    for app in demo_apps().await {
        let finance = app.staff_cookie("finance@demo.test").await;
        let (_, before) = app
            .json(&finance, "GET", "/api/staff/payments/rates", &Value::Null)
            .await;
        let before: Rates = serde_json::from_value(before).expect("rates");
        let form = json!({
            "effective_from": "5/4/2027",
            "allowance": ["181", "188", "207", "235", "275"],
            "skills": "Level 1 £80\nLevel 2 £160",
            "extras": "Birthday: one week's allowance"
        });
        let (code, after) = app
            .json(&finance, "POST", "/api/staff/payments/rates", &form)
            .await;
        assert_eq!(code, 200, "{}: {after}", app.label);
        let after: Rates = serde_json::from_value(after).expect("rates");
        assert_eq!(
            after.tables.len(),
            before.tables.len() + 1,
            "the old ones stay"
        );
        let (code, again) = app
            .json(&finance, "POST", "/api/staff/payments/rates", &form)
            .await;
        assert_eq!(code, 400, "{again}");
        let mut bad = form.clone();
        bad["allowance"][2] = json!("lots");
        let (code, refused) = app
            .json(&finance, "POST", "/api/staff/payments/rates", &bad)
            .await;
        assert_eq!(code, 400);
        assert!(
            refused["message"]
                .as_str()
                .expect("message")
                .contains("aged 5 to 10"),
            "{refused}"
        );

        let (code, _) = app
            .json(
                &finance,
                "PUT",
                "/api/staff/payments/notice",
                &json!({"text": "This week's payment run will be a day late."}),
            )
            .await;
        assert_eq!(code, 200);
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let pulled = pull(&app, &carer, 0).await;
        let body = |collection: &str| {
            pulled
                .records
                .iter()
                .find(|r| r.collection == collection)
                .and_then(|r| r.body.as_ref())
                .map(|b| b.get().to_owned())
                .unwrap_or_default()
        };
        assert!(
            body("payment_notice").contains("a day late"),
            "{}",
            app.label
        );
        let published: Rates = serde_json::from_str(&body("payment_rates")).expect("rates");
        assert_eq!(published, after);
        let (_, _) = app
            .json(
                &finance,
                "PUT",
                "/api/staff/payments/notice",
                &json!({"text": ""}),
            )
            .await;
        let (_, now) = app
            .json(&finance, "GET", "/api/staff/payments/notice", &Value::Null)
            .await;
        assert_eq!(now, Value::Null, "taken down");
    }
}

/// A change as versions of the app before photos were files sent it: the image inside, as a
/// data URL of a JPEG (`/9j/` is the start of every JPEG in base64).
fn with_photo(id: &str, bytes: usize) -> Value {
    let mut change = raise(id);
    change["payments"]["raise"]["form"]["photos"] = json!([{
        "name": "remittance.jpg",
        "data": format!("data:image/jpeg;base64,/9j/{}", "AAAA".repeat(bytes / 3)),
    }]);
    change
}

/// A JPEG's first bytes followed by `bytes` more: a picture as far as the server can tell.
fn jpeg(bytes: usize) -> Vec<u8> {
    let mut image = vec![0xFF, 0xD8, 0xFF, 0xE0];
    image.resize(bytes, 7);
    image
}

fn photo_request(cookie: &str, method: &str, id: &str, image: Vec<u8>) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(format!("/api/photos/{id}"))
        .header(header::COOKIE, cookie)
        .header("x-portal-request", "1")
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .body(Body::from(image))
        .expect("request")
}

/// `GET /api/photos/{id}`: the status, the media type and the bytes.
async fn photo_of(app: &TestApp, cookie: &str, id: &str) -> (u16, String, Vec<u8>) {
    let response = app.call(photo_request(cookie, "GET", id, Vec::new())).await;
    let status = response.status().as_u16();
    let kind = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    (status, kind, bytes.to_vec())
}

fn raise_with_file(id: &str, photo: &str) -> Value {
    let mut change = raise(id);
    change["payments"]["raise"]["form"]["photos"] = json!([{"id": photo, "name": "receipt.jpg"}]);
    change
}

#[tokio::test]
async fn a_photo_from_an_older_app_over_the_limit_is_refused_by_name_and_nothing_else_is_lost() {
    for app in demo_apps().await {
        let carer = app.sign_in_cookie("carer@demo.test").await;
        push(
            &app,
            &carer,
            "tab-photos",
            &[
                (1, with_photo("query-big", 400 * 1024)),
                (2, with_photo("query-ok", 20_000)),
                (3, message("message-ok", "query-ok", "And the week before.")),
            ],
        )
        .await;
        let pulled = pull(&app, &carer, 0).await;
        assert_eq!(pulled.rejections.len(), 1, "{}", app.label);
        assert!(
            pulled.rejections[0]
                .message
                .contains("“remittance.jpg” is 401 KB even after making it smaller"),
            "{}",
            pulled.rejections[0].message
        );
        let kept = queries(&pulled);
        assert_eq!(kept.len(), 1, "the other query is kept");
        assert_eq!(kept[0].messages.len(), 1, "and its message");
        assert_eq!(kept[0].about.photos[0].id, "query-ok-photo-1");
        assert!(
            pulled
                .records
                .iter()
                .all(|r| r.collection != "payment_photos"),
            "the image is a file, not a record every device pulls"
        );

        let finance = app.staff_cookie("finance@demo.test").await;
        let (code, kind, image) = photo_of(&app, &finance, "query-ok-photo-1").await;
        assert_eq!((code, kind.as_str()), (200, "image/jpeg"), "{}", app.label);
        assert_eq!(
            image.len(),
            20_000 / 3 * 3 + 3,
            "the bytes the data URL held"
        );
        // The demo worker supervises the Taylors; nobody sees a photo that is not there.
        let worker = app.staff_cookie("worker@demo.test").await;
        assert_eq!(photo_of(&app, &worker, "query-ok-photo-1").await.0, 200);
        assert_eq!(photo_of(&app, &finance, "nothing").await.0, 404);
    }
}

#[tokio::test]
async fn a_photo_is_sent_as_a_file_before_its_change_and_only_its_household_can_read_or_replace_it()
{
    for app in demo_apps().await {
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let response = app
            .call(photo_request(&carer, "PUT", "photo-abc", jpeg(300 * 1024)))
            .await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT, "{}", app.label);
        // Sent again (a retry after a lost answer): no change.
        let again = app
            .call(photo_request(&carer, "PUT", "photo-abc", jpeg(300 * 1024)))
            .await;
        assert_eq!(again.status(), StatusCode::NO_CONTENT);
        push(
            &app,
            &carer,
            "device-files",
            &[
                (1, raise_with_file("query-file", "photo-abc")),
                (2, raise_with_file("query-lost", "photo-never-sent")),
            ],
        )
        .await;
        let pulled = pull(&app, &carer, 0).await;
        let kept = queries(&pulled);
        assert_eq!(kept.len(), 1, "{}", app.label);
        assert_eq!(kept[0].about.photos[0].id, "photo-abc");
        assert_eq!(kept[0].about.photos[0].name, "receipt.jpg");
        assert_eq!(pulled.rejections.len(), 1);
        assert_eq!(pulled.rejections[0].code, "photo_missing");
        let (code, kind, image) = photo_of(&app, &carer, "photo-abc").await;
        assert_eq!((code, kind.as_str()), (200, "image/jpeg"));
        assert_eq!(image, jpeg(300 * 1024));

        // Another household can neither read it nor replace it, and is not told it exists.
        let other = app.sign_in_cookie("hughes@demo.test").await;
        assert_eq!(photo_of(&app, &other, "photo-abc").await.0, 404);
        let taken = app
            .call(photo_request(&other, "PUT", "photo-abc", jpeg(1000)))
            .await;
        assert_eq!(taken.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            photo_of(&app, &carer, "photo-abc").await.2,
            jpeg(300 * 1024)
        );

        // What is not a picture, or too large, is refused in plain words.
        for (image, words) in [
            (b"<html>".to_vec(), "is not a photo the portal can keep"),
            (jpeg(351 * 1024), "a photo can be at most 350 KB"),
        ] {
            let response = app
                .call(photo_request(&carer, "PUT", "photo-bad", image))
                .await;
            assert_eq!(response.status(), StatusCode::BAD_REQUEST);
            let body: Value = json_of(response).await;
            assert!(
                body["message"].as_str().is_some_and(|m| m.contains(words)),
                "{body}"
            );
        }
        // Staff do not send photos; an id that could not be one is simply not there.
        let finance = app.staff_cookie("finance@demo.test").await;
        let staff_put = app
            .call(photo_request(&finance, "PUT", "photo-staff", jpeg(1000)))
            .await;
        assert_eq!(staff_put.status(), StatusCode::FORBIDDEN);
        assert_eq!(photo_of(&app, &carer, "..%2Fetc").await.0, 404);
    }
}

#[tokio::test]
async fn photos_kept_as_records_by_an_earlier_server_become_files_and_devices_drop_the_records() {
    for app in demo_apps().await {
        let carer = app.sign_in_cookie("carer@demo.test").await;
        push(&app, &carer, "device-old", &[(1, raise("query-old"))]).await;
        let household = lead_household(&app, &carer).await;
        let body = json!({
            "name": "remittance.jpg",
            "data": "data:image/jpeg;base64,/9j/4AAAAA==",
        })
        .to_string();
        sqlx::query(
            "INSERT INTO records (collection, id, household_id, body, change) \
             VALUES ('payment_photos', 'query-old-photo-1', $1, $2, 1)",
        )
        .bind(&household)
        .bind(&body)
        .execute(app.state.db.pool())
        .await
        .expect("an old record");
        let before = pull(&app, &carer, 0).await.cursor.get();

        let moved = portal_server::photos::move_records_to_files(app.state.db.pool())
            .await
            .expect("moved");
        assert_eq!(moved, 1, "{}", app.label);
        let after = pull(&app, &carer, before).await;
        let dropped: Vec<_> = after
            .records
            .iter()
            .filter(|r| r.collection == "payment_photos")
            .collect();
        assert_eq!(dropped.len(), 1, "devices are told to drop their copy");
        assert!(dropped[0].body.is_none());
        let (code, kind, image) = photo_of(&app, &carer, "query-old-photo-1").await;
        assert_eq!((code, kind.as_str()), (200, "image/jpeg"));
        assert_eq!(image, [0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0]);
        let again = portal_server::photos::move_records_to_files(app.state.db.pool())
            .await
            .expect("nothing more");
        assert_eq!(again, 0);
    }
}

/// The household of the signed-in carer.
async fn lead_household(app: &TestApp, cookie: &str) -> String {
    let (_, me) = app.json(cookie, "GET", "/api/session", &Value::Null).await;
    me["household_id"].as_str().expect("a household").to_owned()
}

#[tokio::test]
async fn a_household_that_has_used_its_room_for_photos_is_told_so_and_others_are_not() {
    for app in demo_apps().await {
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let household = lead_household(&app, &carer).await;
        // A household's photos already take all its room (counted by their recorded sizes).
        let full = i64::try_from(portal_core::payments::HOUSEHOLD_PHOTO_BYTES).expect("fits");
        sqlx::query(
            "INSERT INTO photos (id, household_id, content_type, size, image) \
             VALUES ('photo-earlier', $1, 'image/jpeg', $2, $3)",
        )
        .bind(&household)
        .bind(full)
        .bind(jpeg(10))
        .execute(app.state.db.pool())
        .await
        .expect("an earlier photo");
        let response = app
            .call(photo_request(&carer, "PUT", "photo-one-more", jpeg(1000)))
            .await;
        assert_eq!(
            response.status(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "{}",
            app.label
        );
        let body: Value = json_of(response).await;
        assert!(
            body["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("Your household has used all its room for photos")),
            "{body}"
        );
        // The query naming it is refused with the same reason.
        push(
            &app,
            &carer,
            "device-full",
            &[(1, raise_with_file("query-full", "photo-one-more"))],
        )
        .await;
        let pulled = pull(&app, &carer, 0).await;
        assert_eq!(pulled.rejections.len(), 1);
        assert!(
            pulled.rejections[0]
                .message
                .starts_with("Your household has used all its room for photos"),
            "{}",
            pulled.rejections[0].message
        );
        let other = app.sign_in_cookie("hughes@demo.test").await;
        let theirs = app
            .call(photo_request(&other, "PUT", "photo-theirs", jpeg(1000)))
            .await;
        assert_eq!(theirs.status(), StatusCode::NO_CONTENT);
    }
}
