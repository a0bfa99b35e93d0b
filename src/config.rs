//! Runtime configuration read from `config.json`: the backend dialect, its address and key, and
//! how the account is labelled. Parsing is pure so a bad file gets a precise message.

use crate::json::{from_json, Loose, JSON_SPACE};
use serde::de::IgnoredAny;
use serde::Deserialize;
use std::time::Duration;

/// Which backend API the app speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// CG Scanning API V2.
    Cg,
    /// B2Core front API.
    B2Core,
}

/// The checked configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub dialect: Dialect,
    /// Base URL of the API without a trailing slash; empty means the page's own origin.
    pub api_base: String,
    pub api_key: Option<String>,
    /// Names the account in authenticator apps and in the recovery-codes file.
    pub issuer: String,
    pub locale: Option<String>,
    /// How long an API request may take before the page gives up and offers to try again.
    pub timeout: Duration,
}

/// The request time-out when `config.json` does not set `timeout_ms`.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);
/// `timeout_ms` is kept within these bounds (milliseconds).
pub const TIMEOUT_BOUNDS_MS: (u64, u64) = (1_000, 60_000);

/// Why the configuration cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// The file could not be fetched (HTTP status, or 0 for a network failure).
    Unavailable(u16),
    /// The file is not a JSON object (or is larger or deeper than any configuration).
    NotAnObject,
    /// A field has another type than its documented one.
    WrongType(&'static str),
    /// `dialect` is absent.
    DialectMissing,
    /// `dialect` names no dialect this app speaks.
    DialectUnknown(String),
    /// `api_base` is neither empty, nor https, nor http to this machine.
    ApiBaseInvalid,
}

const DEFAULT_ISSUER: &str = "Account";

/// `config.json` as written. Every field is read loosely, so that a value of the wrong type can
/// be named instead of failing the whole file: `null` (or an empty list) reads as absent.
#[derive(Deserialize)]
struct RawConfig {
    #[serde(default)]
    dialect: Loose<IgnoredAny>,
    #[serde(default)]
    api_base: Loose<IgnoredAny>,
    #[serde(default)]
    api_key: Loose<IgnoredAny>,
    #[serde(default)]
    issuer: Loose<IgnoredAny>,
    #[serde(default)]
    locale: Loose<IgnoredAny>,
    #[serde(default)]
    timeout_ms: Loose<IgnoredAny>,
}

/// A text field: absent, or text (trimmed, blank read as absent); any other value names the field.
fn text(value: Loose<IgnoredAny>, field: &'static str) -> Result<Option<String>, ConfigError> {
    match value {
        Loose::Absent => Ok(None),
        Loose::Text(_) => Ok(value.text()),
        _ => Err(ConfigError::WrongType(field)),
    }
}

/// Reads the JSON object into its fields, each of the type it should have.
fn read(text_of_file: &str) -> Result<Fields, ConfigError> {
    let trimmed = text_of_file.trim_start_matches(JSON_SPACE);
    if !trimmed.starts_with('{') {
        return Err(ConfigError::NotAnObject);
    }
    let raw = from_json::<RawConfig>(text_of_file).map_err(|_| ConfigError::NotAnObject)?;
    let timeout_ms = match raw.timeout_ms {
        Loose::Absent => None,
        Loose::Count(ms) => Some(ms),
        _ => return Err(ConfigError::WrongType("timeout_ms")),
    };
    Ok(Fields {
        dialect: text(raw.dialect, "dialect")?,
        api_base: text(raw.api_base, "api_base")?,
        api_key: text(raw.api_key, "api_key")?,
        issuer: text(raw.issuer, "issuer")?,
        locale: text(raw.locale, "locale")?,
        timeout_ms,
    })
}

/// The fields of `config.json`, each of its type; absent where the file leaves it out.
struct Fields {
    dialect: Option<String>,
    api_base: Option<String>,
    api_key: Option<String>,
    issuer: Option<String>,
    locale: Option<String>,
    timeout_ms: Option<u64>,
}

/// Whether `url` is plain `http://` to this machine (`localhost`, `127.x.x.x`, `[::1]`): the
/// token and codes travel in clear text over plain HTTP, so only a loopback API may use it.
fn is_loopback_http(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match authority.strip_prefix('[').and_then(|v6| v6.split_once(']')) {
        Some((v6, port)) if port.is_empty() || port.starts_with(':') => v6,
        Some(_) => return false,
        None => authority.split(':').next().unwrap_or_default(),
    };
    host.eq_ignore_ascii_case("localhost")
        || host == "::1"
        || host
            .strip_prefix("127.")
            .is_some_and(|tail| tail.split('.').count() == 3 && tail.split('.').all(|p| p.parse::<u8>().is_ok()))
}

