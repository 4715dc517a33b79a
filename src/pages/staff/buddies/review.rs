//! The matcher's suggestions as staff review them: for each carer waiting, the buddy the
//! matcher chose (or none), which staff can change to another the rules allow, or to nobody
//! for now, before sending.

use leptos::prelude::*;
use portal_core::buddies::{
    NamedPair, PairChoice, PairingKind, Reason, SendPairs, StaffProposal, Waiting,
};

use crate::api;
use crate::pages::staff::change;
use crate::words::count;

/// "Score 55. Both in Crewe; both speak Polish."
fn described(pair: &NamedPair) -> String {
    let reasons: Vec<String> = pair.reasons.iter().map(Reason::words).collect();
    if reasons.is_empty() {
        format!("Score {}. Nothing in common that scores.", pair.score)
    } else {
        format!("Score {}. {}.", pair.score, reasons.join("; "))
    }
}

/// The pairs to send: each carer with the buddy staff left chosen, if any.
fn chosen_pairs(choices: &[(String, RwSignal<String>)]) -> Vec<PairChoice> {
    choices
        .iter()
        .filter_map(|(seeker, buddy)| {
            let buddy = buddy.get_untracked();
            (!buddy.is_empty()).then(|| PairChoice {
                seeker: seeker.clone(),
                buddy,
            })
        })
        .collect()
}

#[component]
pub fn Review(
    kind: PairingKind,
    proposal: StaffProposal,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
    done: RwSignal<Option<String>>,
    cleared: RwSignal<Option<(PairingKind, StaffProposal)>>,
) -> impl IntoView {
    let (helper, supported) = (kind.helper(), kind.supported());
    let choices: Vec<(String, RwSignal<String>)> = proposal
        .waiting
        .iter()
        .map(|w| {
            let buddy = w
                .chosen
                .as_ref()
                .map(|p| p.buddy.clone())
                .unwrap_or_default();
            (w.seeker.clone(), RwSignal::new(buddy))
        })
        .collect();
    let stored = StoredValue::new(choices.clone());
    let problem = RwSignal::new(None::<String>);
    let sending = change(
        move |pairs: SendPairs| async move {
            let sent = pairs.pairs.len();
            api::send_buddy_pairs(&pairs).await.map(|_| sent)
        },
        move |result| match result {
            Ok(sent) => {
                cleared.set(None);
                done.set(Some(format!(
                    "{} sent. Both sides see them next time the portal syncs.",
                    count(sent, "suggestion", "suggestions")
                )));
                refresh();
            }
            Err(error) => problem.set(Some(error.message())),
        },
    );
    let send = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let pairs = stored.with_value(|c| chosen_pairs(c));
        if pairs.is_empty() {
            problem.set(Some(format!(
                "Choose a {helper} for at least one {supported}, or leave this for now."
            )));
            return;
        }
        if !sending.pending().get_untracked() {
            sending.dispatch(SendPairs { kind, pairs });
        }
    };
    let unmatched = proposal.unmatched().join(", ");
    let nobody_waiting = proposal.waiting.is_empty();
    view! {
        <h2 class="govuk-heading-m">{format!("Suggested {}", kind.helpers())}</h2>
        {nobody_waiting.then(|| view! { <p class="govuk-body">"There is nobody to pair just now."</p> })}
        {(!unmatched.is_empty()).then(|| view! {
            <p class="govuk-body">{format!("The matcher found no {helper} with a place for: {unmatched}.")}</p>
        })}
        {(!nobody_waiting).then(|| view! {
            <p class="govuk-body">
                {format!("Each {supported} has the matcher's choice. Choose another {helper} the rules allow, or “Nobody for now”, then send.")}
            </p>
        })}
        <form novalidate on:submit=send>
            {proposal.waiting.into_iter().zip(choices).enumerate().map(|(n, (waiting, (_, buddy)))| {
                view! { <Choice n=n kind=kind waiting=waiting buddy=buddy /> }
            }).collect_view()}
            {move || problem.get().map(|p| view! { <p class="govuk-error-message" role="alert">{p}</p> })}
            {(!nobody_waiting).then(|| view! {
                <button type="submit" class="govuk-button">"Send these suggestions"</button>
            })}
        </form>
    }
}

/// One carer waiting: a choice of buddy, with why the chosen one was suggested.
#[component]
fn Choice(n: usize, kind: PairingKind, waiting: Waiting, buddy: RwSignal<String>) -> impl IntoView {
    let id = format!("buddy-for-{n}");
    let hint = format!("{id}-hint");
    let options: Vec<(String, String, String)> = waiting
        .options()
        .map(|p| (p.buddy.clone(), p.buddy_name.clone(), described(p)))
        .collect();
    let descriptions = StoredValue::new(options.clone());
    let why = move || {
        let chosen = buddy.get();
        descriptions.with_value(|all| {
            all.iter().find(|(id, ..)| *id == chosen).map_or_else(
                || "No suggestion will be sent.".to_owned(),
                |(.., d)| d.clone(),
            )
        })
    };
    view! {
        <div class="govuk-form-group">
            <label class="govuk-label" for=id.clone()>{portal_core::text::capitalise(kind.helper())} " for " {waiting.seeker_name}</label>
            <div class="govuk-hint" id=hint.clone()>{why}</div>
            <select class="govuk-select" id=id aria-describedby=hint on:change=move |e| buddy.set(event_target_value(&e))>
                {options.into_iter().enumerate().map(|(k, (value, name, _))| {
                    let selected = value == buddy.get_untracked();
                    let label = if k == 0 && waiting.chosen.is_some() {
                        format!("{name} (the matcher's choice)")
                    } else {
                        name
                    };
                    view! { <option value=value selected=selected>{label}</option> }
                }).collect_view()}
                <option value="" selected=buddy.get_untracked().is_empty()>"Nobody for now"</option>
            </select>
        </div>
    }
}
