//! One payment query for staff (`/staff/payments/queries/{id}`): what the carer asked, the
//! thread, and for the finance team a reply, who handles it, and its status.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_core::payments::{
    Handler, HandlerForm, PhotoRef, Query, QueryStatus, ReplyForm, StaffQueries, StaffQuery,
    StatusForm,
};

use super::{Loaded, change, fetched, load};
use crate::api;
use crate::components::error_summary::ProblemSummary;
use crate::components::page_title::PageTitle;
use crate::components::payment_thread::QueryThread;
use crate::staff::StaffPage;

#[component]
pub fn PaymentQueryPage() -> impl IntoView {
    let params = use_params_map();
    let loaded: Loaded<StaffQueries> = load(api::payment_queries);
    let refresh = move || loaded.refetch();
    view! {
        <PageTitle text="Payment query" />
        <p class="govuk-body"><a class="govuk-link" href=StaffPage::PaymentQueries.href()>"All payment queries"</a></p>
        {fetched(loaded, "Loading the query…", move |list| {
            let id = params.with(|p| p.get("id").unwrap_or_default());
            match list.queries.iter().find(|q| q.query.id == id).cloned() {
                None => view! {
                    <h1 class="govuk-heading-l">"Payment query"</h1>
                    <p class="govuk-body">"There is no such query, or it is not one you can see."</p>
                }
                .into_any(),
                Some(item) => view! {
                    <QueryView item=item handlers=list.handlers can_answer=list.can_answer refresh=refresh />
                }
                .into_any(),
            }
        })}
    }
}

#[component]
fn QueryView(
    item: StaffQuery,
    handlers: Vec<Handler>,
    can_answer: bool,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let query = item.query;
    let about = query.about.clone();
    view! {
        <h1 class="govuk-heading-l">{about.category.label()} ": " {item.household_name}</h1>
        <p class="govuk-body">
            <strong class="govuk-tag">{query.status.label()}</strong>
            {item.overdue.then(|| view! { " " <strong class="govuk-tag govuk-tag--red">"Overdue"</strong> })}
            {query.status.awaiting_finance().then(|| format!(" An answer is due by {}.", query.respond_by.long_form()))}
        </p>
        <QueryThread query=query.clone() carer="The carer" photo=staff_photo />
        {can_answer.then(|| view! { <Answer query=query handlers=handlers refresh=refresh /> })}
    }
}

/// The finance team's part: reply, give the query to someone, move its status on.
#[component]
fn Answer(
    query: Query,
    handlers: Vec<Handler>,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = StoredValue::new(query.id.clone());
    let reply = RwSignal::new(String::new());
    let handler = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let done = move |result: Result<Query, api::ApiError>| match result {
        Ok(_) => {
            problem.set(None);
            refresh();
        }
        Err(error) => problem.set(Some(error.message())),
    };
    let replying = change(
        move |form: ReplyForm| async move { api::reply_to_query(&id.get_value(), &form).await },
        done,
    );
    let handing = change(
        move |form: HandlerForm| async move { api::hand_query_to(&id.get_value(), &form).await },
        done,
    );
    let moving = change(
        move |form: StatusForm| async move { api::move_query_status(&id.get_value(), &form).await },
        done,
    );
    let busy =
        move || replying.pending().get() || handing.pending().get() || moving.pending().get();
    let send_reply = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = ReplyForm {
            text: reply.get_untracked(),
        };
        if form.text.trim().is_empty() {
            problem.set(Some("Enter a reply".to_owned()));
            return;
        }
        if !busy() {
            replying.dispatch(form);
        }
    };
    let assign = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = HandlerForm {
            handler: handler.get_untracked(),
        };
        if !busy() {
            handing.dispatch(form);
        }
    };
    let from = query.status;
    let change_status = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(to) = QueryStatus::parse(&to.get_untracked()) else {
            problem.set(Some("Choose the new status".to_owned()));
            return;
        };
        let form = StatusForm { from, to };
        if !busy() {
            moving.dispatch(form);
        }
    };
    let statuses: Vec<QueryStatus> = QueryStatus::ALL
        .into_iter()
        .filter(|s| *s != from)
        .collect();
    view! {
        <ProblemSummary problem=problem />
        <form novalidate on:submit=send_reply>
            <div class="govuk-form-group">
                <label class="govuk-label govuk-label--m" for="query-reply">"Reply to the carer"</label>
                <div class="govuk-hint" id="query-reply-hint">"The query becomes Answered. The carer sees it at their next sync."</div>
                <textarea class="govuk-textarea" id="query-reply" rows="4" aria-describedby="query-reply-hint" bind:value=reply></textarea>
            </div>
            <button type="submit" class="govuk-button">"Send reply"</button>
        </form>
        <form novalidate on:submit=assign>
            <div class="govuk-form-group">
                <label class="govuk-label govuk-label--s" for="query-handler">"Who handles it"</label>
                <select class="govuk-select" id="query-handler" on:change=move |e| handler.set(event_target_value(&e))>
                    <option value="" selected=true>"Choose someone"</option>
                    {handlers.into_iter().map(|h| view! { <option value=h.id>{h.name}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary">"Give it to them"</button>
        </form>
        <form novalidate on:submit=change_status>
            <div class="govuk-form-group">
                <label class="govuk-label govuk-label--s" for="query-status">"Change the status from " {from.label()}</label>
                <select class="govuk-select" id="query-status" on:change=move |e| to.set(event_target_value(&e))>
                    <option value="" selected=true>"Choose the new status"</option>
                    {statuses.into_iter().map(|s| view! { <option value=s.as_str()>{s.label()}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary">"Change the status"</button>
        </form>
    }
}

/// A thread's photo for staff, straight from the server: the staff side works online.
pub fn staff_photo(photo: &PhotoRef) -> AnyView {
    let alt = format!("Photo: {}", photo.name);
    match api::photo_path(&photo.id) {
        Ok(address) => view! {
            <img class="portal-photo__image portal-photo__image--large" src=address alt=alt />
        }
        .into_any(),
        Err(_) => view! { <span>{alt} " It could not be found."</span> }.into_any(),
    }
}
