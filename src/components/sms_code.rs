//! The code step of setting up text messages: "We sent a code to …" with a live expiry, the
//! code, Resend with a visible cooldown, and Change number.

use crate::api::{Api, ApiError, SmsEnrollment};
use crate::browser::{keep_focus, now_ms};
use crate::call_results::{latest_error, on_result};
use crate::components::code_form::{use_code_submit, CodeForm};
use crate::components::countdown::use_now;
use crate::components::error_slot::ErrorSlot;
use crate::components::resend_button::ResendButton;
use crate::domain::countdown::clock;
use crate::flow::code_entry::CodeEntry;
use crate::flow::sms_setup::SmsSetup as Setup;
use crate::i18n::{t, text, tf, Key};
use leptos::html::Input;
use leptos::prelude::*;

/// Hands the answer to a request for a text to the setup.
fn texted(setup: RwSignal<Setup>) -> impl Fn(&Result<SmsEnrollment, ApiError>) + Copy {
    move |result| {
        let now = now_ms();
        setup.update(|s| match result {
            Ok(enrollment) => s.sent(enrollment.clone(), now),
            Err(error) => s.send_failed(error, now),
        });
    }
}

#[component]
pub fn SmsCode(
    setup: RwSignal<Setup>,
    on_done: Callback<Option<Vec<String>>>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let now = use_now();
    let entry = RwSignal::new(CodeEntry::default());
    let field = NodeRef::<Input>::new();
    let verify_api = api.clone();
    let on_send = use_code_submit(
        entry,
        field,
        move |code| {
            let (api, sent) = (verify_api.clone(), setup.with_untracked(|s| s.enrollment.clone()));
            async move { api.confirm_sms(&sent, &code).await }
        },
        move |codes| on_done.run(codes),
        |_| {},
    );
    let resend = Action::new_local(move |sent: &SmsEnrollment| {
        let (api, sent) = (api.clone(), sent.clone());
        keep_focus(async move { api.resend_sms(&sent).await })
    });
    on_result(resend, texted(setup));
    let expiry = move || {
        setup.with(|s| s.expires_in(now.get())).map(|left| match left {
            0 => t(Key::CodeExpired).to_string(),
            left => tf(Key::CodeExpiresIn, &[&clock(left)]),
        })
    };
    let ask_again = Callback::new(move |()| {
        if let Some(sent) = setup.try_update(|s| s.resend(now_ms())).flatten() {
            resend.dispatch(sent);
        }
    });
    view! {
        <div class="stack">
            <p role="status">{move || setup.with(|s| tf(Key::WeSentCodeTo, &[&s.enrollment.destination]))}</p>
            <p class="detail">{expiry}</p>
            <CodeForm entry on_send submit_label=Key::Verify field on_cancel texted=true />
            <ErrorSlot error=latest_error(resend) />
            <div class="actions">
                <ResendButton
                    busy=Signal::derive(move || setup.with(|s| s.sending))
                    cooldown=Signal::derive(move || setup.with(|s| s.resend_cooldown(now.get())))
                    on_click=ask_again
                >
                    {text(Key::ResendCode)}
                </ResendButton>
                <button type="button" class="button secondary" on:click=move |_| setup.update(Setup::change_number)>
                    {text(Key::ChangeNumber)}
                </button>
            </div>
        </div>
    }
}
