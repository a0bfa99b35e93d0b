//! The turn-off step: asks for a current code of the method (sending one first for text
//! messages), warns when the method is the default or the last one, then turns it off.

use crate::api::{Api, DisableStart};
use crate::browser::{focus_soon, keep_focus};
use crate::call_results::on_result;
use crate::components::confirm_turn_off::ConfirmTurnOff;
use crate::components::step_failed::StepFailed;
use crate::domain::account::Method;
use crate::i18n::{t, text, Key};
use leptos::html::H4;
use leptos::prelude::*;

#[component]
pub fn TurnOff(
    method: Method,
    /// Said before anything is turned off (last or default method), in the page's language.
    #[prop(into)]
    warning: Signal<Option<String>>,
    on_done: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    // Asked at once, and again by "Try again": the answer shown stays until the next one.
    let start = Action::new_local(move |_: &()| {
        let api = api.clone();
        keep_focus(async move { api.start_disable(method).await })
    });
    on_result(start, move |result| {
        // Some backends need no code: the method is off already.
        if matches!(result, Ok(DisableStart::Done)) {
            on_done.run(());
        }
    });
    start.dispatch(());
    let retry = Callback::new(move |()| {
        start.dispatch(());
    });
    let heading_id = format!("turn-off-{}-heading", method.wire_name());
    let labelled_by = heading_id.clone();
    // The step opens with the focus on its heading (the button that opened it is gone), so the
    // warning under it is read before the code is asked for.
    let heading = NodeRef::<H4>::new();
    focus_soon(heading);
    view! {
        <div class="step stack" role="group" aria-labelledby=labelled_by>
            <h4 id=heading_id tabindex="-1" node_ref=heading>
                {t(match method {
                    Method::Totp => Key::TurnOffTotpHeading,
                    Method::Sms => Key::TurnOffSmsHeading,
                })}
            </h4>
            {move || warning.get().map(|text| view! { <p class="warning">{text}</p> })}
            {move || match start.value().get() {
                None => view! { <p class="loading" role="status">{text(Key::Preparing)}</p> }.into_any(),
                Some(Err(error)) => view! { <StepFailed error retry on_cancel /> }.into_any(),
                Some(Ok(DisableStart::Done)) => view! { <p role="status">{text(Key::TurnedOff)}</p> }.into_any(),
                Some(Ok(DisableStart::Code(challenge))) => {
                    view! { <ConfirmTurnOff method challenge on_done on_cancel /> }.into_any()
                }
            }}
        </div>
    }
}
