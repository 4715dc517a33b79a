//! Days in the calendar, as the fostering service counts them: UK dates, with no time of day.
//!
//! Deadlines, totals and "is this in the future" are all decided on dates. The core has no
//! clock: callers pass the instant (seconds since 1970, from the server's clock or the
//! browser's), and [`CalendarDate::uk_date_of`] turns it into the date in the UK at that
//! instant, British Summer Time included, so that an entry logged at 00:30 in summer counts for
//! the right day.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A day in the calendar, written `YYYY-MM-DD` on the wire and in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[must_use]
pub struct CalendarDate {
    year: u16,
    month: u8,
    day: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("Enter a date like 2025-09-12 (year, month, day).")]
    Format,
    #[error("Enter a real date: that month does not have that day.")]
    NoSuchDay,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl CalendarDate {
    /// Reads `YYYY-MM-DD`, also accepting `DD/MM/YYYY`, the way dates are usually typed in
    /// the UK.
    pub fn parse(raw: &str) -> Result<Self, DateError> {
        let raw = raw.trim();
        let parts: Vec<&str> = if raw.contains('/') {
            raw.split('/').rev().collect()
        } else {
            raw.split('-').collect()
        };
        let [year, month, day] = parts.as_slice() else {
            return Err(DateError::Format);
        };
        let number = |text: &str, digits: std::ops::RangeInclusive<usize>| {
            if digits.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
                text.parse::<u16>().map_err(|_| DateError::Format)
            } else {
                Err(DateError::Format)
            }
        };
        let year = number(year, 4..=4)?;
        let month = u8::try_from(number(month, 1..=2)?).map_err(|_| DateError::Format)?;
        let day = u8::try_from(number(day, 1..=2)?).map_err(|_| DateError::Format)?;
        if !(1900..=2999).contains(&year) || !(1..=12).contains(&month) {
            return Err(DateError::Format);
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::NoSuchDay);
        }
        Ok(Self { year, month, day })
    }

    /// The date for people: "12 September 2025".
    pub fn long_form(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }

    /// The date `days_since_1970` days after 1 January 1970 (days from a clock, in UTC).
    pub fn from_days_since_1970(days: i64) -> Self {
        // Howard Hinnant's civil-from-days algorithm, valid for every date this portal meets.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self {
            year: u16::try_from(year).unwrap_or(1970),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }
}

pub(crate) const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for CalendarDate {
    type Error = DateError;
    fn try_from(raw: String) -> Result<Self, DateError> {
        Self::parse(&raw)
    }
}

impl From<CalendarDate> for String {
    fn from(date: CalendarDate) -> Self {
        date.to_string()
    }
}

impl CalendarDate {
    pub const fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 for January.
    pub const fn month(self) -> u8 {
        self.month
    }

    /// "November 2026".
    pub fn month_words(self) -> String {
        format!("{} {}", MONTHS[usize::from(self.month - 1)], self.year)
    }

