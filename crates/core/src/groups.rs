//! Support groups: the service's groups and their sessions, sessions that repeat and keep their
//! local time, who gets a place when places are few, the waiting list, and calendar files.
//!
//! A booking is decided by the server, which is the only place that sees every household's
//! requests: [`decide`] is that decision, pure, so the server applies it inside one transaction
//! and the rule can be tested here. Offline, a device shows its own request as "requested"
//! until the server's answer arrives.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::date::{CalendarDate, LocalTime, uk_instant};
use crate::details::{Member, MemberRole};
use crate::household::CarerType;
use crate::sync::{Mutator, Rejection};
use crate::training::TsdStandard;

/// The kinds of group the service runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    Reflective,
    Local,
    StayAndPlay,
    SonsAndDaughters,
    MenWhoCare,
    Fasd,
    Disabilities,
    FamilyAndFriends,
    Mockingbird,
    Social,
    Other,
}

impl GroupKind {
    pub const ALL: [Self; 11] = [
        Self::Reflective,
        Self::Local,
        Self::StayAndPlay,
        Self::SonsAndDaughters,
        Self::MenWhoCare,
        Self::Fasd,
        Self::Disabilities,
        Self::FamilyAndFriends,
        Self::Mockingbird,
        Self::Social,
        Self::Other,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Reflective => "reflective",
            Self::Local => "local",
            Self::StayAndPlay => "stay_and_play",
            Self::SonsAndDaughters => "sons_and_daughters",
            Self::MenWhoCare => "men_who_care",
            Self::Fasd => "fasd",
            Self::Disabilities => "disabilities",
            Self::FamilyAndFriends => "family_and_friends",
            Self::Mockingbird => "mockingbird",
            Self::Social => "social",
            Self::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    pub const fn label(self) -> &'static str {
        match self {
            Self::Reflective => "Reflective group",
            Self::Local => "Local support group",
            Self::StayAndPlay => "Stay and play",
            Self::SonsAndDaughters => "Sons and daughters",
            Self::MenWhoCare => "Men who care",
            Self::Fasd => "Fetal alcohol spectrum disorder (FASD)",
            Self::Disabilities => "Caring for children with disabilities",
            Self::FamilyAndFriends => "Family and friends carers",
            Self::Mockingbird => "Mockingbird get-together",
            Self::Social => "Social event",
            Self::Other => "Other",
        }
    }
}

/// A group in the service's catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub id: String,
    pub title: String,
    pub kind: GroupKind,
    pub description: String,
    /// The area it is for, if it is a local group.
    pub area: Option<String>,
    /// The kinds of fostering it is for; empty means every carer.
    pub for_carer_types: Vec<CarerType>,
    /// Who in a household may have a place; empty means the carers (main and second).
    pub for_members: Vec<MemberRole>,
    /// Whether an attended session can go in the learning log, and the standards it evidences.
    pub counts_as_training: bool,
    pub standards: BTreeSet<TsdStandard>,
}

impl Group {
    /// Whether the group is for a household with this kind of fostering ("for me").
    pub fn is_for(&self, carer_type: CarerType) -> bool {
        self.for_carer_types.is_empty() || self.for_carer_types.contains(&carer_type)
    }

    /// Whether someone in this role may have a place.
    pub fn admits(&self, role: MemberRole) -> bool {
        if self.for_members.is_empty() {
            matches!(role, MemberRole::MainCarer | MemberRole::SecondCarer)
        } else {
            self.for_members.contains(&role)
        }
    }
}

/// A date and time on UK clocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UkTime {
    pub date: CalendarDate,
    pub time: LocalTime,
}

impl UkTime {
    /// The instant, in seconds since 1970 (UTC).
    pub fn instant(self) -> i64 {
        uk_instant(self.date, self.time)
    }
}

/// One meeting of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub id: String,
    pub group_id: String,
    pub date: CalendarDate,
    pub starts: LocalTime,
    pub ends: LocalTime,
    /// Where it meets in person, if it does.
    pub place: Option<String>,
    /// How to join online, if it can be joined online.
    pub joining_link: Option<String>,
    /// How many people it has room for; `None` for no limit.
    pub capacity: Option<u16>,
    /// When booking closes, if before the start.
    pub booking_closes: Option<UkTime>,
    pub facilitators: Vec<String>,
    /// A foster carer who helps run it, named among the facilitators too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub co_facilitator: Option<CoFacilitator>,
    pub accessibility: Option<String>,
    /// Why it was cancelled, once it is.
    pub cancelled: Option<String>,
    /// Goes up with every change staff make, so calendar files replace earlier downloads.
    pub version: u32,
}

