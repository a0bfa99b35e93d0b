//! `/sign-in`: email and password, then the security page.

use crate::api::{Api, ApiError, SignInReply};
use crate::components::alert::ErrorAlert;
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn SignInPage() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <Show when=move || !session.signed_in() fallback=|| view! { <Redirect path="/security" /> }>
            <PasswordStep />
        </Show>
    }
}

#[component]
fn PasswordStep() -> impl IntoView {
    let api = expect_context::<Api>();
    let session = api.session();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let submit = Action::new_local(move |(email, password): &(String, String)| {
        let (api, email, password) = (api.clone(), email.clone(), password.clone());
        async move {
            match api.sign_in(&email, &password).await? {
                SignInReply::Token(token) => {
                    session.start(token);
                    Ok(())
                }
                SignInReply::SecondFactor(_) => Err(ApiError::Rejected(
                    "This account asks for a second factor, which this page cannot take yet.".into(),
                )),
            }
        }
    });
    let busy = submit.pending();
    let error = move || submit.value().get().and_then(Result::err);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !busy.get_untracked() {
            submit.dispatch((email.get_untracked().trim().to_string(), password.get_untracked()));
        }
    };
    view! {
        <main id="main" class="page narrow">
            <h1>"Sign in"</h1>
            {move || session.notice().map(|notice| view! { <p class="notice" role="status">{notice}</p> })}
            <form class="card stack" on:submit=on_submit novalidate=false>
                <div class="field">
                    <label for="email">"Email"</label>
                    <input id="email" type="email" name="email" autocomplete="username" required bind:value=email />
                </div>
                <div class="field">
                    <label for="password">"Password"</label>
                    <input
                        id="password"
                        type="password"
                        name="password"
                        autocomplete="current-password"
                        required
                        bind:value=password
                    />
                </div>
                {move || error().map(|error| view! { <ErrorAlert error /> })}
                <button type="submit" class="button primary" aria-busy=move || busy.get().to_string() disabled=busy>
                    {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
        </main>
    }
}
