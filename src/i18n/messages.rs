//! The words for the app's typed values: errors, notices, method names, dates and the
//! recovery-codes file, in the current language. They are written here, where the catalogue is,
//! so `api`, `config`, `flow`, `domain` and `session` hand over reasons and never choose words.

use super::{current, t, Key, Lang, Message};
use crate::api::ApiError;
use crate::browser::format_date;
use crate::config::ConfigError;
use crate::domain::account::Method;
use crate::domain::dates::calendar_date;
use crate::domain::phone::PhoneProblem;
use crate::domain::recovery::RecoveryCodes;
use crate::session::Notice;
use std::borrow::Cow;

/// An error's words in `lang`. What the server said is shown as it said it; everything else is
/// ours to word.
pub fn error_text(error: &ApiError, lang: Lang) -> String {
    let key = match error {
        ApiError::Rejected(message) => return message.clone(),
        ApiError::RateLimited { wait_secs } => return lang.fill(Key::RateLimited, &[&wait_secs.to_string()]),
        ApiError::Server(status) => return lang.fill(Key::ServerError, &[&status.to_string()]),
        ApiError::UnsupportedStep(name) => return lang.fill(Key::UnsupportedStep, &[name]),
        ApiError::UnsafeHeader(name) => return lang.fill(Key::UnsafeHeader, &[name]),
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
    lang.text(key).into_owned()
}

/// What is wrong with `config.json`, in `lang`.
pub fn config_error_text(error: &ConfigError, lang: Lang) -> String {
    let why = match error {
        ConfigError::Unavailable(0) => return lang.text(Key::ConfigUnavailableNetwork).into_owned(),
        ConfigError::Unavailable(status) => return lang.fill(Key::ConfigUnavailableStatus, &[&status.to_string()]),
        ConfigError::NotAnObject => lang.text(Key::ConfigNotAnObject).into_owned(),
        ConfigError::WrongType(field) => lang.fill(Key::ConfigWrongType, &[field]),
        ConfigError::DialectMissing => lang.text(Key::ConfigDialectMissing).into_owned(),
        ConfigError::DialectUnknown(name) => lang.fill(Key::ConfigDialectUnknown, &[name]),
        ConfigError::ApiBaseInvalid => lang.text(Key::ConfigApiBaseInvalid).into_owned(),
    };
    lang.fill(Key::ConfigMalformed, &[&why])
}

impl Notice {
    /// What the notice says.
    pub fn message(self) -> Message {
        match self {
            Notice::SessionEnded => Message::text(Key::SessionEnded),
            Notice::SignedInWithRecovery { left: Some(n) } => Message::Count(
                u64::from(n),
                [
                    Key::SignedInWithRecoveryOne,
                    Key::SignedInWithRecoveryFew,
                    Key::SignedInWithRecoveryMany,
                ],
            ),
            Notice::SignedInWithRecovery { left: None } => Message::text(Key::SignedInWithRecoveryUnknown),
        }
    }
}

impl Method {
    /// The key of the name people see.
    pub fn name_key(self) -> Key {
        match self {
            Method::Totp => Key::MethodTotp,
            Method::Sms => Key::MethodSms,
        }
    }

    /// The name people see in the page's language, also the accessible name of the method's row.
    pub fn label(self) -> Cow<'static, str> {
        t(self.name_key())
    }
}

impl PhoneProblem {
    /// Why the typed number cannot be used.
    pub fn key(self) -> Key {
        match self {
            PhoneProblem::Empty => Key::PhoneEmpty,
            PhoneProblem::BadCharacters => Key::PhoneBadCharacters,
            PhoneProblem::TooShort => Key::PhoneTooShort,
            PhoneProblem::TooLong => Key::PhoneTooLong,
        }
    }
}

/// An RFC 3339 timestamp from the server as a date people read in `lang` (the browser's
/// `Intl.DateTimeFormat`: "Nov 1, 2026", "1. Nov. 2026"), or `None` when it is not one.
pub fn display_date(timestamp: &str, lang: Lang) -> Option<String> {
    let date = calendar_date(timestamp)?;
    Some(format_date(date, lang.tag()))
}

