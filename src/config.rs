//! Runtime configuration read from `config.json`: the backend dialect, its address and key, and
//! how the account is labelled. Parsing is pure so a bad file gets a precise message.

use serde::Deserialize;
use std::fmt;
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
    /// The file is not the JSON object we expect.
    Malformed(String),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::i18n::{t, tf, Key};
        match self {
            ConfigError::Unavailable(0) => f.write_str(t(Key::ConfigUnavailableNetwork)),
            ConfigError::Unavailable(status) => f.write_str(&tf(Key::ConfigUnavailableStatus, &[&status.to_string()])),
            ConfigError::Malformed(why) => f.write_str(&tf(Key::ConfigMalformed, &[why])),
        }
    }
}

#[derive(Deserialize)]
struct RawConfig {
    dialect: Option<String>,
    api_base: Option<String>,
    api_key: Option<String>,
    issuer: Option<String>,
    locale: Option<String>,
    timeout_ms: Option<u64>,
}

const DEFAULT_ISSUER: &str = "Account";

/// Parses and checks the text of `config.json`.
pub fn parse_config(text: &str) -> Result<Config, ConfigError> {
    crate::api::limits::check(text).map_err(|e| ConfigError::Malformed(format!("expected a JSON object ({e})")))?;
    let raw: RawConfig =
        serde_json::from_str(text).map_err(|e| ConfigError::Malformed(format!("expected a JSON object ({e})")))?;
    let dialect = match raw.dialect.as_deref().map(str::trim) {
        Some("cg") => Dialect::Cg,
        Some("b2core") => Dialect::B2Core,
        Some(other) => {
            return Err(ConfigError::Malformed(format!(
                "\"dialect\" must be \"cg\" or \"b2core\", not \"{other}\""
            )))
        }
        None => return Err(ConfigError::Malformed("\"dialect\" is missing".into())),
    };
    let api_base = raw
        .api_base
        .unwrap_or_default()
        .trim()
        .trim_end_matches('/')
        .to_string();
    if !(api_base.is_empty() || api_base.starts_with("https://") || api_base.starts_with("http://")) {
        return Err(ConfigError::Malformed(
            "\"api_base\" must be empty (same origin) or an http(s) URL".into(),
        ));
    }
    let non_empty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Ok(Config {
        dialect,
        api_base,
        api_key: non_empty(raw.api_key),
        issuer: non_empty(raw.issuer).unwrap_or_else(|| DEFAULT_ISSUER.to_string()),
        locale: non_empty(raw.locale),
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
            Err(ConfigError::Malformed(m)) if m.contains("soap")
        ));
        assert!(matches!(
            parse_config(r#"{"api_base":""}"#),
            Err(ConfigError::Malformed(m)) if m.contains("missing")
        ));
        assert!(matches!(
            parse_config(r#"{"dialect":"cg","api_base":"javascript:alert(1)"}"#),
            Err(ConfigError::Malformed(m)) if m.contains("api_base")
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
                assert!(matches!(timeout(&text), Err(ConfigError::Malformed(_))), "{text}");
            }
        }
    }

    #[test]
    fn rejects_non_objects_and_html() {
        for text in ["", "[]", "<!doctype html><p>Not found</p>", "{\"dialect\": 3}"] {
            assert!(matches!(parse_config(text), Err(ConfigError::Malformed(_))), "{text}");
        }
    }
}
