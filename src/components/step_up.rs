//! The "Confirm it's you" step: a current code of one of the person's factors (the
//! authenticator, a texted code or a recovery code), after which the change they asked for runs.

use crate::api::{Api, ApiError};
use crate::api_call::ApiCall;
use crate::browser::{focus_soon, now_ms};
use crate::components::alert::ErrorSlot;
use crate::components::code_form::{on_recovery_code_submit, use_code_submit, CodeForm};
use crate::components::countdown::use_now;
use crate::components::form_buttons::FormButtons;
use crate::components::resend_button::ResendButton;
use crate::components::text_field::TextField;
use crate::domain::account::Confirmation;
use crate::domain::countdown::seconds_left;
use crate::flow::code_entry::CodeEntry;
use crate::flow::sign_in::RESEND_COOLDOWN_SECS;
use crate::flow::step_up::StepUp;
use crate::i18n::{self, Key};
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

const HEADING_ID: &str = "step-up-heading";
const RECOVERY_CODE_ID: &str = "step-up-recovery-code";

/// A change the server may hold for a step-up: tried first without a confirmation, then repeated
/// with the person's; it applies its own result. One type for every such change, so the first
/// try and the repeat run the same code, and what runs them is compiled once.
pub type Confirmable =
    Arc<dyn Fn(Option<Confirmation>) -> Pin<Box<dyn Future<Output = Result<(), ApiError>>>> + Send + Sync>;

/// An error to show next to the control that made the call: a step-up refusal is not one, the
/// "Confirm it's you" step answers it.
pub fn shown_error(error: ReadSignal<Option<ApiError>>) -> Signal<Option<ApiError>> {
    Signal::derive(move || error.get().filter(|e| StepUp::asked(e).is_none()))
}

#[component]
pub fn ConfirmStep(step: StepUp, change: Confirmable, on_cancel: Callback<()>) -> impl IntoView {
    let api = expect_context::<Api>();
    let can_text = api.capabilities().step_up_sms;
    let step = RwSignal::new(step);
    let now = use_now();
    let entry = RwSignal::new(CodeEntry::default());
    let run = change.clone();
    let on_code = use_code_submit(
        entry,
        move |code| {
            let call = run(Some(step.get_untracked().confirmation(code)));
            async move { call.await.map_err(StepUp::refusal) }
        },
        |()| {},
        |_| {},
    );
    let recovery_code = RwSignal::new(String::new());
    let with_recovery = ApiCall::new(
        move |code: &String| {
            let call = change(Some(step.get_untracked().confirmation(code.clone())));
            async move { call.await.map_err(StepUp::refusal) }
        },
        |_| {},
    );
    let resend_at = RwSignal::new(0.0);
    let text = ApiCall::new(
        move |_: &()| {
            let api = api.clone();
            async move { api.send_account_sms().await }
        },
        move |result| {
            if result.is_ok() {
                step.update(StepUp::text_sent);
                resend_at.set(now_ms() + RESEND_COOLDOWN_SECS * 1000.0);
            }
        },
    );
    focus_soon(HEADING_ID, false);
    let recovery_form = move || {
        let busy = with_recovery.pending();
        focus_soon(RECOVERY_CODE_ID, false);
        let on_submit = on_recovery_code_submit(recovery_code, with_recovery);
        view! {
            <form class="stack" on:submit=on_submit>
                <TextField id=RECOVERY_CODE_ID label=Key::RecoveryCode value=recovery_code autocomplete="off" />
                <ErrorSlot error=with_recovery.error() />
                <FormButtons label=Key::Confirm busy on_cancel />
            </form>
        }
    };
    view! {
        <div class="step stack" role="group" aria-labelledby=HEADING_ID>
            <h3 id=HEADING_ID tabindex="-1">{i18n::text(Key::ConfirmItsYou)}</h3>
            <p>{i18n::text(Key::ConfirmPrompt)}</p>
            {move || match step.with(|s| s.recovery) {
                true => recovery_form().into_any(),
                false => view! { <CodeForm entry on_send=on_code submit_label=Key::Confirm on_cancel skip_focus=true /> }.into_any(),
            }}
            <ErrorSlot error=text.error() />
            <div class="actions">
                {move || (can_text && step.with(StepUp::offers_text)).then(|| view! {
                    <ResendButton
                        busy=text.pending()
                        cooldown=Signal::derive(move || seconds_left(resend_at.get(), now.get()))
                        on_click=Callback::new(move |()| text.dispatch(()))
                    >
                        {i18n::text(Key::TextMeCode)}
                    </ResendButton>
                })}
                {move || step.with(StepUp::offers_recovery).then(|| view! {
                    <button type="button" class="link-button" on:click=move |_| step.update(StepUp::use_recovery_code)>
                        {i18n::text(Key::UseRecoveryCode)}
                    </button>
                })}
            </div>
        </div>
    }
}
