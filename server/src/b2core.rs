//! Handlers of the B2Core dialect (`/api/v2/...`): sign-in with a second factor and the 2FA
//! wizards with their `{code, data, done, uuid, workflow}` envelope, each request and answer
//! typed. Same users and factors as the CG dialect; errors in the B2Core shape (see [`B2Error`]).

use std::net::SocketAddr;

use axum::extract::rejection::PathRejection;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize, Serializer};
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};
use utoipa_axum::routes;

use crate::clock::{self, rfc3339_micros};
use crate::crypto;
use crate::db::{self, Wizard};
use crate::error::{AppError, B2CoreErrors, B2Error};
use crate::extract::{trimmed, B2JsonBody, B2User};
use crate::factor::{Channel, Method, Purpose, WizardKind, Workflow};
use crate::mfa::{self, Change, SignIn, Token};
use crate::phone;
use crate::{AppState, RouteTable};

type B2Result<T> = Result<T, B2Error>;

/// How long a wizard stays usable.
pub const WIZARD_TTL: i64 = 15 * 60;

/// Routes of the B2Core dialect.
pub fn table() -> RouteTable {
    RouteTable {
        sign_in: vec![routes!(sign_in), routes!(sign_in_second_factor)],
        // Every wizard's codes (and phone numbers) go through its one step route.
        codes: vec![routes!(wizard_step)],
        other: vec![
            routes!(sign_out),
            routes!(status),
            routes!(enable_wizard),
            routes!(disable_wizard),
        ],
    }
}

// ---- answers ----

/// The wizard envelope.
#[derive(Serialize, ToSchema)]
pub struct Envelope<T> {
    code: u16,
    data: T,
    done: bool,
    uuid: String,
    workflow: Workflow,
}

fn envelope<T>(data: T, uuid: &str, workflow: Workflow) -> Json<Envelope<T>> {
    let done = workflow == Workflow::Terminate;
    Json(Envelope {
        code: if done { 202 } else { 200 },
        data,
        done,
        uuid: uuid.into(),
        workflow,
    })
}

/// The `[]` of a finished wizard's data.
pub struct Nothing;

impl Serialize for Nothing {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(std::iter::empty::<()>())
    }
}

impl PartialSchema for Nothing {
    fn schema() -> RefOr<Schema> {
        ArrayBuilder::new().max_items(Some(0)).into()
    }
}

impl ToSchema for Nothing {}

/// The `null` of a wizard that asks for the phone number next.
pub struct Null;

impl Serialize for Null {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit()
    }
}

impl PartialSchema for Null {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new().schema_type(Type::Null).into()
    }
}

impl ToSchema for Null {}

/// A password: signed in, or the second-factor step to take.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum SignInAnswer {
    Token(Token),
    SecondFactor {
        workflow: Workflow,
        uuid: String,
        methods: Vec<Workflow>,
        /// With `2fa_sms`: where the code went, and when (null when none could be sent yet).
        data: Option<SignInSms>,
    },
}

#[derive(Serialize, ToSchema)]
pub struct SignInSms {
    phone: String,
    #[serde(rename = "sentAt")]
    sent_at: Option<String>,
}

/// `GET /api/v2/my/2fa`.
#[derive(Serialize, ToSchema)]
pub struct FactorStatus {
    google: GoogleStatus,
    sms: SmsStatus,
}

#[derive(Serialize, ToSchema)]
pub struct GoogleStatus {
    enabled: bool,
}

#[derive(Serialize, ToSchema)]
pub struct SmsStatus {
    enabled: bool,
    /// Masked: "+7 999 ***-**-61".
    phone: Option<String>,
}

/// The authenticator secret of an enable wizard.
#[derive(Serialize, ToSchema)]
pub struct GoogleKey {
    qr: String,
    key: String,
}

/// A step that asks for a code of a factor that is on (to turn it off, or to confirm adding the
/// other one): for text messages, the masked phone and the code sent to it; for the
/// authenticator, nothing (`{}`: enter a current code).
#[derive(Serialize, ToSchema)]
// For the document only: no other field, so that a wizard's other answers do not match it too.
#[serde(deny_unknown_fields)]
pub struct CodeAsked {
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confirmation: Option<Confirmation>,
}

