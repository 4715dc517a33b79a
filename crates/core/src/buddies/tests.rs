use crate::sync::Mutator as _;
use proptest::prelude::*;

use super::*;

fn person(id: &str, district: &str) -> Person {
    Person {
        id: id.into(),
        district: Some(district.into()),
        ..Person::default()
    }
}

fn seeker(person: Person) -> Seeker {
    Seeker {
        person,
        ..Seeker::default()
    }
}

fn volunteer(person: Person, places: u8) -> Volunteer {
    Volunteer { person, places }
}

#[test]
fn reasons_say_what_two_carers_have_in_common() {
    let mut weights = Weights::default();
    weights.areas.insert("CW1".into(), "Crewe".into());
    weights.areas.insert("CW2".into(), "Crewe".into());
    let mut a = person("a", "cw1");
    let mut b = person("b", "CW2");
    a.carer_type = Some(CarerType::Mainstream);
    b.carer_type = Some(CarerType::Mainstream);
    a.experience = [Experience::Teenagers, Experience::Babies].into();
    b.experience = [Experience::Teenagers].into();
    a.languages = ["Polish".to_owned()].into();
    b.languages = ["polish ".to_owned(), "Urdu".to_owned()].into();
    let (points, reasons) = score(&weights, &a, &b);
    let words: Vec<String> = reasons.iter().map(Reason::words).collect();
    assert_eq!(
        words,
        [
            "Both in Crewe",
            "Both in mainstream fostering",
            "Both have cared for teenagers",
            "Both speak Polish"
        ]
    );
    assert_eq!(points, 15 + 25 + 10 + 20);
    // Without the service's areas, the postcode area is the next best thing.
    let (_, reasons) = score(&Weights::default(), &a, &b);
    assert_eq!(reasons[0].words(), "Both in the CW postcode area");
}

#[test]
fn the_best_for_everyone_is_not_the_best_pair_first() {
    // Greedy pairs s1 with the close buddy (30 + 25) and leaves s2 with nobody allowed; the
    // best gives s1 the other buddy, so both seekers have one.
    let mut s1 = person("s1", "CW1");
    s1.carer_type = Some(CarerType::Mainstream);
    let s2 = person("s2", "CW1");
    let mut near = person("near", "CW1");
    near.carer_type = Some(CarerType::Mainstream);
    let far = person("far", "ST5");
    let cohort = Cohort {
        seekers: vec![seeker(s1), seeker(s2)],
        volunteers: vec![volunteer(near, 1), volunteer(far, 1)],
        barred: [("s2".to_owned(), "far".to_owned())].into(),
    };
    let best = propose(&cohort, &Weights::default());
    let pairs: Vec<(&str, &str)> = best
        .pairs
        .iter()
        .map(|p| (p.seeker.as_str(), p.volunteer.as_str()))
        .collect();
    assert_eq!(pairs, [("s1", "far"), ("s2", "near")]);
    assert!(best.unmatched.is_empty());
    let greedy = greedy(&cohort, &Weights::default());
    assert_eq!(greedy.unmatched, ["s2"]);
}

#[test]
fn the_rules_rule_pairs_out() {
    let mut s = seeker(person("s", "CW1"));
    s.person.gender = Some(Gender::Man);
    s.same_gender = true;
    s.not_known = true;
    s.person.knows = ["known".to_owned()].into();
    let mut woman = volunteer(person("woman", "CW1"), 1);
    woman.person.gender = Some(Gender::Woman);
    let mut known = volunteer(person("known", "CW1"), 1);
    known.person.gender = Some(Gender::Man);
    let own = volunteer(person("s", "CW1"), 1);
    let mut barred = volunteer(person("barred", "CW1"), 1);
    barred.person.gender = Some(Gender::Man);
    let mut cohort = Cohort {
        seekers: vec![s],
        volunteers: vec![woman, known, own, barred],
        barred: [("s".to_owned(), "barred".to_owned())].into(),
    };
    assert_eq!(propose(&cohort, &Weights::default()).unmatched, ["s"]);
    let mut ok = volunteer(person("ok", "ST5"), 1);
    ok.person.gender = Some(Gender::Man);
    cohort.volunteers.push(ok);
    let proposal = propose(&cohort, &Weights::default());
    assert_eq!(proposal.pairs[0].volunteer, "ok");
}

