//! The TSD standards tracker: the household's one workbook, each standard's evidence per carer,
//! the deadline from the approval date and the kind of fostering, and what is still missing.

use leptos::prelude::*;
use portal_core::details::Member;
use portal_core::training::{TsdState, TsdTracker};

use super::standard_name;
use crate::areas::learning::{LearningPage, use_learning};
use crate::components::carers_only::CarersOnly;
use crate::components::page_title::PageTitle;
use crate::device::today;
use crate::routes::Page;
use crate::state::sync::use_sync;

/// Names for member ids, in the household's order.
fn names(ids: &[String], household: &[Member]) -> String {
    let found: Vec<&str> = household
        .iter()
        .filter(|m| ids.contains(&m.id))
        .map(|m| m.name.as_str())
        .collect();
    if found.is_empty() {
        "Nobody yet".to_owned()
    } else {
        found.join(", ")
    }
}

/// The GOV.UK tag colour for a state; the words say it too, so colour is never the only sign.
const fn tag_class(state: TsdState) -> &'static str {
    match state {
        TsdState::Complete => "govuk-tag govuk-tag--green",
        TsdState::NoDeadlineYet | TsdState::OnTrack { .. } => "govuk-tag govuk-tag--blue",
        TsdState::DueSoon { .. } => "govuk-tag govuk-tag--yellow",
        TsdState::Overdue { .. } => "govuk-tag govuk-tag--red",
    }
}

#[component]
pub fn StandardsPage() -> impl IntoView {
    view! {
        <PageTitle text=LearningPage::Standards.title() />
        <h1 class="govuk-heading-l">"TSD standards"</h1>
        <p class="govuk-body">
            "The Training, Support and Development standards show what foster carers need to know. "
            "Each carer in your household needs training that gives evidence for all seven: within "
            "12 months of approval, or 18 months for family and friends carers."
        </p>
        <CarersOnly to="see your TSD standards">
            <Tracker />
        </CarersOnly>
    }
}

#[component]
fn Tracker() -> impl IntoView {
    let learning = use_learning();
    let sync = use_sync();
    move || {
        let Some(facts) = sync.household() else {
            return view! {
                <p class="govuk-body">"Your standards will show here after this device next connects to the portal."</p>
            }
            .into_any();
        };
        let household = sync.details().members;
        let tracker = learning.with(|data| {
            TsdTracker::new(
                &data.entries,
                &household,
                facts.approved_on,
                facts.carer_type,
                today(),
            )
        });
        let carers_listed = tracker
            .standards
            .iter()
            .any(|s| !s.evidenced.is_empty() || !s.missing.is_empty());
        let due = tracker.due.map_or_else(
            || "Your deadline starts on the day you are approved.".to_owned(),
            |d| format!("Due by {}.", d.long_form()),
        );
        let done = tracker
            .standards
            .iter()
            .filter(|s| s.missing.is_empty())
            .count();
        let rows = tracker
            .standards
            .into_iter()
            .map(|progress| {
                let number = progress.standard.number();
                let log = format!("{}?standard={number}", LearningPage::LogTraining.href());
                let missing = !progress.missing.is_empty();
                view! {
                    <tr class="govuk-table__row">
                        <th scope="row" class="govuk-table__header">{standard_name(progress.standard)}</th>
                        <td class="govuk-table__cell">{names(&progress.evidenced, &household)}</td>
                        <td class="govuk-table__cell">
                            {if missing {
                                view! {
                                    {names(&progress.missing, &household)}
                                    <br />
                                    <a href=log class="govuk-link">
                                        "Log training for standard " {number}
                                    </a>
                                }
                                .into_any()
                            } else {
                                view! { "Nobody: done" }.into_any()
                            }}
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h2 class="govuk-heading-m">"Where you are"</h2>
            <p class="govuk-body">
                <strong class=tag_class(tracker.state)>{tracker.state.words()}</strong>
            </p>
            <p class="govuk-body">{due} " " {format!("{done} of 7 standards have evidence for every carer.")}</p>
            {(!carers_listed).then(|| view! {
                <div class="govuk-inset-text">
                    "No carers are listed in your household yet. Add yourself, and any second carer, on "
                    <a href=Page::MyDetails.href() class="govuk-link">"My details"</a> "."
                </div>
            })}
            <div class="portal-table-scroll" role="region" aria-label="Standards and evidence" tabindex="0">
                <table class="govuk-table">
                    <caption class="govuk-table__caption govuk-table__caption--m">"Each standard"</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Standard"</th>
                            <th scope="col" class="govuk-table__header">"Evidence from"</th>
                            <th scope="col" class="govuk-table__header">"Still needed from"</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    }
}

#[cfg(test)]
mod tests {
    use portal_core::details::{MemberRole, Text};

    use super::*;

    #[test]
    fn names_follow_the_household_and_nobody_is_said_in_words() {
        let household: Vec<Member> = ["Sam", "Alex"]
            .into_iter()
            .map(|name| Member {
                id: name.to_lowercase(),
                name: Text::parse(name, "a name", 80).expect("name"),
                role: MemberRole::MainCarer,
            })
            .collect();
        assert_eq!(
            names(&["alex".into(), "sam".into()], &household),
            "Sam, Alex"
        );
        assert_eq!(names(&[], &household), "Nobody yet");
    }

    #[test]
    fn every_state_has_its_own_colour_as_well_as_its_words() {
        let classes = [
            tag_class(TsdState::Complete),
            tag_class(TsdState::DueSoon { days_left: 3 }),
            tag_class(TsdState::Overdue { days_over: 3 }),
            tag_class(TsdState::OnTrack { days_left: 300 }),
        ];
        for (n, class) in classes.iter().enumerate() {
            assert!(!classes[n + 1..].contains(class), "{class}");
        }
    }
}
