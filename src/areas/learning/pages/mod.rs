//! The learning pages (the learning app, see `crate::areas::learning`), and the words they share.

pub mod annual_review;
pub mod entry;
pub mod entry_form;
pub mod log_training;
pub mod mandatory;
pub mod my_learning;
pub mod not_found;
pub mod review;
pub mod standards;

use leptos::prelude::*;
use portal_core::training::{Entry, TsdStandard, hours};

/// The standards an entry evidences, in words: "2, 6" or "None".
pub fn standards_words(entry: &Entry) -> String {
    if entry.standards.is_empty() {
        return "None".to_owned();
    }
    let numbers: Vec<String> = entry
        .standards
        .iter()
        .map(|s| s.number().to_string())
        .collect();
    numbers.join(", ")
}

/// "1.5 hours", "1 hour", "0.25 hours".
pub fn hours_words(minutes: u32) -> String {
    let figure = hours(minutes);
    if figure == "1" {
        "1 hour".to_owned()
    } else {
        format!("{figure} hours")
    }
}

/// "Standard 2: Understand the principles and values essential for fostering children".
pub fn standard_name(standard: TsdStandard) -> String {
    format!("Standard {}: {}", standard.number(), standard.title())
}

/// A one-time message after saving or deleting, as a GOV.UK success banner.
#[component]
pub fn SuccessBanner(message: Option<String>) -> impl IntoView {
    message.map(|text| {
        view! {
            <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="done-title">
                <div class="govuk-notification-banner__header">
                    <h2 class="govuk-notification-banner__title" id="done-title">"Success"</h2>
                </div>
                <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading">{text}</p>
                </div>
            </div>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_read_naturally() {
        assert_eq!(hours_words(60), "1 hour");
        assert_eq!(hours_words(90), "1.5 hours");
        assert_eq!(hours_words(0), "0 hours");
    }
}
