//! Thin wrappers over the browser APIs components need: the clock, the clipboard, file download,
//! printing, focus moves and the codes of text messages (WebOTP). Failures come back as `false`/`Err`/`None`,
//! never as panics.

use crate::domain::dates::CalendarDate;
use leptos::html::{ElementType, Input};
use leptos::prelude::{request_animation_frame, GetUntracked, NodeRef};
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

/// Asks the browser for the code of the text message about to arrive (WebOTP: Chromium on
/// Android reads it, with the person's consent, from a text ending in `@host #code`). `None` where
/// the browser does not offer it; else the controller that ends the request and the code to come
/// (`None` when it was refused, aborted or carried no code).
pub fn request_sms_code() -> Option<(
    web_sys::AbortController,
    impl std::future::Future<Output = Option<String>>,
)> {
    let window = web_sys::window()?;
    // Feature detection as the API's authors advise: only a browser with `OTPCredential` knows
    // the `otp` option (others would wait for a credential of another kind).
    if !js_sys::Reflect::has(&window, &"OTPCredential".into()).unwrap_or(false) {
        return None;
    }
    let controller = web_sys::AbortController::new().ok()?;
    let options = web_sys::CredentialRequestOptions::new();
    options.set_signal(&controller.signal());
    let otp = js_sys::Object::new();
    js_sys::Reflect::set(&otp, &"transport".into(), &js_sys::Array::of1(&"sms".into())).ok()?;
    js_sys::Reflect::set(&options, &"otp".into(), &otp).ok()?;
    let promise = window.navigator().credentials().get_with_options(&options).ok()?;
    let code = async move {
        let credential = JsFuture::from(promise).await.ok()?;
        js_sys::Reflect::get(&credential, &"code".into()).ok()?.as_string()
    };
    Some((controller, code))
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
    local_storage()?.get_item(name).ok().flatten()
}

/// Stores a preference; silently does nothing where storage is refused (private modes).
pub fn store_preference(name: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(name, value);
    }
}

/// `window.localStorage`; `None` where the browser refuses it (reading it can throw).
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// A calendar date in the language `tag`, as `Intl.DateTimeFormat` writes it with the month's
/// short name ("Nov 1, 2026", "1. Nov. 2026").
pub fn format_date(date: CalendarDate, tag: &str) -> String {
    let options = js_sys::Object::new();
    for (name, value) in [
        ("day", "numeric"),
        ("month", "short"),
        ("year", "numeric"),
        ("timeZone", "UTC"),
    ] {
        let _ = js_sys::Reflect::set(&options, &name.into(), &value.into());
    }
    let locales = js_sys::Array::of1(&tag.into());
    let format = js_sys::Intl::DateTimeFormat::new(&locales, &options).format();
    let utc =
        js_sys::Date::utc(f64::from(date.year), f64::from(date.month - 1)) + (f64::from(date.day) - 1.0) * 86_400_000.0;
    format
        .call1(&wasm_bindgen::JsValue::UNDEFINED, &js_sys::Date::new(&utc.into()))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
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

/// Runs `f` once the browser is idle (or shortly, where it cannot say when it is idle).
pub fn when_idle(f: fn()) {
    if leptos::prelude::request_idle_callback_with_handle(f).is_err() {
        leptos::prelude::set_timeout(f, std::time::Duration::from_millis(200));
    }
}

/// Runs `f` once the view being built is in the document: right after the rendering pass that
/// builds it (a microtask), and so before the browser handles the next key or click. A focus move
/// made later (on the next animation frame, say) could land while someone is already typing into
/// the new step, and take the rest of their keys elsewhere.
pub fn after_render(f: impl FnOnce() + 'static) {
    leptos::prelude::queue_microtask(f);
}

/// Moves the focus to `target` once the view being built is in the document; nothing when it is
/// gone by then.
pub fn focus_soon<E>(target: NodeRef<E>)
where
    E: ElementType,
    E::Output: JsCast + Clone + AsRef<web_sys::HtmlElement> + 'static,
{
    after_render(move || focus_now(target));
}

/// Moves the focus to `target` now, if it is there.
fn focus_now<E>(target: NodeRef<E>)
where
    E: ElementType,
    E::Output: JsCast + Clone + AsRef<web_sys::HtmlElement> + 'static,
{
    if let Some(element) = target.try_get_untracked().flatten() {
        let element: &web_sys::HtmlElement = element.as_ref();
        let _ = element.focus();
    }
}

/// Like [`focus_soon`], and selects the field's text, so what is typed next replaces it.
pub fn select_soon(target: NodeRef<Input>) {
    after_render(move || {
        if let Some(input) = target.try_get_untracked().flatten() {
            let _ = input.focus();
            input.select();
        }
    });
}

/// The control that has the focus when a request starts. A focused control that is disabled while
/// the request runs loses the focus to the page's body; [`FocusKeeper::restore`] gives it back
/// afterwards, unless the focus has gone somewhere on purpose meanwhile or the control is gone.
struct FocusKeeper(Option<web_sys::HtmlElement>);

impl FocusKeeper {
    fn now() -> FocusKeeper {
        let active = document()
            .and_then(|d| d.active_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        FocusKeeper(active)
    }

    /// On the next animation frame, after the page has re-rendered the request's outcome.
    fn restore(self) {
        let Some(element) = self.0 else {
            return;
        };
        request_animation_frame(move || {
            if focus_lost() && element.is_connected() {
                let _ = element.focus();
            }
        });
    }
}

/// Runs `call` keeping the focus: the control focused now (the one pressed) gets it back once the
/// call has ended and its outcome is shown, if the page lost it meanwhile (see [`FocusKeeper`]).
pub fn keep_focus<F: std::future::Future>(call: F) -> impl std::future::Future<Output = F::Output> {
    let focus = FocusKeeper::now();
    async move {
        let outcome = call.await;
        focus.restore();
        outcome
    }
}

/// Whether the focus is nowhere in particular: on the page's body, as after the focused control
/// was removed.
fn focus_lost() -> bool {
    document().is_some_and(|d| d.active_element().is_none_or(|a| Some(a) == d.body().map(Into::into)))
}

/// Moves the focus to `target` once the view being built is in the document, only if the focus
/// is lost by then (another part of the view may have taken it on purpose).
pub fn focus_if_lost<E>(target: NodeRef<E>)
where
    E: ElementType,
    E::Output: JsCast + Clone + AsRef<web_sys::HtmlElement> + 'static,
{
    after_render(move || {
        if focus_lost() {
            focus_now(target);
        }
    });
}
