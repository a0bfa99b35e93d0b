//! Handlers of the CG dialect (`/auth/...`, `/v2/user/...`): the typed request and answer of
//! each endpoint, and thin handlers that call [`crate::mfa`] inside one database call.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::routes;

use crate::clock::{self, rfc3339};
use crate::crypto;
use crate::db::{self, User};
use crate::error::{AppError, AppResult, CgErrors};
use crate::extract::{bearer, trimmed, CurrentUser, JsonBody, QueryOrJson};
use crate::factor::{Channel, Method, Purpose, StepUpMethod};
use crate::mfa::{self, Change, SignIn, Token};
use crate::phone;
use crate::{AppState, RouteTable};

/// Routes of the CG dialect.
pub fn table() -> RouteTable {
    RouteTable {
        sign_in: vec![
            routes!(sign_in),
            routes!(send_sms_otp),
            routes!(check),
            routes!(sign_in_with_recovery_code),
        ],
        // A code of the method, or of the step-up.
        codes: vec![
            routes!(enable),
            routes!(verify_installation),
            routes!(disable),
            routes!(generate_recovery_codes, list_recovery_codes),
        ],
        other: vec![
            routes!(sign_out),
            routes!(me),
            routes!(lookup_phone_number),
            routes!(default_method),
        ],
    }
}

// ---- answers ----

/// The answer of a password: signed in, or a second factor is needed.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum SignInAnswer {
    Token(Token),
    SecondFactor {
        otp_session_state: String,
        otp_methods: Vec<Method>,
        otp_default_method: Option<Method>,
    },
}

/// What a change reports.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Queued,
    Verified,
    Disabled,
    Updated,
}

/// `{"status": "queued"}`: a code is on its way.
#[derive(Serialize, ToSchema)]
pub struct Queued {
    status: Status,
}

const QUEUED: Json<Queued> = Json(Queued { status: Status::Queued });

#[derive(Serialize, ToSchema)]
pub struct CheckAnswer {
    enabled: bool,
    methods: Vec<Method>,
}

#[derive(Serialize, ToSchema)]
pub struct RecoverySignInAnswer {
    token: String,
    recovery_codes_left: i64,
}

/// `GET /v2/user/me`.
#[derive(Serialize, ToSchema)]
pub struct Me {
    id: i64,
    email: String,
    first_name: String,
    last_name: String,
    two_factor_authentication: TwoFactor,
}

#[derive(Serialize, ToSchema)]
pub struct TwoFactor {
    enabled: bool,
    otp_sms_enabled: bool,
    otp_totp_enabled: bool,
    otp_phone: Option<String>,
    otp_default_method: Option<Method>,
    recovery_codes_left: i64,
    recovery_codes_generated_at: Option<String>,
    otp_sms_enabled_at: Option<String>,
    otp_totp_enabled_at: Option<String>,
    otp_last_used_at: Option<String>,
}

impl Me {
    fn of(user: &User, recovery_codes_left: i64) -> Me {
        Me {
            id: user.id,
            email: user.email.clone(),
            first_name: user.first_name.clone(),
            last_name: user.last_name.clone(),
            two_factor_authentication: TwoFactor {
                enabled: user.mfa_enabled(),
                otp_sms_enabled: user.sms_enabled(),
                otp_totp_enabled: user.totp_enabled(),
                otp_phone: user.sms_phone.as_deref().map(phone::display),
                otp_default_method: user.default_method,
                recovery_codes_left,
                recovery_codes_generated_at: user.recovery_generated_at.map(rfc3339),
                otp_sms_enabled_at: user.sms_enabled_at.map(rfc3339),
                otp_totp_enabled_at: user.totp_enabled_at.map(rfc3339),
                otp_last_used_at: user.otp_last_used_at.map(rfc3339),
            },
        }
    }
}

/// Enabling started; for `totp`, with the pending secret.
#[derive(Serialize, ToSchema)]
pub struct EnableAnswer {
    status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    otp_secret: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    provisioning_uri: Option<String>,
}

/// A method verified; the first one comes with the first recovery codes.
#[derive(Serialize, ToSchema)]
pub struct Verified {
    status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    recovery_codes: Option<Vec<String>>,
}

/// A change to one method.
#[derive(Serialize, ToSchema)]
pub struct MethodChanged {
    status: Status,
    method: Method,
}

