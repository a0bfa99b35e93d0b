//! Sends the visitor on to another page in place of the current address, once the router has
//! committed that address.

use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, NavigateOptions};

/// Replaces the current address with `path` on the next frame. `<Redirect>` navigates while the
/// page is being built: under `<FlatRoutes>` that is before a followed link's address is pushed,
/// so its replace would overwrite the entry of the page the link was on, and Back would leave the
/// app. One frame later the link's entry exists, and is the one replaced.
#[component]
pub fn SendOn(path: &'static str) -> impl IntoView {
    let navigate = use_navigate();
    // Gone with the page: a page left within that frame sends nowhere.
    let shown = StoredValue::new(());
    request_animation_frame(move || {
        if !shown.is_disposed() {
            navigate(
                path,
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
    });
}
