//! [`ApiCall`]: an API call run on demand (a form submission, a button), bound to signals.
//!
//! It hands each result to a callback given at creation, only while the component that made the
//! call lives (a call that ends after its step closed notifies nobody); keeps whether a call runs
//! and the latest error in signals owned by that component; and gives the focus back to the
//! pressed control afterwards. Each call's future is boxed and its callback is a `dyn Fn`, so this
//! is compiled once per input type rather than once per call site.
//!
//! Leptos' own `Action::new_local`, with an `Effect::watch` on its value at each call site, passes
//! the 401 journeys on leptos 0.8.23 (an earlier Leptos failed them); what keeps this helper is
//! size: that rewrite of all 14 call sites adds 6.7 KB brotli to the first visit and 11.0 KB to
//! the security page (BENCHMARKS.md, "`ApiCall` and Leptos' `Action`").

use crate::api::ApiError;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

type BoxFuture<T> = Pin<Box<dyn Future<Output = T>>>;
type Run<I> = Box<dyn Fn(&I) -> BoxFuture<Option<ApiError>>>;

/// Waits for a call's result and hands it to `on_done` while the owner lives; gives the error.
fn settle<T: 'static>(
    running: RwSignal<u32>,
    future: BoxFuture<Result<T, ApiError>>,
    on_done: Rc<dyn Fn(Result<T, ApiError>)>,
) -> BoxFuture<Option<ApiError>> {
    Box::pin(async move {
        let result = future.await;
        let error = result.as_ref().err().cloned();
        // The owner is gone (the step closed): nobody is left to tell.
        if !running.is_disposed() {
            on_done(result);
        }
        error
    })
}

/// Runs a started call: busy while it runs, its error kept, the focus given back after.
fn start(future: BoxFuture<Option<ApiError>>, running: RwSignal<u32>, error: RwSignal<Option<ApiError>>) {
    let focus = crate::browser::FocusKeeper::now();
    running.update(|n| *n += 1);
    spawn(Box::pin(async move {
        let failure = future.await;
        error.try_set(failure);
        running.try_update(|n| *n = n.saturating_sub(1));
        focus.restore();
    }));
}

/// Runs a future to completion on the page's event loop, ignoring its owner's disposal: the
/// signals it writes are only touched with `try_` methods, which do nothing once disposed.
fn spawn(future: BoxFuture<()>) {
    wasm_bindgen_futures::spawn_local(future);
}

/// An API call run on demand with an input. Each result goes to the `on_done` callback given at
/// creation (only while the owner lives); whether a call is running, and the error of the latest
/// one to finish, are signals.
pub struct ApiCall<I: 'static> {
    run: StoredValue<Run<I>, LocalStorage>,
    running: RwSignal<u32>,
    error: RwSignal<Option<ApiError>>,
}

impl<I: 'static> Clone for ApiCall<I> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static> Copy for ApiCall<I> {}

impl<I: 'static> ApiCall<I> {
    /// A call that runs `call` with the input of each dispatch and hands the result to
    /// `on_done`.
    pub fn new<T: 'static, F, Fu>(call: F, on_done: impl Fn(Result<T, ApiError>) + 'static) -> Self
    where
        F: Fn(&I) -> Fu + 'static,
        Fu: Future<Output = Result<T, ApiError>> + 'static,
    {
        let running = RwSignal::new(0);
        // Boxed here, so what follows the call is compiled once per result type, not per call site.
        let on_done: Rc<dyn Fn(Result<T, ApiError>)> = Rc::new(on_done);
        let run: Run<I> = Box::new(move |input: &I| settle(running, Box::pin(call(input)), on_done.clone()));
        ApiCall {
            run: StoredValue::new_local(run),
            running,
            error: RwSignal::new(None),
        }
    }

    /// Starts a call.
    pub fn dispatch(&self, input: I) {
        if let Some(future) = self.run.try_with_value(|run| run(&input)) {
            start(future, self.running, self.error);
        }
    }

    /// The error of the latest call that finished; `None` after a success.
    pub fn error(&self) -> ReadSignal<Option<ApiError>> {
        self.error.read_only()
    }

    /// Whether a call is running.
    pub fn pending(&self) -> Signal<bool> {
        let running = self.running;
        Signal::derive(move || running.get() > 0)
    }
}
