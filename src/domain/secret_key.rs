//! The authenticator-app key: shown in groups of four, and the `otpauth://` URI when the server
//! does not give one.

/// Splits a key into groups of four for reading aloud or typing (`ABCD EFGH ...`).
pub fn group_key(key: &str) -> String {
    let chars: Vec<char> = compact_key(key).chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The key as authenticator apps take it: no spaces, upper case.
pub fn compact_key(key: &str) -> String {
    key.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Whether a key is plausible Base32 (RFC 4648 alphabet, optional padding) of at least 80 bits.
pub fn is_base32_key(key: &str) -> bool {
    let key = compact_key(key);
    let body = key.trim_end_matches('=');
    body.len() >= 16 && body.chars().all(|c| c.is_ascii_uppercase() || ('2'..='7').contains(&c))
}

/// Builds `otpauth://totp/Issuer:account?secret=..&issuer=..` (Key Uri Format).
pub fn otpauth_uri(issuer: &str, account: &str, key: &str) -> String {
    let label = format!("{}:{}", encode(issuer), encode(account));
    format!(
        "otpauth://totp/{label}?secret={}&issuer={}&algorithm=SHA1&digits=6&period=30",
        compact_key(key),
        encode(issuer)
    )
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_of_four() {
        assert_eq!(group_key("G7NMO7RKZNS3PXQQ"), "G7NM O7RK ZNS3 PXQQ");
        assert_eq!(group_key("abcdefghij"), "ABCD EFGH IJ");
        assert_eq!(group_key("ab cd-ef"), "ABCD EF");
        assert_eq!(group_key(""), "");
    }

    #[test]
    fn base32_check() {
        assert!(is_base32_key("G7NMO7RKZNS3PXQQ"));
        assert!(is_base32_key("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"));
        assert!(!is_base32_key("G7NMO7RKZNS3PXQ1"));
        assert!(!is_base32_key("SHORT"));
    }

    #[test]
    fn builds_an_escaped_otpauth_uri() {
        assert_eq!(
            otpauth_uri("Example Bank", "dana+1@example.com", "g7nm o7rk zns3 pxqq"),
            "otpauth://totp/Example%20Bank:dana%2B1%40example.com?secret=G7NMO7RKZNS3PXQQ&issuer=Example%20Bank&algorithm=SHA1&digits=6&period=30"
        );
    }
}
