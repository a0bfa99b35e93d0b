//! The other ways to the second factor while signing in: a text message instead (then "Resend
//! code" with its cooldown), the authenticator app instead, or a recovery code.

use crate::api::Api;
use crate::browser::focus_soon;
use crate::components::countdown::use_now;
use crate::components::resend_button::ResendButton;
use crate::domain::countdown::seconds_left;
use crate::flow::sign_in::SecondFactor;
use crate::i18n::{t, text, Key};
use leptos::html::Input;
use leptos::prelude::*;

#[component]
pub fn SignInAlternatives(
    flow: RwSignal<Option<SecondFactor>>,
    /// The code field, which takes the focus when the code is to come from the app.
    code_field: NodeRef<Input>,
    /// A text is being sent.
    #[prop(into)]
    sending: Signal<bool>,
    /// Sends a text with a code.
    on_text: Callback<()>,
) -> impl IntoView {
    let capabilities = expect_context::<Api>().capabilities();
    let now = use_now();
    let read = move |f: fn(&SecondFactor) -> bool| flow.with(|s| s.as_ref().is_some_and(f));
    let can_text = Memo::new(move |_| capabilities.sign_in_sms && read(SecondFactor::can_text));
    let can_use_app = Memo::new(move |_| read(SecondFactor::can_use_app));
    let cooldown = Signal::derive(move || {
        flow.with(|s| s.as_ref().and_then(|s| s.resend_at_ms))
            .map_or(0, |at| seconds_left(at, now.get()))
    });
    let text_button_label = move || {
        t(if read(SecondFactor::text_sent) {
            Key::ResendCode
        } else {
            Key::TextMeInstead
        })
    };
    view! {
        <div class="actions">
            {move || can_text.get().then(|| view! {
                <ResendButton busy=sending cooldown on_click=on_text>
                    {text_button_label}
                </ResendButton>
            })}
            {move || can_use_app.get().then(|| view! {
                <button
                    type="button"
                    class="button secondary"
                    on:click=move |_| {
                        flow.update(|s| s.iter_mut().for_each(SecondFactor::use_app));
                        focus_soon(code_field);
                    }
                >
                    {text(Key::UseAppInstead)}
                </button>
            })}
        </div>
        {capabilities.recovery_codes.then(|| view! {
            <button
                type="button"
                class="link-button"
                on:click=move |_| flow.update(|s| s.iter_mut().for_each(SecondFactor::use_recovery_code))
            >
                {text(Key::UseRecoveryCode)}
            </button>
        })}
    }
}
