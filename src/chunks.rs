//! The app's wasm chunks, split off by Leptos' own splitter (`leptos::wasm_split`, the macro behind
//! `#[lazy]` and `#[lazy_route]`): the second step of signing in and the security page, which are
//! fetched ahead once the sign-in form is ready, and setting up a method, fetched ahead once the
//! security page is.
//!
//! Each split point hands back the constructor of its part (see `components::chunk_view`), and is
//! `fallible`: `#[lazy_route]` and `#[lazy]` in Leptos 0.8 turn a load failure
//! into a panic, which ends the whole app, where `fallible` hands it back as an error that
//! `components::chunk_view` shows with "Try again".

use crate::components::second_factor_step::SecondFactorStep;
use crate::components::sms_setup::SmsSetup;
use crate::components::totp_setup::TotpSetup;
use crate::flow::sign_in::SecondFactor;
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

/// The security page's settings (the page's frame and heading are in the main module).
#[wasm_split(security, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_security_chunk))]
pub fn security_page() -> Result<fn(()) -> AnyView, SplitLoaderError> {
    Ok(|()| view! { <crate::pages::security::SecurityPage /> }.into_any())
}

/// What the second step of signing in is built with: the sign-in's state, and "Start again".
pub type SecondFactorArgs = (RwSignal<Option<SecondFactor>>, Callback<()>);

/// The second step of signing in (the page's frame and heading are in the main module).
#[wasm_split(second_factor, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_second_factor_chunk))]
pub fn second_factor_step() -> Result<fn(SecondFactorArgs) -> AnyView, SplitLoaderError> {
    Ok(|(flow, restart)| view! { <SecondFactorStep flow restart /> }.into_any())
}

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

/// Runs `fetch` once the browser is idle (or shortly, where it cannot say when it is idle).
fn when_idle(fetch: fn()) {
    if request_idle_callback_with_handle(fetch).is_err() {
        set_timeout(fetch, std::time::Duration::from_millis(200));
    }
}

/// Fetches the sign-in's chunks ahead of need, once the browser is idle. A failure is not shown:
/// each part tries again when it is opened.
pub fn prefetch_chunks() {
    when_idle(fetch_chunks);
}

/// Fetches the set-up chunk ahead of need, once the browser is idle (the security page is shown).
pub fn prefetch_set_up() {
    when_idle(|| {
        leptos::task::spawn_local(async {
            _ = load_set_up_chunk().await;
        })
    });
}

/// Fetches the chunks now, unless they are loaded or on their way already: the second step's
/// first, as it is needed first.
pub fn fetch_chunks() {
    leptos::task::spawn_local(async {
        _ = load_second_factor_chunk().await;
        _ = load_security_chunk().await;
    });
}
