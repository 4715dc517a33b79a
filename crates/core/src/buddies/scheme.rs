//! The buddy scheme as carers take part in it: joining (asking for a buddy, offering to be one,
//! or both), answering a suggested pairing, and ending one. Every change is a mutation the
//! server applies once, in order, inside the push's transaction, so a buddy who accepts two
//! suggestions from two devices while offline is never given more carers than they offered.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{Availability, Gender, Reason};
use crate::date::CalendarDate;
use crate::sync::{Mutator, Rejection};

/// The most carers one buddy can offer to support at once (and the most applicants one mentor
/// can).
pub const MOST_PLACES: u8 = 5;

/// Which scheme a pairing belongs to: a buddy for a carer, or a mentor for an applicant going
/// through assessment. Both share the matcher, the answers and the contact log; a mentor's
/// places are offered separately, because supporting an applicant is a different promise.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PairingKind {
    #[default]
    Buddy,
    Mentor,
}

impl PairingKind {
    pub const ALL: [Self; 2] = [Self::Buddy, Self::Mentor];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Buddy => "buddy",
            Self::Mentor => "mentor",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// What the experienced side is called: "buddy" or "mentor".
    pub const fn helper(self) -> &'static str {
        match self {
            Self::Buddy => "buddy",
            Self::Mentor => "mentor",
        }
    }

    /// More than one of the experienced side: "buddies" or "mentors".
    pub const fn helpers(self) -> &'static str {
        match self {
            Self::Buddy => "buddies",
            Self::Mentor => "mentors",
        }
    }

    /// Who the experienced side supports: "carer" or "applicant".
    pub const fn supported(self) -> &'static str {
        match self {
            Self::Buddy => "carer",
            Self::Mentor => "applicant",
        }
    }
}

/// A household's part in the scheme.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub wants_buddy: bool,
    /// How many carers they offer to buddy at once; 0 when not offering.
    pub places: u8,
    /// How many applicants they offer to mentor at once; 0 when not offering.
    #[serde(default)]
    pub mentor_places: u8,
    /// What they can offer, in their words.
    pub offer: String,
    pub availability: BTreeSet<Availability>,
    pub gender: Option<Gender>,
    pub same_gender: bool,
    pub not_known: bool,
}

impl Membership {
    /// The places offered in the scheme of `kind`.
    pub const fn places_for(&self, kind: PairingKind) -> u8 {
        match kind {
            PairingKind::Buddy => self.places,
            PairingKind::Mentor => self.mentor_places,
        }
    }
}

/// Joining the scheme as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipForm {
    pub wants_buddy: bool,
    /// How many carers they offer to buddy at once; empty when not offering.
    pub places: String,
    /// How many applicants they offer to mentor at once; empty when not offering.
    #[serde(default)]
    pub mentor_places: String,
    pub offer: String,
    pub availability: Vec<Availability>,
    /// `woman`, `man`, `other_gender`, or empty for "prefer not to say".
    pub gender: String,
    pub same_gender: bool,
    pub not_known: bool,
}

/// The membership form's fields, for saying which one a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MembershipField {
    Places,
    MentorPlaces,
    Offer,
    Gender,
}

