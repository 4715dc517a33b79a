use leptos::prelude::*;

use crate::areas::groups::GroupsPage;
use crate::components::page_title::PageTitle;

#[component]
pub fn GroupsNotFoundPage() -> impl IntoView {
    view! {
        <PageTitle text="Page not found" />
        <h1 class="govuk-heading-l">"Page not found"</h1>
        <p class="govuk-body">"If you typed the web address, check it is correct."</p>
        <p class="govuk-body">
            <a href=GroupsPage::Find.href() class="govuk-link">"Find a group"</a>
        </p>
    }
}
