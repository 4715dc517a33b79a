//! Payment queries for staff (`/staff/payments`): the queue oldest first, with queries whose
//! answer is overdue flagged against the service's response target, filtered by category and
//! status; and the notice the finance team shows on every carer's home page.

use leptos::prelude::*;
use portal_core::payments::{
    NoticeForm, QueryCategory, QueryStatus, QueueFilter, RESPONSE_WORKING_DAYS, StaffQueries,
    StaffQuery,
};

use super::{Loaded, change, fetched, load};
use crate::api;
use crate::components::page_title::PageTitle;
use crate::components::select_field::{SelectField, choices_after};
use crate::staff::StaffPage;

#[component]
pub fn PaymentQueriesPage() -> impl IntoView {
    let loaded: Loaded<StaffQueries> = load(api::payment_queries);
    view! {
        <PageTitle text="Payment queries" />
        <h1 class="govuk-heading-l">"Payment queries"</h1>
        <p class="govuk-body">
            "Oldest first. An answer is due within " {RESPONSE_WORKING_DAYS} " working days of a "
            "query, or of a carer's follow-up."
        </p>
        <ul class="govuk-list">
            <li><a class="govuk-link" href=StaffPage::Claims.href()>"Claims: mileage, expenses and allowances"</a></li>
            <li><a class="govuk-link" href=StaffPage::PaymentRates.href()>"Rates"</a></li>
            <li><a class="govuk-link" href=StaffPage::PaymentNumbers.href()>"Numbers for reports"</a></li>
        </ul>
        {fetched(loaded, "Loading the queries…", |list| view! {
            {list.can_answer.then(|| view! { <Notice /> })}
            <Queue list=list />
        })}
    }
}

#[component]
fn Queue(list: StaffQueries) -> impl IntoView {
    let category = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let overdue_only = RwSignal::new(false);
    let categories = choices_after(
        "Any category",
        QueryCategory::ALL
            .into_iter()
            .map(|c| (c.as_str().to_owned(), c.label().to_owned()))
            .collect(),
    );
    let statuses = choices_after(
        "Any status",
        QueryStatus::ALL
            .into_iter()
            .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
            .collect(),
    );
    let all = StoredValue::new(list.queries);
    let shown = move || {
        let filter = QueueFilter::of(&category.get(), &status.get(), overdue_only.get());
        all.with_value(|queries| {
            queries
                .iter()
                .filter(|q| filter.admits(q))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let overdue = all.with_value(|q| q.iter().filter(|q| q.overdue).count());
    view! {
        <h2 class="govuk-heading-m">"Queries"</h2>
        <p class="govuk-body">{crate::words::count(overdue, "query is", "queries are")} " overdue."</p>
        <div class="portal-filters">
            <SelectField id="filter-category" label="Category" choices=categories value=category />
            <SelectField id="filter-status" label="Status" choices=statuses value=status />
            <div class="govuk-checkboxes govuk-checkboxes--small govuk-form-group">
                <div class="govuk-checkboxes__item">
                    <input class="govuk-checkboxes__input" id="filter-overdue" type="checkbox"
                        prop:checked=move || overdue_only.get() on:change=move |_| overdue_only.update(|v| *v = !*v) />
                    <label class="govuk-label govuk-checkboxes__label" for="filter-overdue">"Only overdue"</label>
                </div>
            </div>
        </div>
        {move || {
            let rows = shown();
            if rows.is_empty() {
                return view! { <p class="govuk-body">"No queries match."</p> }.into_any();
            }
            view! {
                <table class="govuk-table">
                    <caption class="govuk-table__caption govuk-visually-hidden">"Payment queries, oldest first"</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Household"</th>
                            <th scope="col" class="govuk-table__header">"About"</th>
                            <th scope="col" class="govuk-table__header">"Asked on"</th>
                            <th scope="col" class="govuk-table__header">"Status"</th>
                            <th scope="col" class="govuk-table__header">"Handled by"</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">
                        {rows.into_iter().map(|item| view! { <Row item=item /> }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        }}
    }
}

#[component]
fn Row(item: StaffQuery) -> impl IntoView {
    let query = item.query;
    view! {
        <tr class="govuk-table__row">
            <td class="govuk-table__cell">
                <a class="govuk-link" href=StaffPage::PaymentQuery(query.id.clone()).href()>{item.household_name}</a>
            </td>
            <td class="govuk-table__cell">{query.about.category.label()}</td>
            <td class="govuk-table__cell">{query.raised_on.long_form()}</td>
            <td class="govuk-table__cell">
                {query.status.label()}
                {item.overdue.then(|| view! { " " <strong class="govuk-tag govuk-tag--red">"Overdue"</strong> })}
                {query.status.awaiting_finance().then(|| view! {
                    <br /><span class="govuk-body-s">"Due by " {query.respond_by.long_form()}</span>
                })}
            </td>
            <td class="govuk-table__cell">{query.handler.unwrap_or_else(|| "Nobody yet".to_owned())}</td>
        </tr>
    }
}

/// The notice on every carer's home page ("this week's payment run will be a day late").
#[component]
fn Notice() -> impl IntoView {
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    // The notice as published, read once into the box; what is typed is never replaced.
    let published = LocalResource::new(api::payment_notice);
    Effect::new(move |_| {
        if let Some(Ok(Some(notice))) = published.get() {
            text.set(notice.text);
        }
    });
    let saving = change(
        move |form: NoticeForm| async move { api::save_payment_notice(&form).await },
        move |result| match result {
            Ok(Some(_)) => saved.set(Some(
                "Notice published. Carers see it on their home page at their next sync.".to_owned(),
            )),
            Ok(None) => saved.set(Some("Notice taken down.".to_owned())),
            Err(error) => problem.set(Some(error.message())),
        },
    );
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = NoticeForm {
            text: text.get_untracked(),
        };
        if let Err(message) = form.parse() {
            problem.set(Some(message));
            return;
        }
        problem.set(None);
        if !saving.pending().get_untracked() {
            saving.dispatch(form);
        }
    };
    view! {
        <h2 class="govuk-heading-m">"Notice to all carers"</h2>
        {move || saved.get().map(|words| view! { <p class="govuk-body" role="status">{words}</p> })}
        <form novalidate on:submit=submit>
            <div class="govuk-form-group" class:govuk-form-group--error=move || problem.get().is_some()>
                <label class="govuk-label" for="payment-notice">"Notice (leave empty to take it down)"</label>
                <div class="govuk-hint" id="payment-notice-hint">
                    "For example, “This week's payment run will be a day late because of the bank holiday.”"
                </div>
                {move || problem.get().map(|p| view! { <p class="govuk-error-message" role="alert">{p}</p> })}
                <textarea class="govuk-textarea" id="payment-notice" rows="3" aria-describedby="payment-notice-hint" bind:value=text></textarea>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary">"Save the notice"</button>
        </form>
    }
}
