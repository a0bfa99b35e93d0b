//! Message catalogues: every text the app shows, in English, German and Russian.
//!
//! A [`Key`] names a message. English is built in, one exhaustive `match` returning
//! `&'static str`, so a key without an English text does not compile. The other languages are
//! JSON files beside the page (`public/i18n/de.json`, `ru.json`: key name to text), fetched only
//! when chosen, so a visit downloads one language, not three; a test fails when a file lacks a key
//! English has or changes its placeholders, and a text missing at run time reads in English.
//! Templates carry numbered placeholders (`{0}`, `{1}`) filled by [`fill`]. The page's language
//! is one signal, [`language`], that every text reads, so a text shown by a reactive closure is
//! worded again when it changes; `message` keeps what a status line says as its key and values,
//! `messages` words the app's typed errors and values in a given language, and `switch` chooses,
//! loads and switches the language.

mod en;
mod message;
mod messages;
mod switch;

pub use message::{Message, Value};
pub use messages::{config_error_text, display_date, error_text, recovery_file_text, request_language};
pub use switch::{choose_language, load_catalogue, page_leaving, switch_language, use_language};

use crate::json::{from_object, WireError};
use leptos::prelude::*;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Declares the keys once and lists them all in `Key::ALL` (for the completeness test).
macro_rules! keys {
    ($($key:ident),* $(,)?) => {
        /// A message of the catalogue.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Key { $($key),* }

        impl Key {
            /// Every key, in declaration order.
            pub const ALL: &'static [Key] = &[$(Key::$key),*];

            /// The key's name, as the catalogue files spell it.
            pub fn name(self) -> &'static str {
                match self {
                    $(Key::$key => stringify!($key)),*
                }
            }
        }
    };
}

keys! {
    // Shell and header
    Loading, SkipToContent, SignOut, Language, Theme, ThemeSystem, ThemeLight, ThemeDark,
    // config.json errors
    ConfigErrorTitle, ConfigErrorHelp, ConfigUnavailableNetwork, ConfigUnavailableStatus, ConfigMalformed,
    ConfigNotAnObject, ConfigWrongType, ConfigDialectMissing, ConfigDialectUnknown, ConfigApiBaseInvalid,
    // Unknown address
    NotFoundTitle, NotFoundText, NotFoundLink,
    // Alerts and shared controls
    CanTryAgainNow, TooManyAttemptsIn, TryAgain, Cancel, VerificationCode, Verify,
    // Methods
    MethodTotp, MethodSms, SetUpTotp, SetUpSms, TurnOffTotp, TurnOffSms, TurnOffTotpHeading, TurnOffSmsHeading,
    On, Off, DefaultBadge, Since, DefaultMethod, DefaultMethodHelp,
    // Authenticator app setup
    SetUpTotpHeading, PreparingKey, ScanQr, OpenInApp, EnterAppCode, QrAlt, QrFailed,
    EnterKeyInApp, CopyKey, KeyCopied, CopyBlockedKey, KeyToCopy,
    DriftAhead, DriftBehind, MinutesOne, MinutesFew, MinutesMany,
    // Text message setup
    SetUpSmsHeading, Country, PhoneNumber, PhoneHelp, SendCode, CannotReceiveTexts,
    WeSentCodeTo, CodeExpired, CodeExpiresIn, ResendCode, NewCodeIn, ChangeNumber,
    PhoneEmpty, PhoneBadCharacters, PhoneTooShort, PhoneTooLong,
    // Turning a method off
    Preparing, TurnedOff, SentCodeToTurnOff, EnterAppCodeToTurnOff, CodeExpiredStartAgain, TurnOff,
    // Security page
    Security, LoadingSettings, PageUnavailable, PageTimedOut, StepUnavailable, StepTimedOut, TwoFactor, TwoFactorOn, TwoFactorOff, LastUsed,
    OnlyMethodWarning, DefaultWillChange, DefaultSaved, MethodIsOn, MethodIsOff,
    // Recovery codes
    RecoveryCodes, YourRecoveryCodes, CodesLeft, FewCodesLeft, RecoveryIntro, GenerateNew, ViewCodes,
    ReplaceCodesTitle, ReplaceCodesText, Generate, KeepCodesSafe, Copy, Download, Print,
    SavedCodes, Done, UsedMark, CodesCopied, CopyBlockedCodes, CodesDownloaded, DownloadFailed,
    FileTitle, FileAccount, FileGenerated, FileHowTo, FileUsedCode,
    // Sign-in
    SignIn, Email, Password, TextMeInstead, PromptSmsSent, PromptSms, PromptApp,
    UseAppInstead, UseRecoveryCode, RecoveryPrompt, RecoveryCode, UseCodeInstead, StartAgain,
    // Confirming a change (step-up)
    ConfirmItsYou, ConfirmPrompt, Confirm, TextMeCode, StepUpNeeded,
    SignedInWithRecoveryOne, SignedInWithRecoveryFew, SignedInWithRecoveryMany, SignedInWithRecoveryUnknown,
    // Errors
    SessionEnded, RateLimited, ServerError, Timeout, Network, Malformed, GenericRejection,
    WrongPassword, SignInExpired, ServerTextsItself, UnsupportedStep, WrongCode, EnterSixDigits, UnsafeHeader,
}

