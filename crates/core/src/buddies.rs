//! Buddy matching: pairing carers who ask for a buddy with experienced carers who offer to be
//! one, for the whole cohort at once.
//!
//! Each possible pair gets a score from weights staff set (the same district, the same kind of
//! fostering, experience of the same children, a shared language, times both are free), with
//! the reasons behind it. Hard rules rule pairs out: nobody is paired within their own
//! household, with someone staff have barred, with someone they already know if they asked not
//! to be, or with someone of another gender if they asked for the same. The proposal then
//! gives as many people a buddy as the rules and buddies' capacities allow and, among those
//! ways, the one with the highest total score: an exact assignment ([`assignment`]), not
//! a greedy one, which the tests check against trying every possibility.

mod assignment;
mod cohort;
mod scheme;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::details::Experience;
use crate::household::CarerType;

pub use assignment::{FORBIDDEN, assign};
pub use cohort::{Entrant, cohort_of};
pub use scheme::*;

/// When someone can meet or talk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    WeekdayDaytimes,
    WeekdayEvenings,
    Weekends,
}

impl Availability {
    pub const ALL: [Self; 3] = [Self::WeekdayDaytimes, Self::WeekdayEvenings, Self::Weekends];

    pub const fn words(self) -> &'static str {
        match self {
            Self::WeekdayDaytimes => "weekday daytimes",
            Self::WeekdayEvenings => "weekday evenings",
            Self::Weekends => "weekends",
        }
    }
}

/// How someone describes themselves, for "same gender" preferences only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Woman,
    Man,
    OtherGender,
}

/// What matching knows about a carer (a household): the facts from My details and the
/// household's record, and what they said when they joined the scheme.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// The household's id: a pair is two households.
    pub id: String,
    /// The postcode district, such as "CW1".
    pub district: Option<String>,
    pub carer_type: Option<CarerType>,
    pub experience: BTreeSet<Experience>,
    /// Languages other than English, as typed (compared without regard to case).
    pub languages: BTreeSet<String>,
    pub availability: BTreeSet<Availability>,
    pub gender: Option<Gender>,
    /// Households they already know, by id.
    pub knows: BTreeSet<String>,
}

/// A carer asking for a buddy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seeker {
    pub person: Person,
    /// Only a buddy of the same gender.
    pub same_gender: bool,
    /// Not someone they already know.
    pub not_known: bool,
}

/// An experienced carer offering to be a buddy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Volunteer {
    pub person: Person,
    /// How many more people they can buddy now (their capacity less those they already do).
    pub places: u8,
}

/// Everyone to match at once, and the pairs staff have ruled out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cohort {
    pub seekers: Vec<Seeker>,
    pub volunteers: Vec<Volunteer>,
    /// (seeker household, volunteer household) pairs that must not be made.
    pub barred: BTreeSet<(String, String)>,
}

/// How much each thing in common counts: data staff can change, with these defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights {
    pub same_district: u16,
    /// The same area (the service's areas, by district; else the same postcode area, "CW").
    pub same_area: u16,
    pub same_carer_type: u16,
    /// For each kind of child both have cared for.
    pub shared_experience: u16,
    /// For each language both speak.
    pub shared_language: u16,
    /// For each time both are free.
    pub shared_availability: u16,
    /// The service's own areas: postcode district to area name ("CW1" is "Crewe").
    pub areas: BTreeMap<String, String>,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            same_district: 30,
            same_area: 15,
            same_carer_type: 25,
            shared_experience: 10,
            shared_language: 20,
            shared_availability: 5,
            areas: BTreeMap::new(),
        }
    }
}

/// Why a pair was suggested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The same district, or the same area: named as people know it.
    Near(String),
    SameCarerType(CarerType),
    Experience(Experience),
    Language(String),
    Availability(Availability),
}