impl MembershipField {
    pub const fn input_id(self) -> &'static str {
        match self {
            Self::Places => "buddy-places",
            Self::MentorPlaces => "buddy-mentor-places",
            Self::Offer => "buddy-offer",
            Self::Gender => "buddy-gender",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipProblem {
    pub field: MembershipField,
    pub message: String,
}

/// A number of places as the form shows it: empty for none.
fn places_text(places: u8) -> String {
    if places > 0 {
        places.to_string()
    } else {
        String::new()
    }
}

/// A number of places as typed: empty for none, else 1 to [`MOST_PLACES`].
fn places_of(raw: &str) -> Result<u8, ()> {
    match raw.trim() {
        "" => Ok(0),
        raw => match raw.parse::<u8>() {
            Ok(n) if (1..=MOST_PLACES).contains(&n) => Ok(n),
            _ => Err(()),
        },
    }
}

impl MembershipForm {
    pub fn of(membership: &Membership) -> Self {
        Self {
            wants_buddy: membership.wants_buddy,
            places: places_text(membership.places),
            mentor_places: places_text(membership.mentor_places),
            offer: membership.offer.clone(),
            availability: membership.availability.iter().copied().collect(),
            gender: match membership.gender {
                Some(Gender::Woman) => "woman",
                Some(Gender::Man) => "man",
                Some(Gender::OtherGender) => "other_gender",
                None => "",
            }
            .to_owned(),
            same_gender: membership.same_gender,
            not_known: membership.not_known,
        }
    }

    /// Checks the form; every problem at once.
    pub fn parse(&self) -> Result<Membership, Vec<MembershipProblem>> {
        let mut problems = Vec::new();
        let mut note = |field, message: &str| {
            problems.push(MembershipProblem {
                field,
                message: message.to_owned(),
            });
        };
        let places = places_of(&self.places).unwrap_or_else(|()| {
            note(
                MembershipField::Places,
                "Enter how many carers you could buddy at once, from 1 to 5.",
            );
            0
        });
        let mentor_places = places_of(&self.mentor_places).unwrap_or_else(|()| {
            note(
                MembershipField::MentorPlaces,
                "Enter how many applicants you could mentor at once, from 1 to 5.",
            );
            0
        });
        let offer = self.offer.trim();
        if offer.chars().count() > 500 {
            note(
                MembershipField::Offer,
                "What you can offer must be 500 characters or fewer.",
            );
        }
        let gender = match self.gender.as_str() {
            "woman" => Some(Gender::Woman),
            "man" => Some(Gender::Man),
            "other_gender" => Some(Gender::OtherGender),
            _ => None,
        };
        if self.same_gender && self.wants_buddy && gender.is_none() {
            note(
                MembershipField::Gender,
                "To ask for a buddy of the same gender, say which gender you are.",
            );
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Membership {
            wants_buddy: self.wants_buddy,
            places,
            mentor_places,
            offer: if places > 0 || mentor_places > 0 {
                offer.to_owned()
            } else {
                String::new()
            },
            availability: self.availability.iter().copied().collect(),
            gender,
            same_gender: self.same_gender && self.wants_buddy,
            not_known: self.not_known && self.wants_buddy,
        })
    }
}

/// Which side of a pairing a household is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Seeker,
    Buddy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PairingStatus {
    /// Suggested by the service; waiting for both to accept.
    Proposed,
    /// Both accepted.
    Active,
    /// One side said no.
    Declined,
    /// One side (or staff) ended it.
    Ended,
    /// Staff took the suggestion back before both had answered.
    Withdrawn,
}

impl PairingStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::Active => "active",
            Self::Declined => "declined",
            Self::Ended => "ended",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [
            Self::Proposed,
            Self::Active,
            Self::Declined,
            Self::Ended,
            Self::Withdrawn,
        ]
        .into_iter()
        .find(|s| s.as_str() == raw)
    }
}

/// A pairing of a seeker with a buddy, as the server keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pairing {
    pub id: String,
    #[serde(default)]
    pub kind: PairingKind,
    pub seeker: String,
    pub buddy: String,
    pub score: u32,
    pub reasons: Vec<Reason>,
    pub status: PairingStatus,
    pub seeker_accepted: bool,
    pub buddy_accepted: bool,
}

impl Pairing {
    pub fn side_of(&self, household_id: &str) -> Option<Side> {
        if self.seeker == household_id {
            Some(Side::Seeker)
        } else if self.buddy == household_id {
            Some(Side::Buddy)
        } else {
            None
        }
    }

    /// Whether it holds one of the buddy's places: active, or accepted by the buddy.
    pub fn holds_place(&self) -> bool {
        self.status == PairingStatus::Active
            || (self.status == PairingStatus::Proposed && self.buddy_accepted)
    }

