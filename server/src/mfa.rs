//! The rules of authentication shared by both dialects: sessions, sign-in with a second factor,
//! sent codes, TOTP checks with replay protection, rate limits, enabling and disabling factors,
//! and recovery codes.

use rusqlite::Connection;

use crate::clock;
use crate::crypto;
use crate::db::{self, Db, User};
use crate::error::{AppError, AppResult};
use crate::totp;

/// Lifetime of a bearer token.
pub const TOKEN_TTL: i64 = 12 * 3600;
/// Lifetime of a half-signed-in state (password checked, second factor pending).
pub const OTP_SESSION_TTL: i64 = 10 * 60;
/// Lifetime of a code sent by text message or email.
pub const CODE_TTL: i64 = 10 * 60;
/// Minimum time between two codes of the same purpose.
pub const RESEND_COOLDOWN: i64 = 30;
/// Failures allowed per factor (or per email for passwords) within [`FAILURE_WINDOW`].
pub const MAX_FAILURES: i64 = 5;
/// Window of the failure count, in seconds.
pub const FAILURE_WINDOW: i64 = 15 * 60;
/// Number of recovery codes in a set.
pub const RECOVERY_CODE_COUNT: usize = 10;

pub const INVALID_CREDENTIALS: &str = "Invalid email or password";

// ---- rate limiting ----

/// The failure-count key of a factor of a user ("totp", "sms", "email", "recovery").
pub fn rate_key(factor: &str, user: i64) -> String {
    format!("{factor}:{user}")
}

/// Refuses with 429 while `key` has [`MAX_FAILURES`] failures within the window.
pub fn check_rate(c: &Connection, key: &str, now: i64) -> AppResult<()> {
    let (count, oldest) = db::failures_since(c, key, now - FAILURE_WINDOW)?;
    if count >= MAX_FAILURES {
        let oldest = oldest.unwrap_or(now);
        let retry_after = (oldest + FAILURE_WINDOW - now).max(1) as u64;
        return Err(AppError::TooManyAttempts { retry_after });
    }
    Ok(())
}

// ---- sessions ----

/// Creates a bearer token for a user; only its SHA-256 is stored.
pub fn new_session(c: &Connection, user: i64, now: i64) -> AppResult<String> {
    let token = crypto::random_token();
    db::insert_session(c, &crypto::sha256_hex(&token), user, now, TOKEN_TTL)?;
    Ok(token)
}

/// The user a bearer token belongs to, or 401.
pub fn user_for_token(c: &Connection, token: &str, now: i64) -> AppResult<User> {
    let expired = || AppError::Unauthorized("Session expired or invalid; sign in again".into());
    let id = db::session_user(c, &crypto::sha256_hex(token), now)?.ok_or_else(expired)?;
    db::user_by_id(c, id)?.ok_or_else(expired)
}

/// Creates a half-signed-in state for a user whose password was right.
pub fn new_otp_session(c: &Connection, user: i64, now: i64) -> AppResult<String> {
    let state = crypto::random_token();
    db::insert_otp_session(c, &crypto::sha256_hex(&state), user, now + OTP_SESSION_TTL)?;
    Ok(state)
}

/// Like [`new_otp_session`] but keyed by a UUID (B2Core's sign-in `uuid`).
pub fn new_otp_session_uuid(c: &Connection, user: i64, now: i64) -> AppResult<String> {
    let uuid = crypto::random_uuid();
    db::insert_otp_session(c, &crypto::sha256_hex(&uuid), user, now + OTP_SESSION_TTL)?;
    Ok(uuid)
}

/// The user of a half-signed-in state, or 401 when it is unknown or expired.
pub fn user_for_otp_session(c: &Connection, state: &str, now: i64) -> AppResult<User> {
    let expired = || AppError::Unauthorized("The sign-in has expired; enter your email and password again".into());
    let id = db::otp_session_user(c, &crypto::sha256_hex(state), now)?.ok_or_else(expired)?;
    db::user_by_id(c, id)?.ok_or_else(expired)
}

// ---- passwords ----

/// The outcome of a correct email and password.
pub enum SignIn {
    /// No second factor: signed in.
    Token(String),
    /// A second factor is needed; the state identifies this half-finished sign-in.
    SecondFactor { state: String, user: Box<User> },
}

/// Normalises an email for lookup, refusing empty and overlong input.
pub fn normalise_email(email: &str) -> AppResult<String> {
    let email = email.trim().to_ascii_lowercase();
    if email.is_empty() || email.len() > 254 || !email.contains('@') {
        return Err(AppError::validation("email", "Enter a valid email address"));
    }
    Ok(email)
}

