//! `/security`: the two-factor status, each method's setup and turn-off steps, the default method
//! and the recovery codes. One step is open at a time; finishing one reloads the status.

use crate::api::Api;
use crate::browser::{focus_soon, take_focus_request};
use crate::components::alert::ErrorAlert;
use crate::components::default_method::DefaultMethod;
use crate::components::method_row::MethodRow;
use crate::components::recovery_section::{RecoveryFocus, RecoverySection};
use crate::components::send_on::SendOn;
use crate::components::sms_setup::SmsSetup;
use crate::components::totp_setup::TotpSetup;
use crate::components::turn_off::TurnOff;
use crate::domain::account::{AccountStatus, Method};
use crate::domain::recovery::RecoveryCodes;
use crate::i18n::{display_date, t, tf, Key};
use crate::session::Session;
use leptos::prelude::*;

#[component]
pub fn SecurityPage() -> impl IntoView {
    let session = expect_context::<Session>();
    // A memo, so the page is built again only when signing in or out, not on every session change.
    let signed_in = Memo::new(move |_| session.signed_in());
    move || match signed_in.get() {
        true => view! { <SecuritySettings /> }.into_any(),
        false => view! { <SendOn path="/sign-in" /> }.into_any(),
    }
}

/// The step open on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Setup(Method),
    TurnOff(Method),
}

impl Step {
    /// The step the method's row offers once this one has succeeded.
    fn next(self) -> Step {
        match self {
            Step::Setup(m) => Step::TurnOff(m),
            Step::TurnOff(m) => Step::Setup(m),
        }
    }
}

/// What takes the focus when the settings are shown again. A closed step or a reload removes the
/// element that had it, which would leave the focus on the page's body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Focus {
    /// The button that opens this step.
    Opener(Step),
    /// The default-method selector, after a change was saved.
    DefaultMethod,
}

/// What the page's parts share: the open step, the announcement, codes to show, and reloading.
#[derive(Clone, Copy)]
struct PageState {
    step: RwSignal<Option<Step>>,
    announcement: RwSignal<String>,
    fresh_codes: RwSignal<Option<RecoveryCodes>>,
    /// What gets the focus back when its step closes or the status is reloaded.
    return_focus: RwSignal<Option<Focus>>,
    /// The same for the recovery-codes section.
    recovery_focus: RwSignal<Option<RecoveryFocus>>,
    reload: Callback<()>,
}

impl PageState {
    /// Closes the open step, says what happened and reloads the status. The focus goes to new
    /// recovery codes when there are some to save, else to the row's new button ("Turn off …"
    /// after a setup, "Set up …" after turning off).
    fn finish(&self, message: String) {
        if self.fresh_codes.with_untracked(Option::is_some) {
            self.recovery_focus.set(Some(RecoveryFocus::Codes));
        } else {
            self.return_focus
                .set(self.step.get_untracked().map(|step| Focus::Opener(step.next())));
        }
        self.step.set(None);
        self.announcement.set(message);
        self.reload.run(());
    }
}

#[component]
fn SecuritySettings() -> impl IntoView {
    let api = expect_context::<Api>();
    let session = api.session();
    let status = LocalResource::new(move || {
        let api = api.clone();
        async move { api.status().await }
    });
    let state = PageState {
        step: RwSignal::new(None),
        announcement: RwSignal::new(session.notice().map(|notice| notice.to_string()).unwrap_or_default()),
        fresh_codes: RwSignal::new(None),
        return_focus: RwSignal::new(None),
        recovery_focus: RwSignal::new(None),
        reload: Callback::new(move |()| status.refetch()),
    };
    view! {
        <main id="main" class="page">
            <h1>{t(Key::Security)}</h1>
            <p class="announcement" role="status">
                {move || state.announcement.get()}
            </p>
            {move || match status.get() {
                None => {
                    view! {
                        <section class="card">
                            <p class="loading" role="status">{t(Key::LoadingSettings)}</p>
                        </section>
                    }
                        .into_any()
                }
                Some(Ok(status)) => view! { <Settings status state /> }.into_any(),
                Some(Err(error)) => {
                    view! {
                        <section class="card">
                            <ErrorAlert error retry=state.reload />
                        </section>
                    }
                        .into_any()
                }
            }}
        </main>
    }
}

