//! A carers' area's own links (My learning, Log training, ...), above each of its pages.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// One link in a section's navigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionLink {
    pub href: String,
    pub title: &'static str,
    pub current: bool,
}

/// The pages of an area, as its section navigation needs them.
pub trait SectionPage: Sized {
    /// The pages the navigation lists, in order.
    fn section() -> Vec<Self>;
    fn at_path(path: &str) -> Option<Self>;
    fn link(&self) -> String;
    fn name(&self) -> &'static str;
    /// Whether, on this page, the navigation marks `section` as the current one.
    fn shows_as(&self, section: &Self) -> bool;
}

/// The section's links for the page at `path`.
pub fn section_links<P: SectionPage>(path: &str) -> Vec<SectionLink> {
    let here = P::at_path(path);
    P::section()
        .into_iter()
        .map(|page| SectionLink {
            href: page.link(),
            title: page.name(),
            current: here.as_ref().is_some_and(|h| h.shows_as(&page)),
        })
        .collect()
}

/// Implements `SectionPage` for an area's page enum from its own `SECTION`, `from_path`,
/// `href`, `title` and `is_within`.
macro_rules! section_page {
    ($page:ty) => {
        impl $crate::components::section_nav::SectionPage for $page {
            fn section() -> Vec<Self> {
                Self::SECTION.to_vec()
            }

            fn at_path(path: &str) -> Option<Self> {
                Self::from_path(path)
            }

            fn link(&self) -> String {
                self.href()
            }

            fn name(&self) -> &'static str {
                self.title()
            }

            fn shows_as(&self, section: &Self) -> bool {
                self.is_within(section)
            }
        }
    };
}
pub(crate) use section_page;

/// The section's links for the page being shown (`links` is `section_links` for the area's
/// pages), named `label` for screen readers (the page has a main menu too).
#[component]
pub fn SectionNav(label: &'static str, links: fn(&str) -> Vec<SectionLink>) -> impl IntoView {
    let location = use_location();
    let items = move || {
        links(&location.pathname.get())
            .into_iter()
            .map(|link| {
                view! {
                    <li class="portal-section-nav__item">
                        <a
                            href=link.href
                            class="govuk-link govuk-link--no-visited-state"
                            aria-current=link.current.then_some("page")
                        >
                            {link.title}
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <nav class="portal-section-nav" aria-label=label>
            <ul class="portal-section-nav__list">{items}</ul>
        </nav>
    }
}
