//! The buddy scheme for staff (`/staff/buddies`): run the matcher for everyone waiting, review
//! its suggestions with their reasons and scores, send the ones to make, and see every pairing
//! with why any was declined or ended.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::buddies::{
    PairChoice, PairingStatus, SendPairs, StaffBuddies, StaffPairing, StaffProposal, WEIGHT_FIELDS,
    WeightsForm,
};

use super::{Loaded, load_failure};
use crate::api;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::TextField;
use crate::components::page_title::PageTitle;
use crate::details_form::FieldProblem;
use crate::words::count;

const fn status_words(status: PairingStatus) -> &'static str {
    match status {
        PairingStatus::Proposed => "Suggested",
        PairingStatus::Active => "Paired",
        PairingStatus::Declined => "Declined",
        PairingStatus::Ended => "Ended",
    }
}

#[component]
pub fn BuddiesPage() -> impl IntoView {
    let loaded: Loaded<StaffBuddies> = RwSignal::new(None);
    let refresh = move || spawn_local(async move { loaded.set(Some(api::staff_buddies().await)) });
    refresh();
    let done = RwSignal::new(None::<String>);
    view! {
        <PageTitle text="Buddies" />
        <h1 class="govuk-heading-l">"Buddy scheme"</h1>
        {move || done.get().map(|words| view! {
            <div class="govuk-notification-banner govuk-notification-banner--success" role="alert">
                <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading">{words}</p>
                </div>
            </div>
        })}
        {move || match loaded.get() {
            None => view! { <p class="govuk-body">"Loading the buddy scheme…"</p> }.into_any(),
            Some(Err(error)) => load_failure(&error),
            Some(Ok(list)) => view! { <Scheme list=list refresh=refresh done=done /> }.into_any(),
        }}
        <Scoring />
    }
}

/// How pairs are scored: points for each thing in common, and the service's areas.
#[component]
fn Scoring() -> impl IntoView {
    let loaded = super::load(api::buddy_weights());
    move || match loaded.get() {
        None => ().into_any(),
        Some(Err(error)) => load_failure(&error),
        Some(Ok(form)) => view! { <ScoringForm form=form /> }.into_any(),
    }
}

#[component]
fn ScoringForm(form: WeightsForm) -> impl IntoView {
    let points: Vec<RwSignal<String>> = form
        .points()
        .into_iter()
        .map(|p| RwSignal::new(p.clone()))
        .collect();
    let areas = RwSignal::new(form.areas.clone());
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let saved = RwSignal::new(false);
    let fields = StoredValue::new(points.clone());
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        saved.set(false);
        let value = |n: usize| fields.with_value(|f| f[n].get_untracked());
        let typed = WeightsForm {
            same_district: value(0),
            same_area: value(1),
            same_carer_type: value(2),
            shared_experience: value(3),
            shared_language: value(4),
            shared_availability: value(5),
            areas: areas.get_untracked(),
        };
        if let Err(found) = typed.parse() {
            problems.set(
                found
                    .into_iter()
                    .map(|(input_id, message)| FieldProblem {
                        input_id: input_id.into(),
                        message,
                    })
                    .collect(),
            );
            return;
        }
        problems.set(Vec::new());
        spawn_local(async move {
            match api::save_buddy_weights(&typed).await {
                Ok(_) => saved.set(true),
                Err(error) => problems.set(vec![FieldProblem {
                    input_id: WEIGHT_FIELDS[0].0.into(),
                    message: error.message(),
                }]),
            }
        });
    };
    view! {
        <h2 class="govuk-heading-m">"How pairs are scored"</h2>
        <p class="govuk-body">
            "Points for each thing a pair has in common. The matcher gives as many carers a buddy "
            "as it can, then chooses the pairs with the most points in total."
        </p>
        {move || saved.get().then(|| view! { <p class="govuk-body" role="status">"Scoring saved. The next suggestions use it."</p> })}
        <ErrorSummary problems=problems />
        <form novalidate on:submit=submit>
            {WEIGHT_FIELDS.into_iter().zip(points).map(|((id, label), value)| view! {
                <TextField id=id label=label kind="text" autocomplete="off" value=value
                    error=Signal::derive(move || problem_for(&problems.get(), id)) />
            }).collect_view()}
            <div class="govuk-form-group" class:govuk-form-group--error=move || problem_for(&problems.get(), "weight-areas").is_some()>
                <label class="govuk-label" for="weight-areas">"The service's areas (optional)"</label>
                <div id="weight-areas-hint" class="govuk-hint">
                    "One postcode district per line, then the area's name, like “CW1 Crewe”. Without an area, the postcode area counts."
                </div>
                {move || problem_for(&problems.get(), "weight-areas").map(|m| view! { <p class="govuk-error-message">{m}</p> })}
                <textarea class="govuk-textarea" id="weight-areas" rows="4" aria-describedby="weight-areas-hint"
                    prop:value=move || areas.get() on:input=move |e| areas.set(event_target_value(&e))></textarea>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary">"Save the scoring"</button>
        </form>
    }
}

