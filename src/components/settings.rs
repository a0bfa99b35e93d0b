//! The security settings once the status has loaded: the two-factor card (status line, one row
//! per method with its action, the default method) and the recovery codes.

use crate::api::Api;
use crate::components::default_method::DefaultMethod;
use crate::components::method_action::{method_message, MethodAction};
use crate::components::method_row::MethodRow;
use crate::components::method_step::Step;
use crate::components::recovery_section::RecoverySection;
use crate::domain::account::{AccountStatus, Method};
use crate::domain::recovery::RecoveryCodes;
use crate::i18n::{display_date, language, t, text, tf, Key, Message};
use leptos::prelude::*;

/// What the settings' parts share: the status, the open step, the announcement, codes to show,
/// and reloading.
#[derive(Clone, Copy)]
pub struct SettingsState {
    /// The account's status once it has loaded; a reload replaces it in place, so the views that
    /// read it stay mounted (and the focus where it is).
    pub status: RwSignal<Option<AccountStatus>>,
    /// The method step open on the page (one at a time).
    pub step: RwSignal<Option<Step>>,
    /// What the status line says, worded when shown (a language switch rewords it).
    pub announcement: RwSignal<Option<Message>>,
    pub fresh_codes: RwSignal<Option<RecoveryCodes>>,
    pub reload: Callback<()>,
}

#[component]
pub fn Settings(state: SettingsState) -> impl IntoView {
    let capabilities = expect_context::<Api>().capabilities();
    let status = state.status.read_only();
    let on = Memo::new(move |_| status.with(|s| s.as_ref().is_some_and(AccountStatus::two_factor_enabled)));
    let on_open = Callback::new(move |()| state.announcement.set(None));
    let on_finished = Callback::new(move |message: Message| {
        state.announcement.set(Some(message));
        state.reload.run(());
    });
    let rows = Method::ALL.map(|method| {
        view! {
            <MethodRow method status>
                <MethodAction method status open_step=state.step fresh_codes=state.fresh_codes on_open on_finished />
            </MethodRow>
        }
    });
    let show_selector = Memo::new(move |_| capabilities.default_method && on.get());
    let on_saved = Callback::new(move |method: Method| {
        state.announcement.set(Some(method_message(Key::DefaultSaved, method)));
        // Shown at once; the reload then brings what the server made of it.
        state.status.update(|status| {
            if let Some(status) = status {
                status.default_method = Some(method);
            }
        });
        state.reload.run(());
    });
    let show_recovery =
        Memo::new(move |_| capabilities.recovery_codes && (on.get() || state.fresh_codes.with(Option::is_some)));
    view! {
        <section class="card stack" aria-labelledby="two-factor-heading">
            <h2 id="two-factor-heading">{text(Key::TwoFactor)}</h2>
            <p class="status-line" class:on=on>
                {move || t(if on.get() { Key::TwoFactorOn } else { Key::TwoFactorOff })}
            </p>
            {move || {
                status
                    .with(|s| s.as_ref().and_then(|s| s.last_used_at.as_deref().and_then(|at| display_date(at, language()))))
                    .map(|date| view! { <p class="detail">{tf(Key::LastUsed, &[&date])}</p> })
            }}
            <div class="method-list">{rows}</div>
            {move || show_selector.get().then(|| view! { <DefaultMethod status on_saved /> })}
        </section>
        {move || {
            show_recovery
                .get()
                .then(|| view! { <RecoverySection status fresh=state.fresh_codes on_changed=state.reload /> })
        }}
    }
}
