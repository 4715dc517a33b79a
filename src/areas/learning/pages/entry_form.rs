//! The form for a learning log record, shared by "Log training" and "Change a training record":
//! every field of the record, kept as a draft on the device as the carer types, checked with the
//! core's rules (the server checks again with the same ones), then queued to sync.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use portal_core::details::Member;
use portal_core::mutation::QueuedTraining;
use portal_core::training::{Course, Entry, EntryField, EntryForm, TrainingChange, TrainingFormat};

use crate::areas::learning::form::{date_boxes, join_date, standard_choices};
use crate::areas::learning::{LearningPage, use_learning};
use crate::components::checkboxes::Checkboxes;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::{FieldError, TextArea, TextField};
use crate::components::select_field::{Choice, SelectField, choices_after};
use crate::details_form::{FieldProblem, field_problems};
use crate::device::{random_id, today};
use crate::routes::Page;
use crate::state::sync::use_sync;

/// The form's fields, each a signal.
#[derive(Debug, Clone, Copy)]
struct Fields {
    title: RwSignal<String>,
    course: RwSignal<String>,
    day: RwSignal<String>,
    month: RwSignal<String>,
    year: RwSignal<String>,
    hours: RwSignal<String>,
    minutes: RwSignal<String>,
    format: RwSignal<String>,
    provider: RwSignal<String>,
    standards: RwSignal<Vec<String>>,
    members: RwSignal<Vec<String>>,
    certificate: RwSignal<String>,
    learned: RwSignal<String>,
    will_use: RwSignal<String>,
}

impl Fields {
    fn new(form: &EntryForm) -> Self {
        let [day, month, year] = date_boxes(&form.date);
        Self {
            title: RwSignal::new(form.title.clone()),
            course: RwSignal::new(form.course_id.clone()),
            day: RwSignal::new(day),
            month: RwSignal::new(month),
            year: RwSignal::new(year),
            hours: RwSignal::new(form.hours.clone()),
            minutes: RwSignal::new(form.minutes.clone()),
            format: RwSignal::new(form.format.clone()),
            provider: RwSignal::new(form.provider.clone()),
            standards: RwSignal::new(form.standards.iter().map(u8::to_string).collect()),
            members: RwSignal::new(form.members.clone()),
            certificate: RwSignal::new(form.certificate.clone()),
            learned: RwSignal::new(form.learned.clone()),
            will_use: RwSignal::new(form.will_use.clone()),
        }
    }

    fn set(self, form: &EntryForm) {
        let [day, month, year] = date_boxes(&form.date);
        self.title.set(form.title.clone());
        self.course.set(form.course_id.clone());
        self.day.set(day);
        self.month.set(month);
        self.year.set(year);
        self.hours.set(form.hours.clone());
        self.minutes.set(form.minutes.clone());
        self.format.set(form.format.clone());
        self.provider.set(form.provider.clone());
        self.standards
            .set(form.standards.iter().map(u8::to_string).collect());
        self.members.set(form.members.clone());
        self.certificate.set(form.certificate.clone());
        self.learned.set(form.learned.clone());
        self.will_use.set(form.will_use.clone());
    }

    /// The form as typed; tracked, so that an effect reading it runs again on every change.
    fn read(self) -> EntryForm {
        EntryForm {
            title: self.title.get(),
            date: join_date(&self.day.get(), &self.month.get(), &self.year.get()),
            hours: self.hours.get(),
            minutes: self.minutes.get(),
            format: self.format.get(),
            provider: self.provider.get(),
            course_id: self.course.get(),
            standards: self
                .standards
                .get()
                .iter()
                .filter_map(|n| n.parse().ok())
                .collect(),
            members: self.members.get(),
            certificate: self.certificate.get(),
            learned: self.learned.get(),
            will_use: self.will_use.get(),
        }
    }

    fn read_untracked(self) -> EntryForm {
        untrack(move || self.read())
    }
}

