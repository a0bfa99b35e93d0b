//! Helpers shared by the integration tests: a server in a temporary directory and a client.
#![allow(dead_code)]

use std::path::PathBuf;

use mfa_server::{Config, RunningServer};
use reqwest::{Client, Method, Response};
use serde_json::{json, Value};

/// A running server with its own database in a temporary directory.
pub struct TestServer {
    pub server: Option<RunningServer>,
    pub dir: tempfile::TempDir,
    pub client: Client,
    pub base: String,
}

pub fn db_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("var").join("test.sqlite3")
}

impl TestServer {
    pub async fn start() -> TestServer {
        Self::start_with(|_| {}).await
    }

    pub async fn start_with(change: impl FnOnce(&mut Config)) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config::for_tests(db_path(&dir));
        change(&mut config);
        let server = mfa_server::start(config).await.expect("server starts");
        let base = server.url();
        TestServer {
            server: Some(server),
            dir,
            client: Client::new(),
            base,
        }
    }

    /// Stops the server and starts a new one on the same database.
    pub async fn restart(&mut self) {
        if let Some(s) = self.server.take() {
            s.stop().await;
        }
        let server = mfa_server::start(Config::for_tests(db_path(&self.dir)))
            .await
            .expect("server restarts");
        self.base = server.url();
        self.server = Some(server);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Sends a request with an optional bearer token and JSON body.
    pub async fn send(&self, method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> Response {
        let mut req = self.client.request(method, self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().await.expect("request sent")
    }

    /// Like [`send`] but returns status and JSON body (Null for an empty body).
    pub async fn call(&self, method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> (u16, Value) {
        let res = self.send(method, path, token, body).await;
        let status = res.status().as_u16();
        let text = res.text().await.expect("body");
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"))
        };
        (status, value)
    }

    /// Creates a user through the development endpoint.
    pub async fn create_user(&self, email: &str, password: &str) {
        let (status, body) = self
            .call(
                Method::POST,
                "/__dev/users",
                None,
                Some(json!({ "email": email, "password": password })),
            )
            .await;
        assert_eq!(status, 201, "{body}");
    }

    /// Creates a user and signs in without a second factor; returns the token.
    pub async fn user_with_token(&self, email: &str) -> String {
        self.create_user(email, "correct horse battery").await;
        self.sign_in(email, "correct horse battery").await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> String {
        let (status, body) = self.sign_in_with(json!({ "email": email, "password": password })).await;
        assert_eq!(status, 200, "{body}");
        body["token"].as_str().expect("token").to_string()
    }

    /// POSTs `body` to `/auth/sign_in` (a password, or a second factor with its session state).
    pub async fn sign_in_with(&self, body: Value) -> (u16, Value) {
        self.call(Method::POST, "/auth/sign_in", None, Some(body)).await
    }

    /// The newest code sent to a phone or email address.
    pub async fn last_code(&self, recipient: &str) -> String {
        let res = self
            .client
            .get(self.url("/__dev/outbox"))
            .query(&[("phone", recipient)])
            .send()
            .await
            .unwrap();
        let list: Value = res.json().await.unwrap();
        list[0]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("no code for {recipient}: {list}"))
            .to_string()
    }
}

/// Decodes a base32 secret and computes the TOTP code at `now + offset` seconds.
pub fn totp_code(secret_b32: &str, offset: i64) -> String {
    let secret = mfa_server::crypto::base32_decode(secret_b32).expect("base32");
    mfa_server::totp::code_at(&secret, mfa_server::clock::now() + offset)
}

/// Waits while the current TOTP step has fewer than `margin` seconds left, so that a test's
/// idea of "the current step" matches the server's.
pub async fn away_from_step_edge(margin: i64) {
    let into = mfa_server::clock::now().rem_euclid(30);
    if 30 - into < margin {
        tokio::time::sleep(std::time::Duration::from_secs((30 - into + 1) as u64)).await;
    }
}