/// The check of a phone number: its forms when valid, else why not.
#[derive(Serialize, ToSchema)]
pub struct PhoneLookup {
    valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    national_format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

impl From<Result<phone::Phone, String>> for PhoneLookup {
    fn from(parsed: Result<phone::Phone, String>) -> Self {
        let none = PhoneLookup {
            valid: false,
            phone_number: None,
            national_format: None,
            country_code: None,
            region: None,
            kind: None,
            message: None,
        };
        match parsed {
            Ok(p) => PhoneLookup {
                valid: true,
                phone_number: Some(p.e164),
                national_format: Some(p.national),
                country_code: Some(format!("+{}", p.calling_code)),
                region: p.region,
                kind: Some(p.kind),
                ..none
            },
            Err(message) => PhoneLookup {
                message: Some(message),
                ..none
            },
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct GeneratedCodes {
    recovery_codes: Vec<String>,
    generated_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct ListedCodes {
    recovery_codes: Vec<ListedCode>,
    generated_at: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ListedCode {
    code: String,
    used_at: Option<String>,
}

// ---- requests ----

/// A password, or (with `otp_session_state`) the second factor of a sign-in.
#[derive(Deserialize, ToSchema)]
pub struct SignInRequest {
    #[serde(default, deserialize_with = "trimmed")]
    email: Option<String>,
    /// Exactly as typed.
    password: Option<String>,
    #[serde(default, deserialize_with = "trimmed")]
    otp_session_state: Option<String>,
    #[serde(default, deserialize_with = "trimmed")]
    otp_attempt: Option<String>,
    /// The method of `otp_attempt`; the default method when absent.
    method: Option<Method>,
}

/// A sign-in in progress.
#[derive(Deserialize, ToSchema)]
pub struct SignInState {
    #[serde(default, deserialize_with = "trimmed")]
    otp_session_state: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct RecoverySignIn {
    #[schema(required = true)]
    #[serde(default, deserialize_with = "trimmed")]
    otp_session_state: Option<String>,
    #[schema(required = true)]
    #[serde(default, deserialize_with = "trimmed")]
    recovery_code: Option<String>,
}

/// A current code that confirms a change to the factors while one is on (step-up).
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StepUp {
    #[param(inline)]
    otp_method: Option<StepUpMethod>,
    #[serde(default, deserialize_with = "trimmed")]
    otp_attempt: Option<String>,
}

impl StepUp {
    fn check(&self, c: &db::Tx, user: i64, issuer: &str, now: i64) -> AppResult<()> {
        mfa::step_up(c, user, self.otp_method, self.otp_attempt.as_deref(), issuer, now)
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EnableQuery {
    #[param(inline, required = true)]
    method: Option<Method>,
    /// For `sms`.
    #[serde(default, deserialize_with = "trimmed")]
    phone_number: Option<String>,
    /// For `sms` with a national number: "+1", or a region such as "US".
    #[serde(default, deserialize_with = "trimmed")]
    country_code: Option<String>,
    /// Listed in the document on its own (`params(EnableQuery, StepUp)`).
    #[serde(flatten)]
    #[param(ignore)]
    step_up: StepUp,
}

/// A method and a code of it.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MethodCode {
    #[param(inline, required = true)]
    method: Option<Method>,
    #[param(required = true)]
    #[serde(default, deserialize_with = "trimmed")]
    otp_attempt: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MethodQuery {
    #[param(inline, required = true)]
    method: Option<Method>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PhoneQuery {
    #[serde(default, deserialize_with = "trimmed")]
    phone_number: Option<String>,
    #[serde(default, deserialize_with = "trimmed")]
    country_code: Option<String>,
}

fn required_method(method: Option<Method>) -> AppResult<Method> {
    method.ok_or_else(|| AppError::validation("method", "Method is required (sms or totp)"))
}

fn required_code(code: Option<String>) -> AppResult<String> {
    code.ok_or_else(|| AppError::validation("code", "Enter the code"))
}

// ---- handlers ----

/// Signs in with email and password, or finishes a sign-in with a second factor.
#[utoipa::path(post, path = "/auth/sign_in", tag = "cg", request_body = SignInRequest,
    responses((status = 200, body = SignInAnswer), CgErrors))]
async fn sign_in(
    State(st): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    JsonBody(req): JsonBody<SignInRequest>,
) -> AppResult<Json<SignInAnswer>> {
    if let Some(state) = req.otp_session_state {
        let attempt = required_code(req.otp_attempt)?;
        let token = st
            .db
            .call(move |c| mfa::complete_sign_in(c, &state, req.method, &attempt, clock::now()))
            .await?;
        return Ok(Json(SignInAnswer::Token(Token::new(token))));
    }
    let email = req.email.unwrap_or_default();
    let password = req.password.unwrap_or_default();
    Ok(Json(
        match mfa::sign_in_password(&st.db, &email, &password, peer.ip(), false).await? {
            SignIn::Token(token) => SignInAnswer::Token(Token::new(token)),
            SignIn::SecondFactor { state, user } => SignInAnswer::SecondFactor {
                otp_session_state: state,
                otp_methods: user.methods(),
                otp_default_method: user.preferred_method(),
            },
        },
    ))
}

/// Ends the session of the bearer token.
#[utoipa::path(delete, path = "/auth/sign_out", tag = "cg", security(("bearer" = [])),
    responses((status = 204, description = "Signed out"), CgErrors))]
async fn sign_out(State(st): State<AppState>, me: CurrentUser) -> AppResult<StatusCode> {
    let hash = crypto::sha256_hex(&me.token);
    st.db.call(move |c| db::delete_session(c, &hash)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Texts a code: for a sign-in in progress, or (with a bearer token) to the signed-in user.
#[utoipa::path(post, path = "/auth/mfa/send_sms_otp", tag = "cg", security((), ("bearer" = [])), request_body = SignInState,
    responses((status = 200, body = Queued), CgErrors))]
async fn send_sms_otp(
    State(st): State<AppState>,
    headers: HeaderMap,
    JsonBody(req): JsonBody<SignInState>,
) -> AppResult<Json<Queued>> {
    let sender = mfa::Sender::of(&st.config);
    let token = bearer(&headers);
    st.db
        .call(move |c| {
            let now = clock::now();
            let (user, purpose) = match (req.otp_session_state, token) {
                (Some(state), _) => (mfa::user_for_otp_session(c, &state, now)?, mfa::signin_purpose(&state)),
                (None, Some(token)) => (mfa::user_for_token(c, &token, now)?, Purpose::Account),
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
            mfa::send_code(c, user.id, &purpose, &phone, Channel::Sms, &sender, now)?;
            Ok(())
        })
        .await?;
    Ok(QUEUED)
}

/// The methods of a sign-in in progress. An email alone gets the same 401 whether or not the
/// account exists or has a second factor: nobody learns either without the password.
#[utoipa::path(post, path = "/auth/mfa/check", tag = "cg", request_body = SignInState,
    responses((status = 200, body = CheckAnswer), CgErrors))]
async fn check(State(st): State<AppState>, JsonBody(req): JsonBody<SignInState>) -> AppResult<Json<CheckAnswer>> {
    let state = req
        .otp_session_state
        .ok_or_else(|| AppError::Unauthorized("Sign in first: missing otp_session_state".into()))?;
    let user = st
        .db
        .call(move |c| mfa::user_for_otp_session(c, &state, clock::now()))
        .await?;
    let methods = user.methods();
    Ok(Json(CheckAnswer {
        enabled: !methods.is_empty(),
        methods,
    }))
}

/// Finishes a sign-in with a recovery code instead of a second factor.
#[utoipa::path(post, path = "/auth/sign_in_with_recovery_code", tag = "cg", request_body = RecoverySignIn,
    responses((status = 200, body = RecoverySignInAnswer), CgErrors))]
async fn sign_in_with_recovery_code(
    State(st): State<AppState>,
    JsonBody(req): JsonBody<RecoverySignIn>,
) -> AppResult<Json<RecoverySignInAnswer>> {
    let state = req
        .otp_session_state
        .ok_or_else(|| AppError::validation("otp_session_state", "otp_session_state is required"))?;
    let code = req
        .recovery_code
        .ok_or_else(|| AppError::validation("code", "Enter a recovery code"))?;
    let issuer = st.config.issuer.clone();
    let (token, recovery_codes_left) = st
        .db
        .call(move |c| mfa::sign_in_with_recovery_code(c, &state, &code, &issuer, clock::now()))
        .await?;
    Ok(Json(RecoverySignInAnswer {
        token,
        recovery_codes_left,
    }))
}

/// The signed-in user and their factors.
#[utoipa::path(get, path = "/v2/user/me", tag = "cg", security(("bearer" = [])), responses((status = 200, body = Me), CgErrors))]
async fn me(State(st): State<AppState>, me: CurrentUser) -> AppResult<Json<Me>> {
    let id = me.user.id;
    let left = st.db.call(move |c| db::recovery_codes_left(c, id)).await?;
    Ok(Json(Me::of(&me.user, left)))
}

/// Starts enabling a method: a pending authenticator secret, or a code texted to the phone.
#[utoipa::path(put, path = "/v2/user/mfa/enable", tag = "cg", security(("bearer" = [])), params(EnableQuery, StepUp),
    responses((status = 200, body = EnableAnswer), CgErrors))]
async fn enable(
    State(st): State<AppState>,
    me: CurrentUser,
    QueryOrJson(req): QueryOrJson<EnableQuery>,
) -> AppResult<Json<EnableAnswer>> {
    let method = required_method(req.method)?;
    let user = me.user;
    mfa::ensure_off(&user, method)?;
    let issuer = st.config.issuer.clone();
    let sender = mfa::Sender::of(&st.config);
    let step_up = req.step_up;
    if method == Method::Totp {
        let secret = crypto::base32_encode(&crypto::random_totp_secret());
        let uri = crate::totp::provisioning_uri(&issuer, &user.email, &secret);
        let (id, s) = (user.id, secret.clone());
        let stored = st
            .db
            .call(move |c| {
                step_up.check(c, id, &issuer, clock::now())?;
                db::set_totp_pending(c, id, &c.keys.seal(&db::totp_context(id), &s))
            })
            .await?;
        if !stored {
            return Err(AppError::Conflict("Already on".into()));
        }
        return Ok(Json(EnableAnswer {
            status: Status::Queued,
            otp_secret: Some(secret),
            provisioning_uri: Some(uri),
        }));
    }
    let number = req
        .phone_number
        .ok_or_else(|| AppError::validation("phone_number", "Phone number is required"))?;
    let parsed =
        phone::parse(&number, req.country_code.as_deref()).map_err(|m| AppError::validation("phone_number", m))?;
    st.db
        .call(move |c| {
            let now = clock::now();
            let current = db::user_by_id(c, user.id)?.ok_or(AppError::NotFound)?;
            mfa::ensure_off(&current, Method::Sms)?;
            // A resend to the number of a setup already under way adds no factor: no new step-up.
            if current.sms_pending_phone.as_deref() != Some(parsed.e164.as_str()) {
                step_up.check(c, user.id, &issuer, now)?;
            }
            mfa::send_code(c, user.id, &Purpose::Enable, &parsed.e164, Channel::Sms, &sender, now)?;
            db::set_sms_pending(c, user.id, Some(&parsed.e164))
        })
        .await?;
    Ok(Json(EnableAnswer {
        status: Status::Queued,
        otp_secret: None,
        provisioning_uri: None,
    }))
}

/// Turns a method on with a code of it.
#[utoipa::path(put, path = "/v2/user/mfa/verify_installation", tag = "cg", security(("bearer" = [])), params(MethodCode),
    responses((status = 200, body = Verified), CgErrors))]
