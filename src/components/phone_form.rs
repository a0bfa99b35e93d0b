//! The number step of setting up text messages: country and phone number, checked, then "Send
//! code".

use crate::browser::{focus_soon, keep_focus, now_ms, region_names};
use crate::call_results::{latest_error, on_result};
use crate::components::alert::alert;
use crate::components::error_slot::ErrorSlot;
use crate::components::form_buttons::FormButtons;
use crate::components::step_up::{shown_error, Confirmable};
use crate::components::text_field::TextField;
use crate::domain::phone::{country, Country, COUNTRIES};
use crate::flow::sms_setup::SmsSetup as Setup;
use crate::i18n::{self, text, Key, Lang};
use leptos::html::Input;
use leptos::prelude::*;

#[component]
pub fn PhoneForm(
    region: RwSignal<String>,
    number: RwSignal<String>,
    setup: RwSignal<Setup>,
    /// Texts a code to the number the setup holds.
    send: Confirmable,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let send = Action::new_local(move |_: &()| keep_focus(send(None)));
    on_result(send, move |result| {
        if let Err(error) = result {
            setup.update(|s| s.send_failed(error, now_ms()));
        }
    });
    // Back from the code to change the number: the number field takes the focus.
    let phone = NodeRef::<Input>::new();
    if setup.with_untracked(|s| s.changing_number) {
        focus_soon(phone);
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
                id="sms-phone"
                label=Key::PhoneNumber
                value=number
                kind="tel"
                autocomplete="tel-national"
                inputmode="tel"
                help=Key::PhoneHelp
                field=phone
            />
            {move || setup.with(|s| s.problem).map(|problem| alert(view! { <p>{text(problem.key())}</p> }, None))}
            <ErrorSlot error=shown_error(latest_error(send)) retry />
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
