//! The page for an unknown address.

use crate::components::page_heading::PageHeading;
use crate::i18n::{text, Key};
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main id="main" class="page narrow">
            <PageHeading name=Key::NotFoundTitle />
            <p>{text(Key::NotFoundText)} " " <a href="/security">{text(Key::NotFoundLink)}</a></p>
        </main>
    }
}
