//! Helpers shared by the integration tests: a server in a temporary directory and a client.
#![allow(dead_code)]

use std::path::PathBuf;

use mfa_server::{Config, Dialect, RunningServer};
use reqwest::{Client, Method, Response};
use serde_json::{json, Value};

/// The phone number the CG tests use (E.164).
pub const CG_PHONE: &str = "+12025550143";
/// The phone number the B2Core tests use (E.164).
pub const B2_PHONE: &str = "+79994445561";

/// A running server with its own database in a temporary directory.
pub struct TestServer {
    pub server: Option<RunningServer>,
    pub config: Config,
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
        Self::start_with_routes(change, axum::Router::new()).await
    }

    /// A server with `extra` routes beside the API (behind the same layers).
    pub async fn start_with_routes(
        change: impl FnOnce(&mut Config),
        extra: axum::Router<mfa_server::AppState>,
    ) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config::for_tests(db_path(&dir));
        change(&mut config);
        let server = mfa_server::start_with(config.clone(), extra)
            .await
            .expect("server starts");
        let base = server.url();
        // The server closes a kept-alive connection that brings no new request head within its
        // header time-out; a client that keeps idle connections longer may send on one just as
        // it is closed (`IncompleteMessage`). Tests that wait for the next authenticator step
        // sit idle that long.
        let client = Client::builder()
            .pool_idle_timeout(config.connections.header_read_timeout / 2)
            .build()
            .expect("an HTTP client");
        TestServer {
            server: Some(server),
            config,
            dir,
            client,
            base,
        }
    }

    /// Stops the server and starts a new one on the same database.
    pub async fn restart(&mut self) {
        if let Some(s) = self.server.take() {
            s.stop().await;
        }
        let server = mfa_server::start(self.config.clone()).await.expect("server restarts");
        self.base = server.url();
        self.server = Some(server);
    }

    /// A server of the B2Core dialect.
    pub async fn b2core() -> TestServer {
        Self::start_with(|c| c.dialect = Dialect::B2core).await
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

    /// A signed-in GET (both dialects read this way).
    pub async fn get(&self, path: &str, token: &str) -> (u16, Value) {
        self.call(Method::GET, path, Some(token), None).await
    }

    /// A signed-in PUT with a JSON body: how the CG dialect changes settings.
    pub async fn put(&self, path: &str, token: &str, body: Value) -> (u16, Value) {
        self.call(Method::PUT, path, Some(token), Some(body)).await
    }

    /// A POST with a JSON body and no token: the sign-in steps of both dialects, and the
    /// development endpoints.
    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::POST, path, None, Some(body)).await
    }

    /// Creates a user through the development endpoint.
    pub async fn create_user(&self, email: &str, password: &str) {
        let (status, body) = self
            .post("/__dev/users", json!({ "email": email, "password": password }))
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
        self.post("/auth/sign_in", body).await
    }

    /// The messages sent to a phone or email address, newest first.
    pub async fn outbox(&self, recipient: &str) -> Vec<Value> {
        let res = self
            .client
            .get(self.url("/__dev/outbox"))
            .query(&[("phone", recipient)])
            .send()
            .await
            .unwrap();
        let list: Value = res.json().await.unwrap();
        list.as_array().cloned().unwrap_or_default()
    }

    /// The newest code sent to a phone or email address.
    pub async fn last_code(&self, recipient: &str) -> String {
        let list = self.outbox(recipient).await;
        list.iter()
            .find_map(|m| m["code"].as_str())
            .unwrap_or_else(|| panic!("no code for {recipient}: {list:?}"))
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

/// Runs `n` copies of `request` at once and returns their statuses.
pub async fn at_once<F, Fut>(n: usize, request: F) -> Vec<u16>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = u16> + Send + 'static,
{
    let tasks: Vec<_> = (0..n).map(|_| tokio::spawn(request())).collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.expect("request task"));
    }
    statuses
}

/// How many of `statuses` are `status`.
pub fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|&&s| s == status).count()
}

