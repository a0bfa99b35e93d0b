//! Shows RFC 3339 timestamps from the server as dates people read ("1 Nov 2026", "1. Nov. 2026",
//! "1 нояб. 2026 г."), in the current language.

use crate::i18n::{t, tf, Key};

const MONTHS: [Key; 12] = [
    Key::Jan,
    Key::Feb,
    Key::Mar,
    Key::Apr,
    Key::May,
    Key::Jun,
    Key::Jul,
    Key::Aug,
    Key::Sep,
    Key::Oct,
    Key::Nov,
    Key::Dec,
];

/// The calendar date of an RFC 3339 timestamp, or `None` when it is not one.
pub fn display_date(timestamp: &str) -> Option<String> {
    let date = timestamp.trim().get(..10)?;
    let mut parts = date.split('-');
    let year: u32 = parts.next()?.parse().ok()?;
    let month: usize = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    let month_name = MONTHS.get(month.checked_sub(1)?)?;
    ((1..=31).contains(&day) && year >= 1970)
        .then(|| tf(Key::DateFormat, &[&day.to_string(), t(*month_name), &year.to_string()]))
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
    use super::display_date;

    #[test]
    fn days_from_civil_known_dates() {
        assert_eq!(super::days_from_civil(1970, 1, 1), 0);
        assert_eq!(super::days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(super::days_from_civil(1969, 12, 31), -1);
    }

    #[test]
    fn formats_dates_and_refuses_garbage() {
        assert_eq!(display_date("2026-11-01T10:00:00Z").as_deref(), Some("1 Nov 2026"));
        assert_eq!(display_date("2026-12-31").as_deref(), Some("31 Dec 2026"));
        assert_eq!(display_date("2026-13-01T00:00:00Z"), None);
        assert_eq!(display_date("2026-00-01T00:00:00Z"), None);
        assert_eq!(display_date("yesterday"), None);
        assert_eq!(display_date("2026-1"), None);
        assert_eq!(display_date("ü2026-11-01"), None);
    }

    #[test]
    fn formats_dates_for_the_language() {
        use crate::i18n::{set_current, Lang};
        crate::i18n::install_published_catalogues();
        set_current(Lang::De);
        assert_eq!(display_date("2026-03-01T10:00:00Z").as_deref(), Some("1. März 2026"));
        set_current(Lang::Ru);
        assert_eq!(display_date("2026-11-01T10:00:00Z").as_deref(), Some("1 нояб. 2026 г."));
        set_current(Lang::En);
    }
}
