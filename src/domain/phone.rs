//! Countries for the phone-number picker, the default from a locale, and a local plausibility check
//! used where the backend has no lookup endpoint.

/// A country of the picker: ISO region, name, dial code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Country {
    pub region: &'static str,
    pub name: &'static str,
    pub dial_code: &'static str,
}

const fn c(region: &'static str, name: &'static str, dial_code: &'static str) -> Country {
    Country {
        region,
        name,
        dial_code,
    }
}

/// The countries offered, by name.
pub const COUNTRIES: &[Country] = &[
    c("AR", "Argentina", "+54"),
    c("AM", "Armenia", "+374"),
    c("AU", "Australia", "+61"),
    c("AT", "Austria", "+43"),
    c("AZ", "Azerbaijan", "+994"),
    c("BY", "Belarus", "+375"),
    c("BE", "Belgium", "+32"),
    c("BR", "Brazil", "+55"),
    c("BG", "Bulgaria", "+359"),
    c("CA", "Canada", "+1"),
    c("CL", "Chile", "+56"),
    c("CN", "China", "+86"),
    c("CO", "Colombia", "+57"),
    c("HR", "Croatia", "+385"),
    c("CY", "Cyprus", "+357"),
    c("CZ", "Czechia", "+420"),
    c("DK", "Denmark", "+45"),
    c("EG", "Egypt", "+20"),
    c("EE", "Estonia", "+372"),
    c("FI", "Finland", "+358"),
    c("FR", "France", "+33"),
    c("GE", "Georgia", "+995"),
    c("DE", "Germany", "+49"),
    c("GR", "Greece", "+30"),
    c("HK", "Hong Kong", "+852"),
    c("HU", "Hungary", "+36"),
    c("IS", "Iceland", "+354"),
    c("IN", "India", "+91"),
    c("ID", "Indonesia", "+62"),
    c("IE", "Ireland", "+353"),
    c("IL", "Israel", "+972"),
    c("IT", "Italy", "+39"),
    c("JP", "Japan", "+81"),
    c("KZ", "Kazakhstan", "+7"),
    c("KE", "Kenya", "+254"),
    c("KG", "Kyrgyzstan", "+996"),
    c("LV", "Latvia", "+371"),
    c("LT", "Lithuania", "+370"),
    c("LU", "Luxembourg", "+352"),
    c("MY", "Malaysia", "+60"),
    c("MT", "Malta", "+356"),
    c("MX", "Mexico", "+52"),
    c("MD", "Moldova", "+373"),
    c("NL", "Netherlands", "+31"),
    c("NZ", "New Zealand", "+64"),
    c("NG", "Nigeria", "+234"),
    c("NO", "Norway", "+47"),
    c("PH", "Philippines", "+63"),
    c("PL", "Poland", "+48"),
    c("PT", "Portugal", "+351"),
    c("RO", "Romania", "+40"),
    c("RU", "Russia", "+7"),
    c("RS", "Serbia", "+381"),
    c("SG", "Singapore", "+65"),
    c("SK", "Slovakia", "+421"),
    c("SI", "Slovenia", "+386"),
    c("ZA", "South Africa", "+27"),
    c("KR", "South Korea", "+82"),
    c("ES", "Spain", "+34"),
    c("SE", "Sweden", "+46"),
    c("CH", "Switzerland", "+41"),
    c("TW", "Taiwan", "+886"),
    c("TH", "Thailand", "+66"),
    c("TR", "Türkiye", "+90"),
    c("UA", "Ukraine", "+380"),
    c("AE", "United Arab Emirates", "+971"),
    c("GB", "United Kingdom", "+44"),
    c("US", "United States", "+1"),
    c("UZ", "Uzbekistan", "+998"),
    c("VN", "Vietnam", "+84"),
];

/// The country of a region code, if offered.
pub fn country(region: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| c.region.eq_ignore_ascii_case(region))
}

/// The default country for a locale such as `en-GB`, `de`, `ru-RU`; the United States otherwise.
pub fn default_region(locale: &str) -> &'static str {
    let mut parts = locale.split(['-', '_']);
    let language = parts.next().unwrap_or_default().to_ascii_lowercase();
    if let Some(found) = parts.find_map(country) {
        return found.region;
    }
    match language.as_str() {
        "de" => "DE",
        "ru" => "RU",
        "fr" => "FR",
        "es" => "ES",
        "it" => "IT",
        "uk" => "UA",
        "pl" => "PL",
        "nl" => "NL",
        "ja" => "JP",
        _ => "US",
    }
}

/// Why a number cannot be used, checked locally before anything is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneProblem {
    Empty,
    BadCharacters,
    TooShort,
    TooLong,
}

/// The national digits of a typed number, or why it is not plausible (E.164 allows 15 digits in
/// all, the dial code included).
pub fn national_digits(input: &str, dial_code: &str) -> Result<String, PhoneProblem> {
    let input = input.trim();
    if input.is_empty() {
        return Err(PhoneProblem::Empty);
    }
    if !input.chars().all(|c| c.is_ascii_digit() || " -().+".contains(c)) {
        return Err(PhoneProblem::BadCharacters);
    }
    let mut digits: String = input.chars().filter(char::is_ascii_digit).collect();
    // People often type the number with its dial code or a national trunk zero.
    let dial_digits = dial_code.trim_start_matches('+');
    if input.starts_with('+') {
        if let Some(rest) = digits.strip_prefix(dial_digits) {
            digits = rest.to_string();
        }
    }
    let total = dial_digits.len() + digits.len();
    if digits.len() < 4 || total < 8 {
        Err(PhoneProblem::TooShort)
    } else if total > 15 {
        Err(PhoneProblem::TooLong)
    } else {
        Ok(digits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_are_unique_and_well_formed() {
        let mut regions: Vec<&str> = COUNTRIES.iter().map(|c| c.region).collect();
        regions.sort_unstable();
        regions.dedup();
        assert_eq!(regions.len(), COUNTRIES.len());
        assert!(COUNTRIES
            .iter()
            .all(|c| c.dial_code.starts_with('+') && c.region.len() == 2));
    }

    #[test]
    fn default_from_locale() {
        assert_eq!(default_region("en-GB"), "GB");
        assert_eq!(default_region("de"), "DE");
        assert_eq!(default_region("ru_RU"), "RU");
        assert_eq!(default_region("xx"), "US");
        assert_eq!(default_region(""), "US");
    }

    #[test]
    fn local_check() {
        assert_eq!(national_digits("(202) 555-0143", "+1").as_deref(), Ok("2025550143"));
        assert_eq!(national_digits("+1 202 555 0143", "+1").as_deref(), Ok("2025550143"));
        assert_eq!(national_digits("", "+1"), Err(PhoneProblem::Empty));
        assert_eq!(national_digits("202<script>", "+1"), Err(PhoneProblem::BadCharacters));
        assert_eq!(national_digits("123", "+1"), Err(PhoneProblem::TooShort));
        assert_eq!(national_digits("1234567890123456", "+1"), Err(PhoneProblem::TooLong));
    }
}
