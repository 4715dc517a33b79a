//! The buddy scheme for carers, under `/buddies`: the household's membership, pairings and
//! contact log, read from the device. Its code loads the first time a carer opens it (see
//! `parts`).

pub mod data;
pub mod pages;

use leptos::prelude::*;
use leptos_router::StaticSegment;
use leptos_router::components::{Route, Routes};

use crate::areas::buddies::pages::not_found::BuddiesNotFoundPage;
use crate::areas::buddies::pages::scheme::BuddyPage;
use crate::routes::BUDDIES_HOME;

/// The buddy scheme's pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuddiesPage {
    Scheme,
}

impl BuddiesPage {
    pub fn href(&self) -> String {
        match self {
            Self::Scheme => BUDDIES_HOME.to_owned(),
        }
    }

    pub const fn title(&self) -> &'static str {
        match self {
            Self::Scheme => "Buddy scheme",
        }
    }
}

#[component]
pub fn BuddiesArea() -> impl IntoView {
    view! {
        <Routes fallback=BuddiesNotFoundPage>
            <Route path=StaticSegment("buddies") view=BuddyPage />
        </Routes>
    }
}