#[derive(Serialize, ToSchema)]
pub struct Confirmation {
    uuid: String,
    status: u8,
    sent: u8,
    recipient: Recipient,
    sent_at: String,
    expired_at: String,
    confirmed_at: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct Recipient {
    phone: String,
    method: String,
    #[serde(rename = "type")]
    kind: u8,
}

impl CodeAsked {
    /// `{}`: enter a current code from the authenticator app.
    fn authenticator() -> CodeAsked {
        CodeAsked {
            phone: None,
            confirmation: None,
        }
    }
}

impl Recipient {
    fn phone(phone: String) -> Recipient {
        Recipient {
            phone,
            method: "phone".into(),
            kind: 2,
        }
    }
}

/// A code texted to a new number.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PhoneSent {
    status: u8,
    sent: u8,
    sent_at: String,
    expired_at: String,
    recipient: Recipient,
}

/// A wizard step's data: the authenticator's new key, the code sent to a new number, a code
/// asked for (the confirmation of an enable wizard), `null` before the phone number, or `[]`
/// when the wizard is done.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum StepData {
    Key(GoogleKey),
    Sent(PhoneSent),
    Asked(CodeAsked),
    Done(Nothing),
    Empty(Null),
}

// ---- requests ----

/// The factor of a path.
#[derive(Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Google,
    Sms,
}

impl From<Kind> for Method {
    fn from(kind: Kind) -> Method {
        match kind {
            Kind::Google => Method::Totp,
            Kind::Sms => Method::Sms,
        }
    }
}

/// `google` → `totp`, `sms` → `sms`, anything else 404.
fn method_of(kind: Result<Path<Kind>, PathRejection>) -> B2Result<Method> {
    kind.map(|Path(k)| k.into()).map_err(|_| AppError::NotFound.into())
}

#[derive(Deserialize, ToSchema)]
pub struct SignInRequest {
    #[schema(required = true)]
    #[serde(default, deserialize_with = "trimmed")]
    email: Option<String>,
    /// Exactly as typed.
    #[schema(required = true)]
    password: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct SecondFactorRequest {
    /// The `uuid` of the sign-in answer.
    #[schema(required = true)]
    #[serde(default, deserialize_with = "trimmed")]
    uuid: Option<String>,
    #[schema(required = true)]
    #[serde(default, deserialize_with = "trimmed")]
    code: Option<String>,
}

/// A wizard step: a phone number, or a code (with the authenticator's `key` when enabling it).
#[derive(Deserialize, ToSchema)]
pub struct WizardStep {
    #[schema(required = true)]
    #[serde(default, deserialize_with = "trimmed")]
    uuid: Option<String>,
    #[serde(default, deserialize_with = "trimmed")]
    code: Option<String>,
    #[serde(default, deserialize_with = "trimmed")]
    phone: Option<String>,
    #[serde(default, deserialize_with = "trimmed")]
    key: Option<String>,
}

// ---- handlers ----

/// Signs in with email and password; with a second factor on, names its step (and texts a code
/// at once for `2fa_sms`).
#[utoipa::path(post, path = "/api/v2/signin", tag = "b2core", request_body = SignInRequest,
    responses((status = 200, body = SignInAnswer), B2CoreErrors))]
async fn sign_in(
    State(st): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    B2JsonBody(req): B2JsonBody<SignInRequest>,
) -> B2Result<Json<SignInAnswer>> {
    let email = req.email.unwrap_or_default();
    let password = req.password.unwrap_or_default();
    let (state, user) = match mfa::sign_in_password(&st.db, &email, &password, peer.ip(), true).await? {
        SignIn::Token(token) => return Ok(Json(SignInAnswer::Token(Token::new(token)))),
        SignIn::SecondFactor { state, user } => (state, user),
    };
    let method = user.preferred_method().unwrap_or(Method::Totp);
    let mut data = None;
    if method == Method::Sms {
        let phone = user.sms_phone.clone().unwrap_or_default();
        let sender = mfa::Sender::of(&st.config);
        let uid = user.id;
        let (p2, purpose) = (phone.clone(), mfa::signin_purpose(&state));
        // A code is sent at once, for this sign-in only; within the cooldown or beyond
        // the daily cap none is (`sentAt` is null) and the person starts again later.
        let sent = st
            .db
            .call(
                move |c| match mfa::send_code(c, uid, &purpose, &p2, Channel::Sms, &sender, clock::now()) {
                    Ok(at) => Ok(Some(at)),
                    Err(AppError::TooManyAttempts { .. }) => Ok(None),
                    Err(e) => Err(e),
                },
            )
            .await?;
        data = Some(SignInSms {
            phone: phone::mask(&phone),
            sent_at: sent.map(rfc3339_micros),
        });
    }
    Ok(Json(SignInAnswer::SecondFactor {
        workflow: Workflow::of(method),
        uuid: state,
        methods: user.methods().into_iter().map(Workflow::of).collect(),
        data,
    }))
}

