//! One session: everything about it, where the household's booking stands, and the means to
//! book a place (or join the waiting list) and to give it up, online or offline.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_core::groups::{BookingChange, Group, SessionView};
use portal_core::mutation::QueuedBooking;

use super::news::GroupNews;
use super::{is_full, places_words, when, where_words};
use crate::areas::groups::data::{Place, Shown};
use crate::areas::groups::{GroupsPage, use_groups};
use crate::components::carers_only::CarersOnly;
use crate::components::checkboxes::Checkboxes;
use crate::components::page_title::PageTitle;
use crate::components::select_field::Choice;
use crate::device::{now_seconds, random_id};
use crate::state::sync::use_sync;

#[component]
pub fn SessionPage() -> impl IntoView {
    let groups = use_groups();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let found = Memo::new(move |_| {
        let id = id.get();
        groups.with(|data| {
            let view = data.session(&id)?.clone();
            let group = data.group(&view.session.group_id)?.clone();
            Some((view, group))
        })
    });
    view! {
        <PageTitle text=GroupsPage::Session(String::new()).title() />
        <CarersOnly to="book support groups">
            {move || match found.get() {
                None => view! {
                    <h1 class="govuk-heading-l">"Session not found"</h1>
                    <p class="govuk-body">"It may have been removed, or it has not reached this device yet."</p>
                    <p class="govuk-body"><a href=GroupsPage::Find.href() class="govuk-link">"Find a group"</a></p>
                }
                .into_any(),
                Some((view, group)) => view! { <SessionDetails view=view group=group /> }.into_any(),
            }}
        </CarersOnly>
    }
}

#[component]
fn SessionDetails(view: SessionView, group: Group) -> impl IntoView {
    let session = &view.session;
    let optional = |label: &'static str, value: Option<String>| {
        value.map(|value| {
            view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{label}</dt>
                    <dd class="govuk-summary-list__value portal-keep-lines">{value}</dd>
                </div>
            }
        })
    };
    let facilitators = (!session.facilitators.is_empty()).then(|| session.facilitators.join(", "));
    let household = use_groups().household_id();
    let co_facilitating = session
        .co_facilitator
        .as_ref()
        .is_some_and(|c| household.as_ref() == Some(&c.household_id));
    view! {
        <span class="govuk-caption-l">{group.kind.label()}</span>
        <h1 class="govuk-heading-l">{group.title.clone()}</h1>
        {session.cancelled.clone().map(|reason| view! {
            <div class="govuk-warning-text">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <strong class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">"Warning"</span>
                    "This session has been cancelled. " {reason}
                </strong>
            </div>
        })}
        <GroupNews session=session.id.clone() />
        {co_facilitating.then(|| view! {
            <p class="govuk-inset-text">"You are helping to run this session. Thank you."</p>
        })}
        {(!group.description.is_empty()).then(|| view! { <p class="govuk-body portal-keep-lines">{group.description.clone()}</p> })}
        <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"When"</dt>
                <dd class="govuk-summary-list__value">{when(session)} " (UK time)"</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Where"</dt>
                <dd class="govuk-summary-list__value">{where_words(session)}</dd>
            </div>
            {optional("Joining link", session.joining_link.clone())}
            {optional("Run by", facilitators)}
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Places"</dt>
                <dd class="govuk-summary-list__value">{places_words(&view)}</dd>
            </div>
            {optional("Accessibility", session.accessibility.clone())}
        </dl>
        <Booking view=view.clone() group=group.clone() />
    }
}

/// The household's booking, or the form to ask for one.
#[component]
fn Booking(view: SessionView, group: Group) -> impl IntoView {
    let groups = use_groups();
    let session_id = view.session.id.clone();
    let mine = Memo::new({
        let session_id = session_id.clone();
        move |_| groups.with(|d| d.live_booking(&session_id).cloned())
    });
    move || match mine.get() {
        Some(booking) => view! { <YourBooking booking=booking /> }.into_any(),
        None => view! { <BookingForm view=view.clone() group=group.clone() /> }.into_any(),
    }
}

