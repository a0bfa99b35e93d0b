//! Tolerant parsers of the backends' JSON answers: unknown fields are ignored, missing optional
//! fields default, and anything else is a typed error, never a panic. No browser types here.

use super::json::{self, JsonError, Object, Value};
use crate::domain::account::{AccountStatus, Method, MethodState};
use crate::domain::recovery::{RecoveryCode, RecoveryCodes};

/// An answer that could not be understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireError(pub String);

impl From<JsonError> for WireError {
    fn from(error: JsonError) -> Self {
        WireError(error.to_string())
    }
}

/// Reads an answer that must be a JSON object.
fn parse(body: &str) -> Result<Object, WireError> {
    Ok(json::parse_object(body, "answer")?)
}

/// Drops blank strings so "" reads like an absent field.
fn present(value: Option<String>) -> Option<String> {
    value.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// A string field, blank read as absent.
fn text(object: &Object, key: &'static str) -> Result<Option<String>, WireError> {
    Ok(present(object.string(key)?))
}

/// What the password step of sign-in gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInReply {
    /// Signed in.
    Token(String),
    /// A second factor is needed.
    SecondFactor(Challenge),
}

/// The second-factor challenge after the password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Challenge {
    /// Opaque state (CG `otp_session_state`, B2Core `uuid`) sent back with the code.
    pub state: String,
    /// Methods the user can use, the default first.
    pub methods: Vec<Method>,
    /// The server already texted a code for this sign-in.
    pub sms_sent: bool,
}

/// Parses the CG answer to `POST /auth/sign_in`.
pub fn cg_sign_in(body: &str) -> Result<SignInReply, WireError> {
    let reply = parse(body)?;
    if let Some(token) = text(&reply, "token")? {
        return Ok(SignInReply::Token(token));
    }
    let state = text(&reply, "otp_session_state")?
        .ok_or_else(|| WireError("neither a token nor a second-factor challenge".into()))?;
    let mut methods: Vec<Method> = reply
        .strings("otp_methods")?
        .iter()
        .filter_map(|m| Method::from_wire(m))
        .collect();
    if let Some(default) = reply
        .string("otp_default_method")?
        .as_deref()
        .and_then(Method::from_wire)
    {
        methods.retain(|m| *m != default);
        methods.insert(0, default);
    }
    methods.dedup();
    if methods.is_empty() {
        methods.push(Method::Totp);
    }
    Ok(SignInReply::SecondFactor(Challenge {
        state,
        methods,
        sms_sent: false,
    }))
}

/// Parses the CG answer to `GET /v2/user/me`.
pub fn cg_me(body: &str) -> Result<AccountStatus, WireError> {
    let me = parse(body)?;
    let tfa = me.object("two_factor_authentication")?;
    let name = [text(&me, "first_name")?, text(&me, "last_name")?]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let (totp_enabled, sms_enabled) = (tfa.flag("otp_totp_enabled")?, tfa.flag("otp_sms_enabled")?);
    let default_method = tfa
        .string("otp_default_method")?
        .as_deref()
        .and_then(Method::from_wire)
        .filter(|m| match m {
            Method::Totp => totp_enabled,
            Method::Sms => sms_enabled,
        });
    Ok(AccountStatus {
        email: text(&me, "email")?,
        display_name: (!name.is_empty()).then_some(name),
        totp: MethodState {
            enabled: totp_enabled,
            phone: None,
            enabled_at: text(&tfa, "otp_totp_enabled_at")?,
        },
        sms: MethodState {
            enabled: sms_enabled,
            phone: text(&tfa, "otp_phone")?,
            enabled_at: text(&tfa, "otp_sms_enabled_at")?,
        },
        default_method,
        last_used_at: text(&tfa, "otp_last_used_at")?,
        recovery_codes_left: small_count(&tfa, "recovery_codes_left")?,
        recovery_codes_generated_at: text(&tfa, "recovery_codes_generated_at")?,
    })
}

