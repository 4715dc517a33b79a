//! Running a group after it is set up: changing one session (when, where, places, when booking
//! closes, who runs it), the register, and the numbers the service reports.

use serde::{Deserialize, Serialize};

use super::{
    Booking, BookingStatus, Group, GroupField, GroupProblem, Session, StaffGroup, UkTime, note,
    parse_room, parse_times,
};
use crate::date::{CalendarDate, LocalTime};

/// A foster carer who helps run a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoFacilitator {
    pub household_id: String,
    pub name: String,
}

/// A change to one session, as a member of staff types it: every field a string, so nothing
/// typed is lost while a mistake is put right.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionForm {
    pub date: String,
    pub starts: String,
    pub ends: String,
    pub place: String,
    pub joining_link: String,
    pub capacity: String,
    /// When booking closes: both empty for "when it starts".
    pub closes_date: String,
    pub closes_time: String,
    /// Who runs it, separated by commas or new lines.
    pub facilitators: String,
    /// The household of a foster carer who helps run it, or empty.
    pub co_facilitator: String,
    pub accessibility: String,
    /// The session's version when the form was opened, so a save never silently undoes a
    /// change someone else made meanwhile.
    pub version: u32,
}

/// A session after a change, and whether when or where it meets changed (everyone booked is
/// told, and calendar files move it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionEdit {
    pub session: Session,
    pub moved: bool,
}

/// A field that has a problem (noted against it).
#[derive(Debug, Clone, Copy)]
struct Invalid;

/// The most facilitators one session names.
const MOST_FACILITATORS: usize = 6;

