//! "Needs your attention": what the person must know about changes they made.

use leptos::prelude::*;

use crate::state::sync::use_sync;

/// Changes the server refused, with its reasons, until the person dismisses them; with
/// `notices`, also My details values another device replaced.
#[component]
pub fn NeedsAttention(notices: bool) -> impl IntoView {
    let sync = use_sync();
    let items = move || sync.attention();
    let notices = move || if notices { sync.notices() } else { Vec::new() };
    view! {
        <Show when=move || !items().is_empty() || !notices().is_empty()>
            <h2 class="govuk-heading-m" id="attention">"Needs your attention"</h2>
            <ul class="govuk-list">
                {move || {
                    items()
                        .into_iter()
                        .map(|(key, item)| {
                            let dismiss = move |_| sync.dismiss(&key);
                            view! {
                                <li class="govuk-inset-text">
                                    <p class="govuk-body">
                                        <strong>{item.what} " was not saved."</strong>
                                        " "
                                        {item.message}
                                    </p>
                                    <button type="button" class="govuk-button govuk-button--secondary" on:click=dismiss>
                                        "I have seen this"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
                {move || {
                    notices()
                        .into_iter()
                        .map(|n| {
                            view! {
                                <li class="govuk-inset-text">
                                    "Your " {n.field.label()} " was changed on another device from “"
                                    {n.lost_value} "” to “" {n.new_value} "”. If that is wrong, change it below."
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </Show>
    }
}
