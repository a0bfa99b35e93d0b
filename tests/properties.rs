//! Property tests of every response parser and of the code-input normalisers: arbitrary bytes,
//! arbitrary JSON (with the field names the parsers look for) and absurdly nested JSON never
//! panic, and every result keeps the promises the pages rely on; fields an answer adds change
//! nothing. Native only; 256 cases each.
#![cfg(not(target_arch = "wasm32"))]

use mfa_app::api::envelope::parse_envelope;
use mfa_app::api::error::{check_status, error_message, ApiError, RawResponse};
use mfa_app::api::wire;
use mfa_app::config::{parse_config, TIMEOUT_BOUNDS_MS};
use mfa_app::domain::code::{is_complete, normalize_code, normalize_recovery_code, CODE_LENGTH};
use mfa_app::domain::retry_after::{parse_http_date, wait_seconds, MAX_WAIT_SECS};
use mfa_app::domain::secret_key::is_base32_key;
use mfa_app::i18n::{config_error_text, Lang};
use mfa_app::json::limits::{self, MAX_DEPTH};
use proptest::prelude::*;
use serde_json::{Map, Value};
use std::time::Duration;

/// Field names the parsers read, so arbitrary objects often hit them with wrong types.
const FIELDS: &[&str] = &[
    "token",
    "otp_session_state",
    "otp_methods",
    "otp_default_method",
    "email",
    "first_name",
    "last_name",
    "two_factor_authentication",
    "otp_sms_enabled",
    "otp_totp_enabled",
    "otp_phone",
    "recovery_codes_left",
    "recovery_codes_generated_at",
    "otp_sms_enabled_at",
    "otp_totp_enabled_at",
    "otp_last_used_at",
    "workflow",
    "uuid",
    "google",
    "sms",
    "enabled",
    "phone",
    "otp_secret",
    "secret",
    "key",
    "provisioning_uri",
    "otp_provisioning_uri",
    "uri",
    "recovery_codes",
    "code",
    "used_at",
    "used",
    "generated_at",
    "valid",
    "phone_number",
    "national_format",
    "message",
    "status",
    "data",
    "done",
    "qr",
    "expiredAt",
    "expired_at",
    "confirmation",
    "recipient",
    "sent",
    "errors",
    "error",
    "methods",
    "dialect",
    "api_base",
    "api_key",
    "issuer",
    "locale",
    "timeout_ms",
];

/// Strings that mean something to some parser, plus arbitrary ones.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            " ",
            "cg",
            "b2core",
            "totp",
            "sms",
            "2fa_google",
            "2fa_sms",
            "phone",
            "Terminate",
            "G7NMO7RKZNS3PXQQ",
            "otpauth://totp/X:a?secret=G7NMO7RKZNS3PXQQ",
            "data:image/png;base64,AAAA",
            "https://api.example.com",
            "2024-04-12T10:43:46Z",
            "<script>alert(1)</script>",
            "javascript:alert(1)",
        ])
        .prop_map(str::to_string),
        any::<String>(),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![prop::sample::select(FIELDS).prop_map(str::to_string), any::<String>()],
                    inner
                ),
                0..8
            )
            .prop_map(|fields| Value::Object(fields.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Bodies: arbitrary bytes (lossy UTF-8), arbitrary JSON, JSON objects made of known fields, cut
/// JSON, and JSON nested far too deep.
fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        json_value().prop_map(|v| v.to_string()),
        prop::collection::vec((prop::sample::select(FIELDS), json_value()), 0..12).prop_map(|fields| {
            Value::Object(fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect()).to_string()
        }),
        (json_value(), any::<prop::sample::Index>()).prop_map(|(v, cut)| {
            let text = v.to_string();
            let at = cut.index(text.len() + 1);
            text.char_indices()
                .map(|(i, _)| i)
                .take_while(|i| *i <= at)
                .last()
                .map_or(text.clone(), |i| text[..i].to_string())
        }),
        (
            1usize..20_000,
            prop::sample::select(vec!["[", "{\"data\":", "{\"errors\":["])
        )
            .prop_map(|(depth, open)| open.repeat(depth)),
    ]
}

