//! One group session for staff (`/staff/groups/sessions/{id}`): who is booked and waiting,
//! changing the session, the register, and a message to everyone booked.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_core::carers::CarerList;
use portal_core::groups::{
    Attendance, BookingStatus, GroupField, Mark, Register, SessionForm, StaffGroups, StaffSession,
};

use super::groups::status_words;
use super::{Loaded, change, fetched, load};
use crate::api::{self, ApiError};
use crate::areas::groups::pages::{places_words, when, where_words};
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::TextField;
use crate::components::page_title::PageTitle;
use crate::components::select_field::{Choice, SelectField, choices_after};
use crate::details_form::{FieldProblem, field_problems};
use crate::device::{now_seconds, today};
use crate::staff::StaffPage;

/// Everything the page shows, fetched again after each change.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shown {
    title: String,
    session: StaffSession,
    can_edit: bool,
    carers: Vec<Choice>,
}

fn shown(groups: StaffGroups, carers: &CarerList, id: &str) -> Option<Shown> {
    let can_edit = groups.can_edit;
    groups.groups.into_iter().find_map(|group| {
        let title = group.group.title;
        group
            .sessions
            .into_iter()
            .find(|s| s.view.session.id == id)
            .map(|session| Shown {
                title,
                session,
                can_edit,
                carers: carer_choices(carers),
            })
    })
}

/// The foster carers who can co-facilitate: each household's lead carer.
fn carer_choices(carers: &CarerList) -> Vec<Choice> {
    choices_after(
        "Nobody",
        carers
            .carers
            .iter()
            .map(|c| (c.id.clone(), format!("{} ({})", c.lead_carer, c.name)))
            .collect(),
    )
}

/// How many places are given: the least the session can have.
fn places_taken(session: &StaffSession) -> usize {
    session
        .bookings
        .iter()
        .filter(|b| b.status == BookingStatus::Confirmed)
        .map(|b| b.people.len())
        .sum()
}

#[component]
pub fn GroupSessionPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let loaded: Loaded<Option<Shown>> = load(move || {
        let id = id();
        async move {
            let (groups, carers) = (api::staff_groups().await?, api::carers().await?);
            Ok(shown(groups, &carers, &id))
        }
    });
    // What was just done, said above the page: the page's parts are made afresh from what the
    // server answers after each change, so they cannot keep it themselves.
    let done = RwSignal::new(None::<&'static str>);
    let refresh = move || loaded.refetch();
    // The message form stands outside the parts made afresh after each change, so that a message
    // being typed is never wiped by a register or a session change saved a moment before.
    let messaging = Memo::new(move |before: Option<&Option<String>>| {
        loaded.with(|answer| match answer {
            Some(Ok(shown)) => shown.as_ref().and_then(message_target),
            Some(Err(_)) => None,
            None => before.cloned().flatten(),
        })
    });
    view! {
        <PageTitle text="Group session" />
        <a href=StaffPage::Groups.href() class="govuk-back-link">"Back to groups"</a>
        {fetched(loaded, "Loading the session…", move |shown| match shown {
            None => view! {
                <h1 class="govuk-heading-l">"Session not found"</h1>
                <p class="govuk-body">"There is no such group session. It may have been removed."</p>
            }
            .into_any(),
            Some(shown) => view! { <SessionDetails shown=shown refresh=refresh done=done /> }.into_any(),
        })}
        {move || messaging.get().map(|session_id| view! { <MessageForm session_id=session_id /> })}
    }
}

/// The session staff may message, if any: one they can change that is still on and has
/// somebody booked or waiting.
fn message_target(shown: &Shown) -> Option<String> {
    let session = &shown.session;
    let live = session.view.session.cancelled.is_none();
    let has_bookings = session
        .bookings
        .iter()
        .any(|b| b.status != BookingStatus::Cancelled);
    (shown.can_edit && live && has_bookings).then(|| session.view.session.id.clone())
}

