//! Building a survey (`/staff/surveys/new`) and changing one nobody has answered yet
//! (`/staff/surveys/{id}/edit`): its title, introduction, dates, who it asks, whether it is
//! anonymous, the earlier survey its results are compared with, and its questions, which can
//! be copied from an earlier survey so that their results can be compared.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map};
use portal_core::surveys::{
    Audience, EXIT_WINDOWS, QUESTION_KINDS, QuestionForm, StaffSurveys, Wave, WaveField, WaveForm,
    WaveState,
};

use super::{Loaded, change, fetched, load};
use crate::api;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::{TextArea, TextField};
use crate::components::page_title::PageTitle;
use crate::components::select_field::{Choice, SelectField, choices_after};
use crate::details_form::{FieldProblem, field_problems};
use crate::device::today;
use crate::staff::StaffPage;

/// Everyone a wave can ask: all approved carers, those of one type or one area, or (the exit
/// interview) the households that stopped fostering lately.
fn audience_choices(areas: &[String]) -> Vec<Choice> {
    Audience::fostering(areas)
        .into_iter()
        .chain(EXIT_WINDOWS.into_iter().map(Audience::LeftWithin))
        .map(|audience| (audience.code(), audience.words()))
        .collect()
}

#[component]
pub fn NewSurveyPage() -> impl IntoView {
    let loaded: Loaded<StaffSurveys> = load(api::staff_surveys);
    view! {
        <PageTitle text="Build a survey" />
        <p class="govuk-body"><a class="govuk-link" href=StaffPage::Surveys.href()>"Surveys"</a></p>
        <h1 class="govuk-heading-l">"Build a survey"</h1>
        {fetched(loaded, "Loading…", move |list| {
            let start = WaveForm {
                audience: "everyone".into(),
                anonymous: true,
                ..WaveForm::default()
            };
            view! { <Builder start=start id=None list=list /> }.into_any()
        })}
    }
}

#[component]
pub fn EditSurveyPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
    let loaded: Loaded<StaffSurveys> = load(api::staff_surveys);
    view! {
        <PageTitle text="Change a survey" />
        <p class="govuk-body"><a class="govuk-link" href=StaffPage::Survey(id.clone()).href()>"Back to the results"</a></p>
        <h1 class="govuk-heading-l">"Change a survey"</h1>
        {fetched(loaded, "Loading…", move |list| match list.waves.iter().find(|w| w.wave.id == id) {
            None => view! { <p class="govuk-body">"That survey does not exist."</p> }.into_any(),
            Some(staff) if staff.answered > 0 => view! {
                <p class="govuk-body">"Carers have already answered this survey, so it can no longer be changed."</p>
            }.into_any(),
            Some(staff) => {
                let start = WaveForm::of(&staff.wave);
                // Carers may have answered offline under what it said (see `check_anonymity_kept`).
                let opened = staff.wave.state(today()) != WaveState::Scheduled;
                view! { <Builder start=start id=Some(id.clone()) list=list anonymity_fixed=opened /> }.into_any()
            }
        })}
    }
}

/// One question as it is being written.
#[derive(Debug, Clone, Copy)]
struct Row {
    key: usize,
    /// The question's id, when it was copied from an earlier survey.
    id: StoredValue<Option<String>>,
    text: RwSignal<String>,
    kind: RwSignal<String>,
    options: RwSignal<String>,
}

impl Row {
    fn new(key: usize, form: QuestionForm) -> Self {
        Self {
            key,
            id: StoredValue::new(form.id),
            text: RwSignal::new(form.text),
            kind: RwSignal::new(form.kind),
            options: RwSignal::new(form.options),
        }
    }

    fn form(self) -> QuestionForm {
        QuestionForm {
            id: self.id.get_value(),
            text: self.text.get_untracked(),
            kind: self.kind.get_untracked(),
            options: self.options.get_untracked(),
        }
    }
}