/// Every CG and B2Core parser on one body: none may panic, and what they give keeps its promises.
fn all_parsers(body: &str) -> Result<(), TestCaseError> {
    let _ = wire::cg_sign_in(body);
    let _ = wire::b2core_sign_in(body);
    let _ = wire::cg_me(body);
    let _ = wire::b2core_status(body);
    let _ = wire::cg_verified(body);
    let _ = wire::cg_phone_check(body);
    let _ = wire::cg_recovery_sign_in(body);
    let _ = wire::cg_acknowledged(body);
    if let Ok(token) = wire::token(body) {
        prop_assert!(!token.trim().is_empty());
    }
    if let Ok(key) = wire::cg_totp_key(body) {
        prop_assert!(is_base32_key(&key.key));
        prop_assert!(key.uri.as_deref().is_none_or(|u| u.starts_with("otpauth://totp/")));
    }
    if let Ok(codes) = wire::cg_recovery_codes(body) {
        prop_assert!(codes.codes.len() <= 100);
        prop_assert!(codes.codes.iter().all(|c| !c.code.trim().is_empty()));
    }
    if let Ok(step) = parse_envelope(body) {
        let _ = (
            step.finished(),
            step.key(),
            step.destination(),
            step.expires_at_ms(),
            step.sent_count(),
        );
    }
    if let Some(message) = error_message(body) {
        prop_assert!(!message.is_empty());
        prop_assert!(message.chars().count() <= 301);
        prop_assert!(!message.contains('\n'));
    }
    if let Ok(config) = parse_config(body) {
        prop_assert!(config.api_base.is_empty() || config.api_base.starts_with("http"));
        let bounds = Duration::from_millis(TIMEOUT_BOUNDS_MS.0)..=Duration::from_millis(TIMEOUT_BOUNDS_MS.1);
        prop_assert!(bounds.contains(&config.timeout));
    }
    if limits::check(body).is_err() {
        // Refused before parsing: every parser says it did not understand.
        prop_assert!(wire::cg_me(body).is_err());
        prop_assert!(parse_envelope(body).is_err());
        prop_assert!(parse_config(body).is_err());
    }
    Ok(())
}

/// Answers of every parser as the documentation and the contract show them, for adding fields to.
const EXAMPLES: &[&str] = &[
    include_str!("../src/api/seed_examples/enable_google_step1.json"),
    include_str!("../src/api/seed_examples/enable_sms_step2.json"),
    include_str!("../src/api/seed_examples/disable_step1.json"),
    include_str!("../src/api/seed_examples/disable_step2.json"),
    r#"{"id":7,"email":"demo@example.com","first_name":"Dana","last_name":"Demo","two_factor_authentication":{"enabled":true,"otp_sms_enabled":true,"otp_totp_enabled":false,"otp_phone":"+1 202-555-0143","otp_default_method":"sms","recovery_codes_left":3}}"#,
    r#"{"otp_session_state":"s1","otp_methods":["totp","sms"],"otp_default_method":"sms"}"#,
    r#"{"google":{"enabled":false},"sms":{"enabled":true,"phone":"+7 999 ***-**-61"}}"#,
    r#"{"status":"queued","otp_secret":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP","provisioning_uri":"otpauth://totp/X:a?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"}"#,
    r#"{"recovery_codes":[{"code":"aaaaa-bbbbb","used_at":null},"ccccc-ddddd"],"generated_at":"2026-11-01T00:00:00Z"}"#,
    r#"{"token":"t","recovery_codes_left":9}"#,
    r#"{"dialect":"b2core","api_base":"https://api.example.com","timeout_ms":2500}"#,
    r#"{"message":"The given data was invalid.","errors":{"code":["Wrong code"]}}"#,
];

