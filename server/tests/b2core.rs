//! The B2Core dialect: wizards for enabling and disabling both methods, status, and sign-in.

mod common;

use common::{
    assert_terminated, b2_second_factor, b2_sign_in, b2_token, enable_google, enable_sms, totp_code, wizard, TestServer,
};
use reqwest::Method;
use serde_json::json;

const PHONE: &str = "+79994445561";

#[tokio::test]
async fn google_enable_then_sign_in_then_disable_by_authenticator_code() {
    let s = TestServer::b2core().await;
    let token = b2_token(&s, "g@example.com").await;
    let (_, st) = s.get("/api/v2/my/2fa", &token).await;
    assert_eq!(
        st,
        json!({ "google": { "enabled": false }, "sms": { "enabled": false, "phone": null } })
    );
    let key = enable_google(&s, &token).await;
    let (_, st) = s.get("/api/v2/my/2fa", &token).await;
    assert_eq!(st["google"]["enabled"], true);

    // Sign-in asks for the authenticator.
    let body = b2_sign_in(&s, "g@example.com").await;
    assert_eq!(body["workflow"], "2fa_google");
    let uuid = body["uuid"].as_str().unwrap().to_string();
    let (status, err) = b2_second_factor(&s, "google", &uuid, &totp_code(&key, 0)).await;
    assert_eq!(status, 422, "the enabling code cannot be replayed");
    assert!(err["errors"]["code"][0].is_string());
    let (status, body) = b2_second_factor(&s, "google", &uuid, &totp_code(&key, 30)).await;
    assert_eq!(status, 200, "{body}");
    let token2 = body["token"].as_str().unwrap().to_string();

    // Disabling asks for a current code of the authenticator itself, not one sent by email.
    let (status, body) = s.get("/api/v2/my/2fa/google/disable/wizard", &token2).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["workflow"], "2fa_google");
    assert_eq!(body["data"], json!({}));
    let uuid = body["uuid"].as_str().unwrap().to_string();
    tokio::time::sleep(std::time::Duration::from_secs(
        31 - mfa_server::clock::now().rem_euclid(30) as u64,
    ))
    .await;
    let (status, body) = wizard(
        &s,
        &token2,
        json!({ "uuid": uuid, "action": "code", "code": totp_code(&key, 30) }),
    )
    .await;
    assert_terminated(status, &body, &uuid);
    let (_, st) = s.get("/api/v2/my/2fa", &token2).await;
    assert_eq!(st["google"]["enabled"], false);
    let body = b2_sign_in(&s, "g@example.com").await;
    assert!(body["token"].is_string());
}

#[tokio::test]
async fn sms_enable_then_sign_in_then_disable_by_phone_code() {
    let s = TestServer::b2core().await;
    let token = b2_token(&s, "p@example.com").await;
    enable_sms(&s, &token).await;
    let (_, st) = s.get("/api/v2/my/2fa", &token).await;
    assert_eq!(st["sms"], json!({ "enabled": true, "phone": "+7 999 ***-**-61" }));

    let body = b2_sign_in(&s, "p@example.com").await;
    assert_eq!(body["workflow"], "2fa_sms");
    let uuid = body["uuid"].as_str().unwrap().to_string();
    let code = s.last_code(PHONE).await;
    let (status, body) = b2_second_factor(&s, "sms", &uuid, &code).await;
    assert_eq!(status, 200, "{body}");
    let token2 = body["token"].as_str().unwrap().to_string();

    let (status, body) = s.get("/api/v2/my/2fa/sms/disable/wizard", &token2).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["workflow"], "phone");
    assert_eq!(body["data"]["phone"], "+7 999 ***-**-61");
    assert!(body["data"]["confirmation"]["expired_at"]
        .as_str()
        .unwrap()
        .ends_with('Z'));
    let uuid = body["uuid"].as_str().unwrap().to_string();
    let (status, _) = wizard(&s, &token2, json!({ "uuid": uuid, "action": "code" })).await;
    assert_eq!(status, 422);
    let code = s.last_code(PHONE).await;
    let (status, body) = wizard(&s, &token2, json!({ "uuid": uuid, "action": "code", "code": code })).await;
    assert_terminated(status, &body, &uuid);
    let (_, st) = s.get("/api/v2/my/2fa", &token2).await;
    assert_eq!(st["sms"], json!({ "enabled": false, "phone": null }));
    // A finished wizard cannot be used again.
    let (status, err) = wizard(&s, &token2, json!({ "uuid": uuid, "action": "code", "code": code })).await;
    assert_eq!(status, 422);
    assert!(err["errors"]["uuid"][0].is_string());
}