/// Every text value stored in the database file, table by table (what someone who copies the
/// file can read), but for the tables named in `skip`.
pub fn database_text(dir: &tempfile::TempDir, skip: &[&str]) -> String {
    let conn = rusqlite::Connection::open(db_path(dir)).expect("database opens");
    let mut tables = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap();
    let names: Vec<String> = tables
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = String::new();
    for name in names.iter().filter(|n| !skip.contains(&n.as_str())) {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{name}\"")).unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                if let Ok(rusqlite::types::ValueRef::Text(t)) = row.get_ref(i) {
                    out.push_str(&String::from_utf8_lossy(t));
                    out.push('\n');
                }
            }
        }
    }
    out
}

// ---- CG dialect ----

pub async fn start_totp(s: &TestServer, token: &str) -> String {
    let (status, body) = s
        .call(Method::PUT, "/v2/user/mfa/enable?method=totp", Some(token), None)
        .await;
    assert_eq!(status, 200, "{body}");
    body["otp_secret"].as_str().unwrap().to_string()
}

pub async fn verify(s: &TestServer, token: &str, method: &str, code: &str) -> (u16, Value) {
    s.put(
        "/v2/user/mfa/verify_installation",
        token,
        json!({ "method": method, "otp_attempt": code }),
    )
    .await
}

pub async fn disable(s: &TestServer, token: &str, method: &str, code: &str) -> (u16, Value) {
    s.put(
        "/v2/user/mfa/disable",
        token,
        json!({ "method": method, "otp_attempt": code }),
    )
    .await
}

/// A user with the authenticator app enabled (verified at the current step).
pub async fn totp_user(s: &TestServer, email: &str) -> (String, String) {
    let (token, secret, _) = totp_user_with_codes(s, email).await;
    (token, secret)
}

/// Like [`totp_user`], with the recovery codes the first method brought.
pub async fn totp_user_with_codes(s: &TestServer, email: &str) -> (String, String, Vec<String>) {
    away_from_step_edge(4).await;
    let token = s.user_with_token(email).await;
    let secret = start_totp(s, &token).await;
    let (status, body) = verify(s, &token, "totp", &totp_code(&secret, 0)).await;
    assert_eq!(status, 200, "{body}");
    let codes = recovery_codes(&body);
    (token, secret, codes)
}

/// The `recovery_codes` of a CG answer, as text.
pub fn recovery_codes(body: &Value) -> Vec<String> {
    body["recovery_codes"]
        .as_array()
        .expect("recovery codes")
        .iter()
        .map(|c| c.as_str().expect("a code is text").to_string())
        .collect()
}

/// A user with text messages enabled.
pub async fn sms_user(s: &TestServer, email: &str) -> String {
    let token = s.user_with_token(email).await;
    let (status, body) = start_sms(s, &token).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, json!({ "status": "queued" }));
    let code = s.last_code(CG_PHONE).await;
    let (status, body) = verify(s, &token, "sms", &code).await;
    assert_eq!(status, 200, "{body}");
    token
}

/// Asks for text messages to [`CG_PHONE`] (a code is sent to it).
pub async fn start_sms(s: &TestServer, token: &str) -> (u16, Value) {
    s.put(
        "/v2/user/mfa/enable",
        token,
        json!({ "method": "sms", "phone_number": "(202) 555-0143", "country_code": "+1" }),
    )
    .await
}

/// The second step of a CG sign-in: a code of `method` for the session `state`.
pub async fn second_factor(s: &TestServer, state: &str, method: &str, code: &str) -> (u16, Value) {
    s.sign_in_with(json!({ "otp_session_state": state, "otp_attempt": code, "method": method }))
        .await
}

/// Finishes a CG sign-in with a recovery code.
pub async fn recovery_sign_in(s: &TestServer, state: &str, code: &str) -> (u16, Value) {
    s.post(
        "/auth/sign_in_with_recovery_code",
        json!({ "otp_session_state": state, "recovery_code": code }),
    )
    .await
}

pub async fn me(s: &TestServer, token: &str) -> Value {
    let (status, body) = s.get("/v2/user/me", token).await;
    assert_eq!(status, 200);
    body
}

// ---- B2Core dialect ----

