//! Thin wrappers over the browser APIs components need: the clock, the clipboard, file download
//! and printing. Failures come back as `false`/`Err`, never as panics.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Copies text to the clipboard; `false` when the browser refused (no permission, insecure page).
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}

/// Offers `text` as a download named `file_name`; `false` when the browser would not start it.
pub fn download_text(file_name: &str, text: &str) -> bool {
    start_download(file_name, text).is_some()
}

fn start_download(file_name: &str, text: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // The file is handed over by the click; the URL is no longer needed.
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}

/// Opens the print dialog (the print stylesheet limits the page to what should be printed).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
