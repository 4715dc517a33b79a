//! The learning log form's plain logic: dates typed in three boxes, the form's problems for
//! the error summary, and the names its drafts are kept under.

use portal_core::training::TsdStandard;

use crate::components::select_field::Choice;

/// The draft of a new record.
pub const NEW_DRAFT: &str = "training-new";

/// The draft of changes to record `id`.
pub fn change_draft(id: &str) -> String {
    format!("training-change-{id}")
}

/// A date as the three boxes of the GOV.UK date pattern show it: day, month, year. A date that
/// is not `YYYY-MM-DD` (a draft typed half-way) goes back where it came from as best it can.
pub fn date_boxes(date: &str) -> [String; 3] {
    let mut parts = date.splitn(3, '-').map(str::to_owned);
    let (year, month, day) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    [day, month, year]
}

/// The three boxes as one date for the core's rules: empty when all three are, so that the
/// message asks for a date rather than calling it wrong.
pub fn join_date(day: &str, month: &str, year: &str) -> String {
    let (day, month, year) = (day.trim(), month.trim(), year.trim());
    if day.is_empty() && month.is_empty() && year.is_empty() {
        String::new()
    } else {
        format!("{year}-{month}-{day}")
    }
}

/// The seven standards to choose from, by number and name.
pub fn standard_choices() -> Vec<Choice> {
    TsdStandard::ALL
        .into_iter()
        .map(|s| {
            (
                s.number().to_string(),
                format!("{}. {}", s.number(), s.title()),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use portal_core::date::CalendarDate;

    use super::*;

    #[test]
    fn a_date_goes_into_three_boxes_and_back() {
        assert_eq!(date_boxes("2026-11-07"), ["07", "11", "2026"]);
        assert_eq!(join_date("07", "11", "2026"), "2026-11-07");
        assert_eq!(
            CalendarDate::parse(&join_date(" 7", "11 ", "2026")).map(|d| d.to_string()),
            Ok("2026-11-07".to_owned())
        );
        assert_eq!(date_boxes(""), ["", "", ""]);
        assert_eq!(join_date("", " ", ""), "");
        // Half-typed, kept as typed.
        assert_eq!(date_boxes(&join_date("", "3", "")), ["", "3", ""]);
    }

    #[test]
    fn each_record_has_its_own_draft() {
        assert_ne!(change_draft("e-1"), change_draft("e-2"));
        assert_ne!(
            change_draft("new"),
            NEW_DRAFT,
            "a record called new is not the new record"
        );
    }
}
