use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use portal_core::account::{Email, Role};

use crate::api::SignInAnswer;
use crate::components::error_summary::{ErrorSummary, problem_for};
use crate::components::fields::TextField;
use crate::components::page_title::PageTitle;
use crate::details_form::FieldProblem;
use crate::routes::{ENQUIRE_HOME, Page, STAFF_HOME};
use crate::state::account::{SignInProblem, use_account};
use crate::state::sync::use_sync;

/// Problems with the sign-in form that can be found without asking the server.
pub fn check_sign_in(email: &str, password: &str) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    if let Err(error) = Email::parse(email) {
        problems.push(FieldProblem {
            input_id: "email".into(),
            message: error.to_string(),
        });
    }
    if password.is_empty() {
        problems.push(FieldProblem {
            input_id: "password".into(),
            message: "Enter your password.".into(),
        });
    }
    problems
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let account = use_account();
    let sync = use_sync();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let needs_code = RwSignal::new(false);
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let busy = RwSignal::new(false);

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let found = check_sign_in(&email.get_untracked(), &password.get_untracked());
        if !found.is_empty() {
            problems.set(found);
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let code_value = code.get_untracked();
            let code_given = needs_code.get_untracked().then_some(code_value.as_str());
            let result = account
                .sign_in(
                    &email.get_untracked(),
                    &password.get_untracked(),
                    code_given,
                )
                .await;
            busy.set(false);
            match result {
                Ok(SignInAnswer::CodeNeeded) => {
                    needs_code.set(true);
                    problems.set(Vec::new());
                }
                Ok(SignInAnswer::SignedIn(user)) => {
                    problems.set(Vec::new());
                    sync.refresh();
                    sync.sync_now();
                    if user.role == Role::Carer {
                        navigate(Page::MyDetails.href(), NavigateOptions::default());
                    } else if let Some(window) = web_sys::window() {
                        // The staff side is a separate app: the browser loads it.
                        let _ = window.location().assign(STAFF_HOME);
                    }
                }
                Err(problem) => {
                    let (input_id, message) = match problem {
                        SignInProblem::Code(message) => ("code", message),
                        SignInProblem::Account(message) => ("email", message),
                    };
                    problems.set(vec![FieldProblem {
                        input_id: input_id.into(),
                        message,
                    }]);
                }
            }
        });
    };

    let field_error = move |id: &'static str| move || problem_for(&problems.get(), id);
    view! {
        <PageTitle text=Page::SignIn.title() />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary problems=problems />
                <h1 class="govuk-heading-l">"Sign in"</h1>
                <Show when=move || account.is_expired()>
                    <p class="govuk-body">
                        "Your sign-in ended while you were away. Nothing you did has been lost: sign in again and the portal will send it."
                    </p>
                </Show>
                <form novalidate on:submit=submit>
                    <TextField id="email" label="Email address" kind="email" autocomplete="username" value=email error=Signal::derive(field_error("email")) />
                    <TextField id="password" label="Password" kind="password" autocomplete="current-password" value=password error=Signal::derive(field_error("password")) />
                    <Show when=move || needs_code.get()>
                        <TextField
                            id="code"
                            label="Code from your authenticator app"
                            kind="text"
                            autocomplete="one-time-code"
                            value=code
                            error=Signal::derive(field_error("code"))
                            hint="Staff sign in with the 6-digit code their authenticator app shows now."
                        />
                    </Show>
                    <button type="submit" class="govuk-button" disabled=move || busy.get()>
                        {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                    </button>
                </form>
                <p class="govuk-body">
                    "Foster carers get their sign-in from the fostering service. If you have forgotten your password, call your supervising social worker. "
                    <a href=Page::Privacy.href() class="govuk-link" rel="external">"How we use your information"</a>
                    "."
                </p>
                <p class="govuk-body">
                    <a href=ENQUIRE_HOME class="govuk-link" rel="external">"Thinking about fostering? Tell us about yourself"</a>
                </p>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_or_malformed_input_is_caught_before_asking_the_server() {
        let problems = check_sign_in("carer", "");
        let ids: Vec<_> = problems.iter().map(|p| p.input_id.as_ref()).collect();
        assert_eq!(ids, ["email", "password"]);
        assert!(check_sign_in("carer@demo.test", "demo-password").is_empty());
    }
}
