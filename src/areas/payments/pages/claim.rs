//! One claim (`/payments/claims/{id}`): what it is for (each journey of a mileage claim),
//! where it stands, the finance team's questions and the carer's answers; all of it works
//! offline.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_core::claims::{ClaimChange, ClaimKind, ClaimStatus};
use portal_core::mutation::QueuedClaim;
use portal_core::payments::Photo;

use super::claims::claim_tag;
use crate::areas::payments::data::ClaimShown;
use crate::areas::payments::{PaymentsPage, use_payments};
use crate::components::carers_only::CarersOnly;
use crate::components::fields::TextArea;
use crate::components::needs_attention::NeedsAttention;
use crate::components::page_title::PageTitle;
use crate::components::payment_thread::{ClaimLines, Messages, SummaryList};
use crate::components::photo_picker::{PhotoPicker, carers_photo};
use crate::device::random_id;
use crate::state::account::use_account;
use crate::state::sync::use_sync;

#[component]
pub fn ClaimPage() -> impl IntoView {
    let params = use_params_map();
    let data = use_payments();
    let shown = Memo::new(move |_| {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        data.with(|d| d.claim(&id).cloned())
    });
    view! {
        <PageTitle text=PaymentsPage::Claim(String::new()).title() />
        <CarersOnly to="see your claims">
            {move || match shown.get() {
                Some(shown) => view! { <ClaimView shown=shown /> }.into_any(),
                None => view! {
                    <h1 class="govuk-heading-l">"Claim"</h1>
                    <p class="govuk-body">
                        "This claim is not on this device. It may belong to another account."
                    </p>
                    <p class="govuk-body">
                        <a class="govuk-link" href=PaymentsPage::Claims.href()>"My claims"</a>
                    </p>
                }
                .into_any(),
            }}
        </CarersOnly>
    }
}

/// What the status means for the carer, in a sentence.
fn standing(kind: ClaimKind, status: ClaimStatus) -> &'static str {
    match status {
        ClaimStatus::Approved if kind == ClaimKind::Respite => {
            "Your respite days are agreed. Your supervising social worker will arrange them with you."
        }
        ClaimStatus::Submitted => "The finance team will look at your claim.",
        ClaimStatus::Queried => {
            "The finance team has a question about this claim. Answer it below so that they can decide."
        }
        ClaimStatus::Approved => "This claim will be paid in the next payment run.",
        ClaimStatus::Rejected => "This claim was not approved. The reason is below.",
        ClaimStatus::Paid => "This claim has been paid.",
    }
}

#[component]
fn ClaimView(shown: ClaimShown) -> impl IntoView {
    let claim = shown.claim;
    let messages = claim.thread();
    let has_messages = !messages.is_empty();
    view! {
        <h1 class="govuk-heading-l">{claim.title()}</h1>
        <NeedsAttention notices=false />
        <p class="govuk-body">
            <strong class=claim_tag(claim.status)>{claim.status.label()}</strong>
            {shown.waiting_to_send.then(|| view! { " " <strong class="govuk-tag govuk-tag--yellow">"Waiting to send"</strong> })}
            " " {standing(claim.about.kind, claim.status)}
        </p>
        <SummaryList rows=claim.details() />
        <ClaimLines about=claim.about.clone() />
        {has_messages.then(|| view! {
            <h2 class="govuk-heading-m">"Messages"</h2>
            <Messages messages=messages carer="You" photo=carers_photo />
        })}
        {claim.status.undecided().then(|| view! { <Answer claim=claim.id.clone() /> })}
    }
}

/// An answer to the finance team's question, or something more about the claim.
#[component]
fn Answer(claim: String) -> impl IntoView {
    let sync = use_sync();
    let text = use_account().kept_text(format!("claim-message-{claim}"));
    let photos = RwSignal::new(Vec::<Photo>::new());
    let problem = RwSignal::new(None::<String>);
    let id = StoredValue::new(claim);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if text.get_untracked().trim().is_empty() && photos.with_untracked(Vec::is_empty) {
            problem.set(Some("Enter a message or add a photo".to_owned()));
            return;
        }
        let Some(message) = random_id("message") else {
            return;
        };
        let change = ClaimChange::Message {
            id: message,
            claim: id.get_value(),
            text: text.get_untracked(),
            photos: photos.get_untracked(),
        };
        sync.record_then(
            &QueuedClaim { claims: &change },
            move |outcome| match outcome {
                Ok(()) => {
                    problem.set(None);
                    text.set(String::new());
                    photos.set(Vec::new());
                }
                Err(error) => {
                    problem.set(Some(format!("That was not saved on this device. {error}")));
                }
            },
        );
    };
    view! {
        <form novalidate on:submit=submit>
            <TextArea id="claim-message" label="Add a message or answer a question" value=text error=Signal::derive(move || problem.get()) />
            <PhotoPicker id="claim-message-photos" label="Photos (optional)" photos=photos error=Signal::derive(|| None::<String>) />
            <button type="submit" class="govuk-button">"Send message"</button>
        </form>
    }
}
