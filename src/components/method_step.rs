//! The step a method's button opens: setting up the authenticator app or text messages, or
//! turning a method off (with a warning when it is the default or the last one).

use crate::components::chunk_view::{ChunkView, PartKind};
use crate::components::turn_off::TurnOff;
use crate::domain::account::{AccountStatus, Method};
use crate::i18n::{t, tf, Key};
use crate::set_up_chunk::SetUpChunk;
use leptos::prelude::*;

/// A step of a method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Setup(Method),
    TurnOff(Method),
}

/// What to say before a method is turned off: that 2FA goes off with the last method, or which
/// method becomes the default.
fn turn_off_warning(method: Method, status: &AccountStatus) -> Option<String> {
    let other = Method::ALL
        .into_iter()
        .find(|m| *m != method && status.method(*m).enabled);
    match other {
        None => Some(t(Key::OnlyMethodWarning).to_string()),
        Some(other) if status.default_method == Some(method) => Some(tf(Key::DefaultWillChange, &[&other.label()])),
        Some(_) => None,
    }
}

#[component]
pub fn MethodStep(
    step: Step,
    /// The account's status, once loaded: what turning a method off would change.
    #[prop(into)]
    status: Signal<Option<AccountStatus>>,
    /// A setup finished, with the recovery codes that came with it, if any.
    on_setup_done: Callback<Option<Vec<String>>>,
    on_turned_off: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    match step {
        // The set-ups are a chunk of their own (`crate::set_up_chunk`).
        Step::Setup(method) => {
            let chunk = expect_context::<SetUpChunk>();
            let load = match method {
                Method::Totp => chunk.totp,
                Method::Sms => chunk.sms,
            };
            view! { <ChunkView load args=(on_setup_done, on_cancel) on_cancel kind=PartKind::Step /> }.into_any()
        }
        Step::TurnOff(method) => {
            let warning = Signal::derive(move || status.with(|s| s.as_ref().and_then(|s| turn_off_warning(method, s))));
            view! { <TurnOff method warning on_done=on_turned_off on_cancel /> }.into_any()
        }
    }
}
