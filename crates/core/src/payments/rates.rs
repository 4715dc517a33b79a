//! What carers are paid: the service's published rates, each table in force from its date
//! (rates change every April, and old tables stay for history), and an estimate of a week's
//! payment from them. It explains; it is not a payslip.

use serde::{Deserialize, Serialize};

use super::money::Pence;
use crate::date::CalendarDate;

/// The age bands the weekly fostering allowance is paid by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeBand {
    UpToTwo,
    ThreeToFour,
    FiveToTen,
    ElevenToFifteen,
    SixteenToSeventeen,
}

impl AgeBand {
    pub const ALL: [Self; 5] = [
        Self::UpToTwo,
        Self::ThreeToFour,
        Self::FiveToTen,
        Self::ElevenToFifteen,
        Self::SixteenToSeventeen,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::UpToTwo => "0_2",
            Self::ThreeToFour => "3_4",
            Self::FiveToTen => "5_10",
            Self::ElevenToFifteen => "11_15",
            Self::SixteenToSeventeen => "16_17",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.as_str() == raw)
    }

    /// "aged 5 to 10".
    pub const fn words(self) -> &'static str {
        match self {
            Self::UpToTwo => "aged 0 to 2",
            Self::ThreeToFour => "aged 3 to 4",
            Self::FiveToTen => "aged 5 to 10",
            Self::ElevenToFifteen => "aged 11 to 15",
            Self::SixteenToSeventeen => "aged 16 to 17",
        }
    }

    const fn index(self) -> usize {
        match self {
            Self::UpToTwo => 0,
            Self::ThreeToFour => 1,
            Self::FiveToTen => 2,
            Self::ElevenToFifteen => 3,
            Self::SixteenToSeventeen => 4,
        }
    }
}

/// A skills fee level and its weekly amount (paid per household, on top of allowances).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillsLevel {
    pub name: String,
    pub weekly: Pence,
}

/// Another payment the service makes, in words ("Birthday: one week's allowance").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extra {
    pub name: String,
    pub amount: String,
}

/// The rates in force from a date until the next table's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateTable {
    pub effective_from: CalendarDate,
    /// The weekly allowance per child, by [`AgeBand`] in order.
    pub allowance: [Pence; 5],
    pub skills: Vec<SkillsLevel>,
    pub extras: Vec<Extra>,
}

impl RateTable {
    pub const fn allowance_for(&self, band: AgeBand) -> Pence {
        self.allowance[band.index()]
    }

    /// "2026/27 rates", for a table from April; otherwise "rates from 1 May 2026".
    pub fn name(&self) -> String {
        let from = self.effective_from;
        if from.month() == 4 && from.day_of_month() <= 7 {
            format!("{}/{:02} rates", from.year(), (from.year() + 1) % 100)
        } else {
            format!("rates from {}", from.long_form())
        }
    }
}

/// Every rate table the service has published (`payment_rates`, one service record).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rates {
    /// Oldest first.
    pub tables: Vec<RateTable>,
}

/// A week's expected payment, line by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Estimate {
    pub lines: Vec<(String, Pence)>,
    pub total: Pence,
}

impl Rates {
    /// The table in force on `date`: the latest that started on or before it.
    pub fn on(&self, date: CalendarDate) -> Option<&RateTable> {
        self.tables
            .iter()
            .filter(|t| t.effective_from <= date)
            .max_by_key(|t| t.effective_from)
    }

    /// Adds a table, keeping them in date order.
    ///
    /// # Errors
    /// When a table already starts on that date.
    pub fn add(&mut self, table: RateTable) -> Result<(), String> {
        if self
            .tables
            .iter()
            .any(|t| t.effective_from == table.effective_from)
        {
            return Err(format!(
                "There are already rates from {}. Choose another date.",
                table.effective_from.long_form()
            ));
        }
        self.tables.push(table);
        self.tables.sort_by_key(|t| t.effective_from);
        Ok(())
    }

