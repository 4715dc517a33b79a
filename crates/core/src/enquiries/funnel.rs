//! The recruitment funnel: how many enquiries reached each stage month by month (the table
//! councils report to scrutiny committees), how many of those received went on to each stage,
//! how long the first contact and each stage took, and where enquiries came from.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::HeardFrom;
use super::recruitment::{ClosedReason, EnquiryRecord, Stage, TARGET_HOURS};
use crate::date::CalendarDate;
use crate::payments::numbers::median;
use crate::text::csv_table;

/// One month of the table: how many enquiries entered each stage in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRow {
    /// The month's first day.
    pub month: CalendarDate,
    /// One count for each of `Stage::FUNNEL`, in order.
    pub reached: Vec<u32>,
    pub closed: u32,
}

/// How many of the enquiries received in the period reached a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversion {
    pub stage: Stage,
    pub count: u32,
    /// The median days from the enquiry to reaching the stage, of those who did.
    pub median_days: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub heard_from: HeardFrom,
    pub enquiries: u32,
    /// How many of those became applications.
    pub applications: u32,
}

/// A foster carer who referred people, by the name the enquirers gave, and how far those
/// enquiries went: the service thanks carers who refer a friend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub by: String,
    pub enquiries: u32,
    pub applications: u32,
    pub approved: u32,
}

/// How far a group of applications went: how many were approved, and how many closed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcomes {
    pub applications: u32,
    pub approved: u32,
    pub closed: u32,
}

/// Applications with a mentor (both said yes) against those without: the plans pair
/// prospective carers with a mentor to keep them through assessment, and this is how the
/// service sees whether it does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mentoring {
    pub mentored: Outcomes,
    pub others: Outcomes,
}

impl Mentoring {
    /// Of the enquiries received that became applications, split by whether the enquiry's
    /// applicant had a mentor (`mentored` holds those enquiries' ids).
    fn of(received: &[&EnquiryRecord], mentored: &BTreeSet<String>) -> Self {
        let mut split = Self::default();
        for record in received {
            if record.reached_at(Stage::Application).is_none() {
                continue;
            }
            let group = if mentored.contains(&record.id) {
                &mut split.mentored
            } else {
                &mut split.others
            };
            group.applications += 1;
            group.approved += u32::from(record.reached_at(Stage::Approved).is_some());
            group.closed += u32::from(record.closed_on().is_some());
        }
        split
    }
}

/// The funnel for the months from `first` to `last`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funnel {
    pub first: CalendarDate,
    pub last: CalendarDate,
    pub months: Vec<MonthRow>,
    /// Enquiries received in the period.
    pub received: u32,
    /// For each stage after the first, of the enquiries received in the period.
    pub conversions: Vec<Conversion>,
    /// Of those received in the period, how many have been contacted, and how many of them
    /// within the 24-hour target.
    pub contacted: u32,
    pub contacted_in_time: u32,
    /// The median hours from the enquiry to the first contact.
    pub median_hours_to_contact: Option<i64>,
    pub sources: Vec<Source>,
    pub closed_reasons: Vec<(ClosedReason, u32)>,
    /// Carers who referred people, most referrals first.
    #[serde(default)]
    pub referrals: Vec<Referral>,
    /// Applications with a mentor against those without.
    #[serde(default)]
    pub mentoring: Mentoring,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Where the enquiries came from, and how many of each became applications.
fn sources(received: &[&EnquiryRecord]) -> Vec<Source> {
    HeardFrom::ALL
        .iter()
        .map(|heard_from| {
            let from: Vec<_> = received
                .iter()
                .filter(|r| r.enquiry.heard_from == *heard_from)
                .collect();
            Source {
                heard_from: *heard_from,
                enquiries: count(from.len()),
                applications: count(
                    from.iter()
                        .filter(|r| r.reached_at(Stage::Application).is_some())
                        .count(),
                ),
            }
        })
        .filter(|s| s.enquiries > 0)
        .collect()
}

/// Who referred the enquiries, with names told apart only by case or spaces counted as one.
fn referrals(received: &[&EnquiryRecord]) -> Vec<Referral> {
    let mut found: Vec<(String, Referral)> = Vec::new();
    for record in received {
        let Some(by) = &record.enquiry.referred_by else {
            continue;
        };
        let key = by
            .as_str()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let at = found
            .iter()
            .position(|(k, _)| *k == key)
            .unwrap_or_else(|| {
                found.push((
                    key,
                    Referral {
                        by: by.as_str().to_owned(),
                        enquiries: 0,
                        applications: 0,
                        approved: 0,
                    },
                ));
                found.len() - 1
            });
        let referral = &mut found[at].1;
        referral.enquiries += 1;
        referral.applications += u32::from(record.reached_at(Stage::Application).is_some());
        referral.approved += u32::from(record.reached_at(Stage::Approved).is_some());
    }
    let mut referrals: Vec<Referral> = found.into_iter().map(|(_, r)| r).collect();
    referrals.sort_by(|a, b| b.enquiries.cmp(&a.enquiries).then(a.by.cmp(&b.by)));
    referrals
}