fn lines(text: &str) -> Vec<String> {
    text.split(['\n', ','])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

impl SessionForm {
    /// The form for a session as it stands.
    pub fn of(session: &Session) -> Self {
        let (closes_date, closes_time) = session.booking_closes.map_or_else(
            || (String::new(), String::new()),
            |c| (c.date.to_string(), c.time.to_string()),
        );
        let co_facilitator = session.co_facilitator.as_ref();
        Self {
            date: session.date.to_string(),
            starts: session.starts.to_string(),
            ends: session.ends.to_string(),
            place: session.place.clone().unwrap_or_default(),
            joining_link: session.joining_link.clone().unwrap_or_default(),
            capacity: session.capacity.map(|c| c.to_string()).unwrap_or_default(),
            closes_date,
            closes_time,
            facilitators: session
                .facilitators
                .iter()
                .filter(|name| co_facilitator.is_none_or(|c| &c.name != *name))
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            co_facilitator: co_facilitator
                .map(|c| c.household_id.clone())
                .unwrap_or_default(),
            accessibility: session.accessibility.clone().unwrap_or_default(),
            version: session.version,
        }
    }

    /// Checks the form against `session` on `today` (the UK date). `taken` is how many places
    /// are already given, which the places cannot go below; `carer_name` names the lead carer
    /// of a household, or `None` when there is no such household.
    pub fn apply(
        &self,
        session: &Session,
        today: CalendarDate,
        taken: usize,
        carer_name: impl Fn(&str) -> Option<String>,
    ) -> Result<SessionEdit, Vec<GroupProblem>> {
        let mut problems = Vec::new();
        if session.cancelled.is_some() {
            note(
                &mut problems,
                GroupField::Date,
                "This session has been cancelled, so it cannot be changed.",
            );
            return Err(problems);
        }
        let date = match CalendarDate::parse(&self.date) {
            Ok(date) if date != session.date && date < today => {
                note(
                    &mut problems,
                    GroupField::Date,
                    "A session can only move to today or later.",
                );
                None
            }
            Ok(date) => Some(date),
            Err(error) => {
                note(&mut problems, GroupField::Date, &error.to_string());
                None
            }
        };
        let times = parse_times(&self.starts, &self.ends, &mut problems);
        let room = parse_room(
            &self.place,
            &self.joining_link,
            &self.capacity,
            &mut problems,
        );
        if let Some((_, _, Some(capacity))) = room
            && usize::from(capacity) < taken
        {
            note(
                &mut problems,
                GroupField::Capacity,
                &format!(
                    "{taken} places are already taken, so there must be at least {taken} places."
                ),
            );
        }
        let closes = self.closes(date.zip(times.map(|t| t.0)), &mut problems);
        let mut facilitators = lines(&self.facilitators);
        if facilitators.len() > MOST_FACILITATORS
            || facilitators.iter().any(|f| f.chars().count() > 80)
        {
            note(
                &mut problems,
                GroupField::Facilitators,
                "Name up to 6 people who run it, one per line, each 80 characters or fewer.",
            );
        }
        let co_facilitator = self.co_facilitator(carer_name, &mut problems);
        let accessibility = self.accessibility.trim();
        if accessibility.chars().count() > 500 {
            note(
                &mut problems,
                GroupField::Accessibility,
                "Accessibility notes must be 500 characters or fewer.",
            );
        }
        let (Some(date), Some((starts, ends)), Some((place, joining_link, capacity))) =
            (date, times, room)
        else {
            return Err(problems);
        };
        let (Ok(booking_closes), Ok(co_facilitator)) = (closes, co_facilitator) else {
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        if let Some(carer) = &co_facilitator {
            facilitators.retain(|f| f != &carer.name);
            facilitators.push(carer.name.clone());
        }
        let mut changed = Session {
            date,
            starts,
            ends,
            place,
            joining_link,
            capacity,
            booking_closes,
            facilitators,
            co_facilitator,
            accessibility: Some(accessibility.to_owned()).filter(|a| !a.is_empty()),
            ..session.clone()
        };
        let moved = (changed.date, changed.starts, changed.ends, &changed.place)
            != (session.date, session.starts, session.ends, &session.place)
            || changed.joining_link != session.joining_link;
        if changed != *session {
            changed.version = session.version + 1;
        }
        Ok(SessionEdit {
            session: changed,
            moved,
        })
    }

    /// The foster carer who helps run it, if one is chosen.
    fn co_facilitator(
        &self,
        carer_name: impl Fn(&str) -> Option<String>,
        problems: &mut Vec<GroupProblem>,
    ) -> Result<Option<CoFacilitator>, Invalid> {
        let id = self.co_facilitator.trim();
        if id.is_empty() {
            return Ok(None);
        }
        if let Some(name) = carer_name(id) {
            Ok(Some(CoFacilitator {
                household_id: id.to_owned(),
                name,
            }))
        } else {
            note(
                problems,
                GroupField::CoFacilitator,
                "Choose a foster carer from the list, or nobody.",
            );
            Err(Invalid)
        }
    }

    /// When booking closes: both parts or neither, and before the session starts.
    fn closes(
        &self,
        start: Option<(CalendarDate, LocalTime)>,
        problems: &mut Vec<GroupProblem>,
    ) -> Result<Option<UkTime>, Invalid> {
        let (date, time) = (self.closes_date.trim(), self.closes_time.trim());
        if date.is_empty() && time.is_empty() {
            return Ok(None);
        }
        let date = match CalendarDate::parse(date) {
            Ok(date) => Some(date),
            Err(error) => {
                note(problems, GroupField::ClosesDate, &error.to_string());
                None
            }
        };
        let time = LocalTime::parse(time).ok();
        if time.is_none() {
            note(
                problems,
                GroupField::ClosesTime,
                "Enter the time booking closes, like 12:00 or 12pm.",
            );
        }
        let closes = UkTime {
            date: date.ok_or(Invalid)?,
            time: time.ok_or(Invalid)?,
        };
        if let Some((date, time)) = start
            && closes >= (UkTime { date, time })
        {
            note(
                problems,
                GroupField::ClosesDate,
                "Booking must close before the session starts.",
            );
            return Err(Invalid);
        }
        Ok(Some(closes))
    }
}

/// Whether someone with a place came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    Attended,
    DidNotAttend,
}

impl Attendance {
    pub const fn words(self) -> &'static str {
        match self {
            Self::Attended => "Attended",
            Self::DidNotAttend => "Did not attend",
        }
    }
}

/// One line of the register: a booking, and whether those booked came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub booking_id: String,
    pub attendance: Attendance,
}

/// `PUT /api/staff/groups/sessions/{id}/register`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Register {
    pub marks: Vec<Mark>,
}

/// Why a register cannot be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RegisterProblem {
    #[error("The register can be taken once the session has started.")]
    NotStarted,
    #[error("This session was cancelled, so it has no register.")]
    Cancelled,
    #[error(
        "Only bookings with a place can be marked. Reload the page to see the latest bookings."
    )]
    NoPlace,
}

/// Takes the register of `session` at instant `now`: marks each booking named, and returns the
/// ids of the bookings whose mark changed.
pub fn take_register(
    session: &Session,
    bookings: &mut [Booking],
    register: &Register,
    now: i64,
) -> Result<Vec<String>, RegisterProblem> {
    if session.cancelled.is_some() {
        return Err(RegisterProblem::Cancelled);
    }
    if now < session.start().instant() {
        return Err(RegisterProblem::NotStarted);
    }
    let has_place = |id: &str| {
        bookings.iter().any(|b| {
            b.id == id && b.session_id == session.id && b.status == BookingStatus::Confirmed
        })
    };
    if !register.marks.iter().all(|m| has_place(&m.booking_id)) {
        return Err(RegisterProblem::NoPlace);
    }
    let mut changed = Vec::new();
    for mark in &register.marks {
        if let Some(booking) = bookings.iter_mut().find(|b| b.id == mark.booking_id)
            && booking.attendance != Some(mark.attendance)
        {
            booking.attendance = Some(mark.attendance);
            changed.push(booking.id.clone());
        }
    }
    Ok(changed)
}