#[component]
fn Builder(
    start: WaveForm,
    id: Option<String>,
    list: StaffSurveys,
    /// Whether the survey has opened, so that whether it is anonymous can no longer change.
    #[prop(optional)]
    anonymity_fixed: bool,
) -> impl IntoView {
    let navigate = use_navigate();
    let title = RwSignal::new(start.title.clone());
    let intro = RwSignal::new(start.intro.clone());
    let opens = RwSignal::new(start.opens.clone());
    let closes = RwSignal::new(start.closes.clone());
    let audience = RwSignal::new(start.audience.clone());
    let anonymous = RwSignal::new(start.anonymous);
    let previous = RwSignal::new(start.previous.clone());
    let next_key = StoredValue::new(start.questions.len());
    let rows = RwSignal::new(
        start
            .questions
            .into_iter()
            .enumerate()
            .map(|(key, q)| Row::new(key, q))
            .collect::<Vec<_>>(),
    );
    let earlier: Vec<Wave> = list
        .waves
        .into_iter()
        .map(|w| w.wave)
        .filter(|w| Some(&w.id) != id.as_ref())
        .collect();
    let earlier = StoredValue::new(earlier);
    let wave_choices = earlier.with_value(|waves| {
        waves
            .iter()
            .map(|w| (w.id.clone(), w.title.clone()))
            .collect::<Vec<Choice>>()
    });
    let add = move |kind: &str| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        let row = Row::new(
            key,
            QuestionForm {
                kind: kind.to_owned(),
                ..QuestionForm::default()
            },
        );
        rows.update(|r| r.push(row));
    };
    let copy_from = RwSignal::new(String::new());
    let copy = move |_| {
        let chosen = copy_from.get_untracked();
        let Some(questions) = earlier.with_value(|waves| {
            waves
                .iter()
                .find(|w| w.id == chosen)
                .map(|w| w.questions.clone())
        }) else {
            return;
        };
        let start = next_key.get_value();
        next_key.set_value(start + questions.len());
        rows.set(
            questions
                .iter()
                .enumerate()
                .map(|(n, q)| Row::new(start + n, QuestionForm::of(q)))
                .collect(),
        );
        if previous.get_untracked().is_empty() {
            previous.set(chosen);
        }
    };
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let saving = {
        let (id, navigate) = (id.clone(), navigate.clone());
        change(
            move |form: WaveForm| {
                let id = id.clone();
                async move {
                    match &id {
                        Some(id) => api::update_survey(id, &form).await,
                        None => api::add_survey(&form).await,
                    }
                }
            },
            move |result| match result {
                Ok(staff) => navigate(
                    &StaffPage::Survey(staff.wave.id).href(),
                    NavigateOptions::default(),
                ),
                Err(error) => problems.set(field_problems(vec![(
                    WaveField::Title.input_id(),
                    error.message(),
                )])),
            },
        )
    };
    let error = move |field: WaveField| {
        Signal::derive(move || problem_for(&problems.get(), field.input_id()))
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = WaveForm {
            title: title.get_untracked(),
            intro: intro.get_untracked(),
            opens: opens.get_untracked(),
            closes: closes.get_untracked(),
            audience: audience.get_untracked(),
            anonymous: anonymous.get_untracked(),
            previous: previous.get_untracked(),
            questions: rows.get_untracked().into_iter().map(Row::form).collect(),
        };
        if let Err(found) = form.parse(id.as_deref().unwrap_or("new"), today()) {
            problems.set(field_problems(
                found.into_iter().map(|(f, m)| (f.input_id(), m)).collect(),
            ));
            return;
        }
        if !saving.pending().get_untracked() {
            saving.dispatch(form);
        }
    };
    let audiences = audience_choices(&list.areas);
    view! {
        <ErrorSummary problems=problems />
        <form novalidate on:submit=submit>
            <TextField id=WaveField::Title.input_id() label="Title" kind="text" autocomplete="off" value=title
                error=error(WaveField::Title) hint="Carers see this, for example “Winter health check”." />
            <TextArea id=WaveField::Intro.input_id() label="Introduction (optional)" value=intro error=error(WaveField::Intro) />
            <TextField id=WaveField::Opens.input_id() label="Opens on" kind="text" autocomplete="off" value=opens
                error=error(WaveField::Opens) hint="For example, 1/12/2026" />
            <TextField id=WaveField::Closes.input_id() label="Closes on" kind="text" autocomplete="off" value=closes
                error=error(WaveField::Closes) hint="The last day carers can answer, for example, 14/1/2027" />
            <SelectField id=WaveField::Audience.input_id() label="Who it asks" choices=audiences value=audience
                error=error(WaveField::Audience) />
            <div class="govuk-form-group">
                <div class="govuk-checkboxes govuk-checkboxes--small">
                    <div class="govuk-checkboxes__item">
                        <input class="govuk-checkboxes__input" id="wave-anonymous" type="checkbox" bind:checked=anonymous aria-describedby="wave-anonymous-hint" disabled=anonymity_fixed />
                        <label class="govuk-label govuk-checkboxes__label" for="wave-anonymous">"Anonymous"</label>
                        <div id="wave-anonymous-hint" class="govuk-hint govuk-checkboxes__hint">
                            {if anonymity_fixed {
                                "This survey has opened, and carers may have answered it as it said, so this can no longer change."
                            } else {
                                "Recommended. Staff see only answers added up, never who said what."
                            }}
                        </div>
                    </div>
                </div>
            </div>
            <SelectField id="wave-previous" label="Compare results with" choices=choices_after("No earlier survey", wave_choices.clone())
                value=previous />
            <h2 class="govuk-heading-m" id=WaveField::Questions.input_id() tabindex="-1">"Questions"</h2>
            {move || problem_for(&problems.get(), WaveField::Questions.input_id()).map(|m| view! { <p class="govuk-error-message">{m}</p> })}
            <div class="govuk-inset-text">
                <SelectField id="wave-copy-from" label="Start from an earlier survey's questions" choices=choices_after("Choose a survey", wave_choices)
                    value=copy_from />
                <button type="button" class="govuk-button govuk-button--secondary" on:click=copy>"Copy its questions"</button>
                <p class="govuk-body-s">"Questions copied keep their link to the earlier survey, so their results can be compared."</p>
            </div>
            <For each=move || rows.get() key=|row| row.key let:row>
                <QuestionEditor row=row rows=rows />
            </For>
            <div class="govuk-button-group">
                {QUESTION_KINDS.into_iter().map(|(kind, label)| view! {
                    <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| add(kind)>
                        {format!("Add a question: {}", label.to_lowercase())}
                    </button>
                }).collect_view()}
            </div>
            <button type="submit" class="govuk-button">"Publish the survey"</button>
        </form>
    }
}

