//! Claims through the sync engine and the staff API, on every database: a claim sent three
//! times is kept and counted once; a journey is paid at its date's rate; finance asks, the
//! carer answers, and the claim comes back to the queue; approving in bulk leaves what has
//! been decided; the payment run's CSV has the approved claims; paying reaches the carer; a
//! supervising social worker sees only their carers' claims; another household cannot touch
//! a claim.

use axum::body::Body;
use axum::http::{Request, header};
use portal_core::claims::{BulkOutcome, Claim, ClaimStatus, StaffClaims};
use portal_core::sync::wire::PullResponse;
use serde_json::{Value, json};

use crate::common::{TestApp, demo_apps, pull, push};

fn mileage(id: &str, miles: &str) -> Value {
    json!({"claims": {"submit": {"id": id, "form": {
        "kind": "mileage",
        "journeys": [
            {"date": "10/11/2023", "from": "Home", "to": "Family centre", "purpose": "contact", "miles": miles},
            {"date": "13/11/2023", "from": "Home", "to": "School", "purpose": "school", "miles": "3"}
        ]
    }}}})
}

fn birthday(id: &str) -> Value {
    json!({"claims": {"submit": {"id": id, "form": {
        "kind": "birthday", "date": "12/11/2023", "amount": "£75", "child": "KL"
    }}}})
}

fn answer(id: &str, claim: &str, text: &str) -> Value {
    json!({"claims": {"message": {"id": id, "claim": claim, "text": text}}})
}

fn claims(pulled: &PullResponse) -> Vec<Claim> {
    pulled
        .records
        .iter()
        .filter(|r| r.collection == "claims")
        .filter_map(|r| r.body.as_ref())
        .map(|b| serde_json::from_str(b.get()).expect("a claim"))
        .collect()
}

fn mine<'a>(claims: &'a [Claim], id: &str) -> &'a Claim {
    claims.iter().find(|c| c.id == id).expect("the claim")
}

async fn queue(app: &TestApp, cookie: &str) -> StaffClaims {
    queue_page(app, cookie, "").await
}

/// The queue at `query` (such as `?status=approved&page=2`).
async fn queue_page(app: &TestApp, cookie: &str, query: &str) -> StaffClaims {
    let (status, list) = app
        .json(
            cookie,
            "GET",
            &format!("/api/staff/claims{query}"),
            &Value::Null,
        )
        .await;
    assert_eq!(status, 200, "{}: {list}", app.label);
    serde_json::from_value(list).expect("the queue")
}

#[tokio::test]
async fn the_queue_comes_a_page_at_a_time_with_the_status_asked_for() {
    for app in demo_apps().await {
        let finance = app.staff_cookie("finance@demo.test").await;
        let everything = queue(&app, &finance).await;
        assert_eq!(everything.page, 1, "{}", app.label);
        assert_eq!(everything.total, everything.claims.len());
        assert!(everything.total > 0, "the demo has claims");
        let paid = queue_page(&app, &finance, "?status=paid").await;
        assert!(
            paid.total > 0 && paid.total < everything.total,
            "{}",
            app.label
        );
        assert!(
            paid.claims
                .iter()
                .all(|c| c.claim.status == ClaimStatus::Paid)
        );
        // A page past the end (the queue shrank meanwhile) is the last.
        let past = queue_page(&app, &finance, "?status=paid&page=7").await;
        assert_eq!((past.page, past.pages), (1, 1));
        assert_eq!(past.claims, paid.claims);
        // A status nobody knows is no filter at all.
        let unknown = queue_page(&app, &finance, "?status=lost").await;
        assert_eq!(unknown.total, everything.total);
    }
}

