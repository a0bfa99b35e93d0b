//! Asynchronous calls bound to signals: [`Action`] (an API call run on demand, such as a form
//! submission) and [`LocalResource`] (run at once, run again on `refetch`). They do what Leptos'
//! types of the same names do for this app at a fraction of the size: every call goes through one
//! non-generic spawn of a boxed future, and an action hands its result to a callback instead of a
//! signal watched by an effect, so no call site adds a copy of the effect machinery.
//! See BENCHMARKS.md for the measurement.

use crate::api::ApiError;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

type BoxFuture<T> = Pin<Box<dyn Future<Output = T>>>;
type Run<I> = Box<dyn Fn(&I) -> BoxFuture<Option<ApiError>>>;
type Load<T> = Box<dyn Fn() -> BoxFuture<T>>;

/// Runs a future to completion on the page's event loop, ignoring its owner's disposal: the
/// signals it writes are only touched with `try_` methods, which do nothing once disposed.
fn spawn(future: BoxFuture<()>) {
    wasm_bindgen_futures::spawn_local(future);
}

/// An API call run on demand with an input. Each result goes to the `on_done` callback given at
/// creation (only while the owner lives); whether a call is running, and the error of the latest
/// one to finish, are signals.
pub struct Action<I: 'static> {
    run: StoredValue<Run<I>, LocalStorage>,
    running: RwSignal<u32>,
    error: RwSignal<Option<ApiError>>,
}

impl<I: 'static> Clone for Action<I> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static> Copy for Action<I> {}

impl<I: 'static> Action<I> {
    /// An action that calls `call` with the input of each dispatch and hands the result to
    /// `on_done`.
    pub fn new<T, F, Fu>(call: F, on_done: impl Fn(Result<T, ApiError>) + 'static) -> Self
    where
        F: Fn(&I) -> Fu + 'static,
        Fu: Future<Output = Result<T, ApiError>> + 'static,
    {
        let running = RwSignal::new(0);
        let on_done = std::rc::Rc::new(on_done);
        let run: Run<I> = Box::new(move |input: &I| {
            let (future, on_done) = (call(input), on_done.clone());
            Box::pin(async move {
                let result = future.await;
                let error = result.as_ref().err().cloned();
                // The owner is gone (the step closed): nobody is left to tell.
                if !running.is_disposed() {
                    on_done(result);
                }
                error
            })
        });
        Action {
            run: StoredValue::new_local(run),
            running,
            error: RwSignal::new(None),
        }
    }

    /// Starts a call.
    pub fn dispatch(&self, input: I) {
        let Some(future) = self.run.try_with_value(|run| run(&input)) else {
            return;
        };
        let (running, error) = (self.running, self.error);
        let focus = crate::browser::FocusKeeper::now();
        running.update(|n| *n += 1);
        spawn(Box::pin(async move {
            let failure = future.await;
            error.try_set(failure);
            running.try_update(|n| *n = n.saturating_sub(1));
            focus.restore();
        }));
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

/// An asynchronous value loaded when created and again on [`LocalResource::refetch`]; `None`
/// until the first load finishes, then the latest result (kept while a reload runs).
pub struct LocalResource<T: 'static> {
    load: StoredValue<Load<T>, LocalStorage>,
    value: RwSignal<Option<T>, LocalStorage>,
    /// Counts loads, so only the latest one's result is kept.
    generation: RwSignal<u32>,
}

impl<T: 'static> Clone for LocalResource<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for LocalResource<T> {}

impl<T: Clone + 'static> LocalResource<T> {
    /// Starts loading with `f`.
    pub fn new<F, Fu>(f: F) -> Self
    where
        F: Fn() -> Fu + 'static,
        Fu: Future<Output = T> + 'static,
    {
        let resource = LocalResource {
            load: StoredValue::new_local(Box::new(move || Box::pin(f()) as BoxFuture<T>)),
            value: RwSignal::new_local(None),
            generation: RwSignal::new(0),
        };
        resource.refetch();
        resource
    }

    /// Loads again; the current value stays until the new one arrives.
    pub fn refetch(&self) {
        let Some(future) = self.load.try_with_value(|load| load()) else {
            return;
        };
        let Some(generation) = self.generation.try_update(|g| {
            *g += 1;
            *g
        }) else {
            return;
        };
        let (value, latest) = (self.value, self.generation);
        spawn(Box::pin(async move {
            let loaded = future.await;
            if latest.try_get_untracked() == Some(generation) {
                value.try_set(Some(loaded));
            }
        }));
    }

    /// The latest loaded value, tracked.
    pub fn get(&self) -> Option<T> {
        self.value.get()
    }
}