/// Checks an email and password; `uuid_state` picks a UUID-shaped state (B2Core).
pub async fn sign_in_password(db: &Db, email: &str, password: &str, uuid_state: bool) -> AppResult<SignIn> {
    if email.trim().is_empty() || password.is_empty() {
        return Err(AppError::validation("email", "Email and password are required"));
    }
    let email = email.trim().to_ascii_lowercase();
    if email.len() > 254 || password.len() > 1024 {
        return Err(AppError::Unauthorized(INVALID_CREDENTIALS.into()));
    }
    let key = format!("password:{email}");
    let (user, key) = {
        let email = email.clone();
        db.call(move |c| {
            check_rate(c, &key, clock::now())?;
            Ok((db::user_by_email(c, &email)?, key))
        })
        .await?
    };
    let password = password.to_string();
    let hash = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| crypto::dummy_password_hash().to_string());
    let ok = tokio::task::spawn_blocking(move || crypto::verify_hash(&password, &hash)).await?;
    db.call(move |c| {
        let now = clock::now();
        let user = match user {
            Some(u) if ok => u,
            _ => {
                db::record_failure(c, &key, now)?;
                return Err(AppError::Unauthorized(INVALID_CREDENTIALS.into()));
            }
        };
        db::clear_failures(c, &key)?;
        if user.mfa_enabled() {
            let state = if uuid_state {
                new_otp_session_uuid(c, user.id, now)?
            } else {
                new_otp_session(c, user.id, now)?
            };
            Ok(SignIn::SecondFactor {
                state,
                user: Box::new(user),
            })
        } else {
            Ok(SignIn::Token(new_session(c, user.id, now)?))
        }
    })
    .await
}

/// Finishes a sign-in with a code of `method` (the default method when `None`).
pub fn complete_sign_in(
    c: &Connection,
    state: &str,
    method: Option<&str>,
    attempt: &str,
    now: i64,
) -> AppResult<String> {
    let user = user_for_otp_session(c, state, now)?;
    let method = match method {
        Some(m) => m.to_string(),
        None => user
            .default_method
            .clone()
            .or_else(|| user.methods().first().map(|m| m.to_string()))
            .unwrap_or_default(),
    };
    verify_factor(c, &user, &method, "signin", attempt, now)?;
    db::delete_otp_session(c, &crypto::sha256_hex(state))?;
    new_session(c, user.id, now)
}

/// Signs in with a recovery code; returns the token and how many codes are left.
pub async fn sign_in_with_recovery_code(db: &Db, state: &str, code: &str) -> AppResult<(String, i64)> {
    let state = state.to_string();
    let typed = crypto::normalise_recovery_code(code);
    let (user, candidate) = {
        let state = state.clone();
        let typed = typed.clone();
        db.call(move |c| {
            let now = clock::now();
            let user = user_for_otp_session(c, &state, now)?;
            let key = rate_key("recovery", user.id);
            check_rate(c, &key, now)?;
            // The stored code finds the row; the argon2 hash still has to agree (see
            // store_recovery_codes), so a tampered plaintext column alone cannot admit anyone.
            let rows = db::recovery_codes(c, user.id)?;
            let candidate = typed.as_ref().and_then(|t| {
                rows.into_iter()
                    .find(|(_, stored, _, used)| used.is_none() && crypto::ct_eq(stored.as_bytes(), t.as_bytes()))
            });
            match candidate {
                Some(row) => Ok((user, row)),
                None => {
                    db::record_failure(c, &key, now)?;
                    Err(AppError::validation("code", "Invalid recovery code"))
                }
            }
        })
        .await?
    };
    let (id, _, hash, _) = candidate;
    let typed = typed.unwrap_or_default();
    let ok = tokio::task::spawn_blocking(move || crypto::verify_hash(&typed, &hash)).await?;
    db.call(move |c| {
        let now = clock::now();
        let key = rate_key("recovery", user.id);
        if !ok || !db::use_recovery_code(c, id, now)? {
            db::record_failure(c, &key, now)?;
            return Err(AppError::validation("code", "Invalid recovery code"));
        }
        db::touch_otp_used(c, user.id, now)?;
        db::delete_otp_session(c, &crypto::sha256_hex(&state))?;
        let token = new_session(c, user.id, now)?;
        Ok((token, db::recovery_codes_left(c, user.id)?))
    })
    .await
}

// ---- codes by text message or email ----

/// Sends a 6-digit code to `recipient` through the outbox and stores its hash. Refuses with 429
/// within [`RESEND_COOLDOWN`] of the previous code of the same purpose. Returns the send time.
pub fn send_code(
    c: &Connection,
    user: i64,
    purpose: &str,
    recipient: &str,
    channel: &str,
    issuer: &str,
    now: i64,
) -> AppResult<i64> {
    if let Some(last) = db::last_code_sent_at(c, user, purpose)? {
        let wait = last + RESEND_COOLDOWN - now;
        if wait > 0 {
            return Err(AppError::TooManyAttempts {
                retry_after: wait as u64,
            });
        }
    }
    let code = crypto::random_digits6();
    db::insert_code(c, user, purpose, recipient, &crypto::sha256_hex(&code), now, CODE_TTL)?;
    let body = format!(
        "{issuer}: your verification code is {code}. It expires in {} minutes. Never share it.",
        CODE_TTL / 60
    );
    db::insert_outbox(c, recipient, &body, channel, now)?;
    Ok(now)
}

