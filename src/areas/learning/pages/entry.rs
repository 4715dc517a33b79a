//! One training record: everything in it, whether the service has verified it, and the means to
//! change or delete it.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map};
use portal_core::mutation::QueuedTraining;
use portal_core::training::{Entry, EntryForm, TrainingChange, attendee_names};

use super::entry_form::EntryEditor;
use super::{SuccessBanner, hours_words, standard_name};
use crate::areas::learning::form::change_draft;
use crate::areas::learning::{LearningPage, use_learning};
use crate::components::carers_only::CarersOnly;
use crate::components::page_title::PageTitle;
use crate::state::sync::use_sync;

/// The record named in the page address, read again as the log changes.
fn use_entry() -> (Memo<String>, Memo<Option<(Entry, bool)>>) {
    let learning = use_learning();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let entry = Memo::new(move |_| {
        let id = id.get();
        learning.with(|data| {
            data.entry(&id)
                .cloned()
                .map(|e| (e, data.waiting.contains(&id)))
        })
    });
    (id, entry)
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <h1 class="govuk-heading-l">"Training record not found"</h1>
        <p class="govuk-body">
            "It may have been deleted, or it was added on another device and has not reached this one yet."
        </p>
        <p class="govuk-body">
            <a href=LearningPage::MyLearning.href() class="govuk-link">"Go to My learning"</a>
        </p>
    }
}

#[component]
pub fn EntryPage() -> impl IntoView {
    let message = use_learning().take_message();
    let (id, entry) = use_entry();
    // Whether the person is being asked to confirm a delete lives here, outside the details
    // drawn again when the record changes: the record's own change being sent and confirmed
    // would otherwise take the question away just as they answer it.
    let asking = RwSignal::new(false);
    // Another record opened on the same page starts without the question.
    Effect::new(move |_| {
        id.track();
        asking.set(false);
    });
    view! {
        <PageTitle text=LearningPage::Entry(String::new()).title() />
        <SuccessBanner message=message />
        <CarersOnly to="see your learning log">
            {move || match entry.get() {
                None => view! { <NotFound /> }.into_any(),
                Some((entry, waiting)) => view! { <EntryDetails entry=entry waiting=waiting asking=asking /> }.into_any(),
            }}
        </CarersOnly>
    }
}

