//! `/security`: the two-factor status, each method's setup and turn-off steps, the default method
//! and the recovery codes. One step is open at a time; finishing one reloads the status in place.

use crate::api::Api;
use crate::api_call::ApiCall;
use crate::browser::focus_now;
use crate::components::alert::ErrorAlert;
use crate::components::default_method::DefaultMethod;
use crate::components::method_row::MethodRow;
use crate::components::recovery_section::RecoverySection;
use crate::components::send_on::SendOn;
use crate::components::sms_setup::SmsSetup;
use crate::components::totp_setup::TotpSetup;
use crate::components::turn_off::TurnOff;
use crate::domain::account::{AccountStatus, Method};
use crate::domain::recovery::RecoveryCodes;
use crate::i18n::{display_date, t, text, tf, Key};
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

/// What the page's parts share: the status, the open step, the announcement, codes to show, and
/// reloading.
#[derive(Clone, Copy)]
struct PageState {
    /// The account's status once it has loaded; a reload replaces it in place, so the views that
    /// read it stay mounted (and the focus where it is).
    status: RwSignal<Option<AccountStatus>>,
    step: RwSignal<Option<Step>>,
    announcement: RwSignal<String>,
    fresh_codes: RwSignal<Option<RecoveryCodes>>,
    reload: Callback<()>,
}

#[component]
fn SecuritySettings() -> impl IntoView {
    let api = expect_context::<Api>();
    let session = api.session();
    let status = RwSignal::new(None);
    let load = ApiCall::new(
        move |_: &()| {
            let api = api.clone();
            async move { api.status().await }
        },
        move |result| {
            if let Ok(loaded) = result {
                status.set(Some(loaded));
            }
        },
    );
    load.dispatch(());
    let state = PageState {
        status,
        step: RwSignal::new(None),
        announcement: RwSignal::new(session.notice().map(|notice| notice.to_string()).unwrap_or_default()),
        fresh_codes: RwSignal::new(None),
        reload: Callback::new(move |()| load.dispatch(())),
    };
    let loaded = Memo::new(move |_| status.with(Option::is_some));
    let (error, pending) = (load.error(), load.pending());
    view! {
        <main id="main" class="page">
            <h1>{text(Key::Security)}</h1>
            <p class="announcement" role="status">
                {move || state.announcement.get()}
            </p>
            // Loading is shown only until the status first arrives. A reload that fails keeps
            // the settings as they were and says why above them, with "Try again".
            {move || match error.get().filter(|_| loaded.get() || !pending.get()) {
                Some(error) => {
                    view! {
                        <section class="card">
                            <ErrorAlert error retry=state.reload />
                        </section>
                    }
                        .into_any()
                }
                None => {
                    (!loaded.get())
                        .then(|| {
                            view! {
                                <section class="card">
                                    <p class="loading" role="status">{text(Key::LoadingSettings)}</p>
                                </section>
                            }
                        })
                        .into_any()
                }
            }}
            {move || loaded.get().then(|| view! { <Settings state /> })}
        </main>
    }
}

