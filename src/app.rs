//! The app shell: loads `config.json`, then provides the API client and session to the router,
//! the header and the pages. Pages guard themselves by reading the session.

use crate::api::{http, Api};
use crate::components::site_header::SiteHeader;
use crate::config::{parse_config, Config, ConfigError};
use crate::pages::{config_error::ConfigErrorPage, not_found::NotFound, security::SecurityPage, sign_in::SignInPage};
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

/// Where the runtime configuration lives, next to `index.html`.
const CONFIG_URL: &str = "/config.json";

/// The root component: configuration first, then the routed app.
#[component]
pub fn App() -> impl IntoView {
    let config = LocalResource::new(load_config);
    view! {
        {move || match config.get() {
            None => view! { <p class="page-loading" role="status">"Loading…"</p> }.into_any(),
            Some(Ok(config)) => view! { <Shell config /> }.into_any(),
            Some(Err(error)) => view! { <ConfigErrorPage error /> }.into_any(),
        }}
    }
}

async fn load_config() -> Result<Config, ConfigError> {
    let raw = http::send(
        "GET",
        CONFIG_URL,
        &[("Accept", "application/json")],
        None,
        http::TIMEOUT,
    )
    .await
    .map_err(|_| ConfigError::Unavailable(0))?;
    if !(200..300).contains(&raw.status) {
        return Err(ConfigError::Unavailable(raw.status));
    }
    parse_config(&raw.body)
}

#[component]
fn Shell(config: Config) -> impl IntoView {
    let session = Session::new();
    let api = Api::new(config, session);
    provide_context(session);
    provide_context(api);
    forget_secrets_on_pagehide(session);
    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <SiteHeader />
            <Routes fallback=NotFound>
                <Route
                    path=path!("/")
                    view=move || {
                        let target = if session.signed_in() { "/security" } else { "/sign-in" };
                        view! { <Redirect path=target /> }
                    }
                />
                <Route path=path!("/sign-in") view=SignInPage />
                <Route path=path!("/security") view=SecurityPage />
            </Routes>
        </Router>
    }
}

/// Secrets live only as long as the page is shown: `pagehide` drops the token, so a page restored
/// from the back/forward cache asks to sign in again.
fn forget_secrets_on_pagehide(session: Session) {
    let handle = window_event_listener(leptos::ev::pagehide, move |_| session.end());
    // The shell lives as long as the page: the listener is never removed.
    std::mem::forget(handle);
}