async fn verify_installation(
    State(st): State<AppState>,
    me: CurrentUser,
    QueryOrJson(req): QueryOrJson<MethodCode>,
) -> AppResult<Json<Verified>> {
    let method = required_method(req.method)?;
    let attempt = required_code(req.otp_attempt)?;
    let (user, token) = (me.user, me.token);
    let issuer = st.config.issuer.clone();
    let recovery_codes = st
        .db
        .call(move |c| {
            let now = clock::now();
            let user = db::user_by_id(c, user.id)?.ok_or(AppError::NotFound)?;
            mfa::ensure_off(&user, method)?;
            match method {
                Method::Totp => {
                    let pending = user
                        .totp_pending_secret
                        .clone()
                        .ok_or_else(|| AppError::validation("method", "Start the authenticator setup first"))?;
                    let step = mfa::verify_totp_secret(c, user.id, &pending, user.totp_last_step, &attempt, now)?;
                    db::activate_totp(c, user.id, &pending, step, now)?;
                }
                Method::Sms => {
                    if user.sms_pending_phone.is_none() {
                        return Err(AppError::validation("method", "Send a code to your phone first"));
                    }
                    let phone = mfa::verify_sent_code(c, user.id, &Purpose::Enable, &attempt, now)?;
                    db::activate_sms(c, user.id, &phone, now)?;
                }
            }
            mfa::factor_changed(c, &user, Change::Added(method), Some(&token), &issuer, now)?;
            if mfa::after_enable(c, &user, method, now)? {
                return Ok(Some(mfa::store_recovery_codes(c, user.id, now)?));
            }
            Ok(None)
        })
        .await?;
    Ok(Json(Verified {
        status: Status::Verified,
        recovery_codes,
    }))
}

