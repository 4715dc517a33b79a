use proptest::prelude::*;

use super::*;

fn date(raw: &str) -> CalendarDate {
    CalendarDate::parse(raw).expect("a date")
}

const TODAY: &str = "2026-11-20";

fn journey(day: &str, miles: &str) -> JourneyForm {
    JourneyForm {
        date: day.into(),
        from: "Home".into(),
        to: "Family centre".into(),
        purpose: "contact".into(),
        miles: miles.into(),
    }
}

fn mileage(journeys: Vec<JourneyForm>) -> ClaimForm {
    ClaimForm {
        kind: "mileage".into(),
        journeys,
        ..ClaimForm::default()
    }
}

fn birthday() -> ClaimForm {
    ClaimForm {
        kind: "birthday".into(),
        date: "14/11/2026".into(),
        amount: "£75".into(),
        child: "k l".into(),
        ..ClaimForm::default()
    }
}

fn state() -> ClaimState {
    ClaimState {
        household_id: "h1".into(),
        today: Some(date(TODAY)),
        ..ClaimState::default()
    }
}

fn submit(id: &str, form: ClaimForm) -> ClaimChange {
    ClaimChange::Submit {
        id: id.into(),
        form,
    }
}

#[test]
fn a_mileage_claim_pays_each_journey_at_the_rate_of_its_own_date() {
    let mut settings = ClaimSettings::default();
    settings.add_rate(MileageRate {
        from: date("2026-11-01"),
        pence_per_mile: 50,
    });
    let form = mileage(vec![
        journey("30/10/2026", "10"),
        journey("2/11/2026", "12.5"),
        journey("3/11/2026", "0.1"),
    ]);
    let about = form.parse(date(TODAY), &settings, &[]).expect("valid");
    let amounts: Vec<i64> = about.journeys.iter().map(|j| j.amount.pence()).collect();
    // 10 miles at 45p; 12.5 at 50p; a tenth of a mile at 50p is 5p.
    assert_eq!(amounts, vec![450, 625, 5]);
    assert_eq!(about.total.pence(), 1080);
    assert_eq!(about.date, date("2026-11-03"), "the last journey's date");
    assert_eq!(settings.rate_on(date("2020-01-01")), 45);
}

#[test]
fn every_problem_of_a_claim_is_said_in_plain_words_with_its_field() {
    let settings = ClaimSettings::default();
    let bad = mileage(vec![
        JourneyForm {
            date: "21/11/2026".into(),
            from: String::new(),
            to: "School".into(),
            purpose: "fun".into(),
            miles: "12.55".into(),
        },
        journey("1/1/2026", "600"),
    ]);
    let problems = bad.parse(date(TODAY), &settings, &[]).expect_err("invalid");
    let fields: Vec<ClaimField> = problems.iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        vec![
            ClaimField::JourneyDate(0),
            ClaimField::JourneyFrom(0),
            ClaimField::JourneyPurpose(0),
            ClaimField::JourneyMiles(0),
            ClaimField::JourneyDate(1),
            ClaimField::JourneyMiles(1),
        ]
    );
    assert!(problems[0].message.contains("cannot be in the future"));
    assert!(
        problems[4]
            .message
            .contains("claims can go back to 20 August 2026")
    );
    assert_eq!(
        ClaimField::JourneyMiles(1).input_id(),
        "claim-journey-2-miles"
    );
    assert_eq!(
        mileage(Vec::new()).parse(date(TODAY), &settings, &[]),
        Err(vec![ClaimProblem {
            field: ClaimField::AddJourney,
            message: "Add at least one journey".into()
        }])
    );
}

#[test]
fn an_expense_needs_a_receipt_and_an_allowance_a_child_never_named() {
    let settings = ClaimSettings::default();
    let expense = ClaimForm {
        kind: "expense".into(),
        date: "10/11/2026".into(),
        amount: "12.40".into(),
        description: "Train fares to the contact centre".into(),
        ..ClaimForm::default()
    };
    let problems = expense
        .parse(date(TODAY), &settings, &[])
        .expect_err("no receipt");
    assert_eq!(problems[0].field, ClaimField::Photos);
    let with_receipt = ClaimForm {
        photos: vec![Photo::file("photo-1".into(), "ticket.jpg".into())],
        ..expense
    };
    assert_eq!(
        with_receipt
            .parse(date(TODAY), &settings, &[])
            .map(|about| about.total.pence()),
        Ok(1240)
    );

    let about = birthday()
        .parse(date(TODAY), &settings, &[])
        .expect("valid");
    assert_eq!(about.child.as_ref().map(ChildRef::as_str), Some("K L"));
    let named = ClaimForm {
        child: "Kira Lewis".into(),
        amount: "£1,000.01".into(),
        ..birthday()
    };
    let fields: Vec<ClaimField> = named
        .parse(date(TODAY), &settings, &[])
        .expect_err("named")
        .iter()
        .map(|p| p.field)
        .collect();
    assert_eq!(fields, vec![ClaimField::Amount, ClaimField::Child]);
}

