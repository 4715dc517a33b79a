//! The buddy scheme through the sync engine and the staff API, on every database: households
//! join, staff run the matcher and suggest pairs, each side answers; a buddy accepting from two
//! devices is never given more carers than they offered; nobody sees the other's details
//! before both accept; a decline's reason reaches staff only; the declined carer waits again.

mod common;

use portal_core::buddies::{PairingStatus, PairingView, StaffBuddies, StaffProposal};
use portal_core::sync::wire::PullResponse;
use serde_json::{Value, json};

use common::{TestApp, demo_apps, pull, push};

/// The buddy scheme as staff see it.
async fn staff_list(app: &TestApp, cookie: &str) -> StaffBuddies {
    let (_, list) = app
        .json(cookie, "GET", "/api/staff/buddies", &Value::Null)
        .await;
    serde_json::from_value(list).expect("the list")
}

fn join(wants_buddy: bool, places: &str) -> Value {
    json!({"buddies": {"join": {"form": {
        "wants_buddy": wants_buddy, "places": places, "offer": "Tea and a listening ear.",
        "availability": ["weekday_evenings"], "gender": "", "same_gender": false, "not_known": false
    }}}})
}

fn respond(pairing: &str, accept: bool, reason: &str) -> Value {
    json!({"buddies": {"respond": {"pairing": pairing, "accept": accept, "reason": reason}}})
}

fn views(pulled: &PullResponse) -> Vec<PairingView> {
    pulled
        .records
        .iter()
        .filter(|r| r.collection == "buddy_pairings")
        .filter_map(|r| r.body.as_ref())
        .map(|b| serde_json::from_str(b.get()).expect("a pairing"))
        .collect()
}

/// Two carers asking for a buddy, each suggested the one volunteer (who offers two places).
struct Suggested {
    taylor: String,
    hughes: String,
    nowak: String,
    worker: String,
    taylors: String,
    hughes_pairing: String,
}

async fn two_suggestions(app: &TestApp) -> Suggested {
    let taylor = app.sign_in_cookie("carer@demo.test").await;
    let hughes = app.sign_in_cookie("hughes@demo.test").await;
    let nowak = app.sign_in_cookie("nowak@demo.test").await;
    push(app, &taylor, "tab-buddy-taylor", &[(1, join(true, ""))]).await;
    push(app, &hughes, "tab-buddy-hughes", &[(1, join(true, ""))]).await;
    push(app, &nowak, "tab-buddy-nowak-1", &[(1, join(false, "2"))]).await;

    let worker = app.staff_cookie("worker@demo.test").await;
    let (status, proposal) = app
        .json(
            &worker,
            "POST",
            "/api/staff/buddies/proposals",
            &Value::Null,
        )
        .await;
    assert_eq!(status, 200, "{}: {proposal}", app.label);
    let proposal: StaffProposal = serde_json::from_value(proposal).expect("a proposal");
    let mut named: Vec<(&str, &str)> = proposal
        .pairs
        .iter()
        .map(|p| (p.seeker_name.as_str(), p.buddy_name.as_str()))
        .collect();
    named.sort_unstable();
    assert_eq!(
        named,
        [
            ("The Hughes household", "The Nowak household"),
            ("The Taylor household", "The Nowak household")
        ]
    );
    assert!(
        proposal.pairs[0]
            .reasons
            .iter()
            .any(|r| r.words() == "Both free on weekday evenings")
    );

    let chosen: Vec<Value> = proposal
        .pairs
        .iter()
        .map(|p| json!({"seeker": p.seeker, "buddy": p.buddy}))
        .collect();
    let (status, sent) = app
        .json(
            &worker,
            "POST",
            "/api/staff/buddies/pairings",
            &json!({"pairs": chosen}),
        )
        .await;
    assert_eq!(status, 201, "{}: {sent}", app.label);
    let (status, again) = app
        .json(
            &worker,
            "POST",
            "/api/staff/buddies/pairings",
            &json!({"pairs": chosen}),
        )
        .await;
    assert_eq!(status, 400, "nobody is suggested twice: {again}");

    let suggested = views(&pull(app, &taylor, 0).await);
    assert_eq!(suggested.len(), 1);
    assert_eq!(suggested[0].status, PairingStatus::Proposed);
    assert!(
        suggested[0].other.is_none(),
        "no details before both accept"
    );
    let taylors = suggested[0].id.clone();
    let hughes_pairing = views(&pull(app, &hughes, 0).await)[0].id.clone();
    Suggested {
        taylor,
        hughes,
        nowak,
        worker,
        taylors,
        hughes_pairing,
    }
}

