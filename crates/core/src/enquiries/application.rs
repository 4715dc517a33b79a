//! An applicant's own view of their application: the stages from application to the decision
//! with the current one and the target dates of the service's timescales (see `timescales`),
//! what happens next, and the tasks the applicant does on the way (references, medical, DBS,
//! Skills to Foster, the home safety check), which the applicant ticks and the recruitment team
//! confirms. The server keeps it as the `application` record under the household's id; the
//! applicant ticks a task on their device with no signal, and the same rule decides it on the
//! device (to show it at once) and on the server.

use serde::{Deserialize, Serialize};

use super::recruitment::{EnquiryRecord, Stage};
use super::timescales::MILESTONES;
use crate::date::CalendarDate;
use crate::sync::Rejection;

choices! {
    /// What an applicant does while they are assessed, in the order most people do it.
    Task {
        Referees => ("referees", "Give us the names of your referees"),
        Medical => ("medical", "Have your medical with your GP"),
        Dbs => ("dbs", "Fill in your DBS check forms"),
        SkillsToFoster => ("skills_to_foster", "Go on the Skills to Foster course"),
        HomeSafety => ("home_safety", "Have your home safety check"),
    }
}

impl Task {
    /// What the task asks, in a sentence for the applicant.
    pub const fn hint(self) -> &'static str {
        match self {
            Self::Referees => {
                "Three people who know you well, and at least one who has seen you with children. We contact them."
            }
            Self::Medical => {
                "Your GP fills in a medical form for each adult in your home. Book the appointment when your social worker sends the form."
            }
            Self::Dbs => {
                "An enhanced DBS check for each adult in your home. Your social worker sends the link to the forms."
            }
            Self::SkillsToFoster => {
                "The service's preparation course, usually over three days. Your social worker books your place."
            }
            Self::HomeSafety => {
                "Your social worker looks round your home with you and agrees anything to change."
            }
        }
    }
}

/// Where one task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskState {
    pub task: Task,
    /// When the applicant ticked it as done.
    #[serde(default)]
    pub ticked_on: Option<CalendarDate>,
    /// When the recruitment team confirmed it.
    #[serde(default)]
    pub confirmed_on: Option<CalendarDate>,
}

/// A task's state as a tag shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskStatus {
    ToDo,
    /// Ticked by the applicant, not yet confirmed.
    Done,
    Confirmed,
}

impl TaskStatus {
    pub const fn label(self) -> &'static str {
        match self {
            Self::ToDo => "To do",
            Self::Done => "Done, waiting for the team",
            Self::Confirmed => "Confirmed",
        }
    }
}

impl TaskState {
    /// When the applicant ticked it, or the team confirmed it, in words.
    pub fn words(&self) -> String {
        match (self.ticked_on, self.confirmed_on) {
            (_, Some(on)) => format!("Confirmed by the team on {}.", on.long_form()),
            (Some(on), None) => format!(
                "You ticked this on {}. The team will confirm it.",
                on.long_form()
            ),
            (None, None) => String::new(),
        }
    }

    pub const fn status(&self) -> TaskStatus {
        match (self.ticked_on, self.confirmed_on) {
            (_, Some(_)) => TaskStatus::Confirmed,
            (Some(_), None) => TaskStatus::Done,
            (None, None) => TaskStatus::ToDo,
        }
    }
}

/// The day an application reached a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reached {
    pub stage: Stage,
    pub on: CalendarDate,
}

/// An application, as its applicant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub stage: Stage,
    /// The stages reached, in order (a closed application ends with `Closed`).
    pub reached: Vec<Reached>,
    /// Every task, in `Task::ALL`'s order.
    pub tasks: Vec<TaskState>,
}

/// The stages an applicant sees: the application, the checks and assessment, panel and the
/// decision.
pub const APPLICANT_STAGES: [Stage; 4] = [
    Stage::Application,
    Stage::Assessment,
    Stage::Panel,
    Stage::Approved,
];

/// Where one stage stands for the applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Done(CalendarDate),
    Current,
    ToCome,
}

impl StepState {
    /// The state as a tag shows it.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Done(_) => "Done",
            Self::Current => "Now",
            Self::ToCome => "To come",
        }
    }
}

