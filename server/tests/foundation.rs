//! Sign-in, the current user, sign-out, persistence, static files and headers.

mod common;

use common::TestServer;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn sign_in_succeeds_with_the_right_password() {
    let s = TestServer::start().await;
    s.create_user("ann@example.com", "correct horse battery").await;
    let token = s.sign_in("ANN@example.com", "correct horse battery").await;
    assert!(token.len() >= 43);
    let (status, me) = s.get("/v2/user/me", &token).await;
    assert_eq!(status, 200);
    assert_eq!(me["email"], "ann@example.com");
    let tfa = &me["two_factor_authentication"];
    assert_eq!(tfa["enabled"], false);
    assert_eq!(tfa["otp_sms_enabled"], false);
    assert_eq!(tfa["otp_totp_enabled"], false);
    assert!(tfa["otp_phone"].is_null());
    assert!(tfa["otp_default_method"].is_null());
    assert_eq!(tfa["recovery_codes_left"], 0);
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_401() {
    let s = TestServer::start().await;
    s.create_user("bob@example.com", "correct horse battery").await;
    for (email, password) in [
        ("bob@example.com", "wrong"),
        ("nobody@example.com", "correct horse battery"),
    ] {
        let (status, body) = s.sign_in_with(json!({ "email": email, "password": password })).await;
        assert_eq!(status, 401);
        assert_eq!(body, json!({ "errors": ["Invalid email or password"] }));
    }
}

#[tokio::test]
async fn me_needs_a_valid_token() {
    let s = TestServer::start().await;
    let (status, body) = s.call(Method::GET, "/v2/user/me", None, None).await;
    assert_eq!(status, 401);
    assert!(body["errors"][0].is_string());
    let (status, _) = s.get("/v2/user/me", "not-a-token").await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn sign_out_revokes_the_token() {
    let s = TestServer::start().await;
    let token = s.user_with_token("carl@example.com").await;
    let res = s.send(Method::DELETE, "/auth/sign_out", Some(&token), None).await;
    assert_eq!(res.status().as_u16(), 204);
    let (status, _) = s.get("/v2/user/me", &token).await;
    assert_eq!(status, 401);
    let (status, _) = s.call(Method::DELETE, "/auth/sign_out", Some(&token), None).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn restart_keeps_users() {
    let mut s = TestServer::start().await;
    s.create_user("dora@example.com", "correct horse battery").await;
    let token = s.sign_in("dora@example.com", "correct horse battery").await;
    s.restart().await;
    s.sign_in("dora@example.com", "correct horse battery").await;
    let (status, _) = s.get("/v2/user/me", &token).await;
    assert_eq!(status, 200, "tokens survive a restart too");
}

#[tokio::test]
async fn demo_account_is_seeded_once() {
    let s = TestServer::start_with(|c| c.seed_demo = true).await;
    let token = s.sign_in("demo@example.com", "demo-password").await;
    let (_, me) = s.get("/v2/user/me", &token).await;
    assert_eq!(me["first_name"], "Dana");
    assert_eq!(me["last_name"], "Demo");
    let state = mfa_server::prepare(mfa_server::Config::for_tests(common::db_path(&s.dir))).unwrap();
    assert!(
        !mfa_server::seed_demo(&state).await.unwrap(),
        "second seed creates nothing"
    );
}

#[tokio::test]
async fn api_responses_are_not_stored_and_carry_security_headers() {
    let s = TestServer::start().await;
    let res = s.send(Method::GET, "/v2/user/me", None, None).await;
    let h = res.headers();
    assert_eq!(h["cache-control"], "no-store");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "no-referrer");
    assert_eq!(h["x-frame-options"], "DENY");
    assert!(h["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("frame-ancestors 'none'"));
    assert!(h["permissions-policy"].to_str().unwrap().contains("camera=()"));
}

#[tokio::test]
async fn malformed_json_is_a_json_400() {
    let s = TestServer::start().await;
    let res = s
        .client
        .post(s.url("/auth/sign_in"))
        .header("content-type", "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["errors"][0].is_string());
}

#[tokio::test]
async fn wrong_method_and_unknown_api_path_are_json() {
    let s = TestServer::start().await;
    let (status, body) = s.call(Method::GET, "/auth/sign_in", None, None).await;
    assert_eq!(status, 405);
    assert!(body["errors"][0].is_string());
    let (status, body) = s.call(Method::GET, "/v2/nothing/here", None, None).await;
    assert_eq!(status, 404);
    assert!(body["errors"][0].is_string());
}

#[tokio::test]
async fn dev_config_json_follows_the_dialect() {
    let s = TestServer::start_with(|c| c.dialect = mfa_server::Dialect::B2core).await;
    let (status, body) = s.call(Method::GET, "/config.json", None, None).await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({ "dialect": "b2core", "api_base": "", "issuer": "Example Bank", "locale": null })
    );
}

#[tokio::test]
async fn dev_routes_are_absent_outside_dev_mode() {
    let s = TestServer::start_with(|c| c.dev = false).await;
    let (status, _) = s.call(Method::GET, "/__dev/outbox", None, None).await;
    assert_eq!(status, 404);
    let (status, _) = s
        .post("/__dev/users", json!({"email":"x@y.z","password":"12345678"}))
        .await;
    assert!(status == 404 || status == 405);
}

#[tokio::test]
async fn cors_allows_configured_origins_only() {
    let s = TestServer::start_with(|c| c.cors_origins = vec!["http://localhost:8081".into()]).await;
    let preflight = |origin: &'static str| {
        s.client
            .request(Method::OPTIONS, s.url("/v2/user/me"))
            .header("origin", origin)
            .header("access-control-request-method", "GET")
            .header("access-control-request-headers", "authorization")
            .send()
    };
    let ok = preflight("http://localhost:8081").await.unwrap();
    assert_eq!(ok.headers()["access-control-allow-origin"], "http://localhost:8081");
    let no = preflight("http://evil.example").await.unwrap();
    assert!(no.headers().get("access-control-allow-origin").is_none());
    let res = s
        .client
        .get(s.url("/v2/user/me"))
        .header("origin", "http://localhost:8081")
        .send()
        .await
        .unwrap();
    assert!(res.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase()
        .contains("retry-after"));
    assert!(
        res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("connect-src 'self';"),
        "a CORS origin is a caller, not a place the page may send its token to"
    );
}

#[tokio::test]
async fn dev_users_refuses_duplicates_and_bad_input() {
    let s = TestServer::start().await;
    s.create_user("dup@example.com", "correct horse battery").await;
    let (status, body) = s
        .post(
            "/__dev/users",
            json!({ "email": "DUP@example.com", "password": "another password" }),
        )
        .await;
    assert_eq!(status, 409, "{body}");
    let (status, _) = s
        .post(
            "/__dev/users",
            json!({ "email": "short@example.com", "password": "short" }),
        )
        .await;
    assert_eq!(status, 422);
    let (status, _) = s
        .post(
            "/__dev/users",
            json!({ "email": "not-an-email", "password": "long enough" }),
        )
        .await;
    assert_eq!(status, 422);
}
