//! The service's rates for staff (`/staff/payments/rates`): every table with its date, and for
//! the finance team a form for the next one (filled in from the latest), which joins the
//! others: old tables stay for history. Also the numbers for reports
//! (`/staff/payments/numbers`).

use leptos::prelude::*;
use portal_core::payments::{
    AgeBand, RATE_FIELDS, RateForm, Rates, StaffQueries, numbers, numbers_csv,
};
use portal_core::text::capitalise;

use super::{Loaded, change, fetched, load};
use crate::api;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::page_title::PageTitle;
use crate::components::rate_table::RateTableView;
use crate::details_form::{FieldProblem, field_problems};
use crate::device::save_file;
use crate::staff::StaffPage;

#[component]
pub fn PaymentRatesPage() -> impl IntoView {
    let loaded: Loaded<Rates> = load(api::payment_rates);
    let queue: Loaded<StaffQueries> = load(api::payment_queries);
    let can_edit = move || matches!(queue.get(), Some(Ok(list)) if list.can_answer);
    view! {
        <PageTitle text="Rates" />
        <p class="govuk-body"><a class="govuk-link" href=StaffPage::PaymentQueries.href()>"Payment queries"</a></p>
        <h1 class="govuk-heading-l">"Rates"</h1>
        <p class="govuk-body">
            "Carers see these on “What I should be paid”, with a calculator. Each table is in "
            "force from its date until the next one's."
        </p>
        {fetched(loaded, "Loading the rates…", move |rates| {
            let latest = rates.tables.last().map(RateForm::of).unwrap_or_default();
            view! {
                {rates.tables.iter().rev().map(|t| view! {
                    <h2 class="govuk-heading-m">{capitalise(&t.name())} " (from " {t.effective_from.long_form()} ")"</h2>
                    <RateTableView table=t.clone() />
                }).collect_view()}
                {can_edit().then(|| view! { <NewRates start=latest.clone() loaded=loaded /> })}
            }
            .into_any()
        })}
    }
}

/// Next year's rates, starting from the latest table's.
#[component]
fn NewRates(start: RateForm, loaded: Loaded<Rates>) -> impl IntoView {
    let from = RwSignal::new(String::new());
    let allowance = start.allowance.map(RwSignal::new);
    let skills = RwSignal::new(start.skills);
    let extras = RwSignal::new(start.extras);
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let adding = change(
        move |form: RateForm| async move { api::add_payment_rates(&form).await },
        move |result| match result {
            Ok(rates) => {
                problems.set(Vec::new());
                loaded.set(Some(Ok(rates)));
            }
            Err(error) => problems.set(field_problems(vec![(RATE_FIELDS[0], error.message())])),
        },
    );
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = RateForm {
            effective_from: from.get_untracked(),
            allowance: allowance.map(|a| a.get_untracked()),
            skills: skills.get_untracked(),
            extras: extras.get_untracked(),
        };
        if let Err(found) = form.parse() {
            problems.set(field_problems(found));
            return;
        }
        if !adding.pending().get_untracked() {
            adding.dispatch(form);
        }
    };
    let error = move |id: &'static str| move || problem_for(&problems.get(), id);
    let field = move |id: &'static str,
                      label: String,
                      value: RwSignal<String>,
                      hint: Option<&'static str>| {
        let hint_id = format!("{id}-hint");
        view! {
            <div class="govuk-form-group" class:govuk-form-group--error=move || error(id)().is_some()>
                <label class="govuk-label" for=id>{label}</label>
                {hint.map(|h| view! { <div class="govuk-hint" id=hint_id.clone()>{h}</div> })}
                {move || error(id)().map(|m| view! { <p class="govuk-error-message">{m}</p> })}
                <input class="govuk-input govuk-input--width-10" id=id type="text" aria-describedby=hint.map(|_| hint_id.clone()) bind:value=value />
            </div>
        }
    };
    view! {
        <h2 class="govuk-heading-m">"Add rates"</h2>
        <p class="govuk-body">"Filled in from the latest rates: change what is new. The rates before stay for history."</p>
        <ErrorSummary problems=problems />
        <form novalidate on:submit=submit>
            {field(RATE_FIELDS[0], "In force from".to_owned(), from, Some("For example, 6/4/2027"))}
            {AgeBand::ALL.into_iter().zip(allowance).enumerate().map(|(n, (band, value))| {
                field(RATE_FIELDS[n + 1], format!("Weekly allowance for a child {}", band.words()), value, None)
            }).collect_view()}
            <div class="govuk-form-group" class:govuk-form-group--error=move || error(RATE_FIELDS[6])().is_some()>
                <label class="govuk-label" for=RATE_FIELDS[6]>"Skills fee levels"</label>
                <div class="govuk-hint" id="rates-skills-hint">"One per line: the level, then the weekly amount, like “Level 2 £160.00”."</div>
                {move || error(RATE_FIELDS[6])().map(|m| view! { <p class="govuk-error-message">{m}</p> })}
                <textarea class="govuk-textarea" id=RATE_FIELDS[6] rows="4" aria-describedby="rates-skills-hint" bind:value=skills></textarea>
            </div>
            <div class="govuk-form-group" class:govuk-form-group--error=move || error(RATE_FIELDS[7])().is_some()>
                <label class="govuk-label" for=RATE_FIELDS[7]>"Other payments"</label>
                <div class="govuk-hint" id="rates-extras-hint">"One per line: a name, a colon, then the amount, like “Birthday: one week's allowance”."</div>
                {move || error(RATE_FIELDS[7])().map(|m| view! { <p class="govuk-error-message">{m}</p> })}
                <textarea class="govuk-textarea" id=RATE_FIELDS[7] rows="6" aria-describedby="rates-extras-hint" bind:value=extras></textarea>
            </div>
            <button type="submit" class="govuk-button">"Add these rates"</button>
        </form>
    }
}