#[test]
fn a_claim_sent_twice_is_kept_once_and_answering_a_question_puts_it_back_in_the_queue() {
    let mut state = state();
    submit("c1", birthday()).apply(&mut state).expect("made");
    let kept = state.claim.clone().expect("kept");
    assert_eq!(kept.status, ClaimStatus::Submitted);
    let changed_form = ClaimForm {
        amount: "£90".into(),
        ..birthday()
    };
    submit("c1", changed_form)
        .apply(&mut state)
        .expect("a replay");
    assert_eq!(state.claim.as_ref(), Some(&kept), "the first is kept");

    let mut claim = kept;
    claim
        .ask(
            "m1".into(),
            "Fin Lee",
            "Which child is this for?",
            date(TODAY),
        )
        .expect("asked");
    assert_eq!(claim.status, ClaimStatus::Queried);
    state.claim = Some(claim);
    let answer = ClaimChange::Message {
        id: "m2".into(),
        claim: "c1".into(),
        text: "Our foster daughter, K L.".into(),
        photos: Vec::new(),
    };
    answer.apply(&mut state).expect("answered");
    let claim = state.claim.clone().expect("kept");
    assert_eq!(claim.status, ClaimStatus::Submitted);
    assert_eq!(claim.messages.len(), 2);
    state.message_exists = true;
    answer.apply(&mut state).expect("a replay");
    assert_eq!(state.claim, Some(claim));

    let mut other = state.clone();
    other.household_id = "h2".into();
    assert_eq!(
        answer.apply(&mut other).map_err(|r| r.code),
        Err("not_yours".to_owned())
    );
}

#[test]
fn finance_decides_once_and_pays_only_what_was_approved() {
    let mut state = state();
    submit("c1", birthday()).apply(&mut state).expect("made");
    let mut claim = state.claim.expect("kept");
    let today = date(TODAY);
    assert!(claim.mark_paid(today).is_err(), "not approved yet");
    let reject = Decision::Reject {
        reason: "  ".into(),
    };
    assert!(
        claim
            .decide(ClaimStatus::Submitted, &reject, "Fin", today)
            .is_err()
    );
    claim
        .decide(ClaimStatus::Submitted, &Decision::Approve, "Fin", today)
        .expect("approved");
    // The same decision again, from a second screen, changes nothing.
    claim
        .decide(ClaimStatus::Submitted, &Decision::Approve, "Fin", today)
        .expect("the same again");
    let late = Decision::Reject {
        reason: "Already paid".into(),
    };
    let refused = claim
        .decide(ClaimStatus::Submitted, &late, "Sam", today)
        .expect_err("moved on");
    assert!(refused.contains("now “Approved”"));
    claim.mark_paid(date("2026-11-27")).expect("paid");
    assert_eq!(claim.status, ClaimStatus::Paid);
    assert_eq!(claim.paid_on, Some(date("2026-11-27")));
    assert!(claim.ask("m".into(), "Fin", "?", today).is_err());
}

#[test]
fn the_payment_run_csv_has_only_approved_claims_and_defuses_formulas() {
    let mut state = state();
    submit("c1", birthday()).apply(&mut state).expect("made");
    let mut approved = state.claim.clone().expect("kept");
    approved
        .decide(
            ClaimStatus::Submitted,
            &Decision::Approve,
            "Fin",
            date(TODAY),
        )
        .expect("approved");
    let waiting = state.claim.expect("kept");
    let claims = [
        StaffClaim {
            claim: approved,
            household_name: "=Evil household".into(),
        },
        StaffClaim {
            claim: Claim {
                id: "c2".into(),
                ..waiting
            },
            household_name: "Waiting".into(),
        },
    ];
    let csv = payment_run_csv(&claims);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[1],
        "c1,'=Evil household,h1,Birthday allowance,K L,2026-11-14,2026-11-20,2026-11-20,75.00"
    );
}

