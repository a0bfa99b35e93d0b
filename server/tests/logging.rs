//! Request logs carry method, path, status and latency, and never a query string, a code, a
//! password or a token.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::TestServer;
use reqwest::Method;
use serde_json::json;

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn logs_hold_no_secrets() {
    let buffer = Buffer::default();
    let writer = buffer.clone();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("trace"))
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();

    let s = TestServer::start().await;
    s.create_user("log@example.com", "secret-password-123").await;
    let token = s.sign_in("log@example.com", "secret-password-123").await;
    let (status, body) = s
        .call(Method::PUT, "/v2/user/mfa/enable?method=totp", Some(&token), None)
        .await;
    assert_eq!(status, 200);
    let secret = body["otp_secret"].as_str().unwrap().to_string();
    let (status, _) = s
        .call(
            Method::PUT,
            "/v2/user/mfa/verify_installation?method=totp&otp_attempt=314159",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, 422);
    let (status, _) = s
        .put(
            "/v2/user/mfa/enable",
            &token,
            json!({ "method": "sms", "phone_number": "+12025550143" }),
        )
        .await;
    assert_eq!(status, 200);
    let sms = s.last_code("+12025550143").await;

    let logs = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("path=/v2/user/mfa/verify_installation"), "{logs}");
    assert!(logs.contains("status=422"));
    assert!(logs.contains("latency_ms="));
    for secret_text in [
        "secret-password-123",
        token.as_str(),
        secret.as_str(),
        "314159",
        sms.as_str(),
        "otp_attempt",
        "method=totp",
    ] {
        assert!(!logs.contains(secret_text), "the log contains {secret_text}:\n{logs}");
    }
}
