//! The emails the portal sends (`/staff/outbox`), for administrators: whether a mail server is
//! set up, how many emails wait, and the latest with how each is going. Without a mail server
//! emails wait here, none lost, until one is set up.

use leptos::prelude::*;
use portal_core::notices::{DeliveryKind, OutboxEntry, OutboxView};

use super::{Loaded, fetched, load};
use crate::api;
use crate::components::page_title::PageTitle;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let outbox: Loaded<OutboxView> = load(api::outbox);
    view! {
        <PageTitle text="Emails" />
        <h1 class="govuk-heading-l">"Emails"</h1>
        <p class="govuk-body">
            "The portal emails carers, applicants and enquirers when something new is waiting "
            "for them in the portal. The emails never say what it is: only that there is "
            "something to read, and a link to sign in."
        </p>
        {fetched(outbox, "Loading the emails…", |outbox| view! { <Outbox outbox=outbox /> })}
    }
}

#[component]
fn Outbox(outbox: OutboxView) -> impl IntoView {
    let delivery = outbox.delivery.describe();
    let not_set_up = outbox.delivery == DeliveryKind::NotSetUp;
    view! {
        {not_set_up.then(|| view! {
            <div class="govuk-warning-text">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <strong class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">"Warning"</span>
                    "No mail server is set up, so emails are not being sent. They wait here and "
                    "go as soon as the server is given one (PORTAL_SMTP_URL)."
                </strong>
            </div>
        })}
        <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Sent through"</dt>
                <dd class="govuk-summary-list__value">{delivery}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Waiting to be sent"</dt>
                <dd class="govuk-summary-list__value">{outbox.waiting}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Tried and not sent yet"</dt>
                <dd class="govuk-summary-list__value">{outbox.failing}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Sent"</dt>
                <dd class="govuk-summary-list__value">{outbox.sent}</dd>
            </div>
        </dl>
        <EmailTable latest=outbox.latest />
    }
}

#[component]
fn EmailTable(latest: Vec<OutboxEntry>) -> impl IntoView {
    if latest.is_empty() {
        return view! { <p class="govuk-body">"No emails yet."</p> }.into_any();
    }
    view! {
        <div class="portal-table-scroll" role="region" aria-label="The latest emails" tabindex="0">
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--m">"The latest emails"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Email"</th>
                        <th scope="col" class="govuk-table__header">"To"</th>
                        <th scope="col" class="govuk-table__header">"How it is going"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    <For each=move || latest.clone() key=|entry| entry.id.clone() let:entry>
                        <tr class="govuk-table__row">
                            <td class="govuk-table__cell">{entry.kind.describe()}</td>
                            <td class="govuk-table__cell portal-link-text">{entry.recipient.clone()}</td>
                            <td class="govuk-table__cell">{entry.status_words()}</td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
