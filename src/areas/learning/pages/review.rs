//! For the annual review: the household's learning on one page that prints cleanly (see the
//! print styles in `style/portal.scss`), and the whole log as a spreadsheet file. Both are
//! made on the device from what it holds, so they work with no signal.

use leptos::prelude::*;
use portal_core::training::{
    LearningFilter, TsdTracker, attendee_names, learning_log_csv, mandatory_training, totals,
};

use super::{hours_words, standards_words};
use crate::areas::learning::{LearningPage, use_learning};
use crate::components::carers_only::CarersOnly;
use crate::components::page_title::PageTitle;
use crate::device::{print_page, save_file, today};
use crate::state::sync::use_sync;

/// The spreadsheet's file name, dated so that several downloads do not overwrite each other.
fn csv_name(today: portal_core::date::CalendarDate) -> String {
    format!("learning-log-{today}.csv")
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    view! {
        <PageTitle text=LearningPage::Review.title() />
        <h1 class="govuk-heading-l">"For your annual review"</h1>
        <CarersOnly to="prepare for your annual review">
            <Actions />
            <Summary />
        </CarersOnly>
    }
}

#[component]
fn Actions() -> impl IntoView {
    let learning = use_learning();
    let sync = use_sync();
    let problem = RwSignal::new(None::<String>);
    let download = move |_| {
        let household = sync.details_untracked().members;
        let csv = learning.with_untracked(|data| {
            let all = LearningFilter::default().apply(&data.entries);
            learning_log_csv(&all, &household)
        });
        problem.set(save_file(&csv_name(today()), "text/csv;charset=utf-8", &csv).err());
    };
    view! {
        <div class="portal-no-print">
            <p class="govuk-body">
                "Everything in your learning log, ready for your annual review and your supervising social worker. "
                "You can print it or save it as a PDF, or download it as a spreadsheet."
            </p>
            {move || problem.get().map(|p| view! { <p class="govuk-error-message" role="alert">{p}</p> })}
            <div class="govuk-button-group">
                <button type="button" class="govuk-button" on:click=move |_| print_page()>"Print this page"</button>
                <button type="button" class="govuk-button govuk-button--secondary" on:click=download>
                    "Download as a spreadsheet (CSV)"
                </button>
            </div>
        </div>
    }
}

#[component]
fn Summary() -> impl IntoView {
    let learning = use_learning();
    let sync = use_sync();
    move || {
        let today = today();
        let facts = sync.household();
        let household = sync.details().members;
        let approved_on = facts.as_ref().and_then(|f| f.approved_on);
        learning.with(|data| {
            let sums = totals(&data.entries, today, approved_on);
            let about = facts.as_ref().map(|f| {
                let tracker = TsdTracker::new(&data.entries, &household, approved_on, f.carer_type, today);
                let mandatory: Vec<String> = mandatory_training(&data.courses, f.carer_type, &data.entries, today)
                    .into_iter()
                    .map(|m| format!("{}: {}", m.course.title, m.state.words()))
                    .collect();
                let mut rows: Vec<(&str, String)> = f.summary().into_iter().collect();
                rows.push(("TSD standards", tracker.state.words()));
                if !mandatory.is_empty() {
                    rows.push(("Mandatory training", mandatory.join(". ")));
                }
                rows
            });
            let entries = LearningFilter::default().apply(&data.entries);
            let count = entries.len();
            let items = entries
                .into_iter()
                .map(|entry| {
                    let who = attendee_names(entry, &household).join(", ");
                    let reflections = [("What I learned", &entry.learned), ("How I will use it", &entry.will_use)]
                        .into_iter()
                        .filter_map(|(label, text)| text.as_ref().map(|t| (label, t.as_str().to_owned())))
                        .map(|(label, text)| view! { <p class="govuk-body-s portal-keep-lines"><strong>{label} ": "</strong>{text}</p> })
                        .collect_view();
                    view! {
                        <li class="portal-entry">
                            <h3 class="govuk-heading-s portal-entry__title">{entry.title.as_str().to_owned()}</h3>
                            <p class="govuk-body-s portal-entry__line">
                                {entry.date.long_form()} ", " {hours_words(u32::from(entry.duration.get()))} ", "
                                {entry.format.label().to_lowercase()}
                                {entry.provider.as_ref().map(|p| format!(", {}", p.as_str()))}
                            </p>
                            <p class="govuk-body-s portal-entry__line">
                                "Standards: " {standards_words(entry)} ". Attended: " {who} "."
                                {entry.verified.as_ref().map(|v| format!(" Verified by {} on {}.", v.by, v.on.long_form()))}
                            </p>
                            {reflections}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h2 class="govuk-heading-m">"Your household"</h2>
                <dl class="govuk-summary-list">
                    {about
                        .unwrap_or_default()
                        .into_iter()
                        .chain([
                            ("Hours this year", hours_words(sums.this_year)),
                            ("Hours in the last 12 months", hours_words(sums.last_12_months)),
                            ("Hours since approval", sums.since_approval.map_or_else(|| "Not approved yet".to_owned(), hours_words)),
                        ])
                        .map(|(key, value)| view! {
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">{key}</dt>
                                <dd class="govuk-summary-list__value">{value}</dd>
                            </div>
                        })
                        .collect_view()}
                </dl>
                <h2 class="govuk-heading-m">{format!("Your learning log ({count} records, newest first)")}</h2>
                <ul class="govuk-list portal-entries">{items}</ul>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spreadsheet_is_named_by_its_date() {
        let day = portal_core::date::CalendarDate::parse("2026-11-22").expect("date");
        assert_eq!(csv_name(day), "learning-log-2026-11-22.csv");
    }
}
