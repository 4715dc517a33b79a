//! Training: the learning log's entries and their rules, the Training, Support and Development
//! (TSD) standards tracker, totals of hours, and mandatory training from the service's
//! catalogue.
//!
//! Everything here is decided on UK dates (see [`crate::date`]): the caller passes today's
//! date, and nothing reads a clock.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::date::{CalendarDate, DateRange};
use crate::details::{FieldError, Member, MemberRole, Text};
use crate::household::CarerType;
use crate::sync::{Mutator, Rejection};
use crate::text::csv_table;

/// How a piece of training was delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrainingFormat {
    FaceToFace,
    Webinar,
    ELearning,
    ReflectiveGroup,
    Other,
}

impl TrainingFormat {
    pub const ALL: [Self; 5] = [
        Self::FaceToFace,
        Self::Webinar,
        Self::ELearning,
        Self::ReflectiveGroup,
        Self::Other,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::FaceToFace => "face_to_face",
            Self::Webinar => "webinar",
            Self::ELearning => "e_learning",
            Self::ReflectiveGroup => "reflective_group",
            Self::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == raw)
    }

    pub const fn label(self) -> &'static str {
        match self {
            Self::FaceToFace => "Face to face",
            Self::Webinar => "Webinar",
            Self::ELearning => "E-learning",
            Self::ReflectiveGroup => "Reflective group",
            Self::Other => "Other",
        }
    }
}

/// One of the seven TSD standards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct TsdStandard(u8);

impl TsdStandard {
    pub const ALL: [Self; 7] = [
        Self(1),
        Self(2),
        Self(3),
        Self(4),
        Self(5),
        Self(6),
        Self(7),
    ];

    pub fn new(number: u8) -> Option<Self> {
        (1..=7).contains(&number).then_some(Self(number))
    }

    pub const fn number(self) -> u8 {
        self.0
    }

    pub const fn title(self) -> &'static str {
        match self.0 {
            1 => "Understand the principles and values essential for fostering",
            2 => "Understand your role as a foster carer",
            3 => "Understand health and safety, and healthy care",
            4 => "Know how to communicate effectively",
            5 => "Understand the development of children and young people",
            6 => "Keep children and young people safe from harm",
            _ => "Develop yourself",
        }
    }
}

impl TryFrom<u8> for TsdStandard {
    type Error = String;
    fn try_from(number: u8) -> Result<Self, String> {
        Self::new(number).ok_or_else(|| format!("there is no TSD standard {number}"))
    }
}

impl From<TsdStandard> for u8 {
    fn from(standard: TsdStandard) -> Self {
        standard.0
    }
}

/// How long a piece of training took: from 5 minutes to 40 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct Minutes(u16);

impl Minutes {
    pub const SHORTEST: u16 = 5;
    pub const LONGEST: u16 = 40 * 60;

    pub fn new(minutes: u16) -> Option<Self> {
        (Self::SHORTEST..=Self::LONGEST)
            .contains(&minutes)
            .then_some(Self(minutes))
    }

    pub const fn get(self) -> u16 {
        self.0
    }

    /// "1 hour 30 minutes", "45 minutes", "2 hours".
    pub fn words(self) -> String {
        let (hours, minutes) = (self.0 / 60, self.0 % 60);
        let plural = |n: u16, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
        match (hours, minutes) {
            (0, m) => plural(m, "minute"),
            (h, 0) => plural(h, "hour"),
            (h, m) => format!("{} {}", plural(h, "hour"), plural(m, "minute")),
        }
    }
}

impl TryFrom<u16> for Minutes {
    type Error = String;
    fn try_from(minutes: u16) -> Result<Self, String> {
        Self::new(minutes).ok_or_else(|| format!("{minutes} minutes is out of range"))
    }
}

impl From<Minutes> for u16 {
    fn from(minutes: Minutes) -> Self {
        minutes.0
    }
}

