//! The default-method selector: lists the enabled methods, saves a change at once and says so.
//! It stays mounted while the status reloads, so it keeps the focus after a change.

use crate::api::Api;
use crate::browser::keep_focus;
use crate::call_results::{latest_error, on_result};
use crate::components::error_slot::ErrorSlot;
use crate::domain::account::{AccountStatus, Method};
use crate::i18n::{text, Key};
use leptos::prelude::*;

/// The method choice, which its label names.
const SELECT_ID: &str = "default-method";

#[component]
pub fn DefaultMethod(
    /// The account's status: the methods that are on are listed, its default is chosen (both
    /// follow it in place).
    #[prop(into)]
    status: Signal<Option<AccountStatus>>,
    on_saved: Callback<Method>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    // The person's choice while it is being saved; the status's default otherwise.
    let chosen = RwSignal::new(None::<Method>);
    let enabled = move |method: Method| status.with(|s| s.as_ref().is_some_and(|s| s.method(method).enabled));
    let shown = move || {
        chosen
            .get()
            .or_else(|| status.with(|s| s.as_ref().and_then(|s| s.default_method)))
            .or_else(|| Method::ALL.into_iter().find(|m| enabled(*m)))
    };
    let save = Action::new_local(move |method: &Method| {
        let (api, method) = (api.clone(), *method);
        keep_focus(async move { api.set_default(method).await.map(|()| method) })
    });
    on_result(save, move |result| {
        // Saved, the status says it; failed, the method that is still the default shows.
        chosen.set(None);
        if let Ok(method) = result {
            on_saved.run(*method);
        }
    });
    let busy = save.pending();
    let options = Method::ALL.map(|method| {
        move || {
            enabled(method).then(|| {
                view! {
                    <option value=method.wire_name() selected=move || shown() == Some(method)>
                        {move || method.label()}
                    </option>
                }
            })
        }
    });
    view! {
        <div class="field default-method">
            <label for=SELECT_ID>{text(Key::DefaultMethod)}</label>
            <select
                id=SELECT_ID
                prop:value=move || shown().map(Method::wire_name).unwrap_or_default()
                aria-busy=move || busy.get().to_string()
                disabled=busy
                aria-describedby="default-method-help"
                on:change=move |ev| {
                    // The person's control, even where the change came without moving the focus
                    // (voice control): it keeps the focus while the change is saved.
                    let _ = event_target::<web_sys::HtmlElement>(&ev).focus();
                    if let Some(method) = Method::from_wire(&event_target_value(&ev)) {
                        chosen.set(Some(method));
                        if !busy.get_untracked() {
                            save.dispatch(method);
                        }
                    }
                }
            >
                {options}
            </select>
            <p id="default-method-help" class="detail">{text(Key::DefaultMethodHelp)}</p>
            <ErrorSlot error=latest_error(save) />
        </div>
    }
}
