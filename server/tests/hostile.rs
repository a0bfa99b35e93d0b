//! Malformed and hostile requests get a 4xx JSON error, never a 5xx.

mod common;

use common::TestServer;
use reqwest::Method;
use serde_json::{json, Value};

async fn raw(s: &TestServer, method: Method, path: &str, body: Vec<u8>) -> (u16, Value) {
    let res = s
        .client
        .request(method, s.url(path))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    let value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{status} not JSON: {text}"));
    (status, value)
}

#[tokio::test]
async fn hostile_bodies_are_client_errors() {
    let s = TestServer::start().await;
    let token = s.user_with_token("h@example.com").await;
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let nested_ok_size = format!("{}1{}", "{\"a\":".repeat(5_000), "}".repeat(5_000));
    let huge = format!("{{\"email\":\"{}\"}}", "a".repeat(200_000));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("huge", huge.into_bytes()),
        ("deep array", deep.into_bytes()),
        ("deep object", nested_ok_size.into_bytes()),
        ("not utf-8", vec![b'{', b'"', 0xff, 0xfe, b'"', b':', b'1', b'}']),
        ("array", b"[1,2,3]".to_vec()),
        ("string", b"\"x\"".to_vec()),
        ("garbage", b"\x00\x01\x02".to_vec()),
    ];
    let b2 = TestServer::b2core().await;
    for (server, path) in [
        (&s, "/auth/sign_in"),
        (&s, "/auth/mfa/check"),
        (&b2, "/api/v2/signin"),
        (&b2, "/api/v2/my/2fa/wizard"),
    ] {
        for (name, body) in &cases {
            let (status, value) = raw(server, Method::POST, path, body.clone()).await;
            assert!((400..500).contains(&status), "{path} {name}: {status}");
            assert!(value.is_object(), "{path} {name}");
        }
    }
    for (name, body) in &cases {
        let res = s
            .client
            .put(s.url("/v2/user/mfa/enable"))
            .bearer_auth(&token)
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert!(res.status().is_client_error(), "enable {name}: {}", res.status());
    }
}

#[tokio::test]
async fn oversized_and_undeclared_bodies_get_413_and_415() {
    let s = TestServer::start().await;
    let huge = format!("{{\"email\":\"{}\"}}", "a".repeat(70 * 1024));
    let (status, body) = raw(&s, Method::POST, "/auth/sign_in", huge.into_bytes()).await;
    assert_eq!(status, 413);
    assert!(body["errors"][0].is_string());
    let res = s
        .client
        .post(s.url("/auth/sign_in"))
        .header("content-type", "text/plain")
        .body(r#"{"email":"a@b.c","password":"x"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 415);
    let body: Value = res.json().await.unwrap();
    assert!(body["errors"][0].is_string());
}

#[tokio::test]
async fn sql_metacharacters_are_just_text() {
    let s = TestServer::start().await;
    let token = s.user_with_token("sql@example.com").await;
    for email in [
        "' OR '1'='1",
        "x@y.z'; DROP TABLE users; --",
        "\"); DELETE FROM sessions; --@x",
        "%",
        "_@_",
    ] {
        let (status, body) = s
            .sign_in_with(json!({ "email": email, "password": "' OR 1=1 --" }))
            .await;
        assert!(status == 401 || status == 422, "{email}: {status} {body}");
        let (status, _) = s.post("/auth/mfa/check", json!({ "email": email })).await;
        assert_eq!(status, 401, "{email}");
    }
    let (status, _) = s
        .put(
            "/v2/user/mfa/enable",
            &token,
            json!({ "method": "sms", "phone_number": "1'; DROP TABLE users;--", "country_code": "+1" }),
        )
        .await;
    assert_eq!(status, 422);
    let (status, _) = s
        .put(
            "/v2/user/mfa/verify_installation",
            &token,
            json!({ "method": "totp' --", "otp_attempt": "1 OR 1=1" }),
        )
        .await;
    assert_eq!(status, 422);
    let (status, _) = s
        .put(
            "/v2/user/mfa/verify_installation",
            &token,
            json!({ "method": ["totp"], "otp_attempt": {"a": 1} }),
        )
        .await;
    assert_eq!(status, 422);
    // Everything still works afterwards.
    let (status, _) = s.get("/v2/user/me", &token).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn odd_tokens_and_query_strings_are_refused_cleanly() {
    let s = TestServer::start().await;
    for auth in [
        "Bearer",
        "Bearer ",
        "Basic abc",
        "Bearer a b c",
        &format!("Bearer {}", "x".repeat(5000)),
    ] {
        let res = s
            .client
            .get(s.url("/v2/user/me"))
            .header("authorization", auth)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 401, "{auth:.20}");
    }
    let (status, _) = s
        .call(Method::PUT, "/v2/user/mfa/enable?method=%ff%fe", None, None)
        .await;
    assert!((400..500).contains(&status));
    let (status, _) = s
        .call(Method::GET, "/__dev/outbox?phone=%27%20OR%201%3D1", None, None)
        .await;
    assert_eq!(status, 200);
}
