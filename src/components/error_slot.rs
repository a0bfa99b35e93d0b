//! Where an action's latest error shows, while there is one.

use crate::api::ApiError;
use crate::components::alert::ErrorAlert;
use leptos::prelude::*;

/// The error of an action's latest call while there is one; nothing otherwise.
#[component]
pub fn ErrorSlot(
    #[prop(into)] error: Signal<Option<ApiError>>,
    #[prop(default = None, into)] retry: Option<Callback<()>>,
) -> impl IntoView {
    move || error.get().map(|error| view! { <ErrorAlert error retry /> })
}