/// A language the app speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    De,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::De, Lang::Ru];

    /// The BCP 47 tag (`lang` attribute, `Accept-Language`, stored preference).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Ru => "ru",
        }
    }

    /// The language's name in itself, as the switcher lists it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
            Lang::Ru => "Русский",
        }
    }

    /// The language of a tag such as `de-AT` or `ru_RU`; `None` when the app does not speak it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.tag() == primary)
    }

    /// The text of `key` in this language.
    pub fn text(self, key: Key) -> Cow<'static, str> {
        match self {
            Lang::En => Cow::Borrowed(en::text(key)),
            other => LOADED
                .with_borrow(|loaded| {
                    loaded
                        .iter()
                        .find(|(lang, _)| *lang == other)
                        .map(|(_, texts)| texts[key as usize].clone())
                })
                .filter(|text| !text.is_empty())
                .map_or(Cow::Borrowed(en::text(key)), Cow::Owned),
        }
    }

    /// The template of `key` in this language with its placeholders filled.
    pub fn fill(self, key: Key, args: &[&str]) -> String {
        fill(&self.text(key), args)
    }

    /// Which of the plural forms `n` takes (English and German: one/other; Russian: one/few/many).
    pub fn plural(self, n: u64, one: Key, few: Key, many: Key) -> Key {
        match self {
            Lang::Ru => match (n % 10, n % 100) {
                (1, r) if r != 11 => one,
                (2..=4, r) if !(12..=14).contains(&r) => few,
                _ => many,
            },
            Lang::En | Lang::De => {
                if n == 1 {
                    one
                } else {
                    many
                }
            }
        }
    }
}

/// The first language the app speaks among the candidates (stored choice, configuration,
/// browser), else English.
pub fn choose<'a>(candidates: impl IntoIterator<Item = Option<&'a str>>) -> Lang {
    candidates
        .into_iter()
        .flatten()
        .find_map(Lang::from_tag)
        .unwrap_or_default()
}

/// `Accept-Language` for the backend: the configured locale when it is in the language the page
/// speaks (so `de-AT` keeps its region), else the language's own tag.
pub fn accept_language(configured: Option<&str>, lang: Lang) -> &str {
    configured
        .map(str::trim)
        .filter(|tag| Lang::from_tag(tag) == Some(lang))
        .unwrap_or(lang.tag())
}

thread_local! {
    /// The page's language: the one place every text reads it from.
    static LANGUAGE: ArcRwSignal<Lang> = ArcRwSignal::new(Lang::En);
    /// The catalogues read so far, each indexed like [`Key::ALL`] ("" where the file has no text).
    static LOADED: RefCell<Vec<(Lang, Vec<String>)>> = const { RefCell::new(Vec::new()) };
}

/// Where the catalogue of a language other than English is published, beside `index.html`.
pub fn catalogue_url(lang: Lang) -> String {
    format!("/i18n/{}.json", lang.tag())
}

