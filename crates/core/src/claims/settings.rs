//! What the finance team sets for claims: the rate per mile and the rate per hour of a buddy's
//! or mentor's time, each from a date (each rate stays for what came before the next), and how
//! far back a claim may go.

use serde::{Deserialize, Serialize};

use crate::date::CalendarDate;
use crate::payments::Pence;

/// A rate per mile, paid for journeys on or after `from` until the next rate starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MileageRate {
    pub from: CalendarDate,
    pub pence_per_mile: u32,
}

/// A rate per hour of a buddy's or mentor's time with the carers they support, paid for
/// contacts on or after `from` until the next rate starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HourlyRate {
    pub from: CalendarDate,
    pub per_hour: Pence,
}

/// A rate that starts on a date.
trait Dated: Copy {
    fn from(&self) -> CalendarDate;
}

impl Dated for MileageRate {
    fn from(&self) -> CalendarDate {
        self.from
    }
}

impl Dated for HourlyRate {
    fn from(&self) -> CalendarDate {
        self.from
    }
}

/// The rate in force on `date`: the newest that started by then, or the first for a date
/// before any started.
fn in_force<R: Dated>(rates: &[R], date: CalendarDate) -> Option<R> {
    rates
        .iter()
        .rev()
        .find(|rate| rate.from() <= date)
        .or_else(|| rates.first())
        .copied()
}

/// Adds a rate from its date, replacing one that starts the same day; oldest first.
fn add_dated<R: Dated>(rates: &mut Vec<R>, rate: R) {
    rates.retain(|r| r.from() != rate.from());
    rates.push(rate);
    rates.sort_by_key(Dated::from);
}

/// The claim rules the service sets (`claim_settings`, a service record every device gets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimSettings {
    /// Oldest first; never empty.
    rates: Vec<MileageRate>,
    /// The most days before today a claim may be for.
    pub oldest_days: u16,
    /// A household's respite days each calendar year.
    #[serde(default = "default_respite")]
    pub respite_days: u16,
    /// Rates per hour of buddies' and mentors' time, oldest first; never empty.
    #[serde(default = "default_hourly")]
    hourly: Vec<HourlyRate>,
}

fn default_hourly() -> Vec<HourlyRate> {
    vec![HourlyRate {
        from: CalendarDate::from_days_since_1970(0),
        per_hour: FIRST_HOURLY,
    }]
}

/// The hourly rate before finance sets one: a little above the National Living Wage, as
/// sessional workers are paid.
const FIRST_HOURLY: Pence = match Pence::new(1_250) {
    Some(rate) => rate,
    None => Pence::ZERO,
};
/// The highest hourly rate finance may set.
const HIGHEST_HOURLY: Pence = match Pence::new(10_000) {
    Some(rate) => rate,
    None => Pence::ZERO,
};

const fn default_respite() -> u16 {
    RESPITE_DAYS
}

/// The respite allowance before finance sets another: Rotherham's plan offers 14 days a year.
const RESPITE_DAYS: u16 = 14;

/// The rate before finance sets any: HMRC's approved rate for the first 10,000 miles.
const FIRST_RATE: u32 = 45;
/// Three months: long enough for a carer who is behind, short enough for the budget.
const OLDEST_DAYS: u16 = 92;
/// The highest rate finance may set, well above any rate a council pays.
const HIGHEST_RATE: u32 = 200;

impl Default for ClaimSettings {
    fn default() -> Self {
        Self {
            rates: vec![MileageRate {
                from: CalendarDate::from_days_since_1970(0),
                pence_per_mile: FIRST_RATE,
            }],
            oldest_days: OLDEST_DAYS,
            respite_days: RESPITE_DAYS,
            hourly: default_hourly(),
        }
    }
}

impl ClaimSettings {
    /// Every rate, oldest first.
    pub fn rates(&self) -> &[MileageRate] {
        &self.rates
    }

    /// The rate per mile for a journey on `date`: the newest rate that started by then.
    pub fn rate_on(&self, date: CalendarDate) -> u32 {
        in_force(&self.rates, date).map_or(FIRST_RATE, |rate| rate.pence_per_mile)
    }

    /// Every hourly rate for buddies' and mentors' time, oldest first.
    pub fn hourly_rates(&self) -> &[HourlyRate] {
        &self.hourly
    }

