//! The news (`/news`): the articles for the household, newest first, with those not yet opened
//! on this device marked new; the seasons' newsletters; and the household's contributions.

use leptos::prelude::*;
use portal_core::news::{Article, Contribution, ContributionStatus};

use crate::areas::news::data::NewsData;
use crate::areas::news::{NewsPage, use_news};
use crate::components::page_title::PageTitle;
use crate::words::count;

/// An article as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Listed {
    article: Article,
    new: bool,
}

fn listed(data: &NewsData) -> Vec<Listed> {
    data.articles
        .iter()
        .map(|article| Listed {
            new: article.is_new(&data.marks),
            article: article.clone(),
        })
        .collect()
}

/// "2 new articles", for the line over the list.
pub fn new_words(new: usize) -> String {
    format!(
        "{} since you last looked.",
        count(new, "new article", "new articles")
    )
}

#[component]
pub fn NewsListPage() -> impl IntoView {
    let news = use_news();
    let empty = move || news.with(|data| data.articles.is_empty());
    view! {
        <PageTitle text="News" />
        <h1 class="govuk-heading-l">"News"</h1>
        <p class="govuk-body">
            "News from the fostering service. It is kept on this device, so you can read it with no signal."
        </p>
        <p class="govuk-body">
            <a class="govuk-link" href=NewsPage::Contribute.href()>"Send the news team a story or an idea"</a>
        </p>
        <Show
            when=move || !empty()
            fallback=|| view! {
                <p class="govuk-body">
                    "No news has reached this device yet. It arrives the next time this device connects."
                </p>
            }
        >
            {move || {
                let new = news.with(NewsData::new_count);
                (new > 0).then(|| view! { <div class="govuk-inset-text">{new_words(new)}</div> })
            }}
            <ul class="govuk-list portal-library">
                <For each=move || news.with(listed) key=|l| (l.article.id.clone(), l.new) let:listed>
                    <ArticleItem listed=listed />
                </For>
            </ul>
            <Newsletters />
        </Show>
        <Contributions />
    }
}

#[component]
fn ArticleItem(listed: Listed) -> impl IntoView {
    let article = listed.article;
    let dated = match article.audience_words() {
        Some(words) => format!("{}. {words}", article.published_on.long_form()),
        None => article.published_on.long_form(),
    };
    view! {
        <li class="portal-library__item">
            <h2 class="govuk-heading-s govuk-!-margin-bottom-1">
                <a class="govuk-link" href=NewsPage::Article(article.id.clone()).href()>{article.title.clone()}</a>
            </h2>
            {listed.new.then(|| view! {
                <p class="govuk-body-s govuk-!-margin-bottom-1"><strong class="govuk-tag govuk-tag--blue">"New"</strong></p>
            })}
            <p class="govuk-body govuk-!-margin-bottom-1">{article.summary.clone()}</p>
            <p class="govuk-body-s portal-secondary-text">{dated}</p>
        </li>
    }
}

#[component]
fn Newsletters() -> impl IntoView {
    let news = use_news();
    view! {
        <h2 class="govuk-heading-m">"Newsletters"</h2>
        <p class="govuk-body">"Each season's news on one page, to read through or print."</p>
        <ul class="govuk-list">
            <For each=move || news.with(NewsData::seasons) key=|season| *season let:season>
                <li>
                    <a class="govuk-link" href=NewsPage::Newsletter(season).href()>
                        {format!("{} newsletter", season.words())}
                    </a>
                </li>
            </For>
        </ul>
    }
}

/// What became of a contribution, in a line for the carer.
fn contribution_line(contribution: &Contribution) -> (String, Option<String>) {
    let sent = format!(
        "Sent on {}. {}.",
        contribution.sent_on.long_form(),
        contribution.status_words()
    );
    match &contribution.status {
        ContributionStatus::Waiting => (sent, None),
        ContributionStatus::Published { article_id } => {
            (sent, Some(NewsPage::Article(article_id.clone()).href()))
        }
        ContributionStatus::NotUsed { note } => (format!("{sent} {note}"), None),
    }
}

#[component]
fn Contributions() -> impl IntoView {
    let news = use_news();
    let any = move || news.with(|d| !d.contributions.is_empty() || !d.waiting.is_empty());
    view! {
        <Show when=any>
            <h2 class="govuk-heading-m">"Your contributions"</h2>
            <ul class="govuk-list portal-library">
                <For each=move || news.with(|d| d.waiting.clone()) key=|(id, _)| id.clone() let:waiting>
                    <li class="portal-library__item">
                        <h3 class="govuk-heading-s govuk-!-margin-bottom-1">{waiting.1.title.clone()}</h3>
                        <p class="govuk-body">"Saved on this device. It goes to the news team the next time this device connects."</p>
                    </li>
                </For>
                <For each=move || news.with(|d| d.contributions.clone()) key=|c| (c.id.clone(), c.status.clone()) let:contribution>
                    {
                        let (line, link) = contribution_line(&contribution);
                        view! {
                            <li class="portal-library__item">
                                <h3 class="govuk-heading-s govuk-!-margin-bottom-1">{contribution.title.clone()}</h3>
                                <p class="govuk-body govuk-!-margin-bottom-1">{line}</p>
                                {link.map(|href| view! {
                                    <p class="govuk-body"><a class="govuk-link" href=href>"Read the article"</a></p>
                                })}
                            </li>
                        }
                    }
                </For>
            </ul>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use portal_core::date::CalendarDate;

    use super::*;

    #[test]
    fn the_list_says_how_many_articles_are_new_and_what_became_of_a_contribution() {
        assert_eq!(new_words(1), "1 new article since you last looked.");
        assert_eq!(new_words(3), "3 new articles since you last looked.");
        let contribution = Contribution {
            id: "c1".into(),
            title: "Our trip".into(),
            body: "Words.".into(),
            credit: None,
            sent_by: "Sam".into(),
            sent_on: CalendarDate::parse("2026-12-01").expect("date"),
            status: ContributionStatus::NotUsed {
                note: "We ran one like it.".into(),
            },
        };
        assert_eq!(
            contribution_line(&contribution),
            (
                "Sent on 1 December 2026. Not used this time. We ran one like it.".to_owned(),
                None
            )
        );
    }
}
