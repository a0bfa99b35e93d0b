//! The page header: the issuer's name and, when signed in, "Sign out".

use crate::api::Api;
use crate::session::Session;
use leptos::prelude::*;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let api = expect_context::<Api>();
    let session = expect_context::<Session>();
    let issuer = api.config().issuer.clone();
    let sign_out = Action::new_local(move |_: &()| {
        let api = api.clone();
        async move { api.sign_out().await }
    });
    let busy = sign_out.pending();
    view! {
        <header class="site-header">
            <span class="brand">{issuer}</span>
            <Show when=move || session.signed_in()>
                <button
                    type="button"
                    class="button secondary"
                    aria-busy=move || busy.get().to_string()
                    disabled=move || busy.get()
                    on:click=move |_| {
                        if !busy.get_untracked() {
                            sign_out.dispatch(());
                        }
                    }
                >
                    "Sign out"
                </button>
            </Show>
        </header>
    }
}
