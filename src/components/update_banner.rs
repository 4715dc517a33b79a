//! "A new version is available", with the choice of when to reload.

use leptos::prelude::*;

use crate::state::update::use_app_update;

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let update = use_app_update();
    view! {
        <Show when=move || update.is_available()>
            <div
                class="govuk-notification-banner"
                role="region"
                aria-labelledby="update-banner-title"
            >
                <div class="govuk-notification-banner__header">
                    <h2 class="govuk-notification-banner__title" id="update-banner-title">
                        "Update"
                    </h2>
                </div>
                <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading">
                        "A new version is available"
                    </p>
                    <p class="govuk-body">
                        "Reload to use it. Nothing saved on this device will be lost."
                    </p>
                    <button type="button" class="govuk-button" on:click=move |_| update.apply()>
                        "Reload"
                    </button>
                </div>
            </div>
        </Show>
    }
}
