//! `/sign-in`: email and password, then, when the account asks for it, the second factor: the
//! default method first, a text message instead (with a resend cooldown), or a recovery code.

use crate::api::Challenge;
use crate::chunks::{prefetch_chunks, second_factor_step};
use crate::components::chunk_view::{ChunkView, PartKind};
use crate::components::page_heading::PageHeading;
use crate::components::password_step::PasswordStep;
use crate::components::send_on::SendOn;
use crate::flow::sign_in::SecondFactor;
use crate::i18n::Key;
use crate::session::Session;
use leptos::prelude::*;

#[component]
pub fn SignInPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let second_factor = RwSignal::new(None::<SecondFactor>);
    let on_challenge = Callback::new(move |challenge: Challenge| second_factor.set(Some(SecondFactor::new(challenge))));
    // "Start again" shows the password step anew, with the focus on its first field.
    let restarted = StoredValue::new(false);
    let restart = Callback::new(move |()| {
        restarted.set_value(true);
        second_factor.set(None);
    });
    // Memos, so a step is built again only when it changes, not on every change of its state.
    let signed_in = Memo::new(move |_| session.signed_in());
    // A sign-in leads to the second step or the security page: their code is fetched while the
    // form waits.
    prefetch_chunks();
    let second_step = Memo::new(move |_| second_factor.with(Option::is_some));
    move || match signed_in.get() {
        true => view! { <SendOn path="/security" /> }.into_any(),
        false => view! {
            <main id="main" class="page narrow">
                {move || match second_step.get() {
                    false => view! { <PasswordStep on_challenge focus_email=restarted.get_value() /> }.into_any(),
                    true => view! {
                        <PageHeading name=Key::TwoFactor />
                        <ChunkView load=second_factor_step args=(second_factor, restart) kind=PartKind::Step />
                    }
                    .into_any(),
                }}
            </main>
        }
        .into_any(),
    }
}
