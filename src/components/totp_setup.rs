//! The authenticator-app setup step: QR code, key, "Open in authenticator app", then the first
//! code. A wrong code keeps the QR code and the typed code; a drifted clock gets a hint.

use crate::api::{Api, ApiError, TotpEnrollment};
use crate::api_call::ApiCall;
use crate::browser::focus_soon;
use crate::browser::now_ms;
use crate::components::alert::StepFailed;
use crate::components::code_form::{use_code_submit, CodeForm};
use crate::components::qr_code::QrCode;
use crate::components::secret_key::SecretKey;
use crate::components::step_up::{ConfirmStep, Confirmable};
use crate::domain::secret_key::otpauth_uri;
use crate::domain::totp::clock_drift_minutes;
use crate::flow::code_entry::CodeEntry;
use crate::flow::step_up::StepUp;
use crate::i18n::{plural, text, tf, Key};
use leptos::prelude::*;
use std::sync::Arc;

/// The step's heading, focused when the step opens.
const STEP_HEADING_ID: &str = "totp-step-heading";

#[component]
pub fn TotpSetup(on_done: Callback<Option<Vec<String>>>, on_cancel: Callback<()>) -> impl IntoView {
    let api = expect_context::<Api>();
    // The key to scan: given by the first call, or once the person confirmed the change (step-up).
    let enrollment = RwSignal::new(None::<TotpEnrollment>);
    let ask_key: Confirmable = Arc::new(move |confirm| {
        let api = api.clone();
        Box::pin(async move {
            enrollment.set(Some(api.start_totp(confirm.as_ref()).await?));
            Ok(())
        })
    });
    let first_try = ask_key.clone();
    let start = ApiCall::new(move |_: &()| first_try(None), |_| {});
    start.dispatch(());
    let retry = Callback::new(move |()| start.dispatch(()));
    let failure = start.error();
    // The step opens with the focus on its heading (the button that opened it is gone): the QR code
    // and the key come before the code field, and are read first.
    focus_soon(STEP_HEADING_ID, false);
    view! {
        <div class="step stack" role="group" aria-labelledby=STEP_HEADING_ID>
            <h4 id=STEP_HEADING_ID tabindex="-1">{text(Key::SetUpTotpHeading)}</h4>
            {move || match (enrollment.get(), failure.get()) {
                (Some(enrollment), _) => view! { <TotpScan enrollment on_done on_cancel /> }.into_any(),
                (None, None) => view! { <p class="loading" role="status">{text(Key::PreparingKey)}</p> }.into_any(),
                (None, Some(error)) => match StepUp::asked(&error) {
                    Some(step) => view! { <ConfirmStep step change=ask_key.clone() on_cancel /> }.into_any(),
                    None => view! { <StepFailed error retry on_cancel /> }.into_any(),
                },
            }}
        </div>
    }
}

#[component]
fn TotpScan(
    enrollment: TotpEnrollment,
    on_done: Callback<Option<Vec<String>>>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let issuer = api.config().issuer.clone();
    let key = enrollment.key.key.clone();
    let uri = enrollment
        .key
        .uri
        .clone()
        .unwrap_or_else(|| otpauth_uri(&issuer, &issuer, &key));
    let entry = RwSignal::new(CodeEntry::default());
    let hint = RwSignal::new(None::<String>);
    let drift_key = key.clone();
    let on_send = use_code_submit(
        entry,
        move |code| {
            let (api, enrollment) = (api.clone(), enrollment.clone());
            async move { api.confirm_totp(&enrollment, &code).await }
        },
        move |codes| on_done.run(codes),
        move |error| {
            let code = entry.with_untracked(|e| e.code.clone());
            let drift = matches!(error, ApiError::Rejected(_) | ApiError::WrongCode)
                .then(|| clock_drift_minutes(&drift_key, &code, (now_ms() / 1000.0) as u64))
                .flatten();
            hint.set(drift.map(drift_hint));
        },
    );
    view! {
        <ol class="setup-steps">
            <li>
                <p>{text(Key::ScanQr)}</p>
                <QrCode uri=uri.clone() issuer />
            </li>
            <li>
                <SecretKey key />
                <a class="button secondary" href=uri>
                    {text(Key::OpenInApp)}
                </a>
            </li>
            <li>
                <p>{text(Key::EnterAppCode)}</p>
                <CodeForm
                    entry
                    on_send
                    submit_label=Key::Verify
                    on_cancel
                    hint=Signal::derive(move || hint.get())
                    skip_focus=true
                />
            </li>
        </ol>
    }
}

/// Explains a code that belongs to another time: the phone's clock is off.
fn drift_hint(minutes: i64) -> String {
    let amount = minutes.unsigned_abs().max(1);
    let duration = plural(amount, Key::MinutesOne, Key::MinutesFew, Key::MinutesMany);
    tf(
        if minutes > 0 { Key::DriftAhead } else { Key::DriftBehind },
        &[&duration],
    )
}