#[component]
fn Settings(status: AccountStatus, state: PageState) -> impl IntoView {
    let capabilities = expect_context::<Api>().capabilities();
    let on = status.two_factor_enabled();
    let enabled: Vec<Method> = Method::ALL.into_iter().filter(|m| status.method(*m).enabled).collect();
    let rows = Method::ALL
        .into_iter()
        .map(|method| {
            let row_state = status.method(method).clone();
            let is_default = status.default_method == Some(method);
            let warning = turn_off_warning(method, &status);
            view! {
                <MethodRow method state=row_state.clone() is_default>
                    <MethodAction method enabled=row_state.enabled warning state />
                </MethodRow>
            }
        })
        .collect_view();
    let default_selector = (capabilities.default_method && !enabled.is_empty()).then(|| {
        let on_saved = Callback::new(move |method: Method| {
            state.announcement.set(tf(Key::DefaultSaved, &[method.label()]));
            state.return_focus.set(Some(Focus::DefaultMethod));
            state.reload.run(());
        });
        let take_focus = take_focus_request(state.return_focus, Focus::DefaultMethod);
        view! { <DefaultMethod enabled=enabled.clone() current=status.default_method on_saved take_focus /> }
    });
    let show_recovery = capabilities.recovery_codes && (on || state.fresh_codes.get_untracked().is_some());
    let recovery = show_recovery.then(|| {
        view! {
            <RecoverySection
                left=status.recovery_codes_left
                account=status.email.clone().unwrap_or_default()
                fresh=state.fresh_codes
                focus=state.recovery_focus
                on_changed=state.reload
            />
        }
    });
    let last_used = status.last_used_at.as_deref().and_then(display_date);
    view! {
        <section class="card stack" aria-labelledby="two-factor-heading">
            <h2 id="two-factor-heading">{t(Key::TwoFactor)}</h2>
            <p class="status-line" class:on=on>
                {t(if on { Key::TwoFactorOn } else { Key::TwoFactorOff })}
            </p>
            {last_used.map(|date| view! { <p class="detail">{tf(Key::LastUsed, &[&date])}</p> })}
            <div class="method-list">{rows}</div>
            {default_selector}
        </section>
        {recovery}
    }
}

/// What to say before a method is turned off: that 2FA goes off with the last method, or which
/// method becomes the default.
fn turn_off_warning(method: Method, status: &AccountStatus) -> Option<String> {
    let other = Method::ALL
        .into_iter()
        .find(|m| *m != method && status.method(*m).enabled);
    match other {
        None => Some(t(Key::OnlyMethodWarning).to_string()),
        Some(other) if status.default_method == Some(method) => Some(tf(Key::DefaultWillChange, &[other.label()])),
        Some(_) => None,
    }
}

#[component]
fn MethodAction(method: Method, enabled: bool, warning: Option<String>, state: PageState) -> impl IntoView {
    let on_setup_done = Callback::new(move |codes: Option<Vec<String>>| {
        if let Some(codes) = codes {
            state.fresh_codes.set(Some(RecoveryCodes::fresh(codes, None)));
        }
        state.finish(tf(Key::MethodIsOn, &[method.label()]));
    });
    let on_turned_off = Callback::new(move |()| state.finish(tf(Key::MethodIsOff, &[method.label()])));
    let (open_step, label) = if enabled {
        let key = match method {
            Method::Totp => Key::TurnOffTotp,
            Method::Sms => Key::TurnOffSms,
        };
        (Step::TurnOff(method), t(key))
    } else {
        let key = match method {
            Method::Totp => Key::SetUpTotp,
            Method::Sms => Key::SetUpSms,
        };
        (Step::Setup(method), t(key))
    };
    let on_cancel = Callback::new(move |()| {
        state.return_focus.set(Some(Focus::Opener(open_step)));
        state.step.set(None);
    });
    move || {
        if state.step.get() == Some(open_step) {
            match open_step {
                Step::Setup(Method::Totp) => view! { <TotpSetup on_done=on_setup_done on_cancel /> }.into_any(),
                Step::Setup(Method::Sms) => view! { <SmsSetup on_done=on_setup_done on_cancel /> }.into_any(),
                Step::TurnOff(_) => {
                    view! { <TurnOff method warning=warning.clone() on_done=on_turned_off on_cancel /> }.into_any()
                }
            }
        } else {
            let id = match open_step {
                Step::Setup(method) => format!("set-up-{}", method.wire_name()),
                Step::TurnOff(method) => format!("turn-off-{}", method.wire_name()),
            };
            if take_focus_request(state.return_focus, Focus::Opener(open_step)) {
                focus_soon(id.clone(), false);
            }
            view! {
                <button
                    id=id
                    type="button"
                    class="button secondary"
                    on:click=move |_| {
                        state.announcement.set(String::new());
                        state.step.set(Some(open_step));
                    }
                >
                    {label}
                </button>
            }
            .into_any()
        }
    }
}