/// One stage as the applicant's page lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub stage: Stage,
    pub state: StepState,
    /// The service's target for reaching it, counted from the application.
    pub target: Option<CalendarDate>,
}

impl Step {
    /// The stage's name as an applicant knows it.
    pub const fn label(&self) -> &'static str {
        match self.stage {
            Stage::Application => "Your application",
            Stage::Assessment => "Checks and assessment",
            Stage::Panel => "Fostering panel",
            Stage::Approved => "The decision",
            _ => "",
        }
    }

    /// When it was reached, or its target.
    pub fn words(&self) -> String {
        match (self.state, self.target) {
            (StepState::Done(on), _) => format!("Done on {}", on.long_form()),
            (_, Some(target)) => format!("Planned by {}", target.long_form()),
            (_, None) => String::new(),
        }
    }
}

/// Why an applicant's tick cannot be kept.
fn refused(message: &str) -> Rejection {
    Rejection::new("application", message)
}

/// An applicant ticking a task as done, or taking the tick back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationChange {
    Tick { task: Task, done: bool },
}

impl Application {
    /// The application of the enquiry `record`, with the tasks as they stand (`tasks` holds
    /// only those ever ticked or confirmed).
    pub fn of(record: &EnquiryRecord, tasks: &[TaskState]) -> Self {
        let reached = Stage::FUNNEL
            .iter()
            .chain([Stage::Closed].iter())
            .filter_map(|&stage| {
                record.reached_at(stage).map(|at| Reached {
                    stage,
                    on: CalendarDate::uk_date_of(at),
                })
            })
            .collect();
        Self {
            stage: record.stage,
            reached,
            tasks: Task::ALL
                .iter()
                .map(|&task| {
                    tasks
                        .iter()
                        .copied()
                        .find(|t| t.task == task)
                        .unwrap_or(TaskState {
                            task,
                            ticked_on: None,
                            confirmed_on: None,
                        })
                })
                .collect(),
        }
    }

    fn reached_on(&self, stage: Stage) -> Option<CalendarDate> {
        self.reached.iter().find(|r| r.stage == stage).map(|r| r.on)
    }

    /// When the application was made.
    pub fn applied_on(&self) -> Option<CalendarDate> {
        self.reached_on(Stage::Application)
    }

    /// Whether the application is still being worked on (tasks can change).
    pub const fn is_open(&self) -> bool {
        matches!(
            self.stage,
            Stage::Application | Stage::Assessment | Stage::Panel
        )
    }

    /// The applicant's stages, each done, current or to come, with its target.
    pub fn steps(&self) -> Vec<Step> {
        let applied = self.applied_on();
        APPLICANT_STAGES
            .iter()
            .map(|&stage| {
                let target = MILESTONES
                    .iter()
                    .find(|(s, _)| *s == stage)
                    .and_then(|(_, weeks)| applied.map(|a| a.add_days(weeks * 7)));
                let state = match self.reached_on(stage) {
                    Some(on) if stage != self.stage || stage == Stage::Approved => {
                        StepState::Done(on)
                    }
                    Some(_) => StepState::Current,
                    None => StepState::ToCome,
                };
                Step {
                    stage,
                    state,
                    target,
                }
            })
            .collect()
    }

