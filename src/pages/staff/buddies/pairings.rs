//! Every pairing as staff see it (with its contact log, and withdrawing or ending it), and the
//! pairs staff have ruled out.

use leptos::prelude::*;
use portal_core::buddies::{
    BarForm, BarredPair, CloseForm, Member, Pairing, PairingStatus, Reason, Side, StaffPairing,
    contact_log_csv,
};

use crate::api;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::details_form::{FieldProblem, field_problems};
use crate::device::save_file;
use crate::pages::staff::change;
use crate::words::count;

const fn status_words(status: PairingStatus) -> &'static str {
    match status {
        PairingStatus::Proposed => "Suggested",
        PairingStatus::Active => "Paired",
        PairingStatus::Declined => "Declined",
        PairingStatus::Ended => "Ended",
        PairingStatus::Withdrawn => "Withdrawn",
    }
}

/// What staff can do to a pairing that is not over: take back a suggestion, or end a pairing.
const fn close_words(status: PairingStatus) -> Option<&'static str> {
    match status {
        PairingStatus::Proposed => Some("Withdraw this suggestion"),
        PairingStatus::Active => Some("End this pairing"),
        PairingStatus::Declined | PairingStatus::Ended | PairingStatus::Withdrawn => None,
    }
}

/// Where a suggestion stands: who has said yes so far.
const fn answers_words(pairing: &Pairing) -> &'static str {
    match (pairing.seeker_accepted, pairing.buddy_accepted) {
        (false, false) => "Waiting for both to answer.",
        (true, false) => "The carer said yes; waiting for the buddy.",
        (false, true) => "The buddy said yes; waiting for the carer.",
        (true, true) => "Both said yes.",
    }
}

#[component]
pub fn PairingItem(
    item: StaffPairing,
    can_edit: bool,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let reasons = item
        .pairing
        .reasons
        .iter()
        .map(Reason::words)
        .collect::<Vec<_>>()
        .join("; ");
    let last = item.last_contact();
    let status = item.pairing.status;
    let (seeker, buddy) = (item.seeker_name.clone(), item.buddy_name.clone());
    view! {
        <li class="govuk-inset-text">
            <p class="govuk-body">
                <strong>{item.seeker_name}</strong> " with buddy " <strong>{item.buddy_name}</strong> " "
                <strong class="govuk-tag">{status_words(status)}</strong>
            </p>
            <p class="govuk-body-s">"Score " {item.pairing.score} ". " {reasons}</p>
            {(status == PairingStatus::Proposed).then(|| view! { <p class="govuk-body-s">{answers_words(&item.pairing)}</p> })}
            {(status == PairingStatus::Active).then(|| view! {
                <p class="govuk-body-s">
                    {match last {
                        Some(last) => format!(
                            "{} logged, the last on {}.",
                            count(item.log.len(), "contact", "contacts"),
                            last.long_form()
                        ),
                        None => "No contacts logged yet.".to_owned(),
                    }}
                    " "
                    {item.going_quiet.then(|| view! { <strong class="govuk-tag govuk-tag--orange">"Going quiet"</strong> })}
                </p>
            })}
            {(!item.log.is_empty()).then(|| view! { <ContactLog id=item.pairing.id.clone() seeker=seeker buddy=buddy log=item.log /> })}
            {item.reason.map(|r| view! { <p class="govuk-body-s">"Why it was declined or ended: " {r}</p> })}
            {close_words(status).filter(|_| can_edit).map(|words| view! {
                <ClosePairing id=item.pairing.id words=words refresh=refresh />
            })}
        </li>
    }
}

