//! The one client surface the pages use. Each call is translated to the configured dialect by
//! [`cg`] or [`b2core`]; pages never look at the dialect, only at [`Capabilities`].

pub mod b2core;
pub mod cg;
pub mod envelope;
pub mod error;
pub mod http;
pub mod wire;

use crate::config::{Config, Dialect};
use crate::domain::account::{AccountStatus, Confirmation, Method};
use crate::domain::recovery::RecoveryCodes;
use crate::session::{Notice, Session};
pub use error::ApiError;
use serde::Serialize;
use std::sync::{Arc, Mutex};
pub use wire::{Challenge, PhoneCheck, SignInReply, TotpKey};

/// A pending authenticator-app setup.
#[derive(Clone, Debug, PartialEq)]
pub struct TotpEnrollment {
    pub key: TotpKey,
    /// The wizard that must see the code (B2Core); empty for CG.
    handle: String,
}

/// A pending text-message setup: a code was sent to `destination`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SmsEnrollment {
    pub destination: String,
    /// When the sent code expires (ms since the epoch), when known.
    pub expires_at_ms: Option<f64>,
    country_code: String,
    national: String,
    handle: String,
}

#[cfg(test)]
impl SmsEnrollment {
    /// A setup texted to `destination`, for the tests of the steps that show one.
    pub fn texted(destination: &str, expires_at_ms: Option<f64>) -> Self {
        SmsEnrollment {
            destination: destination.into(),
            expires_at_ms,
            country_code: String::new(),
            national: String::new(),
            handle: String::new(),
        }
    }
}

/// A code the server asks for before it turns a method off.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeChallenge {
    /// Where the code was sent (masked phone or email); `None` for an authenticator code.
    pub destination: Option<String>,
    pub expires_at_ms: Option<f64>,
    handle: String,
}

/// The first answer to "turn off".
#[derive(Clone, Debug, PartialEq)]
pub enum DisableStart {
    /// Turned off at once.
    Done,
    /// A code is needed.
    Code(CodeChallenge),
}

/// What the backend offers beyond turning methods on and off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capabilities {
    pub recovery_codes: bool,
    pub default_method: bool,
    pub phone_lookup: bool,
    /// Sign-in can ask the server to send (or resend) a text-message code.
    pub sign_in_sms: bool,
    /// "Confirm it's you" can ask the server to text a code; otherwise the server texted one
    /// when it asked for the confirmation.
    pub step_up_sms: bool,
}

/// The `Accept-Language` of a request, from the configured locale: the caller knows the language
/// the page speaks now.
pub type AcceptLanguage = fn(Option<&str>) -> &str;

/// The API client: configuration plus the session whose token it sends.
#[derive(Clone)]
pub struct Api {
    config: Arc<Config>,
    session: Session,
    accept_language: AcceptLanguage,
    /// The B2Core wizard that waits at its step-up step: the confirmed repeat of the call
    /// answers that step instead of opening another wizard (which would text again). A lock
    /// because the client is shared through context, which wants `Sync`; nothing waits on it.
    held_wizard: Arc<Mutex<Option<String>>>,
}

/// How a request authenticates.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Auth {
    /// Sign-in calls: a 401 means wrong credentials, not an ended session.
    Anonymous,
    /// Calls of the signed-in user: a 401 ends the session.
    Bearer,
}

