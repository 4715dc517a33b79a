//! Log training: a new record for the learning log, in under a minute on a phone. A record
//! started and left is kept as a draft and offered again here.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::entry_form::{EntryEditor, blank_form};
use crate::areas::learning::form::NEW_DRAFT;
use crate::areas::learning::{LearningPage, use_learning};
use crate::components::carers_only::CarersOnly;
use crate::components::page_title::PageTitle;
use crate::device::today;
use crate::state::sync::use_sync;

#[component]
pub fn LogTrainingPage() -> impl IntoView {
    let learning = use_learning();
    let sync = use_sync();
    let query = use_query_map();
    // Bumped by "Start again", which draws the form afresh.
    let fresh = RwSignal::new(0_u32);
    let form = move || {
        fresh.track();
        let draft = learning.draft(NEW_DRAFT);
        let restored = draft.is_some();
        let standard = query.with_untracked(|q| q.get_str("standard").and_then(|s| s.parse().ok()));
        let start = draft.unwrap_or_else(|| {
            blank_form(
                &today().to_string(),
                &sync.details_untracked().members,
                standard,
            )
        });
        let start_again = move |_| {
            learning.drop_draft(NEW_DRAFT);
            fresh.update(|n| *n += 1);
        };
        view! {
            {restored.then(|| view! {
                <div class="govuk-inset-text">
                    <p class="govuk-body">"This is the record you started earlier. It has not been saved to your learning log yet."</p>
                    <button type="button" class="govuk-button govuk-button--secondary" on:click=start_again>
                        "Start again with an empty form"
                    </button>
                </div>
            })}
            <EntryEditor id=None start=start draft=NEW_DRAFT.to_owned() submit_label="Save training record" />
        }
    };
    view! {
        <PageTitle text=LearningPage::LogTraining.title() />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-l">"Log training"</h1>
                <CarersOnly to="log training">
                    {form}
                </CarersOnly>
            </div>
        </div>
    }
}
