//! Claims for staff (`/staff/payments/claims`): the queue oldest first, filtered by status;
//! for the finance team, approving several at once, the payment run's spreadsheet, marking a
//! run paid, and the rate per mile.

use leptos::prelude::*;
use portal_core::claims::{
    BulkForm, BulkOutcome, ClaimSettings, ClaimStatus, PaidForm, SettingsForm, StaffClaim,
    StaffClaims,
};

use super::{Loaded, fetched, load};
use crate::api::{self, ApiError, PAYMENT_RUN_CSV};
use crate::components::error_summary::ProblemSummary;
use crate::components::page_title::PageTitle;
use crate::components::select_field::{SelectField, choices_after};
use crate::staff::StaffPage;

#[component]
pub fn ClaimsPage() -> impl IntoView {
    // The filter and the page stand outside the parts drawn afresh from each answer, so that
    // neither is reset when the queue is fetched again after a change.
    let status = RwSignal::new(String::new());
    let page = RwSignal::new(1_usize);
    // The payment run's date is typed once and kept while claims are approved and paid.
    let paid_on = RwSignal::new(String::new());
    let loaded: Loaded<StaffClaims> = load(move || {
        let (status, page) = (status.get(), page.get());
        async move { api::staff_claims(&status, page).await }
    });
    let refresh = move || loaded.refetch();
    // What the last action did stays on screen while the queue is fetched and drawn again.
    let said = RwSignal::new(None::<String>);
    let statuses = choices_after(
        "Any status",
        ClaimStatus::ALL
            .into_iter()
            .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
            .collect(),
    );
    // A new filter starts from its first page.
    Effect::new(move |before: Option<String>| {
        let now = status.get();
        if before.is_some_and(|b| b != now) {
            page.set(1);
        }
        now
    });
    view! {
        <PageTitle text="Claims" />
        <h1 class="govuk-heading-l">"Claims"</h1>
        <p class="govuk-body">
            "Mileage, expenses and allowances carers have claimed, oldest first. Carers see "
            "each decision at their next sync."
        </p>
        {move || said.get().map(|words| view! { <p class="govuk-body" role="status">{words}</p> })}
        <div class="portal-filters">
            <SelectField id="filter-claim-status" label="Status" choices=statuses value=status />
        </div>
        {fetched(loaded, "Loading the claims…", move |list| view! {
            <Queue list=list.clone() refresh=refresh said=said paid_on=paid_on />
            <Pages list=list.clone() page=page />
            {list.can_decide.then(|| view! { <Settings settings=list.settings.clone() refresh=refresh /> })}
        })}
    }
}

/// Which page of the queue this is, with the way to the pages either side.
#[component]
fn Pages(list: StaffClaims, page: RwSignal<usize>) -> impl IntoView {
    let (at, pages) = (list.page, list.pages);
    (pages > 1).then(|| {
        view! {
            <nav class="govuk-pagination" aria-label="Pages of claims">
                {(at > 1).then(|| view! {
                    <div class="govuk-pagination__prev">
                        <button type="button" class="govuk-button govuk-button--secondary portal-button--link govuk-pagination__link" on:click=move |_| page.set(at - 1)>
                            <span class="govuk-pagination__link-title">"Previous page"</span>
                        </button>
                    </div>
                })}
                <p class="govuk-body govuk-pagination__item">
                    {format!("Page {at} of {pages} ({}).", crate::words::count(list.total, "claim", "claims"))}
                </p>
                {(at < pages).then(|| view! {
                    <div class="govuk-pagination__next">
                        <button type="button" class="govuk-button govuk-button--secondary portal-button--link govuk-pagination__link" on:click=move |_| page.set(at + 1)>
                            <span class="govuk-pagination__link-title">"Next page"</span>
                        </button>
                    </div>
                })}
            </nav>
        }
    })
}

/// What a bulk action did, in a sentence.
fn outcome_words(outcome: &BulkOutcome, done: &str) -> String {
    let mut words = format!(
        "{} {done}.",
        crate::words::count(outcome.changed, "claim", "claims")
    );
    for left in &outcome.left {
        words.push(' ');
        words.push_str(left);
    }
    words
}

