//! `/security`: the signed-in user's two-factor status, one row per method.

use crate::api::Api;
use crate::components::alert::ErrorAlert;
use crate::components::method_row::MethodRow;
use crate::domain::account::{AccountStatus, Method};
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn SecurityPage() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <Show when=move || session.signed_in() fallback=|| view! { <Redirect path="/sign-in" /> }>
            <SecuritySettings />
        </Show>
    }
}

#[component]
fn SecuritySettings() -> impl IntoView {
    let api = expect_context::<Api>();
    let status = LocalResource::new(move || {
        let api = api.clone();
        async move { api.status().await }
    });
    let retry = Callback::new(move |()| status.refetch());
    view! {
        <main id="main" class="page">
            <h1>"Security"</h1>
            <section class="card" aria-labelledby="two-factor-heading">
                <h2 id="two-factor-heading">"Two-factor authentication"</h2>
                {move || match status.get() {
                    None => view! { <p class="loading" role="status">"Loading your settings…"</p> }.into_any(),
                    Some(Ok(status)) => view! { <StatusOverview status /> }.into_any(),
                    Some(Err(error)) => view! { <ErrorAlert error retry /> }.into_any(),
                }}
            </section>
        </main>
    }
}

#[component]
fn StatusOverview(status: AccountStatus) -> impl IntoView {
    let on = status.two_factor_enabled();
    let rows = Method::ALL
        .into_iter()
        .map(|method| {
            let state = status.method(method).clone();
            let is_default = status.default_method == Some(method);
            view! { <MethodRow method state is_default /> }
        })
        .collect_view();
    view! {
        <p class="status-line" class:on=on>
            {if on { "Two-factor authentication is on" } else { "Two-factor authentication is off" }}
        </p>
        <div class="method-list">{rows}</div>
    }
}
