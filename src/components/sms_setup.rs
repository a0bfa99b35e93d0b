//! The text-message setup step: country and number (checked before anything is sent), then
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
use crate::components::step_up::{shown_error, ConfirmStep, Confirmed};
use crate::components::text_field::TextField;
use crate::domain::account::Confirmation;
use crate::domain::countdown::{clock, seconds_left};
use crate::domain::phone::Country;
use crate::domain::phone::{country, default_region, national_digits, COUNTRIES};
use crate::flow::code_entry::CodeEntry;
use crate::flow::sign_in::RESEND_COOLDOWN_SECS;
use crate::flow::step_up::StepUp;
use crate::i18n::{self, t, text, tf, Key, Lang};
use leptos::prelude::*;

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
    let sent = RwSignal::new(None::<SmsEnrollment>);
    // The server asks for a confirmation before it texts the number (dial code, national number).
    let confirming = RwSignal::new(None::<(StepUp, String, String)>);
    // "Change number" goes back to the number form, with the focus on the number to change.
    let changing_number = RwSignal::new(false);
    let change_number = Callback::new(move |()| {
        changing_number.set(true);
        sent.set(None);
    });
    // The step opens with the focus on its heading, so the next Tab reaches its first field.
    focus_soon(STEP_HEADING_ID, false);
    view! {
        <div class="step stack" role="group" aria-labelledby=STEP_HEADING_ID>
            <h4 id=STEP_HEADING_ID tabindex="-1">{text(Key::SetUpSmsHeading)}</h4>
            {move || match (sent.get(), confirming.get()) {
                (None, None) => {
                    let focus_number = changing_number.get_untracked();
                    view! { <PhoneForm region number sent confirming focus_number on_cancel /> }.into_any()
                }
                (None, Some((step, dial_code, national))) => {
                    let api = api.clone();
                    let again: Confirmed = std::rc::Rc::new(move |confirmation| {
                        let (api, dial_code, national) = (api.clone(), dial_code.clone(), national.clone());
                        Box::pin(async move {
                            let enrollment = send_to(&api, &dial_code, &national, Some(confirmation)).await?;
                            confirming.set(None);
                            sent.set(Some(enrollment));
                            Ok(())
                        })
                    });
                    view! { <ConfirmStep step confirmed=again on_cancel /> }.into_any()
                }
                (Some(enrollment), _) => view! { <SmsCode enrollment change_number on_done on_cancel /> }.into_any(),
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
async fn send_to(
    api: &Api,
    dial_code: &str,
    national: &str,
    confirm: Option<Confirmation>,
) -> Result<SmsEnrollment, ApiError> {
    let check = api.check_phone(dial_code, national).await?;
    if !check.valid {
        return Err(check.message.map_or(ApiError::CannotReceiveTexts, ApiError::Rejected));
    }
    let display = check.display.unwrap_or_else(|| format!("{dial_code} {national}"));
    api.start_sms(dial_code, national, &display, confirm.as_ref()).await
}

#[component]
fn PhoneForm(
    region: RwSignal<String>,
    number: RwSignal<String>,
    sent: RwSignal<Option<SmsEnrollment>>,
    confirming: RwSignal<Option<(StepUp, String, String)>>,
    /// Back from the code to change the number: the number field takes the focus.
    focus_number: bool,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    if focus_number {
        focus_soon(PHONE_ID, false);
    }
    // The number of the latest send: the step-up repeats that one.
    let last_sent = StoredValue::new((String::new(), String::new()));
    let send = ApiCall::new(
        move |(dial_code, national): &(String, String)| {
            let (api, dial_code, national) = (api.clone(), dial_code.clone(), national.clone());
            async move { send_to(&api, &dial_code, &national, None).await }
        },
        move |result| match result {
            Ok(enrollment) => sent.set(Some(enrollment)),
            Err(error) => {
                if let Some(step) = StepUp::asked(&error) {
                    let (dial_code, national) = last_sent.get_value();
                    confirming.set(Some((step, dial_code, national)));
                }
            }
        },
    );
    let local_error = RwSignal::new(None::<String>);
    let busy = send.pending();
    let send_number = move || {
        if busy.get_untracked() {
            return;
        }
        let dial_code = country(&region.get_untracked()).map(|c| c.dial_code).unwrap_or("+1");
        match national_digits(&number.get_untracked(), dial_code) {
            Ok(national) => {
                local_error.set(None);
                last_sent.set_value((dial_code.to_string(), national.clone()));
                send.dispatch((dial_code.to_string(), national));
            }
            Err(problem) => local_error.set(Some(problem.message().to_string())),
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
            {move || local_error.get().map(|text| view! { <div class="alert" role="alert"><p>{text}</p></div> })}
            <ErrorSlot error=shown_error(send.error()) retry />
            <FormButtons label=Key::SendCode busy on_cancel />
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
fn SmsCode(
    enrollment: SmsEnrollment,
    change_number: Callback<()>,
    on_done: Callback<Option<Vec<String>>>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let now = use_now();
    let current = RwSignal::new(enrollment.clone());
    let resend_at = RwSignal::new(now_ms() + RESEND_COOLDOWN_SECS * 1000.0);
    let entry = RwSignal::new(CodeEntry::default());
    let verify_api = api.clone();
    let on_send = use_code_submit(
        entry,
        move |code| {
            let (api, setup) = (verify_api.clone(), current.get_untracked());
            async move { api.confirm_sms(&setup, &code).await }
        },
        move |codes| on_done.run(codes),
        |_| {},
    );
    let resend = ApiCall::new(
        move |_: &()| {
            let (api, setup) = (api.clone(), current.get_untracked());
            async move { api.resend_sms(&setup).await }
        },
        move |result| {
            if let Ok(renewed) = result {
                current.set(renewed);
                resend_at.set(now_ms() + RESEND_COOLDOWN_SECS * 1000.0);
            }
        },
    );
    let cooldown = move || seconds_left(resend_at.get(), now.get());
    let expiry = move || {
        current
            .with(|c| c.expires_at_ms)
            .map(|at| match seconds_left(at, now.get()) {
                0 => t(Key::CodeExpired).to_string(),
                left => tf(Key::CodeExpiresIn, &[&clock(left)]),
            })
    };
    view! {
        <div class="stack">
            <p role="status">{move || current.with(|c| tf(Key::WeSentCodeTo, &[&c.destination]))}</p>
            <p class="detail">{expiry}</p>
            <CodeForm entry on_send submit_label=Key::Verify on_cancel />
            <ErrorSlot error=resend.error() />
            <div class="actions">
                <ResendButton
                    busy=resend.pending()
                    cooldown=Signal::derive(cooldown)
                    on_click=Callback::new(move |()| resend.dispatch(()))
                >
                    {text(Key::ResendCode)}
                </ResendButton>
                <button type="button" class="button secondary" on:click=move |_| change_number.run(())>
                    {text(Key::ChangeNumber)}
                </button>
            </div>
        </div>
    }
}
