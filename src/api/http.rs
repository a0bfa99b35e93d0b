//! The browser transport: `fetch` with the configured headers and a time-out. It never retries;
//! every failure becomes an [`ApiError`] for the page to show.

use super::error::{ApiError, RawResponse};
use super::limits::MAX_BODY_BYTES;
use leptos::prelude::set_timeout_with_handle;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCredentials, RequestInit, Response};

/// How long a request may take, answer body included, unless `config.json` says otherwise.
pub const TIMEOUT: Duration = crate::config::DEFAULT_TIMEOUT;

/// Who a request is for, which decides whether the browser may attach cookies.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The API: bearer tokens only, no cookies travel, so no CSRF surface.
    Api,
    /// A file of the page's own origin (`config.json`): the browser's default, `same-origin`, which
    /// is also what `<link rel="preload" as="fetch" crossorigin>` in index.html uses, so the
    /// preloaded answer is taken instead of a second request.
    OwnFile,
}

/// Sends one request and reads the whole answer as text, within `timeout`. An answer larger than
/// [`MAX_BODY_BYTES`] is not read: a success becomes [`ApiError::Malformed`], an error keeps its
/// status with an empty body.
pub async fn send(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
    timeout: Duration,
    audience: Audience,
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
    init.set_credentials(match audience {
        Audience::Api => RequestCredentials::Omit,
        Audience::OwnFile => RequestCredentials::SameOrigin,
    });
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
            timeout,
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
        let status = response.status();
        let retry_after = response.headers().get("retry-after").ok().flatten();
        let too_large = |status: u16| {
            if (200..300).contains(&status) {
                Err(ApiError::Malformed)
            } else {
                Ok(RawResponse {
                    status,
                    retry_after: retry_after.clone(),
                    body: String::new(),
                })
            }
        };
        // A declared length over the limit: stop the download before reading anything.
        let declared = response.headers().get("content-length").ok().flatten();
        if declared
            .and_then(|l| l.trim().parse::<u64>().ok())
            .is_some_and(|l| l > MAX_BODY_BYTES as u64)
        {
            controller.abort();
            return too_large(status);
        }
        let text_promise = response.text().map_err(|_| ApiError::Malformed)?;
        let text = JsFuture::from(text_promise).await.map_err(failure)?;
        // Without a declared length the time-out bounds the download; the size is checked here.
        let length = text.unchecked_ref::<js_sys::JsString>().length() as usize;
        if length > MAX_BODY_BYTES {
            return too_large(status);
        }
        Ok(RawResponse {
            status,
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
