//! A survey's results for staff (`/staff/surveys/{id}`): how many have answered, a reminder
//! for those who have not, each question's figures as a chart with a table, the change since
//! the survey it is compared with, breakdowns by type of fostering or area (groups too small
//! to show are hidden, with the reason), a spreadsheet of the figures, and "You said, we did".

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_core::surveys::{
    Distribution, GroupBy, GroupResult, MIN_GROUP, NoteForm, Question, QuestionResult, WaveResults,
    WaveState, results_csv,
};

use super::{Loaded, change, fetched, load};
use crate::api;
use crate::components::bar_chart::BarChart;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::page_title::PageTitle;
use crate::components::select_field::SelectField;
use crate::details_form::{FieldProblem, field_problems};
use crate::device::{save_file, today};
use crate::staff::StaffPage;

#[component]
pub fn SurveyResultsPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
    let by = RwSignal::new(String::new());
    let loaded: Loaded<WaveResults> = load(move || {
        let (id, by) = (id.clone(), by.get());
        async move { api::survey_results(&id, &by).await }
    });
    view! {
        <PageTitle text="Survey results" />
        <p class="govuk-body"><a class="govuk-link" href=StaffPage::Surveys.href()>"Surveys"</a></p>
        {fetched(loaded, "Loading the results…", move |results| view! { <Results results=results by=by loaded=loaded /> }.into_any())}
    }
}

#[component]
fn Results(
    results: WaveResults,
    by: RwSignal<String>,
    loaded: Loaded<WaveResults>,
) -> impl IntoView {
    let wave = results.wave.wave.clone();
    let open = wave.state(today()) == WaveState::Open;
    let reminded = wave.reminded_on.map(|d| {
        format!(
            "Carers who have not answered were reminded on {}.",
            d.long_form()
        )
    });
    let remind_problem = RwSignal::new(None::<String>);
    let reminding = change(
        move |id: String| async move { api::remind_survey(&id).await },
        move |result| match result {
            Ok(staff) => loaded.update(|l| {
                if let Some(Ok(results)) = l {
                    results.wave = staff;
                }
            }),
            Err(error) => remind_problem.set(Some(error.message())),
        },
    );
    let remind = {
        let id = wave.id.clone();
        move |_| {
            if !reminding.pending().get_untracked() {
                reminding.dispatch(id.clone());
            }
        }
    };
    let csv = results
        .results
        .as_ref()
        .map(|r| results_csv(&wave.questions, r));
    let download = move |_| {
        if let Some(csv) = &csv {
            remind_problem
                .set(save_file("survey-results.csv", "text/csv;charset=utf-8", csv).err());
        }
    };
    let groups_choices = vec![
        (String::new(), "Everyone together".to_owned()),
        (
            GroupBy::CarerType.as_str().to_owned(),
            GroupBy::CarerType.label().to_owned(),
        ),
        (
            GroupBy::Area.as_str().to_owned(),
            GroupBy::Area.label().to_owned(),
        ),
    ];
    let previous = results.previous_title.clone().unwrap_or_default();
    let breakdown = results.breakdown.map(|(_, groups)| groups);
    view! {
        <h1 class="govuk-heading-l">{wave.title.clone()}</h1>
        <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Open"</dt>
                <dd class="govuk-summary-list__value">{format!("{} to {} ({})", wave.opens.long_form(), wave.closes.long_form(), wave.state(today()).label().to_lowercase())}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Who it asks"</dt>
                <dd class="govuk-summary-list__value">{format!("{}, {}", wave.audience.words(), if wave.anonymous { "anonymously" } else { "by name" })}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Answered"</dt>
                <dd class="govuk-summary-list__value">{results.wave.rate_words()}</dd>
            </div>
        </dl>
        {results.wave.waiting_words().map(|words| view! { <div class="govuk-inset-text">{words}</div> })}
        {reminded.map(|words| view! { <p class="govuk-body">{words}</p> })}
        {move || remind_problem.get().map(|m| view! { <p class="govuk-error-message">{m}</p> })}
        <div class="govuk-button-group">
            {open.then(|| view! {
                <button type="button" class="govuk-button govuk-button--secondary" on:click=remind>"Remind carers who have not answered"</button>
            })}
            {(results.wave.answered == 0).then(|| view! {
                <a class="govuk-link" href=StaffPage::EditSurvey(wave.id.clone()).href()>"Change this survey"</a>
            })}
        </div>
        {match results.results {
            None => view! {
                <div class="govuk-inset-text">
                    {format!("Results appear when at least {MIN_GROUP} carers have answered: with fewer, answers could be told apart. {} have so far.", results.wave.answered)}
                </div>
            }.into_any(),
            Some(found) => view! {
                <SelectField id="results-by" label="Show results for" choices=groups_choices value=by />
                <button type="button" class="govuk-button govuk-button--secondary" on:click=download>"Download the figures (CSV)"</button>
                {wave.questions.iter().cloned().zip(found).enumerate().map(|(n, (question, result))| {
                    let groups = breakdown.as_ref().and_then(|b| b.get(n).cloned());
                    view! { <QuestionResults number=n + 1 question=question result=result groups=groups previous=previous.clone() /> }
                }).collect_view()}
            }.into_any(),
        }}
        <NoteForm wave=wave.id.clone() />
    }
}

