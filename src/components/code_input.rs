//! The verification-code field: one input that takes typing, paste and SMS autofill, keeps digits
//! only and lets the step auto-submit when six are in.

use leptos::html::Input;
use leptos::prelude::*;

/// An input named "Verification code". `on_input` gets the raw text; the step normalises it and
/// writes the normalised code back through `value`.
#[component]
pub fn CodeInput(
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(into)] disabled: Signal<bool>,
    /// Id of the element that explains an error, for `aria-describedby`.
    #[prop(optional, into)]
    described_by: Option<String>,
    /// The step's heading has the focus (the step has something to read first): leave it there.
    #[prop(optional)]
    skip_focus: bool,
    /// The field, for a step that moves the focus back to it (after switching how the code comes).
    #[prop(optional)]
    field: Option<NodeRef<Input>>,
) -> impl IntoView {
    let input = field.unwrap_or_default();
    // Focus the field when its step opens, so typing can start at once.
    if !skip_focus {
        input.on_load(|field| {
            let _ = field.focus();
        });
    }
    view! {
        <label class="field">
            <span class="label">{crate::i18n::t(crate::i18n::Key::VerificationCode)}</span>
            <input
                node_ref=input
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