#[test]
fn an_empty_cohort_or_one_without_places_proposes_nothing() {
    assert_eq!(
        propose(&Cohort::default(), &Weights::default()),
        Proposal::default()
    );
    let cohort = Cohort {
        seekers: vec![seeker(person("s", "CW1"))],
        volunteers: vec![volunteer(person("v", "CW1"), 0)],
        barred: BTreeSet::new(),
    };
    assert_eq!(propose(&cohort, &Weights::default()).unmatched, ["s"]);
}

/// The best (pairs made, total score) by trying every way of pairing a small cohort.
fn best_by_trying_all(cohort: &Cohort, weights: &Weights) -> (usize, u64) {
    fn go(cohort: &Cohort, weights: &Weights, s: usize, left: &mut Vec<u8>) -> (usize, u64) {
        let Some(seeker) = cohort.seekers.get(s) else {
            return (0, 0);
        };
        let mut best = go(cohort, weights, s + 1, left);
        for (v, volunteer) in cohort.volunteers.iter().enumerate() {
            if left[v] > 0 && allowed(cohort, seeker, volunteer) {
                left[v] -= 1;
                let (pairs, total) = go(cohort, weights, s + 1, left);
                left[v] += 1;
                let points = u64::from(score(weights, &seeker.person, &volunteer.person).0);
                best = best.max((pairs + 1, total + points));
            }
        }
        best
    }
    let mut left: Vec<u8> = cohort.volunteers.iter().map(|v| v.places).collect();
    go(cohort, weights, 0, &mut left)
}

fn small_person(prefix: &'static str) -> impl Strategy<Value = Person> {
    (
        0_usize..4,
        proptest::option::of(0_usize..3),
        proptest::collection::btree_set(0_usize..3, 0..3),
        proptest::collection::btree_set(0_usize..3, 0..2),
        proptest::collection::btree_set(0_usize..3, 0..3),
        proptest::option::of(0_usize..2),
        proptest::collection::btree_set(0_usize..6, 0..2),
    )
        .prop_map(
            move |(district, kind, experience, languages, availability, gender, knows)| Person {
                id: String::new(),
                district: Some(["CW1", "CW2", "ST5", "M1"][district].to_owned()),
                carer_type: kind.map(|k| CarerType::ALL[k]),
                experience: experience.into_iter().map(|e| Experience::ALL[e]).collect(),
                languages: languages
                    .into_iter()
                    .map(|l| ["Polish", "Urdu", "Welsh"][l].to_owned())
                    .collect(),
                availability: availability
                    .into_iter()
                    .map(|a| Availability::ALL[a])
                    .collect(),
                gender: gender.map(|g| [Gender::Woman, Gender::Man][g]),
                knows: knows
                    .into_iter()
                    .map(|k| format!("{}{}", if prefix == "s" { "v" } else { "s" }, k % 3))
                    .collect(),
            },
        )
}