impl Session {
    pub fn start(&self) -> UkTime {
        UkTime {
            date: self.date,
            time: self.starts,
        }
    }

    /// Cancels the session, saying why; its calendar events become cancelled. Cancelling twice
    /// keeps the first reason.
    pub fn cancel(&mut self, reason: &str) -> Result<(), &'static str> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err("Say why the session is cancelled: everyone booked is told.");
        }
        if reason.chars().count() > 500 {
            return Err("The reason must be 500 characters or fewer.");
        }
        if self.cancelled.is_none() {
            self.cancelled = Some(reason.to_owned());
            self.version += 1;
        }
        Ok(())
    }

    /// Why nobody can ask for a place at instant `now`, if that is so: it was cancelled, it
    /// has started, or booking has closed. Devices say so before anyone asks; the server
    /// decides with its own clock.
    pub fn closed_at(&self, now: i64) -> Option<Refusal> {
        if self.cancelled.is_some() {
            Some(Refusal::SessionCancelled)
        } else if now >= self.start().instant() {
            Some(Refusal::Started)
        } else if self.booking_closes.is_some_and(|c| now >= c.instant()) {
            Some(Refusal::Closed)
        } else {
            None
        }
    }
}

/// A session as every device receives it: the session, and how full it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub session: Session,
    /// Places left, for a session with a limit.
    pub places_left: Option<u16>,
    /// How many households are on the waiting list.
    pub waiting: u32,
}

impl SessionView {
    /// The session with its bookings counted.
    pub fn new(session: Session, bookings: &[Booking]) -> Self {
        let of_session = || bookings.iter().filter(|b| b.session_id == session.id);
        let taken: usize = of_session()
            .filter(|b| b.status == BookingStatus::Confirmed)
            .map(Booking::places)
            .sum();
        let waiting = of_session()
            .filter(|b| b.status == BookingStatus::Waitlisted)
            .count();
        Self {
            places_left: session.capacity.map(|capacity| {
                u16::try_from(usize::from(capacity).saturating_sub(taken)).unwrap_or(0)
            }),
            waiting: u32::try_from(waiting).unwrap_or(u32::MAX),
            session,
        }
    }
}

/// How a group's sessions repeat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "every", rename_all = "snake_case")]
pub enum Repeat {
    Once,
    /// Every `weeks` weeks on the same weekday.
    Weeks {
        weeks: u8,
    },
    /// On the `nth` (1 to 4, or 5 for the last) `weekday` (0 is Monday) of every month, as
    /// groups usually meet: "the first Tuesday of the month".
    MonthlyWeekday {
        nth: u8,
        weekday: u8,
    },
}

/// The first `count` dates of a series starting on `first`. Only dates are computed: each
/// session keeps its clock time, so the change to or from summer time never moves a group.
/// A monthly series starts in `first`'s month, on its weekday rule, never before `first`.
pub fn series_dates(first: CalendarDate, repeat: Repeat, count: usize) -> Vec<CalendarDate> {
    match repeat {
        Repeat::Once => vec![first].into_iter().take(count).collect(),
        Repeat::Weeks { weeks } => (0..count)
            .map(|n| first.add_days(7 * i64::from(weeks.max(1)) * i64::try_from(n).unwrap_or(0)))
            .collect(),
        Repeat::MonthlyWeekday { nth, weekday } => {
            let mut dates = Vec::with_capacity(count);
            let mut month = 0;
            // A month lacks a fifth weekday at most a few times in a row; twelve extra months
            // is plenty to find `count` dates without looping for ever on a bad rule.
            while dates.len() < count && month < count + 12 {
                let in_month = first.add_months(i32::try_from(month).unwrap_or(0));
                let date = if nth >= 5 {
                    Some(in_month.last_weekday_of_month(weekday))
                } else {
                    in_month.nth_weekday_of_month(nth, weekday)
                };
                if let Some(date) = date.filter(|d| *d >= first) {
                    dates.push(date);
                }
                month += 1;
            }
            dates
        }
    }
}

