//! A group of checkboxes in the GOV.UK pattern: a fieldset with a legend, a hint and the
//! group's error message.

use leptos::prelude::*;

use crate::components::fields::FieldError;
use crate::components::select_field::Choice;

#[component]
pub fn Checkboxes(
    /// The fieldset's id (what an error summary links to); each box is `{id}-{n}`.
    id: &'static str,
    legend: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    choices: Vec<Choice>,
    selected: RwSignal<Vec<String>>,
    #[prop(optional, into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids: Vec<String> = hint.map(|_| hint_id.clone()).into_iter().collect();
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let boxes = choices
        .into_iter()
        .enumerate()
        .map(|(n, (value, label))| {
            let box_id = format!("{id}-{n}");
            let checked = {
                let value = value.clone();
                move || selected.with(|chosen| chosen.contains(&value))
            };
            let toggle = move |_| {
                selected.update(|chosen| match chosen.iter().position(|v| *v == value) {
                    Some(at) => {
                        chosen.remove(at);
                    }
                    None => chosen.push(value.clone()),
                });
            };
            view! {
                <div class="govuk-checkboxes__item">
                    <input class="govuk-checkboxes__input" id=box_id.clone() type="checkbox" prop:checked=checked on:change=toggle />
                    <label class="govuk-label govuk-checkboxes__label" for=box_id>{label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="govuk-form-group" class:govuk-form-group--error=move || error.get().is_some()>
            <fieldset class="govuk-fieldset" id=id aria-describedby=described>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
                {hint.map(|text| view! { <div id=hint_id class="govuk-hint">{text}</div> })}
                <FieldError id=error_id error=error />
                <div class="govuk-checkboxes govuk-checkboxes--small">{boxes}</div>
            </fieldset>
        </div>
    }
}
