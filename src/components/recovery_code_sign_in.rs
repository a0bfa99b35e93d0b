//! Signing in with a recovery code instead of the second factor, or going back to the code or
//! to the start.

use crate::api::{Api, ApiError};
use crate::browser::{focus_soon, keep_focus};
use crate::call_results::latest_error;
use crate::components::code_form::on_recovery_code_submit;
use crate::components::error_slot::ErrorSlot;
use crate::components::text_field::TextField;
use crate::flow::sign_in::SecondFactor;
use crate::i18n::{text, Key};
use leptos::html::Input;
use leptos::prelude::*;

#[component]
pub fn RecoveryCodeSignIn(flow: RwSignal<Option<SecondFactor>>, restart: Callback<()>) -> impl IntoView {
    let api = expect_context::<Api>();
    let code = RwSignal::new(String::new());
    let submit = Action::new_local(move |code: &String| {
        let (api, code) = (api.clone(), code.clone());
        let challenge = flow.with_untracked(|s| s.as_ref().map(|s| s.challenge.clone()));
        keep_focus(async move {
            let challenge = challenge.ok_or(ApiError::SignInExpired)?;
            api.sign_in_recovery(&challenge, &code).await
        })
    });
    let busy = submit.pending();
    // The form replaces the button that asked for it: its field takes the focus.
    let field = NodeRef::<Input>::new();
    focus_soon(field);
    let on_submit = on_recovery_code_submit(code, submit);
    view! {
        <p>{text(Key::RecoveryPrompt)}</p>
        <form class="stack" on:submit=on_submit>
            <TextField id="recovery-code" label=Key::RecoveryCode value=code autocomplete="off" field />
            <ErrorSlot error=latest_error(submit) />
            <button type="submit" class="button primary" aria-busy=move || busy.get().to_string() disabled=busy>
                {text(Key::SignIn)}
            </button>
        </form>
        <div class="actions">
            <button
                type="button"
                class="link-button"
                on:click=move |_| flow.update(|s| s.iter_mut().for_each(SecondFactor::use_code))
            >
                {text(Key::UseCodeInstead)}
            </button>
            <button type="button" class="link-button" on:click=move |_| restart.run(())>
                {text(Key::StartAgain)}
            </button>
        </div>
    }
}