/// A count that fits `u32`.
fn small_count(object: &Object, key: &'static str) -> Result<Option<u32>, WireError> {
    Ok(object.unsigned(key, u32::MAX.into())?.map(|n| n as u32))
}

/// Parses the B2Core answer to `POST /api/v2/signin`.
pub fn b2core_sign_in(body: &str) -> Result<SignInReply, WireError> {
    let reply = parse(body)?;
    if let Some(token) = text(&reply, "token")? {
        return Ok(SignInReply::Token(token));
    }
    let state = text(&reply, "uuid")?.ok_or_else(|| WireError("neither a token nor a wizard uuid".into()))?;
    let workflow = reply.string("workflow")?.unwrap_or_default();
    let method = Method::from_wire(&workflow).ok_or_else(|| WireError(format!("unknown workflow \"{workflow}\"")))?;
    let mut methods = vec![method];
    for other in reply.strings("methods")?.iter().filter_map(|m| Method::from_wire(m)) {
        if !methods.contains(&other) {
            methods.push(other);
        }
    }
    // B2Core texts the code itself when it asks for one.
    Ok(SignInReply::SecondFactor(Challenge {
        state,
        methods,
        sms_sent: method == Method::Sms,
    }))
}

/// Parses the B2Core answer to `GET /api/v2/my/2fa`.
pub fn b2core_status(body: &str) -> Result<AccountStatus, WireError> {
    let status = parse(body)?;
    let (google, sms) = (status.object("google")?, status.object("sms")?);
    Ok(AccountStatus {
        totp: MethodState {
            enabled: google.flag("enabled")?,
            ..MethodState::default()
        },
        sms: MethodState {
            enabled: sms.flag("enabled")?,
            phone: text(&sms, "phone")?,
            enabled_at: None,
        },
        ..AccountStatus::default()
    })
}

/// A new authenticator-app key, pending until a code from it is verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TotpKey {
    /// Base32 key as the server gave it.
    pub key: String,
    /// `otpauth://` URI, when the server gave a usable one.
    pub uri: Option<String>,
}

/// Keeps only `otpauth://` URIs; anything else (script, markup) is dropped.
pub fn otpauth_only(uri: Option<String>) -> Option<String> {
    present(uri).filter(|u| u.starts_with("otpauth://totp/") && !u.chars().any(char::is_control))
}

/// Parses the CG answer to `PUT /v2/user/mfa/enable?method=totp`.
pub fn cg_totp_key(body: &str) -> Result<TotpKey, WireError> {
    let reply = parse(body)?;
    let key = text(&reply, "otp_secret")?
        .or(text(&reply, "secret")?)
        .or(text(&reply, "key")?)
        .filter(|k| crate::domain::secret_key::is_base32_key(k))
        .ok_or_else(|| WireError("no usable authenticator key".into()))?;
    let uri = reply
        .string("provisioning_uri")?
        .or(reply.string("otp_provisioning_uri")?)
        .or(reply.string("uri")?);
    Ok(TotpKey {
        key,
        uri: otpauth_only(uri),
    })
}

/// Parses the CG answer to `verify_installation`: recovery codes come with the first method.
pub fn cg_verified(body: &str) -> Result<Option<Vec<String>>, WireError> {
    let codes = clean_codes(parse(body)?.strings("recovery_codes")?);
    Ok((!codes.is_empty()).then_some(codes))
}

fn clean_codes(codes: Vec<String>) -> Vec<String> {
    codes.into_iter().filter_map(|c| present(Some(c))).take(100).collect()
}

/// The outcome of checking a phone number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneCheck {
    pub valid: bool,
    /// The number as it should be shown ("(202) 555-0143" or E.164).
    pub display: Option<String>,
    pub message: Option<String>,
}

/// Parses the CG answer to `lookup_phone_number`.
pub fn cg_phone_check(body: &str) -> Result<PhoneCheck, WireError> {
    let reply = parse(body)?;
    Ok(PhoneCheck {
        valid: reply.flag("valid")?,
        display: text(&reply, "phone_number")?.or(text(&reply, "national_format")?),
        message: text(&reply, "message")?,
    })
}

