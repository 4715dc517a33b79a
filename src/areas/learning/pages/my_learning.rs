//! My learning: the household's learning log, newest first, with totals, the TSD deadline at a
//! glance, and search and filters that answer as the carer types.

use leptos::prelude::*;
use portal_core::details::Member;
use portal_core::training::{
    Entry, LearningFilter, TrainingFormat, TsdStandard, TsdTracker, attendee_names, entry_years,
    totals,
};

use super::{SuccessBanner, hours_words, standards_words};
use crate::areas::learning::form::standard_choices;
use crate::areas::learning::{LearningPage, use_learning};
use crate::components::carers_only::CarersOnly;
use crate::components::needs_attention::NeedsAttention;
use crate::components::page_title::PageTitle;
use crate::components::select_field::{Choice, SelectField, choices_after};
use crate::device::today;
use crate::state::sync::use_sync;
use crate::words::showing;

/// How many records the list shows at first, and how many more each "Show more" adds: enough to
/// scroll through, few enough that typing in the search box never waits for the page.
const PAGE: usize = 50;

#[component]
pub fn MyLearningPage() -> impl IntoView {
    let message = use_learning().take_message();
    view! {
        <PageTitle text=LearningPage::MyLearning.title() />
        <SuccessBanner message=message />
        <h1 class="govuk-heading-l">"My learning"</h1>
        <CarersOnly to="see your learning log">
            <NeedsAttention notices=false />
            <AtAGlance />
            <a href=LearningPage::LogTraining.href() class="govuk-button">
                "Log training"
            </a>
            <Log />
        </CarersOnly>
    }
}

/// Totals of hours and the TSD deadline.
#[component]
fn AtAGlance() -> impl IntoView {
    let learning = use_learning();
    let sync = use_sync();
    let summary = move || {
        let facts = sync.household();
        let approved_on = facts.as_ref().and_then(|f| f.approved_on);
        let today = today();
        learning.with(|data| {
            let sums = totals(&data.entries, today, approved_on);
            let tsd = facts.map(|f| {
                TsdTracker::new(
                    &data.entries,
                    &sync.details().members,
                    approved_on,
                    f.carer_type,
                    today,
                )
            });
            (sums, tsd)
        })
    };
    view! {
        {move || {
            let (sums, tsd) = summary();
            let since = sums
                .since_approval
                .map_or_else(|| "Not approved yet".to_owned(), hours_words);
            let tsd_row = tsd.map(|tracker| {
                let due = tracker.due.map(|d| format!(" (due {})", d.long_form())).unwrap_or_default();
                view! {
                    <div class="govuk-summary-list__row">
                        <dt class="govuk-summary-list__key">"TSD standards"</dt>
                        <dd class="govuk-summary-list__value">{tracker.state.words()} {due}</dd>
                        <dd class="govuk-summary-list__actions">
                            <a href=LearningPage::Standards.href() class="govuk-link">
                                "See the standards"
                            </a>
                        </dd>
                    </div>
                }
            });
            view! {
                <h2 class="govuk-heading-m">"At a glance"</h2>
                <dl class="govuk-summary-list">
                    <div class="govuk-summary-list__row">
                        <dt class="govuk-summary-list__key">"Hours this year"</dt>
                        <dd class="govuk-summary-list__value">{hours_words(sums.this_year)}</dd>
                    </div>
                    <div class="govuk-summary-list__row">
                        <dt class="govuk-summary-list__key">"Hours in the last 12 months"</dt>
                        <dd class="govuk-summary-list__value">{hours_words(sums.last_12_months)}</dd>
                    </div>
                    <div class="govuk-summary-list__row">
                        <dt class="govuk-summary-list__key">"Hours since approval"</dt>
                        <dd class="govuk-summary-list__value">{since}</dd>
                    </div>
                    {tsd_row}
                </dl>
            }
        }}
    }
}

/// The filter as chosen in the form's fields.
fn filter_from(
    words: String,
    year: &str,
    format: &str,
    standard: &str,
    member: &str,
) -> LearningFilter {
    LearningFilter {
        words,
        year: year.parse().ok(),
        format: TrainingFormat::parse(format),
        standard: standard.parse().ok().and_then(TsdStandard::new),
        member: Some(member.to_owned()).filter(|m| !m.is_empty()),
    }
}

fn year_choices(entries: &[Entry]) -> Vec<Choice> {
    choices_after(
        "Any year",
        entry_years(entries)
            .into_iter()
            .map(|y| (y.to_string(), y.to_string()))
            .collect(),
    )
}

fn format_choices() -> Vec<Choice> {
    choices_after(
        "Any format",
        TrainingFormat::ALL
            .into_iter()
            .map(|f| (f.as_str().to_owned(), f.label().to_owned()))
            .collect(),
    )
}

fn any_standard_choices() -> Vec<Choice> {
    choices_after("Any standard", standard_choices())
}

fn member_choices(members: &[Member]) -> Vec<Choice> {
    choices_after(
        "Anyone",
        members
            .iter()
            .map(|m| (m.id.clone(), m.name.as_str().to_owned()))
            .collect(),
    )
}

