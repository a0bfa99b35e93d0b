//! The words for the app's typed values: errors, notices, method names, dates and the
//! recovery-codes file, in the current language. They are written here, where the catalogue is,
//! so `api`, `config`, `flow`, `domain` and `session` hand over reasons and never choose words.

use super::{current, t, tf, Key};
use crate::api::ApiError;
use crate::config::ConfigError;
use crate::domain::account::Method;
use crate::domain::dates::calendar_date;
use crate::domain::phone::PhoneProblem;
use crate::domain::recovery::RecoveryCodes;
use crate::session::Notice;
use std::fmt;

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // What the server said is shown as it said it; everything else is ours to word.
        let key = match self {
            ApiError::Rejected(message) => return f.write_str(message),
            ApiError::RateLimited { wait_secs } => {
                return f.write_str(&tf(Key::RateLimited, &[&wait_secs.to_string()]))
            }
            ApiError::Server(status) => return f.write_str(&tf(Key::ServerError, &[&status.to_string()])),
            ApiError::UnsupportedStep(name) => return f.write_str(&tf(Key::UnsupportedStep, &[name])),
            ApiError::UnsafeHeader(name) => return f.write_str(&tf(Key::UnsafeHeader, &[name])),
            ApiError::Unauthorized => Key::SessionEnded,
            ApiError::NotAccepted => Key::GenericRejection,
            ApiError::WrongPassword => Key::WrongPassword,
            ApiError::SignInExpired => Key::SignInExpired,
            ApiError::WrongCode => Key::WrongCode,
            ApiError::StepUp(_) => Key::StepUpNeeded,
            ApiError::ServerTextsItself => Key::ServerTextsItself,
            ApiError::IncompleteCode => Key::EnterSixDigits,
            ApiError::CannotReceiveTexts => Key::CannotReceiveTexts,
            ApiError::Timeout => Key::Timeout,
            ApiError::Network => Key::Network,
            ApiError::Malformed => Key::Malformed,
        };
        f.write_str(t(key))
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self {
            ConfigError::Unavailable(0) => return f.write_str(t(Key::ConfigUnavailableNetwork)),
            ConfigError::Unavailable(status) => {
                return f.write_str(&tf(Key::ConfigUnavailableStatus, &[&status.to_string()]))
            }
            ConfigError::NotAnObject => t(Key::ConfigNotAnObject).to_string(),
            ConfigError::WrongType(field) => tf(Key::ConfigWrongType, &[field]),
            ConfigError::DialectMissing => t(Key::ConfigDialectMissing).to_string(),
            ConfigError::DialectUnknown(name) => tf(Key::ConfigDialectUnknown, &[name]),
            ConfigError::ApiBaseInvalid => t(Key::ConfigApiBaseInvalid).to_string(),
        };
        f.write_str(&tf(Key::ConfigMalformed, &[&why]))
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Notice::SessionEnded => f.write_str(t(Key::SessionEnded)),
            Notice::SignedInWithRecovery { left: Some(n) } => f.write_str(&super::plural(
                u64::from(n),
                Key::SignedInWithRecoveryOne,
                Key::SignedInWithRecoveryFew,
                Key::SignedInWithRecoveryMany,
            )),
            Notice::SignedInWithRecovery { left: None } => f.write_str(t(Key::SignedInWithRecoveryUnknown)),
        }
    }
}

impl Method {
    /// The name people see, also the accessible name of the method's row.
    pub fn label(self) -> &'static str {
        t(match self {
            Method::Totp => Key::MethodTotp,
            Method::Sms => Key::MethodSms,
        })
    }
}

impl PhoneProblem {
    /// Why the typed number cannot be used, in words.
    pub fn message(self) -> &'static str {
        t(match self {
            PhoneProblem::Empty => Key::PhoneEmpty,
            PhoneProblem::BadCharacters => Key::PhoneBadCharacters,
            PhoneProblem::TooShort => Key::PhoneTooShort,
            PhoneProblem::TooLong => Key::PhoneTooLong,
        })
    }
}

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

/// An RFC 3339 timestamp from the server as a date people read ("1 Nov 2026", "1. Nov. 2026",
/// "1 нояб. 2026 г."), or `None` when it is not one.
pub fn display_date(timestamp: &str) -> Option<String> {
    let date = calendar_date(timestamp)?;
    let month = t(MONTHS[usize::from(date.month - 1)]);
    Some(tf(
        Key::DateFormat,
        &[&date.day.to_string(), month, &date.year.to_string()],
    ))
}

/// The text of the downloaded recovery-codes file: a header naming the account, the issuer and
/// the date, then the codes, one per line (used ones are listed as used).
pub fn recovery_file_text(codes: &RecoveryCodes, issuer: &str, account: &str, date: &str) -> String {
    let mut text = format!(
        "{}\n{}\n{}\n\n{}\n\n",
        tf(Key::FileTitle, &[issuer]),
        tf(Key::FileAccount, &[account]),
        tf(Key::FileGenerated, &[date]),
        t(Key::FileHowTo)
    );
    for code in &codes.codes {
        if code.used {
            text.push_str(&tf(Key::FileUsedCode, &[&code.code]));
        } else {
            text.push_str(&code.code);
        }
        text.push('\n');
    }
    text
}