    /// What the week from `week_start` should pay for children in `children` (one band per
    /// child) and the household's skills level (by name), at the rates in force each day: a
    /// week across a change of rates is paid for each day at that day's rates.
    ///
    /// # Errors
    /// Plain words when no rates cover a day of the week, or the skills level is unknown.
    pub fn week(
        &self,
        week_start: CalendarDate,
        children: &[AgeBand],
        skills: Option<&str>,
    ) -> Result<Estimate, String> {
        // Consecutive days at the same table, as (table, days).
        let mut spans: Vec<(&RateTable, u8)> = Vec::new();
        for day in 0..7 {
            let date = week_start.add_days(day);
            let table = self
                .on(date)
                .ok_or_else(|| format!("There are no published rates for {}.", date.long_form()))?;
            match spans.last_mut() {
                Some((last, days)) if std::ptr::eq(*last, table) => *days += 1,
                _ => spans.push((table, 1)),
            }
        }
        let split = spans.len() > 1;
        let mut lines = Vec::new();
        for (table, days) in spans {
            let when = if split {
                format!(
                    ", {} {} at {}",
                    days,
                    if days == 1 { "day" } else { "days" },
                    table.name()
                )
            } else {
                String::new()
            };
            for band in AgeBand::ALL {
                let count = children.iter().filter(|c| **c == band).count();
                if count == 0 {
                    continue;
                }
                let each = table.allowance_for(band).for_days(days);
                let who = if count == 1 {
                    format!("Allowance for a child {}", band.words())
                } else {
                    format!("Allowance for {count} children {}", band.words())
                };
                lines.push((
                    format!("{who}{when}"),
                    each.times(u32::try_from(count).unwrap_or(u32::MAX)),
                ));
            }
            if let Some(name) = skills {
                let level = table
                    .skills
                    .iter()
                    .find(|l| l.name == name)
                    .ok_or_else(|| {
                        format!("The skills fee level “{name}” is not in {}.", table.name())
                    })?;
                lines.push((
                    format!("Skills fee, {}{when}", level.name),
                    level.weekly.for_days(days),
                ));
            }
        }
        let total = lines.iter().map(|(_, amount)| *amount).sum();
        Ok(Estimate { lines, total })
    }
}

/// A new rate table as finance staff type it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateForm {
    pub effective_from: String,
    /// The weekly allowance for each [`AgeBand`], in order.
    pub allowance: [String; 5],
    /// One level per line: its name, then the weekly amount ("Level 2 £150.00").
    pub skills: String,
    /// One per line: a name, a colon, then the amount in words ("Birthday: £194").
    pub extras: String,
}

/// The input ids of a rate form's fields, for error summaries.
pub const RATE_FIELDS: [&str; 8] = [
    "rates-from",
    "rates-0_2",
    "rates-3_4",
    "rates-5_10",
    "rates-11_15",
    "rates-16_17",
    "rates-skills",
    "rates-extras",
];

