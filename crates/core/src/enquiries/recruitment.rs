//! The recruitment team's side of an enquiry: who handles it, the contact attempts and notes,
//! the stages from enquiry to approval (or closing with a reason), and how long the person has
//! waited for a first contact against the 24-hour promise.

use serde::{Deserialize, Serialize};

use super::{Enquiry, SelfCheck};
use crate::account::Role;
use crate::carers::StaffMember;
use crate::date::CalendarDate;

choices! {
    /// Where an enquiry has got to. The stages run in this order; `Closed` ends any of them.
    Stage {
        Enquiry => ("enquiry", "Enquiry"),
        InitialVisit => ("initial_visit", "Initial visit"),
        Application => ("application", "Application"),
        Assessment => ("assessment", "Assessment"),
        Panel => ("panel", "Panel"),
        Approved => ("approved", "Approved"),
        Closed => ("closed", "Closed"),
    }
}

impl Stage {
    /// The stages an enquiry moves through, in order, without `Closed`.
    pub const FUNNEL: [Self; 6] = [
        Self::Enquiry,
        Self::InitialVisit,
        Self::Application,
        Self::Assessment,
        Self::Panel,
        Self::Approved,
    ];

    /// Whether the enquiry is still being worked on.
    pub const fn is_open(self) -> bool {
        !matches!(self, Self::Approved | Self::Closed)
    }
}

choices! {
    /// Why an enquiry did not go ahead.
    ClosedReason {
        NoSpareRoom => ("no_spare_room", "No spare room"),
        NotNow => ("not_now", "Not the right time"),
        Withdrew => ("withdrew", "Withdrew"),
        NotSuitable => ("not_suitable", "Not suitable"),
        NoReply => ("no_reply", "Could not be reached"),
        OutsideArea => ("outside_area", "Outside our area"),
        Other => ("other", "Another reason"),
    }
}

choices! {
    /// How the team tried to reach the person.
    ContactKind {
        Call => ("call", "Phone call"),
        Voicemail => ("voicemail", "Voicemail left"),
        Text => ("text", "Text message"),
        Email => ("email", "Email"),
    }
}

/// The promise to every enquirer: a first contact within this many hours.
pub const TARGET_HOURS: i64 = 24;

/// How long after "not the right time" the team gets back in touch, unless they choose another
/// date: Trafford re-contacts people who were not ready "in 12 months' time".
pub const RECONTACT_MONTHS: i32 = 12;

/// The most a note may hold.
pub const MOST_NOTE: usize = 2000;

/// Who may see and answer enquiries: the recruitment team and administrators.
pub const fn can_handle_enquiries(role: Role) -> bool {
    matches!(role, Role::Recruitment | Role::Administrator)
}

/// Something that happened to an enquiry, in the team's record of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Happened {
    /// The enquiry moved to a stage (with the reason, when it was closed).
    Stage {
        to: Stage,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<ClosedReason>,
    },
    Contact {
        how: ContactKind,
    },
    Note,
    Assigned {
        to: Option<StaffMember>,
    },
    /// The approved household was added as a carer household, and its carer invited.
    BecameHousehold,
    /// The team will get back in touch on this day (an enquiry closed as not the right time).
    Recontact {
        on: CalendarDate,
    },
}

/// One line of an enquiry's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Seconds since 1970.
    pub at: i64,
    /// The member of staff's name.
    pub by: String,
    pub happened: Happened,
    /// What they wrote, if anything.
    #[serde(default)]
    pub note: String,
}

impl Event {
    /// The line as the history shows it.
    pub fn words(&self) -> String {
        match &self.happened {
            Happened::Stage {
                to: Stage::Closed,
                reason,
            } => format!(
                "Closed: {}",
                reason.map_or("no reason given", ClosedReason::label)
            ),
            Happened::Stage { to, .. } => format!("Moved to {}", to.label()),
            Happened::Contact { how } => how.label().to_owned(),
            Happened::Note => "Note".to_owned(),
            Happened::Assigned { to: Some(who) } => format!("Given to {}", who.name),
            Happened::Assigned { to: None } => "Nobody handling it".to_owned(),
            Happened::BecameHousehold => {
                "Invited to the portal, with a household of their own".to_owned()
            }
            Happened::Recontact { on } => format!("Get back in touch on {}", on.long_form()),
        }
    }
}

