//! The app's three addresses (`/`, `/sign-in`, `/security`) and everything else, routed by a
//! signal of the current path and the History API. This replaces `leptos_router`, which cost
//! about a third of the wasm for features the app does not use (nested and parameterised routes,
//! forms, query maps); see BENCHMARKS.md.
//!
//! What it keeps of a router: links to the app's own pages navigate without a reload (a reload
//! would drop the in-memory session), Back and Forward work, and a redirect replaces the
//! address it came from so Back does not bounce.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The current path, provided by [`Router`].
#[derive(Clone, Copy)]
pub struct Location(RwSignal<String>);

impl Location {
    /// The path being shown, tracked.
    pub fn path(&self) -> String {
        self.0.get()
    }
}

fn current_path() -> String {
    window().location().pathname().unwrap_or_else(|_| "/".into())
}

impl Location {
    /// Shows `path` (same origin) without reloading; `replace` replaces the history entry.
    pub fn navigate(&self, path: &str, replace: bool) {
        if let Ok(history) = window().history() {
            let _ = if replace {
                history.replace_state_with_url(&JsValue::NULL, "", Some(path))
            } else {
                history.push_state_with_url(&JsValue::NULL, "", Some(path))
            };
        }
        self.0.try_set(current_path());
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Provides the [`Location`], follows Back and Forward, and turns clicks on same-origin links
/// into navigations, until it is unmounted.
#[component]
pub fn Router(children: Children) -> impl IntoView {
    let location = Location(RwSignal::new(current_path()));
    provide_context(location);
    let popstate = window_event_listener(leptos::ev::popstate, move |_| {
        location.0.try_set(current_path());
    });
    let click = window_event_listener(leptos::ev::click, move |event| {
        if let Some(path) = internal_link_target(&event) {
            event.prevent_default();
            if path != current_path() {
                location.navigate(&path, false);
            }
        }
    });
    on_cleanup(move || {
        popstate.remove();
        click.remove();
    });
    children()
}

/// The path a click should navigate to inside the app, when it is a plain left click on a link
/// to this origin that is not only a jump within the page.
fn internal_link_target(event: &web_sys::MouseEvent) -> Option<String> {
    if event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.alt_key()
        || event.ctrl_key()
        || event.shift_key()
    {
        return None;
    }
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    let anchor: web_sys::HtmlAnchorElement = target.closest("a[href]").ok()??.dyn_into().ok()?;
    if !anchor.target().is_empty() || anchor.has_attribute("download") {
        return None;
    }
    let here = window().location();
    if anchor.origin() != here.origin().ok()? {
        return None;
    }
    let path = anchor.pathname();
    if !anchor.hash().is_empty() && path == here.pathname().ok()? {
        // A jump to an element of this page (the skip link): the browser does it.
        return None;
    }
    Some(path + &anchor.search())
}

/// Sends the browser to `path` when shown, replacing the current history entry.
#[component]
pub fn Redirect(path: &'static str) -> impl IntoView {
    // After the current render, so the view that redirects is never replaced while it is built.
    // The location is taken now: a microtask runs outside the component's reactive owner.
    let location = expect_context::<Location>();
    queue_microtask(move || location.navigate(path, true));
}
