//! All HTTP between the app and its server. Nothing else in the app calls `fetch`.

use portal_core::wire::{ApiErrorBody, Health};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast as _, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long a request may take before the app treats the server as unreachable. Poor mobile
/// signal often means requests that hang rather than fail.
const TIMEOUT_MS: i32 = 15_000;

/// Why a request did not succeed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No answer: no network, a timeout, or the server is down.
    Unreachable,
    /// The server answered with an error.
    Server { status: u16, message: String },
    /// The server's answer could not be understood (for example, an older or newer version).
    Unexpected,
}

/// `GET /api/health`.
pub async fn health() -> Result<Health, ApiError> {
    get_json("/api/health").await
}

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let window = web_sys::window().ok_or(ApiError::Unreachable)?;
    let controller = web_sys::AbortController::new().map_err(|_| ApiError::Unreachable)?;
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    // Health and data must come from the server, never from the browser's HTTP cache.
    init.set_cache(web_sys::RequestCache::NoStore);
    init.set_signal(Some(&controller.signal()));
    let abort = wasm_bindgen::closure::Closure::once(move || controller.abort());
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            abort.as_ref().unchecked_ref(),
            TIMEOUT_MS,
        )
        .map_err(|_| ApiError::Unreachable)?;
    let result = fetch_text(&window, path, &init).await;
    window.clear_timeout_with_handle(timer);
    let (status, text) = result?;
    if (200..300).contains(&status) {
        serde_json::from_str(&text).map_err(|_| ApiError::Unexpected)
    } else {
        let message = serde_json::from_str::<ApiErrorBody>(&text).map_or_else(
            |_| format!("The server answered with an error ({status})."),
            |body| body.message,
        );
        Err(ApiError::Server { status, message })
    }
}

async fn fetch_text(
    window: &web_sys::Window,
    path: &str,
    init: &web_sys::RequestInit,
) -> Result<(u16, String), ApiError> {
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(path, init))
        .await
        .and_then(JsValue::dyn_into)
        .map_err(|_| ApiError::Unreachable)?;
    let text = JsFuture::from(response.text().map_err(|_| ApiError::Unreachable)?)
        .await
        .map_err(|_| ApiError::Unreachable)?
        .as_string()
        .ok_or(ApiError::Unexpected)?;
    Ok((response.status(), text))
}
