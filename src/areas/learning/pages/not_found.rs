use leptos::prelude::*;

use crate::areas::learning::LearningPage;
use crate::components::page_title::PageTitle;

#[component]
pub fn LearningNotFoundPage() -> impl IntoView {
    view! {
        <PageTitle text="Page not found" />
        <h1 class="govuk-heading-l">"Page not found"</h1>
        <p class="govuk-body">"If you typed the web address, check it is correct."</p>
        <p class="govuk-body">
            <a href=LearningPage::MyLearning.href() class="govuk-link">"Go to My learning"</a>
        </p>
    }
}
