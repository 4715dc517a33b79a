//! The applicant's home: what someone being assessed sees in place of the carers' home page
//! (their household is "being assessed"; see `crates/server/src/applicants.rs`). Their stages
//! with the current one and the target dates, what happens next, their assessing social worker,
//! and the tasks they tick, with no signal as anywhere else. Its code loads the first time an
//! applicant opens the portal (see `parts`): carers never fetch it.

pub mod data;

use std::fmt::Write as _;

use leptos::prelude::*;
use portal_core::brand::{CONTACT_EMAIL, CONTACT_PHONE};
use portal_core::enquiries::application::{
    Application, ApplicationChange, StepState, Task, TaskState, TaskStatus,
};
use portal_core::mutation::QueuedApplication;
use portal_core::text::escape_html;

use crate::components::page_title::PageTitle;
use crate::device::today;
use crate::state::account::{device, use_account};
use crate::state::sync::use_sync;

/// The application as this device shows it, read again whenever the device's storage changes.
fn use_application() -> Memo<Option<Application>> {
    let sync = use_sync();
    let account = use_account();
    Memo::new(move |_| {
        sync.revision();
        let user = account.user()?;
        let household = user.household_id.as_deref()?;
        device().ok().and_then(|d| {
            data::application(&d.user(&user.id), household, today())
                .ok()
                .flatten()
        })
    })
}

/// Who the applicant's assessing social worker is, with their email address if known.
type Worker = (String, Option<String>);

