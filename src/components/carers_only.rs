//! Pages for foster carers only: anyone else is asked to sign in as one.

use leptos::prelude::*;

use crate::routes::Page;
use crate::state::account::use_account;
use portal_core::account::Role;

/// Shows `children` to a signed-in foster carer; anyone else is told to sign in as one `to` do
/// what the page is for ("see your learning").
#[component]
pub fn CarersOnly(to: &'static str, children: ChildrenFn) -> impl IntoView {
    let account = use_account();
    let is_carer = move || account.user().is_some_and(|u| u.role == Role::Carer);
    view! {
        <Show
            when=is_carer
            fallback=move || {
                view! {
                    <p class="govuk-body">
                        <a href=Page::SignIn.href() class="govuk-link">
                            "Sign in"
                        </a>
                        " as a foster carer to " {to} "."
                    </p>
                }
            }
        >
            {children()}
        </Show>
    }
}
