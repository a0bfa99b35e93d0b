//! The app shell: loads `config.json`, then provides the API client and session to the router,
//! the header and the pages. The pages that need a session (or its absence) redirect themselves,
//! so a session that ends while a page is shown sends it away too.

use crate::api::{http, Api};
use crate::browser;
use crate::components::site_header::SiteHeader;
use crate::config::{parse_config, Config, ConfigError};
use crate::i18n::{self, t, Key, Lang};
use crate::pages::{config_error::ConfigErrorPage, not_found::NotFound, security::SecurityPage, sign_in::SignInPage};
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::{NavigateOptions, StaticSegment};

/// Where the runtime configuration lives, next to `index.html`.
const CONFIG_URL: &str = "/config.json";

/// The root component: configuration first, then the routed app.
#[component]
pub fn App() -> impl IntoView {
    // Until config.json is read: the stored choice, else the browser's language.
    use_language(None);
    let config = LocalResource::new(load_config);
    view! {
        {move || match config.get() {
            None => view! { <p class="page-loading" role="status">{t(Key::Loading)}</p> }.into_any(),
            Some(Ok(config)) => view! { <Shell config /> }.into_any(),
            Some(Err(error)) => view! { <ConfigErrorPage error /> }.into_any(),
        }}
    }
}

/// The text of a JSON file beside the page; on failure the HTTP status, or 0 when the network
/// failed.
async fn own_file(url: &str) -> Result<String, u16> {
    let headers = [("Accept", "application/json")];
    let raw = http::send("GET", url, &headers, None, http::TIMEOUT, http::Audience::OwnFile)
        .await
        .map_err(|_| 0u16)?;
    match raw.status {
        200..=299 => Ok(raw.body),
        status => Err(status),
    }
}

async fn load_config() -> Result<Config, ConfigError> {
    let text = own_file(CONFIG_URL).await.map_err(ConfigError::Unavailable)?;
    let config = parse_config(&text)?;
    // The page's language is known now: its catalogue comes before the first page is shown.
    load_catalogue(choose_language(config.locale.as_deref())).await;
    Ok(config)
}

/// Makes `lang` showable: English at once, another language once its catalogue is fetched and
/// read. `false` when that failed (offline, a broken file): the page keeps its language.
async fn load_catalogue(lang: Lang) -> bool {
    if i18n::is_loaded(lang) {
        return true;
    }
    let texts = own_file(&i18n::catalogue_url(lang))
        .await
        .ok()
        .and_then(|text| i18n::parse_catalogue(&text).ok());
    match texts {
        Some(texts) => {
            i18n::install(lang, texts);
            true
        }
        None => false,
    }
}

#[component]
fn Shell(config: Config) -> impl IntoView {
    let language = RwSignal::new(use_language(config.locale.as_deref()));
    provide_context(language);
    let session = Session::new();
    let api = Api::new(config, session);
    provide_context(session);
    provide_context(api);
    forget_secrets_on_pagehide(session);
    view! {
        <Router>
            // The browser's own jump to the page's main part (`target` keeps the router out).
            <a class="skip-link" href="#main" target="_self">
                {move || {
                    language.track();
                    t(Key::SkipToContent)
                }}
            </a>
            <SiteHeader />
            // A new language renders the routed pages again; the session (outside) is kept.
            {move || {
                language.track();
                view! { <Pages /> }
            }}
        </Router>
    }
}

/// The pages of the app, by address.
#[component]
fn Pages() -> impl IntoView {
    view! {
        <Routes fallback=NotFound>
            <Route path=StaticSegment("") view=Home />
            <Route path=StaticSegment("sign-in") view=SignInPage />
            <Route path=StaticSegment("security") view=SecurityPage />
        </Routes>
    }
}

/// `/` sends to the page that fits the session.
#[component]
fn Home() -> impl IntoView {
    let path = if expect_context::<Session>().signed_in() {
        "/security"
    } else {
        "/sign-in"
    };
    view! { <Redirect path options=replace_entry() /> }
}

/// How the app redirects: the address redirected from is replaced, so Back does not return to it
/// only to be sent on again.
pub fn replace_entry() -> NavigateOptions {
    NavigateOptions {
        replace: true,
        ..NavigateOptions::default()
    }
}

thread_local! {
    /// Set when the page is being left (`pagehide`).
    static LEAVING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Where the language chosen in the header is kept (a preference, not a secret).
const LANGUAGE_PREFERENCE: &str = "mfa-language";

/// The language to show: the person's stored choice, else `config.json`'s locale, else the
/// browser's, else English.
fn choose_language(configured: Option<&str>) -> Lang {
    let stored = browser::load_preference(LANGUAGE_PREFERENCE);
    let navigator = browser::navigator_language();
    i18n::choose([stored.as_deref(), configured, navigator.as_deref()])
}

/// Makes the chosen language current (English while its catalogue is not in) and marks the
/// document with it.
fn use_language(configured: Option<&str>) -> Lang {
    let lang = Some(choose_language(configured))
        .filter(|lang| i18n::is_loaded(*lang))
        .unwrap_or_default();
    apply_language(lang);
    lang
}

fn apply_language(lang: Lang) {
    i18n::set_current(lang);
    browser::set_document_language(lang.tag());
}

/// Switches the page to `lang` once its catalogue is in, remembers the choice and renders the
/// page again; `false` when the catalogue could not be loaded (nothing changes).
pub async fn switch_language(language: RwSignal<Lang>, lang: Lang) -> bool {
    // Remembered at once, so a reload while the catalogue loads still opens in it.
    browser::store_preference(LANGUAGE_PREFERENCE, lang.tag());
    if !load_catalogue(lang).await {
        // A reload or a link cancels the fetch as the page goes: that is no failure to undo.
        if !LEAVING.get() {
            browser::store_preference(LANGUAGE_PREFERENCE, language.get_untracked().tag());
        }
        return false;
    }
    apply_language(lang);
    language.try_set(lang);
    true
}

/// Secrets live only as long as the page is shown: `pagehide` drops the token, so a page restored
/// from the back/forward cache asks to sign in again.
fn forget_secrets_on_pagehide(session: Session) {
    let handle = window_event_listener(leptos::ev::pagehide, move |_| {
        session.end();
        LEAVING.set(true);
    });
    // The shell lives as long as the page: the listener is never removed.
    std::mem::forget(handle);
}