#[component]
fn Scheme(
    list: StaffBuddies,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let proposal = RwSignal::new(None::<StaffProposal>);
    let problem = RwSignal::new(None::<String>);
    let suggest = move |_| {
        done.set(None);
        spawn_local(async move {
            match api::buddy_proposals().await {
                Ok(found) => {
                    problem.set(None);
                    proposal.set(Some(found));
                }
                Err(error) => problem.set(Some(error.message())),
            }
        });
    };
    view! {
        <p class="govuk-body">
            {count(list.seekers_waiting, "carer is", "carers are")} " waiting for a buddy; "
            {count(list.volunteers_with_places, "buddy has", "buddies have")} " places."
        </p>
        {move || problem.get().map(|p| view! { <p class="govuk-error-message" role="alert">{p}</p> })}
        {list.can_edit.then(|| view! {
            <button type="button" class="govuk-button" on:click=suggest>"Suggest pairs for everyone waiting"</button>
        })}
        {move || proposal.get().map(|found| view! { <Review proposal=found refresh=refresh done=done cleared=proposal /> })}
        <h2 class="govuk-heading-m">"Pairings"</h2>
        {if list.pairings.is_empty() {
            view! { <p class="govuk-body">"No pairs have been suggested yet."</p> }.into_any()
        } else {
            view! {
                <ul class="govuk-list">
                    {list.pairings.into_iter().map(|p| view! { <PairingItem item=p /> }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

#[component]
fn PairingItem(item: StaffPairing) -> impl IntoView {
    let reasons = item
        .pairing
        .reasons
        .iter()
        .map(portal_core::buddies::Reason::words)
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <li class="govuk-inset-text">
            <p class="govuk-body">
                <strong>{item.seeker_name}</strong> " with buddy " <strong>{item.buddy_name}</strong> " "
                <strong class="govuk-tag">{status_words(item.pairing.status)}</strong>
            </p>
            <p class="govuk-body-s">"Score " {item.pairing.score} ". " {reasons}</p>
            {(item.pairing.status == PairingStatus::Active).then(|| view! {
                <p class="govuk-body-s">
                    {match item.last_contact {
                        Some(last) => format!(
                            "{} logged, the last on {}.",
                            count(item.contacts, "contact", "contacts"),
                            last.long_form()
                        ),
                        None => "No contacts logged yet.".to_owned(),
                    }}
                    " "
                    {item.going_quiet.then(|| view! { <strong class="govuk-tag govuk-tag--orange">"Going quiet"</strong> })}
                </p>
            })}
            {item.reason.map(|r| view! { <p class="govuk-body-s">"Their reason: " {r}</p> })}
        </li>
    }
}

/// The matcher's suggestions, each ticked to send; staff untick any they disagree with.
#[component]
fn Review(
    proposal: StaffProposal,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
    done: RwSignal<Option<String>>,
    cleared: RwSignal<Option<StaffProposal>>,
) -> impl IntoView {
    let ticked: Vec<(PairChoice, RwSignal<bool>)> = proposal
        .pairs
        .iter()
        .map(|p| {
            (
                PairChoice {
                    seeker: p.seeker.clone(),
                    buddy: p.buddy.clone(),
                },
                RwSignal::new(true),
            )
        })
        .collect();
    let chosen = StoredValue::new(ticked.clone());
    let problem = RwSignal::new(None::<String>);
    let send = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let pairs: Vec<PairChoice> = chosen.with_value(|all| {
            all.iter()
                .filter(|(_, on)| on.get_untracked())
                .map(|(pair, _)| pair.clone())
                .collect()
        });
        let sent = pairs.len();
        spawn_local(async move {
            match api::send_buddy_pairs(&SendPairs { pairs }).await {
                Ok(_) => {
                    cleared.set(None);
                    done.set(Some(format!(
                        "{} sent. Both sides see them next time the portal syncs.",
                        count(sent, "suggestion", "suggestions")
                    )));
                    refresh();
                }
                Err(error) => problem.set(Some(error.message())),
            }
        });
    };
    view! {
        <h2 class="govuk-heading-m">"Suggested pairs"</h2>
        {proposal.pairs.is_empty().then(|| view! { <p class="govuk-body">"There is nobody to pair just now."</p> })}
        {(!proposal.unmatched.is_empty()).then(|| view! {
            <p class="govuk-body">"No buddy could be suggested for: " {proposal.unmatched.join(", ")} "."</p>
        })}
        <form novalidate on:submit=send>
            <div class="govuk-checkboxes govuk-checkboxes--small">
                {proposal.pairs.iter().zip(ticked).enumerate().map(|(n, (pair, (_, on)))| {
                    let id = format!("suggestion-{n}");
                    let reasons = pair.reasons.iter().map(portal_core::buddies::Reason::words).collect::<Vec<_>>().join("; ");
                    view! {
                        <div class="govuk-checkboxes__item">
                            <input class="govuk-checkboxes__input" id=id.clone() type="checkbox"
                                prop:checked=move || on.get() on:change=move |_| on.update(|v| *v = !*v) />
                            <label class="govuk-label govuk-checkboxes__label" for=id>
                                {pair.seeker_name.clone()} " with " {pair.buddy_name.clone()} " (score " {pair.score} ")"
                            </label>
                            <div class="govuk-hint govuk-checkboxes__hint">{reasons}</div>
                        </div>
                    }
                }).collect_view()}
            </div>
            {move || problem.get().map(|p| view! { <p class="govuk-error-message" role="alert">{p}</p> })}
            {(!proposal.pairs.is_empty()).then(|| view! {
                <button type="submit" class="govuk-button">"Send the ticked suggestions"</button>
            })}
        </form>
    }
}
