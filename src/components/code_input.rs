//! The verification-code field: one input that takes typing, paste and SMS autofill, keeps digits
//! only and lets the step auto-submit when six are in.

use crate::browser::focus_soon;
use leptos::html::Input;
use leptos::prelude::*;

/// An input named "Verification code". `on_input` gets the raw text; the step normalises it and
/// writes the normalised code back through `value`.
#[component]
pub fn CodeInput(
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(into)] disabled: Signal<bool>,
    /// The input, for the step to move the focus back to it.
    field: NodeRef<Input>,
    /// Id of the element that explains an error, for `aria-describedby`.
    #[prop(optional, into)]
    described_by: Option<String>,
    /// The step's heading has the focus (the step has something to read first): leave it there.
    #[prop(optional)]
    skip_focus: bool,
) -> impl IntoView {
    // Focus the field when its step opens, so typing can start at once.
    if !skip_focus {
        focus_soon(field);
    }
    view! {
        <label class="field">
            <span class="label">{crate::i18n::text(crate::i18n::Key::VerificationCode)}</span>
            <input
                node_ref=field
                class="code-input"
                type="text"
                inputmode="numeric"
                autocomplete="one-time-code"
                pattern="[0-9 \\-]*"
                spellcheck="false"
                aria-describedby=described_by
                prop:value=move || value.get()
                prop:disabled=move || disabled.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
        </label>
    }
}
