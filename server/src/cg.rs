//! Handlers of the CG dialect (`/auth/...`, `/v2/user/...`): thin wrappers that read the
//! request, call [`crate::mfa`] inside one database call, and shape the JSON answer.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{delete, get, post, put};
use axum::Json;
use serde_json::{json, Value};

use crate::clock::{self, rfc3339};
use crate::crypto;
use crate::db::{self, User};
use crate::error::{AppError, AppResult};
use crate::extract::{bearer, CurrentUser, Params};
use crate::mfa::{self, Change, SignIn};
use crate::phone;
use crate::{AppState, Route};

/// Routes of the CG dialect: (method, path, handler).
pub fn table() -> Vec<Route> {
    vec![
        ("POST", "/auth/sign_in", post(sign_in)),
        ("DELETE", "/auth/sign_out", delete(sign_out)),
        ("POST", "/auth/mfa/send_sms_otp", post(send_sms_otp)),
        ("POST", "/auth/mfa/check", post(check)),
        (
            "POST",
            "/auth/sign_in_with_recovery_code",
            post(sign_in_with_recovery_code),
        ),
        ("GET", "/v2/user/me", get(me)),
        ("PUT", "/v2/user/mfa/enable", put(enable)),
        ("PUT", "/v2/user/mfa/verify_installation", put(verify_installation)),
        ("PUT", "/v2/user/mfa/disable", put(disable)),
        ("GET", "/v2/user/mfa/lookup_phone_number", get(lookup_phone_number)),
        ("PUT", "/v2/user/mfa/default_method", put(default_method)),
        ("PUT", "/v2/user/mfa/recovery_codes", put(generate_recovery_codes)),
        ("GET", "/v2/user/mfa/recovery_codes", get(list_recovery_codes)),
    ]
}

fn ts(t: Option<i64>) -> Value {
    t.map(|t| Value::String(rfc3339(t))).unwrap_or(Value::Null)
}

/// The `GET /v2/user/me` shape of a user.
pub fn me_json(user: &User, recovery_codes_left: i64) -> Value {
    json!({
        "id": user.id,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "two_factor_authentication": {
            "enabled": user.mfa_enabled(),
            "otp_sms_enabled": user.sms_enabled(),
            "otp_totp_enabled": user.totp_enabled(),
            "otp_phone": user.sms_phone.as_deref().map(phone::display),
            "otp_default_method": user.default_method,
            "recovery_codes_left": recovery_codes_left,
            "recovery_codes_generated_at": ts(user.recovery_generated_at),
            "otp_sms_enabled_at": ts(user.sms_enabled_at),
            "otp_totp_enabled_at": ts(user.totp_enabled_at),
            "otp_last_used_at": ts(user.otp_last_used_at),
        }
    })
}

fn method_of(p: &Params) -> AppResult<String> {
    let method = p
        .any(&["method", "otp_method"])
        .ok_or_else(|| AppError::validation("method", "Method is required (sms or totp)"))?
        .to_ascii_lowercase();
    match method.as_str() {
        "sms" | "totp" => Ok(method),
        _ => Err(mfa::unknown_method()),
    }
}

fn attempt_of(p: &Params) -> AppResult<String> {
    p.any(&["otp_attempt", "code", "otp"])
        .ok_or_else(|| AppError::validation("code", "Enter the code"))
}

/// The step-up check of a change to the factors, with the confirming code the request carries.
fn step_up(c: &db::Tx, user: i64, p: &Params, issuer: &str, now: i64) -> AppResult<()> {
    let method = p.get("otp_method").map(|m| m.to_ascii_lowercase());
    mfa::step_up(c, user, method.as_deref(), p.get("otp_attempt").as_deref(), issuer, now)
}

async fn sign_in(
    State(st): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    p: Params,
) -> AppResult<Json<Value>> {
    if let Some(state) = p.get("otp_session_state") {
        let attempt = attempt_of(&p)?;
        let method = p.get("method").map(|m| m.to_ascii_lowercase());
        let token = st
            .db
            .call(move |c| mfa::complete_sign_in(c, &state, method.as_deref(), &attempt, clock::now()))
            .await?;
        return Ok(Json(json!({ "token": token })));
    }
    let email = p.get("email").unwrap_or_default();
    let password = p.raw("password").unwrap_or_default();
    match mfa::sign_in_password(&st.db, &email, &password, peer.ip(), false).await? {
        SignIn::Token(token) => Ok(Json(json!({ "token": token }))),
        SignIn::SecondFactor { state, user } => Ok(Json(json!({
            "otp_session_state": state,
            "otp_methods": user.methods(),
            "otp_default_method": user.default_method.clone().or_else(|| user.methods().first().map(|m| m.to_string())),
        }))),
    }
}

