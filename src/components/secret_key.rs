//! The authenticator key in groups of four, with "Copy key" copying the raw key; where the
//! clipboard is refused the key is selected for copying by hand.

use crate::browser::copy_text;
use crate::browser::select_soon;
use crate::domain::secret_key::{compact_key, group_key};
use crate::i18n::{t, text, Key};
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SecretKey(key: String) -> impl IntoView {
    let grouped = group_key(&key);
    let raw = compact_key(&key);
    // What "Copy key" did: copied, or refused by the browser; nothing yet.
    let copied = RwSignal::new(None::<bool>);
    let fallback = NodeRef::<Input>::new();
    let blocked = move || copied.get() == Some(false);
    let raw_for_copy = raw.clone();
    let copy = move |_| {
        let raw = raw_for_copy.clone();
        spawn_local(async move {
            let done = copy_text(&raw).await;
            copied.try_set(Some(done));
            if !done {
                // The key is selected in a field of its own, ready for Ctrl+C.
                select_soon(fallback);
            }
        });
    };
    view! {
        <div class="secret-key">
            <p class="detail" id="secret-key-label">{text(Key::EnterKeyInApp)}</p>
            <code class="key" aria-labelledby="secret-key-label">{grouped}</code>
            <button type="button" class="button secondary" on:click=copy>{text(Key::CopyKey)}</button>
            <p role="status" class="detail">
                {move || copied.get().map(|done| t(if done { Key::KeyCopied } else { Key::CopyBlockedKey }))}
            </p>
            {move || blocked().then(|| view! {
                <input
                    node_ref=fallback
                    class="key-fallback"
                    readonly
                    aria-label=text(Key::KeyToCopy)
                    prop:value=raw.clone()
                />
            })}
        </div>
    }
}
