//! The buddy scheme for staff (`/staff/buddies`): run the matcher for everyone waiting, review
//! its suggestions with their reasons and scores, send the ones to make, and see every pairing
//! with why any was declined or ended.

mod pairings;
mod review;

use leptos::prelude::*;
use portal_core::buddies::{PairingKind, StaffBuddies, StaffProposal, WEIGHT_FIELDS, WeightsForm};

use pairings::{Barred, PairingItem};
use review::Review;

use super::{Loaded, change, fetched, load};
use crate::api;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::TextField;
use crate::components::page_title::PageTitle;
use crate::details_form::{FieldProblem, field_problems};
use crate::words::count;

#[component]
pub fn BuddiesPage() -> impl IntoView {
    let loaded: Loaded<StaffBuddies> = load(api::staff_buddies);
    let refresh = move || loaded.refetch();
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
        {fetched(loaded, "Loading the buddy scheme…", move |list| view! { <Scheme list=list refresh=refresh done=done /> }.into_any())}
        <Scoring />
    }
}

/// How pairs are scored: points for each thing in common, and the service's areas.
#[component]
fn Scoring() -> impl IntoView {
    let loaded = load(api::buddy_weights);
    fetched(
        loaded,
        "Loading how pairs are scored…",
        |form| view! { <ScoringForm form=form /> },
    )
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
    let saving = change(
        move |typed: WeightsForm| async move { api::save_buddy_weights(&typed).await },
        move |result| match result {
            Ok(_) => saved.set(true),
            Err(error) => problems.set(vec![FieldProblem {
                input_id: WEIGHT_FIELDS[0].0.into(),
                message: error.message(),
            }]),
        },
    );
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
            problems.set(field_problems(found));
            return;
        }
        problems.set(Vec::new());
        if !saving.pending().get_untracked() {
            saving.dispatch(typed);
        }
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
    let proposal = RwSignal::new(None::<(PairingKind, StaffProposal)>);
    let problem = RwSignal::new(None::<String>);
    let proposing = change(
        move |kind: PairingKind| async move { api::buddy_proposals(kind).await.map(|p| (kind, p)) },
        move |result| match result {
            Ok(found) => {
                problem.set(None);
                proposal.set(Some(found));
            }
            Err(error) => problem.set(Some(error.message())),
        },
    );
    let suggest = move |kind: PairingKind| {
        done.set(None);
        if !proposing.pending().get_untracked() {
            proposing.dispatch(kind);
        }
    };
    view! {
        <p class="govuk-body">
            {count(list.seekers_waiting, "carer is", "carers are")} " waiting for a buddy; "
            {count(list.volunteers_with_places, "buddy has", "buddies have")} " places."
        </p>
        <p class="govuk-body">
            {count(list.applicants_waiting, "applicant is", "applicants are")} " waiting for a mentor; "
            {count(list.mentors_with_places, "mentor has", "mentors have")} " places."
        </p>
        {move || problem.get().map(|p| view! { <p class="govuk-error-message" role="alert">{p}</p> })}
        {list.can_edit.then(|| view! {
            <div class="govuk-button-group">
                <button type="button" class="govuk-button" on:click=move |_| suggest(PairingKind::Buddy)>"Suggest buddies for everyone waiting"</button>
                <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| suggest(PairingKind::Mentor)>"Suggest mentors for applicants"</button>
            </div>
        })}
        {move || proposal.get().map(|(kind, found)| view! { <Review kind=kind proposal=found refresh=refresh done=done cleared=proposal /> })}
        <h2 class="govuk-heading-m">"Pairings"</h2>
        {if list.pairings.is_empty() {
            view! { <p class="govuk-body">"No pairs have been suggested yet."</p> }.into_any()
        } else {
            view! {
                <ul class="govuk-list">
                    {list.pairings.into_iter().map(|p| view! { <PairingItem item=p can_edit=list.can_edit refresh=refresh /> }).collect_view()}
                </ul>
            }
            .into_any()
        }}
        <Barred barred=list.barred members=list.members can_edit=list.can_edit refresh=refresh />
    }
}