/// Revokes the bearer token (DELETE, or POST for clients that cannot send DELETE).
#[utoipa::path(method(delete, post), path = "/api/v2/signout", tag = "b2core", security(("bearer" = [])),
    responses((status = 204, description = "Signed out"), B2CoreErrors))]
async fn sign_out(State(st): State<AppState>, B2User(me): B2User) -> B2Result<StatusCode> {
    let hash = crypto::sha256_hex(&me.token);
    st.db.call(move |c| db::delete_session(c, &hash)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Finishes a sign-in with a code of the factor in the path.
#[utoipa::path(post, path = "/api/v2/signin/2fa/{kind}", tag = "b2core",
    params(("kind" = inline(Kind), Path)), request_body = SecondFactorRequest,
    responses((status = 200, body = Token), B2CoreErrors))]
async fn sign_in_second_factor(
    State(st): State<AppState>,
    kind: Result<Path<Kind>, PathRejection>,
    B2JsonBody(req): B2JsonBody<SecondFactorRequest>,
) -> B2Result<Json<Token>> {
    let method = method_of(kind)?;
    let uuid = req
        .uuid
        .ok_or_else(|| AppError::validation("uuid", "The sign-in uuid is required"))?;
    let code = req.code.ok_or_else(|| AppError::validation("code", "Enter the code"))?;
    let token = st
        .db
        .call(move |c| mfa::complete_sign_in(c, &uuid, Some(method), &code, clock::now()))
        .await?;
    Ok(Json(Token::new(token)))
}

/// Which factors are on.
#[utoipa::path(get, path = "/api/v2/my/2fa", tag = "b2core", security(("bearer" = [])),
    responses((status = 200, body = FactorStatus), B2CoreErrors))]
async fn status(B2User(me): B2User) -> Json<FactorStatus> {
    let u = me.user;
    Json(FactorStatus {
        google: GoogleStatus {
            enabled: u.totp_enabled(),
        },
        sms: SmsStatus {
            enabled: u.sms_enabled(),
            phone: u.sms_phone.as_deref().map(phone::mask),
        },
    })
}

fn new_wizard(user: i64, kind: WizardKind, step: Workflow, phone: Option<String>) -> Wizard {
    Wizard {
        uuid: crypto::random_uuid(),
        user_id: user,
        kind,
        step,
        secret: None,
        phone,
        expires_at: clock::now() + WIZARD_TTL,
    }
}

/// Starts enabling a factor. While the other factor is on, the wizard first asks for a current
/// code of it (step-up, ASVS 5.0 7.5.1), the way its turn-off wizard would: whoever holds only
/// the bearer token cannot add a factor of their own. Then the authenticator's key, or a step
/// that asks for the phone number.
#[utoipa::path(get, path = "/api/v2/my/2fa/{kind}/enable/wizard", tag = "b2core", security(("bearer" = [])),
    params(("kind" = inline(Kind), Path)),
    responses((status = 200, body = Envelope<StepData>), B2CoreErrors))]
async fn enable_wizard(
    State(st): State<AppState>,
    kind: Result<Path<Kind>, PathRejection>,
    B2User(me): B2User,
) -> B2Result<Json<Envelope<StepData>>> {
    let method = method_of(kind)?;
    let user = me.user;
    mfa::ensure_off(&user, method)?;
    let kind = match method {
        Method::Totp => WizardKind::GoogleEnable,
        Method::Sms => WizardKind::SmsEnable,
    };
    if user.sms_enabled() {
        let w = new_wizard(user.id, kind, Workflow::Phone, user.sms_phone.clone());
        let uuid = w.uuid.clone();
        let asked = text_wizard(&st, w).await?;
        return Ok(envelope(StepData::Asked(asked), &uuid, Workflow::Phone));
    }
    // The authenticator is on (SMS is what is being added): its code comes first.
    let confirm_first = user.totp_enabled();
    let step = match (confirm_first, method) {
        (false, Method::Sms) => Workflow::SmsPhoneCreate,
        _ => Workflow::Google,
    };
    let w = new_wizard(user.id, kind, step, None);
    let (w2, issuer, email) = (w.clone(), st.config.issuer.clone(), user.email.clone());
    let data = st
        .db
        .call(move |c| {
            db::insert_wizard(c, &w2)?;
            Ok(match (confirm_first, method) {
                (true, _) => StepData::Asked(CodeAsked::authenticator()),
                (false, Method::Totp) => StepData::Key(key_step(c, &w2, &issuer, &email)?),
                (false, Method::Sms) => StepData::Empty(Null),
            })
        })
        .await?;
    Ok(envelope(data, &w.uuid, step))
}