/// An enquiry as the recruitment team sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnquiryRecord {
    pub id: String,
    /// Seconds since 1970.
    pub received_at: i64,
    pub enquiry: Enquiry,
    #[serde(default)]
    pub self_check: Option<SelfCheck>,
    pub stage: Stage,
    pub assigned_to: Option<StaffMember>,
    /// The household it became, once approved and added.
    pub household_id: Option<String>,
    /// Oldest first.
    pub events: Vec<Event>,
}

impl EnquiryRecord {
    /// When the team first tried to reach the person.
    pub fn first_contact_at(&self) -> Option<i64> {
        self.events
            .iter()
            .find(|e| matches!(e.happened, Happened::Contact { .. }))
            .map(|e| e.at)
    }

    /// When the enquiry first reached `stage` (an enquiry is one from the start).
    pub fn reached_at(&self, stage: Stage) -> Option<i64> {
        if stage == Stage::Enquiry {
            return Some(self.received_at);
        }
        self.events
            .iter()
            .find(|e| matches!(e.happened, Happened::Stage { to, .. } if to == stage))
            .map(|e| e.at)
    }

    /// The furthest stage along the way it has reached, closed or not.
    pub fn furthest(&self) -> Stage {
        Stage::FUNNEL
            .into_iter()
            .rev()
            .find(|s| self.reached_at(*s).is_some())
            .unwrap_or(Stage::Enquiry)
    }

    /// Where in the history it was last closed, if it is closed now.
    fn last_closed(&self) -> Option<usize> {
        if self.stage != Stage::Closed {
            return None;
        }
        self.events.iter().rposition(|e| {
            matches!(
                e.happened,
                Happened::Stage {
                    to: Stage::Closed,
                    ..
                }
            )
        })
    }

    /// The day it was closed, if it is closed now.
    pub fn closed_on(&self) -> Option<CalendarDate> {
        self.last_closed()
            .map(|at| CalendarDate::uk_date_of(self.events[at].at))
    }

    /// Why it was closed, if it is closed now.
    pub fn closed_reason(&self) -> Option<ClosedReason> {
        if self.stage != Stage::Closed {
            return None;
        }
        self.events.iter().rev().find_map(|e| match e.happened {
            Happened::Stage {
                to: Stage::Closed,
                reason,
            } => reason,
            _ => None,
        })
    }

    /// When the team gets back in touch with someone for whom it was not the right time: the
    /// day set after it was last closed, or twelve months after; `None` for any other enquiry.
    pub fn recontact_on(&self) -> Option<CalendarDate> {
        if self.closed_reason() != Some(ClosedReason::NotNow) {
            return None;
        }
        let closed = self.last_closed()?;
        let set = self.events[closed..]
            .iter()
            .rev()
            .find_map(|e| match e.happened {
                Happened::Recontact { on } => Some(on),
                _ => None,
            });
        Some(set.unwrap_or_else(|| {
            CalendarDate::uk_date_of(self.events[closed].at).add_months(RECONTACT_MONTHS)
        }))
    }

    /// Whether it is time to get back in touch on `today` and nobody has yet: a contact
    /// attempt on or after the day clears it.
    pub fn follow_up_due(&self, today: CalendarDate) -> bool {
        self.recontact_on().is_some_and(|on| {
            on <= today
                && !self.events.iter().any(|e| {
                    matches!(e.happened, Happened::Contact { .. })
                        && CalendarDate::uk_date_of(e.at) >= on
                })
        })
    }

    /// Whether the action may be taken on the enquiry as it stands.
    ///
    /// # Errors
    /// Why not, in plain words.
    pub fn allows(&self, action: &Action) -> Result<(), String> {
        match action {
            Action::Recontact(_) if self.closed_reason() != Some(ClosedReason::NotNow) => Err(
                "Only an enquiry closed as “Not the right time” has a day to get back in touch"
                    .to_owned(),
            ),
            _ => Ok(()),
        }
    }