async fn sign_out(State(st): State<AppState>, me: CurrentUser) -> AppResult<StatusCode> {
    let hash = crypto::sha256_hex(&me.token);
    st.db.call(move |c| db::delete_session(c, &hash)).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn send_sms_otp(State(st): State<AppState>, headers: HeaderMap, p: Params) -> AppResult<Json<Value>> {
    let issuer = st.config.issuer.clone();
    let state = p.get("otp_session_state");
    let token = bearer(&headers);
    st.db
        .call(move |c| {
            let now = clock::now();
            let (user, purpose) = match (state, token) {
                (Some(state), _) => (mfa::user_for_otp_session(c, &state, now)?, mfa::signin_purpose(&state)),
                (None, Some(token)) => (mfa::user_for_token(c, &token, now)?, "account".to_string()),
                (None, None) => {
                    return Err(AppError::Unauthorized(
                        "Sign in first: missing otp_session_state or bearer token".into(),
                    ))
                }
            };
            let phone = user
                .sms_phone
                .clone()
                .ok_or_else(|| AppError::validation("method", "Text messages are not enabled"))?;
            mfa::send_code(c, user.id, &purpose, &phone, "sms", &issuer, now)?;
            Ok(())
        })
        .await?;
    Ok(Json(json!({ "status": "queued" })))
}

/// The methods of a sign-in in progress. An email alone gets the same 401 whether or not the
/// account exists or has a second factor: nobody learns either without the password.
async fn check(State(st): State<AppState>, p: Params) -> AppResult<Json<Value>> {
    let state = p
        .get("otp_session_state")
        .ok_or_else(|| AppError::Unauthorized("Sign in first: missing otp_session_state".into()))?;
    let user = st
        .db
        .call(move |c| mfa::user_for_otp_session(c, &state, clock::now()))
        .await?;
    let methods = user.methods();
    Ok(Json(json!({ "enabled": !methods.is_empty(), "methods": methods })))
}

async fn sign_in_with_recovery_code(State(st): State<AppState>, p: Params) -> AppResult<Json<Value>> {
    let state = p.require("otp_session_state", "otp_session_state")?;
    let code = p
        .any(&["recovery_code", "code"])
        .ok_or_else(|| AppError::validation("code", "Enter a recovery code"))?;
    let issuer = st.config.issuer.clone();
    let (token, left) = st
        .db
        .call(move |c| mfa::sign_in_with_recovery_code(c, &state, &code, &issuer, clock::now()))
        .await?;
    Ok(Json(json!({ "token": token, "recovery_codes_left": left })))
}

async fn me(State(st): State<AppState>, me: CurrentUser) -> AppResult<Json<Value>> {
    let id = me.user.id;
    let left = st.db.call(move |c| db::recovery_codes_left(c, id)).await?;
    Ok(Json(me_json(&me.user, left)))
}

async fn enable(State(st): State<AppState>, me: CurrentUser, p: Params) -> AppResult<Json<Value>> {
    let method = method_of(&p)?;
    let user = me.user;
    mfa::ensure_off(&user, &method)?;
    let issuer = st.config.issuer.clone();
    if method == "totp" {
        let secret = crypto::base32_encode(&crypto::random_totp_secret());
        let uri = crate::totp::provisioning_uri(&issuer, &user.email, &secret);
        let (id, s) = (user.id, secret.clone());
        let stored = st
            .db
            .call(move |c| {
                step_up(c, id, &p, &issuer, clock::now())?;
                db::set_totp_pending(c, id, &c.keys.seal(&db::totp_context(id), &s))
            })
            .await?;
        if !stored {
            return Err(AppError::Conflict("Already on".into()));
        }
        return Ok(Json(json!({
            "status": "queued",
            "otp_secret": secret,
            "provisioning_uri": uri,
        })));
    }
    let number = p
        .any(&["phone_number", "phone"])
        .ok_or_else(|| AppError::validation("phone_number", "Phone number is required"))?;
    let country = p.get("country_code");
    let parsed = phone::parse(&number, country.as_deref()).map_err(|m| AppError::validation("phone_number", m))?;
    st.db
        .call(move |c| {
            let now = clock::now();
            let current = db::user_by_id(c, user.id)?.ok_or(AppError::NotFound)?;
            mfa::ensure_off(&current, "sms")?;
            // A resend to the number of a setup already under way adds no factor: no new step-up.
            if current.sms_pending_phone.as_deref() != Some(parsed.e164.as_str()) {
                step_up(c, user.id, &p, &issuer, now)?;
            }
            mfa::send_code(c, user.id, "enable", &parsed.e164, "sms", &issuer, now)?;
            db::set_sms_pending(c, user.id, Some(&parsed.e164))
        })
        .await?;
    Ok(Json(json!({ "status": "queued" })))
}

async fn verify_installation(State(st): State<AppState>, me: CurrentUser, p: Params) -> AppResult<Json<Value>> {
    let method = method_of(&p)?;
    let attempt = attempt_of(&p)?;
    let (user, token) = (me.user, me.token);
    let issuer = st.config.issuer.clone();
    let codes = st
        .db
        .call(move |c| {
            let now = clock::now();
            let user = db::user_by_id(c, user.id)?.ok_or(AppError::NotFound)?;
            mfa::ensure_off(&user, &method)?;
            if method == "totp" {
                let pending = user
                    .totp_pending_secret
                    .clone()
                    .ok_or_else(|| AppError::validation("method", "Start the authenticator setup first"))?;
                let step = mfa::verify_totp_secret(c, user.id, &pending, user.totp_last_step, &attempt, now)?;
                db::activate_totp(c, user.id, &pending, step, now)?;
            } else {
                if user.sms_pending_phone.is_none() {
                    return Err(AppError::validation("method", "Send a code to your phone first"));
                }
                let phone = mfa::verify_sent_code(c, user.id, "enable", &attempt, now)?;
                db::activate_sms(c, user.id, &phone, now)?;
            }
            mfa::factor_changed(c, &user, Change::Added(&method), Some(&token), &issuer, now)?;
            if mfa::after_enable(c, &user, &method)? {
                return Ok(Some(mfa::store_recovery_codes(c, user.id, now)?));
            }
            Ok(None)
        })
        .await?;
    match codes {
        Some(codes) => Ok(Json(json!({ "status": "verified", "recovery_codes": codes }))),
        None => Ok(Json(json!({ "status": "verified" }))),
    }
}

async fn disable(State(st): State<AppState>, me: CurrentUser, p: Params) -> AppResult<Json<Value>> {
    let method = method_of(&p)?;
    let attempt = attempt_of(&p)?;
    let m = method.clone();
    let issuer = st.config.issuer.clone();
    st.db
        .call(move |c| {
            let now = clock::now();
            mfa::verify_factor(c, me.user.id, &m, "account", &attempt, now)?;
            let user = db::user_by_id(c, me.user.id)?.ok_or(AppError::NotFound)?;
            mfa::disable_method(c, &user, &m)?;
            mfa::factor_changed(c, &user, Change::Removed(&m), Some(&me.token), &issuer, now)
        })
        .await?;
    Ok(Json(json!({ "status": "disabled", "method": method })))
}

async fn lookup_phone_number(_me: CurrentUser, p: Params) -> AppResult<Json<Value>> {
    let number = p.any(&["phone_number", "phone"]).unwrap_or_default();
    Ok(Json(phone::lookup_json(&number, p.get("country_code").as_deref())))
}

async fn default_method(State(st): State<AppState>, me: CurrentUser, p: Params) -> AppResult<Json<Value>> {
    let method = method_of(&p)?;
    let enabled = match method.as_str() {
        "totp" => me.user.totp_enabled(),
        _ => me.user.sms_enabled(),
    };
    if !enabled {
        return Err(AppError::validation("method", "That method is not enabled"));
    }
    let (id, m) = (me.user.id, method.clone());
    st.db.call(move |c| db::set_default_method(c, id, Some(&m))).await?;
    Ok(Json(json!({ "status": "updated", "method": method })))
}

async fn generate_recovery_codes(State(st): State<AppState>, me: CurrentUser, p: Params) -> AppResult<Json<Value>> {
    if !me.user.mfa_enabled() {
        return Err(AppError::validation(
            "method",
            "Turn on two-factor authentication before creating recovery codes",
        ));
    }
    let issuer = st.config.issuer.clone();
    let (codes, at) = st
        .db
        .call(move |c| {
            let now = clock::now();
            step_up(c, me.user.id, &p, &issuer, now)?;
            let codes = mfa::store_recovery_codes(c, me.user.id, now)?;
            mfa::factor_changed(c, &me.user, Change::RecoveryCodesGenerated, None, &issuer, now)?;
            Ok((codes, now))
        })
        .await?;
    Ok(Json(json!({ "recovery_codes": codes, "generated_at": rfc3339(at) })))
}

async fn list_recovery_codes(State(st): State<AppState>, me: CurrentUser, p: Params) -> AppResult<Json<Value>> {
    let id = me.user.id;
    let issuer = st.config.issuer.clone();
    let rows = st
        .db
        .call(move |c| {
            step_up(c, id, &p, &issuer, clock::now())?;
            mfa::list_recovery_codes(c, id)
        })
        .await?;
    let codes: Vec<Value> = rows
        .into_iter()
        .map(|(code, used)| json!({ "code": code, "used_at": ts(used) }))
        .collect();
    Ok(Json(json!({
        "recovery_codes": codes,
        "generated_at": ts(me.user.recovery_generated_at),
    })))
}
