//! The learning log through the sync engine, on every database: entries saved, edited and
//! deleted exactly once, the same rules as the device, and no household touching another's.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt as _;
use portal_core::sync::wire::PullResponse;
use portal_core::training::{Entry, StaffEntry, TrainingOverview, TsdState};
use serde_json::{Value, json};

use crate::common::{TestApp, demo_apps, json_of, lead_carer, pull, push};

fn add_member(id: &str, name: &str) -> Value {
    json!({"details": {"add_member": {"id": id, "name": name, "role": "main_carer"}}})
}

/// A learning log entry as the form sends it; the test clock's date is 14 November 2023.
fn save(id: &str, title: &str, date: &str, members: &[&str]) -> Value {
    json!({"training": {"save": {"id": id, "form": {
        "title": title, "date": date, "hours": "1", "minutes": "30", "format": "webinar",
        "provider": "", "course_id": "", "standards": [2, 6], "members": members,
        "certificate": "", "learned": "", "will_use": ""
    }}}})
}

fn delete(id: &str) -> Value {
    json!({"training": {"delete": {"id": id}}})
}

/// The entries a pull brings, by id: the title, or `None` once deleted.
fn entries(pulled: &PullResponse) -> Vec<(String, Option<String>)> {
    pulled
        .records
        .iter()
        .filter(|r| r.collection == "training_entries")
        .map(|r| {
            let title = r.body.as_ref().map(|body| {
                let value: Value = serde_json::from_str(body.get()).expect("json");
                value["title"].as_str().expect("title").to_owned()
            });
            (r.id.clone(), title)
        })
        .collect()
}

#[tokio::test]
async fn entries_are_saved_edited_and_deleted_each_exactly_once() {
    for app in demo_apps().await {
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        let batch = [
            (1, add_member("member-sam", "Sam Taylor")),
            (
                2,
                save("entry-1", "Safeguarding", "2023-11-01", &["member-sam"]),
            ),
            (
                3,
                save(
                    "entry-1",
                    "Safeguarding refresher",
                    "2023-11-01",
                    &["member-sam"],
                ),
            ),
            (4, delete("entry-never-saved")),
        ];
        assert_eq!(
            push(&app, &cookie, "tab-training", &batch)
                .await
                .last_applied,
            4
        );
        let first = pull(&app, &cookie, 0).await;
        assert!(
            first.rejections.is_empty(),
            "{}: {:?}",
            app.label,
            first.rejections
        );
        assert_eq!(
            entries(&first),
            [(
                "entry-1".to_owned(),
                Some("Safeguarding refresher".to_owned())
            )],
            "{}: the edit replaced the entry; nothing was written for the unknown delete",
            app.label
        );
        // The response was lost: the same batch again changes nothing.
        push(&app, &cookie, "tab-training", &batch).await;
        assert!(
            pull(&app, &cookie, first.cursor.get())
                .await
                .records
                .is_empty()
        );

        push(&app, &cookie, "tab-training", &[(5, delete("entry-1"))]).await;
        let after = pull(&app, &cookie, first.cursor.get()).await;
        assert_eq!(
            entries(&after),
            [("entry-1".to_owned(), None)],
            "{}",
            app.label
        );
    }
}

#[tokio::test]
async fn the_server_applies_the_same_rules_as_the_form() {
    for app in demo_apps().await {
        let cookie = app.sign_in_cookie("carer@demo.test").await;
        let batch = [
            (1, add_member("member-sam", "Sam Taylor")),
            (
                2,
                save("entry-future", "Later", "2023-11-15", &["member-sam"]),
            ),
            (
                3,
                save("entry-stranger", "Who", "2023-11-01", &["member-nobody"]),
            ),
            (4, save("entry-ok", "Fine", "2023-11-14", &["member-sam"])),
        ];
        push(&app, &cookie, "tab-rules", &batch).await;
        let pulled = pull(&app, &cookie, 0).await;
        let reasons: Vec<(u64, &str)> = pulled
            .rejections
            .iter()
            .map(|r| (r.counter, r.message.as_str()))
            .collect();
        assert_eq!(
            reasons,
            [
                (2, "“Later”: The date must be today or in the past."),
                (
                    3,
                    "“Who”: Someone selected is no longer in your household. Select who attended again."
                ),
            ],
            "{}",
            app.label
        );
        assert_eq!(
            entries(&pulled),
            [("entry-ok".to_owned(), Some("Fine".to_owned()))]
        );
    }
}

