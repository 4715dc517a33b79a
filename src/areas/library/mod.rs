//! The library, under `/library`: the foster carers' handbook, the charter and the policies,
//! kept on the device so they open with no signal, searchable, and marked when they have
//! changed since they were last read here. Its code loads the first time it is opened (see
//! `parts`).

pub mod data;
pub mod pages;

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::{ParamSegment, StaticSegment};

use crate::areas::library::data::{LibraryData, library_data};
use crate::areas::library::pages::document::{DocumentPage, LibraryNotFoundPage};
use crate::areas::library::pages::list::LibraryListPage;
use crate::areas::news::pages::article::ArticlePage;
use crate::areas::news::pages::contribute::ContributePage;
use crate::areas::news::pages::list::NewsListPage;
use crate::areas::news::pages::newsletter::NewsletterPage;
use crate::areas::news::provide_news;
use crate::routes::LIBRARY_HOME;
use crate::state::account::{Account, device, use_account};
use crate::state::sync::{Sync, use_sync};

/// The library's pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryPage {
    List,
    Document(String),
}

impl LibraryPage {
    pub fn href(&self) -> String {
        match self {
            Self::List => LIBRARY_HOME.to_owned(),
            Self::Document(id) => format!("{LIBRARY_HOME}/{id}"),
        }
    }

    /// The page at a browser path, if there is one.
    pub fn from_path(path: &str) -> Option<Self> {
        let rest = path.trim_end_matches('/').strip_prefix(LIBRARY_HOME)?;
        match rest.trim_start_matches('/').split('/').collect::<Vec<_>>()[..] {
            [""] => Some(Self::List),
            [id] if !id.is_empty() => Some(Self::Document(id.to_owned())),
            _ => None,
        }
    }
}

/// The library as the pages show it, read again whenever the device's storage changes.
#[derive(Debug, Clone, Copy)]
pub struct Library {
    data: Memo<LibraryData>,
    account: Account,
    sync: Sync,
}

impl Library {
    /// Marks a document's version as read on this device.
    pub fn mark_read(self, mark: &str) {
        if let (Some(user), Ok(device)) = (self.account.user_untracked(), device()) {
            // A read mark is a convenience: if it cannot be stored, the document stays marked
            // as not read, and nothing else is lost.
            let _ = device.user(&user.id).mark_seen(mark);
        }
        self.sync.refresh();
    }

    pub fn with<T>(self, read: impl FnOnce(&LibraryData) -> T) -> T {
        self.data.with(read)
    }

    pub fn with_untracked<T>(self, read: impl FnOnce(&LibraryData) -> T) -> T {
        self.data.with_untracked(read)
    }
}

pub fn use_library() -> Library {
    expect_context::<Library>()
}

fn provide_library() {
    let sync = use_sync();
    let account = use_account();
    let data = Memo::new(move |_| {
        sync.revision();
        let Some(user) = account.user() else {
            return LibraryData::default();
        };
        device()
            .and_then(|d| library_data(&d.user(&user.id)))
            .unwrap_or_default()
    });
    provide_context(Library {
        data,
        account,
        sync,
    });
}

/// The library and the news: one part of the app (both are reading, with no signal, of words
/// staff wrote, and share the code that shows them), loaded the first time either is opened.
#[component]
pub fn LibraryArea() -> impl IntoView {
    provide_library();
    provide_news();
    let library = || StaticSegment("library");
    let news = || StaticSegment("news");
    view! {
        <Routes fallback=LibraryNotFoundPage>
            <Route path=library() view=LibraryListPage />
            <Route path=(library(), ParamSegment("id")) view=DocumentPage />
            <Route path=news() view=NewsListPage />
            <Route path=(news(), StaticSegment("contribute")) view=ContributePage />
            <Route path=(news(), StaticSegment("newsletter"), ParamSegment("season")) view=NewsletterPage />
            <Route path=(news(), ParamSegment("id")) view=ArticlePage />
        </Routes>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_library_page_is_found_at_its_own_address() {
        for page in [LibraryPage::List, LibraryPage::Document("handbook".into())] {
            assert_eq!(LibraryPage::from_path(&page.href()), Some(page));
        }
        assert_eq!(LibraryPage::from_path("/library/a/b"), None);
        assert_eq!(LibraryPage::from_path("/surveys"), None);
    }
}
