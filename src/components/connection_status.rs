//! The status area on every page: whether the portal can reach the service, how many changes
//! are waiting on this device, when it last synced, and anything that needs attention.

use leptos::prelude::*;
use leptos_router::components::A;

use portal_core::LinkState;

use crate::routes::Page;
use crate::state::account::use_account;
use crate::state::connection::{describe, use_connection};
use crate::state::sync::use_sync;

/// The sentence about changes kept on this device.
pub fn waiting_sentence(waiting: usize) -> String {
    match waiting {
        0 => "All your changes are saved with the fostering service.".to_owned(),
        1 => "1 change is saved on this device and waiting to be sent.".to_owned(),
        n => format!("{n} changes are saved on this device and waiting to be sent."),
    }
}

/// The status in one line when all is well (connected, nothing waiting, saving or needing
/// attention, and no problem), which is how a phone shows it until asked for the details:
/// `None` when something deserves the whole status area.
pub fn calm_summary(
    state: LinkState,
    waiting: usize,
    attention: usize,
    troubled: bool,
    last_synced: Option<&str>,
) -> Option<String> {
    if state != LinkState::Online || waiting > 0 || attention > 0 || troubled {
        return None;
    }
    Some(match last_synced {
        Some(time) => format!("All saved · synced {time}"),
        None => "All saved".to_owned(),
    })
}

pub fn attention_sentence(count: usize) -> Option<String> {
    match count {
        0 => None,
        1 => Some("1 change could not be saved and needs your attention.".to_owned()),
        n => Some(format!(
            "{n} changes could not be saved and need your attention."
        )),
    }
}

#[component]
pub fn ConnectionStatus() -> impl IntoView {
    let connection = use_connection();
    let account = use_account();
    let sync = use_sync();
    let message = Memo::new(move |_| describe(connection.state()));
    let signed_in = move || account.user().is_some();
    let waiting = move || {
        if sync.saving() {
            "Saving your change on this device…".to_owned()
        } else {
            waiting_sentence(sync.waiting())
        }
    };
    let last = move || sync.last_synced().map(|t| format!(" Last synced at {t}."));
    let attention = move || attention_sentence(sync.attention().len());
    // On a phone a calm status folds to one line, so that the page's heading is on the first
    // screen; "Details" opens it. Wider screens always show it whole (see the styles).
    let calm = Memo::new(move |_| {
        calm_summary(
            connection.state(),
            sync.waiting(),
            sync.attention().len(),
            sync.saving() || sync.problem().is_some(),
            sync.last_synced().as_deref(),
        )
        .filter(|_| signed_in())
    });
    let open = RwSignal::new(false);
    let check = move |_| {
        if account.user_untracked().is_some() {
            sync.sync_now();
        }
        connection.check_now();
    };
    view! {
        // A polite live region: screen readers announce a change without interrupting.
        <div
            class="portal-status"
            class:portal-status--calm=move || calm.with(Option::is_some)
            class:portal-status--folded=move || calm.with(Option::is_some) && !open.get()
            data-tone=move || message.get().tone
            role="status"
            aria-live="polite"
        >
            <p class="govuk-body-s portal-status__line portal-status__summary">
                <strong class="portal-status__headline">{move || calm.get().unwrap_or_default()}</strong>
            </p>
            <button
                type="button"
                class="govuk-button govuk-button--secondary portal-status__check portal-status__more"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || if open.get() { "Hide details" } else { "Details" }}
            </button>
            <div class="portal-status__text">
                <p class="govuk-body-s portal-status__line">
                    <strong class="portal-status__headline">{move || message.get().headline}</strong>
                    ". "
                    {move || message.get().detail}
                </p>
                <Show when=signed_in>
                    <p class="govuk-body-s portal-status__line">{waiting} {last}</p>
                </Show>
                {move || {
                    sync.problem()
                        .map(|text| {
                            view! {
                                <p class="govuk-body-s portal-status__line govuk-error-message">
                                    {text}
                                </p>
                            }
                        })
                }}
                {move || {
                    attention()
                        .map(|text| {
                            view! {
                                <p class="govuk-body-s portal-status__line">
                                    <A href=Page::MyDetails.href() attr:class="govuk-link">
                                        {text}
                                    </A>
                                </p>
                            }
                        })
                }}
            </div>
            <button
                type="button"
                class="govuk-button govuk-button--secondary portal-status__check portal-status__sync"
                on:click=check
            >
                {move || if signed_in() { "Sync now" } else { "Check connection" }}
            </button>
        </div>
        <ExpiredWarning />
    }
}

/// Says that the sign-in has ended, and what waits for the person to sign in again.
#[component]
fn ExpiredWarning() -> impl IntoView {
    let account = use_account();
    let sync = use_sync();
    view! {
        <Show when=move || account.is_expired()>
            <div class="govuk-warning-text portal-expired">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <strong class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">"Warning"</span>
                    "Your sign-in has ended. "
                    {move || waiting_sentence(sync.waiting())}
                    " "
                    <A href=Page::SignIn.href() attr:class="govuk-link">
                        "Sign in again to send them"
                    </A>
                    "."
                </strong>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_plain_english() {
        assert_eq!(
            waiting_sentence(0),
            "All your changes are saved with the fostering service."
        );
        assert_eq!(
            waiting_sentence(1),
            "1 change is saved on this device and waiting to be sent."
        );
        assert!(waiting_sentence(3).starts_with("3 changes are"));
        assert_eq!(attention_sentence(0), None);
        assert_eq!(
            calm_summary(LinkState::Online, 0, 0, false, Some("10:42")).as_deref(),
            Some("All saved · synced 10:42")
        );
        assert_eq!(
            calm_summary(LinkState::Online, 0, 0, false, None).as_deref(),
            Some("All saved")
        );
        // Anything waiting, needing attention or going wrong, or no connection, shows it all.
        assert_eq!(calm_summary(LinkState::Online, 1, 0, false, None), None);
        assert_eq!(calm_summary(LinkState::Online, 0, 1, false, None), None);
        assert_eq!(calm_summary(LinkState::Online, 0, 0, true, None), None);
        assert_eq!(calm_summary(LinkState::Offline, 0, 0, false, None), None);
        assert_eq!(calm_summary(LinkState::Checking, 0, 0, false, None), None);
        assert!(
            attention_sentence(2)
                .expect("some")
                .contains("need your attention")
        );
    }
}