/// The log: search and filters, how many match, and the matching records, newest first.
#[component]
fn Log() -> impl IntoView {
    let learning = use_learning();
    let sync = use_sync();
    let words = RwSignal::new(String::new());
    let year = RwSignal::new(String::new());
    let format = RwSignal::new(String::new());
    let standard = RwSignal::new(String::new());
    let member = RwSignal::new(String::new());
    let limit = RwSignal::new(PAGE);
    let filter = Memo::new(move |_| {
        filter_from(
            words.get(),
            &year.get(),
            &format.get(),
            &standard.get(),
            &member.get(),
        )
    });
    // A new search starts from the top of its results.
    Effect::new(move |_| {
        filter.track();
        limit.set(PAGE);
    });
    // Only the records on show are copied out of the log; the rest are only counted.
    let found = Memo::new(move |_| {
        let filter = filter.get();
        learning.with(|data| {
            let matching = filter.apply(&data.entries);
            let shown: Vec<(Entry, bool)> = matching
                .iter()
                .take(limit.get())
                .map(|e| ((*e).clone(), data.waiting.contains(&e.id)))
                .collect();
            (matching.len(), data.entries.len(), shown)
        })
    });
    let members = Memo::new(move |_| sync.details().members);
    let years = Signal::derive(move || learning.with(|data| year_choices(&data.entries)));
    let members_choices = Signal::derive(move || member_choices(&members.get()));
    // The list is keyed by entry: "Show more" adds rows, and a sync redraws only the entries
    // it changed, so the page does not jump under the carer (or their screen reader).
    let shown_ids = Memo::new(move |_| {
        found.with(|(_, _, shown)| {
            shown
                .iter()
                .map(|(entry, _)| entry.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let row = move |id: String| {
        let item = Memo::new(move |_| {
            found.with(|(_, _, shown)| shown.iter().find(|(entry, _)| entry.id == id).cloned())
        });
        move || {
            item.get().map(|(entry, waiting)| view! { <EntryItem entry=entry waiting=waiting household=members.get() /> })
        }
    };
    view! {
        <h2 class="govuk-heading-m">"Your learning log"</h2>
        <form class="portal-filters" role="search" aria-label="Your learning log" on:submit=|e| e.prevent_default()>
            <div class="govuk-form-group">
                <label class="govuk-label" for="search">"Search"</label>
                <div id="search-hint" class="govuk-hint">"Words in the title, provider, certificate or your reflections"</div>
                <input class="govuk-input" id="search" type="search" autocomplete="off" aria-describedby="search-hint" bind:value=words />
            </div>
            <div class="portal-filter-row">
                <SelectField id="filter-year" label="Year" choices=years value=year />
                <SelectField id="filter-format" label="Format" choices=format_choices() value=format />
                <SelectField id="filter-standard" label="TSD standard" choices=any_standard_choices() value=standard />
                <SelectField id="filter-member" label="Who attended" choices=members_choices value=member />
            </div>
        </form>
        <p class="govuk-body" role="status" aria-live="polite">
            {move || {
                let (matching, total, _) = found.get();
                if total == 0 {
                    "You have not logged any training yet.".to_owned()
                } else {
                    showing(matching, total, "training record", "training records")
                }
            }}
        </p>
        <ul class="govuk-list portal-entries">
            <For each=move || shown_ids.get() key=Clone::clone children=row />
        </ul>
        <Show when=move || { let (matching, _, shown) = found.get(); shown.len() < matching }>
            <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| limit.update(|l| *l += PAGE)>
                {format!("Show {PAGE} more")}
            </button>
        </Show>
    }
}

/// One record in the log.
#[component]
fn EntryItem(entry: Entry, waiting: bool, household: Vec<Member>) -> impl IntoView {
    let href = LearningPage::Entry(entry.id.clone()).href();
    let line = entry_line(&entry);
    let who = attendee_names(&entry, &household).join(", ");
    view! {
        <li class="portal-entry">
            <h3 class="govuk-heading-s portal-entry__title">
                <a href=href class="govuk-link">{entry.title.as_str().to_owned()}</a>
            </h3>
            <p class="govuk-body-s portal-entry__line">{line}</p>
            <p class="govuk-body-s portal-entry__line">
                "Standards: " {standards_words(&entry)} ". Attended: " {who} "."
            </p>
            {entry.verified.is_some().then(|| view! { <strong class="govuk-tag govuk-tag--green">"Verified by the service"</strong> })}
            {waiting.then(|| view! { <strong class="govuk-tag govuk-tag--yellow">"Waiting to send"</strong> })}
        </li>
    }
}

/// "20 November 2026, 1.5 hours, webinar".
pub fn entry_line(entry: &Entry) -> String {
    format!(
        "{}, {}, {}",
        entry.date.long_form(),
        hours_words(u32::from(entry.duration.get())),
        entry.format.label().to_lowercase()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_becomes_the_core_filter_and_empty_means_any() {
        let any = filter_from(String::new(), "", "", "", "");
        assert_eq!(any, LearningFilter::default());
        let some = filter_from("first aid".into(), "2026", "webinar", "6", "sam");
        assert_eq!(some.year, Some(2026));
        assert_eq!(some.format, Some(TrainingFormat::Webinar));
        assert_eq!(some.standard, TsdStandard::new(6));
        assert_eq!(some.member.as_deref(), Some("sam"));
        assert_eq!(
            filter_from(String::new(), "x", "nonsense", "9", "").standard,
            None
        );
    }

    #[test]
    fn each_filter_starts_with_any() {
        assert_eq!(format_choices()[0].1, "Any format");
        assert_eq!(any_standard_choices().len(), 8);
        assert_eq!(year_choices(&[]).len(), 1);
    }
}
