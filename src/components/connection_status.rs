//! The status area: whether the portal can reach the service right now.

use leptos::prelude::*;

use crate::state::connection::{describe, use_connection};

#[component]
pub fn ConnectionStatus() -> impl IntoView {
    let connection = use_connection();
    let message = Memo::new(move |_| describe(connection.state()));
    view! {
        // A polite live region: screen readers announce a change without interrupting.
        <div
            class="portal-status"
            data-tone=move || message.get().tone
            role="status"
            aria-live="polite"
        >
            <p class="govuk-body-s portal-status__text">
                <strong class="portal-status__headline">{move || message.get().headline}</strong>
                ". "
                {move || message.get().detail}
            </p>
            <button
                type="button"
                class="govuk-button govuk-button--secondary portal-status__check"
                on:click=move |_| connection.check_now()
            >
                "Check connection"
            </button>
        </div>
    }
}
