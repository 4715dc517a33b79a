//! One enquiry for the recruitment team (`/staff/enquiries/{id}`): the person's answers, the
//! wait for a first contact, the history, and what the team does next: who handles it, a
//! contact attempt, a note, a stage, and, once approved, adding the household as carers. An
//! application shows how it stands against the 16-week target.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_core::carers::{Invited, NewHouseholdForm, StaffFieldsForm, StaffMember};
use portal_core::enquiries::application::{
    Application, TaskConfirmation, TaskStatus, can_invite_applicant,
};
use portal_core::enquiries::{
    ActionForm, AssignForm, ClosedReason, ContactKind, EnquiryList, EnquiryRecord, Progress, Stage,
    when_words,
};
use portal_core::household::CarerType;

use super::applicants::ApplicationProgress;
use super::{InvitationPanel, Loaded, change, fetched, load};
use crate::api::{self, ApiError};
use crate::components::error_summary::ProblemSummary;
use crate::components::page_title::PageTitle;
use crate::staff::StaffPage;

/// What the team types into an enquiry's forms, and the last refusal: kept outside the part of
/// the page drawn again after each change, so that text typed in one form survives another
/// form's change, and a refusal's reason stays on screen after the page shows the news.
#[derive(Debug, Clone, Copy)]
struct Drafts {
    contact: RwSignal<String>,
    contact_note: RwSignal<String>,
    note: RwSignal<String>,
    stage: RwSignal<String>,
    reason: RwSignal<String>,
    stage_note: RwSignal<String>,
    recontact: RwSignal<String>,
    problem: RwSignal<Option<String>>,
    /// The kind of the action last sent ("contact", "note", "stage" or "recontact"): its form
    /// is emptied once it is done.
    sent: StoredValue<String>,
}

impl Drafts {
    fn new() -> Self {
        let text = || RwSignal::new(String::new());
        Self {
            contact: text(),
            contact_note: text(),
            note: text(),
            stage: text(),
            reason: text(),
            stage_note: text(),
            recontact: text(),
            problem: RwSignal::new(None),
            sent: StoredValue::new(String::new()),
        }
    }

    /// Empties the form of the action just done.
    fn done(self) {
        let fields: &[RwSignal<String>] = match self.sent.get_value().as_str() {
            "contact" => &[self.contact, self.contact_note],
            "note" => &[self.note],
            "stage" => &[self.stage, self.reason, self.stage_note],
            "recontact" => &[self.recontact],
            _ => &[],
        };
        for field in fields {
            field.set(String::new());
        }
    }
}

#[component]
pub fn EnquiryPage() -> impl IntoView {
    let drafts = Drafts::new();
    let params = use_params_map();
    let loaded: Loaded<EnquiryList> = load(move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        async move { api::enquiry(&id).await }
    });
    let refresh = move || loaded.refetch();
    view! {
        <PageTitle text="Enquiry" />
        <p class="govuk-body"><a class="govuk-link" href=StaffPage::Enquiries.href()>"All enquiries"</a></p>
        {fetched(loaded, "Loading the enquiry…", move |mut list| match list.enquiries.pop() {
            None => view! { <p class="govuk-body">"There is no such enquiry."</p> }.into_any(),
            Some(record) => view! {
                <EnquiryView record=record team=list.team now=list.now refresh=refresh drafts=drafts />
            }
            .into_any(),
        })}
    }
}

