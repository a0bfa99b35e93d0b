//! WebOTP: while a step waits for the code of a text message, the browser (where it offers it) is
//! asked for that code; it comes as if typed, and the step submits it. Typing is never blocked,
//! and the request ends with the step.

use crate::browser::request_sms_code;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// Renders nothing. Mounted while a texted code is asked for: the request starts when it mounts
/// and is aborted when it is removed (the step closed, the code now comes from the app).
#[component]
pub fn SmsAutofill(
    /// Gets the code, as the field's input handler gets typed text.
    on_code: Callback<String>,
) -> impl IntoView {
    if let Some((controller, code)) = request_sms_code() {
        // Cleaned up on the thread it was made on, as everything in the browser's page.
        let controller = SendWrapper::new(controller);
        on_cleanup(move || controller.abort());
        leptos::task::spawn_local(async move {
            if let Some(code) = code.await {
                // Nobody to give it to once the step is gone.
                on_code.try_run(code);
            }
        });
    }
}