    /// What happens next, in plain words for the applicant.
    pub const fn next_step(&self) -> &'static str {
        match self.stage {
            Stage::Approved => {
                "You are approved as a foster carer. Welcome to the service: the rest of the portal is now open to you."
            }
            Stage::Closed => {
                "Your application has closed. If you would like to talk about it, or apply again later, please contact the recruitment team."
            }
            Stage::Panel => {
                "The fostering panel meets to recommend whether you are approved. Your assessing social worker tells you the date and helps you prepare."
            }
            Stage::Assessment => {
                "Your assessing social worker visits you over several weeks to write your assessment with you. The checks and references below are part of it."
            }
            _ => {
                "Your assessing social worker arranges the first assessment visit. In the meantime, start on the tasks below."
            }
        }
    }

    /// How far the tasks have got, in a sentence.
    pub fn tasks_words(&self) -> String {
        let done = self
            .tasks
            .iter()
            .filter(|t| t.status() != TaskStatus::ToDo)
            .count();
        let confirmed = self
            .tasks
            .iter()
            .filter(|t| t.status() == TaskStatus::Confirmed)
            .count();
        format!(
            "{done} of {} tasks done, {confirmed} confirmed by the team.",
            self.tasks.len()
        )
    }

    /// Applies an applicant's change on `today`, or says why not and changes nothing.
    pub fn apply(
        &mut self,
        change: &ApplicationChange,
        today: CalendarDate,
    ) -> Result<(), Rejection> {
        let ApplicationChange::Tick { task, done } = *change;
        if !self.is_open() {
            return Err(refused(
                "Your application has finished, so its tasks no longer change.",
            ));
        }
        let Some(state) = self.tasks.iter_mut().find(|t| t.task == task) else {
            return Err(refused("This task is not part of your application."));
        };
        match (done, state.confirmed_on) {
            (false, Some(_)) => Err(refused(
                "The recruitment team has confirmed this task, so it stays ticked. Please contact your social worker if something has changed.",
            )),
            (true, _) => {
                state.ticked_on = state.ticked_on.or(Some(today));
                Ok(())
            }
            (false, None) => {
                state.ticked_on = None;
                Ok(())
            }
        }
    }

    /// The recruitment team confirming a task (ticking it too if the applicant had not), or
    /// taking the confirmation back.
    pub fn confirm(&mut self, task: Task, confirmed: bool, today: CalendarDate) {
        if let Some(state) = self.tasks.iter_mut().find(|t| t.task == task) {
            if confirmed {
                state.ticked_on = state.ticked_on.or(Some(today));
                state.confirmed_on = state.confirmed_on.or(Some(today));
            } else {
                state.confirmed_on = None;
            }
        }
    }
}

/// `POST /api/staff/enquiries/{id}/application/tasks`: the team confirming a task, or taking
/// the confirmation back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskConfirmation {
    pub task: Task,
    pub confirmed: bool,
}