impl Api {
    pub fn new(config: Config, session: Session, accept_language: AcceptLanguage) -> Self {
        Api {
            config: Arc::new(config),
            session,
            accept_language,
            held_wizard: Arc::default(),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn session(&self) -> Session {
        self.session
    }

    /// Keeps the wizard that waits at its step-up step (see [`Api::held_wizard`]).
    fn hold_wizard(&self, uuid: String) {
        if let Ok(mut held) = self.held_wizard.lock() {
            *held = Some(uuid);
        }
    }

    /// Takes the wizard kept by [`Api::hold_wizard`], if any: each is answered once.
    fn take_held_wizard(&self) -> Option<String> {
        self.held_wizard.lock().ok()?.take()
    }

    pub fn capabilities(&self) -> Capabilities {
        match self.config.dialect {
            Dialect::Cg => cg::CAPABILITIES,
            Dialect::B2Core => b2core::CAPABILITIES,
        }
    }

    /// The password step of sign-in.
    pub async fn sign_in(&self, email: &str, password: &str) -> Result<SignInReply, ApiError> {
        match self.config.dialect {
            Dialect::Cg => cg::sign_in(self, email, password).await,
            Dialect::B2Core => b2core::sign_in(self, email, password).await,
        }
    }

    /// The signed-in user's two-factor status.
    pub async fn status(&self) -> Result<AccountStatus, ApiError> {
        match self.config.dialect {
            Dialect::Cg => cg::status(self).await,
            Dialect::B2Core => b2core::status(self).await,
        }
    }

    /// The password step of sign-in; a token starts the session here.
    pub async fn sign_in_password(&self, email: &str, password: &str) -> Result<Option<Challenge>, ApiError> {
        match self.sign_in(email, password).await? {
            SignInReply::Token(token) => {
                self.session.start(token);
                Ok(None)
            }
            SignInReply::SecondFactor(challenge) => Ok(Some(challenge)),
        }
    }

    /// The second-factor step of sign-in; success starts the session.
    pub async fn sign_in_code(&self, challenge: &Challenge, method: Method, code: &str) -> Result<(), ApiError> {
        let token = match self.config.dialect {
            Dialect::Cg => cg::sign_in_code(self, challenge, method, code).await,
            Dialect::B2Core => b2core::sign_in_code(self, challenge, method, code).await,
        }?;
        self.session.start(token);
        Ok(())
    }

    /// Sends a sign-in code by text message.
    pub async fn send_sign_in_sms(&self, challenge: &Challenge) -> Result<(), ApiError> {
        match self.config.dialect {
            Dialect::Cg => cg::send_sign_in_sms(self, challenge).await,
            Dialect::B2Core => b2core::send_sign_in_sms(self, challenge).await,
        }
    }

    /// Signs in with a recovery code; gives the number of codes left when the server says.
    pub async fn sign_in_recovery(&self, challenge: &Challenge, code: &str) -> Result<Option<u32>, ApiError> {
        let (token, left) = cg::sign_in_recovery(self, challenge, code).await?;
        self.session
            .start_with_notice(token, Notice::SignedInWithRecovery { left });
        Ok(left)
    }

    /// Starts an authenticator-app setup: a new key, pending until verified. `confirm` is the
    /// current code of another factor the server asked for ([`ApiError::StepUp`]).
    pub async fn start_totp(&self, confirm: Option<&Confirmation>) -> Result<TotpEnrollment, ApiError> {
        match self.config.dialect {
            Dialect::Cg => cg::start_totp(self, confirm).await,
            Dialect::B2Core => b2core::start_totp(self, confirm).await,
        }
    }

    /// Verifies the first code of a pending authenticator-app setup; gives the recovery codes when
    /// this was the account's first method.
    pub async fn confirm_totp(&self, setup: &TotpEnrollment, code: &str) -> Result<Option<Vec<String>>, ApiError> {
        match self.config.dialect {
            Dialect::Cg => cg::confirm(self, Method::Totp, code).await,
            Dialect::B2Core => b2core::confirm_totp(self, setup, code).await,
        }
    }

    /// Checks a phone number before anything is sent to it.
    pub async fn check_phone(&self, country_code: &str, national: &str) -> Result<PhoneCheck, ApiError> {
        match self.config.dialect {
            Dialect::Cg => cg::check_phone(self, country_code, national).await,
            Dialect::B2Core => Ok(PhoneCheck {
                valid: true,
                display: Some(format!("{country_code}{national}")),
                message: None,
            }),
        }
    }

    /// Starts a text-message setup: the server sends a code to the number. `confirm` as for
    /// [`Api::start_totp`].
    pub async fn start_sms(
        &self,
        country_code: &str,
        national: &str,
        display: &str,
        confirm: Option<&Confirmation>,
    ) -> Result<SmsEnrollment, ApiError> {
        match self.config.dialect {
            Dialect::Cg => cg::start_sms(self, country_code, national, display, confirm).await,
            Dialect::B2Core => b2core::start_sms(self, country_code, national, display, confirm).await,
        }
    }

    /// Sends the setup code again (the person asked; never automatic).
    pub async fn resend_sms(&self, setup: &SmsEnrollment) -> Result<SmsEnrollment, ApiError> {
        match self.config.dialect {
            Dialect::Cg => {
                self.start_sms(&setup.country_code, &setup.national, &setup.destination, None)
                    .await
            }
            Dialect::B2Core => b2core::resend_sms(self, setup).await,
        }
    }

    /// Verifies the code of a pending text-message setup.
    pub async fn confirm_sms(&self, setup: &SmsEnrollment, code: &str) -> Result<Option<Vec<String>>, ApiError> {
        match self.config.dialect {
            Dialect::Cg => cg::confirm(self, Method::Sms, code).await,
            Dialect::B2Core => b2core::confirm_code(self, &setup.handle, code).await.map(|()| None),
        }
    }

    /// Starts turning a method off: done at once, or a code is asked for (and sent, for SMS).
    pub async fn start_disable(&self, method: Method) -> Result<DisableStart, ApiError> {
        match self.config.dialect {
            Dialect::Cg => cg::start_disable(self, method).await,
            Dialect::B2Core => b2core::start_disable(self, method).await,
        }
    }

    /// Turns a method off with the code asked for.
    pub async fn confirm_disable(&self, method: Method, challenge: &CodeChallenge, code: &str) -> Result<(), ApiError> {
        match self.config.dialect {
            Dialect::Cg => cg::disable(self, method, code).await,
            Dialect::B2Core => b2core::confirm_code(self, &challenge.handle, code).await,
        }
    }

    /// Makes a method the default one (where [`Capabilities::default_method`]).
    pub async fn set_default(&self, method: Method) -> Result<(), ApiError> {
        cg::set_default(self, method).await
    }

    /// Replaces the recovery codes with a new set (where [`Capabilities::recovery_codes`]).
    pub async fn generate_recovery_codes(&self, confirm: Option<&Confirmation>) -> Result<RecoveryCodes, ApiError> {
        cg::recovery_codes(self, "PUT", confirm).await
    }

    /// Lists the recovery codes, used ones marked.
    pub async fn recovery_codes(&self, confirm: Option<&Confirmation>) -> Result<RecoveryCodes, ApiError> {
        cg::recovery_codes(self, "GET", confirm).await
    }

    /// Texts the signed-in user a code that confirms a change (step-up) or turns SMS off.
    pub async fn send_account_sms(&self) -> Result<(), ApiError> {
        cg::send_account_sms(self).await
    }

    /// Ends the session on the server (best effort) and always forgets the token here.
    pub async fn sign_out(&self) {
        let path = match self.config.dialect {
            Dialect::Cg => cg::SIGN_OUT_PATH,
            Dialect::B2Core => b2core::SIGN_OUT_PATH,
        };
        // The token is gone locally whatever the server says: an error changes nothing for the person.
        let _ = self.send("DELETE", path, &[], None, Auth::Bearer).await;
        self.session.end();
    }

    /// Posts `body` as JSON.
    async fn post<B: Serialize>(&self, path: &str, body: &B, auth: Auth) -> Result<String, ApiError> {
        // Only fails for maps with keys that are not strings, which no request body has.
        let body = serde_json::to_string(body).map_err(|_| ApiError::Malformed)?;
        self.send("POST", path, &[], Some(body), auth).await
    }

    /// Sends a request with the configured headers; a 401 on a signed-in call ends the session.
    async fn send(
        &self,
        method: &str,
        path: &str,
        query: &[(&str, &str)],
        body: Option<String>,
        auth: Auth,
    ) -> Result<String, ApiError> {
        let url = format!("{}{}", self.config.api_base, path);
        let token = match auth {
            Auth::Bearer => Some(self.session.token().ok_or(ApiError::Unauthorized)?),
            Auth::Anonymous => None,
        };
        let bearer = token.map(|t| format!("Bearer {t}"));
        let language = (self.accept_language)(self.config.locale.as_deref());
        let mut headers: Vec<(&str, &str)> = vec![("Accept", "application/json"), ("Accept-Language", language)];
        if body.is_some() {
            headers.push(("Content-Type", "application/json"));
        }
        if let Some(key) = self.config.api_key.as_deref() {
            headers.push(("x-api-key", key));
        }
        if let Some(bearer) = bearer.as_deref() {
            headers.push(("Authorization", bearer));
        }
        let raw = http::send_with_query(
            method,
            &url,
            query,
            &headers,
            body.as_deref(),
            self.config.timeout,
            http::Audience::Api,
        )
        .await?;
        let result = error::check_status(raw, http::now_unix());
        if result == Err(ApiError::Unauthorized) && auth == Auth::Bearer {
            self.session.expire();
        }
        result
    }
}

/// Maps a parser failure to the error a person sees.
fn malformed(_: wire::WireError) -> ApiError {
    ApiError::Malformed
}

/// The password step of sign-in, in both dialects.
#[derive(Serialize)]
struct Credentials<'a> {
    email: &'a str,
    password: &'a str,
}

/// On sign-in a 401 means the email or password is wrong, not that a session ended.
fn wrong_credentials(error: ApiError) -> ApiError {
    match error {
        ApiError::Unauthorized => ApiError::WrongPassword,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::error::{check_status, RawResponse};
    use super::*;

    fn answer(status: u16, body: &str) -> Result<String, ApiError> {
        let raw = RawResponse {
            status,
            retry_after: None,
            body: body.into(),
        };
        check_status(raw, 0)
    }

    #[test]
    fn a_401_on_the_password_step_is_a_wrong_password_not_a_text() {
        assert_eq!(answer(401, "").map_err(wrong_credentials), Err(ApiError::WrongPassword));
        assert_eq!(
            answer(401, r#"{"error":"Invalid login"}"#).map_err(wrong_credentials),
            Err(ApiError::WrongPassword)
        );
        // The server's own words for other refusals are kept as it said them.
        assert_eq!(
            answer(422, r#"{"errors":["Account locked"]}"#).map_err(wrong_credentials),
            Err(ApiError::Rejected("Account locked".into()))
        );
        assert_eq!(
            answer(422, "<html>").map_err(wrong_credentials),
            Err(ApiError::NotAccepted)
        );
        assert_eq!(answer(503, "").map_err(wrong_credentials), Err(ApiError::Server(503)));
    }
}
