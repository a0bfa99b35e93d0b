//! Setting up a method (the authenticator app's QR code and key, the countries and numbers of text
//! messages) as a wasm chunk of its own, like the sign-in's (`crate::chunks`): needed only when a
//! set-up is opened, and fetched ahead once the security page is shown.
//!
//! The security page is a chunk itself, and split code must not call a split point: that leaves an
//! import only the splitter resolves, and a build that is not split (the component tests link the
//! security page's code) could not load. So the security route, in the main module, hands the
//! page these split points as [`SetUpChunk`], a context of plain function pointers.

use crate::browser::when_idle;
use crate::components::sms_setup::SmsSetup;
use crate::components::totp_setup::TotpSetup;
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use std::future::Future;
use std::pin::Pin;

/// What a method's set-up is built with: "Done" (with the recovery codes that came with the
/// method, if any), and Cancel.
pub type SetupArgs = (Callback<Option<Vec<String>>>, Callback<()>);

/// Setting up the authenticator app (one chunk with the text messages' set-up).
#[wasm_split(set_up, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_set_up_chunk))]
fn totp_setup() -> Result<fn(SetupArgs) -> AnyView, SplitLoaderError> {
    Ok(|(on_done, on_cancel)| view! { <TotpSetup on_done on_cancel /> }.into_any())
}

/// Setting up text messages (one chunk with the authenticator app's set-up).
#[wasm_split(set_up, wasm_split_path = ::leptos::wasm_split, fallible)]
fn sms_setup() -> Result<fn(SetupArgs) -> AnyView, SplitLoaderError> {
    Ok(|(on_done, on_cancel)| view! { <SmsSetup on_done on_cancel /> }.into_any())
}

/// A set-up's split point, called: the set-up's constructor once its chunk is loaded.
pub type SetUpLoad = Pin<Box<dyn Future<Output = Result<fn(SetupArgs) -> AnyView, SplitLoaderError>>>>;

/// The set-ups' split points, as the security page gets them (see the module's doc).
#[derive(Clone, Copy)]
pub struct SetUpChunk {
    pub totp: fn() -> SetUpLoad,
    pub sms: fn() -> SetUpLoad,
    /// Fetches the chunk ahead, once the browser is idle.
    pub prefetch: fn(),
}

impl SetUpChunk {
    /// Provided by the security route, in the main module, for the page.
    pub fn provide() {
        provide_context(SetUpChunk {
            totp: || Box::pin(totp_setup()),
            sms: || Box::pin(sms_setup()),
            prefetch: prefetch_set_up,
        });
    }
}

/// Fetches the set-up chunk ahead of need, once the browser is idle. A failure is not shown: the
/// set-up tries again when it is opened.
fn prefetch_set_up() {
    when_idle(|| {
        leptos::task::spawn_local(async {
            _ = load_set_up_chunk().await;
        })
    });
}
