//! The B2Core front API adapter: sign-in, status, and the enable/disable wizards.

use super::envelope::{parse_envelope, Envelope, Workflow};
use super::{
    malformed, wire, wrong_credentials, Api, ApiError, Auth, Capabilities, Challenge, CodeChallenge, Credentials,
    DisableStart, SignInReply, SmsEnrollment, TotpEnrollment, TotpKey,
};
use crate::domain::account::{AccountStatus, Method};
use crate::domain::secret_key::{is_base32_key, otpauth_uri};
use serde::Serialize;

/// B2Core has neither recovery codes nor a default method, and checks phones itself.
pub const CAPABILITIES: Capabilities = Capabilities {
    recovery_codes: false,
    default_method: false,
    phone_lookup: false,
    sign_in_sms: false,
};
pub const SIGN_OUT_PATH: &str = "/api/v2/signout";
const WIZARD_PATH: &str = "/api/v2/my/2fa/wizard";

/// The code step of sign-in.
#[derive(Serialize)]
struct SignInCode<'a> {
    uuid: &'a str,
    code: &'a str,
}

/// A code for a wizard step; the authenticator setup sends its key along.
#[derive(Serialize)]
struct WizardCode<'a> {
    uuid: &'a str,
    action: &'static str,
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'a str>,
}

/// The phone number of a text-message setup.
#[derive(Serialize)]
struct WizardPhone<'a> {
    uuid: &'a str,
    phone: &'a str,
}

fn kind(method: Method) -> &'static str {
    match method {
        Method::Totp => "google",
        Method::Sms => "sms",
    }
}

pub async fn sign_in(api: &Api, email: &str, password: &str) -> Result<SignInReply, ApiError> {
    let answer = api
        .post("/api/v2/signin", &Credentials { email, password }, Auth::Anonymous)
        .await;
    wire::b2core_sign_in(&answer.map_err(wrong_credentials)?).map_err(malformed)
}

pub async fn sign_in_code(api: &Api, challenge: &Challenge, method: Method, code: &str) -> Result<String, ApiError> {
    let body = SignInCode {
        uuid: &challenge.state,
        code,
    };
    let path = format!("/api/v2/signin/2fa/{}", kind(method));
    let answer = api.post(&path, &body, Auth::Anonymous).await;
    wire::token(&answer.map_err(wrong_credentials)?).map_err(malformed)
}

/// B2Core sends the sign-in text itself when it asks for it; there is no separate "send" call.
pub async fn send_sign_in_sms(_api: &Api, _challenge: &Challenge) -> Result<(), ApiError> {
    Err(ApiError::ServerTextsItself)
}

pub async fn status(api: &Api) -> Result<AccountStatus, ApiError> {
    let body = api.send("GET", "/api/v2/my/2fa", &[], None, Auth::Bearer).await?;
    wire::b2core_status(&body).map_err(malformed)
}

/// Starts a wizard.
async fn open_wizard(api: &Api, path: &str) -> Result<Envelope, ApiError> {
    let answer = api.send("GET", path, &[], None, Auth::Bearer).await?;
    parse_envelope(&answer).map_err(malformed)
}

/// Answers the current step of a wizard.
async fn wizard_step<B: Serialize>(api: &Api, body: &B) -> Result<Envelope, ApiError> {
    let answer = api.post(WIZARD_PATH, body, Auth::Bearer).await?;
    parse_envelope(&answer).map_err(malformed)
}

/// Turns a step this app cannot follow into a message.
fn unexpected(step: &Envelope) -> ApiError {
    match &step.workflow {
        Workflow::Unknown(name) => ApiError::UnsupportedStep(name.clone()),
        _ => ApiError::Malformed,
    }
}

pub async fn start_totp(api: &Api) -> Result<TotpEnrollment, ApiError> {
    let step = open_wizard(api, "/api/v2/my/2fa/google/enable/wizard").await?;
    if step.workflow != Workflow::Google {
        return Err(unexpected(&step));
    }
    let key = step.key().filter(|k| is_base32_key(k)).ok_or(ApiError::Malformed)?;
    let uri = Some(otpauth_uri(&api.config().issuer, &api.config().issuer, &key));
    Ok(TotpEnrollment {
        // The server's `qr` image is not used: the page draws the code from this URI itself.
        key: TotpKey { uri, key },
        handle: step.uuid,
    })
}

pub async fn confirm_totp(api: &Api, setup: &TotpEnrollment, code: &str) -> Result<Option<Vec<String>>, ApiError> {
    let body = WizardCode {
        uuid: &setup.handle,
        action: "code",
        code,
        key: Some(&setup.key.key),
    };
    finish(wizard_step(api, &body).await?).map(|()| None)
}

pub async fn start_sms(
    api: &Api,
    country_code: &str,
    national: &str,
    display: &str,
) -> Result<SmsEnrollment, ApiError> {
    let step = open_wizard(api, "/api/v2/my/2fa/sms/enable/wizard").await?;
    if step.workflow != Workflow::SmsPhoneCreate {
        return Err(unexpected(&step));
    }
    let body = WizardPhone {
        uuid: &step.uuid,
        phone: &format!("{country_code}{national}"),
    };
    let sent = wizard_step(api, &body).await?;
    if sent.workflow != Workflow::Phone {
        return Err(unexpected(&sent));
    }
    Ok(SmsEnrollment {
        destination: sent.destination().unwrap_or_else(|| display.to_string()),
        expires_at_ms: sent.expires_at_ms(),
        country_code: country_code.to_string(),
        national: national.to_string(),
        handle: sent.uuid,
    })
}

/// Sends a code to a wizard step; the wizard must end.
pub async fn confirm_code(api: &Api, handle: &str, code: &str) -> Result<(), ApiError> {
    let body = WizardCode {
        uuid: handle,
        action: "code",
        code,
        key: None,
    };
    finish(wizard_step(api, &body).await?)
}

fn finish(step: Envelope) -> Result<(), ApiError> {
    match step.workflow {
        _ if step.finished() => Ok(()),
        Workflow::Google | Workflow::Phone | Workflow::Email => Err(ApiError::WrongCode),
        _ => Err(unexpected(&step)),
    }
}

pub async fn start_disable(api: &Api, method: Method) -> Result<DisableStart, ApiError> {
    let path = format!("/api/v2/my/2fa/{}/disable/wizard", kind(method));
    let step = open_wizard(api, &path).await?;
    if step.finished() {
        return Ok(DisableStart::Done);
    }
    match step.workflow {
        Workflow::Phone | Workflow::Email | Workflow::Google => Ok(DisableStart::Code(CodeChallenge {
            destination: step.destination(),
            expires_at_ms: step.expires_at_ms(),
            handle: step.uuid,
        })),
        _ => Err(unexpected(&step)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(json: &str) -> Envelope {
        parse_envelope(json).expect("a wizard step")
    }

    #[test]
    fn a_step_left_open_or_unknown_is_a_typed_reason() {
        let still_asking = step(r#"{"uuid":"u","workflow":"2fa_google","done":false}"#);
        assert_eq!(finish(still_asking), Err(ApiError::WrongCode));
        let captcha = step(r#"{"uuid":"u","workflow":"captcha","done":false}"#);
        assert_eq!(finish(captcha), Err(ApiError::UnsupportedStep("captcha".into())));
    }
}
