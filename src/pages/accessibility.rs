use leptos::prelude::*;

use crate::brand::{CONTACT_EMAIL, CONTACT_HOURS, CONTACT_PHONE, COUNCIL_NAME, SERVICE_NAME};
use crate::components::page_title::PageTitle;
use crate::routes::Page;

/// When this statement was written and last checked against the product.
const PREPARED: &str = "22 November 2026";

/// The page as HTML, written here and filled in with the service's details: static text with no
/// input from anyone, so it is safe as HTML, and one string costs the app far less than the
/// hundreds of elements a `view!` would build in code.
fn content() -> String {
    format!(
        r#"<h1 class="govuk-heading-l">Accessibility statement for the {SERVICE_NAME}</h1>
<p class="govuk-body">This statement applies to the {SERVICE_NAME}, run by {COUNCIL_NAME}'s fostering service for foster carers, people thinking about fostering, and the service's staff.
</p>
<h2 class="govuk-heading-m">Using the portal</h2>
<p class="govuk-body">We want as many people as possible to be able to use the portal. You should be able to:
</p>
<ul class="govuk-list govuk-list--bullet">
<li>change colours, contrast levels and fonts using your browser or device settings</li>
<li>zoom in up to 400% without the text spilling off the screen</li>
<li>use it on a phone screen as narrow as 320 pixels</li>
<li>get around it using just a keyboard</li>
<li>get around it using speech recognition software</li>
<li>listen to it using a screen reader, such as NVDA, JAWS, VoiceOver and TalkBack</li>
</ul>
<p class="govuk-body">We have also made the text as simple as we can to understand.</p>
<p class="govuk-body"><a href="https://mcmw.abilitynet.org.uk/" class="govuk-link">AbilityNet has advice on making your device easier to use</a> if you have a disability.
</p>
<h2 class="govuk-heading-m">How accessible the portal is</h2>
<p class="govuk-body">We are not aware of any part of the portal that does not meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. If you find one, please tell us.
</p>
<h2 class="govuk-heading-m">Feedback and contact information</h2>
<p class="govuk-body">If you need information from the portal in a different format, such as large print, easy read, an audio recording or braille, or if you find a problem, contact us:
</p>
<ul class="govuk-list govuk-list--bullet">
<li>email <a href="mailto:{CONTACT_EMAIL}" class="govuk-link">{CONTACT_EMAIL}</a></li>
<li>call {CONTACT_PHONE}, {CONTACT_HOURS}</li>
</ul>
<p class="govuk-body">We will reply within 5 working days.</p>
<h2 class="govuk-heading-m">Enforcement procedure</h2>
<p class="govuk-body">The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the accessibility regulations). If you are not happy with how we respond to your complaint, <a href="https://www.equalityadvisoryservice.com/" class="govuk-link">contact the Equality Advisory and Support Service (EASS)</a>.
</p>
<h2 class="govuk-heading-m">Technical information about the portal's accessibility</h2>
<p class="govuk-body">{COUNCIL_NAME} is committed to making the portal accessible, in accordance with the accessibility regulations.
</p>
<h3 class="govuk-heading-s">Compliance status</h3>
<p class="govuk-body">We believe the portal is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA standard. This has not yet been confirmed by an independent audit; we will publish the results of one here.
</p>
<h2 class="govuk-heading-m">How we test the portal</h2>
<p class="govuk-body">Every change to the portal is tested before it is released: every page is checked automatically against the WCAG 2.2 A and AA rules with the axe-core accessibility engine, in a real browser, and the pages are designed to work with a keyboard alone, at 320 pixels wide and at 200% zoom.
</p>
<h2 class="govuk-heading-m">Preparation of this accessibility statement</h2>
<p class="govuk-body">This statement was prepared on {PREPARED}. It was last reviewed on {PREPARED}.
</p>"#
    )
}

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! {
        <PageTitle text=Page::Accessibility.title() />
        <div inner_html=content()></div>
    }
}