#[component]
fn Queue(
    list: StaffClaims,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
    said: RwSignal<Option<String>>,
    paid_on: RwSignal<String>,
) -> impl IntoView {
    let chosen = RwSignal::new(Vec::<String>::new());
    let problem = RwSignal::new(None::<String>);
    let rows = list.claims;
    let finish = move |result: Result<BulkOutcome, ApiError>, done: &str| match result {
        Ok(outcome) => {
            problem.set(None);
            said.set(Some(outcome_words(&outcome, done)));
            chosen.set(Vec::new());
            refresh();
        }
        Err(error) => problem.set(Some(error.message())),
    };
    let approve = Action::new_local(|form: &BulkForm| {
        let form = form.clone();
        async move { api::approve_claims(&form).await }
    });
    let pay = Action::new_local(|form: &PaidForm| {
        let form = form.clone();
        async move { api::mark_claims_paid(&form).await }
    });
    Effect::new(move |_| {
        if let Some(result) = approve.value().get() {
            finish(result, "approved");
        }
    });
    Effect::new(move |_| {
        if let Some(result) = pay.value().get() {
            finish(result, "marked paid");
        }
    });
    let pending = move || approve.pending().get() || pay.pending().get();
    let none_chosen = move || {
        if chosen.with_untracked(Vec::is_empty) {
            problem.set(Some("Choose at least one claim first".to_owned()));
            true
        } else {
            false
        }
    };
    let approve_chosen = move |_| {
        if !none_chosen() && !pending() {
            approve.dispatch(BulkForm {
                claims: chosen.get_untracked(),
            });
        }
    };
    let pay_chosen = move |_| {
        if !none_chosen() && !pending() {
            pay.dispatch(PaidForm {
                claims: chosen.get_untracked(),
                paid_on: paid_on.get_untracked(),
            });
        }
    };
    let can_decide = list.can_decide;
    view! {
        <ProblemSummary problem=problem />
        {if rows.is_empty() {
            view! { <p class="govuk-body">"No claims match."</p> }.into_any()
        } else {
            view! {
                <table class="govuk-table">
                    <caption class="govuk-table__caption govuk-visually-hidden">"Claims, oldest first"</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            {can_decide.then(|| view! { <th scope="col" class="govuk-table__header">"Choose"</th> })}
                            <th scope="col" class="govuk-table__header">"Household"</th>
                            <th scope="col" class="govuk-table__header">"For"</th>
                            <th scope="col" class="govuk-table__header">"Claimed on"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Amount"</th>
                            <th scope="col" class="govuk-table__header">"Status"</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">
                        {rows.into_iter().map(|item| view! { <Row item=item chosen=chosen can_decide=can_decide /> }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        }}
        {can_decide.then(|| view! {
            <div class="govuk-button-group">
                <button type="button" class="govuk-button" on:click=approve_chosen aria-disabled=move || pending().to_string()>
                    "Approve the chosen claims"
                </button>
                <a class="govuk-button govuk-button--secondary" href=PAYMENT_RUN_CSV download="claims-payment-run.csv">
                    "Download approved claims for the payment run (CSV)"
                </a>
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for="claims-paid-on">"Date of the payment run"</label>
                <div class="govuk-hint" id="claims-paid-on-hint">"For example, 27/11/2026"</div>
                <input class="govuk-input govuk-input--width-10" id="claims-paid-on" type="text" aria-describedby="claims-paid-on-hint" bind:value=paid_on />
            </div>
            <button type="button" class="govuk-button govuk-button--secondary" on:click=pay_chosen aria-disabled=move || pending().to_string()>
                "Mark the chosen claims paid"
            </button>
        })}
    }
}

#[component]
fn Row(item: StaffClaim, chosen: RwSignal<Vec<String>>, can_decide: bool) -> impl IntoView {
    let claim = item.claim;
    let id = claim.id.clone();
    let checkbox_id = format!("choose-{id}");
    let label = format!("Choose the claim from {}", item.household_name);
    let toggle = {
        let id = id.clone();
        move |_| {
            chosen.update(|ids| {
                if let Some(at) = ids.iter().position(|c| *c == id) {
                    ids.remove(at);
                } else {
                    ids.push(id.clone());
                }
            });
        }
    };
    let checked = {
        let id = id.clone();
        move || chosen.with(|ids| ids.contains(&id))
    };
    view! {
        <tr class="govuk-table__row">
            {can_decide.then(|| view! {
                <td class="govuk-table__cell">
                    <div class="govuk-checkboxes govuk-checkboxes--small">
                        <div class="govuk-checkboxes__item">
                            <input class="govuk-checkboxes__input" type="checkbox" id=checkbox_id.clone()
                                prop:checked=checked on:change=toggle />
                            <label class="govuk-label govuk-checkboxes__label" for=checkbox_id>
                                <span class="govuk-visually-hidden">{label}</span>
                            </label>
                        </div>
                    </div>
                </td>
            })}
            <td class="govuk-table__cell">
                <a class="govuk-link" href=StaffPage::Claim(id).href()>{item.household_name}</a>
            </td>
            <td class="govuk-table__cell">{claim.title()}</td>
            <td class="govuk-table__cell">{claim.submitted_on.long_form()}</td>
            <td class="govuk-table__cell govuk-table__cell--numeric">{claim.about.total.to_string()}</td>
            <td class="govuk-table__cell">{claim.status.label()}</td>
        </tr>
    }
}

/// The rate per mile and the hourly rate for buddies' and mentors' time, each from a date, how
/// far back a claim may go, and the respite days a household has.
#[component]
fn Settings(
    settings: ClaimSettings,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let rate_from = RwSignal::new(String::new());
    let pence = RwSignal::new(String::new());
    let oldest = RwSignal::new(settings.oldest_days.to_string());
    let respite = RwSignal::new(settings.respite_days.to_string());
    let hourly_from = RwSignal::new(String::new());
    let per_hour = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let save = Action::new_local(|form: &SettingsForm| {
        let form = form.clone();
        async move { api::save_claim_settings(&form).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => {
            problem.set(None);
            refresh();
        }
        Some(Err(error)) => problem.set(Some(error.message())),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = SettingsForm {
            rate_from: rate_from.get_untracked(),
            pence_per_mile: pence.get_untracked(),
            oldest_days: oldest.get_untracked(),
            respite_days: respite.get_untracked(),
            hourly_from: hourly_from.get_untracked(),
            per_hour: per_hour.get_untracked(),
        };
        if let Err(problems) = form.apply_to(&ClaimSettings::default()) {
            problem.set(Some(problems.join(". ")));
            return;
        }
        if !save.pending().get_untracked() {
            save.dispatch(form);
        }
    };
    view! {
        <h2 class="govuk-heading-m">"Rate per mile"</h2>
        <ul class="govuk-list">
            {settings.rates().iter().map(|rate| view! {
                <li>{rate.pence_per_mile} "p a mile for journeys from " {rate.from.long_form()}</li>
            }).collect_view()}
        </ul>
        <h2 class="govuk-heading-m">"Buddies' and mentors' time"</h2>
        <ul class="govuk-list">
            {settings.hourly_rates().iter().map(|rate| view! {
                <li>{rate.per_hour.to_string()} " an hour for calls and meetings from " {rate.from.long_form()}</li>
            }).collect_view()}
        </ul>
        <ProblemSummary problem=problem />
        <form novalidate on:submit=submit>
            <div class="govuk-form-group">
                <label class="govuk-label" for="claims-rate-from">"New rate starts on"</label>
                <input class="govuk-input govuk-input--width-10" id="claims-rate-from" type="text" bind:value=rate_from />
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for="claims-rate">"Pence a mile"</label>
                <input class="govuk-input govuk-input--width-4" id="claims-rate" type="text" inputmode="numeric" bind:value=pence />
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for="claims-hourly-from">"New hourly rate starts on"</label>
                <input class="govuk-input govuk-input--width-10" id="claims-hourly-from" type="text" bind:value=hourly_from />
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for="claims-hourly">"Pounds an hour for buddies and mentors"</label>
                <input class="govuk-input govuk-input--width-5" id="claims-hourly" type="text" bind:value=per_hour />
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for="claims-oldest">"How many days back a claim may go"</label>
                <input class="govuk-input govuk-input--width-4" id="claims-oldest" type="text" inputmode="numeric" bind:value=oldest />
            </div>
            <div class="govuk-form-group">
                <label class="govuk-label" for="claims-respite">"Respite days a household has each year"</label>
                <input class="govuk-input govuk-input--width-4" id="claims-respite" type="text" inputmode="numeric" bind:value=respite />
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary">"Save the claim rules"</button>
        </form>
    }
}