    /// Staff withdraw a suggestion not yet accepted by both, or end an active pairing, saying
    /// why for the record; the seeker then waits for a buddy again.
    ///
    /// # Errors
    /// Plain words when the pairing is already over or the reason is missing or too long.
    pub fn close_by_staff(&mut self, reason: &str) -> Result<String, String> {
        let reason = CloseForm {
            reason: reason.to_owned(),
        }
        .reason()?;
        self.status = match self.status {
            PairingStatus::Proposed => PairingStatus::Withdrawn,
            PairingStatus::Active => PairingStatus::Ended,
            PairingStatus::Declined | PairingStatus::Ended | PairingStatus::Withdrawn => {
                return Err("That pairing is already over.".to_owned());
            }
        };
        Ok(reason)
    }
}

/// How to reach the other side of an active pairing: shown only once both have accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuddyContact {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// A pairing as one of its households sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairingView {
    pub id: String,
    #[serde(default)]
    pub kind: PairingKind,
    pub side: Side,
    pub status: PairingStatus,
    pub reasons: Vec<Reason>,
    pub you_accepted: bool,
    pub they_accepted: bool,
    /// The other household's contact details, once both have accepted; never before.
    pub other: Option<BuddyContact>,
}

impl Pairing {
    /// The pairing as the household on `side` sees it, with the other side's `contact`
    /// details kept back until the pairing is active.
    pub fn view(&self, side: Side, contact: Option<BuddyContact>) -> PairingView {
        let (you, they) = match side {
            Side::Seeker => (self.seeker_accepted, self.buddy_accepted),
            Side::Buddy => (self.buddy_accepted, self.seeker_accepted),
        };
        PairingView {
            id: self.id.clone(),
            kind: self.kind,
            side,
            status: self.status,
            reasons: self.reasons.clone(),
            you_accepted: you,
            they_accepted: they,
            other: contact.filter(|_| self.status == PairingStatus::Active),
        }
    }
}

/// How buddies were in touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactHow {
    Phone,
    Video,
    InPerson,
    Message,
}

impl ContactHow {
    pub const ALL: [Self; 4] = [Self::Phone, Self::Video, Self::InPerson, Self::Message];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Phone => "phone",
            Self::Video => "video",
            Self::InPerson => "in_person",
            Self::Message => "message",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.as_str() == raw)
    }

    pub const fn words(self) -> &'static str {
        match self {
            Self::Phone => "Phone call",
            Self::Video => "Video call",
            Self::InPerson => "Met in person",
            Self::Message => "Messages",
        }
    }
}

/// A contact between buddies as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactForm {
    pub date: String,
    /// A [`ContactHow`] name.
    pub how: String,
    /// How long, in minutes; may be empty for messages.
    pub minutes: String,
}

/// One contact in a pairing's shared log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub id: String,
    pub pairing: String,
    pub date: CalendarDate,
    pub how: ContactHow,
    pub minutes: u16,
    /// Who logged it.
    pub by: Side,
}

/// The longest contact one entry records: a long afternoon together.
const LONGEST_CONTACT: u16 = 600;

impl ContactForm {
    /// Checks a contact on `today` (the UK date): a real date, not in the future, a way of
    /// being in touch, and how long (not needed for messages).
    pub fn parse(&self, today: CalendarDate) -> Result<(CalendarDate, ContactHow, u16), String> {
        let date = CalendarDate::parse(&self.date).map_err(|e| e.to_string())?;
        if date > today {
            return Err("The date of a contact cannot be in the future.".to_owned());
        }
        let how = ContactHow::parse(&self.how)
            .ok_or_else(|| "Choose how you were in touch.".to_owned())?;
        let minutes = match (self.minutes.trim(), how) {
            ("", ContactHow::Message) => 0,
            (raw, _) => match raw.parse::<u16>() {
                Ok(n) if (1..=LONGEST_CONTACT).contains(&n) => n,
                _ => {
                    return Err(
                        "Enter how long it was in minutes, as a whole number from 1 to 600."
                            .to_owned(),
                    );
                }
            },
        };
        Ok((date, how, minutes))
    }
}

/// The contact log as a spreadsheet, for buddies paid for their time.
pub fn contact_log_csv(contacts: &[Contact]) -> String {
    crate::text::csv_table(
        &["Date", "How", "Minutes"],
        contacts.iter().map(|contact| {
            [
                contact.date.to_string(),
                contact.how.words().to_owned(),
                contact.minutes.to_string(),
            ]
        }),
    )
}

