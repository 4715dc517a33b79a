//! The recruitment team's inbox (`/staff/enquiries`): enquiries from people thinking about
//! fostering, those nobody has contacted yet first and the longest waiting first, each with
//! its wait against the 24-hour promise, and those who were not ready when it is time to get
//! back in touch.

use leptos::prelude::*;
use portal_core::date::CalendarDate;
use portal_core::enquiries::{EnquiryList, EnquiryRecord, InboxView, Stage, inbox, when_words};

use super::{Loaded, fetched, load};
use crate::api;
use crate::components::page_title::PageTitle;
use crate::staff::StaffPage;
use crate::state::account::use_account;

/// The inbox's headline: how many are waiting for a first contact, and how many of them longer
/// than promised.
pub fn waiting_words(list: &EnquiryList) -> String {
    let today = CalendarDate::uk_date_of(list.now);
    let waiting: Vec<&EnquiryRecord> = inbox(&list.enquiries, InboxView::NotContacted, None, today);
    let late = waiting
        .iter()
        .filter(|r| r.wait(list.now).over_target())
        .count();
    match (waiting.len(), late) {
        (0, _) => "Everyone who has enquired has been contacted.".to_owned(),
        (1, 0) => "1 enquiry is waiting for a first contact.".to_owned(),
        (n, 0) => format!("{n} enquiries are waiting for a first contact."),
        (n, late) => format!(
            "{n} {} waiting for a first contact, {late} of them for longer than the 24 hours we promise.",
            if n == 1 {
                "enquiry is"
            } else {
                "enquiries are"
            }
        ),
    }
}

/// How many people who were not ready are due a call back, if any.
pub fn follow_up_words(list: &EnquiryList) -> Option<String> {
    let today = CalendarDate::uk_date_of(list.now);
    match inbox(&list.enquiries, InboxView::FollowUp, None, today).len() {
        0 => None,
        1 => Some("1 person who was not ready is due a call back.".to_owned()),
        n => Some(format!(
            "{n} people who were not ready are due a call back."
        )),
    }
}

#[component]
pub fn EnquiriesPage() -> impl IntoView {
    let loaded: Loaded<EnquiryList> = load(api::enquiries);
    let view_choice = RwSignal::new(InboxView::Open);
    let only_mine = RwSignal::new(false);
    let account = use_account();
    view! {
        <PageTitle text="Enquiries" />
        <h1 class="govuk-heading-l">"Enquiries"</h1>
        <ul class="govuk-list">
            <li><a class="govuk-link" href=StaffPage::Applicants.href()>"Applications against 16 weeks"</a></li>
            <li><a class="govuk-link" href=StaffPage::EnquiryFunnel.href()>"The funnel: numbers for reports"</a></li>
        </ul>
        {fetched(loaded, "Loading the enquiries…", move |list| {
            let mine = account.user().map(|u| u.id);
            let headline = waiting_words(&list);
            let follow_ups = follow_up_words(&list);
            let now = list.now;
            let today = CalendarDate::uk_date_of(now);
            let rows = move || {
                let mine = only_mine.get().then(|| mine.clone()).flatten();
                inbox(&list.enquiries, view_choice.get(), mine.as_deref(), today)
                    .into_iter()
                    .cloned()
                    .collect::<Vec<_>>()
            };
            view! {
                <p class="govuk-body-l">{headline}</p>
                {follow_ups.map(|words| view! { <p class="govuk-body">{words}</p> })}
                <div class="portal-filters">
                    <div class="govuk-form-group">
                        <label class="govuk-label" for="inbox-view">"Show"</label>
                        <select class="govuk-select" id="inbox-view" on:change=move |e| {
                            view_choice.set(InboxView::parse(&event_target_value(&e)).unwrap_or_default());
                        }>
                            {InboxView::ALL.into_iter().map(|v| view! {
                                <option value=v.as_str() selected=v == InboxView::Open>{v.label()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="govuk-checkboxes govuk-checkboxes--small">
                        <div class="govuk-checkboxes__item">
                            <input class="govuk-checkboxes__input" id="inbox-mine" type="checkbox" prop:checked=only_mine on:change=move |_| only_mine.update(|m| *m = !*m) />
                            <label class="govuk-label govuk-checkboxes__label" for="inbox-mine">"Only enquiries given to me"</label>
                        </div>
                    </div>
                </div>
                <InboxTable rows=Signal::derive(rows) now=now />
            }
            .into_any()
        })}
    }
}

#[component]
fn InboxTable(rows: Signal<Vec<EnquiryRecord>>, now: i64) -> impl IntoView {
    let today = CalendarDate::uk_date_of(now);
    view! {
        <div class="portal-table-scroll" tabindex="0" role="region" aria-label="Enquiries">
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--m">{move || format!("{} enquiries", rows.with(Vec::len))}</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Name"</th>
                        <th scope="col" class="govuk-table__header">"Received"</th>
                        <th scope="col" class="govuk-table__header">"First contact"</th>
                        <th scope="col" class="govuk-table__header">"Stage"</th>
                        <th scope="col" class="govuk-table__header">"Handled by"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {move || rows.get().into_iter().map(|r| {
                        let wait = r.wait(now);
                        let tag = if wait.over_target() && !wait.contacted {
                            "govuk-tag govuk-tag--red"
                        } else if wait.contacted {
                            "govuk-tag govuk-tag--grey"
                        } else {
                            "govuk-tag govuk-tag--yellow"
                        };
                        let closed = (r.stage == Stage::Closed).then(|| r.closed_reason().map_or("", |c| c.label()));
                        let due = r.follow_up_due(today).then_some(", due to get back in touch");
                        view! {
                            <tr class="govuk-table__row">
                                <td class="govuk-table__cell">
                                    <a class="govuk-link" href=StaffPage::Enquiry(r.id.clone()).href()>{r.enquiry.name.as_str().to_owned()}</a>
                                </td>
                                <td class="govuk-table__cell">{when_words(r.received_at)}</td>
                                <td class="govuk-table__cell"><strong class=tag>{wait.words()}</strong></td>
                                <td class="govuk-table__cell">{r.stage.label()}{closed.map(|c| format!(": {c}"))}{due}</td>
                                <td class="govuk-table__cell">{r.assigned_to.map_or_else(|| "Nobody yet".to_owned(), |a| a.name)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
