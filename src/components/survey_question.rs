//! One survey question as a carer answers it: a GOV.UK fieldset of radios or checkboxes, or
//! a text box, writing its answer into the survey's answers as soon as it is chosen.

use std::collections::BTreeMap;

use leptos::prelude::*;
use portal_core::surveys::{Agreement, Answer, Question, QuestionKind};

pub type Answers = RwSignal<BTreeMap<String, Answer>>;

/// The choices a question offers as (answer, label), for the kinds answered by choosing.
fn choices(kind: &QuestionKind) -> Vec<(Answer, String)> {
    match kind {
        QuestionKind::Agreement => Agreement::ALL
            .into_iter()
            .map(|a| (Answer::Agreement(a), a.label().to_owned()))
            .collect(),
        QuestionKind::Recommend => (0..=10)
            .map(|n| (Answer::Recommend(n), n.to_string()))
            .collect(),
        QuestionKind::Single { options } => options
            .iter()
            .map(|o| (Answer::Single(o.clone()), o.clone()))
            .collect(),
        QuestionKind::Multiple { options } => options
            .iter()
            .map(|o| (Answer::Multiple(vec![o.clone()]), o.clone()))
            .collect(),
        QuestionKind::FreeText => Vec::new(),
    }
}

/// Whether `choice` is chosen in `answer`: for "choose any", whether its option is among
/// those chosen.
fn is_chosen(answer: Option<&Answer>, choice: &Answer) -> bool {
    match (answer, choice) {
        (Some(Answer::Multiple(chosen)), Answer::Multiple(option)) => {
            option.iter().all(|o| chosen.contains(o))
        }
        (Some(answer), choice) => answer == choice,
        (None, _) => false,
    }
}

/// The answer after ticking or unticking `choice`; `None` when nothing is left chosen.
fn toggled(answer: Option<&Answer>, choice: &Answer) -> Option<Answer> {
    match (answer, choice) {
        (Some(Answer::Multiple(chosen)), Answer::Multiple(option)) => {
            let mut chosen = chosen.clone();
            for o in option {
                match chosen.iter().position(|c| c == o) {
                    Some(at) => {
                        chosen.remove(at);
                    }
                    None => chosen.push(o.clone()),
                }
            }
            (!chosen.is_empty()).then_some(Answer::Multiple(chosen))
        }
        _ => Some(choice.clone()),
    }
}

fn hint(kind: &QuestionKind) -> Option<&'static str> {
    match kind {
        QuestionKind::Recommend => Some("0 means not at all likely and 10 means extremely likely."),
        QuestionKind::Multiple { .. } => Some("Select all that apply."),
        QuestionKind::FreeText => {
            Some("Leave out names and anything else that could identify you or a child.")
        }
        _ => None,
    }
}

#[component]
pub fn SurveyQuestion(number: usize, question: Question, answers: Answers) -> impl IntoView {
    let Question {
        id: key,
        text: wording,
        kind,
    } = question;
    let id = format!("q-{number}");
    let hint_id = format!("{id}-hint");
    let legend = format!("{number}. {wording}");
    let hint_text = hint(&kind);
    let described = hint_text.map(|_| hint_id.clone());
    if kind == QuestionKind::FreeText {
        let read = key.clone();
        let text = move || match answers.with(|a| a.get(&read).cloned()) {
            Some(Answer::Text(text)) => text,
            _ => String::new(),
        };
        let write = move |event: leptos::ev::Event| {
            let typed = event_target_value(&event);
            answers.update(|a| {
                if typed.trim().is_empty() {
                    a.remove(&key);
                } else {
                    a.insert(key.clone(), Answer::Text(typed));
                }
            });
        };
        return view! {
            <div class="govuk-form-group">
                <label class="govuk-label govuk-label--s" for=id.clone()>{legend}</label>
                {hint_text.map(|text| view! { <div id=hint_id.clone() class="govuk-hint">{text}</div> })}
                <textarea class="govuk-textarea" id=id.clone() name=id rows="4" aria-describedby=described
                    prop:value=text on:input=write></textarea>
            </div>
        }
        .into_any();
    }
    let multiple = matches!(kind, QuestionKind::Multiple { .. });
    let inline = kind == QuestionKind::Recommend;
    let items = choices(&kind)
        .into_iter()
        .enumerate()
        .map(|(n, (choice, label))| {
            let input_id = format!("{id}-{n}");
            let checked = {
                let (key, choice) = (key.clone(), choice.clone());
                move || answers.with(|a| is_chosen(a.get(&key), &choice))
            };
            let key = key.clone();
            let pick = move |_| {
                answers.update(|a| match toggled(a.get(&key), &choice) {
                    Some(answer) => {
                        a.insert(key.clone(), answer);
                    }
                    None => {
                        a.remove(&key);
                    }
                });
            };
            let (item, input, label_class, kind) = if multiple {
                ("govuk-checkboxes__item", "govuk-checkboxes__input", "govuk-label govuk-checkboxes__label", "checkbox")
            } else {
                ("govuk-radios__item", "govuk-radios__input", "govuk-label govuk-radios__label", "radio")
            };
            view! {
                <div class=item>
                    <input class=input id=input_id.clone() name=id.clone() type=kind prop:checked=checked on:change=pick />
                    <label class=label_class for=input_id>{label}</label>
                </div>
            }
        })
        .collect_view();
    let group = if multiple {
        "govuk-checkboxes govuk-checkboxes--small"
    } else if inline {
        "govuk-radios govuk-radios--small govuk-radios--inline"
    } else {
        "govuk-radios govuk-radios--small"
    };
    view! {
        <div class="govuk-form-group">
            <fieldset class="govuk-fieldset" id=id aria-describedby=described>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
                {hint_text.map(|text| view! { <div id=hint_id class="govuk-hint">{text}</div> })}
                <div class=group>{items}</div>
            </fieldset>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticking_and_unticking_choose_any_keeps_the_others() {
        let a = Answer::Multiple(vec!["A".into()]);
        let b = Answer::Multiple(vec!["B".into()]);
        let both = toggled(Some(&a), &b).expect("two");
        assert_eq!(both, Answer::Multiple(vec!["A".into(), "B".into()]));
        assert!(is_chosen(Some(&both), &a) && is_chosen(Some(&both), &b));
        let just_b = toggled(Some(&both), &a).expect("one");
        assert!(!is_chosen(Some(&just_b), &a));
        assert_eq!(
            toggled(Some(&just_b), &b),
            None,
            "nothing chosen is no answer"
        );
        let agree = Answer::Agreement(Agreement::Agree);
        assert_eq!(
            toggled(Some(&agree), &Answer::Recommend(3)),
            Some(Answer::Recommend(3))
        );
        assert_eq!(choices(&QuestionKind::Recommend).len(), 11);
    }
}
