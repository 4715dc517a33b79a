//! Ask about a payment (`/payments/new`): what it was for, the dates and amounts, the child
//! (initials or reference only), and what is wrong. Checked with the server's own rules, kept
//! on the device, and sent when there is a connection.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use portal_core::mutation::QueuedPayment;
use portal_core::payments::{PaymentChange, QueryCategory, QueryField, QueryForm};

use crate::areas::payments::PaymentsPage;
use crate::components::carers_only::CarersOnly;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::{TextArea, TextField};
use crate::components::page_title::PageTitle;
use crate::components::photo_picker::PhotoPicker;
use crate::components::select_field::{SelectField, choices_after};
use crate::details_form::{FieldProblem, field_problems};
use crate::device::{random_id, today};
use crate::state::account::use_account;
use crate::state::sync::use_sync;

#[component]
pub fn NewQueryPage() -> impl IntoView {
    view! {
        <PageTitle text=PaymentsPage::NewQuery.title() />
        <h1 class="govuk-heading-l">"Ask about a payment"</h1>
        <CarersOnly to="ask about your payments">
            <QueryFormView />
        </CarersOnly>
    }
}

/// Where the form is kept on the device while it is being filled in.
const DRAFT: &str = "payment-query";

#[component]
fn QueryFormView() -> impl IntoView {
    let sync = use_sync();
    let navigate = use_navigate();
    let account = use_account();
    // What the carer typed before leaving the page, on this device.
    let start: QueryForm = account.draft(DRAFT).unwrap_or_default();
    let category = RwSignal::new(start.category);
    let from = RwSignal::new(start.from);
    let to = RwSignal::new(start.to);
    let expected = RwSignal::new(start.expected);
    let received = RwSignal::new(start.received);
    let child = RwSignal::new(start.child);
    let description = RwSignal::new(start.description);
    let photos = RwSignal::new(start.photos);
    let typed = move || QueryForm {
        category: category.get(),
        from: from.get(),
        to: to.get(),
        expected: expected.get(),
        received: received.get(),
        child: child.get(),
        description: description.get(),
        photos: photos.get(),
    };
    // Every change is kept on the device at once, so nothing typed is lost if the carer
    // leaves, the tab closes or the phone restarts. The first run only starts the tracking.
    Effect::new(move |started: Option<()>| {
        let form = typed();
        if started.is_some() {
            account.keep_draft(DRAFT, &form);
        }
    });
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let error = move |field: QueryField| {
        Signal::derive(move || problem_for(&problems.get(), field.input_id()))
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = untrack(typed);
        if let Err(found) = form.parse(today()) {
            problems.set(field_problems(found));
            return;
        }
        let Some(id) = random_id("query") else {
            return;
        };
        let change = PaymentChange::Raise {
            id: id.clone(),
            form,
        };
        let navigate = navigate.clone();
        sync.record_then(
            &QueuedPayment { payments: &change },
            move |outcome| match outcome {
                Ok(()) => {
                    account.drop_draft(DRAFT);
                    navigate(&PaymentsPage::Query(id).href(), NavigateOptions::default());
                }
                Err(error) => problems.set(vec![FieldProblem {
                    input_id: QueryField::Description.input_id().into(),
                    message: format!("Your query was not saved on this device. {error}"),
                }]),
            },
        );
    };
    let categories = choices_after(
        "Choose what it was for",
        QueryCategory::ALL
            .into_iter()
            .map(|c| (c.as_str().to_owned(), c.label().to_owned()))
            .collect(),
    );
    view! {
        <ErrorSummary problems=problems />
        <form novalidate on:submit=submit>
            <SelectField id=QueryField::Category.input_id() label="What was the payment for?" choices=categories
                value=category error=error(QueryField::Category) />
            <TextField id=QueryField::From.input_id() label="First date it was for" kind="text" autocomplete="off"
                value=from error=error(QueryField::From) hint="For example, 2/11/2026. For one payment, its date." />
            <TextField id=QueryField::To.input_id() label="Last date it was for (optional)" kind="text" autocomplete="off"
                value=to error=error(QueryField::To) hint="For example, 8/11/2026. Leave empty for one day or one payment." />
            <TextField id=QueryField::Expected.input_id() label="Amount you expected (optional)" kind="text" autocomplete="off"
                value=expected error=error(QueryField::Expected) hint="For example, £220.00" />
            <TextField id=QueryField::Received.input_id() label="Amount you received (optional)" kind="text" autocomplete="off"
                value=received error=error(QueryField::Received) hint="For example, £194.00. Enter 0 if nothing came." />
            <TextField id=QueryField::Child.input_id() label="The child's initials or reference (optional)" kind="text" autocomplete="off"
                value=child error=error(QueryField::Child) hint="For example, J S. Never a child's full name." />
            <TextArea id=QueryField::Description.input_id() label="What is your query about?" value=description
                error=error(QueryField::Description) />
            <PhotoPicker id=QueryField::Photos.input_id() label="Photos (optional)" photos=photos
                error=error(QueryField::Photos) />
            <button type="submit" class="govuk-button">"Send my query"</button>
        </form>
    }
}
