//! Why a step did not go through, as typed reasons (their words are chosen where they are shown),
//! and the pure mapping from an HTTP status and body to them.

use super::wire::{from_json, Loose};
use crate::domain::account::StepUpMethods;
use crate::domain::retry_after;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

/// Why an API call, or a step around one, did not give what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The session is missing or expired.
    Unauthorized,
    /// Too many attempts; try again after this many seconds.
    RateLimited { wait_secs: u64 },
    /// The server refused the request and said why, in its own words (validation, wrong code ...).
    Rejected(String),
    /// The server refused the request (4xx) without a message that can be shown.
    NotAccepted,
    /// The change needs a current code of one of these factors first (a 403 with
    /// `step_up_methods`); the call is repeated with one once the person gives it.
    StepUp(StepUpMethods),
    /// The password step of sign-in was refused (401): wrong email or password.
    WrongPassword,
    /// The second-factor step of sign-in is gone (a 401 there, or no step under way).
    SignInExpired,
    /// A wizard step stayed open after its code: the code was not right.
    WrongCode,
    /// The backend sends the sign-in text by itself; there is no call to ask for one.
    ServerTextsItself,
    /// The backend asked for a wizard step this app does not know (its name, as sent).
    UnsupportedStep(String),
    /// Not sent: the code typed is not complete.
    IncompleteCode,
    /// Not sent: the phone lookup says the number cannot receive text messages.
    CannotReceiveTexts,
    /// The server failed (5xx) or answered with an unexpected status.
    Server(u16),
    /// No answer within the time-out.
    Timeout,
    /// The request did not reach the server.
    Network,
    /// The answer could not be understood.
    Malformed,
    /// Not sent: the value of this header (a token, the configured key) holds a line break or
    /// another character HTTP headers cannot carry.
    UnsafeHeader(String),
}

impl ApiError {
    /// Whether offering "Try again" makes sense (the person decides; nothing retries by itself).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ApiError::Server(_) | ApiError::Timeout | ApiError::Network | ApiError::Malformed
        )
    }
}

/// A raw HTTP answer, as the transport hands it over.
#[derive(Clone, Debug, Default)]
pub struct RawResponse {
    pub status: u16,
    pub retry_after: Option<String>,
    pub body: String,
}

/// The longest server message we show; longer ones are cut.
const MAX_MESSAGE_CHARS: usize = 300;

/// Maps a raw answer to its body (2xx) or to the error a person should see.
pub fn check_status(raw: RawResponse, now_unix: u64) -> Result<String, ApiError> {
    match raw.status {
        200..=299 => Ok(raw.body),
        401 => Err(ApiError::Unauthorized),
        429 => Err(ApiError::RateLimited {
            wait_secs: retry_after::wait_seconds(raw.retry_after.as_deref(), now_unix),
        }),
        400..=499 => Err(match (raw.status, step_up_methods(&raw.body)) {
            (403, Some(methods)) => ApiError::StepUp(methods),
            _ => error_message(&raw.body).map_or(ApiError::NotAccepted, ApiError::Rejected),
        }),
        status => Err(ApiError::Server(status)),
    }
}

/// The human message inside an error body, in any of the shapes the backends use:
/// `{"errors": [..]}`, `{"errors": {"field": [..]}}`, `{"error": ".."}`, `{"message": ".."}`,
/// or short plain text. HTML pages and empty bodies give `None`.
pub fn error_message(body: &str) -> Option<String> {
    let trimmed = body.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() || trimmed.starts_with('<') || crate::json::limits::check(trimmed).is_err() {
        return None;
    }
    let message = if trimmed.starts_with('{') {
        from_error_body(from_json(trimmed).ok()?)?
    } else if let Ok(text) = from_json::<String>(trimmed) {
        text
    } else if trimmed.starts_with('[') || from_json::<IgnoredAny>(trimmed).is_ok() {
        // A list, a number or a literal: JSON, but no message.
        return None;
    } else if trimmed.contains('<') {
        // Plain text with markup in it is an error page of some kind: never shown.
        return None;
    } else {
        trimmed.to_string()
    };
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    if message.is_empty() {
        return None;
    }
    Some(match message.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &message[..cut]),
        None => message,
    })
}

/// The factors a step-up refusal lists, when the body is one (`{"step_up_methods": [..]}`, at
/// least one known name).
fn step_up_methods(body: &str) -> Option<StepUpMethods> {
    #[derive(Deserialize)]
    struct StepUpBody {
        // The strings of the list, as the error texts are read: any other value names nothing.
        step_up_methods: Option<Texts>,
    }
    let Texts(names) = from_json::<StepUpBody>(body.trim()).ok()?.step_up_methods?;
    let methods = StepUpMethods::from_names(names.iter().map(String::as_str));
    (methods != StepUpMethods::default()).then_some(methods)
}

/// The fields of a JSON error body that carry its message.
#[derive(Deserialize)]
struct ErrorBody {
    // Read only as text: a message of another shape is left for `errors` and `error` to say.
    #[serde(default)]
    message: Loose<IgnoredAny>,
    errors: Option<Texts>,
    error: Option<Texts>,
}

fn from_error_body(body: ErrorBody) -> Option<String> {
    // B2Core sends both a summary `message` and per-field `errors`: the summary reads better.
    if let Some(message) = body.message.text() {
        return Some(message);
    }
    let Texts(texts) = body.errors.or(body.error)?;
    (!texts.is_empty()).then(|| texts.join(" "))
}

