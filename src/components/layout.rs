//! The frame around every page: skip link, header with navigation, status, footer.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::brand::{COUNCIL_NAME, SERVICE_NAME};
use crate::components::connection_status::ConnectionStatus;
use crate::components::update_banner::UpdateBanner;
use crate::routes::Page;
use crate::state::account::use_account;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <SkipLink />
        <Header />
        <div class="govuk-width-container">
            <UpdateBanner />
            <ConnectionStatus />
            <main class="govuk-main-wrapper" id=MAIN_ID tabindex="-1">
                {children()}
            </main>
        </div>
        <Footer />
    }
}

/// The id of the element the skip link moves to.
const MAIN_ID: &str = "main-content";

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

#[component]
fn Header() -> impl IntoView {
    let location = use_location();
    let account = use_account();
    let current = Memo::new(move |_| Page::from_path(&location.pathname.get()));
    let pages = Memo::new(move |_| Page::navigation(account.user().map(|u| u.role)));
    let items = move || {
        pages
            .get()
            .into_iter()
            .map(|page| {
                let active = move || current.get() == Some(page);
                view! {
                    <li
                        class="govuk-service-navigation__item"
                        class:govuk-service-navigation__item--active=active
                    >
                        <A href=page.href() attr:class="govuk-service-navigation__link">
                            {page.title()}
                        </A>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <header class="govuk-generic-header">
            <div class="govuk-generic-header__container govuk-width-container">
                <div class="govuk-generic-header__logo">
                    <A href=Page::Home.href() attr:class="govuk-generic-header__homepage-link">
                        <CouncilLogo />
                        {COUNCIL_NAME}
                    </A>
                </div>
            </div>
        </header>
        <section aria-label="Service information" class="govuk-service-navigation">
            <div class="govuk-width-container">
                <div class="govuk-service-navigation__container">
                    <span class="govuk-service-navigation__service-name">
                        <A href=Page::Home.href() attr:class="govuk-service-navigation__link">
                            {SERVICE_NAME}
                        </A>
                    </span>
                    <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
                        <ul class="govuk-service-navigation__list">{items}</ul>
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
    let links = [Page::Accessibility, Page::Privacy]
        .into_iter()
        .map(|page| {
            view! {
                <li class="govuk-footer__inline-list-item">
                    <A href=page.href() attr:class="govuk-footer__link">
                        {page.title()}
                    </A>
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
