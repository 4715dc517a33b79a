//! The carers' learning, under `/learning`: the learning log, the TSD standards, mandatory
//! training and the annual review's summary, read from the device like every other carers'
//! page. Its code loads the first time a carer opens it (see `parts`).

pub mod data;
pub mod form;
pub mod pages;

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::{ParamSegment, StaticSegment};
use portal_core::training::EntryForm;

use crate::areas::learning::data::{LearningData, learning_data};
use crate::areas::learning::pages::annual_review::AnnualReviewPage;
use crate::areas::learning::pages::entry::{EditEntryPage, EntryPage};
use crate::areas::learning::pages::log_training::LogTrainingPage;
use crate::areas::learning::pages::mandatory::MandatoryPage;
use crate::areas::learning::pages::my_learning::MyLearningPage;
use crate::areas::learning::pages::not_found::LearningNotFoundPage;
use crate::areas::learning::pages::review::ReviewPage;
use crate::areas::learning::pages::standards::StandardsPage;
use crate::components::section_nav::{SectionNav, section_links, section_page};
use crate::device::today;
use crate::routes::LEARNING_HOME;
use crate::state::account::{Account, device, use_account};
use crate::state::sync::use_sync;

/// The learning pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LearningPage {
    MyLearning,
    LogTraining,
    Entry(String),
    EditEntry(String),
    Standards,
    Mandatory,
    Review,
    AnnualReview,
}

impl LearningPage {
    /// The pages in the learning section's own navigation, in order.
    pub const SECTION: [Self; 6] = [
        Self::MyLearning,
        Self::LogTraining,
        Self::Standards,
        Self::Mandatory,
        Self::Review,
        Self::AnnualReview,
    ];

    pub fn href(&self) -> String {
        match self {
            Self::MyLearning => LEARNING_HOME.to_owned(),
            Self::LogTraining => format!("{LEARNING_HOME}/log"),
            Self::Entry(id) => format!("{LEARNING_HOME}/entries/{id}"),
            Self::EditEntry(id) => format!("{LEARNING_HOME}/entries/{id}/change"),
            Self::Standards => format!("{LEARNING_HOME}/standards"),
            Self::Mandatory => format!("{LEARNING_HOME}/mandatory"),
            Self::Review => format!("{LEARNING_HOME}/review"),
            Self::AnnualReview => format!("{LEARNING_HOME}/annual-review"),
        }
    }

    /// The page's name, as the section's navigation and the browser tab show it.
    pub const fn title(&self) -> &'static str {
        match self {
            Self::MyLearning => "My learning",
            Self::LogTraining => "Log training",
            Self::Entry(_) => "Training record",
            Self::EditEntry(_) => "Change a training record",
            Self::Standards => "TSD standards",
            Self::Mandatory => "Mandatory training",
            Self::Review => "For your annual review",
            Self::AnnualReview => "Annual review and plan",
        }
    }

    /// The page at a browser path, if there is one.
    pub fn from_path(path: &str) -> Option<Self> {
        let rest = path.trim_end_matches('/').strip_prefix(LEARNING_HOME)?;
        match rest.trim_start_matches('/').split('/').collect::<Vec<_>>()[..] {
            [""] => Some(Self::MyLearning),
            ["log"] => Some(Self::LogTraining),
            ["entries", id] if !id.is_empty() => Some(Self::Entry(id.to_owned())),
            ["entries", id, "change"] if !id.is_empty() => Some(Self::EditEntry(id.to_owned())),
            ["standards"] => Some(Self::Standards),
            ["mandatory"] => Some(Self::Mandatory),
            ["review"] => Some(Self::Review),
            ["annual-review"] => Some(Self::AnnualReview),
            _ => None,
        }
    }

    /// Whether the section's navigation shows this page as the current one: a record's pages
    /// belong to My learning.
    pub fn is_within(&self, section: &Self) -> bool {
        self == section
            || (*section == Self::MyLearning && matches!(self, Self::Entry(_) | Self::EditEntry(_)))
    }
}

/// The learning log as the pages show it, and a message to show on the next page.
#[derive(Debug, Clone, Copy)]
pub struct Learning {
    data: Memo<LearningData>,
    flash: RwSignal<Option<String>>,
    account: Account,
}

impl Learning {
    /// The log, read again from the device whenever it changes (here, in another tab, or by
    /// a sync).
    pub fn data(self) -> LearningData {
        self.data.get()
    }

