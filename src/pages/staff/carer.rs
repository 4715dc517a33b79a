//! One household, for staff: who they are, whether they use the portal, the staff-owned facts
//! (changeable by supervising social workers and administrators) and a new sign-in link.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_core::carers::{
    CarerSummary, Invitation, StaffActionEntry, StaffFields, StaffFieldsForm, StaffMember,
    UpdateCarer, can_read_household_activity, can_read_staff_history, may_act_on_household,
};
use portal_core::training::StaffEntry;

use super::facts::FactsFields;
use super::{
    InvitationPanel, Loaded, account_words, change, fetched, load, load_carers, local_date,
};
use crate::api;
use crate::components::error_summary::ErrorSummary;
use crate::components::page_title::PageTitle;
use crate::details_form::FieldProblem;
use crate::details_form::field_problems;
use crate::device::today;
use crate::staff::{FactsForm, StaffPage};
use crate::state::account::use_account;

/// The form's starting values: the household's facts as they stand.
pub fn facts_of(carer: &CarerSummary) -> StaffFieldsForm {
    StaffFieldsForm {
        carer_type: carer.carer_type.as_str().to_owned(),
        status: carer.status.as_str().to_owned(),
        approved_on: carer.approved_on.map(|d| d.to_string()).unwrap_or_default(),
        supervising_worker_id: carer
            .supervising_worker
            .as_ref()
            .map(|w| w.id.clone())
            .unwrap_or_default(),
        exit_reason: carer
            .exit
            .as_ref()
            .map(|e| e.reason.as_str().to_owned())
            .unwrap_or_default(),
        exit_words: carer
            .exit
            .as_ref()
            .and_then(|e| e.words.as_ref())
            .map(ToString::to_string)
            .unwrap_or_default(),
    }
}

#[component]
pub fn CarerPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.get_untracked().get("id").unwrap_or_default();
    let list = load_carers();
    view! {
        <PageTitle text="Carer household" />
        <a href=StaffPage::Carers.href() class="govuk-back-link">"Back to carers"</a>
        {fetched(list, "Loading…", move |list| match list.carers.iter().find(|c| c.id == id).cloned() {
            None => view! {
                <h1 class="govuk-heading-l">"Household not found"</h1>
                <p class="govuk-body">"There is no household at this address. It may have been typed wrongly."</p>
            }
            .into_any(),
            Some(carer) => view! {
                <Household carer=carer workers=list.workers />
            }
            .into_any(),
        })}
    }
}

#[component]
fn Household(carer: CarerSummary, workers: Vec<StaffMember>) -> impl IntoView {
    let me = use_account().user_untracked();
    let reads_history = me
        .as_ref()
        .is_some_and(|user| can_read_staff_history(user.role));
    let reads_activity = me
        .as_ref()
        .is_some_and(|user| can_read_household_activity(user.role));
    // The server says the same (see `may_act_on_household`); the page only leaves out what it
    // would refuse.
    let can_edit = me.as_ref().is_some_and(|user| {
        let supervisor = carer.supervising_worker.as_ref().map(|w| w.id.as_str());
        may_act_on_household(user.role, &user.id, supervisor)
    });
    let record = RwSignal::new(carer);
    let invitation = RwSignal::new(None::<Invitation>);
    let invite_error = RwSignal::new(None::<String>);
    // One link at a time: a second press while one is being made is ignored, since each new
    // link cancels the one before it.
    let invite = Action::new_local(|id: &String| {
        let id = id.clone();
        async move { api::invite(&id).await }
    });
    Effect::new(move |_| {
        invite.value().with(|result| match result {
            Some(Ok(invited)) => {
                record.set(invited.carer.clone());
                invitation.set(Some(invited.invitation.clone()));
                invite_error.set(None);
            }
            Some(Err(error)) => invite_error.set(Some(error.message())),
            None => {}
        });
    });
    let inviting = invite.pending();
    let make_link = move |_| {
        if !inviting.get_untracked() {
            invite.dispatch(record.get_untracked().id);
        }
    };
    let row = |key: &'static str, value: Signal<String>| {
        view! {
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{key}</dt>
                <dd class="govuk-summary-list__value">{move || value.get()}</dd>
            </div>
        }
    };
    let field = move |read: fn(&CarerSummary) -> String| Signal::derive(move || record.with(read));
    view! {
        <h1 class="govuk-heading-l">{move || record.with(|c| c.name.clone())}</h1>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <dl class="govuk-summary-list">
                    {row("Lead carer", field(|c| c.lead_carer.clone()))}
                    {row("Email address", field(|c| c.email.clone()))}
                    {row("Area", field(|c| c.area.clone()))}
                    {row("Portal account", field(|c| account_words(c.account)))}
                </dl>
                <h2 class="govuk-heading-m">"Sign-in link"</h2>
                {move || invitation.get().map(|invitation| view! {
                    <InvitationPanel invitation=invitation carer_name=record.with_untracked(|c| c.lead_carer.clone()) />
                })}
                {move || invite_error.get().map(|message| view! {
                    <p class="govuk-error-message" role="alert">{message}</p>
                })}
                <Show
                    when=move || can_edit
                    fallback=|| view! { <p class="govuk-body">"The household's supervising social worker, or an administrator, can send sign-in links."</p> }
                >
                    <p class="govuk-body">
                        "A new link lets the lead carer choose a password, for example if they have forgotten theirs. It signs them out everywhere and cancels any earlier link."
                    </p>
                    <button type="button" class="govuk-button govuk-button--secondary" on:click=make_link disabled=move || inviting.get()>
                        "Make a new sign-in link"
                    </button>
                </Show>
                <h2 class="govuk-heading-m">"What the service records"</h2>
                <Show
                    when=move || can_edit
                    fallback=move || view! {
                        <dl class="govuk-summary-list">
                            {row("Type of fostering", field(|c| c.carer_type.label().to_owned()))}
                            {row("Status", field(|c| c.status.label().to_owned()))}
                            {row("Date approved", field(|c| c.approved_on.map_or_else(|| "Not approved yet".into(), portal_core::date::CalendarDate::long_form)))}
                            {row("Supervising social worker", field(|c| c.supervising_worker.as_ref().map_or_else(|| "Not allocated".into(), |w| w.name.clone())))}
                        </dl>
                    }
                >
                    <FactsEditor record=record workers=workers.clone() />
                </Show>
                // Finance and recruitment have no need of a household's learning.
                {reads_activity.then(|| view! { <LearningLog household_id=record.get_untracked().id can_verify=can_edit /> })}
                {reads_history.then(|| view! { <History household_id=record.get_untracked().id /> })}
            </div>
        </div>
    }
}

