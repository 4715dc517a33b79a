//! The enquiry's plain HTML pages as the server sends them: the core's pages
//! (`portal_core::enquiries::pages`) in the council's frame, for a browser that cannot run
//! the app.

use portal_core::brand::{CONTACT_PHONE, COUNCIL_NAME, SERVICE_NAME};
use portal_core::text::escape_html as esc;

/// A whole page: the council's frame around `main`, titled `title`.
pub fn document(title: &str, stylesheets: &str, main: &str) -> String {
    format!(
        r##"<!DOCTYPE html>
<html lang="en-GB" class="govuk-template">
<head>
<meta charset="utf-8">
<title>{title} – {SERVICE_NAME} – {COUNCIL_NAME}</title>
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="robots" content="noindex">
{stylesheets}
</head>
<body class="govuk-template__body">
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>
<header class="govuk-header" role="banner"><div class="govuk-header__container govuk-width-container">
<div class="govuk-header__logo"><span class="govuk-header__link govuk-header__link--homepage">{COUNCIL_NAME}</span></div>
<div class="govuk-header__content"><span class="govuk-header__service-name">{SERVICE_NAME}</span></div>
</div></header>
<div class="govuk-width-container">
<main class="govuk-main-wrapper" id="main-content">
{main}
</main>
</div>
<footer class="govuk-footer" role="contentinfo"><div class="govuk-width-container"><div class="govuk-footer__meta">
<div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
<ul class="govuk-footer__inline-list">
<li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/privacy/">Privacy notice</a></li>
<li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/accessibility/">Accessibility statement</a></li>
</ul>
<p class="govuk-body-s">You can also call us on {CONTACT_PHONE}.</p>
</div></div></div></footer>
</body>
</html>"##,
        title = esc(title),
    )
}
