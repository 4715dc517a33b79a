//! The GOV.UK error summary: a list of problems at the top of a form, each linking to its
//! field, which takes focus when it appears so that screen reader users hear it at once.

use leptos::html::Div;
use leptos::prelude::*;

use crate::details_form::FieldProblem;

#[component]
pub fn ErrorSummary(#[prop(into)] problems: Signal<Vec<FieldProblem>>) -> impl IntoView {
    let summary = NodeRef::<Div>::new();
    Effect::new(move |_| {
        if !problems.get().is_empty()
            && let Some(element) = summary.get()
        {
            let _ = element.focus();
        }
    });
    view! {
        <Show when=move || !problems.get().is_empty()>
            <div class="govuk-error-summary" tabindex="-1" node_ref=summary>
                <div role="alert">
                    <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                    <div class="govuk-error-summary__body">
                        <ul class="govuk-list govuk-error-summary__list">
                            {move || {
                                problems
                                    .get()
                                    .into_iter()
                                    .map(|p| {
                                        view! {
                                            <li>
                                                <a href=format!("#{}", p.input_id)>{p.message}</a>
                                            </li>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </ul>
                    </div>
                </div>
            </div>
        </Show>
    }
}

/// The message for one field, if it has a problem.
pub fn problem_for(problems: &[FieldProblem], input_id: &str) -> Option<String> {
    problems
        .iter()
        .find(|p| p.input_id == input_id)
        .map(|p| p.message.clone())
}
