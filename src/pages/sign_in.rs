//! `/sign-in`: email and password, then, when the account asks for it, the second factor: the
//! default method first, a text message instead (with a resend cooldown), or a recovery code.

use crate::api::{Api, ApiError, Challenge};
use crate::api_call::ApiCall;
use crate::browser::now_ms;
use crate::browser::{focus_now, focus_soon};
use crate::components::alert::ErrorSlot;
use crate::components::code_form::{on_recovery_code_submit, use_code_submit, CodeForm};
use crate::components::code_input::CODE_INPUT_ID;
use crate::components::countdown::use_now;
use crate::components::resend_button::ResendButton;
use crate::components::send_on::SendOn;
use crate::components::text_field::TextField;
use crate::domain::account::Method;
use crate::domain::countdown::seconds_left;
use crate::flow::code_entry::CodeEntry;
use crate::flow::sign_in::SecondFactor;
use crate::i18n::{t, text, Key};
use crate::session::Session;
use leptos::prelude::*;

/// The email field, focused when sign-in starts again.
const EMAIL_ID: &str = "email";
/// The recovery-code field, focused when that step opens.
const RECOVERY_CODE_ID: &str = "recovery-code";

#[component]
pub fn SignInPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let second_factor = RwSignal::new(None::<SecondFactor>);
    let on_challenge = Callback::new(move |challenge: Challenge| second_factor.set(Some(SecondFactor::new(challenge))));
    // "Start again" shows the password step anew, with the focus on its first field.
    let restarted = StoredValue::new(false);
    let restart = Callback::new(move |()| {
        restarted.set_value(true);
        second_factor.set(None);
    });
    // Memos, so a step is built again only when it changes, not on every change of its state.
    let signed_in = Memo::new(move |_| session.signed_in());
    let second_step = Memo::new(move |_| second_factor.with(Option::is_some));
    move || match signed_in.get() {
        true => view! { <SendOn path="/security" /> }.into_any(),
        false => view! {
            <main id="main" class="page narrow">
                {move || match second_step.get() {
                    false => view! { <PasswordStep on_challenge focus_email=restarted.get_value() /> }.into_any(),
                    true => view! { <SecondFactorStep flow=second_factor restart /> }.into_any(),
                }}
            </main>
        }
        .into_any(),
    }
}

#[component]
fn PasswordStep(
    on_challenge: Callback<Challenge>,
    /// Back from the second factor: the email field takes the focus.
    focus_email: bool,
) -> impl IntoView {
    let api = expect_context::<Api>();
    if focus_email {
        focus_soon(EMAIL_ID, false);
    }
    let session = api.session();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let submit = ApiCall::new(
        move |(email, password): &(String, String)| {
            let (api, email, password) = (api.clone(), email.clone(), password.clone());
            async move { api.sign_in_password(&email, &password).await }
        },
        move |result| {
            if let Ok(Some(challenge)) = result {
                on_challenge.run(challenge);
            }
        },
    );
    let busy = submit.pending();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !busy.get_untracked() {
            submit.dispatch((email.get_untracked().trim().to_string(), password.get_untracked()));
        }
    };
    view! {
        <h1>{text(Key::SignIn)}</h1>
        {move || session.notice().map(|notice| view! { <p class="notice" role="status">{notice.to_string()}</p> })}
        <form class="card stack" on:submit=on_submit>
            <TextField id=EMAIL_ID label=Key::Email value=email kind="email" autocomplete="username" required=true />
            <TextField
                id="password"
                label=Key::Password
                value=password
                kind="password"
                autocomplete="current-password"
                required=true
            />
            <ErrorSlot error=submit.error() />
            <button type="submit" class="button primary" aria-busy=move || busy.get().to_string() disabled=busy>
                {text(Key::SignIn)}
            </button>
        </form>
    }
}