impl Reason {
    /// "Both in Crewe", "both care for teenagers", "both speak Polish".
    pub fn words(&self) -> String {
        match self {
            Self::Near(place) => format!("Both in {place}"),
            Self::SameCarerType(kind) => format!("Both in {}", kind.label().to_lowercase()),
            Self::Experience(experience) => {
                format!("Both have cared for {}", experience.label().to_lowercase())
            }
            Self::Language(language) => format!("Both speak {language}"),
            Self::Availability(when) => format!("Both free on {}", when.words()),
        }
    }
}

/// A suggested pair, with its score and the reasons for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    pub seeker: String,
    pub volunteer: String,
    pub score: u32,
    pub reasons: Vec<Reason>,
}

/// What matching suggests: the pairs, and the seekers left without a buddy (no volunteer with
/// a place could be paired with them under the rules).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub pairs: Vec<Pair>,
    pub unmatched: Vec<String>,
}

impl Proposal {
    pub fn total_score(&self) -> u64 {
        self.pairs.iter().map(|p| u64::from(p.score)).sum()
    }
}

/// The postcode area of a district: its leading letters ("CW" of "CW1").
fn postcode_area(district: &str) -> &str {
    let end = district
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(district.len());
    &district[..end]
}

/// Whether the rules allow pairing `seeker` with `volunteer` at all.
pub fn allowed(cohort: &Cohort, seeker: &Seeker, volunteer: &Volunteer) -> bool {
    let barred = cohort
        .barred
        .contains(&(seeker.person.id.clone(), volunteer.person.id.clone()));
    !barred && allowed_unless_barred(seeker, volunteer)
}

/// The rules other than staff's barred pairs (which `scores` looks up once, by position).
fn allowed_unless_barred(seeker: &Seeker, volunteer: &Volunteer) -> bool {
    let (s, v) = (&seeker.person, &volunteer.person);
    s.id != v.id
        && !(seeker.not_known && (s.knows.contains(&v.id) || v.knows.contains(&s.id)))
        && !(seeker.same_gender && (s.gender.is_none() || s.gender != v.gender))
}

/// Gives each distinct word a number, so comparing two people compares numbers.
#[derive(Default)]
struct Words(BTreeMap<String, u32>);

impl Words {
    fn number(&mut self, word: String) -> u32 {
        let next = u32::try_from(self.0.len()).unwrap_or(u32::MAX);
        *self.0.entry(word).or_insert(next)
    }
}

/// A person's facts in the form pairs are compared in: numbers and bit sets, worked out once
/// per person rather than once per pair.
struct Features {
    /// The district (upper case), and its number.
    district: Option<(String, u32)>,
    /// The service's name for the district's area ("Crewe"), if it has one.
    service_area: Option<String>,
    /// The area as people know it ("Crewe", or "the CW postcode area"), and its number.
    area: Option<(String, u32)>,
    carer_type: Option<CarerType>,
    experience: u8,
    availability: u8,
    /// Each language as typed (trimmed), and the number of its lower-case form.
    languages: Vec<(String, u32)>,
}

fn bits<T: PartialEq + Copy>(all: &[T], chosen: impl Iterator<Item = T>) -> u8 {
    chosen
        .filter_map(|item| all.iter().position(|a| *a == item))
        .fold(0, |set, n| set | (1 << n))
}

fn features(weights: &Weights, person: &Person, words: &mut Words) -> Features {
    let district = person
        .district
        .as_ref()
        .map(|d| d.trim().to_uppercase())
        .filter(|d| !d.is_empty());
    let service_area = district
        .as_ref()
        .and_then(|d| weights.areas.get(d))
        .cloned();
    let area = service_area.clone().or_else(|| {
        district
            .as_deref()
            .map(postcode_area)
            .filter(|a| !a.is_empty())
            .map(|a| format!("the {a} postcode area"))
    });
    Features {
        service_area,
        district: district.map(|d| {
            let n = words.number(format!("district:{d}"));
            (d, n)
        }),
        area: area.map(|a| {
            let n = words.number(format!("area:{a}"));
            (a, n)
        }),
        carer_type: person.carer_type,
        experience: bits(&Experience::ALL, person.experience.iter().copied()),
        availability: bits(&Availability::ALL, person.availability.iter().copied()),
        languages: person
            .languages
            .iter()
            .map(|l| {
                let typed = l.trim().to_owned();
                let n = words.number(format!("language:{}", typed.to_lowercase()));
                (typed, n)
            })
            .collect(),
    }
}

