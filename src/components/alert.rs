//! An error message in a `role="alert"` element: plain words, a live countdown after "too many
//! attempts", and an optional "Try again" button where trying again can help; the slot that shows
//! an action's latest error; a failed step.

use crate::api::ApiError;
use crate::browser::now_ms;
use crate::components::countdown::use_now;
use crate::domain::countdown::{clock, seconds_left};
use crate::i18n::{t, text, tf, Key};
use leptos::prelude::*;

#[component]
pub fn ErrorAlert(error: ApiError, #[prop(default = None, into)] retry: Option<Callback<()>>) -> impl IntoView {
    let retry = retry.filter(|_| error.is_retryable());
    let message = match error {
        ApiError::RateLimited { wait_secs } => {
            let until = now_ms() + wait_secs as f64 * 1000.0;
            let now = use_now();
            view! {
                <p>
                    {move || match seconds_left(until, now.get()) {
                        0 => t(Key::CanTryAgainNow).to_string(),
                        left => tf(Key::TooManyAttemptsIn, &[&clock(left)]),
                    }}
                </p>
            }
            .into_any()
        }
        other => view! { <p>{move || other.to_string()}</p> }.into_any(),
    };
    view! {
        <div class="alert" role="alert">
            {message}
            {retry.map(|retry| {
                view! {
                    <button type="button" class="button secondary" on:click=move |_| retry.run(())>
                        {text(Key::TryAgain)}
                    </button>
                }
            })}
        </div>
    }
}

/// The error of an action's latest call while there is one; nothing otherwise.
#[component]
pub fn ErrorSlot(
    #[prop(into)] error: Signal<Option<ApiError>>,
    #[prop(default = None, into)] retry: Option<Callback<()>>,
) -> impl IntoView {
    move || error.get().map(|error| view! { <ErrorAlert error retry /> })
}

/// A step whose first request failed: the error (with "Try again" where that helps) and Cancel.
#[component]
pub fn StepFailed(error: ApiError, retry: Callback<()>, on_cancel: Callback<()>) -> impl IntoView {
    view! {
        <ErrorAlert error retry />
        <button type="button" class="button secondary" on:click=move |_| on_cancel.run(())>
            {text(Key::Cancel)}
        </button>
    }
}
