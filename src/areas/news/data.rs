//! The news as this device keeps it: the articles meant for the household (newest first), which
//! have been opened here, and the household's contributions, with those still waiting on this
//! device to be sent.

use std::collections::BTreeSet;

use portal_core::household::HouseholdFacts;
use portal_core::mutation::news_change;
use portal_core::news::{
    Article, Contribution, ContributionForm, NewsChange, Season, news_order, newsletter, seasons,
};
use portal_core::sync::wire::collection::{NEWS, NEWS_CONTRIBUTIONS};

use crate::storage::{StorageError, Store, UserStore};
use crate::sync_engine::waiting_changes;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewsData {
    /// The articles for this household, newest first.
    pub articles: Vec<Article>,
    /// The marks of the articles opened on this device.
    pub marks: BTreeSet<String>,
    /// The household's contributions the server has, newest first.
    pub contributions: Vec<Contribution>,
    /// Contributions sent from this device and not yet received by the server, by id.
    pub waiting: Vec<(String, ContributionForm)>,
}

impl NewsData {
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// How many articles have not been opened on this device.
    pub fn new_count(&self) -> usize {
        self.articles
            .iter()
            .filter(|a| a.is_new(&self.marks))
            .count()
    }

    /// The seasons with a newsletter, newest first.
    pub fn seasons(&self) -> Vec<Season> {
        seasons(&self.articles)
    }

    /// A season's newsletter: its articles, oldest first.
    pub fn newsletter(&self, season: Season) -> Vec<Article> {
        newsletter(&self.articles, season)
            .into_iter()
            .cloned()
            .collect()
    }
}

/// Reads the news from the device, for a household standing as `facts`.
pub fn news_data<S: Store>(
    user: &UserStore<'_, S>,
    facts: Option<&HouseholdFacts>,
) -> Result<NewsData, StorageError> {
    let (articles, _) = user.records::<Article>(NEWS)?;
    let mut articles: Vec<Article> = articles.into_iter().filter(|a| a.is_for(facts)).collect();
    articles.sort_by(news_order);
    let (mut contributions, _) = user.records::<Contribution>(NEWS_CONTRIBUTIONS)?;
    contributions.sort_by(|a, b| b.sent_on.cmp(&a.sent_on).then_with(|| a.id.cmp(&b.id)));
    let waiting = waiting_changes(user, news_change)?
        .into_iter()
        .map(|queued| {
            let NewsChange::Contribute { id, form } = queued.mutation;
            (id, form)
        })
        .filter(|(id, _)| !contributions.iter().any(|c| c.id == *id))
        .collect();
    Ok(NewsData {
        articles,
        marks: user.seen()?,
        contributions,
        waiting,
    })
}

#[cfg(test)]
mod tests {
    use portal_core::carers::HouseholdStatus;
    use portal_core::date::CalendarDate;
    use portal_core::household::CarerType;
    use portal_core::mutation::QueuedNews;
    use portal_core::news::ArticleForm;
    use portal_core::sync::ClientId;

    use super::*;
    use crate::storage::{DeviceStore, MemoryStore};

    fn article(id: &str, audience: &str, on: &str) -> Article {
        let form = ArticleForm {
            title: format!("Article {id}"),
            summary: "In short.".into(),
            body: "Words.".into(),
            audience: audience.into(),
            ..ArticleForm::default()
        };
        Article::parse(id, &form, CalendarDate::parse(on).expect("date")).expect("valid")
    }

    #[test]
    fn the_device_shows_the_households_articles_and_contributions_waiting_to_be_sent() {
        let device = DeviceStore::open(MemoryStore::default()).expect("opens");
        let user = device.user("u1");
        for a in [
            article("old", "everyone", "2026-06-01"),
            article("new", "everyone", "2026-12-01"),
            article("elsewhere", "area:Southby", "2026-12-02"),
        ] {
            let body = serde_json::to_string(&a).expect("json");
            user.put_record(NEWS, &a.id, Some(&body)).expect("kept");
        }
        user.mark_seen("news:old").expect("marked");
        let tab = ClientId::parse("tab-00000001").expect("id");
        let change = NewsChange::Contribute {
            id: "contribution-1".into(),
            form: ContributionForm {
                title: "Our trip".into(),
                body: "It rained.".into(),
                credit: String::new(),
            },
        };
        user.enqueue(&tab, &QueuedNews { news: &change })
            .expect("queued");

        let facts = HouseholdFacts {
            name: "The Taylor household".into(),
            carer_type: CarerType::Mainstream,
            status: HouseholdStatus::Approved,
            approved_on: None,
            supervising_worker: None,
            supervising_worker_email: None,
            area: Some("Northby".into()),
            ended_on: None,
        };
        let data = news_data(&user, Some(&facts)).expect("reads");
        let ids: Vec<&str> = data.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["new", "old"], "the Southby article is not for them");
        assert_eq!(data.new_count(), 1);
        assert_eq!(data.waiting.len(), 1);
        assert_eq!(data.waiting[0].1.title, "Our trip");
        let codes: Vec<String> = data.seasons().into_iter().map(Season::code).collect();
        assert_eq!(codes, ["2026-winter", "2026-summer"]);
    }
}
