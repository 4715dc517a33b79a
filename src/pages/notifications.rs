//! Notifications (`/notifications`): which emails a carer or applicant gets. The choices are
//! kept by the server, which sends the emails, so this page needs a connection; it says so
//! plainly when there is none, and the rest of the portal works on without it.

use leptos::prelude::*;
use portal_core::notices::{Choice, ChoicesForm, Topic};

use crate::api;
use crate::components::carers_only::CarersOnly;
use crate::components::checkboxes::Checkboxes;
use crate::components::page_title::PageTitle;
use crate::routes::Page;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    view! {
        <PageTitle text=Page::Notifications.title() />
        <h1 class="govuk-heading-l">"Notifications"</h1>
        <CarersOnly to="choose which emails you get">
            <p class="govuk-body">
                "We can email you when something new is waiting for you in the portal. The "
                "emails never say what it is about, only that there is something to read, with "
                "a link to sign in. Whatever you choose, everything is still in the portal."
            </p>
            <Choices />
        </CarersOnly>
    }
}

#[component]
fn Choices() -> impl IntoView {
    let loaded = LocalResource::new(api::notice_choices);
    view! {
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading your choices…"</p> }>
            {move || loaded.get().map(|result| match result {
                Ok(choices) => view! { <ChoicesForm choices=choices /> }.into_any(),
                Err(error) => view! {
                    <div class="govuk-inset-text">
                        <p class="govuk-body">
                            "Your choices cannot be shown just now: "{error.message()}
                        </p>
                        <p class="govuk-body">
                            "They are kept by the council's server, so this page needs a "
                            "connection. Everything else in the portal works without one."
                        </p>
                        <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| loaded.refetch()>
                            "Try again"
                        </button>
                    </div>
                }.into_any(),
            })}
        </Suspense>
    }
}

/// The ticked topics' names, as the checkboxes hold them.
fn ticked(choices: &[Choice]) -> Vec<String> {
    choices
        .iter()
        .filter(|c| c.wanted)
        .map(|c| c.topic.as_str().to_owned())
        .collect()
}

#[component]
fn ChoicesForm(choices: Vec<Choice>) -> impl IntoView {
    let selected = RwSignal::new(ticked(&choices));
    let boxes = Topic::CHOOSABLE
        .into_iter()
        .map(|topic| (topic.as_str().to_owned(), topic.label().to_owned()))
        .collect::<Vec<_>>();
    let save = Action::new_local(|form: &ChoicesForm| {
        let form = form.clone();
        async move { api::save_notice_choices(&form).await }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let wanted = selected
            .get_untracked()
            .iter()
            .filter_map(|name| Topic::parse(name))
            .collect();
        if !save.pending().get_untracked() {
            save.dispatch(ChoicesForm { wanted });
        }
    };
    view! {
        {move || save.value().get().map(|result| match result {
            Ok(_) => view! {
                <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="choices-saved">
                    <div class="govuk-notification-banner__header">
                        <h2 class="govuk-notification-banner__title" id="choices-saved">"Saved"</h2>
                    </div>
                    <div class="govuk-notification-banner__content">
                        <p class="govuk-notification-banner__heading">"Your choices are saved."</p>
                    </div>
                </div>
            }.into_any(),
            Err(error) => view! {
                <div class="govuk-error-summary" role="alert">
                    <h2 class="govuk-error-summary__title">"Your choices were not saved"</h2>
                    <div class="govuk-error-summary__body">
                        <p class="govuk-body">{error.message()}" Try again when you have a connection."</p>
                    </div>
                </div>
            }.into_any(),
        })}
        <form novalidate on:submit=submit>
            <Checkboxes
                id="notice-topics"
                legend="Email me about"
                hint="We always email you a new sign-in link when staff make one for you."
                choices=boxes
                selected=selected
            />
            <button type="submit" class="govuk-button">
                {move || if save.pending().get() { "Saving…" } else { "Save my choices" }}
            </button>
        </form>
    }
}