    /// Days since 1 January 1970 (negative before it), for counting days between dates.
    pub fn days_since_1970(self) -> i64 {
        // Howard Hinnant's days-from-civil algorithm, the inverse of `from_days_since_1970`.
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let yoe = year.rem_euclid(400);
        let mp = (month + 9) % 12;
        let doy = (153 * mp + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// How many days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Self) -> i64 {
        later.days_since_1970() - self.days_since_1970()
    }

    pub fn add_days(self, days: i64) -> Self {
        Self::from_days_since_1970(self.days_since_1970() + days)
    }

    /// The same day `months` later (or earlier, if negative); a day the other month lacks
    /// becomes its last day (31 January plus one month is 28 or 29 February), as deadlines
    /// "12 months after approval" are read.
    pub fn add_months(self, months: i32) -> Self {
        let index = i32::from(self.year) * 12 + i32::from(self.month) - 1 + months;
        let year = u16::try_from(index.div_euclid(12)).unwrap_or(1900);
        let month = u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1);
        Self {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// The first day of the date's month: how a month is named in claims and reports.
    pub const fn start_of_month(self) -> Self {
        Self {
            year: self.year,
            month: self.month,
            day: 1,
        }
    }

    /// The first day of the date's year.
    pub const fn start_of_year(self) -> Self {
        Self {
            year: self.year,
            month: 1,
            day: 1,
        }
    }

    pub const fn day_of_month(self) -> u8 {
        self.day
    }

    /// The day of the week, Monday first (0 is Monday, 6 is Sunday).
    pub fn weekday(self) -> u8 {
        // 1 January 1970 was a Thursday: day 3 of a week that starts on Monday.
        u8::try_from((self.days_since_1970() + 3).rem_euclid(7)).unwrap_or(0)
    }

    /// "Tuesday 24 November 2026".
    pub fn weekday_and_date(self) -> String {
        const DAYS: [&str; 7] = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        format!("{} {}", DAYS[usize::from(self.weekday())], self.long_form())
    }

    /// The last `weekday` (Monday is 0) of the date's month.
    pub fn last_weekday_of_month(self, weekday: u8) -> Self {
        let last = Self {
            day: days_in_month(self.year, self.month),
            ..self
        };
        last.add_days(-i64::from((last.weekday() + 7 - weekday % 7) % 7))
    }

    /// The `n`th (1 to 5) `weekday` of the date's month, if the month has one.
    pub fn nth_weekday_of_month(self, n: u8, weekday: u8) -> Option<Self> {
        let first = Self { day: 1, ..self };
        let offset = (weekday % 7 + 7 - first.weekday()) % 7;
        let day = 1 + offset + 7 * n.checked_sub(1)?;
        (day <= days_in_month(self.year, self.month)).then_some(Self { day, ..self })
    }

    /// The date in the UK at an instant given as seconds since 1970 (UTC). The UK keeps GMT in
    /// winter and BST (an hour ahead) from 01:00 UTC on the last Sunday of March until 01:00
    /// UTC on the last Sunday of October.
    pub fn uk_date_of(unix_seconds: i64) -> Self {
        uk_local_of(unix_seconds).0
    }
}

/// The instants (seconds since 1970, UTC) when British Summer Time starts and ends in `year`.
fn summer_time(year: u16) -> std::ops::Range<i64> {
    let switch = |month: u8| {
        let sunday = CalendarDate {
            year,
            month,
            day: 1,
        }
        .last_weekday_of_month(6);
        sunday.days_since_1970() * 86_400 + 3_600
    };
    switch(3)..switch(10)
}

/// How far the UK's clocks are ahead of UTC at an instant, in seconds.
fn uk_offset_at(unix_seconds: i64) -> i64 {
    let year = CalendarDate::from_days_since_1970(unix_seconds.div_euclid(86_400)).year;
    if summer_time(year).contains(&unix_seconds) {
        3_600
    } else {
        0
    }
}

/// The UK's date and time of day at an instant.
pub fn uk_local_of(unix_seconds: i64) -> (CalendarDate, LocalTime) {
    let local = unix_seconds + uk_offset_at(unix_seconds);
    let minutes = local.rem_euclid(86_400) / 60;
    let time = LocalTime {
        hour: u8::try_from(minutes / 60).unwrap_or(0),
        minute: u8::try_from(minutes % 60).unwrap_or(0),
    };
    (
        CalendarDate::from_days_since_1970(local.div_euclid(86_400)),
        time,
    )
}

/// The instant (seconds since 1970, UTC) at which UK clocks show `time` on `date`. In the hour
/// the clocks go back, which happens twice, it is the first (still summer time); a time the
/// clocks skip when they go forward is read as winter time, so 01:30 that morning is 02:30 BST.
pub fn uk_instant(date: CalendarDate, time: LocalTime) -> i64 {
    let wall = date.days_since_1970() * 86_400 + i64::from(time.minutes_since_midnight()) * 60;
    let in_summer = wall - 3_600;
    if uk_offset_at(in_summer) == 3_600 {
        in_summer
    } else {
        wall
    }
}

/// A time of day on UK clocks, to the minute, written `HH:MM`. Events keep their local time
/// across the change to and from summer time: a group that meets at 19:00 meets at 19:00 in
/// July and in December.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LocalTime {
    hour: u8,
    minute: u8,
}

impl LocalTime {
    /// Reads `19:00` or `9:30` (a 24-hour clock), or `7pm` and `7.30pm`.
    pub fn parse(raw: &str) -> Result<Self, TimeError> {
        let raw = raw.trim().to_ascii_lowercase();
        let (clock, shift) = if let Some(rest) = raw.strip_suffix("pm") {
            (rest.trim(), Some(12))
        } else if let Some(rest) = raw.strip_suffix("am") {
            (rest.trim(), Some(0))
        } else {
            (raw.as_str(), None)
        };
        let (hour, minute) = clock
            .split_once([':', '.'])
            .unwrap_or((clock, if shift.is_some() { "00" } else { "" }));
        let number = |text: &str| {
            (!text.is_empty() && text.len() <= 2 && text.bytes().all(|b| b.is_ascii_digit()))
                .then(|| text.parse::<u8>().ok())
                .flatten()
        };
        let (Some(mut hour), Some(minute)) = (number(hour), number(minute)) else {
            return Err(TimeError);
        };
        if let Some(shift) = shift {
            if !(1..=12).contains(&hour) {
                return Err(TimeError);
            }
            hour = hour % 12 + shift;
        }
        if hour > 23 || minute > 59 {
            return Err(TimeError);
        }
        Ok(Self { hour, minute })
    }

    pub const fn hour(self) -> u8 {
        self.hour
    }

    pub const fn minute(self) -> u8 {
        self.minute
    }

    pub const fn minutes_since_midnight(self) -> u16 {
        self.hour as u16 * 60 + self.minute as u16
    }

    /// As people read it: "7pm", "10:30am", "12 noon".
    pub fn words(self) -> String {
        match (self.hour, self.minute) {
            (12, 0) => "12 noon".to_owned(),
            (0, 0) => "midnight".to_owned(),
            (hour, minute) => {
                let suffix = if hour < 12 { "am" } else { "pm" };
                let twelve = match hour % 12 {
                    0 => 12,
                    h => h,
                };
                if minute == 0 {
                    format!("{twelve}{suffix}")
                } else {
                    format!("{twelve}:{minute:02}{suffix}")
                }
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("Enter a time like 19:00 or 7pm.")]
pub struct TimeError;

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl TryFrom<String> for LocalTime {
    type Error = TimeError;
    fn try_from(raw: String) -> Result<Self, TimeError> {
        Self::parse(&raw)
    }
}

impl From<LocalTime> for String {
    fn from(time: LocalTime) -> Self {
        time.to_string()
    }
}

/// A span of days, both ends included: "from 1 January to 31 December" includes every entry on
/// 31 December, whatever time of day it was logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    first: CalendarDate,
    last: CalendarDate,
}

impl DateRange {
    /// `None` if `last` is before `first`.
    pub fn new(first: CalendarDate, last: CalendarDate) -> Option<Self> {
        (first <= last).then_some(Self { first, last })
    }

    pub const fn first(self) -> CalendarDate {
        self.first
    }

    pub const fn last(self) -> CalendarDate {
        self.last
    }

    pub fn contains(self, date: CalendarDate) -> bool {
        self.first <= date && date <= self.last
    }
}

#[cfg(test)]
mod tests;