    pub fn with<T>(self, read: impl FnOnce(&LearningData) -> T) -> T {
        self.data.with(read)
    }

    pub fn with_untracked<T>(self, read: impl FnOnce(&LearningData) -> T) -> T {
        self.data.with_untracked(read)
    }

    /// Says `message` on the page shown next (after saving or deleting a record).
    pub fn tell(self, message: String) {
        self.flash.set(Some(message));
    }

    /// The form kept under `name` (see `form`), if the carer left one unsent.
    pub fn draft(self, name: &str) -> Option<EntryForm> {
        self.account.draft(name)
    }

    /// Keeps the form as typed (see `Account::keep_draft`).
    pub fn keep_draft(self, name: &str, form: &EntryForm) {
        self.account.keep_draft(name, form);
    }

    pub fn drop_draft(self, name: &str) {
        self.account.drop_draft(name);
    }

    /// The message for this page, if there is one; it is shown once.
    pub fn take_message(self) -> Option<String> {
        self.flash.try_update(Option::take).flatten()
    }
}

fn provide_learning() {
    let sync = use_sync();
    let account = use_account();
    let data = Memo::new(move |_| {
        sync.revision();
        let members = sync.details().members;
        let Some(user) = account.user() else {
            return LearningData::default();
        };
        device()
            .and_then(|d| learning_data(&d.user(&user.id), &members, today()))
            .unwrap_or_default()
    });
    provide_context(Learning {
        data,
        flash: RwSignal::new(None),
        account,
    });
}

/// The learning state provided by `LearningArea`.
pub fn use_learning() -> Learning {
    expect_context::<Learning>()
}

#[component]
pub fn LearningArea() -> impl IntoView {
    provide_learning();
    let learning = || StaticSegment("learning");
    view! {
        <SectionNav label="Learning" links={section_links::<LearningPage>} />
        <Routes fallback=LearningNotFoundPage>
            <Route path=learning() view=MyLearningPage />
            <Route path=(learning(), StaticSegment("log")) view=LogTrainingPage />
            <Route path=(learning(), StaticSegment("entries"), ParamSegment("id")) view=EntryPage />
            <Route
                path=(learning(), StaticSegment("entries"), ParamSegment("id"), StaticSegment("change"))
                view=EditEntryPage
            />
            <Route path=(learning(), StaticSegment("standards")) view=StandardsPage />
            <Route path=(learning(), StaticSegment("mandatory")) view=MandatoryPage />
            <Route path=(learning(), StaticSegment("review")) view=ReviewPage />
            <Route path=(learning(), StaticSegment("annual-review")) view=AnnualReviewPage />
        </Routes>
    }
}

section_page!(LearningPage);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_learning_page_is_found_at_its_own_address() {
        for page in [
            LearningPage::MyLearning,
            LearningPage::LogTraining,
            LearningPage::Entry("e-1".into()),
            LearningPage::EditEntry("e-1".into()),
            LearningPage::Standards,
            LearningPage::Mandatory,
            LearningPage::Review,
            LearningPage::AnnualReview,
        ] {
            assert_eq!(LearningPage::from_path(&page.href()), Some(page));
        }
        assert_eq!(
            LearningPage::from_path("/learning/"),
            Some(LearningPage::MyLearning)
        );
        assert_eq!(LearningPage::from_path("/learning/entries"), None);
        assert_eq!(LearningPage::from_path("/my-details"), None);
    }

    #[test]
    fn the_section_navigation_marks_the_page_being_shown() {
        let links = section_links::<LearningPage>("/learning/entries/e-1/change");
        let current: Vec<&str> = links
            .iter()
            .filter(|l| l.current)
            .map(|l| l.title)
            .collect();
        assert_eq!(current, ["My learning"]);
        assert_eq!(links.len(), LearningPage::SECTION.len());
        assert!(
            section_links::<LearningPage>("/nowhere")
                .iter()
                .all(|l| !l.current)
        );
    }

    #[test]
    fn a_record_belongs_to_my_learning_in_the_section_navigation() {
        let record = LearningPage::EditEntry("e-1".into());
        assert!(record.is_within(&LearningPage::MyLearning));
        assert!(!record.is_within(&LearningPage::LogTraining));
        assert!(LearningPage::Standards.is_within(&LearningPage::Standards));
    }
}
