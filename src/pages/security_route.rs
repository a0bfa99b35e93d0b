//! `/security` as a lazy route: the page's frame and heading are in the main module, its settings
//! (and everything only they use: QR codes, the set-up and turn-off steps, recovery codes,
//! "Confirm it's you") are a wasm chunk of their own (`crate::chunks`), loaded when the page is
//! first shown and fetched ahead while the sign-in form waits.

use crate::chunks::security_page;
use crate::components::chunk_view::{load_in_time, ChunkView};
use crate::components::page_heading::PageHeading;
use crate::components::send_on::SendOn;
use crate::i18n::Key;
use crate::session::Session;
use crate::set_up_chunk::SetUpChunk;
use leptos::prelude::*;
use leptos_router::LazyRoute;

/// The route's data: none, the page loads its own.
pub struct SecurityRoute;

impl LazyRoute for SecurityRoute {
    fn data() -> Self {
        SecurityRoute
    }

    async fn view(_: Self) -> AnyView {
        // Signed out, the page would only send on to the sign-in page: its code is not needed.
        if !expect_context::<Session>().signed_in() {
            return view! { <SendOn path="/sign-in" /> }.into_any();
        }
        // The route waits for the chunk (the page before it stays until then); the settings are
        // built in the page's view, which then holds them.
        let loaded = load_in_time(security_page).await;
        SetUpChunk::provide();
        view! {
            <main id="main" class="page">
                <PageHeading name=Key::Security />
                <ChunkView load=security_page args=() loaded />
            </main>
        }
        .into_any()
    }
}
