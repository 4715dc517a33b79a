use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::components::connection_status::waiting_sentence;
use crate::components::page_title::PageTitle;
use crate::routes::Page;
use crate::state::account::use_account;
use crate::state::sync::use_sync;

#[component]
pub fn SignOutPage() -> impl IntoView {
    let account = use_account();
    let sync = use_sync();
    let navigate = use_navigate();
    let problem = RwSignal::new(None::<String>);
    let sign_out = move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            match account.sign_out().await {
                Ok(()) => {
                    sync.refresh();
                    navigate(Page::SignIn.href(), NavigateOptions::default());
                }
                Err(error) => problem.set(Some(error.to_string())),
            }
        });
    };
    view! {
        <PageTitle text=Page::SignOut.title() />
        <h1 class="govuk-heading-l">"Sign out"</h1>
        <Show
            when=move || account.user().is_some()
            fallback=|| {
                view! {
                    <p class="govuk-body">
                        "You are signed out. "
                        <A href=Page::SignIn.href() attr:class="govuk-link">"Sign in"</A>
                    </p>
                }
            }
        >
            <Show when=move || { sync.waiting() > 0 }>
                <div class="govuk-warning-text">
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <strong class="govuk-warning-text__text">
                        <span class="govuk-visually-hidden">"Warning"</span>
                        {move || waiting_sentence(sync.waiting())}
                        " If you sign out now, they will be deleted from this device and lost. Connect to the internet and choose Sync now first."
                    </strong>
                </div>
            </Show>
            <p class="govuk-body">
                "Signing out removes your information from this device, so nobody else using it can see it."
            </p>
            {move || problem.get().map(|p| view! { <p class="govuk-error-message">{p}</p> })}
            <button
                type="button"
                class="govuk-button"
                class:govuk-button--warning=move || { sync.waiting() > 0 }
                on:click=sign_out.clone()
            >
                {move || if sync.waiting() > 0 { "Sign out and lose my waiting changes" } else { "Sign out" }}
            </button>
        </Show>
    }
}