/// Gives an authenticator wizard its new key (sealed in the wizard) and shows it.
fn key_step(c: &db::Tx, w: &Wizard, issuer: &str, email: &str) -> Result<GoogleKey, AppError> {
    let key = crypto::base32_encode(&crypto::random_totp_secret());
    let qr = crate::totp::provisioning_uri(issuer, email, &key);
    let sealed = c.keys.seal(&db::totp_context(w.user_id), &key);
    db::set_wizard_secret(c, &w.uuid, Workflow::Google, &sealed)?;
    Ok(GoogleKey { qr, key })
}

/// Stores a wizard whose step is a code texted to the user's phone on file (`w.phone`), sends
/// it, and says where it went.
async fn text_wizard(st: &AppState, w: Wizard) -> B2Result<CodeAsked> {
    let phone = w
        .phone
        .clone()
        .ok_or_else(|| AppError::validation("type", "Text messages are not enabled"))?;
    let masked = phone::mask(&phone);
    let (w2, sender) = (w.clone(), mfa::Sender::of(&st.config));
    let sent_at = st
        .db
        .call(move |c| {
            db::insert_wizard(c, &w2)?;
            mfa::send_code(
                c,
                w2.user_id,
                &wizard_purpose(&w2),
                &phone,
                Channel::Sms,
                &sender,
                clock::now(),
            )
        })
        .await?;
    let confirmation = Confirmation {
        uuid: w.uuid.clone(),
        status: 0,
        sent: 1,
        recipient: Recipient::phone(masked.clone()),
        sent_at: rfc3339_micros(sent_at),
        expired_at: rfc3339_micros(sent_at + mfa::CODE_TTL),
        confirmed_at: None,
    };
    Ok(CodeAsked {
        phone: Some(masked),
        confirmation: Some(confirmation),
    })
}

/// Starts turning a factor off: a code texted to its phone, or a current authenticator code.
#[utoipa::path(get, path = "/api/v2/my/2fa/{kind}/disable/wizard", tag = "b2core", security(("bearer" = [])),
    params(("kind" = inline(Kind), Path)),
    responses((status = 200, body = Envelope<CodeAsked>), B2CoreErrors))]
async fn disable_wizard(
    State(st): State<AppState>,
    kind: Result<Path<Kind>, PathRejection>,
    B2User(me): B2User,
) -> B2Result<Json<Envelope<CodeAsked>>> {
    let method = method_of(kind)?;
    let user = me.user;
    if method == Method::Sms {
        let w = new_wizard(user.id, WizardKind::SmsDisable, Workflow::Phone, user.sms_phone.clone());
        let uuid = w.uuid.clone();
        let asked = text_wizard(&st, w).await?;
        return Ok(envelope(asked, &uuid, Workflow::Phone));
    }
    if !user.totp_enabled() {
        return Err(AppError::validation("type", "Google Authenticator is not enabled").into());
    }
    // Confirmed with a current code of the authenticator itself: a code sent by email would
    // let whoever reads the mailbox remove the second factor.
    let w = new_wizard(user.id, WizardKind::GoogleDisable, Workflow::Google, None);
    let w2 = w.clone();
    st.db.call(move |c| db::insert_wizard(c, &w2)).await?;
    Ok(envelope(CodeAsked::authenticator(), &w.uuid, Workflow::Google))
}

/// The purpose of the codes a wizard sends: its kind is the flow that shares one cooldown.
fn wizard_purpose(w: &Wizard) -> Purpose {
    Purpose::Wizard(w.kind, w.uuid.clone())
}

/// Takes the next step of a wizard: a phone number (a code is texted to it) or a code (done).
#[utoipa::path(post, path = "/api/v2/my/2fa/wizard", tag = "b2core", security(("bearer" = [])), request_body = WizardStep,
    responses((status = 200, body = Envelope<StepData>), B2CoreErrors))]
