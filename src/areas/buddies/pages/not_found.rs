use leptos::prelude::*;

use crate::areas::buddies::BuddiesPage;
use crate::components::page_title::PageTitle;

#[component]
pub fn BuddiesNotFoundPage() -> impl IntoView {
    view! {
        <PageTitle text="Page not found" />
        <h1 class="govuk-heading-l">"Page not found"</h1>
        <p class="govuk-body">"If you typed the web address, check it is correct."</p>
        <p class="govuk-body">
            <a href=BuddiesPage::Scheme.href() class="govuk-link">"The buddy scheme"</a>
        </p>
    }
}
