//! Sessions: an idle time-out beside the absolute one, other sessions ended when a factor
//! changes, and an email to the user for every factor change.

mod common;

use common::{away_from_step_edge, disable, second_factor, sign_in_state, start_totp, totp_code, verify, TestServer};

fn age_sessions(s: &TestServer, seconds: i64) {
    let conn = rusqlite::Connection::open(common::db_path(&s.dir)).unwrap();
    conn.execute("UPDATE sessions SET last_seen_at = last_seen_at - ?1", [seconds])
        .unwrap();
}

#[tokio::test]
async fn an_idle_session_ends_and_a_busy_one_stays() {
    let s = TestServer::start().await;
    let token = s.user_with_token("idle@example.com").await;
    age_sessions(&s, 29 * 60);
    let (status, _) = s.get("/v2/user/me", &token).await;
    assert_eq!(status, 200, "used within the idle time-out");
    age_sessions(&s, 29 * 60);
    let (status, _) = s.get("/v2/user/me", &token).await;
    assert_eq!(status, 200, "each use restarts the idle time-out");
    age_sessions(&s, 31 * 60);
    let (status, _) = s.get("/v2/user/me", &token).await;
    assert_eq!(status, 401, "idle for more than 30 minutes");
}

#[tokio::test]
async fn a_factor_change_ends_the_other_sessions_and_is_emailed() {
    let s = TestServer::start().await;
    away_from_step_edge(6).await;
    let email = "moved@example.com";
    let token = s.user_with_token(email).await;
    let before = s.sign_in(email, "correct horse battery").await;
    let secret = start_totp(&s, &token).await;
    let (status, _) = verify(&s, &token, "totp", &totp_code(&secret, 0)).await;
    assert_eq!(status, 200);
    let (status, _) = s.get("/v2/user/me", &before).await;
    assert_eq!(status, 401, "a token from before 2FA was turned on");
    let (status, _) = s.get("/v2/user/me", &token).await;
    assert_eq!(status, 200, "the session that made the change stays");
    let mail = s.outbox(email).await;
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert_eq!(mail[0]["channel"], "email");
    assert!(mail[0]["code"].is_null());

    let state = sign_in_state(&s, email).await;
    let (status, body) = second_factor(&s, &state, "totp", &totp_code(&secret, 30)).await;
    assert_eq!(status, 200, "{body}");
    let second = body["token"].as_str().unwrap().to_string();
    tokio::time::sleep(std::time::Duration::from_secs(
        31 - mfa_server::clock::now().rem_euclid(30) as u64,
    ))
    .await;
    let (status, body) = disable(&s, &token, "totp", &totp_code(&secret, 30)).await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = s.get("/v2/user/me", &second).await;
    assert_eq!(status, 401, "removing a factor ends the other sessions");
    assert_eq!(s.outbox(email).await.len(), 2, "the removal is emailed too");
}
