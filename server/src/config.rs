//! Command-line options (clap) with environment-variable fallbacks, checked before the server
//! starts.

use std::ffi::OsString;
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::builder::BoolishValueParser;
use clap::{ArgAction, Parser, ValueEnum};

/// Which API dialect the demo app speaks (`config.json` in development mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
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
    /// The origin the app is served from, to which texted codes are bound (WebOTP); `None`: this
    /// server's own address.
    pub public_origin: Option<String>,
    /// Requests to the routes that take a password or a code one address may send at once
    /// before it waits (see `crate::limits`).
    pub sign_in_burst: u32,
    /// How long connections may take and how many may be open (see `crate::serve`).
    pub connections: Connections,
}

/// Limits of the connections, so that slow or silent clients cannot hold the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Connections {
    /// A request head must arrive in full within this time of the server waiting for it (on a
    /// new connection, or between the requests of a kept-alive one).
    pub header_read_timeout: Duration,
    /// A connection on which nothing is read or written for this long is closed (a body that
    /// stops coming, a client that stops reading).
    pub idle_timeout: Duration,
    /// Connections open at once; further ones wait in the listen queue.
    pub max_connections: usize,
}

impl Default for Connections {
    fn default() -> Self {
        Connections {
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            max_connections: 512,
        }
    }
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
            public_origin: None,
            // The tests sign in from one address many times a second.
            sign_in_burst: 1_000,
            connections: Connections::default(),
        }
    }
}

impl Config {
    /// The host of the origin the app is served from (no scheme, no port), as the last line of a
    /// texted code names it.
    pub fn public_origin_host(&self) -> String {
        match &self.public_origin {
            Some(origin) => {
                let authority = origin.split("://").nth(1).unwrap_or(origin);
                match authority.rsplit_once(':') {
                    // `[::1]:8080`, `host:8080`; not the colons inside an IPv6 address.
                    Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host.to_string(),
                    _ => authority.to_string(),
                }
            }
            None => match self.bind.ip() {
                std::net::IpAddr::V4(ip) => ip.to_string(),
                std::net::IpAddr::V6(ip) => format!("[{ip}]"),
            },
        }
    }
}

/// The command line; every option also reads the environment variable named in its help.
#[derive(Parser, Debug)]
#[command(
    name = "mfa-server",
    version,
    about = "Reference API server of the security settings app (CG and B2Core dialects, SQLite)"
)]
struct Cli {
    /// Address to listen on (HOST:PORT).
    #[arg(long, env = "MFA_BIND", value_name = "ADDR", default_value = "127.0.0.1:8080", value_parser = socket_address)]
    bind: SocketAddr,
    /// SQLite database file, created if missing.
    #[arg(long, env = "MFA_DB", value_name = "PATH", default_value = "var/mfa.sqlite3")]
    db: PathBuf,
    /// Keys that seal stored secrets, created if missing; keep it apart from the database's
    /// backups [default: the --db path with .key].
    #[arg(long, env = "MFA_KEY_FILE", value_name = "PATH")]
    key_file: Option<PathBuf>,
    /// Directory of the built app (e.g. dist) to serve.
    #[arg(long, env = "MFA_STATIC_DIR", value_name = "DIR")]
    static_dir: Option<PathBuf>,
    /// Dialect announced by the development config.json.
    #[arg(long, env = "MFA_DIALECT", value_enum, default_value_t = Dialect::Cg)]
    dialect: Dialect,
    /// Development mode: /config.json, /__dev/outbox, /__dev/users; loopback addresses only.
    #[arg(long, env = "MFA_DEV", value_parser = BoolishValueParser::new(), action = ArgAction::SetTrue)]
    dev: bool,
    /// Allowed cross-origin caller, repeatable (comma-separated in the environment).
    #[arg(
        long = "cors-origin",
        env = "MFA_CORS_ORIGINS",
        value_name = "ORIGIN",
        value_delimiter = ',',
        value_parser = origin
    )]
    cors_origins: Vec<String>,
    /// Create demo@example.com / demo-password if missing.
    #[arg(long, env = "MFA_SEED_DEMO", value_parser = BoolishValueParser::new(), action = ArgAction::SetTrue)]
    seed_demo: bool,
    /// Name shown in authenticator apps.
    #[arg(long, env = "MFA_ISSUER", value_name = "NAME", default_value = "Example Bank")]
    issuer: String,
    /// Development mode only: requests one address may send at once to the routes that take a
    /// password or a code [default: 30]. A test rig that drives many journeys from one address
    /// raises it.
    #[arg(long, env = "MFA_PER_ADDRESS_BURST", value_name = "N")]
    per_address_burst: Option<u32>,
    /// Origin the app's pages are served from (a CDN's); texted codes are bound to its host
    /// (WebOTP) [default: this server's address].
    #[arg(long, env = "MFA_PUBLIC_ORIGIN", value_name = "ORIGIN", value_parser = origin)]
    public_origin: Option<String>,
}

