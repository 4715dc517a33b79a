//! The portal's pages, as a type: links and the route table are both built from `Page`, so a
//! link to a page that does not exist cannot be written.

use leptos_router::AsPath;
use portal_core::account::Role;

/// Where the staff side begins. It is a separate app (see `staff`), so that carers' phones never
/// download it; links to it leave this app's router.
pub const STAFF_HOME: &str = "/staff";

/// Where the carers' learning pages begin (see `learning`).
pub const LEARNING_HOME: &str = "/learning";

/// Where the carers' support group pages begin (see `groups`).
pub const GROUPS_HOME: &str = "/groups";

/// Where the carers' buddy scheme begins (see `buddies`).
pub const BUDDIES_HOME: &str = "/buddies";

/// Where the carers' payment queries and rates begin (see `payments`).
pub const PAYMENTS_HOME: &str = "/payments";

/// Where the public enquiry begins (see `enquire`): anyone, signed in or not.
pub const ENQUIRE_HOME: &str = "/enquire/";

/// Where the carers' surveys begin (see `surveys`).
pub const SURVEYS_HOME: &str = "/surveys";

/// Where the library begins (see `library`): the handbook, the charter and the policies.
pub const LIBRARY_HOME: &str = "/library";

/// Where the service's news begins (see `news`): articles, newsletters and contributions.
pub const NEWS_HOME: &str = "/news";

/// The carers' areas of work. They are parts of the one carers' app, each under its own path,
/// whose code loads the first time a carer opens it (see `areas`): the portal's first load
/// carries none of them, and moving between areas is the router's, with no page load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Area {
    Learning,
    Groups,
    Buddies,
    Payments,
    Surveys,
    News,
    Library,
}

impl Area {
    /// Every area, in the order the navigation lists them.
    pub const ALL: [Self; 7] = [
        Self::Learning,
        Self::Groups,
        Self::Buddies,
        Self::Payments,
        Self::Surveys,
        Self::News,
        Self::Library,
    ];

    /// The path segment after `/`, under which every page of the area lives.
    pub const fn segment(self) -> &'static str {
        match self {
            Self::Learning => "learning",
            Self::Groups => "groups",
            Self::Buddies => "buddies",
            Self::Payments => "payments",
            Self::Surveys => "surveys",
            Self::News => "news",
            Self::Library => "library",
        }
    }

    /// The area's first page.
    pub const fn href(self) -> &'static str {
        match self {
            Self::Learning => LEARNING_HOME,
            Self::Groups => GROUPS_HOME,
            Self::Buddies => BUDDIES_HOME,
            Self::Payments => PAYMENTS_HOME,
            Self::Surveys => SURVEYS_HOME,
            Self::News => NEWS_HOME,
            Self::Library => LIBRARY_HOME,
        }
    }

    /// The area's name in the navigation.
    pub const fn title(self) -> &'static str {
        match self {
            Self::Learning => "Learning",
            Self::Groups => "Groups",
            Self::Buddies => "Buddies",
            Self::Payments => "Payments",
            Self::Surveys => "Surveys",
            Self::News => "News",
            Self::Library => "Library",
        }
    }

    /// Whether an applicant (not yet approved) may open the area: the buddy scheme, where
    /// their mentor is, and the library, whose handbook and charter say what fostering here
    /// will be like.
    pub const fn open_to_applicants(self) -> bool {
        matches!(self, Self::Buddies | Self::Library)
    }

    /// The area's name in navigation for an applicant or a carer.
    pub const fn title_for(self, applicant: bool) -> &'static str {
        match (self, applicant) {
            (Self::Buddies, true) => "Your mentor",
            _ => self.title(),
        }
    }

    /// The area a browser path is in, if any.
    pub fn of_path(path: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|area| {
            path.strip_prefix(area.href())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    }
}

impl AsPath for Area {
    fn as_path(&self) -> &'static str {
        self.segment()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    Home,
    SignIn,
    SignOut,
    MyDetails,
    /// The accessibility statement and the privacy notice are pages of their own, outside
    /// every app (`src/about/`), so that they cost the first load nothing and read the same
    /// without JavaScript: links to them leave the router (`rel="external"`).
    Accessibility,
    Privacy,
    /// Where an invitation link leads: a new carer sets their password.
    Invitation,
    /// What the portal keeps on this device, and the room it has.
    ThisDevice,
    /// Which emails the person gets.
    Notifications,
}

