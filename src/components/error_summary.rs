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
                                        let id = p.input_id;
                                        view! {
                                            <li>
                                                <a href=format!("#{id}") on:click=move |event| {
                                                    event.prevent_default();
                                                    focus_field(&id);
                                                }>{p.message}</a>
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

/// Moves focus to a field named in the summary, as GOV.UK's own script does: the input itself,
/// or the first box of a group of checkboxes.
fn focus_field(id: &str) {
    use wasm_bindgen::JsCast as _;
    let Some(target) = document().get_element_by_id(id) else {
        return;
    };
    let field = if target.tag_name() == "FIELDSET" {
        target.query_selector("input").ok().flatten()
    } else {
        Some(target)
    };
    if let Some(field) = field.and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = field.focus();
    }
}

/// The message for one field, if it has a problem.
pub fn problem_for(problems: &[FieldProblem], input_id: &str) -> Option<String> {
    problems
        .iter()
        .find(|p| p.input_id == input_id)
        .map(|p| p.message.clone())
}

/// A problem not tied to one field (the server refused an action, say), said as an error
/// summary while there is one.
#[component]
pub fn ProblemSummary(problem: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        problem.get().map(|p| {
            view! {
                <div class="govuk-error-summary" role="alert" tabindex="-1">
                    <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                    <div class="govuk-error-summary__body"><p class="govuk-body">{p}</p></div>
                </div>
            }
        })
    }
}
