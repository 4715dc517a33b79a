//! Mandatory training: the courses the service requires for this kind of fostering, when each
//! was last done, and when each must be done again.

use leptos::prelude::*;
use portal_core::training::{MandatoryState, mandatory_training};

use crate::areas::learning::{LearningPage, use_learning};
use crate::components::carers_only::CarersOnly;
use crate::components::page_title::PageTitle;
use crate::device::today;
use crate::state::sync::use_sync;

/// The tag for a state; its words say the same, so colour is never the only sign.
const fn tag_class(state: MandatoryState) -> &'static str {
    match state {
        MandatoryState::Current => "govuk-tag govuk-tag--green",
        MandatoryState::ExpiresSoon => "govuk-tag govuk-tag--yellow",
        MandatoryState::NotDone => "govuk-tag govuk-tag--grey",
        MandatoryState::Expired => "govuk-tag govuk-tag--red",
    }
}

#[component]
pub fn MandatoryPage() -> impl IntoView {
    view! {
        <PageTitle text=LearningPage::Mandatory.title() />
        <h1 class="govuk-heading-l">"Mandatory training"</h1>
        <CarersOnly to="see your mandatory training">
            <Courses />
        </CarersOnly>
    }
}

#[component]
fn Courses() -> impl IntoView {
    let learning = use_learning();
    let sync = use_sync();
    move || {
        let Some(facts) = sync.household() else {
            return view! {
                <p class="govuk-body">"Your mandatory training will show here after this device next connects to the portal."</p>
            }
            .into_any();
        };
        let rows = learning.with(|data| {
            mandatory_training(&data.courses, facts.carer_type, &data.entries, today())
                .into_iter()
                .map(|m| {
                    let date = |d: Option<portal_core::date::CalendarDate>, none: &str| {
                        d.map_or_else(
                            || none.to_owned(),
                            portal_core::date::CalendarDate::long_form,
                        )
                    };
                    let expires = match (m.last_done, m.course.renewal_months) {
                        (None, _) => "Not done yet".to_owned(),
                        (Some(_), None) => "Does not expire".to_owned(),
                        (Some(_), Some(_)) => date(m.expires, "Not known"),
                    };
                    (
                        m.course.title.clone(),
                        date(m.last_done, "Never"),
                        expires,
                        m.state,
                    )
                })
                .collect::<Vec<_>>()
        });
        if rows.is_empty() {
            return view! {
                <p class="govuk-body">
                    "The fostering service has not listed any mandatory courses for "
                    {facts.carer_type.label().to_lowercase()} " carers."
                </p>
            }
            .into_any();
        }
        view! {
            <p class="govuk-body">
                "The courses the fostering service requires of " {facts.carer_type.label().to_lowercase()}
                " carers. A course counts as done when you log it with the course chosen from the service's list."
            </p>
            <div class="portal-table-scroll" role="region" aria-label="Mandatory courses" tabindex="0">
                <table class="govuk-table">
                    <caption class="govuk-table__caption govuk-visually-hidden">"Mandatory courses"</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Course"</th>
                            <th scope="col" class="govuk-table__header">"Last done"</th>
                            <th scope="col" class="govuk-table__header">"Expires"</th>
                            <th scope="col" class="govuk-table__header">"Status"</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">
                        {rows
                            .into_iter()
                            .map(|(title, last, expires, state)| view! {
                                <tr class="govuk-table__row">
                                    <th scope="row" class="govuk-table__header">{title}</th>
                                    <td class="govuk-table__cell">{last}</td>
                                    <td class="govuk-table__cell">{expires}</td>
                                    <td class="govuk-table__cell"><strong class=tag_class(state)>{state.words()}</strong></td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <a href=LearningPage::LogTraining.href() class="govuk-button">"Log training"</a>
        }
        .into_any()
    }
}