#[tokio::test]
async fn one_household_can_never_change_another_households_entry() {
    for app in demo_apps().await {
        let taylor = app.sign_in_cookie("carer@demo.test").await;
        push(
            &app,
            &taylor,
            "tab-taylor",
            &[
                (1, add_member("member-sam", "Sam Taylor")),
                (
                    2,
                    save("entry-taylor", "Ours", "2023-11-01", &["member-sam"]),
                ),
            ],
        )
        .await;
        // Another household names the same id, to overwrite it and then to delete it.
        let nowak = app.sign_in_cookie("nowak@demo.test").await;
        push(
            &app,
            &nowak,
            "tab-nowak",
            &[
                (1, add_member("member-ania", "Ania Nowak")),
                (
                    2,
                    save("entry-taylor", "Theirs", "2023-11-01", &["member-ania"]),
                ),
                (3, delete("entry-taylor")),
            ],
        )
        .await;
        let theirs = pull(&app, &nowak, 0).await;
        assert_eq!(theirs.rejections.len(), 2, "{}", app.label);
        assert!(theirs.rejections.iter().all(|r| r.code == "not_yours"));
        assert!(
            entries(&theirs).is_empty(),
            "nothing of the other household is shown"
        );
        let ours = pull(&app, &taylor, 0).await;
        assert_eq!(
            entries(&ours),
            [("entry-taylor".to_owned(), Some("Ours".to_owned()))],
            "{}",
            app.label
        );
    }
}

#[tokio::test]
async fn staff_see_each_households_training_and_can_export_it() {
    for app in demo_apps().await {
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let sam = lead_carer(&app, &carer).await;
        push(
            &app,
            &carer,
            "tab-overview",
            &[
                (1, save("entry-1", "Safeguarding", "2023-11-01", &[&sam])),
                (2, save("entry-2", "Attachment", "2023-10-01", &[&sam])),
            ],
        )
        .await;
        let worker = app.staff_cookie("worker@demo.test").await;
        let request = Request::get("/api/staff/training")
            .header(header::COOKIE, &worker)
            .body(Body::empty())
            .expect("request");
        let response = app.call(request).await;
        assert_eq!(response.status(), StatusCode::OK, "{}", app.label);
        let overview: TrainingOverview = json_of(response).await;
        assert_eq!(
            overview.rows.len(),
            14,
            "the households and the demo applicant's"
        );
        let taylor = overview
            .rows
            .iter()
            .find(|r| r.carer.name == "The Taylor household")
            .expect("the Taylors");
        assert_eq!(taylor.training.minutes_this_year, 180, "{}", app.label);
        // Standards 2 and 6 evidenced by the only carer: five still to do.
        assert_eq!(taylor.training.evidence_missing, 5);
        // Approved 12 September 2025 (after the test clock's date): due a year later.
        assert_eq!(
            taylor.training.tsd_due.map(|d| d.to_string()).as_deref(),
            Some("2026-09-12")
        );
        assert!(
            matches!(taylor.training.tsd, TsdState::OnTrack { .. }),
            "{:?}",
            taylor.training.tsd
        );
        assert!(
            taylor
                .training
                .mandatory_to_do
                .contains(&"Safeguarding children".to_owned())
        );

        let request = Request::get("/api/staff/training.csv")
            .header(header::COOKIE, &worker)
            .body(Body::empty())
            .expect("request");
        let response = app.call(request).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert!(
            response.headers()[header::CONTENT_DISPOSITION]
                .to_str()
                .expect("ascii")
                .starts_with("attachment; filename=\"training-overview-2023-11-1")
        );
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let csv = String::from_utf8(bytes.to_vec()).expect("utf-8");
        assert_eq!(
            csv.lines().count(),
            15,
            "a heading and a line per household"
        );
        assert!(
            csv.lines().any(|l| l.starts_with(
                "The Taylor household,Northby,Mainstream fostering,Jo Okafor,2025-09-12"
            )),
            "{csv}"
        );
    }
}