#[tokio::test]
async fn a_buddy_accepting_from_two_devices_gets_no_more_carers_than_offered() {
    for app in demo_apps().await {
        let Suggested {
            taylor,
            nowak,
            taylors,
            hughes_pairing,
            ..
        } = two_suggestions(&app).await;

        // The buddy now offers one place, and accepts both suggestions from two devices.
        push(&app, &nowak, "tab-buddy-nowak-1", &[(2, join(false, "1"))]).await;
        push(
            &app,
            &nowak,
            "tab-buddy-nowak-1",
            &[(3, respond(&taylors, true, ""))],
        )
        .await;
        push(
            &app,
            &nowak,
            "tab-buddy-nowak-2",
            &[(1, respond(&hughes_pairing, true, ""))],
        )
        .await;
        let buddy_view = pull(&app, &nowak, 0).await;
        let refused: Vec<&str> = buddy_view
            .rejections
            .iter()
            .map(|r| r.code.as_str())
            .collect();
        assert_eq!(refused, ["no_places_left"], "{}", app.label);
        let accepted = views(&buddy_view)
            .into_iter()
            .filter(|v| v.you_accepted)
            .count();
        assert_eq!(accepted, 1, "one place, one acceptance");

        // The carer accepts, twice over (a replay): active, and now each sees the other.
        for client in ["tab-buddy-taylor", "tab-buddy-taylor-2"] {
            push(&app, &taylor, client, &[(2, respond(&taylors, true, ""))]).await;
        }
        let active = views(&pull(&app, &taylor, 0).await);
        assert_eq!(active[0].status, PairingStatus::Active, "{}", app.label);
        assert_eq!(
            active[0].other.as_ref().map(|o| o.name.as_str()),
            Some("Ania Nowak")
        );
    }
}

#[tokio::test]
async fn a_decline_says_why_to_staff_only_and_the_carer_waits_again() {
    for app in demo_apps().await {
        let Suggested {
            hughes,
            nowak,
            worker,
            hughes_pairing,
            ..
        } = two_suggestions(&app).await;
        // The carer declines, saying why: staff see the reason, the carer waits again.
        push(
            &app,
            &hughes,
            "tab-buddy-hughes",
            &[(
                2,
                respond(&hughes_pairing, false, "We already know each other."),
            )],
        )
        .await;
        let list = staff_list(&app, &worker).await;
        let declined = list
            .pairings
            .iter()
            .find(|p| p.pairing.id == hughes_pairing)
            .expect("the declined pairing");
        assert_eq!(declined.pairing.status, PairingStatus::Declined);
        assert_eq!(
            declined.reason.as_deref(),
            Some("We already know each other.")
        );
        assert_eq!(list.seekers_waiting, 1, "{}", app.label);
        assert_eq!(
            list.volunteers_with_places, 1,
            "one of two places still suggested"
        );
        let seen_by_buddy = pull(&app, &nowak, 0).await;
        assert!(
            !seen_by_buddy
                .records
                .iter()
                .filter_map(|r| r.body.as_ref())
                .any(|b| b.get().contains("We already know each other.")),
            "the reason is for staff only"
        );
        let (_, proposal) = app
            .json(
                &worker,
                "POST",
                "/api/staff/buddies/proposals",
                &Value::Null,
            )
            .await;
        let proposal: StaffProposal = serde_json::from_value(proposal).expect("a proposal");
        assert!(
            proposal.pairs.is_empty(),
            "a declined pair is not suggested again"
        );
        assert_eq!(proposal.unmatched, ["The Hughes household"]);
    }
}

