//! Handlers of the B2Core dialect (`/api/v2/...`): sign-in with a second factor and the 2FA
//! wizards with their `{code, data, done, uuid, workflow}` envelope. Same users and factors as
//! the CG dialect; errors in the B2Core shape (see [`B2Error`]).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::Json;
use serde_json::{json, Value};

use crate::clock::{self, rfc3339_micros};
use crate::crypto;
use crate::db::{self, Wizard};
use crate::error::{AppError, B2Error};
use crate::extract::{B2Params, B2User};
use crate::mfa::{self, Change, SignIn};
use crate::phone;
use crate::{AppState, Route};

type B2Result<T> = Result<T, B2Error>;

/// How long a wizard stays usable.
pub const WIZARD_TTL: i64 = 15 * 60;
/// The first step of an enable wizard while the other factor is on: a current code of that
/// factor (step-up, ASVS 5.0 7.5.1), asked the way its turn-off wizard asks for one.
const STEP_UP: &str = "step_up";

/// Routes of the B2Core dialect: (method, path, handler).
pub fn table() -> Vec<Route> {
    vec![
        ("POST", "/api/v2/signin", post(sign_in)),
        ("POST", "/api/v2/signin/2fa/{kind}", post(sign_in_second_factor)),
        ("DELETE", "/api/v2/signout", delete(sign_out)),
        ("POST", "/api/v2/signout", post(sign_out)),
        ("GET", "/api/v2/my/2fa", get(status)),
        ("GET", "/api/v2/my/2fa/{kind}/enable/wizard", get(enable_wizard)),
        ("GET", "/api/v2/my/2fa/{kind}/disable/wizard", get(disable_wizard)),
        ("POST", "/api/v2/my/2fa/wizard", post(wizard_step)),
    ]
}

/// The wizard envelope.
fn envelope(code: u16, data: Value, uuid: &str, workflow: &str) -> Json<Value> {
    Json(json!({
        "code": code,
        "data": data,
        "done": workflow == "Terminate",
        "uuid": uuid,
        "workflow": workflow,
    }))
}

fn terminate(uuid: &str) -> Json<Value> {
    envelope(202, json!([]), uuid, "Terminate")
}

/// `google` → `totp`, `sms` → `sms`, anything else 404.
fn method_of(kind: &str) -> B2Result<&'static str> {
    match kind {
        "google" => Ok("totp"),
        "sms" => Ok("sms"),
        _ => Err(AppError::NotFound.into()),
    }
}

fn workflow_of(method: &str) -> &'static str {
    if method == "sms" {
        "2fa_sms"
    } else {
        "2fa_google"
    }
}

async fn sign_in(
    State(st): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    B2Params(p): B2Params,
) -> B2Result<Json<Value>> {
    let email = p.get("email").unwrap_or_default();
    let password = p.raw("password").unwrap_or_default();
    match mfa::sign_in_password(&st.db, &email, &password, peer.ip(), true).await? {
        SignIn::Token(token) => Ok(Json(json!({ "token": token }))),
        SignIn::SecondFactor { state, user } => {
            let method = user
                .default_method
                .clone()
                .or_else(|| user.methods().first().map(|m| m.to_string()))
                .unwrap_or_else(|| "totp".into());
            let mut data = json!(null);
            if method == "sms" {
                let phone = user.sms_phone.clone().unwrap_or_default();
                let issuer = st.config.issuer.clone();
                let uid = user.id;
                let (p2, purpose) = (phone.clone(), mfa::signin_purpose(&state));
                // A code is sent at once, for this sign-in only; within the cooldown or beyond
                // the daily cap none is (`sentAt` is null) and the person starts again later.
                let sent = st
                    .db
                    .call(
                        move |c| match mfa::send_code(c, uid, &purpose, &p2, "sms", &issuer, clock::now()) {
                            Ok(at) => Ok(Some(at)),
                            Err(AppError::TooManyAttempts { .. }) => Ok(None),
                            Err(e) => Err(e),
                        },
                    )
                    .await?;
                data = json!({ "phone": phone::mask(&phone), "sentAt": sent.map(rfc3339_micros) });
            }
            Ok(Json(json!({
                "workflow": workflow_of(&method),
                "uuid": state,
                "methods": user.methods().iter().map(|m| workflow_of(m)).collect::<Vec<_>>(),
                "data": data,
            })))
        }
    }
}

