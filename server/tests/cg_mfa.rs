//! The CG dialect's two-factor endpoints: enabling, verifying, signing in with a second factor,
//! disabling, recovery codes, rate limits, replay and persistence.

mod common;

use common::{
    away_from_step_edge, disable, me, recovery_codes, recovery_sign_in, second_factor, sign_in_state, sms_user,
    start_totp, totp_code, totp_user, totp_user_with_codes, verify, TestServer,
};
use reqwest::Method;
use serde_json::{json, Value};

const PHONE: &str = "+12025550143";

#[tokio::test]
async fn totp_enable_returns_secret_and_uri_then_verify_issues_recovery_codes() {
    let s = TestServer::start().await;
    away_from_step_edge(4).await;
    let token = s.user_with_token("t1@example.com").await;
    let (status, body) = s
        .call(Method::PUT, "/v2/user/mfa/enable?method=totp", Some(&token), None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "queued");
    let secret = body["otp_secret"].as_str().unwrap();
    assert_eq!(secret.len(), 32, "160-bit secret in base32");
    assert_eq!(
        body["provisioning_uri"],
        format!("otpauth://totp/Example%20Bank:t1%40example.com?secret={secret}&issuer=Example%20Bank&algorithm=SHA1&digits=6&period=30")
    );
    assert_eq!(
        me(&s, &token).await["two_factor_authentication"]["otp_totp_enabled"],
        false
    );

    let (status, body) = verify(&s, &token, "totp", "000000").await;
    assert_eq!(status, 422);
    assert_eq!(body, json!({ "errors": ["Invalid code"] }));

    let (status, body) = verify(&s, &token, "totp", &totp_code(secret, 0)).await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "verified");
    let codes = body["recovery_codes"].as_array().unwrap();
    assert_eq!(codes.len(), 10);
    for c in codes {
        let c = c.as_str().unwrap();
        assert_eq!(c.len(), 11);
        assert_eq!(&c[5..6], "-");
    }
    let m = me(&s, &token).await;
    let tfa = &m["two_factor_authentication"];
    assert_eq!(tfa["enabled"], true);
    assert_eq!(tfa["otp_totp_enabled"], true);
    assert_eq!(tfa["otp_default_method"], "totp");
    assert_eq!(tfa["recovery_codes_left"], 10);
    assert!(tfa["otp_totp_enabled_at"].as_str().unwrap().ends_with('Z'));
    assert!(tfa["recovery_codes_generated_at"].is_string());
    assert!(tfa["otp_last_used_at"].is_string());
}

