//! `/security` as a lazy route: the page and everything only it uses (QR codes, the set-up and
//! turn-off steps, recovery codes, "Confirm it's you") are a wasm chunk of their own, loaded when
//! the page is first shown and fetched ahead while the sign-in form waits. A chunk that cannot be
//! loaded in time is said so where the page would be, with "Try again".
//!
//! The split point is Leptos' own splitter (`leptos::wasm_split`, the macro behind `#[lazy]` and
//! `#[lazy_route]`) with its `fallible` option: `#[lazy_route]` in leptos_router 0.8 turns a load
//! failure into a panic, which ends the whole app, where `fallible` hands it back as an error.

use crate::api::Api;
use crate::components::alert::alert;
use crate::components::page_heading::PageHeading;
use crate::components::send_on::SendOn;
use crate::i18n::{text, Key};
use crate::session::Session;
use futures::future::{select, Either};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use leptos_router::LazyRoute;
use send_wrapper::SendWrapper;
use std::future::Future;
use std::pin::{pin, Pin};

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
        security_page_or_failure().await
    }
}

/// The security page, split into its own chunk.
#[wasm_split(security, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_security_chunk))]
fn security_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <super::security::SecurityPage /> }.into_any())
}

/// Why the page's code is not there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ChunkFailure {
    /// The chunk could not be fetched or instantiated (no network, 404, a truncated file).
    Unavailable,
    /// No answer within the configured request time-out.
    TimedOut,
}

/// The page once its chunk is loaded; else what went wrong, with "Try again".
async fn security_page_or_failure() -> AnyView {
    let timeout = expect_context::<Api>().config().timeout;
    let millis = u32::try_from(timeout.as_millis()).unwrap_or(u32::MAX);
    let failure = match select(pin!(security_page()), TimeoutFuture::new(millis)).await {
        Either::Left((Ok(page), _)) => return page,
        Either::Left((Err(_), _)) => ChunkFailure::Unavailable,
        Either::Right(_) => ChunkFailure::TimedOut,
    };
    view! { <PageUnavailable failure /> }.into_any()
}

/// Where the page would be: why it is not, and "Try again", which loads it anew in place (the
/// session lives in memory, so reloading the document would sign the person out).
#[component]
fn PageUnavailable(failure: ChunkFailure) -> impl IntoView {
    let retrying = RwSignal::new(false);
    let message = match failure {
        ChunkFailure::Unavailable => Key::PageUnavailable,
        ChunkFailure::TimedOut => Key::PageTimedOut,
    };
    let retry = Callback::new(move |()| retrying.set(true));
    view! {
        <Show
            when=move || retrying.get()
            fallback=move || view! {
                <main id="main" class="page">
                    <PageHeading name=Key::Security />
                    <section class="card">{alert(view! { <p>{text(message)}</p> }, Some(retry))}</section>
                </main>
            }
        >
            <Suspense fallback=|| view! { <p class="page-loading" role="status">{text(Key::Loading)}</p> }>
                {|| {
                    // Boxed: the page may be unavailable again, and this view then holds its own kind.
                    let page: Pin<Box<dyn Future<Output = AnyView>>> = Box::pin(security_page_or_failure());
                    Suspend::new(SendWrapper::new(page))
                }}
            </Suspense>
        </Show>
    }
}

/// Fetches the page's chunk ahead of need, once the browser is idle (or shortly, where it cannot
/// say when it is idle). A failure is not shown: the page tries again when it is opened.
pub fn prefetch_security_page() {
    if request_idle_callback_with_handle(fetch_security_page).is_err() {
        set_timeout(fetch_security_page, std::time::Duration::from_millis(200));
    }
}

/// Fetches the page's chunk now, unless it is loaded or on its way already.
pub fn fetch_security_page() {
    leptos::task::spawn_local(async { _ = load_security_chunk().await });
}