#[test]
fn settings_take_a_new_rate_from_a_date_and_say_what_is_wrong() {
    let settings = ClaimSettings::default();
    let form = SettingsForm {
        rate_from: "1/4/2027".into(),
        pence_per_mile: "55p".into(),
        oldest_days: "60".into(),
        respite_days: "21".into(),
        hourly_from: "1/4/2027".into(),
        per_hour: "£14.00".into(),
    };
    let next = form.apply_to(&settings).expect("valid");
    assert_eq!(next.rate_on(date("2027-03-31")), 45);
    assert_eq!(next.rate_on(date("2027-04-01")), 55);
    assert_eq!(next.oldest_days, 60);
    assert_eq!(next.respite_days, 21);
    assert_eq!(next.hourly_on(date("2027-03-31")).to_string(), "£12.50");
    assert_eq!(next.hourly_on(date("2027-04-01")).to_string(), "£14.00");
    let bad = SettingsForm {
        rate_from: "soon".into(),
        pence_per_mile: "0".into(),
        oldest_days: "3".into(),
        respite_days: "many".into(),
        hourly_from: "1/4/2027".into(),
        per_hour: "£0".into(),
    };
    assert_eq!(bad.apply_to(&settings).map_err(|p| p.len()), Err(5));
}

fn claim_with(id: &str, status: ClaimStatus, pence: i64) -> Claim {
    let mut state = state();
    submit(id, birthday()).apply(&mut state).expect("made");
    let mut claim = state.claim.expect("kept");
    claim.status = status;
    claim.about.total = Pence::new(pence).expect("pence");
    claim
}

proptest! {
    #[test]
    fn totals_count_each_claim_once_and_never_go_below_zero(
        claims in prop::collection::vec((0usize..6, 0usize..5, 0i64..100_000), 0..20),
    ) {
        let list: Vec<Claim> = claims
            .iter()
            .map(|(id, status, pence)| claim_with(&format!("c{id}"), ClaimStatus::ALL[*status], *pence))
            .collect();
        let totals = ClaimTotals::of(&list);
        // Sending the same claims again (a replay) counts nothing more.
        let twice: Vec<&Claim> = list.iter().chain(list.iter()).collect();
        prop_assert_eq!(ClaimTotals::of(twice), totals);
        let mut first = std::collections::BTreeMap::new();
        for claim in &list {
            first.entry(claim.id.clone()).or_insert_with(|| claim.clone());
        }
        let counted: i64 = first
            .values()
            .filter(|c| c.status != ClaimStatus::Rejected)
            .map(|c| c.about.total.pence())
            .sum();
        prop_assert_eq!(totals.waiting.pence() + totals.owed.pence() + totals.paid.pence(), counted);
        prop_assert!(totals.waiting.pence() >= 0 && totals.owed.pence() >= 0);
    }

    #[test]
    fn a_journey_is_paid_at_the_newest_rate_started_by_its_date(
        rates in prop::collection::vec((0i64..800, 1u32..200), 1..6),
        day in 0i64..900,
        tenths in 1u32..5000,
    ) {
        let start = date("2025-01-01");
        let mut settings = ClaimSettings::default();
        for (offset, pence) in &rates {
            settings.add_rate(MileageRate { from: start.add_days(*offset), pence_per_mile: *pence });
        }
        let on = start.add_days(day);
        let expected = settings
            .rates()
            .iter()
            .filter(|r| r.from <= on)
            .max_by_key(|r| r.from)
            .map(|r| r.pence_per_mile);
        prop_assert_eq!(Some(settings.rate_on(on)), expected);
        let miles = Miles::try_from(tenths).expect("in range");
        let amount = miles.at(settings.rate_on(on)).pence();
        prop_assert!(amount >= 0);
        prop_assert!((amount * 10 - i64::from(tenths) * i64::from(settings.rate_on(on))).abs() <= 5);
    }

    #[test]
    fn a_refused_claim_change_leaves_the_state_as_it_was(
        miles in "[0-9.a-z]{0,6}",
        day in "[0-9/]{0,10}",
        amount in "[£0-9.,]{0,8}",
    ) {
        let mut state = state();
        let before = state.clone();
        let form = ClaimForm {
            kind: "mileage".into(),
            journeys: vec![journey(&day, &miles)],
            amount,
            ..ClaimForm::default()
        };
        if submit("c1", form).apply(&mut state).is_err() {
            prop_assert_eq!(state, before);
        } else {
            prop_assert!(state.claim.is_some_and(|c| c.about.total.pence() > 0));
        }
    }
}

fn respite(id: &str, first: &str, last: &str) -> ClaimChange {
    submit(
        id,
        ClaimForm {
            kind: "respite".into(),
            date: first.into(),
            until: last.into(),
            ..ClaimForm::default()
        },
    )
}