/// A new record's starting point: today's date, and the only person in the household ticked if
/// there is only one. `standard` comes from a "log training for this standard" link.
pub fn blank_form(today: &str, household: &[Member], standard: Option<u8>) -> EntryForm {
    EntryForm {
        date: today.to_owned(),
        members: match household {
            [only] => vec![only.id.clone()],
            _ => Vec::new(),
        },
        standards: standard.into_iter().collect(),
        ..EntryForm::default()
    }
}

/// The form for record `id` (`None` for a new one), starting from `start`; its draft is kept
/// under `draft`.
#[component]
pub fn EntryEditor(
    id: Option<String>,
    start: EntryForm,
    draft: String,
    submit_label: &'static str,
) -> impl IntoView {
    let learning = use_learning();
    let sync = use_sync();
    let navigate = use_navigate();
    let fields = Fields::new(&start);
    let problems = RwSignal::new(Vec::<FieldProblem>::new());

    // Every change is kept on the device at once, so nothing typed is lost if the carer
    // leaves, the tab closes or the phone restarts. The first run only starts the tracking.
    {
        let draft = draft.clone();
        Effect::new(move |started: Option<()>| {
            let form = fields.read();
            if started.is_some() {
                learning.keep_draft(&draft, &form);
            }
        });
    }

    let (courses, course_choices, chosen_course) = use_course_choice(fields, start.course_id);

    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = fields.read_untracked();
        let Some(record) = id.clone().or_else(|| random_id("entry")) else {
            return;
        };
        let household = sync.details_untracked().members;
        if let Err(found) = Entry::parse(&record, &form, today(), &household) {
            problems.set(field_problems(found));
            return;
        }
        let title = form.title.trim().to_owned();
        let change = TrainingChange::Save {
            id: record.clone(),
            form: Box::new(form),
        };
        let (draft, navigate) = (draft.clone(), navigate.clone());
        sync.record_then(&QueuedTraining { training: &change }, move |outcome| match outcome {
            Ok(()) => {
                learning.drop_draft(&draft);
                learning.tell(format!(
                    "“{title}” is saved on this device. It is sent to the fostering service automatically when you are connected."
                ));
                navigate(
                    &LearningPage::Entry(record).href(),
                    NavigateOptions::default(),
                );
            }
            Err(error) => problems.set(vec![FieldProblem {
                input_id: EntryField::Title.input_id().into(),
                message: format!("Your training record was not saved. {error}"),
            }]),
        });
    };
    let error = move |field: EntryField| {
        Signal::derive(move || problem_for(&problems.get(), field.input_id()))
    };
    let has_courses = move || !courses.with(Vec::is_empty);

    view! {
        <ErrorSummary problems=problems />
        <form novalidate on:submit=save class="portal-entry-form">
            <Show when=has_courses>
                <SelectField
                    id="course"
                    label="Course from the fostering service's list (optional)"
                    choices=course_choices
                    value=chosen_course
                />
            </Show>
            <TextField id=EntryField::Title.input_id() label="Title" kind="text" autocomplete="off" value=fields.title error=error(EntryField::Title) hint="For example, Safeguarding refresher." />
            <DateBoxes fields=fields error=error(EntryField::Date) />
            <DurationBoxes fields=fields error=error(EntryField::Duration) />
            <FormatRadios value=fields.format error=error(EntryField::Format) />
            <TextField id=EntryField::Provider.input_id() label="Provider (optional)" kind="text" autocomplete="off" value=fields.provider error=error(EntryField::Provider) hint="Who ran it, for example Northby Council or a charity." />
            <Checkboxes
                id=EntryField::Standards.input_id()
                legend="Which TSD standards does it give evidence for? (optional)"
                hint="Select all that apply."
                choices=standard_choices()
                selected=fields.standards
                error=error(EntryField::Standards)
            />
            <WhoAttended selected=fields.members error=error(EntryField::Members) />
            <TextField id=EntryField::Certificate.input_id() label="Certificate reference (optional)" kind="text" autocomplete="off" value=fields.certificate error=error(EntryField::Certificate) />
            <TextArea id=EntryField::Learned.input_id() label="What I learned (optional)" value=fields.learned error=error(EntryField::Learned) />
            <TextArea id=EntryField::WillUse.input_id() label="How I will use it (optional)" value=fields.will_use error=error(EntryField::WillUse) />
            <p class="govuk-body">"What you type is kept on this device as you go, so you can finish later."</p>
            <button type="submit" class="govuk-button">{submit_label}</button>
        </form>
    }
}

