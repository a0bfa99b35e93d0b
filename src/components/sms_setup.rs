//! The text-message setup step, a view of [`crate::flow::sms_setup`]: the number, "Confirm it's
//! you" where the server asks for it, then the code sent to the number.

use crate::api::{Api, ApiError, SmsEnrollment};
use crate::browser::{focus_soon, now_ms};
use crate::components::phone_form::PhoneForm;
use crate::components::sms_code::SmsCode;
use crate::components::step_up::{ConfirmStep, Confirmable};
use crate::domain::account::Confirmation;
use crate::domain::phone::default_region;
use crate::flow::sms_setup::{Number, Phase, SmsSetup as Setup};
use crate::i18n::{text, Key};
use leptos::html::H4;
use leptos::prelude::*;
use std::sync::Arc;

/// The step's heading, which names it.
const STEP_HEADING_ID: &str = "sms-step-heading";

#[component]
pub fn SmsSetup(on_done: Callback<Option<Vec<String>>>, on_cancel: Callback<()>) -> impl IntoView {
    let api = expect_context::<Api>();
    let locale = api.config().locale.clone().unwrap_or_else(browser_locale);
    let region = RwSignal::new(default_region(&locale).to_string());
    let number = RwSignal::new(String::new());
    let setup = RwSignal::new(Setup::default());
    // Only a change of phase swaps the form: a send, an error or a resend updates it in place.
    let phase = Memo::new(move |_| setup.with(|s| s.phase));
    // The text to the number given, first without and then with the person's confirmation (step-up).
    let send: Confirmable = Arc::new(move |confirm| {
        let (api, to) = (api.clone(), setup.with_untracked(|s| s.number().clone()));
        Box::pin(async move {
            let enrollment = send_to(&api, &to, confirm).await?;
            setup.update(|s| s.sent(enrollment, now_ms()));
            Ok(())
        })
    });
    // The step opens with the focus on its heading, so the next Tab reaches its first field.
    let heading = NodeRef::<H4>::new();
    focus_soon(heading);
    view! {
        <div class="step stack" role="group" aria-labelledby=STEP_HEADING_ID>
            <h4 id=STEP_HEADING_ID tabindex="-1" node_ref=heading>{text(Key::SetUpSmsHeading)}</h4>
            {move || match phase.get() {
                Phase::Code => view! { <SmsCode setup on_done on_cancel /> }.into_any(),
                Phase::Confirm(step) => view! { <ConfirmStep step change=send.clone() on_cancel /> }.into_any(),
                Phase::Number => view! { <PhoneForm region number setup send=send.clone() on_cancel /> }.into_any(),
            }}
        </div>
    }
}

fn browser_locale() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default()
}

/// Checks the number, then asks the server to text a code to it.
async fn send_to(api: &Api, to: &Number, confirm: Option<Confirmation>) -> Result<SmsEnrollment, ApiError> {
    let check = api.check_phone(&to.dial_code, &to.national).await?;
    if !check.valid {
        return Err(check.message.map_or(ApiError::CannotReceiveTexts, ApiError::Rejected));
    }
    let display = check
        .display
        .unwrap_or_else(|| format!("{} {}", to.dial_code, to.national));
    api.start_sms(&to.dial_code, &to.national, &display, confirm.as_ref())
        .await
}