/// Parses and checks the text of `config.json`.
pub fn parse_config(text: &str) -> Result<Config, ConfigError> {
    let raw = read(text)?;
    let dialect = match raw.dialect.as_deref() {
        Some("cg") => Dialect::Cg,
        Some("b2core") => Dialect::B2Core,
        Some(other) => return Err(ConfigError::DialectUnknown(other.chars().take(40).collect())),
        None => return Err(ConfigError::DialectMissing),
    };
    let api_base = raw.api_base.unwrap_or_default().trim_end_matches('/').to_string();
    if !(api_base.is_empty() || api_base.starts_with("https://") || is_loopback_http(&api_base)) {
        return Err(ConfigError::ApiBaseInvalid);
    }
    Ok(Config {
        dialect,
        api_base,
        api_key: raw.api_key,
        issuer: raw.issuer.unwrap_or_else(|| DEFAULT_ISSUER.to_string()),
        locale: raw.locale,
        timeout: raw.timeout_ms.map_or(DEFAULT_TIMEOUT, |ms| {
            Duration::from_millis(ms.clamp(TIMEOUT_BOUNDS_MS.0, TIMEOUT_BOUNDS_MS.1))
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_contract_example() {
        let cfg = parse_config(
            r#"{ "dialect": "cg", "api_base": "https://api.example.com/", "api_key": "public-client-key",
                 "issuer": "Example", "locale": "en" }"#,
        )
        .expect("valid config");
        assert_eq!(cfg.dialect, Dialect::Cg);
        assert_eq!(cfg.api_base, "https://api.example.com");
        assert_eq!(cfg.api_key.as_deref(), Some("public-client-key"));
        assert_eq!(cfg.issuer, "Example");
        assert_eq!(cfg.locale.as_deref(), Some("en"));
    }

    #[test]
    fn optional_fields_default() {
        let cfg = parse_config(r#"{"dialect":"b2core","api_base":"","locale":null,"extra":1}"#).expect("valid config");
        assert_eq!(cfg.dialect, Dialect::B2Core);
        assert_eq!(cfg.api_base, "");
        assert_eq!(cfg.api_key, None);
        assert_eq!(cfg.issuer, DEFAULT_ISSUER);
        assert_eq!(cfg.locale, None);
    }

    #[test]
    fn rejects_unknown_dialect_and_bad_base() {
        assert!(matches!(
            parse_config(r#"{"dialect":"soap"}"#),
            Err(ConfigError::DialectUnknown(m)) if m == "soap"
        ));
        assert!(matches!(
            parse_config(r#"{"api_base":""}"#),
            Err(ConfigError::DialectMissing)
        ));
        assert!(matches!(
            parse_config(r#"{"dialect":"cg","api_base":"javascript:alert(1)"}"#),
            Err(ConfigError::ApiBaseInvalid)
        ));
    }

    #[test]
    fn time_out_defaults_and_is_kept_within_bounds() {
        let timeout = |text: &str| parse_config(text).map(|c| c.timeout);
        assert_eq!(timeout(r#"{"dialect":"cg"}"#), Ok(DEFAULT_TIMEOUT));
        assert_eq!(
            timeout(r#"{"dialect":"cg","timeout_ms":2500}"#),
            Ok(Duration::from_millis(2500))
        );
        assert_eq!(
            timeout(r#"{"dialect":"cg","timeout_ms":0}"#),
            Ok(Duration::from_secs(1))
        );
        assert_eq!(
            timeout(r#"{"dialect":"cg","timeout_ms":99999999999}"#),
            Ok(Duration::from_secs(60))
        );
        for bad in [r#""5000""#, "-1", "1.5", "null"] {
            let text = format!(r#"{{"dialect":"cg","timeout_ms":{bad}}}"#);
            if bad == "null" {
                assert_eq!(timeout(&text), Ok(DEFAULT_TIMEOUT));
            } else {
                assert_eq!(timeout(&text), Err(ConfigError::WrongType("timeout_ms")), "{text}");
            }
        }
    }

    #[test]
    fn plain_http_only_to_this_machine() {
        let api_base =
            |url: &str| parse_config(&format!(r#"{{"dialect":"cg","api_base":"{url}"}}"#)).map(|c| c.api_base);
        for ok in [
            "http://localhost:8080",
            "http://127.0.0.1:8080/",
            "http://[::1]:9000",
            "http://LOCALHOST",
        ] {
            assert!(api_base(ok).is_ok(), "{ok}");
        }
        for refused in [
            "http://api.example.com",
            "http://127.0.0.1.evil.example",
            "http://localhost.evil.example",
            "http://evil.example/127.0.0.1",
            "http://[::1].evil.example",
            "http://10.0.0.1:8080",
        ] {
            assert_eq!(api_base(refused), Err(ConfigError::ApiBaseInvalid), "{refused}");
        }
        assert_eq!(
            api_base("https://api.example.com"),
            Ok("https://api.example.com".to_string())
        );
    }

    #[test]
    fn rejects_non_objects_and_html() {
        for text in ["", "[]", "<!doctype html><p>Not found</p>", "{\"dialect\":"] {
            assert_eq!(parse_config(text), Err(ConfigError::NotAnObject), "{text}");
        }
        assert_eq!(parse_config("{\"dialect\": 3}"), Err(ConfigError::WrongType("dialect")));
    }

    #[test]
    fn a_wrong_type_names_its_field() {
        let error = parse_config(r#"{"dialect":"cg","issuer":["Example"]}"#).expect_err("a list is not a name");
        assert_eq!(error, ConfigError::WrongType("issuer"));
        for (text, field) in [
            (r#"{"dialect":"cg","locale":{"tag":"de"}}"#, "locale"),
            (r#"{"dialect":"cg","api_key":7}"#, "api_key"),
            (r#"{"dialect":"cg","timeout_ms":true}"#, "timeout_ms"),
            (r#"{"dialect":false}"#, "dialect"),
        ] {
            assert_eq!(parse_config(text), Err(ConfigError::WrongType(field)), "{text}");
        }
        // A list is not a configuration, even one whose items would fill the fields in order.
        assert_eq!(parse_config(r#"["cg"]"#), Err(ConfigError::NotAnObject));
    }
}
