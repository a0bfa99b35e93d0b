//! Cancel: leaves the step or form it is in.

use crate::i18n::{text, Key};
use leptos::prelude::*;

#[component]
pub fn CancelButton(on_cancel: Callback<()>) -> impl IntoView {
    view! {
        <button type="button" class="button secondary" on:click=move |_| on_cancel.run(())>
            {text(Key::Cancel)}
        </button>
    }
}