#[tokio::test]
async fn enabling_again_replaces_the_pending_secret() {
    let s = TestServer::start().await;
    away_from_step_edge(4).await;
    let token = s.user_with_token("t2@example.com").await;
    let first = start_totp(&s, &token).await;
    let second = start_totp(&s, &token).await;
    assert_ne!(first, second);
    let (status, _) = verify(&s, &token, "totp", &totp_code(&first, 0)).await;
    assert_eq!(status, 422);
    let (status, _) = verify(&s, &token, "totp", &totp_code(&second, 0)).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn one_step_of_drift_is_accepted_and_two_are_refused() {
    let s = TestServer::start().await;
    for (i, offset) in [-30i64, 30].into_iter().enumerate() {
        away_from_step_edge(4).await;
        let token = s.user_with_token(&format!("drift{i}@example.com")).await;
        let secret = start_totp(&s, &token).await;
        for far in [-60, 60] {
            let (status, _) = verify(&s, &token, "totp", &totp_code(&secret, far)).await;
            assert_eq!(status, 422, "offset {far} must be refused");
        }
        let (status, body) = verify(&s, &token, "totp", &totp_code(&secret, offset)).await;
        assert_eq!(status, 200, "offset {offset}: {body}");
    }
}

#[tokio::test]
async fn sign_in_with_totp_and_replay_is_refused() {
    let s = TestServer::start().await;
    let (_, secret) = totp_user(&s, "t3@example.com").await;
    let (status, body) = s
        .sign_in_with(json!({ "email": "t3@example.com", "password": "correct horse battery" }))
        .await;
    assert_eq!(status, 200);
    assert!(body.get("token").is_none());
    assert_eq!(body["otp_methods"], json!(["totp"]));
    assert_eq!(body["otp_default_method"], "totp");
    let state = body["otp_session_state"].as_str().unwrap().to_string();

    // The code that verified the installation cannot be used again.
    let attempt =
        |code: String| s.sign_in_with(json!({ "otp_session_state": state, "otp_attempt": code, "method": "totp" }));
    let (status, body) = attempt(totp_code(&secret, 0)).await;
    assert_eq!(status, 422, "replay: {body}");
    let (status, body) = attempt(totp_code(&secret, 30)).await;
    assert_eq!(status, 200, "{body}");
    let token = body["token"].as_str().unwrap();
    assert_eq!(me(&s, token).await["email"], "t3@example.com");
    // The state is single use.
    let (status, _) = attempt(totp_code(&secret, 30)).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn twenty_concurrent_uses_of_one_code_give_one_success() {
    let s = TestServer::start().await;
    away_from_step_edge(5).await;
    let token = s.user_with_token("race@example.com").await;
    let secret = start_totp(&s, &token).await;
    let code = totp_code(&secret, 0);
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let client = s.client.clone();
        let url = s.url("/v2/user/mfa/verify_installation");
        let (token, code) = (token.clone(), code.clone());
        tasks.push(tokio::spawn(async move {
            client
                .put(url)
                .bearer_auth(token)
                .json(&json!({ "method": "totp", "otp_attempt": code }))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(statuses.iter().filter(|&&s| s == 200).count(), 1, "{statuses:?}");
    assert!(
        statuses.iter().all(|&s| s == 200 || s == 409 || s == 422 || s == 429),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn five_failures_then_429_with_retry_after() {
    let s = TestServer::start().await;
    away_from_step_edge(4).await;
    let token = s.user_with_token("rl@example.com").await;
    let secret = start_totp(&s, &token).await;
    for _ in 0..5 {
        let (status, _) = verify(&s, &token, "totp", "123456").await;
        assert_eq!(status, 422);
    }
    let res = s
        .send(
            Method::PUT,
            "/v2/user/mfa/verify_installation",
            Some(&token),
            Some(json!({ "method": "totp", "otp_attempt": totp_code(&secret, 0) })),
        )
        .await;
    assert_eq!(res.status().as_u16(), 429);
    let retry: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(retry > 0 && retry <= 900, "{retry}");
    let body: Value = res.json().await.unwrap();
    assert!(body["errors"][0].as_str().unwrap().contains("Too many"));
}

#[tokio::test]
async fn password_failures_are_rate_limited_per_email() {
    let s = TestServer::start().await;
    s.create_user("pw@example.com", "correct horse battery").await;
    for _ in 0..5 {
        let (status, _) = s
            .sign_in_with(json!({ "email": "pw@example.com", "password": "nope" }))
            .await;
        assert_eq!(status, 401);
    }
    let res = s
        .send(
            Method::POST,
            "/auth/sign_in",
            None,
            Some(json!({ "email": "pw@example.com", "password": "correct horse battery" })),
        )
        .await;
    assert_eq!(res.status().as_u16(), 429);
    assert!(res.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn sms_enable_verify_sign_in_and_disable() {
    let s = TestServer::start().await;
    let token = sms_user(&s, "s1@example.com").await;
    let m = me(&s, &token).await;
    let tfa = &m["two_factor_authentication"];
    assert_eq!(tfa["otp_sms_enabled"], true);
    assert_eq!(tfa["otp_phone"], "+1 202-555-0143");
    assert_eq!(tfa["otp_default_method"], "sms");
    assert!(tfa["otp_sms_enabled_at"].is_string());

    // Sign in: the code is sent on request, to the verified phone.
    let (_, body) = s
        .sign_in_with(json!({ "email": "s1@example.com", "password": "correct horse battery" }))
        .await;
    assert_eq!(body["otp_methods"], json!(["sms"]));
    let state = body["otp_session_state"].as_str().unwrap().to_string();
    let (status, body) = s
        .post("/auth/mfa/send_sms_otp", json!({ "otp_session_state": state }))
        .await;
    assert_eq!((status, body), (200, json!({ "status": "queued" })));
    // A second request within 30 seconds is refused with Retry-After.
    let res = s
        .send(
            Method::POST,
            "/auth/mfa/send_sms_otp",
            None,
            Some(json!({ "otp_session_state": state })),
        )
        .await;
    assert_eq!(res.status().as_u16(), 429);
    let retry: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=30).contains(&retry));
    let code = s.last_code(PHONE).await;
    let (status, body) = second_factor(&s, &state, "sms", &code).await;
    assert_eq!(status, 200, "{body}");
    let token2 = body["token"].as_str().unwrap().to_string();

    // Disable: a code sent to the signed-in user, single use.
    let (status, _) = s
        .call(Method::POST, "/auth/mfa/send_sms_otp", Some(&token2), Some(json!({})))
        .await;
    assert_eq!(status, 200);
    let code = s.last_code(PHONE).await;
    let (status, body) = s
        .call(
            Method::PUT,
            &format!("/v2/user/mfa/disable?method=sms&otp_attempt={code}"),
            Some(&token2),
            None,
        )
        .await;
    assert_eq!((status, body), (200, json!({ "status": "disabled", "method": "sms" })));
    let tfa = me(&s, &token2).await["two_factor_authentication"].clone();
    assert_eq!(tfa["enabled"], false);
    assert!(tfa["otp_default_method"].is_null());
    assert!(tfa["otp_phone"].is_null());
    assert_eq!(tfa["recovery_codes_left"], 0, "codes go with the last method");
}

#[tokio::test]
async fn sms_codes_are_single_use_and_phone_is_checked() {
    let s = TestServer::start().await;
    let token = s.user_with_token("s2@example.com").await;
    for bad in [
        json!({ "method": "sms", "phone_number": "12", "country_code": "+1" }),
        json!({ "method": "sms" }),
        json!({ "method": "fax" }),
    ] {
        let (status, body) = s.put("/v2/user/mfa/enable", &token, bad).await;
        assert_eq!(status, 422, "{body}");
        assert!(body["errors"][0].is_string());
    }
    let (status, _) = s
        .call(
            Method::PUT,
            "/v2/user/mfa/enable?method=sms&phone_number=2025550143&country_code=%2B1",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let code = s.last_code(PHONE).await;
    let (status, _) = verify(&s, &token, "sms", &code).await;
    assert_eq!(status, 200);
    let (status, _) = verify(&s, &token, "sms", &code).await;
    assert_eq!(status, 409, "second use of the code: the method is on");
}

#[tokio::test]
async fn disabling_the_default_moves_it_to_the_other_method() {
    let s = TestServer::start().await;
    let (token, secret, codes) = totp_user_with_codes(&s, "both@example.com").await;
    let (status, _) = s
        .put(
            "/v2/user/mfa/enable",
            &token,
            json!({ "method": "sms", "phone_number": "+1 202 555 0143",
                "otp_method": "recovery", "otp_attempt": codes[0] }),
        )
        .await;
    assert_eq!(status, 200);
    let code = s.last_code(PHONE).await;
    let (status, body) = verify(&s, &token, "sms", &code).await;
    assert_eq!(status, 200);
    assert!(body.get("recovery_codes").is_none(), "codes only with the first method");

    let (status, body) = s
        .put("/v2/user/mfa/default_method", &token, json!({ "method": "sms" }))
        .await;
    assert_eq!((status, body), (200, json!({ "status": "updated", "method": "sms" })));
    let tfa = me(&s, &token).await["two_factor_authentication"].clone();
    assert_eq!(
        (tfa["otp_default_method"].clone(), tfa["enabled"].clone()),
        (json!("sms"), json!(true))
    );

    // Wrong code: nothing changes.
    let (status, _) = disable(&s, &token, "sms", "000000").await;
    assert_eq!(status, 422);
    let (status, _) = s.call(Method::POST, "/auth/mfa/send_sms_otp", Some(&token), None).await;
    assert_eq!(status, 200);
    let code = s.last_code(PHONE).await;
    let (status, _) = disable(&s, &token, "sms", &code).await;
    assert_eq!(status, 200);
    let tfa = me(&s, &token).await["two_factor_authentication"].clone();
    assert_eq!(tfa["otp_default_method"], "totp");
    assert_eq!(tfa["recovery_codes_left"], 9, "one confirmed the second method");

    let (status, _) = s
        .call(
            Method::PUT,
            "/v2/user/mfa/default_method?method=sms",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(status, 422, "sms is off now");

    let (status, _) = disable(&s, &token, "totp", &totp_code(&secret, 30)).await;
    assert_eq!(status, 200);
    assert_eq!(me(&s, &token).await["two_factor_authentication"]["enabled"], false);
}

#[tokio::test]
async fn recovery_codes_generate_list_and_sign_in_once() {
    let s = TestServer::start().await;
    let (token, _, first) = totp_user_with_codes(&s, "rc@example.com").await;
    let confirm = |code: &str| json!({ "otp_method": "recovery", "otp_attempt": code });
    let (status, body) = s.put("/v2/user/mfa/recovery_codes", &token, confirm(&first[0])).await;
    assert_eq!(status, 200);
    let codes = recovery_codes(&body);
    assert_eq!(codes.len(), 10);
    assert!(body["generated_at"].as_str().unwrap().ends_with('Z'));
    for c in &codes {
        assert!(!c.contains(['0', '1', 'o', 'l', 'O', 'I']), "{c}");
    }

    let sign_in_state = || async {
        let (_, body) = s
            .sign_in_with(json!({ "email": "rc@example.com", "password": "correct horse battery" }))
            .await;
        body["otp_session_state"].as_str().unwrap().to_string()
    };
    let state = sign_in_state().await;
    let typed = codes[3].replace('-', "").to_uppercase();
    let (status, body) = recovery_sign_in(&s, &state, &typed).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["recovery_codes_left"], 9);
    assert!(body["token"].is_string());

    let state = sign_in_state().await;
    let (status, _) = recovery_sign_in(&s, &state, &codes[3]).await;
    assert_eq!(status, 422, "a used code is refused");

    let path = format!(
        "/v2/user/mfa/recovery_codes?otp_method=recovery&otp_attempt={}",
        codes[9]
    );
    let (status, body) = s.get(&path, &token).await;
    assert_eq!(status, 200);
    let listed = body["recovery_codes"].as_array().unwrap();
    assert_eq!(listed.len(), 10);
    assert_eq!(listed[3]["code"], codes[3]);
    assert!(listed[3]["used_at"].is_string());
    assert!(listed[0]["used_at"].is_null());

    // Regenerating replaces the whole set.
    let (_, body) = s.put("/v2/user/mfa/recovery_codes", &token, confirm(&codes[8])).await;
    assert_ne!(body["recovery_codes"][0], codes[0].as_str());
    let state = sign_in_state().await;
    let (status, _) = recovery_sign_in(&s, &state, &codes[0]).await;
    assert_eq!(status, 422, "old set is gone");
}

#[tokio::test]
async fn recovery_codes_need_two_factor_on() {
    let s = TestServer::start().await;
    let token = s.user_with_token("rc0@example.com").await;
    let (status, _) = s
        .call(Method::PUT, "/v2/user/mfa/recovery_codes", Some(&token), None)
        .await;
    assert_eq!(status, 422);
    let (status, body) = s.get("/v2/user/mfa/recovery_codes", &token).await;
    assert_eq!(status, 200);
    assert_eq!(body, json!({ "recovery_codes": [], "generated_at": null }));
}

#[tokio::test]
async fn lookup_phone_number_answers_valid_and_invalid() {
    let s = TestServer::start().await;
    let token = s.user_with_token("lk@example.com").await;
    let (status, body) = s
        .get(
            "/v2/user/mfa/lookup_phone_number?phone_number=2025550143&country_code=%2B1",
            &token,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["valid"], true);
    assert_eq!(body["phone_number"], PHONE);
    assert_eq!(body["national_format"], "(202) 555-0143");
    assert_eq!(body["country_code"], "+1");
    assert_eq!(body["region"], "US");
    let (status, body) = s
        .get(
            "/v2/user/mfa/lookup_phone_number?phone_number=123&country_code=%2B1",
            &token,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["valid"], false);
    assert!(body["message"].is_string());
    let (status, _) = s
        .call(
            Method::GET,
            "/v2/user/mfa/lookup_phone_number?phone_number=1",
            None,
            None,
        )
        .await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn restart_keeps_factors_and_codes() {
    let mut s = TestServer::start().await;
    let (token, secret, first) = totp_user_with_codes(&s, "keep@example.com").await;
    let (_, body) = s
        .put(
            "/v2/user/mfa/recovery_codes",
            &token,
            json!({ "otp_method": "recovery", "otp_attempt": first[0] }),
        )
        .await;
    let code = body["recovery_codes"][0].as_str().unwrap().to_string();
    s.restart().await;
    let tfa = me(&s, &token).await["two_factor_authentication"].clone();
    assert_eq!(tfa["otp_totp_enabled"], true);
    assert_eq!(tfa["recovery_codes_left"], 10);
    let (_, body) = s
        .sign_in_with(json!({ "email": "keep@example.com", "password": "correct horse battery" }))
        .await;
    let state = body["otp_session_state"].as_str().unwrap();
    // The replay guard survives the restart as well.
    let (status, _) = s
        .sign_in_with(json!({ "otp_session_state": state, "otp_attempt": totp_code(&secret, 0) }))
        .await;
    assert_eq!(status, 422);
    let (status, _) = recovery_sign_in(&s, state, &code).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn every_mfa_endpoint_needs_a_token() {
    let s = TestServer::start().await;
    for (method, path) in [
        (Method::PUT, "/v2/user/mfa/enable?method=totp"),
        (
            Method::PUT,
            "/v2/user/mfa/verify_installation?method=totp&otp_attempt=123456",
        ),
        (Method::PUT, "/v2/user/mfa/disable?method=totp&otp_attempt=123456"),
        (Method::PUT, "/v2/user/mfa/default_method?method=totp"),
        (Method::PUT, "/v2/user/mfa/recovery_codes"),
        (Method::GET, "/v2/user/mfa/recovery_codes"),
        (Method::POST, "/auth/mfa/send_sms_otp"),
    ] {
        let (status, body) = s.call(method, path, None, None).await;
        assert_eq!(status, 401, "{path}");
        assert!(body["errors"][0].is_string());
    }
    let (status, _) = s
        .sign_in_with(json!({ "otp_session_state": "forged", "otp_attempt": "123456" }))
        .await;
    assert_eq!(status, 401);
    let (status, _) = s
        .post(
            "/auth/sign_in_with_recovery_code",
            json!({ "otp_session_state": "forged", "recovery_code": "abcde-fghjk" }),
        )
        .await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn resending_an_sms_code_does_not_reset_the_failure_count() {
    let s = TestServer::start().await;
    sms_user(&s, "resend@example.com").await;
    let state = sign_in_state(&s, "resend@example.com").await;
    let (status, _) = s
        .post("/auth/mfa/send_sms_otp", json!({ "otp_session_state": state }))
        .await;
    assert_eq!(status, 200);
    let attempt =
        |code: &str| s.sign_in_with(json!({ "otp_session_state": state, "otp_attempt": code, "method": "sms" }));
    for _ in 0..4 {
        assert_eq!(attempt("000000").await.0, 422);
    }
    // A resend within the cooldown is refused and does not wipe the four failures.
    let (status, _) = s
        .post("/auth/mfa/send_sms_otp", json!({ "otp_session_state": state }))
        .await;
    assert_eq!(status, 429);
    assert_eq!(attempt("000000").await.0, 422);
    let code = s.last_code(PHONE).await;
    let res = s
        .send(
            Method::POST,
            "/auth/sign_in",
            None,
            Some(json!({ "otp_session_state": state, "otp_attempt": code, "method": "sms" })),
        )
        .await;
    assert_eq!(res.status().as_u16(), 429, "locked even with the right code");
    assert!(res.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn one_recovery_code_used_twice_at_once_works_once() {
    let s = TestServer::start().await;
    let (_, _, codes) = totp_user_with_codes(&s, "rc2@example.com").await;
    let code = codes[0].clone();
    let mut states = Vec::new();
    for _ in 0..4 {
        let (_, body) = s
            .sign_in_with(json!({ "email": "rc2@example.com", "password": "correct horse battery" }))
            .await;
        states.push(body["otp_session_state"].as_str().unwrap().to_string());
    }
    let mut tasks = Vec::new();
    for state in states {
        let client = s.client.clone();
        let url = s.url("/auth/sign_in_with_recovery_code");
        let code = code.clone();
        tasks.push(tokio::spawn(async move {
            client
                .post(url)
                .json(&json!({ "otp_session_state": state, "recovery_code": code }))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut ok = 0;
    for t in tasks {
        if t.await.unwrap() == 200 {
            ok += 1;
        }
    }
    assert_eq!(ok, 1);
}
