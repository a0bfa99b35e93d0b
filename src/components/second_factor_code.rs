//! The code field of the second sign-in step: the code of the account's method, checked as typed.

use crate::api::{Api, ApiError};
use crate::components::code_form::{use_code_submit, CodeForm};
use crate::flow::code_entry::CodeEntry;
use crate::flow::sign_in::SecondFactor;
use crate::i18n::Key;
use leptos::html::Input;
use leptos::prelude::*;

#[component]
pub fn SecondFactorCode(
    #[prop(into)] flow: Signal<Option<SecondFactor>>,
    /// The code field, where the focus goes when the way the code comes changes.
    field: NodeRef<Input>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let entry = RwSignal::new(CodeEntry::default());
    let on_send = use_code_submit(
        entry,
        field,
        move |code| {
            let api = api.clone();
            let step = flow.with_untracked(|s| s.as_ref().map(|s| (s.challenge.clone(), s.method)));
            async move {
                let (challenge, method) = step.ok_or(ApiError::SignInExpired)?;
                api.sign_in_code(&challenge, method, &code).await
            }
        },
        |()| {},
        |_| {},
    );
    // A texted code (sent, not yet switched to the app) may be read by the browser.
    let texted = Signal::derive(move || flow.with(|s| s.as_ref().is_some_and(SecondFactor::code_texted)));
    view! { <CodeForm entry on_send submit_label=Key::Verify field texted /> }
}
