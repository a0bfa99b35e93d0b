//! The page for an unknown address.

use crate::i18n::{t, Key};
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main id="main" class="page narrow">
            <h1>{t(Key::NotFoundTitle)}</h1>
            <p>{t(Key::NotFoundText)} " " <a href="/security">{t(Key::NotFoundLink)}</a></p>
        </main>
    }
}
