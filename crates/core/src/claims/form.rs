//! A claim as the carer types it, and the rules each kind of claim must meet: dates inside
//! the window the service allows, journeys with miles, a receipt for an expense, a child's
//! initials for an allowance, and amounts within the service's limits.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{ClaimAbout, ClaimKind, ClaimSettings, paid_contacts};
use crate::buddies::Contact;
use crate::date::CalendarDate;
use crate::payments::{ChildRef, Pence, Photo, check_photos};

/// The most journeys on one mileage claim: a month of school runs fits.
pub const MOST_JOURNEYS: usize = 40;
/// The longest single journey the portal accepts, in miles.
pub const MOST_MILES: u32 = 500;
/// The most one expense claim may be: larger costs are agreed with the social worker first.
pub const MOST_EXPENSE: Pence = match Pence::new(50_000) {
    Some(limit) => limit,
    None => Pence::ZERO,
};
/// The most one allowance claim may be.
pub const MOST_ALLOWANCE: Pence = match Pence::new(100_000) {
    Some(limit) => limit,
    None => Pence::ZERO,
};
/// The longest place name or description.
const MOST_PLACE: usize = 100;
const MOST_DESCRIPTION: usize = 2000;

/// Why a journey was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    Contact,
    School,
    Training,
    Health,
    Meeting,
    Other,
}

impl Purpose {
    pub const ALL: [Self; 6] = [
        Self::Contact,
        Self::School,
        Self::Training,
        Self::Health,
        Self::Meeting,
        Self::Other,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Contact => "contact",
            Self::School => "school",
            Self::Training => "training",
            Self::Health => "health",
            Self::Meeting => "meeting",
            Self::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == raw)
    }

    pub const fn label(self) -> &'static str {
        match self {
            Self::Contact => "Family time (contact)",
            Self::School => "School or nursery",
            Self::Training => "Training or a support group",
            Self::Health => "Health appointment",
            Self::Meeting => "Review, meeting or court",
            Self::Other => "Something else",
        }
    }
}

/// A distance in tenths of a mile, above nothing and at most `MOST_MILES`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Miles(u32);

impl Miles {
    /// Reads "12", "12.5" or "12.5 miles".
    ///
    /// # Errors
    /// Plain words saying what a distance looks like.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let text = raw.trim().trim_end_matches("miles").trim();
        let (whole, tenth) = text.split_once('.').unwrap_or((text, ""));
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty()
            || !digits(whole)
            || !digits(tenth)
            || tenth.len() > 1
            || whole.len() > 4
        {
            return Err("Enter the miles as a number, like 12 or 12.5".to_owned());
        }
        let whole: u32 = whole.parse().map_err(|_| "Enter the miles as a number")?;
        let tenth: u32 = if tenth.is_empty() {
            0
        } else {
            tenth.parse().map_err(|_| "Enter the miles as a number")?
        };
        Self::try_from(whole * 10 + tenth)
    }

    pub const fn tenths(self) -> u32 {
        self.0
    }

    /// The journey's amount at `pence_per_mile`, to the nearest penny (a half rounds up).
    pub fn at(self, pence_per_mile: u32) -> Pence {
        let pence = (i64::from(self.0) * i64::from(pence_per_mile) + 5) / 10;
        Pence::new(pence).unwrap_or(Pence::ZERO)
    }
}

impl TryFrom<u32> for Miles {
    type Error = String;

    fn try_from(tenths: u32) -> Result<Self, Self::Error> {
        if tenths == 0 {
            Err("Enter the miles of the journey, more than 0".to_owned())
        } else if tenths > MOST_MILES * 10 {
            Err(format!(
                "A journey can be at most {MOST_MILES} miles; claim a longer one in parts"
            ))
        } else {
            Ok(Self(tenths))
        }
    }
}

impl From<Miles> for u32 {
    fn from(miles: Miles) -> Self {
        miles.0
    }
}

impl fmt::Display for Miles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 % 10 {
            0 => write!(f, "{} miles", self.0 / 10),
            tenth => write!(f, "{}.{tenth} miles", self.0 / 10),
        }
    }
}

/// A journey as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JourneyForm {
    pub date: String,
    pub from: String,
    pub to: String,
    pub purpose: String,
    pub miles: String,
}

/// A checked journey, with its amount at the rate of its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journey {
    pub date: CalendarDate,
    pub from: String,
    pub to: String,
    pub purpose: Purpose,
    pub miles: Miles,
    pub pence_per_mile: u32,
    pub amount: Pence,
}

