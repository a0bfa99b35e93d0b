//! The code-entry part of every step (setup, turn off, sign-in): what was typed, whether a request
//! is under way, the last error and any rate-limit wait. Typed input survives every failure.

use crate::api::ApiError;
use crate::domain::code::{is_complete, normalize_code};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CodeEntry {
    pub code: String,
    pub busy: bool,
    pub error: Option<ApiError>,
    /// No new attempt before this time (ms since the epoch), after a 429.
    pub wait_until_ms: Option<f64>,
    /// The last complete code sent, so auto-submit does not send the same code twice.
    last_sent: Option<String>,
}

impl CodeEntry {
    /// Takes typed or pasted text; returns the code to send when it just became complete
    /// (auto-submit), unless that exact code was already tried.
    pub fn type_code(&mut self, raw: &str, now_ms: f64) -> Option<String> {
        self.code = normalize_code(raw);
        if is_complete(&self.code) && self.last_sent.as_deref() != Some(&self.code) {
            self.submit(now_ms)
        } else {
            None
        }
    }

    /// The code to send, or `None` when a request is under way, the code is incomplete or a
    /// rate limit is still running. Marks the entry busy.
    pub fn submit(&mut self, now_ms: f64) -> Option<String> {
        if self.busy || !is_complete(&self.code) || self.waiting(now_ms) {
            if !is_complete(&self.code) && !self.busy {
                self.error = Some(ApiError::IncompleteCode);
            }
            return None;
        }
        self.busy = true;
        self.error = None;
        self.last_sent = Some(self.code.clone());
        Some(self.code.clone())
    }

    /// Whether a rate limit still forbids a new attempt.
    pub fn waiting(&self, now_ms: f64) -> bool {
        self.wait_until_ms.is_some_and(|until| now_ms < until)
    }

    /// The request failed: keep the code, show why, and start the rate-limit wait if any.
    pub fn failed(&mut self, error: ApiError, now_ms: f64) {
        self.busy = false;
        if let ApiError::RateLimited { wait_secs } = error {
            self.wait_until_ms = Some(now_ms + wait_secs as f64 * 1000.0);
        }
        self.error = Some(error);
    }

    /// The request succeeded.
    pub fn succeeded(&mut self) {
        *self = CodeEntry::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_submits_once_when_complete() {
        let mut entry = CodeEntry::default();
        assert_eq!(entry.type_code("123", 0.0), None);
        assert_eq!(entry.type_code("123 456", 0.0), Some("123456".into()));
        assert!(entry.busy);
        // A second input event while busy sends nothing.
        assert_eq!(entry.type_code("123456", 0.0), None);
        assert_eq!(entry.submit(0.0), None, "no double submission");
    }

    #[test]
    fn failure_keeps_the_code_and_does_not_resend_it_by_itself() {
        let mut entry = CodeEntry::default();
        entry.type_code("123456", 0.0);
        entry.failed(ApiError::Rejected("Invalid code".into()), 0.0);
        assert_eq!(entry.code, "123456");
        assert!(!entry.busy);
        assert_eq!(entry.error, Some(ApiError::Rejected("Invalid code".into())));
        assert_eq!(
            entry.type_code("123456", 0.0),
            None,
            "the same code is not auto-sent again"
        );
        assert_eq!(
            entry.submit(0.0),
            Some("123456".into()),
            "but the person may send it again"
        );
    }

    #[test]
    fn rate_limit_blocks_until_the_wait_is_over() {
        let mut entry = CodeEntry::default();
        entry.type_code("111111", 0.0);
        entry.failed(ApiError::RateLimited { wait_secs: 30 }, 1_000.0);
        assert!(entry.waiting(30_999.0));
        assert_eq!(entry.type_code("222222", 2_000.0), None);
        assert!(!entry.waiting(31_000.0));
        assert_eq!(entry.submit(31_000.0), Some("222222".into()));
    }

    #[test]
    fn incomplete_submit_says_what_is_missing() {
        let mut entry = CodeEntry::default();
        entry.type_code("12", 0.0);
        assert_eq!(entry.submit(0.0), None);
        assert_eq!(entry.error, Some(ApiError::IncompleteCode));
        entry.type_code("123456", 0.0);
        entry.succeeded();
        assert_eq!(entry, CodeEntry::default());
    }
}
