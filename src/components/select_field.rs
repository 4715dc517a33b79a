//! A labelled drop-down in the GOV.UK pattern, with its error message.

use leptos::prelude::*;

use crate::components::fields::FieldError;

/// One choice: the value sent, and the words shown.
pub type Choice = (String, String);

/// `first` (an empty value such as "Any status"), then `rest`.
pub fn choices_after(first: &str, rest: Vec<Choice>) -> Vec<Choice> {
    std::iter::once((String::new(), first.to_owned()))
        .chain(rest)
        .collect()
}

#[component]
pub fn SelectField(
    #[prop(into)] id: String,
    label: &'static str,
    #[prop(into)] choices: Signal<Vec<Choice>>,
    value: RwSignal<String>,
    /// The field's problem, if any; filters have none.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    view! {
        <div class="govuk-form-group" class:govuk-form-group--error=move || error.get().is_some()>
            <label class="govuk-label" for=id.clone()>{label}</label>
            <FieldError id=error_id.clone() error=error />
            <select
                class="govuk-select"
                class:govuk-select--error=move || error.get().is_some()
                id=id.clone()
                name=id
                aria-describedby=described
                prop:value=move || value.get()
                on:change=move |event| value.set(event_target_value(&event))
            >
                {move || {
                    choices
                        .get()
                        .into_iter()
                        .map(|(choice, words)| {
                            let selected = value.get_untracked() == choice;
                            view! {
                                <option value=choice selected=selected>
                                    {words}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