/// Reads a catalogue file: the text of every key, in the order of [`Key::ALL`], "" where the file
/// has none (it then reads in English). Unknown names are ignored; a text that is not a string,
/// or a file that is not a JSON object, is an error.
pub fn parse_catalogue(text: &str) -> Result<Vec<String>, WireError> {
    let mut catalogue: BTreeMap<String, Option<String>> = from_object(text)?;
    Ok(Key::ALL
        .iter()
        .map(|key| catalogue.remove(key.name()).flatten().unwrap_or_default())
        .collect())
}

/// Whether `lang` can be shown now: English always, another language once its catalogue is in.
pub fn is_loaded(lang: Lang) -> bool {
    lang == Lang::En || LOADED.with_borrow(|loaded| loaded.iter().any(|(l, _)| *l == lang))
}

/// The published catalogues, built in for native tests of code that speaks other languages.
#[cfg(test)]
pub fn install_published_catalogues() {
    for (lang, file) in [
        (Lang::De, include_str!("../../public/i18n/de.json")),
        (Lang::Ru, include_str!("../../public/i18n/ru.json")),
    ] {
        install(lang, parse_catalogue(file).expect("a published catalogue parses"));
    }
}

/// Keeps a parsed catalogue for the rest of the page's life, once per language.
pub fn install(lang: Lang, texts: Vec<String>) {
    if is_loaded(lang) || texts.len() != Key::ALL.len() {
        return;
    }
    LOADED.with_borrow_mut(|loaded| loaded.push((lang, texts)));
}

/// The page's language. Read in a reactive closure, the closure runs again when it changes.
pub fn language() -> Lang {
    LANGUAGE.with(ArcRwSignal::get)
}

/// The page's language, without subscribing to it (requests, files, event handlers).
pub fn current() -> Lang {
    LANGUAGE.with(ArcRwSignal::get_untracked)
}

/// Makes `lang` the page's language: every text read through [`language`] follows.
pub fn set_current(lang: Lang) {
    LANGUAGE.with(|language| {
        if language.get_untracked() != lang {
            language.set(lang);
        }
    });
}

/// The text of `key` in the page's language. Read in a reactive closure, it is read again when
/// the language changes.
pub fn t(key: Key) -> Cow<'static, str> {
    language().text(key)
}

/// The text of `key` as the view shows it: re-rendered in place when the language changes, so
/// the page around it (an open step, a typed code) stays as it is.
pub fn text(key: Key) -> impl Fn() -> Cow<'static, str> + Copy + Send + Sync + 'static {
    move || t(key)
}

/// The template of `key` in the page's language with its placeholders filled.
pub fn tf(key: Key, args: &[&str]) -> String {
    language().fill(key, args)
}

