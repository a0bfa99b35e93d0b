//! The root of the app: `config.json` (and the catalogue of the page's language) is read before
//! anything is mounted, then the routed app is shown, or why it cannot be.

use crate::api::http;
use crate::config::{parse_config, Config, ConfigError};
use crate::i18n;
use crate::pages::config_error::ConfigErrorPage;
use crate::shell::Shell;
use leptos::prelude::*;

/// Where the runtime configuration lives, next to `index.html`.
const CONFIG_URL: &str = "/config.json";

/// Reads the configuration, then mounts the app. Until then `index.html`'s loading bar shows.
pub fn start() {
    // Leptos' own task spawner starts with the mount; before it, wasm-bindgen's, which Leptos'
    // tasks run on in the browser, reads the configuration.
    wasm_bindgen_futures::spawn_local(async {
        let config = load_config().await;
        leptos::mount::mount_to_body(move || view! { <App config /> });
    });
}

/// The routed app, or why the configuration does not allow it.
#[component]
pub fn App(config: Result<Config, ConfigError>) -> impl IntoView {
    match config {
        Ok(config) => view! { <Shell config /> }.into_any(),
        Err(error) => view! { <ConfigErrorPage error /> }.into_any(),
    }
}

/// The configuration, with the page's language chosen and its catalogue loaded: its texts come
/// before the first page is shown, the configuration error page's too.
async fn load_config() -> Result<Config, ConfigError> {
    let config = read_config().await;
    let locale = config.as_ref().ok().and_then(|config| config.locale.as_deref());
    let lang = i18n::choose_language(locale);
    i18n::load_catalogue(lang).await;
    i18n::use_language(lang);
    config
}

async fn read_config() -> Result<Config, ConfigError> {
    let text = http::own_file(CONFIG_URL).await.map_err(ConfigError::Unavailable)?;
    parse_config(&text)
}
