//! `/security`: the two-factor status, each method's setup and turn-off steps, the default method
//! and the recovery codes. One step is open at a time; finishing one reloads the status in place.

use crate::components::security_settings::SecuritySettings;
use crate::components::send_on::SendOn;
use crate::session::Session;
use leptos::prelude::*;

#[component]
pub fn SecurityPage() -> impl IntoView {
    let session = expect_context::<Session>();
    // A memo, so the page is built again only when signing in or out, not on every session change.
    let signed_in = Memo::new(move |_| session.signed_in());
    view! {
        <Show when=move || signed_in.get() fallback=|| view! { <SendOn path="/sign-in" /> }>
            <SecuritySettings />
        </Show>
    }
}
