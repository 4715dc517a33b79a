//! The public enquiry: "Thinking about fostering?", for anyone, signed in or not. Its own
//! small app (built from `src/enquire/index.html`, served under `/enquire/`), kept for offline
//! use like the carers' apps.
//!
//! Its pages are the same HTML the server sends to browsers that cannot run the app
//! (`portal_core::enquiries::pages`); the app reads their forms itself, keeps the answers on
//! the device as they are typed, and queues the finished enquiry there, sending it when there
//! is a connection. The enquiry's id is chosen when its check-your-answers page is shown, so
//! however often it is sent (a retry, a second tab, the network coming back), the server keeps
//! it once.

pub mod flow;

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::enquiries::pages::{self, CHECK};
use portal_core::enquiries::{EnquirySent, NewEnquiry};

use crate::api::{self, ApiError};
use crate::components::layout::{Frame, Main};
use crate::components::update_banner::UpdateBanner;
use crate::device::random_id;
use crate::enquire::flow::{Draft, Screen, resume};
use crate::pages::enquire::EnquiryPage;
use crate::state::account::device;
use crate::state::update::provide_app_update;

/// The element of the app's page holding the plain first page, shown until the app starts.
const WITHOUT_APP: &str = "enquiry-without-app";

/// How often the app tries again to send an enquiry waiting on the device, while it is open.
const RETRY_MS: u64 = 20_000;

/// The page being shown, in context.
#[derive(Debug, Clone, Copy)]
pub struct EnquiryScreen(pub RwSignal<Screen>);

/// A new id for an enquiry, or an empty one if the browser gives no random numbers (the
/// server then refuses it by name, and the person can call instead).
pub fn new_enquiry_id() -> String {
    random_id("enquiry").unwrap_or_default()
}

/// What to show first: the confirmation if an enquiry was just sent, the waiting page if one
/// is waiting, where the person left off, or the start page.
fn first_screen() -> Screen {
    let Ok(device) = device() else {
        return pages::start_page();
    };
    if !device
        .queued_enquiries::<NewEnquiry>()
        .unwrap_or_default()
        .is_empty()
    {
        return pages::waiting_page();
    }
    match device.enquiry_draft::<Draft>().ok().flatten() {
        Some(draft) if !draft.at.is_empty() => resume(&draft, &new_enquiry_id()),
        _ => pages::start_page(),
    }
}

/// What happened to the enquiries waiting on the device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sending {
    /// Nothing was waiting.
    Nothing,
    /// All were sent; the last one's answer.
    Sent(EnquirySent),
    /// At least one is still waiting (no connection, or too many from this connection).
    Waiting,
    /// The server refused one: it is back as the draft, with the reason.
    Refused(String),
}

/// Sends every enquiry waiting on the device, each kept there until the server has it.
pub async fn send_waiting() -> Sending {
    let Ok(device) = device() else {
        return Sending::Nothing;
    };
    let waiting: Vec<NewEnquiry> = device.queued_enquiries().unwrap_or_default();
    let mut outcome = Sending::Nothing;
    for enquiry in waiting {
        match api::send_enquiry(&enquiry).await {
            Ok(sent) => {
                let _ = device.enquiry_sent(&enquiry.id, &sent);
                outcome = Sending::Sent(sent);
            }
            Err(ApiError::Server {
                status: 400,
                message,
                ..
            }) => {
                // The rules changed under it (a new area, say): back to the person to fix.
                let draft = Draft {
                    form: enquiry.form.clone(),
                    at: CHECK.to_owned(),
                    self_check: enquiry.self_check,
                };
                let _ = device.set_enquiry_draft(&draft);
                let _ = device.unqueue_enquiry(&enquiry.id);
                return Sending::Refused(message);
            }
            Err(_) => return Sending::Waiting,
        }
    }
    outcome
}

/// Sends what is waiting and shows the outcome, if the waiting page is what is showing.
pub fn send_and_show(screen: RwSignal<Screen>) {
    spawn_local(async move {
        let outcome = send_waiting().await;
        let waiting = screen.with_untracked(|s| s.0 == pages::WAITING_TITLE);
        match outcome {
            Sending::Sent(sent) if waiting => screen.set(pages::sent_page(sent.reply_by)),
            // Another tab sent it first: this one says so too.
            Sending::Nothing if waiting => {
                if let Some(sent) = device()
                    .ok()
                    .and_then(|d| d.last_enquiry_sent::<EnquirySent>().ok().flatten())
                {
                    screen.set(pages::sent_page(sent.reply_by));
                }
            }
            Sending::Refused(message) if waiting => {
                let draft = device()
                    .ok()
                    .and_then(|d| d.enquiry_draft::<Draft>().ok().flatten())
                    .unwrap_or_default();
                let problems = vec![(portal_core::enquiries::field::NAME, message)];
                screen.set(pages::check_page(&draft.form, &new_enquiry_id(), &problems));
            }
            _ => {}
        }
    });
}

#[component]
pub fn EnquireApp() -> impl IntoView {
    provide_app_update();
    if let Some(fallback) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(WITHOUT_APP))
    {
        fallback.remove();
    }
    let screen = RwSignal::new(first_screen());
    provide_context(EnquiryScreen(screen));
    send_and_show(screen);
    let _ = window_event_listener(leptos::ev::online, move |_| send_and_show(screen));
    set_interval(
        move || send_and_show(screen),
        std::time::Duration::from_millis(RETRY_MS),
    );
    view! {
        <Frame items=Signal::derive(Vec::new) external=true>
            <UpdateBanner />
            <Main>
                <EnquiryPage />
            </Main>
        </Frame>
    }
}
