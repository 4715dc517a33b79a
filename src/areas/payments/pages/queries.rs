//! My payment queries (`/payments`): each query with where it stands, who is handling it and
//! when an answer is due, and the way to ask about a payment.

use leptos::prelude::*;
use portal_core::payments::QueryStatus;

use crate::areas::payments::data::QueryShown;
use crate::areas::payments::{PaymentsPage, use_payments};
use crate::components::carers_only::CarersOnly;
use crate::components::needs_attention::NeedsAttention;
use crate::components::page_title::PageTitle;

/// The GOV.UK tag colour for a status: what needs the carer's eye stands out.
pub const fn status_tag(status: QueryStatus) -> &'static str {
    match status {
        QueryStatus::Sent => "govuk-tag govuk-tag--blue",
        QueryStatus::BeingLookedAt => "govuk-tag govuk-tag--yellow",
        QueryStatus::Answered => "govuk-tag govuk-tag--green",
        QueryStatus::Resolved => "govuk-tag govuk-tag--grey",
    }
}

#[component]
pub fn QueriesPage() -> impl IntoView {
    view! {
        <PageTitle text=PaymentsPage::Queries.title() />
        <h1 class="govuk-heading-l">"My payment queries"</h1>
        <p class="govuk-body">
            "Ask the finance team about a payment that was late, missing, different from what "
            "you expected, or that you do not understand. You can ask with no signal: your "
            "query is sent when there is a connection."
        </p>
        <CarersOnly to="ask about your payments">
            <NeedsAttention notices=false />
            <a href=PaymentsPage::NewQuery.href() class="govuk-button" role="button">"Ask about a payment"</a>
            <Queries />
        </CarersOnly>
    }
}

/// The carer's queries, keyed by id: when a sync lands, only the queries that changed are
/// drawn again, and the rest keep their place on the page (and a screen reader's place).
#[component]
fn Queries() -> impl IntoView {
    let data = use_payments();
    let ids = Memo::new(move |_| {
        data.with(|d| {
            d.queries
                .iter()
                .map(|q| q.query.id.clone())
                .collect::<Vec<_>>()
        })
    });
    // Only whether there are any redraws the list itself; the `For` adds and removes the rest.
    let none = Memo::new(move |_| ids.with(Vec::is_empty));
    move || {
        if none.get() {
            return view! { <p class="govuk-body">"You have not asked about any payments yet."</p> }.into_any();
        }
        view! {
            <ul class="govuk-list">
                <For each=move || ids.get() key=Clone::clone let(id)>
                    <QueryRow id=id />
                </For>
            </ul>
        }
        .into_any()
    }
}

/// One query of the list, drawn again only when that query changes.
#[component]
fn QueryRow(id: String) -> impl IntoView {
    let data = use_payments();
    let shown =
        Memo::new(move |_| data.with(|d| d.queries.iter().find(|q| q.query.id == id).cloned()));
    move || {
        shown
            .get()
            .map(|shown| view! { <QuerySummary shown=shown /> })
    }
}

#[component]
fn QuerySummary(shown: QueryShown) -> impl IntoView {
    let query = &shown.query;
    let due = query
        .status
        .awaiting_finance()
        .then(|| format!("An answer is due by {}.", query.respond_by.long_form()));
    let handler = query
        .handler
        .as_ref()
        .map(|name| format!("{name} is handling it."));
    view! {
        <li class="govuk-inset-text">
            <h2 class="govuk-heading-s">
                <a class="govuk-link" href=PaymentsPage::Query(query.id.clone()).href()>
                    {query.about.category.label()} ", " {query.about.period_words()}
                </a>
            </h2>
            <p class="govuk-body">
                <strong class=status_tag(query.status)>{query.status.label()}</strong>
                {shown.waiting_to_send.then(|| view! { " " <strong class="govuk-tag govuk-tag--yellow">"Waiting to send"</strong> })}
            </p>
            <p class="govuk-body-s">
                "Asked on " {query.raised_on.long_form()} ". " {due} " " {handler}
            </p>
        </li>
    }
}