/// Where a booking stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    Confirmed,
    Waitlisted,
    Cancelled,
}

impl BookingStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Waitlisted => "waitlisted",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Confirmed, Self::Waitlisted, Self::Cancelled]
            .into_iter()
            .find(|s| s.as_str() == raw)
    }
}

/// A household's booking for a session: who is coming, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    /// Chosen by the device that asked, so a request replayed any number of times is one.
    pub id: String,
    pub session_id: String,
    pub household_id: String,
    pub members: Vec<String>,
    pub status: BookingStatus,
    /// The order the server received the requests in: the waiting list's order.
    pub order: u64,
    /// The register, once staff have taken it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendance: Option<Attendance>,
}

impl Booking {
    fn is_live(&self) -> bool {
        matches!(
            self.status,
            BookingStatus::Confirmed | BookingStatus::Waitlisted
        )
    }

    fn places(&self) -> usize {
        self.members.len()
    }
}

/// Why a request for a place is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    SessionCancelled,
    Started,
    Closed,
    NobodyNamed,
    NotInHousehold,
    NotForThem,
    NotForTheHousehold,
    AlreadyBooked,
    NoSuchSession,
}

impl Refusal {
    pub const fn message(self) -> &'static str {
        match self {
            Self::SessionCancelled => "This session has been cancelled.",
            Self::Started => "This session has already started or taken place.",
            Self::Closed => "Booking for this session has closed.",
            Self::NobodyNamed => "Choose who is coming.",
            Self::NotInHousehold => {
                "Someone chosen is no longer in your household. Choose who is coming again."
            }
            Self::NotForThem => "This group is not for someone you chose.",
            Self::NotForTheHousehold => {
                "This group is for other kinds of fostering than your household's."
            }
            Self::AlreadyBooked => {
                "Your household already has a place or is on the waiting list for this session."
            }
            Self::NoSuchSession => "This session is no longer in the list of groups.",
        }
    }

    pub const fn code(self) -> &'static str {
        match self {
            Self::SessionCancelled => "session_cancelled",
            Self::Started => "session_started",
            Self::Closed => "booking_closed",
            Self::NobodyNamed | Self::NotInHousehold | Self::NotForThem => "invalid",
            Self::NotForTheHousehold => "not_for_household",
            Self::AlreadyBooked => "already_booked",
            Self::NoSuchSession => "no_such_session",
        }
    }
}

/// The server's answer to a request for places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Confirmed,
    /// On the waiting list, `position` from the front (1 is next).
    Waitlisted {
        position: usize,
    },
    Refused(Refusal),
}

/// A household asking for places at a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request<'a> {
    pub household_id: &'a str,
    pub members: &'a [String],
    /// Who is in the household now.
    pub household: &'a [Member],
    /// The household's kind of fostering, when it is known.
    pub carer_type: Option<CarerType>,
}

/// Decides a request at instant `now` (seconds since 1970), given the session, its group and
/// every booking already made for it. Places go in the order requests reach the server; nobody
/// jumps a waiting list, so while anyone is waiting a new request waits too, even if a smaller
/// booking would fit.
pub fn decide(
    session: &Session,
    group: &Group,
    bookings: &[Booking],
    request: &Request<'_>,
    now: i64,
) -> Decision {
    let refused = Decision::Refused;
    if let Some(refusal) = session.closed_at(now) {
        return refused(refusal);
    }
    if request.members.is_empty() {
        return refused(Refusal::NobodyNamed);
    }
    if request.carer_type.is_some_and(|kind| !group.is_for(kind)) {
        return refused(Refusal::NotForTheHousehold);
    }
    for id in request.members {
        match request.household.iter().find(|m| &m.id == id) {
            None => return refused(Refusal::NotInHousehold),
            Some(member) if !group.admits(member.role) => return refused(Refusal::NotForThem),
            Some(_) => {}
        }
    }
    let live: Vec<&Booking> = bookings
        .iter()
        .filter(|b| b.session_id == session.id && b.is_live())
        .collect();
    if live.iter().any(|b| b.household_id == request.household_id) {
        return refused(Refusal::AlreadyBooked);
    }
    let waiting = live
        .iter()
        .filter(|b| b.status == BookingStatus::Waitlisted)
        .count();
    let taken: usize = live
        .iter()
        .filter(|b| b.status == BookingStatus::Confirmed)
        .map(|b| b.places())
        .sum();
    let fits = session
        .capacity
        .is_none_or(|capacity| taken + distinct(request.members) <= usize::from(capacity));
    if waiting == 0 && fits {
        Decision::Confirmed
    } else {
        Decision::Waitlisted {
            position: waiting + 1,
        }
    }
}

