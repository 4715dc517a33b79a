//! My bookings: the household's places, waiting lists and requests for sessions to come, and
//! "Add to my calendar", a calendar file made on the device.

use leptos::prelude::*;
use portal_core::groups::calendar_file;

use super::{when, where_words};
use crate::components::carers_only::CarersOnly;
use crate::components::page_title::PageTitle;
use crate::device::{now_seconds, save_file, today};
use crate::groups::calendar::booking_events;
use crate::groups::{GroupsPage, use_groups};
use crate::routes::CarerApp;

#[component]
pub fn MyBookingsPage() -> impl IntoView {
    view! {
        <PageTitle text=GroupsPage::MyBookings.title() />
        <h1 class="govuk-heading-l">"My bookings"</h1>
        <CarersOnly app=CarerApp::Groups to="see your bookings">
            <Bookings />
        </CarersOnly>
    }
}

#[component]
fn Bookings() -> impl IntoView {
    let groups = use_groups();
    let problem = RwSignal::new(None::<String>);
    let rows = Memo::new(move |_| {
        let today = today();
        groups.with(|data| {
            let mut rows: Vec<_> = data
                .bookings
                .iter()
                .filter(|b| b.place.is_live())
                .filter_map(|b| {
                    let view = data.session(&b.session_id)?;
                    let group = data.group(&view.session.group_id)?;
                    (view.session.date >= today).then(|| {
                        (
                            view.session.clone(),
                            group.title.clone(),
                            b.place.words(),
                            b.waiting_to_send,
                        )
                    })
                })
                .collect();
            rows.sort_unstable_by_key(|(s, ..)| (s.date, s.starts));
            rows
        })
    });
    let download = move |_| {
        let file =
            groups.with_untracked(|data| calendar_file(&booking_events(data), now_seconds()));
        problem.set(save_file("support-groups.ics", "text/calendar;charset=utf-8", &file).err());
    };
    view! {
        {move || {
            let rows = rows.get();
            if rows.is_empty() {
                return view! {
                    <p class="govuk-body">
                        "You have no bookings for sessions to come. "
                        <a href=GroupsPage::Find.href() class="govuk-link">"Find a group"</a> "."
                    </p>
                }
                .into_any();
            }
            view! {
                <ul class="govuk-list portal-entries">
                    {rows
                        .into_iter()
                        .map(|(session, title, place, waiting)| view! {
                            <li class="portal-entry">
                                <h2 class="govuk-heading-s portal-entry__title">
                                    <a href=GroupsPage::Session(session.id.clone()).href() class="govuk-link">{title}</a>
                                </h2>
                                <p class="govuk-body-s portal-entry__line">{when(&session)}</p>
                                <p class="govuk-body-s portal-entry__line">{where_words(&session)}</p>
                                <strong class="govuk-tag govuk-tag--green">{place}</strong>
                                {waiting.then(|| view! { <strong class="govuk-tag govuk-tag--yellow">"Waiting to send"</strong> })}
                                {session.cancelled.as_ref().map(|_| view! { <strong class="govuk-tag govuk-tag--red">"Session cancelled"</strong> })}
                            </li>
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }}
        <h2 class="govuk-heading-m">"Add to your calendar"</h2>
        <p class="govuk-body">
            "A calendar file with every session you have a place at or are waiting for, in UK time. "
            "Open it again after a change: sessions that moved are updated, and ones you gave up or "
            "that were cancelled are removed."
        </p>
        {move || problem.get().map(|p| view! { <p class="govuk-error-message" role="alert">{p}</p> })}
        <button type="button" class="govuk-button govuk-button--secondary" on:click=download>
            "Download a calendar file (.ics)"
        </button>
    }
}
