//! The turn-off step: asks for a current code of the method (sending one first for text
//! messages), warns when the method is the default or the last one, then turns it off.

use crate::api::{Api, CodeChallenge, DisableStart};
use crate::api_call::ApiCall;
use crate::browser::focus_soon;
use crate::components::alert::StepFailed;
use crate::components::code_form::{use_code_submit, CodeForm};
use crate::components::countdown::use_now;
use crate::domain::account::Method;
use crate::domain::countdown::{clock, seconds_left};
use crate::flow::code_entry::CodeEntry;
use crate::i18n::{t, tf, Key};
use leptos::prelude::*;

#[component]
pub fn TurnOff(
    method: Method,
    /// Said before anything is turned off (last or default method).
    warning: Option<String>,
    on_done: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let started = RwSignal::new(None::<DisableStart>);
    // A start that finishes after the step closed tells nobody (see `ApiCall`).
    let start = ApiCall::new(
        move |_: &()| {
            let api = api.clone();
            async move { api.start_disable(method).await }
        },
        move |result| {
            let done = matches!(result, Ok(DisableStart::Done));
            started.set(result.ok());
            // Some backends need no code: the method is off already.
            if done {
                on_done.run(());
            }
        },
    );
    start.dispatch(());
    let retry = Callback::new(move |()| start.dispatch(()));
    let failure = start.error();
    let heading_id = format!("turn-off-{}-heading", method.wire_name());
    let labelled_by = heading_id.clone();
    // The step opens with the focus on its heading (the button that opened it is gone), so the
    // warning under it is read before the code is asked for.
    focus_soon(heading_id.clone(), false);
    view! {
        <div class="step stack" role="group" aria-labelledby=labelled_by>
            <h4 id=heading_id tabindex="-1">
                {t(match method {
                    Method::Totp => Key::TurnOffTotpHeading,
                    Method::Sms => Key::TurnOffSmsHeading,
                })}
            </h4>
            {warning.map(|text| view! { <p class="warning">{text}</p> })}
            {move || match (started.get(), failure.get()) {
                (None, None) => view! { <p class="loading" role="status">{t(Key::Preparing)}</p> }.into_any(),
                (None, Some(error)) => view! { <StepFailed error retry on_cancel /> }.into_any(),
                (Some(DisableStart::Done), _) => view! { <p role="status">{t(Key::TurnedOff)}</p> }.into_any(),
                (Some(DisableStart::Code(challenge)), _) => {
                    view! { <ConfirmTurnOff method challenge on_done on_cancel /> }.into_any()
                }
            }}
        </div>
    }
}

#[component]
fn ConfirmTurnOff(
    method: Method,
    challenge: CodeChallenge,
    on_done: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let now = use_now();
    let entry = RwSignal::new(CodeEntry::default());
    let intro = match &challenge.destination {
        Some(destination) => tf(Key::SentCodeToTurnOff, &[destination]),
        None => t(Key::EnterAppCodeToTurnOff).to_string(),
    };
    let expires_at = challenge.expires_at_ms;
    let on_send = use_code_submit(
        entry,
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
        <CodeForm entry on_send submit_label=t(Key::TurnOff) on_cancel skip_focus=true />
    }
}