fn distinct(ids: &[String]) -> usize {
    ids.iter().collect::<BTreeSet<_>>().len()
}

/// Gives freed places to the waiting list, in the order people joined it, for as long as the
/// next booking fits: nobody further back jumps ahead of someone who needs more places.
/// Returns the ids of the bookings promoted (each household is told at its next sync).
pub fn promote_waiting(session: &Session, bookings: &mut [Booking]) -> Vec<String> {
    if session.cancelled.is_some() {
        return Vec::new();
    }
    let mut taken: usize = bookings
        .iter()
        .filter(|b| b.session_id == session.id && b.status == BookingStatus::Confirmed)
        .map(Booking::places)
        .sum();
    let mut waiting: Vec<&mut Booking> = bookings
        .iter_mut()
        .filter(|b| b.session_id == session.id && b.status == BookingStatus::Waitlisted)
        .collect();
    waiting.sort_unstable_by_key(|b| b.order);
    let mut promoted = Vec::new();
    for booking in waiting {
        let fits = session
            .capacity
            .is_none_or(|capacity| taken + booking.places() <= usize::from(capacity));
        if !fits {
            break;
        }
        taken += booking.places();
        booking.status = BookingStatus::Confirmed;
        promoted.push(booking.id.clone());
    }
    promoted
}

/// A change to a household's bookings, as it travels from a device to the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingChange {
    /// Asks for places for `members` at a session; `id` names the booking.
    Book {
        id: String,
        session_id: String,
        members: Vec<String>,
    },
    /// Gives up a booking (a place or a place on the waiting list).
    Cancel { id: String },
}

impl BookingChange {
    /// The booking the change is about.
    pub fn id(&self) -> &str {
        match self {
            Self::Book { id, .. } | Self::Cancel { id } => id,
        }
    }
}

/// What booking changes apply to on the server: one session, its group and all its bookings,
/// the household asking, and the moment the server applies them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionBookings {
    pub session: Option<Session>,
    pub group: Option<Group>,
    pub bookings: Vec<Booking>,
    pub household_id: String,
    pub household: Vec<Member>,
    /// The household's kind of fostering, when it is known.
    pub carer_type: Option<CarerType>,
    pub now: i64,
    /// The order the next new booking takes (the server's change number suits).
    pub next_order: u64,
    /// Bookings given a place from the waiting list by the last change applied.
    pub promoted: Vec<String>,
}

impl Mutator<SessionBookings> for BookingChange {
    fn apply(&self, state: &mut SessionBookings) -> Result<(), Rejection> {
        let refuse = |refusal: Refusal| Rejection::new(refusal.code(), refusal.message());
        state.promoted.clear();
        match self {
            Self::Book {
                id,
                session_id,
                members,
            } => {
                // The same request again (a replay, or a second device resending it) is the
                // booking already made.
                if state.bookings.iter().any(|b| &b.id == id) {
                    return Ok(());
                }
                let (Some(session), Some(group)) = (&state.session, &state.group) else {
                    return Err(refuse(Refusal::NoSuchSession));
                };
                if &session.id != session_id {
                    return Err(refuse(Refusal::NoSuchSession));
                }
                let request = Request {
                    household_id: &state.household_id,
                    members,
                    household: &state.household,
                    carer_type: state.carer_type,
                };
                let status = match decide(session, group, &state.bookings, &request, state.now) {
                    Decision::Confirmed => BookingStatus::Confirmed,
                    Decision::Waitlisted { .. } => BookingStatus::Waitlisted,
                    Decision::Refused(refusal) => return Err(refuse(refusal)),
                };
                let mut unique: Vec<String> = Vec::new();
                for member in members {
                    if !unique.contains(member) {
                        unique.push(member.clone());
                    }
                }
                state.bookings.push(Booking {
                    id: id.clone(),
                    session_id: session_id.clone(),
                    household_id: state.household_id.clone(),
                    members: unique,
                    status,
                    order: state.next_order,
                    attendance: None,
                });
                state.next_order += 1;
                Ok(())
            }
            Self::Cancel { id } => {
                let household = state.household_id.clone();
                let Some(booking) = state.bookings.iter_mut().find(|b| &b.id == id) else {
                    // Cancelling what was never booked (or was refused) leaves nothing to do.
                    return Ok(());
                };
                if booking.household_id != household {
                    return Err(Rejection::new(
                        "not_yours",
                        "That booking belongs to another household.",
                    ));
                }
                booking.status = BookingStatus::Cancelled;
                if let Some(session) = &state.session {
                    state.promoted = promote_waiting(session, &mut state.bookings);
                }
                Ok(())
            }
        }
    }
}

