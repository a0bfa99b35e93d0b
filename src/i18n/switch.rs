//! Choosing, loading and switching the page's language: the stored choice, the catalogue fetched
//! beside the page, and the document's `lang`.

use super::{catalogue_url, choose, current, install, is_loaded, parse_catalogue, set_current, Lang};
use crate::api::http::own_file;
use crate::browser;
use std::cell::Cell;

thread_local! {
    /// Set when the page is being left (`pagehide`).
    static LEAVING: Cell<bool> = const { Cell::new(false) };
}

/// Where the language chosen in the header is kept (a preference, not a secret).
const LANGUAGE_PREFERENCE: &str = "mfa-language";

/// The page is being left: a catalogue fetch cancelled now is no failure to undo.
pub fn page_leaving() {
    LEAVING.set(true);
}

/// Makes `lang` showable: English at once, another language once its catalogue is fetched and
/// read. `false` when that failed (offline, a broken file): the page keeps its language.
pub async fn load_catalogue(lang: Lang) -> bool {
    if is_loaded(lang) {
        return true;
    }
    let texts = own_file(&catalogue_url(lang))
        .await
        .ok()
        .and_then(|text| parse_catalogue(&text).ok());
    match texts {
        Some(texts) => {
            install(lang, texts);
            true
        }
        None => false,
    }
}

/// The language to show: the person's stored choice, else `config.json`'s locale, else the
/// browser's, else English.
pub fn choose_language(configured: Option<&str>) -> Lang {
    let stored = browser::load_preference(LANGUAGE_PREFERENCE);
    let navigator = browser::navigator_language();
    choose([stored.as_deref(), configured, navigator.as_deref()])
}

/// Makes `lang` current (English when its catalogue is not in) and marks the document with it.
pub fn use_language(lang: Lang) {
    apply_language(Some(lang).filter(|lang| is_loaded(*lang)).unwrap_or_default());
}

fn apply_language(lang: Lang) {
    set_current(lang);
    browser::set_document_language(lang.tag());
}

/// Switches the page to `lang` once its catalogue is in, remembers the choice and renders the
/// texts again in place; `false` when the catalogue could not be loaded (nothing changes).
pub async fn switch_language(lang: Lang) -> bool {
    // Remembered at once, so a reload while the catalogue loads still opens in it.
    browser::store_preference(LANGUAGE_PREFERENCE, lang.tag());
    if !load_catalogue(lang).await {
        // A reload or a link cancels the fetch as the page goes: that is no failure to undo.
        if !LEAVING.get() {
            browser::store_preference(LANGUAGE_PREFERENCE, current().tag());
        }
        return false;
    }
    apply_language(lang);
    true
}
