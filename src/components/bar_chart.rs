//! A horizontal bar chart in SVG with its text equivalent: every bar is labelled with its
//! count and share in words beside it, so nothing is said by colour or length alone, and a
//! table below gives the same figures to screen readers and to anyone who prefers numbers.

use leptos::prelude::*;
use portal_core::surveys::percent;

/// The chart's geometry: each bar's width out of `BAR_SPACE`, and the rows' height.
const BAR_SPACE: usize = 300;
const ROW: usize = 28;

/// A bar's width for `count` of `total`, at least a sliver when it is not zero so that "1"
/// is visibly not "0".
pub fn bar_width(count: usize, total: usize) -> usize {
    if total == 0 || count == 0 {
        0
    } else {
        (count * BAR_SPACE / total).max(2)
    }
}

#[component]
pub fn BarChart(
    /// What the chart shows, as its caption and accessible name.
    caption: String,
    /// Each answer with how many gave it.
    rows: Vec<(String, usize)>,
    /// How many answered (the 100%).
    total: usize,
) -> impl IntoView {
    let height = rows.len() * ROW + 4;
    let bars = rows
        .iter()
        .enumerate()
        .map(|(n, (label, count))| {
            let y = n * ROW;
            let width = bar_width(*count, total);
            let words = format!("{count} ({}%)", percent(*count, total));
            view! {
                <g>
                    <text x="0" y=y + 18 class="portal-chart__label">{label.clone()}</text>
                    <rect x="210" y=y + 4 width=width height="20" class="portal-chart__bar"></rect>
                    <text x=215 + width y=y + 18 class="portal-chart__value">{words}</text>
                </g>
            }
        })
        .collect_view();
    let table_rows = rows
        .into_iter()
        .map(|(label, count)| {
            view! {
                <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">{label}</th>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{count}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric">{format!("{}%", percent(count, total))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="portal-chart">
            <svg role="img" aria-label=caption.clone() viewBox=format!("0 0 620 {height}") width="100%"
                preserveAspectRatio="xMinYMin meet" focusable="false">
                {bars}
            </svg>
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--s">{caption}</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Answer"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Number"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Share"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">{table_rows}</tbody>
            </table>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_in_proportion_and_one_answer_is_never_invisible() {
        assert_eq!(bar_width(5, 10), BAR_SPACE / 2);
        assert_eq!(bar_width(1, 1000), 2);
        assert_eq!(bar_width(0, 10), 0);
        assert_eq!(bar_width(3, 0), 0);
    }
}
