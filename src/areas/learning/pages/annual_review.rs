//! The annual review (`/learning/annual-review`): the carer's part of the review form and the
//! development plan they propose, filled in with no signal (kept on the device as it is typed)
//! and sent to their supervising social worker; then what was sent, and the last review's
//! agreed plan.

use leptos::prelude::*;
use portal_core::date::CalendarDate;
use portal_core::mutation::QueuedReview;
use portal_core::review::{
    AnnualReview, CarerPart, FORM_OPENS_DAYS, GoalForm, MAX_GOALS, ReviewChange, ReviewForm,
    ReviewTiming, learning_lines,
};
use portal_core::training::{TrainingSummary, totals};

use crate::areas::learning::data::{ReviewShown, review_shown};
use crate::areas::learning::{LearningPage, use_learning};
use crate::components::carers_only::CarersOnly;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::{TextArea, TextField};
use crate::components::page_title::PageTitle;
use crate::components::review_part::{ReviewPart, SummaryLines};
use crate::components::select_field::{SelectField, choices_after};
use crate::details_form::{FieldProblem, field_problems};
use crate::device::today;
use crate::state::account::{device, use_account};
use crate::state::sync::use_sync;

/// Where the form is kept on the device while it is being written, per review.
fn draft_name(due_on: CalendarDate) -> String {
    format!("annual-review-{due_on}")
}

/// What the page shows, decided apart from the words so that typing never redraws the form.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Stage {
    NotApproved,
    /// The form opens later.
    NotYet {
        due_on: CalendarDate,
    },
    Open {
        due_on: CalendarDate,
    },
    /// Sent from this device, waiting for a connection.
    Waiting,
    /// The server has the carer's part.
    Sent(Box<AnnualReview>),
}

fn stage(shown: Option<&ReviewShown>, today: CalendarDate) -> Stage {
    let Some(shown) = shown else {
        return Stage::NotApproved;
    };
    let due_on = shown.current.due_on;
    if shown.waiting.is_some() {
        Stage::Waiting
    } else if shown.current.sent.is_some() {
        Stage::Sent(Box::new(shown.current.clone()))
    } else if ReviewTiming::of(due_on, today) == ReviewTiming::Later {
        Stage::NotYet { due_on }
    } else {
        Stage::Open { due_on }
    }
}

#[component]
pub fn AnnualReviewPage() -> impl IntoView {
    let account = use_account();
    let sync = use_sync();
    let shown = Memo::new(move |_| {
        sync.revision();
        let approved_on = sync.household().and_then(|facts| facts.approved_on);
        let user = account.user()?;
        device()
            .and_then(|d| review_shown(&d.user(&user.id), approved_on))
            .ok()
            .flatten()
    });
    let current = Memo::new(move |_| shown.with(|s| stage(s.as_ref(), today())));
    let editing = RwSignal::new(false);
    view! {
        <PageTitle text=LearningPage::AnnualReview.title() />
        <h1 class="govuk-heading-l">"Annual review and plan"</h1>
        <p class="govuk-body">
            "Once a year your supervising social worker reviews your approval with you. Before "
            "it, fill in your part of the review form and propose your development plan. You "
            "can do it with no signal: what you type is kept on this device, and it is sent "
            "when there is a connection."
        </p>
        <CarersOnly to="fill in your annual review">
            {move || match current.get() {
                Stage::NotApproved => view! {
                    <p class="govuk-body">"Your first annual review is a year after your approval."</p>
                }
                .into_any(),
                Stage::NotYet { due_on } => view! {
                    <p class="govuk-body">
                        {format!(
                            "Your next annual review is due on {}. The form opens on {}.",
                            due_on.long_form(),
                            due_on.add_days(-FORM_OPENS_DAYS).long_form()
                        )}
                    </p>
                }
                .into_any(),
                Stage::Open { due_on } => view! { <ReviewFormView due_on=due_on editing=editing sent=None /> }.into_any(),
                Stage::Waiting => view! {
                    <div class="govuk-panel govuk-panel--confirmation">
                        <h2 class="govuk-panel__title">"Your part of the review is saved on this device"</h2>
                    </div>
                    <p class="govuk-body">
                        "It will be sent to your supervising social worker when there is a connection. You do not need to do anything else."
                    </p>
                }
                .into_any(),
                Stage::Sent(review) if editing.get() => {
                    let sent = review.sent.map(|s| s.part);
                    view! { <ReviewFormView due_on=review.due_on editing=editing sent=sent /> }.into_any()
                }
                Stage::Sent(review) => view! { <Sent review=*review editing=editing /> }.into_any(),
            }}
            <LastHeld shown=shown />
        </CarersOnly>
    }
}

