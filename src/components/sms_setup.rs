//! The text-message setup step, a view of [`crate::flow::sms_setup`]: country and number, then
//! "We sent a code to …" with a live expiry, Resend with a visible cooldown, Change number, and the code.

use crate::api::{Api, ApiError, SmsEnrollment};
use crate::api_call::ApiCall;
use crate::browser::focus_soon;
use crate::browser::now_ms;
use crate::browser::region_names;
use crate::components::alert::ErrorSlot;
use crate::components::code_form::{use_code_submit, CodeForm};
use crate::components::countdown::use_now;
use crate::components::form_buttons::FormButtons;
use crate::components::resend_button::ResendButton;
use crate::components::step_up::{shown_error, ConfirmStep, Confirmable};
use crate::components::text_field::TextField;
use crate::domain::account::Confirmation;
use crate::domain::countdown::clock;
use crate::domain::phone::Country;
use crate::domain::phone::{country, default_region, COUNTRIES};
use crate::flow::code_entry::CodeEntry;
use crate::flow::sms_setup::{Number, Phase, SmsSetup as Setup};
use crate::i18n::{self, t, text, tf, Key, Lang};
use leptos::prelude::*;
use std::sync::Arc;

/// The step's heading, focused when the step opens.
const STEP_HEADING_ID: &str = "sms-step-heading";
/// The number field, focused when the person comes back to change the number.
const PHONE_ID: &str = "sms-phone";

#[component]
pub fn SmsSetup(on_done: Callback<Option<Vec<String>>>, on_cancel: Callback<()>) -> impl IntoView {
    let api = expect_context::<Api>();
    let locale = api.config().locale.clone().unwrap_or_else(browser_locale);
    let region = RwSignal::new(default_region(&locale).to_string());
    let number = RwSignal::new(String::new());
    let setup = RwSignal::new(Setup::default());
    // Only a change of phase swaps the form: a send, an error or a resend updates it in place.
    // (Two `Memo<bool>` rather than one of the phase: the app has their code already, 0.4 KB.)
    let confirming = Memo::new(move |_| setup.with(|s| matches!(s.phase, Phase::Confirm(_))));
    let texted = Memo::new(move |_| setup.with(|s| s.phase == Phase::Code));
    // The text to the number given, first without and then with the person's confirmation (step-up).
    let send: Confirmable = Arc::new(move |confirm| {
        let (api, to) = (api.clone(), setup.with_untracked(|s| s.number().clone()));
        Box::pin(async move {
            let enrollment = send_to(&api, &to, confirm).await?;
            setup.update(|s| s.sent(enrollment, now_ms()));
            Ok(())
        })
    });
    // The step opens with the focus on its heading, so the next Tab reaches its first field.
    focus_soon(STEP_HEADING_ID, false);
    view! {
        <div class="step stack" role="group" aria-labelledby=STEP_HEADING_ID>
            <h4 id=STEP_HEADING_ID tabindex="-1">{text(Key::SetUpSmsHeading)}</h4>
            {move || match (confirming.get(), texted.get(), setup.with_untracked(|s| s.phase)) {
                (_, true, _) => view! { <SmsCode setup on_done on_cancel /> }.into_any(),
                (true, _, Phase::Confirm(step)) => view! { <ConfirmStep step change=send.clone() on_cancel /> }.into_any(),
                _ => view! { <PhoneForm region number setup send=send.clone() on_cancel /> }.into_any(),
            }}
        </div>
    }
}

fn browser_locale() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default()
}

/// Checks the number, then asks the server to text a code to it.
async fn send_to(api: &Api, to: &Number, confirm: Option<Confirmation>) -> Result<SmsEnrollment, ApiError> {
    let check = api.check_phone(&to.dial_code, &to.national).await?;
    if !check.valid {
        return Err(check.message.map_or(ApiError::CannotReceiveTexts, ApiError::Rejected));
    }
    let display = check
        .display
        .unwrap_or_else(|| format!("{} {}", to.dial_code, to.national));
    api.start_sms(&to.dial_code, &to.national, &display, confirm.as_ref())
        .await
}

/// Hands the answer to a request for a text to the setup.
fn texted(setup: RwSignal<Setup>) -> impl Fn(Result<SmsEnrollment, ApiError>) + Copy {
    move |result| {
        let now = now_ms();
        setup.update(|s| match result {
            Ok(enrollment) => s.sent(enrollment, now),
            Err(error) => s.send_failed(&error, now),
        });
    }
}

