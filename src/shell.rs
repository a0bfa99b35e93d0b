//! The app once `config.json` is read: provides the API client and the session, then shows the
//! header and the page for the address. The pages that need a session (or its absence) redirect
//! themselves, so a session that ends while a page is shown sends it away too.

use crate::api::Api;
use crate::components::page_heading::{PageAnnouncer, PageChanges};
use crate::components::site_header::SiteHeader;
use crate::config::Config;
use crate::i18n::{self, text, Key};
use crate::pages::{home::Home, not_found::NotFound, security_route::SecurityRoute, sign_in::SignInPage};
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::{Lazy, StaticSegment};

/// The app once its configuration is read.
#[component]
pub fn Shell(config: Config) -> impl IntoView {
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
            <FlatRoutes fallback=NotFound>
                <Route path=StaticSegment("") view=Home />
                <Route path=StaticSegment("sign-in") view=SignInPage />
                <Route path=StaticSegment("security") view={Lazy::<SecurityRoute>::new()} />
            </FlatRoutes>
        </Router>
    }
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