#[component]
fn QuestionResults(
    number: usize,
    question: Question,
    result: QuestionResult,
    groups: Option<Vec<GroupResult>>,
    previous: String,
) -> impl IntoView {
    let shares = result.shares_words(&question.kind);
    let change = result.change_words(&previous);
    let caption = format!("Answers to question {number}");
    let body = match &result.distribution {
        Distribution::Text(texts) if texts.is_empty() => view! { <p class="govuk-body">"No written answers."</p> }.into_any(),
        Distribution::Text(texts) => view! {
            <ul class="govuk-list govuk-list--bullet">
                {texts.iter().map(|t| view! { <li class="portal-keep-lines">{t.clone()}</li> }).collect_view()}
            </ul>
        }.into_any(),
        counted => view! { <BarChart caption=caption rows=counted.rows().unwrap_or_default() total=result.responses /> }.into_any(),
    };
    view! {
        <h2 class="govuk-heading-m">{format!("{number}. {}", question.text)}</h2>
        <p class="govuk-body">
            {format!("{} answered.", result.responses)}
            {shares.map(|s| format!(" {s}"))}
            {change.map(|c| format!(" {c}."))}
        </p>
        {body}
        {groups.map(|groups| view! { <GroupTable groups=groups /> })}
    }
}

#[component]
fn GroupTable(groups: Vec<GroupResult>) -> impl IntoView {
    let rows = groups
        .into_iter()
        .map(|group| match group {
            GroupResult::Shown { group, result } => view! {
                <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">{group}</th>
                    <td class="govuk-table__cell">{format!("{} answered. {}", result.responses, result.agree.map_or_else(String::new, |a| format!("Agree {a}%, disagree {}%.", result.disagree.unwrap_or(0))))}</td>
                </tr>
            }.into_any(),
            GroupResult::Hidden { group, reason } => view! {
                <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">{group}</th>
                    <td class="govuk-table__cell">{reason}</td>
                </tr>
            }.into_any(),
        })
        .collect_view();
    view! {
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--s">"By group"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Group"</th>
                    <th scope="col" class="govuk-table__header">"Results"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">{rows}</tbody>
        </table>
    }
}

/// "You said, we did": what carers said and what the service changed, for every carer's
/// home page.
#[component]
fn NoteForm(wave: String) -> impl IntoView {
    let you_said = RwSignal::new(String::new());
    let we_did = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let published = RwSignal::new(false);
    let wave = StoredValue::new(wave);
    let publishing = change(
        move |form: NoteForm| async move { api::add_survey_note(&wave.get_value(), &form).await },
        move |result| match result {
            Ok(_) => {
                problems.set(Vec::new());
                you_said.set(String::new());
                we_did.set(String::new());
                published.set(true);
            }
            Err(error) => {
                problems.set(field_problems(vec![("note-you-said", error.message())]));
            }
        },
    );
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = NoteForm {
            you_said: you_said.get_untracked(),
            we_did: we_did.get_untracked(),
        };
        if !publishing.pending().get_untracked() {
            publishing.dispatch(form);
        }
    };
    let error = move |id: &'static str| move || problem_for(&problems.get(), id);
    view! {
        <h2 class="govuk-heading-m">"You said, we did"</h2>
        <p class="govuk-body">"Tell carers what changed because of this survey. It appears on every carer's home page."</p>
        {move || published.get().then(|| view! { <p class="govuk-body" role="status">"Published to carers."</p> })}
        <ErrorSummary problems=problems />
        <form novalidate on:submit=submit>
            <div class="govuk-form-group" class:govuk-form-group--error=move || error("note-you-said")().is_some()>
                <label class="govuk-label" for="note-you-said">"You said"</label>
                {move || error("note-you-said")().map(|m| view! { <p class="govuk-error-message">{m}</p> })}
                <textarea class="govuk-textarea" id="note-you-said" rows="3" bind:value=you_said></textarea>
            </div>
            <div class="govuk-form-group" class:govuk-form-group--error=move || error("note-we-did")().is_some()>
                <label class="govuk-label" for="note-we-did">"We did"</label>
                {move || error("note-we-did")().map(|m| view! { <p class="govuk-error-message">{m}</p> })}
                <textarea class="govuk-textarea" id="note-we-did" rows="3" bind:value=we_did></textarea>
            </div>
            <button type="submit" class="govuk-button">"Publish to carers"</button>
        </form>
    }
}