    /// How the wait for a first contact stands at `now`.
    pub fn wait(&self, now: i64) -> Wait {
        Wait::of(self.received_at, self.first_contact_at(), now)
    }
}

/// How long someone waited, or has been waiting, for a first contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wait {
    pub seconds: i64,
    /// Whether they have been contacted yet.
    pub contacted: bool,
}

impl Wait {
    pub fn of(received_at: i64, first_contact_at: Option<i64>, now: i64) -> Self {
        Self {
            seconds: (first_contact_at.unwrap_or(now) - received_at).max(0),
            contacted: first_contact_at.is_some(),
        }
    }

    /// Whether the 24-hour promise was, or is being, missed.
    pub const fn over_target(self) -> bool {
        self.seconds > TARGET_HOURS * 3600
    }

    /// "Waiting 5 hours", "Contacted after 1 day 2 hours", "Waiting 30 hours: over 24 hours".
    pub fn words(self) -> String {
        let time = duration_words(self.seconds);
        match (self.contacted, self.over_target()) {
            (true, false) => format!("Contacted after {time}"),
            (true, true) => format!("Contacted after {time}: over the {TARGET_HOURS}-hour target"),
            (false, false) => format!(
                "Waiting {time}: {} left to reply",
                duration_words(TARGET_HOURS * 3600 - self.seconds)
            ),
            (false, true) => format!("Waiting {time}: over the {TARGET_HOURS}-hour target"),
        }
    }
}

/// "24 November 2026, 11:30pm": an instant on UK clocks, for the inbox and the history.
pub fn when_words(at: i64) -> String {
    let (date, time) = crate::date::uk_local_of(at);
    format!("{}, {}", date.long_form(), time.words())
}

/// A length of time in the largest sensible units: "40 minutes", "5 hours", "2 days 3 hours".
pub fn duration_words(seconds: i64) -> String {
    let plural = |n: i64, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    let minutes = seconds.max(0) / 60;
    let (days, hours) = (minutes / (24 * 60), minutes / 60 % 24);
    if minutes < 60 {
        plural(minutes, "minute")
    } else if days == 0 {
        plural(hours, "hour")
    } else if hours == 0 {
        plural(days, "day")
    } else {
        format!("{} {}", plural(days, "day"), plural(hours, "hour"))
    }
}

/// Which enquiries the inbox shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InboxView {
    /// Everything still being worked on.
    #[default]
    Open,
    /// Only those nobody has contacted yet.
    NotContacted,
    /// Closed as not the right time, and due to get back in touch.
    FollowUp,
    Approved,
    Closed,
    All,
}

impl InboxView {
    pub const ALL: [Self; 6] = [
        Self::Open,
        Self::NotContacted,
        Self::FollowUp,
        Self::Approved,
        Self::Closed,
        Self::All,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::NotContacted => "not_contacted",
            Self::FollowUp => "follow_up",
            Self::Approved => "approved",
            Self::Closed => "closed",
            Self::All => "all",
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::NotContacted => "Not contacted yet",
            Self::FollowUp => "Due to get back in touch",
            Self::Approved => "Approved",
            Self::Closed => "Closed",
            Self::All => "All",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == raw)
    }

    fn shows(self, record: &EnquiryRecord, today: CalendarDate) -> bool {
        match self {
            // A follow-up that is due is work to do, so it is in the inbox with the rest.
            Self::Open => record.stage.is_open() || record.follow_up_due(today),
            Self::NotContacted => record.stage.is_open() && record.first_contact_at().is_none(),
            Self::FollowUp => record.follow_up_due(today),
            Self::Approved => record.stage == Stage::Approved,
            Self::Closed => record.stage == Stage::Closed,
            Self::All => true,
        }
    }
}