const TITLE_MAX: usize = 120;
const PROVIDER_MAX: usize = 120;
const CERTIFICATE_MAX: usize = 60;
const REFLECTION_MAX: usize = 2000;

/// A learning log entry as typed: every field a string (or a list of choices), so that
/// nothing the person typed is lost while they put a mistake right.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryForm {
    pub title: String,
    pub date: String,
    pub hours: String,
    pub minutes: String,
    pub format: String,
    pub provider: String,
    /// A course from the service's catalogue, or empty for a free-text title.
    pub course_id: String,
    pub standards: Vec<u8>,
    pub members: Vec<String>,
    pub certificate: String,
    pub learned: String,
    pub will_use: String,
}

/// The form's inputs, by the id of the field a problem is shown against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryField {
    Title,
    Date,
    Duration,
    Format,
    Provider,
    Standards,
    Members,
    Certificate,
    Learned,
    WillUse,
}

impl EntryField {
    pub const fn input_id(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Date => "date",
            Self::Duration => "hours",
            Self::Format => "format",
            Self::Provider => "provider",
            Self::Standards => "standards",
            Self::Members => "members",
            Self::Certificate => "certificate",
            Self::Learned => "learned",
            Self::WillUse => "will-use",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryProblem {
    pub field: EntryField,
    pub message: String,
}

/// A learning log entry that follows every rule. Built only by [`Entry::parse`] (or read back
/// from the server, which built it the same way).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub title: Text,
    pub date: CalendarDate,
    pub duration: Minutes,
    pub format: TrainingFormat,
    pub provider: Option<Text>,
    pub course_id: Option<String>,
    pub standards: BTreeSet<TsdStandard>,
    /// The household members who attended, by id: at least one.
    pub members: Vec<String>,
    pub certificate: Option<Text>,
    pub learned: Option<Text>,
    pub will_use: Option<Text>,
    /// Set by staff who have seen the evidence; editing the entry clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<Verification>,
}

/// Who confirmed an entry, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    pub by: String,
    pub on: CalendarDate,
}

/// An entry as staff see it: the entry, and the names of who attended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffEntry {
    pub entry: Entry,
    pub attended: Vec<String>,
}

fn optional_text(raw: &str, what: &'static str, max: usize) -> Result<Option<Text>, FieldError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        Text::parse(raw, what, max).map(Some)
    }
}

/// Reads "1" hour and "30" minutes (either may be empty) as 90 minutes.
fn duration(hours: &str, minutes: &str) -> Result<Minutes, &'static str> {
    let number = |raw: &str| -> Result<u32, &'static str> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(0);
        }
        raw.parse::<u32>()
            .map_err(|_| "Enter the hours and minutes as whole numbers, like 1 and 30.")
    };
    let (hours, minutes) = (number(hours)?, number(minutes)?);
    if hours > 0 && minutes >= 60 {
        return Err("Enter minutes from 0 to 59.");
    }
    match hours.saturating_mul(60).saturating_add(minutes) {
        0 => Err("Enter how long the training lasted."),
        total if total < u32::from(Minutes::SHORTEST) => {
            Err("Training must last at least 5 minutes.")
        }
        total => u16::try_from(total)
            .ok()
            .and_then(Minutes::new)
            .ok_or("Training must last no longer than 40 hours."),
    }
}

fn entry_date(raw: &str, today: CalendarDate) -> Result<CalendarDate, String> {
    match CalendarDate::parse(raw) {
        Ok(date) if date > today => Err("The date must be today or in the past.".to_owned()),
        Ok(date) => Ok(date),
        Err(_) if raw.trim().is_empty() => Err("Enter the date of the training.".to_owned()),
        Err(error) => Err(error.to_string()),
    }
}

fn standards(numbers: &[u8]) -> Result<BTreeSet<TsdStandard>, &'static str> {
    numbers
        .iter()
        .map(|n| TsdStandard::new(*n).ok_or("Select TSD standards from 1 to 7."))
        .collect()
}

