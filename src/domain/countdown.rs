//! Countdowns for code expiry, resend cooldowns and rate limits: remaining time and its display.

use super::dates::days_from_civil;

/// Seconds left until `deadline_ms` at `now_ms` (both in milliseconds), rounded up.
pub fn seconds_left(deadline_ms: f64, now_ms: f64) -> u64 {
    let left = (deadline_ms - now_ms) / 1000.0;
    if left.is_finite() && left > 0.0 {
        left.ceil().min(u64::MAX as f64) as u64
    } else {
        0
    }
}

/// `m:ss` for short waits, `h:mm:ss` beyond an hour.
pub fn clock(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Milliseconds since the epoch of an RFC 3339 UTC timestamp such as `2024-04-12T10:43:46.000000Z`
/// or with an offset `+03:00`; `None` when it is not one.
pub fn parse_rfc3339_ms(text: &str) -> Option<f64> {
    let text = text.trim();
    let (date, rest) = text.split_once(['T', ' '])?;
    let mut d = date.split('-');
    let (year, month, day): (i64, i64, i64) = (
        d.next()?.parse().ok()?,
        d.next()?.parse().ok()?,
        d.next()?.parse().ok()?,
    );
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let (clock, offset_secs) = if let Some(clock) = rest.strip_suffix(['Z', 'z']) {
        (clock, 0)
    } else {
        let split = rest.rfind(['+', '-'])?;
        let (clock, offset) = rest.split_at(split);
        let sign = if offset.starts_with('-') { -1 } else { 1 };
        let (oh, om) = offset[1..].split_once(':')?;
        (
            clock,
            sign * (oh.parse::<i64>().ok()? * 3600 + om.parse::<i64>().ok()? * 60),
        )
    };
    let mut c = clock.split(':');
    let (h, m): (i64, i64) = (c.next()?.parse().ok()?, c.next()?.parse().ok()?);
    let (secs, millis) = seconds_and_millis(c.next()?)?;
    if h > 23 || m > 59 || secs > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(((days * 86_400 + h * 3600 + m * 60 + secs - offset_secs) * 1000 + millis) as f64)
}

/// `SS` or `SS.fff…` as whole seconds and milliseconds (further digits dropped), in integers like
/// the rest of the timestamp.
fn seconds_and_millis(text: &str) -> Option<(i64, i64)> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || whole.len() > 2 || !(fraction.is_empty() || digits(fraction)) {
        return None;
    }
    let millis = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(3)
        .fold(0, |n, b| n * 10 + i64::from(b - b'0'));
    Some((whole.parse().ok()?, millis))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_up_and_stops_at_zero() {
        assert_eq!(seconds_left(10_000.0, 0.0), 10);
        assert_eq!(seconds_left(10_001.0, 0.0), 11);
        assert_eq!(seconds_left(0.0, 5_000.0), 0);
        assert_eq!(seconds_left(f64::NAN, 0.0), 0);
    }

    #[test]
    fn clock_format() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(65), "1:05");
        assert_eq!(clock(600), "10:00");
        assert_eq!(clock(3_725), "1:02:05");
    }

    #[test]
    fn parses_b2core_and_offset_timestamps() {
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(
            parse_rfc3339_ms("2024-04-12T10:43:46.000000Z"),
            Some(1_712_918_626_000.0)
        );
        assert_eq!(parse_rfc3339_ms("2024-04-12T13:43:46+03:00"), Some(1_712_918_626_000.0));
        assert_eq!(parse_rfc3339_ms("2024-04-12 10:43:46Z"), Some(1_712_918_626_000.0));
        assert_eq!(parse_rfc3339_ms("2024-04-12T10:43:46.25Z"), Some(1_712_918_626_250.0));
        assert_eq!(parse_rfc3339_ms("2024-04-12T10:43:46.1239Z"), Some(1_712_918_626_123.0));
        assert_eq!(parse_rfc3339_ms("2024-04-12T10:43:4x.0Z"), None);
        assert_eq!(parse_rfc3339_ms("2024-04-12T10:43:46.Z"), Some(1_712_918_626_000.0));
        assert_eq!(parse_rfc3339_ms("2024-04-12T10:43:61Z"), None);
        assert_eq!(parse_rfc3339_ms("2024-04-12"), None);
        assert_eq!(parse_rfc3339_ms("2024-13-12T10:43:46Z"), None);
        assert_eq!(parse_rfc3339_ms("soon"), None);
    }
}
