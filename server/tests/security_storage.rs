//! What a copy of the database file gives away: no recovery code, authenticator key or sent
//! code can be read from it, and everything still works after a restart with the same key.

mod common;

use common::{
    away_from_step_edge, recovery_codes, recovery_sign_in, second_factor, sign_in_state, start_sms, start_totp,
    totp_code, verify, TestServer, CG_PHONE,
};

#[tokio::test]
async fn no_secret_is_readable_in_the_database_file() {
    let mut s = TestServer::start().await;
    away_from_step_edge(6).await;
    let token = s.user_with_token("vault@example.com").await;
    let secret = start_totp(&s, &token).await;
    let (status, body) = verify(&s, &token, "totp", &totp_code(&secret, 0)).await;
    assert_eq!(status, 200, "{body}");
    let codes = recovery_codes(&body);
    // A second user with a pending authenticator key and a text code waiting.
    let other = s.user_with_token("pending@example.com").await;
    let pending = start_totp(&s, &other).await;
    let (status, _) = start_sms(&s, &other).await;
    assert_eq!(status, 200);
    let texted = s.last_code(CG_PHONE).await;

    // The outbox stands for the text and email provider: what it delivers is not stored here.
    let text = common::database_text(&s.dir, &["outbox"]).to_ascii_lowercase();
    for code in &codes {
        assert!(!text.contains(code.as_str()), "recovery code {code} readable");
        assert!(!text.contains(&code.replace('-', "")), "recovery code {code} readable");
    }
    for key in [&secret, &pending] {
        assert!(!text.contains(&key.to_ascii_lowercase()), "authenticator key readable");
    }
    let unsalted = mfa_server::crypto::sha256_hex(&texted);
    assert!(!text.contains(&unsalted), "a sent code is stored as its bare SHA-256");
    assert!(
        !text.contains(&format!("\n{texted}\n")),
        "a sent code is stored as it is"
    );

    // The key lives outside the database: a restart reads everything back.
    s.restart().await;
    let state = sign_in_state(&s, "vault@example.com").await;
    let (status, body) = second_factor(&s, &state, "totp", &totp_code(&secret, 30)).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = verify(&s, &other, "sms", &texted).await;
    assert_eq!(status, 200, "{body}");
    let state = sign_in_state(&s, "vault@example.com").await;
    let (status, body) = recovery_sign_in(&s, &state, &codes[3]).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_new_key_re_seals_everything_at_start() {
    let mut s = TestServer::start().await;
    let (_, secret, codes) = common::totp_user_with_codes(&s, "rotate@example.com").await;
    let old_key = std::fs::read_to_string(&s.config.key_file).unwrap();
    let sealed_with = |s: &TestServer| {
        let conn = rusqlite::Connection::open(common::db_path(&s.dir)).unwrap();
        let v: String = conn
            .query_row(
                "SELECT totp_secret FROM users WHERE email = 'rotate@example.com'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        v.split('.').nth(1).unwrap().to_string()
    };
    let before = sealed_with(&s);
    let new_key = "0123456789abcdef".repeat(4);
    std::fs::write(&s.config.key_file, format!("{new_key}\n{old_key}")).unwrap();
    s.restart().await;
    let after = sealed_with(&s);
    assert_ne!(before, after, "sealed under the new key");
    // The old key can go: everything opens with the new one alone.
    std::fs::write(&s.config.key_file, format!("{new_key}\n")).unwrap();
    s.restart().await;
    let state = sign_in_state(&s, "rotate@example.com").await;
    let (status, body) = second_factor(&s, &state, "totp", &totp_code(&secret, 30)).await;
    assert_eq!(status, 200, "{body}");
    let state = sign_in_state(&s, "rotate@example.com").await;
    let (status, body) = recovery_sign_in(&s, &state, &codes[1]).await;
    assert_eq!(status, 200, "the keyed hashes were computed again: {body}");
}