#[component]
fn SessionDetails(
    shown: Shown,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
    done: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let session = shown.session.view.session.clone();
    let started = now_seconds() >= session.start().instant();
    let live = session.cancelled.is_none();
    let with_place: Vec<_> = shown
        .session
        .bookings
        .iter()
        .filter(|b| b.status == BookingStatus::Confirmed)
        .cloned()
        .collect();
    let can_edit = shown.can_edit && live;
    view! {
        {move || done.get().map(|words| view! {
            <div class="govuk-notification-banner govuk-notification-banner--success" role="alert">
                <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading">{words}</p>
                </div>
            </div>
        })}
        <span class="govuk-caption-l">{shown.title.clone()}</span>
        <h1 class="govuk-heading-l">{when(&session)}</h1>
        <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Where"</dt>
                <dd class="govuk-summary-list__value">{where_words(&session)}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Places"</dt>
                <dd class="govuk-summary-list__value">{places_words(&shown.session.view)}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Run by"</dt>
                <dd class="govuk-summary-list__value">
                    {if session.facilitators.is_empty() { "Nobody named yet".to_owned() } else { session.facilitators.join(", ") }}
                </dd>
            </div>
        </dl>
        {session.cancelled.clone().map(|reason| view! {
            <div class="govuk-inset-text"><strong class="govuk-tag govuk-tag--red">"Cancelled"</strong> " " {reason}</div>
        })}
        <h2 class="govuk-heading-m">"Bookings"</h2>
        {if shown.session.bookings.is_empty() {
            view! { <p class="govuk-body">"Nobody has booked yet."</p> }.into_any()
        } else {
            view! {
                <ul class="govuk-list govuk-list--bullet">
                    {shown.session.bookings.iter().map(|b| {
                        let register = b.attendance.map(|a| format!(", {}", a.words().to_lowercase()));
                        view! { <li>{b.household.clone()} " (" {b.people.join(", ")} "): " {status_words(b.status)} {register}</li> }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
        {(can_edit && started && !with_place.is_empty()).then(|| view! {
            <RegisterForm session_id=session.id.clone() bookings=with_place refresh=refresh done=done />
        })}
        {can_edit.then(|| view! { <ChangeForm shown=shown.clone() refresh=refresh done=done /> })}
    }
}

/// The register: for each booking with a place, whether they came.
#[component]
fn RegisterForm(
    session_id: String,
    bookings: Vec<portal_core::groups::StaffBooking>,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
    done: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let marks: Vec<(String, RwSignal<Option<Attendance>>)> = bookings
        .iter()
        .map(|b| (b.id.clone(), RwSignal::new(b.attendance)))
        .collect();
    let problem = RwSignal::new(None::<String>);
    let chosen = StoredValue::new(marks.clone());
    let id = StoredValue::new(session_id);
    let taking = change(
        move |register: Register| async move { api::take_register(&id.get_value(), &register).await },
        move |result| match result {
            Ok(()) => {
                done.set(Some("Register saved."));
                refresh();
            }
            Err(error) => problem.set(Some(error.message())),
        },
    );
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let register = Register {
            marks: chosen.with_value(|marks| {
                marks
                    .iter()
                    .filter_map(|(booking_id, mark)| {
                        mark.get_untracked().map(|attendance| Mark {
                            booking_id: booking_id.clone(),
                            attendance,
                        })
                    })
                    .collect()
            }),
        };
        if !taking.pending().get_untracked() {
            taking.dispatch(register);
        }
    };
    view! {
        <h2 class="govuk-heading-m">"Register"</h2>
        <form novalidate on:submit=submit>
            {bookings.into_iter().zip(marks).map(|(booking, (booking_id, mark))| {
                let name = format!("attendance-{booking_id}");
                let option = move |value: Attendance, suffix: &str| {
                    let input_id = format!("{name}-{suffix}");
                    view! {
                        <div class="govuk-radios__item">
                            <input class="govuk-radios__input" id=input_id.clone() name=name.clone() type="radio"
                                prop:checked=move || mark.get() == Some(value)
                                on:change=move |_| mark.set(Some(value)) />
                            <label class="govuk-label govuk-radios__label" for=input_id>{value.words()}</label>
                        </div>
                    }
                };
                view! {
                    <div class="govuk-form-group">
                        <fieldset class="govuk-fieldset">
                            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
                                {booking.household.clone()} " (" {booking.people.join(", ")} ")"
                            </legend>
                            <div class="govuk-radios govuk-radios--small govuk-radios--inline">
                                {option(Attendance::Attended, "yes")}
                                {option(Attendance::DidNotAttend, "no")}
                            </div>
                        </fieldset>
                    </div>
                }
            }).collect_view()}
            {move || problem.get().map(|message| view! { <p class="govuk-error-message" role="alert">{message}</p> })}
            <button type="submit" class="govuk-button">"Save the register"</button>
        </form>
    }
}

/// A message to everyone with a place or on the waiting list.
#[component]
fn MessageForm(session_id: String) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let answer = RwSignal::new(None::<Result<String, String>>);
    let id = StoredValue::new(session_id);
    let sending = change(
        move |words: String| async move { api::message_session(&id.get_value(), &words).await },
        move |result| match result {
            Ok(sent) => {
                text.set(String::new());
                answer.set(Some(Ok(format!(
                    "Sent to {}. They will see it next time the portal syncs on their phone or computer.",
                    crate::words::count(sent.households, "household", "households")
                ))));
            }
            Err(error) => answer.set(Some(Err(error.message()))),
        },
    );
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !sending.pending().get_untracked() {
            sending.dispatch(text.get_untracked());
        }
    };
    let failed = move || matches!(answer.get(), Some(Err(_)));
    view! {
        <h2 class="govuk-heading-m">"Message everyone booked"</h2>
        <form novalidate on:submit=submit>
            <div class="govuk-form-group" class:govuk-form-group--error=failed>
                <label class="govuk-label" for="session-message">"Message"</label>
                <div id="session-message-hint" class="govuk-hint">
                    "Everyone with a place or on the waiting list sees it in the portal."
                </div>
                {move || answer.get().and_then(Result::err).map(|m| view! {
                    <p id="session-message-error" class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{m}</p>
                })}
                <textarea class="govuk-textarea" id="session-message" name="session-message" rows="3"
                    aria-describedby=move || if failed() { "session-message-hint session-message-error" } else { "session-message-hint" }
                    prop:value=move || text.get() on:input=move |e| text.set(event_target_value(&e))></textarea>
            </div>
            {move || answer.get().and_then(Result::ok).map(|m| view! { <p class="govuk-body" role="status">{m}</p> })}
            <button type="submit" class="govuk-button govuk-button--secondary">"Send the message"</button>
        </form>
    }
}

/// Changing the session, checked with the server's rules before it is sent.
#[component]
fn ChangeForm(
    shown: Shown,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
    done: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let session = StoredValue::new(shown.session.view.session.clone());
    let taken = places_taken(&shown.session);
    let carers = StoredValue::new(shown.carers.clone());
    let start = SessionForm::of(&session.get_value());
    let field = |value: &str| RwSignal::new(value.to_owned());
    let (date, starts, ends) = (field(&start.date), field(&start.starts), field(&start.ends));
    let (place, link, capacity) = (
        field(&start.place),
        field(&start.joining_link),
        field(&start.capacity),
    );
    let (closes_date, closes_time) = (field(&start.closes_date), field(&start.closes_time));
    let (facilitators, co_facilitator, accessibility) = (
        field(&start.facilitators),
        field(&start.co_facilitator),
        field(&start.accessibility),
    );
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let saving = change(
        move |form: SessionForm| async move {
            let id = session.with_value(|s| s.id.clone());
            api::edit_session(&id, &form).await
        },
        move |result| match result {
            Ok(_) => {
                done.set(Some(
                    "Session saved. If the time or place changed, everyone booked is told next time the portal syncs for them.",
                ));
                refresh();
            }
            Err(error) => problems.set(vec![FieldProblem {
                input_id: GroupField::Date.input_id().into(),
                message: conflict_words(&error),
            }]),
        },
    );
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        done.set(None);
        let form = SessionForm {
            date: date.get_untracked(),
            starts: starts.get_untracked(),
            ends: ends.get_untracked(),
            place: place.get_untracked(),
            joining_link: link.get_untracked(),
            capacity: capacity.get_untracked(),
            closes_date: closes_date.get_untracked(),
            closes_time: closes_time.get_untracked(),
            facilitators: facilitators.get_untracked(),
            co_facilitator: co_facilitator.get_untracked(),
            accessibility: accessibility.get_untracked(),
            version: session.with_value(|s| s.version),
        };
        let carer_name = |id: &str| {
            carers.with_value(|c| {
                c.iter()
                    .find(|(value, _)| value == id)
                    .map(|(_, words)| words.clone())
            })
        };
        if let Err(found) = session.with_value(|s| form.apply(s, today(), taken, carer_name)) {
            problems.set(field_problems(found));
            return;
        }
        problems.set(Vec::new());
        if !saving.pending().get_untracked() {
            saving.dispatch(form);
        }
    };
    let error = move |field: GroupField| {
        Signal::derive(move || problem_for(&problems.get(), field.input_id()))
    };
    let id = |field: GroupField| field.input_id();
    view! {
        <h2 class="govuk-heading-m">"Change this session"</h2>
        <ErrorSummary problems=problems />
        <form novalidate on:submit=submit>
            <TextField id=id(GroupField::Date) label="Date" kind="text" autocomplete="off" value=date error=error(GroupField::Date) hint="For example, 2026-12-01 or 1/12/2026" />
            <TextField id=id(GroupField::Starts) label="Starts at (UK time)" kind="text" autocomplete="off" value=starts error=error(GroupField::Starts) hint="For example, 19:00 or 7pm" />
            <TextField id=id(GroupField::Ends) label="Ends at" kind="text" autocomplete="off" value=ends error=error(GroupField::Ends) />
            <TextField id=id(GroupField::Place) label="Where it meets (optional for an online session)" kind="text" autocomplete="off" value=place error=error(GroupField::Place) />
            <TextField id="joining-link" label="Joining link (optional)" kind="url" autocomplete="off" value=link error=Signal::derive(|| None::<String>) />
            <TextField id=id(GroupField::Capacity) label="Places (optional)" kind="text" autocomplete="off" value=capacity error=error(GroupField::Capacity) hint="Leave empty for no limit. More places go to the waiting list, in order." />
            <TextField id=id(GroupField::ClosesDate) label="Booking closes on (optional)" kind="text" autocomplete="off" value=closes_date error=error(GroupField::ClosesDate) hint="Leave both empty to take bookings until it starts." />
            <TextField id=id(GroupField::ClosesTime) label="Booking closes at" kind="text" autocomplete="off" value=closes_time error=error(GroupField::ClosesTime) />
            <TextField id=id(GroupField::Facilitators) label="Run by (staff, separated by commas)" kind="text" autocomplete="off" value=facilitators error=error(GroupField::Facilitators) />
            <SelectField id=id(GroupField::CoFacilitator) label="A foster carer who helps run it (optional)" choices=carers.get_value() value=co_facilitator error=error(GroupField::CoFacilitator) />
            <TextField id=id(GroupField::Accessibility) label="Accessibility (optional)" kind="text" autocomplete="off" value=accessibility error=error(GroupField::Accessibility) />
            <button type="submit" class="govuk-button">"Save changes"</button>
        </form>
    }
}

fn conflict_words(error: &ApiError) -> String {
    if error.code() == Some("edit_conflict") {
        "Someone else changed this session while you were working on it. Reload the page to see their change, then make yours again.".to_owned()
    } else {
        error.message()
    }
}
