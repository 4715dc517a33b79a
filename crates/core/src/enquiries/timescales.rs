//! An application's progress against the service's timescales. Assessments are to be completed
//! within 16 weeks of the application (the ILACS plan), with milestones on the way, so that the
//! recruitment team sees who is at risk of missing the target while there is still time to act.
//! Every date comes from the enquiry's own history.

use serde::{Deserialize, Serialize};

use super::recruitment::{EnquiryRecord, Stage};
use crate::date::CalendarDate;

/// Weeks from the application to panel: the assessment's target.
pub const ASSESSMENT_WEEKS: i64 = 16;

/// Within this many days of the target, an application not yet at panel is at risk.
pub const AT_RISK_DAYS: i64 = 28;

/// The milestones after an application, each with the week after it by which it should be
/// reached: the checks (DBS, references, medical) under way and the assessment started by week
/// 4, panel by week 16, and the decision maker's decision within two weeks of panel.
pub const MILESTONES: [(Stage, i64); 3] = [
    (Stage::Assessment, 4),
    (Stage::Panel, ASSESSMENT_WEEKS),
    (Stage::Approved, ASSESSMENT_WEEKS + 2),
];

/// How an application stands against the 16-week target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Standing {
    /// Past the target and not yet at panel.
    Overdue {
        days_late: i64,
    },
    /// Behind a milestone, or near the target and not yet at panel.
    AtRisk,
    OnTrack,
    /// At panel by the target.
    Met,
    /// At panel, after the target.
    Missed {
        days_late: i64,
    },
}

impl Standing {
    /// Its name, as a tag shows it.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Overdue { .. } => "Overdue",
            Self::AtRisk => "At risk",
            Self::OnTrack => "On track",
            Self::Met => "Met 16 weeks",
            Self::Missed { .. } => "Missed 16 weeks",
        }
    }

    /// Which needs the team first: overdue, then at risk, then the rest.
    const fn urgency(self) -> u8 {
        match self {
            Self::Overdue { .. } => 0,
            Self::AtRisk => 1,
            Self::OnTrack => 2,
            Self::Met | Self::Missed { .. } => 3,
        }
    }
}

/// One milestone of an application: when it is due and when it was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub stage: Stage,
    pub due: CalendarDate,
    pub reached: Option<CalendarDate>,
}

/// An application's progress: from the day the enquiry moved to the application stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub applied_on: CalendarDate,
    /// Panel by this day: 16 weeks after the application.
    pub target: CalendarDate,
    pub milestones: Vec<Milestone>,
    pub standing: Standing,
}

impl Milestone {
    /// The milestone's name, as a list of them shows it.
    pub const fn label(&self) -> &'static str {
        match self.stage {
            Stage::Assessment => "Assessment started",
            Stage::Panel => "Panel",
            Stage::Approved => "Decision",
            _ => "Next step",
        }
    }

    /// When it was reached, or when it is due.
    pub fn words(&self) -> String {
        match self.reached {
            Some(on) => format!(
                "Reached on {} (due by {})",
                on.long_form(),
                self.due.long_form()
            ),
            None => format!("Due by {}", self.due.long_form()),
        }
    }
}

fn date_of(at: Option<i64>) -> Option<CalendarDate> {
    at.map(CalendarDate::uk_date_of)
}

impl Progress {
    /// The progress of an enquiry that has reached the application stage, on `today`.
    pub fn of(record: &EnquiryRecord, today: CalendarDate) -> Option<Self> {
        let applied_on = date_of(record.reached_at(Stage::Application))?;
        let milestones: Vec<Milestone> = MILESTONES
            .iter()
            .map(|(stage, weeks)| Milestone {
                stage: *stage,
                due: applied_on.add_days(weeks * 7),
                reached: date_of(record.reached_at(*stage)),
            })
            .collect();
        let target = applied_on.add_days(ASSESSMENT_WEEKS * 7);
        let panel = date_of(record.reached_at(Stage::Panel));
        let standing = match panel {
            Some(on) if on <= target => Standing::Met,
            Some(on) => Standing::Missed {
                days_late: target.days_until(on),
            },
            None if today > target => Standing::Overdue {
                days_late: target.days_until(today),
            },
            None if today.days_until(target) <= AT_RISK_DAYS
                || milestones
                    .iter()
                    .any(|m| m.reached.is_none() && m.due < today) =>
            {
                Standing::AtRisk
            }
            None => Standing::OnTrack,
        };
        Some(Self {
            applied_on,
            target,
            milestones,
            standing,
        })
    }

