//! The page shown when `config.json` is missing or malformed: says what is wrong and who can fix it.

use crate::config::ConfigError;
use leptos::prelude::*;

#[component]
pub fn ConfigErrorPage(error: ConfigError) -> impl IntoView {
    view! {
        <main id="main" class="page narrow">
            <h1>"This page is not set up yet"</h1>
            <div class="alert" role="alert">
                <p>{error.to_string()}</p>
            </div>
            <p>
                "The site's operator needs to publish a valid config.json next to index.html. "
                "Please try again later."
            </p>
        </main>
    }
}
