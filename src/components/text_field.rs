//! A labelled text field bound to a signal, with optional help under it that screen readers read
//! with the field. The sign-in and phone forms use it, so every field is labelled the same way.

use crate::i18n::{text, Key};
use leptos::html::Input;
use leptos::prelude::*;

#[component]
pub fn TextField(
    /// The input's id and name; the help text's id is derived from it.
    id: &'static str,
    label: Key,
    value: RwSignal<String>,
    /// The input type.
    #[prop(default = "text")]
    kind: &'static str,
    autocomplete: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] help: Option<Key>,
    /// The input, for the form to move the focus to it.
    #[prop(optional)]
    field: NodeRef<Input>,
) -> impl IntoView {
    let help_id = help.map(|_| format!("{id}-help"));
    view! {
        <div class="field">
            <label for=id>{text(label)}</label>
            <input
                id=id
                name=id
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                required=required
                autocapitalize="none"
                spellcheck="false"
                aria-describedby=help_id.clone()
                bind:value=value
                node_ref=field
            />
            {help.map(|help| view! { <p id=help_id class="detail">{text(help)}</p> })}
        </div>
    }
}
