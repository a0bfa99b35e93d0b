//! Attacks on the factors themselves: replacing or adding one with a bearer token alone, replaying one
//! code through concurrent calls, an email code standing in for the authenticator, a text of
//! one sign-in completing another, and asking which accounts have two-factor on.

mod common;

use common::{
    assert_terminated, at_once, away_from_step_edge, b2_sign_in_uuid, b2_token, count, enable_google, enable_sms, me,
    second_factor, sign_in_state, sms_user, start_sms, start_totp, status_of, totp_code, totp_user,
    totp_user_with_codes, verify, wizard, TestServer, B2_PHONE, CG_PHONE,
};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn an_active_authenticator_cannot_be_replaced_with_a_token_alone() {
    let s = TestServer::start().await;
    let (token, secret) = totp_user(&s, "owner@example.com").await;
    let (status, body) = s
        .call(Method::PUT, "/v2/user/mfa/enable?method=totp", Some(&token), None)
        .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body, json!({ "errors": ["Already on"] }));
    // No pending secret either: verify_installation installs nothing.
    let (status, _) = verify(&s, &token, "totp", &totp_code(&secret, 30)).await;
    assert_eq!(status, 409);
    // The owner's app still works.
    let state = sign_in_state(&s, "owner@example.com").await;
    let (status, body) = second_factor(&s, &state, "totp", &totp_code(&secret, 30)).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn an_active_phone_cannot_be_replaced_with_a_token_alone() {
    let s = TestServer::start().await;
    let token = sms_user(&s, "phone-owner@example.com").await;
    let (status, body) = s
        .put(
            "/v2/user/mfa/enable",
            &token,
            json!({ "method": "sms", "phone_number": "(202) 555-0199", "country_code": "+1" }),
        )
        .await;
    assert_eq!(status, 409, "{body}");
    assert!(
        s.outbox("+12025550199").await.is_empty(),
        "nothing texted to the new number"
    );
    let (_, me) = s.get("/v2/user/me", &token).await;
    assert_eq!(me["two_factor_authentication"]["otp_phone"], "+1 202-555-0143");
}

#[tokio::test]
async fn b2core_enabling_an_active_method_is_a_conflict() {
    let s = TestServer::b2core().await;
    let token = b2_token(&s, "b2-on@example.com").await;
    enable_google(&s, &token).await;
    let (status, body) = s.get("/api/v2/my/2fa/google/enable/wizard", &token).await;
    assert_eq!(status, 409, "{body}");
    assert!(body["message"].is_string());
}

/// The B2Core status says both methods are on.
async fn assert_both_on(s: &TestServer, token: &str) {
    let (_, st) = s.get("/api/v2/my/2fa", token).await;
    let on = (&st["google"]["enabled"], &st["sms"]["enabled"]);
    assert_eq!(on, (&json!(true), &json!(true)), "{st}");
}

#[tokio::test]
async fn b2core_adding_text_messages_takes_a_current_authenticator_code() {
    let s = TestServer::b2core().await;
    let token = b2_token(&s, "b2-second-sms@example.com").await;
    let key = enable_google(&s, &token).await;
    let (status, body) = s.get("/api/v2/my/2fa/sms/enable/wizard", &token).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["workflow"], "2fa_google",
        "a current authenticator code first: {body}"
    );
    assert_eq!(body["data"], json!({}));
    let uuid = body["uuid"].as_str().unwrap().to_string();
    // The number cannot be given before the code.
    let (status, _) = wizard(&s, &token, json!({ "uuid": uuid, "phone": B2_PHONE })).await;
    assert_eq!(status, 422);
    let (status, _) = wizard(&s, &token, json!({ "uuid": uuid, "action": "code", "code": "000000" })).await;
    assert_eq!(status, 422);
    assert!(
        s.outbox(B2_PHONE).await.is_empty(),
        "nothing texted before the confirmation"
    );
    let (status, body) = wizard(
        &s,
        &token,
        json!({ "uuid": uuid, "action": "code", "code": totp_code(&key, 30) }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        (&body["workflow"], &body["uuid"], &body["data"]),
        (&json!("2fa_sms_phone_create"), &json!(uuid), &json!(null))
    );
    let (status, body) = wizard(&s, &token, json!({ "uuid": uuid, "phone": B2_PHONE })).await;
    assert_eq!((status, &body["workflow"]), (200, &json!("phone")), "{body}");
    let code = s.last_code(B2_PHONE).await;
    let (status, body) = wizard(&s, &token, json!({ "uuid": uuid, "action": "code", "code": code })).await;
    assert_terminated(status, &body, &uuid);
    assert_both_on(&s, &token).await;
}

