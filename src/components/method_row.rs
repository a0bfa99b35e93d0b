//! One row of the status overview: a method, whether it is on, what the server says about it,
//! and the row's action or open step (its children).

use crate::domain::account::{Method, MethodState};
use crate::i18n::{display_date, t, tf, Key};
use leptos::prelude::*;

#[component]
pub fn MethodRow(
    method: Method,
    state: MethodState,
    is_default: bool,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let heading_id = format!("method-{}", method.wire_name());
    let labelled_by = heading_id.clone();
    let on = state.enabled;
    let since = state.enabled_at.as_deref().and_then(display_date).filter(|_| on);
    view! {
        <section class="method-row" aria-labelledby=labelled_by>
            <h3 id=heading_id>{method.label()}</h3>
            <p class="method-state" class:on=on>
                {t(if on { Key::On } else { Key::Off })}
            </p>
            {is_default.then(|| view! { <p class="badge">{t(Key::DefaultBadge)}</p> })}
            {state.phone.filter(|_| on).map(|phone| view! { <p class="detail">{phone}</p> })}
            {since.map(|date| view! { <p class="detail">{tf(Key::Since, &[&date])}</p> })}
            <div class="row-body">{children.map(|children| children())}</div>
        </section>
    }
}