/// `HOST:PORT`, with a host name such as `localhost` resolved.
fn socket_address(text: &str) -> Result<SocketAddr, String> {
    use std::net::ToSocketAddrs;
    text.parse()
        .ok()
        .or_else(|| text.to_socket_addrs().ok()?.next())
        .ok_or_else(|| "expected HOST:PORT such as 127.0.0.1:8080".to_string())
}

/// A CORS origin: scheme, host and optional port, nothing else (it goes into a header).
fn origin(text: &str) -> Result<String, String> {
    let origin = text.trim();
    let ok = (origin.starts_with("http://") || origin.starts_with("https://"))
        && !origin.trim_end_matches('/').contains(['?', '#', ' ', ';', '\''])
        && origin
            .split("://")
            .nth(1)
            .is_some_and(|h| !h.is_empty() && !h.contains('/'));
    if ok {
        Ok(origin.to_string())
    } else {
        Err("expected an origin such as http://localhost:8081 (scheme, host, optional port, no path)".into())
    }
}

/// A problem with the command line, shown to the person starting the server.
#[derive(Debug)]
pub enum ConfigError {
    /// What clap reports: help or version asked for, an unknown option, a missing or bad value.
    Cli(clap::Error),
    /// Options that are valid alone but not together.
    Invalid {
        flag: &'static str,
        value: String,
        why: &'static str,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Cli(e) => e.fmt(f),
            ConfigError::Invalid { flag, value, why } => {
                write!(f, "invalid value `{value}` for `{flag}`: {why}")
            }
        }
    }
}

/// Parses the options (without the program name); environment variables fill in what the
/// command line leaves out.
pub fn parse<I, T>(args: I) -> Result<Config, ConfigError>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let argv = std::iter::once(OsString::from("mfa-server")).chain(args.into_iter().map(Into::into));
    let cli = Cli::try_parse_from(argv).map_err(ConfigError::Cli)?;
    // Development mode shows every sent code and lets anyone create users: never beyond this
    // machine.
    if cli.dev && !cli.bind.ip().is_loopback() {
        return Err(ConfigError::Invalid {
            flag: "--bind",
            value: cli.bind.to_string(),
            why: "development mode (--dev) shows every code sent and creates users, so it listens on a \
                  loopback address only (127.0.0.1, [::1] or localhost)",
        });
    }
    // Outside development the limit is the one every deployment gets.
    if let (false, Some(burst)) = (cli.dev, cli.per_address_burst) {
        return Err(ConfigError::Invalid {
            flag: "--per-address-burst",
            value: burst.to_string(),
            why: "the per-address limit is changed in development mode (--dev) only",
        });
    }
    Ok(Config {
        bind: cli.bind,
        key_file: cli.key_file.unwrap_or_else(|| cli.db.with_extension("key")),
        db: cli.db,
        static_dir: cli.static_dir,
        dialect: cli.dialect,
        dev: cli.dev,
        cors_origins: cli.cors_origins,
        seed_demo: cli.seed_demo,
        issuer: cli.issuer,
        public_origin: cli.public_origin,
        sign_in_burst: cli.per_address_burst.unwrap_or(crate::limits::SIGN_IN_BURST),
        connections: Connections::default(),
    })
}

