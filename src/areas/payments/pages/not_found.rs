use leptos::prelude::*;

use crate::areas::payments::PaymentsPage;
use crate::components::page_title::PageTitle;

#[component]
pub fn PaymentsNotFoundPage() -> impl IntoView {
    view! {
        <PageTitle text="Page not found" />
        <h1 class="govuk-heading-l">"Page not found"</h1>
        <p class="govuk-body">"If you typed the web address, check it is correct."</p>
        <p class="govuk-body">
            <a href=PaymentsPage::Queries.href() class="govuk-link">"My payment queries"</a>
        </p>
    }
}