/// A booking as staff see it: the household by name, who is coming, where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffBooking {
    pub id: String,
    pub household: String,
    pub people: Vec<String>,
    pub status: BookingStatus,
    pub attendance: Option<Attendance>,
}

/// A session as staff see it, with its bookings in the order they were made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSession {
    pub view: SessionView,
    pub bookings: Vec<StaffBooking>,
}

/// A group as staff see it, with every session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffGroup {
    pub group: Group,
    pub sessions: Vec<StaffSession>,
}

/// `GET /api/staff/groups`: every group, and whether this member of staff may change them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffGroups {
    pub groups: Vec<StaffGroup>,
    pub can_edit: bool,
}

/// `POST /api/staff/groups/sessions/{id}/cancellation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cancellation {
    pub reason: String,
}

/// A new group and its sessions, as a member of staff types them: every field a string (or a
/// list of choices), so nothing typed is lost while a mistake is put right.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupForm {
    pub title: String,
    /// A kind's `as_str` name.
    pub kind: String,
    pub description: String,
    pub area: String,
    /// Member roles (`as_str`) who may have a place; empty means the carers.
    pub for_members: Vec<String>,
    /// Kinds of fostering (`as_str`) it is for; empty means everyone.
    pub for_carer_types: Vec<String>,
    pub counts_as_training: bool,
    /// TSD standards (1 to 7) an attended session evidences, for a group that counts as
    /// training.
    #[serde(default)]
    pub standards: Vec<u8>,
    pub first_date: String,
    pub starts: String,
    pub ends: String,
    /// `once`, `weekly`, `fortnightly` or `monthly` (the same weekday of the month as the
    /// first session: "the first Tuesday").
    pub repeat: String,
    /// How many sessions to add, for a repeating group.
    pub sessions: String,
    pub place: String,
    pub joining_link: String,
    /// Places per session, or empty for no limit.
    pub capacity: String,
    pub accessibility: String,
}

/// The group form's inputs, by the id a problem is shown against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupField {
    Title,
    Kind,
    ForMembers,
    ForCarerTypes,
    Standards,
    FirstDate,
    Starts,
    Ends,
    Repeat,
    Sessions,
    Place,
    Capacity,
    Date,
    ClosesDate,
    ClosesTime,
    Facilitators,
    CoFacilitator,
    Accessibility,
}