/// Who attended, once each, all still in the household.
fn attendees(ids: &[String], household: &[Member]) -> Result<Vec<String>, &'static str> {
    if ids.is_empty() {
        return Err("Select who attended the training.");
    }
    let mut attended: Vec<String> = Vec::new();
    for id in ids {
        if !household.iter().any(|m| &m.id == id) {
            return Err(
                "Someone selected is no longer in your household. Select who attended again.",
            );
        }
        if !attended.contains(id) {
            attended.push(id.clone());
        }
    }
    Ok(attended)
}

impl Entry {
    /// Checks an entry as typed. `today` is the UK date (no entry is in the future);
    /// `household` is who may have attended.
    pub fn parse(
        id: &str,
        form: &EntryForm,
        today: CalendarDate,
        household: &[Member],
    ) -> Result<Self, Vec<EntryProblem>> {
        let mut problems = Vec::new();
        let mut problem = |field, message: String| problems.push(EntryProblem { field, message });

        let title = Text::parse(&form.title, "the title of the training", TITLE_MAX)
            .map_err(|e| problem(EntryField::Title, e.to_string()))
            .ok();
        let date = entry_date(&form.date, today)
            .map_err(|message| problem(EntryField::Date, message))
            .ok();
        let duration = duration(&form.hours, &form.minutes)
            .map_err(|message| problem(EntryField::Duration, message.to_owned()))
            .ok();
        let format = TrainingFormat::parse(&form.format);
        if format.is_none() {
            problem(
                EntryField::Format,
                "Select how the training was delivered.".to_owned(),
            );
        }
        let provider = optional_text(&form.provider, "the provider", PROVIDER_MAX)
            .map_err(|e| problem(EntryField::Provider, e.to_string()))
            .ok();
        let standards = standards(&form.standards)
            .map_err(|message| problem(EntryField::Standards, message.to_owned()))
            .ok();
        let members = attendees(&form.members, household)
            .map_err(|message| problem(EntryField::Members, message.to_owned()))
            .ok();
        let certificate = optional_text(
            &form.certificate,
            "the certificate reference",
            CERTIFICATE_MAX,
        )
        .map_err(|e| problem(EntryField::Certificate, e.to_string()))
        .ok();
        let learned = optional_text(&form.learned, "what you learned", REFLECTION_MAX)
            .map_err(|e| problem(EntryField::Learned, e.to_string()))
            .ok();
        let will_use = optional_text(&form.will_use, "how you will use it", REFLECTION_MAX)
            .map_err(|e| problem(EntryField::WillUse, e.to_string()))
            .ok();

        match (
            (title, date, duration, format),
            (provider, standards, members),
            (certificate, learned, will_use),
        ) {
            (
                (Some(title), Some(date), Some(duration), Some(format)),
                (Some(provider), Some(standards), Some(members)),
                (Some(certificate), Some(learned), Some(will_use)),
            ) if problems.is_empty() => Ok(Self {
                id: id.to_owned(),
                title,
                date,
                duration,
                format,
                provider,
                course_id: Some(form.course_id.trim().to_owned()).filter(|c| !c.is_empty()),
                standards,
                members,
                certificate,
                learned,
                will_use,
                verified: None,
            }),
            _ => Err(problems),
        }
    }
}

impl EntryForm {
    /// The form for changing an entry: the entry as it was typed, near enough.
    pub fn from_entry(entry: &Entry) -> Self {
        let minutes = entry.duration.get();
        let text = |t: &Option<Text>| {
            t.as_ref()
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default()
        };
        Self {
            title: entry.title.as_str().to_owned(),
            date: entry.date.to_string(),
            hours: (minutes / 60).to_string(),
            minutes: (minutes % 60).to_string(),
            format: entry.format.as_str().to_owned(),
            provider: text(&entry.provider),
            course_id: entry.course_id.clone().unwrap_or_default(),
            standards: entry.standards.iter().map(|s| s.number()).collect(),
            members: entry.members.clone(),
            certificate: text(&entry.certificate),
            learned: text(&entry.learned),
            will_use: text(&entry.will_use),
        }
    }