/// The part as sent, with a way to change it before the review is held.
#[component]
fn Sent(review: AnnualReview, editing: RwSignal<bool>) -> impl IntoView {
    let Some(sent) = review.sent else {
        return ().into_any();
    };
    let timing = ReviewTiming::of(review.due_on, today());
    view! {
        <div class="govuk-panel govuk-panel--confirmation">
            <h2 class="govuk-panel__title">"Sent to your supervising social worker"</h2>
        </div>
        <p class="govuk-body">
            {format!(
                "{} sent your part on {}. Your review: {}.",
                sent.sent_by,
                sent.sent_on.long_form(),
                timing.words(review.due_on, today()).to_lowercase()
            )}
        </p>
        <ReviewPart part=sent.part />
        <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| editing.set(true)>
            "Change what you sent"
        </button>
    }
    .into_any()
}

#[component]
fn LastHeld(shown: Memo<Option<ReviewShown>>) -> impl IntoView {
    move || {
        let review = shown.with(|s| s.as_ref().and_then(|s| s.last_held.clone()))?;
        let held = review.held?;
        Some(view! {
            <h2 class="govuk-heading-m">"Your last review"</h2>
            <p class="govuk-body">{format!("Held on {} with {}.", held.on.long_form(), held.by)}</p>
            {(!held.comment.is_empty()).then(|| view! { <div class="govuk-inset-text portal-keep-lines">{held.comment.clone()}</div> })}
            {review.sent.map(|sent| view! { <ReviewPart part=sent.part /> })}
        })
    }
}

/// The household's learning, summarised as the review form shows it.
#[component]
fn LearningSummary() -> impl IntoView {
    let learning = use_learning();
    let sync = use_sync();
    let lines = move || {
        let facts = sync.household()?;
        let members = sync.details().members;
        let today = today();
        learning.with(|data| {
            let summary = TrainingSummary::new(
                &data.entries,
                &members,
                facts.approved_on,
                facts.carer_type,
                &data.courses,
                today,
            );
            let minutes = totals(&data.entries, today, facts.approved_on).last_12_months;
            Some(learning_lines(minutes, &summary))
        })
    };
    view! {
        <h2 class="govuk-heading-m">"Your learning this year"</h2>
        <p class="govuk-body">"From your learning log. Your social worker sees the same."</p>
        <SummaryLines lines=Signal::derive(move || lines().unwrap_or_default()) />
        <p class="govuk-body">
            <a class="govuk-link" href=LearningPage::Review.href()>"See your whole learning log for the review"</a>
        </p>
    }
}

/// One goal row of the plan, as the form edits it.
#[derive(Debug, Clone, Copy)]
struct GoalRow {
    key: usize,
    text: RwSignal<String>,
    course: RwSignal<String>,
}

impl GoalRow {
    fn new(key: usize, goal: GoalForm) -> Self {
        Self {
            key,
            text: RwSignal::new(goal.text),
            course: RwSignal::new(goal.course_id),
        }
    }

    fn goal(self) -> GoalForm {
        GoalForm {
            text: self.text.get(),
            course_id: self.course.get(),
        }
    }
}