async fn csv(app: &TestApp, cookie: &str) -> String {
    let response = app
        .call(
            Request::get("/api/staff/claims/payment-run.csv")
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(response.status(), 200, "{}", app.label);
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    String::from_utf8(bytes.to_vec()).expect("text")
}

#[tokio::test]
async fn a_claim_sent_three_times_is_kept_once_at_its_journeys_rates() {
    for app in demo_apps().await {
        let finance = app.staff_cookie("finance@demo.test").await;
        // From 12 November 2023 the rate is 50p a mile: the first journey is paid at 45p.
        let (status, _) = app
            .json(
                &finance,
                "PUT",
                "/api/staff/claims/settings",
                &json!({"rate_from": "12/11/2023", "pence_per_mile": "50", "oldest_days": ""}),
            )
            .await;
        assert_eq!(status, 200, "{}", app.label);
        let carer = app.sign_in_cookie("carer@demo.test").await;
        for client in ["tab-claim-1", "tab-claim-2", "tab-claim-1"] {
            push(&app, &carer, client, &[(1, mileage("claim-m1", "10"))]).await;
        }
        let seen = claims(&pull(&app, &carer, 0).await);
        let claim = mine(&seen, "claim-m1");
        assert_eq!(seen.iter().filter(|c| c.id == "claim-m1").count(), 1);
        // 10 miles at 45p and 3 at 50p.
        assert_eq!(claim.about.total.pence(), 450 + 150, "{}", app.label);
        assert_eq!(claim.status, ClaimStatus::Submitted);
        let list = queue(&app, &finance).await;
        let listed: Vec<_> = list
            .claims
            .iter()
            .filter(|c| c.claim.id == "claim-m1")
            .collect();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].household_name, "The Taylor household");
        assert!(list.can_decide);

        // A claim for a date in the future is refused with the reason.
        let future = json!({"claims": {"submit": {"id": "claim-future", "form": {
            "kind": "birthday", "date": "1/12/2023", "amount": "£75", "child": "KL"
        }}}});
        push(&app, &carer, "tab-claim-3", &[(1, future)]).await;
        let answered = pull(&app, &carer, 0).await;
        assert_eq!(answered.rejections.len(), 1, "{}", app.label);
        assert!(
            answered.rejections[0]
                .message
                .contains("cannot be in the future")
        );

        // Another household can neither answer it nor see it.
        let other = app.sign_in_cookie("hughes@demo.test").await;
        push(
            &app,
            &other,
            "tab-claim-hughes",
            &[(1, answer("message-x", "claim-m1", "Me too"))],
        )
        .await;
        let refused = pull(&app, &other, 0).await;
        assert_eq!(refused.rejections[0].code, "not_yours", "{}", app.label);
        assert!(claims(&refused).iter().all(|c| c.id != "claim-m1"));
    }
}

