//! The buttons under a form: its submit button (disabled and `aria-busy` while the form's
//! request runs) and Cancel.

use crate::components::cancel_button::CancelButton;
use crate::i18n::{text, Key};
use leptos::prelude::*;

#[component]
pub fn FormButtons(label: Key, #[prop(into)] busy: Signal<bool>, on_cancel: Callback<()>) -> impl IntoView {
    view! {
        <div class="actions">
            <button type="submit" class="button primary" aria-busy=move || busy.get().to_string() disabled=busy>
                {text(label)}
            </button>
            <CancelButton on_cancel />
        </div>
    }
}