    /// Picks a course from the catalogue (or none, with `None`). The course's title fills an
    /// empty title (or one that was the previous course's), and the standards it covers are
    /// ticked; nothing the person typed or ticked is taken away.
    pub fn choose_course(&mut self, course: Option<&Course>, catalogue: &[Course]) {
        let previous = catalogue.iter().find(|c| c.id == self.course_id);
        let title_was_the_course = previous.is_some_and(|p| p.title == self.title.trim());
        if let Some(course) = course {
            if self.title.trim().is_empty() || title_was_the_course {
                self.title.clone_from(&course.title);
            }
            for standard in &course.standards {
                if !self.standards.contains(&standard.number()) {
                    self.standards.push(standard.number());
                }
            }
            self.standards.sort_unstable();
            self.course_id.clone_from(&course.id);
        } else {
            if title_was_the_course {
                self.title.clear();
            }
            self.course_id.clear();
        }
    }
}

/// The years the log has entries in, newest first, for the year filter.
pub fn entry_years(entries: &[Entry]) -> Vec<u16> {
    let years: BTreeSet<u16> = entries.iter().map(|e| e.date.year()).collect();
    years.into_iter().rev().collect()
}

/// Who attended, by name: a member since removed from the household is still counted, with
/// plain words in place of the name.
pub fn attendee_names(entry: &Entry, household: &[Member]) -> Vec<String> {
    entry
        .members
        .iter()
        .map(|id| {
            household.iter().find(|m| &m.id == id).map_or_else(
                || "Someone no longer in your household".to_owned(),
                |m| m.name.as_str().to_owned(),
            )
        })
        .collect()
}

/// The learning log as CSV for the annual review, in the order given.
pub fn learning_log_csv(entries: &[&Entry], household: &[Member]) -> String {
    let rows = entries.iter().map(|entry| {
        let text = |t: &Option<Text>| {
            t.as_ref()
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default()
        };
        let standards: Vec<String> = entry
            .standards
            .iter()
            .map(|s| s.number().to_string())
            .collect();
        [
            entry.date.to_string(),
            entry.title.as_str().to_owned(),
            hours(u32::from(entry.duration.get())),
            entry.format.label().to_owned(),
            text(&entry.provider),
            standards.join(" "),
            attendee_names(entry, household).join("; "),
            text(&entry.certificate),
            text(&entry.learned),
            text(&entry.will_use),
            entry
                .verified
                .as_ref()
                .map(|v| format!("{} on {}", v.by, v.on))
                .unwrap_or_default(),
        ]
    });
    csv_table(
        &[
            "Date",
            "Title",
            "Hours",
            "Format",
            "Provider",
            "TSD standards",
            "Who attended",
            "Certificate reference",
            "What I learned",
            "How I will use it",
            "Verified by the service",
        ],
        rows,
    )
}

/// Hours of training, in minutes: this calendar year, the last 12 months, and since approval.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub this_year: u32,
    pub last_12_months: u32,
    /// `None` for a household not yet approved.
    pub since_approval: Option<u32>,
}

/// The totals of `entries` on `today` (every range includes the whole of today).
pub fn totals(entries: &[Entry], today: CalendarDate, approved_on: Option<CalendarDate>) -> Totals {
    let sum = |range: Option<DateRange>| {
        range.map(|range| {
            entries
                .iter()
                .filter(|e| range.contains(e.date))
                .map(|e| u32::from(e.duration.get()))
                .sum()
        })
    };
    Totals {
        this_year: sum(DateRange::new(today.start_of_year(), today)).unwrap_or(0),
        last_12_months: sum(DateRange::new(today.add_months(-12).add_days(1), today)).unwrap_or(0),
        since_approval: approved_on
            .map(|approved| sum(DateRange::new(approved, today)).unwrap_or(0)),
    }
}