/// Replaces `{0}`, `{1}`, … with the arguments; unknown placeholders stay as they are.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let index = after
            .find('}')
            .and_then(|close| after[..close].parse::<usize>().ok().map(|i| (i, close)));
        match index.and_then(|(i, close)| args.get(i).map(|arg| (arg, close))) {
            Some((arg, close)) => {
                out.push_str(arg);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders a template uses, sorted (for comparing catalogues).
pub fn placeholders(template: &str) -> Vec<usize> {
    let mut found: Vec<usize> = template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').and_then(|(n, _)| n.parse().ok()))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The published catalogue files, read as the page reads them.
    const FILES: [(Lang, &str); 2] = [
        (Lang::De, include_str!("../../public/i18n/de.json")),
        (Lang::Ru, include_str!("../../public/i18n/ru.json")),
    ];

    #[test]
    fn every_catalogue_has_every_key_with_the_same_placeholders() {
        for (lang, file) in FILES {
            let texts = parse_catalogue(file).unwrap_or_else(|e| panic!("{lang:?}: {e}"));
            for (&key, text) in Key::ALL.iter().zip(&texts) {
                let english = Lang::En.text(key);
                assert!(!english.trim().is_empty(), "English text of {key:?} is empty");
                assert!(!text.trim().is_empty(), "{lang:?} lacks {key:?}");
                assert_eq!(
                    placeholders(text),
                    placeholders(&english),
                    "{lang:?} {key:?}: placeholders differ from English"
                );
            }
            let Names(names) = from_object(file).expect("an object");
            for name in &names {
                assert!(
                    Key::ALL.iter().any(|k| k.name() == name),
                    "{lang:?}: unknown key {name}"
                );
            }
            assert_eq!(names.len(), Key::ALL.len(), "{lang:?}: a key is written twice");
        }
    }

    /// The names of a catalogue file in order, repeats kept (a map would fold them into one).
    struct Names(Vec<String>);

    impl<'de> serde::Deserialize<'de> for Names {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct NamesVisitor;
            impl<'de> serde::de::Visitor<'de> for NamesVisitor {
                type Value = Names;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a catalogue")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Names, A::Error> {
                    let mut names = Vec::new();
                    while let Some((name, serde::de::IgnoredAny)) = map.next_entry()? {
                        names.push(name);
                    }
                    Ok(Names(names))
                }
            }
            deserializer.deserialize_map(NamesVisitor)
        }
    }

    #[test]
    fn a_loaded_catalogue_is_used_and_a_missing_text_reads_in_english() {
        let mut texts = parse_catalogue(FILES[0].1).expect("parses");
        texts[Key::Cancel as usize].clear();
        assert_eq!(
            Lang::De.text(Key::SignOut),
            "Sign out",
            "English until the catalogue is in"
        );
        assert!(!is_loaded(Lang::De));
        install(Lang::De, texts);
        assert!(is_loaded(Lang::De));
        assert_eq!(Lang::De.text(Key::SignOut), "Abmelden");
        assert_eq!(Lang::De.text(Key::Cancel), "Cancel");
        assert!(parse_catalogue(r#"{"SignOut": 5}"#).is_err());
        assert!(parse_catalogue("<html>").is_err());
        assert_eq!(
            parse_catalogue(r#"{"SignOut": "Weg", "Nope": "x"}"#).map(|t| t.len()),
            Ok(Key::ALL.len())
        );
    }

    #[test]
    fn the_completeness_check_catches_a_missing_translation() {
        assert_ne!(
            placeholders("{0} of {1} codes left"),
            placeholders("Осталось кодов: {0}")
        );
        assert!("   ".trim().is_empty());
    }

    #[test]
    fn fills_numbered_placeholders() {
        assert_eq!(fill("{0} of {1} codes left", &["9", "10"]), "9 of 10 codes left");
        assert_eq!(
            fill("Осталось кодов: {1} из {0}", &["10", "9"]),
            "Осталось кодов: 9 из 10"
        );
        assert_eq!(fill("{x} {5} {", &["a"]), "{x} {5} {");
        assert_eq!(placeholders("{1} and {0} and {1}"), vec![0, 1]);
    }

    #[test]
    fn russian_plural_forms() {
        let form = |n| Lang::Ru.plural(n, Key::MinutesOne, Key::MinutesFew, Key::MinutesMany);
        assert_eq!(form(1), Key::MinutesOne);
        assert_eq!(form(21), Key::MinutesOne);
        assert_eq!(form(3), Key::MinutesFew);
        assert_eq!(form(11), Key::MinutesMany);
        assert_eq!(form(12), Key::MinutesMany);
        assert_eq!(form(25), Key::MinutesMany);
        assert_eq!(
            Lang::De.plural(1, Key::MinutesOne, Key::MinutesFew, Key::MinutesMany),
            Key::MinutesOne
        );
        assert_eq!(
            Lang::En.plural(3, Key::MinutesOne, Key::MinutesFew, Key::MinutesMany),
            Key::MinutesMany
        );
    }

    #[test]
    fn accept_language_follows_the_chosen_language() {
        assert_eq!(accept_language(Some("de-AT"), Lang::De), "de-AT");
        assert_eq!(accept_language(Some("de-AT"), Lang::Ru), "ru");
        assert_eq!(accept_language(None, Lang::En), "en");
    }

    #[test]
    fn chooses_the_first_spoken_language() {
        assert_eq!(choose([None, Some("de-AT"), Some("ru")]), Lang::De);
        assert_eq!(choose([Some("fr"), Some("ru_RU")]), Lang::Ru);
        assert_eq!(choose([Some("fr"), None]), Lang::En);
        assert_eq!(Lang::from_tag("EN-gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag(""), None);
    }
}
