//! The default-method selector: lists the enabled methods, saves a change at once and says so.

use crate::api::Api;
use crate::api_call::ApiCall;
use crate::browser::focus_soon;
use crate::components::alert::ErrorSlot;
use crate::domain::account::Method;
use crate::i18n::{t, Key};
use leptos::prelude::*;

/// The method choice, focused again after it was saved.
const SELECT_ID: &str = "default-method";

#[component]
pub fn DefaultMethod(
    enabled: Vec<Method>,
    current: Option<Method>,
    on_saved: Callback<Method>,
    /// Shown again after a change was saved (the status reloads): the selector keeps the focus.
    take_focus: bool,
) -> impl IntoView {
    let api = expect_context::<Api>();
    if take_focus {
        focus_soon(SELECT_ID, false);
    }
    let selected = RwSignal::new(current.or_else(|| enabled.first().copied()));
    let save = ApiCall::new(
        move |method: &Method| {
            let (api, method) = (api.clone(), *method);
            async move { api.set_default(method).await.map(|()| method) }
        },
        move |result| match result {
            Ok(method) => on_saved.run(method),
            // Show the method that is still the default.
            Err(_) => selected.set(current),
        },
    );
    let busy = save.pending();
    let options = enabled
        .into_iter()
        .map(|method| {
            view! {
                <option value=method.wire_name() selected=move || selected.get() == Some(method)>
                    {method.label()}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="field default-method">
            <label for=SELECT_ID>{t(Key::DefaultMethod)}</label>
            <select
                id=SELECT_ID
                aria-busy=move || busy.get().to_string()
                disabled=busy
                aria-describedby="default-method-help"
                on:change=move |ev| {
                    if let Some(method) = Method::from_wire(&event_target_value(&ev)) {
                        selected.set(Some(method));
                        if !busy.get_untracked() {
                            save.dispatch(method);
                        }
                    }
                }
            >
                {options}
            </select>
            <p id="default-method-help" class="detail">{t(Key::DefaultMethodHelp)}</p>
            <ErrorSlot error=save.error() />
        </div>
    }
}
