//! Command-line flags with environment-variable fallbacks, checked before the server starts.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Which API dialect the demo app speaks (`config.json` in development mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Cg,
    B2core,
}

impl Dialect {
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Cg => "cg",
            Dialect::B2core => "b2core",
        }
    }
}

/// Everything the server needs to start.
#[derive(Clone, Debug)]
pub struct Config {
    pub bind: SocketAddr,
    pub db: PathBuf,
    /// The file of the keys that seal and hash stored secrets (see `crate::keys`).
    pub key_file: PathBuf,
    pub static_dir: Option<PathBuf>,
    pub dialect: Dialect,
    pub dev: bool,
    pub cors_origins: Vec<String>,
    pub seed_demo: bool,
    /// Name shown in authenticator apps.
    pub issuer: String,
    /// Sign-in requests one address may send at once before it waits (see `crate::limits`).
    pub sign_in_burst: u32,
}

impl Config {
    /// Defaults for tests: ephemeral port, the given database, development mode on.
    pub fn for_tests(db: PathBuf) -> Self {
        Config {
            bind: "127.0.0.1:0".parse().expect("valid address"),
            key_file: db.with_extension("key"),
            db,
            static_dir: None,
            dialect: Dialect::Cg,
            dev: true,
            cors_origins: Vec::new(),
            seed_demo: false,
            issuer: "Example Bank".into(),
            // The tests sign in from one address many times a second.
            sign_in_burst: 1_000,
        }
    }
}

/// A problem with the flags, shown to the person starting the server.
#[derive(Debug, PartialEq, Eq)]
pub enum ConfigError {
    Help,
    Unknown(String),
    MissingValue(&'static str),
    Invalid {
        flag: &'static str,
        value: String,
        why: &'static str,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Help => f.write_str(USAGE),
            ConfigError::Unknown(flag) => write!(f, "unknown flag `{flag}`\n\n{USAGE}"),
            ConfigError::MissingValue(flag) => write!(f, "flag `{flag}` needs a value"),
            ConfigError::Invalid { flag, value, why } => {
                write!(f, "invalid value `{value}` for `{flag}`: {why}")
            }
        }
    }
}

pub const USAGE: &str = "\
Usage: mfa-server [OPTIONS]

Options (environment variable in brackets):
  --bind <ADDR>          address to listen on [MFA_BIND] (default 127.0.0.1:8080)
  --db <PATH>            SQLite database file, created if missing [MFA_DB] (default var/mfa.sqlite3)
  --key-file <PATH>      keys that seal stored secrets, created if missing; keep it apart from
                         the database's backups [MFA_KEY_FILE] (default: the --db path with .key)
  --static-dir <DIR>     directory of the built app (e.g. dist) to serve [MFA_STATIC_DIR]
  --dialect <cg|b2core>  dialect announced by the development config.json [MFA_DIALECT] (default cg)
  --dev                  development mode: /config.json, /__dev/outbox, /__dev/users [MFA_DEV=1]
  --cors-origin <ORIGIN> allowed cross-origin caller, repeatable [MFA_CORS_ORIGINS, comma-separated]
  --seed-demo            create demo@example.com / demo-password if missing [MFA_SEED_DEMO=1]
  --issuer <NAME>        name shown in authenticator apps [MFA_ISSUER] (default Example Bank)
  -h, --help             print this help";

fn truthy(v: &str) -> bool {
    matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "on")
}

