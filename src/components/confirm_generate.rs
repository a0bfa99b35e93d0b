//! "Replace your recovery codes?": asked before a new set replaces the codes that exist.

use crate::browser::focus_soon;
use crate::components::cancel_button::CancelButton;
use crate::i18n::{text, Key};
use leptos::html::H3;
use leptos::prelude::*;

/// The step's heading, which names it.
const HEADING_ID: &str = "confirm-generate-heading";

#[component]
pub fn ConfirmGenerate(
    /// A new set is being generated.
    #[prop(into)]
    generating: Signal<bool>,
    /// A request about the codes is running: Generate waits.
    #[prop(into)]
    busy: Signal<bool>,
    on_generate: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let heading = NodeRef::<H3>::new();
    focus_soon(heading);
    view! {
        <div class="step stack" role="group" aria-labelledby=HEADING_ID>
            <h3 id=HEADING_ID tabindex="-1" node_ref=heading>
                {text(Key::ReplaceCodesTitle)}
            </h3>
            <p>{text(Key::ReplaceCodesText)}</p>
            <div class="actions">
                <button
                    type="button"
                    class="button primary"
                    aria-busy=move || generating.get().to_string()
                    disabled=busy
                    on:click=move |_| {
                        if !busy.get_untracked() {
                            on_generate.run(());
                        }
                    }
                >
                    {text(Key::Generate)}
                </button>
                <CancelButton on_cancel />
            </div>
        </div>
    }
}
