//! The authenticator key in groups of four, with "Copy key" copying the raw key; where the
//! clipboard is refused the key is selected for copying by hand.

use crate::browser::copy_text;
use crate::browser::focus_soon;
use crate::domain::secret_key::{compact_key, group_key};
use crate::i18n::{t, text, Key};
use leptos::prelude::*;
use leptos::task::spawn_local;

const FALLBACK_ID: &str = "key-to-copy";

#[component]
pub fn SecretKey(key: String) -> impl IntoView {
    let grouped = group_key(&key);
    let raw = compact_key(&key);
    // What "Copy key" did, as two `bool` signals (a type the app has already) rather than one
    // `Option<bool>`.
    let (copied, blocked) = (RwSignal::new(false), RwSignal::new(false));
    let raw_for_copy = raw.clone();
    let copy = move |_| {
        let raw = raw_for_copy.clone();
        spawn_local(async move {
            let done = copy_text(&raw).await;
            copied.try_set(done);
            blocked.try_set(!done);
            if !done {
                // The key is selected in a field of its own, ready for Ctrl+C.
                focus_soon(FALLBACK_ID, true);
            }
        });
    };
    view! {
        <div class="secret-key">
            <p class="detail" id="secret-key-label">{text(Key::EnterKeyInApp)}</p>
            <code class="key" aria-labelledby="secret-key-label">{grouped}</code>
            <button type="button" class="button secondary" on:click=copy>{text(Key::CopyKey)}</button>
            <p role="status" class="detail">
                {move || match (copied.get(), blocked.get()) {
                    (true, _) => t(Key::KeyCopied),
                    (_, true) => t(Key::CopyBlockedKey),
                    _ => "",
                }}
            </p>
            {move || blocked.get().then(|| view! {
                <input
                    id=FALLBACK_ID
                    class="key-fallback"
                    readonly
                    aria-label=text(Key::KeyToCopy)
                    prop:value=raw.clone()
                />
            })}
        </div>
    }
}