/// `POST /api/staff/training/entries/{id}/verification` as the member of staff with `cookie`.
async fn verify(app: &TestApp, cookie: &str, entry: &str) -> axum::response::Response {
    app.call(
        Request::post(format!("/api/staff/training/entries/{entry}/verification"))
            .header(header::COOKIE, cookie)
            .header("x-portal-request", "1")
            .body(Body::empty())
            .expect("request"),
    )
    .await
}

#[tokio::test]
async fn staff_verify_an_entry_and_the_household_sees_it_until_they_edit_it() {
    for app in demo_apps().await {
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let batch = [
            (1, add_member("member-sam", "Sam Taylor")),
            (
                2,
                save("entry-v", "First aid", "2023-11-01", &["member-sam"]),
            ),
        ];
        push(&app, &carer, "tab-verify", &batch).await;
        let cursor = pull(&app, &carer, 0).await.cursor;

        let worker = app.staff_cookie("worker@demo.test").await;
        let overview: TrainingOverview = json_of(
            app.call(
                Request::get("/api/staff/training")
                    .header(header::COOKIE, &worker)
                    .body(Body::empty())
                    .expect("request"),
            )
            .await,
        )
        .await;
        let household = &overview
            .rows
            .iter()
            .find(|r| r.carer.name == "The Taylor household")
            .expect("the Taylors")
            .carer
            .id;
        let log: Vec<StaffEntry> = json_of(
            app.call(
                Request::get(format!("/api/staff/carers/{household}/training"))
                    .header(header::COOKIE, &worker)
                    .body(Body::empty())
                    .expect("request"),
            )
            .await,
        )
        .await;
        assert_eq!(log.len(), 1, "{}", app.label);
        assert_eq!(log[0].attended, ["Sam Taylor"]);

        let response = verify(&app, &worker, "entry-v").await;
        assert_eq!(response.status(), StatusCode::OK, "{}", app.label);
        let verified: Entry = json_of(response).await;
        assert_eq!(
            verified.verified.as_ref().expect("verified").by,
            "Jo Okafor"
        );

        // The household's devices learn it with their next pull.
        let pulled = pull(&app, &carer, cursor.get()).await;
        let record = pulled
            .records
            .iter()
            .find(|r| r.id == "entry-v")
            .expect("the entry again");
        let entry: Entry =
            serde_json::from_str(record.body.as_ref().expect("body").get()).expect("entry");
        assert!(entry.verified.is_some());

        // Editing it afterwards takes the verification away: what was checked has changed.
        push(
            &app,
            &carer,
            "tab-verify",
            &[(
                3,
                save(
                    "entry-v",
                    "First aid, part 2",
                    "2023-11-01",
                    &["member-sam"],
                ),
            )],
        )
        .await;
        let edited = pull(&app, &carer, pulled.cursor.get()).await;
        let entry: Entry =
            serde_json::from_str(edited.records[0].body.as_ref().expect("body").get())
                .expect("entry");
        assert!(entry.verified.is_none(), "{}", app.label);

        // Once the Taylors are no longer theirs to supervise, the worker cannot confirm it.
        sqlx::query("UPDATE households SET supervising_worker_id = NULL WHERE id = $1")
            .bind(household)
            .execute(app.state.db.pool())
            .await
            .expect("hand the household on");
        let response = verify(&app, &worker, "entry-v").await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{}", app.label);
    }
}
