//! Start-up settings that would expose the server: development mode on a public address.

use mfa_server::config::{parse, ConfigError};

#[test]
fn dev_mode_refuses_an_address_that_is_not_loopback() {
    for bind in ["0.0.0.0:8080", "[::]:8080", "192.168.1.20:8080"] {
        match parse(["--dev", "--bind", bind]) {
            Err(e @ ConfigError::Invalid { .. }) => {
                let message = e.to_string();
                assert!(message.contains("loopback"), "{message}");
            }
            other => panic!("--dev with {bind} must be refused, got {other:?}"),
        }
    }
    for bind in ["127.0.0.1:8080", "[::1]:8080", "localhost:0"] {
        assert!(parse(["--dev", "--bind", bind]).is_ok(), "{bind}");
    }
    assert!(parse(["--bind", "0.0.0.0:8080"]).is_ok(), "without --dev any address");
}

/// The same through the environment, read by the binary itself (a child process, so no other
/// test sees these variables).
#[test]
fn dev_mode_from_the_environment_refuses_an_address_that_is_not_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mfa-server"))
        .env("MFA_DEV", "1")
        .env("MFA_BIND", "0.0.0.0:8080")
        .env("MFA_DB", dir.path().join("db.sqlite3"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("loopback"), "{message}");
    assert!(
        !dir.path().join("db.sqlite3").exists(),
        "refused before anything starts"
    );
}

/// `--help` names every option with its environment variable.
#[test]
fn help_lists_every_option() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mfa-server"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for (option, variable) in [
        ("--bind", "MFA_BIND"),
        ("--db", "MFA_DB"),
        ("--key-file", "MFA_KEY_FILE"),
        ("--static-dir", "MFA_STATIC_DIR"),
        ("--dialect", "MFA_DIALECT"),
        ("--dev", "MFA_DEV"),
        ("--cors-origin", "MFA_CORS_ORIGINS"),
        ("--seed-demo", "MFA_SEED_DEMO"),
        ("--issuer", "MFA_ISSUER"),
    ] {
        assert!(
            help.contains(option) && help.contains(variable),
            "{option} {variable}:\n{help}"
        );
    }
}

/// The release profile of the workspace is the server's too: `panic = "abort"` there would end
/// the server at the first panic of any request. The app's wasm gets its abort from its build
/// environment (`RELEASE_ENV` in scripts/env.sh) instead.
#[test]
fn the_release_build_of_the_server_unwinds() {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml")).unwrap();
    let release = manifest
        .split("\n[")
        .find(|section| section.starts_with("profile.release]"))
        .expect("a release profile");
    assert!(
        !release.lines().any(|l| l.trim_start().starts_with("panic")),
        "{release}"
    );
}
