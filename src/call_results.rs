//! What views read of an API call run by a Leptos `Action`: the error of its latest call, and
//! each result as it comes (to a callback given by the component that made the action).

use crate::api::ApiError;
use leptos::prelude::*;

/// The error of the action's latest call; `None` after a success, and before the first call ends.
pub fn latest_error<I, T>(action: Action<I, Result<T, ApiError>>) -> Signal<Option<ApiError>>
where
    I: 'static,
    T: 'static,
{
    Signal::derive(move || {
        action
            .value()
            .with(|value| value.as_ref().and_then(|r| r.as_ref().err().cloned()))
    })
}

/// Hands each result of the action to `on_result`, while the component that calls this lives (a
/// call that ends after its step closed notifies nobody).
pub fn on_result<I, T>(action: Action<I, Result<T, ApiError>>, on_result: impl Fn(&Result<T, ApiError>) + 'static)
where
    I: 'static,
    T: 'static,
{
    // The version counts the results: a new one runs the callback, even when equal to the last.
    Effect::watch(
        move || action.version().get(),
        move |_, _, _| action.value().with_untracked(|value| value.as_ref().map(&on_result)),
        false,
    );
}
