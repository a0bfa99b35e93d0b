//! The first step of signing in: email and password.

use crate::api::{Api, Challenge};
use crate::browser::{focus_soon, keep_focus};
use crate::call_results::{latest_error, on_result};
use crate::chunks::fetch_chunks;
use crate::components::error_slot::ErrorSlot;
use crate::components::page_heading::PageHeading;
use crate::components::text_field::TextField;
use crate::i18n::{text, Key};
use leptos::html::Input;
use leptos::prelude::*;

#[component]
pub fn PasswordStep(
    on_challenge: Callback<Challenge>,
    /// Back from the second factor: the email field takes the focus.
    focus_email: bool,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let email_field = NodeRef::<Input>::new();
    if focus_email {
        focus_soon(email_field);
    }
    let session = api.session();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let submit = Action::new_local(move |(email, password): &(String, String)| {
        let (api, email, password) = (api.clone(), email.clone(), password.clone());
        keep_focus(async move { api.sign_in_password(&email, &password).await })
    });
    on_result(submit, move |result| {
        if let Ok(Some(challenge)) = result {
            on_challenge.run(challenge.clone());
        }
    });
    let busy = submit.pending();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !busy.get_untracked() {
            // A form sent before the browser was idle (a password manager's, say): the chunks
            // download beside the sign-in request rather than after it.
            fetch_chunks();
            submit.dispatch((email.get_untracked().trim().to_string(), password.get_untracked()));
        }
    };
    view! {
        <PageHeading name=Key::SignIn />
        {move || session.notice().map(|notice| view! { <p class="notice" role="status">{move || notice.message().words()}</p> })}
        <form class="card stack" on:submit=on_submit>
            <TextField
                id="email"
                label=Key::Email
                value=email
                kind="email"
                autocomplete="username"
                required=true
                field=email_field
            />
            <TextField
                id="password"
                label=Key::Password
                value=password
                kind="password"
                autocomplete="current-password"
                required=true
            />
            <ErrorSlot error=latest_error(submit) />
            <button type="submit" class="button primary" aria-busy=move || busy.get().to_string() disabled=busy>
                {text(Key::SignIn)}
            </button>
        </form>
    }
}
