//! Numbers for reports: queries by month raised and category, and how long answers took.

use serde::{Deserialize, Serialize};

use super::{Query, QueryCategory};

/// Queries raised in one month about one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumbersRow {
    /// "November 2026".
    pub month: String,
    pub category: QueryCategory,
    pub raised: usize,
    pub answered: usize,
    /// The median days from raising to the first answer, of those answered.
    pub days_to_answer: Option<i64>,
    pub resolved: usize,
    /// The median days from raising to being resolved, of those resolved.
    pub days_to_resolve: Option<i64>,
}

/// The middle value (the lower of the two middle ones for an even count).
pub(crate) fn median(mut days: Vec<i64>) -> Option<i64> {
    days.sort_unstable();
    days.get(days.len().saturating_sub(1) / 2).copied()
}

/// One row per month and category with any queries, newest month first.
pub fn numbers(queries: &[Query]) -> Vec<NumbersRow> {
    let mut keys: Vec<(u16, u8, QueryCategory)> = queries
        .iter()
        .map(|q| (q.raised_on.year(), q.raised_on.month(), q.about.category))
        .collect();
    keys.sort_unstable_by(|a, b| (b.0, b.1).cmp(&(a.0, a.1)).then(a.2.cmp(&b.2)));
    keys.dedup();
    keys.into_iter()
        .map(|(year, month, category)| {
            let these: Vec<&Query> = queries
                .iter()
                .filter(|q| {
                    (q.raised_on.year(), q.raised_on.month(), q.about.category)
                        == (year, month, category)
                })
                .collect();
            let answer: Vec<i64> = these
                .iter()
                .filter_map(|q| Some(q.raised_on.days_until(q.first_answer_on?)))
                .collect();
            let resolve: Vec<i64> = these
                .iter()
                .filter_map(|q| Some(q.raised_on.days_until(q.resolved_on?)))
                .collect();
            NumbersRow {
                month: these[0].raised_on.month_words(),
                category,
                raised: these.len(),
                answered: answer.len(),
                days_to_answer: median(answer),
                resolved: resolve.len(),
                days_to_resolve: median(resolve),
            }
        })
        .collect()
}

/// The rows as a spreadsheet.
pub fn numbers_csv(rows: &[NumbersRow]) -> String {
    let days = |d: Option<i64>| d.map(|d| d.to_string()).unwrap_or_default();
    let lines = rows.iter().map(|row| {
        [
            row.month.clone(),
            row.category.label().to_owned(),
            row.raised.to_string(),
            row.answered.to_string(),
            days(row.days_to_answer),
            row.resolved.to_string(),
            days(row.days_to_resolve),
        ]
    });
    crate::text::csv_table(
        &[
            "Month",
            "Category",
            "Raised",
            "Answered",
            "Median days to first answer",
            "Resolved",
            "Median days to resolve",
        ],
        lines,
    )
}
