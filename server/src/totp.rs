//! HOTP (RFC 4226) and TOTP (RFC 6238) with HMAC-SHA1, and the step-window check the server
//! applies: 6 digits, 30-second steps, one step of drift either way, no step accepted twice.

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Length of a time step in seconds.
pub const STEP_SECONDS: i64 = 30;
/// Digits of the codes the product uses.
pub const DIGITS: u32 = 6;
/// Steps of clock drift accepted on either side of the current one.
pub const DRIFT_STEPS: i64 = 1;

/// HOTP value of `counter` with `digits` digits, zero-padded.
pub fn hotp(secret: &[u8], counter: u64, digits: u32) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).expect("HMAC accepts keys of any length");
    mac.update(&counter.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = (hash[19] & 0x0f) as usize;
    let binary = (u32::from(hash[offset] & 0x7f) << 24)
        | (u32::from(hash[offset + 1]) << 16)
        | (u32::from(hash[offset + 2]) << 8)
        | u32::from(hash[offset + 3]);
    let value = binary % 10u32.pow(digits);
    format!("{value:0width$}", width = digits as usize)
}

/// The time step that contains Unix time `unix`.
pub fn step_at(unix: i64) -> i64 {
    unix.div_euclid(STEP_SECONDS)
}

/// TOTP code of the product (6 digits) at Unix time `unix`.
pub fn code_at(secret: &[u8], unix: i64) -> String {
    hotp(secret, step_at(unix) as u64, DIGITS)
}

/// Checks `attempt` against the steps around `now`. Steps at or before `last_step` (the last
/// accepted one) are refused so that no code works twice. Returns the matching step.
pub fn verify(secret: &[u8], attempt: &str, now: i64, last_step: Option<i64>) -> Option<i64> {
    let attempt = attempt.trim();
    if attempt.len() != DIGITS as usize || !attempt.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let current = step_at(now);
    let mut found = None;
    // Every candidate is computed, so the time taken does not reveal which step matched.
    for step in (current - DRIFT_STEPS)..=(current + DRIFT_STEPS) {
        if step < 0 || last_step.is_some_and(|last| step <= last) {
            continue;
        }
        let code = hotp(secret, step as u64, DIGITS);
        if crate::crypto::ct_eq(code.as_bytes(), attempt.as_bytes()) && found.is_none() {
            found = Some(step);
        }
    }
    found
}

/// The `otpauth://` URI an authenticator app reads from a QR code.
pub fn provisioning_uri(issuer: &str, account: &str, secret_b32: &str) -> String {
    let issuer_enc = percent_encode(issuer);
    format!(
        "otpauth://totp/{issuer_enc}:{}?secret={secret_b32}&issuer={issuer_enc}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
        percent_encode(account)
    )
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn rfc6238_sha1_vectors_with_eight_digits() {
        let vectors = [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ];
        for (t, expected) in vectors {
            assert_eq!(hotp(RFC_SECRET, step_at(t) as u64, 8), expected, "T = {t}");
        }
    }

    #[test]
    fn rfc4226_hotp_vectors_with_six_digits() {
        let expected = ["755224", "287082", "359152", "969429", "338314"];
        for (counter, code) in expected.iter().enumerate() {
            assert_eq!(hotp(RFC_SECRET, counter as u64, 6), *code);
        }
        // The product's 6-digit TOTP is the 8-digit value's last six digits.
        assert_eq!(code_at(RFC_SECRET, 20_000_000_000), "353130");
    }

    #[test]
    fn window_accepts_one_step_of_drift_and_refuses_two() {
        let now = 1_700_000_015;
        for (offset, ok) in [(-60, false), (-30, true), (0, true), (30, true), (60, false)] {
            let code = code_at(RFC_SECRET, now + offset);
            assert_eq!(verify(RFC_SECRET, &code, now, None).is_some(), ok, "offset {offset}");
        }
    }

    #[test]
    fn replayed_or_older_steps_are_refused() {
        let now = 1_700_000_015;
        let code = code_at(RFC_SECRET, now);
        let step = verify(RFC_SECRET, &code, now, None).unwrap();
        assert_eq!(verify(RFC_SECRET, &code, now, Some(step)), None);
        let previous = code_at(RFC_SECRET, now - 30);
        assert_eq!(verify(RFC_SECRET, &previous, now, Some(step)), None);
        assert_eq!(verify(RFC_SECRET, "12345", now, None), None);
        assert_eq!(verify(RFC_SECRET, "abcdef", now, None), None);
    }

    #[test]
    fn uri_is_encoded() {
        let uri = provisioning_uri("Example Bank", "demo@example.com", "ABC");
        assert_eq!(
            uri,
            "otpauth://totp/Example%20Bank:demo%40example.com?secret=ABC&issuer=Example%20Bank&algorithm=SHA1&digits=6&period=30"
        );
    }
}
