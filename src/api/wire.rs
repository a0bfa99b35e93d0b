//! Tolerant parsers of the backends' JSON answers: unknown fields are ignored, missing optional
//! fields default, and anything else is a typed error, never a panic. No browser types here.

use crate::domain::account::{AccountStatus, Method, MethodState};
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// An answer that could not be understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireError(pub String);

fn parse<T: DeserializeOwned>(body: &str) -> Result<T, WireError> {
    serde_json::from_str(body).map_err(|e| WireError(e.to_string()))
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
}

#[derive(Deserialize)]
struct CgSignIn {
    token: Option<String>,
    otp_session_state: Option<String>,
    #[serde(default)]
    otp_methods: Vec<String>,
    otp_default_method: Option<String>,
}

/// Parses the CG answer to `POST /auth/sign_in`.
pub fn cg_sign_in(body: &str) -> Result<SignInReply, WireError> {
    let reply: CgSignIn = parse(body)?;
    if let Some(token) = present(reply.token) {
        return Ok(SignInReply::Token(token));
    }
    let state = present(reply.otp_session_state)
        .ok_or_else(|| WireError("neither a token nor a second-factor challenge".into()))?;
    let mut methods: Vec<Method> = reply.otp_methods.iter().filter_map(|m| Method::from_wire(m)).collect();
    if let Some(default) = reply.otp_default_method.as_deref().and_then(Method::from_wire) {
        methods.retain(|m| *m != default);
        methods.insert(0, default);
    }
    methods.dedup();
    if methods.is_empty() {
        methods.push(Method::Totp);
    }
    Ok(SignInReply::SecondFactor(Challenge { state, methods }))
}

#[derive(Deserialize)]
struct CgMe {
    email: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    #[serde(default)]
    two_factor_authentication: CgTwoFactor,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CgTwoFactor {
    otp_sms_enabled: bool,
    otp_totp_enabled: bool,
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
    let me: CgMe = parse(body)?;
    let tfa = me.two_factor_authentication;
    let name = [present(me.first_name), present(me.last_name)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let default_method = tfa
        .otp_default_method
        .as_deref()
        .and_then(Method::from_wire)
        .filter(|m| match m {
            Method::Totp => tfa.otp_totp_enabled,
            Method::Sms => tfa.otp_sms_enabled,
        });
    Ok(AccountStatus {
        email: present(me.email),
        display_name: (!name.is_empty()).then_some(name),
        totp: MethodState {
            enabled: tfa.otp_totp_enabled,
            phone: None,
            enabled_at: present(tfa.otp_totp_enabled_at),
        },
        sms: MethodState {
            enabled: tfa.otp_sms_enabled,
            phone: present(tfa.otp_phone),
            enabled_at: present(tfa.otp_sms_enabled_at),
        },
        default_method,
        last_used_at: present(tfa.otp_last_used_at),
        recovery_codes_left: tfa.recovery_codes_left,
        recovery_codes_generated_at: present(tfa.recovery_codes_generated_at),
    })
}

#[derive(Deserialize)]
struct B2SignIn {
    token: Option<String>,
    workflow: Option<String>,
    uuid: Option<String>,
}

/// Parses the B2Core answer to `POST /api/v2/signin`.
pub fn b2core_sign_in(body: &str) -> Result<SignInReply, WireError> {
    let reply: B2SignIn = parse(body)?;
    if let Some(token) = present(reply.token) {
        return Ok(SignInReply::Token(token));
    }
    let state = present(reply.uuid).ok_or_else(|| WireError("neither a token nor a wizard uuid".into()))?;
    let workflow = reply.workflow.unwrap_or_default();
    let method = Method::from_wire(&workflow).ok_or_else(|| WireError(format!("unknown workflow {workflow:?}")))?;
    Ok(SignInReply::SecondFactor(Challenge { state, methods: vec![method] }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct B2Method {
    enabled: bool,
    phone: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct B2Status {
    google: B2Method,
    sms: B2Method,
}

/// Parses the B2Core answer to `GET /api/v2/my/2fa`.
pub fn b2core_status(body: &str) -> Result<AccountStatus, WireError> {
    let status: B2Status = parse(body)?;
    Ok(AccountStatus {
        totp: MethodState { enabled: status.google.enabled, ..MethodState::default() },
        sms: MethodState { enabled: status.sms.enabled, phone: present(status.sms.phone), enabled_at: None },
        ..AccountStatus::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_with_token() {
        assert_eq!(cg_sign_in(r#"{"token":"abc","extra":true}"#), Ok(SignInReply::Token("abc".into())));
    }

    #[test]
    fn sign_in_challenge_puts_default_first() {
        let reply = cg_sign_in(
            r#"{"otp_session_state":"s1","otp_methods":["totp","sms","carrier-pigeon"],"otp_default_method":"sms"}"#,
        );
        assert_eq!(
            reply,
            Ok(SignInReply::SecondFactor(Challenge { state: "s1".into(), methods: vec![Method::Sms, Method::Totp] }))
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
            b2core_sign_in(r#"{"workflow":"2fa_sms","uuid":"u-1"}"#),
            Ok(SignInReply::SecondFactor(Challenge { state: "u-1".into(), methods: vec![Method::Sms] }))
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
}
