//! The annual review and the personal development plan. Every approved household's approval
//! is reviewed once a year: the first a year after approval, each later one a year after the
//! last was held. Before it, the carer fills in their part of the review form (what went well,
//! what was hard, the support they want) and proposes a development plan whose goals may each
//! name a training course; they send it to their supervising social worker, who holds the
//! review and records the plan as agreed.
//!
//! Each review is one record of the household (`annual_review`), named by the household and
//! its due date, so a review held moves the next one a year on and an old form never lands on a
//! new review.

use serde::{Deserialize, Serialize};

use crate::date::CalendarDate;
use crate::details::Text;
use crate::training::Course;

/// How long before its due date the carer's part of the form opens.
pub const FORM_OPENS_DAYS: i64 = 56;

/// The most goals a development plan has: a plan is a few things done well.
pub const MAX_GOALS: usize = 5;

const ANSWER_MAX: usize = 3000;
const GOAL_MAX: usize = 200;
const COMMENT_MAX: usize = 2000;

/// When a household's next review is due: a year after its approval, then a year after the
/// last review was held.
pub fn next_review_due(approved_on: CalendarDate, last_held: Option<CalendarDate>) -> CalendarDate {
    last_held
        .filter(|held| *held >= approved_on)
        .unwrap_or(approved_on)
        .add_months(12)
}

/// Where a review stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewTiming {
    /// Past its due date and not held.
    Overdue,
    /// Within `FORM_OPENS_DAYS` of its due date: the carer's form is open.
    Due,
    /// Further off.
    Later,
}

impl ReviewTiming {
    pub fn of(due_on: CalendarDate, today: CalendarDate) -> Self {
        let days = today.days_until(due_on);
        if days < 0 {
            Self::Overdue
        } else if days <= FORM_OPENS_DAYS {
            Self::Due
        } else {
            Self::Later
        }
    }

    /// "Overdue by 3 days", "Due in 12 days", "Due today", "Due on 5 March 2027".
    pub fn words(self, due_on: CalendarDate, today: CalendarDate) -> String {
        let days = today.days_until(due_on);
        let plural = |n: i64| if n == 1 { "" } else { "s" };
        match self {
            Self::Overdue => format!("Overdue by {} day{}", -days, plural(-days)),
            Self::Due if days == 0 => "Due today".to_owned(),
            Self::Due => format!("Due in {days} day{}", plural(days)),
            Self::Later => format!("Due on {}", due_on.long_form()),
        }
    }
}

/// The record id of a household's review due on `due_on` (records' ids are unique across
/// households).
pub fn review_id(household_id: &str, due_on: CalendarDate) -> String {
    format!("{household_id}:{due_on}")
}

/// The carer's part of the form, as typed (kept as a draft on the device while they write).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewForm {
    pub went_well: String,
    pub been_hard: String,
    pub support_wanted: String,
    pub goals: Vec<GoalForm>,
}

/// One goal of the plan as typed: the words, and a course's id or nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalForm {
    pub text: String,
    pub course_id: String,
}

impl GoalForm {
    fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.course_id.is_empty()
    }
}

/// The form's inputs, by the id a problem is shown against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewField {
    WentWell,
    BeenHard,
    SupportWanted,
    /// The plan as a whole (no goal at all, or too many).
    Goals,
    /// One goal's words (counting from 0).
    Goal(usize),
    /// One goal's course.
    GoalCourse(usize),
}