/// `Accept-Language` for the backend in the language the page speaks now (see [`super::accept_language`]).
pub fn request_language(configured: Option<&str>) -> &str {
    super::accept_language(configured, current())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{install_published_catalogues, set_current, Lang};

    /// The text of `value` in each language, English first.
    fn in_every_language(value: &dyn fmt::Display) -> [String; 3] {
        install_published_catalogues();
        let texts = Lang::ALL.map(|lang| {
            set_current(lang);
            value.to_string()
        });
        set_current(Lang::En);
        texts
    }

    #[test]
    fn client_errors_are_worded_from_their_variant_in_every_language() {
        let cases = [
            (ApiError::WrongPassword, "The email or password is not correct."),
            (ApiError::SignInExpired, "This sign-in has expired. Please start again."),
            (ApiError::IncompleteCode, "Enter the 6-digit code."),
            (
                ApiError::CannotReceiveTexts,
                "This phone number cannot receive text messages.",
            ),
            (
                ApiError::WrongCode,
                "That code is not right. Please check it and try again.",
            ),
            (
                ApiError::StepUp(Default::default()),
                "Confirm it's you with a current code first.",
            ),
            (
                ApiError::ServerTextsItself,
                "This server sends the sign-in text message by itself.",
            ),
            (
                ApiError::NotAccepted,
                "The request was not accepted. Please check what you entered.",
            ),
            (ApiError::Unauthorized, "Your session has ended. Please sign in again."),
        ];
        for (error, english) in cases {
            let [en, de, ru] = in_every_language(&error);
            assert_eq!(en, english, "{error:?}");
            assert_ne!(de, en, "{error:?} has no German");
            assert_ne!(ru, en, "{error:?} has no Russian");
        }
        let [en, de, ru] = in_every_language(&ApiError::WrongPassword);
        assert_eq!(en, "The email or password is not correct.");
        assert_eq!(de, "E-Mail oder Passwort ist nicht korrekt.");
        assert_eq!(ru, "Неверная электронная почта или пароль.");
    }

    #[test]
    fn values_are_filled_in_and_server_text_is_kept_as_sent() {
        let [en, de, ru] = in_every_language(&ApiError::RateLimited { wait_secs: 9 });
        assert!(en.contains("9 seconds"), "{en}");
        assert!(de.contains('9') && ru.contains('9'), "{de} / {ru}");
        let [en, ..] = in_every_language(&ApiError::UnsupportedStep("captcha".into()));
        assert_eq!(en, "The server asked for a step this page does not support (captcha).");
        assert!(in_every_language(&ApiError::Server(502))
            .iter()
            .all(|text| text.contains("502")));
        let header = ApiError::UnsafeHeader("x-api-key".into());
        assert!(in_every_language(&header).iter().all(|text| text.contains("x-api-key")));
        let server = ApiError::Rejected("Ungültiger Code".into());
        assert_eq!(in_every_language(&server), ["Ungültiger Code"; 3].map(String::from));
    }

    #[test]
    fn notices_count_in_the_language() {
        let [en, _, ru] = in_every_language(&Notice::SignedInWithRecovery { left: Some(3) });
        assert_eq!(en, "You signed in with a recovery code. 3 recovery codes are left.");
        assert_eq!(ru, "Вы вошли с кодом восстановления. Осталось 3 кода.");
        let [en, ..] = in_every_language(&Notice::SignedInWithRecovery { left: Some(1) });
        assert_eq!(en, "You signed in with a recovery code. 1 recovery code is left.");
        let [en, de, _] = in_every_language(&Notice::SessionEnded);
        assert_eq!(en, "Your session has ended. Please sign in again.");
        assert_eq!(de, "Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.");
    }

    #[test]
    fn the_config_reason_is_told_in_the_page_language() {
        let [en, _, ru] = in_every_language(&ConfigError::DialectUnknown("soap".into()));
        assert_eq!(
            en,
            r#"config.json is not valid: "dialect" must be "cg" or "b2core", not "soap"."#
        );
        assert!(ru.starts_with("config.json некорректен: «dialect» должен быть"), "{ru}");
        assert!(ru.contains("soap"));
        let [en, ..] = in_every_language(&ConfigError::WrongType("issuer"));
        assert_eq!(en, r#"config.json is not valid: "issuer" has the wrong type."#);
    }

    #[test]
    fn dates_read_in_the_language() {
        install_published_catalogues();
        assert_eq!(display_date("2026-11-01T10:00:00Z").as_deref(), Some("1 Nov 2026"));
        assert_eq!(display_date("2026-12-31").as_deref(), Some("31 Dec 2026"));
        assert_eq!(display_date("2026-13-01T00:00:00Z"), None);
        set_current(Lang::De);
        assert_eq!(display_date("2026-03-01T10:00:00Z").as_deref(), Some("1. März 2026"));
        set_current(Lang::Ru);
        assert_eq!(display_date("2026-11-01T10:00:00Z").as_deref(), Some("1 нояб. 2026 г."));
        set_current(Lang::En);
    }

    #[test]
    fn the_codes_file_has_header_and_codes() {
        let mut codes = RecoveryCodes::fresh(vec!["aaaaa-bbbbb".into(), "ccccc-ddddd".into()], None);
        codes.codes[1].used = true;
        let text = recovery_file_text(&codes, "Example Bank", "demo@example.com", "2026-11-23");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Example Bank recovery codes");
        assert_eq!(lines[1], "Account: demo@example.com");
        assert_eq!(lines[2], "Generated: 2026-11-23");
        assert!(lines.contains(&"aaaaa-bbbbb"));
        assert!(lines.contains(&"ccccc-ddddd (used)"));
    }

    #[test]
    fn method_names_follow_the_language() {
        let [en, _, ru] = Lang::ALL.map(|lang| {
            install_published_catalogues();
            set_current(lang);
            Method::Sms.label()
        });
        set_current(Lang::En);
        assert_eq!(ru, "SMS-сообщение");
        assert_ne!(en, ru);
    }
}