/// Every string of a value, in document order: a string, the strings of a list, or of the
/// values of an object (`{"field": ["..."]}`), nested as the backends nest them. Numbers and
/// other literals carry no text.
struct Texts(Vec<String>);

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextsVisitor)
    }
}

struct TextsVisitor;

impl<'de> Visitor<'de> for TextsVisitor {
    type Value = Texts;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("error texts")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Texts, E> {
        Ok(Texts(vec![text.to_string()]))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Texts, A::Error> {
        let mut texts = Vec::new();
        while let Some(Texts(more)) = seq.next_element()? {
            texts.extend(more);
        }
        Ok(Texts(texts))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Texts, A::Error> {
        let mut texts = Vec::new();
        while let Some((IgnoredAny, Texts(more))) = map.next_entry()? {
            texts.extend(more);
        }
        Ok(Texts(texts))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Texts, E> {
        Ok(Texts(Vec::new()))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Texts, E> {
        Ok(Texts(Vec::new()))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Texts, E> {
        Ok(Texts(Vec::new()))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Texts, E> {
        Ok(Texts(Vec::new()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Texts, E> {
        Ok(Texts(Vec::new()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(status: u16, body: &str) -> RawResponse {
        RawResponse {
            status,
            retry_after: None,
            body: body.into(),
        }
    }

    #[test]
    fn every_documented_error_shape_gives_its_message() {
        assert_eq!(
            error_message(r#"{"errors": ["Invalid code"]}"#).as_deref(),
            Some("Invalid code")
        );
        assert_eq!(error_message(r#"{"error": "Nope"}"#).as_deref(), Some("Nope"));
        assert_eq!(
            error_message(r#"{"message": "Slow down"}"#).as_deref(),
            Some("Slow down")
        );
        assert_eq!(
            error_message(r#"{"errors": {"phone": ["is invalid", "is too short"]}}"#).as_deref(),
            Some("is invalid is too short")
        );
        assert_eq!(
            error_message(r#"{"message": "The given data was invalid.", "errors": {"code": ["Wrong code"]}}"#)
                .as_deref(),
            Some("The given data was invalid.")
        );
        assert_eq!(error_message("Bad code\n").as_deref(), Some("Bad code"));
    }

    #[test]
    fn html_empty_and_odd_json_give_none() {
        assert_eq!(error_message("<!DOCTYPE html><h1>502 Bad Gateway</h1>"), None);
        assert_eq!(error_message("   "), None);
        assert_eq!(error_message("\u{feff}<html><body>Bad gateway</body></html>"), None);
        assert_eq!(error_message("Error 502 <b>Bad gateway</b>"), None);
        // A JSON message is text: shown as such (the page never renders it as markup).
        assert_eq!(
            error_message(r#"{"message":"<b>No</b>"}"#).as_deref(),
            Some("<b>No</b>")
        );
        assert_eq!(error_message(r#"{"errors": [1, 2]}"#), None);
        assert_eq!(error_message(r#"{"errors": "#), None);
        assert_eq!(error_message("[]"), None);
        let deep = format!(r#"{{"errors":{}"x"{}}}"#, "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(error_message(&deep), None);
    }

    #[test]
    fn long_messages_are_cut() {
        let long = "x".repeat(1000);
        let message = error_message(&long).expect("plain text message");
        assert_eq!(message.chars().count(), MAX_MESSAGE_CHARS + 1);
        assert!(message.ends_with('…'));
    }

    #[test]
    fn statuses_map_to_errors() {
        assert_eq!(check_status(raw(200, "{}"), 0), Ok("{}".to_string()));
        assert_eq!(check_status(raw(401, ""), 0), Err(ApiError::Unauthorized));
        assert_eq!(
            check_status(raw(422, r#"{"errors":["Invalid code"]}"#), 0),
            Err(ApiError::Rejected("Invalid code".into()))
        );
        assert_eq!(check_status(raw(422, "<html>"), 0), Err(ApiError::NotAccepted));
        assert_eq!(check_status(raw(502, "<html>"), 0), Err(ApiError::Server(502)));
        let limited = RawResponse {
            status: 429,
            retry_after: Some("12".into()),
            body: String::new(),
        };
        assert_eq!(check_status(limited, 0), Err(ApiError::RateLimited { wait_secs: 12 }));
    }

    #[test]
    fn a_403_with_step_up_methods_asks_for_a_confirmation() {
        let body = r#"{"errors":["Confirm with a current code"],"step_up_methods":["totp","recovery","fax"]}"#;
        let methods = StepUpMethods {
            totp: true,
            sms: false,
            recovery: true,
        };
        assert_eq!(check_status(raw(403, body), 0), Err(ApiError::StepUp(methods)));
        // Without a known method it is a plain refusal, in the server's words.
        assert_eq!(
            check_status(raw(403, r#"{"errors":["No"],"step_up_methods":["fax"]}"#), 0),
            Err(ApiError::Rejected("No".into()))
        );
        assert_eq!(
            check_status(raw(403, r#"{"errors":["No"],"step_up_methods":7}"#), 0),
            Err(ApiError::Rejected("No".into()))
        );
    }

    #[test]
    fn only_failures_of_the_way_there_are_retryable() {
        assert!(ApiError::Timeout.is_retryable());
        assert!(ApiError::Server(500).is_retryable());
        assert!(!ApiError::Rejected("x".into()).is_retryable());
        assert!(!ApiError::WrongPassword.is_retryable());
        assert!(!ApiError::IncompleteCode.is_retryable());
        let header = ApiError::UnsafeHeader("x-api-key".into());
        assert!(!header.is_retryable(), "sending it again fails the same way");
    }
}
