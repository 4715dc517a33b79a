//! The service's news, under `/news`: the articles meant for the household, read with no
//! signal and marked "new" until opened on this device; each season's newsletter as one page to
//! print; and contributions the carer sends the news team. It loads with the library (see
//! `areas::library::LibraryArea`), which shows words staff wrote in the same way.

pub mod data;
pub mod pages;

use leptos::prelude::*;
use portal_core::news::Season;

use crate::areas::news::data::{NewsData, news_data};
use crate::routes::NEWS_HOME;
use crate::state::account::{Account, device, use_account};
use crate::state::sync::{Sync, use_sync};

/// The news's pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewsPage {
    List,
    Article(String),
    Newsletter(Season),
    Contribute,
}

impl NewsPage {
    pub fn href(&self) -> String {
        match self {
            Self::List => NEWS_HOME.to_owned(),
            Self::Article(id) => format!("{NEWS_HOME}/{id}"),
            Self::Newsletter(season) => format!("{NEWS_HOME}/newsletter/{}", season.code()),
            Self::Contribute => format!("{NEWS_HOME}/contribute"),
        }
    }

    /// The page at a browser path, if there is one.
    pub fn from_path(path: &str) -> Option<Self> {
        let rest = path.trim_end_matches('/').strip_prefix(NEWS_HOME)?;
        if !(rest.is_empty() || rest.starts_with('/')) {
            return None;
        }
        match rest.trim_start_matches('/').split('/').collect::<Vec<_>>()[..] {
            [""] => Some(Self::List),
            ["contribute"] => Some(Self::Contribute),
            ["newsletter", code] => Season::parse(code).map(Self::Newsletter),
            [id] if !id.is_empty() => Some(Self::Article(id.to_owned())),
            _ => None,
        }
    }
}

/// The news as the pages show it, read again whenever the device's storage changes.
#[derive(Debug, Clone, Copy)]
pub struct News {
    data: Memo<NewsData>,
    account: Account,
    sync: Sync,
}

impl News {
    /// Marks an article as opened on this device.
    pub fn mark_seen(self, mark: &str) {
        if let (Some(user), Ok(device)) = (self.account.user_untracked(), device()) {
            // A "new" marker is a convenience: if the mark cannot be stored, the article stays
            // marked new, and nothing else is lost.
            let _ = device.user(&user.id).mark_seen(mark);
        }
        self.sync.refresh();
    }

    pub fn with<T>(self, read: impl FnOnce(&NewsData) -> T) -> T {
        self.data.with(read)
    }
}

pub fn use_news() -> News {
    expect_context::<News>()
}

pub fn provide_news() {
    let sync = use_sync();
    let account = use_account();
    let data = Memo::new(move |_| {
        sync.revision();
        let facts = sync.household();
        let Some(user) = account.user() else {
            return NewsData::default();
        };
        device()
            .and_then(|d| news_data(&d.user(&user.id), facts.as_ref()))
            .unwrap_or_default()
    });
    provide_context(News {
        data,
        account,
        sync,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_news_page_is_found_at_its_own_address() {
        let winter = Season::parse("2026-winter").expect("season");
        for page in [
            NewsPage::List,
            NewsPage::Article("a1".into()),
            NewsPage::Newsletter(winter),
            NewsPage::Contribute,
        ] {
            assert_eq!(NewsPage::from_path(&page.href()), Some(page));
        }
        assert_eq!(NewsPage::from_path("/news/newsletter/2026-monsoon"), None);
        assert_eq!(NewsPage::from_path("/news/a/b"), None);
        assert_eq!(NewsPage::from_path("/newsletter"), None);
    }
}
