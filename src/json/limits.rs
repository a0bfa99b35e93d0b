//! Limits on what the parsers read: an answer larger or more deeply nested than any real answer
//! of either dialect is refused before it is parsed, so a hostile or broken backend (or a proxy in
//! between) cannot make the page spend its memory or its stack on it. No browser types here.

/// The largest answer read, in bytes. Real answers are a few hundred bytes; the longest, a list of
/// recovery codes, stays under 2 KB.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// The deepest nesting of arrays and objects accepted. Real answers nest 4 levels at most.
pub const MAX_DEPTH: usize = 32;

/// Why an answer is refused before parsing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitError {
    TooLarge,
    TooDeep,
}

impl std::fmt::Display for LimitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LimitError::TooLarge => write!(f, "the answer is larger than {MAX_BODY_BYTES} bytes"),
            LimitError::TooDeep => write!(f, "the answer nests deeper than {MAX_DEPTH} levels"),
        }
    }
}

/// Checks size and nesting depth with one pass over the bytes (brackets inside strings do not
/// count). It does not check that the text is JSON: the parser does that afterwards.
pub fn check(body: &str) -> Result<(), LimitError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(LimitError::TooLarge);
    }
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for byte in body.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(LimitError::TooDeep);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_answers_pass() {
        assert_eq!(check(r#"{"a":{"b":[{"c":[1]}]}}"#), Ok(()));
        assert_eq!(check(""), Ok(()));
        // Brackets in strings are text, not nesting.
        let in_string = format!(r#"{{"message":"{}"}}"#, "[{".repeat(1000));
        assert_eq!(check(&in_string), Ok(()));
        let escaped_quote = format!(r#"{{"m":"\"{}"}}"#, "[".repeat(100));
        assert_eq!(check(&escaped_quote), Ok(()));
    }

    #[test]
    fn deep_and_large_answers_are_refused() {
        let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(check(&deep), Err(LimitError::TooDeep));
        let just_deep_enough = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(check(&just_deep_enough), Ok(()));
        let unclosed = "{\"a\":".repeat(MAX_DEPTH + 1);
        assert_eq!(check(&unclosed), Err(LimitError::TooDeep));
        let large = format!(r#"{{"p":"{}"}}"#, "x".repeat(MAX_BODY_BYTES));
        assert_eq!(check(&large), Err(LimitError::TooLarge));
    }
}
