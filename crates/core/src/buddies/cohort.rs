//! Who the matcher considers now, in the buddy scheme or for mentors, from every household
//! that could take part and the pairings already made.
//!
//! A buddy is for an approved carer who asked for one; a mentor is for every applicant being
//! assessed, without asking, because the plans want each prospective carer paired with an
//! experienced one. Each scheme counts its own places, so a carer who buddies two carers
//! still has the mentor places they offered. A pair that declined, in either scheme, or that
//! staff barred is never suggested again; households that were paired before know each other.

use std::collections::{BTreeMap, BTreeSet};

use super::{Cohort, Membership, Pairing, PairingKind, PairingStatus, Person, Seeker, Volunteer};

/// A household the matcher may consider.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entrant {
    /// What is known of the household from My details and its record; when it is available
    /// and its gender come from its membership.
    pub person: Person,
    /// Its part in the scheme, if it has joined.
    pub membership: Option<Membership>,
    /// Whether it is an applicant being assessed, not yet an approved carer.
    pub applicant: bool,
}

/// The cohort for the scheme of `kind`: those waiting for a buddy (or, for mentors, every
/// applicant) with no pairing of that kind suggested or active, and those with places of that
/// kind not already held or suggested.
pub fn cohort_of(
    kind: PairingKind,
    entrants: Vec<Entrant>,
    pairings: &[Pairing],
    barred: &[(String, String)],
) -> Cohort {
    let mut ruled_out = BTreeSet::new();
    let mut knows: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut taken: BTreeMap<&str, usize> = BTreeMap::new();
    let mut paired: BTreeSet<&str> = BTreeSet::new();
    let both_ways = |a: &str, b: &str| [(a.to_owned(), b.to_owned()), (b.to_owned(), a.to_owned())];
    for (a, b) in barred {
        ruled_out.extend(both_ways(a, b));
    }
    for p in pairings {
        match p.status {
            PairingStatus::Proposed | PairingStatus::Active if p.kind == kind => {
                *taken.entry(p.buddy.as_str()).or_default() += 1;
                paired.insert(p.seeker.as_str());
            }
            PairingStatus::Declined => ruled_out.extend(both_ways(&p.seeker, &p.buddy)),
            PairingStatus::Ended => {
                knows.entry(&p.seeker).or_default().insert(p.buddy.clone());
                knows.entry(&p.buddy).or_default().insert(p.seeker.clone());
            }
            PairingStatus::Proposed | PairingStatus::Active | PairingStatus::Withdrawn => {}
        }
    }
    let mut cohort = Cohort {
        barred: ruled_out,
        ..Cohort::default()
    };
    for Entrant {
        mut person,
        membership,
        applicant,
    } in entrants
    {
        let membership = membership.unwrap_or_default();
        person.availability.clone_from(&membership.availability);
        person.gender = membership.gender;
        if let Some(known) = knows.get(person.id.as_str()) {
            person.knows.extend(known.iter().cloned());
        }
        let waiting = match kind {
            PairingKind::Buddy => !applicant && membership.wants_buddy,
            PairingKind::Mentor => applicant,
        };
        if waiting && !paired.contains(person.id.as_str()) {
            cohort.seekers.push(Seeker {
                person: person.clone(),
                same_gender: membership.same_gender,
                not_known: membership.not_known,
            });
        }
        let left = usize::from(membership.places_for(kind))
            .saturating_sub(taken.get(person.id.as_str()).copied().unwrap_or(0));
        if !applicant && left > 0 {
            cohort.volunteers.push(Volunteer {
                person,
                places: u8::try_from(left).unwrap_or(0),
            });
        }
    }
    cohort
}
