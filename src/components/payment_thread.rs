//! A payment query's details and thread, the same for the carer and the finance team: what
//! it is about, then the carer's description and every message after it, with their photos.

use leptos::prelude::*;
use portal_core::payments::{Author, PhotoRef, Query};

use crate::components::photo_picker::ThreadPhotos;

/// `carer` is how the household is named ("You" to the carer, "The carer" to staff); `photo`
/// shows a photo (from the device for the carer, from the server for staff).
#[component]
pub fn QueryThread(
    query: Query,
    carer: &'static str,
    photo: fn(&PhotoRef) -> AnyView,
) -> impl IntoView {
    let rows = query.details();
    let description = query.about.description.clone();
    let photos = query.about.photos.clone();
    view! {
        <dl class="govuk-summary-list">
            {rows.into_iter().map(|(key, value)| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{key}</dt>
                    <dd class="govuk-summary-list__value">{value}</dd>
                </div>
            }).collect_view()}
        </dl>
        <h2 class="govuk-heading-m">"Messages"</h2>
        <ul class="govuk-list">
            <li class="govuk-inset-text">
                <p class="govuk-body-s"><strong>{carer}</strong> ", " {query.raised_on.long_form()}</p>
                <p class="govuk-body portal-keep-lines">{description}</p>
                {move || view! { <ThreadPhotos photos=photos.clone() show=photo /> }}
            </li>
            {query.messages.into_iter().map(|m| {
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
