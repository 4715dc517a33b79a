//! The numbers for the service's reports (`/staff/groups/numbers`): attendance by group and
//! month, and the waiting lists of sessions to come, with a spreadsheet download.

use leptos::prelude::*;
use portal_core::groups::{GroupNumbers, attendance_csv, group_numbers};

use super::{fetched, load};
use crate::api;
use crate::areas::groups::pages::when;
use crate::components::page_title::PageTitle;
use crate::device::{now_seconds, save_file};
use crate::staff::StaffPage;

#[component]
pub fn GroupNumbersPage() -> impl IntoView {
    let list = load(api::staff_groups);
    view! {
        <PageTitle text="Group numbers" />
        <a href=StaffPage::Groups.href() class="govuk-back-link">"Back to groups"</a>
        <h1 class="govuk-heading-l">"Support group numbers"</h1>
        {fetched(list, "Counting…", |groups| {
            let numbers = group_numbers(&groups.groups, now_seconds());
            view! { <Numbers numbers=numbers /> }
        })}
    }
}

#[component]
fn Numbers(numbers: GroupNumbers) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let csv = StoredValue::new(attendance_csv(&numbers.attendance));
    let download = move |_| {
        problem.set(
            save_file(
                "group-attendance.csv",
                "text/csv;charset=utf-8",
                &csv.get_value(),
            )
            .err(),
        );
    };
    view! {
        <h2 class="govuk-heading-m">"Attendance by group and month"</h2>
        <p class="govuk-body">
            "Sessions that have taken place and were not cancelled, counted in people. "
            "“Not recorded” means the register has not been taken."
        </p>
        {if numbers.attendance.is_empty() {
            view! { <p class="govuk-body">"No sessions have taken place yet."</p> }.into_any()
        } else {
            view! {
                <div class="portal-table-scroll" tabindex="0" role="region" aria-label="Attendance by group and month">
                    <table class="govuk-table">
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Group"</th>
                                <th scope="col" class="govuk-table__header">"Month"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Sessions"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Places taken"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Attended"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Did not attend"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Not recorded"</th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {numbers.attendance.iter().map(|row| view! {
                                <tr class="govuk-table__row">
                                    <th scope="row" class="govuk-table__header">{row.group.clone()}</th>
                                    <td class="govuk-table__cell">{row.month.clone()}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{row.sessions}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{row.places}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{row.attended}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{row.did_not_attend}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{row.not_recorded}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
        {move || problem.get().map(|p| view! { <p class="govuk-error-message" role="alert">{p}</p> })}
        <button type="button" class="govuk-button govuk-button--secondary" on:click=download>
            "Download attendance as a spreadsheet (CSV)"
        </button>
        <h2 class="govuk-heading-m">"Waiting lists"</h2>
        {if numbers.waiting.is_empty() {
            view! { <p class="govuk-body">"Nobody is waiting for a place at a session to come."</p> }.into_any()
        } else {
            view! {
                <div class="portal-table-scroll" tabindex="0" role="region" aria-label="Waiting lists">
                    <table class="govuk-table">
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Session"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Households waiting"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"People waiting"</th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {numbers.waiting.iter().map(|row| view! {
                                <tr class="govuk-table__row">
                                    <th scope="row" class="govuk-table__header">
                                        <a class="govuk-link" href=StaffPage::GroupSession(row.session.id.clone()).href()>
                                            {row.group.clone()} ", " {when(&row.session)}
                                        </a>
                                    </th>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{row.households}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{row.people}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
    }
}
