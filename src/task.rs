//! Asynchronous calls bound to signals: [`Action`] (run on demand, such as a form submission) and
//! [`LocalResource`] (run at once, run again on `refetch`). They offer the part of Leptos' types
//! of the same names that the app uses, with the same meaning, at a fraction of the size: every
//! call goes through one non-generic spawn of a boxed future, where Leptos' versions produce a
//! copy of their machinery (async derived signals, effects, wrappers) for each call site.
//! See BENCHMARKS.md for the measurement.

use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

type BoxFuture<T> = Pin<Box<dyn Future<Output = T>>>;
type Run<I, O> = Box<dyn Fn(&I) -> BoxFuture<O>>;
type Load<T> = Box<dyn Fn() -> BoxFuture<T>>;

/// Runs a future to completion on the page's event loop, ignoring its owner's disposal: the
/// signals it writes are only touched with `try_` methods, which do nothing once disposed.
fn spawn(future: BoxFuture<()>) {
    wasm_bindgen_futures::spawn_local(future);
}

/// An asynchronous call run on demand with an input; the latest result and whether one is
/// running are signals.
pub struct Action<I: 'static, O: 'static> {
    run: StoredValue<Run<I, O>, LocalStorage>,
    value: RwSignal<Option<O>, LocalStorage>,
    running: RwSignal<u32>,
}

impl<I: 'static, O: 'static> Clone for Action<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static, O: 'static> Copy for Action<I, O> {}

impl<I: 'static, O: 'static> Action<I, O> {
    /// An action that calls `f` with the input of each dispatch.
    pub fn new_local<F, Fu>(f: F) -> Self
    where
        F: Fn(&I) -> Fu + 'static,
        Fu: Future<Output = O> + 'static,
    {
        Action {
            run: StoredValue::new_local(Box::new(move |input: &I| Box::pin(f(input)) as BoxFuture<O>)),
            value: RwSignal::new_local(None),
            running: RwSignal::new(0),
        }
    }

    /// Starts a call; its result replaces [`Action::value`] when it arrives.
    pub fn dispatch(&self, input: I) {
        let Some(future) = self.run.try_with_value(|run| run(&input)) else {
            return;
        };
        let (value, running) = (self.value, self.running);
        running.update(|n| *n += 1);
        spawn(Box::pin(async move {
            let output = future.await;
            value.try_set(Some(output));
            running.try_update(|n| *n = n.saturating_sub(1));
        }));
    }

    /// The result of the latest call that finished, if any.
    pub fn value(&self) -> ReadSignal<Option<O>, LocalStorage> {
        self.value.read_only()
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
