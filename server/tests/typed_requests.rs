//! Requests are read into typed structs from the query string and the JSON body together: the
//! body wins, blank text counts as absent, and a field of the wrong type is a 422 naming it.

mod common;

use common::{b2_token, totp_user, wizard, TestServer};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn the_body_wins_over_the_query_string() {
    let s = TestServer::start().await;
    let (token, _) = totp_user(&s, "both@example.com").await;
    // Text messages are off: the query alone would be refused.
    let (status, body) = s
        .call(
            Method::PUT,
            "/v2/user/mfa/default_method?method=sms",
            Some(&token),
            Some(json!({ "method": "totp" })),
        )
        .await;
    assert_eq!((status, body), (200, json!({ "status": "updated", "method": "totp" })));
    let (status, _) = s
        .call(
            Method::PUT,
            "/v2/user/mfa/default_method?method=sms",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn blank_text_is_absent() {
    let s = TestServer::start().await;
    s.create_user("blank@example.com", "correct horse battery").await;
    let (status, body) = s
        .sign_in_with(json!({
            "email": "  blank@example.com ",
            "password": "correct horse battery",
            "otp_session_state": "   ",
        }))
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body["token"].is_string());
}

#[tokio::test]
async fn a_field_of_the_wrong_type_or_value_is_a_422_naming_it() {
    let s = TestServer::start().await;
    let token = s.user_with_token("types@example.com").await;
    for (body, field) in [
        (json!({ "method": "totp", "otp_attempt": 123456 }), "otp_attempt"),
        (json!({ "method": "fax", "otp_attempt": "123456" }), "method"),
    ] {
        let (status, answer) = s
            .call(
                Method::PUT,
                "/v2/user/mfa/verify_installation",
                Some(&token),
                Some(body),
            )
            .await;
        assert_eq!(status, 422);
        let message = answer["errors"][0].as_str().unwrap();
        assert!(message.starts_with(&format!("{field}: ")), "{message}");
    }
    let b2 = TestServer::b2core().await;
    let token = b2_token(&b2, "types@example.com").await;
    let (status, answer) = wizard(&b2, &token, json!({ "uuid": 5, "code": "123456" })).await;
    assert_eq!(status, 422);
    assert!(answer["errors"]["uuid"][0].is_string(), "{answer}");
}

#[tokio::test]
async fn sign_in_routes_take_credentials_from_the_body_only() {
    let s = TestServer::start().await;
    let (_, _, codes) = common::totp_user_with_codes(&s, "in-the-url@example.com").await;
    let password = "email=in-the-url%40example.com&password=correct%20horse%20battery";
    let (status, body) = s
        .call(Method::POST, &format!("/auth/sign_in?{password}"), None, None)
        .await;
    assert_eq!(status, 400, "{body}");
    let state = common::sign_in_state(&s, "in-the-url@example.com").await;
    let recovery = format!("otp_session_state={state}&recovery_code={}", codes[0]);
    let (status, body) = s
        .call(
            Method::POST,
            &format!("/auth/sign_in_with_recovery_code?{recovery}"),
            None,
            None,
        )
        .await;
    assert_eq!(status, 400, "{body}");
    let b2 = TestServer::b2core().await;
    b2.create_user("in-the-url@example.com", "correct horse battery").await;
    let (status, body) = b2
        .call(Method::POST, &format!("/api/v2/signin?{password}"), None, None)
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body["message"].is_string(), "{body}");
}