    /// The week of the application `today` falls in, counting from 1.
    pub fn week(&self, today: CalendarDate) -> i64 {
        self.applied_on.days_until(today).max(0) / 7 + 1
    }

    /// The next milestone not yet reached.
    pub fn next(&self) -> Option<&Milestone> {
        self.milestones.iter().find(|m| m.reached.is_none())
    }

    /// What the team should know, in a sentence.
    pub fn words(&self, today: CalendarDate) -> String {
        let next = self.next().map(|m| {
            let late = m.due < today;
            format!(
                "{} {} {}.",
                milestone_words(m.stage),
                if late { "was due by" } else { "is due by" },
                m.due.long_form()
            )
        });
        match self.standing {
            Standing::Overdue { days_late } => format!(
                "Not at panel {} after the 16-week target ({}).",
                days_words(days_late),
                self.target.long_form()
            ),
            Standing::Met => "Reached panel within 16 weeks.".to_owned(),
            Standing::Missed { days_late } => {
                format!(
                    "Reached panel {} after the 16-week target.",
                    days_words(days_late)
                )
            }
            Standing::AtRisk | Standing::OnTrack => next.unwrap_or_default(),
        }
    }
}

fn milestone_words(stage: Stage) -> &'static str {
    match stage {
        Stage::Assessment => "The assessment",
        Stage::Panel => "Panel",
        Stage::Approved => "The decision",
        _ => "The next step",
    }
}

/// "1 day", "10 days", "3 weeks" (whole weeks from 14 days).
fn days_words(days: i64) -> String {
    match days {
        1 => "1 day".to_owned(),
        d if d >= 14 => format!("{} weeks", d / 7),
        d => format!("{d} days"),
    }
}

/// An open application as the team's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    pub id: String,
    pub name: String,
    pub stage: Stage,
    pub handler: Option<String>,
    pub progress: Progress,
}

/// The applications still being worked on (at the application, assessment or panel stage), those
/// overdue first (the latest first), then those at risk, then the rest, each by its target.
pub fn applicants(records: &[EnquiryRecord], today: CalendarDate) -> Vec<Applicant> {
    let mut found: Vec<Applicant> = records
        .iter()
        .filter(|r| {
            matches!(
                r.stage,
                Stage::Application | Stage::Assessment | Stage::Panel
            )
        })
        .filter_map(|r| {
            Progress::of(r, today).map(|progress| Applicant {
                id: r.id.clone(),
                name: r.enquiry.name.as_str().to_owned(),
                stage: r.stage,
                handler: r.assigned_to.as_ref().map(|s| s.name.clone()),
                progress,
            })
        })
        .collect();
    found.sort_by(|a, b| {
        let (x, y) = (&a.progress, &b.progress);
        x.standing
            .urgency()
            .cmp(&y.standing.urgency())
            .then_with(|| x.target.cmp(&y.target))
            .then_with(|| a.name.cmp(&b.name))
    });
    found
}

/// Of the applications that reached panel in the last 12 months, how many did so within 16
/// weeks: the figure the ILACS plan reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeliness {
    pub completed: u32,
    pub in_time: u32,
}

