//! Support groups for staff: every group with its sessions, places and bookings by household,
//! cancelling a session with a reason, and adding a group with a series of sessions.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use portal_core::details::MemberRole;
use portal_core::groups::{
    BookingStatus, GroupField, GroupForm, GroupKind, StaffGroups, StaffSession,
};

use super::{load, load_failure};
use crate::api;
use crate::components::checkboxes::Checkboxes;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::TextField;
use crate::components::page_title::PageTitle;
use crate::components::select_field::{Choice, SelectField, choices_after};
use crate::details_form::{FieldProblem, field_problems};
use crate::pages::groups::{places_words, when, where_words};
use crate::staff::{StaffPage, type_choices};

pub const fn status_words(status: BookingStatus) -> &'static str {
    match status {
        BookingStatus::Confirmed => "Has a place",
        BookingStatus::Waitlisted => "Waiting list",
        BookingStatus::Cancelled => "Cancelled",
    }
}

#[component]
pub fn GroupsPage() -> impl IntoView {
    let list = load(api::staff_groups());
    view! {
        <PageTitle text="Groups" />
        <h1 class="govuk-heading-l">"Support groups"</h1>
        {move || match list.get() {
            None => view! { <p class="govuk-body">"Loading groups…"</p> }.into_any(),
            Some(Err(error)) => load_failure(&error),
            Some(Ok(groups)) => view! { <GroupList groups=groups /> }.into_any(),
        }}
    }
}

