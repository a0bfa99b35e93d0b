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

/// The page's document, when there is one.
fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

fn start_download(file_name: &str, text: &str) -> Option<()> {
    let document = document()?;
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

/// The browser's preferred language (`navigator.language`).
pub fn navigator_language() -> Option<String> {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .filter(|l| !l.is_empty())
}

/// Sets `<html lang>`, so assistive technology reads the page in its language.
pub fn set_document_language(tag: &str) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", tag);
    }
}

/// Sets `data-theme` on `<html>` (overriding `prefers-color-scheme`), or removes it.
pub fn set_document_theme(theme: Option<&str>) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = match theme {
            Some(theme) => root.set_attribute("data-theme", theme),
            None => root.remove_attribute("data-theme"),
        };
    }
}

/// A stored preference (`localStorage`); `None` when unset or storage is unavailable.
pub fn load_preference(name: &str) -> Option<String> {
    let storage = local_storage()?;
    let get: js_sys::Function = js_sys::Reflect::get(&storage, &"getItem".into())
        .ok()?
        .dyn_into()
        .ok()?;
    get.call1(&storage, &name.into()).ok()?.as_string()
}

/// Stores a preference; silently does nothing where storage is refused (private modes).
pub fn store_preference(name: &str, value: &str) {
    let Some(storage) = local_storage() else { return };
    if let Some(set) = js_sys::Reflect::get(&storage, &"setItem".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = set.call2(&storage, &name.into(), &value.into());
    }
}

/// `window.localStorage`, read without the `Storage` binding (reading it can throw).
fn local_storage() -> Option<wasm_bindgen::JsValue> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &"localStorage".into())
        .ok()
        .filter(|s| !s.is_null() && !s.is_undefined())
}

/// Country names in the language `tag` (`Intl.DisplayNames`); `None` where the browser lacks it.
pub fn region_names(tag: &str) -> Option<js_sys::Intl::DisplayNames> {
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    if !js_sys::Reflect::has(&intl, &"DisplayNames".into()).unwrap_or(false) {
        return None;
    }
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"type".into(), &"region".into()).ok()?;
    let locales = js_sys::Array::of1(&tag.into());
    Some(js_sys::Intl::DisplayNames::new(&locales, &options))
}

/// Opens the print dialog (the print stylesheet limits the page to what should be printed).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Moves the focus to the element with `id`, once the view being built is in the document (the
/// next animation frame); with `select`, an input's text is selected too. Every focus move of the
/// steps goes through here, instead of a mount effect per element.
pub fn focus_soon(id: impl Into<String>, select: bool) {
    let id = id.into();
    leptos::prelude::request_animation_frame(move || {
        let Some(element) = element::<web_sys::HtmlElement>(&id) else {
            return;
        };
        let _ = element.focus();
        if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>().filter(|_| select) {
            input.select();
        }
    });
}

/// Moves the focus to the element with `id` at once (it is in the document already).
pub fn focus_now(id: &str) {
    if let Some(element) = element::<web_sys::HtmlElement>(id) {
        let _ = element.focus();
    }
}

fn element<T: JsCast>(id: &str) -> Option<T> {
    document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// The control that has the focus when a request starts. A focused control that is disabled while
/// the request runs loses the focus to the page's body; [`FocusKeeper::restore`] gives it back
/// afterwards, unless the focus has gone somewhere on purpose meanwhile or the control is gone.
pub struct FocusKeeper(Option<web_sys::HtmlElement>);

impl FocusKeeper {
    pub fn now() -> FocusKeeper {
        let active = document()
            .and_then(|d| d.active_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        FocusKeeper(active)
    }

    /// On the next animation frame, after the page has re-rendered the request's outcome.
    pub fn restore(self) {
        let Some(element) = self.0 else {
            return;
        };
        leptos::prelude::request_animation_frame(move || {
            let lost =
                document().is_some_and(|d| d.active_element().is_none_or(|a| Some(a) == d.body().map(Into::into)));
            if lost && element.is_connected() {
                let _ = element.focus();
            }
        });
    }
}
