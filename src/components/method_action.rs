//! A method's action on the security page: "Set up …" or "Turn off …", and the step it opens.

use crate::browser::focus_soon;
use crate::components::method_step::{MethodStep, Step};
use crate::domain::account::{AccountStatus, Method};
use crate::domain::recovery::RecoveryCodes;
use crate::i18n::{t, Key, Message, Value};
use leptos::html::Button;
use leptos::prelude::*;

/// A message about `method`, its name as `{0}`.
pub fn method_message(key: Key, method: Method) -> Message {
    Message::Text(key, vec![Value::Text(method.name_key())])
}

/// A method's action: its button ("Set up …" or "Turn off …", following the status) and, in its
/// place while open, the step the button opens. The button stays in the document, hidden while
/// its step is open, so closing the step gives the focus back to the very control that opened it.
#[component]
pub fn MethodAction(
    method: Method,
    /// The account's status, once loaded: whether the method is on.
    #[prop(into)]
    status: Signal<Option<AccountStatus>>,
    /// The step open on the page, shared by the methods' rows (one is open at a time).
    open_step: RwSignal<Option<Step>>,
    /// Recovery codes given with a new method, shown to be saved (they take the focus).
    fresh_codes: RwSignal<Option<RecoveryCodes>>,
    /// The step is being opened.
    on_open: Callback<()>,
    /// A step finished: what to announce.
    on_finished: Callback<Message>,
) -> impl IntoView {
    let enabled = Memo::new(move |_| status.with(|s| s.as_ref().is_some_and(|s| s.method(method).enabled)));
    let step = move || {
        if enabled.get() {
            Step::TurnOff(method)
        } else {
            Step::Setup(method)
        }
    };
    let open = Memo::new(move |_| open_step.get() == Some(step()));
    let button = NodeRef::<Button>::new();
    let close = move |focus_opener: bool| {
        open_step.set(None);
        if focus_opener {
            // Once the button is shown again (a reload may have renamed it: the same button).
            focus_soon(button);
        }
    };
    // A finished step: the row's button follows the new status ("Turn off …" after a setup),
    // and keeps the focus unless new recovery codes are shown to be saved (they take it).
    let finish = move |message: Message| {
        close(fresh_codes.with_untracked(Option::is_none));
        on_finished.run(message);
    };
    let on_setup_done = Callback::new(move |codes: Option<Vec<String>>| {
        if let Some(codes) = codes {
            fresh_codes.set(Some(RecoveryCodes::fresh(codes, None)));
        }
        finish(method_message(Key::MethodIsOn, method));
    });
    let on_turned_off = Callback::new(move |()| finish(method_message(Key::MethodIsOff, method)));
    let on_cancel = Callback::new(move |()| close(true));
    view! {
        <button
            node_ref=button
            type="button"
            class="button secondary"
            hidden=open
            on:click=move |_| {
                on_open.run(());
                open_step.set(Some(step()));
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
                .then(|| view! { <MethodStep step=step() status on_setup_done on_turned_off on_cancel /> })
        }}
    }
}
