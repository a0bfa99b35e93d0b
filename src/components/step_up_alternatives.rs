//! The other ways to confirm it's you: "Text me a code" (with its cooldown, where the person has
//! text messages on) and "Use a recovery code".

use crate::api::Api;
use crate::browser::{keep_focus, now_ms};
use crate::call_results::{latest_error, on_result};
use crate::components::countdown::use_now;
use crate::components::error_slot::ErrorSlot;
use crate::components::resend_button::ResendButton;
use crate::domain::countdown::seconds_left;
use crate::flow::sign_in::RESEND_COOLDOWN_SECS;
use crate::flow::step_up::StepUp;
use crate::i18n::{text, Key};
use leptos::prelude::*;

#[component]
pub fn StepUpAlternatives(step: RwSignal<StepUp>) -> impl IntoView {
    let api = expect_context::<Api>();
    let can_text = api.capabilities().step_up_sms;
    let now = use_now();
    let resend_at = RwSignal::new(0.0);
    let send_text = Action::new_local(move |_: &()| {
        let api = api.clone();
        keep_focus(async move { api.send_account_sms().await })
    });
    on_result(send_text, move |result| {
        if result.is_ok() {
            step.update(StepUp::text_sent);
            resend_at.set(now_ms() + RESEND_COOLDOWN_SECS * 1000.0);
        }
    });
    view! {
        <ErrorSlot error=latest_error(send_text) />
        <div class="actions">
            {move || (can_text && step.with(StepUp::offers_text)).then(|| view! {
                <ResendButton
                    busy=send_text.pending()
                    cooldown=Signal::derive(move || seconds_left(resend_at.get(), now.get()))
                    on_click=Callback::new(move |()| {
                        send_text.dispatch(());
                    })
                >
                    {text(Key::TextMeCode)}
                </ResendButton>
            })}
            {move || step.with(StepUp::offers_recovery).then(|| view! {
                <button type="button" class="link-button" on:click=move |_| step.update(StepUp::use_recovery_code)>
                    {text(Key::UseRecoveryCode)}
                </button>
            })}
        </div>
    }
}