/// Every field of a record, then what can be done with it.
#[component]
fn EntryDetails(entry: Entry, waiting: bool, asking: RwSignal<bool>) -> impl IntoView {
    let sync = use_sync();
    let text = |t: &Option<portal_core::details::Text>| {
        t.as_ref()
            .map_or_else(|| "Not given".to_owned(), |t| t.as_str().to_owned())
    };
    let standards: Vec<String> = entry.standards.iter().map(|s| standard_name(*s)).collect();
    let who = attendee_names(&entry, &sync.details_untracked().members).join(", ");
    let verified = entry.verified.as_ref().map_or_else(
        || "Not yet".to_owned(),
        |v| format!("Yes, by {} on {}", v.by, v.on.long_form()),
    );
    let rows = [
        ("Date", entry.date.long_form()),
        ("How long", hours_words(u32::from(entry.duration.get()))),
        ("How it was delivered", entry.format.label().to_owned()),
        ("Provider", text(&entry.provider)),
        ("Who attended", who),
        ("Certificate reference", text(&entry.certificate)),
        ("What I learned", text(&entry.learned)),
        ("How I will use it", text(&entry.will_use)),
        ("Verified by the service", verified),
    ];
    view! {
        <span class="govuk-caption-l">"Training record"</span>
        <h1 class="govuk-heading-l">{entry.title.as_str().to_owned()}</h1>
        {waiting.then(|| view! {
            <p class="govuk-body">
                <strong class="govuk-tag govuk-tag--yellow">"Waiting to send"</strong>
                " This change is saved on this device and is sent when you are connected."
            </p>
        })}
        <dl class="govuk-summary-list">
            {rows
                .into_iter()
                .map(|(key, value)| view! {
                    <div class="govuk-summary-list__row">
                        <dt class="govuk-summary-list__key">{key}</dt>
                        <dd class="govuk-summary-list__value portal-keep-lines">{value}</dd>
                    </div>
                })
                .collect_view()}
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"TSD standards"</dt>
                <dd class="govuk-summary-list__value">
                    {if standards.is_empty() {
                        view! { "None" }.into_any()
                    } else {
                        view! {
                            <ul class="govuk-list">
                                {standards.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                </dd>
            </div>
        </dl>
        <div class="govuk-button-group">
            <a href=LearningPage::EditEntry(entry.id.clone()).href() class="govuk-button govuk-button--secondary">
                "Change this record"
            </a>
        </div>
        <DeleteEntry id=entry.id.clone() title=entry.title.as_str().to_owned() asking=asking />
    }
}

/// Deleting asks once more, because it cannot be undone from the portal. `asking` says the
/// question is showing.
#[component]
fn DeleteEntry(id: String, title: String, asking: RwSignal<bool>) -> impl IntoView {
    let learning = use_learning();
    let sync = use_sync();
    let navigate = use_navigate();
    let problem = RwSignal::new(None::<String>);
    let confirm = {
        let title = title.clone();
        move |_| {
            let change = TrainingChange::Delete { id: id.clone() };
            let (id, title, navigate) = (id.clone(), title.clone(), navigate.clone());
            sync.record_then(
                &QueuedTraining { training: &change },
                move |outcome| match outcome {
                    Ok(()) => {
                        learning.drop_draft(&change_draft(&id));
                        learning.tell(format!("“{title}” was deleted from your learning log."));
                        navigate(&LearningPage::MyLearning.href(), NavigateOptions::default());
                    }
                    Err(error) => problem.set(Some(format!("The record was not deleted. {error}"))),
                },
            );
        }
    };
    view! {
        {move || problem.get().map(|p| view! { <p class="govuk-error-message" role="alert">{p}</p> })}
        <Show
            when=move || asking.get()
            fallback=move || view! {
                <button type="button" class="govuk-button govuk-button--warning" on:click=move |_| asking.set(true)>
                    "Delete this record"
                </button>
            }
        >
            <div class="govuk-warning-text" role="alert">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <strong class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">"Warning"</span>
                    "Are you sure you want to delete “" {title.clone()} "”? It will be removed from your learning log on every device."
                </strong>
            </div>
            <div class="govuk-button-group">
                <button type="button" class="govuk-button govuk-button--warning" on:click=confirm.clone()>
                    "Yes, delete it"
                </button>
                <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| asking.set(false)>
                    "No, keep it"
                </button>
            </div>
        </Show>
    }
}

#[component]
pub fn EditEntryPage() -> impl IntoView {
    let learning = use_learning();
    let (id, entry) = use_entry();
    // The form is drawn once per record: later syncs must not wipe what is being typed.
    let editor = Memo::new(move |_| entry.with(|e| e.as_ref().map(|(e, _)| e.id.clone())));
    view! {
        <PageTitle text=LearningPage::EditEntry(String::new()).title() />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <CarersOnly to="change your learning log">
                    {move || match (editor.get(), entry.get_untracked()) {
                        (Some(record), Some((current, _))) => {
                            let draft = change_draft(&record);
                            let start = learning
                                .draft(&draft)
                                .unwrap_or_else(|| EntryForm::from_entry(&current));
                            let back = LearningPage::Entry(id.get_untracked()).href();
                            view! {
                                <h1 class="govuk-heading-l">"Change a training record"</h1>
                                {current.verified.is_some().then(|| view! {
                                    <div class="govuk-inset-text">
                                        "The fostering service has verified this record. If you change it, they will need to verify it again."
                                    </div>
                                })}
                                <EntryEditor id=Some(record) start=start draft=draft.clone() submit_label="Save changes" />
                                <p class="govuk-body">
                                    <a href=back class="govuk-link" on:click=move |_| learning.drop_draft(&draft)>
                                        "Cancel and go back to the record"
                                    </a>
                                </p>
                            }
                            .into_any()
                        }
                        _ => view! { <NotFound /> }.into_any(),
                    }}
                </CarersOnly>
            </div>
        </div>
    }
}