fn small_cohort() -> impl Strategy<Value = Cohort> {
    (
        proptest::collection::vec((small_person("s"), any::<bool>(), any::<bool>()), 0..6),
        proptest::collection::vec((small_person("v"), 0_u8..3), 0..4),
        proptest::collection::btree_set((0_usize..6, 0_usize..4), 0..3),
        any::<bool>(),
    )
        .prop_map(|(seekers, volunteers, barred, shared_household)| {
            let mut cohort = Cohort {
                seekers: seekers
                    .into_iter()
                    .enumerate()
                    .map(|(n, (mut person, same_gender, not_known))| {
                        person.id = format!("s{n}");
                        Seeker {
                            person,
                            same_gender,
                            not_known,
                        }
                    })
                    .collect(),
                volunteers: volunteers
                    .into_iter()
                    .enumerate()
                    .map(|(n, (mut person, places))| {
                        person.id = format!("v{n}");
                        Volunteer { person, places }
                    })
                    .collect(),
                barred: barred
                    .into_iter()
                    .map(|(s, v)| (format!("s{s}"), format!("v{v}")))
                    .collect(),
            };
            // Sometimes a household both asks for a buddy and offers to be one.
            if shared_household
                && let (Some(s), Some(v)) = (cohort.seekers.first_mut(), cohort.volunteers.first())
            {
                s.person.id.clone_from(&v.person.id);
            }
            cohort
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_proposal_is_as_good_as_trying_every_pairing(cohort in small_cohort()) {
        let weights = Weights::default();
        let proposal = propose(&cohort, &weights);
        prop_assert_eq!(
            (proposal.pairs.len(), proposal.total_score()),
            best_by_trying_all(&cohort, &weights)
        );
        // Greedy is never better, and both keep every rule.
        // Staff's choices for each seeker are allowed, have places, and come best first.
        for (seeker, options) in cohort.seekers.iter().zip(candidates(&cohort, &weights, 3)) {
            prop_assert!(options.len() <= 3);
            prop_assert!(options.windows(2).all(|w| w[0].score >= w[1].score));
            for option in &options {
                let volunteer = cohort.volunteers.iter().find(|v| v.person.id == option.volunteer).expect("a volunteer");
                prop_assert!(volunteer.places > 0 && allowed(&cohort, seeker, volunteer));
            }
            let any = cohort.volunteers.iter().any(|v| v.places > 0 && allowed(&cohort, seeker, v));
            prop_assert_eq!(options.is_empty(), !any);
        }
        let greedy = greedy(&cohort, &weights);
        prop_assert!((greedy.pairs.len(), greedy.total_score()) <= (proposal.pairs.len(), proposal.total_score()));
        for made in [&proposal, &greedy] {
            prop_assert_eq!(made.pairs.len() + made.unmatched.len(), cohort.seekers.len());
            for volunteer in &cohort.volunteers {
                let taken = made.pairs.iter().filter(|p| p.volunteer == volunteer.person.id).count();
                prop_assert!(taken <= usize::from(volunteer.places), "over capacity");
            }
            for pair in &made.pairs {
                let seeker = cohort.seekers.iter().find(|s| s.person.id == pair.seeker).expect("a seeker");
                let volunteer = cohort.volunteers.iter().find(|v| v.person.id == pair.volunteer).expect("a volunteer");
                prop_assert!(allowed(&cohort, seeker, volunteer));
                prop_assert_eq!(pair.score, score(&weights, &seeker.person, &volunteer.person).0);
            }
        }
    }
}

fn pairing() -> Pairing {
    Pairing {
        id: "p1".into(),
        kind: PairingKind::Buddy,
        seeker: "new".into(),
        buddy: "old".into(),
        score: 40,
        reasons: vec![Reason::Near("Crewe".into())],
        status: PairingStatus::Proposed,
        seeker_accepted: false,
        buddy_accepted: false,
    }
}

fn state_for(household: &str, held: usize) -> BuddyState {
    BuddyState {
        household_id: household.into(),
        pairing: Some(pairing()),
        buddy_places: 1,
        buddy_places_held: held,
        ..BuddyState::default()
    }
}

fn respond(accept: bool, reason: &str) -> BuddyChange {
    BuddyChange::Respond {
        pairing: "p1".into(),
        accept,
        reason: reason.into(),
    }
}

#[test]
fn a_pairing_is_active_once_both_accept_and_an_answer_again_changes_nothing() {
    let mut seeker = state_for("new", 0);
    respond(true, "").apply(&mut seeker).expect("accepted");
    let mut buddy = state_for("old", 0);
    buddy.pairing = seeker.pairing.clone();
    respond(true, "").apply(&mut buddy).expect("accepted");
    let active = buddy.pairing.clone().expect("pairing");
    assert_eq!(active.status, PairingStatus::Active);
    respond(true, "").apply(&mut buddy).expect("a replay");
    assert_eq!(buddy.pairing, Some(active));
    assert_eq!(
        respond(true, "")
            .apply(&mut state_for("someone", 0))
            .map_err(|r| r.code),
        Err("not_yours".to_owned())
    );
}

#[test]
fn a_buddy_cannot_accept_beyond_the_places_they_offered() {
    let mut full = state_for("old", 1);
    let refused = respond(true, "").apply(&mut full).expect_err("no places");
    assert_eq!(refused.code, "no_places_left");
    assert_eq!(full.pairing, Some(pairing()), "nothing changed");
    // The seeker accepting needs no place of the buddy's: the buddy's acceptance holds it.
    respond(true, "")
        .apply(&mut state_for("new", 1))
        .expect("accepted");
}

#[test]
fn declining_says_why_for_staff_and_cannot_then_be_accepted() {
    let mut buddy = state_for("old", 0);
    assert_eq!(
        respond(false, " ").apply(&mut buddy).map_err(|r| r.code),
        Err("invalid".to_owned())
    );
    respond(false, "We live too far apart.")
        .apply(&mut buddy)
        .expect("declined");
    assert_eq!(buddy.reason.as_deref(), Some("We live too far apart."));
    assert_eq!(
        buddy.pairing.as_ref().map(|p| p.status),
        Some(PairingStatus::Declined)
    );
    assert_eq!(
        respond(true, "").apply(&mut buddy).map_err(|r| r.code),
        Err("pairing_closed".to_owned())
    );
}

#[test]
fn joining_checks_places_and_same_gender_needs_a_gender() {
    let form = MembershipForm {
        wants_buddy: true,
        places: "9".into(),
        same_gender: true,
        ..MembershipForm::default()
    };
    let fields: Vec<MembershipField> = form
        .parse()
        .expect_err("problems")
        .iter()
        .map(|p| p.field)
        .collect();
    assert_eq!(fields, [MembershipField::Places, MembershipField::Gender]);
    let form = MembershipForm {
        places: "2".into(),
        offer: "A cup of tea and an ear.".into(),
        gender: "woman".into(),
        ..MembershipForm::default()
    };
    let membership = form.parse().expect("valid");
    assert_eq!(membership.places, 2);
    assert_eq!(MembershipForm::of(&membership).parse(), Ok(membership));
}

fn log(id: &str, date: &str, how: &str, minutes: &str) -> BuddyChange {
    BuddyChange::LogContact {
        id: id.into(),
        pairing: "p1".into(),
        form: ContactForm {
            date: date.into(),
            how: how.into(),
            minutes: minutes.into(),
        },
    }
}

#[test]
fn contacts_are_logged_only_while_paired_and_a_replay_is_one() {
    let today = crate::date::CalendarDate::parse("2026-11-22").expect("date");
    let mut state = state_for("old", 0);
    state.today = Some(today);
    assert_eq!(
        log("c1", "2026-11-20", "phone", "30")
            .apply(&mut state)
            .map_err(|r| r.code),
        Err("pairing_closed".to_owned()),
        "not paired yet"
    );
    if let Some(pairing) = &mut state.pairing {
        pairing.status = PairingStatus::Active;
    }
    for (change, problem) in [
        (log("c1", "2026-11-23", "phone", "30"), "in the future"),
        (log("c1", "2026-11-20", "letter", "30"), "Choose how"),
        (log("c1", "2026-11-20", "phone", ""), "how long"),
    ] {
        let refused = change.apply(&mut state).expect_err("refused");
        assert!(refused.message.contains(problem), "{}", refused.message);
    }
    log("c1", "2026-11-20", "message", "")
        .apply(&mut state)
        .expect("a message needs no minutes");
    let logged = state.contact.clone().expect("logged");
    assert_eq!((logged.minutes, logged.by), (0, Side::Buddy));
    assert_eq!(
        contact_log_csv(&[logged]),
        "Date,How,Minutes\r\n2026-11-20,Messages,0\r\n"
    );
    state.contact = None;
    state.contact_logged = true;
    log("c1", "2026-11-20", "message", "")
        .apply(&mut state)
        .expect("a replay");
    assert_eq!(state.contact, None, "nothing new to write");
}

#[test]
fn a_pair_goes_quiet_after_a_month_without_a_contact() {
    let date = |raw| crate::date::CalendarDate::parse(raw).expect("date");
    let today = date("2026-11-22");
    assert!(!going_quiet(PairingStatus::Active, None, today));
    assert!(!going_quiet(
        PairingStatus::Active,
        Some(date("2026-10-23")),
        today
    ));
    assert!(going_quiet(
        PairingStatus::Active,
        Some(date("2026-10-22")),
        today
    ));
    assert!(!going_quiet(
        PairingStatus::Ended,
        Some(date("2026-01-01")),
        today
    ));
}

#[test]
fn weights_are_data_staff_set_and_read_back() {
    let defaults = Weights::default();
    assert_eq!(WeightsForm::of(&defaults).parse(), Ok(defaults));
    let mut form = WeightsForm::of(&Weights::default());
    form.same_district = "101".into();
    form.areas = "CW1 Crewe\ncw2   Crewe\nNantwich".into();
    let problems = form.parse().expect_err("problems");
    let ids: Vec<&str> = problems.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, ["weight-same-district", "weight-areas"]);
    form.same_district = "40".into();
    form.areas = "CW1 Crewe\ncw2   Crewe".into();
    let weights = form.parse().expect("valid");
    assert_eq!(weights.same_district, 40);
    assert_eq!(weights.areas.get("CW2").map(String::as_str), Some("Crewe"));
}

#[test]
fn candidates_are_the_allowed_buddies_with_places_best_first() {
    let mut s = seeker(person("s", "CW1"));
    s.person.carer_type = Some(CarerType::Mainstream);
    let mut best = volunteer(person("best", "CW1"), 1);
    best.person.carer_type = Some(CarerType::Mainstream);
    let near = volunteer(person("near", "CW1"), 2);
    let far = volunteer(person("far", "ST5"), 1);
    let full = volunteer(person("full", "CW1"), 0);
    let barred = volunteer(person("barred", "CW1"), 1);
    let cohort = Cohort {
        seekers: vec![s],
        volunteers: vec![far, near, full, barred, best],
        // Ruled out the other way round too: the server adds both.
        barred: [("s".to_owned(), "barred".to_owned())].into(),
    };
    let found = candidates(&cohort, &Weights::default(), 2);
    let names: Vec<&str> = found[0].iter().map(|p| p.volunteer.as_str()).collect();
    assert_eq!(names, ["best", "near"]);
    assert_eq!(found[0][0].score, 30 + 25);
    let all = candidates(&cohort, &Weights::default(), 10);
    assert_eq!(all[0].len(), 3, "not the full or the barred one");
}

#[test]
fn staff_withdraw_a_suggestion_or_end_a_pairing_once_and_say_why() {
    let mut suggested = pairing();
    assert!(
        suggested.close_by_staff("  ").is_err(),
        "a reason is needed"
    );
    assert_eq!(
        suggested.close_by_staff(" Moved away. "),
        Ok("Moved away.".to_owned())
    );
    assert_eq!(suggested.status, PairingStatus::Withdrawn);
    assert_eq!(
        suggested.close_by_staff("Again."),
        Err("That pairing is already over.".to_owned())
    );
    let mut active = pairing();
    active.status = PairingStatus::Active;
    active.close_by_staff("Ended by agreement.").expect("ended");
    assert_eq!(active.status, PairingStatus::Ended);
    // A withdrawn suggestion can no longer be answered.
    let mut state = state_for("new", 0);
    state.pairing = Some(suggested);
    assert_eq!(
        respond(true, "").apply(&mut state).map_err(|r| r.code),
        Err("pairing_closed".to_owned())
    );
}

#[test]
fn ruling_out_a_pair_needs_two_households_and_a_reason() {
    let known = |id: &str| ["a", "b"].contains(&id);
    let form = |first: &str, second: &str, reason: &str| BarForm {
        first: first.into(),
        second: second.into(),
        reason: reason.into(),
    };
    assert_eq!(
        form("a", "b", " Fell out. ").parse(known),
        Ok(RuledOut {
            first: "a".into(),
            second: "b".into(),
            reason: "Fell out.".into()
        })
    );
    let fields = |f: BarForm| -> Vec<&'static str> {
        f.parse(known)
            .expect_err("refused")
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    };
    assert_eq!(fields(form("", "b", "x")), ["bar-first"]);
    assert_eq!(fields(form("a", "a", "x")), ["bar-second"]);
    assert_eq!(fields(form("a", "b", "")), ["bar-reason"]);
    assert_eq!(fields(form("a", "b", &"x".repeat(501))), ["bar-reason"]);
}