#[component]
fn PhoneForm(
    region: RwSignal<String>,
    number: RwSignal<String>,
    setup: RwSignal<Setup>,
    /// Texts a code to the number the setup holds.
    send: Confirmable,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let send = ApiCall::new(
        move |_: &()| send(None),
        move |result| {
            if let Err(error) = result {
                setup.update(|s| s.send_failed(&error, now_ms()));
            }
        },
    );
    // Back from the code to change the number: the number field takes the focus.
    if setup.with_untracked(|s| s.changing_number) {
        focus_soon(PHONE_ID, false);
    }
    let send_number = move || {
        let dial_code = country(&region.get_untracked()).map_or("+1", |c| c.dial_code);
        let typed = number.get_untracked();
        if setup
            .try_update(|s| s.submit_number(dial_code, &typed))
            .flatten()
            .is_some()
        {
            send.dispatch(());
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_number();
    };
    let retry = Callback::new(move |()| send_number());
    let options = country_options()
        .into_iter()
        .map(|(name, c)| {
            let region_code = c.region;
            view! {
                <option value=region_code selected=move || region.get() == region_code>
                    {format!("{name} ({})", c.dial_code)}
                </option>
            }
        })
        .collect_view();
    view! {
        <form class="stack" on:submit=on_submit novalidate>
            <div class="field">
                <label for="sms-country">{text(Key::Country)}</label>
                <select id="sms-country" on:change=move |ev| region.set(event_target_value(&ev))>
                    {options}
                </select>
            </div>
            <TextField
                id=PHONE_ID
                label=Key::PhoneNumber
                value=number
                kind="tel"
                autocomplete="tel-national"
                inputmode="tel"
                help=Key::PhoneHelp
            />
            {move || setup.with(|s| s.problem).map(|problem| view! { <div class="alert" role="alert"><p>{problem.message()}</p></div> })}
            <ErrorSlot error=shown_error(send.error()) retry />
            <FormButtons label=Key::SendCode busy=Signal::derive(move || setup.with(|s| s.sending)) on_cancel />
        </form>
    }
}

/// The countries with their names in the page's language, by name (English: the list as it is).
fn country_options() -> Vec<(String, &'static Country)> {
    let lang = i18n::current();
    let names = (lang != Lang::En).then(|| region_names(lang.tag())).flatten();
    let mut options: Vec<(String, &'static Country)> = COUNTRIES
        .iter()
        .map(|c| {
            let name = names.as_ref().and_then(|n| n.of(c.region)).map(String::from);
            (name.unwrap_or_else(|| c.name.to_string()), c)
        })
        .collect();
    if names.is_some() {
        options.sort_by(|a, b| a.0.cmp(&b.0));
    }
    options
}

#[component]
fn SmsCode(setup: RwSignal<Setup>, on_done: Callback<Option<Vec<String>>>, on_cancel: Callback<()>) -> impl IntoView {
    let api = expect_context::<Api>();
    let now = use_now();
    let entry = RwSignal::new(CodeEntry::default());
    let verify_api = api.clone();
    let on_send = use_code_submit(
        entry,
        move |code| {
            let (api, sent) = (verify_api.clone(), setup.with_untracked(|s| s.enrollment.clone()));
            async move { api.confirm_sms(&sent, &code).await }
        },
        move |codes| on_done.run(codes),
        |_| {},
    );
    let resend = ApiCall::new(
        move |sent: &SmsEnrollment| {
            let (api, sent) = (api.clone(), sent.clone());
            async move { api.resend_sms(&sent).await }
        },
        texted(setup),
    );
    let expiry = move || {
        setup.with(|s| s.expires_in(now.get())).map(|left| match left {
            0 => t(Key::CodeExpired).to_string(),
            left => tf(Key::CodeExpiresIn, &[&clock(left)]),
        })
    };
    let ask_again = Callback::new(move |()| {
        if let Some(sent) = setup.try_update(|s| s.resend(now_ms())).flatten() {
            resend.dispatch(sent);
        }
    });
    view! {
        <div class="stack">
            <p role="status">{move || setup.with(|s| tf(Key::WeSentCodeTo, &[&s.enrollment.destination]))}</p>
            <p class="detail">{move || expiry()}</p>
            <CodeForm entry on_send submit_label=Key::Verify on_cancel />
            <ErrorSlot error=resend.error() />
            <div class="actions">
                <ResendButton
                    busy=Signal::derive(move || setup.with(|s| s.sending))
                    cooldown=Signal::derive(move || setup.with(|s| s.resend_cooldown(now.get())))
                    on_click=ask_again
                >
                    {text(Key::ResendCode)}
                </ResendButton>
                <button type="button" class="button secondary" on:click=move |_| setup.update(Setup::change_number)>
                    {text(Key::ChangeNumber)}
                </button>
            </div>
        </div>
    }
}
