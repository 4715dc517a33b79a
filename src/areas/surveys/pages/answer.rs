//! One survey (`/surveys/{id}`): how anonymity works, then every question on one page. Each
//! answer is kept on the device as it is chosen, so the carer can stop and come back, even
//! after closing the browser; "Send my answers" queues them to be sent with the connection.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_core::mutation::QueuedSurvey;
use portal_core::surveys::{Answer, BATCH, Invite, MIN_GROUP, SurveyChange, Wave, check_answers};
use portal_core::sync::wire::collection::SURVEY_INVITES;

use crate::areas::surveys::data::Progress;
use crate::areas::surveys::{SurveysPage, use_surveys};
use crate::components::carers_only::CarersOnly;
use crate::components::error_summary::ErrorSummary;
use crate::components::page_title::PageTitle;
use crate::components::survey_question::SurveyQuestion;
use crate::details_form::FieldProblem;
use crate::state::account::{Account, device, use_account};
use crate::state::sync::use_sync;

/// Where a survey's answers are kept on the device while it is being answered.
fn draft_name(wave: &str) -> String {
    format!("survey-{wave}")
}

/// How the carer's answers are kept, in plain words, before they start.
fn anonymity_words(anonymous: bool) -> Vec<String> {
    if anonymous {
        vec![
            "This survey is anonymous. The fostering service will know that you have answered, so that it stops reminding you, but not what you answered.".to_owned(),
            "Your answers are stored apart from your name, with no date or time, in a way that cannot be matched to you, even by someone who can see everything the portal stores.".to_owned(),
            format!("They wait, locked, until {} other carers have answered too (or the survey closes), then join the results with theirs, so not even the order they arrived in gives you away.", BATCH - 1),
            format!("Staff only see answers added up. Nothing is shown until at least {MIN_GROUP} carers have answered, and results for a group of carers (a type of fostering or an area) only when at least {MIN_GROUP} in that group have."),
            "Written answers are shown to staff word for word, so leave out anything that could identify you or a child.".to_owned(),
        ]
    } else {
        vec![
            "This survey is not anonymous: the fostering service will see your name with your answers.".to_owned(),
        ]
    }
}

/// Takes the home page's invitation to this wave off the device at once: the answers are on
/// their way, and the server's own removal arrives when they do.
fn forget_invitation(account: Account, wave: &str) {
    let (Some(user), Ok(store)) = (account.user_untracked(), device()) else {
        return;
    };
    let store = store.user(&user.id);
    let Ok(Some(invites)) = store.record::<String>(SURVEY_INVITES, &user.id) else {
        return;
    };
    let rest = Invite::without(&invites, wave).and_then(|rest| serde_json::to_string(&rest).ok());
    // Failing to change it leaves only an invitation that the next sync takes away.
    let _ = store.put_record(SURVEY_INVITES, &user.id, rest.as_deref());
}

#[component]
pub fn SurveyPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let surveys = use_surveys();
    let shown = Memo::new(move |_| {
        let id = id();
        surveys.with(|s| s.wave(&id).map(|w| (w.wave.clone(), w.progress)))
    });
    view! {
        <PageTitle text=SurveysPage::Survey(String::new()).title() />
        <CarersOnly to="answer surveys">
            {move || match shown.get() {
                None => view! {
                    <h1 class="govuk-heading-l">"This survey is not open"</h1>
                    <p class="govuk-body">
                        "It may have closed, or it may not be for you. If you have only just signed in, "
                        "wait a moment for the portal to bring your surveys to this device."
                    </p>
                    <p class="govuk-body"><a href=SurveysPage::List.href() class="govuk-link">"Surveys open to you"</a></p>
                }.into_any(),
                Some((wave, Progress::NotAnswered)) => view! { <Answering wave=wave /> }.into_any(),
                Some((wave, progress)) => view! { <Done wave=wave progress=progress /> }.into_any(),
            }}
        </CarersOnly>
    }
}

#[component]
fn Done(wave: Wave, progress: Progress) -> impl IntoView {
    let (heading, words) = if progress == Progress::Answered {
        (
            "Thank you: your answers have been counted",
            "The fostering service publishes what it changes because of the health check under \"You said, we did\".",
        )
    } else {
        (
            "Your answers are saved on this device",
            "They will be sent when there is a connection. You do not need to do anything else.",
        )
    };
    view! {
        <h1 class="govuk-heading-l">{wave.title}</h1>
        <div class="govuk-panel govuk-panel--confirmation">
            <h2 class="govuk-panel__title">{heading}</h2>
        </div>
        <p class="govuk-body">{words}</p>
        <p class="govuk-body"><a href=SurveysPage::List.href() class="govuk-link">"Surveys and \"You said, we did\""</a></p>
    }
}