/// What the household has, and how to give it up.
#[component]
fn YourBooking(booking: Shown) -> impl IntoView {
    let sync = use_sync();
    let asking = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let explanation = match booking.place {
        Place::Requested => {
            "Your request is saved on this device. The fostering service decides it when it arrives, first come, first served, and this page then shows whether you have a place or are on the waiting list."
        }
        Place::Confirmed => {
            "You have a place. If you cannot come, please give it up so that someone on the waiting list can have it."
        }
        Place::Waitlisted => {
            "The session is full. If a place comes up, it goes to the first household on the waiting list, and this page shows it after your device next connects."
        }
        Place::Cancelled => "",
    };
    let give_up = match booking.place {
        Place::Requested => "Withdraw my request",
        Place::Waitlisted => "Leave the waiting list",
        _ => "Give up my place",
    };
    let id = booking.id.clone();
    let confirm = move |_| {
        let change = BookingChange::Cancel { id: id.clone() };
        sync.record_then(&QueuedBooking { bookings: &change }, move |outcome| {
            if let Err(error) = outcome {
                problem.set(Some(format!("Your place was not given up. {error}")));
            }
        });
    };
    view! {
        <h2 class="govuk-heading-m">"Your booking"</h2>
        <p class="govuk-body">
            <strong class="govuk-tag govuk-tag--green">{booking.place.words()}</strong>
            {booking.waiting_to_send.then_some(" Waiting to send.")}
        </p>
        <p class="govuk-body">{explanation}</p>
        {move || problem.get().map(|p| view! { <p class="govuk-error-message" role="alert">{p}</p> })}
        <Show
            when=move || asking.get()
            fallback=move || view! {
                <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| asking.set(true)>{give_up}</button>
            }
        >
            <p class="govuk-body" role="alert">"Are you sure? Someone else may take the place."</p>
            <div class="govuk-button-group">
                <button type="button" class="govuk-button govuk-button--warning" on:click=confirm.clone()>"Yes, " {give_up.to_lowercase()}</button>
                <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| asking.set(false)>"No, keep it"</button>
            </div>
        </Show>
    }
}

/// Who is coming, then a place or the waiting list.
#[component]
fn BookingForm(view: SessionView, group: Group) -> impl IntoView {
    let sync = use_sync();
    let closed = view.session.closed_at(now_seconds());
    let admitted: Vec<Choice> = sync
        .details_untracked()
        .members
        .into_iter()
        .filter(|m| group.admits(m.role))
        .map(|m| (m.id, m.name.as_str().to_owned()))
        .collect();
    let selected = RwSignal::new(match admitted.as_slice() {
        [(only, _)] => vec![only.clone()],
        _ => Vec::new(),
    });
    let problem = RwSignal::new(None::<String>);
    let session_id = view.session.id.clone();
    let full = {
        let view = view.clone();
        move || is_full(&view, selected.with(Vec::len))
    };
    let ask = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let members = selected.get_untracked();
        if members.is_empty() {
            problem.set(Some("Choose who is coming.".to_owned()));
            return;
        }
        let Some(id) = random_id("booking") else {
            return;
        };
        let change = BookingChange::Book {
            id,
            session_id: session_id.clone(),
            members,
        };
        sync.record_then(
            &QueuedBooking { bookings: &change },
            move |outcome| match outcome {
                Ok(()) => problem.set(None),
                Err(error) => problem.set(Some(format!("Your request was not saved. {error}"))),
            },
        );
    };
    if let Some(refusal) = closed {
        return view! { <p class="govuk-body">{refusal.message()}</p> }.into_any();
    }
    if admitted.is_empty() {
        return view! {
            <p class="govuk-body">
                "Nobody in your household can come to this group. It is for "
                {if group.for_members.is_empty() {
                    "foster carers".to_owned()
                } else {
                    group.for_members.iter().map(|r| r.label().to_lowercase()).collect::<Vec<_>>().join(", ")
                }}
                ". If someone is missing, add them on My details."
            </p>
        }
        .into_any();
    }
    let error = Signal::derive(move || problem.get());
    view! {
        <h2 class="govuk-heading-m">"Book a place"</h2>
        <form novalidate on:submit=ask>
            <Checkboxes id="who" legend="Who is coming?" choices=admitted selected=selected error=error />
            <button type="submit" class="govuk-button">
                {move || if full() { "Join the waiting list" } else { "Ask for a place" }}
            </button>
        </form>
    }
    .into_any()
}
