//! A made-up cohort for buddy matching, shaped like a county's: 40 postcode districts in 8
//! areas, most households mainstream carers, a few speaking another language, volunteers with
//! one to three places. A fixed-seed generator makes every run the same cohort, so the native
//! and browser figures in `cargo xtask bench` time the same work.

use std::collections::BTreeSet;

use portal_core::buddies::{
    Availability, Cohort, Gender, Person, Proposal, Seeker, Volunteer, Weights, greedy, propose,
};
use portal_core::details::Experience;
use portal_core::household::CarerType;

/// A small linear congruential generator: the same cohort every run, with no dependency.
struct Numbers(u64);

impl Numbers {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from((self.0 >> 33) % u64::try_from(below).unwrap_or(1)).unwrap_or(0)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.next(100) < percent
    }
}

const LANGUAGES: [&str; 5] = ["Polish", "Urdu", "Welsh", "Romanian", "Arabic"];

fn person(numbers: &mut Numbers, id: String) -> Person {
    let district = numbers.next(40);
    let kind = match numbers.next(100) {
        0..=69 => CarerType::Mainstream,
        70..=84 => CarerType::FamilyAndFriends,
        85..=92 => CarerType::ShortBreaks,
        93..=96 => CarerType::ParentAndChild,
        _ => CarerType::SupportedLodgings,
    };
    let experience = Experience::ALL
        .into_iter()
        .filter(|_| numbers.chance(25))
        .collect();
    let languages = if numbers.chance(12) {
        [LANGUAGES[numbers.next(LANGUAGES.len())].to_owned()].into()
    } else {
        BTreeSet::default()
    };
    let availability = Availability::ALL
        .into_iter()
        .filter(|_| numbers.chance(50))
        .collect();
    Person {
        id,
        district: Some(format!(
            "{}{}",
            ["CW", "ST", "CH", "SK", "WA", "M", "L", "PR"][district / 5],
            district % 5 + 1
        )),
        carer_type: Some(kind),
        experience,
        languages,
        availability,
        gender: Some(if numbers.chance(70) {
            Gender::Woman
        } else {
            Gender::Man
        }),
        knows: BTreeSet::default(),
    }
}

/// The same made-up cohort every time: `seekers` asking for a buddy, `volunteers` offering.
pub fn cohort(seekers: usize, volunteers: usize) -> Cohort {
    let mut numbers = Numbers(20_261_122);
    Cohort {
        seekers: (0..seekers)
            .map(|n| Seeker {
                person: person(&mut numbers, format!("seeker-{n}")),
                same_gender: numbers.chance(10),
                not_known: numbers.chance(20),
            })
            .collect(),
        volunteers: (0..volunteers)
            .map(|n| Volunteer {
                person: person(&mut numbers, format!("volunteer-{n}")),
                places: u8::try_from(1 + numbers.next(3)).unwrap_or(1),
            })
            .collect(),
        barred: BTreeSet::default(),
    }
}

/// The cohorts timed: the (1,000 seekers, 2,000 volunteers), then one where places
/// are scarce.
pub const COHORTS: [(usize, usize); 2] = [(1000, 2000), (1000, 500)];

/// Matches a cohort both ways, timing each with `clock` (milliseconds), and says what happened.
pub fn run(seekers: usize, volunteers: usize, clock: impl Fn() -> f64) -> String {
    let weights = Weights::default();
    let cohort = cohort(seekers, volunteers);
    let places: usize = cohort
        .volunteers
        .iter()
        .map(|v| usize::from(v.places))
        .sum();
    let timed = |how: fn(&Cohort, &Weights) -> Proposal| {
        let started = clock();
        let made = how(&cohort, &weights);
        (made, clock() - started)
    };
    let (best, exact) = timed(propose);
    let (quick, fast) = timed(greedy);
    #[allow(clippy::cast_precision_loss)]
    let better = best.total_score() as f64 / quick.total_score().max(1) as f64;
    format!(
        "{seekers} seekers, {volunteers} volunteers ({places} places): exact {exact:.0} ms, greedy {fast:.0} ms\n  exact: {} paired, total score {}; greedy: {} paired, total score {} (exact is {:.1}% better)",
        best.pairs.len(),
        best.total_score(),
        quick.pairs.len(),
        quick.total_score(),
        (better - 1.0) * 100.0
    )
}