/// A change a household makes to its part in the scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BuddyChange {
    /// Joins, changes how, or leaves (nothing asked or offered).
    Join { form: MembershipForm },
    /// Accepts or declines a suggested pairing; a decline says why (only staff see it).
    Respond {
        pairing: String,
        accept: bool,
        reason: String,
    },
    /// Ends a pairing.
    End { pairing: String, reason: String },
    /// Adds a contact to an active pairing's shared log; `id` names it, so a replay is one.
    LogContact {
        id: String,
        pairing: String,
        form: ContactForm,
    },
}

/// What a buddy change applies to on the server.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuddyState {
    pub household_id: String,
    /// Whether the household is an applicant, not yet approved: they may say when they are
    /// free and answer a mentor, but not ask for a buddy or offer to be one.
    pub applicant: bool,
    pub membership: Option<Membership>,
    /// The pairing the change is about, if it names one that exists.
    pub pairing: Option<Pairing>,
    /// The places the pairing's buddy offers in its scheme, and how many of them other
    /// pairings of that scheme hold.
    pub buddy_places: u8,
    pub buddy_places_held: usize,
    /// Why the household declined or ended, kept for staff only.
    pub reason: Option<String>,
    /// The UK date on the server, for contacts.
    pub today: Option<CalendarDate>,
    /// Whether a contact with the change's id is already logged (a replay).
    pub contact_logged: bool,
    /// A contact the change logs, to write.
    pub contact: Option<Contact>,
}

fn reason_of(reason: &str, needed: bool) -> Result<Option<String>, Rejection> {
    let reason = reason.trim();
    if needed && reason.is_empty() {
        return Err(Rejection::new(
            "invalid",
            "Say why, so the fostering service can suggest someone better. Only staff see it.",
        ));
    }
    if reason.chars().count() > 500 {
        return Err(Rejection::new(
            "invalid",
            "The reason must be 500 characters or fewer.",
        ));
    }
    Ok(Some(reason.to_owned()).filter(|r| !r.is_empty()))
}

