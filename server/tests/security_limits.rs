//! Limits that must hold under attack: attempts counted before the work that checks them, and
//! texts and emails capped per user and per recipient whatever the flow.

mod common;

use common::{
    at_once, b2_token, count, enable_sms, recovery_sign_in, second_factor, sign_in_state, start_sms, status_of,
    totp_user, wizard, TestServer, B2_PHONE, CG_PHONE,
};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn thirty_wrong_passwords_at_once_meet_the_limit() {
    let s = TestServer::start().await;
    s.create_user("burst@example.com", "correct horse battery").await;
    let (client, url) = (s.client.clone(), s.url("/auth/sign_in"));
    let statuses = at_once(30, || {
        status_of(
            client
                .post(&url)
                .json(&json!({ "email": "burst@example.com", "password": "wrong guess" })),
        )
    })
    .await;
    assert!(count(&statuses, 401) <= 5, "{statuses:?}");
    assert_eq!(count(&statuses, 401) + count(&statuses, 429), 30, "{statuses:?}");
}

#[tokio::test]
async fn thirty_wrong_second_factor_codes_at_once_meet_the_limit() {
    let s = TestServer::start().await;
    totp_user(&s, "burst-2fa@example.com").await;
    let state = sign_in_state(&s, "burst-2fa@example.com").await;
    let (client, url) = (s.client.clone(), s.url("/auth/sign_in"));
    let statuses = at_once(30, || {
        status_of(
            client
                .post(&url)
                .json(&json!({ "otp_session_state": state, "otp_attempt": "000000", "method": "totp" })),
        )
    })
    .await;
    assert!(count(&statuses, 422) <= 5, "{statuses:?}");
}

#[tokio::test]
async fn one_second_factor_budget_across_factors() {
    let s = TestServer::start().await;
    totp_user(&s, "budget@example.com").await;
    let state = sign_in_state(&s, "budget@example.com").await;
    for _ in 0..5 {
        let (status, _) = second_factor(&s, &state, "totp", "000000").await;
        assert_eq!(status, 422);
    }
    let (client, url) = (s.client.clone(), s.url("/auth/sign_in_with_recovery_code"));
    let statuses = at_once(30, || {
        status_of(
            client
                .post(&url)
                .json(&json!({ "otp_session_state": state, "recovery_code": "aaaaa-aaaaa" })),
        )
    })
    .await;
    assert_eq!(
        count(&statuses, 429),
        30,
        "one budget for every second factor: {statuses:?}"
    );
}

#[tokio::test]
async fn new_wizards_do_not_send_more_texts() {
    let s = TestServer::b2core().await;
    let token = b2_token(&s, "pump@example.com").await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let (_, body) = s.get("/api/v2/my/2fa/sms/enable/wizard", &token).await;
        let uuid = body["uuid"].as_str().unwrap().to_string();
        let (status, _) = wizard(&s, &token, json!({ "uuid": uuid, "phone": B2_PHONE })).await;
        statuses.push(status);
    }
    assert_eq!(statuses[0], 200);
    assert!(statuses[1..].iter().all(|&s| s == 429), "{statuses:?}");
    assert_eq!(s.outbox(B2_PHONE).await.len(), 1);
}

#[tokio::test]
async fn new_turn_off_wizards_do_not_send_more_texts() {
    let s = TestServer::b2core().await;
    let token = b2_token(&s, "pump-off@example.com").await;
    enable_sms(&s, &token).await;
    let before = s.outbox(B2_PHONE).await.len();
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let (status, _) = s.get("/api/v2/my/2fa/sms/disable/wizard", &token).await;
        statuses.push(status);
    }
    assert_eq!(statuses[0], 200);
    assert!(statuses[1..].iter().all(|&s| s == 429), "{statuses:?}");
    assert_eq!(s.outbox(B2_PHONE).await.len(), before + 1);
}