/// Every contact a pair logged, and a spreadsheet of it (for buddies paid for their time).
#[component]
fn ContactLog(
    id: String,
    seeker: String,
    buddy: String,
    log: Vec<portal_core::buddies::Contact>,
) -> impl IntoView {
    let csv = contact_log_csv(&log);
    let problem = RwSignal::new(None::<String>);
    let file = format!("buddy-contacts-{id}.csv");
    let download = move |_| {
        problem.set(save_file(&file, "text/csv;charset=utf-8", &csv).err());
    };
    view! {
        <details class="govuk-details">
            <summary class="govuk-details__summary">
                <span class="govuk-details__summary-text">"Contact log (" {log.len()} ")"</span>
            </summary>
            <div class="govuk-details__text">
                <table class="govuk-table">
                    <caption class="govuk-table__caption govuk-visually-hidden">
                        "Contacts between " {seeker.clone()} " and " {buddy.clone()}
                    </caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Date"</th>
                            <th scope="col" class="govuk-table__header">"How"</th>
                            <th scope="col" class="govuk-table__header">"Minutes"</th>
                            <th scope="col" class="govuk-table__header">"Logged by"</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">
                        {log.into_iter().map(|c| view! {
                            <tr class="govuk-table__row">
                                <td class="govuk-table__cell">{c.date.long_form()}</td>
                                <td class="govuk-table__cell">{c.how.words()}</td>
                                <td class="govuk-table__cell">{c.minutes}</td>
                                <td class="govuk-table__cell">
                                    {if c.by == Side::Seeker { seeker.clone() } else { buddy.clone() }}
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                {move || problem.get().map(|p| view! { <p class="govuk-error-message" role="alert">{p}</p> })}
                <button type="button" class="govuk-button govuk-button--secondary" on:click=download>
                    "Download the contact log (CSV)"
                </button>
            </div>
        </details>
    }
}

/// Withdraw a suggestion or end a pairing, saying why for the record.
#[component]
fn ClosePairing(
    id: String,
    words: &'static str,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let field = format!("close-{id}");
    let pairing = StoredValue::new(id);
    let closing = change(
        move |form: CloseForm| async move {
            api::close_buddy_pairing(&pairing.get_value(), &form).await
        },
        move |result| match result {
            Ok(_) => refresh(),
            Err(error) => problem.set(Some(error.message())),
        },
    );
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = CloseForm {
            reason: reason.get_untracked(),
        };
        if let Err(message) = form.reason() {
            problem.set(Some(message));
            return;
        }
        if !closing.pending().get_untracked() {
            closing.dispatch(form);
        }
    };
    view! {
        <details class="govuk-details">
            <summary class="govuk-details__summary">
                <span class="govuk-details__summary-text">{words}</span>
            </summary>
            <form class="govuk-details__text" novalidate on:submit=submit>
                <div class="govuk-form-group" class:govuk-form-group--error=move || problem.get().is_some()>
                    <label class="govuk-label" for=field.clone()>"Why (carers do not see this)"</label>
                    {move || problem.get().map(|p| view! { <p class="govuk-error-message" role="alert">{p}</p> })}
                    <textarea class="govuk-textarea" id=field rows="2" bind:value=reason></textarea>
                </div>
                <button type="submit" class="govuk-button govuk-button--warning">{words}</button>
            </form>
        </details>
    }
}

/// The pairs staff have ruled out, either way round, with a form to rule out another.
#[component]
pub fn Barred(
    barred: Vec<BarredPair>,
    members: Vec<Member>,
    can_edit: bool,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let allowing = change(
        move |(first, second): (String, String)| async move {
            api::allow_buddy_pair(&first, &second).await
        },
        move |result| match result {
            Ok(()) => refresh(),
            Err(error) => problem.set(Some(error.message())),
        },
    );
    view! {
        <h2 class="govuk-heading-m">"Pairs never to be suggested"</h2>
        <p class="govuk-body">"Pairs declined by either carer are never suggested again either."</p>
        {move || problem.get().map(|p| view! { <p class="govuk-error-message" role="alert">{p}</p> })}
        {if barred.is_empty() {
            view! { <p class="govuk-body">"You have not ruled out any pairs."</p> }.into_any()
        } else {
            view! {
                <ul class="govuk-list govuk-list--bullet">
                    {barred.into_iter().map(|pair| {
                        let allow = move |_| {
                            if !allowing.pending().get_untracked() {
                                allowing.dispatch((pair.first.clone(), pair.second.clone()));
                            }
                        };
                        view! {
                            <li>
                                {pair.first_name.clone()} " and " {pair.second_name.clone()} ": " {pair.reason.clone()} " "
                                {can_edit.then(|| view! {
                                    <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" on:click=allow.clone()>
                                        "Allow again"
                                        <span class="govuk-visually-hidden">{format!(": {} and {}", pair.first_name, pair.second_name)}</span>
                                    </button>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
        {(can_edit && members.len() > 1).then(|| view! { <BarPair members=members refresh=refresh /> })}
    }
}

#[component]
fn BarPair(
    members: Vec<Member>,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let known = StoredValue::new(members.iter().map(|m| m.id.clone()).collect::<Vec<_>>());
    let barring = change(
        move |form: BarForm| async move { api::bar_buddy_pair(&form).await },
        move |result| match result {
            Ok(()) => refresh(),
            Err(error) => problems.set(vec![FieldProblem {
                input_id: "bar-first".into(),
                message: error.message(),
            }]),
        },
    );
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = BarForm {
            first: first.get_untracked(),
            second: second.get_untracked(),
            reason: reason.get_untracked(),
        };
        let checked = known.with_value(|ids| form.parse(|id| ids.iter().any(|k| k == id)));
        if let Err(found) = checked {
            problems.set(field_problems(found));
            return;
        }
        problems.set(Vec::new());
        if !barring.pending().get_untracked() {
            barring.dispatch(form);
        }
    };
    let select = move |id: &'static str, label: &'static str, value: RwSignal<String>| {
        let options = members.clone();
        view! {
            <div class="govuk-form-group" class:govuk-form-group--error=move || problem_for(&problems.get(), id).is_some()>
                <label class="govuk-label" for=id>{label}</label>
                {move || problem_for(&problems.get(), id).map(|m| view! { <p class="govuk-error-message">{m}</p> })}
                <select class="govuk-select" id=id on:change=move |e| value.set(event_target_value(&e))>
                    <option value="" selected=true>"Choose a household"</option>
                    {options.into_iter().map(|m| view! { <option value=m.id>{m.name}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <h3 class="govuk-heading-s">"Rule out a pair"</h3>
        <ErrorSummary problems=problems />
        <form novalidate on:submit=submit>
            {select("bar-first", "One household", first)}
            {select("bar-second", "The other household", second)}
            <div class="govuk-form-group" class:govuk-form-group--error=move || problem_for(&problems.get(), "bar-reason").is_some()>
                <label class="govuk-label" for="bar-reason">"Why (carers do not see this)"</label>
                {move || problem_for(&problems.get(), "bar-reason").map(|m| view! { <p class="govuk-error-message">{m}</p> })}
                <textarea class="govuk-textarea" id="bar-reason" rows="2" bind:value=reason></textarea>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary">"Never suggest this pair"</button>
        </form>
    }
}