/// Compares two people, telling `note` the points of each thing in common and, when asked
/// for, the reason (made only then, so scoring every pair makes no text).
fn compare(
    weights: &Weights,
    a: &Features,
    b: &Features,
    note: &mut impl FnMut(u16, &dyn Fn() -> Reason),
) {
    if let (Some((district, x)), Some((_, y))) = (&a.district, &b.district)
        && x == y
    {
        note(weights.same_district, &|| {
            Reason::Near(a.service_area.clone().unwrap_or_else(|| district.clone()))
        });
    } else if let (Some((area, x)), Some((_, y))) = (&a.area, &b.area)
        && x == y
    {
        note(weights.same_area, &|| Reason::Near(area.clone()));
    }
    if let (Some(kind), Some(other)) = (a.carer_type, b.carer_type)
        && kind == other
    {
        note(weights.same_carer_type, &|| Reason::SameCarerType(kind));
    }
    let shared = a.experience & b.experience;
    for (n, experience) in Experience::ALL.into_iter().enumerate() {
        if shared & (1 << n) != 0 {
            note(weights.shared_experience, &|| {
                Reason::Experience(experience)
            });
        }
    }
    for (language, x) in &a.languages {
        if b.languages.iter().any(|(_, y)| x == y) {
            note(weights.shared_language, &|| {
                Reason::Language(language.clone())
            });
        }
    }
    let shared = a.availability & b.availability;
    for (n, when) in Availability::ALL.into_iter().enumerate() {
        if shared & (1 << n) != 0 {
            note(weights.shared_availability, &|| Reason::Availability(when));
        }
    }
}

/// What two people have in common, with its score.
pub fn score(weights: &Weights, seeker: &Person, volunteer: &Person) -> (u32, Vec<Reason>) {
    let mut words = Words::default();
    let a = features(weights, seeker, &mut words);
    let b = features(weights, volunteer, &mut words);
    let mut total = 0;
    let mut reasons = Vec::new();
    compare(weights, &a, &b, &mut |points, reason| {
        if points > 0 {
            total += u32::from(points);
            reasons.push(reason());
        }
    });
    (total, reasons)
}

/// Every allowed pair's score, by seeker then volunteer (`None` where the rules forbid it).
fn scores(cohort: &Cohort, weights: &Weights) -> Vec<Vec<Option<u32>>> {
    let position = |ids: Vec<&String>| -> BTreeMap<String, usize> {
        ids.into_iter().cloned().zip(0..).collect()
    };
    let seekers = position(cohort.seekers.iter().map(|s| &s.person.id).collect());
    let volunteers_at = position(cohort.volunteers.iter().map(|v| &v.person.id).collect());
    let barred: BTreeSet<(usize, usize)> = cohort
        .barred
        .iter()
        .filter_map(|(s, v)| Some((*seekers.get(s)?, *volunteers_at.get(v)?)))
        .collect();
    let mut words = Words::default();
    let volunteers: Vec<Features> = cohort
        .volunteers
        .iter()
        .map(|v| features(weights, &v.person, &mut words))
        .collect();
    cohort
        .seekers
        .iter()
        .enumerate()
        .map(|(s, seeker)| {
            let mine = features(weights, &seeker.person, &mut words);
            cohort
                .volunteers
                .iter()
                .zip(&volunteers)
                .enumerate()
                .map(|(v, (volunteer, theirs))| {
                    let ok = !barred.contains(&(s, v)) && allowed_unless_barred(seeker, volunteer);
                    ok.then(|| {
                        let mut total = 0;
                        compare(weights, &mine, theirs, &mut |points, _| {
                            total += u32::from(points);
                        });
                        total
                    })
                })
                .collect()
        })
        .collect()
}