#[component]
fn QuestionEditor(row: Row, rows: RwSignal<Vec<Row>>) -> impl IntoView {
    let number = move || rows.with(|r| r.iter().position(|x| x.key == row.key).unwrap_or(0) + 1);
    let text_id = format!("question-{}-text", row.key);
    let kind_id = format!("question-{}-kind", row.key);
    let options_id = format!("question-{}-options", row.key);
    let has_options = move || matches!(row.kind.get().as_str(), "single" | "multiple");
    let remove = move |_| rows.update(|r| r.retain(|x| x.key != row.key));
    let up = move |_| {
        rows.update(|r| {
            if let Some(at) = r.iter().position(|x| x.key == row.key).filter(|at| *at > 0) {
                r.swap(at, at - 1);
            }
        });
    };
    let reused = row.id.with_value(Option::is_some);
    view! {
        <fieldset class="govuk-fieldset portal-entry">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{move || format!("Question {}", number())}</legend>
            {reused.then(|| view! { <p class="govuk-hint">"Asked before: its results will be compared."</p> })}
            <div class="govuk-form-group">
                <label class="govuk-label" for=text_id.clone()>"Wording"</label>
                <textarea class="govuk-textarea" id=text_id rows="2" bind:value=row.text></textarea>
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for=kind_id.clone()>"Kind of answer"</label>
                <select class="govuk-select" id=kind_id bind:value=row.kind>
                    {QUESTION_KINDS.into_iter().map(|(value, label)| view! {
                        <option value=value selected=move || row.kind.get() == value>{label}</option>
                    }).collect_view()}
                </select>
            </div>
            <Show when=has_options>
                <div class="govuk-form-group">
                    <label class="govuk-label" for=options_id.clone()>"Options, one on each line"</label>
                    <textarea class="govuk-textarea" id=options_id.clone() rows="4" bind:value=row.options></textarea>
                </div>
            </Show>
            <div class="govuk-button-group">
                <button type="button" class="govuk-button govuk-button--secondary" on:click=up>
                    "Move up"<span class="govuk-visually-hidden">{move || format!(" question {}", number())}</span>
                </button>
                <button type="button" class="govuk-button govuk-button--warning" on:click=remove>
                    "Remove"<span class="govuk-visually-hidden">{move || format!(" question {}", number())}</span>
                </button>
            </div>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use portal_core::household::CarerType;

    use super::*;

    #[test]
    fn every_carer_type_and_area_and_the_leavers_can_be_asked() {
        let choices = audience_choices(&["Northby".to_owned()]);
        assert_eq!(
            choices.len(),
            1 + CarerType::ALL.len() + 1 + EXIT_WINDOWS.len()
        );
        assert_eq!(choices[0], ("everyone".to_owned(), "All carers".to_owned()));
        assert!(choices.contains(&("area:Northby".to_owned(), "Carers in Northby".to_owned())));
        assert_eq!(
            choices.last(),
            Some(&(
                "left:12".to_owned(),
                "Households that stopped fostering in the last 12 months".to_owned()
            ))
        );
        // Every choice reads back as the audience it offers.
        for (code, _) in &choices {
            assert!(Audience::from_code(code).is_some(), "{code}");
        }
    }
}
