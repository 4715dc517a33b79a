//! Applications against the 16-week target (`/staff/enquiries/applicants`): every open
//! application with its week, its next milestone and how it stands, those overdue and at risk
//! first, and how many of the last year's reached panel in time.

use leptos::prelude::*;
use portal_core::date::CalendarDate;
use portal_core::enquiries::{Applicant, EnquiryList, Progress, Standing, Timeliness, applicants};

use super::{Loaded, fetched, load};
use crate::api;
use crate::components::page_title::PageTitle;
use crate::staff::StaffPage;

/// The page's headline: how many are open, overdue and at risk.
pub fn headline(found: &[Applicant]) -> String {
    let overdue = found
        .iter()
        .filter(|a| matches!(a.progress.standing, Standing::Overdue { .. }))
        .count();
    let at_risk = found
        .iter()
        .filter(|a| a.progress.standing == Standing::AtRisk)
        .count();
    match found.len() {
        0 => "No applications are open.".to_owned(),
        1 => format!("1 application is open: {overdue} overdue, {at_risk} at risk."),
        n => format!("{n} applications are open: {overdue} overdue, {at_risk} at risk."),
    }
}

/// The tag's colour for a standing.
const fn tag_class(standing: Standing) -> &'static str {
    match standing {
        Standing::Overdue { .. } | Standing::Missed { .. } => "govuk-tag govuk-tag--red",
        Standing::AtRisk => "govuk-tag govuk-tag--yellow",
        Standing::OnTrack | Standing::Met => "govuk-tag govuk-tag--green",
    }
}

#[component]
pub fn ApplicantsPage() -> impl IntoView {
    let loaded: Loaded<EnquiryList> = load(api::enquiries);
    view! {
        <PageTitle text="Applications against 16 weeks" />
        <p class="govuk-body"><a class="govuk-link" href=StaffPage::Enquiries.href()>"All enquiries"</a></p>
        <h1 class="govuk-heading-l">"Applications against 16 weeks"</h1>
        <p class="govuk-body">
            "Assessments are to reach panel within 16 weeks of the application. The assessment "
            "should start within 4 weeks, and the decision follow panel within 2. Those overdue "
            "or at risk of missing the target come first."
        </p>
        {fetched(loaded, "Loading the applications…", move |list| {
            let today = CalendarDate::uk_date_of(list.now);
            let found = applicants(&list.enquiries, today);
            let year = Timeliness::last_year(&list.enquiries, today);
            view! { <ApplicantTable found=found today=today year=year /> }.into_any()
        })}
    }
}

#[component]
fn ApplicantTable(found: Vec<Applicant>, today: CalendarDate, year: Timeliness) -> impl IntoView {
    view! {
        <p class="govuk-body-l">{headline(&found)}</p>
        <p class="govuk-body">{year.words()}</p>
        {(!found.is_empty()).then(|| view! {
            <div class="portal-table-scroll" tabindex="0" role="region" aria-label="Open applications">
                <table class="govuk-table">
                    <caption class="govuk-table__caption govuk-table__caption--m">"Open applications, those needing action first"</caption>
                    <thead class="govuk-table__head"><tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Applicant"</th>
                        <th scope="col" class="govuk-table__header">"Stage"</th>
                        <th scope="col" class="govuk-table__header">"Applied"</th>
                        <th scope="col" class="govuk-table__header">"Week"</th>
                        <th scope="col" class="govuk-table__header">"Panel by"</th>
                        <th scope="col" class="govuk-table__header">"How it stands"</th>
                    </tr></thead>
                    <tbody class="govuk-table__body">
                        {found.into_iter().map(|a| {
                            let p = a.progress.clone();
                            view! {
                                <tr class="govuk-table__row">
                                    <th scope="row" class="govuk-table__header">
                                        <a class="govuk-link" href=StaffPage::Enquiry(a.id.clone()).href()>{a.name.clone()}</a>
                                        {a.handler.clone().map(|h| view! { <span class="govuk-body-s govuk-!-display-block">{format!("Handled by {h}")}</span> })}
                                    </th>
                                    <td class="govuk-table__cell">{a.stage.label()}</td>
                                    <td class="govuk-table__cell">{p.applied_on.long_form()}</td>
                                    <td class="govuk-table__cell">{format!("{} of 16", p.week(today))}</td>
                                    <td class="govuk-table__cell">{p.target.long_form()}</td>
                                    <td class="govuk-table__cell">
                                        <strong class=tag_class(p.standing)>{p.standing.label()}</strong>
                                        " " {p.words(today)}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
}

/// One application against the target, for its enquiry's page: how it stands and each
/// milestone with the day it is due and the day it was reached.
#[component]
pub fn ApplicationProgress(progress: Progress, today: CalendarDate) -> impl IntoView {
    let standing = progress.standing;
    let said = format!(
        "Applied on {}, week {} of 16. {}",
        progress.applied_on.long_form(),
        progress.week(today),
        progress.words(today)
    );
    view! {
        <h2 class="govuk-heading-m">"Against the 16-week target"</h2>
        <p class="govuk-body">
            <strong class=tag_class(standing)>{standing.label()}</strong>
            " " {said}
        </p>
        <dl class="govuk-summary-list">
            {progress.milestones.into_iter().map(|m| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{m.label()}</dt>
                    <dd class="govuk-summary-list__value">{m.words()}</dd>
                </div>
            }).collect_view()}
        </dl>
    }
}