#[tokio::test]
async fn one_number_gets_at_most_the_daily_cap_of_texts() {
    let s = TestServer::start().await;
    let mut statuses = Vec::new();
    for i in 0..26 {
        let token = s.user_with_token(&format!("many-{i}@example.com")).await;
        let (status, _) = start_sms(&s, &token).await;
        statuses.push(status);
    }
    assert!(statuses[..25].iter().all(|&s| s == 200), "{statuses:?}");
    assert_eq!(statuses[25], 429);
    assert_eq!(s.outbox(CG_PHONE).await.len(), 25);
}

#[tokio::test]
async fn one_user_gets_at_most_the_daily_cap_of_texts() {
    let s = TestServer::start().await;
    let token = s.user_with_token("chatty@example.com").await;
    // Fifteen texts earlier today, each after the cooldown of the one before.
    let conn = rusqlite::Connection::open(common::db_path(&s.dir)).unwrap();
    let now = mfa_server::clock::now();
    for i in 0..15 {
        conn.execute(
            "INSERT INTO sent_codes (user_id, purpose, recipient, code_hash, created_at, expires_at, used_at)
             SELECT id, 'enable', '+12025550100', 'x', ?1, ?1 + 600, ?1 FROM users WHERE email = 'chatty@example.com'",
            [now - 3_600 - i * 60],
        )
        .unwrap();
    }
    let res = s
        .send(
            Method::PUT,
            "/v2/user/mfa/enable",
            Some(&token),
            Some(json!({ "method": "sms", "phone_number": "(202) 555-0143", "country_code": "+1" })),
        )
        .await;
    assert_eq!(res.status().as_u16(), 429);
    let retry: i64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(retry > 3_600 && retry <= 86_400, "{retry}");
    assert!(s.outbox(CG_PHONE).await.is_empty());
}

#[tokio::test]
async fn a_hundred_wrong_codes_in_a_row_lock_the_factors_until_a_recovery_code() {
    let s = TestServer::start().await;
    let (_, secret, codes) = common::totp_user_with_codes(&s, "locked@example.com").await;
    // Ninety-nine failures spread over days (each window's budget spent in turn), then one more.
    let conn = rusqlite::Connection::open(common::db_path(&s.dir)).unwrap();
    conn.execute(
        "UPDATE users SET mfa_failures = 99 WHERE email = 'locked@example.com'",
        [],
    )
    .unwrap();
    let state = sign_in_state(&s, "locked@example.com").await;
    let attempt =
        |code: String| s.sign_in_with(json!({ "otp_session_state": state, "otp_attempt": code, "method": "totp" }));
    assert_eq!(attempt("000000".into()).await.0, 422);
    let (status, body) = attempt(common::totp_code(&secret, 30)).await;
    assert_eq!(status, 423, "a right code is refused too: {body}");
    let (status, body) = recovery_sign_in(&s, &state, &codes[0]).await;
    assert_eq!(status, 200, "{body}");
    let state = sign_in_state(&s, "locked@example.com").await;
    let (status, body) = s
        .sign_in_with(
            json!({ "otp_session_state": state, "otp_attempt": common::totp_code(&secret, 30), "method": "totp" }),
        )
        .await;
    assert_eq!(status, 200, "the recovery code lifted the lock: {body}");
}

#[tokio::test]
async fn one_address_is_held_to_the_limit_and_locks_out_no_other() {
    let s = TestServer::start_with(|c| c.sign_in_burst = 8).await;
    s.create_user("victim@example.com", "correct horse battery").await;
    s.create_user("next@example.com", "correct horse battery").await;
    let attacker = reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .build()
        .unwrap();
    let guess = |email: &str, password: &str| {
        status_of(
            attacker
                .post(s.url("/auth/sign_in"))
                .json(&json!({ "email": email, "password": password })),
        )
    };
    let mut statuses = Vec::new();
    for _ in 0..8 {
        statuses.push(guess("victim@example.com", "a guess").await);
    }
    assert_eq!(count(&statuses, 401), 5, "{statuses:?}");
    assert_eq!(count(&statuses, 429), 3, "{statuses:?}");
    // The address has spent its burst: even a right password for another account waits.
    assert_eq!(guess("next@example.com", "correct horse battery").await, 429);
    // The owner, from another address, is not locked out by the guesses.
    s.sign_in("victim@example.com", "correct horse battery").await;
}
