//! `/`: sends to the page that fits the session.

use crate::components::send_on::SendOn;
use crate::session::Session;
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let path = if expect_context::<Session>().signed_in() {
        "/security"
    } else {
        "/sign-in"
    };
    view! { <SendOn path /> }
}
