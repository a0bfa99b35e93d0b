//! The list of recovery codes, one item per code, used ones struck through and marked "used".

use crate::domain::recovery::RecoveryCode;
use crate::i18n::{text, Key};
use leptos::prelude::*;

#[component]
pub fn RecoveryCodeList(codes: Vec<RecoveryCode>) -> impl IntoView {
    let items = codes
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
        <ul class="codes" aria-label=text(Key::RecoveryCodes)>
            {items}
        </ul>
    }
}
