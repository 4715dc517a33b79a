//! My bookings: the household's places, waiting lists and requests for sessions to come, and
//! "Add to my calendar", a calendar file made on the device.

use leptos::prelude::*;
use portal_core::groups::{Attendance, Booking, BookingStatus, attended_entry, calendar_file};
use portal_core::mutation::QueuedTraining;
use portal_core::training::TrainingChange;

use super::{when, where_words};
use crate::areas::groups::calendar::booking_events;
use crate::areas::groups::{GroupsPage, use_groups};
use crate::areas::learning::LearningPage;
use crate::components::carers_only::CarersOnly;
use crate::components::page_title::PageTitle;
use crate::device::{now_seconds, save_file, today};
use crate::state::sync::use_sync;

#[component]
pub fn MyBookingsPage() -> impl IntoView {
    view! {
        <PageTitle text=GroupsPage::MyBookings.title() />
        <h1 class="govuk-heading-l">"My bookings"</h1>
        <CarersOnly to="see your bookings">
            <Bookings />
            <Attended />
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

/// Sessions whose register has been taken, newest first; those attended at a group that counts
/// as training can go in the learning log in one tap.
#[component]
fn Attended() -> impl IntoView {
    let groups = use_groups();
    let sync = use_sync();
    let problem = RwSignal::new(None::<String>);
    let rows = Memo::new(move |_| {
        groups.with(|data| {
            let mut rows: Vec<_> = data
                .bookings
                .iter()
                .filter_map(|b| {
                    let attendance = b.attendance?;
                    let view = data.session(&b.session_id)?;
                    let group = data.group(&view.session.group_id)?;
                    let booking = Booking {
                        id: b.id.clone(),
                        session_id: b.session_id.clone(),
                        household_id: String::new(),
                        members: b.members.clone(),
                        status: BookingStatus::Confirmed,
                        order: 0,
                        attendance: Some(attendance),
                    };
                    let entry = (attendance == Attendance::Attended && group.counts_as_training)
                        .then(|| attended_entry(group, &view.session, &booking));
                    Some((
                        view.session.clone(),
                        group.title.clone(),
                        attendance,
                        entry,
                        b.logged,
                    ))
                })
                .collect();
            rows.sort_unstable_by_key(|(s, ..)| std::cmp::Reverse((s.date, s.starts)));
            rows
        })
    });
    view! {
        <Show when=move || !rows.with(Vec::is_empty)>
            <h2 class="govuk-heading-m">"Sessions you went to"</h2>
            {move || problem.get().map(|p| view! { <p class="govuk-error-message" role="alert">{p}</p> })}
            <ul class="govuk-list portal-entries">
                {move || rows.get().into_iter().map(|(session, title, attendance, entry, logged)| {
                    let action = match (entry, logged) {
                        (Some((id, _)), true) => Some(view! {
                            <p class="govuk-body-s portal-entry__line">
                                <a class="govuk-link" href=LearningPage::Entry(id).href()>"In your learning log"</a>
                            </p>
                        }.into_any()),
                        (Some((id, form)), false) => {
                            let add = move |_| {
                                let change = TrainingChange::Save { id: id.clone(), form: Box::new(form.clone()) };
                                sync.record_then(&QueuedTraining { training: &change }, move |outcome| if let Err(error) = outcome {
                                    problem.set(Some(format!("The session was not added to your learning log. {error}")));
                                });
                            };
                            Some(view! {
                                <button type="button" class="govuk-button govuk-button--secondary portal-inline-button" on:click=add>
                                    "Add to my learning log"
                                    <span class="govuk-visually-hidden">": " {title.clone()} ", " {session.date.long_form()}</span>
                                </button>
                            }.into_any())
                        }
                        (None, _) => None,
                    };
                    view! {
                        <li class="portal-entry">
                            <h3 class="govuk-heading-s portal-entry__title">
                                <a href=GroupsPage::Session(session.id.clone()).href() class="govuk-link">{title.clone()}</a>
                            </h3>
                            <p class="govuk-body-s portal-entry__line">{when(&session)}</p>
                            <strong class="govuk-tag govuk-tag--grey">{attendance.words()}</strong>
                            {action}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Show>
    }
}