/// The service's courses to choose from, and the course chosen (starting at `start`): picking
/// one fills in its title and standards (see `EntryForm::choose_course`).
fn use_course_choice(
    fields: Fields,
    start: String,
) -> (Memo<Vec<Course>>, Signal<Vec<Choice>>, RwSignal<String>) {
    let learning = use_learning();
    let courses = Memo::new(move |_| learning.with(|d| d.courses.clone()));
    let choices = Signal::derive(move || {
        choices_after(
            "Not on the list",
            courses.get().into_iter().map(|c| (c.id, c.title)).collect(),
        )
    });
    let chosen = RwSignal::new(start);
    Effect::new(move |before: Option<String>| {
        let now = chosen.get();
        if before.is_some_and(|b| b != now) {
            let mut form = fields.read_untracked();
            courses.with_untracked(|catalogue| {
                form.choose_course(catalogue.iter().find(|c| c.id == now), catalogue);
            });
            fields.set(&form);
        }
        now
    });
    (courses, choices, chosen)
}

/// Who in the household attended; with nobody listed yet, where to list them.
#[component]
fn WhoAttended(selected: RwSignal<Vec<String>>, error: Signal<Option<String>>) -> impl IntoView {
    let sync = use_sync();
    let household = Memo::new(move |_| sync.details().members);
    let member_choices: Signal<Vec<Choice>> = Signal::derive(move || {
        household
            .get()
            .into_iter()
            .map(|m| (m.id, m.name.as_str().to_owned()))
            .collect()
    });
    move || {
        if member_choices.get().is_empty() {
            view! {
                        <div class="govuk-inset-text" id=EntryField::Members.input_id()>
                            "Nobody is listed in your household yet. Add yourself and anyone else who does training on "
                            <a href=Page::MyDetails.href() class="govuk-link">"My details"</a>
                            " first. What you have typed here is kept."
                        </div>
                    }
                    .into_any()
        } else {
            view! {
                <Checkboxes
                    id=EntryField::Members.input_id()
                    legend="Who attended?"
                    hint="Select everyone in your household who did this training."
                    choices=member_choices.get()
                    selected=selected
                    error=error
                />
            }
            .into_any()
        }
    }
}