#[component]
fn Answering(wave: Wave) -> impl IntoView {
    let account = use_account();
    let sync = use_sync();
    let draft = draft_name(&wave.id);
    let start: BTreeMap<String, Answer> = account.draft(&draft).unwrap_or_default();
    let answers = RwSignal::new(start);
    // Every answer is kept on the device as soon as it is given; the first run only starts
    // the tracking.
    {
        let draft = draft.clone();
        Effect::new(move |started: Option<()>| {
            let now = answers.get();
            if started.is_some() {
                account.keep_draft(&draft, &now);
            }
        });
    }
    // In the exit interview the household chooses whether its name goes with its answers.
    let anonymous = RwSignal::new(wave.anonymous);
    let chooses = wave.respondent_chooses();
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let checked = wave.clone();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let answers = answers.get_untracked();
        if let Err(problem) = check_answers(&checked, &answers) {
            problems.set(vec![FieldProblem {
                input_id: "q-1".into(),
                message: problem,
            }]);
            return;
        }
        // What the page said about names goes with the answers, so that they are never kept
        // under anything else (see `SurveyChange`).
        let change = SurveyChange::Respond {
            wave: checked.id.clone(),
            answers,
            anonymous: Some(anonymous.get_untracked()),
        };
        let (draft, checked) = (draft.clone(), checked.clone());
        sync.record_then(
            &QueuedSurvey { surveys: &change },
            move |outcome| match outcome {
                Ok(()) => {
                    account.drop_draft(&draft);
                    forget_invitation(account, &checked.id);
                }
                Err(error) => problems.set(vec![FieldProblem {
                    input_id: "q-1".into(),
                    message: format!("Your answers were not saved on this device. {error}"),
                }]),
            },
        );
    };
    let questions = wave
        .questions
        .iter()
        .cloned()
        .enumerate()
        .map(|(n, question)| view! { <SurveyQuestion number=n + 1 question=question answers=answers /> })
        .collect_view();
    view! {
        <h1 class="govuk-heading-l">{wave.title.clone()}</h1>
        <ErrorSummary problems=problems />
        {(!wave.intro.is_empty()).then(|| view! { <p class="govuk-body">{wave.intro.clone()}</p> })}
        <p class="govuk-body">{format!("Open until {}.", wave.closes.long_form())}</p>
        <h2 class="govuk-heading-m">{move || if anonymous.get() { "How your answers stay anonymous" } else { "Who sees your answers" }}</h2>
        {chooses.then(|| view! { <NameChoice anonymous=anonymous /> })}
        <div class="govuk-inset-text">
            {move || anonymity_words(anonymous.get()).into_iter().map(|words| view! { <p class="govuk-body">{words}</p> }).collect_view()}
        </div>
        <p class="govuk-body">
            "Answer as many questions as you like. Your answers are kept on this device as you go, "
            "so you can stop and come back to finish later."
        </p>
        <form novalidate on:submit=submit>
            {questions}
            <button type="submit" class="govuk-button">"Send my answers"</button>
        </form>
    }
}

/// Whether the household puts its name to its answers: asked in the exit interview only.
#[component]
fn NameChoice(anonymous: RwSignal<bool>) -> impl IntoView {
    let choices = [
        (true, "No, keep my answers anonymous"),
        (
            false,
            "Yes, the fostering service may see my name with my answers",
        ),
    ];
    let radios = choices
        .into_iter()
        .enumerate()
        .map(|(n, (choice, words))| {
            let radio_id = format!("survey-named-{n}");
            view! {
                <div class="govuk-radios__item">
                    <input
                        class="govuk-radios__input"
                        id=radio_id.clone()
                        name="survey-named"
                        type="radio"
                        prop:checked=move || anonymous.get() == choice
                        on:change=move |_| anonymous.set(choice)
                    />
                    <label class="govuk-label govuk-radios__label" for=radio_id>{words}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="govuk-form-group">
            <fieldset class="govuk-fieldset" aria-describedby="survey-named-hint">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Do you want to put your name to your answers?"</legend>
                <div id="survey-named-hint" class="govuk-hint">
                    "Some carers want to be heard by name, so the service can follow up with them. It is your choice."
                </div>
                <div class="govuk-radios govuk-radios--small">{radios}</div>
            </fieldset>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_anonymity_statement_says_who_sees_what() {
        let anonymous = anonymity_words(true).join(" ");
        assert!(anonymous.contains("know that you have answered"));
        assert!(anonymous.contains(&format!("at least {MIN_GROUP} carers")));
        assert!(anonymity_words(false)[0].contains("not anonymous"));
        assert_ne!(draft_name("a"), draft_name("b"));
    }
}
