//! The code that turns a method off: "We sent a code to …" (with its expiry) or "Enter a code
//! from your authenticator app", then Turn off.

use crate::api::{Api, CodeChallenge};
use crate::components::code_form::{use_code_submit, CodeForm};
use crate::components::countdown::use_now;
use crate::domain::account::Method;
use crate::domain::countdown::{clock, seconds_left};
use crate::flow::code_entry::CodeEntry;
use crate::i18n::{t, tf, Key};
use leptos::html::Input;
use leptos::prelude::*;

#[component]
pub fn ConfirmTurnOff(
    method: Method,
    challenge: CodeChallenge,
    on_done: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let now = use_now();
    let entry = RwSignal::new(CodeEntry::default());
    let field = NodeRef::<Input>::new();
    let destination = challenge.destination.clone();
    let intro = move || match &destination {
        Some(destination) => tf(Key::SentCodeToTurnOff, &[destination]),
        None => t(Key::EnterAppCodeToTurnOff).to_string(),
    };
    let expires_at = challenge.expires_at_ms;
    let on_send = use_code_submit(
        entry,
        field,
        move |code| {
            let (api, challenge) = (api.clone(), challenge.clone());
            async move { api.confirm_disable(method, &challenge, &code).await }
        },
        move |()| on_done.run(()),
        |_| {},
    );
    view! {
        <p>{intro}</p>
        {expires_at
            .map(|at| {
                view! {
                    <p class="detail">
                        {move || match seconds_left(at, now.get()) {
                            0 => t(Key::CodeExpiredStartAgain).to_string(),
                            left => tf(Key::CodeExpiresIn, &[&clock(left)]),
                        }}
                    </p>
                }
            })}
        <CodeForm entry on_send submit_label=Key::TurnOff field on_cancel skip_focus=true texted=method == Method::Sms />
    }
}