    /// The hourly rate for a buddy's or mentor's contact on `date`.
    pub fn hourly_on(&self, date: CalendarDate) -> Pence {
        in_force(&self.hourly, date).map_or(FIRST_HOURLY, |rate| rate.per_hour)
    }

    /// The first day a claim on `today` may be for.
    pub fn earliest(&self, today: CalendarDate) -> CalendarDate {
        today.add_days(-i64::from(self.oldest_days))
    }

    /// Adds a rate from its date, replacing one that starts the same day.
    pub fn add_rate(&mut self, rate: MileageRate) {
        add_dated(&mut self.rates, rate);
    }

    /// Adds an hourly rate from its date, replacing one that starts the same day.
    pub fn add_hourly(&mut self, rate: HourlyRate) {
        add_dated(&mut self.hourly, rate);
    }
}

/// `PUT /api/staff/claims/settings`: a new rate from a date (both empty to leave the rates as
/// they are), and how many days back a claim may go.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsForm {
    pub rate_from: String,
    pub pence_per_mile: String,
    pub oldest_days: String,
    /// A household's respite days each year; empty leaves it as it is.
    #[serde(default)]
    pub respite_days: String,
    /// A new hourly rate for buddies' and mentors' time, and the date it starts (both empty to
    /// leave the rates as they are).
    #[serde(default)]
    pub hourly_from: String,
    #[serde(default)]
    pub per_hour: String,
}

impl SettingsForm {
    /// The settings after this form, from `settings` as they are.
    ///
    /// # Errors
    /// Every problem, in plain words.
    pub fn apply_to(&self, settings: &ClaimSettings) -> Result<ClaimSettings, Vec<String>> {
        let mut problems = Vec::new();
        let mut next = settings.clone();
        let from = self.rate_from.trim();
        let rate = self.pence_per_mile.trim();
        if !(from.is_empty() && rate.is_empty()) {
            let date = CalendarDate::parse(from).ok();
            if date.is_none() {
                problems.push("Enter the date the rate starts, like 1/4/2027".to_owned());
            }
            let pence = rate
                .trim_end_matches('p')
                .parse::<u32>()
                .ok()
                .filter(|p| (1..=HIGHEST_RATE).contains(p));
            if pence.is_none() {
                problems.push(format!(
                    "Enter the rate per mile in whole pence, from 1 to {HIGHEST_RATE}, like 45"
                ));
            }
            if let (Some(from), Some(pence_per_mile)) = (date, pence) {
                next.add_rate(MileageRate {
                    from,
                    pence_per_mile,
                });
            }
        }
        self.hourly_into(&mut next, &mut problems);
        if !self.oldest_days.trim().is_empty() {
            match self.oldest_days.trim().parse::<u16>() {
                Ok(days) if (7..=730).contains(&days) => next.oldest_days = days,
                _ => problems
                    .push("Enter how many days back a claim may go, from 7 to 730".to_owned()),
            }
        }
        if !self.respite_days.trim().is_empty() {
            match self.respite_days.trim().parse::<u16>() {
                Ok(days) if days <= 365 => next.respite_days = days,
                _ => problems.push(
                    "Enter a household's respite days a year as a number, from 0 to 365".to_owned(),
                ),
            }
        }
        if problems.is_empty() {
            Ok(next)
        } else {
            Err(problems)
        }
    }

    /// Adds the form's hourly rate, if it gives one, or says what is wrong with it.
    fn hourly_into(&self, next: &mut ClaimSettings, problems: &mut Vec<String>) {
        let from = self.hourly_from.trim();
        let rate = self.per_hour.trim();
        if from.is_empty() && rate.is_empty() {
            return;
        }
        let date = CalendarDate::parse(from).ok();
        if date.is_none() {
            problems.push("Enter the date the hourly rate starts, like 1/4/2027".to_owned());
        }
        let per_hour = Pence::parse(rate)
            .ok()
            .filter(|p| *p > Pence::ZERO && *p <= HIGHEST_HOURLY);
        if per_hour.is_none() {
            problems.push(format!(
                "Enter the hourly rate in pounds and pence, more than £0 and at most {HIGHEST_HOURLY}, like £12.50"
            ));
        }
        if let (Some(from), Some(per_hour)) = (date, per_hour) {
            next.add_hourly(HourlyRate { from, per_hour });
        }
    }
}
