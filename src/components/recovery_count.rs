//! How many recovery codes are left, with a warning when few are.

use crate::domain::recovery::is_low;
use crate::i18n::{t, tf, Key};
use leptos::prelude::*;

/// Codes in a set, as the reference API and CG generate them.
const SET_SIZE: u32 = 10;

#[component]
pub fn RecoveryCount(
    /// Unused codes, when the server counts them.
    #[prop(into)]
    left: Signal<Option<u32>>,
) -> impl IntoView {
    view! {
        // One paragraph whose text follows the count, so it stays in place when codes appear.
        <p>
            {move || match left.get() {
                Some(n) => tf(Key::CodesLeft, &[&n.to_string(), &SET_SIZE.to_string()]),
                None => t(Key::RecoveryIntro).to_string(),
            }}
        </p>
        {move || {
            left.get()
                .filter(|n| is_low(*n))
                .map(|n| view! { <p class="warning">{tf(Key::FewCodesLeft, &[&n.to_string()])}</p> })
        }}
    }
}
