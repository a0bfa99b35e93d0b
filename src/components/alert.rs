//! An error message in a `role="alert"` element: plain words, a live countdown after "too many
//! attempts", and an optional "Try again" button where trying again can help.

use crate::api::ApiError;
use crate::browser::now_ms;
use crate::components::countdown::use_now;
use crate::domain::countdown::{clock, seconds_left};
use crate::i18n::{error_text, language, t, text, tf, Key};
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
        other => view! { <p>{error_words(other)}</p> }.into_any(),
    };
    alert(message, retry)
}

/// A message in a `role="alert"` element, with "Try again" when `retry` is given.
pub fn alert(message: impl IntoView, retry: Option<Callback<()>>) -> impl IntoView {
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

/// An error's words as the view shows them, in the page's language (worded again when it changes).
fn error_words(error: ApiError) -> impl IntoView {
    move || error_text(&error, language())
}
