//! The app shell: loads `config.json`, then provides the API client and session to the router,
//! the header and the pages. The pages that need a session (or its absence) redirect themselves,
//! so a session that ends while a page is shown sends it away too.

use crate::api::{http, Api};
use crate::components::page_heading::{PageAnnouncer, PageChanges};
use crate::components::send_on::SendOn;
use crate::components::site_header::SiteHeader;
use crate::config::{parse_config, Config, ConfigError};
use crate::i18n::{self, text, Key};
use crate::pages::{
    config_error::ConfigErrorPage, not_found::NotFound, security_route::SecurityRoute, sign_in::SignInPage,
};
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::{Lazy, StaticSegment};

/// Where the runtime configuration lives, next to `index.html`.
const CONFIG_URL: &str = "/config.json";

/// The root component: configuration first, then the routed app.
#[component]
pub fn App() -> impl IntoView {
    // Until config.json is read: the stored choice, else the browser's language.
    i18n::use_language(None);
    let config = LocalResource::new(load_config);
    view! {
        {move || match config.get() {
            None => view! { <p class="page-loading" role="status">{text(Key::Loading)}</p> }.into_any(),
            Some(Ok(config)) => view! { <Shell config /> }.into_any(),
            Some(Err(error)) => view! { <ConfigErrorPage error /> }.into_any(),
        }}
    }
}

async fn load_config() -> Result<Config, ConfigError> {
    let text = http::own_file(CONFIG_URL).await.map_err(ConfigError::Unavailable)?;
    let config = parse_config(&text)?;
    // The page's language is known now: its catalogue comes before the first page is shown.
    i18n::load_catalogue(i18n::choose_language(config.locale.as_deref())).await;
    Ok(config)
}

#[component]
fn Shell(config: Config) -> impl IntoView {
    i18n::use_language(config.locale.as_deref());
    let session = Session::new();
    let api = Api::new(config, session, i18n::request_language);
    provide_context(session);
    provide_context(api);
    forget_secrets_on_pagehide(session);
    PageChanges::provide();
    view! {
        <Router>
            // The browser's own jump to the page's main part (`target` keeps the router out).
            <a class="skip-link" href="#main" target="_self">
                {text(Key::SkipToContent)}
            </a>
            <SiteHeader />
            <PageAnnouncer />
            // A new language renders the texts in place: the pages stay as they are.
            <Pages />
        </Router>
    }
}

/// The pages of the app, by address.
#[component]
fn Pages() -> impl IntoView {
    view! {
        <FlatRoutes fallback=NotFound>
            <Route path=StaticSegment("") view=Home />
            <Route path=StaticSegment("sign-in") view=SignInPage />
            <Route path=StaticSegment("security") view={Lazy::<SecurityRoute>::new()} />
        </FlatRoutes>
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
    view! { <SendOn path /> }
}

/// Secrets live only as long as the page is shown: `pagehide` drops the token, so a page restored
/// from the back/forward cache asks to sign in again.
fn forget_secrets_on_pagehide(session: Session) {
    let handle = window_event_listener(leptos::ev::pagehide, move |_| {
        session.end();
        i18n::page_leaving();
    });
    // The shell lives as long as the page: the listener is never removed.
    std::mem::forget(handle);
}