/// The GOV.UK date pattern: day, month and year in three boxes.
#[component]
fn DateBoxes(fields: Fields, error: Signal<Option<String>>) -> impl IntoView {
    let id = EntryField::Date.input_id();
    let boxes = [
        ("day", "Day", fields.day, 2),
        ("month", "Month", fields.month, 2),
        ("year", "Year", fields.year, 4),
    ];
    view! {
        <div class="govuk-form-group" class:govuk-form-group--error=move || error.get().is_some()>
            <fieldset class="govuk-fieldset" role="group" id=id aria-describedby=move || {
                if error.get().is_some() { "date-hint date-error" } else { "date-hint" }
            }>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"When was it?"</legend>
                <div id="date-hint" class="govuk-hint">"For example, 27 3 2026"</div>
                <FieldError id="date-error".to_owned() error=error />
                <div class="govuk-date-input">
                    {boxes
                        .into_iter()
                        .map(|(name, label, value, width)| {
                            let input_id = format!("date-{name}");
                            view! {
                                <div class="govuk-date-input__item">
                                    <div class="govuk-form-group">
                                        <label class="govuk-label govuk-date-input__label" for=input_id.clone()>{label}</label>
                                        <input
                                            class=format!("govuk-input govuk-date-input__input govuk-input--width-{width}")
                                            class:govuk-input--error=move || error.get().is_some()
                                            id=input_id
                                            type="text"
                                            inputmode="numeric"
                                            bind:value=value
                                        />
                                    </div>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

/// How long it lasted, in hours and minutes.
#[component]
fn DurationBoxes(fields: Fields, error: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div class="govuk-form-group" class:govuk-form-group--error=move || error.get().is_some()>
            <fieldset class="govuk-fieldset" role="group" aria-describedby=move || {
                if error.get().is_some() { "duration-hint duration-error" } else { "duration-hint" }
            }>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"How long did it last?"</legend>
                <div id="duration-hint" class="govuk-hint">"For example, 1 hour 30 minutes. From 5 minutes to 40 hours."</div>
                <FieldError id="duration-error".to_owned() error=error />
                <div class="govuk-date-input">
                    <div class="govuk-date-input__item">
                        <div class="govuk-form-group">
                            <label class="govuk-label govuk-date-input__label" for="hours">"Hours"</label>
                            <input class="govuk-input govuk-date-input__input govuk-input--width-2" class:govuk-input--error=move || error.get().is_some() id="hours" type="text" inputmode="numeric" bind:value=fields.hours />
                        </div>
                    </div>
                    <div class="govuk-date-input__item">
                        <div class="govuk-form-group">
                            <label class="govuk-label govuk-date-input__label" for="minutes">"Minutes"</label>
                            <input class="govuk-input govuk-date-input__input govuk-input--width-2" class:govuk-input--error=move || error.get().is_some() id="minutes" type="text" inputmode="numeric" bind:value=fields.minutes />
                        </div>
                    </div>
                </div>
            </fieldset>
        </div>
    }
}

/// How it was delivered: one of the formats.
#[component]
fn FormatRadios(value: RwSignal<String>, error: Signal<Option<String>>) -> impl IntoView {
    let id = EntryField::Format.input_id();
    let radios = TrainingFormat::ALL
        .into_iter()
        .enumerate()
        .map(|(n, format)| {
            let radio_id = format!("{id}-{n}");
            let code = format.as_str();
            view! {
                <div class="govuk-radios__item">
                    <input
                        class="govuk-radios__input"
                        id=radio_id.clone()
                        name=id
                        type="radio"
                        value=code
                        prop:checked=move || value.get() == code
                        on:change=move |_| value.set(code.to_owned())
                    />
                    <label class="govuk-label govuk-radios__label" for=radio_id>{format.label()}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="govuk-form-group" class:govuk-form-group--error=move || error.get().is_some()>
            <fieldset class="govuk-fieldset" id=id aria-describedby=move || error.get().map(|_| "format-error")>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"How was it delivered?"</legend>
                <FieldError id="format-error".to_owned() error=error />
                <div class="govuk-radios govuk-radios--small">{radios}</div>
            </fieldset>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use portal_core::details::{MemberRole, Text};

    use super::*;

    fn member(id: &str) -> Member {
        Member {
            id: id.into(),
            name: Text::parse(id, "a name", 80).expect("name"),
            role: MemberRole::MainCarer,
        }
    }

    #[test]
    fn a_new_record_starts_today_with_the_only_carer_ticked() {
        let alone = blank_form("2026-11-22", &[member("sam")], None);
        assert_eq!(alone.date, "2026-11-22");
        assert_eq!(alone.members, ["sam"]);
        let two = blank_form("2026-11-22", &[member("sam"), member("alex")], Some(3));
        assert!(two.members.is_empty(), "nobody is picked for the carer");
        assert_eq!(two.standards, [3]);
    }
}