impl RateForm {
    /// The form filled in from a table, to start next year's from this year's.
    pub fn of(table: &RateTable) -> Self {
        Self {
            effective_from: table.effective_from.to_string(),
            allowance: table.allowance.map(Pence::as_typed),
            skills: table
                .skills
                .iter()
                .map(|l| format!("{} £{}", l.name, l.weekly.as_typed()))
                .collect::<Vec<_>>()
                .join("\n"),
            extras: table
                .extras
                .iter()
                .map(|e| format!("{}: {}", e.name, e.amount))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    /// # Errors
    /// Each problem with the input id of its field, in plain words.
    pub fn parse(&self) -> Result<RateTable, Vec<(&'static str, String)>> {
        let mut problems = Vec::new();
        let effective_from = CalendarDate::parse(self.effective_from.trim())
            .map_err(|_| {
                problems.push((
                    RATE_FIELDS[0],
                    "Enter the date these rates start, like 6/4/2027".to_owned(),
                ));
            })
            .ok();
        let mut allowance = [Pence::ZERO; 5];
        for (n, band) in AgeBand::ALL.into_iter().enumerate() {
            match Pence::parse(&self.allowance[n]) {
                Ok(amount) if amount > Pence::ZERO => allowance[n] = amount,
                _ => problems.push((
                    RATE_FIELDS[n + 1],
                    format!(
                        "Enter the weekly allowance for a child {}, like £194.00",
                        band.words()
                    ),
                )),
            }
        }
        let mut skills = Vec::new();
        for line in self.skills.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let parsed = line
                .rsplit_once(' ')
                .filter(|(_, amount)| amount.starts_with('£'))
                .and_then(|(name, amount)| Some((name.trim(), Pence::parse(amount).ok()?)))
                .filter(|(name, _)| !name.is_empty());
            match parsed {
                Some((name, weekly)) => skills.push(SkillsLevel {
                    name: name.to_owned(),
                    weekly,
                }),
                None => problems.push((
                    RATE_FIELDS[6],
                    format!("Write “{line}” as the level's name, then its weekly amount, like “Level 2 £150.00”"),
                )),
            }
        }
        let mut extras = Vec::new();
        for line in self.extras.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match line.split_once(':') {
                Some((name, amount)) if !name.trim().is_empty() && !amount.trim().is_empty() => {
                    extras.push(Extra {
                        name: name.trim().to_owned(),
                        amount: amount.trim().to_owned(),
                    });
                }
                _ => problems.push((
                    RATE_FIELDS[7],
                    format!(
                        "Write “{line}” as a name, a colon, then the amount, like “Birthday: £194”"
                    ),
                )),
            }
        }
        match effective_from {
            Some(effective_from) if problems.is_empty() => Ok(RateTable {
                effective_from,
                allowance,
                skills,
                extras,
            }),
            _ => Err(problems),
        }
    }
}

/// The calculator as a carer fills it in: the week, how many children in each age band, and
/// the household's skills fee level (empty for none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EstimateForm {
    pub week_start: String,
    pub children: [String; 5],
    pub skills: String,
}

/// The input ids of the calculator's fields, for error summaries.
pub const ESTIMATE_FIELDS: [&str; 7] = [
    "estimate-week",
    "estimate-0_2",
    "estimate-3_4",
    "estimate-5_10",
    "estimate-11_15",
    "estimate-16_17",
    "estimate-skills",
];

impl EstimateForm {
    /// # Errors
    /// Each problem with the input id of its field, in plain words.
    pub fn estimate(&self, rates: &Rates) -> Result<Estimate, Vec<(&'static str, String)>> {
        let mut problems = Vec::new();
        let week = CalendarDate::parse(self.week_start.trim());
        if week.is_err() {
            problems.push((
                ESTIMATE_FIELDS[0],
                "Enter the first day of the week, like 2/11/2026".to_owned(),
            ));
        }
        let mut children = Vec::new();
        for (n, band) in AgeBand::ALL.into_iter().enumerate() {
            let typed = self.children[n].trim();
            match (typed.is_empty(), typed.parse::<u8>()) {
                (true, _) => {}
                (false, Ok(count)) if count <= 12 => {
                    children.extend(std::iter::repeat_n(band, usize::from(count)));
                }
                _ => problems.push((
                    ESTIMATE_FIELDS[n + 1],
                    format!(
                        "Enter how many children {} you care for, from 0 to 12",
                        band.words()
                    ),
                )),
            }
        }
        if problems.is_empty() && children.is_empty() && self.skills.is_empty() {
            problems.push((
                ESTIMATE_FIELDS[1],
                "Enter how many children you care for in at least one age band".to_owned(),
            ));
        }
        match week {
            Ok(week) if problems.is_empty() => {
                let skills = Some(self.skills.as_str()).filter(|s| !s.is_empty());
                rates
                    .week(week, &children, skills)
                    .map_err(|message| vec![(ESTIMATE_FIELDS[0], message)])
            }
            _ => Err(problems),
        }
    }
}
