//! The service worker, which keeps the app on the device for use with no network, and the
//! offer of a new version when one has been deployed.
//!
//! A new version never replaces the running one behind the carer's back: it waits until they
//! choose "Reload", so nothing they are in the middle of typing is thrown away. Data kept on the
//! device lives in local storage, which the service worker never touches, so updating loses none.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast as _, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

const WORKER_URL: &str = "/sw.js";
/// The message `public/sw.js` listens for before it takes over from the running version.
const SKIP_WAITING: &str = "SKIP_WAITING";
/// How often a long-open portal asks the server whether there is a new version.
const UPDATE_CHECK: Duration = Duration::from_secs(30 * 60);

#[derive(Debug, Clone, Copy)]
pub struct AppUpdate {
    available: RwSignal<bool>,
    reload_requested: StoredValue<bool>,
}

impl AppUpdate {
    /// Whether a new version is downloaded and waiting.
    pub fn is_available(self) -> bool {
        self.available.get()
    }

    /// Switches to the new version: the waiting worker takes over, then the page reloads.
    pub fn apply(self) {
        self.reload_requested.set_value(true);
        let Some(container) = container() else {
            reload();
            return;
        };
        spawn_local(async move {
            let waiting = JsFuture::from(container.get_registration())
                .await
                .ok()
                .and_then(|value| value.dyn_into::<ServiceWorkerRegistration>().ok())
                .and_then(|registration| registration.waiting());
            match waiting {
                // The reload happens when the new worker takes control (see `provide_app_update`).
                Some(worker) => {
                    if worker
                        .post_message(&JsValue::from_str(SKIP_WAITING))
                        .is_err()
                    {
                        reload();
                    }
                }
                None => reload(),
            }
        });
    }
}

/// Registers the service worker and watches for new versions.
pub fn provide_app_update() {
    let update = AppUpdate {
        available: RwSignal::new(false),
        reload_requested: StoredValue::new(false),
    };
    provide_context(update);
    // Browsers without service workers (or with them disabled) still run the portal online.
    let Some(container) = container() else {
        return;
    };
    let on_controller_change = Closure::<dyn FnMut()>::new(move || {
        // The first install also changes the controller; only a reload the carer asked for counts.
        if update.reload_requested.get_value() {
            reload();
        }
    });
    container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    // The handler lives as long as the page.
    on_controller_change.forget();

    spawn_local(async move {
        let registered = JsFuture::from(container.register(WORKER_URL))
            .await
            .ok()
            .and_then(|value| value.dyn_into::<ServiceWorkerRegistration>().ok());
        if let Some(registration) = registered {
            watch_for_new_versions(update, &container, registration);
        }
    });
}

fn watch_for_new_versions(
    update: AppUpdate,
    container: &ServiceWorkerContainer,
    registration: ServiceWorkerRegistration,
) {
    // A version found on an earlier visit may already be waiting.
    if registration.waiting().is_some() && container.controller().is_some() {
        update.available.set(true);
    }
    // A new version may be installing already: the browser checks for one as the page loads,
    // which can be before the app is running to hear "updatefound".
    if let Some(installing) = registration.installing() {
        offer_when_installed(update, container, &installing);
    }
    let watched = registration.clone();
    let container_for_events = container.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        if let Some(installing) = watched.installing() {
            offer_when_installed(update, &container_for_events, &installing);
        }
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
    set_interval(
        move || {
            // A failed check (for example with no network) is simply tried again next time.
            let _ = registration.update();
        },
        UPDATE_CHECK,
    );
}

fn offer_when_installed(
    update: AppUpdate,
    container: &ServiceWorkerContainer,
    installing: &web_sys::ServiceWorker,
) {
    let worker = installing.clone();
    let container = container.clone();
    let on_state_change = Closure::<dyn FnMut()>::new(move || {
        // "Installed" with a worker already in control means a new version is waiting; with none
        // in control it is the very first install, which needs no offer.
        if worker.state() == ServiceWorkerState::Installed && container.controller().is_some() {
            update.available.set(true);
        }
    });
    installing.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
    on_state_change.forget();
}

/// The update state provided by `App`.
pub fn use_app_update() -> AppUpdate {
    expect_context::<AppUpdate>()
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // `serviceWorker` is missing in insecure contexts and some private modes.
    let present = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    present.then(|| navigator.service_worker())
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
