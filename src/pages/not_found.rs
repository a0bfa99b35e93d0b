//! The page for an unknown address.

use crate::i18n::{t, Key};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main id="main" class="page narrow">
            <h1>{t(Key::NotFoundTitle)}</h1>
            <p>{t(Key::NotFoundText)} " " <A href="/security">{t(Key::NotFoundLink)}</A></p>
        </main>
    }
}