#[tokio::test]
async fn b2core_adding_the_authenticator_takes_a_code_texted_to_the_phone_on() {
    let s = TestServer::b2core().await;
    let token = b2_token(&s, "b2-second-totp@example.com").await;
    enable_sms(&s, &token).await;
    let texts = s.outbox(B2_PHONE).await.len();
    let (status, body) = s.get("/api/v2/my/2fa/google/enable/wizard", &token).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["workflow"], "phone", "a code texted to the phone first: {body}");
    assert!(body["data"]["key"].is_null(), "no key before the confirmation: {body}");
    assert_eq!(body["data"]["phone"], "+7 999 ***-**-61");
    assert!(body["data"]["confirmation"]["expired_at"].is_string());
    assert_eq!(s.outbox(B2_PHONE).await.len(), texts + 1);
    let uuid = body["uuid"].as_str().unwrap().to_string();
    let (status, _) = wizard(&s, &token, json!({ "uuid": uuid, "action": "code", "code": "000000" })).await;
    assert_eq!(status, 422);
    let (status, body) = wizard(
        &s,
        &token,
        json!({ "uuid": uuid, "action": "code", "code": s.last_code(B2_PHONE).await }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!((&body["workflow"], &body["uuid"]), (&json!("2fa_google"), &json!(uuid)));
    let key = body["data"]["key"].as_str().unwrap().to_string();
    assert!(body["data"]["qr"].as_str().unwrap().starts_with("otpauth://totp/"));
    let (status, body) = wizard(
        &s,
        &token,
        json!({ "uuid": uuid, "action": "code", "code": totp_code(&key, 0), "key": key }),
    )
    .await;
    assert_terminated(status, &body, &uuid);
    assert_both_on(&s, &token).await;
}

#[tokio::test]
async fn b2core_a_wizard_opened_before_the_first_method_cannot_add_a_second() {
    let s = TestServer::b2core().await;
    let token = b2_token(&s, "b2-early-wizard@example.com").await;
    // Opened while no factor was on, so it asked for no confirmation.
    let (_, body) = s.get("/api/v2/my/2fa/sms/enable/wizard", &token).await;
    assert_eq!(body["workflow"], "2fa_sms_phone_create", "{body}");
    let early = body["uuid"].as_str().unwrap().to_string();
    enable_google(&s, &token).await;
    let (status, err) = wizard(&s, &token, json!({ "uuid": early, "phone": B2_PHONE })).await;
    assert_eq!(status, 422, "{err}");
    assert!(err["errors"]["uuid"][0].is_string(), "{err}");
    assert!(s.outbox(B2_PHONE).await.is_empty(), "nothing texted");
}

/// Twenty signed-in `PUT`s of `path` with one authenticator code at the same time: their statuses.
async fn totp_code_at_once(s: &TestServer, path: &str, token: &str, code: &str) -> Vec<u16> {
    let (client, url) = (s.client.clone(), s.url(path));
    at_once(20, || {
        status_of(
            client
                .put(&url)
                .bearer_auth(token)
                .json(&json!({ "method": "totp", "otp_attempt": code })),
        )
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_authenticator_code_turns_it_off_once_under_concurrency() {
    let s = TestServer::start().await;
    let (token, secret) = totp_user(&s, "race-off@example.com").await;
    let code = totp_code(&secret, 30);
    let statuses = totp_code_at_once(&s, "/v2/user/mfa/disable", &token, &code).await;
    assert_eq!(count(&statuses, 200), 1, "{statuses:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_authenticator_code_verifies_a_set_up_once_under_concurrency() {
    let s = TestServer::start().await;
    let token = s.user_with_token("race-verify@example.com").await;
    let secret = start_totp(&s, &token).await;
    away_from_step_edge(4).await;
    let code = totp_code(&secret, 0);
    let statuses = totp_code_at_once(&s, "/v2/user/mfa/verify_installation", &token, &code).await;
    // The code verifies the set-up once; the other calls find the method on or the code used.
    assert_eq!(count(&statuses, 200), 1, "{statuses:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_authenticator_code_signs_in_once_across_concurrent_sign_ins() {
    let s = TestServer::start().await;
    let (_, secret) = totp_user(&s, "race-in@example.com").await;
    let mut states = Vec::new();
    for _ in 0..20 {
        states.push(sign_in_state(&s, "race-in@example.com").await);
    }
    away_from_step_edge(4).await;
    let code = totp_code(&secret, 30);
    let (client, url) = (s.client.clone(), s.url("/auth/sign_in"));
    let states = std::sync::Mutex::new(states);
    let statuses = at_once(20, || {
        let state = states.lock().unwrap().pop().unwrap();
        status_of(
            client
                .post(&url)
                .json(&json!({ "otp_session_state": state, "otp_attempt": code, "method": "totp" })),
        )
    })
    .await;
    assert_eq!(count(&statuses, 200), 1, "{statuses:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn b2core_one_authenticator_code_signs_in_once_and_turns_off_once() {
    let s = TestServer::b2core().await;
    let token = b2_token(&s, "b2-race@example.com").await;
    let key = enable_google(&s, &token).await;
    let mut uuids = Vec::new();
    for _ in 0..20 {
        uuids.push(b2_sign_in_uuid(&s, "b2-race@example.com").await);
    }
    let code = totp_code(&key, 30);
    let (client, url) = (s.client.clone(), s.url("/api/v2/signin/2fa/google"));
    let uuids = std::sync::Mutex::new(uuids);
    let statuses = at_once(20, || {
        let uuid = uuids.lock().unwrap().pop().unwrap();
        status_of(client.post(&url).json(&json!({ "uuid": uuid, "code": code })))
    })
    .await;
    assert_eq!(count(&statuses, 200), 1, "{statuses:?}");
    // The replays counted as failures; a quarter of an hour later they are forgotten.
    let conn = rusqlite::Connection::open(common::db_path(&s.dir)).unwrap();
    conn.execute("DELETE FROM failures", []).unwrap();

    let (status, body) = s.get("/api/v2/my/2fa/google/disable/wizard", &token).await;
    assert_eq!(status, 200, "{body}");
    let uuid = body["uuid"].as_str().unwrap().to_string();
    // The sign-in took the next step; the step after it is usable once the clock moves on.
    tokio::time::sleep(std::time::Duration::from_secs(
        31 - mfa_server::clock::now().rem_euclid(30) as u64,
    ))
    .await;
    let code = totp_code(&key, 30);
    let url = s.url("/api/v2/my/2fa/wizard");
    let statuses = at_once(20, || {
        status_of(
            client
                .post(&url)
                .bearer_auth(&token)
                .json(&json!({ "uuid": uuid, "action": "code", "code": code })),
        )
    })
    .await;
    assert_eq!(count(&statuses, 200), 1, "{statuses:?}");
}

#[tokio::test]
async fn b2core_turning_the_authenticator_off_needs_an_authenticator_code() {
    let s = TestServer::b2core().await;
    let token = b2_token(&s, "goff@example.com").await;
    let key = enable_google(&s, &token).await;
    let (status, body) = s.get("/api/v2/my/2fa/google/disable/wizard", &token).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["workflow"], "2fa_google", "{body}");
    assert!(
        s.outbox("goff@example.com").await.iter().all(|m| m["code"].is_null()),
        "no code is emailed"
    );
    let uuid = body["uuid"].as_str().unwrap().to_string();
    let (status, _) = wizard(&s, &token, json!({ "uuid": uuid, "action": "code", "code": "000000" })).await;
    assert_eq!(status, 422);
    let (status, body) = wizard(
        &s,
        &token,
        json!({ "uuid": uuid, "action": "code", "code": totp_code(&key, 30) }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["workflow"], "Terminate");
}

#[tokio::test]
async fn only_the_configured_dialect_is_mounted() {
    let body = json!({ "email": "x@example.com", "password": "correct horse battery" });
    let cg = TestServer::start().await;
    let (status, _) = cg.post("/api/v2/signin", body.clone()).await;
    assert_eq!(status, 404);
    let b2 = TestServer::b2core().await;
    let (status, _) = b2.sign_in_with(body).await;
    assert_eq!(status, 404);
    let (status, _) = b2.get("/v2/user/me", "t").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_sign_in_text_completes_only_its_own_sign_in() {
    let s = TestServer::start().await;
    sms_user(&s, "bound@example.com").await;
    let first = sign_in_state(&s, "bound@example.com").await;
    let second = sign_in_state(&s, "bound@example.com").await;
    let (status, _) = s
        .post("/auth/mfa/send_sms_otp", json!({ "otp_session_state": first }))
        .await;
    assert_eq!(status, 200);
    let code = s.last_code(CG_PHONE).await;
    let (status, _) = second_factor(&s, &second, "sms", &code).await;
    assert_eq!(status, 422, "a text for one sign-in must not complete another");
    let (status, body) = second_factor(&s, &first, "sms", &code).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn mfa_check_says_the_same_of_every_email() {
    let s = TestServer::start().await;
    s.create_user("plain@example.com", "correct horse battery").await;
    sms_user(&s, "with-2fa@example.com").await;
    let mut answers = Vec::new();
    for email in ["nobody@example.com", "plain@example.com", "with-2fa@example.com"] {
        answers.push(s.post("/auth/mfa/check", json!({ "email": email })).await);
    }
    assert_eq!(answers[0], answers[1], "{answers:?}");
    assert_eq!(answers[1], answers[2], "{answers:?}");
}

/// The body of a step-up refusal, with the methods the user can confirm with.
fn step_up_refusal(methods: &[&str]) -> serde_json::Value {
    json!({ "errors": ["Confirm with a current code"], "step_up_methods": methods })
}

#[tokio::test]
async fn a_second_method_needs_a_current_code_of_the_first() {
    let s = TestServer::start().await;
    let (token, secret) = totp_user(&s, "second@example.com").await;
    let (status, body) = start_sms(&s, &token).await;
    assert_eq!(status, 403, "a bearer token alone adds no factor: {body}");
    assert_eq!(body, step_up_refusal(&["totp", "recovery"]));
    assert!(
        s.outbox(CG_PHONE).await.is_empty(),
        "nothing texted without the step-up"
    );

    let sms = json!({ "method": "sms", "phone_number": "(202) 555-0143", "country_code": "+1",
        "otp_method": "totp", "otp_attempt": totp_code(&secret, 30) });
    let (status, body) = s.put("/v2/user/mfa/enable", &token, sms.clone()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(s.outbox(CG_PHONE).await.len(), 1);
    let mut other_number = sms.clone();
    other_number["phone_number"] = json!("(202) 555-0199");
    let (status, body) = s.put("/v2/user/mfa/enable", &token, other_number).await;
    assert_eq!(status, 403, "a used authenticator code is not taken twice: {body}");
    assert!(s.outbox("+12025550199").await.is_empty());
    // Resending to the number the confirmed setup chose adds no factor: only the cooldown holds it.
    let (status, body) = start_sms(&s, &token).await;
    assert_eq!(status, 429, "{body}");
}

#[tokio::test]
async fn recovery_codes_are_viewed_and_generated_with_a_current_code_only() {
    let s = TestServer::start().await;
    let (token, secret, codes) = totp_user_with_codes(&s, "rc-step@example.com").await;
    for method in [Method::GET, Method::PUT] {
        let (status, body) = s.call(method, "/v2/user/mfa/recovery_codes", Some(&token), None).await;
        assert_eq!(status, 403, "{body}");
        assert_eq!(body, step_up_refusal(&["totp", "recovery"]));
    }
    let path = format!(
        "/v2/user/mfa/recovery_codes?otp_method=recovery&otp_attempt={}",
        codes[0]
    );
    let (status, body) = s.get(&path, &token).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body["recovery_codes"][0]["used_at"].is_string(),
        "the code that confirmed is used"
    );
    let (status, body) = s.get(&path, &token).await;
    assert_eq!(status, 403, "a used recovery code confirms nothing: {body}");
    let (status, body) = s
        .put(
            "/v2/user/mfa/recovery_codes",
            &token,
            json!({ "otp_method": "totp", "otp_attempt": totp_code(&secret, 30) }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["recovery_codes"].as_array().map(Vec::len), Some(10));
}

#[tokio::test]
async fn wrong_step_up_codes_spend_the_second_factor_budget() {
    let s = TestServer::start().await;
    let (token, _) = totp_user(&s, "step-budget@example.com").await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let (status, _) = s
            .get("/v2/user/mfa/recovery_codes?otp_method=totp&otp_attempt=000000", &token)
            .await;
        statuses.push(status);
    }
    assert_eq!(statuses, [403, 403, 403, 403, 403, 429]);
}

#[tokio::test]
async fn a_key_kept_from_before_the_first_factor_cannot_add_a_second() {
    let s = TestServer::start().await;
    let token = s.user_with_token("kept-key@example.com").await;
    // With no factor on, starting the authenticator asks for nothing; its key is kept.
    let kept = start_totp(&s, &token).await;
    let (status, body) = start_sms(&s, &token).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = verify(&s, &token, "sms", &s.last_code(CG_PHONE).await).await;
    assert_eq!(status, 200, "{body}");
    // Text messages are on now: the kept key must not become a second factor without a code.
    away_from_step_edge(4).await;
    let (status, body) = verify(&s, &token, "totp", &totp_code(&kept, 0)).await;
    assert_eq!(status, 422, "{body}");
    let me = me(&s, &token).await;
    assert_eq!(me["two_factor_authentication"]["otp_totp_enabled"], false, "{me}");
}

#[tokio::test]
async fn a_number_pending_from_before_the_first_factor_cannot_add_a_second() {
    let s = TestServer::start().await;
    let token = s.user_with_token("kept-number@example.com").await;
    let (status, body) = start_sms(&s, &token).await;
    assert_eq!(status, 200, "{body}");
    let pending_code = s.last_code(CG_PHONE).await;
    away_from_step_edge(4).await;
    let secret = start_totp(&s, &token).await;
    let (status, body) = verify(&s, &token, "totp", &totp_code(&secret, 0)).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = verify(&s, &token, "sms", &pending_code).await;
    assert_eq!(status, 422, "{body}");
    let me = me(&s, &token).await;
    assert_eq!(me["two_factor_authentication"]["otp_sms_enabled"], false, "{me}");
}

#[tokio::test]
async fn a_resend_to_a_number_pending_from_before_the_first_factor_needs_a_current_code() {
    let s = TestServer::start().await;
    let token = s.user_with_token("resend-pending@example.com").await;
    let (status, body) = start_sms(&s, &token).await;
    assert_eq!(status, 200, "{body}");
    away_from_step_edge(4).await;
    let secret = start_totp(&s, &token).await;
    let (status, body) = verify(&s, &token, "totp", &totp_code(&secret, 0)).await;
    assert_eq!(status, 200, "{body}");
    // The same number again, after the cooldown (the text is made older), without a current code.
    let conn = rusqlite::Connection::open(common::db_path(&s.dir)).unwrap();
    conn.execute("UPDATE sent_codes SET created_at = created_at - 60", [])
        .unwrap();
    let (status, body) = start_sms(&s, &token).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["step_up_methods"], json!(["totp", "recovery"]), "{body}");
    assert_eq!(s.outbox(CG_PHONE).await.len(), 1, "no new text without the step-up");
}
