//! What the recovery codes section shows under its buttons: nothing, "Replace your recovery
//! codes?", "Confirm it's you" before the codes are generated or shown, or the codes.

use crate::components::confirm_generate::ConfirmGenerate;
use crate::components::recovery_codes::RecoveryCodesPanel;
use crate::components::step_up::{ConfirmStep, Confirmable};
use crate::domain::recovery::RecoveryCodes;
use crate::flow::step_up::StepUp;
use leptos::prelude::*;

/// What the section shows under its summary.
#[derive(Clone, PartialEq)]
pub enum Panel {
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

impl Panel {
    /// A set just generated, on show.
    pub fn generated(codes: RecoveryCodes) -> Panel {
        Panel::Showing {
            codes,
            just_generated: true,
        }
    }
}

/// What opened the panel, where the focus returns when it closes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Opener {
    /// Nothing in the section (codes that came with a new method): its heading.
    Heading,
    Generate,
    View,
}

#[component]
pub fn RecoveryPanel(
    panel: RwSignal<Panel>,
    /// A new set is being generated.
    #[prop(into)]
    generating: Signal<bool>,
    /// A request about the codes is running.
    #[prop(into)]
    busy: Signal<bool>,
    on_generate: Callback<()>,
    /// The requests to repeat with the person's confirmation: generating, and listing.
    generate_codes: Confirmable,
    list_codes: Confirmable,
    /// The account the codes are for, printed with them.
    account: String,
    /// The codes on show were saved.
    on_done: Callback<()>,
    /// A step was cancelled: the panel closes, the focus going back to what opened it.
    on_cancel: Callback<Opener>,
) -> impl IntoView {
    move || match panel.get() {
        Panel::Closed => ().into_any(),
        Panel::ConfirmGenerate => {
            let on_cancel = Callback::new(move |()| on_cancel.run(Opener::Generate));
            view! { <ConfirmGenerate generating busy on_generate on_cancel /> }.into_any()
        }
        Panel::ConfirmItsYou { step, generate } => {
            let change = if generate {
                generate_codes.clone()
            } else {
                list_codes.clone()
            };
            let opener = if generate { Opener::Generate } else { Opener::View };
            let on_cancel = Callback::new(move |()| on_cancel.run(opener));
            view! { <ConfirmStep step change on_cancel /> }.into_any()
        }
        Panel::Showing { codes, just_generated } => {
            view! { <RecoveryCodesPanel codes just_generated account=account.clone() on_done /> }.into_any()
        }
    }
}
