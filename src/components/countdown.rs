//! A clock that ticks every second while the component using it is mounted, for live countdowns.

use crate::browser::now_ms;
use leptos::prelude::*;
use std::time::Duration;

/// The current time in ms, updated every second until the owner is cleaned up.
pub fn use_now() -> ReadSignal<f64> {
    let (now, set_now) = signal(now_ms());
    if let Ok(handle) = set_interval_with_handle(move || set_now.set(now_ms()), Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    now
}
