//! Form fields in the GOV.UK pattern: a label, an optional hint, an error message, the input.

use leptos::prelude::*;

/// A field's error message in the GOV.UK pattern ("Error:" for screen readers), shown only
/// while there is one; `id` is what the input's `aria-describedby` names.
#[component]
pub fn FieldError(id: String, error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|message| {
            view! {
                <p id=id.clone() class="govuk-error-message">
                    <span class="govuk-visually-hidden">"Error: "</span>
                    {message}
                </p>
            }
        })
    }
}

/// A labelled text input with its error message, in the GOV.UK pattern.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    label: &'static str,
    kind: &'static str,
    autocomplete: &'static str,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="govuk-form-group" class:govuk-form-group--error=move || error.get().is_some()>
            <label class="govuk-label" for=id.clone()>{label}</label>
            {hint.map(|text| view! { <div id=hint_id.clone() class="govuk-hint">{text}</div> })}
            <FieldError id=error_id.clone() error=error />
            <input
                class="govuk-input"
                class:govuk-input--error=move || error.get().is_some()
                id=id.clone()
                name=id
                type=kind
                autocomplete=autocomplete
                spellcheck="false"
                aria-describedby=described
                bind:value=value
            />
        </div>
    }
}

/// A box for a few sentences (or, with more `rows`, a whole document).
#[component]
pub fn TextArea(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = 4)] rows: u16,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
        move || {
            let ids: Vec<String> = hint
                .map(|_| hint_id.clone())
                .into_iter()
                .chain(error.get().map(|_| error_id.clone()))
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="govuk-form-group" class:govuk-form-group--error=move || error.get().is_some()>
            <label class="govuk-label" for=id>{label}</label>
            {hint.map(|hint| view! { <div class="govuk-hint portal-keep-lines" id=hint_id.clone()>{hint}</div> })}
            <FieldError id=error_id error=error />
            <textarea class="govuk-textarea" class:govuk-textarea--error=move || error.get().is_some() id=id name=id rows=rows aria-describedby=described bind:value=value></textarea>
        </div>
    }
}
