//! The public enquiry's page: whichever of its pages is showing, as the markup the server's
//! plain pages share. The app reads each form when it is sent (and as it is typed, to keep the
//! answers on the device), and decides what comes next with `enquire::flow`.

use leptos::prelude::*;
use portal_core::enquiries::pages::{self, Posted};
use wasm_bindgen::JsCast as _;

use crate::components::page_title::full_title;
use crate::enquire::flow::{self, Draft, Next};
use crate::enquire::{EnquiryScreen, new_enquiry_id, send_and_show};
use crate::state::account::device;

/// A form's fields as a form body, with the button that sent it (if any).
fn form_body(form: &web_sys::HtmlFormElement, submitter: Option<web_sys::HtmlElement>) -> String {
    let Ok(data) = web_sys::FormData::new_with_form(form) else {
        return String::new();
    };
    if let Some(button) = submitter.and_then(|b| b.dyn_into::<web_sys::HtmlButtonElement>().ok())
        && !button.name().is_empty()
    {
        let _ = data.append_with_str(&button.name(), &button.value());
    }
    web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data)
        .map(|params| String::from(params.to_string()))
        .unwrap_or_default()
}

fn draft() -> Draft {
    device()
        .ok()
        .and_then(|d| d.enquiry_draft::<Draft>().ok().flatten())
        .unwrap_or_default()
}

/// Moves focus to the new page: to its error summary if it has one, otherwise to the main
/// content, so that a screen reader starts reading the new page from the top.
fn focus_new_page() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let target = document
        .query_selector(".govuk-error-summary")
        .ok()
        .flatten()
        .or_else(|| document.get_element_by_id("main-content"));
    if let Some(element) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        if !element.has_attribute("tabindex") {
            let _ = element.set_attribute("tabindex", "-1");
        }
        let _ = element.focus();
    }
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

#[component]
pub fn EnquiryPage() -> impl IntoView {
    let EnquiryScreen(screen) = expect_context::<EnquiryScreen>();
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        let title = screen.with(|s| full_title(&s.0));
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&title);
        }
        // The first page is where the browser put the person; later ones move focus.
        if !first.get_value() {
            request_animation_frame(focus_new_page);
        }
        first.set_value(false);
    });
    let on_submit = move |event: web_sys::SubmitEvent| {
        let Some(form) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        event.prevent_default();
        let posted = Posted::read(&form_body(&form, event.submitter()));
        match flow::after(&posted, &draft(), &new_enquiry_id()) {
            Next::Show(next, kept) => {
                if let Ok(device) = device() {
                    let _ = device.set_enquiry_draft(&kept);
                }
                screen.set(next);
            }
            Next::Send(enquiry) => {
                match device().and_then(|d| d.queue_enquiry(&enquiry.id, &enquiry)) {
                    Ok(()) => {
                        screen.set(pages::waiting_page());
                        send_and_show(screen);
                    }
                    Err(error) => {
                        let problems = vec![(
                            portal_core::enquiries::field::NAME,
                            format!(
                                "Your enquiry could not be saved on this device ({error}). Try again, or call us"
                            ),
                        )];
                        screen.set(pages::check_page(&enquiry.form, &enquiry.id, &problems));
                    }
                }
            }
        }
    };
    // Every answer is kept as it is typed or chosen, so leaving half way loses nothing.
    let on_input = move |event: web_sys::Event| {
        let Some(form) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("form").ok().flatten())
            .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        let posted = Posted::read(&form_body(&form, None));
        let mut kept = draft();
        if posted.at != pages::SELF_CHECK && posted.at != pages::START {
            kept.form = posted.form;
            if let Ok(device) = device() {
                let _ = device.set_enquiry_draft(&kept);
            }
        }
    };
    view! {
        <div inner_html=move || screen.with(|s| s.1.clone()) on:submit=on_submit on:input=on_input></div>
    }
}
