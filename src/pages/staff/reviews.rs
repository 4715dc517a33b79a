//! Annual reviews for staff: every approved household's review overdue or due in the next
//! eight weeks (`/staff/reviews`), and one household's (`/staff/reviews/{id}`): the carer's
//! part and proposed plan, their learning, and recording the review as held with the plan
//! agreed.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_core::review::{
    AnnualReview, FORM_OPENS_DAYS, HeldForm, ReviewList, ReviewRow, ReviewTiming, StaffReview,
    learning_lines,
};

use super::{change, fetched, load};
use crate::api;
use crate::components::data_table::DataTable;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::TextArea;
use crate::components::page_title::PageTitle;
use crate::components::review_part::{ReviewPart, SummaryLines};
use crate::details_form::FieldProblem;
use crate::staff::StaffPage;

/// The GOV.UK tag for where a review stands; the words say it too.
pub const fn timing_tag(timing: ReviewTiming) -> &'static str {
    match timing {
        ReviewTiming::Overdue => "govuk-tag govuk-tag--red",
        ReviewTiming::Due => "govuk-tag govuk-tag--yellow",
        ReviewTiming::Later => "govuk-tag govuk-tag--blue",
    }
}

/// "Sent on 3 December 2026", or "Not sent yet".
pub fn sent_words(row: &ReviewRow) -> String {
    row.sent_on.map_or_else(
        || "Not sent yet".to_owned(),
        |on| format!("Sent on {}", on.long_form()),
    )
}

#[component]
pub fn ReviewsPage() -> impl IntoView {
    let list = load(api::reviews);
    view! {
        <PageTitle text="Annual reviews" />
        <h1 class="govuk-heading-l">"Annual reviews"</h1>
        <p class="govuk-body">
            {format!("Every approved household's review is due a year after approval, then a year after the last review was held. Carers can send their part of the review form from {} weeks before.", FORM_OPENS_DAYS / 7)}
        </p>
        {fetched(list, "Loading the reviews…", move |list| view! { <ReviewTable list=list /> }.into_any())}
    }
}

#[component]
fn ReviewTable(list: ReviewList) -> impl IntoView {
    let today = list.today;
    let later = list.later;
    let count = list.rows.len();
    let rows = list
        .rows
        .into_iter()
        .map(|row| {
            let href = StaffPage::Review(row.household_id.clone()).href();
            view! {
                <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">
                        <a class="govuk-link" href=href>{row.household.clone()}</a>
                    </th>
                    <td class="govuk-table__cell">
                        <strong class=timing_tag(row.timing)>{row.timing.words(row.due_on, today)}</strong>
                    </td>
                    <td class="govuk-table__cell">{row.due_on.long_form()}</td>
                    <td class="govuk-table__cell">{sent_words(&row)}</td>
                    <td class="govuk-table__cell">{row.worker.clone().unwrap_or_else(|| "None recorded".to_owned())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="govuk-body">
            {format!("{count} overdue or due in the next {} weeks. {later} more later.", FORM_OPENS_DAYS / 7)}
        </p>
        <DataTable label="Annual reviews overdue and due" headings=&[("Household", false), ("Review", false), ("Due", false), ("Carer's part", false), ("Supervising social worker", false)]>
            {rows}
        </DataTable>
    }
}

#[component]
pub fn HouseholdReviewPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let loaded = load(move || {
        let id = id();
        async move { api::household_review(&id).await }
    });
    view! {
        <a href=StaffPage::Reviews.href() class="govuk-back-link">"Back to annual reviews"</a>
        <PageTitle text="Annual review" />
        {fetched(loaded, "Loading the review…", move |review| {
            view! { <Review review=review household_id=id() reload=move || loaded.refetch() /> }.into_any()
        })}
    }
}

#[component]
fn Review(
    review: StaffReview,
    household_id: String,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lines = learning_lines(review.minutes_last_12_months, &review.training);
    let due_on = review.review.due_on;
    view! {
        <span class="govuk-caption-l">"Annual review"</span>
        <h1 class="govuk-heading-l">{review.household.clone()}</h1>
        <p class="govuk-body">
            <strong class=timing_tag(review.timing)>{review.timing.words(due_on, review.today)}</strong>
        </p>
        <h2 class="govuk-heading-m">"The carer's part"</h2>
        {match review.review.sent.clone() {
            Some(sent) => view! {
                <p class="govuk-body">{format!("Sent by {} on {}.", sent.sent_by, sent.sent_on.long_form())}</p>
                <ReviewPart part=sent.part />
            }
            .into_any(),
            None => view! {
                <p class="govuk-body">"The carer has not sent their part of the form yet."</p>
            }
            .into_any(),
        }}
        <h2 class="govuk-heading-m">"Their learning"</h2>
        <SummaryLines lines=lines />
        {review.can_hold.then(|| view! { <HoldForm household_id=household_id.clone() reload=reload /> })}
        <Earlier earlier=review.earlier />
    }
}

#[component]
fn HoldForm(
    household_id: String,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let comment = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let holding = change(
        move |form: HeldForm| {
            let id = household_id.clone();
            async move { api::hold_review(&id, &form).await }
        },
        move |result| match result {
            Ok(_) => {
                comment.set(String::new());
                reload();
            }
            Err(error) => problems.set(vec![FieldProblem {
                input_id: "held-comment".into(),
                message: error.message(),
            }]),
        },
    );
    let busy = move || holding.pending().get();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = HeldForm {
            comment: comment.get_untracked(),
        };
        if let Err(message) = form.parse() {
            problems.set(vec![FieldProblem {
                input_id: "held-comment".into(),
                message,
            }]);
            return;
        }
        problems.set(Vec::new());
        if !holding.pending().get_untracked() {
            holding.dispatch(form);
        }
    };
    let error = Signal::derive(move || problem_for(&problems.get(), "held-comment"));
    view! {
        <h2 class="govuk-heading-m">"Record the review"</h2>
        <ErrorSummary problems=problems />
        <form novalidate on:submit=submit>
            <TextArea id="held-comment" label="A note for the household (optional)" value=comment error=error hint="For example, changes you agreed to the plan. The household sees it in the portal." />
            <button type="submit" class="govuk-button" disabled=busy>
                {move || if busy() { "Recording…" } else { "Record the review as held and the plan agreed" }}
            </button>
        </form>
    }
}

#[component]
fn Earlier(earlier: Vec<AnnualReview>) -> impl IntoView {
    (!earlier.is_empty()).then(|| {
        view! {
            <h2 class="govuk-heading-m">"Reviews held"</h2>
            <ul class="govuk-list">
                {earlier.into_iter().filter_map(|review| {
                    let held = review.held?;
                    let comment = if held.comment.is_empty() { String::new() } else { format!(": {}", held.comment) };
                    Some(view! { <li>{format!("Held on {} by {}{comment}", held.on.long_form(), held.by)}</li> })
                }).collect_view()}
            </ul>
        }
    })
}
