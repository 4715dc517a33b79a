//! A season's newsletter (`/news/newsletter/{season}`): every article of the season for the
//! household, in full and oldest first, on one page to read through or print.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_core::news::Season;

use crate::areas::news::pages::article::ArticleBody;
use crate::areas::news::{NewsPage, use_news};
use crate::components::page_title::{PageTitle, set_page_title};
use crate::device::print_page;

#[component]
pub fn NewsletterPage() -> impl IntoView {
    let news = use_news();
    let params = use_params_map();
    let season =
        Memo::new(move |_| params.with(|p| p.get("season").and_then(|s| Season::parse(&s))));
    let articles = Memo::new(move |_| {
        season
            .get()
            .map(|season| news.with(|data| data.newsletter(season)))
            .unwrap_or_default()
    });
    Effect::new(move |_| {
        if let (Some(season), false) = (season.get(), articles.with(Vec::is_empty)) {
            set_page_title(&format!("{} newsletter", season.words()));
        }
    });
    view! {
        <a href=NewsPage::List.href() class="govuk-back-link portal-no-print">"Back to the news"</a>
        {move || match (season.get(), articles.get()) {
            (Some(season), articles) if !articles.is_empty() => {
                let heading = format!("{} newsletter", season.words());
                view! {
                    <span class="govuk-caption-l">"Fostering news"</span>
                    <h1 class="govuk-heading-l">{heading}</h1>
                    <p class="govuk-body">
                        {format!("{} from the fostering service this season.", crate::words::count(articles.len(), "article", "articles"))}
                    </p>
                    <button type="button" class="govuk-button govuk-button--secondary portal-no-print" on:click=move |_| print_page()>
                        "Print this newsletter"
                    </button>
                    {articles.into_iter().map(|article| view! {
                        <article class="portal-newsletter__article">
                            <h2 class="govuk-heading-m">{article.title.clone()}</h2>
                            <ArticleBody article=article nested=true />
                        </article>
                    }).collect_view()}
                }
                .into_any()
            }
            _ => view! {
                <PageTitle text="Newsletter not found" />
                <h1 class="govuk-heading-l">"Newsletter not found"</h1>
                <p class="govuk-body">
                    "There is no newsletter for that season on this device. Newsletters are listed on the news page."
                </p>
            }
            .into_any(),
        }}
    }
}