impl ReviewField {
    pub fn input_id(self) -> String {
        match self {
            Self::WentWell => "went-well".to_owned(),
            Self::BeenHard => "been-hard".to_owned(),
            Self::SupportWanted => "support-wanted".to_owned(),
            Self::Goals | Self::Goal(0) => "goal-1".to_owned(),
            Self::Goal(n) => format!("goal-{}", n + 1),
            Self::GoalCourse(n) => format!("goal-{}-course", n + 1),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewProblem {
    pub field: ReviewField,
    pub message: String,
}

/// A course a goal names, with its title as it was when the plan was sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalCourse {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub text: String,
    pub course: Option<GoalCourse>,
}

/// The carer's part, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarerPart {
    pub went_well: String,
    /// Empty if the carer left it empty.
    pub been_hard: String,
    pub support_wanted: String,
    pub goals: Vec<Goal>,
}

impl ReviewForm {
    /// Checks the carer's part against the course catalogue. Rows of the plan left wholly
    /// empty are dropped, so a spare row never blocks sending.
    pub fn parse(&self, catalogue: &[Course]) -> Result<CarerPart, Vec<ReviewProblem>> {
        let mut problems = Vec::new();
        let mut problem = |field, message: String| problems.push(ReviewProblem { field, message });
        let went_well = Text::parse(&self.went_well, "what has gone well", ANSWER_MAX)
            .map_err(|e| problem(ReviewField::WentWell, e.to_string()))
            .ok();
        let optional = |raw: &str, what, field, problem: &mut dyn FnMut(ReviewField, String)| {
            if raw.trim().is_empty() {
                return String::new();
            }
            Text::parse(raw, what, ANSWER_MAX)
                .map_err(|e| problem(field, e.to_string()))
                .map(String::from)
                .unwrap_or_default()
        };
        let been_hard = optional(
            &self.been_hard,
            "what has been hard",
            ReviewField::BeenHard,
            &mut problem,
        );
        let support_wanted = optional(
            &self.support_wanted,
            "the support you would like",
            ReviewField::SupportWanted,
            &mut problem,
        );
        let mut goals = Vec::new();
        for (at, goal) in self.goals.iter().enumerate() {
            if goal.is_empty() {
                continue;
            }
            let text = match Text::parse(&goal.text, "the goal", GOAL_MAX) {
                Ok(text) => Some(String::from(text)),
                Err(_) if goal.text.trim().is_empty() => {
                    problem(
                        ReviewField::Goal(at),
                        format!("Describe goal {}, or remove its course", at + 1),
                    );
                    None
                }
                Err(e) => {
                    problem(ReviewField::Goal(at), format!("Goal {}: {e}", at + 1));
                    None
                }
            };
            let course = if goal.course_id.is_empty() {
                Some(None)
            } else if let Some(course) = catalogue.iter().find(|c| c.id == goal.course_id) {
                Some(Some(GoalCourse {
                    id: course.id.clone(),
                    title: course.title.clone(),
                }))
            } else {
                problem(
                    ReviewField::GoalCourse(at),
                    format!("Choose a course from the list for goal {}", at + 1),
                );
                None
            };
            if let (Some(text), Some(course)) = (text, course) {
                goals.push(Goal { text, course });
            }
        }
        let written = self.goals.iter().filter(|g| !g.is_empty()).count();
        if written == 0 {
            problem(
                ReviewField::Goals,
                "Add at least one goal to your development plan".to_owned(),
            );
        } else if written > MAX_GOALS {
            problem(
                ReviewField::Goals,
                format!("A development plan has at most {MAX_GOALS} goals"),
            );
        }
        match (went_well, problems.is_empty()) {
            (Some(went_well), true) => Ok(CarerPart {
                went_well: went_well.into(),
                been_hard,
                support_wanted,
                goals,
            }),
            _ => Err(problems),
        }
    }
}

/// The carer's part as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentPart {
    pub part: CarerPart,
    /// Who sent it (a household may have two carers).
    pub sent_by: String,
    pub sent_on: CalendarDate,
}

/// The review held, and the plan agreed, as the social worker records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Held {
    pub on: CalendarDate,
    pub by: String,
    /// What the social worker wants the household to know (may be empty).
    pub comment: String,
}

/// One review of a household: the `annual_review` record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualReview {
    pub due_on: CalendarDate,
    pub sent: Option<SentPart>,
    pub held: Option<Held>,
}

/// The day the household's latest review was held, if any was.
pub fn last_held(reviews: &[AnnualReview]) -> Option<CalendarDate> {
    reviews
        .iter()
        .filter_map(|r| r.held.as_ref().map(|h| h.on))
        .max()
}

/// The review a household is working towards: due a year after approval or the last review
/// held, with what has been sent for it.
pub fn current_review(approved_on: CalendarDate, reviews: &[AnnualReview]) -> AnnualReview {
    let due_on = next_review_due(approved_on, last_held(reviews));
    reviews
        .iter()
        .find(|r| r.due_on == due_on && r.held.is_none())
        .cloned()
        .unwrap_or(AnnualReview {
            due_on,
            sent: None,
            held: None,
        })
}

/// A carer sending their part of the review due on `due_on` (sent again, it replaces what was
/// sent, until the review is held).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReviewChange {
    Send {
        due_on: CalendarDate,
        form: ReviewForm,
    },
}

impl ReviewChange {
    pub const fn due_on(&self) -> CalendarDate {
        match self {
            Self::Send { due_on, .. } => *due_on,
        }
    }
}