/// What every parser makes of one body, to compare two bodies by (without the positions serde's
/// messages give, which move when fields are added).
fn readings(body: &str) -> String {
    let text = format!(
        "{:?}",
        (
            (wire::cg_sign_in(body), wire::b2core_sign_in(body), wire::cg_me(body)),
            (
                wire::b2core_status(body),
                wire::cg_totp_key(body),
                wire::cg_verified(body)
            ),
            (
                wire::cg_phone_check(body),
                wire::cg_recovery_codes(body),
                wire::cg_recovery_sign_in(body)
            ),
            (wire::cg_acknowledged(body), parse_envelope(body), error_message(body)),
            parse_config(body),
        )
    );
    text.split(" at line ")
        .enumerate()
        .map(|(i, part)| match i {
            0 => part,
            _ => part.trim_start_matches(|c: char| c.is_ascii_digit() || " column".contains(c)),
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parsers_never_panic_on_any_body(body in body()) {
        all_parsers(&body)?;
    }

    #[test]
    fn deeper_than_the_limit_is_refused(depth in (MAX_DEPTH + 1)..20_000usize, open in prop::sample::select(vec!["[", "{\"a\":"])) {
        let close = if open == "[" { "]" } else { "}" };
        let body = format!("{}1{}", open.repeat(depth), close.repeat(depth));
        prop_assert!(limits::check(&body).is_err());
        prop_assert!(wire::cg_me(&body).is_err());
        prop_assert!(parse_envelope(&body).is_err());
        prop_assert_eq!(error_message(&body), None);
    }

    #[test]
    fn statuses_map_to_typed_errors(status in any::<u16>(), retry_after in proptest::option::of(text()), body in body(), now in any::<u64>()) {
        let raw = RawResponse { status, retry_after, body: body.clone() };
        match check_status(raw, now) {
            Ok(ok) => {
                prop_assert!((200..300).contains(&status));
                prop_assert_eq!(ok, body);
            }
            Err(ApiError::Unauthorized) => prop_assert_eq!(status, 401),
            Err(ApiError::RateLimited { wait_secs }) => {
                prop_assert_eq!(status, 429);
                prop_assert!((1..=MAX_WAIT_SECS).contains(&wait_secs));
            }
            Err(ApiError::Rejected(message)) => {
                prop_assert!((400..500).contains(&status));
                prop_assert!(!message.is_empty());
            }
            Err(ApiError::NotAccepted) => prop_assert!((400..500).contains(&status)),
            Err(ApiError::Server(s)) => prop_assert_eq!(s, status),
            Err(other) => prop_assert!(false, "unexpected {:?}", other),
        }
    }

    #[test]
    fn retry_after_is_always_a_sane_wait(header in proptest::option::of(prop_oneof![
        text(),
        any::<u64>().prop_map(|n| n.to_string()),
        (any::<i64>(), 0u32..40).prop_map(|(n, zeros)| format!("{n}{}", "0".repeat(zeros as usize))),
        (0u8..7, 1u32..32, 0u8..12, 0u64..20_000, 0u32..30, 0u32..70, 0u32..70).prop_map(|(d, day, m, y, h, mi, s)| {
            let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
            format!("{}, {day:02} {} {y} {h:02}:{mi:02}:{s:02} GMT", days[d as usize], months[m as usize])
        }),
    ]), now in any::<u64>()) {
        let wait = wait_seconds(header.as_deref(), now);
        prop_assert!((1..=MAX_WAIT_SECS).contains(&wait));
        if let Some(header) = header.as_deref() {
            let _ = parse_http_date(header);
        }
    }

    #[test]
    fn code_normaliser_keeps_at_most_six_ascii_digits(input in any::<String>()) {
        let code = normalize_code(&input);
        prop_assert!(code.len() <= CODE_LENGTH);
        prop_assert!(code.bytes().all(|b| b.is_ascii_digit()));
        prop_assert_eq!(normalize_code(&code), code.clone(), "normalising twice changes nothing");
        prop_assert_eq!(is_complete(&code), code.len() == CODE_LENGTH);
    }

    #[test]
    fn recovery_code_normaliser_keeps_letters_digits_and_one_dash(input in any::<String>()) {
        let code = normalize_recovery_code(&input);
        prop_assert!(code.len() <= 64);
        prop_assert!(code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        prop_assert!(code.matches('-').count() <= 1);
        prop_assert_eq!(normalize_recovery_code(&code), code.clone());
    }

    #[test]
    fn config_of_arbitrary_objects_is_a_config_or_a_message(fields in prop::collection::vec((prop::sample::select(FIELDS), json_value()), 0..8)) {
        let text = Value::Object(fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect()).to_string();
        if let Err(error) = parse_config(&text) {
            prop_assert!(!config_error_text(&error, Lang::En).is_empty());
        }
    }

    #[test]
    fn fields_an_answer_adds_change_nothing(
        example in prop::sample::select(EXAMPLES),
        extra in prop::collection::vec((any::<String>(), json_value()), 1..6),
    ) {
        let mut answer: Map<String, Value> = serde_json::from_str(example).expect("an example is an object");
        let known = readings(&Value::Object(answer.clone()).to_string());
        for (name, value) in extra {
            // A name no parser reads, in the answer or in its `data`.
            let name = format!("x-{name}");
            if let Some(Value::Object(data)) = answer.get_mut("data") {
                data.insert(name.clone(), value.clone());
            }
            answer.insert(name, value);
        }
        prop_assert_eq!(readings(&Value::Object(answer).to_string()), known);
    }

    #[test]
    fn any_value_inside_a_wizard_step_keeps_the_step(field in prop::sample::select(FIELDS), value in json_value()) {
        let mut step: Map<String, Value> = serde_json::from_str(EXAMPLES[1]).expect("an object");
        if let Some(Value::Object(data)) = step.get_mut("data") {
            data.insert(field.to_string(), value);
        }
        let body = Value::Object(step).to_string();
        prop_assume!(limits::check(&body).is_ok());
        let step = parse_envelope(&body);
        prop_assert!(step.is_ok(), "{} lost the step: {:?}", body, step);
    }
}
