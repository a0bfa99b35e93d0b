//! The rules of authentication shared by both dialects: sessions, sign-in with a second factor,
//! sent codes, TOTP checks with replay protection, rate limits, enabling and disabling factors,
//! and recovery codes.

use std::net::IpAddr;

use rusqlite::Connection;
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock;
use crate::crypto;
use crate::db::{self, Db, Tx, User};
use crate::error::{AppError, AppResult};
use crate::factor::{Channel, Method, Purpose, StepUpMethod};
use crate::totp;

/// Lifetime of a bearer token.
pub const TOKEN_TTL: i64 = 12 * 3600;
/// A bearer token unused for this long ends (ASVS 7.3.1).
pub const IDLE_TTL: i64 = 30 * 60;
/// Lifetime of a half-signed-in state (password checked, second factor pending).
pub const OTP_SESSION_TTL: i64 = 10 * 60;
/// Lifetime of a code sent by text message or email.
pub const CODE_TTL: i64 = 10 * 60;
/// Minimum time between two codes of the same flow to one user (every wizard of a kind, every
/// sign-in attempt: one flow each).
pub const RESEND_COOLDOWN: i64 = 30;
/// Texts and emails with a code to one user within a day, whatever the flow.
pub const DAILY_SENDS_PER_USER: i64 = 15;
/// Texts with a code to one phone number being set up within a day, whoever asks. The codes of
/// a number on file (sign-in, step-up, turning off) are not counted: other accounts could
/// otherwise spend the owner's sign-ins by setting the number up on their side.
pub const DAILY_SET_UPS_PER_NUMBER: i64 = 25;
/// Failures allowed per user for second factors (or per email for passwords) within
/// [`FAILURE_WINDOW`].
pub const MAX_FAILURES: i64 = 5;
/// Window of the failure count, in seconds.
pub const FAILURE_WINDOW: i64 = 15 * 60;
/// Wrong second-factor codes in a row after which the factors are locked until a recovery code
/// is used (NIST SP 800-63B 5.2.2: no more than 100).
pub const MAX_CONSECUTIVE_FAILURES: i64 = 100;
/// Wrong passwords in a row for one account, from any address, that cost no wait.
pub const FREE_PASSWORD_FAILURES: i64 = 10;
/// Beyond those, the wait before the next check doubles from 1 s up to this (NIST SP 800-63B's
/// own example: "30 seconds up to an hour").
pub const MAX_PASSWORD_WAIT: i64 = 3_600;
/// From this many wrong passwords in a row (NIST SP 800-63B's limit) one check a day is left.
pub const PASSWORD_FAILURE_LIMIT: i64 = 100;
/// An address the account signed in from within this time is not held by the account-wide wait.
pub const KNOWN_ADDRESS_TTL: i64 = 30 * 86_400;
/// Number of recovery codes in a set.
pub const RECOVERY_CODE_COUNT: usize = 10;

pub const INVALID_CREDENTIALS: &str = "Invalid email or password";

// ---- rate limiting ----

/// The failure-count key of a user's second factors: one budget for every factor (and for the
/// codes that verify a new one), whichever dialect asks.
pub fn second_factor_key(user: i64) -> String {
    format!("2fa:{user}")
}

/// Refuses a second-factor code with 429 while the user's budget is spent, and with 423 after
/// [`MAX_CONSECUTIVE_FAILURES`] wrong codes in a row (`recovery` codes are still taken: one
/// of them lifts the lock).
fn check_second_factor(c: &Connection, user: i64, recovery: bool, now: i64) -> AppResult<()> {
    check_rate(c, &second_factor_key(user), now)?;
    if !recovery && db::consecutive_failures(c, user)? >= MAX_CONSECUTIVE_FAILURES {
        return Err(AppError::Locked);
    }
    Ok(())
}

fn second_factor_failed(c: &Connection, user: i64, now: i64) -> AppError {
    let counted =
        db::record_failure(c, &second_factor_key(user), now).and_then(|_| db::count_consecutive_failure(c, user));
    counted.err().unwrap_or_else(AppError::invalid_code)
}

