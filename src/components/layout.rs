//! The frame around every page: skip link, header with navigation, status, footer.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use portal_core::account::Role;

use crate::brand::{COUNCIL_NAME, SERVICE_NAME};
use crate::components::connection_status::ConnectionStatus;
use crate::components::update_banner::UpdateBanner;
use crate::routes::{Area, Page, STAFF_HOME};
use crate::state::account::use_account;
use crate::state::sync::use_sync;

/// One link in the header's navigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavItem {
    pub href: &'static str,
    pub title: &'static str,
    pub current: bool,
    /// The page belongs to the other part of the portal (carers' or staff's), which is a
    /// separate app: the browser loads it rather than this app's router.
    pub external: bool,
}

/// The carers' frame: the update offer and the status area sit above every page.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let location = use_location();
    let account = use_account();
    let sync = use_sync();
    let items = Memo::new(move |_| {
        let role = account.user().map(|u| u.role);
        carer_navigation(role, sync.is_applicant(), &location.pathname.get())
    });
    view! {
        <Frame items=items external=false>
            <UpdateBanner />
            <ConnectionStatus />
            <Main>{children()}</Main>
        </Frame>
    }
}

/// The carers' navigation for someone signed in with `role` (or nobody), on the page at
/// `path`. Carers also get their areas, unless they are an `applicant` (whose household is being
/// assessed); staff get the staff side's first page, which is another app.
pub fn carer_navigation(role: Option<Role>, applicant: bool, path: &str) -> Vec<NavItem> {
    let page = Page::from_path(path);
    let area = Area::of_path(path);
    let mut items: Vec<NavItem> = Page::navigation(role)
        .into_iter()
        .map(|p| NavItem {
            href: p.href(),
            title: p.title(),
            current: page == Some(p),
            external: false,
        })
        .collect();
    if role == Some(Role::Carer) {
        let open = Area::ALL
            .into_iter()
            .filter(|a| !applicant || a.open_to_applicants());
        for (at, a) in open.enumerate() {
            items.insert(
                1 + at,
                NavItem {
                    href: a.href(),
                    title: a.title_for(applicant),
                    current: area == Some(a),
                    external: false,
                },
            );
        }
    }
    if role.is_some_and(Role::is_staff) {
        items.insert(
            1,
            NavItem {
                href: STAFF_HOME,
                title: "Carers",
                current: false,
                external: true,
            },
        );
    }
    items
}

/// The page's main content, where the skip link lands.
#[component]
pub fn Main(children: Children) -> impl IntoView {
    view! {
        <main class="govuk-main-wrapper" id=MAIN_ID tabindex="-1">
            {children()}
        </main>
    }
}

/// Skip link, header with `items`, the width container holding `children`, and the footer.
/// `external` says that this is the staff app, for which the carers' pages are another app.
#[component]
pub fn Frame(
    #[prop(into)] items: Signal<Vec<NavItem>>,
    external: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <SkipLink />
        <Header items=items external=external />
        <div class="govuk-width-container">{children()}</div>
        <Footer />
    }
}

/// The id of the element the skip link moves to.
const MAIN_ID: &str = "main-content";

/// The id of the navigation's list, which the "Menu" button opens on a phone.
const MENU_ID: &str = "navigation";

/// Lets keyboard users jump past the header. The router would treat `#main-content` as a
/// navigation and leave focus where it was, so the link moves focus itself.
#[component]
fn SkipLink() -> impl IntoView {
    let skip = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        let main = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(MAIN_ID))
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
        if let Some(main) = main {
            let _ = main.focus();
        }
    };
    view! {
        <a href=format!("#{MAIN_ID}") class="govuk-skip-link" on:click=skip>
            "Skip to main content"
        </a>
    }
}

/// `rel="external"` makes the router leave a link to the browser.
fn rel(external: bool) -> Option<&'static str> {
    external.then_some("external")
}

