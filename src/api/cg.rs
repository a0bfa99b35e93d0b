//! The CG Scanning API V2 adapter: paths and bodies of that dialect.

use super::{
    malformed, wire, wrong_credentials, Api, ApiError, Auth, Capabilities, Challenge, CodeChallenge, Credentials,
    DisableStart, PhoneCheck, SignInReply, SmsEnrollment, TotpEnrollment,
};
use crate::domain::account::{AccountStatus, Confirmation, Method};
use crate::domain::recovery::RecoveryCodes;
use crate::domain::secret_key::otpauth_uri;
use serde::Serialize;

pub const CAPABILITIES: Capabilities = Capabilities {
    recovery_codes: true,
    default_method: true,
    phone_lookup: true,
    sign_in_sms: true,
    step_up_sms: true,
};
pub const SIGN_OUT_PATH: &str = "/auth/sign_out";

/// The second step of sign-in.
#[derive(Serialize)]
struct SecondFactor<'a> {
    otp_session_state: &'a str,
    otp_attempt: &'a str,
    method: &'a str,
}

/// Asks for a sign-in text; without a session state it goes to the signed-in user.
#[derive(Serialize)]
struct SendSms<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    otp_session_state: Option<&'a str>,
}

#[derive(Serialize)]
struct RecoverySignIn<'a> {
    otp_session_state: &'a str,
    recovery_code: &'a str,
}

pub async fn sign_in(api: &Api, email: &str, password: &str) -> Result<SignInReply, ApiError> {
    let answer = api
        .post("/auth/sign_in", &Credentials { email, password }, Auth::Anonymous)
        .await;
    wire::cg_sign_in(&answer.map_err(wrong_credentials)?).map_err(malformed)
}

pub async fn sign_in_code(api: &Api, challenge: &Challenge, method: Method, code: &str) -> Result<String, ApiError> {
    let body = SecondFactor {
        otp_session_state: &challenge.state,
        otp_attempt: code,
        method: method.wire_name(),
    };
    let answer = api.post("/auth/sign_in", &body, Auth::Anonymous).await;
    wire::token(&answer.map_err(expired_challenge)?).map_err(malformed)
}

pub async fn send_sign_in_sms(api: &Api, challenge: &Challenge) -> Result<(), ApiError> {
    let body = SendSms {
        otp_session_state: Some(&challenge.state),
    };
    let answer = api.post("/auth/mfa/send_sms_otp", &body, Auth::Anonymous).await;
    wire::cg_acknowledged(&answer.map_err(expired_challenge)?).map_err(malformed)
}

pub async fn sign_in_recovery(api: &Api, challenge: &Challenge, code: &str) -> Result<(String, Option<u32>), ApiError> {
    let body = RecoverySignIn {
        otp_session_state: &challenge.state,
        recovery_code: code,
    };
    let answer = api
        .post("/auth/sign_in_with_recovery_code", &body, Auth::Anonymous)
        .await;
    wire::cg_recovery_sign_in(&answer.map_err(expired_challenge)?).map_err(malformed)
}

/// During sign-in a 401 means the second-factor step expired.
fn expired_challenge(error: ApiError) -> ApiError {
    match error {
        ApiError::Unauthorized => ApiError::SignInExpired,
        other => other,
    }
}

pub async fn status(api: &Api) -> Result<AccountStatus, ApiError> {
    let body = api.send("GET", "/v2/user/me", &[], None, Auth::Bearer).await?;
    wire::cg_me(&body).map_err(malformed)
}

/// A query with the step-up fields of `confirm` added.
fn confirmed<'a>(mut query: Vec<(&'a str, &'a str)>, confirm: Option<&'a Confirmation>) -> Vec<(&'a str, &'a str)> {
    if let Some(confirm) = confirm {
        query.extend([("otp_method", confirm.method), ("otp_attempt", confirm.code.as_str())]);
    }
    query
}

pub async fn start_totp(api: &Api, confirm: Option<&Confirmation>) -> Result<TotpEnrollment, ApiError> {
    let query = confirmed(vec![("method", "totp")], confirm);
    let body = api
        .send("PUT", "/v2/user/mfa/enable", &query, None, Auth::Bearer)
        .await?;
    let mut key = wire::cg_totp_key(&body).map_err(malformed)?;
    if key.uri.is_none() {
        let account = status(api).await?.email.unwrap_or_default();
        key.uri = Some(otpauth_uri(&api.config().issuer, &account, &key.key));
    }
    Ok(TotpEnrollment {
        key,
        handle: String::new(),
    })
}

