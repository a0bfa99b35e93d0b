//! The browser transport, on gloo-net's `http` module: the configured headers, a time-out, no
//! cookies for the API, and a cap on the answer's size. It never retries; every failure becomes an
//! [`ApiError`] for the page to show.

use super::error::{ApiError, RawResponse};
use crate::json::limits::MAX_BODY_BYTES;
use gloo_net::http::{Headers, RequestBuilder};
use leptos::prelude::set_timeout_with_handle;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use web_sys::{AbortController, RequestCredentials};

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

/// Whether the browser accepts `value` in a header: no line breaks or NUL (which would split or
/// end the header) and only characters of one byte (the Fetch standard's ByteString). The
/// browser throws on anything else; a token or key from the network or from `config.json` is
/// checked here first so the person gets a sentence instead.
pub fn header_value_allowed(value: &str) -> bool {
    value
        .chars()
        .all(|c| !matches!(c, '\r' | '\n' | '\0') && u32::from(c) <= 0xFF)
}

/// The request headers, each value checked before the browser sees it. gloo-net's own
/// `Headers::set` throws on a value the browser refuses, so the raw headers are built here.
fn headers(pairs: &[(&str, &str)]) -> Result<Headers, ApiError> {
    let raw = web_sys::Headers::new().map_err(|_| ApiError::Network)?;
    for (name, value) in pairs {
        if !header_value_allowed(value) {
            return Err(ApiError::UnsafeHeader((*name).to_string()));
        }
        raw.set(name, value)
            .map_err(|_| ApiError::UnsafeHeader((*name).to_string()))?;
    }
    Ok(Headers::from_raw(raw))
}

/// The text of a JSON file beside the page (`config.json`, a catalogue); on failure the HTTP
/// status, or 0 when the network failed. Read before `config.json` can set a time-out.
pub async fn own_file(url: &str) -> Result<String, u16> {
    let headers = [("Accept", "application/json")];
    let timeout = crate::config::DEFAULT_TIMEOUT;
    let raw = send("GET", url, &headers, None, timeout, Audience::OwnFile)
        .await
        .map_err(|_| 0u16)?;
    match raw.status {
        200..=299 => Ok(raw.body),
        status => Err(status),
    }
}

/// Sends one request without query parameters; see [`send_with_query`].
pub async fn send(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
    timeout: Duration,
    audience: Audience,
) -> Result<RawResponse, ApiError> {
    send_with_query(method, url, &[], headers, body, timeout, audience).await
}

/// Sends one request and reads the whole answer as text, within `timeout`. An answer larger than
/// [`MAX_BODY_BYTES`] is not read: a success becomes [`ApiError::Malformed`], an error keeps its
/// status with an empty body. `query` is encoded onto `url` (which has no query of its own).
pub async fn send_with_query(
    method: &str,
    url: &str,
    query: &[(&str, &str)],
    headers: &[(&str, &str)],
    body: Option<&str>,
    timeout: Duration,
    audience: Audience,
) -> Result<RawResponse, ApiError> {
    let controller = AbortController::new().map_err(|_| ApiError::Network)?;
    let request = RequestBuilder::new(url)
        .method(method.parse().map_err(|_| ApiError::Network)?)
        .query(query.iter().copied())
        .headers(self::headers(headers)?)
        .abort_signal(Some(&controller.signal()))
        .credentials(match audience {
            Audience::Api => RequestCredentials::Omit,
            Audience::OwnFile => RequestCredentials::SameOrigin,
        });
    let request = match body {
        Some(body) => request.body(body),
        None => request.build(),
    }
    .map_err(|_| ApiError::Network)?;

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
        let response = request.send().await.map_err(failure)?;
        let status = response.status();
        let retry_after = response.headers().get("retry-after");
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
        let declared = response.headers().get("content-length");
        if declared
            .and_then(|l| l.trim().parse::<u64>().ok())
            .is_some_and(|l| l > MAX_BODY_BYTES as u64)
        {
            controller.abort();
            return too_large(status);
        }
        // Without a declared length the time-out bounds the download; the size is checked here.
        let body = response.text().await.map_err(failure)?;
        if body.len() > MAX_BODY_BYTES {
            return too_large(status);
        }
        Ok(RawResponse {
            status,
            retry_after,
            body,
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

#[cfg(test)]
mod tests {
    use super::header_value_allowed;

    #[test]
    fn header_values_that_the_browser_would_refuse_are_caught() {
        assert!(header_value_allowed("Bearer eyJhbGciOi.J9-_~+/="));
        assert!(header_value_allowed("public-client-key"));
        assert!(header_value_allowed("caf\u{e9}"), "Latin-1 is one byte per character");
        for hostile in [
            "Bearer t\r\nX-Injected: 1",
            "key\n",
            "key\r",
            "a\0b",
            "\u{43a}\u{43b}\u{44e}\u{447}",
            "emoji \u{1f600}",
        ] {
            assert!(!header_value_allowed(hostile), "{hostile:?}");
        }
    }
}
