//! The staff side's pages (see `crate::staff`).

pub mod applicants;
pub mod buddies;
pub mod carer;
pub mod carers;
pub mod claim;
pub mod claims;
pub mod courses;
pub mod enquiries;
pub mod enquiry;
pub mod enquiry_funnel;
pub mod exits;
pub mod facts;
pub mod group_numbers;
pub mod group_session;
pub mod groups;
pub mod library;
pub mod new_carer;
pub mod news;
pub mod not_found;
pub mod outbox;
pub mod payment_query;
pub mod payment_rates;
pub mod payments;
pub mod reviews;
pub mod support;
pub mod survey_builder;
pub mod survey_results;
pub mod surveys;
pub mod training;

use leptos::prelude::*;
use portal_core::carers::{AccountState, CarerList, Invitation};

use crate::api::{self, ApiError};
use crate::components::page_title::PageTitle;
use crate::routes::Page;

/// What an editor page (`…/new` or `…/{id}`) shows for the id in its address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Editing<T> {
    /// This member of staff may not change these.
    NotAllowed,
    New,
    Existing(T),
    /// No such one: a wrong address, or one since removed.
    Missing,
}

/// Decides an editor page: `id` is the address's (`new` for a new one), `can_edit` the list's
/// answer for this member of staff, and `find` looks the id up in the list.
pub fn editing<T>(can_edit: bool, id: &str, find: impl FnOnce(&str) -> Option<T>) -> Editing<T> {
    if !can_edit {
        return Editing::NotAllowed;
    }
    if id == "new" {
        return Editing::New;
    }
    find(id).map_or(Editing::Missing, Editing::Existing)
}

/// A page that is only a heading and a sentence: a thing not found, or not allowed.
#[component]
pub fn Notice(title: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <PageTitle text=title />
        <h1 class="govuk-heading-l">{title}</h1>
        <p class="govuk-body">{text}</p>
    }
}

/// What a staff page shows from the API: fetched when the page opens and again on `refetch`.
pub type Loaded<T> = LocalResource<Result<T, ApiError>>;

/// Asks the API for a page's information, with `fetch`, to show through [`fetched`].
pub fn load<T, F>(fetch: impl Fn() -> F + 'static) -> Loaded<T>
where
    T: 'static,
    F: Future<Output = Result<T, ApiError>> + 'static,
{
    LocalResource::new(fetch)
}

/// What a staff page sends to the server, as an `Action`: `send` makes the request from the
/// input, and `done` is given each result as it arrives. Its pending state lets a page keep a
/// second press from sending the same change twice.
pub fn change<I, T, F, Fut>(
    send: F,
    done: impl Fn(Result<T, ApiError>) + 'static,
) -> Action<I, Result<T, ApiError>>
where
    I: Clone + 'static,
    T: Clone + 'static,
    F: Fn(I) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let action = Action::new_local(move |input: &I| send(input.clone()));
    Effect::new(move |_| {
        if let Some(result) = action.value().get() {
            done(result);
        }
    });
    action
}

/// The households, workers and permissions every staff page starts from.
pub fn load_carers() -> Loaded<CarerList> {
    load(api::carers)
}

/// A page's information once it arrives, as `show` draws it: `waiting` says what is being
/// fetched until then, and a failure is said in plain words. It is a `Transition`, so what is
/// on screen stays while the information is fetched again after a change.
pub fn fetched<T, V>(
    loaded: Loaded<T>,
    waiting: &'static str,
    show: impl Fn(T) -> V + Send + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Transition fallback=move || view! { <p class="govuk-body">{waiting}</p> }>
            {move || {
                loaded
                    .get()
                    .map(|result| match result {
                        Ok(data) => show(data).into_any(),
                        Err(error) => load_failure(&error),
                    })
            }}
        </Transition>
    }
}

/// What to show when a staff page's information could not be fetched.
pub fn load_failure(error: &ApiError) -> AnyView {
    match error {
        ApiError::SignInRequired => view! {
            <p class="govuk-body">
                "Your sign-in has ended, or you have not signed in on this computer. "
                <a href=Page::SignIn.href() class="govuk-link" rel="external">"Sign in"</a>
                " to continue."
            </p>
        }
        .into_any(),
        other => view! { <p class="govuk-body">{other.message()}</p> }.into_any(),
    }
}

/// A date and time from the server (seconds since 1970), in this computer's time zone.
pub fn local_date(seconds: i64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
    date.to_locale_date_string("en-GB", &wasm_bindgen::JsValue::UNDEFINED)
        .as_string()
        .unwrap_or_default()
}

/// The portal account's state, in words.
pub fn account_words(account: AccountState) -> String {
    match account {
        AccountState::Invited { expires_at } => {
            format!("Invited: the link works until {}", local_date(expires_at))
        }
        other => other.label().to_owned(),
    }
}

/// The full address of an invitation link, to copy into an email or a text message.
pub fn invitation_link(path: &str) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    origin + path
}

/// The panel showing a new invitation link and what to do with it.
#[component]
pub fn InvitationPanel(invitation: Invitation, carer_name: String) -> impl IntoView {
    let Invitation { path, expires_at } = invitation;
    let until = local_date(expires_at);
    let link = invitation_link(&path);
    view! {
        <div
            class="govuk-notification-banner govuk-notification-banner--success"
            role="region"
            aria-labelledby="invitation-title"
        >
            <div class="govuk-notification-banner__header">
                <h2 class="govuk-notification-banner__title" id="invitation-title">
                    "Sign-in link ready"
                </h2>
            </div>
            <div class="govuk-notification-banner__content">
                <p class="govuk-notification-banner__heading">
                    "Send this link to " {carer_name} ". It works once, until " {until} "."
                </p>
                <p class="govuk-body portal-link-text">
                    <code id="invitation-link">{link}</code>
                </p>
                <p class="govuk-body">
                    "With it they choose their own password. Any earlier link for them no longer works. This link is not shown again."
                </p>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_editor_page_is_new_existing_missing_or_not_allowed() {
        let find = |id: &str| (id == "c1").then(|| id.to_owned());
        assert_eq!(editing(false, "c1", find), Editing::NotAllowed);
        assert_eq!(editing(true, "new", find), Editing::New);
        assert_eq!(
            editing(true, "c1", find),
            Editing::Existing("c1".to_owned())
        );
        assert_eq!(editing(true, "c2", find), Editing::Missing);
    }
}