/// Verifies a pending method (`verify_installation`).
pub async fn confirm(api: &Api, method: Method, code: &str) -> Result<Option<Vec<String>>, ApiError> {
    let query = [("method", method.wire_name()), ("otp_attempt", code)];
    let body = api
        .send("PUT", "/v2/user/mfa/verify_installation", &query, None, Auth::Bearer)
        .await?;
    wire::cg_verified(&body).map_err(malformed)
}

pub async fn check_phone(api: &Api, country_code: &str, national: &str) -> Result<PhoneCheck, ApiError> {
    let query = [("phone_number", national), ("country_code", country_code)];
    let body = api
        .send("GET", "/v2/user/mfa/lookup_phone_number", &query, None, Auth::Bearer)
        .await?;
    wire::cg_phone_check(&body).map_err(malformed)
}

/// How long a CG text-message code is valid (the API does not say; the reference server uses this).
const SMS_CODE_LIFETIME_MS: f64 = 10.0 * 60.0 * 1000.0;

pub async fn start_sms(
    api: &Api,
    country_code: &str,
    national: &str,
    display: &str,
    confirm: Option<&Confirmation>,
) -> Result<SmsEnrollment, ApiError> {
    let query = confirmed(
        vec![
            ("method", "sms"),
            ("phone_number", national),
            ("country_code", country_code),
        ],
        confirm,
    );
    let body = api
        .send("PUT", "/v2/user/mfa/enable", &query, None, Auth::Bearer)
        .await?;
    wire::cg_acknowledged(&body).map_err(malformed)?;
    Ok(SmsEnrollment {
        destination: display.to_string(),
        expires_at_ms: Some(js_sys::Date::now() + SMS_CODE_LIFETIME_MS),
        country_code: country_code.to_string(),
        national: national.to_string(),
        handle: String::new(),
    })
}

pub async fn start_disable(api: &Api, method: Method) -> Result<DisableStart, ApiError> {
    let destination = match method {
        Method::Totp => None,
        Method::Sms => {
            send_account_sms(api).await?;
            Some(status(api).await?.sms.phone.unwrap_or_else(|| "your phone".into()))
        }
    };
    let expires_at_ms = destination.as_ref().map(|_| js_sys::Date::now() + SMS_CODE_LIFETIME_MS);
    Ok(DisableStart::Code(CodeChallenge {
        destination,
        expires_at_ms,
        handle: String::new(),
    }))
}

/// "Send SMS OTP" without a sign-in state: a code for the signed-in user.
pub async fn send_account_sms(api: &Api) -> Result<(), ApiError> {
    let body = SendSms {
        otp_session_state: None,
    };
    let answer = api.post("/auth/mfa/send_sms_otp", &body, Auth::Bearer).await?;
    wire::cg_acknowledged(&answer).map_err(malformed)
}

pub async fn disable(api: &Api, method: Method, code: &str) -> Result<(), ApiError> {
    let query = [("method", method.wire_name()), ("otp_attempt", code)];
    let body = api
        .send("PUT", "/v2/user/mfa/disable", &query, None, Auth::Bearer)
        .await?;
    wire::cg_acknowledged(&body).map_err(malformed)
}

pub async fn set_default(api: &Api, method: Method) -> Result<(), ApiError> {
    let query = [("method", method.wire_name())];
    let body = api
        .send("PUT", "/v2/user/mfa/default_method", &query, None, Auth::Bearer)
        .await?;
    wire::cg_acknowledged(&body).map_err(malformed)
}

/// `PUT` generates a new set, `GET` lists the current one: both answer with the codes.
pub async fn recovery_codes(
    api: &Api,
    method: &str,
    confirm: Option<&Confirmation>,
) -> Result<RecoveryCodes, ApiError> {
    let query = confirmed(Vec::new(), confirm);
    let body = api
        .send(method, "/v2/user/mfa/recovery_codes", &query, None, Auth::Bearer)
        .await?;
    wire::cg_recovery_codes(&body).map_err(malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_401_on_the_second_factor_step_is_an_expired_sign_in() {
        assert_eq!(expired_challenge(ApiError::Unauthorized), ApiError::SignInExpired);
        assert_eq!(expired_challenge(ApiError::Timeout), ApiError::Timeout);
        let server = ApiError::Rejected("Invalid code".into());
        assert_eq!(expired_challenge(server.clone()), server);
    }
}
