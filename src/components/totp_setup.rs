//! The authenticator-app setup step: asks the server for a new key ("Confirm it's you" where it
//! wants that first), then shows it to be scanned and checked.

use crate::api::{Api, TotpEnrollment};
use crate::browser::{focus_soon, keep_focus};
use crate::call_results::latest_error;
use crate::components::step_failed::StepFailed;
use crate::components::step_up::{ConfirmStep, Confirmable};
use crate::components::totp_scan::TotpScan;
use crate::flow::step_up::StepUp;
use crate::i18n::{text, Key};
use leptos::html::H4;
use leptos::prelude::*;
use std::sync::Arc;

/// The step's heading, which names it.
const STEP_HEADING_ID: &str = "totp-step-heading";

#[component]
pub fn TotpSetup(on_done: Callback<Option<Vec<String>>>, on_cancel: Callback<()>) -> impl IntoView {
    let api = expect_context::<Api>();
    // The key to scan: given by the first call, or once the person confirmed the change (step-up).
    let enrollment = RwSignal::new(None::<TotpEnrollment>);
    let ask_key: Confirmable = Arc::new(move |confirm| {
        let api = api.clone();
        Box::pin(async move {
            enrollment.set(Some(api.start_totp(confirm.as_ref()).await?));
            Ok(())
        })
    });
    let first_try = ask_key.clone();
    let start = Action::new_local(move |_: &()| keep_focus(first_try(None)));
    start.dispatch(());
    let retry = Callback::new(move |()| {
        start.dispatch(());
    });
    let failure = latest_error(start);
    // The step opens with the focus on its heading (the button that opened it is gone): the QR code
    // and the key come before the code field, and are read first.
    let heading = NodeRef::<H4>::new();
    focus_soon(heading);
    view! {
        <div class="step stack" role="group" aria-labelledby=STEP_HEADING_ID>
            <h4 id=STEP_HEADING_ID tabindex="-1" node_ref=heading>{text(Key::SetUpTotpHeading)}</h4>
            {move || match (enrollment.get(), failure.get()) {
                (Some(enrollment), _) => view! { <TotpScan enrollment on_done on_cancel /> }.into_any(),
                (None, None) => view! { <p class="loading" role="status">{text(Key::PreparingKey)}</p> }.into_any(),
                (None, Some(error)) => match StepUp::asked(&error) {
                    Some(step) => view! { <ConfirmStep step change=ask_key.clone() on_cancel /> }.into_any(),
                    None => view! { <StepFailed error retry on_cancel /> }.into_any(),
                },
            }}
        </div>
    }
}