/// A claim as the carer types it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimForm {
    pub kind: String,
    /// A mileage claim's journeys.
    #[serde(default)]
    pub journeys: Vec<JourneyForm>,
    /// An expense's or allowance's date and amount; for a buddy's or mentor's time, the
    /// month's first day.
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub amount: String,
    /// Respite's last day (its first is `date`).
    #[serde(default)]
    pub until: String,
    /// An allowance's child: initials or reference.
    #[serde(default)]
    pub child: String,
    #[serde(default)]
    pub description: String,
    /// Receipts.
    #[serde(default)]
    pub photos: Vec<Photo>,
}

/// A claim form's fields, for error messages that link to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimField {
    Kind,
    /// A journey's field, by the journey's place (from 0).
    JourneyDate(usize),
    JourneyFrom(usize),
    JourneyTo(usize),
    JourneyPurpose(usize),
    JourneyMiles(usize),
    AddJourney,
    Date,
    Until,
    Month,
    Amount,
    Child,
    Description,
    Photos,
}

impl ClaimField {
    pub fn input_id(self) -> String {
        let journey = |n: usize, part: &str| format!("claim-journey-{}-{part}", n + 1);
        match self {
            Self::Kind => "claim-kind".to_owned(),
            Self::JourneyDate(n) => journey(n, "date"),
            Self::JourneyFrom(n) => journey(n, "from"),
            Self::JourneyTo(n) => journey(n, "to"),
            Self::JourneyPurpose(n) => journey(n, "purpose"),
            Self::JourneyMiles(n) => journey(n, "miles"),
            Self::AddJourney => "claim-add-journey".to_owned(),
            Self::Date => "claim-date".to_owned(),
            Self::Until => "claim-until".to_owned(),
            Self::Month => "claim-month".to_owned(),
            Self::Amount => "claim-amount".to_owned(),
            Self::Child => "claim-child".to_owned(),
            Self::Description => "claim-description".to_owned(),
            Self::Photos => "claim-photos".to_owned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimProblem {
    pub field: ClaimField,
    pub message: String,
}

/// Collects a form's problems, each with its field.
#[derive(Default)]
struct Problems(Vec<ClaimProblem>);

impl Problems {
    fn add(&mut self, field: ClaimField, message: impl Into<String>) {
        self.0.push(ClaimProblem {
            field,
            message: message.into(),
        });
    }

    /// A date inside the window: not after today, not before the earliest day allowed.
    fn date(
        &mut self,
        field: ClaimField,
        raw: &str,
        what: &str,
        window: (CalendarDate, CalendarDate),
    ) -> Option<CalendarDate> {
        let (earliest, today) = window;
        match CalendarDate::parse(raw.trim()) {
            Err(_) => {
                self.add(field, format!("Enter the date of {what}, like 2/11/2026"));
                None
            }
            Ok(date) if date > today => {
                self.add(
                    field,
                    format!(
                        "The date of {what} cannot be in the future; claim it on the day or after"
                    ),
                );
                None
            }
            Ok(date) if date < earliest => {
                self.add(
                    field,
                    format!(
                        "The date of {what} is too long ago: claims can go back to {}",
                        earliest.long_form()
                    ),
                );
                None
            }
            Ok(date) => Some(date),
        }
    }

    fn words(&mut self, field: ClaimField, raw: &str, what: &str, most: usize) -> String {
        let text = raw.trim();
        if text.is_empty() {
            self.add(field, format!("Enter {what}"));
        } else if text.chars().count() > most {
            self.add(field, format!("{what} must be {most} characters or fewer"));
        }
        text.to_owned()
    }

    /// Optional notes, trimmed, and no longer than the service keeps.
    fn notes(&mut self, raw: &str) -> String {
        let notes = raw.trim();
        if notes.chars().count() > MOST_DESCRIPTION {
            self.add(
                ClaimField::Description,
                format!("Notes must be {MOST_DESCRIPTION} characters or fewer"),
            );
        }
        notes.to_owned()
    }

    fn amount(&mut self, raw: &str, most: Pence) -> Option<Pence> {
        if raw.trim().is_empty() {
            self.add(ClaimField::Amount, "Enter the amount, like £25.00");
            return None;
        }
        match Pence::parse(raw) {
            Err(error) => {
                self.add(ClaimField::Amount, error.to_string());
                None
            }
            Ok(amount) if amount == Pence::ZERO => {
                self.add(ClaimField::Amount, "Enter an amount more than £0");
                None
            }
            Ok(amount) if amount > most => {
                self.add(
                    ClaimField::Amount,
                    format!(
                        "One claim can be at most {most}; talk to your social worker about more"
                    ),
                );
                None
            }
            Ok(amount) => Some(amount),
        }
    }
}

impl JourneyForm {
    fn parse(
        &self,
        n: usize,
        window: (CalendarDate, CalendarDate),
        settings: &ClaimSettings,
        problems: &mut Problems,
    ) -> Option<Journey> {
        let what = format!("journey {}", n + 1);
        let date = problems.date(ClaimField::JourneyDate(n), &self.date, &what, window);
        let from = problems.words(
            ClaimField::JourneyFrom(n),
            &self.from,
            &format!("where journey {} started", n + 1),
            MOST_PLACE,
        );
        let to = problems.words(
            ClaimField::JourneyTo(n),
            &self.to,
            &format!("where journey {} went to", n + 1),
            MOST_PLACE,
        );
        let purpose = Purpose::parse(&self.purpose);
        if purpose.is_none() {
            problems.add(
                ClaimField::JourneyPurpose(n),
                format!("Choose what journey {} was for", n + 1),
            );
        }
        let miles = Miles::parse(&self.miles)
            .map_err(|message| {
                problems.add(
                    ClaimField::JourneyMiles(n),
                    format!("Journey {}: {message}", n + 1),
                );
            })
            .ok();
        let (date, purpose, miles) = (date?, purpose?, miles?);
        if from.is_empty() || to.is_empty() {
            return None;
        }
        let pence_per_mile = settings.rate_on(date);
        Some(Journey {
            date,
            from,
            to,
            purpose,
            miles,
            pence_per_mile,
            amount: miles.at(pence_per_mile),
        })
    }
}

impl ClaimForm {
    /// Checks the form on `today` (the UK date) against the service's settings; `contacts`
    /// are the calls and meetings logged where the household is the buddy or mentor, which a
    /// claim for their time is computed from.
    ///
    /// # Errors
    /// Every problem, each with its field.
    pub fn parse(
        &self,
        today: CalendarDate,
        settings: &ClaimSettings,
        contacts: &[Contact],
    ) -> Result<ClaimAbout, Vec<ClaimProblem>> {
        let mut problems = Problems::default();
        let Some(kind) = ClaimKind::parse(&self.kind) else {
            problems.add(ClaimField::Kind, "Choose what you are claiming for");
            return Err(problems.0);
        };
        let window = (settings.earliest(today), today);
        if let Err(error) = check_photos(&self.photos) {
            problems.add(
                ClaimField::Photos,
                error.to_string().trim_end_matches('.').to_owned(),
            );
        }
        if kind.needs_receipt() && self.photos.is_empty() {
            problems.add(
                ClaimField::Photos,
                "Add a photo of the receipt: expenses are paid back against a receipt",
            );
        }
        let about = match kind {
            ClaimKind::Mileage => self.parse_mileage(window, settings, &mut problems),
            ClaimKind::Respite => self.parse_respite(window, settings, &mut problems),
            ClaimKind::Mentoring => self.parse_mentoring(window, settings, contacts, &mut problems),
            _ => self.parse_amount(kind, window, &mut problems),
        };
        match about {
            Some(about) if problems.0.is_empty() => Ok(about),
            _ => Err(problems.0),
        }
    }

    fn parse_mileage(
        &self,
        window: (CalendarDate, CalendarDate),
        settings: &ClaimSettings,
        problems: &mut Problems,
    ) -> Option<ClaimAbout> {
        if self.journeys.is_empty() {
            problems.add(ClaimField::AddJourney, "Add at least one journey");
            return None;
        }
        if self.journeys.len() > MOST_JOURNEYS {
            problems.add(
                ClaimField::AddJourney,
                format!("A claim can have at most {MOST_JOURNEYS} journeys; make a second claim for the rest"),
            );
            return None;
        }
        let journeys: Vec<Option<Journey>> = self
            .journeys
            .iter()
            .enumerate()
            .map(|(n, journey)| journey.parse(n, window, settings, problems))
            .collect();
        let journeys: Vec<Journey> = journeys.into_iter().collect::<Option<_>>()?;
        let description = problems.notes(&self.description);
        Some(ClaimAbout {
            kind: ClaimKind::Mileage,
            date: journeys.iter().map(|j| j.date).max()?,
            until: None,
            total: journeys.iter().map(|j| j.amount).sum(),
            journeys,
            child: None,
            description,
            photos: Vec::new(),
            contacts: Vec::new(),
        })
    }

    /// Respite is asked for ahead (up to a year), or for days just past.
    fn parse_respite(
        &self,
        (earliest, today): (CalendarDate, CalendarDate),
        settings: &ClaimSettings,
        problems: &mut Problems,
    ) -> Option<ClaimAbout> {
        let window = (earliest, today.add_days(366));
        let first = problems.date(
            ClaimField::Date,
            &self.date,
            "the first day of respite",
            window,
        );
        let last = problems.date(
            ClaimField::Until,
            &self.until,
            "the last day of respite",
            window,
        );
        let (first, last) = (first?, last?);
        let days = first.days_until(last) + 1;
        if days < 1 {
            problems.add(
                ClaimField::Until,
                "The last day of respite must be the same as or after the first day",
            );
            return None;
        }
        if first.year() != last.year() {
            problems.add(
                ClaimField::Until,
                "Ask for respite in one calendar year at a time: each year has its own days",
            );
            return None;
        }
        if days > i64::from(settings.respite_days) {
            problems.add(
                ClaimField::Until,
                format!(
                    "That is {days} days, and a household has {} respite days a year",
                    settings.respite_days
                ),
            );
            return None;
        }
        Some(ClaimAbout {
            kind: ClaimKind::Respite,
            journeys: Vec::new(),
            date: first,
            until: Some(last),
            child: None,
            description: problems.notes(&self.description),
            total: Pence::ZERO,
            photos: Vec::new(),
            contacts: Vec::new(),
        })
    }

    fn parse_amount(
        &self,
        kind: ClaimKind,
        window: (CalendarDate, CalendarDate),
        problems: &mut Problems,
    ) -> Option<ClaimAbout> {
        let what = if kind.is_allowance() {
            "the occasion"
        } else {
            "the expense"
        };
        let date = problems.date(ClaimField::Date, &self.date, what, window);
        let most = if kind.is_allowance() {
            MOST_ALLOWANCE
        } else {
            MOST_EXPENSE
        };
        let total = problems.amount(&self.amount, most);
        let child = if kind.is_allowance() {
            ChildRef::parse(&self.child)
                .map_err(|error| problems.add(ClaimField::Child, error.to_string()))
                .ok()
        } else {
            None
        };
        let description = if kind.is_allowance() {
            problems.notes(&self.description)
        } else {
            problems.words(
                ClaimField::Description,
                &self.description,
                "what the expense was for",
                MOST_DESCRIPTION,
            )
        };
        if kind.is_allowance() && child.is_none() {
            return None;
        }
        Some(ClaimAbout {
            kind,
            journeys: Vec::new(),
            date: date?,
            until: None,
            child,
            description,
            total: total?,
            photos: Vec::new(),
            contacts: Vec::new(),
        })
    }

    /// A month of a buddy's or mentor's time, once the month is over: every call and meeting
    /// in the contact log that month, at the hourly rate of its date.
    fn parse_mentoring(
        &self,
        (earliest, today): (CalendarDate, CalendarDate),
        settings: &ClaimSettings,
        contacts: &[Contact],
        problems: &mut Problems,
    ) -> Option<ClaimAbout> {
        let Ok(month) = CalendarDate::parse(self.date.trim()).map(CalendarDate::start_of_month)
        else {
            problems.add(ClaimField::Month, "Choose the month you are claiming for");
            return None;
        };
        let next = month.add_months(1);
        if next > today {
            problems.add(
                ClaimField::Month,
                format!(
                    "You can claim for {} once it is over, from {}",
                    month.month_words(),
                    next.long_form()
                ),
            );
            return None;
        }
        if next <= earliest {
            problems.add(
                ClaimField::Month,
                format!(
                    "{} is too long ago: claims can go back to {}",
                    month.month_words(),
                    earliest.long_form()
                ),
            );
            return None;
        }
        let paid = paid_contacts(contacts, month, settings);
        if paid.is_empty() {
            problems.add(
                ClaimField::Month,
                format!(
                    "There are no calls or meetings in your contact log in {}. Log them in Buddies first; messages are not paid",
                    month.month_words()
                ),
            );
            return None;
        }
        let description = problems.notes(&self.description);
        Some(ClaimAbout {
            kind: ClaimKind::Mentoring,
            journeys: Vec::new(),
            date: month,
            until: None,
            child: None,
            description,
            total: paid.iter().map(|c| c.amount).sum(),
            photos: Vec::new(),
            contacts: paid,
        })
    }
}
