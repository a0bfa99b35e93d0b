//! Phone numbers: parsing a number and a calling code into E.164 with libphonenumber's
//! metadata (the `phonenumber` crate), display formats, and masking for the B2Core dialect.

use phonenumber::{country, Mode, PhoneNumber, Type};

/// A number checked to be valid and able to receive text messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    pub e164: String,
    pub international: String,
    pub national: String,
    pub calling_code: u16,
    pub region: Option<String>,
    pub kind: &'static str,
}

fn kind_name(t: Type) -> &'static str {
    match t {
        Type::Mobile => "mobile",
        Type::FixedLine => "fixed_line",
        Type::FixedLineOrMobile => "fixed_line_or_mobile",
        Type::TollFree => "toll_free",
        Type::PremiumRate => "premium_rate",
        Type::SharedCost => "shared_cost",
        Type::PersonalNumber => "personal_number",
        Type::Voip => "voip",
        Type::Pager => "pager",
        Type::Uan => "uan",
        _ => "unknown",
    }
}

/// Parses `number`, read as national to the calling code `country_code` ("+1", "1") unless it
/// starts with `+`. Returns a message for people when the number cannot take text messages.
pub fn parse(number: &str, country_code: Option<&str>) -> Result<Phone, String> {
    let number = number.trim();
    if number.is_empty() {
        return Err("Phone number is required".into());
    }
    if number.len() > 32 || !number.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c)) {
        return Err("Phone number may contain only digits, spaces, +, -, ( and )".into());
    }
    let region = match country_code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(cc) if !number.starts_with('+') && cc.len() == 2 && cc.chars().all(|c| c.is_ascii_alphabetic()) => {
            // A region such as "US" instead of a calling code.
            Some(
                cc.to_ascii_uppercase()
                    .parse::<country::Id>()
                    .map_err(|_| format!("Unknown country {cc}"))?,
            )
        }
        Some(cc) if !number.starts_with('+') => {
            let code: u16 = cc
                .trim_start_matches('+')
                .parse()
                .map_err(|_| format!("Unknown country code {cc}"))?;
            let id = phonenumber::metadata::DATABASE
                .region(&code)
                .and_then(|ids| ids.first().and_then(|id| id.parse::<country::Id>().ok()))
                .ok_or_else(|| format!("Unknown country code {cc}"))?;
            Some(id)
        }
        None if !number.starts_with('+') => return Err("Country code is required (for example +1)".into()),
        _ => None,
    };
    let parsed: PhoneNumber =
        phonenumber::parse(region, number).map_err(|_| "This is not a phone number".to_string())?;
    if !phonenumber::is_valid(&parsed) {
        return Err("This phone number is not valid".into());
    }
    let kind = parsed.number_type(&phonenumber::metadata::DATABASE);
    if !matches!(kind, Type::Mobile | Type::FixedLineOrMobile | Type::PersonalNumber) {
        return Err("This number cannot receive text messages; use a mobile number".into());
    }
    Ok(Phone {
        e164: parsed.format().mode(Mode::E164).to_string(),
        international: parsed.format().mode(Mode::International).to_string(),
        national: parsed.format().mode(Mode::National).to_string(),
        calling_code: parsed.code().value(),
        region: parsed.country().id().map(|id| id.as_ref().to_string()),
        kind: kind_name(kind),
    })
}

/// The international display form of a stored E.164 number ("+1 202-555-0143").
pub fn display(e164: &str) -> String {
    phonenumber::parse(None, e164)
        .map(|p| p.format().mode(Mode::International).to_string())
        .unwrap_or_else(|_| e164.to_string())
}

/// Masks a stored number in B2Core's way: "+7 999 ***-**-61" — calling code, first group and
/// the last two digits stay visible.
pub fn mask(e164: &str) -> String {
    let shown = display(e164);
    let Some((cc, rest)) = shown.split_once(' ') else {
        return "***".into();
    };
    let (first, tail) = match rest.find([' ', '-']) {
        Some(i) => rest.split_at(i),
        None => ("", rest),
    };
    let total = tail.chars().filter(char::is_ascii_digit).count();
    let mut seen = 0;
    let masked: String = tail
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen += 1;
                if seen + 2 > total {
                    c
                } else {
                    '*'
                }
            } else {
                c
            }
        })
        .collect();
    format!("{cc} {first}{masked}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_national_and_international() {
        let p = parse("(202) 555-0143", Some("+1")).unwrap();
        assert_eq!(p.e164, "+12025550143");
        assert_eq!(p.international, "+1 202-555-0143");
        assert_eq!(p.region.as_deref(), Some("US"));
        let p = parse("+79994445561", None).unwrap();
        assert_eq!(p.e164, "+79994445561");
        assert_eq!(parse("2025550143", Some("us")).unwrap().e164, "+12025550143");
        let p = parse("07400 123456", Some("44")).unwrap();
        assert_eq!(p.e164, "+447400123456");
    }

    #[test]
    fn refuses_bad_numbers() {
        assert!(parse("", Some("+1")).is_err());
        assert!(parse("12", Some("+1")).is_err());
        assert!(parse("2025550143", None).is_err());
        assert!(parse("2025550143", Some("+999")).is_err());
        assert!(parse("'; DROP TABLE users; --", Some("+1")).is_err());
    }

    #[test]
    fn masks_like_b2core() {
        assert_eq!(mask("+79994445561"), "+7 999 ***-**-61");
        assert_eq!(mask("+12025550143"), "+1 202-***-**43");
    }
}