impl Mutator<BuddyState> for BuddyChange {
    fn apply(&self, state: &mut BuddyState) -> Result<(), Rejection> {
        if state.applicant
            && state
                .pairing
                .as_ref()
                .is_some_and(|p| p.kind != PairingKind::Mentor)
        {
            return Err(Rejection::new(
                "applicant",
                "The buddy scheme is for approved foster carers. It opens to you when your application is approved.",
            ));
        }
        match self {
            Self::Join { form } => {
                let membership = form.parse().map_err(|problems| {
                    Rejection::new(
                        "invalid",
                        problems
                            .iter()
                            .map(|p| p.message.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    )
                })?;
                if state.applicant
                    && (membership.wants_buddy
                        || membership.places > 0
                        || membership.mentor_places > 0)
                {
                    return Err(Rejection::new(
                        "applicant",
                        "Asking for a buddy, or offering to be a buddy or mentor, opens to you when your application is approved.",
                    ));
                }
                state.membership = Some(membership);
                Ok(())
            }
            Self::Respond { accept, reason, .. } => respond(state, *accept, reason),
            Self::End { reason, .. } => {
                let reason = reason_of(reason, false)?;
                let Some(pairing) = &mut state.pairing else {
                    return Err(Rejection::new(
                        "no_such_pairing",
                        "That pairing no longer exists.",
                    ));
                };
                if pairing.side_of(&state.household_id).is_none() {
                    return Err(Rejection::new(
                        "not_yours",
                        "That pairing is for someone else.",
                    ));
                }
                if pairing.status == PairingStatus::Active {
                    pairing.status = PairingStatus::Ended;
                    state.reason = reason;
                }
                Ok(())
            }
            Self::LogContact { id, pairing, form } => log_contact(state, id, pairing, form),
        }
    }
}

/// Accepts or declines a suggested pairing, within the places the buddy or mentor offered.
fn respond(state: &mut BuddyState, accept: bool, reason: &str) -> Result<(), Rejection> {
    let Some(pairing) = &mut state.pairing else {
        return Err(Rejection::new(
            "no_such_pairing",
            "That suggestion has been withdrawn.",
        ));
    };
    let Some(side) = pairing.side_of(&state.household_id) else {
        return Err(Rejection::new(
            "not_yours",
            "That suggestion is for someone else.",
        ));
    };
    let kind = pairing.kind;
    match (pairing.status, accept) {
        (PairingStatus::Proposed, _) => {}
        // The same answer again (another device, or a replay) changes nothing.
        (PairingStatus::Active, true) | (PairingStatus::Declined, false) => {
            return Ok(());
        }
        _ => {
            return Err(Rejection::new(
                "pairing_closed",
                "That suggestion has already been declined, withdrawn or ended, so it can no longer be answered.",
            ));
        }
    }
    if !accept {
        state.reason = reason_of(reason, true)?;
        pairing.status = PairingStatus::Declined;
        return Ok(());
    }
    if side == Side::Buddy
        && !pairing.buddy_accepted
        && state.buddy_places_held >= usize::from(state.buddy_places)
    {
        return Err(Rejection::new(
            "no_places_left",
            match kind {
                PairingKind::Buddy => {
                    "You already buddy as many carers as you offered to. End a pairing, or offer more places, before accepting another."
                }
                PairingKind::Mentor => {
                    "You already mentor as many applicants as you offered to. End a pairing, or offer more places, before accepting another."
                }
            },
        ));
    }
    match side {
        Side::Seeker => pairing.seeker_accepted = true,
        Side::Buddy => pairing.buddy_accepted = true,
    }
    if pairing.seeker_accepted && pairing.buddy_accepted {
        pairing.status = PairingStatus::Active;
    }
    Ok(())
}

/// Adds a contact to an active pairing's log, once.
fn log_contact(
    state: &mut BuddyState,
    id: &str,
    pairing: &str,
    form: &ContactForm,
) -> Result<(), Rejection> {
    if state.contact_logged {
        return Ok(());
    }
    let Some(found) = &state.pairing else {
        return Err(Rejection::new(
            "no_such_pairing",
            "That pairing no longer exists.",
        ));
    };
    let Some(by) = found.side_of(&state.household_id) else {
        return Err(Rejection::new(
            "not_yours",
            "That pairing is for someone else.",
        ));
    };
    if found.status != PairingStatus::Active {
        return Err(Rejection::new(
            "pairing_closed",
            "Contacts can be logged only while you are paired.",
        ));
    }
    let today = state.today.ok_or_else(|| {
        Rejection::new(
            "invalid",
            "The date could not be checked. Please try again.",
        )
    })?;
    let (date, how, minutes) = form
        .parse(today)
        .map_err(|message| Rejection::new("invalid", message))?;
    state.contact = Some(Contact {
        id: id.to_owned(),
        pairing: pairing.to_owned(),
        date,
        how,
        minutes,
        by,
    });
    Ok(())
}

impl BuddyChange {
    /// The pairing the change is about, if any.
    pub fn pairing(&self) -> Option<&str> {
        match self {
            Self::Join { .. } => None,
            Self::Respond { pairing, .. }
            | Self::End { pairing, .. }
            | Self::LogContact { pairing, .. } => Some(pairing),
        }
    }
}

/// A suggested pair as staff review it: both households by name, the score and the reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedPair {
    pub seeker: String,
    pub seeker_name: String,
    pub buddy: String,
    pub buddy_name: String,
    pub score: u32,
    pub reasons: Vec<Reason>,
}

/// One carer waiting for a buddy, with the matcher's choice (if it found one) and the other
/// buddies staff may choose instead, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waiting {
    pub seeker: String,
    pub seeker_name: String,
    pub chosen: Option<NamedPair>,
    pub others: Vec<NamedPair>,
}

impl Waiting {
    /// Every buddy staff may choose for this carer: the matcher's first, then the others.
    pub fn options(&self) -> impl Iterator<Item = &NamedPair> {
        self.chosen.iter().chain(&self.others)
    }
}

/// How many other buddies staff are offered for each carer when they override the matcher.
pub const OTHER_CHOICES: usize = 5;

/// `POST /api/staff/buddies/proposals`: the matcher's suggestion for everyone waiting, not yet
/// sent to anyone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffProposal {
    pub waiting: Vec<Waiting>,
}

