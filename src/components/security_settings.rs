//! The security page's body: its announcements, then the settings once the account's
//! status has loaded (loading and load failures in their place); finishing a step reloads the
//! status in place.

use crate::api::Api;
use crate::browser::keep_focus;
use crate::call_results::{latest_error, on_result};
use crate::components::alert::ErrorAlert;
use crate::components::settings::{Settings, SettingsState};
use crate::i18n::{text, Key, Message};
use crate::session::Notice;
use leptos::prelude::*;

#[component]
pub fn SecuritySettings() -> impl IntoView {
    let api = expect_context::<Api>();
    let session = api.session();
    let status = RwSignal::new(None);
    let load = Action::new_local(move |_: &()| {
        let api = api.clone();
        keep_focus(async move { api.status().await })
    });
    on_result(load, move |result| {
        if let Ok(loaded) = result {
            status.set(Some(loaded.clone()));
        }
    });
    load.dispatch(());
    let state = SettingsState {
        status,
        step: RwSignal::new(None),
        announcement: RwSignal::new(session.notice().map(Notice::message)),
        fresh_codes: RwSignal::new(None),
        reload: Callback::new(move |()| {
            load.dispatch(());
        }),
    };
    let loaded = Memo::new(move |_| status.with(Option::is_some));
    let (error, pending) = (latest_error(load), load.pending());
    view! {
        <p class="announcement" role="status">
                {move || state.announcement.with(|message| message.as_ref().map(Message::words))}
            </p>
            // Loading is shown only until the status first arrives. A reload that fails keeps
            // the settings as they were and says why above them, with "Try again".
            {move || match error.get().filter(|_| loaded.get() || !pending.get()) {
                Some(error) => {
                    view! {
                        <section class="card">
                            <ErrorAlert error retry=state.reload />
                        </section>
                    }
                        .into_any()
                }
                None => {
                    (!loaded.get())
                        .then(|| {
                            view! {
                                <section class="card">
                                    <p class="loading" role="status">{text(Key::LoadingSettings)}</p>
                                </section>
                            }
                        })
                        .into_any()
                }
            }}
        {move || loaded.get().then(|| view! { <Settings state /> })}
    }
}
