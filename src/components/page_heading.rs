//! The page's `h1`, and what a page change does with it. A full page load puts the reader at the
//! top of the new page and says its name; a client-side page change (signing in, signing out,
//! being sent on by a redirect) would otherwise leave the focus on the page's body and say
//! nothing. So, as GOV.UK's and Gatsby's client-side routing do, the new page's heading takes the
//! focus and its text is announced in a live region that stays in the document across pages.

use crate::browser::after_render;
use crate::i18n::{t, text, Key};
use leptos::html::H1;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// What the shell keeps across pages: the address of the page shown last and the announcer's text.
#[derive(Clone, Copy)]
pub struct PageChanges {
    /// The path whose heading was shown last; at start, the address the document was loaded at,
    /// so the first page shown is a change only when a redirect moved it elsewhere.
    shown: StoredValue<String>,
    /// The name of the page a change led to, worded in the current language when shown.
    announcement: RwSignal<Option<Key>>,
}

impl PageChanges {
    /// Provided by the shell, outside the router, once.
    pub fn provide() {
        let loaded_at = window().location().pathname().unwrap_or_default();
        provide_context(PageChanges {
            shown: StoredValue::new(loaded_at),
            announcement: RwSignal::new(None),
        });
    }
}

/// The live region that says the name of each page a change leads to (empty until then). It is
/// in the document before any change, so screen readers listen to it when its text comes.
#[component]
pub fn PageAnnouncer() -> impl IntoView {
    let changes = expect_context::<PageChanges>();
    view! {
        <p class="visually-hidden" aria-live="assertive" aria-atomic="true">
            {move || changes.announcement.get().map(t)}
        </p>
    }
}

/// The page's heading. Shown for another address than the page before it, it takes the focus
/// (`tabindex="-1"`: focusable by the page, not a Tab stop) and is announced. Steps within one
/// page (the second factor of signing in) keep the focus moves of their own.
#[component]
pub fn PageHeading(
    /// The page's name.
    name: Key,
) -> impl IntoView {
    let changes = expect_context::<PageChanges>();
    let path = use_location().pathname.get_untracked();
    let heading = NodeRef::<H1>::new();
    // Once the heading is in the document, as for the steps' focus.
    after_render(move || {
        // Gone already (the page was left at once): nothing to focus or say.
        let Some(heading) = heading.try_get_untracked().flatten() else {
            return;
        };
        let before = changes.shown.get_value();
        changes.shown.set_value(path.clone());
        if before != path {
            let _ = heading.focus();
            changes.announcement.set(Some(name));
        }
    });
    view! {
        <h1 tabindex="-1" node_ref=heading>
            {text(name)}
        </h1>
    }
}