impl StaffProposal {
    /// The matcher's pairs.
    pub fn pairs(&self) -> impl Iterator<Item = &NamedPair> {
        self.waiting.iter().filter_map(|w| w.chosen.as_ref())
    }

    /// Carers no buddy could be found for, by name.
    pub fn unmatched(&self) -> Vec<&str> {
        self.waiting
            .iter()
            .filter(|w| w.chosen.is_none())
            .map(|w| w.seeker_name.as_str())
            .collect()
    }
}

/// One pair staff choose to suggest (the matcher's, or their own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairChoice {
    pub seeker: String,
    pub buddy: String,
}

/// `POST /api/staff/buddies/pairings`: the pairs to suggest to both households.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendPairs {
    /// Buddies for carers, or mentors for applicants.
    #[serde(default)]
    pub kind: PairingKind,
    pub pairs: Vec<PairChoice>,
}

/// Which scheme staff are matching for: `?kind=mentor` on the proposals, buddies without it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindQuery {
    #[serde(default)]
    pub kind: PairingKind,
}

/// A pairing as staff see it, with why it was declined or ended (never shown to carers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffPairing {
    pub pairing: Pairing,
    pub seeker_name: String,
    pub buddy_name: String,
    pub reason: Option<String>,
    /// Every contact the pair have logged, oldest first.
    pub log: Vec<Contact>,
    pub going_quiet: bool,
}

impl StaffPairing {
    pub fn last_contact(&self) -> Option<CalendarDate> {
        self.log.iter().map(|c| c.date).max()
    }
}

/// Two households staff have ruled out as a pair, either way round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BarredPair {
    pub first: String,
    pub first_name: String,
    pub second: String,
    pub second_name: String,
    pub reason: String,
}

/// A household in the scheme, for staff choosing a pair to rule out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: String,
    pub name: String,
}

/// Two different households never to be paired, and why: a checked [`BarForm`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuledOut {
    pub first: String,
    pub second: String,
    pub reason: String,
}

/// `POST /api/staff/buddies/barred`: two households never to be paired, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BarForm {
    pub first: String,
    pub second: String,
    pub reason: String,
}

impl BarForm {
    /// The two households and the reason, where `known` says whether an id is a household.
    ///
    /// # Errors
    /// Each problem with the input id of its field, in plain words.
    pub fn parse(
        &self,
        known: impl Fn(&str) -> bool,
    ) -> Result<RuledOut, Vec<(&'static str, String)>> {
        let mut problems = Vec::new();
        for (id, value, which) in [
            ("bar-first", &self.first, "the first carer"),
            ("bar-second", &self.second, "the second carer"),
        ] {
            if !known(value) {
                problems.push((id, format!("Choose {which}.")));
            }
        }
        if problems.is_empty() && self.first == self.second {
            problems.push(("bar-second", "Choose two different households.".to_owned()));
        }
        let reason = self.reason.trim();
        if reason.is_empty() {
            problems.push((
                "bar-reason",
                "Say why they should not be paired, for the record. Carers do not see it."
                    .to_owned(),
            ));
        } else if reason.chars().count() > 500 {
            problems.push((
                "bar-reason",
                "The reason must be 500 characters or fewer.".to_owned(),
            ));
        }
        if problems.is_empty() {
            Ok(RuledOut {
                first: self.first.clone(),
                second: self.second.clone(),
                reason: reason.to_owned(),
            })
        } else {
            Err(problems)
        }
    }
}

/// `POST /api/staff/buddies/pairings/{id}/close`: withdraw a suggestion or end a pairing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CloseForm {
    pub reason: String,
}

impl CloseForm {
    /// Staff's reason, trimmed.
    ///
    /// # Errors
    /// Plain words when it is missing or too long.
    pub fn reason(&self) -> Result<String, String> {
        let reason = self.reason.trim();
        if reason.is_empty() {
            return Err("Say why, for the record. Carers do not see it.".to_owned());
        }
        if reason.chars().count() > 500 {
            return Err("The reason must be 500 characters or fewer.".to_owned());
        }
        Ok(reason.to_owned())
    }
}

