//! An error message in a `role="alert"` element, with an optional "Try again" button.

use crate::api::ApiError;
use leptos::prelude::*;

/// Shows an API error in plain words; `retry` is offered only for errors where trying again helps.
#[component]
pub fn ErrorAlert(error: ApiError, #[prop(optional, into)] retry: Option<Callback<()>>) -> impl IntoView {
    let retry = retry.filter(|_| error.is_retryable());
    view! {
        <div class="alert" role="alert">
            <p>{error.to_string()}</p>
            {retry.map(|retry| {
                view! {
                    <button type="button" class="button secondary" on:click=move |_| retry.run(())>
                        "Try again"
                    </button>
                }
            })}
        </div>
    }
}
