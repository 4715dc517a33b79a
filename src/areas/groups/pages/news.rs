//! News from the service about sessions the household booked: a place given from the waiting
//! list, a cancellation, a new time or place, or a message from the people who run it.

use leptos::prelude::*;
use portal_core::date::CalendarDate;
use portal_core::groups::News;

use super::when;
use crate::areas::groups::data::NewsShown;
use crate::areas::groups::{GroupsPage, use_groups};

/// The news in words.
pub fn news_words(news: &News) -> String {
    match news {
        News::GivenPlace => {
            "You have been given a place from the waiting list. If you can no longer come, please give it up so someone else can have it.".to_owned()
        }
        News::Cancelled { reason } => format!("This session has been cancelled. {reason}"),
        News::Moved => {
            "The time or place of this session has changed. Check the details before you go."
                .to_owned()
        }
        News::Message { text } => format!("Message from the people who run it: {text}"),
    }
}

/// A short heading for the news, for lists.
const fn news_title(news: &News) -> &'static str {
    match news {
        News::GivenPlace => "You have a place",
        News::Cancelled { .. } => "Session cancelled",
        News::Moved => "Session changed",
        News::Message { .. } => "New message",
    }
}

/// News not yet marked as seen, about any session (`session` empty), or every piece of news
/// about one session.
#[component]
pub fn GroupNews(#[prop(optional)] session: Option<String>) -> impl IntoView {
    let groups = use_groups();
    let one_session = session.is_some();
    let items = Memo::new(move |_| {
        groups.with(|data| {
            data.news
                .iter()
                .filter(|n| match &session {
                    Some(id) => &n.notice.session_id == id,
                    None => !n.seen,
                })
                .map(|n| {
                    let about = data.session(&n.notice.session_id).and_then(|view| {
                        let group = data.group(&view.session.group_id)?;
                        Some(format!("{}, {}", group.title, when(&view.session)))
                    });
                    (n.clone(), about)
                })
                .collect::<Vec<(NewsShown, Option<String>)>>()
        })
    });
    let heading = if one_session {
        "News about this session"
    } else {
        "News about your bookings"
    };
    view! {
        <Show when=move || !items.with(Vec::is_empty)>
            <div class="govuk-notification-banner" role="region" aria-labelledby="group-news-title">
                <div class="govuk-notification-banner__header">
                    <h2 class="govuk-notification-banner__title" id="group-news-title">{heading}</h2>
                </div>
                <div class="govuk-notification-banner__content">
                    <ul class="govuk-list">
                        {move || items.get().into_iter().map(|(shown, about)| {
                            let id = shown.notice.id.clone();
                            let href = GroupsPage::Session(shown.notice.session_id.clone()).href();
                            let sent = CalendarDate::uk_date_of(shown.notice.sent).long_form();
                            view! {
                                <li class="portal-news">
                                    <h3 class="govuk-heading-s">{news_title(&shown.notice.news)}</h3>
                                    {(!one_session).then(|| about.map(|about| view! {
                                        <p class="govuk-body"><a class="govuk-link" href=href>{about}</a></p>
                                    }))}
                                    <p class="govuk-body portal-keep-lines">{news_words(&shown.notice.news)}</p>
                                    <p class="govuk-body-s">"Sent on " {sent}</p>
                                    {(!shown.seen).then(|| view! {
                                        <button type="button" class="govuk-button govuk-button--secondary"
                                            on:click=move |_| groups.mark_seen(&id)>
                                            "I have seen this"
                                        </button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            </div>
        </Show>
    }
}
