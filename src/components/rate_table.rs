//! One table of the service's rates: the weekly allowance by age, skills fee levels, and other
//! payments; shown to carers and to staff alike.

use leptos::prelude::*;
use portal_core::payments::{AgeBand, RateTable};
use portal_core::text::capitalise;

/// One table of rates: allowances by age, skills fee levels, and other payments.
#[component]
pub fn RateTableView(table: RateTable) -> impl IntoView {
    let weekly: Vec<(AgeBand, String)> = AgeBand::ALL
        .into_iter()
        .map(|band| (band, table.allowance_for(band).to_string()))
        .collect();
    let RateTable { skills, extras, .. } = table;
    view! {
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--s">"Weekly fostering allowance, per child"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Child's age"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Per week"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {weekly.into_iter().map(|(band, amount)| view! {
                    <tr class="govuk-table__row">
                        <th scope="row" class="govuk-table__header">{capitalise(band.words())}</th>
                        <td class="govuk-table__cell govuk-table__cell--numeric">{amount}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {(!skills.is_empty()).then(|| view! {
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--s">"Skills fee, per household"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Level"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Per week"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {skills.into_iter().map(|level| view! {
                        <tr class="govuk-table__row">
                            <th scope="row" class="govuk-table__header">{level.name}</th>
                            <td class="govuk-table__cell govuk-table__cell--numeric">{level.weekly.to_string()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
        {(!extras.is_empty()).then(|| view! {
            <h3 class="govuk-heading-s">"Other payments"</h3>
            <dl class="govuk-summary-list">
                {extras.into_iter().map(|extra| view! {
                    <div class="govuk-summary-list__row">
                        <dt class="govuk-summary-list__key">{extra.name}</dt>
                        <dd class="govuk-summary-list__value">{extra.amount}</dd>
                    </div>
                }).collect_view()}
            </dl>
        })}
    }
}