#[component]
fn ReviewFormView(
    due_on: CalendarDate,
    editing: RwSignal<bool>,
    /// The part as sent, when the carer is changing it.
    sent: Option<CarerPart>,
) -> impl IntoView {
    let account = use_account();
    let sync = use_sync();
    let learning = use_learning();
    let draft = draft_name(due_on);
    // A draft first, then what was sent (when changing it), then an empty form.
    let start: ReviewForm = account
        .draft(&draft)
        .unwrap_or_else(|| sent.as_ref().map(form_of).unwrap_or_default());
    let went_well = RwSignal::new(start.went_well);
    let been_hard = RwSignal::new(start.been_hard);
    let support_wanted = RwSignal::new(start.support_wanted);
    let mut goals: Vec<GoalForm> = start.goals;
    if goals.is_empty() {
        goals.push(GoalForm::default());
    }
    let next_key = StoredValue::new(goals.len());
    let rows = RwSignal::new(
        goals
            .into_iter()
            .enumerate()
            .map(|(key, goal)| GoalRow::new(key, goal))
            .collect::<Vec<_>>(),
    );
    let form = move || ReviewForm {
        went_well: went_well.get(),
        been_hard: been_hard.get(),
        support_wanted: support_wanted.get(),
        goals: rows.get().into_iter().map(GoalRow::goal).collect(),
    };
    {
        let draft = draft.clone();
        // The first run only starts the tracking.
        Effect::new(move |started: Option<()>| {
            let now = form();
            if started.is_some() {
                account.keep_draft(&draft, &now);
            }
        });
    }
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let typed = untrack(form);
        let catalogue = learning.with_untracked(|data| data.courses.clone());
        if let Err(found) = typed.parse(&catalogue) {
            problems.set(field_problems(found));
            return;
        }
        problems.set(Vec::new());
        let change = ReviewChange::Send {
            due_on,
            form: typed,
        };
        let draft = draft.clone();
        sync.record_then(
            &QueuedReview { review: &change },
            move |outcome| match outcome {
                Ok(()) => {
                    account.drop_draft(&draft);
                    editing.set(false);
                }
                Err(error) => problems.set(vec![FieldProblem {
                    input_id: "went-well".into(),
                    message: format!("Your review form was not saved on this device. {error}"),
                }]),
            },
        );
    };
    let add_goal = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        rows.update(|rows| rows.push(GoalRow::new(key, GoalForm::default())));
    };
    let error = move |id: &'static str| Signal::derive(move || problem_for(&problems.get(), id));
    let timing = ReviewTiming::of(due_on, today());
    view! {
        <ErrorSummary problems=problems />
        <p class="govuk-body">
            <strong>{format!("Your review: {}.", timing.words(due_on, today()))}</strong>
        </p>
        <LearningSummary />
        <form novalidate on:submit=submit>
            <h2 class="govuk-heading-m">"Your part of the review"</h2>
            <TextArea id="went-well" label="What has gone well since your last review?" value=went_well error=error("went-well") rows=5 />
            <TextArea id="been-hard" label="What has been hard? (optional)" value=been_hard error=error("been-hard") rows=5 />
            <TextArea id="support-wanted" label="What support would help you? (optional)" value=support_wanted error=error("support-wanted") rows=5 />
            <h2 class="govuk-heading-m">"Your development plan"</h2>
            <p class="govuk-body">
                {format!("Up to {MAX_GOALS} goals for the coming year. A goal can name a training course from the service's list.")}
            </p>
            <For each=move || rows.get() key=|row| row.key let:row>
                <GoalFields row=row rows=rows problems=problems />
            </For>
            <Show when=move || rows.with(Vec::len) < MAX_GOALS>
                <button type="button" class="govuk-button govuk-button--secondary" on:click=add_goal>"Add another goal"</button>
            </Show>
            <div class="govuk-button-group">
                <button type="submit" class="govuk-button">"Send to my supervising social worker"</button>
            </div>
        </form>
    }
}

