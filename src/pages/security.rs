//! `/security`: the two-factor status, each method's setup and turn-off steps, the default method
//! and the recovery codes. One step is open at a time; finishing one reloads the status in place.

use crate::components::security_settings::SecuritySettings;
use crate::components::send_on::SendOn;
use crate::session::Session;
use crate::set_up_chunk::SetUpChunk;
use leptos::prelude::*;

#[component]
pub fn SecurityPage() -> impl IntoView {
    let session = expect_context::<Session>();
    // Setting up a method is a chunk of its own: fetched while the person reads the page.
    (expect_context::<SetUpChunk>().prefetch)();
    // `Show` memoises the condition: the page is built again only when signing in or out.
    view! {
        <Show when=move || session.signed_in() fallback=|| view! { <SendOn path="/sign-in" /> }>
            <SecuritySettings />
        </Show>
    }
}
