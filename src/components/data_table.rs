//! A table of rows with column headings, scrolling sideways inside its own labelled region on a
//! narrow screen, so that the page itself never does (WCAG reflow at 320 px).

use leptos::prelude::*;

/// A column heading: its words, and whether the column holds numbers (set to the right).
pub type Heading = (&'static str, bool);

#[component]
pub fn DataTable(
    /// What the region is called, for screen readers moving between regions.
    label: &'static str,
    headings: &'static [Heading],
    /// The body's rows.
    children: Children,
) -> impl IntoView {
    view! {
        <div class="portal-table-scroll" tabindex="0" role="region" aria-label=label>
            <table class="govuk-table">
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        {headings.iter().map(|(words, numeric)| view! {
                            <th scope="col" class="govuk-table__header" class:govuk-table__header--numeric=*numeric>{*words}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody class="govuk-table__body">{children()}</tbody>
            </table>
        </div>
    }
}