impl Page {
    /// Every page, in the order the navigation lists them.
    pub const ALL: [Self; 9] = [
        Self::Home,
        Self::SignIn,
        Self::SignOut,
        Self::MyDetails,
        Self::Accessibility,
        Self::Privacy,
        Self::Invitation,
        Self::ThisDevice,
        Self::Notifications,
    ];

    /// The pages in the main navigation for someone signed in with `role` (or nobody). The
    /// accessibility statement and the privacy notice are linked from the footer, as on other
    /// public services.
    pub fn navigation(role: Option<Role>) -> Vec<Self> {
        match role {
            None => vec![Self::Home, Self::SignIn],
            Some(Role::Carer) => vec![Self::Home, Self::MyDetails, Self::SignOut],
            Some(_) => vec![Self::Home, Self::SignOut],
        }
    }

    /// The path segment after `/`.
    pub const fn segment(self) -> &'static str {
        match self {
            Self::Home => "",
            Self::SignIn => "sign-in",
            Self::SignOut => "sign-out",
            Self::MyDetails => "my-details",
            Self::Accessibility => "accessibility",
            Self::Privacy => "privacy",
            Self::Invitation => "invitation",
            Self::ThisDevice => "this-device",
            Self::Notifications => "notifications",
        }
    }

    /// The address to link to.
    pub const fn href(self) -> &'static str {
        match self {
            Self::Home => "/",
            Self::SignIn => "/sign-in",
            Self::SignOut => "/sign-out",
            Self::MyDetails => "/my-details",
            Self::Accessibility => "/accessibility",
            Self::Privacy => "/privacy",
            Self::Invitation => "/invitation",
            Self::ThisDevice => "/this-device",
            Self::Notifications => "/notifications",
        }
    }

    /// The page's name, as the navigation and the browser tab show it.
    pub const fn title(self) -> &'static str {
        match self {
            Self::Home => "Home",
            Self::SignIn => "Sign in",
            Self::SignOut => "Sign out",
            Self::MyDetails => "My details",
            Self::Accessibility => "Accessibility statement",
            Self::Privacy => "Privacy notice",
            Self::Invitation => "Set your password",
            Self::ThisDevice => "This device",
            Self::Notifications => "Notifications",
        }
    }

    /// The page at a browser path, if there is one.
    pub fn from_path(path: &str) -> Option<Self> {
        let path = path.trim_end_matches('/');
        let path = if path.is_empty() { "/" } else { path };
        Self::ALL.into_iter().find(|page| page.href() == path)
    }
}

impl AsPath for Page {
    fn as_path(&self) -> &'static str {
        self.segment()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_is_found_at_its_own_address() {
        for page in Page::ALL {
            assert_eq!(Page::from_path(page.href()), Some(page));
            assert_eq!(page.href(), format!("/{}", page.segment()));
        }
    }

    #[test]
    fn the_navigation_fits_who_is_signed_in() {
        assert_eq!(Page::navigation(None), [Page::Home, Page::SignIn]);
        assert!(Page::navigation(Some(Role::Carer)).contains(&Page::MyDetails));
        assert!(!Page::navigation(Some(Role::Finance)).contains(&Page::MyDetails));
        for role in Role::ALL {
            assert!(Page::navigation(Some(role)).contains(&Page::SignOut));
        }
    }

    #[test]
    fn every_area_owns_the_paths_under_it() {
        for area in Area::ALL {
            assert_eq!(Area::of_path(area.href()), Some(area));
            assert_eq!(area.href(), format!("/{}", area.segment()));
            assert_eq!(Area::of_path(&format!("{}/a/b", area.href())), Some(area));
        }
        assert_eq!(Area::of_path("/learningx"), None);
        assert_eq!(Area::of_path("/my-details"), None);
    }

    #[test]
    fn trailing_slashes_do_not_matter_and_unknown_paths_are_none() {
        assert_eq!(Page::from_path("/privacy/"), Some(Page::Privacy));
        assert_eq!(Page::from_path(""), Some(Page::Home));
        assert_eq!(Page::from_path("/nowhere"), None);
    }
}
