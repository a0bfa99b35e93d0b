//! The recovery codes on screen: the list, what can be done with it, a header for print, and
//! after a new set the "I have saved my recovery codes" gate before Done.

use crate::api::Api;
use crate::browser::focus_soon;
use crate::components::recovery_code_actions::RecoveryCodeActions;
use crate::components::recovery_code_list::RecoveryCodeList;
use crate::domain::recovery::RecoveryCodes;
use crate::i18n::{text, tf, Key};
use leptos::html::H3;
use leptos::prelude::*;

/// The panel's heading, which names it.
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
    let heading = NodeRef::<H3>::new();
    focus_soon(heading);
    let api = expect_context::<Api>();
    let issuer = api.config().issuer.clone();
    let date = String::from(js_sys::Date::new_0().to_iso_string())
        .chars()
        .take(10)
        .collect::<String>();
    let saved = RwSignal::new(!just_generated);
    let list = codes.codes.clone();
    // Built before the print header, which keeps the issuer, account and date.
    let actions =
        view! { <RecoveryCodeActions codes issuer=issuer.clone() account=account.clone() date=date.clone() /> };
    view! {
        <div class="recovery-panel print-area stack" role="group" aria-labelledby=CODES_HEADING_ID>
            <h3 id=CODES_HEADING_ID class="no-print" tabindex="-1" node_ref=heading>
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
            <RecoveryCodeList codes=list />
            {actions}
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