impl Timeliness {
    /// For the applications that reached panel in the 12 months to `today`.
    pub fn last_year(records: &[EnquiryRecord], today: CalendarDate) -> Self {
        let since = today.add_months(-12);
        // Once panel is reached, the standing no longer depends on the day it is read.
        let done: Vec<Standing> = records
            .iter()
            .filter(|r| date_of(r.reached_at(Stage::Panel)).is_some_and(|on| on >= since))
            .filter_map(|r| Progress::of(r, since).map(|p| p.standing))
            .collect();
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self {
            completed: count(done.len()),
            in_time: count(done.iter().filter(|s| **s == Standing::Met).count()),
        }
    }

    /// "In the last 12 months, 3 of 4 applications reached panel within 16 weeks (75%).", or
    /// that none have reached panel.
    pub fn words(self) -> String {
        if self.completed == 0 {
            return "No application has reached panel in the last 12 months.".to_owned();
        }
        let whole = |n: u32| usize::try_from(n).unwrap_or(usize::MAX);
        format!(
            "In the last 12 months, {} of {} applications reached panel within 16 weeks ({}%).",
            self.in_time,
            self.completed,
            crate::surveys::percent(whole(self.in_time), whole(self.completed))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enquiries::{EnquiryForm, Event, Happened};

    const DAY: i64 = 24 * 60 * 60;

    fn day(raw: &str) -> CalendarDate {
        CalendarDate::parse(raw).expect("a date")
    }

    /// Noon UK time on a day, in seconds since 1970.
    fn noon(raw: &str) -> i64 {
        day(raw).days_since_1970() * DAY + 12 * 60 * 60
    }

    fn record(name: &str, stages: &[(Stage, &str)]) -> EnquiryRecord {
        let form = EnquiryForm {
            name: name.to_owned(),
            phone: "07700 900 100".to_owned(),
            email: String::new(),
            best_time: "any".to_owned(),
            postcode: "NB1 1AB".to_owned(),
            spare_room: "yes".to_owned(),
            interests: vec!["teenagers".to_owned()],
            heard_from: "search".to_owned(),
            referred_by: String::new(),
            consent: true,
            website: String::new(),
        };
        let enquiry = form.parse(crate::brand::DISTRICTS).expect("valid");
        EnquiryRecord {
            id: name.to_lowercase(),
            received_at: noon("2026-01-05"),
            enquiry,
            self_check: None,
            stage: stages.last().map_or(Stage::Enquiry, |(s, _)| *s),
            assigned_to: None,
            household_id: None,
            events: stages
                .iter()
                .map(|(to, on)| Event {
                    at: noon(on),
                    by: "Dev Mistry".to_owned(),
                    happened: Happened::Stage {
                        to: *to,
                        reason: None,
                    },
                    note: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_target_is_16_weeks_from_the_application_with_milestones_on_the_way() {
        let r = record("Ann", &[(Stage::Application, "2026-02-02")]);
        let p = Progress::of(&r, day("2026-02-10")).expect("an application");
        assert_eq!(p.target, day("2026-05-25"));
        assert_eq!(p.milestones[0].due, day("2026-03-02"));
        assert_eq!(p.standing, Standing::OnTrack);
        assert_eq!(p.week(day("2026-02-10")), 2);
        assert_eq!(
            p.words(day("2026-02-10")),
            "The assessment is due by 2 March 2026."
        );
        assert_eq!(Progress::of(&record("Bo", &[]), day("2026-02-10")), None);
        let labels: Vec<String> = p
            .milestones
            .iter()
            .map(|m| format!("{}: {}", m.label(), m.words()))
            .collect();
        assert_eq!(
            labels,
            [
                "Assessment started: Due by 2 March 2026",
                "Panel: Due by 25 May 2026",
                "Decision: Due by 8 June 2026",
            ]
        );
    }

    #[test]
    fn behind_a_milestone_or_near_the_target_is_at_risk_and_past_it_overdue() {
        let r = record("Ann", &[(Stage::Application, "2026-02-02")]);
        let at = |today: &str| Progress::of(&r, day(today)).expect("an application");
        // The assessment should have started by 2 March.
        assert_eq!(at("2026-03-02").standing, Standing::OnTrack);
        assert_eq!(at("2026-03-03").standing, Standing::AtRisk);
        assert_eq!(
            at("2026-03-03").words(day("2026-03-03")),
            "The assessment was due by 2 March 2026."
        );
        let started = record(
            "Ann",
            &[
                (Stage::Application, "2026-02-02"),
                (Stage::Assessment, "2026-02-20"),
            ],
        );
        let at = |today: &str| Progress::of(&started, day(today)).expect("an application");
        assert_eq!(at("2026-04-26").standing, Standing::OnTrack);
        // Four weeks before the target, not yet at panel.
        assert_eq!(at("2026-04-27").standing, Standing::AtRisk);
        assert_eq!(at("2026-05-25").standing, Standing::AtRisk);
        assert_eq!(
            at("2026-05-26").standing,
            Standing::Overdue { days_late: 1 }
        );
        assert_eq!(
            at("2026-06-15").words(day("2026-06-15")),
            "Not at panel 3 weeks after the 16-week target (25 May 2026)."
        );
    }

    #[test]
    fn panel_by_the_target_meets_it_and_later_misses_it() {
        let stages = |panel: &'static str| {
            record(
                "Ann",
                &[
                    (Stage::Application, "2026-02-02"),
                    (Stage::Assessment, "2026-02-20"),
                    (Stage::Panel, panel),
                ],
            )
        };
        let today = day("2026-09-01");
        let met = Progress::of(&stages("2026-05-25"), today).expect("an application");
        assert_eq!(met.standing, Standing::Met);
        let missed = Progress::of(&stages("2026-06-01"), today).expect("an application");
        assert_eq!(missed.standing, Standing::Missed { days_late: 7 });
        assert_eq!(
            missed.words(today),
            "Reached panel 7 days after the 16-week target."
        );
    }

    #[test]
    fn the_list_puts_overdue_then_at_risk_first_and_leaves_out_what_is_not_open() {
        let today = day("2026-06-15");
        let records = [
            record("Calm", &[(Stage::Application, "2026-06-01")]),
            record("Late", &[(Stage::Application, "2026-01-05")]),
            record("Later", &[(Stage::Application, "2025-12-01")]),
            record(
                "Near",
                &[
                    (Stage::Application, "2026-03-02"),
                    (Stage::Assessment, "2026-03-10"),
                ],
            ),
            record("Enquirer", &[(Stage::InitialVisit, "2026-06-01")]),
            record(
                "Done",
                &[
                    (Stage::Application, "2026-01-05"),
                    (Stage::Approved, "2026-04-01"),
                ],
            ),
        ];
        let names: Vec<String> = applicants(&records, today)
            .into_iter()
            .map(|a| format!("{} {}", a.name, a.progress.standing.label()))
            .collect();
        assert_eq!(
            names,
            [
                "Later Overdue",
                "Late Overdue",
                "Near At risk",
                "Calm On track"
            ]
        );
    }

    #[test]
    fn timeliness_counts_panels_in_the_period_and_those_within_16_weeks() {
        let records = [
            record(
                "In",
                &[
                    (Stage::Application, "2026-01-05"),
                    (Stage::Panel, "2026-04-01"),
                ],
            ),
            record(
                "Out",
                &[
                    (Stage::Application, "2026-01-05"),
                    (Stage::Panel, "2026-06-01"),
                ],
            ),
            record(
                "Old",
                &[
                    (Stage::Application, "2024-01-05"),
                    (Stage::Panel, "2024-04-01"),
                ],
            ),
            record("Open", &[(Stage::Application, "2026-05-05")]),
        ];
        let seen = Timeliness::last_year(&records, day("2026-06-15"));
        assert_eq!(
            seen,
            Timeliness {
                completed: 2,
                in_time: 1
            }
        );
        assert_eq!(
            seen.words(),
            "In the last 12 months, 1 of 2 applications reached panel within 16 weeks (50%)."
        );
        assert_eq!(
            Timeliness::last_year(&[], day("2026-06-15")).words(),
            "No application has reached panel in the last 12 months."
        );
    }
}
