//! A step whose first request failed: what went wrong, and Cancel.

use crate::api::ApiError;
use crate::components::alert::ErrorAlert;
use crate::components::cancel_button::CancelButton;
use leptos::prelude::*;

/// A step whose first request failed: the error (with "Try again" where that helps) and Cancel.
#[component]
pub fn StepFailed(error: ApiError, retry: Callback<()>, on_cancel: Callback<()>) -> impl IntoView {
    view! {
        <ErrorAlert error retry />
        <CancelButton on_cancel />
    }
}
