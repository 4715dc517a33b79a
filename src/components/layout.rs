//! The frame around every page: skip link, header with navigation, status, footer.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::brand::{COUNCIL_NAME, SERVICE_NAME};
use crate::components::connection_status::ConnectionStatus;
use crate::components::update_banner::UpdateBanner;
use crate::routes::Page;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a href="#main-content" class="govuk-skip-link">
            "Skip to main content"
        </a>
        <Header />
        <div class="govuk-width-container">
            <UpdateBanner />
            <ConnectionStatus />
            <main class="govuk-main-wrapper" id="main-content" tabindex="-1">
                {children()}
            </main>
        </div>
        <Footer />
    }
}

#[component]
fn Header() -> impl IntoView {
    let location = use_location();
    let current = Memo::new(move |_| Page::from_path(&location.pathname.get()));
    let items = Page::NAVIGATION
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
        .collect_view();
    view! {
        <header class="portal-header">
            <div class="govuk-width-container">
                <p class="portal-header__council">{COUNCIL_NAME}</p>
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
