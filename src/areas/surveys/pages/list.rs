//! Surveys (`/surveys`): the health checks open to the carer, where they stand with each, and
//! what the service changed after earlier ones ("You said, we did").

use leptos::prelude::*;

use crate::areas::surveys::data::{Progress, WaveShown};
use crate::areas::surveys::{SurveysPage, use_surveys};
use crate::components::carers_only::CarersOnly;
use crate::components::needs_attention::NeedsAttention;
use crate::components::page_title::PageTitle;

/// The words and GOV.UK tag colour for where the carer stands with a wave.
pub const fn progress_tag(progress: Progress) -> (&'static str, &'static str) {
    match progress {
        Progress::NotAnswered => ("Not answered yet", "govuk-tag govuk-tag--blue"),
        Progress::Sending => ("Waiting to send", "govuk-tag govuk-tag--yellow"),
        Progress::Answered => ("Answered", "govuk-tag govuk-tag--green"),
    }
}

#[component]
pub fn SurveysPage() -> impl IntoView {
    view! {
        <PageTitle text=SurveysPage::List.title() />
        <h1 class="govuk-heading-l">"Surveys"</h1>
        <p class="govuk-body">
            "Every six months the fostering service asks every foster carer how it is doing. "
            "You can answer with no signal: your answers are sent when there is a connection."
        </p>
        <CarersOnly to="answer surveys">
            <NeedsAttention notices=false />
            <OpenSurveys />
            <Notes />
        </CarersOnly>
    }
}

#[component]
fn OpenSurveys() -> impl IntoView {
    let surveys = use_surveys();
    move || {
        let waves = surveys.get().waves;
        if waves.is_empty() {
            return view! {
                <p class="govuk-body">"There are no surveys for you to answer just now."</p>
            }
            .into_any();
        }
        waves
            .into_iter()
            .map(|shown| view! { <SurveyCard shown=shown /> })
            .collect_view()
            .into_any()
    }
}

#[component]
fn SurveyCard(shown: WaveShown) -> impl IntoView {
    let (words, tag) = progress_tag(shown.progress);
    let href = SurveysPage::Survey(shown.wave.id.clone()).href();
    let action = match shown.progress {
        Progress::NotAnswered => "Answer the survey",
        Progress::Sending | Progress::Answered => "See the survey",
    };
    view! {
        <div class="govuk-summary-card">
            <div class="govuk-summary-card__title-wrapper">
                <h2 class="govuk-summary-card__title">{shown.wave.title.clone()}</h2>
            </div>
            <div class="govuk-summary-card__content">
                <p class="govuk-body"><strong class=tag>{words}</strong></p>
                <p class="govuk-body">{format!("Open until {}.", shown.wave.closes.long_form())}</p>
                <a href=href class="govuk-link">{action}<span class="govuk-visually-hidden">{format!(": {}", shown.wave.title)}</span></a>
            </div>
        </div>
    }
}

#[component]
fn Notes() -> impl IntoView {
    let surveys = use_surveys();
    move || {
        let notes = surveys.get().notes;
        (!notes.is_empty()).then(|| {
            view! {
                <h2 class="govuk-heading-m">"You said, we did"</h2>
                {notes
                    .into_iter()
                    .map(|note| view! {
                        <div class="govuk-inset-text">
                            <h3 class="govuk-heading-s">{format!("After the {}", note.wave_title)}</h3>
                            <p class="govuk-body"><strong>"You said: "</strong>{note.you_said}</p>
                            <p class="govuk-body"><strong>"We did: "</strong>{note.we_did}</p>
                            <p class="govuk-body-s">{format!("Published {}", note.published_on.long_form())}</p>
                        </div>
                    })
                    .collect_view()}
            }
        })
    }
}
