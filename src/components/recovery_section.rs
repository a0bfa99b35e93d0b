//! The "Recovery codes" section: how many are left (warning when few), generate a new set (with a
//! confirmation when one exists) and view the current set.

use crate::api::{Api, ApiError};
use crate::api_call::ApiCall;
use crate::browser::{focus_now, focus_soon};
use crate::components::alert::ErrorSlot;
use crate::components::recovery_codes::RecoveryCodesPanel;
use crate::components::step_up::{shown_error, ConfirmStep, Confirmable};
use crate::domain::account::AccountStatus;
use crate::domain::recovery::{is_low, RecoveryCodes};
use crate::flow::step_up::StepUp;
use crate::i18n::{t, text, tf, Key};
use leptos::prelude::*;
use std::sync::Arc;

/// The heading of "replace the codes?", focused when it opens.
const CONFIRM_HEADING_ID: &str = "confirm-generate-heading";

/// Codes in a set, as the reference API and CG generate them.
const SET_SIZE: u32 = 10;

/// The section's heading, focused after codes that came with a new method are closed.
const HEADING_ID: &str = "recovery-heading";
const GENERATE_ID: &str = "generate-recovery-codes";
const VIEW_ID: &str = "view-recovery-codes";

/// What the section shows under its summary.
#[derive(Clone, PartialEq)]
enum Panel {
    Closed,
    ConfirmGenerate,
    /// The server asks for a current code before it generates (`generate`) or shows the codes.
    ConfirmItsYou {
        step: StepUp,
        generate: bool,
    },
    Showing {
        codes: RecoveryCodes,
        just_generated: bool,
    },
}

#[component]
pub fn RecoverySection(
    /// The account's status: how many unused codes it counts (followed in place) and the account
    /// the codes are for.
    status: ReadSignal<Option<AccountStatus>>,
    /// A set the server just gave (with the first method): shown at once.
    fresh: RwSignal<Option<RecoveryCodes>>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let left = move || status.with(|s| s.as_ref().and_then(|s| s.recovery_codes_left));
    let has_codes = Memo::new(move |_| left().is_some_and(|n| n > 0));
    let account = status.with_untracked(|s| s.as_ref().and_then(|s| s.email.clone()).unwrap_or_default());
    // What opened the codes on show: the focus returns there when they close. Codes that came
    // with a new method were opened by nothing in this section: its heading.
    let opener = StoredValue::new(HEADING_ID);
    // The section appears with the first method, with the codes that came with it.
    let panel = RwSignal::new(match fresh.get_untracked() {
        Some(codes) => Panel::Showing {
            codes,
            just_generated: true,
        },
        None => Panel::Closed,
    });
    let show = move |codes: RecoveryCodes, just_generated: bool| {
        panel.set(Panel::Showing { codes, just_generated });
    };
    // Generates a new set (`generate`) or lists the current one, first without and then with the
    // person's confirmation (step-up), and shows it.
    let fetch = move |generate: bool| -> Confirmable {
        let api = api.clone();
        Arc::new(move |confirm| {
            let api = api.clone();
            Box::pin(async move {
                let codes = if generate {
                    api.generate_recovery_codes(confirm.as_ref()).await
                } else {
                    api.recovery_codes(confirm.as_ref()).await
                }?;
                show(codes, generate);
                Ok(())
            })
        })
    };
    let (generate_codes, list_codes) = (fetch(true), fetch(false));
    let asked = move |generate: bool| {
        move |result: Result<(), ApiError>| {
            if let Some(step) = result.err().as_ref().and_then(StepUp::asked) {
                panel.set(Panel::ConfirmItsYou { step, generate });
            }
        }
    };
    let first_generate = generate_codes.clone();
    let generate = ApiCall::new(move |_: &()| first_generate(None), asked(true));
    let first_list = list_codes.clone();
    let view_codes = ApiCall::new(move |_: &()| first_list(None), asked(false));
    let busy = Signal::derive(move || generate.pending().get() || view_codes.pending().get());
    let on_generate = move |_| {
        if busy.get_untracked() {
            return;
        }
        opener.set_value(GENERATE_ID);
        if has_codes.get_untracked() {
            panel.set(Panel::ConfirmGenerate);
        } else {
            generate.dispatch(());
        }
    };
    let close = Callback::new(move |()| {
        opener.update_value(|id| {
            // The codes viewed were the last ones: "View" is gone, its place is the heading.
            if *id == VIEW_ID && !has_codes.get_untracked() {
                *id = HEADING_ID;
            }
        });
        focus_soon(opener.get_value(), false);
        panel.set(Panel::Closed);
        fresh.set(None);
        on_changed.run(());
    });
    let (generate_error, view_error) = (generate.error(), view_codes.error());
    view! {
        <section class="card stack" aria-labelledby="recovery-heading">
            <h2 id=HEADING_ID tabindex="-1">
                {text(Key::RecoveryCodes)}
            </h2>
            // One paragraph whose text follows the count, so it stays in place when codes appear.
            <p>
                {move || match left() {
                    Some(n) => tf(Key::CodesLeft, &[&n.to_string(), &SET_SIZE.to_string()]),
                    None => t(Key::RecoveryIntro).to_string(),
                }}
            </p>
            {move || {
                left()
                    .filter(|n| is_low(*n))
                    .map(|n| view! { <p class="warning">{tf(Key::FewCodesLeft, &[&n.to_string()])}</p> })
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
                    {text(Key::GenerateNew)}
                </button>
                {move || {
                    has_codes
                        .get()
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
                                        opener.set_value(VIEW_ID);
                                        view_codes.dispatch(());
                                    }
                                }
                            >
                                {text(Key::ViewCodes)}
                            </button>
                        }
                        })
                }}
            </div>
            <ErrorSlot error=shown_error(generate_error) />
            <ErrorSlot error=shown_error(view_error) />
            {move || match panel.get() {
                Panel::Closed => ().into_any(),
                Panel::ConfirmGenerate => {
                    focus_soon(CONFIRM_HEADING_ID, false);
                    view! {
                        <div class="step stack" role="group" aria-labelledby=CONFIRM_HEADING_ID>
                            <h3 id=CONFIRM_HEADING_ID tabindex="-1">
                                {text(Key::ReplaceCodesTitle)}
                            </h3>
                            <p>{text(Key::ReplaceCodesText)}</p>
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
                                    {text(Key::Generate)}
                                </button>
                                <button
                                    type="button"
                                    class="button secondary"
                                    on:click=move |_| {
                                        panel.set(Panel::Closed);
                                        focus_now(GENERATE_ID);
                                    }
                                >
                                    {text(Key::Cancel)}
                                </button>
                            </div>
                        </div>
                    }
                        .into_any()
                }
                Panel::ConfirmItsYou { step, generate } => {
                    let again = if generate { generate_codes.clone() } else { list_codes.clone() };
                    let on_cancel = Callback::new(move |()| {
                        panel.set(Panel::Closed);
                        focus_now(if generate { GENERATE_ID } else { VIEW_ID });
                    });
                    view! { <ConfirmStep step change=again on_cancel /> }.into_any()
                }
                Panel::Showing { codes, just_generated } => {
                    view! { <RecoveryCodesPanel codes just_generated account=account.clone() on_done=close /> }
                        .into_any()
                }
            }}
        </section>
    }
}
