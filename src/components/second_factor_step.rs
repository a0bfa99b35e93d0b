//! The second step of signing in: the code of the account's method, with the other ways to get
//! one, or a recovery code instead.

use crate::api::{Api, ApiError};
use crate::browser::{focus_soon, keep_focus, now_ms};
use crate::call_results::{latest_error, on_result};
use crate::components::error_slot::ErrorSlot;
use crate::components::recovery_code_sign_in::RecoveryCodeSignIn;
use crate::components::second_factor_code::SecondFactorCode;
use crate::components::sign_in_alternatives::SignInAlternatives;
use crate::domain::account::Method;
use crate::flow::sign_in::SecondFactor;
use crate::i18n::{t, Key};
use leptos::html::Input;
use leptos::prelude::*;

#[component]
pub fn SecondFactorStep(flow: RwSignal<Option<SecondFactor>>, restart: Callback<()>) -> impl IntoView {
    let api = expect_context::<Api>();
    // Switching how the code comes (a text, the app) removes or disables the button pressed: the
    // focus goes to the code field, where the code is to be typed.
    let code_field = NodeRef::<Input>::new();
    let challenge = move || flow.with_untracked(|s| s.as_ref().map(|s| s.challenge.clone()));
    let can_send_texts = api.capabilities().sign_in_sms;
    let send_text = Action::new_local(move |_: &()| {
        let (api, challenge) = (api.clone(), challenge());
        keep_focus(async move {
            match challenge {
                Some(challenge) => api.send_sign_in_sms(&challenge).await,
                None => Err(ApiError::SignInExpired),
            }
        })
    });
    on_result(send_text, move |result| {
        if result.is_ok() {
            flow.update(|s| {
                if let Some(s) = s {
                    s.sent_text(now_ms());
                }
            });
            focus_soon(code_field);
        }
    });
    // SMS as the default method: the first text is sent at once (once; never resent by itself).
    if can_send_texts && flow.with_untracked(|s| s.as_ref().is_some_and(SecondFactor::should_send_first_text)) {
        send_text.dispatch(());
    }
    let recovery = Memo::new(move |_| flow.with(|s| s.as_ref().is_some_and(|s| s.recovery)));
    let prompt = move || {
        flow.with(|s| match s.as_ref().map(|s| (s.method, s.text_sent())) {
            Some((Method::Sms, true)) => t(Key::PromptSmsSent),
            Some((Method::Sms, false)) => t(Key::PromptSms),
            _ => t(Key::PromptApp),
        })
    };
    let on_text = Callback::new(move |()| {
        send_text.dispatch(());
    });
    view! {
        <div class="card stack">
            {move || match recovery.get() {
                true => view! { <RecoveryCodeSignIn flow restart /> }.into_any(),
                false => view! {
                    <p>{prompt}</p>
                    <SecondFactorCode flow field=code_field />
                    <ErrorSlot error=latest_error(send_text) />
                    <SignInAlternatives flow code_field sending=send_text.pending() on_text />
                }
                .into_any(),
            }}
        </div>
    }
}
