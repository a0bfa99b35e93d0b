//! A part of a page whose code is a wasm chunk of its own (`crate::chunks`): the part once its
//! chunk is loaded; where the chunk cannot be loaded in time, why, in the part's place, with "Try
//! again", which loads it anew in place (the session lives in memory, so reloading the document
//! would sign the person out).
//!
//! A split point hands back the part's constructor, not the part: the part is then built here, in
//! the view that shows it, and so is disposed of with that view. (A part built while its chunk was
//! awaited would belong to the loading task, and its signals could outlive, or die before, the
//! view that shows them.)

use crate::api::Api;
use crate::browser::focus_if_lost;
use crate::components::alert::alert;
use crate::components::cancel_button::CancelButton;
use crate::i18n::{text, Key};
use futures::future::{select, Either};
use futures::FutureExt;
use gloo_timers::future::TimeoutFuture;
use leptos::html::Section;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;
use std::pin::pin;

/// Why a part's code is not there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChunkFailure {
    /// The chunk could not be fetched or instantiated (no network, 404, a truncated file).
    Unavailable,
    /// No answer within the configured request time-out.
    TimedOut,
}

/// What a chunk's part is to the person, for the words that say it could not be loaded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PartKind {
    /// A page of its own (the security page).
    #[default]
    Page,
    /// A step within a page (the second step of signing in, setting up a method).
    Step,
}

/// A loaded part's constructor, or why its chunk is not there.
pub type Loaded<A> = Result<fn(A) -> AnyView, ChunkFailure>;

/// Loads a part's chunk (`load` is its split point), no longer than the configured request
/// time-out.
pub fn load_in_time<A, F>(load: impl FnOnce() -> F) -> impl Future<Output = Loaded<A>>
where
    F: Future<Output = Result<fn(A) -> AnyView, SplitLoaderError>>,
{
    let timeout = expect_context::<Api>().config().timeout;
    let millis = u32::try_from(timeout.as_millis()).unwrap_or(u32::MAX);
    let loading = load();
    async move {
        match select(pin!(loading), TimeoutFuture::new(millis)).await {
            Either::Left((Ok(part), _)) => Ok(part),
            Either::Left((Err(_), _)) => Err(ChunkFailure::Unavailable),
            Either::Right(_) => Err(ChunkFailure::TimedOut),
        }
    }
}

/// The part built with `args` once `load` has loaded its chunk ("Loading…" until then), or why
/// not with "Try again" (and Cancel, where the part is a step that can be left).
#[component]
pub fn ChunkView<L, F, A>(
    load: L,
    args: A,
    /// The outcome of a load already made (a lazy route's).
    #[prop(optional)]
    loaded: Option<Loaded<A>>,
    #[prop(optional)] on_cancel: Option<Callback<()>>,
    #[prop(optional)] kind: PartKind,
) -> impl IntoView
where
    L: Fn() -> F + Copy + Send + Sync + 'static,
    F: Future<Output = Result<fn(A) -> AnyView, SplitLoaderError>> + 'static,
    A: Copy + Send + Sync + 'static,
{
    // A chunk loaded already (fetched ahead) gives its part at once: no "Loading…" in between.
    let at_once = || {
        load()
            .now_or_never()
            .map(|part| part.map_err(|_| ChunkFailure::Unavailable))
    };
    let state = RwSignal::new(loaded.or_else(at_once));
    let fetch = move || {
        state.set(None);
        let loading = load_in_time(load);
        leptos::task::spawn_local(async move {
            let outcome = loading.await;
            state.try_set(Some(outcome));
        });
    };
    if state.with_untracked(Option::is_none) {
        fetch();
    }
    let retry = Callback::new(move |()| fetch());
    move || match state.get() {
        None => view! { <p class="page-loading" role="status">{text(Key::Loading)}</p> }.into_any(),
        Some(Ok(part)) => part(args),
        Some(Err(failure)) => view! { <ChunkUnavailable kind failure retry on_cancel /> }.into_any(),
    }
}

/// Where the part would be: why it is not, and "Try again".
#[component]
fn ChunkUnavailable(
    kind: PartKind,
    failure: ChunkFailure,
    retry: Callback<()>,
    on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let message = match (kind, failure) {
        (PartKind::Page, ChunkFailure::Unavailable) => Key::PageUnavailable,
        (PartKind::Page, ChunkFailure::TimedOut) => Key::PageTimedOut,
        (PartKind::Step, ChunkFailure::Unavailable) => Key::StepUnavailable,
        (PartKind::Step, ChunkFailure::TimedOut) => Key::StepTimedOut,
    };
    // Where the part replaced the control that led to it (the second step after "Sign in"), the
    // focus would be lost: the message takes it. A new page's heading keeps it (`PageHeading`).
    let card = NodeRef::<Section>::new();
    focus_if_lost(card);
    view! {
        <section class="card" tabindex="-1" node_ref=card>
            {alert(view! { <p>{text(message)}</p> }, Some(retry))}
            {on_cancel.map(|on_cancel| view! { <CancelButton on_cancel /> })}
        </section>
    }
}
