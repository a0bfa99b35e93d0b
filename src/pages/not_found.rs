//! The page for an unknown address.

use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main id="main" class="page narrow">
            <h1>"Page not found"</h1>
            <p>
                "There is nothing at this address. " <a href="/security">"Go to your security settings"</a>
            </p>
        </main>
    }
}
