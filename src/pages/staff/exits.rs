//! Why carers leave (`/staff/exits`): households that left the service, by the month they left
//! and the reason staff recorded, over two years, so the service can see the trend.

use leptos::prelude::*;
use portal_core::carers::{ExitReason, ExitReport};

use super::{Loaded, fetched, load};
use crate::api;
use crate::components::page_title::PageTitle;
use crate::staff::StaffPage;

/// "November 2026" for `2026-11`.
fn month_words(month: &str) -> String {
    portal_core::date::CalendarDate::parse(&format!("{month}-01")).map_or_else(
        |_| month.to_owned(),
        |first| {
            let words = first.long_form();
            words
                .split_once(' ')
                .map_or(words.clone(), |(_, rest)| rest.to_owned())
        },
    )
}

#[component]
pub fn ExitsPage() -> impl IntoView {
    let report: Loaded<ExitReport> = load(api::exits);
    view! {
        <PageTitle text="Why carers leave" />
        <a href=StaffPage::Carers.href() class="govuk-back-link">"Back to carers"</a>
        <h1 class="govuk-heading-l">"Why carers leave"</h1>
        <p class="govuk-body">
            "Households that have left the service in the last two years, by the month they left "
            "and the reason recorded when they were ended."
        </p>
        {fetched(report, "Counting…", |report| view! { <ExitTable report=report /> })}
    }
}

#[component]
fn ExitTable(report: ExitReport) -> impl IntoView {
    let totals = report.totals();
    if totals.iter().sum::<usize>() == 0 {
        return view! { <p class="govuk-body">"No household has left in the last two years."</p> }
            .into_any();
    }
    // Newest month first, and only months in which someone left: a long run of empty rows
    // would hide the ones that matter.
    let months: Vec<_> = report
        .months
        .into_iter()
        .rev()
        .filter(|m| m.counts.iter().any(|&c| c > 0))
        .collect();
    view! {
        <div class="portal-table-scroll" role="region" aria-label="Exits by month and reason" tabindex="0">
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--m">"Exits by month and reason"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Month"</th>
                        {ExitReason::ALL.into_iter().map(|r| view! {
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">{r.label()}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {months.into_iter().map(|m| view! {
                        <tr class="govuk-table__row">
                            <th scope="row" class="govuk-table__header">{month_words(&m.month)}</th>
                            {m.counts.into_iter().map(|c| view! {
                                <td class="govuk-table__cell govuk-table__cell--numeric">{c}</td>
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                    <tr class="govuk-table__row">
                        <th scope="row" class="govuk-table__header">"Two years"</th>
                        {totals.into_iter().map(|c| view! {
                            <td class="govuk-table__cell govuk-table__cell--numeric"><strong>{c}</strong></td>
                        }).collect_view()}
                    </tr>
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_named_in_words() {
        assert_eq!(month_words("2026-11"), "November 2026");
        assert_eq!(month_words("not a month"), "not a month");
    }
}
