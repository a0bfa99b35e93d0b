//! The recovery codes on screen: the list (used ones marked), Copy, Download, Print, and after a
//! new set the "I have saved my recovery codes" gate before Done.

use crate::api::Api;
use crate::browser::focus_soon;
use crate::browser::{copy_text, download_text, print};
use crate::domain::recovery::{file_name, RecoveryCodes};
use crate::i18n::{recovery_file_text, t, text, tf, Key};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The panel's heading, focused when the codes are shown.
const CODES_HEADING_ID: &str = "codes-heading";

#[component]
pub fn RecoveryCodesPanel(
    codes: RecoveryCodes,
    /// A new set: the person must confirm they saved it before closing.
    just_generated: bool,
    account: String,
    on_done: Callback<()>,
) -> impl IntoView {
    // Shown on the person's request (or new with a method): the codes' heading takes the focus.
    focus_soon(CODES_HEADING_ID, false);
    let api = expect_context::<Api>();
    let issuer = api.config().issuer.clone();
    let date = String::from(js_sys::Date::new_0().to_iso_string())
        .chars()
        .take(10)
        .collect::<String>();
    let file_text = recovery_file_text(&codes, &issuer, &account, &date);
    let saved = RwSignal::new(!just_generated);
    // A `String` signal (as the forms' fields are) rather than one of `&str`: one signal type fewer.
    let message = RwSignal::new(String::new());
    let unused: Vec<String> = codes.codes.iter().filter(|c| !c.used).map(|c| c.code.clone()).collect();
    let copy = move |_| {
        let joined = unused.join("\n");
        spawn_local(async move {
            let copied = copy_text(&joined).await;
            message.try_set(
                t(if copied {
                    Key::CodesCopied
                } else {
                    Key::CopyBlockedCodes
                })
                .to_string(),
            );
        });
    };
    let name = file_name(&issuer);
    let download = move |_| {
        message.set(
            t(if download_text(&name, &file_text) {
                Key::CodesDownloaded
            } else {
                Key::DownloadFailed
            })
            .to_string(),
        );
    };
    let items = codes
        .codes
        .into_iter()
        .map(|code| {
            let used = code.used;
            view! {
                <li class:used=used>
                    <span class="code">{code.code}</span>
                    {used.then(|| view! { <span class="used-mark">" " {text(Key::UsedMark)}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="recovery-panel print-area stack" role="group" aria-labelledby=CODES_HEADING_ID>
            <h3 id=CODES_HEADING_ID class="no-print" tabindex="-1">
                {text(Key::YourRecoveryCodes)}
            </h3>
            <div class="print-only">
                <p class="print-title">{move || tf(Key::FileTitle, &[&issuer])}</p>
                <p>{move || tf(Key::FileAccount, &[&account])}</p>
                <p>{move || tf(Key::FileGenerated, &[&date])}</p>
            </div>
            <p class="no-print">
                {text(Key::KeepCodesSafe)}
            </p>
            <ul class="codes" aria-label=text(Key::RecoveryCodes)>
                {items}
            </ul>
            <div class="actions no-print">
                <button type="button" class="button secondary" on:click=copy>{text(Key::Copy)}</button>
                <button type="button" class="button secondary" on:click=download>{text(Key::Download)}</button>
                <button type="button" class="button secondary" on:click=move |_| print()>{text(Key::Print)}</button>
            </div>
            <p class="detail no-print" role="status">{move || message.get()}</p>
            {just_generated
                .then(|| {
                    view! {
                        <label class="check no-print">
                            <input type="checkbox" on:change=move |ev| saved.set(event_target_checked(&ev)) />
                            {text(Key::SavedCodes)}
                        </label>
                    }
                })}
            <button
                type="button"
                class="button primary no-print"
                disabled=move || !saved.get()
                on:click=move |_| on_done.run(())
            >
                {text(Key::Done)}
            </button>
        </div>
    }
}
