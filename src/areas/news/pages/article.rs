//! One article (`/news/{id}`), from the device: readable with no signal. Opening it takes away
//! its "new" mark on this device.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_core::news::Article;

use crate::areas::news::{NewsPage, use_news};
use crate::components::page_title::{PageTitle, set_page_title};
use crate::components::written::Written;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let news = use_news();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let article = Memo::new(move |_| news.with(|data| data.article(&id.get()).cloned()));
    let unseen = Memo::new(move |_| {
        news.with(|data| {
            let article = data.article(&id.get())?;
            article.is_new(&data.marks).then(|| article.seen_mark())
        })
    });
    Effect::new(move |_| {
        if let Some(mark) = unseen.get() {
            news.mark_seen(&mark);
        }
    });
    view! {
        <a href=NewsPage::List.href() class="govuk-back-link">"Back to the news"</a>
        {move || match article.get() {
            Some(article) => view! { <Reading article=article /> }.into_any(),
            None => view! { <NewsNotFoundPage /> }.into_any(),
        }}
    }
}

#[component]
fn Reading(article: Article) -> impl IntoView {
    let title = article.title.clone();
    Effect::new(move |_| set_page_title(&title));
    view! {
        <h1 class="govuk-heading-l">{article.title.clone()}</h1>
        <ArticleBody article=article nested=false />
    }
}

/// An article under its title: its date, who wrote it, its picture and its words.
#[component]
pub fn ArticleBody(article: Article, nested: bool) -> impl IntoView {
    let byline = article.byline();
    let blocks = article.blocks();
    view! {
        <p class="govuk-body-s portal-secondary-text">{byline}</p>
        <p class="govuk-body-l">{article.summary}</p>
        {article.picture.map(|picture| view! {
            <img class="portal-news__picture" src=picture.data alt=picture.alt />
        })}
        <Written blocks=blocks nested=nested />
    }
}

/// An article that is not on this device: a wrong address, or one not synced yet.
#[component]
pub fn NewsNotFoundPage() -> impl IntoView {
    view! {
        <PageTitle text="Article not found" />
        <h1 class="govuk-heading-l">"Article not found"</h1>
        <p class="govuk-body">
            "This article is not on this device. If you typed the web address, check it is "
            "correct. New articles arrive the next time this device connects."
        </p>
        <p class="govuk-body">
            <a href=NewsPage::List.href() class="govuk-link">"Go to the news"</a>
        </p>
    }
}