#[component]
fn Header(items: Signal<Vec<NavItem>>, external: bool) -> impl IntoView {
    let links = move || {
        items
            .get()
            .into_iter()
            .map(|item| {
                view! {
                    <li
                        class="govuk-service-navigation__item"
                        class:govuk-service-navigation__item--active=item.current
                    >
                        <a
                            href=item.href
                            class="govuk-service-navigation__link"
                            rel=rel(item.external)
                            aria-current=item.current.then_some("page")
                        >
                            {item.title}
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    let home = Page::Home.href();
    // On a phone the links open from a "Menu" button (the GOV.UK service navigation pattern),
    // so that a page's own heading is on the first screen; wider screens show every link and
    // no button (see `.portal-menu-toggle` in the styles). Following a link closes it again;
    // that is heard on the list itself, since the public enquiry's frame has no router.
    let open = RwSignal::new(false);
    view! {
        <header class="govuk-generic-header">
            <div class="govuk-generic-header__container govuk-width-container">
                <div class="govuk-generic-header__logo">
                    <a href=home class="govuk-generic-header__homepage-link" rel=rel(external)>
                        <CouncilLogo />
                        {COUNCIL_NAME}
                    </a>
                </div>
            </div>
        </header>
        <section aria-label="Service information" class="govuk-service-navigation">
            <div class="govuk-width-container">
                <div class="govuk-service-navigation__container">
                    <span class="govuk-service-navigation__service-name">
                        <a href=home class="govuk-service-navigation__link" rel=rel(external)>
                            {SERVICE_NAME}
                        </a>
                    </span>
                    <nav
                        aria-label="Menu"
                        class="govuk-service-navigation__wrapper"
                        class:portal-menu--closed=move || !open.get()
                    >
                        <button
                            type="button"
                            class="govuk-service-navigation__toggle portal-menu-toggle"
                            aria-controls=MENU_ID
                            aria-expanded=move || if open.get() { "true" } else { "false" }
                            on:click=move |_| open.update(|o| *o = !*o)
                        >
                            "Menu"
                        </button>
                        <ul
                            class="govuk-service-navigation__list"
                            id=MENU_ID
                            on:click=move |_| open.set(false)
                        >
                            {links}
                        </ul>
                    </nav>
                </div>
            </div>
        </section>
    }
}

/// The council's mark: the portal's house-and-heart icon, drawn in the header's text colour.
/// Decorative, because the council's name follows it as text.
#[component]
fn CouncilLogo() -> impl IntoView {
    view! {
        <svg
            class="portal-logo"
            width="28"
            height="28"
            viewBox="0 0 512 512"
            aria-hidden="true"
            focusable="false"
        >
            <path
                d="M256 96 L416 224 L384 224 L384 400 L128 400 L128 224 L96 224 Z"
                fill="none"
                stroke="currentColor"
                stroke-width="40"
                stroke-linejoin="round"
            />
            <path
                d="M256 356 C256 356 176 306 176 258 C176 230 198 212 222 212 C238 212 250 222 256 234 C262 222 274 212 290 212 C314 212 336 230 336 258 C336 306 256 356 256 356 Z"
                fill="currentColor"
            />
        </svg>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let links = [Page::ThisDevice, Page::Accessibility, Page::Privacy]
        .into_iter()
        .map(|page| {
            view! {
                <li class="govuk-footer__inline-list-item">
                    <a href=page.href() class="govuk-footer__link" rel="external">
                        {page.title()}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <footer class="govuk-footer">
            <div class="govuk-width-container">
                <div class="govuk-footer__meta">
                    <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                        <h2 class="govuk-visually-hidden">"Support links"</h2>
                        <ul class="govuk-footer__inline-list">{links}</ul>
                        <p class="govuk-body-s">{COUNCIL_NAME} " fostering service"</p>
                    </div>
                </div>
            </div>
        </footer>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_get_a_way_to_the_staff_side_and_carers_do_not() {
        let titles = |role| -> Vec<&str> {
            carer_navigation(role, false, "/")
                .iter()
                .map(|i| i.title)
                .collect()
        };
        assert_eq!(titles(None), ["Home", "Sign in"]);
        assert_eq!(
            titles(Some(Role::Carer)),
            [
                "Home",
                "Learning",
                "Groups",
                "Buddies",
                "Payments",
                "Surveys",
                "News",
                "Library",
                "My details",
                "Sign out"
            ]
        );
        assert_eq!(titles(Some(Role::Finance)), ["Home", "Carers", "Sign out"]);
        let items = carer_navigation(Some(Role::Administrator), false, "/");
        assert!(items[0].current && !items[0].external);
        assert!(items[1].external, "the staff side is another app");
    }

    #[test]
    fn the_current_link_is_the_page_or_the_area_being_shown() {
        let current = |path| -> Vec<&str> {
            carer_navigation(Some(Role::Carer), false, path)
                .iter()
                .filter(|i| i.current)
                .map(|i| i.title)
                .collect()
        };
        assert_eq!(current("/my-details"), ["My details"]);
        assert_eq!(current("/learning/entries/e-1"), ["Learning"]);
        assert_eq!(current("/payments"), ["Payments"]);
        assert!(current("/nowhere").is_empty());
        assert!(
            carer_navigation(Some(Role::Carer), false, "/groups")
                .iter()
                .all(|i| !i.external),
            "every carers' page is in the one app"
        );
    }

    #[test]
    fn an_applicant_has_home_their_mentor_the_library_my_details_and_sign_out_but_no_carers_areas()
    {
        let titles: Vec<&str> = carer_navigation(Some(Role::Carer), true, "/")
            .iter()
            .map(|i| i.title)
            .collect();
        assert_eq!(
            titles,
            ["Home", "Your mentor", "Library", "My details", "Sign out"]
        );
    }
}
