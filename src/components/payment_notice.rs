//! The finance team's notice to every carer ("this week's payment run will be a day late
//! because ..."), on the home page once the device has synced it. It is read as plain text
//! (see `PaymentNotice`): the portal's first load has no room for another record type.

use leptos::prelude::*;
use portal_core::payments::NOTICE_ID;
use portal_core::sync::wire::collection::PAYMENT_NOTICE;

use crate::state::account::{device, use_account};
use crate::state::sync::use_sync;

#[component]
pub fn PaymentNoticeBanner() -> impl IntoView {
    let account = use_account();
    let sync = use_sync();
    let notice = move || {
        sync.revision();
        let user = account.user()?;
        device()
            .ok()
            .and_then(|d| {
                d.user(&user.id)
                    .record::<Option<String>>(PAYMENT_NOTICE, NOTICE_ID)
                    .ok()
            })
            .flatten()
            .flatten()
    };
    move || {
        notice().map(|notice| {
            view! {
                <div class="govuk-notification-banner" role="region" aria-labelledby="payment-notice-title">
                    <div class="govuk-notification-banner__header">
                        <h2 class="govuk-notification-banner__title" id="payment-notice-title">"From the finance team"</h2>
                    </div>
                    <div class="govuk-notification-banner__content">
                        <p class="govuk-notification-banner__heading">{notice}</p>
                        <p class="govuk-body-s">
                            <a class="govuk-link" href="/payments" rel="external">"Your payments"</a>
                        </p>
                    </div>
                </div>
            }
        })
    }
}