/// Checks a sent code of `purpose` (single use), counting failures under `factor`.
pub fn verify_sent_code(
    c: &Connection,
    user: i64,
    factor: &str,
    purpose: &str,
    attempt: &str,
    now: i64,
) -> AppResult<String> {
    let key = rate_key(factor, user);
    check_rate(c, &key, now)?;
    let attempt = attempt.trim();
    let well_formed = attempt.len() == 6 && attempt.bytes().all(|b| b.is_ascii_digit());
    let found = if well_formed {
        db::consume_code(c, user, purpose, &crypto::sha256_hex(attempt), now)?
    } else {
        None
    };
    match found {
        Some(recipient) => {
            db::clear_failures(c, &key)?;
            Ok(recipient)
        }
        None => {
            db::record_failure(c, &key, now)?;
            Err(AppError::invalid_code())
        }
    }
}

/// Checks a TOTP code against `secret_b32`, refusing steps at or before `last_step`.
/// Returns the accepted step.
pub fn verify_totp_secret(
    c: &Connection,
    user: i64,
    secret_b32: &str,
    last_step: Option<i64>,
    attempt: &str,
    now: i64,
) -> AppResult<i64> {
    let key = rate_key("totp", user);
    check_rate(c, &key, now)?;
    let secret = crypto::base32_decode(secret_b32)
        .ok_or_else(|| AppError::Internal("stored TOTP secret is not base32".into()))?;
    match totp::verify(&secret, attempt, now, last_step) {
        Some(step) => {
            db::clear_failures(c, &key)?;
            Ok(step)
        }
        None => {
            db::record_failure(c, &key, now)?;
            Err(AppError::invalid_code())
        }
    }
}

/// Checks a code of an enabled factor and records its use. For `sms`, the code must have been
/// sent for `sms_purpose`.
pub fn verify_factor(
    c: &Connection,
    user: &User,
    method: &str,
    sms_purpose: &str,
    attempt: &str,
    now: i64,
) -> AppResult<()> {
    match method {
        "totp" => {
            let secret = user
                .totp_secret
                .as_deref()
                .ok_or_else(|| AppError::validation("method", "The authenticator app is not enabled"))?;
            let step = verify_totp_secret(c, user.id, secret, user.totp_last_step, attempt, now)?;
            db::record_totp_use(c, user.id, step, now)
        }
        "sms" => {
            if !user.sms_enabled() {
                return Err(AppError::validation("method", "Text messages are not enabled"));
            }
            verify_sent_code(c, user.id, "sms", sms_purpose, attempt, now)?;
            db::touch_otp_used(c, user.id, now)
        }
        _ => Err(unknown_method()),
    }
}

pub fn unknown_method() -> AppError {
    AppError::validation("method", "Method must be sms or totp")
}

// ---- enabling and disabling ----

/// Book-keeping after `method` was verified for a user (`before` is the row before): the first
/// method becomes the default. Returns true when recovery codes should be issued now: this
/// is the first method and the user has none left.
pub fn after_enable(c: &Connection, before: &User, method: &str) -> AppResult<bool> {
    let default_ok = match before.default_method.as_deref() {
        Some("totp") => before.totp_enabled(),
        Some("sms") => before.sms_enabled(),
        _ => false,
    };
    if !default_ok {
        db::set_default_method(c, before.id, Some(method))?;
    }
    Ok(!before.mfa_enabled() && db::recovery_codes_left(c, before.id)? == 0)
}

/// Turns a method off. The default moves to the remaining method, or to none; with no method
/// left the recovery codes go too, since they only stand in for a second factor.
pub fn disable_method(c: &Connection, user: &User, method: &str) -> AppResult<()> {
    let other = match method {
        "totp" => {
            db::disable_totp(c, user.id)?;
            user.sms_enabled().then_some("sms")
        }
        "sms" => {
            db::disable_sms(c, user.id)?;
            user.totp_enabled().then_some("totp")
        }
        _ => return Err(unknown_method()),
    };
    if user.default_method.as_deref() == Some(method) || other.is_none() {
        db::set_default_method(c, user.id, other)?;
    }
    if other.is_none() {
        db::delete_recovery_codes(c, user.id)?;
    }
    Ok(())
}

// ---- recovery codes ----