async fn wizard_step(
    State(st): State<AppState>,
    B2User(me): B2User,
    B2JsonBody(req): B2JsonBody<WizardStep>,
) -> B2Result<Json<Envelope<StepData>>> {
    let uuid = req
        .uuid
        .ok_or_else(|| AppError::validation("uuid", "The wizard uuid is required"))?;
    let WizardStep { code, phone, key, .. } = req;
    let issuer = st.config.issuer.clone();
    let sender = mfa::Sender::of(&st.config);
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
            let (current, change) = match (w.kind, w.step) {
                // The confirmation of an enable wizard opened while the other factor was on.
                (WizardKind::SmsEnable, Workflow::Google) | (WizardKind::GoogleEnable, Workflow::Phone) => {
                    let code = code.ok_or_else(need_code)?;
                    let adding_sms = w.kind == WizardKind::SmsEnable;
                    let other = if adding_sms { Method::Totp } else { Method::Sms };
                    mfa::verify_factor(c, user.id, other, &purpose, &code, now)?;
                    if !adding_sms {
                        let key = key_step(c, &w, &issuer, &user.email)?;
                        return Ok(envelope(StepData::Key(key), &w.uuid, Workflow::Google));
                    }
                    db::update_wizard(c, &w.uuid, Workflow::SmsPhoneCreate, None)?;
                    return Ok(envelope(StepData::Empty(Null), &w.uuid, Workflow::SmsPhoneCreate));
                }
                (WizardKind::GoogleEnable, _) => {
                    let code = code.ok_or_else(need_code)?;
                    let sealed = w.secret.clone().ok_or_else(gone)?;
                    if let Some(key) = key {
                        if !key.eq_ignore_ascii_case(&c.keys.open(&db::totp_context(user.id), &sealed)?) {
                            return Err(AppError::validation("key", "The key does not belong to this step"));
                        }
                    }
                    let before = db::user_by_id(c, user.id)?.ok_or_else(gone)?;
                    mfa::ensure_off(&before, Method::Totp)?;
                    let step = mfa::verify_totp_secret(c, user.id, &sealed, None, &code, now)?;
                    db::activate_totp(c, user.id, &sealed, step, now)?;
                    mfa::after_enable(c, &before, Method::Totp, now)?;
                    (before, Change::Added(Method::Totp))
                }
                (WizardKind::SmsEnable, step) if code.is_none() || step == Workflow::SmsPhoneCreate => {
                    let number = phone.ok_or_else(|| AppError::validation("phone", "Enter a phone number"))?;
                    let parsed = phone::parse(&number, None).map_err(|m| AppError::validation("phone", m))?;
                    let sent_at = mfa::send_code(c, user.id, &purpose, &parsed.e164, Channel::Sms, &sender, now)?;
                    db::update_wizard(c, &w.uuid, Workflow::Phone, Some(&parsed.e164))?;
                    let sent = PhoneSent {
                        status: 0,
                        sent: 1,
                        sent_at: rfc3339_micros(sent_at),
                        expired_at: rfc3339_micros(sent_at + mfa::CODE_TTL),
                        recipient: Recipient::phone(parsed.e164),
                    };
                    return Ok(envelope(StepData::Sent(sent), &w.uuid, Workflow::Phone));
                }
                (WizardKind::SmsEnable, _) => {
                    let code = code.ok_or_else(need_code)?;
                    let before = db::user_by_id(c, user.id)?.ok_or_else(gone)?;
                    mfa::ensure_off(&before, Method::Sms)?;
                    let phone = mfa::verify_sent_code(c, user.id, &purpose, &code, now)?;
                    db::activate_sms(c, user.id, &phone, now)?;
                    mfa::after_enable(c, &before, Method::Sms, now)?;
                    (before, Change::Added(Method::Sms))
                }
                (WizardKind::SmsDisable, _) => {
                    let code = code.ok_or_else(need_code)?;
                    mfa::verify_sent_code(c, user.id, &purpose, &code, now)?;
                    let current = db::user_by_id(c, user.id)?.ok_or_else(gone)?;
                    mfa::disable_method(c, &current, Method::Sms)?;
                    (current, Change::Removed(Method::Sms))
                }
                (WizardKind::GoogleDisable, _) => {
                    let code = code.ok_or_else(need_code)?;
                    mfa::verify_factor(c, user.id, Method::Totp, &purpose, &code, now)?;
                    let current = db::user_by_id(c, user.id)?.ok_or_else(gone)?;
                    mfa::disable_method(c, &current, Method::Totp)?;
                    (current, Change::Removed(Method::Totp))
                }
            };
            // A factor turned on has ended every wizard of the user already (`mfa::after_enable`).
            db::delete_wizard(c, &w.uuid)?;
            mfa::factor_changed(c, &current, change, Some(&token), &issuer, now)?;
            Ok(envelope(StepData::Done(Nothing), &w.uuid, Workflow::Terminate))
        })
        .await
        .map_err(B2Error::from)
}
