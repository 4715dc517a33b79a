//! Surveys for carers, under `/surveys`: the health checks open to the carer and the service's
//! "You said, we did" notes; answers are taken offline. Its code loads the first time a carer
//! opens it (see `parts`).

pub mod data;
pub mod pages;

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::{ParamSegment, StaticSegment};

use crate::areas::surveys::data::{SurveysData, surveys_data};
use crate::areas::surveys::pages::answer::SurveyPage;
use crate::areas::surveys::pages::list::SurveysPage as ListPage;
use crate::areas::surveys::pages::not_found::SurveysNotFoundPage;
use crate::device::today;
use crate::routes::SURVEYS_HOME;
use crate::state::account::{device, use_account};
use crate::state::sync::use_sync;

/// The survey pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SurveysPage {
    List,
    Survey(String),
}

impl SurveysPage {
    pub fn href(&self) -> String {
        match self {
            Self::List => SURVEYS_HOME.to_owned(),
            Self::Survey(id) => format!("{SURVEYS_HOME}/{id}"),
        }
    }

    pub const fn title(&self) -> &'static str {
        match self {
            Self::List => "Surveys",
            Self::Survey(_) => "Survey",
        }
    }

    /// The page at a browser path, if there is one.
    pub fn from_path(path: &str) -> Option<Self> {
        let rest = path.trim_end_matches('/').strip_prefix(SURVEYS_HOME)?;
        match rest.trim_start_matches('/').split('/').collect::<Vec<_>>()[..] {
            [""] => Some(Self::List),
            [id] if !id.is_empty() => Some(Self::Survey(id.to_owned())),
            _ => None,
        }
    }
}

/// The surveys open to this carer and the notes, read again whenever the device's storage
/// changes.
pub fn use_surveys() -> Memo<SurveysData> {
    expect_context::<Memo<SurveysData>>()
}

fn provide_surveys() {
    let sync = use_sync();
    let account = use_account();
    let data = Memo::new(move |_| {
        sync.revision();
        let facts = sync.household();
        let Some(user) = account.user() else {
            return SurveysData::default();
        };
        device()
            .and_then(|d| surveys_data(&d.user(&user.id), &user.id, facts.as_ref(), today()))
            .unwrap_or_default()
    });
    provide_context(data);
}

#[component]
pub fn SurveysArea() -> impl IntoView {
    provide_surveys();
    let surveys = || StaticSegment("surveys");
    view! {
        <Routes fallback=SurveysNotFoundPage>
            <Route path=surveys() view=ListPage />
            <Route path=(surveys(), ParamSegment("id")) view=SurveyPage />
        </Routes>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_survey_page_is_found_at_its_own_address() {
        for page in [SurveysPage::List, SurveysPage::Survey("w-1".into())] {
            assert_eq!(SurveysPage::from_path(&page.href()), Some(page));
        }
        assert_eq!(SurveysPage::from_path("/surveys/w/more"), None);
        assert_eq!(SurveysPage::from_path("/payments"), None);
    }
}
