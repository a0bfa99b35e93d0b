//! Component tests in headless Chromium (wasm-bindgen-test): each mounts one component into a
//! fresh element and checks what a person and a screen reader get.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use mfa_app::api::ApiError;
use mfa_app::components::alert::ErrorAlert;
use mfa_app::components::method_row::MethodRow;
use mfa_app::domain::account::{Method, MethodState};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a view into a new element of the document and returns that element.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> HtmlElement {
    let document = document();
    let host: HtmlElement = document.create_element("div").expect("div").unchecked_into();
    document.body().expect("body").append_child(&host).expect("append");
    let handle = leptos::mount::mount_to(host.clone(), view);
    handle.forget();
    host
}

#[wasm_bindgen_test]
fn method_row_on_shows_state_phone_date_and_is_a_named_region() {
    let state = MethodState {
        enabled: true,
        phone: Some("+1 202-***-0143".into()),
        enabled_at: Some("2026-11-01T10:00:00Z".into()),
    };
    let host = mount(move || view! { <MethodRow method=Method::Sms state is_default=true /> });
    let region = host.query_selector("section").expect("query").expect("a section");
    let heading_id = region.get_attribute("aria-labelledby").expect("labelled");
    let heading = document().get_element_by_id(&heading_id).expect("heading exists");
    assert_eq!(heading.text_content().as_deref(), Some("Text message (SMS)"));
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("On"), "{text}");
    assert!(text.contains("+1 202-***-0143"), "{text}");
    assert!(text.contains("Since 1 Nov 2026"), "{text}");
    assert!(text.contains("Default"), "{text}");
}

#[wasm_bindgen_test]
fn method_row_off_hides_phone_and_date() {
    let state = MethodState {
        enabled: false,
        phone: Some("+1 555".into()),
        enabled_at: Some("2026-11-01".into()),
    };
    let host = mount(move || view! { <MethodRow method=Method::Totp state is_default=false /> });
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Authenticator app"));
    assert!(text.contains("Off"));
    assert!(!text.contains("+1 555"), "{text}");
    assert!(!text.contains("Since"), "{text}");
    assert!(!text.contains("Default"), "{text}");
}

#[wasm_bindgen_test]
fn error_alert_offers_retry_only_when_it_helps() {
    let retries = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&retries);
    let retry = Callback::new(move |()| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let host = mount(move || view! { <ErrorAlert error=ApiError::Timeout retry /> });
    let alert = host.query_selector("[role=alert]").expect("query").expect("an alert");
    assert!(alert.text_content().unwrap_or_default().contains("took too long"));
    let button: HtmlElement = alert
        .query_selector("button")
        .expect("query")
        .expect("a retry button")
        .unchecked_into();
    assert_eq!(button.text_content().as_deref(), Some("Try again"));
    button.click();
    assert_eq!(retries.load(Ordering::SeqCst), 1);

    let host = mount(move || view! { <ErrorAlert error=ApiError::Rejected("<b>Invalid code</b>".into()) retry /> });
    assert!(
        host.query_selector("button").expect("query").is_none(),
        "no retry for a rejection"
    );
    // Server text is shown as text, never as markup.
    assert!(host.query_selector("b").expect("query").is_none());
    assert!(host.text_content().unwrap_or_default().contains("<b>Invalid code</b>"));
}
