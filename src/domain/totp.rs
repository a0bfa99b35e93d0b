//! Client-side TOTP (RFC 6238) used only to explain a rejected setup code: if the typed code
//! belongs to a time step a few minutes away, the phone's clock is off and the page says so.

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Seconds per TOTP step.
pub const STEP_SECS: u64 = 30;
/// How far (in steps) we look for a drifted code: ten minutes either way.
const DRIFT_WINDOW: i64 = 20;

/// Decodes RFC 4648 Base32 (case-insensitive, spaces and padding ignored).
pub fn decode_base32(text: &str) -> Option<Vec<u8>> {
    let mut bits: u64 = 0;
    let mut count = 0;
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=' && *c != '-') {
        let value = match c.to_ascii_uppercase() {
            c @ 'A'..='Z' => c as u64 - 'A' as u64,
            c @ '2'..='7' => c as u64 - '2' as u64 + 26,
            _ => return None,
        };
        bits = (bits << 5) | value;
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    Some(out)
}

/// The HOTP value (RFC 4226) of `counter` with `digits` digits.
pub fn hotp(key: &[u8], counter: u64, digits: u32) -> Option<u32> {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).ok()?;
    mac.update(&counter.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = usize::from(hash[19] & 0x0f);
    let slice: [u8; 4] = hash.get(offset..offset + 4)?.try_into().ok()?;
    let binary = u32::from_be_bytes(slice) & 0x7fff_ffff;
    Some(binary % 10u32.pow(digits))
}

/// The 6-digit TOTP code of the step that contains `unix_secs`.
pub fn code_at(key: &[u8], unix_secs: u64) -> Option<String> {
    hotp(key, unix_secs / STEP_SECS, 6).map(|v| format!("{v:06}"))
}

/// How many whole minutes the authenticator's clock is off, when `code` matches a step within
/// ten minutes but outside the ±1 step servers accept. Positive: the phone is ahead.
pub fn clock_drift_minutes(base32_key: &str, code: &str, unix_secs: u64) -> Option<i64> {
    let key = decode_base32(base32_key)?;
    let now_step = (unix_secs / STEP_SECS) as i64;
    (-DRIFT_WINDOW..=DRIFT_WINDOW)
        .filter(|offset| offset.abs() > 1)
        .find(|offset| {
            let step = now_step + offset;
            step >= 0 && hotp(&key, step as u64, 6).map(|v| format!("{v:06}")).as_deref() == Some(code)
        })
        .map(|offset| {
            let minutes = (offset * STEP_SECS as i64) as f64 / 60.0;
            minutes.round() as i64
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 seed "12345678901234567890".
    const SEED: &[u8] = b"12345678901234567890";

    #[test]
    fn rfc6238_sha1_vectors() {
        for (time, expected) in [
            (59u64, 94_287_082u32),
            (1_111_111_109, 7_081_804),
            (1_111_111_111, 14_050_471),
            (1_234_567_890, 89_005_924),
            (2_000_000_000, 69_279_037),
            (20_000_000_000, 65_353_130),
        ] {
            assert_eq!(hotp(SEED, time / STEP_SECS, 8), Some(expected), "T = {time}");
        }
    }

    #[test]
    fn base32_round_trip() {
        // "12345678901234567890" in Base32.
        assert_eq!(decode_base32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").as_deref(), Some(SEED));
        assert_eq!(
            decode_base32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq").as_deref(),
            Some(SEED)
        );
        assert_eq!(decode_base32("GEZ1"), None);
    }

    #[test]
    fn detects_a_drifted_clock_but_not_an_accepted_code() {
        let key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        let now = 1_700_000_000;
        let ahead = code_at(SEED, now + 5 * 60).expect("code");
        assert_eq!(clock_drift_minutes(key, &ahead, now), Some(5));
        let behind = code_at(SEED, now - 3 * 60).expect("code");
        assert_eq!(clock_drift_minutes(key, &behind, now), Some(-3));
        let current = code_at(SEED, now).expect("code");
        assert_eq!(clock_drift_minutes(key, &current, now), None);
        assert_eq!(clock_drift_minutes(key, "000000x", now), None);
        assert_eq!(clock_drift_minutes("not base32!", &ahead, now), None);
    }
}
