//! Support groups for staff: every group with its sessions, places and bookings by household,
//! cancelling a session with a reason, and adding a group with a series of sessions.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map};
use portal_core::details::MemberRole;
use portal_core::groups::{
    BookingStatus, Group, GroupField, GroupForm, GroupKind, StaffGroups, StaffSession,
};
use portal_core::training::TsdStandard;

use super::{change, fetched, load};
use crate::api;
use crate::areas::groups::pages::{places_words, when, where_words};
use crate::components::checkboxes::Checkboxes;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::TextField;
use crate::components::page_title::PageTitle;
use crate::components::select_field::{Choice, SelectField, choices_after};
use crate::details_form::{FieldProblem, field_problems};
use crate::staff::{StaffPage, type_choices};
use crate::words;

pub const fn status_words(status: BookingStatus) -> &'static str {
    match status {
        BookingStatus::Confirmed => "Has a place",
        BookingStatus::Waitlisted => "Waiting list",
        BookingStatus::Cancelled => "Cancelled",
    }
}

#[component]
pub fn GroupsPage() -> impl IntoView {
    let list = load(api::staff_groups);
    view! {
        <PageTitle text="Groups" />
        <h1 class="govuk-heading-l">"Support groups"</h1>
        {fetched(list, "Loading groups…", move |groups| view! { <GroupList groups=groups /> }.into_any())}
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
                let href = StaffPage::Group(g.group.id.clone()).href();
                view! {
                    <h2 class="govuk-heading-m">{g.group.title.clone()}</h2>
                    <p class="govuk-body">{about}</p>
                    {can_edit.then(|| view! {
                        <p class="govuk-body">
                            <a class="govuk-link" href=href>
                                "Change this group or add sessions"
                                <span class="govuk-visually-hidden">": " {g.group.title.clone()}</span>
                            </a>
                        </p>
                    })}
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
    let cancelling = change(
        move |why: String| async move { api::cancel_session(&id.get_value(), &why).await },
        move |result| match result {
            Ok(cancelled) => {
                problem.set(None);
                asking.set(false);
                view.set(cancelled);
            }
            Err(error) => problem.set(Some(error.message())),
        },
    );
    let cancel = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !cancelling.pending().get_untracked() {
            cancelling.dispatch(reason.get_untracked());
        }
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

/// The group's own fields, as the forms edit them.
#[derive(Debug, Clone, Copy)]
struct GroupFields {
    title: RwSignal<String>,
    kind: RwSignal<String>,
    description: RwSignal<String>,
    area: RwSignal<String>,
    for_members: RwSignal<Vec<String>>,
    for_types: RwSignal<Vec<String>>,
    counts_as_training: RwSignal<Vec<String>>,
    standards: RwSignal<Vec<String>>,
}

/// The one box of "counts as training".
const COUNTS: &str = "counts";

impl GroupFields {
    fn new(form: &GroupForm) -> Self {
        Self {
            title: RwSignal::new(form.title.clone()),
            kind: RwSignal::new(form.kind.clone()),
            description: RwSignal::new(form.description.clone()),
            area: RwSignal::new(form.area.clone()),
            for_members: RwSignal::new(form.for_members.clone()),
            for_types: RwSignal::new(form.for_carer_types.clone()),
            counts_as_training: RwSignal::new(if form.counts_as_training {
                vec![COUNTS.to_owned()]
            } else {
                Vec::new()
            }),
            standards: RwSignal::new(form.standards.iter().map(u8::to_string).collect()),
        }
    }

    fn fill(self, form: &mut GroupForm) {
        form.title = self.title.get_untracked();
        form.kind = self.kind.get_untracked();
        form.description = self.description.get_untracked();
        form.area = self.area.get_untracked();
        form.for_members = self.for_members.get_untracked();
        form.for_carer_types = self.for_types.get_untracked();
        form.counts_as_training = !self.counts_as_training.with_untracked(Vec::is_empty);
        // A box that is not a number 1 to 7 cannot be ticked; 0 is refused by the core.
        form.standards = self
            .standards
            .get_untracked()
            .iter()
            .map(|n| n.parse().unwrap_or(0))
            .collect();
    }
}

/// The sessions' fields, as the forms edit them.
#[derive(Debug, Clone, Copy)]
struct ScheduleFields {
    first_date: RwSignal<String>,
    starts: RwSignal<String>,
    ends: RwSignal<String>,
    repeat: RwSignal<String>,
    sessions: RwSignal<String>,
    place: RwSignal<String>,
    link: RwSignal<String>,
    capacity: RwSignal<String>,
    accessibility: RwSignal<String>,
}

impl ScheduleFields {
    fn new() -> Self {
        let field = || RwSignal::new(String::new());
        Self {
            first_date: field(),
            starts: field(),
            ends: field(),
            repeat: RwSignal::new("monthly".to_owned()),
            sessions: RwSignal::new("6".to_owned()),
            place: field(),
            link: field(),
            capacity: field(),
            accessibility: field(),
        }
    }

    fn fill(self, form: &mut GroupForm) {
        form.first_date = self.first_date.get_untracked();
        form.starts = self.starts.get_untracked();
        form.ends = self.ends.get_untracked();
        form.repeat = self.repeat.get_untracked();
        form.sessions = self.sessions.get_untracked();
        form.place = self.place.get_untracked();
        form.joining_link = self.link.get_untracked();
        form.capacity = self.capacity.get_untracked();
        form.accessibility = self.accessibility.get_untracked();
    }
}

fn standard_choices() -> Vec<Choice> {
    TsdStandard::ALL
        .into_iter()
        .map(|s| {
            (
                s.number().to_string(),
                format!("{}: {}", s.number(), s.title()),
            )
        })
        .collect()
}

type Problems = RwSignal<Vec<FieldProblem>>;

fn error_of(problems: Problems, field: GroupField) -> Signal<Option<String>> {
    Signal::derive(move || problem_for(&problems.get(), field.input_id()))
}

/// What the group is and who it is for.
#[component]
fn GroupInputs(fields: GroupFields, problems: Problems) -> impl IntoView {
    let error = move |field| error_of(problems, field);
    view! {
        <TextField id=GroupField::Title.input_id() label="Name of the group" kind="text" autocomplete="off" value=fields.title error=error(GroupField::Title) />
        <SelectField id=GroupField::Kind.input_id() label="Kind of group" choices=kind_choices() value=fields.kind error=error(GroupField::Kind) />
        <TextField id="description" label="What happens at it (optional)" kind="text" autocomplete="off" value=fields.description error=no_error() />
        <TextField id="area" label="Area, for a local group (optional)" kind="text" autocomplete="off" value=fields.area error=no_error() />
        <Checkboxes id=GroupField::ForMembers.input_id() legend="Who may come" hint="Leave all empty for the carers (main and second carers)." choices=role_choices() selected=fields.for_members error=error(GroupField::ForMembers) />
        <Checkboxes id=GroupField::ForCarerTypes.input_id() legend="Kinds of fostering it is for" hint="Leave all empty if it is for everyone." choices=type_choices() selected=fields.for_types error=error(GroupField::ForCarerTypes) />
        <Checkboxes id="counts-as-training" legend="Training" choices=vec![(COUNTS.to_owned(), "Carers can add a session they attended to their learning log".to_owned())] selected=fields.counts_as_training />
        <Show when=move || !fields.counts_as_training.with(Vec::is_empty)>
            <Checkboxes id=GroupField::Standards.input_id() legend="TSD standards it gives evidence for" hint="Optional." choices=standard_choices() selected=fields.standards error=error(GroupField::Standards) />
        </Show>
    }
}

/// When and where the sessions are.
#[component]
fn ScheduleInputs(fields: ScheduleFields, problems: Problems) -> impl IntoView {
    let error = move |field| error_of(problems, field);
    view! {
        <TextField id=GroupField::FirstDate.input_id() label="Date of the first session" kind="text" autocomplete="off" value=fields.first_date error=error(GroupField::FirstDate) hint="For example, 2026-12-01 or 1/12/2026" />
        <TextField id=GroupField::Starts.input_id() label="Starts at (UK time)" kind="text" autocomplete="off" value=fields.starts error=error(GroupField::Starts) hint="For example, 19:00 or 7pm" />
        <TextField id=GroupField::Ends.input_id() label="Ends at" kind="text" autocomplete="off" value=fields.ends error=error(GroupField::Ends) />
        <SelectField id=GroupField::Repeat.input_id() label="How often it meets" choices=repeat_choices() value=fields.repeat error=error(GroupField::Repeat) />
        <TextField id=GroupField::Sessions.input_id() label="How many sessions to add" kind="text" autocomplete="off" value=fields.sessions error=error(GroupField::Sessions) hint="Up to 24. Not needed for a one-off." />
        <TextField id=GroupField::Place.input_id() label="Where it meets (optional for an online group)" kind="text" autocomplete="off" value=fields.place error=error(GroupField::Place) />
        <TextField id="joining-link" label="Joining link, for an online group (optional)" kind="url" autocomplete="off" value=fields.link error=no_error() />
        <TextField id=GroupField::Capacity.input_id() label="Places per session (optional)" kind="text" autocomplete="off" value=fields.capacity error=error(GroupField::Capacity) hint="Leave empty for no limit." />
        <TextField id="accessibility" label="Accessibility (optional)" kind="text" autocomplete="off" value=fields.accessibility error=no_error() hint="For example, step-free access, hearing loop." />
    }
}

/// `/staff/groups/new`: a group and its sessions.
#[component]
pub fn NewGroupPage() -> impl IntoView {
    let group = GroupFields::new(&GroupForm::default());
    let schedule = ScheduleFields::new();
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let navigate = use_navigate();
    // An action, so that a second press while the first is on its way adds nothing: a
    // double-clicked "Add the group" adds one group.
    let add = Action::new_local(|form: &GroupForm| {
        let form = form.clone();
        async move { api::add_group(&form).await }
    });
    Effect::new(move |_| {
        add.value().with(|result| match result {
            Some(Ok(_)) => navigate(&StaffPage::Groups.href(), NavigateOptions::default()),
            Some(Err(error)) => problems.set(vec![FieldProblem {
                input_id: GroupField::Title.input_id().into(),
                message: error.message(),
            }]),
            None => {}
        });
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if add.pending().get_untracked() {
            return;
        }
        let mut form = GroupForm::default();
        group.fill(&mut form);
        schedule.fill(&mut form);
        if let Err(found) = form.parse("new", crate::device::today(), String::new) {
            problems.set(field_problems(found));
            return;
        }
        problems.set(Vec::new());
        add.dispatch(form);
    };
    view! {
        <PageTitle text="Add a group" />
        <a href=StaffPage::Groups.href() class="govuk-back-link">"Back to groups"</a>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary problems=problems />
                <h1 class="govuk-heading-l">"Add a group"</h1>
                <form novalidate on:submit=submit>
                    <GroupInputs fields=group problems=problems />
                    <h2 class="govuk-heading-m">"Sessions"</h2>
                    <ScheduleInputs fields=schedule problems=problems />
                    <button type="submit" class="govuk-button" aria-disabled=move || add.pending().get().then_some("true")>
                        {move || if add.pending().get() { "Adding the group…" } else { "Add the group" }}
                    </button>
                </form>
            </div>
        </div>
    }
}

/// `/staff/groups/{id}`: changing a group, and adding sessions to it.
#[component]
pub fn GroupPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
    let list = load(api::staff_groups);
    view! {
        <PageTitle text="Change a group" />
        <a href=StaffPage::Groups.href() class="govuk-back-link">"Back to groups"</a>
        {fetched(list, "Loading the group…", move |groups| match groups.groups.into_iter().find(|g| g.group.id == id) {
            Some(found) if groups.can_edit => view! { <ChangeGroup group=found.group /> }.into_any(),
            Some(_) => view! { <p class="govuk-body">"You can see groups but not change them."</p> }.into_any(),
            None => view! {
                <h1 class="govuk-heading-l">"Group not found"</h1>
                <p class="govuk-body">"There is no such group. It may have been removed."</p>
            }
            .into_any(),
        })}
    }
}

#[component]
fn ChangeGroup(group: Group) -> impl IntoView {
    let id = StoredValue::new(group.id.clone());
    let fields = GroupFields::new(&GroupForm::of(&group));
    let schedule = ScheduleFields::new();
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let added_problems = RwSignal::new(Vec::<FieldProblem>::new());
    let done = RwSignal::new(None::<String>);
    let saving = change(
        move |form: GroupForm| async move { api::update_group(&id.get_value(), &form).await },
        move |result| match result {
            Ok(_) => done.set(Some(
                "Group saved. Carers see the change next time the portal syncs.".to_owned(),
            )),
            Err(error) => problems.set(vec![FieldProblem {
                input_id: GroupField::Title.input_id().into(),
                message: error.message(),
            }]),
        },
    );
    let adding = change(
        move |form: GroupForm| async move { api::add_sessions(&id.get_value(), &form).await },
        move |result| match result {
            Ok(added) => done.set(Some(format!(
                "{} added. Carers can book next time the portal syncs.",
                words::count(added.len(), "session", "sessions")
            ))),
            Err(error) => added_problems.set(vec![FieldProblem {
                input_id: GroupField::FirstDate.input_id().into(),
                message: error.message(),
            }]),
        },
    );
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        done.set(None);
        let mut form = GroupForm::default();
        fields.fill(&mut form);
        if let Err(found) = form.parse_group(&id.get_value()) {
            problems.set(field_problems(found));
            return;
        }
        problems.set(Vec::new());
        if !saving.pending().get_untracked() {
            saving.dispatch(form);
        }
    };
    let add = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        done.set(None);
        let mut form = GroupForm::default();
        schedule.fill(&mut form);
        if let Err(found) =
            form.parse_sessions(&id.get_value(), crate::device::today(), String::new)
        {
            added_problems.set(field_problems(found));
            return;
        }
        added_problems.set(Vec::new());
        if !adding.pending().get_untracked() {
            adding.dispatch(form);
        }
    };
    view! {
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                {move || done.get().map(|words| view! {
                    <div class="govuk-notification-banner govuk-notification-banner--success" role="alert">
                        <div class="govuk-notification-banner__content">
                            <p class="govuk-notification-banner__heading">{words}</p>
                        </div>
                    </div>
                })}
                <ErrorSummary problems=problems />
                <h1 class="govuk-heading-l">{group.title.clone()}</h1>
                <form novalidate on:submit=save>
                    <GroupInputs fields=fields problems=problems />
                    <button type="submit" class="govuk-button">"Save the group"</button>
                </form>
                <h2 class="govuk-heading-m">"Add sessions"</h2>
                <ErrorSummary problems=added_problems />
                <form novalidate on:submit=add>
                    <ScheduleInputs fields=schedule problems=added_problems />
                    <button type="submit" class="govuk-button govuk-button--secondary">"Add the sessions"</button>
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
