//! The buddy scheme for carers: a separate carers' app (its own WebAssembly, built from
//! `src/buddies/index.html`) served under `/buddies`, like the learning and groups apps (see
//! `routes::CarerApp`). It shares the carers' state, sync and frame, and reads the household's
//! membership, pairings and contact log from the device.

pub mod data;

use leptos::prelude::*;
use leptos_router::StaticSegment;
use leptos_router::components::{Route, Routes};

use crate::pages::buddies::not_found::BuddiesNotFoundPage;
use crate::pages::buddies::scheme::BuddyPage;
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