#[component]
fn Settings(state: PageState) -> impl IntoView {
    let capabilities = expect_context::<Api>().capabilities();
    let status = state.status.read_only();
    let on = Memo::new(move |_| status.with(|s| s.as_ref().is_some_and(AccountStatus::two_factor_enabled)));
    let rows = Method::ALL.map(|method| {
        view! {
            <MethodRow method status>
                <MethodAction method state />
            </MethodRow>
        }
    });
    let show_selector = Memo::new(move |_| capabilities.default_method && on.get());
    let on_saved = Callback::new(move |method: Method| {
        state.announcement.set(tf(Key::DefaultSaved, &[method.label()]));
        // Shown at once; the reload then brings what the server made of it.
        state.status.update(|status| {
            if let Some(status) = status {
                status.default_method = Some(method);
            }
        });
        state.reload.run(());
    });
    let show_recovery =
        Memo::new(move |_| capabilities.recovery_codes && (on.get() || state.fresh_codes.with(Option::is_some)));
    view! {
        <section class="card stack" aria-labelledby="two-factor-heading">
            <h2 id="two-factor-heading">{text(Key::TwoFactor)}</h2>
            <p class="status-line" class:on=on>
                {move || t(if on.get() { Key::TwoFactorOn } else { Key::TwoFactorOff })}
            </p>
            {move || {
                status
                    .with(|s| s.as_ref().and_then(|s| s.last_used_at.as_deref().and_then(display_date)))
                    .map(|date| view! { <p class="detail">{tf(Key::LastUsed, &[&date])}</p> })
            }}
            <div class="method-list">{rows}</div>
            {move || show_selector.get().then(|| view! { <DefaultMethod status on_saved /> })}
        </section>
        {move || {
            show_recovery
                .get()
                .then(|| view! { <RecoverySection status fresh=state.fresh_codes on_changed=state.reload /> })
        }}
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

/// A method's action: its button ("Set up …" or "Turn off …", following the status) and, in its
/// place while open, the step the button opens. The button stays in the document, hidden while
/// its step is open, so closing the step gives the focus back to the very control that opened it.
#[component]
fn MethodAction(method: Method, state: PageState) -> impl IntoView {
    let status = state.status;
    let enabled = Memo::new(move |_| status.with(|s| s.as_ref().is_some_and(|s| s.method(method).enabled)));
    let step = move || {
        if enabled.get() {
            Step::TurnOff(method)
        } else {
            Step::Setup(method)
        }
    };
    let open = Memo::new(move |_| state.step.get() == Some(step()));
    let name = method.wire_name();
    let button_id = Signal::derive(move || match step() {
        Step::Setup(_) => format!("set-up-{name}"),
        Step::TurnOff(_) => format!("turn-off-{name}"),
    });
    let close = move |focus_opener: bool| {
        state.step.set(None);
        if focus_opener {
            // Once the button is shown again, by the id it has then (a reload may have renamed it).
            request_animation_frame(move || focus_now(&button_id.get_untracked()));
        }
    };
    // A finished step: the row's button follows the new status ("Turn off …" after a setup),
    // and keeps the focus unless new recovery codes are shown to be saved (they take it).
    let finish = move |message: String| {
        close(state.fresh_codes.with_untracked(Option::is_none));
        state.announcement.set(message);
        state.reload.run(());
    };
    let on_setup_done = Callback::new(move |codes: Option<Vec<String>>| {
        if let Some(codes) = codes {
            state.fresh_codes.set(Some(RecoveryCodes::fresh(codes, None)));
        }
        finish(tf(Key::MethodIsOn, &[method.label()]));
    });
    let on_turned_off = Callback::new(move |()| finish(tf(Key::MethodIsOff, &[method.label()])));
    let on_cancel = Callback::new(move |()| close(true));
    view! {
        <button
            id=button_id
            type="button"
            class="button secondary"
            hidden=open
            on:click=move |_| {
                state.announcement.set(String::new());
                state.step.set(Some(step()));
            }
        >
            {move || {
                t(match (method, enabled.get()) {
                    (Method::Totp, false) => Key::SetUpTotp,
                    (Method::Sms, false) => Key::SetUpSms,
                    (Method::Totp, true) => Key::TurnOffTotp,
                    (Method::Sms, true) => Key::TurnOffSms,
                })
            }}
        </button>
        {move || {
            open.get()
                .then(|| match step() {
                    Step::Setup(Method::Totp) => view! { <TotpSetup on_done=on_setup_done on_cancel /> }.into_any(),
                    Step::Setup(Method::Sms) => view! { <SmsSetup on_done=on_setup_done on_cancel /> }.into_any(),
                    Step::TurnOff(_) => {
                        let warning =
                            Signal::derive(move || status.with(|s| s.as_ref().and_then(|s| turn_off_warning(method, s))));
                        view! { <TurnOff method warning on_done=on_turned_off on_cancel /> }.into_any()
                    }
                })
        }}
    }
}
