use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::page_title::PageTitle;
use crate::routes::Page;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageTitle text="Page not found" />
        <h1 class="govuk-heading-l">"Page not found"</h1>
        <p class="govuk-body">"If you typed the web address, check it is correct."</p>
        <p class="govuk-body">
            "If you pasted the web address, check you copied the entire address."
        </p>
        <p class="govuk-body">
            <A href=Page::Home.href() attr:class="govuk-link">"Go to the portal's home page"</A>
            "."
        </p>
    }
}