/// What the page says above the tasks, as HTML: where the applicant is and what happens next,
/// the stages with their targets, and whom to contact. One string costs the part's code far
/// less than the elements a `view!` builds for each; every word from a person is escaped.
pub fn overview_html(application: &Application, worker: Option<&Worker>) -> String {
    let mut html = format!(
        r#"<p class="govuk-body-l">Where you are now: <strong>{}</strong></p><div class="govuk-inset-text"><h2 class="govuk-heading-s">What happens next</h2><p class="govuk-body">{}</p></div><h2 class="govuk-heading-m">The stages</h2><p class="govuk-body">The service aims to take every application to the fostering panel within 16 weeks.</p><ol class="govuk-list portal-steps">"#,
        application.stage.label(),
        application.next_step(),
    );
    for step in application.steps() {
        let tag = match step.state {
            StepState::Done(_) => "govuk-tag govuk-tag--green",
            StepState::Current => "govuk-tag",
            StepState::ToCome => "govuk-tag govuk-tag--grey",
        };
        let current = if step.state == StepState::Current {
            r#" aria-current="step""#
        } else {
            ""
        };
        let _ = write!(
            html,
            r#"<li class="portal-steps__step"{current}><strong>{}</strong> <span class="{tag}">{}</span><br><span class="govuk-body-s">{}</span></li>"#,
            step.label(),
            step.state.label(),
            step.words(),
        );
    }
    html.push_str(r#"</ol><h2 class="govuk-heading-m">Your assessing social worker</h2>"#);
    match worker {
        Some((name, Some(email))) => {
            let email = escape_html(email);
            let _ = write!(
                html,
                r#"<p class="govuk-body">{}, <a class="govuk-link" href="mailto:{email}">{email}</a></p>"#,
                escape_html(name)
            );
        }
        Some((name, None)) => {
            let _ = write!(html, r#"<p class="govuk-body">{}</p>"#, escape_html(name));
        }
        None => html.push_str(
            r#"<p class="govuk-body">Your assessing social worker is named here once they are given your application.</p>"#,
        ),
    }
    let _ = write!(
        html,
        r#"<p class="govuk-body">The recruitment team: {CONTACT_PHONE}, <a class="govuk-link" href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a></p>"#
    );
    html
}

#[component]
pub fn ApplicationPage() -> impl IntoView {
    let application = use_application();
    let sync = use_sync();
    let has_application = Memo::new(move |_| application.with(Option::is_some));
    let overview = move || {
        let worker = sync.household().and_then(|h| {
            h.supervising_worker
                .map(|name| (name, h.supervising_worker_email))
        });
        application.with(|a| {
            a.as_ref()
                .map(|a| overview_html(a, worker.as_ref()))
                .unwrap_or_default()
        })
    };
    view! {
        <PageTitle text="Your application" />
        <h1 class="govuk-heading-xl">"Your application to foster"</h1>
        <Show
            when=move || has_application.get()
            fallback=|| view! {
                <p class="govuk-body" role="status">
                    "Your application shows here once this device has connected to the fostering service. Check your connection; the box near the top of the page says whether the portal can reach the service."
                </p>
            }
        >
            <div inner_html=overview></div>
            <Tasks application=application />
        </Show>
    }
}

/// The tasks as checkboxes. The list of tasks never changes, so each checkbox is made once and
/// follows the application: ticking one never rebuilds the list under a keyboard or screen
/// reader user.
#[component]
fn Tasks(application: Memo<Option<Application>>) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let summary =
        move || application.with(|a| a.as_ref().map(Application::tasks_words).unwrap_or_default());
    let open = move || application.with(|a| a.as_ref().is_some_and(Application::is_open));
    view! {
        <div class="govuk-form-group" class:govuk-form-group--error=move || problem.get().is_some()>
            <fieldset class="govuk-fieldset" aria-describedby="tasks-hint">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                    <h2 class="govuk-fieldset__heading">"Your tasks"</h2>
                </legend>
                <div id="tasks-hint" class="govuk-hint">
                    "Tick each task when you have done it. The recruitment team confirms it. " {summary}
                </div>
                {move || problem.get().map(|p| view! {
                    <p class="govuk-error-message" role="alert"><span class="govuk-visually-hidden">"Error: "</span>{p}</p>
                })}
                <div class="govuk-checkboxes" data-module="govuk-checkboxes">
                    {Task::ALL.iter().map(|&task| task_box(task, application, open, problem)).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

fn state_of(application: Option<&Application>, task: Task) -> Option<TaskState> {
    application?.tasks.iter().copied().find(|t| t.task == task)
}

/// One task's checkbox: made once, it follows the application as it changes.
fn task_box(
    task: Task,
    application: Memo<Option<Application>>,
    open: impl Fn() -> bool + Copy + Send + Sync + 'static,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let sync = use_sync();
    let state = move || application.with(|a| state_of(a.as_ref(), task));
    let status = move || state().map_or(TaskStatus::ToDo, |s| s.status());
    let id = format!("task-{}", task.as_str());
    let hint_id = format!("{id}-hint");
    let tick = move |event: leptos::ev::Event| {
        let done = event_target_checked(&event);
        let change = ApplicationChange::Tick { task, done };
        sync.record_then(
            &QueuedApplication {
                application: &change,
            },
            move |outcome| {
                problem.set(
                    outcome
                        .err()
                        .map(|error| format!("Your tick was not saved on this device. {error}")),
                );
            },
        );
    };
    view! {
        <div class="govuk-checkboxes__item">
            <input
                class="govuk-checkboxes__input"
                id=id.clone()
                type="checkbox"
                aria-describedby=hint_id.clone()
                prop:checked=move || status() != TaskStatus::ToDo
                prop:disabled=move || !open() || status() == TaskStatus::Confirmed
                on:change=tick
            />
            <label class="govuk-label govuk-checkboxes__label" for=id>{task.label()}</label>
            <div id=hint_id class="govuk-hint govuk-checkboxes__hint">
                {task.hint()}
                " "
                <strong>{move || state().map(|s| s.words()).unwrap_or_default()}</strong>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use portal_core::date::CalendarDate;
    use portal_core::enquiries::Stage;
    use portal_core::enquiries::application::Reached;

    use super::*;

    fn application() -> Application {
        Application {
            stage: Stage::Assessment,
            reached: [
                (Stage::Application, "2026-02-02"),
                (Stage::Assessment, "2026-02-20"),
            ]
            .iter()
            .map(|(stage, on)| Reached {
                stage: *stage,
                on: CalendarDate::parse(on).expect("date"),
            })
            .collect(),
            tasks: Vec::new(),
        }
    }

    #[test]
    fn the_overview_marks_the_current_stage_and_escapes_the_worker() {
        let worker = ("Jo <Okafor>".to_owned(), Some("jo@example.test".to_owned()));
        let html = overview_html(&application(), Some(&worker));
        assert!(html.contains("Where you are now: <strong>Assessment</strong>"));
        assert!(html.contains(
            r#"aria-current="step"><strong>Checks and assessment</strong> <span class="govuk-tag">Now</span>"#
        ));
        assert!(html.contains("Planned by 25 May 2026"));
        assert!(html.contains("Jo &lt;Okafor&gt;"));
        assert!(html.contains(r#"href="mailto:jo@example.test""#));
        let unnamed = overview_html(&application(), None);
        assert!(unnamed.contains("named here once they are given your application"));
    }
}
