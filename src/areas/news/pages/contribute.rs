//! Sending the news team a contribution (`/news/contribute`): a story, a tip or an idea, written
//! with no signal if need be (kept on the device as it is typed) and sent with the next sync.

use leptos::prelude::*;
use portal_core::mutation::QueuedNews;
use portal_core::news::{ContributionField, ContributionForm, NewsChange};

use crate::areas::news::NewsPage;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::{TextArea, TextField};
use crate::components::page_title::PageTitle;
use crate::details_form::{FieldProblem, field_problems};
use crate::device::random_id;
use crate::state::account::use_account;
use crate::state::sync::use_sync;

/// Where the contribution is kept on the device while it is being written.
const DRAFT: &str = "news-contribution";

#[component]
pub fn ContributePage() -> impl IntoView {
    let sent = RwSignal::new(false);
    view! {
        <PageTitle text="Send the news team a contribution" />
        <a href=NewsPage::List.href() class="govuk-back-link">"Back to the news"</a>
        <Show when=move || !sent.get() fallback=|| view! { <Sent /> }>
            <ContributionFormView sent=sent />
        </Show>
    }
}

#[component]
fn Sent() -> impl IntoView {
    view! {
        <div class="govuk-panel govuk-panel--confirmation">
            <h1 class="govuk-panel__title">"Thank you"</h1>
            <div class="govuk-panel__body">"Your contribution is saved on this device"</div>
        </div>
        <p class="govuk-body">
            "It goes to the news team the next time this device connects. The news page shows what "
            "became of it: published, or not used this time with a note from the team."
        </p>
        <p class="govuk-body"><a class="govuk-link" href=NewsPage::List.href()>"Go to the news"</a></p>
    }
}

#[component]
fn ContributionFormView(sent: RwSignal<bool>) -> impl IntoView {
    let account = use_account();
    let sync = use_sync();
    let start: ContributionForm = account.draft(DRAFT).unwrap_or_default();
    let title = RwSignal::new(start.title);
    let body = RwSignal::new(start.body);
    let credit = RwSignal::new(start.credit);
    let form = move || ContributionForm {
        title: title.get(),
        body: body.get(),
        credit: credit.get(),
    };
    // The first run only starts the tracking.
    Effect::new(move |started: Option<()>| {
        let now = form();
        if started.is_some() {
            account.keep_draft(DRAFT, &now);
        }
    });
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let typed = untrack(form);
        if let Err(found) = typed.parse() {
            problems.set(field_problems(found));
            return;
        }
        let Some(id) = random_id("contribution") else {
            problems.set(vec![FieldProblem {
                input_id: ContributionField::Title.input_id().into(),
                message: "This browser could not name the contribution. Try again.".into(),
            }]);
            return;
        };
        problems.set(Vec::new());
        let change = NewsChange::Contribute { id, form: typed };
        sync.record_then(
            &QueuedNews { news: &change },
            move |outcome| match outcome {
                Ok(()) => {
                    account.drop_draft(DRAFT);
                    sent.set(true);
                }
                Err(error) => problems.set(vec![FieldProblem {
                    input_id: ContributionField::Title.input_id().into(),
                    message: format!("Your contribution was not saved on this device. {error}"),
                }]),
            },
        );
    };
    let error = move |field: ContributionField| {
        Signal::derive(move || problem_for(&problems.get(), field.input_id()))
    };
    view! {
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary problems=problems />
                <h1 class="govuk-heading-l">"Send the news team a contribution"</h1>
                <p class="govuk-body">
                    "A story from your fostering, a tip for other carers, or an idea for the newsletter. "
                    "The news team reads every contribution and may edit it before publishing. "
                    "Do not name or describe any child you care for."
                </p>
                <form novalidate on:submit=submit>
                    <TextField id=ContributionField::Title.input_id() label="Title" kind="text" autocomplete="off" value=title error=error(ContributionField::Title) />
                    <TextArea id=ContributionField::Body.input_id() label="What you would like to share" value=body error=error(ContributionField::Body) rows=10 />
                    <TextField id=ContributionField::Credit.input_id() label="How to name you if it is published (optional)" kind="text" autocomplete="off" value=credit error=error(ContributionField::Credit)
                        hint="For example, Sam, a short breaks carer. Leave it empty not to be named." />
                    <button type="submit" class="govuk-button">"Send to the news team"</button>
                </form>
            </div>
        </div>
    }
}