/// How many days before the TSD deadline it counts as due soon.
pub const DUE_SOON_DAYS: i64 = 60;

/// When the TSD standards must be evidenced: 12 months after approval, or 18 for family and
/// friends (connected) carers.
pub fn tsd_due(approved_on: CalendarDate, carer_type: CarerType) -> CalendarDate {
    let months = if carer_type == CarerType::FamilyAndFriends {
        18
    } else {
        12
    };
    approved_on.add_months(months)
}

/// Where the household's workbook stands against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum TsdState {
    /// Every carer has evidence for every standard.
    Complete,
    /// Not yet approved, so there is no deadline yet.
    NoDeadlineYet,
    OnTrack {
        days_left: i64,
    },
    DueSoon {
        days_left: i64,
    },
    Overdue {
        days_over: i64,
    },
}

impl TsdState {
    /// In words, never by colour alone.
    pub fn words(self) -> String {
        let days = |n: i64| format!("{n} day{}", if n == 1 { "" } else { "s" });
        match self {
            Self::Complete => "Complete".to_owned(),
            Self::NoDeadlineYet => "The deadline starts when you are approved".to_owned(),
            Self::OnTrack { days_left } => format!("On track: {} left", days(days_left)),
            Self::DueSoon { days_left: 0 } => "Due soon: due today".to_owned(),
            Self::DueSoon { days_left } => format!("Due soon: {} left", days(days_left)),
            Self::Overdue { days_over } => format!("Overdue by {}", days(days_over)),
        }
    }
}

/// One standard in the household's workbook: who has evidence for it, and who still needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandardProgress {
    pub standard: TsdStandard,
    /// Member ids of the carers with an entry evidencing it.
    pub evidenced: Vec<String>,
    /// Member ids of the carers still without one.
    pub missing: Vec<String>,
}

/// The household's TSD workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TsdTracker {
    pub due: Option<CalendarDate>,
    pub state: TsdState,
    pub standards: Vec<StandardProgress>,
}

impl TsdTracker {
    /// The workbook on `today`. Only carers (main and second) need TSD evidence; the
    /// household's other members may still attend and log training.
    pub fn new(
        entries: &[Entry],
        household: &[Member],
        approved_on: Option<CalendarDate>,
        carer_type: CarerType,
        today: CalendarDate,
    ) -> Self {
        let carers: Vec<&Member> = household
            .iter()
            .filter(|m| matches!(m.role, MemberRole::MainCarer | MemberRole::SecondCarer))
            .collect();
        let standards: Vec<StandardProgress> = TsdStandard::ALL
            .into_iter()
            .map(|standard| {
                let (evidenced, missing): (Vec<&Member>, Vec<&Member>) =
                    carers.iter().partition(|carer| {
                        entries.iter().any(|e| {
                            e.standards.contains(&standard) && e.members.contains(&carer.id)
                        })
                    });
                let ids = |list: Vec<&Member>| list.into_iter().map(|m| m.id.clone()).collect();
                StandardProgress {
                    standard,
                    evidenced: ids(evidenced),
                    missing: ids(missing),
                }
            })
            .collect();
        let complete = !carers.is_empty() && standards.iter().all(|s| s.missing.is_empty());
        let due = approved_on.map(|approved| tsd_due(approved, carer_type));
        let state = match (complete, due) {
            (true, _) => TsdState::Complete,
            (false, None) => TsdState::NoDeadlineYet,
            (false, Some(due)) => match today.days_until(due) {
                left if left < 0 => TsdState::Overdue { days_over: -left },
                left if left <= DUE_SOON_DAYS => TsdState::DueSoon { days_left: left },
                left => TsdState::OnTrack { days_left: left },
            },
        };
        Self {
            due,
            state,
            standards,
        }
    }
}