/// The text of the downloaded recovery-codes file: a header naming the account, the issuer and
/// the date, then the codes, one per line (used ones are listed as used).
pub fn recovery_file_text(codes: &RecoveryCodes, issuer: &str, account: &str, date: &str, lang: Lang) -> String {
    let mut text = format!(
        "{}\n{}\n{}\n\n{}\n\n",
        lang.fill(Key::FileTitle, &[issuer]),
        lang.fill(Key::FileAccount, &[account]),
        lang.fill(Key::FileGenerated, &[date]),
        lang.text(Key::FileHowTo)
    );
    for code in &codes.codes {
        if code.used {
            text.push_str(&lang.fill(Key::FileUsedCode, &[&code.code]));
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
    use crate::i18n::install_published_catalogues;

    /// The words of a value in each language, English first.
    fn in_every_language(words: impl Fn(Lang) -> String) -> [String; 3] {
        install_published_catalogues();
        Lang::ALL.map(words)
    }

    fn error_in_every_language(error: &ApiError) -> [String; 3] {
        in_every_language(|lang| error_text(error, lang))
    }

    fn notice_in_every_language(notice: Notice) -> [String; 3] {
        in_every_language(|lang| notice.message().words_in(lang))
    }

    fn config_in_every_language(error: &ConfigError) -> [String; 3] {
        in_every_language(|lang| config_error_text(error, lang))
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
            let [en, de, ru] = error_in_every_language(&error);
            assert_eq!(en, english, "{error:?}");
            assert_ne!(de, en, "{error:?} has no German");
            assert_ne!(ru, en, "{error:?} has no Russian");
        }
        let [en, de, ru] = error_in_every_language(&ApiError::WrongPassword);
        assert_eq!(en, "The email or password is not correct.");
        assert_eq!(de, "E-Mail oder Passwort ist nicht korrekt.");
        assert_eq!(ru, "Неверная электронная почта или пароль.");
    }

    #[test]
    fn values_are_filled_in_and_server_text_is_kept_as_sent() {
        let [en, de, ru] = error_in_every_language(&ApiError::RateLimited { wait_secs: 9 });
        assert!(en.contains("9 seconds"), "{en}");
        assert!(de.contains('9') && ru.contains('9'), "{de} / {ru}");
        let [en, ..] = error_in_every_language(&ApiError::UnsupportedStep("captcha".into()));
        assert_eq!(en, "The server asked for a step this page does not support (captcha).");
        assert!(error_in_every_language(&ApiError::Server(502))
            .iter()
            .all(|text| text.contains("502")));
        let header = ApiError::UnsafeHeader("x-api-key".into());
        assert!(error_in_every_language(&header)
            .iter()
            .all(|text| text.contains("x-api-key")));
        let server = ApiError::Rejected("Ungültiger Code".into());
        assert_eq!(
            error_in_every_language(&server),
            ["Ungültiger Code"; 3].map(String::from)
        );
    }

    #[test]
    fn notices_count_in_the_language() {
        let [en, _, ru] = notice_in_every_language(Notice::SignedInWithRecovery { left: Some(3) });
        assert_eq!(en, "You signed in with a recovery code. 3 recovery codes are left.");
        assert_eq!(ru, "Вы вошли с кодом восстановления. Осталось 3 кода.");
        let [en, ..] = notice_in_every_language(Notice::SignedInWithRecovery { left: Some(1) });
        assert_eq!(en, "You signed in with a recovery code. 1 recovery code is left.");
        let [en, de, _] = notice_in_every_language(Notice::SessionEnded);
        assert_eq!(en, "Your session has ended. Please sign in again.");
        assert_eq!(de, "Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.");
    }

    #[test]
    fn the_config_reason_is_told_in_the_page_language() {
        let [en, _, ru] = config_in_every_language(&ConfigError::DialectUnknown("soap".into()));
        assert_eq!(
            en,
            r#"config.json is not valid: "dialect" must be "cg" or "b2core", not "soap"."#
        );
        assert!(ru.starts_with("config.json некорректен: «dialect» должен быть"), "{ru}");
        assert!(ru.contains("soap"));
        let [en, ..] = config_in_every_language(&ConfigError::WrongType("issuer"));
        assert_eq!(en, r#"config.json is not valid: "issuer" has the wrong type."#);
    }

    #[test]
    fn the_codes_file_has_header_and_codes() {
        let mut codes = RecoveryCodes::fresh(vec!["aaaaa-bbbbb".into(), "ccccc-ddddd".into()], None);
        codes.codes[1].used = true;
        let text = recovery_file_text(&codes, "Example Bank", "demo@example.com", "2026-11-23", Lang::En);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Example Bank recovery codes");
        assert_eq!(lines[1], "Account: demo@example.com");
        assert_eq!(lines[2], "Generated: 2026-11-23");
        assert!(lines.contains(&"aaaaa-bbbbb"));
        assert!(lines.contains(&"ccccc-ddddd (used)"));
    }

    #[test]
    fn method_names_follow_the_language() {
        let [en, _, ru] = in_every_language(|lang| lang.text(Method::Sms.name_key()).into_owned());
        assert_eq!(ru, "SMS-сообщение");
        assert_ne!(en, ru);
    }
}
