//! Service news on every database: the demo's articles reach carers' devices, staff publish
//! and change articles, and a carer's contribution goes to the news team, who publish it or
//! say why not.

use portal_core::news::{Article, Contribution, ContributionStatus, NewsList};
use portal_core::sync::wire::PullResponse;
use serde_json::{Value, json};

use crate::common::{TestApp, demo_apps, pull, push};

fn in_collection<T: serde::de::DeserializeOwned>(
    pulled: &PullResponse,
    collection: &str,
) -> Vec<T> {
    pulled
        .records
        .iter()
        .filter(|r| r.collection == collection)
        .filter_map(|r| r.body.as_ref())
        .map(|body| serde_json::from_str(body.get()).expect("a record"))
        .collect()
}

fn contribute(id: &str, title: &str) -> Value {
    json!({"news": {"contribute": {"id": id, "form": {"title": title,
        "body": "We went to the seaside.", "credit": "Sam, a carer"}}}})
}

fn article(title: &str, picture: &str) -> Value {
    json!({"title": title, "summary": "In short.", "body": "## Heading\n\nWords.",
        "picture": picture, "picture_alt": if picture.is_empty() { "" } else { "A hill" },
        "audience": "everyone", "credit": ""})
}

async fn news_list(app: &TestApp, cookie: &str) -> NewsList {
    let (status, list) = app
        .json(cookie, "GET", "/api/staff/news", &Value::Null)
        .await;
    assert_eq!(status, 200, "{} {list}", app.label);
    serde_json::from_value(list).expect("the news")
}

#[tokio::test]
async fn the_demo_news_reaches_carers_and_the_news_team_sees_a_contribution_waiting() {
    for app in demo_apps().await {
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let articles: Vec<Article> = in_collection(&pull(&app, &carer, 0).await, "news");
        assert_eq!(articles.len(), 5, "{}", app.label);
        assert_eq!(articles.iter().filter(|a| a.picture.is_some()).count(), 1);

        let worker = app.staff_cookie("worker@demo.test").await;
        let list = news_list(&app, &worker).await;
        assert!(list.can_edit);
        assert_eq!(
            list.articles[0].title,
            "Winter get-together and carol singing"
        );
        assert!(
            list.areas.contains(&"Northby".to_owned()),
            "{:?}",
            list.areas
        );
        let waiting = &list.contributions[0];
        assert_eq!(waiting.household, "The Hughes household");
        assert_eq!(waiting.contribution.status, ContributionStatus::Waiting);
    }
}

#[tokio::test]
async fn staff_publish_and_change_articles_whose_pictures_must_be_real_pictures() {
    const PIXEL: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";
    for app in demo_apps().await {
        let worker = app.staff_cookie("worker@demo.test").await;
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let before = pull(&app, &carer, 0).await;

        // Labelled a PNG, but the bytes are not a picture.
        let (status, refused) = app
            .json(
                &worker,
                "POST",
                "/api/staff/news",
                &article("Fake", "data:image/png;base64,PHNjcmlwdD4="),
            )
            .await;
        assert_eq!(status, 400, "{} {refused}", app.label);
        let (status, refused) = app
            .json(
                &worker,
                "POST",
                "/api/staff/news",
                &json!({"title": "", "audience": "left:6", "summary": "", "body": ""}),
            )
            .await;
        assert_eq!(status, 400, "{}", app.label);
        assert!(
            refused["message"]
                .as_str()
                .unwrap_or_default()
                .contains("who the article is for"),
            "{refused}"
        );

        let (status, created) = app
            .json(
                &worker,
                "POST",
                "/api/staff/news",
                &article("Fostering fortnight", PIXEL),
            )
            .await;
        assert_eq!(status, 201, "{} {created}", app.label);
        let created: Article = serde_json::from_value(created).expect("an article");
        let pulled = pull(&app, &carer, before.cursor.get()).await;
        assert_eq!(
            in_collection::<Article>(&pulled, "news"),
            std::slice::from_ref(&created)
        );

        // A change keeps the day it was first published.
        app.clock.advance(3 * 86_400);
        let worker = app.staff_cookie("worker@demo.test").await;
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let path = format!("/api/staff/news/{}", created.id);
        let (status, changed) = app
            .json(
                &worker,
                "PUT",
                &path,
                &article("Fostering fortnight: the dates", ""),
            )
            .await;
        assert_eq!(status, 200, "{} {changed}", app.label);
        let changed: Article = serde_json::from_value(changed).expect("an article");
        assert_eq!(
            (changed.published_on, changed.picture),
            (created.published_on, None)
        );
        let (status, _) = app
            .json(
                &worker,
                "PUT",
                "/api/staff/news/no-such-article",
                &article("Lost", ""),
            )
            .await;
        assert_eq!(status, 404, "{}", app.label);

        // Carers read the news; they do not write it.
        let (status, _) = app
            .json(&carer, "POST", "/api/staff/news", &article("Mine", ""))
            .await;
        assert_eq!(status, 403, "{}", app.label);
    }
}

