use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use crate::staff::StaffPage;

#[component]
pub fn StaffNotFoundPage() -> impl IntoView {
    view! {
        <PageTitle text="Page not found" />
        <h1 class="govuk-heading-l">"Page not found"</h1>
        <p class="govuk-body">"If you typed the web address, check it is correct."</p>
        <p class="govuk-body">
            <a href=StaffPage::Carers.href() class="govuk-link">"Go to the list of carers"</a>
        </p>
    }
}