/// Why those closed were closed.
fn closed_reasons(received: &[&EnquiryRecord]) -> Vec<(ClosedReason, u32)> {
    ClosedReason::ALL
        .iter()
        .map(|reason| {
            let closed = received
                .iter()
                .filter(|r| r.closed_reason() == Some(*reason))
                .count();
            (*reason, count(closed))
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// "12 of 40 (30%)", or "0 of 0" when there is nothing to divide by.
pub fn share_words(count: u32, of: u32) -> String {
    if of == 0 {
        return format!("{count} of 0");
    }
    let percent = (f64::from(count) * 100.0 / f64::from(of)).round();
    format!("{count} of {of} ({percent}%)")
}

impl Funnel {
    /// The funnel of `records` for the `months` months ending with the one `today` is in;
    /// `mentored` holds the enquiries whose applicant had a mentor.
    pub fn of(
        records: &[EnquiryRecord],
        mentored: &BTreeSet<String>,
        today: CalendarDate,
        months: u8,
    ) -> Self {
        let last = today.start_of_month();
        let first = last.add_months(1 - i32::from(months.max(1)));
        let end = last.add_months(1);
        let within = |at: i64| {
            let day = CalendarDate::uk_date_of(at);
            (first <= day && day < end).then(|| day.start_of_month())
        };
        let mut rows: Vec<MonthRow> = (0..i32::from(months.max(1)))
            .map(|n| MonthRow {
                month: first.add_months(n),
                reached: vec![0; Stage::FUNNEL.len()],
                closed: 0,
            })
            .collect();
        let row = |rows: &mut Vec<MonthRow>, month: CalendarDate| {
            rows.iter().position(|r| r.month == month)
        };
        for record in records {
            for (at, stage) in Stage::FUNNEL.into_iter().enumerate() {
                if let Some(month) = record.reached_at(stage).and_then(within)
                    && let Some(r) = row(&mut rows, month)
                {
                    rows[r].reached[at] += 1;
                }
            }
            if let Some(closed) = record.closed_on()
                && first <= closed
                && closed < end
                && let Some(r) = row(&mut rows, closed.start_of_month())
            {
                rows[r].closed += 1;
            }
        }
        let received: Vec<&EnquiryRecord> = records
            .iter()
            .filter(|r| within(r.received_at).is_some())
            .collect();
        let conversions = Stage::FUNNEL[1..]
            .iter()
            .map(|stage| {
                let days: Vec<i64> = received
                    .iter()
                    .filter_map(|r| r.reached_at(*stage).map(|at| (at - r.received_at) / 86_400))
                    .collect();
                Conversion {
                    stage: *stage,
                    count: count(days.len()),
                    median_days: median(days),
                }
            })
            .collect();
        let waits: Vec<i64> = received
            .iter()
            .filter_map(|r| r.first_contact_at().map(|at| at - r.received_at))
            .collect();
        let (sources, closed_reasons) = (sources(&received), closed_reasons(&received));
        Self {
            first,
            last,
            months: rows,
            received: count(received.len()),
            conversions,
            contacted: count(waits.len()),
            contacted_in_time: count(waits.iter().filter(|w| **w <= TARGET_HOURS * 3600).count()),
            median_hours_to_contact: median(waits.iter().map(|w| w / 3600).collect()),
            sources,
            closed_reasons,
            referrals: referrals(&received),
            mentoring: Mentoring::of(&received, mentored),
        }
    }

    /// The monthly table's totals.
    pub fn totals(&self) -> MonthRow {
        let mut total = MonthRow {
            month: self.first,
            reached: vec![0; Stage::FUNNEL.len()],
            closed: 0,
        };
        for row in &self.months {
            for (sum, n) in total.reached.iter_mut().zip(&row.reached) {
                *sum += n;
            }
            total.closed += row.closed;
        }
        total
    }

    /// The monthly table and the sources, as a spreadsheet.
    pub fn csv(&self) -> String {
        let header: Vec<&str> = std::iter::once("Month")
            .chain(Stage::FUNNEL.iter().map(|stage| stage.label()))
            .chain(std::iter::once("Closed"))
            .collect();
        let total = self.totals();
        let months = self
            .months
            .iter()
            .map(|r| (r.month.month_words(), r))
            .chain(std::iter::once(("Total".to_owned(), &total)))
            .map(|(label, row)| {
                std::iter::once(label)
                    .chain(row.reached.iter().map(u32::to_string))
                    .chain(std::iter::once(row.closed.to_string()))
                    .collect::<Vec<_>>()
            });
        let sources = self.sources.iter().map(|source| {
            [
                source.heard_from.label().to_owned(),
                source.enquiries.to_string(),
                source.applications.to_string(),
            ]
        });
        // Two tables in one file, a blank line between, as the service's returns lay them out.
        let mut out = csv_table(&header, months);
        out.push_str("\r\n");
        out.push_str(&csv_table(
            &[
                "How they heard about us",
                "Enquiries",
                "Became applications",
            ],
            sources,
        ));
        out
    }
}
