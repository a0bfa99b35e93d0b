//! The B2Core front API adapter: sign-in, status, and the enable/disable wizards.

use super::envelope::{parse_envelope, Envelope, Workflow};
use super::{
    malformed, wire, wrong_credentials, Api, ApiError, Auth, Capabilities, Challenge, CodeChallenge, Credentials,
    DisableStart, SignInReply, SmsEnrollment, TotpEnrollment, TotpKey,
};
use crate::domain::account::{AccountStatus, Confirmation, Method, StepUpMethods};
use crate::domain::secret_key::{is_base32_key, otpauth_uri};
use serde::Serialize;

/// B2Core has neither recovery codes nor a default method, checks phones itself, and texts
/// codes when a step asks for them.
pub const CAPABILITIES: Capabilities = Capabilities {
    recovery_codes: false,
    default_method: false,
    phone_lookup: false,
    sign_in_sms: false,
    step_up_sms: false,
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

/// Opens the enable wizard of `method`; with a confirmation, answers instead the step-up step of
/// the wizard held open for it. A wizard that first asks for a current code of the factor that
/// is on (`2fa_google`, or `phone` with a code texted) is held, and the person asked to confirm.
async fn enable_wizard(api: &Api, method: Method, confirm: Option<&Confirmation>) -> Result<Envelope, ApiError> {
    let held = api.take_held_wizard();
    let step = match (confirm, held) {
        (Some(confirmation), Some(uuid)) => {
            let body = WizardCode {
                uuid: &uuid,
                action: "code",
                code: &confirmation.code,
                key: None,
            };
            let answer = wizard_step(api, &body).await;
            if answer.is_err() {
                // A wrong code or a rate limit: the same step asks again.
                api.hold_wizard(uuid);
            }
            answer?
        }
        _ => open_wizard(api, &format!("/api/v2/my/2fa/{}/enable/wizard", kind(method))).await?,
    };
    match asks_to_confirm(method, &step.workflow) {
        Some(methods) => {
            api.hold_wizard(step.uuid);
            Err(ApiError::StepUp(methods))
        }
        None => Ok(step),
    }
}

/// The factor an enable wizard's step asks a code of before the change, when it is one: the
/// authenticator's before adding text messages, a texted code before adding the authenticator.
fn asks_to_confirm(adding: Method, workflow: &Workflow) -> Option<StepUpMethods> {
    let (totp, sms) = match (adding, workflow) {
        (Method::Sms, Workflow::Google) => (true, false),
        (Method::Totp, Workflow::Phone) => (false, true),
        _ => return None,
    };
    Some(StepUpMethods {
        totp,
        sms,
        recovery: false,
    })
}

pub async fn start_totp(api: &Api, confirm: Option<&Confirmation>) -> Result<TotpEnrollment, ApiError> {
    let step = enable_wizard(api, Method::Totp, confirm).await?;
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
    confirm: Option<&Confirmation>,
) -> Result<SmsEnrollment, ApiError> {
    let step = enable_wizard(api, Method::Sms, confirm).await?;
    if step.workflow != Workflow::SmsPhoneCreate {
        return Err(unexpected(&step));
    }
    send_phone(api, step.uuid, country_code, national, display).await
}

/// Texts the code again: the same number to the same wizard, which asks for no new confirmation.
pub async fn resend_sms(api: &Api, setup: &SmsEnrollment) -> Result<SmsEnrollment, ApiError> {
    send_phone(
        api,
        setup.handle.clone(),
        &setup.country_code,
        &setup.national,
        &setup.destination,
    )
    .await
}

/// Gives the wizard `uuid` the number to text the code to.
async fn send_phone(
    api: &Api,
    uuid: String,
    country_code: &str,
    national: &str,
    display: &str,
) -> Result<SmsEnrollment, ApiError> {
    let body = WizardPhone {
        uuid: &uuid,
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

    #[test]
    fn an_enable_wizard_that_first_asks_for_the_other_factor_is_a_step_up() {
        let totp_first = asks_to_confirm(Method::Sms, &Workflow::Google).expect("a step-up");
        assert!(totp_first.totp && !totp_first.sms && !totp_first.recovery);
        let texted_first = asks_to_confirm(Method::Totp, &Workflow::Phone).expect("a step-up");
        assert!(texted_first.sms && !texted_first.totp);
        // The wizards' own steps are not: the number to add, the key to scan.
        assert_eq!(asks_to_confirm(Method::Sms, &Workflow::SmsPhoneCreate), None);
        assert_eq!(asks_to_confirm(Method::Totp, &Workflow::Google), None);
        assert_eq!(asks_to_confirm(Method::Sms, &Workflow::Phone), None);
    }
}
