//! Component tests in headless browsers (wasm-bindgen-test; `scripts/test` runs them in Chromium
//! and in Firefox): each mounts one component into a fresh element and checks what a person and a
//! screen reader get.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use mfa_app::api::{Api, ApiError};
use mfa_app::components::alert::ErrorAlert;
use mfa_app::components::code_form::CodeForm;
use mfa_app::components::method_row::MethodRow;
use mfa_app::components::qr_code::QrCode;
use mfa_app::components::recovery_codes::RecoveryCodesPanel;
use mfa_app::components::secret_key::SecretKey;
use mfa_app::config::parse_config;
use mfa_app::domain::account::{AccountStatus, Method, MethodState};
use mfa_app::domain::recovery::RecoveryCodes;
use mfa_app::flow::code_entry::CodeEntry;
use mfa_app::i18n::{display_date, error_text, install, parse_catalogue, set_current, Key, Lang, Message, Value};
use mfa_app::session::Session;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlImageElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A view mounted into an element of its own; dropping it (at the end of the test) unmounts the
/// view, disposes of its signals and effects, and removes the element.
struct Mounted {
    host: HtmlElement,
    handle: Option<Box<dyn std::any::Any>>,
}

impl std::ops::Deref for Mounted {
    type Target = HtmlElement;
    fn deref(&self) -> &HtmlElement {
        &self.host
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        drop(self.handle.take());
        self.host.remove();
    }
}

/// Mounts a view into a new element of the document.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> Mounted {
    let document = document();
    let host: HtmlElement = document.create_element("div").expect("div").unchecked_into();
    document.body().expect("body").append_child(&host).expect("append");
    let handle = leptos::mount::mount_to(host.clone(), view);
    Mounted {
        host,
        handle: Some(Box::new(handle)),
    }
}

#[wasm_bindgen_test]
fn method_row_on_shows_state_phone_date_and_is_a_named_region() {
    let state = MethodState {
        enabled: true,
        phone: Some("+1 202-***-0143".into()),
        enabled_at: Some("2026-11-01T10:00:00Z".into()),
    };
    let status = AccountStatus {
        sms: state,
        default_method: Some(Method::Sms),
        ..AccountStatus::default()
    };
    let host = mount(move || view! { <MethodRow method=Method::Sms status=RwSignal::new(Some(status)).read_only() /> });
    let region = host.query_selector("section").expect("query").expect("a section");
    let heading_id = region.get_attribute("aria-labelledby").expect("labelled");
    let heading = document().get_element_by_id(&heading_id).expect("heading exists");
    assert_eq!(heading.text_content().as_deref(), Some("Text message (SMS)"));
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("On"), "{text}");
    assert!(text.contains("+1 202-***-0143"), "{text}");
    assert!(text.contains("Since Nov 1, 2026"), "{text}");
    assert!(text.contains("Default"), "{text}");
}

#[wasm_bindgen_test]
fn method_row_off_hides_phone_and_date() {
    let state = MethodState {
        enabled: false,
        phone: Some("+1 555".into()),
        enabled_at: Some("2026-11-01".into()),
    };
    let status = AccountStatus {
        totp: state,
        default_method: Some(Method::Sms),
        ..AccountStatus::default()
    };
    let host =
        mount(move || view! { <MethodRow method=Method::Totp status=RwSignal::new(Some(status)).read_only() /> });
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

/// Lets pending futures and reactive effects run.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Lets the microtasks queued so far run, and nothing else: no timer, no animation frame, no
/// input event comes in between.
async fn microtasks() {
    let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL)).await;
}

fn type_into(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    input
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
}

