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