#[tokio::test]
async fn finance_asks_approves_exports_and_pays_and_the_carer_sees_each_step() {
    for app in demo_apps().await {
        let carer = app.sign_in_cookie("carer@demo.test").await;
        push(
            &app,
            &carer,
            "tab-claims",
            &[(1, mileage("claim-a", "12.5")), (2, birthday("claim-b"))],
        )
        .await;
        let finance = app.staff_cookie("finance@demo.test").await;
        let (status, asked) = app
            .json(
                &finance,
                "POST",
                "/api/staff/claims/claim-a/messages",
                &json!({"text": "Was the first journey a return trip?"}),
            )
            .await;
        assert_eq!(status, 200, "{}: {asked}", app.label);
        assert_eq!(asked["status"], "queried");
        // Bulk approve: the queried claim is approved too, since finance chose it.
        let (status, bulk) = app
            .json(
                &finance,
                "POST",
                "/api/staff/claims/approve",
                &json!({"claims": ["claim-b", "claim-missing"]}),
            )
            .await;
        assert_eq!(status, 200, "{}: {bulk}", app.label);
        let bulk: BulkOutcome = serde_json::from_value(bulk).expect("outcome");
        assert_eq!(bulk.changed, 1);
        assert_eq!(bulk.left.len(), 1, "the missing claim is said");

        // The carer answers; the claim is back in the queue, then rejected with a reason.
        push(
            &app,
            &carer,
            "tab-claims",
            &[(3, answer("answer-1", "claim-a", "Yes, there and back."))],
        )
        .await;
        let seen = claims(&pull(&app, &carer, 0).await);
        assert_eq!(mine(&seen, "claim-a").status, ClaimStatus::Submitted);
        let (status, refused) = app
            .json(
                &finance,
                "POST",
                "/api/staff/claims/claim-a/decision",
                &json!({"from": "submitted", "decision": "reject", "reason": ""}),
            )
            .await;
        assert_eq!(status, 400, "{}: {refused}", app.label);
        let (status, rejected) = app
            .json(
                &finance,
                "POST",
                "/api/staff/claims/claim-a/decision",
                &json!({"from": "submitted", "decision": "reject", "reason": "Claim the return miles as one journey."}),
            )
            .await;
        assert_eq!(status, 200, "{}: {rejected}", app.label);
        let (status, _) = app
            .json(
                &finance,
                "POST",
                "/api/staff/claims/claim-a/decision",
                &json!({"from": "submitted", "decision": "approve"}),
            )
            .await;
        assert_eq!(status, 409, "a decided claim is not decided again");

        let sheet = csv(&app, &finance).await;
        assert!(sheet.starts_with("Claim,Household,"), "{sheet}");
        assert!(
            sheet.contains("claim-b,The Taylor household,") && sheet.contains(",75.00\r\n"),
            "{sheet}"
        );
        assert!(!sheet.contains("claim-a"), "only approved claims: {sheet}");

        let (status, paid) = app
            .json(
                &finance,
                "POST",
                "/api/staff/claims/paid",
                &json!({"claims": ["claim-a", "claim-b"], "paid_on": "17/11/2023"}),
            )
            .await;
        assert_eq!(status, 200, "{}: {paid}", app.label);
        let paid: BulkOutcome = serde_json::from_value(paid).expect("outcome");
        assert_eq!((paid.changed, paid.left.len()), (1, 1));
        let seen = claims(&pull(&app, &carer, 0).await);
        assert_eq!(mine(&seen, "claim-a").status, ClaimStatus::Rejected);
        assert_eq!(
            mine(&seen, "claim-a").reason.as_deref(),
            Some("Claim the return miles as one journey.")
        );
        assert_eq!(mine(&seen, "claim-b").status, ClaimStatus::Paid);
        assert!(
            !csv(&app, &finance).await.contains("claim-b"),
            "paid leaves the run"
        );
    }
}

#[tokio::test]
async fn a_supervising_social_worker_sees_only_their_carers_claims_and_decides_none() {
    for app in demo_apps().await {
        let carer = app.sign_in_cookie("carer@demo.test").await;
        push(&app, &carer, "tab-worker", &[(1, birthday("claim-w1"))]).await;
        let other = app.sign_in_cookie("hughes@demo.test").await;
        push(&app, &other, "tab-worker-2", &[(1, birthday("claim-w2"))]).await;
        let worker = app.staff_cookie("worker@demo.test").await;
        let list = queue(&app, &worker).await;
        let ids: Vec<&str> = list.claims.iter().map(|c| c.claim.id.as_str()).collect();
        assert!(ids.contains(&"claim-w1"), "{}: {ids:?}", app.label);
        assert!(!ids.contains(&"claim-w2"), "{}: {ids:?}", app.label);
        assert!(!list.can_decide);
    }
}

fn respite(id: &str, first: &str, last: &str) -> Value {
    json!({"claims": {"submit": {"id": id, "form": {
        "kind": "respite", "date": first, "until": last
    }}}})
}

