//! What I should be paid (`/payments/rates`): the service's rates in force today, other years'
//! for history, and a calculator for a week's expected payment. It explains; it is not a
//! payslip, and says so. Readable offline.

use leptos::prelude::*;
use portal_core::payments::{AgeBand, ESTIMATE_FIELDS, Estimate, EstimateForm, RateTable};
use portal_core::text::capitalise;

use crate::areas::payments::{PaymentsPage, use_payments};
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::page_title::PageTitle;
use crate::components::rate_table::RateTableView;
use crate::details_form::{FieldProblem, field_problems};
use crate::device::today;

#[component]
pub fn RatesPage() -> impl IntoView {
    let data = use_payments();
    view! {
        <PageTitle text=PaymentsPage::Rates.title() />
        <h1 class="govuk-heading-l">"What I should be paid"</h1>
        <p class="govuk-body">
            "The fostering service's published rates, and a calculator for a week. This "
            "explains what you should receive; it is not a payslip. If a payment looks wrong, "
            <a class="govuk-link" href=PaymentsPage::NewQuery.href()>"ask the finance team"</a> "."
        </p>
        {move || {
            let rates = data.with(|d| d.rates.clone());
            match rates.on(today()).cloned() {
                None => view! {
                    <p class="govuk-body">
                        "The rates have not reached this device yet. They arrive the next time "
                        "the portal syncs with a connection."
                    </p>
                }
                .into_any(),
                Some(current) => {
                    let others: Vec<RateTable> = rates
                        .tables
                        .iter()
                        .filter(|t| **t != current)
                        .rev()
                        .cloned()
                        .collect();
                    view! {
                        <h2 class="govuk-heading-m">{capitalise(&current.name())} " (from " {current.effective_from.long_form()} ")"</h2>
                        <RateTableView table=current.clone() />
                        <Calculator current=current />
                        {(!others.is_empty()).then(|| view! {
                            <h2 class="govuk-heading-m">"Other years"</h2>
                            {others.into_iter().map(|t| view! {
                                <details class="govuk-details">
                                    <summary class="govuk-details__summary">
                                        <span class="govuk-details__summary-text">
                                            {capitalise(&t.name())} " (from " {t.effective_from.long_form()} ")"
                                        </span>
                                    </summary>
                                    <div class="govuk-details__text"><RateTableView table=t /></div>
                                </details>
                            }).collect_view()}
                        })}
                    }
                    .into_any()
                }
            }
        }}
    }
}

/// The Monday of the week `date` is in.
fn monday_of(date: portal_core::date::CalendarDate) -> portal_core::date::CalendarDate {
    date.add_days(-i64::from(date.weekday()))
}

/// A week's expected payment from the children's age bands and the skills fee level.
#[component]
fn Calculator(current: RateTable) -> impl IntoView {
    let week = RwSignal::new(monday_of(today()).to_string());
    let children: [RwSignal<String>; 5] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let skills = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let result = RwSignal::new(None::<Estimate>);
    let data = use_payments();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = EstimateForm {
            week_start: week.get_untracked(),
            children: children.map(|c| c.get_untracked()),
            skills: skills.get_untracked(),
        };
        match data.with_untracked(|d| form.estimate(&d.rates)) {
            Ok(estimate) => {
                problems.set(Vec::new());
                result.set(Some(estimate));
            }
            Err(found) => {
                result.set(None);
                problems.set(field_problems(found));
            }
        }
    };
    let error = move |id: &'static str| move || problem_for(&problems.get(), id);
    let levels: Vec<String> = current.skills.iter().map(|l| l.name.clone()).collect();
    view! {
        <h2 class="govuk-heading-m">"Work out a week's payment"</h2>
        <ErrorSummary problems=problems />
        <form novalidate on:submit=submit>
            <div class="govuk-form-group" class:govuk-form-group--error=move || error(ESTIMATE_FIELDS[0])().is_some()>
                <label class="govuk-label" for=ESTIMATE_FIELDS[0]>"First day of the week"</label>
                <div class="govuk-hint" id="estimate-week-hint">"For example, 2/11/2026. A week across a change of rates is worked out day by day."</div>
                {move || error(ESTIMATE_FIELDS[0])().map(|m| view! { <p class="govuk-error-message">{m}</p> })}
                <input class="govuk-input govuk-input--width-10" id=ESTIMATE_FIELDS[0] type="text" aria-describedby="estimate-week-hint" bind:value=week />
            </div>
            <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"How many children you care for, by age"</legend>
                {AgeBand::ALL.into_iter().zip(children).enumerate().map(|(n, (band, value))| {
                    let id = ESTIMATE_FIELDS[n + 1];
                    view! {
                        <div class="govuk-form-group" class:govuk-form-group--error=move || error(id)().is_some()>
                            <label class="govuk-label" for=id>"Children " {band.words()}</label>
                            {move || error(id)().map(|m| view! { <p class="govuk-error-message">{m}</p> })}
                            <input class="govuk-input govuk-input--width-2" id=id type="text" inputmode="numeric" bind:value=value />
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="govuk-form-group">
                <label class="govuk-label" for=ESTIMATE_FIELDS[6]>"Your skills fee level"</label>
                <select class="govuk-select" id=ESTIMATE_FIELDS[6] on:change=move |e| skills.set(event_target_value(&e))>
                    <option value="" selected=true>"No skills fee"</option>
                    {levels.into_iter().map(|name| view! { <option value=name.clone()>{name.clone()}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary">"Work it out"</button>
        </form>
        {move || result.get().map(|estimate| view! {
            <table class="govuk-table" aria-live="polite">
                <caption class="govuk-table__caption govuk-table__caption--s">"What the week should pay"</caption>
                <tbody class="govuk-table__body">
                    {estimate.lines.into_iter().map(|(words, amount)| view! {
                        <tr class="govuk-table__row">
                            <th scope="row" class="govuk-table__header">{words}</th>
                            <td class="govuk-table__cell govuk-table__cell--numeric">{amount.to_string()}</td>
                        </tr>
                    }).collect_view()}
                    <tr class="govuk-table__row">
                        <th scope="row" class="govuk-table__header">"Total for the week"</th>
                        <td class="govuk-table__cell govuk-table__cell--numeric"><strong>{estimate.total.to_string()}</strong></td>
                    </tr>
                </tbody>
            </table>
            <p class="govuk-body-s">
                "This is an explanation from the published rates, not a payslip. Extra payments, "
                "deductions and changes agreed for your household are not included."
            </p>
        })}
    }
}
