//! The page shown when `config.json` is missing or malformed: says what is wrong and who can fix it.

use crate::config::ConfigError;
use crate::i18n::{config_error_text, language, text, Key};
use leptos::prelude::*;

#[component]
pub fn ConfigErrorPage(error: ConfigError) -> impl IntoView {
    view! {
        <main id="main" class="page narrow">
            <h1>{text(Key::ConfigErrorTitle)}</h1>
            <div class="alert" role="alert">
                <p>{move || config_error_text(&error, language())}</p>
            </div>
            <p>{text(Key::ConfigErrorHelp)}</p>
        </main>
    }
}
