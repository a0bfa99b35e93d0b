//! The "Confirm it's you" step: a current code of one of the person's factors (the
//! authenticator, a texted code or a recovery code), after which the change they asked for runs.

use crate::api::ApiError;
use crate::browser::{focus_soon, keep_focus};
use crate::call_results::latest_error;
use crate::components::code_form::{on_recovery_code_submit, use_code_submit, CodeForm};
use crate::components::error_slot::ErrorSlot;
use crate::components::form_buttons::FormButtons;
use crate::components::step_up_alternatives::StepUpAlternatives;
use crate::components::text_field::TextField;
use crate::domain::account::Confirmation;
use crate::flow::code_entry::CodeEntry;
use crate::flow::step_up::StepUp;
use crate::i18n::{self, Key};
use leptos::either::Either;
use leptos::html::{Input, H3};
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

const HEADING_ID: &str = "step-up-heading";

/// A change the server may hold for a step-up: tried first without a confirmation, then repeated
/// with the person's; it applies its own result. One type for every such change, so the first
/// try and the repeat run the same code, and what runs them is compiled once.
pub type Confirmable =
    Arc<dyn Fn(Option<Confirmation>) -> Pin<Box<dyn Future<Output = Result<(), ApiError>>>> + Send + Sync>;

/// An error to show next to the control that made the call: a step-up refusal is not one, the
/// "Confirm it's you" step answers it.
pub fn shown_error(error: Signal<Option<ApiError>>) -> Signal<Option<ApiError>> {
    Signal::derive(move || error.get().filter(|e| StepUp::asked(e).is_none()))
}

#[component]
pub fn ConfirmStep(step: StepUp, change: Confirmable, on_cancel: Callback<()>) -> impl IntoView {
    let step = RwSignal::new(step);
    let entry = RwSignal::new(CodeEntry::default());
    let code_field = NodeRef::<Input>::new();
    let run = change.clone();
    let on_code = use_code_submit(
        entry,
        code_field,
        move |code| {
            let call = run(Some(step.get_untracked().confirmation(code)));
            async move { call.await.map_err(StepUp::refusal) }
        },
        |()| {},
        |_| {},
    );
    let recovery_code = RwSignal::new(String::new());
    let with_recovery = Action::new_local(move |code: &String| {
        let call = change(Some(step.get_untracked().confirmation(code.clone())));
        keep_focus(async move { call.await.map_err(StepUp::refusal) })
    });
    let heading = NodeRef::<H3>::new();
    focus_soon(heading);
    let recovery_form = move || {
        let busy = with_recovery.pending();
        let field = NodeRef::<Input>::new();
        focus_soon(field);
        let on_submit = on_recovery_code_submit(recovery_code, with_recovery);
        view! {
            <form class="stack" on:submit=on_submit>
                <TextField
                    id="step-up-recovery-code"
                    label=Key::RecoveryCode
                    value=recovery_code
                    autocomplete="off"
                    field
                />
                <ErrorSlot error=latest_error(with_recovery) />
                <FormButtons label=Key::Confirm busy on_cancel />
            </form>
        }
    };
    view! {
        <div class="step stack" role="group" aria-labelledby=HEADING_ID>
            <h3 id=HEADING_ID tabindex="-1" node_ref=heading>{i18n::text(Key::ConfirmItsYou)}</h3>
            <p>{i18n::text(Key::ConfirmPrompt)}</p>
            {move || {
                if step.with(|s| s.recovery) {
                    Either::Left(recovery_form())
                } else {
                    Either::Right(view! {
                        <CodeForm
                            entry
                            on_send=on_code
                            submit_label=Key::Confirm
                            field=code_field
                            on_cancel
                            skip_focus=true
                            texted=Signal::derive(move || step.with(|s| s.texted))
                        />
                    })
                }
            }}
            <StepUpAlternatives step />
        </div>
    }
}