/// How long an active pair can go without a logged contact before staff see it going quiet:
/// the usual expectation is at least two chats a month.
pub const QUIET_AFTER_DAYS: i64 = 30;

/// Whether an active pair's last logged contact is more than [`QUIET_AFTER_DAYS`] before
/// `today`. A pair with none logged yet is shown as such, not as quiet.
pub fn going_quiet(
    status: PairingStatus,
    last_contact: Option<CalendarDate>,
    today: CalendarDate,
) -> bool {
    status == PairingStatus::Active
        && last_contact.is_some_and(|last| last.days_until(today) > QUIET_AFTER_DAYS)
}

/// `GET /api/staff/buddies`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffBuddies {
    pub pairings: Vec<StaffPairing>,
    pub barred: Vec<BarredPair>,
    pub members: Vec<Member>,
    pub seekers_waiting: usize,
    pub volunteers_with_places: usize,
    /// Applicants with no mentor suggested or active, and carers with mentor places left.
    #[serde(default)]
    pub applicants_waiting: usize,
    #[serde(default)]
    pub mentors_with_places: usize,
    pub can_edit: bool,
}

/// The weights as staff type them: each a whole number of points, and the service's areas
/// one per line ("CW1 Crewe").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightsForm {
    pub same_district: String,
    pub same_area: String,
    pub same_carer_type: String,
    pub shared_experience: String,
    pub shared_language: String,
    pub shared_availability: String,
    pub areas: String,
}

/// The weights form's fields, by input id.
pub const WEIGHT_FIELDS: [(&str, &str); 6] = [
    ("weight-same-district", "The same postcode district"),
    ("weight-same-area", "The same area"),
    ("weight-same-carer-type", "The same kind of fostering"),
    (
        "weight-shared-experience",
        "Each kind of child both have cared for",
    ),
    ("weight-shared-language", "Each language both speak"),
    ("weight-shared-availability", "Each time both are free"),
];

/// The most points one thing in common can be worth.
const MOST_POINTS: u16 = 100;

impl WeightsForm {
    pub fn of(weights: &super::Weights) -> Self {
        Self {
            same_district: weights.same_district.to_string(),
            same_area: weights.same_area.to_string(),
            same_carer_type: weights.same_carer_type.to_string(),
            shared_experience: weights.shared_experience.to_string(),
            shared_language: weights.shared_language.to_string(),
            shared_availability: weights.shared_availability.to_string(),
            areas: weights
                .areas
                .iter()
                .map(|(district, area)| format!("{district} {area}"))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    /// The weights in the order of [`WEIGHT_FIELDS`].
    pub const fn points(&self) -> [&String; 6] {
        [
            &self.same_district,
            &self.same_area,
            &self.same_carer_type,
            &self.shared_experience,
            &self.shared_language,
            &self.shared_availability,
        ]
    }

    /// Checks the form; each problem is `(input id, message)`.
    pub fn parse(&self) -> Result<super::Weights, Vec<(&'static str, String)>> {
        let mut problems = Vec::new();
        let mut values = [0_u16; 6];
        for (n, ((id, label), raw)) in WEIGHT_FIELDS.iter().zip(self.points()).enumerate() {
            match raw.trim().parse::<u16>() {
                Ok(points) if points <= MOST_POINTS => values[n] = points,
                _ => problems.push((
                    *id,
                    format!("{label}: enter a whole number of points from 0 to 100."),
                )),
            }
        }
        let mut areas = std::collections::BTreeMap::new();
        for line in self.areas.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match line.split_once(char::is_whitespace) {
                Some((district, area)) if !area.trim().is_empty() => {
                    areas.insert(district.to_uppercase(), area.trim().to_owned());
                }
                _ => {
                    problems.push((
                        "weight-areas",
                        format!("“{line}”: write a postcode district, a space, then the area’s name, like “CW1 Crewe”."),
                    ));
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let [
            same_district,
            same_area,
            same_carer_type,
            shared_experience,
            shared_language,
            shared_availability,
        ] = values;
        Ok(super::Weights {
            same_district,
            same_area,
            same_carer_type,
            shared_experience,
            shared_language,
            shared_availability,
            areas,
        })
    }
}
