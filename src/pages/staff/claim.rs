//! One claim for staff (`/staff/payments/claims/{id}`): what the carer claimed (each journey
//! of a mileage claim), the receipts and the thread; for the finance team, a question for the
//! carer, and approving or rejecting it with the reason.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_core::claims::{Claim, Decision, DecisionForm, StaffClaim, StaffClaims};
use portal_core::payments::ReplyForm;

use super::payment_query::staff_photo;
use super::{Loaded, fetched, load};
use crate::api::{self, ApiError};
use crate::components::error_summary::ProblemSummary;
use crate::components::page_title::PageTitle;
use crate::components::payment_thread::{ClaimLines, Messages, SummaryList};
use crate::staff::StaffPage;

#[component]
pub fn ClaimPage() -> impl IntoView {
    let params = use_params_map();
    // Only this claim is fetched, not the queue.
    let loaded: Loaded<StaffClaims> = load(move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        async move { api::staff_claim(&id).await }
    });
    let refresh = move || loaded.refetch();
    view! {
        <PageTitle text="Claim" />
        <p class="govuk-body"><a class="govuk-link" href=StaffPage::Claims.href()>"All claims"</a></p>
        {fetched(loaded, "Loading the claim…", move |list| {
            match list.claims.first().cloned() {
                None => view! {
                    <h1 class="govuk-heading-l">"Claim"</h1>
                    <p class="govuk-body">"There is no such claim, or it is not one you can see."</p>
                }
                .into_any(),
                Some(item) => view! { <ClaimView item=item can_decide=list.can_decide refresh=refresh /> }.into_any(),
            }
        })}
    }
}

#[component]
fn ClaimView(
    item: StaffClaim,
    can_decide: bool,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let claim = item.claim;
    let messages = claim.thread();
    let undecided = claim.status.undecided();
    view! {
        <h1 class="govuk-heading-l">{claim.title()} ": " {item.household_name}</h1>
        <p class="govuk-body"><strong class="govuk-tag">{claim.status.label()}</strong></p>
        <SummaryList rows=claim.details() />
        <ClaimLines about=claim.about.clone() />
        <h2 class="govuk-heading-m">"Messages"</h2>
        {if messages.is_empty() {
            view! { <p class="govuk-body">"No messages yet."</p> }.into_any()
        } else {
            view! { <Messages messages=messages carer="The carer" photo=staff_photo /> }.into_any()
        }}
        {(can_decide && undecided).then(|| view! { <Decide claim=claim refresh=refresh /> })}
    }
}

/// What finance does with a claim still undecided.
#[derive(Debug, Clone)]
enum Step {
    Ask(ReplyForm),
    Decide(DecisionForm),
}

#[component]
fn Decide(claim: Claim, refresh: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let id = StoredValue::new(claim.id.clone());
    let from = claim.status;
    let question = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let act = Action::new_local(move |step: &Step| {
        let step = step.clone();
        let id = id.get_value();
        async move {
            match step {
                Step::Ask(form) => api::ask_about_claim(&id, &form).await,
                Step::Decide(form) => api::decide_claim(&id, &form).await,
            }
        }
    });
    Effect::new(move |_| match act.value().get() {
        Some(Ok(_)) => {
            problem.set(None);
            refresh();
        }
        Some(Err(error)) => problem.set(Some(ApiError::message(&error))),
        None => {}
    });
    let go = move |step: Step| {
        if !act.pending().get_untracked() {
            act.dispatch(step);
        }
    };
    let ask = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let text = question.get_untracked();
        if text.trim().is_empty() {
            problem.set(Some("Enter your question for the carer".to_owned()));
            return;
        }
        go(Step::Ask(ReplyForm { text }));
    };
    let approve = move |_| {
        go(Step::Decide(DecisionForm {
            from,
            decision: Decision::Approve,
        }));
    };
    let reject = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let reason = reason.get_untracked();
        if reason.trim().is_empty() {
            problem.set(Some("Enter why the claim is not approved".to_owned()));
            return;
        }
        go(Step::Decide(DecisionForm {
            from,
            decision: Decision::Reject { reason },
        }));
    };
    let busy = move || act.pending().get().to_string();
    view! {
        <ProblemSummary problem=problem />
        <button type="button" class="govuk-button" on:click=approve aria-disabled=busy>"Approve this claim"</button>
        <form novalidate on:submit=ask>
            <div class="govuk-form-group">
                <label class="govuk-label govuk-label--m" for="claim-question">"Ask the carer a question"</label>
                <div class="govuk-hint" id="claim-question-hint">"The claim waits for their answer. They see it at their next sync."</div>
                <textarea class="govuk-textarea" id="claim-question" rows="3" aria-describedby="claim-question-hint" bind:value=question></textarea>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary" aria-disabled=busy>"Send the question"</button>
        </form>
        <form novalidate on:submit=reject>
            <div class="govuk-form-group">
                <label class="govuk-label govuk-label--m" for="claim-reason">"Why is it not approved?"</label>
                <div class="govuk-hint" id="claim-reason-hint">"The carer reads these words."</div>
                <textarea class="govuk-textarea" id="claim-reason" rows="3" aria-describedby="claim-reason-hint" bind:value=reason></textarea>
            </div>
            <button type="submit" class="govuk-button govuk-button--warning" aria-disabled=busy>"Do not approve"</button>
        </form>
    }
}