/// Why a sent part cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewRefusal {
    /// The household is not approved, so it has no review.
    NotApproved,
    /// The form was for another review: one has been held since, or the date moved.
    OtherReview,
    /// The form's answers do not pass the checks (a course gone from the list, say).
    Problems(Vec<ReviewProblem>),
}

impl ReviewRefusal {
    /// The words the carer sees.
    pub fn message(&self) -> String {
        match self {
            Self::NotApproved => {
                "The annual review is for approved foster carers, so this form was not sent."
                    .to_owned()
            }
            Self::OtherReview => "Your annual review has been held or its date has changed since you wrote this. Open the form again to see the review now due.".to_owned(),
            Self::Problems(problems) => {
                let sentences: Vec<String> =
                    problems.iter().map(|p| format!("{}.", p.message)).collect();
                format!("Your review form was not sent: {}", sentences.join(" "))
            }
        }
    }
}

/// Applies a carer's `change` to their household's reviews (on the server, and on the device
/// for the optimistic view): the review it answers must be the one now due.
pub fn apply(
    change: &ReviewChange,
    approved_on: Option<CalendarDate>,
    reviews: &[AnnualReview],
    catalogue: &[Course],
    (sent_by, today): (&str, CalendarDate),
) -> Result<AnnualReview, ReviewRefusal> {
    let approved_on = approved_on.ok_or(ReviewRefusal::NotApproved)?;
    let ReviewChange::Send { due_on, form } = change;
    let mut review = current_review(approved_on, reviews);
    if review.due_on != *due_on {
        return Err(ReviewRefusal::OtherReview);
    }
    let part = form.parse(catalogue).map_err(ReviewRefusal::Problems)?;
    review.sent = Some(SentPart {
        part,
        sent_by: sent_by.to_owned(),
        sent_on: today,
    });
    Ok(review)
}

/// The social worker's record of the review held, as a form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldForm {
    pub comment: String,
}

impl HeldForm {
    /// Checks the comment (which may be empty).
    pub fn parse(&self) -> Result<String, String> {
        if self.comment.trim().is_empty() {
            return Ok(String::new());
        }
        Text::parse(&self.comment, "the comment", COMMENT_MAX)
            .map(String::from)
            .map_err(|e| e.to_string())
    }
}

/// The household's learning as the review form summarises it, as (what, how it stands) lines:
/// the carer sees it while filling in their part, and their social worker with it.
pub fn learning_lines(
    minutes_last_12_months: u32,
    training: &crate::training::TrainingSummary,
) -> Vec<(&'static str, String)> {
    let to_do = if training.mandatory_to_do.is_empty() {
        "None".to_owned()
    } else {
        training.mandatory_to_do.join(", ")
    };
    vec![
        (
            "Training in the last 12 months",
            format!("{} hours", crate::training::hours(minutes_last_12_months)),
        ),
        ("TSD standards", training.tsd.words()),
        ("Mandatory training still to do", to_do),
    ]
}

/// A household in the staff's list of reviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRow {
    pub household_id: String,
    pub household: String,
    pub worker: Option<String>,
    pub due_on: CalendarDate,
    pub timing: ReviewTiming,
    /// When the carer sent their part, if they have.
    pub sent_on: Option<CalendarDate>,
}

/// `GET /api/staff/reviews`: reviews overdue and due, soonest first, and how many are later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewList {
    pub rows: Vec<ReviewRow>,
    pub later: usize,
    pub today: CalendarDate,
}

/// Orders the rows as staff work through them: overdue first (longest overdue first), then
/// due soonest.
pub fn review_order(a: &ReviewRow, b: &ReviewRow) -> std::cmp::Ordering {
    (a.timing, a.due_on, &a.household).cmp(&(b.timing, b.due_on, &b.household))
}

/// `GET /api/staff/carers/{id}/review`: one household's current review for its social
/// worker, with their learning as the training overview counts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffReview {
    pub household: String,
    pub review: AnnualReview,
    pub timing: ReviewTiming,
    pub today: CalendarDate,
    /// Minutes of training in the 12 months before today.
    pub minutes_last_12_months: u32,
    pub training: crate::training::TrainingSummary,
    /// Reviews held before, newest first.
    pub earlier: Vec<AnnualReview>,
    /// Whether the caller may record the review as held.
    pub can_hold: bool,
}

#[cfg(test)]
mod tests;
