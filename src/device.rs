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

/// The longest side of a photo as kept: enough to read a remittance advice or a receipt.
const PHOTO_SIDE: f64 = 1600.0;

/// Reads a photo the person chose, made smaller (at most [`PHOTO_SIDE`] pixels on its longer
/// side, as a JPEG) so a query waiting on the device takes little of its storage: the file's
/// name and the smaller picture. The caller checks its size against the portal's limit.
pub async fn photo_from_file(file: web_sys::File) -> Result<(String, web_sys::Blob), String> {
    use wasm_bindgen::JsCast as _;
    let (name, canvas) = drawn_smaller(file, PHOTO_SIDE).await?;
    // `toBlob` answers through a callback; the promise turns it into something to await.
    let made = js_sys::Promise::new(&mut |resolve, _| {
        let _ = canvas.to_blob_with_type_and_encoder_options(
            &resolve,
            "image/jpeg",
            &wasm_bindgen::JsValue::from_f64(0.8),
        );
    });
    let image = wasm_bindgen_futures::JsFuture::from(made)
        .await
        .ok()
        .and_then(|blob| blob.dyn_into::<web_sys::Blob>().ok())
        .ok_or_else(|| format!("“{name}” could not be made smaller on this device."))?;
    Ok((name, image))
}

/// The longest side of a news article's picture: enough for a phone or a printed page.
const ARTICLE_PICTURE_SIDE: f64 = 1000.0;

/// Reads a picture for a news article, made smaller (as a JPEG) and as a data URL, so that it
/// travels inside the article to every device. The server checks its size and its bytes.
pub async fn picture_data_url(file: web_sys::File) -> Result<String, String> {
    let (name, canvas) = drawn_smaller(file, ARTICLE_PICTURE_SIDE).await?;
    canvas
        .to_data_url_with_type_and_encoder_options(
            "image/jpeg",
            &wasm_bindgen::JsValue::from_f64(0.8),
        )
        .map_err(|_| format!("“{name}” could not be made smaller on this device."))
}

/// Draws a chosen picture on a canvas at most `side` pixels on its longer side: the file's
/// name and the canvas.
async fn drawn_smaller(
    file: web_sys::File,
    side: f64,
) -> Result<(String, web_sys::HtmlCanvasElement), String> {
    use wasm_bindgen::JsCast as _;
    let name = file.name();
    let unreadable = |_| format!("“{name}” could not be read as a picture. Choose a photo.");
    let url = web_sys::Url::create_object_url_with_blob(&file).map_err(unreadable)?;
    let image = web_sys::HtmlImageElement::new().map_err(unreadable)?;
    image.set_src(&url);
    let decoded = wasm_bindgen_futures::JsFuture::from(image.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.map_err(unreadable)?;
    let (width, height) = (
        f64::from(image.natural_width()),
        f64::from(image.natural_height()),
    );
    let scale = (side / width.max(height).max(1.0)).min(1.0);
    let canvas = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        .ok_or_else(|| format!("“{name}” could not be made smaller on this device."))?;
    // Whole pixels: the scaled sides are at most `side`, far inside u32.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let (w, h) = (
        (width * scale).round().max(1.0) as u32,
        (height * scale).round().max(1.0) as u32,
    );
    canvas.set_width(w);
    canvas.set_height(h);
    let context = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        .ok_or_else(|| format!("“{name}” could not be made smaller on this device."))?;
    context
        .draw_image_with_html_image_element_and_dw_and_dh(
            &image,
            0.0,
            0.0,
            f64::from(w),
            f64::from(h),
        )
        .map_err(unreadable)?;
    Ok((name, canvas))
}

/// Opens the browser's print dialogue for the page.
pub fn print_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
