//! Recovery codes: the set the server lists, the downloadable file's name, and when the count left
//! warrants a warning.

/// One recovery code and whether it was used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryCode {
    pub code: String,
    pub used: bool,
}

/// A set of recovery codes as the server lists them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecoveryCodes {
    pub codes: Vec<RecoveryCode>,
    pub generated_at: Option<String>,
}

impl RecoveryCodes {
    /// A fresh set: none used yet.
    pub fn fresh(codes: Vec<String>, generated_at: Option<String>) -> Self {
        RecoveryCodes {
            codes: codes
                .into_iter()
                .map(|code| RecoveryCode { code, used: false })
                .collect(),
            generated_at,
        }
    }

    pub fn left(&self) -> usize {
        self.codes.iter().filter(|c| !c.used).count()
    }
}

/// At this many codes left or fewer, the page warns.
pub const LOW_CODES: u32 = 3;

pub fn is_low(left: u32) -> bool {
    left <= LOW_CODES
}

/// `issuer-recovery-codes.txt`, with the issuer reduced to safe file-name characters.
pub fn file_name(issuer: &str) -> String {
    let stem: String = issuer
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "recovery-codes.txt".to_string()
    } else {
        format!("{stem}-recovery-codes.txt")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> RecoveryCodes {
        let mut codes = RecoveryCodes::fresh(vec!["aaaaa-bbbbb".into(), "ccccc-ddddd".into()], None);
        codes.codes[1].used = true;
        codes
    }

    #[test]
    fn counts_and_warning() {
        assert_eq!(sample().left(), 1);
        assert!(is_low(3));
        assert!(!is_low(4));
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_name("Example Bank"), "example-bank-recovery-codes.txt");
        assert_eq!(file_name("../<script>"), "script-recovery-codes.txt");
        assert_eq!(file_name("Банк"), "recovery-codes.txt");
    }
}
