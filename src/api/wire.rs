//! Typed answers of both dialects, read with serde under the tolerance rules: unknown fields are
//! ignored, `null` reads as absent, blank strings as missing, an empty list as an empty object,
//! and a field of another type is a typed error, never a panic. No browser types here.

use crate::domain::account::{AccountStatus, Method, MethodState};
use crate::domain::recovery::{RecoveryCode, RecoveryCodes};
use crate::json::JSON_SPACE;
pub use crate::json::{from_json, from_object, Loose, WireError};
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::marker::PhantomData;

/// A nested object that may also come as `null` or as the empty list some backends send for
/// "nothing" (B2Core's `data: []`); both read as `T::default()`. Any other value is an error.
pub fn object_or_empty<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    struct ObjectOrEmpty<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de> + Default> Visitor<'de> for ObjectOrEmpty<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object, null or an empty list")
        }

        fn visit_unit<E: de::Error>(self) -> Result<T, E> {
            Ok(T::default())
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
            match seq.next_element::<IgnoredAny>()? {
                None => Ok(T::default()),
                Some(_) => Err(de::Error::invalid_type(de::Unexpected::Seq, &self)),
            }
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map))
        }
    }

    deserializer.deserialize_any(ObjectOrEmpty(PhantomData))
}

/// Drops blank strings so "" reads like an absent field.
fn present(value: Option<String>) -> Option<String> {
    value.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
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

/// The CG answers of signing in: `POST /auth/sign_in` (both steps) and
/// `sign_in_with_recovery_code`. One type for the three, as each distinct type read is code in
/// the page.
#[derive(Deserialize)]
struct CgSignIn {
    token: Option<String>,
    otp_session_state: Option<String>,
    otp_methods: Option<Vec<String>>,
    otp_default_method: Option<String>,
    recovery_codes_left: Option<u32>,
}

/// Parses the CG answer to `POST /auth/sign_in`.
pub fn cg_sign_in(body: &str) -> Result<SignInReply, WireError> {
    let reply: CgSignIn = from_object(body)?;
    if let Some(token) = present(reply.token) {
        return Ok(SignInReply::Token(token));
    }
    let state = present(reply.otp_session_state)
        .ok_or_else(|| WireError("neither a token nor a second-factor challenge".into()))?;
    let mut methods: Vec<Method> = reply
        .otp_methods
        .unwrap_or_default()
        .iter()
        .filter_map(|m| Method::from_wire(m))
        .collect();
    if let Some(default) = reply.otp_default_method.as_deref().and_then(Method::from_wire) {
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

/// The CG answer to `GET /v2/user/me`.
#[derive(Deserialize)]
struct CgMe {
    email: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    #[serde(default, deserialize_with = "object_or_empty")]
    two_factor_authentication: CgTwoFactor,
}

#[derive(Default, Deserialize)]
struct CgTwoFactor {
    otp_sms_enabled: Option<bool>,
    otp_totp_enabled: Option<bool>,
    otp_phone: Option<String>,
    otp_default_method: Option<String>,
    recovery_codes_left: Option<u32>,
    recovery_codes_generated_at: Option<String>,
    otp_sms_enabled_at: Option<String>,
    otp_totp_enabled_at: Option<String>,
    otp_last_used_at: Option<String>,
}

/// Parses the CG answer to `GET /v2/user/me`.
pub fn cg_me(body: &str) -> Result<AccountStatus, WireError> {
    let me: CgMe = from_object(body)?;
    let tfa = me.two_factor_authentication;
    let name = [present(me.first_name), present(me.last_name)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let (totp_enabled, sms_enabled) = (
        tfa.otp_totp_enabled.unwrap_or_default(),
        tfa.otp_sms_enabled.unwrap_or_default(),
    );
    let default_method = tfa
        .otp_default_method
        .as_deref()
        .and_then(Method::from_wire)
        .filter(|m| match m {
            Method::Totp => totp_enabled,
            Method::Sms => sms_enabled,
        });
    Ok(AccountStatus {
        email: present(me.email),
        display_name: (!name.is_empty()).then_some(name),
        totp: MethodState {
            enabled: totp_enabled,
            phone: None,
            enabled_at: present(tfa.otp_totp_enabled_at),
        },
        sms: MethodState {
            enabled: sms_enabled,
            phone: present(tfa.otp_phone),
            enabled_at: present(tfa.otp_sms_enabled_at),
        },
        default_method,
        last_used_at: present(tfa.otp_last_used_at),
        recovery_codes_left: tfa.recovery_codes_left,
        recovery_codes_generated_at: present(tfa.recovery_codes_generated_at),
    })
}

/// The B2Core answer to `POST /api/v2/signin`.
#[derive(Deserialize)]
struct B2CoreSignIn {
    token: Option<String>,
    uuid: Option<String>,
    workflow: Option<String>,
    methods: Option<Vec<String>>,
}

/// Parses the B2Core answer to `POST /api/v2/signin`.
pub fn b2core_sign_in(body: &str) -> Result<SignInReply, WireError> {
    let reply: B2CoreSignIn = from_object(body)?;
    if let Some(token) = present(reply.token) {
        return Ok(SignInReply::Token(token));
    }
    let state = present(reply.uuid).ok_or_else(|| WireError("neither a token nor a wizard uuid".into()))?;
    let workflow = reply.workflow.unwrap_or_default();
    let method = Method::from_wire(&workflow).ok_or_else(|| WireError(format!("unknown workflow \"{workflow}\"")))?;
    let mut methods = vec![method];
    for other in reply
        .methods
        .unwrap_or_default()
        .iter()
        .filter_map(|m| Method::from_wire(m))
    {
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

/// The B2Core answer to `GET /api/v2/my/2fa`.
#[derive(Deserialize)]
struct B2CoreStatus {
    #[serde(default, deserialize_with = "object_or_empty")]
    google: B2CoreMethod,
    #[serde(default, deserialize_with = "object_or_empty")]
    sms: B2CoreMethod,
}

#[derive(Default, Deserialize)]
struct B2CoreMethod {
    enabled: Option<bool>,
    phone: Option<String>,
}

/// Parses the B2Core answer to `GET /api/v2/my/2fa`.
pub fn b2core_status(body: &str) -> Result<AccountStatus, WireError> {
    let status: B2CoreStatus = from_object(body)?;
    Ok(AccountStatus {
        totp: MethodState {
            enabled: status.google.enabled.unwrap_or_default(),
            ..MethodState::default()
        },
        sms: MethodState {
            enabled: status.sms.enabled.unwrap_or_default(),
            phone: present(status.sms.phone),
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

/// The CG answers of the `/v2/user/mfa/` calls that change a method: enable (the authenticator
/// key, under any of the spellings the contract lists), `verify_installation` (recovery codes
/// with the first method), and those that only acknowledge with a `status`. One type for all.
#[derive(Deserialize)]
struct CgMfa {
    // Read for its type only: a `status` that is not a string is not an acknowledgement.
    #[serde(rename = "status")]
    _status: Option<String>,
    #[serde(alias = "secret", alias = "key")]
    otp_secret: Option<String>,
    #[serde(alias = "otp_provisioning_uri", alias = "uri")]
    provisioning_uri: Option<String>,
    recovery_codes: Option<Vec<String>>,
}

/// Parses the CG answer to `PUT /v2/user/mfa/enable?method=totp`.
pub fn cg_totp_key(body: &str) -> Result<TotpKey, WireError> {
    let reply: CgMfa = from_object(body)?;
    let key = present(reply.otp_secret)
        .filter(|k| crate::domain::secret_key::is_base32_key(k))
        .ok_or_else(|| WireError("no usable authenticator key".into()))?;
    Ok(TotpKey {
        key,
        uri: otpauth_only(reply.provisioning_uri),
    })
}

/// Parses the CG answer to `verify_installation`: recovery codes come with the first method.
pub fn cg_verified(body: &str) -> Result<Option<Vec<String>>, WireError> {
    let reply: CgMfa = from_object(body)?;
    let codes: Vec<String> = reply
        .recovery_codes
        .unwrap_or_default()
        .into_iter()
        .filter_map(|c| present(Some(c)))
        .take(100)
        .collect();
    Ok((!codes.is_empty()).then_some(codes))
}

/// The outcome of checking a phone number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneCheck {
    pub valid: bool,
    /// The number as it should be shown ("(202) 555-0143" or E.164).
    pub display: Option<String>,
    pub message: Option<String>,
}

/// The CG answer to `lookup_phone_number`.
#[derive(Deserialize)]
struct CgPhoneCheck {
    valid: Option<bool>,
    phone_number: Option<String>,
    national_format: Option<String>,
    message: Option<String>,
}

/// Parses the CG answer to `lookup_phone_number`.
pub fn cg_phone_check(body: &str) -> Result<PhoneCheck, WireError> {
    let reply: CgPhoneCheck = from_object(body)?;
    Ok(PhoneCheck {
        valid: reply.valid.unwrap_or_default(),
        display: present(reply.phone_number).or(present(reply.national_format)),
        message: present(reply.message),
    })
}

/// The CG recovery-codes answer as an object (it may also be the bare list).
#[derive(Deserialize)]
struct CgRecoveryList {
    recovery_codes: Option<Vec<CgRecoveryCode>>,
    generated_at: Option<String>,
}

/// One recovery code of a list: a string, or `{"code", "used_at", "used"}`.
enum CgRecoveryCode {
    Plain(String),
    Listed(CgListedCode),
}

#[derive(Deserialize)]
struct CgListedCode {
    code: Option<String>,
    used_at: Option<String>,
    used: Option<bool>,
}

// By hand rather than `untagged`, which would buffer every code before reading it.
impl<'de> Deserialize<'de> for CgRecoveryCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CodeVisitor;

        impl<'de> Visitor<'de> for CodeVisitor {
            type Value = CgRecoveryCode;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a recovery code or an object with one")
            }

            fn visit_str<E: de::Error>(self, code: &str) -> Result<CgRecoveryCode, E> {
                Ok(CgRecoveryCode::Plain(code.to_string()))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<CgRecoveryCode, A::Error> {
                CgListedCode::deserialize(de::value::MapAccessDeserializer::new(map)).map(CgRecoveryCode::Listed)
            }
        }

        deserializer.deserialize_any(CodeVisitor)
    }
}

impl CgRecoveryCode {
    fn into_code(self) -> Option<RecoveryCode> {
        let (code, used) = match self {
            CgRecoveryCode::Plain(code) => (code, false),
            CgRecoveryCode::Listed(CgListedCode { code, used_at, used }) => {
                (code?, used.unwrap_or_default() || present(used_at).is_some())
            }
        };
        present(Some(code)).map(|code| RecoveryCode { code, used })
    }
}

/// Parses the CG recovery-codes answers (generate and list): objects with `used_at`, or strings,
/// in an object `{"recovery_codes": [..], "generated_at": ..}` or as a bare list.
pub fn cg_recovery_codes(body: &str) -> Result<RecoveryCodes, WireError> {
    let (items, generated_at) = if body.trim_start_matches(JSON_SPACE).starts_with('[') {
        (from_json::<Vec<CgRecoveryCode>>(body)?, None)
    } else {
        let list: CgRecoveryList = from_object(body)?;
        (list.recovery_codes.unwrap_or_default(), present(list.generated_at))
    };
    let codes = items
        .into_iter()
        .filter_map(CgRecoveryCode::into_code)
        .take(100)
        .collect();
    Ok(RecoveryCodes { codes, generated_at })
}

/// Parses the CG answer to `sign_in_with_recovery_code`: the token and the codes left.
pub fn cg_recovery_sign_in(body: &str) -> Result<(String, Option<u32>), WireError> {
    let reply: CgSignIn = from_object(body)?;
    let token = present(reply.token).ok_or_else(|| WireError("no token".into()))?;
    Ok((token, reply.recovery_codes_left))
}

/// Parses a `{"token": ".."}` answer (the second step of sign-in).
pub fn token(body: &str) -> Result<String, WireError> {
    match cg_sign_in(body)? {
        SignInReply::Token(token) => Ok(token),
        SignInReply::SecondFactor(_) => Err(WireError("a second challenge instead of a token".into())),
    }
}

/// Parses the CG answers that only acknowledge: an empty body or a JSON object whose `status`, if
/// any, is a string. Anything else is not understood, so a broken answer is never taken for a
/// success.
pub fn cg_acknowledged(body: &str) -> Result<(), WireError> {
    if body.trim().is_empty() {
        return Ok(());
    }
    from_object::<CgMfa>(body).map(|_| ())
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
        let mixed = cg_recovery_codes(r#" [{"code":"aaaaa-bbbbb","used":true},"ccccc-ddddd"]"#).expect("parses");
        assert_eq!((mixed.codes.len(), mixed.left()), (2, 1));
        let odd = cg_recovery_codes(r#"{"recovery_codes":["aaaaa-bbbbb",5]}"#).expect_err("a number is no code");
        assert!(
            odd.0.contains("expected a recovery code or an object with one"),
            "{}",
            odd.0
        );
        assert!(cg_recovery_codes("[null]").is_err());
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

    #[test]
    fn a_wrong_type_says_what_was_expected() {
        let flag = cg_me(r#"{"two_factor_authentication":{"otp_sms_enabled":"yes"}}"#).expect_err("not a flag");
        assert!(
            flag.0.contains(r#"invalid type: string "yes", expected a boolean"#),
            "{}",
            flag.0
        );
        let token = cg_sign_in(r#"{"token": 5}"#).expect_err("not a string");
        assert!(
            token.0.contains("invalid type: integer `5`, expected a string"),
            "{}",
            token.0
        );
        let count = cg_recovery_sign_in(r#"{"token":"t","recovery_codes_left":-1}"#).expect_err("not a count");
        assert!(count.0.contains("expected u32"), "{}", count.0);
        // serde would fill a struct from a list; an answer must be an object.
        assert_eq!(
            cg_sign_in(r#"["t"]"#),
            Err(WireError("the answer is not a JSON object".into()))
        );
    }

    #[test]
    fn null_reads_as_absent() {
        let status = cg_me(
            r#"{"email":null,"first_name":null,"two_factor_authentication":{"otp_sms_enabled":null,"otp_phone":null}}"#,
        )
        .expect("parses");
        assert_eq!(status.email, None);
        assert!(!status.sms.enabled);
        assert!(cg_me(r#"{"two_factor_authentication":null}"#).is_ok_and(|s| !s.two_factor_enabled()));
        assert!(b2core_status(r#"{"google":null,"sms":{"enabled":null}}"#).is_ok_and(|s| !s.two_factor_enabled()));
        assert_eq!(
            cg_sign_in(r#"{"token":null,"otp_session_state":"s","otp_methods":null,"otp_default_method":null}"#),
            Ok(SignInReply::SecondFactor(Challenge {
                state: "s".into(),
                methods: vec![Method::Totp],
                sms_sent: false
            }))
        );
    }

    #[test]
    fn only_an_empty_list_reads_as_an_empty_object() {
        assert!(b2core_status(r#"{"google":[],"sms":[]}"#).is_ok_and(|s| !s.two_factor_enabled()));
        let error = b2core_status(r#"{"google":[{"enabled":true}]}"#).expect_err("a list with items");
        assert!(
            error.0.contains("expected an object, null or an empty list"),
            "{}",
            error.0
        );
        assert!(b2core_status(r#"{"sms":"on"}"#).is_err());
    }
}