/// A course in the service's catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Course {
    pub id: String,
    pub title: String,
    pub category: String,
    /// The kinds of fostering for which it is mandatory (empty: optional for everyone).
    pub mandatory_for: Vec<CarerType>,
    /// How long it stays current, if it must be renewed.
    pub renewal_months: Option<u16>,
    pub standards: BTreeSet<TsdStandard>,
}

/// The catalogue as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseList {
    pub courses: Vec<Course>,
    /// Whether this member of staff may add and change courses.
    pub can_edit: bool,
}

/// Who may change the catalogue: the same staff who manage carers' records.
pub const fn can_manage_courses(role: crate::account::Role) -> bool {
    crate::carers::can_manage_carers(role)
}

/// A course as a member of staff types it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseForm {
    pub title: String,
    pub category: String,
    /// Kinds of fostering (their `as_str` names) for which the course is mandatory.
    pub mandatory_for: Vec<String>,
    /// Months until it must be done again, or empty if never.
    pub renewal_months: String,
    pub standards: Vec<u8>,
}

/// The course form's inputs, by the id a problem is shown against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CourseField {
    Title,
    Category,
    MandatoryFor,
    Renewal,
    Standards,
}

impl CourseField {
    pub const fn input_id(self) -> &'static str {
        match self {
            Self::Title => "course-title",
            Self::Category => "category",
            Self::MandatoryFor => "mandatory-for",
            Self::Renewal => "renewal",
            Self::Standards => "course-standards",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseProblem {
    pub field: CourseField,
    pub message: String,
}

impl Course {
    /// Checks a course as typed; `id` is the catalogue's id for it (new or existing).
    pub fn parse(id: &str, form: &CourseForm) -> Result<Self, Vec<CourseProblem>> {
        let mut problems = Vec::new();
        let mut problem = |field, message: String| problems.push(CourseProblem { field, message });
        let title = Text::parse(&form.title, "the course title", TITLE_MAX)
            .map_err(|e| problem(CourseField::Title, e.to_string()))
            .ok();
        let category = Text::parse(&form.category, "the category", 60)
            .map_err(|e| problem(CourseField::Category, e.to_string()))
            .ok();
        let mut mandatory_for = Vec::new();
        for name in &form.mandatory_for {
            match CarerType::parse(name) {
                Some(kind) if !mandatory_for.contains(&kind) => mandatory_for.push(kind),
                Some(_) => {}
                None => problem(
                    CourseField::MandatoryFor,
                    "Select kinds of fostering from the list.".to_owned(),
                ),
            }
        }
        let renewal_months = match form.renewal_months.trim() {
            "" => Some(None),
            raw => match raw.parse::<u16>() {
                Ok(months) if (1..=120).contains(&months) => Some(Some(months)),
                _ => {
                    problem(
                        CourseField::Renewal,
                        "Enter how many months until it must be done again, from 1 to 120, or leave it empty.".to_owned(),
                    );
                    None
                }
            },
        };
        let standards = standards(&form.standards)
            .map_err(|message| problem(CourseField::Standards, message.to_owned()))
            .ok();
        match (title, category, renewal_months, standards) {
            (Some(title), Some(category), Some(renewal_months), Some(standards))
                if problems.is_empty() =>
            {
                Ok(Self {
                    id: id.to_owned(),
                    title: title.to_string(),
                    category: category.to_string(),
                    mandatory_for,
                    renewal_months,
                    standards,
                })
            }
            _ => Err(problems),
        }
    }
}

/// A mandatory course, for this household: when it was last done and until when it counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MandatoryCourse<'a> {
    pub course: &'a Course,
    pub last_done: Option<CalendarDate>,
    /// `None` when never done, or when the course never needs renewing.
    pub expires: Option<CalendarDate>,
    pub state: MandatoryState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MandatoryState {
    NotDone,
    Current,
    ExpiresSoon,
    Expired,
}

impl MandatoryState {
    pub const fn words(self) -> &'static str {
        match self {
            Self::NotDone => "Not done yet",
            Self::Current => "Done",
            Self::ExpiresSoon => "Expires soon",
            Self::Expired => "Expired: do it again",
        }
    }
}

/// The courses mandatory for `carer_type`, each with the household's latest entry for it.
pub fn mandatory_training<'a>(
    catalogue: &'a [Course],
    carer_type: CarerType,
    entries: &[Entry],
    today: CalendarDate,
) -> Vec<MandatoryCourse<'a>> {
    catalogue
        .iter()
        .filter(|course| course.mandatory_for.contains(&carer_type))
        .map(|course| {
            let last_done = entries
                .iter()
                .filter(|e| e.course_id.as_deref() == Some(course.id.as_str()))
                .map(|e| e.date)
                .max();
            let expires = last_done
                .zip(course.renewal_months)
                .map(|(done, months)| done.add_months(i32::from(months)));
            let state = match (last_done, expires) {
                (None, _) => MandatoryState::NotDone,
                (Some(_), Some(expires)) if expires < today => MandatoryState::Expired,
                (Some(_), Some(expires)) if today.days_until(expires) <= DUE_SOON_DAYS => {
                    MandatoryState::ExpiresSoon
                }
                (Some(_), _) => MandatoryState::Current,
            };
            MandatoryCourse {
                course,
                last_done,
                expires,
                state,
            }
        })
        .collect()
}