/// The inbox on `today`: the enquiries `view` shows, those nobody has contacted yet first
/// (longest waiting first), then the rest by how long since anything last happened (longest
/// first). `mine` keeps only those given to that member of staff.
pub fn inbox<'a>(
    records: &'a [EnquiryRecord],
    view: InboxView,
    mine: Option<&str>,
    today: CalendarDate,
) -> Vec<&'a EnquiryRecord> {
    let mut shown: Vec<&EnquiryRecord> = records
        .iter()
        .filter(|r| view.shows(r, today))
        .filter(|r| mine.is_none_or(|id| r.assigned_to.as_ref().is_some_and(|a| a.id == id)))
        .collect();
    let last_touched = |r: &EnquiryRecord| r.events.last().map_or(r.received_at, |e| e.at);
    shown.sort_by_key(|r| {
        (
            r.first_contact_at().is_some(),
            if r.first_contact_at().is_some() {
                last_touched(r)
            } else {
                r.received_at
            },
            r.id.clone(),
        )
    });
    shown
}

/// What a member of staff does to an enquiry, as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionForm {
    /// "stage", "contact", "note" or "recontact".
    pub action: String,
    /// For a stage: the stage it is moving from, as the member of staff saw it.
    #[serde(default)]
    pub from: String,
    /// The stage, the kind of contact, or the day to get back in touch.
    #[serde(default)]
    pub choice: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub note: String,
}

/// An action, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Stage {
        from: Stage,
        to: Stage,
        reason: Option<ClosedReason>,
    },
    Contact(ContactKind),
    Note,
    Recontact(CalendarDate),
}

impl ActionForm {
    /// The action and its note, or what is wrong in plain words.
    pub fn parse(&self) -> Result<(Action, String), String> {
        let note = self.note.trim();
        if note.chars().count() > MOST_NOTE {
            return Err(format!("Notes must be {MOST_NOTE} characters or fewer"));
        }
        let action = match self.action.as_str() {
            "stage" => {
                let from = Stage::parse(&self.from)
                    .ok_or_else(|| "Reload the page and try again".to_owned())?;
                let to = Stage::parse(&self.choice)
                    .ok_or_else(|| "Choose the stage it has reached".to_owned())?;
                if to == from {
                    return Err(format!("The enquiry is already at “{}”", to.label()));
                }
                let reason = match (to, ClosedReason::parse(&self.reason)) {
                    (Stage::Closed, None) => {
                        return Err("Choose why the enquiry is closing".to_owned());
                    }
                    (Stage::Closed, reason) => reason,
                    _ => None,
                };
                if reason == Some(ClosedReason::Other) && note.is_empty() {
                    return Err("Say in the note why the enquiry is closing".to_owned());
                }
                Action::Stage { from, to, reason }
            }
            "contact" => Action::Contact(
                ContactKind::parse(&self.choice)
                    .ok_or_else(|| "Choose how you tried to contact them".to_owned())?,
            ),
            "recontact" => Action::Recontact(
                CalendarDate::parse(self.choice.trim())
                    .map_err(|_| "Enter the day to get back in touch, like 1/3/2027".to_owned())?,
            ),
            "note" if note.is_empty() => return Err("Enter a note".to_owned()),
            "note" => Action::Note,
            _ => return Err("Choose what to record".to_owned()),
        };
        Ok((action, note.to_owned()))
    }
}

impl Action {
    /// What the action adds to the history.
    pub fn happened(&self) -> Happened {
        match *self {
            Self::Stage { to, reason, .. } => Happened::Stage { to, reason },
            Self::Contact(how) => Happened::Contact { how },
            Self::Note => Happened::Note,
            Self::Recontact(on) => Happened::Recontact { on },
        }
    }
}

/// `GET /api/staff/enquiries`: every enquiry and who may be given one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnquiryList {
    pub enquiries: Vec<EnquiryRecord>,
    pub team: Vec<StaffMember>,
    /// The server's time, so waits are measured by its clock rather than the browser's.
    pub now: i64,
}

/// `PUT /api/staff/enquiries/{id}/handler`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignForm {
    /// A member of staff's id, or "" for nobody.
    pub staff_id: String,
}
