//! One row of the status overview: a method, whether it is on, what the server says about it,
//! and the row's action or open step (its children). It follows the status in place.

use crate::domain::account::{AccountStatus, Method};
use crate::i18n::{display_date, language, t, text, tf, Key};
use leptos::prelude::*;

#[component]
pub fn MethodRow(
    method: Method,
    /// The account's status, once loaded.
    #[prop(into)]
    status: Signal<Option<AccountStatus>>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let heading_id = format!("method-{}", method.wire_name());
    let labelled_by = heading_id.clone();
    let on = Memo::new(move |_| status.with(|s| s.as_ref().is_some_and(|s| s.method(method).enabled)));
    let details = move || {
        status.with(|s| {
            let s = s.as_ref().map(|s| s.method(method)).filter(|s| s.enabled)?;
            let since = s.enabled_at.as_deref().and_then(|at| display_date(at, language()));
            Some(view! {
                {s.phone.clone().map(|phone| view! { <p class="detail">{phone}</p> })}
                {since.map(|date| view! { <p class="detail">{tf(Key::Since, &[&date])}</p> })}
            })
        })
    };
    let is_default = move || status.with(|s| s.as_ref().is_some_and(|s| s.default_method == Some(method)));
    view! {
        <section class="method-row" aria-labelledby=labelled_by>
            <h3 id=heading_id>{move || method.label()}</h3>
            <p class="method-state" class:on=on>
                {move || t(if on.get() { Key::On } else { Key::Off })}
            </p>
            {move || is_default().then(|| view! { <p class="badge">{text(Key::DefaultBadge)}</p> })}
            {details}
            <div class="row-body">{children.map(|children| children())}</div>
        </section>
    }
}