#[component]
fn EnquiryView(
    record: EnquiryRecord,
    team: Vec<StaffMember>,
    now: i64,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
    drafts: Drafts,
) -> impl IntoView {
    let wait = record.wait(now);
    let answers = record.enquiry.answers();
    let advice = record
        .self_check
        .map(portal_core::enquiries::SelfCheck::advice);
    let history = record.events.clone();
    let invitable = can_invite_applicant(record.stage) && record.household_id.is_none();
    let linked = record.household_id.is_some();
    let became_carers = linked && record.stage == Stage::Approved;
    let today = portal_core::date::CalendarDate::uk_date_of(now);
    let progress = Progress::of(&record, today);
    view! {
        <h1 class="govuk-heading-l">{record.enquiry.name.as_str().to_owned()}</h1>
        <p class="govuk-body">
            <strong class="govuk-tag">{record.stage.label()}</strong>
            " Received " {when_words(record.received_at)} ". " {wait.words()} "."
        </p>
        <dl class="govuk-summary-list">
            {answers.into_iter().map(|(label, answer)| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{label}</dt>
                    <dd class="govuk-summary-list__value">{answer}</dd>
                </div>
            }).collect_view()}
        </dl>
        {advice.map(|advice| view! {
            <h2 class="govuk-heading-m">"Their self-check"</h2>
            <p class="govuk-body">{if advice.is_empty() { "Nothing in their answers stood in the way." } else { "They were told:" }}</p>
            <ul class="govuk-list govuk-list--bullet">{advice.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
        })}
        {became_carers.then(|| view! {
            <p class="govuk-body">"This enquiry has become a carer household."</p>
        })}
        {(linked && !became_carers).then(|| view! { <ApplicantTasks id=record.id.clone() /> })}
        {progress.map(|progress| view! { <ApplicationProgress progress=progress today=today /> })}
        {(!became_carers).then(|| view! { <Actions record=record.clone() team=team refresh=refresh drafts=drafts /> })}
        {invitable.then(|| view! { <BecomeHousehold record=record.clone() /> })}
        <h2 class="govuk-heading-m">"History"</h2>
        <table class="govuk-table">
            <caption class="govuk-visually-hidden">"What has happened, oldest first"</caption>
            <thead class="govuk-table__head"><tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">"When"</th>
                <th scope="col" class="govuk-table__header">"What"</th>
                <th scope="col" class="govuk-table__header">"Who"</th>
                <th scope="col" class="govuk-table__header">"Note"</th>
            </tr></thead>
            <tbody class="govuk-table__body">
                {history.into_iter().map(|e| view! {
                    <tr class="govuk-table__row">
                        <td class="govuk-table__cell">{when_words(e.at)}</td>
                        <td class="govuk-table__cell">{e.words()}</td>
                        <td class="govuk-table__cell">{e.by.clone()}</td>
                        <td class="govuk-table__cell">{e.note.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The team's forms: who handles it, a contact attempt, a note, a new stage.
#[component]
fn Actions(
    record: EnquiryRecord,
    team: Vec<StaffMember>,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
    drafts: Drafts,
) -> impl IntoView {
    let id = StoredValue::new(record.id.clone());
    let from = record.stage;
    let handler = RwSignal::new(
        record
            .assigned_to
            .as_ref()
            .map(|a| a.id.clone())
            .unwrap_or_default(),
    );
    let Drafts {
        contact,
        contact_note,
        note,
        stage,
        reason,
        stage_note,
        recontact,
        problem,
        sent,
    } = drafts;
    let done = move |result: Result<EnquiryRecord, ApiError>| match result {
        Ok(_) => {
            problem.set(None);
            drafts.done();
            refresh();
        }
        Err(error) => {
            problem.set(Some(error.message()));
            // Someone else moved it: show what they did, and ask for the stage again.
            if error.code() == Some("status_moved_on") {
                stage.set(String::new());
                refresh();
            }
        }
    };
    let act_on = change(
        move |form: ActionForm| async move { api::enquiry_action(&id.get_value(), &form).await },
        done,
    );
    let give = change(
        move |form: AssignForm| async move { api::assign_enquiry(&id.get_value(), &form).await },
        done,
    );
    let busy = move || act_on.pending().get() || give.pending().get();
    let act = move |form: ActionForm| {
        if let Err(message) = form.parse() {
            problem.set(Some(message));
            return;
        }
        if !busy() {
            sent.set_value(form.action.clone());
            act_on.dispatch(form);
        }
    };
    let assign = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !busy() {
            sent.set_value(String::new());
            give.dispatch(AssignForm {
                staff_id: handler.get_untracked(),
            });
        }
    };
    let set_recontact = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        act(ActionForm {
            action: "recontact".into(),
            choice: recontact.get_untracked(),
            ..ActionForm::default()
        });
    };
    let record_contact = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        act(ActionForm {
            action: "contact".into(),
            choice: contact.get_untracked(),
            note: contact_note.get_untracked(),
            ..ActionForm::default()
        });
    };
    let add_note = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        act(ActionForm {
            action: "note".into(),
            note: note.get_untracked(),
            ..ActionForm::default()
        });
    };
    let move_stage = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        act(ActionForm {
            action: "stage".into(),
            from: from.as_str().into(),
            choice: stage.get_untracked(),
            reason: reason.get_untracked(),
            note: stage_note.get_untracked(),
        });
    };
    let selected = handler.get_untracked();
    let stages: Vec<Stage> = Stage::ALL.iter().copied().filter(|s| *s != from).collect();
    let call_back = record.recontact_on();
    view! {
        <ProblemSummary problem=problem />
        {call_back.map(|on| view! {
            <h2 class="govuk-heading-m">"Getting back in touch"</h2>
            <p class="govuk-body">{format!("It was not the right time for them. Get back in touch on {}.", on.long_form())}</p>
            <form novalidate on:submit=set_recontact>
                <div class="govuk-form-group">
                    <label class="govuk-label govuk-label--s" for="enquiry-recontact">"Get back in touch on another day"</label>
                    <div id="enquiry-recontact-hint" class="govuk-hint">"For example, 1/3/2027"</div>
                    <input class="govuk-input govuk-input--width-10" id="enquiry-recontact" type="text" aria-describedby="enquiry-recontact-hint" bind:value=recontact />
                </div>
                <button type="submit" class="govuk-button govuk-button--secondary" prop:disabled=busy>"Save the day"</button>
            </form>
        })}
        <form novalidate on:submit=assign>
            <div class="govuk-form-group">
                <label class="govuk-label govuk-label--s" for="enquiry-handler">"Who handles it"</label>
                <select class="govuk-select" id="enquiry-handler" on:change=move |e| handler.set(event_target_value(&e))>
                    <option value="" selected=selected.is_empty()>"Nobody yet"</option>
                    {team.into_iter().map(|m| {
                        let chosen = m.id == selected;
                        view! { <option value=m.id selected=chosen>{m.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary">"Save who handles it"</button>
        </form>
        <form novalidate on:submit=record_contact>
            <div class="govuk-form-group">
                <label class="govuk-label govuk-label--s" for="enquiry-contact">"Record a contact attempt"</label>
                <select class="govuk-select" id="enquiry-contact" on:change=move |e| contact.set(event_target_value(&e))>
                    <option value="" selected=contact.get_untracked().is_empty()>"Choose how"</option>
                    {ContactKind::ALL.iter().map(|k| {
                        let chosen = contact.get_untracked() == k.as_str();
                        view! { <option value=k.as_str() selected=chosen>{k.label()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for="enquiry-contact-note">"Note (optional)"</label>
                <input class="govuk-input" id="enquiry-contact-note" type="text" bind:value=contact_note />
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary">"Record the contact"</button>
        </form>
        <form novalidate on:submit=add_note>
            <div class="govuk-form-group">
                <label class="govuk-label govuk-label--s" for="enquiry-note">"Add a note"</label>
                <textarea class="govuk-textarea" id="enquiry-note" rows="3" bind:value=note></textarea>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary">"Add the note"</button>
        </form>
        <form novalidate on:submit=move_stage>
            <div class="govuk-form-group">
                <label class="govuk-label govuk-label--s" for="enquiry-stage">"Move from " {from.label()} " to"</label>
                <select class="govuk-select" id="enquiry-stage" on:change=move |e| stage.set(event_target_value(&e))>
                    <option value="" selected=stage.get_untracked().is_empty()>"Choose the stage"</option>
                    {stages.into_iter().map(|s| {
                        let chosen = stage.get_untracked() == s.as_str();
                        view! { <option value=s.as_str() selected=chosen>{s.label()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for="enquiry-reason">"Why it is closing (only when closing)"</label>
                <select class="govuk-select" id="enquiry-reason" on:change=move |e| reason.set(event_target_value(&e))>
                    <option value="" selected=reason.get_untracked().is_empty()>"Choose a reason"</option>
                    {ClosedReason::ALL.iter().map(|r| {
                        let chosen = reason.get_untracked() == r.as_str();
                        view! { <option value=r.as_str() selected=chosen>{r.label()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for="enquiry-stage-note">"Note (optional)"</label>
                <input class="govuk-input" id="enquiry-stage-note" type="text" bind:value=stage_note />
            </div>
            <button type="submit" class="govuk-button">"Move the enquiry"</button>
        </form>
    }
}

/// The invited applicant's tasks, each with what they ticked and the team's confirmation.
#[component]
fn ApplicantTasks(id: String) -> impl IntoView {
    let id = StoredValue::new(id);
    let loaded: Loaded<Option<Application>> =
        load(move || async move { api::enquiry_application(&id.get_value()).await });
    let problem = RwSignal::new(None::<String>);
    let confirm = change(
        move |form: TaskConfirmation| async move { api::confirm_task(&id.get_value(), &form).await },
        move |result| match result {
            Ok(_) => {
                problem.set(None);
                loaded.refetch();
            }
            Err(error) => problem.set(Some(error.message())),
        },
    );
    view! {
        <h2 class="govuk-heading-m">"The applicant's tasks"</h2>
        <p class="govuk-body">"The applicant has been invited to the portal. They tick each task when they have done it; confirm it when you have what you need."</p>
        <ProblemSummary problem=problem />
        {fetched(loaded, "Loading the applicant's tasks…", move |application| match application {
            None => view! { <p class="govuk-body">"The applicant's tasks could not be found."</p> }.into_any(),
            Some(application) => view! {
                <p class="govuk-body">{application.tasks_words()}</p>
                <table class="govuk-table">
                    <caption class="govuk-visually-hidden">"The applicant's tasks"</caption>
                    <thead class="govuk-table__head"><tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Task"</th>
                        <th scope="col" class="govuk-table__header">"Where it stands"</th>
                        <th scope="col" class="govuk-table__header">"Action"</th>
                    </tr></thead>
                    <tbody class="govuk-table__body">
                        {application.tasks.into_iter().map(|state| {
                            let confirmed = state.status() == TaskStatus::Confirmed;
                            let label = state.task.label();
                            let form = TaskConfirmation { task: state.task, confirmed: !confirmed };
                            view! {
                                <tr class="govuk-table__row">
                                    <th scope="row" class="govuk-table__header">{label}</th>
                                    <td class="govuk-table__cell">{state.status().label()} " " {state.words()}</td>
                                    <td class="govuk-table__cell">
                                        <button
                                            type="button"
                                            class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                                            prop:disabled=move || confirm.pending().get()
                                            on:click=move |_| { confirm.dispatch(form.clone()); }
                                        >
                                            {if confirmed { "Take back" } else { "Confirm" }}
                                            <span class="govuk-visually-hidden">" " {label}</span>
                                        </button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any(),
        })}
    }
}

/// "The Kowalski household", from the person's name.
fn household_name(name: &str) -> String {
    let surname = name.split_whitespace().last().unwrap_or(name);
    format!("The {surname} household")
}

/// An approved enquiry becomes a carer household, and its carer gets an invitation.
#[component]
fn BecomeHousehold(record: EnquiryRecord) -> impl IntoView {
    let id = StoredValue::new(record.id.clone());
    let name = record.enquiry.name.as_str().to_owned();
    let household = RwSignal::new(household_name(&name));
    let carer = RwSignal::new(name);
    let email = RwSignal::new(
        record
            .enquiry
            .email
            .as_ref()
            .map(|e| e.as_str().to_owned())
            .unwrap_or_default(),
    );
    let area = RwSignal::new(String::new());
    let carer_type = RwSignal::new(String::new());
    let approved_on = RwSignal::new(String::new());
    // Before the decision, the household is an applicant's, being assessed.
    let approved = record.stage == Stage::Approved;
    let problem = RwSignal::new(None::<String>);
    let invited = RwSignal::new(None::<Invited>);
    let add = change(
        move |form: NewHouseholdForm| async move {
            api::enquiry_household(&id.get_value(), &form).await
        },
        move |result| match result {
            Ok(done) => {
                problem.set(None);
                invited.set(Some(done));
            }
            Err(error) => problem.set(Some(error.message())),
        },
    );
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = NewHouseholdForm {
            household_name: household.get_untracked(),
            carer_name: carer.get_untracked(),
            email: email.get_untracked(),
            area: area.get_untracked(),
            fields: StaffFieldsForm {
                carer_type: carer_type.get_untracked(),
                status: if approved { "approved" } else { "assessment" }.into(),
                approved_on: approved_on.get_untracked(),
                ..StaffFieldsForm::default()
            },
        };
        if !add.pending().get_untracked() {
            add.dispatch(form);
        }
    };
    let field = |id: &'static str, label: &'static str, value: RwSignal<String>| {
        view! {
            <div class="govuk-form-group">
                <label class="govuk-label" for=id>{label}</label>
                <input class="govuk-input" id=id type="text" spellcheck="false" bind:value=value />
            </div>
        }
    };
    view! {
        <h2 class="govuk-heading-m">{if approved { "Add as a carer household" } else { "Invite the applicant to the portal" }}</h2>
        {(!approved).then(|| view! {
            <p class="govuk-body">"The applicant gets a sign-in link. Their home page shows their stages, their tasks and what happens next; when they are approved, the same sign-in opens the carers' portal."</p>
        })}
        {move || invited.get().map_or_else(
            || view! {
                <ProblemSummary problem=problem />
                <form novalidate on:submit=submit>
                    {field("household-name", "Household name", household)}
                    {field("household-carer", "Lead carer's name", carer)}
                    {field("household-email", "Lead carer's email address", email)}
                    {field("household-area", "Area", area)}
                    <div class="govuk-form-group">
                        <label class="govuk-label" for="household-type">"Type of fostering"</label>
                        <select class="govuk-select" id="household-type" on:change=move |e| carer_type.set(event_target_value(&e))>
                            <option value="" selected=true>"Choose the type of fostering"</option>
                            {CarerType::ALL.into_iter().map(|t| view! { <option value=t.as_str()>{t.label()}</option> }).collect_view()}
                        </select>
                    </div>
                    {approved.then(|| field("household-approved", "Date approved at panel, like 14/11/2026", approved_on))}
                    <button type="submit" class="govuk-button" prop:disabled=move || add.pending().get()>
                        {if approved { "Add the household and invite the carer" } else { "Invite the applicant" }}
                    </button>
                </form>
            }.into_any(),
            |done| view! { <InvitationPanel invitation=done.invitation carer_name=done.carer.lead_carer /> }.into_any(),
        )}
    }
}