/// The stages at which an enquiry may be linked to an applicant's account: once the person has
/// applied, until the decision.
pub const fn can_invite_applicant(stage: Stage) -> bool {
    matches!(
        stage,
        Stage::Application | Stage::Assessment | Stage::Panel | Stage::Approved
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(raw: &str) -> CalendarDate {
        CalendarDate::parse(raw).expect("date")
    }

    fn application(stage: Stage, reached: &[(Stage, &str)]) -> Application {
        Application {
            stage,
            reached: reached
                .iter()
                .map(|(stage, on)| Reached {
                    stage: *stage,
                    on: day(on),
                })
                .collect(),
            tasks: Task::ALL
                .iter()
                .map(|&task| TaskState {
                    task,
                    ticked_on: None,
                    confirmed_on: None,
                })
                .collect(),
        }
    }

    fn tick(task: Task, done: bool) -> ApplicationChange {
        ApplicationChange::Tick { task, done }
    }

    #[test]
    fn steps_show_done_current_and_to_come_with_targets_from_the_application() {
        let app = application(
            Stage::Assessment,
            &[
                (Stage::Application, "2026-02-02"),
                (Stage::Assessment, "2026-02-20"),
            ],
        );
        let steps = app.steps();
        assert_eq!(steps[0].state, StepState::Done(day("2026-02-02")));
        assert_eq!(steps[1].state, StepState::Current);
        assert_eq!(steps[1].target, Some(day("2026-03-02")));
        assert_eq!(steps[2].state, StepState::ToCome);
        // Panel by 16 weeks, the decision two weeks after.
        assert_eq!(steps[2].target, Some(day("2026-05-25")));
        assert_eq!(steps[3].target, Some(day("2026-06-08")));
        assert_eq!(steps[2].words(), "Planned by 25 May 2026");
        assert_eq!(steps[0].words(), "Done on 2 February 2026");
    }

    #[test]
    fn an_approved_application_has_every_reached_step_done() {
        let app = application(
            Stage::Approved,
            &[
                (Stage::Application, "2026-02-02"),
                (Stage::Assessment, "2026-02-20"),
                (Stage::Panel, "2026-05-20"),
                (Stage::Approved, "2026-06-01"),
            ],
        );
        assert!(
            app.steps()
                .iter()
                .all(|s| matches!(s.state, StepState::Done(_)))
        );
        assert!(app.next_step().starts_with("You are approved"));
    }

    #[test]
    fn ticking_keeps_the_first_day_and_untick_clears_it() {
        let mut app = application(Stage::Application, &[(Stage::Application, "2026-02-02")]);
        app.apply(&tick(Task::Dbs, true), day("2026-02-03"))
            .expect("tick");
        app.apply(&tick(Task::Dbs, true), day("2026-02-09"))
            .expect("tick again");
        assert_eq!(app.tasks[2].ticked_on, Some(day("2026-02-03")));
        assert_eq!(app.tasks[2].status(), TaskStatus::Done);
        assert_eq!(
            app.tasks_words(),
            "1 of 5 tasks done, 0 confirmed by the team."
        );
        app.apply(&tick(Task::Dbs, false), day("2026-02-10"))
            .expect("untick");
        assert_eq!(app.tasks[2].status(), TaskStatus::ToDo);
    }

    #[test]
    fn a_confirmed_task_stays_ticked_and_a_refusal_changes_nothing() {
        let mut app = application(Stage::Assessment, &[(Stage::Application, "2026-02-02")]);
        app.confirm(Task::Medical, true, day("2026-03-01"));
        assert_eq!(app.tasks[1].status(), TaskStatus::Confirmed);
        assert_eq!(app.tasks[1].ticked_on, Some(day("2026-03-01")));
        let before = app.clone();
        let refused = app
            .apply(&tick(Task::Medical, false), day("2026-03-02"))
            .expect_err("confirmed");
        assert!(refused.message.contains("confirmed this task"));
        assert_eq!(app, before);
        app.confirm(Task::Medical, false, day("2026-03-03"));
        assert_eq!(app.tasks[1].status(), TaskStatus::Done);
    }

    #[test]
    fn a_finished_application_refuses_every_tick() {
        for stage in [Stage::Approved, Stage::Closed] {
            let mut app = application(stage, &[(Stage::Application, "2026-02-02")]);
            let before = app.clone();
            assert!(
                app.apply(&tick(Task::Referees, true), day("2026-07-01"))
                    .is_err()
            );
            assert_eq!(app, before);
        }
    }

    #[test]
    fn only_applications_under_way_or_approved_can_be_invited() {
        let invited: Vec<Stage> = Stage::ALL
            .iter()
            .copied()
            .filter(|s| can_invite_applicant(*s))
            .collect();
        assert_eq!(
            invited,
            vec![
                Stage::Application,
                Stage::Assessment,
                Stage::Panel,
                Stage::Approved
            ]
        );
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        /// One step of an application's life: the applicant ticks or unticks, or the team
        /// confirms or takes a confirmation back.
        #[derive(Debug, Clone)]
        enum Step {
            Tick(usize, bool),
            Confirm(usize, bool),
        }

        fn steps() -> impl Strategy<Value = Vec<Step>> {
            prop::collection::vec(
                prop_oneof![
                    (0..Task::ALL.len(), any::<bool>()).prop_map(|(t, d)| Step::Tick(t, d)),
                    (0..Task::ALL.len(), any::<bool>()).prop_map(|(t, c)| Step::Confirm(t, c)),
                ],
                0..40,
            )
        }

        proptest! {
            /// Whatever happens in whatever order, a confirmed task is ticked, a refused tick
            /// changes nothing, and the applicant's last word on an unconfirmed task stands.
            #[test]
            fn ticks_and_confirmations_agree(steps in steps()) {
                let mut app = application(Stage::Assessment, &[(Stage::Application, "2026-02-02")]);
                let today = day("2026-03-01");
                for step in steps {
                    match step {
                        Step::Tick(t, done) => {
                            let before = app.clone();
                            if app.apply(&tick(Task::ALL[t], done), today).is_ok() {
                                prop_assert_eq!(app.tasks[t].ticked_on.is_some(), done);
                            } else {
                                prop_assert_eq!(&app, &before);
                                prop_assert!(!done && before.tasks[t].confirmed_on.is_some());
                            }
                        }
                        Step::Confirm(t, confirmed) => {
                            app.confirm(Task::ALL[t], confirmed, today);
                            prop_assert_eq!(app.tasks[t].confirmed_on.is_some(), confirmed);
                        }
                    }
                    for task in &app.tasks {
                        prop_assert!(task.confirmed_on.is_none() || task.ticked_on.is_some());
                    }
                }
            }
        }
    }
}
