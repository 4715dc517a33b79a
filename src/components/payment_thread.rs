//! A payment query's or a claim's details and thread, the same for the carer and the finance
//! team: what it is about, then every message, with their photos.

use leptos::prelude::*;
use portal_core::claims::{ClaimAbout, Journey, PaidContact};
use portal_core::payments::{Author, PhotoRef, Query, QueryMessage};

use crate::components::photo_picker::ThreadPhotos;

/// Rows of a GOV.UK summary list: a key and its value each.
#[component]
pub fn SummaryList(rows: Vec<(&'static str, String)>) -> impl IntoView {
    view! {
        <dl class="govuk-summary-list">
            {rows.into_iter().map(|(key, value)| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{key}</dt>
                    <dd class="govuk-summary-list__value">{value}</dd>
                </div>
            }).collect_view()}
        </dl>
    }
}

/// `carer` is how the household is named ("You" to the carer, "The carer" to staff); `photo`
/// shows a photo (from the device for the carer, from the server for staff).
#[component]
pub fn QueryThread(
    query: Query,
    carer: &'static str,
    photo: fn(&PhotoRef) -> AnyView,
) -> impl IntoView {
    let rows = query.details();
    // The description opens the thread as the household's first message.
    let opening = QueryMessage {
        id: query.id,
        author: Author::Household,
        text: query.about.description,
        sent_on: query.raised_on,
        photos: query.about.photos,
    };
    let messages = std::iter::once(opening).chain(query.messages).collect();
    view! {
        <SummaryList rows=rows />
        <h2 class="govuk-heading-m">"Messages"</h2>
        <Messages messages=messages carer=carer photo=photo />
    }
}

/// A thread's messages, oldest first, each with who wrote it, when, and its photos.
#[component]
pub fn Messages(
    messages: Vec<QueryMessage>,
    carer: &'static str,
    photo: fn(&PhotoRef) -> AnyView,
) -> impl IntoView {
    view! {
        <ul class="govuk-list">
            {messages.into_iter().map(|m| {
                let who = match m.author {
                    Author::Household => carer.to_owned(),
                    Author::Finance { name } => format!("{name}, finance team"),
                };
                let photos = m.photos;
                view! {
                    <li class="govuk-inset-text">
                        <p class="govuk-body-s"><strong>{who}</strong> ", " {m.sent_on.long_form()}</p>
                        <p class="govuk-body portal-keep-lines">{m.text}</p>
                        {move || view! { <ThreadPhotos photos=photos.clone() show=photo /> }}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// What a claim is made of, the same for the carer and finance: a mileage claim's journeys,
/// or a buddy's or mentor's calls and meetings.
#[component]
pub fn ClaimLines(about: ClaimAbout) -> impl IntoView {
    view! {
        {(!about.journeys.is_empty()).then(|| view! { <Journeys journeys=about.journeys /> })}
        {(!about.contacts.is_empty()).then(|| view! { <PaidContacts contacts=about.contacts /> })}
    }
}

/// A buddy's or mentor's calls and meetings as a table: each with its length and amount, and
/// the hourly rates they were paid at. The table scrolls in its own box on a narrow screen.
#[component]
fn PaidContacts(contacts: Vec<PaidContact>) -> impl IntoView {
    let mut rates: Vec<String> = contacts.iter().map(|c| c.per_hour.to_string()).collect();
    rates.dedup();
    let rates = format!("Paid at {} an hour.", rates.join(", then "));
    view! {
        <div class="portal-table-scroll" tabindex="0" role="region" aria-label="Calls and meetings, scrollable">
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--m">"Calls and meetings"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Date"</th>
                        <th scope="col" class="govuk-table__header">"How"</th>
                        <th scope="col" class="govuk-table__header">"Time"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Amount"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {contacts.into_iter().map(|c| view! {
                        <tr class="govuk-table__row">
                            <td class="govuk-table__cell">{c.date.long_form()}</td>
                            <td class="govuk-table__cell">{c.how.words()}</td>
                            <td class="govuk-table__cell">{portal_core::claims::time_words(u32::from(c.minutes))}</td>
                            <td class="govuk-table__cell govuk-table__cell--numeric">{c.amount.to_string()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p class="govuk-body">{rates}</p>
    }
}

/// A mileage claim's journeys as a table: each with its miles, rate and amount.
#[component]
fn Journeys(journeys: Vec<Journey>) -> impl IntoView {
    view! {
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">"Journeys"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Date"</th>
                    <th scope="col" class="govuk-table__header">"From and to"</th>
                    <th scope="col" class="govuk-table__header">"For"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Miles"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Amount"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {journeys.into_iter().map(|j| view! {
                    <tr class="govuk-table__row">
                        <td class="govuk-table__cell">{j.date.long_form()}</td>
                        <td class="govuk-table__cell">{j.from} " to " {j.to}</td>
                        <td class="govuk-table__cell">{j.purpose.label()}</td>
                        <td class="govuk-table__cell govuk-table__cell--numeric">{j.miles.to_string()}</td>
                        <td class="govuk-table__cell govuk-table__cell--numeric">
                            {j.amount.to_string()} " at " {j.pence_per_mile} "p a mile"
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
