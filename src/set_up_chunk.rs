//! Setting up a method (the authenticator app's QR code and key, the countries and numbers of text
//! messages) as a wasm chunk of its own, like the sign-in's (`crate::chunks`): needed only when a
//! set-up is opened, and fetched ahead once the security page is shown.

use crate::browser::when_idle;
use crate::components::sms_setup::SmsSetup;
use crate::components::totp_setup::TotpSetup;
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

/// What a method's set-up is built with: "Done" (with the recovery codes that came with the
/// method, if any), and Cancel.
pub type SetupArgs = (Callback<Option<Vec<String>>>, Callback<()>);

/// Setting up the authenticator app (one chunk with the text messages' set-up).
#[wasm_split(set_up, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_set_up_chunk))]
pub fn totp_setup() -> Result<fn(SetupArgs) -> AnyView, SplitLoaderError> {
    Ok(|(on_done, on_cancel)| view! { <TotpSetup on_done on_cancel /> }.into_any())
}

/// Setting up text messages (one chunk with the authenticator app's set-up).
#[wasm_split(set_up, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn sms_setup() -> Result<fn(SetupArgs) -> AnyView, SplitLoaderError> {
    Ok(|(on_done, on_cancel)| view! { <SmsSetup on_done on_cancel /> }.into_any())
}

/// Fetches the set-up chunk ahead of need, once the browser is idle. A failure is not shown: the
/// set-up tries again when it is opened.
pub fn prefetch_set_up() {
    when_idle(|| {
        leptos::task::spawn_local(async {
            _ = load_set_up_chunk().await;
        })
    });
}