fn proposal_of(cohort: &Cohort, weights: &Weights, chosen: &[Option<usize>]) -> Proposal {
    let mut proposal = Proposal::default();
    for (seeker, choice) in cohort.seekers.iter().zip(chosen) {
        match choice {
            Some(v) => {
                let volunteer = &cohort.volunteers[*v];
                let (score, reasons) = score(weights, &seeker.person, &volunteer.person);
                proposal.pairs.push(Pair {
                    seeker: seeker.person.id.clone(),
                    volunteer: volunteer.person.id.clone(),
                    score,
                    reasons,
                });
            }
            None => proposal.unmatched.push(seeker.person.id.clone()),
        }
    }
    proposal
}

/// The best proposal for the whole cohort: as many seekers as possible given a buddy, never
/// more than a volunteer's places, and of those ways the highest total score.
pub fn propose(cohort: &Cohort, weights: &Weights) -> Proposal {
    let scores = scores(cohort, weights);
    // One column per volunteer's place, then one "nobody" column per seeker.
    let places: Vec<usize> = cohort
        .volunteers
        .iter()
        .enumerate()
        .flat_map(|(v, volunteer)| std::iter::repeat_n(v, usize::from(volunteer.places)))
        .collect();
    let rows = cohort.seekers.len();
    let best = scores
        .iter()
        .flatten()
        .flatten()
        .max()
        .copied()
        .unwrap_or(0);
    // Each pair made is worth more than any difference in scores, so giving one more person a
    // buddy always wins over a better score for the others.
    let per_pair = i64::from(best) * i64::try_from(rows).unwrap_or(i64::MAX / 4) + 1;
    let columns = assign(rows, places.len() + rows, |row, column| {
        match places.get(column) {
            Some(&v) => scores[row][v].map_or(FORBIDDEN, |s| -(per_pair + i64::from(s))),
            None => 0,
        }
    });
    let chosen: Vec<Option<usize>> = columns
        .into_iter()
        .map(|column| places.get(column).copied())
        .collect();
    proposal_of(cohort, weights, &chosen)
}

/// For each seeker in turn, up to `most` buddies the rules allow, best score first (the same
/// score in the cohort's order): the choices staff have when they override the matcher.
/// Places are not counted here; sending the chosen pairs checks them.
pub fn candidates(cohort: &Cohort, weights: &Weights, most: usize) -> Vec<Vec<Pair>> {
    scores(cohort, weights)
        .into_iter()
        .zip(&cohort.seekers)
        .map(|(row, seeker)| {
            let mut allowed: Vec<(u32, usize)> = row
                .into_iter()
                .enumerate()
                .filter(|(v, _)| cohort.volunteers[*v].places > 0)
                .filter_map(|(v, score)| Some((score?, v)))
                .collect();
            allowed.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            allowed
                .into_iter()
                .take(most)
                .map(|(_, v)| {
                    let volunteer = &cohort.volunteers[v];
                    let (score, reasons) = score(weights, &seeker.person, &volunteer.person);
                    Pair {
                        seeker: seeker.person.id.clone(),
                        volunteer: volunteer.person.id.clone(),
                        score,
                        reasons,
                    }
                })
                .collect()
        })
        .collect()
}

/// What a person pairing from the best-looking pair down would do: for comparison only.
pub fn greedy(cohort: &Cohort, weights: &Weights) -> Proposal {
    let scores = scores(cohort, weights);
    let mut candidates: Vec<(u32, usize, usize)> = Vec::new();
    for (s, row) in scores.iter().enumerate() {
        for (v, score) in row.iter().enumerate() {
            if let Some(score) = score {
                candidates.push((*score, s, v));
            }
        }
    }
    candidates.sort_unstable_by(|a, b| b.cmp(a));
    let mut left: Vec<u8> = cohort.volunteers.iter().map(|v| v.places).collect();
    let mut chosen = vec![None; cohort.seekers.len()];
    for (_, s, v) in candidates {
        if chosen[s].is_none() && left[v] > 0 {
            left[v] -= 1;
            chosen[s] = Some(v);
        }
    }
    proposal_of(cohort, weights, &chosen)
}

#[cfg(test)]
mod tests;