/// What staff did to the household and who did it, newest first: for administrators.
#[component]
fn History(household_id: String) -> impl IntoView {
    let history: Loaded<Vec<StaffActionEntry>> = load(move || {
        let household_id = household_id.clone();
        async move { api::household_history(&household_id).await }
    });
    view! {
        <h2 class="govuk-heading-m">"What staff have done"</h2>
        {fetched(history, "Loading what staff have done…", |entries| {
            if entries.is_empty() {
                return view! { <p class="govuk-body">"Nothing yet."</p> }.into_any();
            }
            view! {
                <table class="govuk-table">
                    <caption class="govuk-table__caption govuk-visually-hidden">"What staff have done, newest first"</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"When"</th>
                            <th scope="col" class="govuk-table__header">"Who"</th>
                            <th scope="col" class="govuk-table__header">"What"</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">
                        {entries.into_iter().map(|entry| view! {
                            <tr class="govuk-table__row">
                                <td class="govuk-table__cell">{local_date(entry.at)}</td>
                                <td class="govuk-table__cell">{entry.by}</td>
                                <td class="govuk-table__cell">{entry.action.words()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        })}
    }
}

/// "12 March 2026, 1 hour 30 minutes, webinar. Attended: Sam Taylor. TSD standards 2, 6."
pub fn entry_details(entry: &StaffEntry) -> String {
    let e = &entry.entry;
    let standards = if e.standards.is_empty() {
        String::new()
    } else {
        let numbers: Vec<String> = e.standards.iter().map(|s| s.number().to_string()).collect();
        format!(" TSD standards {}.", numbers.join(", "))
    };
    format!(
        "{}, {}, {}. Attended: {}.{standards}",
        e.date.long_form(),
        e.duration.words(),
        e.format.label().to_lowercase(),
        entry.attended.join(", "),
    )
}

/// The household's learning log, newest first; staff who manage households can confirm an
/// entry once they have seen its evidence.
#[component]
fn LearningLog(household_id: String, can_verify: bool) -> impl IntoView {
    let entries: Loaded<Vec<StaffEntry>> = load(move || {
        let household_id = household_id.clone();
        async move { api::household_training(&household_id).await }
    });
    let problem = RwSignal::new(None::<String>);
    let verifying = change(
        move |entry_id: String| async move { api::verify_entry(&entry_id).await },
        move |result| match result {
            Ok(verified) => {
                problem.set(None);
                entries.update(|list| {
                    if let Some(Ok(list)) = list
                        && let Some(found) = list.iter_mut().find(|e| e.entry.id == verified.id)
                    {
                        found.entry = verified;
                    }
                });
            }
            Err(error) => problem.set(Some(error.message())),
        },
    );
    let verify = move |entry_id: String| {
        if !verifying.pending().get_untracked() {
            verifying.dispatch(entry_id);
        }
    };
    view! {
        <h2 class="govuk-heading-m">"Learning log"</h2>
        {move || problem.get().map(|message| view! { <p class="govuk-error-message" role="alert">{message}</p> })}
        {fetched(entries, "Loading the learning log…", move |list| if list.is_empty() {
            view! { <p class="govuk-body">"Nothing logged yet."</p> }.into_any()
        } else {
            view! {
                <ul class="govuk-list">
                    {list
                        .into_iter()
                        .map(|entry| {
                            let details = entry_details(&entry);
                            let title = entry.entry.title.to_string();
                            let id = entry.entry.id.clone();
                            let status = match &entry.entry.verified {
                                Some(v) => view! {
                                    <p class="govuk-body">
                                        <strong class="govuk-tag govuk-tag--green">"Verified"</strong>
                                        " by " {v.by.clone()} " on " {v.on.long_form()}
                                    </p>
                                }
                                .into_any(),
                                None if can_verify => view! {
                                    <button type="button" class="govuk-button govuk-button--secondary portal-inline-button" on:click=move |_| verify(id.clone())>
                                        "Mark as verified" <span class="govuk-visually-hidden">": " {title.clone()}</span>
                                    </button>
                                }
                                .into_any(),
                                None => view! { <p class="govuk-body">"Not verified yet"</p> }.into_any(),
                            };
                            view! {
                                <li class="govuk-inset-text">
                                    <h3 class="govuk-heading-s">{entry.entry.title.to_string()}</h3>
                                    <p class="govuk-body">{details}</p>
                                    {status}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        })}
    }
}

#[component]
fn FactsEditor(record: RwSignal<CarerSummary>, workers: Vec<StaffMember>) -> impl IntoView {
    let form = FactsForm::new(facts_of(&record.get_untracked()));
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let saved = RwSignal::new(false);
    let save = Action::new_local(move |(id, update): &(String, UpdateCarer)| {
        let (id, update) = (id.clone(), update.clone());
        async move {
            match api::update_carer(&id, &update).await {
                Ok(updated) => {
                    form.set(facts_of(&updated));
                    record.set(updated);
                    saved.set(true);
                }
                Err(error) => {
                    // Someone else saved first: show what they saved, so nothing is undone
                    // unseen, and let the person make their change again.
                    if error.code() == Some("edit_conflict")
                        && let Ok(latest) = api::carer(&id).await
                    {
                        form.set(facts_of(&latest));
                        record.set(latest);
                    }
                    problems.set(vec![FieldProblem {
                        input_id: portal_core::carers::CarerField::CarerType.input_id().into(),
                        message: error.message(),
                    }]);
                }
            }
        }
    });
    let busy = save.pending();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        saved.set(false);
        let fields = form.read();
        if let Err(found) = StaffFields::parse(&fields, today()) {
            problems.set(field_problems(found));
            return;
        }
        problems.set(Vec::new());
        let current = record.get_untracked();
        let update = UpdateCarer {
            version: current.version,
            fields,
        };
        save.dispatch((current.id, update));
    };
    view! {
        <ErrorSummary problems=problems />
        <Show when=move || saved.get()>
            <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="facts-saved-title">
                <div class="govuk-notification-banner__header">
                    <h3 class="govuk-notification-banner__title" id="facts-saved-title">"Saved"</h3>
                </div>
                <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading">"The household's record is updated. Their devices get it at their next sync."</p>
                </div>
            </div>
        </Show>
        <form novalidate on:submit=submit>
            <FactsFields form=form workers=workers problems=problems />
            <button type="submit" class="govuk-button" disabled=move || busy.get()>
                {move || if busy.get() { "Saving…" } else { "Save changes" }}
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use portal_core::training::Entry;

    use super::*;

    #[test]
    fn an_entry_reads_as_one_sentence_for_staff() {
        let entry: Entry = serde_json::from_value(serde_json::json!({
            "id": "entry-1", "title": "Safeguarding", "date": "2026-03-12", "duration": 90,
            "format": "webinar", "provider": null, "course_id": null, "standards": [6, 2],
            "members": ["member-sam"], "certificate": null, "learned": null, "will_use": null
        }))
        .expect("an entry");
        let staff = StaffEntry {
            entry,
            attended: vec!["Sam Taylor".into()],
        };
        assert_eq!(
            entry_details(&staff),
            "12 March 2026, 1 hour 30 minutes, webinar. Attended: Sam Taylor. TSD standards 2, 6."
        );
    }
}
