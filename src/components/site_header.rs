//! The page header: the issuer's name, the "Language" and "Theme" switchers and, when signed in,
//! "Sign out".
//! It stays mounted when the language changes (so the switcher keeps the focus); its texts follow.

use crate::api::Api;
use crate::components::theme_switch::ThemeSwitch;
use crate::i18n::{current, language, switch_language, text, Key, Lang};
use crate::session::Session;
use leptos::prelude::*;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let api = expect_context::<Api>();
    let session = expect_context::<Session>();
    let issuer = api.config().issuer.clone();
    // Signing out cannot fail for the person: the session ends here whatever the server says.
    let sign_out = Action::new_local(move |_: &()| {
        let api = api.clone();
        async move { api.sign_out().await }
    });
    let busy = sign_out.pending();
    let options = Lang::ALL
        .into_iter()
        .map(|lang| {
            view! {
                <option value=lang.tag() lang=lang.tag() selected=move || language() == lang>
                    {lang.native_name()}
                </option>
            }
        })
        .collect_view();
    view! {
        <header class="site-header">
            <span class="brand">{issuer}</span>
            <div class="preferences">
                <label class="preference">
                    <span>{text(Key::Language)}</span>
                    <select on:change=move |ev| {
                        let Some(lang) = Lang::from_tag(&event_target_value(&ev)) else {
                            return;
                        };
                        let select = event_target::<web_sys::HtmlSelectElement>(&ev);
                        leptos::task::spawn_local(async move {
                            if !switch_language(lang).await {
                                // The catalogue did not come: the switcher shows the language kept.
                                select.set_value(current().tag());
                            }
                        });
                    }>{options}</select>
                </label>
                <ThemeSwitch />
            </div>
            {move || session.signed_in().then(|| view! {
                <button
                    type="button"
                    class="button secondary"
                    aria-busy=move || busy.get().to_string()
                    disabled=move || busy.get()
                    on:click=move |_| {
                        if !busy.get_untracked() {
                            sign_out.dispatch(());
                        }
                    }
                >
                    {text(Key::SignOut)}
                </button>
            })}
        </header>
    }
}
