//! The page shown when `config.json` is missing or malformed: says what is wrong and who can fix it.

use crate::config::ConfigError;
use crate::i18n::{t, Key};
use leptos::prelude::*;

#[component]
pub fn ConfigErrorPage(error: ConfigError) -> impl IntoView {
    view! {
        <main id="main" class="page narrow">
            <h1>{t(Key::ConfigErrorTitle)}</h1>
            <div class="alert" role="alert">
                <p>{error.to_string()}</p>
            </div>
            <p>{t(Key::ConfigErrorHelp)}</p>
        </main>
    }
}
