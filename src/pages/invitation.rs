//! Where an invitation link leads: the new carer sees who the link is for, chooses a password
//! and is signed in. The token is in the address after `#`, which browsers never send to the
//! server, so it stays out of logs; it is read here and sent in a request body.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use portal_core::account::NewPassword;
use portal_core::carers::InvitationDetails;

use crate::api;
use crate::brand::CONTACT_PHONE;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::TextField;
use crate::components::page_title::PageTitle;
use crate::details_form::FieldProblem;
use crate::routes::Page;
use crate::state::account::use_account;
use crate::state::sync::use_sync;

/// The token in the page address, if there is one.
fn token_from_address() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let token = hash.trim_start_matches('#').trim().to_owned();
    (!token.is_empty()).then_some(token)
}

/// What the page shows while and after it asks about the link.
#[derive(Debug, Clone, PartialEq, Eq)]
enum LinkState {
    Checking,
    Ready(InvitationDetails),
    Unusable(String),
}

/// The password rules, checked before the password is sent.
pub fn check_new_password(password: &str, email: &str) -> Vec<FieldProblem> {
    match NewPassword::parse(password, email) {
        Ok(_) => Vec::new(),
        Err(error) => vec![FieldProblem {
            input_id: "new-password".into(),
            message: error.to_string(),
        }],
    }
}

/// Asks the server who the link is for, and whether it still works.
fn check_link(token: Option<String>, state: RwSignal<LinkState>) {
    spawn_local(async move {
        let next = match token {
            None => LinkState::Unusable(
                "This link is not complete. Open the whole link you were sent, or ask your supervising social worker for a new one.".into(),
            ),
            Some(token) => match api::invitation(&token).await {
                Ok(details) => LinkState::Ready(details),
                Err(error) => LinkState::Unusable(error.message()),
            },
        };
        state.set(next);
    });
}

#[component]
pub fn InvitationPage() -> impl IntoView {
    let account = use_account();
    let sync = use_sync();
    let navigate = use_navigate();
    let state = RwSignal::new(LinkState::Checking);
    let password = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let busy = RwSignal::new(false);
    let token = token_from_address();

    check_link(token.clone(), state);

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let LinkState::Ready(details) = state.get_untracked() else {
            return;
        };
        let found = check_new_password(&password.get_untracked(), &details.email);
        if !found.is_empty() {
            problems.set(found);
            return;
        }
        let Some(token) = token.clone() else { return };
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = api::accept_invitation(&token, &password.get_untracked())
                .await
                .map_err(|e| e.message())
                .and_then(|user| account.start(user));
            busy.set(false);
            match result {
                Ok(_) => {
                    sync.refresh();
                    sync.sync_now();
                    navigate(Page::MyDetails.href(), NavigateOptions::default());
                }
                Err(message) => problems.set(vec![FieldProblem {
                    input_id: "new-password".into(),
                    message,
                }]),
            }
        });
    };

    let password_error = Signal::derive(move || problem_for(&problems.get(), "new-password"));
    view! {
        <PageTitle text=Page::Invitation.title() />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary problems=problems />
                <h1 class="govuk-heading-l">"Set your password"</h1>
                {move || match state.get() {
                    LinkState::Checking => {
                        view! { <p class="govuk-body">"Checking your link…"</p> }.into_any()
                    }
                    LinkState::Unusable(message) => {
                        view! {
                            <p class="govuk-body">{message}</p>
                            <p class="govuk-body">
                                "You can call the fostering service on " {CONTACT_PHONE} "."
                            </p>
                        }
                            .into_any()
                    }
                    LinkState::Ready(details) => {
                        view! {
                            <p class="govuk-body">
                                "Welcome, " {details.name.clone()}
                                ". Choose a password to sign in to the portal as "
                                <strong>{details.email.clone()}</strong> "."
                            </p>
                            <form novalidate on:submit=submit.clone()>
                                <TextField
                                    id="new-password"
                                    label="Password"
                                    kind="password"
                                    autocomplete="new-password"
                                    value=password
                                    error=password_error
                                    hint="At least 10 characters. Three random words are easy to remember and hard to guess, like \u{201c}kettle garden purple\u{201d}."
                                />
                                <button type="submit" class="govuk-button" disabled=move || busy.get()>
                                    {move || if busy.get() { "Saving…" } else { "Set password and sign in" }}
                                </button>
                            </form>
                        }
                            .into_any()
                    }
                }}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_rules_are_checked_before_sending() {
        assert_eq!(check_new_password("short", "a@b.test").len(), 1);
        assert_eq!(
            check_new_password("password123", "a@b.test")[0].input_id,
            "new-password"
        );
        assert!(check_new_password("kettle garden purple", "a@b.test").is_empty());
    }
}