/// The filters of "My learning". Empty filters match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LearningFilter {
    /// Words to find in the title, provider, certificate reference or reflection.
    pub words: String,
    pub year: Option<u16>,
    pub format: Option<TrainingFormat>,
    pub standard: Option<TsdStandard>,
    pub member: Option<String>,
}

impl LearningFilter {
    pub fn matches(&self, entry: &Entry) -> bool {
        let words = self.words.trim().to_lowercase();
        let text_matches = words.is_empty() || {
            let fields = [
                Some(&entry.title),
                entry.provider.as_ref(),
                entry.certificate.as_ref(),
                entry.learned.as_ref(),
                entry.will_use.as_ref(),
            ];
            words.split_whitespace().all(|word| {
                fields
                    .iter()
                    .flatten()
                    .any(|text| text.as_str().to_lowercase().contains(word))
            })
        };
        text_matches
            && self.year.is_none_or(|year| entry.date.year() == year)
            && self.format.is_none_or(|format| entry.format == format)
            && self
                .standard
                .is_none_or(|standard| entry.standards.contains(&standard))
            && self
                .member
                .as_ref()
                .is_none_or(|member| entry.members.contains(member))
    }

    /// The matching entries, newest first.
    pub fn apply<'a>(&self, entries: &'a [Entry]) -> Vec<&'a Entry> {
        let mut found: Vec<&Entry> = entries.iter().filter(|e| self.matches(e)).collect();
        found.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
        found
    }
}

/// A change to the learning log, as it travels from a device to the server. Entries are
/// whole records: an edit replaces the entry, and the last edit to reach the server wins (an
/// entry is one person's account of one piece of training, rarely edited on two devices).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrainingChange {
    /// Adds an entry, or replaces the household's entry with this id. The form is sent as
    /// typed and checked where it is applied, on the device and again on the server.
    Save { id: String, form: Box<EntryForm> },
    /// Removes an entry. Removing one that is already gone is not an error: two devices may
    /// both delete it.
    Delete { id: String },
}

impl TrainingChange {
    pub fn id(&self) -> &str {
        match self {
            Self::Save { id, .. } | Self::Delete { id } => id,
        }
    }
}

/// What learning log changes apply to: the household's entries (all of them on a device, the
/// ones a push touches on the server), who is in the household, and today's UK date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LearningLog {
    pub entries: BTreeMap<String, Entry>,
    pub household: Vec<Member>,
    pub today: Option<CalendarDate>,
}

/// One household's training, as the service's overview shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingSummary {
    pub tsd_due: Option<CalendarDate>,
    pub tsd: TsdState,
    /// How many standards still lack evidence, counted once per carer.
    pub evidence_missing: usize,
    pub minutes_this_year: u32,
    /// Mandatory courses not done, or done too long ago.
    pub mandatory_to_do: Vec<String>,
}