fn entrant(id: &str, applicant: bool, membership: Option<Membership>) -> Entrant {
    Entrant {
        person: person(id, "CW1"),
        membership,
        applicant,
    }
}

fn offering(places: u8, mentor_places: u8) -> Membership {
    Membership {
        places,
        mentor_places,
        ..Membership::default()
    }
}

fn proposed(id: &str, kind: PairingKind, seeker: &str, buddy: &str) -> Pairing {
    Pairing {
        id: id.into(),
        kind,
        seeker: seeker.into(),
        buddy: buddy.into(),
        ..pairing()
    }
}

fn ids<'a>(people: impl IntoIterator<Item = &'a Person>) -> Vec<&'a str> {
    people.into_iter().map(|p| p.id.as_str()).collect()
}

#[test]
fn mentors_are_for_every_applicant_and_count_their_own_places() {
    let wants = Some(Membership {
        wants_buddy: true,
        ..Membership::default()
    });
    let entrants = vec![
        entrant("applicant", true, None),
        // An applicant asking for a buddy is not a buddy seeker: the scheme is for carers.
        entrant("applicant-2", true, wants.clone()),
        entrant("carer", false, wants),
        entrant("mentor", false, Some(offering(1, 2))),
        entrant("buddy-only", false, Some(offering(2, 0))),
    ];
    let pairings = [proposed("p1", PairingKind::Mentor, "applicant-2", "mentor")];
    let mentors = cohort_of(PairingKind::Mentor, entrants.clone(), &pairings, &[]);
    assert_eq!(
        ids(mentors.seekers.iter().map(|s| &s.person)),
        ["applicant"]
    );
    assert_eq!(
        ids(mentors.volunteers.iter().map(|v| &v.person)),
        ["mentor"]
    );
    assert_eq!(
        mentors.volunteers[0].places, 1,
        "one of two mentor places is taken"
    );
    let buddies = cohort_of(PairingKind::Buddy, entrants, &pairings, &[]);
    assert_eq!(ids(buddies.seekers.iter().map(|s| &s.person)), ["carer"]);
    assert_eq!(
        ids(buddies.volunteers.iter().map(|v| &v.person)),
        ["mentor", "buddy-only"],
        "a mentor pairing takes no buddy place"
    );
}