/// Turns a method off with a current code of it.
#[utoipa::path(put, path = "/v2/user/mfa/disable", tag = "cg", security(("bearer" = [])), params(MethodCode),
    responses((status = 200, body = MethodChanged), CgErrors))]
async fn disable(
    State(st): State<AppState>,
    me: CurrentUser,
    QueryOrJson(req): QueryOrJson<MethodCode>,
) -> AppResult<Json<MethodChanged>> {
    let method = required_method(req.method)?;
    let attempt = required_code(req.otp_attempt)?;
    let issuer = st.config.issuer.clone();
    st.db
        .call(move |c| {
            let now = clock::now();
            mfa::verify_factor(c, me.user.id, method, &Purpose::Account, &attempt, now)?;
            let user = db::user_by_id(c, me.user.id)?.ok_or(AppError::NotFound)?;
            mfa::disable_method(c, &user, method)?;
            mfa::factor_changed(c, &user, Change::Removed(method), Some(&me.token), &issuer, now)
        })
        .await?;
    Ok(Json(MethodChanged {
        status: Status::Disabled,
        method,
    }))
}

/// Checks a phone number before it is used.
#[utoipa::path(get, path = "/v2/user/mfa/lookup_phone_number", tag = "cg", security(("bearer" = [])), params(PhoneQuery),
    responses((status = 200, body = PhoneLookup), CgErrors))]