#[component]
fn GroupList(groups: StaffGroups) -> impl IntoView {
    let can_edit = groups.can_edit;
    view! {
        <div class="govuk-button-group">
            {can_edit.then(|| view! { <a href=StaffPage::NewGroup.href() class="govuk-button">"Add a group"</a> })}
            <a href=StaffPage::GroupNumbers.href() class="govuk-link">"Numbers for reports"</a>
        </div>
        {groups.groups.is_empty().then(|| view! { <p class="govuk-body">"There are no groups yet."</p> })}
        {groups
            .groups
            .into_iter()
            .map(|g| {
                let about = [Some(g.group.kind.label().to_owned()), g.group.area.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                view! {
                    <h2 class="govuk-heading-m">{g.group.title.clone()}</h2>
                    <p class="govuk-body">{about}</p>
                    <ul class="govuk-list">
                        {g.sessions.into_iter().map(|s| view! { <SessionItem session=s can_edit=can_edit /> }).collect_view()}
                    </ul>
                }
            })
            .collect_view()}
    }
}

/// One session: when, where, how full, who is booked, and cancelling it.
#[component]
fn SessionItem(session: StaffSession, can_edit: bool) -> impl IntoView {
    let view = RwSignal::new(session.view);
    let reason = RwSignal::new(String::new());
    let asking = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let id = StoredValue::new(view.with_untracked(|v| v.session.id.clone()));
    let reason_id = StoredValue::new(format!("reason-{}", id.get_value()));
    let cancel = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let id = id.get_value();
        spawn_local(async move {
            match api::cancel_session(&id, &reason.get_untracked()).await {
                Ok(cancelled) => {
                    problem.set(None);
                    asking.set(false);
                    view.set(cancelled);
                }
                Err(error) => problem.set(Some(error.message())),
            }
        });
    };
    let bookings = session.bookings;
    view! {
        <li class="govuk-inset-text">
            <p class="govuk-body">
                <a class="govuk-link" href=StaffPage::GroupSession(id.get_value()).href()>
                    <strong>{move || view.with(|v| when(&v.session))}</strong>
                    <span class="govuk-visually-hidden">": bookings, register, messages and changes"</span>
                </a>
            </p>
            <p class="govuk-body">
                {move || view.with(|v| where_words(&v.session))} ". " {move || view.with(places_words)} "."
            </p>
            {move || view.with(|v| v.session.cancelled.clone()).map(|r| view! {
                <p class="govuk-body"><strong class="govuk-tag govuk-tag--red">"Cancelled"</strong> " " {r}</p>
            })}
            {if bookings.is_empty() {
                view! { <p class="govuk-body">"Nobody has booked yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="govuk-list govuk-list--bullet">
                        {bookings
                            .into_iter()
                            .map(|b| view! { <li>{b.household} " (" {b.people.join(", ")} "): " {status_words(b.status)}</li> })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <Show when=move || can_edit && view.with(|v| v.session.cancelled.is_none())>
                <Show
                    when=move || asking.get()
                    fallback=move || view! {
                        <button type="button" class="govuk-button govuk-button--secondary portal-inline-button" on:click=move |_| asking.set(true)>
                            "Cancel this session"
                        </button>
                    }
                >
                    <form novalidate on:submit=cancel>
                        <div class="govuk-form-group" class:govuk-form-group--error=move || problem.get().is_some()>
                            <label class="govuk-label" for=reason_id.get_value()>"Why is it cancelled? Everyone booked is told."</label>
                            {move || problem.get().map(|p| view! { <p class="govuk-error-message">{p}</p> })}
                            <input class="govuk-input" id=reason_id.get_value() type="text" bind:value=reason />
                        </div>
                        <button type="submit" class="govuk-button govuk-button--warning">"Cancel the session"</button>
                    </form>
                </Show>
            </Show>
        </li>
    }
}

/// For an optional field that cannot be wrong.
fn no_error() -> Signal<Option<String>> {
    Signal::derive(|| None)
}

fn kind_choices() -> Vec<Choice> {
    choices_after(
        "Choose the kind of group",
        GroupKind::ALL
            .into_iter()
            .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
            .collect(),
    )
}

fn repeat_choices() -> Vec<Choice> {
    [
        ("once", "Once"),
        ("weekly", "Every week"),
        ("fortnightly", "Every two weeks"),
        (
            "monthly",
            "Every month, on the same weekday (like the first Tuesday)",
        ),
    ]
    .into_iter()
    .map(|(value, words)| (value.to_owned(), words.to_owned()))
    .collect()
}

fn role_choices() -> Vec<Choice> {
    MemberRole::ALL
        .into_iter()
        .map(|r| (r.as_str().to_owned(), r.label().to_owned()))
        .collect()
}

/// `/staff/groups/new`: a group and its sessions.
#[component]
pub fn NewGroupPage() -> impl IntoView {
    let field = || RwSignal::new(String::new());
    let (title, kind, description, area) = (field(), field(), field(), field());
    let (first_date, starts, ends, repeat, sessions) =
        (field(), field(), field(), field(), field());
    let (place, link, capacity, accessibility) = (field(), field(), field(), field());
    repeat.set("monthly".to_owned());
    sessions.set("6".to_owned());
    let for_members = RwSignal::new(Vec::<String>::new());
    let for_types = RwSignal::new(Vec::<String>::new());
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let navigate = use_navigate();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = GroupForm {
            title: title.get_untracked(),
            kind: kind.get_untracked(),
            description: description.get_untracked(),
            area: area.get_untracked(),
            for_members: for_members.get_untracked(),
            for_carer_types: for_types.get_untracked(),
            counts_as_training: kind.get_untracked() == GroupKind::Reflective.as_str(),
            first_date: first_date.get_untracked(),
            starts: starts.get_untracked(),
            ends: ends.get_untracked(),
            repeat: repeat.get_untracked(),
            sessions: sessions.get_untracked(),
            place: place.get_untracked(),
            joining_link: link.get_untracked(),
            capacity: capacity.get_untracked(),
            accessibility: accessibility.get_untracked(),
        };
        if let Err(found) = form.parse("new", crate::device::today(), String::new) {
            problems.set(field_problems(found));
            return;
        }
        problems.set(Vec::new());
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::add_group(&form).await {
                Ok(_) => navigate(&StaffPage::Groups.href(), NavigateOptions::default()),
                Err(error) => problems.set(vec![FieldProblem {
                    input_id: GroupField::Title.input_id().into(),
                    message: error.message(),
                }]),
            }
        });
    };
    let error = move |field: GroupField| {
        Signal::derive(move || problem_for(&problems.get(), field.input_id()))
    };
    view! {
        <PageTitle text="Add a group" />
        <a href=StaffPage::Groups.href() class="govuk-back-link">"Back to groups"</a>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary problems=problems />
                <h1 class="govuk-heading-l">"Add a group"</h1>
                <form novalidate on:submit=submit>
                    <TextField id=GroupField::Title.input_id() label="Name of the group" kind="text" autocomplete="off" value=title error=error(GroupField::Title) />
                    <SelectField id=GroupField::Kind.input_id() label="Kind of group" choices=kind_choices() value=kind error=error(GroupField::Kind) />
                    <TextField id="description" label="What happens at it (optional)" kind="text" autocomplete="off" value=description error=no_error() />
                    <TextField id="area" label="Area, for a local group (optional)" kind="text" autocomplete="off" value=area error=no_error() />
                    <Checkboxes id=GroupField::ForMembers.input_id() legend="Who may come" hint="Leave all empty for the carers (main and second carers)." choices=role_choices() selected=for_members error=error(GroupField::ForMembers) />
                    <Checkboxes id=GroupField::ForCarerTypes.input_id() legend="Kinds of fostering it is for" hint="Leave all empty if it is for everyone." choices=type_choices() selected=for_types error=error(GroupField::ForCarerTypes) />
                    <h2 class="govuk-heading-m">"Sessions"</h2>
                    <TextField id=GroupField::FirstDate.input_id() label="Date of the first session" kind="text" autocomplete="off" value=first_date error=error(GroupField::FirstDate) hint="For example, 2026-12-01 or 1/12/2026" />
                    <TextField id=GroupField::Starts.input_id() label="Starts at (UK time)" kind="text" autocomplete="off" value=starts error=error(GroupField::Starts) hint="For example, 19:00 or 7pm" />
                    <TextField id=GroupField::Ends.input_id() label="Ends at" kind="text" autocomplete="off" value=ends error=error(GroupField::Ends) />
                    <SelectField id=GroupField::Repeat.input_id() label="How often it meets" choices=repeat_choices() value=repeat error=error(GroupField::Repeat) />
                    <TextField id=GroupField::Sessions.input_id() label="How many sessions to add" kind="text" autocomplete="off" value=sessions error=error(GroupField::Sessions) hint="Up to 24. Not needed for a one-off." />
                    <TextField id=GroupField::Place.input_id() label="Where it meets (optional for an online group)" kind="text" autocomplete="off" value=place error=error(GroupField::Place) />
                    <TextField id="joining-link" label="Joining link, for an online group (optional)" kind="url" autocomplete="off" value=link error=no_error() />
                    <TextField id=GroupField::Capacity.input_id() label="Places per session (optional)" kind="text" autocomplete="off" value=capacity error=error(GroupField::Capacity) hint="Leave empty for no limit." />
                    <TextField id="accessibility" label="Accessibility (optional)" kind="text" autocomplete="off" value=accessibility error=no_error() hint="For example, step-free access, hearing loop." />
                    <button type="submit" class="govuk-button">"Add the group"</button>
                </form>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_reads_back_in_the_core() {
        for (value, _) in kind_choices().into_iter().skip(1) {
            assert!(GroupKind::parse(&value).is_some(), "{value}");
        }
        for (value, _) in role_choices() {
            assert!(MemberRole::parse(&value).is_some(), "{value}");
        }
        assert_eq!(repeat_choices().len(), 4);
        assert_eq!(status_words(BookingStatus::Waitlisted), "Waiting list");
    }
}