/// Revokes the bearer token (DELETE, or POST for clients that cannot send DELETE).
async fn sign_out(State(st): State<AppState>, B2User(me): B2User) -> B2Result<StatusCode> {
    let hash = crypto::sha256_hex(&me.token);
    st.db.call(move |c| db::delete_session(c, &hash)).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn sign_in_second_factor(
    State(st): State<AppState>,
    Path(kind): Path<String>,
    B2Params(p): B2Params,
) -> B2Result<Json<Value>> {
    let method = method_of(&kind)?;
    let uuid = p
        .get("uuid")
        .ok_or_else(|| AppError::validation("uuid", "The sign-in uuid is required"))?;
    let code = p
        .get("code")
        .ok_or_else(|| AppError::validation("code", "Enter the code"))?;
    let token = st
        .db
        .call(move |c| mfa::complete_sign_in(c, &uuid, Some(method), &code, clock::now()))
        .await?;
    Ok(Json(json!({ "token": token })))
}

async fn status(B2User(me): B2User) -> Json<Value> {
    let u = me.user;
    Json(json!({
        "google": { "enabled": u.totp_enabled() },
        "sms": { "enabled": u.sms_enabled(), "phone": u.sms_phone.as_deref().map(phone::mask) },
    }))
}

fn new_wizard(user: i64, kind: &str, step: &str, secret: Option<String>, phone: Option<String>) -> Wizard {
    Wizard {
        uuid: crypto::random_uuid(),
        user_id: user,
        kind: kind.into(),
        step: step.into(),
        secret,
        phone,
        expires_at: clock::now() + WIZARD_TTL,
    }
}

async fn enable_wizard(
    State(st): State<AppState>,
    Path(kind): Path<String>,
    B2User(me): B2User,
) -> B2Result<Json<Value>> {
    let method = method_of(&kind)?;
    let user = me.user;
    mfa::ensure_off(&user, method)?;
    let kind = if method == "totp" {
        "google_enable"
    } else {
        "sms_enable"
    };
    // The other factor is on: whoever holds only the bearer token cannot add one of their own.
    if user.sms_enabled() {
        let phone = user.sms_phone.clone().unwrap_or_default();
        return text_wizard(&st, new_wizard(user.id, kind, STEP_UP, None, Some(phone))).await;
    }
    if user.totp_enabled() {
        let w = new_wizard(user.id, kind, STEP_UP, None, None);
        let w2 = w.clone();
        st.db.call(move |c| db::insert_wizard(c, &w2)).await?;
        return Ok(envelope(200, json!({}), &w.uuid, "2fa_google"));
    }
    if method == "totp" {
        let w = new_wizard(user.id, kind, "2fa_google", None, None);
        let (w2, issuer, email) = (w.clone(), st.config.issuer.clone(), user.email);
        return st
            .db
            .call(move |c| {
                db::insert_wizard(c, &w2)?;
                key_step(c, &w2, &issuer, &email)
            })
            .await
            .map_err(B2Error::from);
    }
    let w = new_wizard(user.id, kind, "2fa_sms_phone_create", None, None);
    let w2 = w.clone();
    st.db.call(move |c| db::insert_wizard(c, &w2)).await?;
    Ok(envelope(200, Value::Null, &w.uuid, "2fa_sms_phone_create"))
}

/// Gives an authenticator wizard its new key (sealed in the wizard) and shows it.
fn key_step(c: &db::Tx, w: &Wizard, issuer: &str, email: &str) -> Result<Json<Value>, AppError> {
    let key = crypto::base32_encode(&crypto::random_totp_secret());
    let qr = crate::totp::provisioning_uri(issuer, email, &key);
    db::set_wizard_secret(
        c,
        &w.uuid,
        "2fa_google",
        &c.keys.seal(&db::totp_context(w.user_id), &key),
    )?;
    Ok(envelope(200, json!({ "qr": qr, "key": key }), &w.uuid, "2fa_google"))
}

/// Stores a wizard whose step is a code texted to the user's phone (`w.phone`), and sends it.
async fn text_wizard(st: &AppState, w: Wizard) -> B2Result<Json<Value>> {
    let (w2, issuer) = (w.clone(), st.config.issuer.clone());
    let phone = w.phone.clone().unwrap_or_default();
    let sent_at = st
        .db
        .call(move |c| {
            db::insert_wizard(c, &w2)?;
            let purpose = wizard_purpose(&w2);
            mfa::send_code(c, w2.user_id, &purpose, &phone, "sms", &issuer, clock::now())
        })
        .await?;
    let masked = w.phone.as_deref().map(phone::mask);
    let data = json!({
        "phone": masked,
        "confirmation": confirmation(&w.uuid, sent_at, json!({ "phone": masked, "method": "phone", "type": 2 })),
    });
    Ok(envelope(200, data, &w.uuid, "phone"))
}

async fn disable_wizard(
    State(st): State<AppState>,
    Path(kind): Path<String>,
    B2User(me): B2User,
) -> B2Result<Json<Value>> {
    let method = method_of(&kind)?;
    let user = me.user;
    if method == "sms" {
        let phone = user
            .sms_phone
            .clone()
            .ok_or_else(|| AppError::validation("type", "Text messages are not enabled"))?;
        return text_wizard(&st, new_wizard(user.id, "sms_disable", "phone", None, Some(phone))).await;
    }
    if !user.totp_enabled() {
        return Err(AppError::validation("type", "Google Authenticator is not enabled").into());
    }
    // Confirmed with a current code of the authenticator itself: a code sent by email would
    // let whoever reads the mailbox remove the second factor.
    let w = new_wizard(user.id, "google_disable", "2fa_google", None, None);
    let w2 = w.clone();
    st.db.call(move |c| db::insert_wizard(c, &w2)).await?;
    Ok(envelope(200, json!({}), &w.uuid, "2fa_google"))
}

/// The purpose of the codes a wizard sends: its kind is the flow that shares one cooldown.
fn wizard_purpose(w: &Wizard) -> String {
    format!("wizard:{}/{}", w.kind, w.uuid)
}

fn confirmation(uuid: &str, sent_at: i64, recipient: Value) -> Value {
    json!({
        "uuid": uuid,
        "status": 0,
        "sent": 1,
        "recipient": recipient,
        "sent_at": rfc3339_micros(sent_at),
        "expired_at": rfc3339_micros(sent_at + mfa::CODE_TTL),
        "confirmed_at": null,
    })
}

fn phone_sent(phone_e164: &str, sent_at: i64) -> Value {
    json!({
        "status": 0,
        "sent": 1,
        "sentAt": rfc3339_micros(sent_at),
        "expiredAt": rfc3339_micros(sent_at + mfa::CODE_TTL),
        "recipient": { "phone": phone_e164, "method": "phone", "type": 2 },
    })
}

async fn wizard_step(State(st): State<AppState>, B2User(me): B2User, B2Params(p): B2Params) -> B2Result<Json<Value>> {
    let uuid = p
        .get("uuid")
        .ok_or_else(|| AppError::validation("uuid", "The wizard uuid is required"))?;
    let code = p.get("code");
    let new_phone = p.get("phone");
    let key = p.get("key");
    let issuer = st.config.issuer.clone();
    let (user, token) = (me.user, me.token);
    st.db
        .call(move |c| {
            let now = clock::now();
            let gone = || AppError::validation("uuid", "This step has expired or does not exist; start again");
            let w = db::wizard(c, &uuid)?.ok_or_else(gone)?;
            if w.user_id != user.id || w.expires_at <= now {
                return Err(gone());
            }
            let purpose = wizard_purpose(&w);
            let need_code = || AppError::validation("code", "Enter the code");
            match (w.kind.as_str(), w.step.as_str()) {
                (kind, STEP_UP) => {
                    let code = code.ok_or_else(need_code)?;
                    let adding_sms = kind == "sms_enable";
                    let other = if adding_sms { "totp" } else { "sms" };
                    mfa::verify_factor(c, user.id, other, &purpose, &code, now)?;
                    if !adding_sms {
                        return key_step(c, &w, &issuer, &user.email);
                    }
                    db::update_wizard(c, &w.uuid, "2fa_sms_phone_create", None)?;
                    return Ok(envelope(200, Value::Null, &w.uuid, "2fa_sms_phone_create"));
                }
                ("google_enable", _) => {
                    let code = code.ok_or_else(need_code)?;
                    let sealed = w.secret.clone().ok_or_else(gone)?;
                    if let Some(key) = key {
                        if !key.eq_ignore_ascii_case(&c.keys.open(&db::totp_context(user.id), &sealed)?) {
                            return Err(AppError::validation("key", "The key does not belong to this step"));
                        }
                    }
                    let before = db::user_by_id(c, user.id)?.ok_or_else(gone)?;
                    mfa::ensure_off(&before, "totp")?;
                    let step = mfa::verify_totp_secret(c, user.id, &sealed, None, &code, now)?;
                    db::activate_totp(c, user.id, &sealed, step, now)?;
                    mfa::after_enable(c, &before, "totp")?;
                    // A wizard opened while no factor was on asked for no confirmation: it
                    // must not add a second factor now that this one is on.
                    db::delete_user_wizards(c, user.id)?;
                    mfa::factor_changed(c, &before, Change::Added("totp"), Some(&token), &issuer, now)?;
                }
                ("sms_enable", step) if code.is_none() || step == "2fa_sms_phone_create" => {
                    let number = new_phone.ok_or_else(|| AppError::validation("phone", "Enter a phone number"))?;
                    let parsed = phone::parse(&number, None).map_err(|m| AppError::validation("phone", m))?;
                    let sent_at = mfa::send_code(c, user.id, &purpose, &parsed.e164, "sms", &issuer, now)?;
                    db::update_wizard(c, &w.uuid, "phone", Some(&parsed.e164))?;
                    return Ok(envelope(200, phone_sent(&parsed.e164, sent_at), &w.uuid, "phone"));
                }
                ("sms_enable", _) => {
                    let code = code.ok_or_else(need_code)?;
                    let before = db::user_by_id(c, user.id)?.ok_or_else(gone)?;
                    mfa::ensure_off(&before, "sms")?;
                    let phone = mfa::verify_sent_code(c, user.id, &purpose, &code, now)?;
                    db::activate_sms(c, user.id, &phone, now)?;
                    mfa::after_enable(c, &before, "sms")?;
                    // A wizard opened while no factor was on asked for no confirmation: it
                    // must not add a second factor now that this one is on.
                    db::delete_user_wizards(c, user.id)?;
                    mfa::factor_changed(c, &before, Change::Added("sms"), Some(&token), &issuer, now)?;
                }
                ("sms_disable", _) => {
                    let code = code.ok_or_else(need_code)?;
                    mfa::verify_sent_code(c, user.id, &purpose, &code, now)?;
                    let current = db::user_by_id(c, user.id)?.ok_or_else(gone)?;
                    mfa::disable_method(c, &current, "sms")?;
                    mfa::factor_changed(c, &current, Change::Removed("sms"), Some(&token), &issuer, now)?;
                }
                ("google_disable", _) => {
                    let code = code.ok_or_else(need_code)?;
                    mfa::verify_factor(c, user.id, "totp", &purpose, &code, now)?;
                    let current = db::user_by_id(c, user.id)?.ok_or_else(gone)?;
                    mfa::disable_method(c, &current, "totp")?;
                    mfa::factor_changed(c, &current, Change::Removed("totp"), Some(&token), &issuer, now)?;
                }
                _ => return Err(gone()),
            }
            db::delete_wizard(c, &w.uuid)?;
            Ok(terminate(&w.uuid))
        })
        .await
        .map_err(B2Error::from)
}