/// One recovery code of a list: a string, or `{"code", "used_at", "used"}`.
fn recovery_code(item: &Value) -> Result<Option<RecoveryCode>, WireError> {
    let (code, used) = match item {
        Value::String(code) => (Some(code.clone()), false),
        Value::Object(members) => {
            let listed = Object(members.clone());
            let used = listed.flag("used")? || text(&listed, "used_at")?.is_some();
            (listed.string("code")?, used)
        }
        _ => return Err(JsonError::WrongType("recovery_codes").into()),
    };
    Ok(present(code).map(|code| RecoveryCode { code, used }))
}

/// Parses the CG recovery-codes answers (generate and list): objects with `used_at`, or strings,
/// in an object `{"recovery_codes": [..], "generated_at": ..}` or as a bare list.
pub fn cg_recovery_codes(body: &str) -> Result<RecoveryCodes, WireError> {
    let (items, generated_at) = match json::parse(body)? {
        Value::Object(members) => {
            let reply = Object(members);
            (reply.list("recovery_codes")?.to_vec(), text(&reply, "generated_at")?)
        }
        Value::Array(items) => (items, None),
        _ => return Err(WireError("not a list of recovery codes".into())),
    };
    let mut codes = Vec::new();
    for item in &items {
        codes.extend(recovery_code(item)?);
    }
    codes.truncate(100);
    Ok(RecoveryCodes { codes, generated_at })
}

/// Parses the CG answer to `sign_in_with_recovery_code`: the token and the codes left.
pub fn cg_recovery_sign_in(body: &str) -> Result<(String, Option<u32>), WireError> {
    let reply = parse(body)?;
    let token = text(&reply, "token")?.ok_or_else(|| WireError("no token".into()))?;
    Ok((token, small_count(&reply, "recovery_codes_left")?))
}

/// Parses a `{"token": ".."}` answer (the second step of sign-in).
pub fn token(body: &str) -> Result<String, WireError> {
    match cg_sign_in(body)? {
        SignInReply::Token(token) => Ok(token),
        SignInReply::SecondFactor(_) => Err(WireError("a second challenge instead of a token".into())),
    }
}