#[component]
fn SecondFactorStep(flow: RwSignal<Option<SecondFactor>>, restart: Callback<()>) -> impl IntoView {
    let api = expect_context::<Api>();
    let can_send_texts = api.capabilities().sign_in_sms;
    let has_recovery_codes = api.capabilities().recovery_codes;
    let now = use_now();
    // Switching how the code comes (a text, the app) removes or disables the button pressed: the
    // focus goes to the code field, where the code is to be typed.
    let focus_code = || focus_now(CODE_INPUT_ID);
    let read = move |f: fn(&SecondFactor) -> bool| flow.with(|s| s.as_ref().is_some_and(f));
    let challenge = move || flow.with_untracked(|s| s.as_ref().map(|s| s.challenge.clone()));
    let send_api = api.clone();
    let send_text = ApiCall::new(
        move |_: &()| {
            let (api, challenge) = (send_api.clone(), challenge());
            async move {
                match challenge {
                    Some(challenge) => api.send_sign_in_sms(&challenge).await,
                    None => Err(ApiError::SignInExpired),
                }
            }
        },
        move |result| {
            if result.is_ok() {
                flow.update(|s| {
                    if let Some(s) = s {
                        s.sent_text(now_ms());
                    }
                });
                focus_code();
            }
        },
    );
    // SMS as the default method: the first text is sent at once (once; never resent by itself).
    if can_send_texts && flow.with_untracked(|s| s.as_ref().is_some_and(SecondFactor::should_send_first_text)) {
        send_text.dispatch(());
    }
    let sending = send_text.pending();
    let cooldown = move || {
        flow.with(|s| s.as_ref().and_then(|s| s.resend_at_ms))
            .map_or(0, |at| seconds_left(at, now.get()))
    };
    let recovery = Memo::new(move |_| read(|s| s.recovery));
    let can_text = Memo::new(move |_| can_send_texts && read(SecondFactor::can_text));
    let can_use_app = Memo::new(move |_| read(SecondFactor::can_use_app));
    let text_button_label = move || {
        t(if read(SecondFactor::text_sent) {
            Key::ResendCode
        } else {
            Key::TextMeInstead
        })
    };
    let prompt = move || {
        let method = flow.with(|s| s.as_ref().map(|s| s.method));
        match method {
            Some(Method::Sms) if read(SecondFactor::text_sent) => t(Key::PromptSmsSent),
            Some(Method::Sms) => t(Key::PromptSms),
            _ => t(Key::PromptApp),
        }
    };
    view! {
        <h1>{text(Key::TwoFactor)}</h1>
        <div class="card stack">
            {move || match recovery.get() {
                true => view! { <RecoveryForm flow restart /> }.into_any(),
                false => view! {
                    <p>{move || prompt()}</p>
                    <SecondFactorCode flow />
                    <ErrorSlot error=send_text.error() />
                    <div class="actions">
                        {move || can_text.get().then(|| view! {
                            <ResendButton
                                busy=sending
                                cooldown=Signal::derive(cooldown)
                                on_click=Callback::new(move |()| send_text.dispatch(()))
                            >
                                {move || text_button_label()}
                            </ResendButton>
                        })}
                        {move || can_use_app.get().then(|| view! {
                            <button
                                type="button"
                                class="button secondary"
                                on:click=move |_| {
                                    flow.update(|s| s.iter_mut().for_each(SecondFactor::use_app));
                                    focus_code();
                                }
                            >
                                {text(Key::UseAppInstead)}
                            </button>
                        })}
                    </div>
                    {has_recovery_codes
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="link-button"
                                    on:click=move |_| {
                                        flow.update(|s| s.iter_mut().for_each(SecondFactor::use_recovery_code))
                                    }
                                >
                                    {text(Key::UseRecoveryCode)}
                                </button>
                            }
                        })}
                }
                .into_any(),
            }}
        </div>
    }
}

#[component]
fn SecondFactorCode(flow: RwSignal<Option<SecondFactor>>) -> impl IntoView {
    let api = expect_context::<Api>();
    let entry = RwSignal::new(CodeEntry::default());
    let on_send = use_code_submit(
        entry,
        move |code| {
            let api = api.clone();
            let step = flow.with_untracked(|s| s.as_ref().map(|s| (s.challenge.clone(), s.method)));
            async move {
                let (challenge, method) = step.ok_or(ApiError::SignInExpired)?;
                api.sign_in_code(&challenge, method, &code).await
            }
        },
        |()| {},
        |_| {},
    );
    view! { <CodeForm entry on_send submit_label=Key::Verify /> }
}

#[component]
fn RecoveryForm(flow: RwSignal<Option<SecondFactor>>, restart: Callback<()>) -> impl IntoView {
    let api = expect_context::<Api>();
    let code = RwSignal::new(String::new());
    let submit = ApiCall::new(
        move |code: &String| {
            let (api, code) = (api.clone(), code.clone());
            let challenge = flow.with_untracked(|s| s.as_ref().map(|s| s.challenge.clone()));
            async move {
                let challenge = challenge.ok_or(ApiError::SignInExpired)?;
                api.sign_in_recovery(&challenge, &code).await
            }
        },
        |_| {},
    );
    let busy = submit.pending();
    // The form replaces the button that asked for it: its field takes the focus.
    focus_soon(RECOVERY_CODE_ID, false);
    let on_submit = on_recovery_code_submit(code, submit);
    view! {
        <p>{text(Key::RecoveryPrompt)}</p>
        <form class="stack" on:submit=on_submit>
            <TextField id=RECOVERY_CODE_ID label=Key::RecoveryCode value=code autocomplete="off" />
            <ErrorSlot error=submit.error() />
            <button type="submit" class="button primary" aria-busy=move || busy.get().to_string() disabled=busy>
                {text(Key::SignIn)}
            </button>
        </form>
        <div class="actions">
            <button
                type="button"
                class="link-button"
                on:click=move |_| flow.update(|s| s.iter_mut().for_each(SecondFactor::use_code))
            >
                {text(Key::UseCodeInstead)}
            </button>
            <button type="button" class="link-button" on:click=move |_| restart.run(())>
                {text(Key::StartAgain)}
            </button>
        </div>
    }
}
