//! The browser transport: `fetch` with the configured headers and a time-out. It never retries;
//! every failure becomes an [`ApiError`] for the page to show.

use super::error::{ApiError, RawResponse};
use leptos::prelude::set_timeout_with_handle;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCredentials, RequestInit, Response};

/// How long a request may take, answer body included.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// Sends one request and reads the whole answer as text.
pub async fn send(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Result<RawResponse, ApiError> {
    let window = web_sys::window().ok_or(ApiError::Network)?;
    let controller = AbortController::new().map_err(|_| ApiError::Network)?;
    let header_map = Headers::new().map_err(|_| ApiError::Network)?;
    for (name, value) in headers {
        header_map.set(name, value).map_err(|_| ApiError::Network)?;
    }
    let init = RequestInit::new();
    init.set_method(method);
    init.set_headers(&header_map);
    init.set_signal(Some(&controller.signal()));
    // Bearer tokens only: no cookies travel, so no CSRF surface.
    init.set_credentials(RequestCredentials::Omit);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(body));
    }

    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let timed_out = Rc::clone(&timed_out);
        let controller = controller.clone();
        set_timeout_with_handle(
            move || {
                timed_out.set(true);
                controller.abort();
            },
            TIMEOUT,
        )
        .ok()
    };
    let failure = |_| {
        if timed_out.get() {
            ApiError::Timeout
        } else {
            ApiError::Network
        }
    };

    let result = async {
        let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
            .await
            .map_err(failure)?
            .dyn_into()
            .map_err(|_| ApiError::Network)?;
        let retry_after = response.headers().get("retry-after").ok().flatten();
        let text_promise = response.text().map_err(|_| ApiError::Malformed)?;
        let text = JsFuture::from(text_promise).await.map_err(failure)?;
        Ok(RawResponse {
            status: response.status(),
            retry_after,
            body: text.as_string().unwrap_or_default(),
        })
    }
    .await;
    if let Some(timer) = timer {
        timer.clear();
    }
    result
}

/// The current time in Unix seconds, for `Retry-After` dates.
pub fn now_unix() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}
