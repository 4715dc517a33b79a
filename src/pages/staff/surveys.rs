//! Surveys for staff (`/staff/surveys`): every wave with its dates, who it asks, whether it is
//! anonymous, where it is in its life and how many have answered; the way to build a new one;
//! and the "You said, we did" notes carers see.

use leptos::prelude::*;
use portal_core::surveys::{StaffSurveys, StaffWave};

use super::{Loaded, fetched, load};
use crate::api;
use crate::components::page_title::PageTitle;
use crate::device::today;
use crate::staff::StaffPage;

#[component]
pub fn SurveysPage() -> impl IntoView {
    let loaded: Loaded<StaffSurveys> = load(api::staff_surveys);
    view! {
        <PageTitle text="Surveys" />
        <h1 class="govuk-heading-l">"Surveys"</h1>
        <p class="govuk-body">
            "Health checks ask carers how the service is doing. Carers answer on the portal, "
            "anonymously unless you say otherwise, and you see the results added up."
        </p>
        <a href=StaffPage::NewSurvey.href() class="govuk-button" role="button">"Build a survey"</a>
        {fetched(loaded, "Loading the surveys…", move |list| view! {
            <WaveTable waves=list.waves />
            <h2 class="govuk-heading-m">"You said, we did"</h2>
            {if list.notes.is_empty() {
                view! { <p class="govuk-body">"No notes yet. Add one from a survey's results."</p> }.into_any()
            } else {
                list.notes.into_iter().map(|note| view! {
                    <div class="govuk-inset-text">
                        <h3 class="govuk-heading-s">{format!("After the {}, published {}", note.wave_title, note.published_on.long_form())}</h3>
                        <p class="govuk-body"><strong>"You said: "</strong>{note.you_said}</p>
                        <p class="govuk-body"><strong>"We did: "</strong>{note.we_did}</p>
                    </div>
                }).collect_view().into_any()
            }}
        }
        .into_any())}
    }
}

#[component]
fn WaveTable(waves: Vec<StaffWave>) -> impl IntoView {
    if waves.is_empty() {
        return view! { <p class="govuk-body">"No surveys yet."</p> }.into_any();
    }
    let today = today();
    let rows = waves
        .into_iter()
        .map(|staff| {
            let wave = &staff.wave;
            view! {
                <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">
                        <a class="govuk-link" href=StaffPage::Survey(wave.id.clone()).href()>{wave.title.clone()}</a>
                    </th>
                    <td class="govuk-table__cell">{format!("{} to {}", wave.opens.long_form(), wave.closes.long_form())}</td>
                    <td class="govuk-table__cell">{wave.audience.words()}{if wave.anonymous { "" } else { " (named)" }}</td>
                    <td class="govuk-table__cell">{wave.state(today).label()}</td>
                    <td class="govuk-table__cell">{staff.rate_words()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">"Every survey, the latest first"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Survey"</th>
                    <th scope="col" class="govuk-table__header">"Open"</th>
                    <th scope="col" class="govuk-table__header">"Who it asks"</th>
                    <th scope="col" class="govuk-table__header">"Status"</th>
                    <th scope="col" class="govuk-table__header">"Answered"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">{rows}</tbody>
        </table>
    }
    .into_any()
}