#[component]
pub fn PaymentNumbersPage() -> impl IntoView {
    let loaded: Loaded<StaffQueries> = load(api::payment_queries);
    view! {
        <PageTitle text="Payment query numbers" />
        <p class="govuk-body"><a class="govuk-link" href=StaffPage::PaymentQueries.href()>"Payment queries"</a></p>
        <h1 class="govuk-heading-l">"Payment query numbers"</h1>
        {fetched(loaded, "Loading…", move |list| {
            let queries: Vec<_> = list.queries.into_iter().map(|q| q.query).collect();
            let rows = numbers(&queries);
            let csv = numbers_csv(&rows);
            let problem = RwSignal::new(None::<String>);
            let download = move |_| {
                problem.set(save_file("payment-queries.csv", "text/csv;charset=utf-8", &csv).err());
            };
            view! {
                <p class="govuk-body">"By the month each query was asked, with the median days to the first answer and to being resolved."</p>
                {move || problem.get().map(|p| view! { <p class="govuk-error-message" role="alert">{p}</p> })}
                <button type="button" class="govuk-button govuk-button--secondary" on:click=download>"Download as a spreadsheet (CSV)"</button>
                <table class="govuk-table">
                    <caption class="govuk-table__caption govuk-visually-hidden">"Payment queries by month and category"</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            {["Month", "Category", "Asked", "Answered", "Median days to answer", "Resolved", "Median days to resolve"]
                                .into_iter()
                                .map(|h| view! { <th scope="col" class="govuk-table__header">{h}</th> })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">
                        {rows.into_iter().map(|row| {
                            let days = |d: Option<i64>| d.map_or_else(|| "–".to_owned(), |d| d.to_string());
                            view! {
                                <tr class="govuk-table__row">
                                    <td class="govuk-table__cell">{row.month}</td>
                                    <td class="govuk-table__cell">{row.category.label()}</td>
                                    <td class="govuk-table__cell">{row.raised}</td>
                                    <td class="govuk-table__cell">{row.answered}</td>
                                    <td class="govuk-table__cell">{days(row.days_to_answer)}</td>
                                    <td class="govuk-table__cell">{row.resolved}</td>
                                    <td class="govuk-table__cell">{days(row.days_to_resolve)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        })}
    }
}