async fn lookup_phone_number(_me: CurrentUser, QueryOrJson(req): QueryOrJson<PhoneQuery>) -> Json<PhoneLookup> {
    let number = req.phone_number.unwrap_or_default();
    Json(phone::parse(&number, req.country_code.as_deref()).into())
}

/// Makes an enabled method the one sign-in asks for first.
#[utoipa::path(put, path = "/v2/user/mfa/default_method", tag = "cg", security(("bearer" = [])), params(MethodQuery),
    responses((status = 200, body = MethodChanged), CgErrors))]
async fn default_method(
    State(st): State<AppState>,
    me: CurrentUser,
    QueryOrJson(req): QueryOrJson<MethodQuery>,
) -> AppResult<Json<MethodChanged>> {
    let method = required_method(req.method)?;
    if !me.user.has(method) {
        return Err(AppError::validation("method", "That method is not enabled"));
    }
    let id = me.user.id;
    st.db.call(move |c| db::set_default_method(c, id, Some(method))).await?;
    Ok(Json(MethodChanged {
        status: Status::Updated,
        method,
    }))
}

/// Replaces the recovery codes with a new set.
#[utoipa::path(put, path = "/v2/user/mfa/recovery_codes", tag = "cg", security(("bearer" = [])), params(StepUp),
    responses((status = 200, body = GeneratedCodes), CgErrors))]
async fn generate_recovery_codes(
    State(st): State<AppState>,
    me: CurrentUser,
    QueryOrJson(step_up): QueryOrJson<StepUp>,
) -> AppResult<Json<GeneratedCodes>> {
    if !me.user.mfa_enabled() {
        return Err(AppError::validation(
            "method",
            "Turn on two-factor authentication before creating recovery codes",
        ));
    }
    let issuer = st.config.issuer.clone();
    let (recovery_codes, at) = st
        .db
        .call(move |c| {
            let now = clock::now();
            step_up.check(c, me.user.id, &issuer, now)?;
            let codes = mfa::store_recovery_codes(c, me.user.id, now)?;
            mfa::factor_changed(c, &me.user, Change::RecoveryCodesGenerated, None, &issuer, now)?;
            Ok((codes, now))
        })
        .await?;
    Ok(Json(GeneratedCodes {
        recovery_codes,
        generated_at: rfc3339(at),
    }))
}

/// The recovery codes as issued, with when each was used.
#[utoipa::path(get, path = "/v2/user/mfa/recovery_codes", tag = "cg", security(("bearer" = [])), params(StepUp),
    responses((status = 200, body = ListedCodes), CgErrors))]
async fn list_recovery_codes(
    State(st): State<AppState>,
    me: CurrentUser,
    QueryOrJson(step_up): QueryOrJson<StepUp>,
) -> AppResult<Json<ListedCodes>> {
    let id = me.user.id;
    let issuer = st.config.issuer.clone();
    let rows = st
        .db
        .call(move |c| {
            step_up.check(c, id, &issuer, clock::now())?;
            mfa::list_recovery_codes(c, id)
        })
        .await?;
    let recovery_codes = rows
        .into_iter()
        .map(|(code, used)| ListedCode {
            code,
            used_at: used.map(rfc3339),
        })
        .collect();
    Ok(Json(ListedCodes {
        recovery_codes,
        generated_at: me.user.recovery_generated_at.map(rfc3339),
    }))
}