/// Parses the CG answers that only acknowledge (`{"status": "queued"}` and the like): an empty
/// body or a JSON object whose `status`, if any, is a string. Anything else is not understood,
/// so a broken answer is never taken for a success.
pub fn cg_acknowledged(body: &str) -> Result<(), WireError> {
    if body.trim().is_empty() {
        return Ok(());
    }
    parse(body)?.string("status").map(|_| ()).map_err(WireError::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_with_token() {
        assert_eq!(
            cg_sign_in(r#"{"token":"abc","extra":true}"#),
            Ok(SignInReply::Token("abc".into()))
        );
    }

    #[test]
    fn sign_in_challenge_puts_default_first() {
        let reply = cg_sign_in(
            r#"{"otp_session_state":"s1","otp_methods":["totp","sms","carrier-pigeon"],"otp_default_method":"sms"}"#,
        );
        assert_eq!(
            reply,
            Ok(SignInReply::SecondFactor(Challenge {
                state: "s1".into(),
                methods: vec![Method::Sms, Method::Totp],
                sms_sent: false
            }))
        );
    }

    #[test]
    fn sign_in_without_token_or_state_is_an_error() {
        assert!(cg_sign_in(r#"{"token":""}"#).is_err());
        assert!(cg_sign_in("{}").is_err());
        assert!(cg_sign_in("<html>").is_err());
        assert!(cg_sign_in(r#"{"token": 5}"#).is_err());
    }

    #[test]
    fn me_of_the_contract_example() {
        let status = cg_me(
            r#"{ "id": 7, "email": "demo@example.com", "first_name": "Dana", "last_name": "Demo",
              "two_factor_authentication": { "enabled": true, "otp_sms_enabled": true,
                "otp_totp_enabled": false, "otp_phone": "+1 202-555-0143", "otp_default_method": "sms" } }"#,
        )
        .expect("contract example parses");
        assert!(status.two_factor_enabled());
        assert_eq!(status.email.as_deref(), Some("demo@example.com"));
        assert_eq!(status.display_name.as_deref(), Some("Dana Demo"));
        assert!(status.sms.enabled);
        assert!(!status.totp.enabled);
        assert_eq!(status.sms.phone.as_deref(), Some("+1 202-555-0143"));
        assert_eq!(status.default_method, Some(Method::Sms));
        assert_eq!(status.recovery_codes_left, None);
    }

    #[test]
    fn me_with_extra_fields_and_a_default_that_is_off() {
        let status = cg_me(
            r#"{"email":"a@b.c","two_factor_authentication":{"otp_totp_enabled":true,"otp_default_method":"sms",
               "recovery_codes_left":3,"otp_totp_enabled_at":"2026-11-01T10:00:00Z","otp_last_used_at":""}}"#,
        )
        .expect("parses");
        assert_eq!(status.default_method, None, "a default that is not enabled is ignored");
        assert_eq!(status.recovery_codes_left, Some(3));
        assert_eq!(status.totp.enabled_at.as_deref(), Some("2026-11-01T10:00:00Z"));
        assert_eq!(status.last_used_at, None);
    }

    #[test]
    fn me_without_two_factor_block_is_off() {
        let status = cg_me(r#"{"email":"a@b.c"}"#).expect("parses");
        assert!(!status.two_factor_enabled());
        // Some backends send an empty list for "no data".
        assert!(cg_me(r#"{"two_factor_authentication":[]}"#).is_ok_and(|s| !s.two_factor_enabled()));
        assert_eq!(status.display_name, None);
    }

    #[test]
    fn me_with_wrong_types_is_an_error() {
        assert!(cg_me(r#"{"two_factor_authentication":{"otp_sms_enabled":"yes"}}"#).is_err());
        assert!(cg_me(r#"{"two_factor_authentication":["on"]}"#).is_err());
        assert!(cg_me(r#"{"two_factor_authentication":{"otp_phone":{"x":1}}}"#).is_err());
        assert!(cg_me("null").is_err());
    }

    #[test]
    fn b2core_sign_in_token_or_wizard() {
        assert_eq!(b2core_sign_in(r#"{"token":"t"}"#), Ok(SignInReply::Token("t".into())));
        assert_eq!(
            b2core_sign_in(r#"{"workflow":"2fa_sms","uuid":"u-1","methods":["2fa_google","2fa_sms","2fa_fax"]}"#),
            Ok(SignInReply::SecondFactor(Challenge {
                state: "u-1".into(),
                methods: vec![Method::Sms, Method::Totp],
                sms_sent: true
            }))
        );
        assert!(b2core_sign_in(r#"{"workflow":"2fa_fax","uuid":"u-1"}"#).is_err());
        assert!(b2core_sign_in(r#"{"workflow":"2fa_sms"}"#).is_err());
    }

    #[test]
    fn b2core_status_of_the_contract_example() {
        let status = b2core_status(r#"{"google":{"enabled":false},"sms":{"enabled":true,"phone":"+7 999 ***-**-61"}}"#)
            .expect("parses");
        assert!(!status.totp.enabled);
        assert!(status.sms.enabled);
        assert_eq!(status.sms.phone.as_deref(), Some("+7 999 ***-**-61"));
        assert!(b2core_status("{}").is_ok_and(|s| !s.two_factor_enabled()));
        assert!(b2core_status(r#"{"sms":{"enabled":1}}"#).is_err());
    }

    #[test]
    fn totp_key_with_any_field_spelling() {
        let key = cg_totp_key(
            r#"{"status":"queued","otp_secret":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP","provisioning_uri":"otpauth://totp/X:a?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"}"#,
        )
        .expect("parses");
        assert_eq!(key.key, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
        assert!(key.uri.is_some());
        let key = cg_totp_key(r#"{"secret":"G7NMO7RKZNS3PXQQ","uri":"javascript:alert(1)"}"#).expect("parses");
        assert_eq!(key.key, "G7NMO7RKZNS3PXQQ");
        assert_eq!(key.uri, None, "only otpauth URIs are kept");
        assert!(cg_totp_key(r#"{"status":"queued"}"#).is_err());
        assert!(cg_totp_key(r#"{"key":"<svg onload=alert(1)>"}"#).is_err());
    }

    #[test]
    fn verified_carries_recovery_codes_for_the_first_method() {
        assert_eq!(cg_verified(r#"{"status":"verified"}"#), Ok(None));
        assert_eq!(
            cg_verified(r#"{"status":"verified","recovery_codes":["aaaaa-bbbbb"," "]}"#),
            Ok(Some(vec!["aaaaa-bbbbb".to_string()]))
        );
        assert_eq!(cg_verified(r#"{"recovery_codes":[]}"#), Ok(None));
    }

    #[test]
    fn phone_lookup() {
        let check = cg_phone_check(
            r#"{"valid": true, "phone_number": "+12025550143", "national_format": "(202) 555-0143", "country_code": "+1"}"#,
        )
        .expect("parses");
        assert!(check.valid);
        assert_eq!(check.display.as_deref(), Some("+12025550143"));
        let check = cg_phone_check(r#"{"valid": false, "message": "Not a mobile number"}"#).expect("parses");
        assert!(!check.valid);
        assert_eq!(check.message.as_deref(), Some("Not a mobile number"));
    }

    #[test]
    fn recovery_codes_in_every_shape() {
        let listed = cg_recovery_codes(
            r#"{"recovery_codes":[{"code":"aaaaa-bbbbb","used_at":null},{"code":"ccccc-ddddd","used_at":"2026-11-01T00:00:00Z"}],"generated_at":"2026-11-01T00:00:00Z"}"#,
        )
        .expect("parses");
        assert_eq!(listed.codes.len(), 2);
        assert!(!listed.codes[0].used);
        assert!(listed.codes[1].used);
        assert_eq!(listed.left(), 1);
        let plain = cg_recovery_codes(r#"{"recovery_codes":["aaaaa-bbbbb"]}"#).expect("parses");
        assert_eq!(plain.codes[0].code, "aaaaa-bbbbb");
        let bare = cg_recovery_codes(r#"["aaaaa-bbbbb","ccccc-ddddd"]"#).expect("parses");
        assert_eq!(bare.left(), 2);
        assert!(cg_recovery_codes(r#"{"recovery_codes":"aaaaa"}"#).is_err());
    }

    #[test]
    fn acknowledgements() {
        assert_eq!(cg_acknowledged(r#"{"status":"queued"}"#), Ok(()));
        assert_eq!(cg_acknowledged(r#"{"status":"disabled","method":"sms"}"#), Ok(()));
        assert_eq!(cg_acknowledged("  "), Ok(()));
        assert!(cg_acknowledged(r#"{"status":"queu"#).is_err());
        assert!(cg_acknowledged(r#"{"status":["queued"]}"#).is_err());
        assert!(cg_acknowledged("<html>").is_err());
        assert!(cg_acknowledged(&format!("{}{}", "[".repeat(10_000), "]".repeat(10_000))).is_err());
    }

    #[test]
    fn deep_answers_are_refused_even_in_ignored_fields() {
        let deep = format!(
            r#"{{"email":"a@b.c","x":{}1{}}}"#,
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        assert!(cg_me(&deep).is_err());
    }

    #[test]
    fn recovery_sign_in_and_token() {
        assert_eq!(
            cg_recovery_sign_in(r#"{"token":"t","recovery_codes_left":9}"#),
            Ok(("t".to_string(), Some(9)))
        );
        assert!(cg_recovery_sign_in(r#"{"recovery_codes_left":9}"#).is_err());
        assert_eq!(token(r#"{"token":"t"}"#), Ok("t".to_string()));
        assert!(token(r#"{"otp_session_state":"s"}"#).is_err());
    }
}
