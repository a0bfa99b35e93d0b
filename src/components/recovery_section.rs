//! The "Recovery codes" section: how many are left (warning when few), generate a new set (with a
//! confirmation when one exists) and view the current set.

use crate::api::Api;
use crate::api_call::ApiCall;
use crate::browser::{focus_now, focus_soon, take_focus_request};
use crate::components::alert::ErrorSlot;
use crate::components::recovery_codes::RecoveryCodesPanel;
use crate::domain::recovery::{is_low, RecoveryCodes};
use crate::i18n::{t, tf, Key};
use leptos::prelude::*;

/// The heading of "replace the codes?", focused when it opens.
const CONFIRM_HEADING_ID: &str = "confirm-generate-heading";

/// Codes in a set, as the reference API and CG generate them.
const SET_SIZE: u32 = 10;

/// What in the section takes the focus when it is shown again (after a reload its buttons are new
/// elements) or when codes appear.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecoveryFocus {
    /// The codes just shown (their heading).
    Codes,
    /// The section's heading.
    Heading,
    /// "Generate new recovery codes".
    Generate,
    /// "View recovery codes".
    View,
}

const GENERATE_ID: &str = "generate-recovery-codes";
const VIEW_ID: &str = "view-recovery-codes";

/// What the section shows under its summary.
#[derive(Clone, PartialEq)]
enum Panel {
    Closed,
    ConfirmGenerate,
    Showing { codes: RecoveryCodes, just_generated: bool },
}

#[component]
pub fn RecoverySection(
    left: Option<u32>,
    account: String,
    /// A set the server just gave (with the first method): shown at once.
    fresh: RwSignal<Option<RecoveryCodes>>,
    /// Kept by the page across reloads: closing the codes reloads the status, and the control
    /// that opened them (in the new section) gets the focus back.
    focus: RwSignal<Option<RecoveryFocus>>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let has_codes = left.is_some_and(|n| n > 0);
    if focus.get_untracked() == Some(RecoveryFocus::View) && !has_codes {
        focus.set(Some(RecoveryFocus::Heading));
    }
    // What opened the codes on show: the focus returns there when they close. Codes that came
    // with a new method were opened by nothing in this section: its heading.
    let opener = StoredValue::new(RecoveryFocus::Heading);
    for (target, id) in [
        (RecoveryFocus::Heading, "recovery-heading"),
        (RecoveryFocus::Generate, GENERATE_ID),
        (RecoveryFocus::View, VIEW_ID),
    ] {
        if take_focus_request(focus, target) {
            focus_soon(id, false);
        }
    }
    let panel = RwSignal::new(match fresh.get_untracked() {
        Some(codes) => Panel::Showing {
            codes,
            just_generated: true,
        },
        None => Panel::Closed,
    });
    let generate_api = api.clone();
    let show = move |just_generated: bool| {
        move |result: Result<RecoveryCodes, _>| {
            if let Ok(codes) = result {
                focus.set(Some(RecoveryFocus::Codes));
                panel.set(Panel::Showing { codes, just_generated });
            }
        }
    };
    let generate = ApiCall::new(
        move |_: &()| {
            let api = generate_api.clone();
            async move { api.generate_recovery_codes().await }
        },
        show(true),
    );
    let view_codes = ApiCall::new(
        move |_: &()| {
            let api = api.clone();
            async move { api.recovery_codes().await }
        },
        show(false),
    );
    let busy = Signal::derive(move || generate.pending().get() || view_codes.pending().get());
    let on_generate = move |_| {
        if busy.get_untracked() {
            return;
        }
        opener.set_value(RecoveryFocus::Generate);
        if has_codes {
            panel.set(Panel::ConfirmGenerate);
        } else {
            generate.dispatch(());
        }
    };
    let close = Callback::new(move |()| {
        focus.set(Some(opener.get_value()));
        panel.set(Panel::Closed);
        fresh.set(None);
        on_changed.run(());
    });
    let (generate_error, view_error) = (generate.error(), view_codes.error());
    view! {
        <section class="card stack" aria-labelledby="recovery-heading">
            <h2 id="recovery-heading" tabindex="-1">
                {t(Key::RecoveryCodes)}
            </h2>
            {match left {
                Some(n) => {
                    view! {
                        <p>{tf(Key::CodesLeft, &[&n.to_string(), &SET_SIZE.to_string()])}</p>
                        {is_low(n)
                            .then(|| {
                                view! {
                                    <p class="warning">
                                        {tf(Key::FewCodesLeft, &[&n.to_string()])}
                                    </p>
                                }
                            })}
                    }
                        .into_any()
                }
                None => view! { <p>{t(Key::RecoveryIntro)}</p> }.into_any(),
            }}
            <div class="actions">
                <button
                    id=GENERATE_ID
                    type="button"
                    class="button secondary"
                    aria-busy=move || generate.pending().get().to_string()
                    disabled=busy
                    on:click=on_generate
                >
                    {t(Key::GenerateNew)}
                </button>
                {has_codes
                    .then(|| {
                        view! {
                            <button
                                id=VIEW_ID
                                type="button"
                                class="button secondary"
                                aria-busy=move || view_codes.pending().get().to_string()
                                disabled=busy
                                on:click=move |_| {
                                    if !busy.get_untracked() {
                                        opener.set_value(RecoveryFocus::View);
                                        view_codes.dispatch(());
                                    }
                                }
                            >
                                {t(Key::ViewCodes)}
                            </button>
                        }
                    })}
            </div>
            <ErrorSlot error=generate_error />
            <ErrorSlot error=view_error />
            {move || match panel.get() {
                Panel::Closed => ().into_any(),
                Panel::ConfirmGenerate => {
                    focus_soon(CONFIRM_HEADING_ID, false);
                    view! {
                        <div class="step stack" role="group" aria-labelledby=CONFIRM_HEADING_ID>
                            <h3 id=CONFIRM_HEADING_ID tabindex="-1">
                                {t(Key::ReplaceCodesTitle)}
                            </h3>
                            <p>{t(Key::ReplaceCodesText)}</p>
                            <div class="actions">
                                <button
                                    type="button"
                                    class="button primary"
                                    aria-busy=move || generate.pending().get().to_string()
                                    disabled=busy
                                    on:click=move |_| {
                                        if !busy.get_untracked() {
                                            generate.dispatch(());
                                        }
                                    }
                                >
                                    {t(Key::Generate)}
                                </button>
                                <button
                                    type="button"
                                    class="button secondary"
                                    on:click=move |_| {
                                        panel.set(Panel::Closed);
                                        focus_now(GENERATE_ID);
                                    }
                                >
                                    {t(Key::Cancel)}
                                </button>
                            </div>
                        </div>
                    }
                        .into_any()
                }
                Panel::Showing { codes, just_generated } => {
                    let take_focus = take_focus_request(focus, RecoveryFocus::Codes);
                    view! {
                        <RecoveryCodesPanel codes just_generated account=account.clone() take_focus on_done=close />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
