//! The buddy scheme through the sync engine and the staff API, on every database: households
//! join, staff run the matcher and suggest pairs, each side answers; a buddy accepting from two
//! devices is never given more carers than they offered; nobody sees the other's details
//! before both accept; a decline's reason reaches staff only; the declined carer waits again.

use portal_core::buddies::{PairingStatus, StaffBuddies, StaffProposal};
use serde_json::{Value, json};

use crate::common::{TestApp, demo_apps, pairing_views as views, pull, push};

/// The buddy scheme as staff see it, without the demo's own pairing (the Kowalskis buddy the
/// Ahmeds, for claims), which these tests leave alone.
async fn staff_list(app: &TestApp, cookie: &str) -> StaffBuddies {
    let (_, list) = app
        .json(cookie, "GET", "/api/staff/buddies", &Value::Null)
        .await;
    let mut list: StaffBuddies = serde_json::from_value(list).expect("the list");
    list.pairings.retain(|p| !p.pairing.id.starts_with("demo-"));
    list
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
        .pairs()
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
        proposal
            .pairs()
            .next()
            .expect("a pair")
            .reasons
            .iter()
            .any(|r| r.words() == "Both free on weekday evenings")
    );

    let chosen: Vec<Value> = proposal
        .pairs()
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
            proposal.pairs().next().is_none(),
            "a declined pair is not suggested again"
        );
        assert_eq!(proposal.unmatched(), ["The Hughes household"]);
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
        assert_eq!((paired.log.len(), paired.going_quiet), (1, false));
        assert_eq!(paired.log[0].minutes, 25, "staff see the whole log");

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

fn join_not_known(places: &str) -> Value {
    let mut change = join(true, places);
    change["buddies"]["join"]["form"]["not_known"] = json!(true);
    change
}

async fn proposal(app: &TestApp, worker: &str) -> StaffProposal {
    let (status, proposal) = app
        .json(worker, "POST", "/api/staff/buddies/proposals", &Value::Null)
        .await;
    assert_eq!(status, 200, "{}: {proposal}", app.label);
    serde_json::from_value(proposal).expect("a proposal")
}

#[tokio::test]
async fn staff_override_the_matcher_with_another_buddy_the_rules_allow() {
    for app in demo_apps().await {
        let taylor = app.sign_in_cookie("carer@demo.test").await;
        let nowak = app.sign_in_cookie("nowak@demo.test").await;
        let begum = app.sign_in_cookie("begum@demo.test").await;
        push(&app, &taylor, "tab-o-taylor", &[(1, join(true, ""))]).await;
        push(&app, &nowak, "tab-o-nowak", &[(1, join(false, "1"))]).await;
        push(&app, &begum, "tab-o-begum", &[(1, join(false, "1"))]).await;
        let worker = app.staff_cookie("worker@demo.test").await;
        let found = proposal(&app, &worker).await;
        assert_eq!(found.waiting.len(), 1, "{}", app.label);
        let waiting = &found.waiting[0];
        let chosen = waiting.chosen.as_ref().expect("the matcher's choice");
        assert_eq!(waiting.others.len(), 1, "the other buddy is offered");
        let other = &waiting.others[0];
        assert_ne!(other.buddy, chosen.buddy);
        assert!(
            other.score <= chosen.score,
            "the matcher's choice scores best"
        );

        let (status, sent) = app
            .json(
                &worker,
                "POST",
                "/api/staff/buddies/pairings",
                &json!({"pairs": [{"seeker": waiting.seeker, "buddy": other.buddy}]}),
            )
            .await;
        assert_eq!(status, 201, "{}: {sent}", app.label);
        let list = staff_list(&app, &worker).await;
        assert_eq!(list.pairings.len(), 1);
        assert_eq!(
            list.pairings[0].buddy_name, other.buddy_name,
            "staff's choice"
        );
        assert_eq!(list.seekers_waiting, 0);
    }
}

#[tokio::test]
async fn a_pair_staff_rule_out_is_withdrawn_and_never_suggested_until_allowed_again() {
    for app in demo_apps().await {
        let Suggested {
            taylor,
            worker,
            taylors,
            ..
        } = two_suggestions(&app).await;
        let list = staff_list(&app, &worker).await;
        let id = |name: &str| {
            list.members
                .iter()
                .find(|m| m.name == name)
                .map(|m| m.id.clone())
                .expect("a member of the scheme")
        };
        let (taylor_id, nowak_id) = (id("The Taylor household"), id("The Nowak household"));
        let (status, refused) = app
            .json(
                &worker,
                "POST",
                "/api/staff/buddies/barred",
                &json!({"first": taylor_id, "second": taylor_id, "reason": ""}),
            )
            .await;
        assert_eq!(status, 400, "{}", app.label);
        let message = refused["message"].as_str().expect("message");
        assert!(
            message.contains("Choose two different households"),
            "{message}"
        );
        assert!(message.contains("Say why"), "{message}");

        // Ruled out the other way round from the suggestion: it still counts.
        let (status, _) = app
            .json(
                &worker,
                "POST",
                "/api/staff/buddies/barred",
                &json!({"first": nowak_id, "second": taylor_id, "reason": "Neighbours who fell out."}),
            )
            .await;
        assert_eq!(status, 204, "{}", app.label);
        let list = staff_list(&app, &worker).await;
        assert_eq!(list.barred.len(), 1);
        assert_eq!(list.barred[0].reason, "Neighbours who fell out.");
        let withdrawn = list
            .pairings
            .iter()
            .find(|p| p.pairing.id == taylors)
            .expect("the suggestion");
        assert_eq!(withdrawn.pairing.status, PairingStatus::Withdrawn);
        let seen = views(&pull(&app, &taylor, 0).await);
        assert_eq!(
            seen[0].status,
            PairingStatus::Withdrawn,
            "the carer is told"
        );
        assert!(
            proposal(&app, &worker).await.pairs().next().is_none(),
            "{}: never suggested while ruled out",
            app.label
        );

        let (status, _) = app
            .json(
                &worker,
                "DELETE",
                &format!("/api/staff/buddies/barred/{taylor_id}/{nowak_id}"),
                &Value::Null,
            )
            .await;
        assert_eq!(status, 204);
        assert!(staff_list(&app, &worker).await.barred.is_empty());
        let again = proposal(&app, &worker).await;
        assert_eq!(
            again
                .pairs()
                .map(|p| p.buddy_name.as_str())
                .collect::<Vec<_>>(),
            ["The Nowak household"],
            "{}",
            app.label
        );
    }
}