fn second_factor_passed(c: &Connection, user: i64) -> AppResult<()> {
    db::clear_failures(c, &second_factor_key(user))?;
    db::reset_consecutive_failures(c, user)
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

/// The wait, in seconds, before a password is checked again after `failures` wrong ones in a
/// row: none for the first [`FREE_PASSWORD_FAILURES`], then 1 s doubling up to
/// [`MAX_PASSWORD_WAIT`] (the 22nd on), and a day from the [`PASSWORD_FAILURE_LIMIT`]th: the
/// hundredth comes no sooner than three days after the first.
pub fn password_wait(failures: i64) -> i64 {
    match failures {
        n if n < FREE_PASSWORD_FAILURES => 0,
        n if n >= PASSWORD_FAILURE_LIMIT => 86_400,
        n => (1_i64 << (n - FREE_PASSWORD_FAILURES).min(12)).min(MAX_PASSWORD_WAIT),
    }
}

/// Counts a password attempt for `email` from `peer` before it is checked, refusing with 429
/// while either count says wait: the account and address's [`MAX_FAILURES`] per window, and,
/// unless the account signed in from `peer` before, the account's run of wrong passwords
/// ([`password_wait`]). A right password ends both.
fn count_password_attempt(c: &Connection, email: &str, peer: &str, now: i64) -> AppResult<()> {
    let key = password_key(email, peer);
    check_rate(c, &key, now)?;
    let (failures, last) = db::password_failures(c, email)?;
    let wait = last + password_wait(failures) - now;
    // The address is looked up only when the run of wrong passwords asks for a wait.
    if wait > 0 && !db::signed_in_from(c, email, peer, now - KNOWN_ADDRESS_TTL)? {
        return Err(AppError::TooManyAttempts {
            retry_after: wait as u64,
        });
    }
    db::record_failure(c, &key, now)?;
    db::count_password_failure(c, email, now)
}

fn password_key(email: &str, peer: &str) -> String {
    format!("password:{email}:{peer}")
}

// ---- sessions ----

/// The answer of a finished sign-in in both dialects: `{"token": "..."}`.
#[derive(Serialize, ToSchema)]
pub struct Token {
    token: String,
}

impl Token {
    pub fn new(token: String) -> Token {
        Token { token }
    }
}

/// Creates a bearer token for a user; only its SHA-256 is stored.
pub fn new_session(c: &Connection, user: i64, now: i64) -> AppResult<String> {
    let token = crypto::random_token();
    db::insert_session(c, &crypto::sha256_hex(&token), user, now, TOKEN_TTL)?;
    Ok(token)
}

/// The user a bearer token belongs to, or 401.
pub fn user_for_token(c: &Connection, token: &str, now: i64) -> AppResult<User> {
    let expired = || AppError::Unauthorized("Session expired or invalid; sign in again".into());
    let id = db::use_session(c, &crypto::sha256_hex(token), now, IDLE_TTL)?.ok_or_else(expired)?;
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

/// Checks an email and password sent from `peer`; `uuid_state` picks a UUID-shaped state
/// (B2Core). Attempts are counted before argon2 runs, per account and address (guesses from
/// one address lock that address out of the account, not the account's owner elsewhere) and
/// per account from every address (see [`count_password_attempt`]); the per-address limit of
/// `crate::limits` bounds how fast one address tries.
pub async fn sign_in_password(
    db: &Db,
    email: &str,
    password: &str,
    peer: IpAddr,
    uuid_state: bool,
) -> AppResult<SignIn> {
    if email.trim().is_empty() || password.is_empty() {
        return Err(AppError::validation("email", "Email and password are required"));
    }
    let email = email.trim().to_ascii_lowercase();
    if email.len() > 254 || password.len() > 1024 {
        return Err(AppError::Unauthorized(INVALID_CREDENTIALS.into()));
    }
    let peer = peer.to_string();
    // The attempt is counted as a failure before the password is checked, in the same
    // transaction as the check of the counts: concurrent guesses cannot all pass the check
    // while their hashes run. A right password clears the counts afterwards.
    let user = {
        let (email, peer) = (email.clone(), peer.clone());
        db.call(move |c| {
            count_password_attempt(c, &email, &peer, clock::now())?;
            db::user_by_email(c, &email)
        })
        .await?
    };
    let password = password.to_string();
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    // An unknown email is checked against a hash of nobody's password, on a hashing thread too.
    let ok = crypto::bounded_hashing(move || match &hash {
        Some(hash) => crypto::verify_hash(&password, hash),
        None => crypto::verify_hash(&password, crypto::dummy_password_hash()),
    })
    .await?;
    db.call(move |c| {
        let now = clock::now();
        let user = match user {
            Some(u) if ok => u,
            _ => return Err(AppError::Unauthorized(INVALID_CREDENTIALS.into())),
        };
        db::clear_failures(c, &password_key(&email, &peer))?;
        db::reset_password_failures(c, &email)?;
        db::remember_sign_in_address(c, &email, &peer, now, now - KNOWN_ADDRESS_TTL)?;
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

/// Finishes a sign-in with a code of `method` (the preferred method when `None`).
pub fn complete_sign_in(c: &Tx, state: &str, method: Option<Method>, attempt: &str, now: i64) -> AppResult<String> {
    let user = user_for_otp_session(c, state, now)?;
    let method = method
        .or_else(|| user.preferred_method())
        .ok_or_else(|| AppError::validation("method", "No second factor is on"))?;
    verify_factor(c, user.id, method, &signin_purpose(state), attempt, now)?;
    db::delete_otp_session(c, &crypto::sha256_hex(state))?;
    new_session(c, user.id, now)
}

/// The purpose of a text sent for one sign-in: the code completes that sign-in only.
pub fn signin_purpose(state: &str) -> Purpose {
    Purpose::SignIn(crypto::sha256_hex(state))
}

/// Signs in with a recovery code; returns the token and how many codes are left.
pub fn sign_in_with_recovery_code(c: &Tx, state: &str, code: &str, issuer: &str, now: i64) -> AppResult<(String, i64)> {
    let user = user_for_otp_session(c, state, now)?;
    use_recovery_code(c, &user, code, issuer, now)?;
    db::delete_otp_session(c, &crypto::sha256_hex(state))?;
    let token = new_session(c, user.id, now)?;
    Ok((token, db::recovery_codes_left(c, user.id)?))
}

/// Checks a typed recovery code against the user's unused ones (by keyed hash, no plain code
/// is stored) and marks it used, counting a failure when none matches; the user is told.
pub fn use_recovery_code(c: &Tx, user: &User, code: &str, issuer: &str, now: i64) -> AppResult<()> {
    check_second_factor(c, user.id, true, now)?;
    let found = match crypto::normalise_recovery_code(code) {
        Some(typed) => db::use_recovery_code(c, user.id, &c.keys.hash(&db::recovery_context(user.id), &typed), now)?,
        None => false,
    };
    if !found {
        return Err(match second_factor_failed(c, user.id, now) {
            AppError::Validation { .. } => AppError::validation("code", "Invalid recovery code"),
            broken => broken,
        });
    }
    second_factor_passed(c, user.id)?;
    db::touch_otp_used(c, user.id, now)?;
    factor_changed(c, user, Change::RecoveryCodeUsed, None, issuer, now)
}

// ---- codes by text message or email ----

/// Who sends codes: the issuer that names them, and the host of the page's origin, to which a
/// texted code is bound (WebOTP).
#[derive(Clone, Debug)]
pub struct Sender {
    pub issuer: String,
    pub origin_host: String,
}

impl Sender {
    pub fn of(config: &crate::config::Config) -> Sender {
        Sender {
            issuer: config.issuer.clone(),
            origin_host: config.public_origin_host(),
        }
    }

    /// The message carrying `code`. A text ends with the origin-bound line of the WebOTP format
    /// (`@host #code`, alone on the last line): a browser that reads texts offers the code only to
    /// a page of that host, so a look-alike site cannot have it filled in.
    pub fn code_message(&self, code: &str, channel: Channel) -> String {
        let text = format!(
            "{}: your verification code is {code}. It expires in {} minutes. Never share it.",
            self.issuer,
            CODE_TTL / 60
        );
        match channel {
            Channel::Sms => format!("{text}\n\n@{} #{code}", self.origin_host),
            Channel::Email => text,
        }
    }
}

/// Sends a 6-digit code to `recipient` through the outbox and stores its keyed hash.
/// Refuses with 429 within [`RESEND_COOLDOWN`] of the previous code of the same flow, and
/// beyond the daily caps per user and, for a number being set up, per number. Returns the send
/// time.
pub fn send_code(
    c: &Tx,
    user: i64,
    purpose: &Purpose,
    recipient: &str,
    channel: Channel,
    sender: &Sender,
    now: i64,
) -> AppResult<i64> {
    if let Some(last) = db::last_code_sent_at(c, user, &purpose.flow())? {
        let wait = last + RESEND_COOLDOWN - now;
        if wait > 0 {
            return Err(AppError::TooManyAttempts {
                retry_after: wait as u64,
            });
        }
    }
    let day_ago = now - 86_400;
    let mut caps = vec![(db::codes_sent_by_user(c, user, day_ago)?, DAILY_SENDS_PER_USER)];
    if purpose.sets_up_number() {
        caps.push((
            db::set_up_codes_sent_to(c, recipient, day_ago)?,
            DAILY_SET_UPS_PER_NUMBER,
        ));
    }
    for ((count, oldest), cap) in caps {
        if count >= cap {
            let retry_after = (oldest.unwrap_or(now) + 86_400 - now).max(1) as u64;
            return Err(AppError::TooManyAttempts { retry_after });
        }
    }
    let code = crypto::random_digits6();
    db::insert_code(
        c,
        user,
        purpose,
        recipient,
        &sent_code_hash(c, user, purpose, &code),
        now,
        CODE_TTL,
    )?;
    db::insert_outbox(c, recipient, &sender.code_message(&code, channel), channel, now)?;
    Ok(now)
}

/// The keyed hash a sent code is stored as: six digits have too few values for a plain hash.
fn sent_code_hash(c: &Tx, user: i64, purpose: &Purpose, code: &str) -> String {
    c.keys.hash(&format!("sent:{user}:{purpose}"), code)
}

/// Checks a sent code of `purpose` (single use) within the user's second-factor budget.
pub fn verify_sent_code(c: &Tx, user: i64, purpose: &Purpose, attempt: &str, now: i64) -> AppResult<String> {
    check_second_factor(c, user, false, now)?;
    let attempt = attempt.trim();
    let well_formed = attempt.len() == 6 && attempt.bytes().all(|b| b.is_ascii_digit());
    let found = if well_formed {
        db::consume_code(c, user, purpose, &sent_code_hash(c, user, purpose, attempt), now)?
    } else {
        None
    };
    match found {
        Some(recipient) => {
            second_factor_passed(c, user)?;
            Ok(recipient)
        }
        None => Err(second_factor_failed(c, user, now)),
    }
}

/// Checks a TOTP code against a `sealed` secret of the user, refusing steps at or before
/// `last_step`. Returns the accepted step.
pub fn verify_totp_secret(
    c: &Tx,
    user: i64,
    sealed: &str,
    last_step: Option<i64>,
    attempt: &str,
    now: i64,
) -> AppResult<i64> {
    check_second_factor(c, user, false, now)?;
    let secret = crypto::base32_decode(&c.keys.open(&db::totp_context(user), sealed)?)
        .ok_or_else(|| AppError::Internal("stored TOTP secret is not base32".into()))?;
    match totp::verify(&secret, attempt, now, last_step) {
        Some(step) => {
            second_factor_passed(c, user)?;
            Ok(step)
        }
        None => Err(second_factor_failed(c, user, now)),
    }
}

/// Checks a code of an enabled factor and records its use. For `sms`, the code must have been
/// sent for `sms_purpose`. The user row is read here, in the caller's transaction, so the last
/// accepted TOTP step is the current one even when requests race.
pub fn verify_factor(
    c: &Tx,
    user: i64,
    method: Method,
    sms_purpose: &Purpose,
    attempt: &str,
    now: i64,
) -> AppResult<()> {
    let user = db::user_by_id(c, user)?.ok_or_else(|| AppError::Unauthorized("Sign in again".into()))?;
    match method {
        Method::Totp => {
            let secret = user
                .totp_secret
                .as_deref()
                .ok_or_else(|| AppError::validation("method", "The authenticator app is not enabled"))?;
            let step = verify_totp_secret(c, user.id, secret, user.totp_last_step, attempt, now)?;
            if db::record_totp_use(c, user.id, step, now)? {
                Ok(())
            } else {
                Err(second_factor_failed(c, user.id, now))
            }
        }
        Method::Sms => {
            if !user.sms_enabled() {
                return Err(AppError::validation("method", "Text messages are not enabled"));
            }
            verify_sent_code(c, user.id, sms_purpose, attempt, now)?;
            db::touch_otp_used(c, user.id, now)
        }
    }
}

/// Step-up (ASVS 7.5.1): while a factor is on, a change to the factors takes a current code of
/// one (`otp_method` `totp`, `sms` with a code sent for `account`, or `recovery`), so a bearer
/// token alone changes nothing. Without a valid one it is 403 listing what the user can confirm
/// with; a wrong code still counts against the second-factor budget, and 429/423 stay as they are.
pub fn step_up(
    c: &Tx,
    user: i64,
    method: Option<StepUpMethod>,
    attempt: Option<&str>,
    issuer: &str,
    now: i64,
) -> AppResult<()> {
    let user = db::user_by_id(c, user)?.ok_or_else(|| AppError::Unauthorized("Sign in again".into()))?;
    if !user.mfa_enabled() {
        return Ok(());
    }
    let mut methods: Vec<StepUpMethod> = user.methods().into_iter().map(StepUpMethod::from).collect();
    if db::recovery_codes_left(c, user.id)? > 0 {
        methods.push(StepUpMethod::Recovery);
    }
    let checked = match (method, attempt) {
        (Some(m), Some(code)) if methods.contains(&m) => match m {
            StepUpMethod::Recovery => use_recovery_code(c, &user, code, issuer, now),
            StepUpMethod::Totp => verify_factor(c, user.id, Method::Totp, &Purpose::Account, code, now),
            StepUpMethod::Sms => verify_factor(c, user.id, Method::Sms, &Purpose::Account, code, now),
        },
        _ => Err(AppError::StepUp(Vec::new())),
    };
    match checked {
        Err(AppError::Validation { .. } | AppError::StepUp(_)) => Err(AppError::StepUp(methods)),
        other => other,
    }
}

/// Refuses with 409 to enable a method that is on: replacing a factor starts with turning it
/// off, which needs a code of it.
pub fn ensure_off(user: &User, method: Method) -> AppResult<()> {
    if user.has(method) {
        return Err(AppError::Conflict("Already on".into()));
    }
    Ok(())
}

// ---- enabling and disabling ----

/// Book-keeping after `method` was verified for a user (`before` is the row before): the first
/// method becomes the default, and every other set-up in progress ends, since one begun while
/// no factor was on asked for no current code and must not add a second factor now. Returns
/// true when recovery codes should be issued now: this is the first method and the user has
/// none left.
pub fn after_enable(c: &Connection, before: &User, method: Method, now: i64) -> AppResult<bool> {
    db::end_set_ups(c, before.id, now)?;
    let default_ok = before.default_method.is_some_and(|m| before.has(m));
    if !default_ok {
        db::set_default_method(c, before.id, Some(method))?;
    }
    Ok(!before.mfa_enabled() && db::recovery_codes_left(c, before.id)? == 0)
}

/// Turns a method off. The default moves to the remaining method, or to none; with no method
/// left the recovery codes go too, since they only stand in for a second factor.
pub fn disable_method(c: &Connection, user: &User, method: Method) -> AppResult<()> {
    let other = match method {
        Method::Totp => {
            db::disable_totp(c, user.id)?;
            user.sms_enabled().then_some(Method::Sms)
        }
        Method::Sms => {
            db::disable_sms(c, user.id)?;
            user.totp_enabled().then_some(Method::Totp)
        }
    };
    if user.default_method == Some(method) || other.is_none() {
        db::set_default_method(c, user.id, other)?;
    }
    if other.is_none() {
        db::delete_recovery_codes(c, user.id)?;
    }
    Ok(())
}

// ---- telling the user ----

/// A change to a user's factors.
pub enum Change {
    Added(Method),
    Removed(Method),
    RecoveryCodesGenerated,
    RecoveryCodeUsed,
}

/// Tells the user by email (the outbox) of a change to their factors. An added or removed
/// factor also ends every other session of theirs: `session` is the bearer token of the one
/// that made the change, which stays.
pub fn factor_changed(
    c: &Connection,
    user: &User,
    change: Change,
    session: Option<&str>,
    issuer: &str,
    now: i64,
) -> AppResult<()> {
    let method = |m: Method| match m {
        Method::Sms => "Text messages",
        Method::Totp => "The authenticator app",
    };
    let what = match change {
        Change::Added(m) => format!("{} was turned on for two-factor sign-in", method(m)),
        Change::Removed(m) => format!("{} was turned off for two-factor sign-in", method(m)),
        Change::RecoveryCodesGenerated => "New recovery codes were created; the old ones no longer work".into(),
        Change::RecoveryCodeUsed => "A recovery code was used to sign in".into(),
    };
    if let (Change::Added(_) | Change::Removed(_), Some(token)) = (&change, session) {
        db::end_other_sessions(c, user.id, &crypto::sha256_hex(token))?;
    }
    let body = format!(
        "{issuer}: {what} on {}. If this was not you, sign in and check your security settings.",
        clock::rfc3339(now)
    );
    db::insert_outbox(c, &user.email, &body, Channel::Email, now)
}

// ---- recovery codes ----

/// Generates and stores a new set of recovery codes, replacing the old set. Each is stored
/// twice, neither readable: a keyed hash, which sign-in looks up, and a sealed copy, because the
/// contract lets the signed-in user view the set again (`GET /v2/user/mfa/recovery_codes`).
pub fn store_recovery_codes(c: &Tx, user: i64, now: i64) -> AppResult<Vec<String>> {
    let ctx = db::recovery_context(user);
    let codes: Vec<String> = (0..RECOVERY_CODE_COUNT)
        .map(|_| crypto::random_recovery_code())
        .collect();
    let stored: Vec<(String, String)> = codes
        .iter()
        .map(|code| (c.keys.hash(&ctx, code), c.keys.seal(&ctx, code)))
        .collect();
    db::replace_recovery_codes(c, user, &stored, now)?;
    Ok(codes)
}

/// The user's recovery codes as they were issued, with when each was used.
pub fn list_recovery_codes(c: &Tx, user: i64) -> AppResult<Vec<(String, Option<i64>)>> {
    let ctx = db::recovery_context(user);
    db::recovery_codes(c, user)?
        .into_iter()
        .map(|(sealed, used)| Ok((c.keys.open(&ctx, &sealed)?, used)))
        .collect()
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
        use crate::db::Tx;
        use crate::keys::Keys;

        pub struct Mem(pub rusqlite::Connection, Keys);
        impl Mem {
            pub fn new() -> Self {
                let mut c = rusqlite::Connection::open_in_memory().unwrap();
                crate::db::migrate_for_tests(&mut c);
                let key = "ab".repeat(32);
                Mem(c, Keys::parse(&key).unwrap())
            }
            pub fn tx(&self) -> Tx<'_> {
                Tx {
                    conn: &self.0,
                    keys: &self.1,
                }
            }
        }
    }

    #[test]
    fn tokens_expire_after_twelve_hours_even_in_use_and_after_thirty_idle_minutes() {
        let (mem, id) = db_with_user();
        let c = &mem.0;
        let token = new_session(c, id, 1_000).unwrap();
        let mut t = 1_000;
        while t + IDLE_TTL - 1 < 1_000 + TOKEN_TTL {
            t += IDLE_TTL - 1;
            assert_eq!(user_for_token(c, &token, t).unwrap().id, id);
        }
        let idle = new_session(c, id, 1_000).unwrap();
        assert!(user_for_token(c, &idle, 1_000 + IDLE_TTL).is_err());
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

    fn bank() -> Sender {
        Sender {
            issuer: "Bank".into(),
            origin_host: "bank.example".into(),
        }
    }

    #[test]
    fn a_texted_code_ends_with_the_line_that_binds_it_to_the_origin() {
        let text = bank().code_message("123456", Channel::Sms);
        assert_eq!(
            text,
            "Bank: your verification code is 123456. It expires in 10 minutes. Never share it.\n\n\
             @bank.example #123456"
        );
        // WebOTP reads the last line only, and only in this exact shape.
        assert_eq!(text.lines().last(), Some("@bank.example #123456"));
        assert!(text.len() <= 140, "one text: {} characters", text.len());
        // An email has no such line: no browser reads it.
        let email = bank().code_message("123456", Channel::Email);
        assert!(!email.contains('@') && !email.contains('#'), "{email}");
    }

    #[test]
    fn sent_codes_expire_and_are_single_use() {
        let (mem, id) = db_with_user();
        let c = &mem.tx();
        let enable = &Purpose::Enable;
        send_code(c, id, enable, "+12025550143", Channel::Sms, &bank(), 1_000).unwrap();
        let code = db::list_outbox(c, None).unwrap()[0]
            .body
            .split(|ch: char| !ch.is_ascii_digit())
            .find(|run| run.len() == 6)
            .unwrap()
            .to_string();
        assert!(verify_sent_code(c, id, enable, &code, 1_000 + CODE_TTL).is_err());
        assert!(verify_sent_code(c, id, enable, &code, 1_000 + CODE_TTL - 1).is_ok());
        assert!(verify_sent_code(c, id, enable, &code, 1_000 + 10).is_err());
        // The resend cooldown.
        assert!(matches!(
            send_code(
                c,
                id,
                enable,
                "+12025550143",
                Channel::Sms,
                &bank(),
                1_000 + RESEND_COOLDOWN - 1
            ),
            Err(AppError::TooManyAttempts { retry_after: 1 })
        ));
        assert!(send_code(
            c,
            id,
            enable,
            "+12025550143",
            Channel::Sms,
            &bank(),
            1_000 + RESEND_COOLDOWN
        )
        .is_ok());
    }

    #[test]
    fn the_wait_after_wrong_passwords_grows_to_an_hour_and_a_day_from_the_hundredth() {
        let waits: Vec<i64> = (0..=100).map(password_wait).collect();
        assert!(waits[..10].iter().all(|&w| w == 0));
        assert_eq!(&waits[10..14], &[1, 2, 4, 8]);
        assert_eq!(
            (waits[21], waits[22], waits[99]),
            (2_048, MAX_PASSWORD_WAIT, MAX_PASSWORD_WAIT)
        );
        assert_eq!(waits[100], 86_400);
        // The hundredth wrong password in a row comes three days after the first at the soonest.
        assert!(waits[..100].iter().sum::<i64>() > 3 * 86_400);
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
