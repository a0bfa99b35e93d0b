//! Calendar dates of the server's RFC 3339 timestamps, and day counts for the countdowns.

/// A calendar date as the server's timestamps carry it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CalendarDate {
    pub year: u32,
    /// 1 to 12.
    pub month: u8,
    pub day: u8,
}

/// The calendar date of an RFC 3339 timestamp, or `None` when it is not one.
pub fn calendar_date(timestamp: &str) -> Option<CalendarDate> {
    let date = timestamp.trim().get(..10)?;
    let mut parts = date.split('-');
    let year: u32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day) && year >= 1970).then_some(CalendarDate { year, month, day })
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

#[cfg(test)]
mod tests {
    use super::{calendar_date, CalendarDate};

    #[test]
    fn days_from_civil_known_dates() {
        assert_eq!(super::days_from_civil(1970, 1, 1), 0);
        assert_eq!(super::days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(super::days_from_civil(1969, 12, 31), -1);
    }

    #[test]
    fn reads_dates_and_refuses_garbage() {
        let date = |year, month, day| Some(CalendarDate { year, month, day });
        assert_eq!(calendar_date("2026-11-01T10:00:00Z"), date(2026, 11, 1));
        assert_eq!(calendar_date("2026-12-31"), date(2026, 12, 31));
        assert_eq!(calendar_date("2026-13-01T00:00:00Z"), None);
        assert_eq!(calendar_date("2026-00-01T00:00:00Z"), None);
        assert_eq!(calendar_date("2026-11-32T00:00:00Z"), None);
        assert_eq!(calendar_date("1969-12-31"), None);
        assert_eq!(calendar_date("yesterday"), None);
        assert_eq!(calendar_date("2026-1"), None);
        assert_eq!(calendar_date("ü2026-11-01"), None);
    }
}