#[test]
fn respite_is_asked_for_ahead_from_the_years_allowance_and_never_beyond_it() {
    let mut state = state();
    respite("r1", "7/12/2026", "16/12/2026")
        .apply(&mut state)
        .expect("ten days ahead of time");
    let first = state.claim.take().expect("kept");
    assert_eq!(first.about.respite_days(), Some(10));
    assert_eq!(first.title(), "Respite, 10 days");
    assert_eq!(
        first.about.total,
        Pence::ZERO,
        "respite is not paid to the carer"
    );
    state.others = vec![first.clone()];
    let refused = respite("r2", "20/12/2026", "24/12/2026")
        .apply(&mut state)
        .expect_err("only four left");
    assert!(
        refused
            .message
            .contains("You have 4 of your 14 respite days left in 2026")
    );
    respite("r2", "20/12/2026", "23/12/2026")
        .apply(&mut state)
        .expect("the last four");
    // Days turned down are given back.
    let mut turned_down = first;
    turned_down.status = ClaimStatus::Rejected;
    assert_eq!(respite_used([&turned_down], 2026, ""), 0);
    let across = ClaimForm {
        kind: "respite".into(),
        date: "30/12/2026".into(),
        until: "2/1/2027".into(),
        ..ClaimForm::default()
    };
    let problems = across
        .parse(date(TODAY), &ClaimSettings::default(), &[])
        .expect_err("two years");
    assert_eq!(problems[0].field, ClaimField::Until);
}

proptest! {
    #[test]
    fn respite_days_left_never_go_below_zero_however_requests_arrive(
        requests in prop::collection::vec((0i64..300, 0i64..20, any::<bool>()), 0..30),
    ) {
        let start = date("2026-01-01");
        let mut state = ClaimState {
            household_id: "h1".into(),
            today: Some(start),
            ..ClaimState::default()
        };
        for (n, (offset, length, turned_down)) in requests.iter().enumerate() {
            let first = start.add_days(*offset);
            let last = first.add_days(*length);
            let change = respite(&format!("r{n}"), &first.to_string(), &last.to_string());
            state.claim = None;
            if change.apply(&mut state).is_ok()
                && let Some(mut claim) = state.claim.take()
            {
                if *turned_down {
                    claim.status = ClaimStatus::Rejected;
                }
                state.others.push(claim);
            }
            let year = RespiteYear {
                allowance: state.settings.respite_days,
                used: respite_used(&state.others, 2026, ""),
            };
            prop_assert!(year.used <= year.allowance, "{} days used of {}", year.used, year.allowance);
        }
    }
}

#[test]
fn a_claims_thread_opens_with_its_own_words_only_when_it_has_some() {
    let mut state = state();
    submit("c1", birthday()).apply(&mut state).expect("made");
    let mut claim = state.claim.expect("kept");
    claim
        .ask("m1".into(), "Fin", "Which child?", date(TODAY))
        .expect("asked");
    let ids: Vec<String> = claim.thread().into_iter().map(|m| m.id).collect();
    assert_eq!(ids, vec!["m1".to_owned()], "no words of its own");
    claim.about.description = "Her 10th".into();
    let thread = claim.thread();
    assert_eq!(
        (thread[0].id.as_str(), thread[0].text.as_str()),
        ("c1", "Her 10th")
    );
    assert_eq!(thread.len(), 2);
}

fn logged(id: &str, on: &str, how: crate::buddies::ContactHow, minutes: u16) -> Contact {
    Contact {
        id: id.into(),
        pairing: "p1".into(),
        date: date(on),
        how,
        minutes,
        by: crate::buddies::Side::Seeker,
    }
}

fn mentoring(id: &str, month: &str) -> ClaimChange {
    submit(
        id,
        ClaimForm {
            kind: "mentoring".into(),
            date: month.into(),
            ..ClaimForm::default()
        },
    )
}

