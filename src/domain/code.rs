//! Normalises what people type or paste into a verification-code field.

/// Digits in a verification code.
pub const CODE_LENGTH: usize = 6;

/// Keeps the digits of typed or pasted text (spaces, dashes and other separators dropped), at most
/// [`CODE_LENGTH`] of them. Full-width and other Unicode digits count as their ASCII value.
pub fn normalize_code(input: &str) -> String {
    input.chars().filter_map(ascii_digit).take(CODE_LENGTH).collect()
}

/// The ASCII digit a character stands for: ASCII, full-width and Arabic-Indic digits.
fn ascii_digit(c: char) -> Option<char> {
    const ZEROS: [u32; 4] = ['0' as u32, 0xFF10, 0x0660, 0x06F0];
    let code = c as u32;
    let zero = ZEROS.into_iter().find(|zero| (*zero..*zero + 10).contains(&code))?;
    char::from_digit(code - zero, 10)
}

/// Whether a normalised code has all its digits.
pub fn is_complete(code: &str) -> bool {
    code.len() == CODE_LENGTH && code.bytes().all(|b| b.is_ascii_digit())
}

/// Normalises a recovery code: letters and digits only, lower case, the dash put back in the
/// middle so it reads like the printed code (`abcde-fghjk`).
pub fn normalize_recovery_code(input: &str) -> String {
    let plain: String = input
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .take(64)
        .collect();
    if plain.len() == 10 {
        format!("{}-{}", &plain[..5], &plain[5..])
    } else {
        plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_separators_and_caps_the_length() {
        assert_eq!(normalize_code("123 456"), "123456");
        assert_eq!(normalize_code("123-456"), "123456");
        assert_eq!(normalize_code(" 12 34 56 78 "), "123456");
        assert_eq!(normalize_code("abc"), "");
        assert_eq!(normalize_code("１２３４５６"), "123456");
        assert_eq!(normalize_code("٤٥٦ ٧٨٩"), "456789");
    }

    #[test]
    fn completeness() {
        assert!(is_complete("000000"));
        assert!(!is_complete("12345"));
        assert!(!is_complete("12345a"));
    }

    #[test]
    fn recovery_codes_are_normalised() {
        assert_eq!(normalize_recovery_code(" ABCDE FGHJK "), "abcde-fghjk");
        assert_eq!(normalize_recovery_code("abcde-fghjk"), "abcde-fghjk");
        assert_eq!(normalize_recovery_code("abc"), "abc");
        assert_eq!(normalize_recovery_code(&"x".repeat(500)).len(), 64);
    }
}