/// One goal's fields, numbered by where the row now stands in the plan.
#[component]
fn GoalFields(
    row: GoalRow,
    rows: RwSignal<Vec<GoalRow>>,
    problems: RwSignal<Vec<FieldProblem>>,
) -> impl IntoView {
    let learning = use_learning();
    let number = Memo::new(move |_| {
        rows.with(|rows| rows.iter().position(|r| r.key == row.key).unwrap_or(0) + 1)
    });
    let choices = Signal::derive(move || {
        learning.with(|data| {
            choices_after(
                "No course",
                data.courses
                    .iter()
                    .map(|c| (c.id.clone(), c.title.clone()))
                    .collect(),
            )
        })
    });
    let text_id = Signal::derive(move || format!("goal-{}", number.get()));
    let course_id = Signal::derive(move || format!("goal-{}-course", number.get()));
    let text_error = Signal::derive(move || problem_for(&problems.get(), &text_id.get()));
    let course_error = Signal::derive(move || problem_for(&problems.get(), &course_id.get()));
    let remove = move |_| rows.update(|rows| rows.retain(|r| r.key != row.key));
    view! {
        <fieldset class="govuk-fieldset portal-goal">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{move || format!("Goal {}", number.get())}</legend>
            {move || view! {
                <TextField id=text_id.get() label="What you want to achieve" kind="text" autocomplete="off" value=row.text error=text_error />
                <SelectField id=course_id.get() label="Training course (optional)" choices=choices value=row.course error=course_error />
            }}
            <Show when=move || { rows.with(Vec::len) > 1 }>
                <button type="button" class="govuk-button govuk-button--warning govuk-!-margin-bottom-4" on:click=remove>
                    {move || format!("Remove goal {}", number.get())}
                </button>
            </Show>
        </fieldset>
    }
}

/// The form filled in again from what was sent, to change it.
fn form_of(part: &CarerPart) -> ReviewForm {
    ReviewForm {
        went_well: part.went_well.clone(),
        been_hard: part.been_hard.clone(),
        support_wanted: part.support_wanted.clone(),
        goals: part
            .goals
            .iter()
            .map(|goal| GoalForm {
                text: goal.text.clone(),
                course_id: goal
                    .course
                    .as_ref()
                    .map(|c| c.id.clone())
                    .unwrap_or_default(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> CalendarDate {
        CalendarDate::parse(text).expect("date")
    }

    #[test]
    fn the_page_follows_the_review_from_not_yet_to_sent() {
        let review = |sent| AnnualReview {
            due_on: day("2026-12-20"),
            sent,
            held: None,
        };
        let shown = |current, waiting| ReviewShown {
            current,
            waiting,
            last_held: None,
        };
        assert_eq!(stage(None, day("2026-12-01")), Stage::NotApproved);
        let empty = shown(review(None), None);
        assert_eq!(
            stage(Some(&empty), day("2026-10-01")),
            Stage::NotYet {
                due_on: day("2026-12-20")
            }
        );
        assert_eq!(
            stage(Some(&empty), day("2026-12-01")),
            Stage::Open {
                due_on: day("2026-12-20")
            }
        );
        let waiting = shown(review(None), Some(ReviewForm::default()));
        assert_eq!(stage(Some(&waiting), day("2026-12-01")), Stage::Waiting);
        let part = CarerPart {
            went_well: "Well".into(),
            been_hard: String::new(),
            support_wanted: String::new(),
            goals: Vec::new(),
        };
        let sent = review(Some(portal_core::review::SentPart {
            part: part.clone(),
            sent_by: "Sam".into(),
            sent_on: day("2026-11-30"),
        }));
        assert!(matches!(
            stage(Some(&shown(sent, None)), day("2026-12-01")),
            Stage::Sent(_)
        ));
        assert_eq!(form_of(&part).went_well, "Well");
    }
}
