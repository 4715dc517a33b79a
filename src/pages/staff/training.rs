//! Training across households: each household's TSD deadline and status, standards still to
//! evidence, hours this year and mandatory training to do, with the Carers page's search and
//! filters, and the same list as a spreadsheet for the service's returns.

use leptos::prelude::*;
use portal_core::carers::areas;
use portal_core::training::{TrainingOverview, TrainingRow, TsdState, hours};

use super::carers::{HouseholdFilters, count_sentence, use_carer_filter};
use super::{fetched, load};
use crate::api;
use crate::components::page_title::PageTitle;
use crate::staff::StaffPage;

/// Where the spreadsheet comes from: the API answers it as a file to save.
const EXPORT: &str = "/api/staff/training.csv";

/// The TSD column: the status in words, then the due date if there is one.
pub fn tsd_words(row: &TrainingRow) -> String {
    let state = row.training.tsd.words();
    match (row.training.tsd, row.training.tsd_due) {
        (TsdState::Complete | TsdState::NoDeadlineYet, _) | (_, None) => state,
        (_, Some(due)) => format!("{state} (due {})", due.long_form()),
    }
}

/// "None", or the courses' titles.
pub fn to_do_words(row: &TrainingRow) -> String {
    if row.training.mandatory_to_do.is_empty() {
        "None".to_owned()
    } else {
        row.training.mandatory_to_do.join(", ")
    }
}

#[component]
pub fn TrainingPage() -> impl IntoView {
    let overview = load(api::training_overview);
    view! {
        <PageTitle text="Training" />
        <h1 class="govuk-heading-l">"Training"</h1>
        <p class="govuk-body">
            "Each household's TSD standards deadline and progress, hours of training this year, and mandatory training still to do, from the learning logs carers keep in the portal."
        </p>
        {fetched(overview, "Loading training…", move |overview| view! { <TrainingTable overview=overview /> }.into_any())}
    }
}

#[component]
fn TrainingTable(overview: TrainingOverview) -> impl IntoView {
    let filter = use_carer_filter();
    let carers: Vec<_> = overview.rows.iter().map(|r| r.carer.clone()).collect();
    let total = overview.rows.len();
    let rows = StoredValue::new(overview.rows);
    let shown = Memo::new(move |_| {
        let filter = filter.get();
        rows.with_value(|all| {
            all.iter()
                .filter(|row| filter.matches(&row.carer))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let lines = move || {
        shown
            .get()
            .into_iter()
            .map(|row| {
                let tsd = tsd_words(&row);
                let to_do = to_do_words(&row);
                view! {
                    <tr class="govuk-table__row">
                        <th scope="row" class="govuk-table__header">
                            <a href=StaffPage::Carer(row.carer.id.clone()).href() class="govuk-link">{row.carer.name}</a>
                        </th>
                        <td class="govuk-table__cell">{tsd}</td>
                        <td class="govuk-table__cell govuk-table__cell--numeric">{row.training.evidence_missing}</td>
                        <td class="govuk-table__cell govuk-table__cell--numeric">{hours(row.training.minutes_this_year)}</td>
                        <td class="govuk-table__cell">{to_do}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <HouseholdFilters base=StaffPage::Training.href() filter=filter areas=areas(&carers) workers=overview.workers />
        <p class="govuk-body">
            <a href=EXPORT class="govuk-link" rel="external" download="">"Download all households as a spreadsheet (CSV)"</a>
        </p>
        <p class="govuk-body" role="status" aria-live="polite">
            {move || count_sentence(shown.get().len(), total)}
        </p>
        <div class="portal-table-scroll" role="region" aria-label="Training by household" tabindex="0">
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-visually-hidden">"Training by household"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Household"</th>
                        <th scope="col" class="govuk-table__header">"TSD standards"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Standards still to evidence"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Hours this year"</th>
                        <th scope="col" class="govuk-table__header">"Mandatory training to do"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">{lines}</tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use portal_core::carers::{AccountState, CarerSummary, HouseholdStatus};
    use portal_core::date::CalendarDate;
    use portal_core::household::CarerType;
    use portal_core::training::TrainingSummary;

    use super::*;

    fn row(tsd: TsdState, due: Option<&str>, to_do: &[&str]) -> TrainingRow {
        TrainingRow {
            carer: CarerSummary {
                id: "h1".into(),
                name: "The Taylor household".into(),
                lead_carer: "Sam Taylor".into(),
                email: "sam@example.test".into(),
                area: "Northby".into(),
                carer_type: CarerType::Mainstream,
                status: HouseholdStatus::Approved,
                approved_on: None,
                supervising_worker: None,
                account: AccountState::NotInvited,
                exit: None,
                version: 1,
            },
            training: TrainingSummary {
                tsd_due: due.and_then(|d| CalendarDate::parse(d).ok()),
                tsd,
                evidence_missing: 3,
                minutes_this_year: 90,
                mandatory_to_do: to_do.iter().map(|t| (*t).to_owned()).collect(),
            },
        }
    }

    #[test]
    fn the_columns_read_as_sentences() {
        let due = row(TsdState::DueSoon { days_left: 5 }, Some("2026-11-27"), &[]);
        assert_eq!(
            tsd_words(&due),
            "Due soon: 5 days left (due 27 November 2026)"
        );
        assert_eq!(to_do_words(&due), "None");
        let done = row(
            TsdState::Complete,
            Some("2026-11-27"),
            &["First aid", "Safeguarding"],
        );
        assert_eq!(tsd_words(&done), "Complete");
        assert_eq!(to_do_words(&done), "First aid, Safeguarding");
    }
}
