//! The recruitment funnel (`/staff/enquiries/funnel`): enquiries reaching each stage month by
//! month (the table councils report to scrutiny committees), how many of those received went
//! on, how fast the first contact came, and where enquiries came from, with a CSV.

use leptos::prelude::*;
use portal_core::enquiries::{Funnel, Stage, duration_words, share_words};

use super::{Loaded, fetched, load};
use crate::api;
use crate::components::page_title::PageTitle;
use crate::device::save_file;
use crate::staff::StaffPage;

const PERIODS: [u8; 3] = [6, 12, 24];

#[component]
pub fn EnquiryFunnelPage() -> impl IntoView {
    let months = RwSignal::new(12_u8);
    let loaded: Loaded<Funnel> = load(move || api::enquiry_funnel(months.get()));
    view! {
        <PageTitle text="The recruitment funnel" />
        <p class="govuk-body"><a class="govuk-link" href=StaffPage::Enquiries.href()>"All enquiries"</a></p>
        <h1 class="govuk-heading-l">"The recruitment funnel"</h1>
        <div class="govuk-form-group">
            <label class="govuk-label" for="funnel-months">"Period"</label>
            <select class="govuk-select" id="funnel-months" on:change=move |e| {
                months.set(event_target_value(&e).parse().unwrap_or(12));
            }>
                {PERIODS.into_iter().map(|m| view! {
                    <option value=m.to_string() selected=m == 12>{format!("The last {m} months")}</option>
                }).collect_view()}
            </select>
        </div>
        {fetched(loaded, "Counting…", move |funnel| view! { <FunnelView funnel=funnel /> }.into_any())}
    }
}

#[component]
fn FunnelView(funnel: Funnel) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let csv = StoredValue::new(funnel.csv());
    let total = funnel.totals();
    let received = funnel.received;
    let contact = funnel.median_hours_to_contact.map_or_else(
        || "Nobody has been contacted yet.".to_owned(),
        |h| format!("Half were contacted within {}.", duration_words(h * 3600)),
    );
    view! {
        <p class="govuk-body-l">
            {format!("{received} enquiries from {} to {}.", funnel.first.month_words(), funnel.last.month_words())}
        </p>
        <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| {
            problem.set(save_file("enquiry-funnel.csv", "text/csv;charset=utf-8", &csv.get_value()).err());
        }>"Download the figures (CSV)"</button>
        {move || problem.get().map(|p| view! { <p class="govuk-error-message">{p}</p> })}
        <div class="portal-table-scroll" tabindex="0" role="region" aria-label="Each stage by month">
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--m">"Each stage reached, by month"</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Month"</th>
                    {Stage::FUNNEL.into_iter().map(|s| view! { <th scope="col" class="govuk-table__header govuk-table__header--numeric">{s.label()}</th> }).collect_view()}
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Closed"</th>
                </tr></thead>
                <tbody class="govuk-table__body">
                    {funnel.months.iter().map(|r| (r.month.month_words(), r.clone()))
                        .chain(std::iter::once(("Total".to_owned(), total)))
                        .map(|(label, r)| view! {
                            <tr class="govuk-table__row">
                                <th scope="row" class="govuk-table__header">{label}</th>
                                {r.reached.iter().map(|n| view! { <td class="govuk-table__cell govuk-table__cell--numeric">{*n}</td> }).collect_view()}
                                <td class="govuk-table__cell govuk-table__cell--numeric">{r.closed}</td>
                            </tr>
                        }).collect_view()}
                </tbody>
            </table>
        </div>
        <h2 class="govuk-heading-m">"Of the enquiries received in the period"</h2>
        <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Contacted within 24 hours"</dt>
                <dd class="govuk-summary-list__value">{share_words(funnel.contacted_in_time, received)} " " {contact}</dd>
            </div>
            {funnel.conversions.iter().map(|c| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{format!("Reached {}", c.stage.label().to_lowercase())}</dt>
                    <dd class="govuk-summary-list__value">
                        {share_words(c.count, received)}
                        {c.median_days.map(|d| format!(", after {d} days (median)"))}
                    </dd>
                </div>
            }).collect_view()}
        </dl>
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">"Where enquiries came from"</caption>
            <thead class="govuk-table__head"><tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">"How they heard about us"</th>
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Enquiries"</th>
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Became applications"</th>
            </tr></thead>
            <tbody class="govuk-table__body">
                {funnel.sources.iter().map(|s| view! {
                    <tr class="govuk-table__row">
                        <th scope="row" class="govuk-table__header">{s.heard_from.label()}</th>
                        <td class="govuk-table__cell govuk-table__cell--numeric">{s.enquiries}</td>
                        <td class="govuk-table__cell govuk-table__cell--numeric">{s.applications}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {(!funnel.referrals.is_empty()).then(|| view! {
            <div class="portal-table-scroll" tabindex="0" role="region" aria-label="Carers who referred a friend, scrollable">
                <table class="govuk-table">
                    <caption class="govuk-table__caption govuk-table__caption--m">"Carers who referred a friend"</caption>
                    <thead class="govuk-table__head"><tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Carer, as the enquirer named them"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Enquiries"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Became applications"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Approved"</th>
                    </tr></thead>
                    <tbody class="govuk-table__body">
                        {funnel.referrals.iter().map(|r| view! {
                            <tr class="govuk-table__row">
                                <th scope="row" class="govuk-table__header">{r.by.clone()}</th>
                                <td class="govuk-table__cell govuk-table__cell--numeric">{r.enquiries}</td>
                                <td class="govuk-table__cell govuk-table__cell--numeric">{r.applications}</td>
                                <td class="govuk-table__cell govuk-table__cell--numeric">{r.approved}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        <div class="portal-table-scroll" tabindex="0" role="region" aria-label="Applications with and without a mentor, scrollable">
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--m">"Applications with and without a mentor"</caption>
                <thead class="govuk-table__head"><tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Applicants"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Applications"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Approved"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Closed"</th>
                </tr></thead>
                <tbody class="govuk-table__body">
                    {[("With a mentor", funnel.mentoring.mentored), ("Without a mentor", funnel.mentoring.others)].into_iter().map(|(who, o)| view! {
                        <tr class="govuk-table__row">
                            <th scope="row" class="govuk-table__header">{who}</th>
                            <td class="govuk-table__cell govuk-table__cell--numeric">{o.applications}</td>
                            <td class="govuk-table__cell govuk-table__cell--numeric">{share_words(o.approved, o.applications)}</td>
                            <td class="govuk-table__cell govuk-table__cell--numeric">{share_words(o.closed, o.applications)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <h2 class="govuk-heading-m">"Why enquiries closed"</h2>
        <ul class="govuk-list govuk-list--bullet">
            {funnel.closed_reasons.iter().map(|(reason, n)| view! { <li>{format!("{}: {n}", reason.label())}</li> }).collect_view()}
        </ul>
    }
}