fn test_api() -> Api {
    let config = parse_config(r#"{"dialect":"cg","api_base":"","issuer":"Example Bank"}"#).expect("config");
    Api::new(config, Session::new(), mfa_app::i18n::request_language)
}

#[wasm_bindgen_test]
async fn code_form_normalises_paste_and_auto_submits_once() {
    let sent = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let log = Arc::clone(&sent);
    let entry = RwSignal::new(CodeEntry::default());
    let on_send = Callback::new(move |code: String| log.lock().expect("lock").push(code));
    let host = mount(move || view! { <CodeForm entry on_send submit_label=Key::Verify /> });
    let input: HtmlInputElement = host
        .query_selector("input")
        .expect("query")
        .expect("input")
        .unchecked_into();
    assert_eq!(input.get_attribute("inputmode").as_deref(), Some("numeric"));
    assert_eq!(input.get_attribute("autocomplete").as_deref(), Some("one-time-code"));
    let label = host.query_selector("label").expect("query").expect("label");
    assert!(label
        .text_content()
        .unwrap_or_default()
        .starts_with("Verification code"));

    type_into(&input, "12 3");
    settle().await;
    assert!(sent.lock().expect("lock").is_empty(), "incomplete codes are not sent");
    type_into(&input, "12 34-56");
    settle().await;
    assert_eq!(input.value(), "123456", "separators are stripped");
    assert_eq!(*sent.lock().expect("lock"), vec!["123456".to_string()]);

    // While the request is under way the form is busy and a second submit sends nothing.
    let button: HtmlElement = host
        .query_selector("button[type=submit]")
        .expect("query")
        .expect("button")
        .unchecked_into();
    assert_eq!(button.get_attribute("aria-busy").as_deref(), Some("true"));
    button.click();
    settle().await;
    assert_eq!(sent.lock().expect("lock").len(), 1);

    // A failure keeps the code, shows the error and frees the form.
    entry.update(|e| e.failed(ApiError::Rejected("Invalid code".into()), 0.0));
    settle().await;
    assert_eq!(input.value(), "123456");
    let alert = host.query_selector("[role=alert]").expect("query").expect("alert");
    assert!(alert.text_content().unwrap_or_default().contains("Invalid code"));
    assert_eq!(button.get_attribute("aria-busy").as_deref(), Some("false"));
}

#[wasm_bindgen_test]
async fn qr_code_is_an_svg_image_with_a_text_alternative() {
    let host = mount(|| {
        view! {
            <QrCode
                uri="otpauth://totp/Example%20Bank:demo?secret=G7NMO7RKZNS3PXQQ&issuer=Example%20Bank".to_string()
                issuer="Example Bank".to_string()
            />
        }
    });
    let img: HtmlImageElement = host
        .query_selector("img")
        .expect("query")
        .expect("img")
        .unchecked_into();
    assert!(img.alt().starts_with("QR code"), "{}", img.alt());
    assert!(img.alt().contains("Example Bank"));
    assert!(img.src().starts_with("data:image/svg+xml,"), "drawn locally");
    assert!(img.src().contains("ffffff"), "white background");
    // The browser can draw it: a malformed SVG would fail to decode.
    let decoded = wasm_bindgen_futures::JsFuture::from(img.decode()).await;
    assert!(decoded.is_ok(), "the SVG decodes: {decoded:?}");
    assert_eq!((img.natural_width(), img.natural_height()), (200, 200));
}

#[wasm_bindgen_test]
async fn secret_key_is_grouped_and_copy_gives_the_raw_key() {
    let host = mount(|| view! { <SecretKey key="g7nmo7rkzns3pxqq".to_string() /> });
    let key = host.query_selector("code").expect("query").expect("key");
    assert_eq!(key.text_content().as_deref(), Some("G7NM O7RK ZNS3 PXQQ"));
    let button: HtmlElement = host
        .query_selector("button")
        .expect("query")
        .expect("button")
        .unchecked_into();
    assert_eq!(button.text_content().as_deref(), Some("Copy key"));
    button.click();
    settle().await;
    settle().await;
    let status = host.query_selector("[role=status]").expect("query").expect("status");
    let said = status.text_content().unwrap_or_default();
    if said.contains("Key copied") {
        return;
    }
    // Headless browsers often refuse the clipboard: the raw key is then selected for copying by hand.
    assert!(said.contains("blocked"), "{said}");
    let fallback: HtmlInputElement = host
        .query_selector("input")
        .expect("query")
        .expect("fallback")
        .unchecked_into();
    assert_eq!(fallback.value(), "G7NMO7RKZNS3PXQQ");
}

#[wasm_bindgen_test]
async fn recovery_codes_mark_used_ones_and_gate_done() {
    let done = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&done);
    let on_done = Callback::new(move |()| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let mut codes = RecoveryCodes::fresh(vec!["aaaaa-bbbbb".into(), "ccccc-ddddd".into()], None);
    codes.codes[1].used = true;
    let host = mount(move || {
        provide_context(test_api());
        view! {
            <RecoveryCodesPanel
                codes
                just_generated=true
                account="demo@example.com".to_string()
                on_done
            />
        }
    });
    // Opened with the focus on its heading before the browser handles another event: a key typed
    // at once (or a move made on the next animation frame, which WebKit under Xvfb draws late)
    // would otherwise land before the focus does.
    microtasks().await;
    let focused = document().active_element().expect("a focused element");
    assert_eq!(focused.text_content().as_deref(), Some("Your recovery codes"));
    assert_eq!(host.query_selector("h3").expect("query"), Some(focused));

    let list = host.query_selector("ul").expect("query").expect("list");
    assert_eq!(list.get_attribute("aria-label").as_deref(), Some("Recovery codes"));
    let items = list.query_selector_all("li").expect("items");
    assert_eq!(items.length(), 2);
    let used: Element = items.item(1).expect("second").unchecked_into();
    assert!(used.class_list().contains("used"));
    assert!(used.text_content().unwrap_or_default().contains("used"));
    let unused: Element = items.item(0).expect("first").unchecked_into();
    assert!(!unused.class_list().contains("used"));

    let buttons = host.query_selector_all("button").expect("buttons");
    let labels: Vec<String> = (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .filter_map(|b| b.text_content())
        .collect();
    for label in ["Copy", "Download", "Print", "Done"] {
        assert!(labels.iter().any(|l| l == label), "{label} in {labels:?}");
    }
    let done_button: HtmlButtonElement = host
        .query_selector("button.primary")
        .expect("query")
        .expect("done")
        .unchecked_into();
    assert!(done_button.disabled(), "Done waits for the checkbox");
    let checkbox: HtmlInputElement = host
        .query_selector("input[type=checkbox]")
        .expect("query")
        .expect("checkbox")
        .unchecked_into();
    checkbox.click();
    settle().await;
    assert!(!done_button.disabled());
    done_button.click();
    assert_eq!(done.load(Ordering::SeqCst), 1);
    // The print header names the issuer and the account.
    let header = host
        .query_selector(".print-only")
        .expect("query")
        .expect("print header");
    let text = header.text_content().unwrap_or_default();
    assert!(
        text.contains("Example Bank recovery codes") && text.contains("demo@example.com"),
        "{text}"
    );
}

#[wasm_bindgen_test]
async fn a_token_or_key_with_a_line_break_is_refused_with_a_sentence() {
    // The browser's Headers would throw on these; nothing is sent and the person is told why.
    let session = Session::new();
    session.start("t\r\nX-Injected: 1".into());
    let config = parse_config(r#"{"dialect":"cg","api_base":""}"#).expect("config");
    let signed_in = Api::new(config, session, mfa_app::i18n::request_language);
    assert_eq!(
        signed_in.status().await.err(),
        Some(ApiError::UnsafeHeader("Authorization".into()))
    );
    let config = parse_config(r#"{"dialect":"b2core","api_key":"key\nX-Injected: 1"}"#).expect("config");
    let keyed = Api::new(config, Session::new(), mfa_app::i18n::request_language);
    let error = keyed.sign_in("a@example.com", "pw").await.expect_err("not sent");
    assert_eq!(error, ApiError::UnsafeHeader("x-api-key".into()));
    let words = error_text(&error, Lang::En);
    assert!(words.contains("x-api-key"), "{words}");
    assert!(!error.is_retryable());
}

#[wasm_bindgen_test]
async fn a_language_switch_rewords_a_message_and_dates_follow_the_language() {
    let catalogue = parse_catalogue(include_str!("../public/i18n/de.json")).expect("parses");
    install(Lang::De, catalogue);
    let message = Message::Text(Key::MethodIsOn, vec![Value::Text(Key::MethodTotp)]);
    let host = mount(move || view! { <p role="status">{move || message.words()}</p> });
    assert_eq!(host.text_content().as_deref(), Some("Authenticator app is on."));
    set_current(Lang::De);
    settle().await;
    let german = host.text_content();
    set_current(Lang::En);
    assert_eq!(german.as_deref(), Some("Authenticator-App ist an."));
    settle().await;
    assert_eq!(host.text_content().as_deref(), Some("Authenticator app is on."));

    let date = "2026-11-01T10:00:00Z";
    assert_eq!(display_date(date, Lang::En).as_deref(), Some("Nov 1, 2026"));
    assert_eq!(display_date(date, Lang::De).as_deref(), Some("1. Nov. 2026"));
    assert_eq!(display_date(date, Lang::Ru).as_deref(), Some("1 нояб. 2026 г."));
    assert_eq!(display_date("2026-12-31", Lang::En).as_deref(), Some("Dec 31, 2026"));
    assert_eq!(display_date("2026-13-01", Lang::En), None);
}

/// Stands in for the browser's WebOTP: `navigator.credentials.get` records each request's options
/// in `window.__otp` and answers with the promise `answer` (JavaScript); `offered` says whether the
/// browser has `OTPCredential`, the feature WebOTP is detected by.
fn stub_web_otp(offered: bool, answer: &str) {
    let offer = if offered {
        "window.OTPCredential = function OTPCredential() {};"
    } else {
        "delete window.OTPCredential;"
    };
    eval(&format!(
        "window.__otp = []; {offer}
         Object.defineProperty(navigator, 'credentials', {{ configurable: true, value: {{
           get(options) {{ window.__otp.push(options); return {answer}; }} }} }});"
    ));
}

fn unstub_web_otp() {
    eval("delete navigator.credentials; delete window.OTPCredential; delete window.__otp;");
}

fn eval(script: &str) -> wasm_bindgen::JsValue {
    js_sys::eval(script).expect("script")
}

/// A code form asking for a texted code; returns its element, its field and the codes it sent.
fn texted_code_form(texted: Signal<bool>) -> (Mounted, HtmlInputElement, Arc<std::sync::Mutex<Vec<String>>>) {
    let sent = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let log = Arc::clone(&sent);
    let on_send = Callback::new(move |code: String| log.lock().expect("lock").push(code));
    let entry = RwSignal::new(CodeEntry::default());
    let host = mount(move || view! { <CodeForm entry on_send submit_label=Key::Verify texted /> });
    let input: HtmlInputElement = host
        .query_selector("input")
        .expect("query")
        .expect("input")
        .unchecked_into();
    (host, input, sent)
}

#[wasm_bindgen_test]
async fn web_otp_absent_asks_nothing_and_typing_works() {
    stub_web_otp(false, "new Promise(() => {})");
    let (_host, input, sent) = texted_code_form(Signal::from(true));
    settle().await;
    assert_eq!(
        eval("window.__otp.length").as_f64(),
        Some(0.0),
        "no request without OTPCredential"
    );
    type_into(&input, "123456");
    settle().await;
    assert_eq!(*sent.lock().expect("lock"), vec!["123456".to_string()]);
    unstub_web_otp();
}

#[wasm_bindgen_test]
async fn web_otp_fills_the_code_and_submits_it_as_if_typed() {
    stub_web_otp(true, "Promise.resolve({ type: 'otp', id: '', code: '654321' })");
    let (_host, input, sent) = texted_code_form(Signal::from(true));
    settle().await;
    assert_eq!(eval("window.__otp.length").as_f64(), Some(1.0));
    assert_eq!(
        eval("JSON.stringify(window.__otp[0].otp)").as_string().as_deref(),
        Some(r#"{"transport":["sms"]}"#)
    );
    assert_eq!(
        eval("window.__otp[0].signal instanceof AbortSignal").as_bool(),
        Some(true)
    );
    assert_eq!(input.value(), "654321", "the field shows the code");
    assert_eq!(
        *sent.lock().expect("lock"),
        vec!["654321".to_string()],
        "and it is sent"
    );
    unstub_web_otp();
}

#[wasm_bindgen_test]
async fn web_otp_waits_beside_typing_and_ends_with_the_texted_code() {
    // The browser has not answered (the text has not come): typing goes on as ever.
    stub_web_otp(true, "new Promise(() => {})");
    let texted = RwSignal::new(true);
    let (_host, input, sent) = texted_code_form(texted.into());
    settle().await;
    assert_eq!(eval("window.__otp.length").as_f64(), Some(1.0));
    assert_eq!(eval("window.__otp[0].signal.aborted").as_bool(), Some(false));
    type_into(&input, "111 222");
    settle().await;
    assert_eq!(*sent.lock().expect("lock"), vec!["111222".to_string()]);
    // The code now comes from the app (or the step closed): the request is aborted.
    texted.set(false);
    settle().await;
    assert_eq!(eval("window.__otp[0].signal.aborted").as_bool(), Some(true));
    assert_eq!(eval("window.__otp.length").as_f64(), Some(1.0));
    unstub_web_otp();
}

#[wasm_bindgen_test]
async fn an_action_s_results_reach_its_view_and_nobody_once_it_is_gone() {
    use futures::channel::oneshot;
    use mfa_app::call_results::{latest_error, on_result};
    use mfa_app::components::error_slot::ErrorSlot;
    use std::cell::RefCell;
    use std::rc::Rc;

    // Each call waits for the answer the test gives it.
    let answers = Rc::new(RefCell::new(Vec::<oneshot::Sender<Result<u32, ApiError>>>::new()));
    let seen = Rc::new(RefCell::new(Vec::<Result<u32, ApiError>>::new()));
    let (calls, log) = (Rc::clone(&answers), Rc::clone(&seen));
    let host = mount(move || {
        let call = Action::new_local(move |_: &()| {
            let (answer, answered) = oneshot::channel();
            calls.borrow_mut().push(answer);
            async move { answered.await.unwrap_or(Err(ApiError::SignInExpired)) }
        });
        on_result(call, move |result| log.borrow_mut().push(result.clone()));
        view! {
            <button on:click=move |_| {
                call.dispatch(());
            }>"Send"</button>
            <ErrorSlot error=latest_error(call) />
        }
    });
    let button: HtmlElement = host
        .query_selector("button")
        .expect("query")
        .expect("button")
        .unchecked_into();
    let answer = |result: Result<u32, ApiError>| {
        let sender = answers.borrow_mut().pop().expect("a call waits for its answer");
        sender.send(result).expect("the call still waits");
    };

    button.click();
    answer(Err(ApiError::Rejected("Nope".into())));
    settle().await;
    let alert = host
        .query_selector("[role=alert]")
        .expect("query")
        .expect("the error is shown");
    assert!(alert.text_content().unwrap_or_default().contains("Nope"));
    assert!(matches!(seen.borrow().as_slice(), [Err(ApiError::Rejected(_))]));

    // A success clears the error and is handed on too.
    button.click();
    answer(Ok(7));
    settle().await;
    assert!(host.query_selector("[role=alert]").expect("query").is_none());
    assert!(matches!(seen.borrow().as_slice(), [Err(_), Ok(7)]));

    // A call that ends after its view is gone tells nobody (and nothing breaks).
    button.click();
    drop(host);
    answer(Ok(8));
    settle().await;
    assert_eq!(seen.borrow().len(), 2);
}