#[cfg(test)]
mod tests {
    use clap::error::ErrorKind;
    use clap::CommandFactory;

    use super::*;

    fn kind(result: Result<Config, ConfigError>) -> Option<ErrorKind> {
        match result {
            Err(ConfigError::Cli(e)) => Some(e.kind()),
            _ => None,
        }
    }

    #[test]
    fn defaults_and_flags() {
        let c = parse::<_, &str>([]).unwrap();
        assert_eq!(c.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(c.dialect, Dialect::Cg);
        assert!(!c.dev);
        assert_eq!(c.key_file, PathBuf::from("var/mfa.key"));
        let c = parse([
            "--bind=127.0.0.1:9000",
            "--dialect",
            "b2core",
            "--dev",
            "--cors-origin",
            "http://localhost:8081",
            "--cors-origin=https://a.example",
        ])
        .unwrap();
        assert_eq!(c.bind.port(), 9000);
        assert_eq!(c.dialect, Dialect::B2core);
        assert!(c.dev);
        assert_eq!(c.cors_origins.len(), 2);
        let c = parse(["--bind", "localhost:0"]).unwrap();
        assert!(c.bind.ip().is_loopback());
    }

    #[test]
    fn the_per_address_burst_changes_in_development_mode_only() {
        assert_eq!(
            parse::<_, &str>([]).unwrap().sign_in_burst,
            crate::limits::SIGN_IN_BURST
        );
        let c = parse(["--dev", "--per-address-burst", "1000"]).unwrap();
        assert_eq!(c.sign_in_burst, 1000);
        assert!(matches!(
            parse(["--per-address-burst", "1000"]),
            Err(ConfigError::Invalid {
                flag: "--per-address-burst",
                ..
            })
        ));
    }

    #[test]
    fn texted_codes_name_the_host_of_the_public_origin() {
        let host = |args: &[&str]| parse(args.iter().copied()).unwrap().public_origin_host();
        assert_eq!(host(&[]), "127.0.0.1", "this server's own address by default");
        assert_eq!(host(&["--bind", "[::1]:9000"]), "[::1]");
        assert_eq!(host(&["--public-origin", "https://bank.example"]), "bank.example");
        assert_eq!(host(&["--public-origin", "https://bank.example:8443"]), "bank.example");
        assert_eq!(host(&["--public-origin", "http://[::1]:8080"]), "[::1]");
        assert_eq!(
            kind(parse(["--public-origin", "bank.example"])),
            Some(ErrorKind::ValueValidation)
        );
    }

    #[test]
    fn the_command_is_consistent_and_help_is_not_an_error_of_the_user() {
        Cli::command().debug_assert();
        assert_eq!(kind(parse(["--help"])), Some(ErrorKind::DisplayHelp));
    }

    #[test]
    fn environment_variables_fill_in() {
        // Read from this process's environment: only names no other test sets.
        std::env::set_var("MFA_CORS_ORIGINS", "http://a.test, http://b.test:81");
        std::env::set_var("MFA_SEED_DEMO", "yes");
        let c = parse::<_, &str>([]);
        std::env::remove_var("MFA_CORS_ORIGINS");
        std::env::remove_var("MFA_SEED_DEMO");
        let c = c.unwrap();
        assert_eq!(c.cors_origins, vec!["http://a.test", "http://b.test:81"]);
        assert!(c.seed_demo);
    }

    #[test]
    fn bad_flags_are_reported() {
        assert_eq!(kind(parse(["--nope"])), Some(ErrorKind::UnknownArgument));
        assert_eq!(kind(parse(["--bind"])), Some(ErrorKind::InvalidValue));
        assert_eq!(kind(parse(["--dialect", "x"])), Some(ErrorKind::InvalidValue));
        assert_eq!(
            kind(parse(["--cors-origin", "localhost"])),
            Some(ErrorKind::ValueValidation)
        );
        assert_eq!(kind(parse(["--bind", "nope"])), Some(ErrorKind::ValueValidation));
    }
}
