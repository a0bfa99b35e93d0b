//! The button that asks for another code, with its cooldown: disabled and `aria-busy` while its
//! request runs, disabled with "New code in m:ss" beside it until another code may be asked for.

use crate::domain::countdown::clock;
use crate::i18n::{tf, Key};
use leptos::prelude::*;

#[component]
pub fn ResendButton(
    /// The request for a code is running.
    #[prop(into)]
    busy: Signal<bool>,
    /// Seconds until another code may be asked for (0: now).
    cooldown: Signal<u64>,
    on_click: Callback<()>,
    children: Children,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="button secondary"
            aria-busy=move || busy.get().to_string()
            disabled=move || { busy.get() || cooldown.get() > 0 }
            on:click=move |_| {
                if !busy.get_untracked() && cooldown.get_untracked() == 0 {
                    on_click.run(());
                }
            }
        >
            {children()}
        </button>
        <span class="detail">
            {move || match cooldown.get() {
                0 => String::new(),
                left => tf(Key::NewCodeIn, &[&clock(left)]),
            }}
        </span>
    }
}