/// A password sign-in of a test user (B2Core).
pub async fn b2_sign_in(s: &TestServer, email: &str) -> Value {
    let (status, body) = s
        .post(
            "/api/v2/signin",
            json!({ "email": email, "password": "correct horse battery" }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    body
}

/// The second step of a B2Core sign-in: the code of `factor` (`google` or `sms`) for the
/// sign-in `uuid`.
pub async fn b2_second_factor(s: &TestServer, factor: &str, uuid: &str, code: &str) -> (u16, Value) {
    s.post(
        &format!("/api/v2/signin/2fa/{factor}"),
        json!({ "uuid": uuid, "code": code }),
    )
    .await
}

pub async fn b2_token(s: &TestServer, email: &str) -> String {
    s.create_user(email, "correct horse battery").await;
    b2_sign_in(s, email).await["token"].as_str().unwrap().to_string()
}

pub async fn wizard(s: &TestServer, token: &str, body: Value) -> (u16, Value) {
    s.call(Method::POST, "/api/v2/my/2fa/wizard", Some(token), Some(body))
        .await
}

pub fn assert_terminated(status: u16, body: &Value, uuid: &str) {
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        &json!({ "code": 202, "data": [], "done": true, "uuid": uuid, "workflow": "Terminate" })
    );
}

pub async fn enable_google(s: &TestServer, token: &str) -> String {
    away_from_step_edge(4).await;
    let (status, body) = s.get("/api/v2/my/2fa/google/enable/wizard", token).await;
    assert_eq!(status, 200);
    assert_eq!(body["code"], 200);
    assert_eq!(body["done"], false);
    assert_eq!(body["workflow"], "2fa_google");
    let uuid = body["uuid"].as_str().unwrap().to_string();
    assert_eq!(uuid.len(), 36);
    let key = body["data"]["key"].as_str().unwrap().to_string();
    assert!(body["data"]["qr"].as_str().unwrap().starts_with("otpauth://totp/"));
    let (status, err) = wizard(
        s,
        token,
        json!({ "uuid": uuid, "action": "code", "code": "000000", "key": key }),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        err,
        json!({ "message": "Invalid code", "errors": { "code": ["Invalid code"] } })
    );
    let (status, body) = wizard(
        s,
        token,
        json!({ "uuid": uuid, "action": "code", "code": totp_code(&key, 0), "key": key }),
    )
    .await;
    assert_terminated(status, &body, &uuid);
    key
}

pub async fn enable_sms(s: &TestServer, token: &str) {
    let (status, body) = s.get("/api/v2/my/2fa/sms/enable/wizard", token).await;
    assert_eq!(status, 200);
    assert_eq!(body["workflow"], "2fa_sms_phone_create");
    assert!(body["data"].is_null());
    let uuid = body["uuid"].as_str().unwrap().to_string();
    let (status, err) = wizard(s, token, json!({ "uuid": uuid, "phone": "12" })).await;
    assert_eq!(status, 422);
    assert!(err["errors"]["phone"][0].is_string());
    let (status, body) = wizard(s, token, json!({ "uuid": uuid, "phone": B2_PHONE })).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["workflow"], "phone");
    assert_eq!(body["uuid"], uuid.as_str());
    assert_eq!(body["data"]["recipient"]["phone"], B2_PHONE);
    assert!(body["data"]["expiredAt"].as_str().unwrap().ends_with(".000000Z"));
    assert!(body["data"]["sentAt"].is_string());
    assert_eq!(body["data"]["sent"], 1);
    let code = s.last_code(B2_PHONE).await;
    let (status, body) = wizard(s, token, json!({ "uuid": uuid, "action": "code", "code": code })).await;
    assert_terminated(status, &body, &uuid);
}

/// Sends a prepared request and gives its status (for [`at_once`]).
pub async fn status_of(req: reqwest::RequestBuilder) -> u16 {
    req.send().await.expect("request sent").status().as_u16()
}

/// The `otp_session_state` of a password sign-in of a user with a second factor (CG).
pub async fn sign_in_state(s: &TestServer, email: &str) -> String {
    let (status, body) = s
        .sign_in_with(json!({ "email": email, "password": "correct horse battery" }))
        .await;
    assert_eq!(status, 200, "{body}");
    body["otp_session_state"]
        .as_str()
        .expect("a second factor is asked for")
        .to_string()
}

/// The sign-in `uuid` of a password sign-in of a user with a second factor (B2Core).
pub async fn b2_sign_in_uuid(s: &TestServer, email: &str) -> String {
    b2_sign_in(s, email).await["uuid"]
        .as_str()
        .expect("a second factor is asked for")
        .to_string()
}
