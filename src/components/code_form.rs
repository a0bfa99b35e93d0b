//! The code step shared by setup, turn-off and sign-in: the code field, the error (with a live
//! countdown after "too many attempts"), the submit button and Cancel. One request at a time.

use crate::api::ApiError;
use crate::browser::{keep_focus, now_ms, select_soon};
use crate::call_results::on_result;
use crate::components::alert::ErrorAlert;
use crate::components::cancel_button::CancelButton;
use crate::components::code_input::CodeInput;
use crate::components::countdown::use_now;
use crate::components::sms_autofill::SmsAutofill;
use crate::domain::code::normalize_recovery_code;
use crate::flow::code_entry::CodeEntry;
use crate::i18n::{text, Key};
use leptos::html::Input;
use leptos::prelude::*;
use std::future::Future;

/// Wires a code entry to an API call: returns the callback that sends a code. Success resets the
/// entry and calls `on_ok`; failure keeps the code, shows the error, calls `on_err` and puts the
/// focus back in the code `field`.
pub fn use_code_submit<T, Fut>(
    entry: RwSignal<CodeEntry>,
    field: NodeRef<Input>,
    call: impl Fn(String) -> Fut + 'static,
    on_ok: impl Fn(T) + 'static,
    on_err: impl Fn(&ApiError) + 'static,
) -> Callback<String>
where
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let send = Action::new_local(move |code: &String| keep_focus(call(code.clone())));
    on_result(send, move |result| match result {
        Ok(value) => {
            entry.update(CodeEntry::succeeded);
            on_ok(value.clone());
        }
        Err(error) => {
            on_err(error);
            entry.update(|e| e.failed(error.clone(), now_ms()));
            // The field was disabled while the code was checked: back in it, the kept code
            // selected, so the next code replaces it.
            select_soon(field);
        }
    });
    Callback::new(move |code| {
        send.dispatch(code);
    })
}

/// The submit handler of a recovery-code form: the typed code, normalised, goes to `call` unless
/// it is blank or a call is already running.
pub fn on_recovery_code_submit<T: Send + Sync + 'static>(
    code: RwSignal<String>,
    call: Action<String, Result<T, ApiError>>,
) -> impl Fn(leptos::ev::SubmitEvent) + Copy {
    move |ev| {
        ev.prevent_default();
        let typed = normalize_recovery_code(&code.get_untracked());
        if !call.pending().get_untracked() && !typed.is_empty() {
            call.dispatch(typed);
        }
    }
}

#[component]
pub fn CodeForm(
    entry: RwSignal<CodeEntry>,
    on_send: Callback<String>,
    submit_label: Key,
    /// The code field, for the step to move the focus to it.
    #[prop(optional)]
    field: NodeRef<Input>,
    #[prop(optional)] on_cancel: Option<Callback<()>>,
    /// A hint under the error (clock drift, expiry), when there is one.
    #[prop(optional, into)]
    hint: Option<Signal<Option<String>>>,
    /// Leave the focus on the step's heading (see [`CodeInput`]).
    #[prop(optional)]
    skip_focus: bool,
    /// Whether the code asked for comes by text message: the browser may then read it (WebOTP).
    #[prop(optional, into)]
    texted: Signal<bool>,
) -> impl IntoView {
    let now = use_now();
    let busy = Signal::derive(move || entry.with(|e| e.busy));
    let on_input = Callback::new(move |raw: String| {
        if let Some(code) = entry.try_update(|e| e.type_code(&raw, now_ms())).flatten() {
            on_send.run(code);
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(code) = entry.try_update(|e| e.submit(now_ms())).flatten() {
            on_send.run(code);
        }
    };
    // "Try again" after a failure where that helps sends the kept code again: only when the
    // person presses it, never by itself.
    let retry = Callback::new(move |()| {
        if let Some(code) = entry.try_update(|e| e.submit(now_ms())).flatten() {
            on_send.run(code);
        }
    });
    // A new alert for each failure, so a rate limit's countdown starts from its own Retry-After.
    let error_view = move || {
        entry
            .with(|e| e.error.clone())
            .map(|error| view! { <ErrorAlert error retry /> })
    };
    view! {
        <form class="code-form stack" on:submit=on_submit novalidate>
            <CodeInput
                value=Signal::derive(move || entry.with(|e| e.code.clone()))
                on_input
                disabled=busy
                field
                skip_focus
            />
            {move || texted.get().then(|| view! { <SmsAutofill on_code=on_input /> })}
            {error_view}
            {hint.map(|hint| move || hint.get().map(|text| view! { <p class="hint">{text}</p> }))}
            <div class="actions">
                <button
                    type="submit"
                    class="button primary"
                    aria-busy=move || busy.get().to_string()
                    disabled=move || busy.get() || entry.with(|e| e.waiting(now.get()))
                >
                    {text(submit_label)}
                </button>
                {on_cancel.map(|on_cancel| view! { <CancelButton on_cancel /> })}
            </div>
        </form>
    }
}
