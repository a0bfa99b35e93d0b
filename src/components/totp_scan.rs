//! The key of a new authenticator: QR code, key, "Open in authenticator app", then its first
//! code. A wrong code keeps the QR code and the typed code; a drifted clock gets a hint.

use crate::api::{Api, ApiError, TotpEnrollment};
use crate::browser::now_ms;
use crate::components::code_form::{use_code_submit, CodeForm};
use crate::components::qr_code::QrCode;
use crate::components::secret_key::SecretKey;
use crate::domain::secret_key::otpauth_uri;
use crate::domain::totp::clock_drift_minutes;
use crate::flow::code_entry::CodeEntry;
use crate::i18n::{text, tf, Key, Message};
use leptos::html::Input;
use leptos::prelude::*;

#[component]
pub fn TotpScan(
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
    let field = NodeRef::<Input>::new();
    let hint = RwSignal::new(None::<String>);
    let drift_key = key.clone();
    let on_send = use_code_submit(
        entry,
        field,
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
                    field
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
    let duration = Message::Count(amount, [Key::MinutesOne, Key::MinutesFew, Key::MinutesMany]).words();
    tf(
        if minutes > 0 { Key::DriftAhead } else { Key::DriftBehind },
        &[&duration],
    )
}