#[tokio::test]
async fn a_contribution_is_published_or_not_used_and_the_carer_sees_which() {
    for app in demo_apps().await {
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let worker = app.staff_cookie("worker@demo.test").await;
        push(
            &app,
            &carer,
            "tab-news-0001",
            &[
                (1, contribute("contribution-seaside", "Our seaside trip")),
                (2, contribute("contribution-second", "A second idea")),
            ],
        )
        .await;
        let list = news_list(&app, &worker).await;
        let mine: Vec<&str> = list
            .contributions
            .iter()
            .filter(|c| c.household == "The Taylor household")
            .map(|c| c.contribution.title.as_str())
            .collect();
        assert_eq!(mine.len(), 2, "{} {mine:?}", app.label);

        let publish = json!({"publish": article("Our seaside trip", "")});
        let (status, published) = app
            .json(
                &worker,
                "POST",
                "/api/staff/news/contributions/contribution-seaside",
                &publish,
            )
            .await;
        assert_eq!(status, 200, "{} {published}", app.label);
        let published: Article = serde_json::from_value(published).expect("the article");
        // Decided once only.
        let (status, _) = app
            .json(
                &worker,
                "POST",
                "/api/staff/news/contributions/contribution-seaside",
                &publish,
            )
            .await;
        assert_eq!(status, 409, "{}", app.label);

        let (status, _) = app
            .json(
                &worker,
                "POST",
                "/api/staff/news/contributions/contribution-second",
                &json!({"not_used": {"note": " "}}),
            )
            .await;
        assert_eq!(status, 400, "a reason is needed: {}", app.label);
        let (status, _) = app
            .json(
                &worker,
                "POST",
                "/api/staff/news/contributions/contribution-second",
                &json!({"not_used": {"note": "We ran a piece like it last month."}}),
            )
            .await;
        assert_eq!(status, 200, "{}", app.label);

        let pulled = pull(&app, &carer, 0).await;
        let mut contributions: Vec<Contribution> = in_collection(&pulled, "news_contributions");
        contributions.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(
            contributions
                .iter()
                .map(|c| c.status.clone())
                .collect::<Vec<_>>(),
            [
                ContributionStatus::Published {
                    article_id: published.id.clone()
                },
                ContributionStatus::NotUsed {
                    note: "We ran a piece like it last month.".into()
                },
            ],
            "{}",
            app.label
        );
        let articles: Vec<Article> = in_collection(&pulled, "news");
        assert!(articles.contains(&published), "{}", app.label);
        // Another household's devices never see the Taylors' contributions.
        let other = app.sign_in_cookie("nowak@demo.test").await;
        let theirs: Vec<Contribution> =
            in_collection(&pull(&app, &other, 0).await, "news_contributions");
        assert!(theirs.is_empty(), "{}", app.label);
    }
}

/// Pushes one change from a new tab and checks the server refused it.
async fn assert_refused(app: &TestApp, cookie: &str, client: &str, change: Value) {
    push(app, cookie, client, &[(1, change)]).await;
    let pulled = pull(app, cookie, 0).await;
    assert_eq!(pulled.rejections.len(), 1, "{}", app.label);
}

#[tokio::test]
async fn an_applicant_cannot_send_a_contribution_and_an_id_is_never_reused() {
    for app in demo_apps().await {
        let applicant = app.sign_in_cookie("applicant@demo.test").await;
        let change = contribute("contribution-applicant", "Hello");
        assert_refused(&app, &applicant, "tab-news-0002", change).await;

        // The demo contribution's id is the Hughes household's: the Taylors cannot overwrite it.
        let carer = app.sign_in_cookie("carer@demo.test").await;
        let change = contribute("demo-contribution-hughes", "Mine now");
        assert_refused(&app, &carer, "tab-news-0003", change).await;
        let worker = app.staff_cookie("worker@demo.test").await;
        let list = news_list(&app, &worker).await;
        let hughes = list
            .contributions
            .iter()
            .find(|c| c.contribution.id == "demo-contribution-hughes")
            .expect("the demo contribution");
        assert_eq!(hughes.household, "The Hughes household", "{}", app.label);
    }
}

#[tokio::test]
async fn two_decisions_on_one_contribution_at_once_publish_it_once() {
    for app in demo_apps().await {
        let worker = app.staff_cookie("worker@demo.test").await;
        let admin = app.staff_cookie("admin@demo.test").await;
        let path = "/api/staff/news/contributions/demo-contribution-hughes";
        let publish = json!({"publish": article("What short breaks gave our family", "")});
        let before = news_list(&app, &worker).await.articles.len();
        let ((first, _), (second, _)) = tokio::join!(
            app.json(&worker, "POST", path, &publish),
            app.json(&admin, "POST", path, &publish),
        );
        let mut statuses = [first, second];
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 409], "{}", app.label);
        let after = news_list(&app, &worker).await.articles.len();
        assert_eq!(after, before + 1, "one article: {}", app.label);
    }
}
