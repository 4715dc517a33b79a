//! What the app asks of the device's clock and random number generator. The clock is for
//! display and for the "not in the future" check on dates people type; nothing is ordered by it
//! (the server's change numbers order everything).

use portal_core::date::CalendarDate;

/// Today's date in the UK by this device's clock.
pub fn today() -> CalendarDate {
    let seconds = js_sys::Date::now() / 1000.0;
    // Seconds since 1970 fit easily in an i64; the float is never out of range.
    #[allow(clippy::cast_possible_truncation)]
    CalendarDate::uk_date_of(seconds.floor() as i64)
}

/// This device's clock, in seconds since 1970: for saying a session has started before asking
/// the server, which decides with its own clock.
pub fn now_seconds() -> i64 {
    // Seconds since 1970 fit easily in an i64; the float is never out of range.
    #[allow(clippy::cast_possible_truncation)]
    let seconds = (js_sys::Date::now() / 1000.0).floor() as i64;
    seconds
}

/// The time of day on this device, for "Last synced at".
pub fn clock_time() -> String {
    let date = js_sys::Date::new_0();
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// A new id, unique without asking the server: `prefix` and 128 random bits from the browser's
/// cryptographic generator.
pub fn random_id(prefix: &str) -> Option<String> {
    let crypto = web_sys::window()?.crypto().ok()?;
    Some(format!("{prefix}-{}", crypto.random_uuid()))
}

/// Offers `text` as a file called `name` to keep, as a download link would. Made on the device
/// from what it holds, so it works with no connection.
pub fn save_file(name: &str, mime: &str, text: &str) -> Result<(), String> {
    use wasm_bindgen::JsCast as _;
    let failed = |_| "The file could not be made on this device.".to_owned();
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or_else(|| "The file could not be made on this device.".to_owned())?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The browser has the file once the click is handled; the address is no longer needed.
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Opens the browser's print dialogue for the page.
pub fn print_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
