//! Reads a `Retry-After` header: delay-seconds or an HTTP date, clamped to a sane range.

use super::dates::days_from_civil;

/// The longest wait we show; anything beyond is treated as this.
pub const MAX_WAIT_SECS: u64 = 24 * 60 * 60;
/// The wait shown when a 429 carries no usable header.
pub const DEFAULT_WAIT_SECS: u64 = 30;

/// Seconds to wait, given the header (if any) and the current Unix time in seconds.
pub fn wait_seconds(header: Option<&str>, now_unix: u64) -> u64 {
    let Some(value) = header.map(str::trim).filter(|v| !v.is_empty()) else {
        return DEFAULT_WAIT_SECS;
    };
    let secs = if value.bytes().all(|b| b.is_ascii_digit()) {
        // Overlong digit strings overflow u64: treat them as the maximum.
        value.parse::<u64>().unwrap_or(MAX_WAIT_SECS)
    } else {
        match parse_http_date(value) {
            Some(at) => at.saturating_sub(now_unix),
            None => DEFAULT_WAIT_SECS,
        }
    };
    secs.clamp(1, MAX_WAIT_SECS)
}

/// Parses an IMF-fixdate such as `Sun, 06 Nov 1994 08:49:37 GMT` into Unix seconds.
pub fn parse_http_date(value: &str) -> Option<u64> {
    let rest = value.split_once(", ")?.1;
    let mut parts = rest.split(' ');
    let day: u64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: u64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':').map(|p| p.parse::<u64>().ok());
    let (h, m, s) = (clock.next()??, clock.next()??, clock.next()??);
    if parts.next()? != "GMT" || !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 || year < 1970 {
        return None;
    }
    let days = u64::try_from(days_from_civil(year as i64, month, day as i64)).ok()?;
    Some(days * 86_400 + h * 3600 + m * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_are_taken_as_they_are() {
        assert_eq!(wait_seconds(Some("42"), 0), 42);
        assert_eq!(wait_seconds(Some(" 7 "), 0), 7);
    }

    #[test]
    fn absent_or_garbage_gives_the_default() {
        assert_eq!(wait_seconds(None, 0), DEFAULT_WAIT_SECS);
        assert_eq!(wait_seconds(Some(""), 0), DEFAULT_WAIT_SECS);
        assert_eq!(wait_seconds(Some("soon"), 0), DEFAULT_WAIT_SECS);
        assert_eq!(wait_seconds(Some("-5"), 0), DEFAULT_WAIT_SECS);
    }

    #[test]
    fn absurd_values_are_clamped() {
        assert_eq!(wait_seconds(Some("0"), 0), 1);
        assert_eq!(wait_seconds(Some("99999999999999999999999"), 0), MAX_WAIT_SECS);
        assert_eq!(wait_seconds(Some("31536000"), 0), MAX_WAIT_SECS);
    }

    #[test]
    fn http_dates_count_from_now() {
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        let at = parse_http_date("Mon, 23 Nov 2026 12:00:00 GMT").expect("valid date");
        assert_eq!(wait_seconds(Some("Mon, 23 Nov 2026 12:00:00 GMT"), at - 90), 90);
        // A date in the past means "now": the minimum wait.
        assert_eq!(wait_seconds(Some("Sun, 06 Nov 1994 08:49:37 GMT"), at), 1);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"), None);
    }
}
