//! The page for an unknown address.

use crate::i18n::{text, Key};
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main id="main" class="page narrow">
            <h1>{text(Key::NotFoundTitle)}</h1>
            <p>{text(Key::NotFoundText)} " " <a href="/security">{text(Key::NotFoundLink)}</a></p>
        </main>
    }
}
