//! The annual review's pieces that carers and staff both see: the carer's part of the form
//! with the development plan, and the summary of the household's learning.

use leptos::prelude::*;
use portal_core::review::CarerPart;

/// An answer the carer may leave empty, in words.
fn answered(words: String) -> String {
    if words.is_empty() {
        "Not answered".to_owned()
    } else {
        words
    }
}

/// The carer's answers and their plan, as sent or as agreed.
#[component]
pub fn ReviewPart(part: CarerPart) -> impl IntoView {
    view! {
        <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"What has gone well"</dt>
                <dd class="govuk-summary-list__value portal-keep-lines">{part.went_well}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"What has been hard"</dt>
                <dd class="govuk-summary-list__value portal-keep-lines">{answered(part.been_hard)}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Support wanted"</dt>
                <dd class="govuk-summary-list__value portal-keep-lines">{answered(part.support_wanted)}</dd>
            </div>
        </dl>
        <h3 class="govuk-heading-s">"Development plan"</h3>
        <ol class="govuk-list govuk-list--number">
            {part.goals.into_iter().map(|goal| view! {
                <li>
                    {goal.text}
                    {goal.course.map(|course| view! { <br /><span class="govuk-body-s">{format!("Course: {}", course.title)}</span> })}
                </li>
            }).collect_view()}
        </ol>
    }
}

/// Lines of (what, how it stands) as a GOV.UK summary list.
#[component]
pub fn SummaryLines(#[prop(into)] lines: Signal<Vec<(&'static str, String)>>) -> impl IntoView {
    view! {
        <dl class="govuk-summary-list">
            {move || lines.get().into_iter().map(|(what, how)| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{what}</dt>
                    <dd class="govuk-summary-list__value">{how}</dd>
                </div>
            }).collect_view()}
        </dl>
    }
}