#[test]
fn a_declined_or_barred_pair_is_ruled_out_and_an_ended_one_is_known() {
    let entrants = vec![
        entrant("a", true, None),
        entrant("b", false, Some(offering(0, 3))),
        entrant("c", false, Some(offering(0, 3))),
        entrant("d", false, Some(offering(0, 3))),
    ];
    let mut declined = proposed("p1", PairingKind::Buddy, "a", "b");
    declined.status = PairingStatus::Declined;
    let mut ended = proposed("p2", PairingKind::Mentor, "a", "d");
    ended.status = PairingStatus::Ended;
    let cohort = cohort_of(
        PairingKind::Mentor,
        entrants,
        &[declined, ended],
        &[("c".to_owned(), "a".to_owned())],
    );
    assert!(cohort.barred.contains(&("a".to_owned(), "b".to_owned())));
    assert!(cohort.barred.contains(&("a".to_owned(), "c".to_owned())));
    assert!(cohort.seekers[0].person.knows.contains("d"));
    let proposal = propose(&cohort, &Weights::default());
    assert_eq!(
        proposal.pairs[0].volunteer, "d",
        "the only mentor not ruled out"
    );
}

#[test]
fn an_applicant_answers_only_a_mentor_and_offers_nothing_yet() {
    let mut state = state_for("new", 0);
    state.applicant = true;
    let refused = respond(true, "")
        .apply(&mut state)
        .expect_err("a buddy pairing");
    assert_eq!(refused.code, "applicant");
    state.pairing = Some(Pairing {
        kind: PairingKind::Mentor,
        ..pairing()
    });
    respond(true, "")
        .apply(&mut state)
        .expect("a mentor pairing");
    let offer = BuddyChange::Join {
        form: MembershipForm {
            mentor_places: "1".into(),
            ..MembershipForm::default()
        },
    };
    assert_eq!(
        offer.apply(&mut state).expect_err("not yet").code,
        "applicant"
    );
    let times = BuddyChange::Join {
        form: MembershipForm {
            availability: vec![Availability::Weekends],
            ..MembershipForm::default()
        },
    };
    times.apply(&mut state).expect("saying when they are free");
}

