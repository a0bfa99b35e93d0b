//! The QR code of an `otpauth://` URI, drawn here (never taken from the server as markup) and
//! shown as an SVG image, with a text alternative.

use crate::domain::qr::qr_svg;
use crate::i18n::{text, tf, Key};
use leptos::prelude::*;

#[component]
pub fn QrCode(uri: String, issuer: String) -> impl IntoView {
    let alt = move || tf(Key::QrAlt, &[&issuer]);
    match qr_svg(&uri) {
        Some(svg) => {
            let src = format!(
                "data:image/svg+xml,{}",
                String::from(js_sys::encode_uri_component(&svg))
            );
            view! { <img class="qr" src=src alt=alt width="200" height="200" /> }.into_any()
        }
        None => view! { <p class="detail">{text(Key::QrFailed)}</p> }.into_any(),
    }
}