#[tokio::test]
async fn respite_days_are_taken_from_the_years_allowance_and_never_beyond_it() {
    for app in demo_apps().await {
        let carer = app.sign_in_cookie("carer@demo.test").await;
        push(
            &app,
            &carer,
            "tab-respite",
            &[
                (1, respite("respite-1", "20/11/2023", "29/11/2023")),
                (2, respite("respite-2", "1/12/2023", "5/12/2023")),
                (3, respite("respite-3", "1/12/2023", "4/12/2023")),
            ],
        )
        .await;
        let pulled = pull(&app, &carer, 0).await;
        assert_eq!(pulled.rejections.len(), 1, "{}", app.label);
        assert!(
            pulled.rejections[0]
                .message
                .contains("You have 4 of your 14 respite days left in 2023"),
            "{}",
            pulled.rejections[0].message
        );
        let seen = claims(&pulled);
        let days: Vec<Option<u16>> = ["respite-1", "respite-3"]
            .iter()
            .map(|id| mine(&seen, id).about.respite_days())
            .collect();
        assert_eq!(days, vec![Some(10), Some(4)]);
        // Respite is agreed, not paid: it never reaches the payment run.
        let finance = app.staff_cookie("finance@demo.test").await;
        let (status, _) = app
            .json(
                &finance,
                "POST",
                "/api/staff/claims/approve",
                &json!({"claims": ["respite-1"]}),
            )
            .await;
        assert_eq!(status, 200);
        assert!(!csv(&app, &finance).await.contains("respite-1"));
    }
}

fn buddying(id: &str, month: &str) -> Value {
    json!({"claims": {"submit": {"id": id, "form": {"kind": "mentoring", "date": month}}}})
}

#[tokio::test]
async fn a_buddy_claims_a_month_once_from_the_contact_log_at_the_hourly_rate() {
    for app in demo_apps().await {
        // The demo Kowalskis buddy the Ahmeds: in October 2023 a 30-minute call, a 90-minute
        // meeting and messages; September is claimed and paid already.
        let buddy = app.sign_in_cookie("kowalski@demo.test").await;
        push(
            &app,
            &buddy,
            "tab-buddying",
            &[
                (1, buddying("buddying-oct", "2023-10-01")),
                (2, buddying("buddying-oct-again", "2023-10-01")),
                (3, buddying("buddying-sep", "2023-09-01")),
                (4, buddying("buddying-nov", "2023-11-01")),
            ],
        )
        .await;
        let pulled = pull(&app, &buddy, 0).await;
        let messages: Vec<&str> = pulled
            .rejections
            .iter()
            .map(|r| r.message.as_str())
            .collect();
        assert_eq!(messages.len(), 3, "{}: {messages:?}", app.label);
        assert!(messages[0].contains("already claimed for October 2023"));
        assert!(messages[1].contains("already claimed for September 2023"));
        assert!(messages[2].contains("once it is over, from 1 December 2023"));
        let seen = claims(&pulled);
        let october = mine(&seen, "buddying-oct");
        // Two hours at £12.50; messages are not paid.
        assert_eq!(october.about.total.pence(), 2500, "{}", app.label);
        assert_eq!(october.about.contacts.len(), 2);
        assert_eq!(october.title(), "Buddy or mentor time, October 2023");

        // The carer they buddy has no time of their own to claim.
        let seeker = app.sign_in_cookie("ahmed@demo.test").await;
        push(
            &app,
            &seeker,
            "tab-seeker",
            &[(1, buddying("seeker-oct", "2023-10-01"))],
        )
        .await;
        let refused = pull(&app, &seeker, 0).await;
        assert!(
            refused.rejections[0]
                .message
                .contains("no calls or meetings"),
            "{}",
            app.label
        );

        // Finance approves it, and it is in the payment run at its total.
        let finance = app.staff_cookie("finance@demo.test").await;
        let (status, _) = app
            .json(
                &finance,
                "POST",
                "/api/staff/claims/approve",
                &json!({"claims": ["buddying-oct"]}),
            )
            .await;
        assert_eq!(status, 200);
        let run = csv(&app, &finance).await;
        let row = run
            .lines()
            .find(|l| l.starts_with("buddying-oct,"))
            .expect("in the run");
        assert!(
            row.contains("Buddy or mentor time") && row.ends_with(",25.00"),
            "{row}"
        );
    }
}
