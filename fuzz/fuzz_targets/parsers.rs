//! Every response parser, the status mapping, Retry-After, config.json and the code normalisers
//! on arbitrary bytes: none may panic, overflow the stack or take unbounded time.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mfa_app::api::envelope::parse_envelope;
use mfa_app::api::error::{check_status, error_message, RawResponse};
use mfa_app::api::wire;
use mfa_app::json::limits;
use mfa_app::config::parse_config;
use mfa_app::domain::code::{normalize_code, normalize_recovery_code};
use mfa_app::domain::retry_after::{parse_http_date, wait_seconds};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let body = text.as_ref();
    let _ = limits::check(body);
    let _ = wire::cg_sign_in(body);
    let _ = wire::b2core_sign_in(body);
    let _ = wire::cg_me(body);
    let _ = wire::b2core_status(body);
    let _ = wire::cg_totp_key(body);
    let _ = wire::cg_verified(body);
    let _ = wire::cg_phone_check(body);
    let _ = wire::cg_recovery_codes(body);
    let _ = wire::cg_recovery_sign_in(body);
    let _ = wire::cg_acknowledged(body);
    let _ = wire::token(body);
    if let Ok(step) = parse_envelope(body) {
        let _ = (
            step.finished(),
            step.key(),
            step.destination(),
            step.expires_at_ms(),
            step.sent_count(),
        );
    }
    let _ = error_message(body);
    let _ = parse_config(body);
    let _ = normalize_code(body);
    let _ = normalize_recovery_code(body);
    let _ = parse_http_date(body);
    // The first two bytes pick a status; the rest is the body and the Retry-After header.
    let status = u16::from_be_bytes([data.first().copied().unwrap_or(0), data.get(1).copied().unwrap_or(0)]);
    let _ = wait_seconds(Some(body), 1_700_000_000);
    let _ = check_status(
        RawResponse {
            status,
            retry_after: Some(body.to_string()),
            body: body.to_string(),
        },
        1_700_000_000,
    );
});