#[tokio::test]
async fn staff_end_a_pairing_with_a_reason_and_former_buddies_count_as_known() {
    for app in demo_apps().await {
        let taylor = app.sign_in_cookie("carer@demo.test").await;
        let nowak = app.sign_in_cookie("nowak@demo.test").await;
        push(&app, &taylor, "tab-e-taylor", &[(1, join_not_known(""))]).await;
        push(&app, &nowak, "tab-e-nowak", &[(1, join(false, "1"))]).await;
        let worker = app.staff_cookie("worker@demo.test").await;
        let found = proposal(&app, &worker).await;
        let pair = found.pairs().next().expect("a pair");
        let (_, sent) = app
            .json(
                &worker,
                "POST",
                "/api/staff/buddies/pairings",
                &json!({"pairs": [{"seeker": pair.seeker, "buddy": pair.buddy}]}),
            )
            .await;
        let pairing = sent[0]["id"].as_str().expect("an id").to_owned();
        push(
            &app,
            &taylor,
            "tab-e-taylor",
            &[(2, respond(&pairing, true, ""))],
        )
        .await;
        push(
            &app,
            &nowak,
            "tab-e-nowak",
            &[(2, respond(&pairing, true, ""))],
        )
        .await;

        let close = format!("/api/staff/buddies/pairings/{pairing}/close");
        let (status, refused) = app
            .json(&worker, "POST", &close, &json!({"reason": " "}))
            .await;
        assert_eq!(status, 400, "{}: {refused}", app.label);
        let (status, _) = app
            .json(
                &worker,
                "POST",
                &close,
                &json!({"reason": "The buddy has moved away."}),
            )
            .await;
        assert_eq!(status, 200, "{}", app.label);
        let (status, _) = app
            .json(&worker, "POST", &close, &json!({"reason": "Again."}))
            .await;
        assert_eq!(status, 400, "an ended pairing cannot be ended again");
        let (status, _) = app
            .json(
                &worker,
                "POST",
                "/api/staff/buddies/pairings/no-such-pairing/close",
                &json!({"reason": "Gone."}),
            )
            .await;
        assert_eq!(status, 404);

        let list = staff_list(&app, &worker).await;
        assert_eq!(list.pairings[0].pairing.status, PairingStatus::Ended);
        assert_eq!(
            list.pairings[0].reason.as_deref(),
            Some("The buddy has moved away.")
        );
        assert_eq!(
            views(&pull(&app, &nowak, 0).await)[0].status,
            PairingStatus::Ended
        );
        // The carer waits again; asked for someone new, their former buddy is not suggested.
        assert_eq!(list.seekers_waiting, 1, "{}", app.label);
        assert_eq!(
            proposal(&app, &worker).await.unmatched(),
            ["The Taylor household"],
            "{}",
            app.label
        );
    }
}

/// Every buddy change that names a pairing, sent by a household that is not in it: refused,
/// and nothing of the pairing changes or is shown to them.
#[tokio::test]
async fn a_household_cannot_act_on_a_pairing_it_is_not_in() {
    for app in demo_apps().await {
        let s = two_suggestions(&app).await;
        // The Hughes household names the Taylors' pairing in every kind of change.
        let changes = [
            respond(&s.taylors, true, ""),
            json!({"buddies": {"end": {"pairing": s.taylors, "reason": "Not mine to end"}}}),
            contact("contact-stranger", &s.taylors, "2026-11-20"),
        ];
        let batch: Vec<(u64, Value)> = changes
            .into_iter()
            .enumerate()
            .map(|(n, change)| (n as u64 + 1, change))
            .collect();
        push(&app, &s.hughes, "tab-buddy-stranger", &batch).await;
        let pulled = pull(&app, &s.hughes, 0).await;
        assert_eq!(
            pulled.rejections.len(),
            3,
            "every change refused on {}: {:?}",
            app.label,
            pulled.rejections
        );
        assert!(
            views(&pulled).iter().all(|v| v.id != s.taylors),
            "the Taylors' pairing is not shown to the Hughes household"
        );
        // The Taylors' pairing is as it was: still waiting for both answers.
        let theirs = views(&pull(&app, &s.taylor, 0).await);
        assert_eq!(theirs[0].status, PairingStatus::Proposed);
    }
}
