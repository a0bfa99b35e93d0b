//! The root component: loads `config.json` (and the catalogue of the page's language), then
//! shows the app, or why it cannot.

use crate::api::http;
use crate::config::{parse_config, Config, ConfigError};
use crate::i18n::{self, text, Key};
use crate::pages::config_error::ConfigErrorPage;
use crate::shell::Shell;
use leptos::prelude::*;

/// Where the runtime configuration lives, next to `index.html`.
const CONFIG_URL: &str = "/config.json";

/// The root component: configuration first, then the routed app.
#[component]
pub fn App() -> impl IntoView {
    // Until config.json is read: the stored choice, else the browser's language.
    i18n::use_language(None);
    let config = LocalResource::new(load_config);
    view! {
        {move || match config.get() {
            None => view! { <p class="page-loading" role="status">{text(Key::Loading)}</p> }.into_any(),
            Some(Ok(config)) => view! { <Shell config /> }.into_any(),
            Some(Err(error)) => view! { <ConfigErrorPage error /> }.into_any(),
        }}
    }
}

async fn load_config() -> Result<Config, ConfigError> {
    let text = http::own_file(CONFIG_URL).await.map_err(ConfigError::Unavailable)?;
    let config = parse_config(&text)?;
    // The page's language is known now: its catalogue comes before the first page is shown.
    i18n::load_catalogue(i18n::choose_language(config.locale.as_deref())).await;
    Ok(config)
}
