//! The sign-in's wasm chunks, split off by Leptos' own splitter (`leptos::wasm_split`, the macro
//! behind `#[lazy]` and `#[lazy_route]`): the second step of signing in and the security page,
//! fetched ahead once the sign-in form is ready. (Setting up a method is a chunk too:
//! `crate::set_up_chunk`.)
//!
//! Each split point hands back the constructor of its part (see `components::chunk_view`), and is
//! `fallible`: `#[lazy_route]` and `#[lazy]` in Leptos 0.8 turn a load failure
//! into a panic, which ends the whole app, where `fallible` hands it back as an error that
//! `components::chunk_view` shows with "Try again".

use crate::browser::when_idle;
use crate::components::second_factor_step::SecondFactorStep;
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

/// Fetches the sign-in's chunks ahead of need, once the browser is idle. A failure is not shown:
/// each part tries again when it is opened.
pub fn prefetch_chunks() {
    when_idle(fetch_chunks);
}

/// Fetches the chunks now, unless they are loaded or on their way already: the second step's
/// first, as it is needed first.
pub fn fetch_chunks() {
    leptos::task::spawn_local(async {
        _ = load_second_factor_chunk().await;
        _ = load_security_chunk().await;
    });
}
