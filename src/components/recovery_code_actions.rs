//! What can be done with recovery codes on screen: Copy (the unused ones), Download (a `.txt`
//! naming the account, the issuer and the date) and Print, and what Copy or Download did.

use crate::browser::{copy_text, download_text, print};
use crate::domain::recovery::{file_name, RecoveryCodes};
use crate::i18n::{current, recovery_file_text, t, text, Key};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn RecoveryCodeActions(codes: RecoveryCodes, issuer: String, account: String, date: String) -> impl IntoView {
    // What Copy or Download did, worded when shown.
    let outcome = RwSignal::new(None::<Key>);
    let unused: Vec<String> = codes.codes.iter().filter(|c| !c.used).map(|c| c.code.clone()).collect();
    let copy = move |_| {
        let joined = unused.join("\n");
        spawn_local(async move {
            let copied = copy_text(&joined).await;
            outcome.try_set(Some(if copied {
                Key::CodesCopied
            } else {
                Key::CopyBlockedCodes
            }));
        });
    };
    let name = file_name(&issuer);
    let download = move |_| {
        // The file speaks the page's language of the moment it is downloaded.
        let file_text = recovery_file_text(&codes, &issuer, &account, &date, current());
        let downloaded = download_text(&name, &file_text);
        outcome.set(Some(if downloaded {
            Key::CodesDownloaded
        } else {
            Key::DownloadFailed
        }));
    };
    view! {
        <div class="actions no-print">
            <button type="button" class="button secondary" on:click=copy>{text(Key::Copy)}</button>
            <button type="button" class="button secondary" on:click=download>{text(Key::Download)}</button>
            <button type="button" class="button secondary" on:click=move |_| print()>{text(Key::Print)}</button>
        </div>
        <p class="detail no-print" role="status">{move || outcome.get().map(t)}</p>
    }
}