#[test]
fn a_buddys_month_is_claimed_once_from_the_calls_and_meetings_logged() {
    use crate::buddies::ContactHow::{InPerson, Message, Phone};
    let mut state = state();
    state.contacts = vec![
        logged("a", "2026-10-03", Phone, 45),
        logged("b", "2026-10-17", InPerson, 120),
        logged("c", "2026-10-18", Message, 0),
        logged("d", "2026-11-02", Phone, 30),
    ];
    mentoring("m1", "2026-10-01")
        .apply(&mut state)
        .expect("October is over");
    let claim = state.claim.take().expect("kept");
    assert_eq!(claim.title(), "Buddy or mentor time, October 2026");
    // 2 hours 45 minutes at £12.50 an hour.
    assert_eq!(claim.about.total.to_string(), "£34.38");
    assert_eq!(claim.about.contacts.len(), 2, "messages are not paid");
    assert!(
        claim
            .details()
            .contains(&("Time", "2 hours 45 minutes".to_owned()))
    );
    state.others = vec![claim.clone()];
    let again = mentoring("m2", "2026-10-01")
        .apply(&mut state)
        .expect_err("one claim a month");
    assert!(again.message.contains("already claimed for October 2026"));
    // The same claim sent again is the one kept.
    state.claim = Some(claim.clone());
    mentoring("m1", "2026-10-01")
        .apply(&mut state)
        .expect("a replay");
    state.claim = None;
    let not_over = mentoring("m3", "2026-11-01")
        .apply(&mut state)
        .expect_err("November is not over");
    assert!(
        not_over
            .message
            .contains("once it is over, from 1 December 2026")
    );
    let nothing = mentoring("m4", "2026-09-01")
        .apply(&mut state)
        .expect_err("no contacts in September");
    assert!(nothing.message.contains("no calls or meetings"));
    // A claim not approved frees its month.
    let mut turned_down = claim;
    turned_down.status = ClaimStatus::Rejected;
    state.others = vec![turned_down];
    mentoring("m5", "2026-10-01")
        .apply(&mut state)
        .expect("claimed again");
    let offered = months_to_claim(&state.contacts, &state.others, date(TODAY), &state.settings);
    assert_eq!(offered, [date("2026-10-01")]);
}

proptest! {
    #[test]
    fn a_buddys_claim_is_the_sum_of_its_contacts_and_never_negative(
        minutes in prop::collection::vec(0u16..=600, 0..40),
    ) {
        let contacts: Vec<Contact> = minutes
            .iter()
            .enumerate()
            .map(|(n, m)| logged(&format!("c{n}"), "2026-10-15", crate::buddies::ContactHow::Phone, *m))
            .collect();
        let mut state = state();
        state.contacts = contacts;
        match mentoring("m1", "2026-10-01").apply(&mut state) {
            Ok(()) => {
                let about = state.claim.expect("kept").about;
                let sum: Pence = about.contacts.iter().map(|c| c.amount).sum();
                prop_assert_eq!(about.total, sum);
                prop_assert!(about.total > Pence::ZERO);
            }
            Err(_) => prop_assert!(minutes.iter().all(|m| *m == 0)),
        }
    }
}

#[test]
fn notes_too_long_are_one_problem_whatever_the_claim() {
    let long = "x".repeat(2001);
    let expense = ClaimForm {
        kind: "expense".into(),
        date: "14/11/2026".into(),
        amount: "£8".into(),
        description: long.clone(),
        photos: vec![Photo::file("p1".into(), "receipt.jpg".into())],
        ..ClaimForm::default()
    };
    let respite = ClaimForm {
        kind: "respite".into(),
        date: "7/12/2026".into(),
        until: "8/12/2026".into(),
        description: long,
        ..ClaimForm::default()
    };
    for form in [expense, respite] {
        let problems = form
            .parse(date(TODAY), &ClaimSettings::default(), &[])
            .expect_err("too long");
        let fields: Vec<ClaimField> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, [ClaimField::Description], "{}", form.kind);
    }
}

#[test]
fn the_queue_is_paged_fifty_at_a_time_within_the_status_asked_for() {
    let all: Vec<StaffClaim> = (0..120)
        .map(|n| StaffClaim {
            claim: claim_with(
                &format!("c{n:03}"),
                if n % 3 == 0 {
                    ClaimStatus::Approved
                } else {
                    ClaimStatus::Submitted
                },
                100,
            ),
            household_name: format!("Household {n}"),
        })
        .collect();
    let page =
        |wanted, n| StaffClaims::paged(all.clone(), wanted, n, ClaimSettings::default(), true);
    let first = page(None, 1);
    assert_eq!((first.total, first.page, first.pages), (120, 1, 3));
    assert_eq!(first.claims.len(), QUEUE_PAGE);
    assert_eq!(first.claims[0].claim.id, "c000");
    let last = page(None, 3);
    assert_eq!(last.claims.len(), 20);
    assert_eq!(last.claims[0].claim.id, "c100");
    // A page past the end (the queue shrank meanwhile) shows the last; page 0 the first.
    assert_eq!(page(None, 9).page, 3);
    assert_eq!(page(None, 0).page, 1);
    let approved = page(Some(ClaimStatus::Approved), 1);
    assert_eq!((approved.total, approved.pages), (40, 1));
    assert!(
        approved
            .claims
            .iter()
            .all(|c| c.claim.status == ClaimStatus::Approved)
    );
    let none = page(Some(ClaimStatus::Paid), 1);
    assert_eq!(
        (none.total, none.page, none.pages, none.claims.len()),
        (0, 1, 1, 0)
    );
}
