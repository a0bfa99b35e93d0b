//! Start-up settings that would expose the server: development mode on a public address.

use mfa_server::config::{parse, ConfigError};

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn dev_mode_refuses_an_address_that_is_not_loopback() {
    for bind in ["0.0.0.0:8080", "[::]:8080", "192.168.1.20:8080"] {
        match parse(args(&["--dev", "--bind", bind]), |_| None) {
            Err(e @ ConfigError::Invalid { .. }) => {
                let message = e.to_string();
                assert!(message.contains("loopback"), "{message}");
            }
            other => panic!("--dev with {bind} must be refused, got {other:?}"),
        }
    }
    // The same through the environment.
    let env = |k: &str| match k {
        "MFA_DEV" => Some("1".to_string()),
        "MFA_BIND" => Some("0.0.0.0:8080".to_string()),
        _ => None,
    };
    assert!(parse(args(&[]), env).is_err());
    for bind in ["127.0.0.1:8080", "[::1]:8080", "localhost:0"] {
        assert!(parse(args(&["--dev", "--bind", bind]), |_| None).is_ok(), "{bind}");
    }
    assert!(
        parse(args(&["--bind", "0.0.0.0:8080"]), |_| None).is_ok(),
        "without --dev any address"
    );
}
