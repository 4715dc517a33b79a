use leptos::prelude::*;

use crate::brand::{COUNCIL_NAME, SERVICE_NAME};
use crate::components::home_notices::HomeNotices;
use crate::components::page_title::PageTitle;
use crate::parts::{Part, PartView};
use crate::routes::{ENQUIRE_HOME, Page};
use crate::state::sync::use_sync;

/// The page's lasting text as HTML, filled in with the service's details: static text with no
/// input from anyone, so it is safe as HTML, and one string costs the portal's first load far
/// less than the code a `view!` builds for each element (see the privacy notice).
fn content() -> String {
    format!(
        r#"<p class="govuk-body-l">The portal for foster carers who care for children with {COUNCIL_NAME}'s fostering service.</p>
<h2 class="govuk-heading-m">Thinking about fostering?</h2>
<p class="govuk-body">Tell us a little about yourself and someone from our fostering team will contact you within 24 hours. <a href="{ENQUIRE_HOME}" class="govuk-link" rel="external">Make an enquiry</a>.</p>
<h2 class="govuk-heading-m">Need support?</h2>
<p class="govuk-body">Your supervising social worker, the service's teams and the out-of-hours line are in <a href="/groups/support" class="govuk-link">support contacts</a>, which you can read with no signal.</p>
<h2 class="govuk-heading-m">Use it with no signal</h2>
<p class="govuk-body">Once you have opened the portal on a phone or computer, it opens again on that device even with no signal or Wi-Fi. Anything you do while you are not connected is kept on the device and sent to the fostering service when the connection comes back.</p>
<p class="govuk-body">The box near the top of every page tells you whether the portal can reach the fostering service right now.</p>
<h2 class="govuk-heading-m">Add the portal to your home screen</h2>
<p class="govuk-body">You can open the portal like an app, without a browser.</p>
<ul class="govuk-list govuk-list--bullet">
<li>On Android, open the browser menu (three dots) and choose <strong>Add to home screen</strong> or <strong>Install app</strong>.</li>
<li>On an iPhone or iPad, in Safari, tap the Share button and choose <strong>Add to Home Screen</strong>.</li>
</ul>
<h2 class="govuk-heading-m">Using a shared computer</h2>
<p class="govuk-body">If other people use this computer, sign out when you have finished. Signing out removes your information from the computer. Read how we look after your information in the <a href="{}" class="govuk-link" rel="external">privacy notice</a>.</p>"#,
        Page::Privacy.href()
    )
}

/// The carers' home page; for an applicant (their household being assessed), their
/// application, whose code loads only for them.
#[component]
pub fn HomePage() -> impl IntoView {
    let sync = use_sync();
    let applicant = Memo::new(move |_| sync.is_applicant());
    view! {
        <Show
            when=move || applicant.get()
            fallback=|| view! {
                <PageTitle text=Page::Home.title() />
                <h1 class="govuk-heading-xl">{SERVICE_NAME}</h1>
                <HomeNotices />
                <div inner_html=content()></div>
            }
        >
            <PartView part=Part::Application />
        </Show>
    }
}
