//! The council's own name and the service's name (kept in `portal_core::brand`, which the
//! server's plain pages share).
//! The same names appear in `index.html` and `public/manifest.webmanifest`, which the browser
//! reads before the app starts; a test keeps the three in step.

pub use portal_core::brand::{
    CONTACT_EMAIL, CONTACT_HOURS, CONTACT_PHONE, COUNCIL_NAME, DISTRICTS, SERVICE_NAME,
};

#[cfg(test)]
mod tests {
    use super::*;

    /// The browser reads the page and the manifest before the app runs, so they carry the names
    /// as text; this keeps them in step with the constants above.
    #[test]
    fn the_page_and_the_manifest_name_the_same_council_and_service() {
        let index = include_str!("../index.html");
        let manifest = include_str!("../public/manifest.webmanifest");
        for text in [index, manifest] {
            assert!(text.contains(COUNCIL_NAME));
            assert!(text.contains(SERVICE_NAME));
        }
        assert!(index.contains(CONTACT_PHONE));
    }

    /// The accessibility statement and the privacy notice are static pages (`src/about/`), so
    /// they carry the names and the contact details as text too.
    #[test]
    fn the_static_pages_name_the_same_council_service_and_contacts() {
        for page in [
            include_str!("../src/about/accessibility.html"),
            include_str!("../src/about/privacy.html"),
        ] {
            for fact in [COUNCIL_NAME, SERVICE_NAME, CONTACT_EMAIL, CONTACT_PHONE] {
                assert!(page.contains(fact), "{fact}");
            }
        }
        assert!(include_str!("../src/about/accessibility.html").contains(CONTACT_HOURS));
    }
}
