//! Support contacts for staff (`/staff/support-contacts`): the service's teams and the
//! out-of-hours line, which every carer's device keeps for reading with no signal.

use leptos::prelude::*;
use portal_core::support::{ContactField, MOST_TEAMS, StaffContacts, SupportContacts, Team};

use super::{change, fetched, load};
use crate::api;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::page_title::PageTitle;
use crate::details_form::{FieldProblem, field_problems};

#[component]
pub fn SupportContactsPage() -> impl IntoView {
    let loaded = load(api::support_contacts);
    view! {
        <PageTitle text="Support contacts" />
        <h1 class="govuk-heading-l">"Support contacts"</h1>
        <p class="govuk-body">
            "Carers see these in the portal, even with no signal, with their supervising social "
            "worker. Keep them current: a change reaches every carer's phone or computer next "
            "time it syncs."
        </p>
        {fetched(loaded, "Loading the contacts…", move |contacts| view! { <ContactsForm contacts=contacts /> }.into_any())}
    }
}

/// One team's fields, as the form edits them.
#[derive(Debug, Clone, Copy)]
struct TeamFields {
    key: usize,
    name: RwSignal<String>,
    for_what: RwSignal<String>,
    phone: RwSignal<String>,
    email: RwSignal<String>,
    hours: RwSignal<String>,
}

impl TeamFields {
    fn new(key: usize, team: Team) -> Self {
        Self {
            key,
            name: RwSignal::new(team.name),
            for_what: RwSignal::new(team.for_what),
            phone: RwSignal::new(team.phone),
            email: RwSignal::new(team.email),
            hours: RwSignal::new(team.hours),
        }
    }

    fn team(self) -> Team {
        Team {
            name: self.name.get_untracked(),
            for_what: self.for_what.get_untracked(),
            phone: self.phone.get_untracked(),
            email: self.email.get_untracked(),
            hours: self.hours.get_untracked(),
        }
    }
}

#[component]
fn ContactsForm(contacts: StaffContacts) -> impl IntoView {
    let can_edit = contacts.can_edit;
    let contacts = contacts.contacts;
    let next_key = StoredValue::new(contacts.teams.len());
    let teams = RwSignal::new(
        contacts
            .teams
            .into_iter()
            .enumerate()
            .map(|(key, team)| TeamFields::new(key, team))
            .collect::<Vec<_>>(),
    );
    let phone = RwSignal::new(contacts.out_of_hours_phone);
    let hours = RwSignal::new(contacts.out_of_hours_hours);
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let saved = RwSignal::new(false);
    let add_team = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        teams.update(|t| t.push(TeamFields::new(key, Team::default())));
    };
    let saving = change(
        move |typed: SupportContacts| async move { api::save_support_contacts(&typed).await },
        move |result| match result {
            Ok(_) => saved.set(true),
            Err(error) => problems.set(vec![FieldProblem {
                input_id: ContactField::OutOfHoursPhone.input_id().into(),
                message: error.message(),
            }]),
        },
    );
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        saved.set(false);
        let typed = SupportContacts {
            teams: teams.with_untracked(|t| t.iter().map(|f| f.team()).collect()),
            out_of_hours_phone: phone.get_untracked(),
            out_of_hours_hours: hours.get_untracked(),
        };
        // Empty teams are dropped when saved, so problems are numbered as the core counts
        // them: the page drops the empty rows first.
        let kept: Vec<TeamFields> =
            teams.with_untracked(|t| t.iter().copied().filter(|f| !f.team().is_blank()).collect());
        teams.set(kept);
        if let Err(found) = typed.parse() {
            problems.set(field_problems(found));
            return;
        }
        problems.set(Vec::new());
        if !saving.pending().get_untracked() {
            saving.dispatch(typed);
        }
    };
    let error = move |field: ContactField| {
        Signal::derive(move || problem_for(&problems.get(), &field.input_id()))
    };
    view! {
        {move || saved.get().then(|| view! {
            <div class="govuk-notification-banner govuk-notification-banner--success" role="alert">
                <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading">"Saved. Carers see the new contacts next time the portal syncs."</p>
                </div>
            </div>
        })}
        <ErrorSummary problems=problems />
        <form novalidate on:submit=submit>
            <fieldset class="govuk-fieldset" disabled=!can_edit>
                <h2 class="govuk-heading-m">"Out-of-hours support line"</h2>
                <Input id=ContactField::OutOfHoursPhone.input_id() label="Phone number".into() kind="tel" value=phone error=error(ContactField::OutOfHoursPhone) />
                <Input id=ContactField::OutOfHoursHours.input_id() label="When it answers".into() kind="text" value=hours error=error(ContactField::OutOfHoursHours) />
                <h2 class="govuk-heading-m">"The service's teams"</h2>
                <For each=move || teams.get() key=|t| t.key let:team>
                    {
                        let position = move || teams.with(|t| t.iter().position(|f| f.key == team.key).unwrap_or(0));
                        let remove = move |_| teams.update(|t| t.retain(|f| f.key != team.key));
                        move || {
                            let n = position();
                            view! {
                                <div class="govuk-inset-text">
                                    <h3 class="govuk-heading-s">"Team " {n + 1}</h3>
                                    <Input id=ContactField::TeamName(n).input_id() label="Name".into() kind="text" value=team.name error=error(ContactField::TeamName(n)) />
                                    <Input id=ContactField::TeamFor(n).input_id() label="What carers contact them about".into() kind="text" value=team.for_what error=error(ContactField::TeamFor(n)) />
                                    <Input id=ContactField::TeamPhone(n).input_id() label="Phone number (optional if there is an email address)".into() kind="tel" value=team.phone error=error(ContactField::TeamPhone(n)) />
                                    <Input id=ContactField::TeamEmail(n).input_id() label="Email address (optional)".into() kind="email" value=team.email error=error(ContactField::TeamEmail(n)) />
                                    <Input id=format!("team-{n}-hours") label="When they answer (optional)".into() kind="text" value=team.hours error=Signal::derive(|| None) />
                                    <button type="button" class="govuk-button govuk-button--secondary" on:click=remove>
                                        "Remove team " {n + 1}
                                    </button>
                                </div>
                            }
                        }
                    }
                </For>
                <Show when=move || teams.with(|t| t.len() < MOST_TEAMS)>
                    <button type="button" class="govuk-button govuk-button--secondary" on:click=add_team>"Add a team"</button>
                </Show>
            </fieldset>
            {can_edit.then(|| view! { <button type="submit" class="govuk-button">"Save and publish"</button> })}
        </form>
    }
}

/// A labelled input whose id is made at run time (the team fields are numbered).
#[component]
fn Input(
    id: String,
    label: String,
    kind: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    view! {
        <div class="govuk-form-group" class:govuk-form-group--error=move || error.get().is_some()>
            <label class="govuk-label" for=id.clone()>{label}</label>
            <crate::components::fields::FieldError id=error_id error=error />
            <input class="govuk-input" class:govuk-input--error=move || error.get().is_some()
                id=id.clone() name=id type=kind autocomplete="off" aria-describedby=described bind:value=value />
        </div>
    }
}
