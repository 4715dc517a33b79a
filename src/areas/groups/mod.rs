//! Support groups for carers, under `/groups`: groups, sessions, the household's bookings and
//! the support contacts, read from the device. Its code loads the first time a carer opens it
//! (see `parts`).

pub mod calendar;
pub mod data;
pub mod pages;

use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::{ParamSegment, StaticSegment};

use crate::areas::groups::data::{GroupsData, groups_data};
use crate::areas::groups::pages::bookings::MyBookingsPage;
use crate::areas::groups::pages::find::FindGroupPage;
use crate::areas::groups::pages::not_found::GroupsNotFoundPage;
use crate::areas::groups::pages::session::SessionPage;
use crate::areas::groups::pages::support::SupportPage;
use crate::components::section_nav::{SectionNav, section_links, section_page};
use crate::routes::GROUPS_HOME;
use crate::state::account::{Account, device, use_account};
use crate::state::sync::{Sync, use_sync};

/// The support group pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupsPage {
    Find,
    Session(String),
    MyBookings,
    Support,
}

impl GroupsPage {
    /// The pages in the section's own navigation, in order.
    pub const SECTION: [Self; 3] = [Self::Find, Self::MyBookings, Self::Support];

    pub fn href(&self) -> String {
        match self {
            Self::Find => GROUPS_HOME.to_owned(),
            Self::Session(id) => format!("{GROUPS_HOME}/sessions/{id}"),
            Self::MyBookings => format!("{GROUPS_HOME}/bookings"),
            Self::Support => format!("{GROUPS_HOME}/support"),
        }
    }

    pub const fn title(&self) -> &'static str {
        match self {
            Self::Find => "Find a group",
            Self::Session(_) => "Group session",
            Self::MyBookings => "My bookings",
            Self::Support => "Support contacts",
        }
    }

    /// The page at a browser path, if there is one.
    pub fn from_path(path: &str) -> Option<Self> {
        let rest = path.trim_end_matches('/').strip_prefix(GROUPS_HOME)?;
        match rest.trim_start_matches('/').split('/').collect::<Vec<_>>()[..] {
            [""] => Some(Self::Find),
            ["sessions", id] if !id.is_empty() => Some(Self::Session(id.to_owned())),
            ["bookings"] => Some(Self::MyBookings),
            ["support"] => Some(Self::Support),
            _ => None,
        }
    }

    /// Whether the section's navigation shows this page as the current one: a session belongs
    /// to "Find a group".
    pub fn is_within(&self, section: &Self) -> bool {
        self == section || (*section == Self::Find && matches!(self, Self::Session(_)))
    }
}

/// The groups, sessions and bookings as the pages show them, read again whenever the device's
/// storage changes.
#[derive(Debug, Clone, Copy)]
pub struct Groups {
    data: Memo<GroupsData>,
    account: Account,
    sync: Sync,
}

impl Groups {
    /// Marks news as seen on this device, so it leaves the list of new news.
    pub fn mark_seen(self, id: &str) {
        if let (Some(user), Ok(device)) = (self.account.user_untracked(), device()) {
            // Seen-marks are a convenience: if one cannot be stored, the news stays listed.
            let _ = device.user(&user.id).mark_seen(id);
        }
        self.sync.refresh();
    }

    /// The household's id, to know the sessions a carer in it helps run.
    pub fn household_id(self) -> Option<String> {
        self.account.user().and_then(|u| u.household_id)
    }

    pub fn with<T>(self, read: impl FnOnce(&GroupsData) -> T) -> T {
        self.data.with(read)
    }

    pub fn with_untracked<T>(self, read: impl FnOnce(&GroupsData) -> T) -> T {
        self.data.with_untracked(read)
    }
}

fn provide_groups() {
    let sync = use_sync();
    let account = use_account();
    let data = Memo::new(move |_| {
        sync.revision();
        let Some(user) = account.user() else {
            return GroupsData::default();
        };
        device()
            .and_then(|d| groups_data(&d.user(&user.id)))
            .unwrap_or_default()
    });
    provide_context(Groups {
        data,
        account,
        sync,
    });
}

/// The groups state provided by `GroupsApp`.
pub fn use_groups() -> Groups {
    expect_context::<Groups>()
}

#[component]
pub fn GroupsArea() -> impl IntoView {
    provide_groups();
    let groups = || StaticSegment("groups");
    view! {
        <SectionNav label="Support groups and contacts" links={section_links::<GroupsPage>} />
        <Routes fallback=GroupsNotFoundPage>
            <Route path=groups() view=FindGroupPage />
            <Route path=(groups(), StaticSegment("sessions"), ParamSegment("id")) view=SessionPage />
            <Route path=(groups(), StaticSegment("bookings")) view=MyBookingsPage />
            <Route path=(groups(), StaticSegment("support")) view=SupportPage />
        </Routes>
    }
}

section_page!(GroupsPage);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_groups_page_is_found_at_its_own_address() {
        for page in [
            GroupsPage::Find,
            GroupsPage::Session("s-1".into()),
            GroupsPage::MyBookings,
            GroupsPage::Support,
        ] {
            assert_eq!(GroupsPage::from_path(&page.href()), Some(page));
        }
        assert_eq!(GroupsPage::from_path("/groups/"), Some(GroupsPage::Find));
        assert_eq!(GroupsPage::from_path("/groups/sessions"), None);
        assert!(GroupsPage::Session("x".into()).is_within(&GroupsPage::Find));
    }
}
