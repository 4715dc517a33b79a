//! My claims (`/payments/claims`): what the service owes the household (approved, not yet
//! paid), what waits for the finance team, and each claim with where it stands.

use leptos::prelude::*;
use portal_core::claims::ClaimStatus;

use crate::areas::payments::data::ClaimShown;
use crate::areas::payments::{PaymentsPage, use_payments};
use crate::components::carers_only::CarersOnly;
use crate::components::needs_attention::NeedsAttention;
use crate::components::page_title::PageTitle;
use crate::components::payment_thread::SummaryList;
use crate::device::today;

/// The GOV.UK tag colour for a claim's status: what needs the carer's eye stands out.
pub const fn claim_tag(status: ClaimStatus) -> &'static str {
    match status {
        ClaimStatus::Submitted => "govuk-tag govuk-tag--blue",
        ClaimStatus::Queried => "govuk-tag govuk-tag--orange",
        ClaimStatus::Approved => "govuk-tag govuk-tag--green",
        ClaimStatus::Rejected => "govuk-tag govuk-tag--red",
        ClaimStatus::Paid => "govuk-tag govuk-tag--grey",
    }
}

#[component]
pub fn ClaimsPage() -> impl IntoView {
    view! {
        <PageTitle text=PaymentsPage::Claims.title() />
        <h1 class="govuk-heading-l">"My claims"</h1>
        <p class="govuk-body">
            "Claim mileage, travel and other costs of fostering, and a child's holiday, "
            "birthday or celebration allowance, or ask for respite days. You can do it with no "
            "signal: it is sent when there is a connection."
        </p>
        <CarersOnly to="claim what you are owed">
            <NeedsAttention notices=false />
            <Totals />
            <a href=PaymentsPage::NewClaim.href() class="govuk-button" role="button">"Make a claim"</a>
            <Claims />
        </CarersOnly>
    }
}

#[component]
fn Totals() -> impl IntoView {
    let data = use_payments();
    let year = today().year();
    let totals = Memo::new(move |_| data.with(|d| (d.claim_totals(), d.respite(year))));
    move || {
        let (totals, respite) = totals.get();
        view! {
            <SummaryList rows=vec![
                ("Approved, not yet paid", totals.owed.to_string()),
                ("Waiting for a decision", totals.waiting.to_string()),
                ("Paid", totals.paid.to_string()),
                ("Respite days left this year", format!("{} of {}", respite.left(), respite.allowance)),
            ] />
        }
    }
}

/// The household's claims, keyed by id: when a sync lands only the claims that changed are
/// drawn again.
#[component]
fn Claims() -> impl IntoView {
    let data = use_payments();
    let ids = Memo::new(move |_| {
        data.with(|d| {
            d.claims
                .iter()
                .map(|c| c.claim.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let none = Memo::new(move |_| ids.with(Vec::is_empty));
    move || {
        if none.get() {
            return view! { <p class="govuk-body">"You have not made any claims yet."</p> }
                .into_any();
        }
        view! {
            <h2 class="govuk-heading-m">"Your claims"</h2>
            <ul class="govuk-list">
                <For each=move || ids.get() key=Clone::clone let(id)>
                    <ClaimRow id=id />
                </For>
            </ul>
        }
        .into_any()
    }
}

#[component]
fn ClaimRow(id: String) -> impl IntoView {
    let data = use_payments();
    let shown = Memo::new(move |_| data.with(|d| d.claim(&id).cloned()));
    move || {
        shown
            .get()
            .map(|shown| view! { <ClaimSummary shown=shown /> })
    }
}

#[component]
fn ClaimSummary(shown: ClaimShown) -> impl IntoView {
    let claim = &shown.claim;
    view! {
        <li class="govuk-inset-text">
            <h3 class="govuk-heading-s">
                <a class="govuk-link" href=PaymentsPage::Claim(claim.id.clone()).href()>
                    {claim.title()} ", " {claim.about.total.to_string()}
                </a>
            </h3>
            <p class="govuk-body">
                <strong class=claim_tag(claim.status)>{claim.status.label()}</strong>
                {shown.waiting_to_send.then(|| view! { " " <strong class="govuk-tag govuk-tag--yellow">"Waiting to send"</strong> })}
            </p>
            <p class="govuk-body-s">"Claimed on " {claim.submitted_on.long_form()} "."</p>
        </li>
    }
}