fn contact(id: &str, pairing: &str, date: &str) -> Value {
    json!({"buddies": {"log_contact": {"id": id, "pairing": pairing,
        "form": {"date": date, "how": "phone", "minutes": "25"}}}})
}

#[tokio::test]
async fn a_paired_couple_share_one_contact_log_and_staff_see_them_go_quiet() {
    for app in demo_apps().await {
        let Suggested {
            taylor,
            nowak,
            worker,
            taylors,
            ..
        } = two_suggestions(&app).await;
        push(
            &app,
            &nowak,
            "tab-log-nowak",
            &[(1, respond(&taylors, true, ""))],
        )
        .await;
        push(
            &app,
            &taylor,
            "tab-log-taylor",
            &[(1, respond(&taylors, true, ""))],
        )
        .await;
        let today =
            portal_core::date::CalendarDate::uk_date_of(portal_server::Clock::now(&*app.clock))
                .to_string();
        // Logged once, sent three times (two devices and a replay): one contact.
        for client in ["tab-log-taylor", "tab-log-taylor-2"] {
            push(
                &app,
                &taylor,
                client,
                &[(2, contact("contact-1", &taylors, &today))],
            )
            .await;
        }
        let seen: Vec<_> = pull(&app, &nowak, 0)
            .await
            .records
            .into_iter()
            .filter(|r| r.collection == "buddy_contacts")
            .collect();
        assert_eq!(seen.len(), 1, "{}", app.label);
        let list = staff_list(&app, &worker).await;
        let paired = list
            .pairings
            .iter()
            .find(|p| p.pairing.id == taylors)
            .expect("the pairing");
        assert_eq!((paired.contacts, paired.going_quiet), (1, false));

        app.clock.advance(40 * 24 * 3600);
        let worker = app.staff_cookie("worker@demo.test").await;
        let list = staff_list(&app, &worker).await;
        assert!(
            list.pairings
                .iter()
                .any(|p| p.pairing.id == taylors && p.going_quiet),
            "{}",
            app.label
        );
    }
}

#[tokio::test]
async fn staff_set_the_weights_and_the_matcher_uses_them() {
    for app in demo_apps().await {
        let worker = app.staff_cookie("worker@demo.test").await;
        let (status, form) = app
            .json(&worker, "GET", "/api/staff/buddies/weights", &Value::Null)
            .await;
        assert_eq!(status, 200, "{}", app.label);
        assert_eq!(form["same_district"], "30", "the defaults");
        // Only a shared time to talk counts now.
        let mut changed = form.clone();
        for weight in [
            "same_district",
            "same_area",
            "same_carer_type",
            "shared_experience",
            "shared_language",
        ] {
            changed[weight] = json!("0");
        }
        changed["shared_availability"] = json!("77");
        let (status, _) = app
            .json(&worker, "PUT", "/api/staff/buddies/weights", &changed)
            .await;
        assert_eq!(status, 200);
        changed["same_area"] = json!("lots");
        let (status, refused) = app
            .json(&worker, "PUT", "/api/staff/buddies/weights", &changed)
            .await;
        assert_eq!(status, 400);
        assert!(
            refused["message"]
                .as_str()
                .expect("message")
                .contains("The same area")
        );

        let suggested = two_suggestions(&app).await;
        let list = staff_list(&app, &worker).await;
        let pairing = list
            .pairings
            .iter()
            .find(|p| p.pairing.id == suggested.taylors)
            .expect("the pairing");
        assert_eq!(
            pairing.pairing.score, 77,
            "{}: scored with the saved weights",
            app.label
        );
    }
}
