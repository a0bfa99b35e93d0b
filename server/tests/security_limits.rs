//! Limits that must hold under attack: attempts counted before the work that checks them, and
//! texts and emails capped per user and per recipient whatever the flow.

mod common;

use common::{
    at_once, b2_second_factor, b2_sign_in, b2_token, count, enable_sms, recovery_sign_in, second_factor, sign_in_state,
    sms_user, start_sms, status_of, totp_user, wizard, TestServer, B2_PHONE, CG_PHONE,
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
    let attacker = client_from(2);
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

/// A client whose requests come from 127.0.0.`last`.
fn client_from(last: u8) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, last]))
        .build()
        .unwrap()
}

#[tokio::test]
async fn guesses_spread_over_many_addresses_meet_an_account_wide_limit() {
    let s = TestServer::start().await;
    s.create_user("spread@example.com", "correct horse battery").await;
    // The owner has signed in from here before.
    s.sign_in("spread@example.com", "correct horse battery").await;
    let mut statuses = Vec::new();
    for address in 2..23 {
        let stranger = client_from(address);
        for _ in 0..5 {
            let guess = json!({ "email": "spread@example.com", "password": "a guess" });
            statuses.push(status_of(stranger.post(s.url("/auth/sign_in")).json(&guess)).await);
        }
    }
    assert_eq!(count(&statuses, 401) + count(&statuses, 429), 105, "{statuses:?}");
    assert!(count(&statuses, 401) <= 20, "21 addresses × 5 guesses: {statuses:?}");
    // The owner, where the account signed in before, is not held by the strangers' guesses.
    s.sign_in("spread@example.com", "correct horse battery").await;
}

#[tokio::test]
async fn b2core_strangers_cannot_spend_the_texts_of_the_owners_sign_in() {
    let s = TestServer::b2core().await;
    let owner = b2_token(&s, "b2-texts-owner@example.com").await;
    enable_sms(&s, &owner).await;
    // Other accounts open a text set-up with the owner's number, as many as the cap allows.
    for i in 0..24 {
        let token = b2_token(&s, &format!("b2-stranger-{i}@example.com")).await;
        let (_, body) = s.get("/api/v2/my/2fa/sms/enable/wizard", &token).await;
        let uuid = body["uuid"].as_str().unwrap().to_string();
        wizard(&s, &token, json!({ "uuid": uuid, "phone": B2_PHONE })).await;
    }
    let body = b2_sign_in(&s, "b2-texts-owner@example.com").await;
    assert_eq!(body["workflow"], "2fa_sms", "{body}");
    assert!(
        body["data"]["sentAt"].is_string(),
        "the owner's sign-in got its text: {body}"
    );
    let uuid = body["uuid"].as_str().unwrap();
    let (status, body) = b2_second_factor(&s, "sms", uuid, &s.last_code(B2_PHONE).await).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn strangers_cannot_spend_the_texts_of_the_owners_sign_in() {
    let s = TestServer::start().await;
    sms_user(&s, "texts-owner@example.com").await;
    for i in 0..24 {
        let token = s.user_with_token(&format!("stranger-{i}@example.com")).await;
        start_sms(&s, &token).await;
    }
    let state = sign_in_state(&s, "texts-owner@example.com").await;
    let (status, body) = s
        .post("/auth/mfa/send_sms_otp", json!({ "otp_session_state": state }))
        .await;
    assert_eq!(status, 200, "the owner's sign-in gets its text: {body}");
    let (status, body) = second_factor(&s, &state, "sms", &s.last_code(CG_PHONE).await).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn retry_after_is_never_shorter_than_the_wait() {
    let s = TestServer::start_with(|c| c.sign_in_burst = 1).await;
    let ask = || s.client.post(s.url("/auth/mfa/check")).json(&json!({}));
    assert_eq!(status_of(ask()).await, 401);
    let refused = ask().send().await.unwrap();
    assert_eq!(refused.status().as_u16(), 429);
    let wait: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    // One request every 2 s: the wait is a little under 2 s, which is 2 whole seconds.
    assert_eq!(wait, 2);
    tokio::time::sleep(std::time::Duration::from_secs(wait)).await;
    assert_eq!(status_of(ask()).await, 401, "a client that obeys Retry-After is let in");
}

/// The fields that carry a password or a code.
const SECRET_FIELDS: &[&str] = &["password", "otp_attempt", "code", "recovery_code"];

/// The operations of an OpenAPI document that take a field of [`SECRET_FIELDS`], in their
/// parameters or their JSON body.
fn operations_taking_secrets(doc: &serde_json::Value) -> Vec<(String, String)> {
    let schemas = &doc["components"]["schemas"];
    let mut found = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let mut fields: Vec<String> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| p["name"].as_str().map(String::from))
                .collect();
            let body = &op["requestBody"]["content"]["application/json"]["schema"]["$ref"];
            if let Some(name) = body.as_str().and_then(|r| r.rsplit('/').next()) {
                fields.extend(schemas[name]["properties"].as_object().unwrap().keys().cloned());
            }
            if fields.iter().any(|f| SECRET_FIELDS.contains(&f.as_str())) {
                found.push((method.clone(), path.clone()));
            }
        }
    }
    found
}

#[tokio::test]
async fn every_route_that_takes_a_password_or_a_code_is_limited() {
    let mut address = 10;
    for dialect in [mfa_server::Dialect::Cg, mfa_server::Dialect::B2core] {
        let s = TestServer::start_with(|c| {
            c.dialect = dialect;
            c.sign_in_burst = 2;
            // Development routes set passwords and codes of test users; they are not the API.
            c.dev = false;
        })
        .await;
        let (_, doc) = s.call(Method::GET, "/openapi.json", None, None).await;
        let operations = operations_taking_secrets(&doc);
        assert!(operations.len() >= 3, "{operations:?}");
        for (method, path) in operations {
            address += 1;
            let client = client_from(address);
            let (method, url) = (
                method.to_uppercase().parse::<Method>().unwrap(),
                s.url(&path.replace("{kind}", "google")),
            );
            let mut statuses = Vec::new();
            for _ in 0..3 {
                statuses.push(status_of(client.request(method.clone(), &url)).await);
            }
            assert_eq!(statuses[2], 429, "{method} {path} is not limited: {statuses:?}");
        }
    }
}