#[test]
fn a_mentor_accepts_within_the_mentor_places_they_offered() {
    let mut state = state_for("old", 1);
    state.pairing = Some(Pairing {
        kind: PairingKind::Mentor,
        ..pairing()
    });
    let refused = respond(true, "").apply(&mut state).expect_err("full");
    assert_eq!(refused.code, "no_places_left");
    assert!(refused.message.contains("mentor as many applicants"));
    let form = MembershipForm {
        mentor_places: "6".into(),
        ..MembershipForm::default()
    };
    let problems = form.parse().expect_err("too many");
    assert_eq!(problems[0].field, MembershipField::MentorPlaces);
}

/// Households, some applicants, some asking for a buddy, offering buddy or mentor places,
/// with pairings of either kind between them.
fn small_entrants() -> impl Strategy<Value = (Vec<Entrant>, Vec<Pairing>)> {
    (
        proptest::collection::vec(
            (
                small_person("h"),
                any::<bool>(),
                any::<bool>(),
                0_u8..3,
                0_u8..3,
            ),
            0..8,
        ),
        proptest::collection::vec((0_usize..8, 0_usize..8, any::<bool>(), 0_usize..5), 0..4),
    )
        .prop_map(|(people, links)| {
            let entrants: Vec<Entrant> = people
                .into_iter()
                .enumerate()
                .map(
                    |(n, (mut person, applicant, wants_buddy, places, mentor_places))| {
                        person.id = format!("h{n}");
                        let membership = Membership {
                            wants_buddy,
                            places,
                            mentor_places,
                            availability: person.availability.clone(),
                            gender: person.gender,
                            ..Membership::default()
                        };
                        Entrant {
                            person,
                            membership: Some(membership),
                            applicant,
                        }
                    },
                )
                .collect();
            let pairings = links
                .into_iter()
                .enumerate()
                .map(|(n, (s, b, mentor, status))| Pairing {
                    id: format!("p{n}"),
                    kind: if mentor {
                        PairingKind::Mentor
                    } else {
                        PairingKind::Buddy
                    },
                    seeker: format!("h{s}"),
                    buddy: format!("h{b}"),
                    status: [
                        PairingStatus::Proposed,
                        PairingStatus::Active,
                        PairingStatus::Declined,
                        PairingStatus::Ended,
                        PairingStatus::Withdrawn,
                    ][status],
                    ..pairing()
                })
                .collect();
            (entrants, pairings)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The matcher's optimality holds for mentors too: the cohort built for applicants is
    /// matched as well as trying every pairing, only applicants wait for a mentor, only
    /// approved carers mentor, and no one is offered more places than they have left.
    #[test]
    fn mentors_are_matched_as_well_as_trying_every_pairing((entrants, pairings) in small_entrants()) {
        let weights = Weights::default();
        let cohort = cohort_of(PairingKind::Mentor, entrants.clone(), &pairings, &[]);
        let proposal = propose(&cohort, &weights);
        prop_assert_eq!(
            (proposal.pairs.len(), proposal.total_score()),
            best_by_trying_all(&cohort, &weights)
        );
        let applicant = |id: &str| entrants.iter().any(|e| e.person.id == id && e.applicant);
        for seeker in &cohort.seekers {
            prop_assert!(applicant(&seeker.person.id));
        }
        for volunteer in &cohort.volunteers {
            prop_assert!(!applicant(&volunteer.person.id));
            let offered = entrants
                .iter()
                .find(|e| e.person.id == volunteer.person.id)
                .and_then(|e| e.membership.as_ref())
                .map_or(0, |m| m.mentor_places);
            let held = pairings
                .iter()
                .filter(|p| p.kind == PairingKind::Mentor && p.buddy == volunteer.person.id)
                .filter(|p| matches!(p.status, PairingStatus::Proposed | PairingStatus::Active))
                .count();
            prop_assert_eq!(usize::from(volunteer.places), usize::from(offered) - held);
        }
        for pair in &proposal.pairs {
            let declined = pairings.iter().any(|p| {
                p.status == PairingStatus::Declined
                    && ((p.seeker == pair.seeker && p.buddy == pair.volunteer)
                        || (p.seeker == pair.volunteer && p.buddy == pair.seeker))
            });
            prop_assert!(!declined, "a declined pair is never suggested again");
        }
    }
}