/// Attendance at one group in one month, counted in people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthAttendance {
    pub group: String,
    /// "November 2026".
    pub month: String,
    pub sessions: usize,
    pub places: usize,
    pub attended: usize,
    pub did_not_attend: usize,
    /// People with a place whose register has not been taken.
    pub not_recorded: usize,
}

/// A session to come with people waiting for a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingList {
    pub group: String,
    pub session: Session,
    pub households: usize,
    pub people: usize,
}

/// The numbers for the service's reports, from every group as staff see it, at instant `now`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupNumbers {
    /// Sessions that have started and were not cancelled, by group then month (oldest first).
    pub attendance: Vec<MonthAttendance>,
    /// By date.
    pub waiting: Vec<WaitingList>,
}

/// Counts attendance by group and month, and the waiting lists of sessions to come.
pub fn group_numbers(groups: &[StaffGroup], now: i64) -> GroupNumbers {
    let mut numbers = GroupNumbers::default();
    for group in groups {
        let mut months: Vec<((u16, u8), MonthAttendance)> = Vec::new();
        for staff_session in &group.sessions {
            let session = &staff_session.view.session;
            if session.cancelled.is_some() {
                continue;
            }
            let live = |status| {
                staff_session
                    .bookings
                    .iter()
                    .filter(move |b| b.status == status)
            };
            if now < session.start().instant() {
                let waiting: Vec<_> = live(BookingStatus::Waitlisted).collect();
                if !waiting.is_empty() {
                    numbers.waiting.push(WaitingList {
                        group: group.group.title.clone(),
                        session: session.clone(),
                        households: waiting.len(),
                        people: waiting.iter().map(|b| b.people.len()).sum(),
                    });
                }
                continue;
            }
            let key = (session.date.year(), session.date.month());
            let index = months
                .iter()
                .position(|(k, _)| *k == key)
                .unwrap_or_else(|| {
                    months.push((
                        key,
                        MonthAttendance {
                            group: group.group.title.clone(),
                            month: session.date.month_words(),
                            sessions: 0,
                            places: 0,
                            attended: 0,
                            did_not_attend: 0,
                            not_recorded: 0,
                        },
                    ));
                    months.len() - 1
                });
            let row = &mut months[index].1;
            row.sessions += 1;
            for booking in live(BookingStatus::Confirmed) {
                let people = booking.people.len();
                row.places += people;
                match booking.attendance {
                    Some(Attendance::Attended) => row.attended += people,
                    Some(Attendance::DidNotAttend) => row.did_not_attend += people,
                    None => row.not_recorded += people,
                }
            }
        }
        months.sort_unstable_by_key(|(key, _)| *key);
        numbers
            .attendance
            .extend(months.into_iter().map(|(_, row)| row));
    }
    numbers
        .waiting
        .sort_unstable_by_key(|w| (w.session.date, w.session.starts));
    numbers
}

/// Attendance by group and month as CSV, for the service's returns.
pub fn attendance_csv(rows: &[MonthAttendance]) -> String {
    let lines = rows.iter().map(|row| {
        [
            row.group.clone(),
            row.month.clone(),
            row.sessions.to_string(),
            row.places.to_string(),
            row.attended.to_string(),
            row.did_not_attend.to_string(),
            row.not_recorded.to_string(),
        ]
    });
    crate::text::csv_table(
        &[
            "Group",
            "Month",
            "Sessions",
            "Places taken",
            "Attended",
            "Did not attend",
            "Not recorded",
        ],
        lines,
    )
}

/// The learning log entry an attended session becomes, in one tap: the group's name, the
/// session's date and length, the standards the group evidences, and who came. Its id comes
/// from the booking, so a second tap (or a second device) saves the same entry, not another.
pub fn attended_entry(
    group: &Group,
    session: &Session,
    booking: &Booking,
) -> (String, crate::training::EntryForm) {
    use crate::training::TrainingFormat;
    let minutes = session.ends.minutes_since_midnight() - session.starts.minutes_since_midnight();
    let format = if group.kind == super::GroupKind::Reflective {
        TrainingFormat::ReflectiveGroup
    } else if session.place.is_none() {
        TrainingFormat::Webinar
    } else {
        TrainingFormat::FaceToFace
    };
    let form = crate::training::EntryForm {
        title: group.title.clone(),
        date: session.date.to_string(),
        hours: (minutes / 60).to_string(),
        minutes: (minutes % 60).to_string(),
        format: format.as_str().to_owned(),
        provider: "The fostering service's support group".to_owned(),
        standards: group.standards.iter().map(|s| s.number()).collect(),
        members: booking.members.clone(),
        ..crate::training::EntryForm::default()
    };
    (format!("group-{}", booking.id), form)
}
