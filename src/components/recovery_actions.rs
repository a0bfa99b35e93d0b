//! The recovery-code buttons: "Generate new recovery codes" and, while codes exist, "View
//! recovery codes"; both wait while either's request runs.

use crate::i18n::{text, Key};
use leptos::html::Button;
use leptos::prelude::*;

#[component]
pub fn RecoveryActions(
    /// Whether there are codes to view.
    #[prop(into)]
    has_codes: Signal<bool>,
    #[prop(into)] generating: Signal<bool>,
    #[prop(into)] viewing: Signal<bool>,
    /// Either is running: both wait.
    #[prop(into)]
    busy: Signal<bool>,
    on_generate: Callback<()>,
    on_view: Callback<()>,
    /// The buttons, for the focus to come back to the one that opened the codes.
    generate_button: NodeRef<Button>,
    view_button: NodeRef<Button>,
) -> impl IntoView {
    let press = move |action: Callback<()>| {
        move |_| {
            if !busy.get_untracked() {
                action.run(());
            }
        }
    };
    view! {
        <div class="actions">
            <button
                node_ref=generate_button
                type="button"
                class="button secondary"
                aria-busy=move || generating.get().to_string()
                disabled=busy
                on:click=press(on_generate)
            >
                {text(Key::GenerateNew)}
            </button>
            {move || has_codes.get().then(|| view! {
                <button
                    node_ref=view_button
                    type="button"
                    class="button secondary"
                    aria-busy=move || viewing.get().to_string()
                    disabled=busy
                    on:click=press(on_view)
                >
                    {text(Key::ViewCodes)}
                </button>
            })}
        </div>
    }
}
