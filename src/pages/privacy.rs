use leptos::prelude::*;

use crate::brand::{CONTACT_EMAIL, CONTACT_PHONE, COUNCIL_NAME, SERVICE_NAME};
use crate::components::page_title::PageTitle;
use crate::routes::Page;

const UPDATED: &str = "22 November 2026";

/// The page as HTML, written here and filled in with the service's details: static text with no
/// input from anyone, so it is safe as HTML, and one string costs the app far less than the
/// hundreds of elements a `view!` would build in code.
fn content() -> String {
    format!(
        r#"<h1 class="govuk-heading-l">Privacy notice</h1>
<p class="govuk-body-l">How the {SERVICE_NAME} uses and looks after your information.
</p>
<h2 class="govuk-heading-m">Who we are</h2>
<p class="govuk-body">{COUNCIL_NAME} is the data controller for the information in the portal. Our fostering service runs the portal for approved foster carers and for people thinking about fostering.
</p>
<h2 class="govuk-heading-m">What information the portal holds</h2>
<p class="govuk-body">For foster carers, the portal holds:</p>
<ul class="govuk-list govuk-list--bullet">
<li>the names and contact details of the carers in your household</li>
<li>the kind of fostering you are approved for, and when you were approved</li>
<li>your training and learning records</li>
<li>the support groups you book</li>
<li>buddy scheme details you choose to give</li>
<li>your questions to the finance team about payments, and their answers</li>
</ul>
<p class="govuk-body">The portal never holds a child's full name or record. Where a child needs to be mentioned, for example in a question about a payment, only their initials or a reference are used.
</p>
<p class="govuk-body">If you make an enquiry about fostering, the portal holds what you tell us: your name, how to contact you, your postcode area and your answers to the enquiry questions.
</p>
<p class="govuk-body">Answers to our foster carer surveys are anonymous unless a survey clearly says otherwise: they are stored without anything that links them to you.
</p>
<h2 class="govuk-heading-m">Why we use it</h2>
<p class="govuk-body">We use your information to support you as a foster carer, as the Children Act 1989 and the Fostering Services (England) Regulations 2011 require. Our lawful basis is that this is a task in the public interest (UK GDPR article 6(1)(e)). Where information about health, ethnicity or religion is needed, we rely on the substantial public interest in safeguarding and supporting children (article 9(2)(g)).
</p>
<p class="govuk-body">If you make an enquiry about fostering, we use your information to contact you about it, because you asked us to.
</p>
<h2 class="govuk-heading-m">Who can see it</h2>
<p class="govuk-body">Only fostering service staff who need it for their work, such as your supervising social worker or the finance team for a payment question. We do not sell your information or use it for marketing. We share it outside the council only when the law requires us to, for example to keep a child safe or for an Ofsted inspection.
</p>
<h2 class="govuk-heading-m">How long we keep it</h2>
<ul class="govuk-list govuk-list--bullet">
<li>Foster carer records: at least 10 years after your approval ends.</li>
<li>Enquiries that do not go further: 3 years.</li>
</ul>
<h2 class="govuk-heading-m">Information kept on your device</h2>
<p class="govuk-body">So that the portal works with no signal, it keeps a copy of your information, and any changes not yet sent, in your browser's storage on your device. It does not use advertising or tracking cookies, and it does not send your information to anyone else. When you sign out, the portal removes your information from the device. If changes are still waiting to be sent, it tells you first.
</p>
<h2 class="govuk-heading-m">Your rights</h2>
<p class="govuk-body">You can ask to see the information we hold about you, and ask us to correct it. In some cases you can ask us to delete it or to stop using it. To do any of these, or if you have a question about this notice, contact the fostering service: email <a href="mailto:{CONTACT_EMAIL}" class="govuk-link">{CONTACT_EMAIL}</a> or call {CONTACT_PHONE}.
</p>
<p class="govuk-body">If you are unhappy with how we have used your information, you can complain to the <a href="https://ico.org.uk/make-a-complaint/" class="govuk-link">Information Commissioner's Office</a>.
</p>
<p class="govuk-body-s">Last updated {UPDATED}.</p>"#
    )
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! {
        <PageTitle text=Page::Privacy.title() />
        <div inner_html=content()></div>
    }
}