#[tokio::test]
async fn a_wizard_of_another_user_is_refused() {
    let s = TestServer::b2core().await;
    let alice = b2_token(&s, "alice@example.com").await;
    let mallory = b2_token(&s, "mallory@example.com").await;
    let (_, body) = s.get("/api/v2/my/2fa/google/enable/wizard", &alice).await;
    let uuid = body["uuid"].as_str().unwrap();
    let key = body["data"]["key"].as_str().unwrap();
    let (status, err) = wizard(
        &s,
        &mallory,
        json!({ "uuid": uuid, "action": "code", "code": totp_code(key, 0), "key": key }),
    )
    .await;
    assert_eq!(status, 422);
    assert!(err["message"].is_string());
    let (_, st) = s.get("/api/v2/my/2fa", &mallory).await;
    assert_eq!(st["google"]["enabled"], false);
    let (status, _) = wizard(
        &s,
        &alice,
        json!({ "uuid": "00000000-0000-4000-8000-000000000000", "action": "code", "code": "123456" }),
    )
    .await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn errors_use_the_b2core_shape() {
    let s = TestServer::b2core().await;
    let (status, body) = s.call(Method::GET, "/api/v2/my/2fa", None, None).await;
    assert_eq!(status, 401);
    assert!(body["message"].is_string());
    let (status, body) = s
        .post(
            "/api/v2/signin",
            json!({ "email": "x@example.com", "password": "nope" }),
        )
        .await;
    assert_eq!(status, 401);
    assert_eq!(body["message"], "Invalid email or password");
    let token = b2_token(&s, "e@example.com").await;
    let (status, _) = s.get("/api/v2/my/2fa/fax/enable/wizard", &token).await;
    assert_eq!(status, 404);
    let (status, body) = s.get("/api/v2/my/2fa/sms/disable/wizard", &token).await;
    assert_eq!(status, 422);
    assert!(body["errors"]["type"][0].is_string());
    enable_google(&s, &token).await;
    let (status, _) = s.get("/api/v2/my/2fa/google/enable/wizard", &token).await;
    assert_eq!(status, 409, "already enabled");
}

#[tokio::test]
async fn an_expired_wizard_is_refused() {
    let s = TestServer::b2core().await;
    let token = b2_token(&s, "late@example.com").await;
    let (_, body) = s.get("/api/v2/my/2fa/google/enable/wizard", &token).await;
    let uuid = body["uuid"].as_str().unwrap().to_string();
    let key = body["data"]["key"].as_str().unwrap().to_string();
    // Sixteen minutes later.
    let conn = rusqlite::Connection::open(common::db_path(&s.dir)).unwrap();
    conn.execute(
        "UPDATE wizards SET expires_at = expires_at - 16 * 60 WHERE uuid = ?1",
        [&uuid],
    )
    .unwrap();
    let (status, err) = wizard(
        &s,
        &token,
        json!({ "uuid": uuid, "action": "code", "code": totp_code(&key, 0), "key": key }),
    )
    .await;
    assert_eq!(status, 422);
    assert!(err["errors"]["uuid"][0].as_str().unwrap().contains("expired"));
}

#[tokio::test]
async fn sign_out_revokes_the_token() {
    let s = TestServer::b2core().await;
    let token = b2_token(&s, "out@example.com").await;
    let res = s.send(Method::DELETE, "/api/v2/signout", Some(&token), None).await;
    assert_eq!(res.status().as_u16(), 204);
    let (status, body) = s.get("/api/v2/my/2fa", &token).await;
    assert_eq!(status, 401);
    assert!(body["message"].is_string());
    let body = b2_sign_in(&s, "out@example.com").await;
    let token = body["token"].as_str().unwrap();
    let res = s.send(Method::POST, "/api/v2/signout", Some(token), None).await;
    assert_eq!(res.status().as_u16(), 204);
}

#[tokio::test]
async fn second_factor_with_a_forged_or_used_uuid_is_401() {
    let s = TestServer::b2core().await;
    let (status, body) = b2_second_factor(&s, "google", "00000000-0000-4000-8000-000000000000", "123456").await;
    assert_eq!(status, 401);
    assert!(body["message"].is_string());
    let (status, body) = s.post("/api/v2/signin/2fa/google", json!({ "code": "123456" })).await;
    assert_eq!(status, 422);
    assert!(body["errors"]["uuid"][0].is_string());
}

/// The per-address limit of the sign-in routes answers in the B2Core error shape too.
#[tokio::test]
async fn the_sign_in_limit_answers_in_the_b2core_shape() {
    let s = TestServer::start_with(|c| {
        c.dialect = mfa_server::Dialect::B2core;
        c.sign_in_burst = 1;
    })
    .await;
    let body = Some(json!({ "email": "nobody@example.com", "password": "wrong password" }));
    let (first, _) = s.call(Method::POST, "/api/v2/signin", None, body.clone()).await;
    assert_eq!(first, 401);
    let res = s.send(Method::POST, "/api/v2/signin", None, body).await;
    assert_eq!(res.status().as_u16(), 429);
    assert!(res.headers().contains_key("retry-after"));
    let answer: serde_json::Value = res.json().await.unwrap();
    assert!(answer["message"].is_string(), "{answer}");
    assert!(answer["errors"]["request"][0].is_string(), "{answer}");
}
