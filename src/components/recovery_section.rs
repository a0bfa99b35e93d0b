//! The "Recovery codes" section: how many are left (warning when few), generate a new set (with a
//! confirmation when one exists) and view the current set.

use crate::api::{Api, ApiError};
use crate::browser::{focus_soon, keep_focus};
use crate::call_results::{latest_error, on_result};
use crate::components::error_slot::ErrorSlot;
use crate::components::recovery_actions::RecoveryActions;
use crate::components::recovery_count::RecoveryCount;
use crate::components::recovery_panel::{Opener, Panel, RecoveryPanel};
use crate::components::step_up::{shown_error, Confirmable};
use crate::domain::account::AccountStatus;
use crate::domain::recovery::RecoveryCodes;
use crate::flow::step_up::StepUp;
use crate::i18n::{text, Key};
use leptos::html::{Button, H2};
use leptos::prelude::*;
use std::sync::Arc;

/// The request that generates a new set (`generate`) or lists the current one, and shows it: the
/// change to repeat with the person's confirmation (step-up), and its first try, which opens
/// "Confirm it's you" when the server asks for it.
fn codes_request(api: Api, generate: bool, panel: RwSignal<Panel>) -> (Confirmable, Action<(), Result<(), ApiError>>) {
    let change: Confirmable = Arc::new(move |confirm| {
        let api = api.clone();
        Box::pin(async move {
            let codes = if generate {
                api.generate_recovery_codes(confirm.as_ref()).await
            } else {
                api.recovery_codes(confirm.as_ref()).await
            }?;
            panel.set(Panel::Showing {
                codes,
                just_generated: generate,
            });
            Ok(())
        })
    });
    let first_try = change.clone();
    let call = Action::new_local(move |_: &()| keep_focus(first_try(None)));
    on_result(call, move |result| {
        if let Some(step) = result.as_ref().err().and_then(StepUp::asked) {
            panel.set(Panel::ConfirmItsYou { step, generate });
        }
    });
    (change, call)
}

#[component]
pub fn RecoverySection(
    /// The account's status: how many unused codes it counts (followed in place) and the account
    /// the codes are for.
    #[prop(into)]
    status: Signal<Option<AccountStatus>>,
    /// A set the server just gave (with the first method): shown at once.
    fresh: RwSignal<Option<RecoveryCodes>>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let left = Signal::derive(move || status.with(|s| s.as_ref().and_then(|s| s.recovery_codes_left)));
    let has_codes = Memo::new(move |_| left.get().is_some_and(|n| n > 0));
    let account = status.with_untracked(|s| s.as_ref().and_then(|s| s.email.clone()).unwrap_or_default());
    let (heading, generate_button, view_button) =
        (NodeRef::<H2>::new(), NodeRef::<Button>::new(), NodeRef::<Button>::new());
    let opener = StoredValue::new(Opener::Heading);
    // The section appears with the first method, with the codes that came with it.
    let panel = RwSignal::new(fresh.get_untracked().map_or(Panel::Closed, Panel::generated));
    let (generate_codes, generate) = codes_request(api.clone(), true, panel);
    let (list_codes, view_codes) = codes_request(api, false, panel);
    let busy = Signal::derive(move || generate.pending().get() || view_codes.pending().get());
    let on_generate = Callback::new(move |()| {
        opener.set_value(Opener::Generate);
        if has_codes.get_untracked() {
            panel.set(Panel::ConfirmGenerate);
        } else {
            generate.dispatch(());
        }
    });
    let on_view = Callback::new(move |()| {
        opener.set_value(Opener::View);
        view_codes.dispatch(());
    });
    // Closing a step gives the focus back to what opened it; the codes viewed being the last
    // ones, "View" is gone: its place is the heading.
    let close = move |mut to: Opener| {
        if to == Opener::View && !has_codes.get_untracked() {
            to = Opener::Heading;
        }
        match to {
            Opener::Heading => focus_soon(heading),
            Opener::Generate => focus_soon(generate_button),
            Opener::View => focus_soon(view_button),
        }
        panel.set(Panel::Closed);
    };
    let on_done = Callback::new(move |()| {
        close(opener.get_value());
        fresh.set(None);
        on_changed.run(());
    });
    view! {
        <section class="card stack" aria-labelledby="recovery-heading">
            <h2 id="recovery-heading" tabindex="-1" node_ref=heading>
                {text(Key::RecoveryCodes)}
            </h2>
            <RecoveryCount left />
            <RecoveryActions
                has_codes
                generating=generate.pending()
                viewing=view_codes.pending()
                busy
                on_generate
                on_view
                generate_button
                view_button
            />
            <ErrorSlot error=shown_error(latest_error(generate)) />
            <ErrorSlot error=shown_error(latest_error(view_codes)) />
            <RecoveryPanel
                panel
                generating=generate.pending()
                busy
                on_generate=Callback::new(move |()| {
                    generate.dispatch(());
                })
                generate_codes
                list_codes
                account
                on_done
                on_cancel=Callback::new(close)
            />
        </section>
    }
}
