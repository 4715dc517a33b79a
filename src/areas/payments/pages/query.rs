//! One payment query (`/payments/queries/{id}`): what it is about, where it stands, the thread
//! with the finance team, a new message, and marking it resolved or reopening it; all of it
//! works offline.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_core::mutation::QueuedPayment;
use portal_core::payments::{PaymentChange, Photo, QueryStatus};

use super::queries::status_tag;
use crate::areas::payments::data::QueryShown;
use crate::areas::payments::{PaymentsPage, use_payments};
use crate::components::carers_only::CarersOnly;
use crate::components::fields::TextArea;
use crate::components::needs_attention::NeedsAttention;
use crate::components::page_title::PageTitle;
use crate::components::payment_thread::QueryThread;
use crate::components::photo_picker::{PhotoPicker, carers_photo};
use crate::device::random_id;
use crate::state::account::use_account;
use crate::state::sync::use_sync;

#[component]
pub fn QueryPage() -> impl IntoView {
    let params = use_params_map();
    let data = use_payments();
    let shown = Memo::new(move |_| {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        data.with(|d| d.query(&id).cloned())
    });
    view! {
        <PageTitle text=PaymentsPage::Query(String::new()).title() />
        <CarersOnly to="see your payment queries">
            {move || match shown.get() {
                Some(shown) => view! { <QueryView shown=shown /> }.into_any(),
                None => view! {
                    <h1 class="govuk-heading-l">"Payment query"</h1>
                    <p class="govuk-body">
                        "This query is not on this device. It may belong to another account."
                    </p>
                    <p class="govuk-body">
                        <a class="govuk-link" href=PaymentsPage::Queries.href()>"My payment queries"</a>
                    </p>
                }
                .into_any(),
            }}
        </CarersOnly>
    }
}

#[component]
fn QueryView(shown: QueryShown) -> impl IntoView {
    let query = shown.query;
    let standing = if query.status.awaiting_finance() {
        format!("An answer is due by {}.", query.respond_by.long_form())
    } else {
        String::new()
    };
    view! {
        <h1 class="govuk-heading-l">{query.about.category.label()}</h1>
        <NeedsAttention notices=false />
        <p class="govuk-body">
            <strong class=status_tag(query.status)>{query.status.label()}</strong>
            {shown.waiting_to_send.then(|| view! { " " <strong class="govuk-tag govuk-tag--yellow">"Waiting to send"</strong> })}
            " " {standing}
        </p>
        <QueryThread query=query.clone() carer="You" photo=carers_photo />
        <Reply query=query.id.clone() status=query.status />
    }
}

/// A new message, and marking the query resolved or reopening it.
#[component]
fn Reply(query: String, status: QueryStatus) -> impl IntoView {
    let sync = use_sync();
    let text = use_account().kept_text(format!("query-message-{query}"));
    let photos = RwSignal::new(Vec::<Photo>::new());
    let problem = RwSignal::new(None::<String>);
    let id = StoredValue::new(query);
    let send = move |change: PaymentChange| {
        sync.record_then(
            &QueuedPayment { payments: &change },
            move |outcome| match outcome {
                Ok(()) => {
                    problem.set(None);
                    text.set(String::new());
                    photos.set(Vec::new());
                }
                Err(error) => {
                    problem.set(Some(format!("That was not saved on this device. {error}")));
                }
            },
        );
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if text.get_untracked().trim().is_empty() && photos.with_untracked(Vec::is_empty) {
            problem.set(Some("Enter a message or add a photo".to_owned()));
            return;
        }
        let Some(message) = random_id("message") else {
            return;
        };
        send(PaymentChange::Message {
            id: message,
            query: id.get_value(),
            text: text.get_untracked(),
            photos: photos.get_untracked(),
        });
    };
    let (to, words) = if status == QueryStatus::Resolved {
        (QueryStatus::Sent, "Reopen this query")
    } else {
        (QueryStatus::Resolved, "Mark as resolved")
    };
    let move_status = move |_| {
        send(PaymentChange::Status {
            query: id.get_value(),
            from: status,
            to,
        });
    };
    view! {
        <form novalidate on:submit=submit>
            <TextArea id="query-message" label="Add a message" value=text error=Signal::derive(move || problem.get()) />
            <PhotoPicker id="query-message-photos" label="Photos (optional)" photos=photos error=Signal::derive(|| None::<String>) />
            <div class="govuk-button-group">
                <button type="submit" class="govuk-button">"Send message"</button>
                <button type="button" class="govuk-button govuk-button--secondary" on:click=move_status>{words}</button>
            </div>
        </form>
    }
}