impl GroupField {
    pub const fn input_id(self) -> &'static str {
        match self {
            Self::Title => "group-title",
            Self::Kind => "group-kind",
            Self::ForMembers => "for-members",
            Self::ForCarerTypes => "for-carer-types",
            Self::Standards => "group-standards",
            Self::FirstDate => "first-date",
            Self::Starts => "starts",
            Self::Ends => "ends",
            Self::Repeat => "repeat",
            Self::Sessions => "sessions",
            Self::Place => "place",
            Self::Capacity => "capacity",
            Self::Date => "session-date",
            Self::ClosesDate => "closes-date",
            Self::ClosesTime => "closes-time",
            Self::Facilitators => "facilitators",
            Self::CoFacilitator => "co-facilitator",
            Self::Accessibility => "accessibility",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupProblem {
    pub field: GroupField,
    pub message: String,
}

/// The most sessions one form adds: two years of a monthly group.
pub const MOST_SESSIONS: usize = 24;

fn repeat_of(raw: &str, first: CalendarDate) -> Option<Repeat> {
    match raw {
        "once" | "" => Some(Repeat::Once),
        "weekly" => Some(Repeat::Weeks { weeks: 1 }),
        "fortnightly" => Some(Repeat::Weeks { weeks: 2 }),
        "monthly" => {
            // The first session's place in its month: "the second Tuesday", or "the last" for
            // a fifth one, which most months lack.
            let nth = (first.day_of_month() - 1) / 7 + 1;
            Some(Repeat::MonthlyWeekday {
                nth: nth.min(5),
                weekday: first.weekday(),
            })
        }
        _ => None,
    }
}

fn note(problems: &mut Vec<GroupProblem>, field: GroupField, message: &str) {
    problems.push(GroupProblem {
        field,
        message: message.to_owned(),
    });
}

/// When a new group's sessions are: the first date, the times, and the dates of the series.
struct Schedule {
    dates: Vec<CalendarDate>,
    starts: LocalTime,
    ends: LocalTime,
}

impl GroupForm {
    /// The form for changing a group: its own fields filled in, the sessions' left empty.
    pub fn of(group: &Group) -> Self {
        Self {
            title: group.title.clone(),
            kind: group.kind.as_str().to_owned(),
            description: group.description.clone(),
            area: group.area.clone().unwrap_or_default(),
            for_members: group
                .for_members
                .iter()
                .map(|r| r.as_str().to_owned())
                .collect(),
            for_carer_types: group
                .for_carer_types
                .iter()
                .map(|t| t.as_str().to_owned())
                .collect(),
            counts_as_training: group.counts_as_training,
            standards: group.standards.iter().map(|s| s.number()).collect(),
            ..Self::default()
        }
    }

    /// Checks the form on `today` (the UK date): the group with id `group_id`, and its sessions,
    /// each given an id by `new_id`.
    pub fn parse(
        &self,
        group_id: &str,
        today: CalendarDate,
        new_id: impl FnMut() -> String,
    ) -> Result<(Group, Vec<Session>), Vec<GroupProblem>> {
        let mut problems = Vec::new();
        let group = self.group(group_id, &mut problems);
        let sessions = self.sessions(group_id, today, new_id, &mut problems);
        match (group, sessions) {
            (Some(group), Some(sessions)) if problems.is_empty() => Ok((group, sessions)),
            _ => Err(problems),
        }
    }

    /// Checks only the group's own fields: a change to a group that already has sessions.
    pub fn parse_group(&self, group_id: &str) -> Result<Group, Vec<GroupProblem>> {
        let mut problems = Vec::new();
        match self.group(group_id, &mut problems) {
            Some(group) if problems.is_empty() => Ok(group),
            _ => Err(problems),
        }
    }

    /// Checks only the sessions' fields: more sessions for the group `group_id`.
    pub fn parse_sessions(
        &self,
        group_id: &str,
        today: CalendarDate,
        new_id: impl FnMut() -> String,
    ) -> Result<Vec<Session>, Vec<GroupProblem>> {
        let mut problems = Vec::new();
        match self.sessions(group_id, today, new_id, &mut problems) {
            Some(sessions) if problems.is_empty() => Ok(sessions),
            _ => Err(problems),
        }
    }

    fn group(&self, group_id: &str, problems: &mut Vec<GroupProblem>) -> Option<Group> {
        let title = self.title.trim();
        if title.is_empty() {
            note(problems, GroupField::Title, "Enter the group's name.");
        } else if title.chars().count() > 120 {
            note(
                problems,
                GroupField::Title,
                "The group's name must be 120 characters or fewer.",
            );
        }
        let standards: Option<BTreeSet<TsdStandard>> = self
            .standards
            .iter()
            .map(|n| TsdStandard::new(*n))
            .collect();
        if standards.is_none() {
            note(
                problems,
                GroupField::Standards,
                "Choose standards from the list.",
            );
        }
        let (kind, for_members, for_carer_types) = self.who(problems)?;
        Some(Group {
            id: group_id.to_owned(),
            title: title.to_owned(),
            kind,
            description: self.description.trim().to_owned(),
            area: Some(self.area.trim().to_owned()).filter(|a| !a.is_empty()),
            for_carer_types,
            for_members,
            counts_as_training: self.counts_as_training,
            // Standards are evidenced only by a group that counts as training.
            standards: if self.counts_as_training {
                standards?
            } else {
                BTreeSet::new()
            },
        })
    }

    fn sessions(
        &self,
        group_id: &str,
        today: CalendarDate,
        mut new_id: impl FnMut() -> String,
        problems: &mut Vec<GroupProblem>,
    ) -> Option<Vec<Session>> {
        let schedule = self.schedule(today, problems);
        let (place, link, capacity) = self.room(problems)?;
        let schedule = schedule?;
        let accessibility = Some(self.accessibility.trim().to_owned()).filter(|a| !a.is_empty());
        Some(
            schedule
                .dates
                .into_iter()
                .map(|date| Session {
                    id: new_id(),
                    group_id: group_id.to_owned(),
                    date,
                    starts: schedule.starts,
                    ends: schedule.ends,
                    place: place.clone(),
                    joining_link: link.clone(),
                    capacity,
                    booking_closes: None,
                    facilitators: Vec::new(),
                    co_facilitator: None,
                    accessibility: accessibility.clone(),
                    cancelled: None,
                    version: 1,
                })
                .collect(),
        )
    }

    /// What kind of group, and who it is for.
    fn who(
        &self,
        problems: &mut Vec<GroupProblem>,
    ) -> Option<(GroupKind, Vec<MemberRole>, Vec<CarerType>)> {
        let kind = GroupKind::parse(&self.kind);
        if kind.is_none() {
            note(
                problems,
                GroupField::Kind,
                "Choose what kind of group it is.",
            );
        }
        let for_members: Option<Vec<MemberRole>> = self
            .for_members
            .iter()
            .map(|r| MemberRole::parse(r))
            .collect();
        if for_members.is_none() {
            note(
                problems,
                GroupField::ForMembers,
                "Choose who may come from the list.",
            );
        }
        let for_carer_types: Option<Vec<CarerType>> = self
            .for_carer_types
            .iter()
            .map(|t| CarerType::parse(t))
            .collect();
        if for_carer_types.is_none() {
            note(
                problems,
                GroupField::ForCarerTypes,
                "Choose kinds of fostering from the list.",
            );
        }
        Some((kind?, for_members?, for_carer_types?))
    }

    /// When the sessions are.
    fn schedule(&self, today: CalendarDate, problems: &mut Vec<GroupProblem>) -> Option<Schedule> {
        let first = match CalendarDate::parse(&self.first_date) {
            Ok(date) if date < today => {
                note(
                    problems,
                    GroupField::FirstDate,
                    "The first session must be today or later.",
                );
                None
            }
            Ok(date) => Some(date),
            Err(_) if self.first_date.trim().is_empty() => {
                note(
                    problems,
                    GroupField::FirstDate,
                    "Enter the date of the first session.",
                );
                None
            }
            Err(error) => {
                note(problems, GroupField::FirstDate, &error.to_string());
                None
            }
        };
        let times = parse_times(&self.starts, &self.ends, problems);
        let repeat = first.and_then(|first| repeat_of(&self.repeat, first));
        if first.is_some() && repeat.is_none() {
            note(
                problems,
                GroupField::Repeat,
                "Choose how often the group meets.",
            );
        }
        let count = match (repeat, self.sessions.trim()) {
            (Some(Repeat::Once), _) => Some(1),
            (_, raw) => match raw.parse::<usize>() {
                Ok(n) if (1..=MOST_SESSIONS).contains(&n) => Some(n),
                _ => {
                    note(
                        problems,
                        GroupField::Sessions,
                        "Enter how many sessions to add, from 1 to 24.",
                    );
                    None
                }
            },
        };
        let (starts, ends) = times?;
        Some(Schedule {
            dates: series_dates(first?, repeat?, count?),
            starts,
            ends,
        })
    }

    /// Where it meets and how many it has room for.
    fn room(&self, problems: &mut Vec<GroupProblem>) -> Option<Room> {
        parse_room(&self.place, &self.joining_link, &self.capacity, problems)
    }
}

/// Where a session meets (in person, online or both) and its places.
type Room = (Option<String>, Option<String>, Option<u16>);

/// The start and end times, the end after the start.
fn parse_times(
    starts: &str,
    ends: &str,
    problems: &mut Vec<GroupProblem>,
) -> Option<(LocalTime, LocalTime)> {
    let starts = LocalTime::parse(starts).ok();
    if starts.is_none() {
        note(
            problems,
            GroupField::Starts,
            "Enter the start time, like 19:00 or 7pm.",
        );
    }
    let ends = LocalTime::parse(ends).ok();
    if ends.is_none() {
        note(
            problems,
            GroupField::Ends,
            "Enter the end time, like 21:00 or 9pm.",
        );
    }
    if let (Some(starts), Some(ends)) = (starts, ends)
        && ends <= starts
    {
        note(
            problems,
            GroupField::Ends,
            "The session must end after it starts.",
        );
    }
    Some((starts?, ends?))
}

fn parse_room(
    place: &str,
    joining_link: &str,
    capacity: &str,
    problems: &mut Vec<GroupProblem>,
) -> Option<Room> {
    let place = Some(place.trim().to_owned()).filter(|p| !p.is_empty());
    let link = Some(joining_link.trim().to_owned()).filter(|l| !l.is_empty());
    if place.is_none() && link.is_none() {
        note(
            problems,
            GroupField::Place,
            "Enter where the group meets, or a joining link for an online group.",
        );
    }
    let capacity = match capacity.trim() {
        "" => Some(None),
        raw => match raw.parse::<u16>() {
            Ok(n) if (1..=500).contains(&n) => Some(Some(n)),
            _ => {
                note(
                    problems,
                    GroupField::Capacity,
                    "Enter the number of places as a whole number from 1 to 500, or leave it empty for no limit.",
                );
                None
            }
        },
    };
    Some((place, link, capacity?))
}

/// One session in a calendar file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    /// The same for every download of the same session, so calendars update it in place.
    pub uid: String,
    pub sequence: u32,
    pub title: String,
    pub description: String,
    pub location: String,
    pub date: CalendarDate,
    pub starts: LocalTime,
    pub ends: LocalTime,
    pub cancelled: bool,
}

/// The UK's time zone, as calendar programs expect it to be described.
const LONDON: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\nBEGIN:DAYLIGHT\r\n\
TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\nDTSTART:19700329T010000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\n\
TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nDTSTART:19701025T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/// An iCalendar file (RFC 5545) of `events`, made at instant `made` (seconds since 1970): one
/// event per session, in the UK's time zone, so a later download updates or cancels them.
pub fn calendar_file(events: &[CalendarEvent], made: i64) -> String {
    let mut out = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Foster Carer Portal//Support groups//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n",
    );
    out.push_str(LONDON);
    let stamp = utc_stamp(made);
    let local = |date: CalendarDate, time: LocalTime| {
        format!(
            "{}T{:02}{:02}00",
            date.to_string().replace('-', ""),
            time.hour(),
            time.minute()
        )
    };
    for event in events {
        let lines = [
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}", escape(&event.uid)),
            format!("DTSTAMP:{stamp}"),
            format!(
                "DTSTART;TZID=Europe/London:{}",
                local(event.date, event.starts)
            ),
            format!("DTEND;TZID=Europe/London:{}", local(event.date, event.ends)),
            format!("SEQUENCE:{}", event.sequence),
            format!(
                "STATUS:{}",
                if event.cancelled {
                    "CANCELLED"
                } else {
                    "CONFIRMED"
                }
            ),
            format!("SUMMARY:{}", escape(&event.title)),
            format!("DESCRIPTION:{}", escape(&event.description)),
            format!("LOCATION:{}", escape(&event.location)),
            "END:VEVENT".to_owned(),
        ];
        for line in lines {
            out.push_str(&fold(&line));
        }
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

fn utc_stamp(seconds: i64) -> String {
    let date = CalendarDate::from_days_since_1970(seconds.div_euclid(86_400));
    let of_day = seconds.rem_euclid(86_400);
    format!(
        "{}T{:02}{:02}{:02}Z",
        date.to_string().replace('-', ""),
        of_day / 3_600,
        of_day % 3_600 / 60,
        of_day % 60
    )
}

/// Text as iCalendar writes it: backslashes, semicolons, commas and line breaks escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (never inside a character), with its CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

mod manage;
mod notices;

pub use manage::*;
pub use notices::*;

#[cfg(test)]
mod tests;
