//! The browser tab's title, which is also the first thing a screen reader says on a new page.

use leptos::prelude::*;

use crate::brand::{COUNCIL_NAME, SERVICE_NAME};

/// The full title for a page: its own name first, as GOV.UK pages do.
pub fn full_title(page_title: &str) -> String {
    format!("{page_title} – {SERVICE_NAME} – {COUNCIL_NAME}")
}

/// Sets the document's title while this page is shown.
#[component]
pub fn PageTitle(text: &'static str) -> impl IntoView {
    Effect::new(move |_| set_page_title(text));
}

/// Sets the browser tab's title to a page's name that is not fixed (a library document's own
/// title, say), from inside an effect.
pub fn set_page_title(page_title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&full_title(page_title));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_comes_first_then_the_service_then_the_council() {
        assert_eq!(
            full_title("Privacy notice"),
            "Privacy notice – Foster Carer Portal – Northby Council"
        );
    }
}