/// Parses flags (without the program name); `env` looks up fallbacks.
pub fn parse(
    args: impl IntoIterator<Item = String>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Config, ConfigError> {
    let mut bind = env("MFA_BIND");
    let mut db = env("MFA_DB");
    let mut key_file = env("MFA_KEY_FILE");
    let mut static_dir = env("MFA_STATIC_DIR").filter(|s| !s.is_empty());
    let mut dialect = env("MFA_DIALECT");
    let mut dev = env("MFA_DEV").is_some_and(|v| truthy(&v));
    let mut seed_demo = env("MFA_SEED_DEMO").is_some_and(|v| truthy(&v));
    let mut issuer = env("MFA_ISSUER");
    let mut cors_flags: Vec<String> = Vec::new();

    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |flag: &'static str| -> Result<String, ConfigError> {
            match inline.clone().or_else(|| args.next()) {
                Some(v) if !v.is_empty() => Ok(v),
                _ => Err(ConfigError::MissingValue(flag)),
            }
        };
        match name.as_str() {
            "-h" | "--help" => return Err(ConfigError::Help),
            "--bind" => bind = Some(value("--bind")?),
            "--db" => db = Some(value("--db")?),
            "--key-file" => key_file = Some(value("--key-file")?),
            "--static-dir" => static_dir = Some(value("--static-dir")?),
            "--dialect" => dialect = Some(value("--dialect")?),
            "--cors-origin" => cors_flags.push(value("--cors-origin")?),
            "--issuer" => issuer = Some(value("--issuer")?),
            "--dev" => dev = true,
            "--seed-demo" => seed_demo = true,
            other => return Err(ConfigError::Unknown(other.to_string())),
        }
    }

    let bind_text = bind.unwrap_or_else(|| "127.0.0.1:8080".into());
    let bind = bind_text
        .parse()
        .ok()
        .or_else(|| {
            use std::net::ToSocketAddrs;
            bind_text.to_socket_addrs().ok()?.next()
        })
        .ok_or_else(|| ConfigError::Invalid {
            flag: "--bind",
            value: bind_text.clone(),
            why: "expected HOST:PORT such as 127.0.0.1:8080",
        })?;
    // Development mode shows every sent code and lets anyone create users: never beyond this
    // machine.
    if dev && !bind.ip().is_loopback() {
        return Err(ConfigError::Invalid {
            flag: "--bind",
            value: bind_text,
            why: "development mode (--dev) shows every code sent and creates users, so it listens on a \
                  loopback address only (127.0.0.1, [::1] or localhost)",
        });
    }
    let dialect = match dialect.as_deref().unwrap_or("cg") {
        "cg" => Dialect::Cg,
        "b2core" => Dialect::B2core,
        other => {
            return Err(ConfigError::Invalid {
                flag: "--dialect",
                value: other.into(),
                why: "expected cg or b2core",
            })
        }
    };
    let cors_origins = if cors_flags.is_empty() {
        env("MFA_CORS_ORIGINS")
            .map(|v| {
                v.split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    } else {
        cors_flags
    };
    for origin in &cors_origins {
        let ok = (origin.starts_with("http://") || origin.starts_with("https://"))
            && !origin.trim_end_matches('/').contains(['?', '#', ' ', ';', '\''])
            && origin
                .split("://")
                .nth(1)
                .is_some_and(|h| !h.is_empty() && !h.contains('/'));
        if !ok {
            return Err(ConfigError::Invalid {
                flag: "--cors-origin",
                value: origin.clone(),
                why: "expected an origin such as http://localhost:8081 (scheme, host, optional port, no path)",
            });
        }
    }
    let db_path = PathBuf::from(db.unwrap_or_else(|| "var/mfa.sqlite3".into()));
    Ok(Config {
        bind,
        key_file: key_file.map_or_else(|| db_path.with_extension("key"), PathBuf::from),
        db: db_path,
        static_dir: static_dir.map(PathBuf::from),
        dialect,
        dev,
        cors_origins,
        seed_demo,
        issuer: issuer.unwrap_or_else(|| "Example Bank".into()),
        sign_in_burst: crate::limits::SIGN_IN_BURST,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn defaults_and_flags() {
        let c = parse(args(&[]), |_| None).unwrap();
        assert_eq!(c.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(c.dialect, Dialect::Cg);
        assert!(!c.dev);
        let c = parse(
            args(&[
                "--bind=127.0.0.1:9000",
                "--dialect",
                "b2core",
                "--dev",
                "--cors-origin",
                "http://localhost:8081",
                "--cors-origin=https://a.example",
            ]),
            |_| None,
        )
        .unwrap();
        assert_eq!(c.bind.port(), 9000);
        assert_eq!(c.dialect, Dialect::B2core);
        assert!(c.dev);
        assert_eq!(c.cors_origins.len(), 2);
        let c = parse(args(&["--bind", "localhost:0"]), |_| None).unwrap();
        assert!(c.bind.ip().is_loopback());
    }

    #[test]
    fn env_fallbacks() {
        let c = parse(args(&[]), |k| match k {
            "MFA_DEV" => Some("1".into()),
            "MFA_CORS_ORIGINS" => Some("http://a.test, http://b.test:81".into()),
            _ => None,
        })
        .unwrap();
        assert!(c.dev);
        assert_eq!(c.cors_origins, vec!["http://a.test", "http://b.test:81"]);
    }

    #[test]
    fn bad_flags_are_reported() {
        assert!(matches!(
            parse(args(&["--nope"]), |_| None),
            Err(ConfigError::Unknown(_))
        ));
        assert!(matches!(
            parse(args(&["--bind"]), |_| None),
            Err(ConfigError::MissingValue(_))
        ));
        assert!(matches!(
            parse(args(&["--dialect", "x"]), |_| None),
            Err(ConfigError::Invalid { .. })
        ));
        assert!(matches!(
            parse(args(&["--cors-origin", "localhost"]), |_| None),
            Err(ConfigError::Invalid { .. })
        ));
        assert!(matches!(
            parse(args(&["--bind", "nope"]), |_| None),
            Err(ConfigError::Invalid { .. })
        ));
    }
}