impl TrainingSummary {
    pub fn new(
        entries: &[Entry],
        household: &[Member],
        approved_on: Option<CalendarDate>,
        carer_type: CarerType,
        catalogue: &[Course],
        today: CalendarDate,
    ) -> Self {
        let tracker = TsdTracker::new(entries, household, approved_on, carer_type, today);
        Self {
            tsd_due: tracker.due,
            tsd: tracker.state,
            evidence_missing: tracker.standards.iter().map(|s| s.missing.len()).sum(),
            minutes_this_year: totals(entries, today, approved_on).this_year,
            mandatory_to_do: mandatory_training(catalogue, carer_type, entries, today)
                .into_iter()
                .filter(|m| matches!(m.state, MandatoryState::NotDone | MandatoryState::Expired))
                .map(|m| m.course.title.clone())
                .collect(),
        }
    }
}

/// A household in the staff training overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingRow {
    pub carer: crate::carers::CarerSummary,
    pub training: TrainingSummary,
}

/// `GET /api/staff/training`: every household's training, and the workers to filter by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingOverview {
    pub rows: Vec<TrainingRow>,
    pub workers: Vec<crate::carers::StaffMember>,
}

/// Hours from minutes, as people write them: "12", "1.5", "0.25".
pub fn hours(minutes: u32) -> String {
    let whole = minutes / 60;
    let hundredths = (minutes % 60) * 100 / 60;
    match hundredths {
        0 => whole.to_string(),
        h if h % 10 == 0 => format!("{whole}.{}", h / 10),
        h => format!("{whole}.{h:02}"),
    }
}

/// The overview as CSV, for the service's returns.
pub fn overview_csv(rows: &[TrainingRow]) -> String {
    let date = |d: Option<CalendarDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let lines = rows.iter().map(|row| {
        [
            row.carer.name.clone(),
            row.carer.area.clone(),
            row.carer.carer_type.label().to_owned(),
            row.carer
                .supervising_worker
                .as_ref()
                .map(|w| w.name.clone())
                .unwrap_or_default(),
            date(row.carer.approved_on),
            date(row.training.tsd_due),
            row.training.tsd.words(),
            row.training.evidence_missing.to_string(),
            hours(row.training.minutes_this_year),
            row.training.mandatory_to_do.join("; "),
        ]
    });
    csv_table(
        &[
            "Household",
            "Area",
            "Type of fostering",
            "Supervising social worker",
            "Approved on",
            "TSD due",
            "TSD status",
            "Standards still to evidence",
            "Hours this year",
            "Mandatory training to do",
        ],
        lines,
    )
}

/// Entry ids are chosen by devices; they must be plain so they can be keys anywhere.
fn valid_entry_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Mutator<LearningLog> for TrainingChange {
    fn apply(&self, log: &mut LearningLog) -> Result<(), Rejection> {
        if !valid_entry_id(self.id()) {
            return Err(Rejection::new(
                "invalid",
                "This training record could not be saved. Please add it again.",
            ));
        }
        match self {
            Self::Save { id, form } => {
                let today = log.today.ok_or_else(|| {
                    Rejection::new(
                        "invalid",
                        "Today's date is not known, so this could not be checked.",
                    )
                })?;
                let entry = Entry::parse(id, form, today, &log.household).map_err(|problems| {
                    let messages: Vec<String> = problems.into_iter().map(|p| p.message).collect();
                    // The device names a refused change only by its feature, so the reason
                    // names the record.
                    let title = form.title.trim();
                    let reason = if title.is_empty() {
                        messages.join(" ")
                    } else {
                        format!("“{title}”: {}", messages.join(" "))
                    };
                    Rejection::new("invalid", reason)
                })?;
                log.entries.insert(id.clone(), entry);
            }
            Self::Delete { id } => {
                log.entries.remove(id);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