/// Generates and stores a new set of recovery codes, replacing the old set.
///
/// Storage decision: each row keeps the argon2id hash, which is what sign-in verifies, *and*
/// the code itself, because the contract lets the signed-in user view the set again
/// (`GET /v2/user/mfa/recovery_codes`, as GitHub allows). Viewing needs the codes back, so a
/// hash alone cannot serve it; encrypting them with a server key only moves the secret next to
/// the database in a reference server. The stored code is therefore as sensitive as a password
/// reset link and the database file must be protected accordingly. Sign-in still requires the
/// hash to match, so editing the code column alone does not let anyone in.
pub async fn store_recovery_codes(db: &Db, user: i64) -> AppResult<(Vec<String>, i64)> {
    let pairs = tokio::task::spawn_blocking(|| {
        (0..RECOVERY_CODE_COUNT)
            .map(|_| {
                let code = crypto::random_recovery_code();
                let hash = crypto::hash_code(&code);
                (code, hash)
            })
            .collect::<Vec<_>>()
    })
    .await?;
    db.call(move |c| {
        let now = clock::now();
        db::replace_recovery_codes(c, user, &pairs, now)?;
        Ok((pairs.into_iter().map(|(code, _)| code).collect(), now))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db_with_user() -> (tempfile_free::Mem, i64) {
        let mem = tempfile_free::Mem::new();
        let id = db::insert_user(&mem.0, "u@example.com", "x", "U", "Ser", 0)
            .unwrap()
            .unwrap();
        (mem, id)
    }

    /// An in-memory database with the schema, without the async wrapper.
    mod tempfile_free {
        pub struct Mem(pub rusqlite::Connection);
        impl Mem {
            pub fn new() -> Self {
                let mut c = rusqlite::Connection::open_in_memory().unwrap();
                crate::db::migrate_for_tests(&mut c);
                Mem(c)
            }
        }
    }

    #[test]
    fn tokens_expire_after_twelve_hours() {
        let (mem, id) = db_with_user();
        let c = &mem.0;
        let token = new_session(c, id, 1_000).unwrap();
        assert_eq!(user_for_token(c, &token, 1_000 + TOKEN_TTL - 1).unwrap().id, id);
        assert!(matches!(
            user_for_token(c, &token, 1_000 + TOKEN_TTL),
            Err(AppError::Unauthorized(_))
        ));
    }

    #[test]
    fn sign_in_states_expire_after_ten_minutes() {
        let (mem, id) = db_with_user();
        let c = &mem.0;
        let state = new_otp_session(c, id, 1_000).unwrap();
        assert!(user_for_otp_session(c, &state, 1_000 + OTP_SESSION_TTL - 1).is_ok());
        assert!(user_for_otp_session(c, &state, 1_000 + OTP_SESSION_TTL).is_err());
    }

    #[test]
    fn sent_codes_expire_and_are_single_use() {
        let (mem, id) = db_with_user();
        let c = &mem.0;
        send_code(c, id, "enable", "+12025550143", "sms", "Bank", 1_000).unwrap();
        let code = db::list_outbox(c, None).unwrap()[0]
            .body
            .split(|ch: char| !ch.is_ascii_digit())
            .find(|run| run.len() == 6)
            .unwrap()
            .to_string();
        assert!(verify_sent_code(c, id, "sms", "enable", &code, 1_000 + CODE_TTL).is_err());
        assert!(verify_sent_code(c, id, "sms", "enable", &code, 1_000 + CODE_TTL - 1).is_ok());
        assert!(verify_sent_code(c, id, "sms", "enable", &code, 1_000 + 10).is_err());
        // The resend cooldown.
        assert!(matches!(
            send_code(
                c,
                id,
                "enable",
                "+12025550143",
                "sms",
                "Bank",
                1_000 + RESEND_COOLDOWN - 1
            ),
            Err(AppError::TooManyAttempts { retry_after: 1 })
        ));
        assert!(send_code(c, id, "enable", "+12025550143", "sms", "Bank", 1_000 + RESEND_COOLDOWN).is_ok());
    }

    #[test]
    fn failures_leave_the_window_after_fifteen_minutes() {
        let (mem, _) = db_with_user();
        let c = &mem.0;
        for t in 0..MAX_FAILURES {
            db::record_failure(c, "totp:1", 10_000 + t * 60).unwrap();
        }
        match check_rate(c, "totp:1", 10_000 + 300) {
            Err(AppError::TooManyAttempts { retry_after }) => {
                assert_eq!(retry_after as i64, FAILURE_WINDOW - 300)
            }
            other => panic!("expected 429, got {other:?}"),
        }
        assert!(check_rate(c, "totp:1", 10_000 + FAILURE_WINDOW).is_ok());
        assert!(check_rate(c, "totp:2", 10_000).is_ok());
    }
}
